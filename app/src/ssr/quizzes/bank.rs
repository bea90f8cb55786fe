//! The question bank of a program: the rules every question obeys (shared by the form and the
//! CSV import, so both say the same thing), and the queries that list, read, write, archive and
//! copy questions.

use crate::i18n::{text, text_with};
use crate::model::quizzes::{OptionRow, QuestionItem, QuestionRow, QUESTION_KINDS};
use crate::model::Lang;
use crate::ssr::db::{insert_numbered, update_and_clear_children, Db};

/// Longest prompt and feedback.
pub const MAX_PROMPT: usize = 5000;
/// Longest option or accepted answer.
pub const MAX_OPTION: usize = 500;
/// Most accepted answers of a short-answer question.
pub const MAX_ANSWERS: usize = 20;
/// Most tags on one question, and the longest tag.
pub const MAX_TAGS: usize = 10;
const MAX_TAG_LEN: usize = 40;
/// The labels of a true/false question's two options, in order.
pub const TRUE_LABEL: &str = "Benar";
pub const FALSE_LABEL: &str = "Salah";

/// A question that passed every check, ready to store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidQuestion {
    pub kind: String,
    pub prompt: String,
    pub feedback: String,
    /// Stored form: `,tag1,tag2,` or empty.
    pub tags: String,
    pub points: i64,
    /// Options in order with whether each is correct (for `short`: the accepted answers).
    pub options: Vec<(String, bool)>,
}

/// A question as entered, before checks. `options` keeps empty entries so that a correct mark
/// on an empty option can be reported.
#[derive(Clone, Debug, Default)]
pub struct QuestionDraft {
    pub kind: String,
    pub prompt: String,
    pub feedback: String,
    pub tags: String,
    pub points: String,
    pub options: Vec<(String, bool)>,
}

/// Which field a question message belongs to. Forms and the CSV import name their fields
/// differently; this is the form's names, the import maps them to its columns.
pub mod field {
    pub const KIND: &str = "kind";
    pub const PROMPT: &str = "prompt";
    pub const FEEDBACK: &str = "feedback";
    pub const TAGS: &str = "tags";
    pub const POINTS: &str = "points";
    pub const OPTIONS: &str = "options";
    pub const CORRECT: &str = "correct";
    pub const TF_ANSWER: &str = "tf_answer";
    pub const ANSWERS: &str = "answers";
}

/// Lower-cases and joins tags typed as `ICT, hots; literasi digital` into `,ict,hots,literasi-digital,`.
/// Spaces and underscores inside a tag become `-`; only letters, digits and `-` are allowed.
pub fn normalize_tags(input: &str) -> Result<String, &'static str> {
    let mut tags: Vec<String> = Vec::new();
    for raw in input.split([',', ';', '|', '\n']) {
        let tag: String = raw
            .trim()
            .to_lowercase()
            .split(|c: char| c.is_whitespace() || c == '_')
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join("-");
        if tag.is_empty() {
            continue;
        }
        if !tag.chars().all(|c| c.is_alphanumeric() || c == '-') {
            return Err("bank.tags_invalid");
        }
        if tag.chars().count() > MAX_TAG_LEN {
            return Err("bank.tag_too_long");
        }
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    if tags.len() > MAX_TAGS {
        return Err("bank.tags_too_many");
    }
    Ok(if tags.is_empty() {
        String::new()
    } else {
        format!(",{},", tags.join(","))
    })
}

/// The `like` pattern that finds questions tagged `tag` (`%` when no tag filter is given, or a
/// pattern that matches nothing when the tag cannot exist).
pub fn tag_pattern(tag: Option<&str>) -> String {
    match tag.map(str::trim).filter(|t| !t.is_empty()) {
        None => "%".to_string(),
        Some(t) => match normalize_tags(t) {
            Ok(stored) if !stored.is_empty() => {
                // Only the first tag filters.
                let first = stored
                    .trim_matches(',')
                    .split(',')
                    .next()
                    .unwrap_or_default();
                format!("%,{first},%")
            }
            _ => ",".to_string(),
        },
    }
}

/// Checks a question; the messages are in `lang`, keyed by the form's field names.
pub fn check_question(
    draft: &QuestionDraft,
    lang: Lang,
) -> Result<ValidQuestion, Vec<(&'static str, String)>> {
    let mut errors: Vec<(&'static str, String)> = Vec::new();
    let mut fail = |field: &'static str, message: String| {
        if !errors.iter().any(|(f, _)| *f == field) {
            errors.push((field, message));
        }
    };
    let too_long = |max: usize| text_with(lang, "form.too_long", &[("max", &max.to_string())]);
    let kind = draft.kind.trim().to_string();
    if !QUESTION_KINDS.contains(&kind.as_str()) {
        fail(field::KIND, text(lang, "bank.kind_invalid"));
    }
    let prompt = draft.prompt.trim().to_string();
    if prompt.is_empty() {
        fail(field::PROMPT, text(lang, "form.required"));
    } else if prompt.chars().count() > MAX_PROMPT {
        fail(field::PROMPT, too_long(MAX_PROMPT));
    }
    let feedback = draft.feedback.trim().to_string();
    if feedback.chars().count() > MAX_PROMPT {
        fail(field::FEEDBACK, too_long(MAX_PROMPT));
    }
    let tags = match normalize_tags(&draft.tags) {
        Ok(tags) => tags,
        Err(key) => {
            fail(field::TAGS, text(lang, key));
            String::new()
        }
    };
    let points_text = draft.points.trim();
    let points = if points_text.is_empty() {
        1
    } else {
        match points_text.parse::<i64>() {
            Ok(n) if (1..=100).contains(&n) => n,
            _ => {
                fail(field::POINTS, text(lang, "bank.points_range"));
                1
            }
        }
    };
    let mut options: Vec<(String, bool)> = Vec::new();
    let mut correct_on_empty = false;
    for (label, correct) in &draft.options {
        let label = label.trim();
        if label.is_empty() {
            correct_on_empty |= *correct;
        } else {
            options.push((label.to_string(), *correct));
        }
    }
    let correct = options.iter().filter(|(_, c)| *c).count();
    let duplicate = options.iter().enumerate().any(|(n, (label, _))| {
        options[..n]
            .iter()
            .any(|(other, _)| other.to_lowercase() == label.to_lowercase())
    });
    let long = options.iter().any(|(l, _)| l.chars().count() > MAX_OPTION);
    match kind.as_str() {
        "single" | "multiple" => {
            if options.len() < 2 {
                fail(field::OPTIONS, text(lang, "bank.options_at_least_two"));
            } else if long {
                fail(field::OPTIONS, too_long(MAX_OPTION));
            } else if duplicate {
                fail(field::OPTIONS, text(lang, "bank.options_duplicate"));
            }
            if correct_on_empty {
                fail(field::CORRECT, text(lang, "bank.correct_on_empty"));
            } else if kind == "single" && correct != 1 {
                fail(field::CORRECT, text(lang, "bank.single_one_correct"));
            } else if kind == "multiple" && correct == 0 {
                fail(field::CORRECT, text(lang, "bank.multiple_at_least_one"));
            }
        }
        "truefalse" => {
            let shape = options.len() == 2
                && options[0].0 == TRUE_LABEL
                && options[1].0 == FALSE_LABEL
                && correct == 1;
            if !shape {
                fail(field::TF_ANSWER, text(lang, "bank.truefalse_choose"));
            }
        }
        "short" => {
            if options.is_empty() {
                fail(field::ANSWERS, text(lang, "bank.short_at_least_one"));
            } else if options.len() > MAX_ANSWERS {
                fail(
                    field::ANSWERS,
                    text_with(
                        lang,
                        "bank.short_too_many",
                        &[("max", &MAX_ANSWERS.to_string())],
                    ),
                );
            } else if long {
                fail(field::ANSWERS, too_long(MAX_OPTION));
            } else if options.iter().any(|(l, _)| l.contains('|')) {
                fail(field::ANSWERS, text(lang, "bank.answer_no_bar"));
            } else if duplicate {
                fail(field::ANSWERS, text(lang, "bank.options_duplicate"));
            }
            for option in options.iter_mut() {
                option.1 = true;
            }
        }
        _ => {}
    }
    if errors.is_empty() {
        Ok(ValidQuestion {
            kind,
            prompt,
            feedback,
            tags,
            points,
            options,
        })
    } else {
        Err(errors)
    }
}

/// The two options of a true/false question whose answer is `is_true`.
pub fn true_false_options(answer: Option<bool>) -> Vec<(String, bool)> {
    match answer {
        Some(is_true) => vec![
            (TRUE_LABEL.to_string(), is_true),
            (FALSE_LABEL.to_string(), !is_true),
        ],
        None => vec![
            (TRUE_LABEL.to_string(), false),
            (FALSE_LABEL.to_string(), false),
        ],
    }
}

/// A page of a program's questions, filtered by tag pattern and kind (`%` for any), newest first;
/// archived ones only when `archived`.
pub async fn list(
    db: &Db,
    program: i64,
    tag_pattern: &str,
    kind: &str,
    archived: bool,
    limit: i64,
    offset: i64,
) -> Result<(Vec<QuestionItem>, i64), sqlx::Error> {
    let condition = "program_id = $1 and archived = $2 and tags like $3 and kind like $4";
    let items = sqlx::query_as(&format!(
        "select id, kind, prompt, tags, points, archived from question where {condition} \
         order by id desc limit $5 offset $6"
    ))
    .bind(program)
    .bind(i64::from(archived))
    .bind(tag_pattern)
    .bind(kind)
    .bind(limit)
    .bind(offset)
    .fetch_all(db)
    .await?;
    let (total,): (i64,) =
        sqlx::query_as(&format!("select count(*) from question where {condition}"))
            .bind(program)
            .bind(i64::from(archived))
            .bind(tag_pattern)
            .bind(kind)
            .fetch_one(db)
            .await?;
    Ok((items, total))
}

/// One question (the caller checks the program's scope).
pub async fn get(db: &Db, id: i64) -> Result<Option<QuestionRow>, sqlx::Error> {
    sqlx::query_as(
        "select id, program_id, kind, prompt, feedback, tags, points, archived from question \
         where id = $1",
    )
    .bind(id)
    .fetch_optional(db)
    .await
}

/// The program a question belongs to.
pub async fn program_of(db: &Db, id: i64) -> Result<Option<i64>, sqlx::Error> {
    let row: Option<(i64,)> = sqlx::query_as("select program_id from question where id = $1")
        .bind(id)
        .fetch_optional(db)
        .await?;
    Ok(row.map(|r| r.0))
}

/// A question's options (or accepted answers) in order.
pub async fn options(db: &Db, question: i64) -> Result<Vec<OptionRow>, sqlx::Error> {
    sqlx::query_as(
        "select id, position, label, correct from question_option where question_id = $1 \
         order by position",
    )
    .bind(question)
    .fetch_all(db)
    .await
}

/// The condition (on question `$n`) under which a question may no longer change: a quiz that
/// uses it is open, or someone has answered it.
fn locked_condition(n: usize) -> String {
    format!(
        "(exists (select 1 from quiz_question qq join quiz z on z.id = qq.quiz_id \
         where qq.question_id = ${n} and z.status = 'open') \
         or exists (select 1 from attempt_item ai where ai.question_id = ${n}))"
    )
}

/// Whether the question is used by an open quiz or already answered.
pub async fn is_locked(db: &Db, question: i64) -> Result<bool, sqlx::Error> {
    let (locked,): (i64,) = sqlx::query_as(&format!(
        "select cast(case when {} then 1 else 0 end as bigint)",
        locked_condition(1)
    ))
    .bind(question)
    .fetch_one(db)
    .await?;
    Ok(locked == 1)
}

async fn insert_with<'c>(
    tx: &mut sqlx::Transaction<'c, sqlx::Any>,
    program: i64,
    q: &ValidQuestion,
    created_by: i64,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let (id,): (i64,) = sqlx::query_as(
        "insert into question (program_id, kind, prompt, feedback, tags, points, archived, \
         created_by, created_at, updated_at) values ($1, $2, $3, $4, $5, $6, 0, $7, $8, $8) \
         returning id",
    )
    .bind(program)
    .bind(&q.kind)
    .bind(&q.prompt)
    .bind(&q.feedback)
    .bind(&q.tags)
    .bind(q.points)
    .bind(created_by)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?;
    insert_options(tx, id, &q.options).await?;
    Ok(id)
}

async fn insert_options(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    question: i64,
    options: &[(String, bool)],
) -> Result<(), sqlx::Error> {
    let options: Vec<(&str, i64)> = options
        .iter()
        .map(|(label, correct)| (label.as_str(), i64::from(*correct)))
        .collect();
    let insert = "insert into question_option (question_id, position, label, correct) \
                  values ($1, $2, $3, $4)";
    insert_numbered(tx, insert, question, &options).await
}

/// Adds a question to program `program`'s bank; returns its id.
pub async fn insert(
    db: &Db,
    program: i64,
    question: &ValidQuestion,
    created_by: i64,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let mut tx = db.begin().await?;
    let id = insert_with(&mut tx, program, question, created_by, now).await?;
    tx.commit().await?;
    Ok(id)
}

/// Adds all `questions` in one transaction (an import saves all or nothing); returns how many.
pub async fn insert_all(
    db: &Db,
    program: i64,
    questions: &[ValidQuestion],
    created_by: i64,
    now: i64,
) -> Result<usize, sqlx::Error> {
    let mut tx = db.begin().await?;
    for question in questions {
        insert_with(&mut tx, program, question, created_by, now).await?;
    }
    tx.commit().await?;
    Ok(questions.len())
}

/// Replaces a question's fields and options unless it is archived or locked (see [`is_locked`]);
/// false if it was not changed for that reason.
pub async fn update(
    db: &Db,
    id: i64,
    question: &ValidQuestion,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin().await?;
    let sql = format!(
        "update question set kind = $1, prompt = $2, feedback = $3, tags = $4, points = $5, \
         updated_at = $6 where id = $7 and archived = 0 and not {}",
        locked_condition(7)
    );
    let update = sqlx::query(&sql)
        .bind(&question.kind)
        .bind(&question.prompt)
        .bind(&question.feedback)
        .bind(&question.tags)
        .bind(question.points)
        .bind(now)
        .bind(id);
    let clear = ["delete from question_option where question_id = $1"];
    if !update_and_clear_children(&mut tx, update, id, &clear).await? {
        return Ok(false);
    }
    insert_options(&mut tx, id, &question.options).await?;
    tx.commit().await?;
    Ok(true)
}

/// Archives a question (it stays in quizzes that use it and in answers given); false if it
/// already was.
pub async fn archive(db: &Db, id: i64, now: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "update question set archived = 1, updated_at = $1 where id = $2 and archived = 0",
    )
    .bind(now)
    .bind(id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Copies a question (fields and options) as a new, editable question; returns the copy's id.
pub async fn copy(db: &Db, id: i64, created_by: i64, now: i64) -> Result<Option<i64>, sqlx::Error> {
    let Some(row) = get(db, id).await? else {
        return Ok(None);
    };
    let options = options(db, id).await?;
    let question = ValidQuestion {
        kind: row.kind.to_string(),
        prompt: row.prompt,
        feedback: row.feedback,
        tags: row.tags,
        points: row.points,
        options: options
            .into_iter()
            .map(|o| (o.label, o.correct != 0))
            .collect(),
    };
    insert(db, row.program_id.0, &question, created_by, now)
        .await
        .map(Some)
}

/// Every non-archived question of a program with its options, oldest first (for the export).
pub async fn all_with_options(
    db: &Db,
    program: i64,
) -> Result<Vec<(QuestionRow, Vec<OptionRow>)>, sqlx::Error> {
    let questions: Vec<QuestionRow> = sqlx::query_as(
        "select id, program_id, kind, prompt, feedback, tags, points, archived from question \
         where program_id = $1 and archived = 0 order by id",
    )
    .bind(program)
    .fetch_all(db)
    .await?;
    let all_options: Vec<(i64, i64, i64, String, i64)> = sqlx::query_as(
        "select o.question_id, o.id, o.position, o.label, o.correct from question_option o \
         join question q on q.id = o.question_id where q.program_id = $1 and q.archived = 0 \
         order by o.question_id, o.position",
    )
    .bind(program)
    .fetch_all(db)
    .await?;
    let mut out: Vec<(QuestionRow, Vec<OptionRow>)> =
        questions.into_iter().map(|q| (q, Vec::new())).collect();
    for (question, id, position, label, correct) in all_options {
        if let Some((_, list)) = out
            .iter_mut()
            .find(|(q, _)| q.id == crate::model::ids::QuestionId(question))
        {
            list.push(OptionRow {
                id,
                position,
                label,
                correct,
            });
        }
    }
    Ok(out)
}

/// A program's title, if the program exists.
pub async fn program_title(db: &Db, program: i64) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(String,)> = sqlx::query_as("select title from program where id = $1")
        .bind(program)
        .fetch_optional(db)
        .await?;
    Ok(row.map(|r| r.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(kind: &str, options: &[(&str, bool)]) -> QuestionDraft {
        QuestionDraft {
            kind: kind.to_string(),
            prompt: "Apa itu literasi digital?".to_string(),
            feedback: String::new(),
            tags: "ICT, Literasi Digital".to_string(),
            points: "2".to_string(),
            options: options.iter().map(|(l, c)| (l.to_string(), *c)).collect(),
        }
    }

    fn fields(result: Result<ValidQuestion, Vec<(&'static str, String)>>) -> Vec<&'static str> {
        result
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|(f, _)| f)
            .collect()
    }

    #[test]
    fn tags_are_lower_cased_and_wrapped_in_commas() {
        assert_eq!(
            normalize_tags(" ICT; hots ,, Literasi  Digital,ict"),
            Ok(",ict,hots,literasi-digital,".to_string())
        );
        assert_eq!(normalize_tags("  "), Ok(String::new()));
        assert_eq!(normalize_tags("50%"), Err("bank.tags_invalid"));
        assert_eq!(tag_pattern(Some("HOTS")), "%,hots,%");
        assert_eq!(tag_pattern(None), "%");
        assert_eq!(tag_pattern(Some("%")), ",");
    }

    #[test]
    fn choice_questions_need_two_options_and_the_right_number_correct() {
        let ok = check_question(
            &draft("single", &[("A", false), ("B", true), ("", false)]),
            Lang::Id,
        )
        .expect("valid");
        assert_eq!(ok.options, vec![("A".into(), false), ("B".into(), true)]);
        assert_eq!(ok.tags, ",ict,literasi-digital,");
        assert_eq!(ok.points, 2);
        assert_eq!(
            fields(check_question(&draft("single", &[("A", true)]), Lang::Id)),
            ["options"]
        );
        assert_eq!(
            fields(check_question(
                &draft("single", &[("A", true), ("B", true)]),
                Lang::Id
            )),
            ["correct"]
        );
        assert_eq!(
            fields(check_question(
                &draft("multiple", &[("A", false), ("B", false)]),
                Lang::En
            )),
            ["correct"]
        );
        assert_eq!(
            fields(check_question(
                &draft("multiple", &[("A", true), ("", true)]),
                Lang::En
            )),
            ["options", "correct"]
        );
        assert!(check_question(&draft("multiple", &[("A", true), ("B", true)]), Lang::Id).is_ok());
        assert_eq!(
            fields(check_question(
                &draft("single", &[("A", true), ("a", false)]),
                Lang::Id
            )),
            ["options"]
        );
    }

    #[test]
    fn true_false_and_short_answers_have_their_own_shape() {
        let tf = QuestionDraft {
            options: true_false_options(Some(false)),
            ..draft("truefalse", &[])
        };
        let valid = check_question(&tf, Lang::Id).expect("valid");
        assert_eq!(valid.options[1], ("Salah".to_string(), true));
        let unanswered = QuestionDraft {
            options: true_false_options(None),
            ..draft("truefalse", &[])
        };
        assert_eq!(fields(check_question(&unanswered, Lang::Id)), ["tf_answer"]);
        let short = check_question(
            &draft("short", &[("Internet", false), ("", false)]),
            Lang::Id,
        )
        .expect("valid");
        assert_eq!(short.options, vec![("Internet".into(), true)]);
        assert_eq!(
            fields(check_question(&draft("short", &[]), Lang::Id)),
            ["answers"]
        );
        assert_eq!(
            fields(check_question(&draft("short", &[("a|b", true)]), Lang::Id)),
            ["answers"]
        );
    }

    #[test]
    fn prompt_points_and_kind_are_checked() {
        let mut bad = draft("essay", &[]);
        bad.prompt = "  ".into();
        bad.points = "101".into();
        assert_eq!(
            fields(check_question(&bad, Lang::Id)),
            ["kind", "prompt", "points"]
        );
        let mut blank_points = draft("short", &[("x", true)]);
        blank_points.points = String::new();
        assert_eq!(
            check_question(&blank_points, Lang::Id).map(|q| q.points),
            Ok(1)
        );
    }
}
