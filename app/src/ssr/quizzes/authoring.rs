//! Quizzes of a cohort as admins set them up: settings, the ordered questions of a fixed quiz,
//! and opening, which freezes the pool of a random quiz so that a start storm reads one short
//! list of `quiz_question` rows.

use crate::model::audit::{AuditAction, AuditSubject};
use crate::model::codes::QuizStatus;
use crate::model::quizzes::{BankChoice, QuizItem, QuizQuestionItem, QuizRow, QuizSettings};
use crate::ssr::db::Db;
use sqlx::any::AnyArguments;
use sqlx::query::Query;
use sqlx::Row;

/// What happened to a request that changes a quiz.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Done,
    /// The quiz is archived (or gone).
    Archived,
    /// The quiz is open and has attempts: what attempts get may no longer change.
    Locked,
    /// Opening a fixed quiz with no question.
    NoQuestions,
    /// A random quiz's pool has fewer questions than it draws.
    PoolTooSmall {
        pool: i64,
        need: i64,
    },
    /// Only a draft can be opened.
    NotDraft,
}

/// `updated_at` is the quiz's version as well as its last change: a change sets it to `now` (the
/// parameter `$param`), or one above the stored value when that is not older, so that two changes
/// within a second still make two versions (the prepared pool of attempts is keyed by it).
fn next_version(param: usize) -> String {
    format!("case when updated_at >= ${param} then updated_at + 1 else ${param} end")
}

/// Marks a change to a quiz's questions as a new version of the quiz.
async fn touch(db: &Db, quiz: i64) -> Result<(), sqlx::Error> {
    sqlx::query(&format!(
        "update quiz set updated_at = {} where id = $1",
        next_version(2)
    ))
    .bind(quiz)
    .bind(crate::ssr::db::now_unix())
    .execute(db)
    .await?;
    Ok(())
}

const ROW_COLUMNS: &str = "id, cohort_id, title, kind, selection, random_count, random_tags, \
    shuffle_questions, shuffle_options, time_limit_minutes, opens_at, closes_at, max_attempts, \
    pass_percent, review, questions_per_page, status, updated_at";

/// The quizzes of a cohort, by opening time, with their question and attempt counts.
pub async fn list_for_cohort(db: &Db, cohort: i64) -> Result<Vec<QuizItem>, sqlx::Error> {
    sqlx::query_as(
        "select z.id, z.title, z.kind, z.selection, z.status, z.opens_at, z.closes_at, \
         (select count(*) from quiz_question qq where qq.quiz_id = z.id) as questions, \
         (select count(*) from quiz_attempt a where a.quiz_id = z.id) as attempts \
         from quiz z where z.cohort_id = $1 order by z.opens_at, z.id",
    )
    .bind(cohort)
    .fetch_all(db)
    .await
}

/// One quiz (the caller checks the cohort's scope).
pub async fn get(db: &Db, id: i64) -> Result<Option<QuizRow>, sqlx::Error> {
    sqlx::query_as(&format!("select {ROW_COLUMNS} from quiz where id = $1"))
        .bind(id)
        .fetch_optional(db)
        .await
}

/// The cohort a quiz belongs to.
pub async fn cohort_of(db: &Db, quiz: i64) -> Result<Option<i64>, sqlx::Error> {
    let row: Option<(i64,)> = sqlx::query_as("select cohort_id from quiz where id = $1")
        .bind(quiz)
        .fetch_optional(db)
        .await?;
    Ok(row.map(|r| r.0))
}

/// A cohort's name, its program's id and title.
pub async fn cohort_heading(
    db: &Db,
    cohort: i64,
) -> Result<Option<(String, i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "select c.name, p.id, p.title from cohort c join program p on p.id = c.program_id \
         where c.id = $1",
    )
    .bind(cohort)
    .fetch_optional(db)
    .await
}

/// How many attempts a quiz has.
pub async fn attempt_count(db: &Db, quiz: i64) -> Result<i64, sqlx::Error> {
    let (n,): (i64,) = sqlx::query_as("select count(*) from quiz_attempt where quiz_id = $1")
        .bind(quiz)
        .fetch_one(db)
        .await?;
    Ok(n)
}

/// The questions of a quiz in order.
pub async fn questions(db: &Db, quiz: i64) -> Result<Vec<QuizQuestionItem>, sqlx::Error> {
    sqlx::query_as(
        "select qq.question_id, qq.position, q.kind, q.prompt, q.tags, q.points, q.archived \
         from quiz_question qq join question q on q.id = qq.question_id \
         where qq.quiz_id = $1 order by qq.position",
    )
    .bind(quiz)
    .fetch_all(db)
    .await
}

/// Non-archived questions of the quiz's program not yet in the quiz.
pub async fn bank_choices(db: &Db, quiz: i64) -> Result<Vec<BankChoice>, sqlx::Error> {
    sqlx::query_as(
        "select q.id, q.kind, q.prompt, q.tags from question q \
         join cohort c on c.program_id = q.program_id join quiz z on z.cohort_id = c.id \
         where z.id = $1 and q.archived = 0 \
         and not exists (select 1 from quiz_question qq where qq.quiz_id = z.id \
         and qq.question_id = q.id) order by q.id limit 500",
    )
    .bind(quiz)
    .fetch_all(db)
    .await
}

/// Creates a draft quiz in `cohort`; returns its id.
pub async fn insert(
    db: &Db,
    cohort: i64,
    s: &QuizSettings,
    created_by: i64,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let query = sqlx::query(
        "insert into quiz (cohort_id, title, kind, selection, random_count, random_tags, \
         shuffle_questions, shuffle_options, time_limit_minutes, opens_at, closes_at, \
         max_attempts, pass_percent, review, questions_per_page, status, created_by, \
         created_at, updated_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, \
         $13, $14, $15, 'draft', $16, $17, $17) returning id",
    )
    .bind(cohort);
    let row = bind_settings(query, s)
        .bind(created_by)
        .bind(now)
        .fetch_one(db)
        .await?;
    row.try_get(0)
}

/// Binds the fourteen settings, in the order of [`QuizSettings`]' fields, as the next
/// placeholders of `query` (the statements above list the columns in that order).
fn bind_settings<'q>(
    query: Query<'q, sqlx::Any, AnyArguments<'q>>,
    s: &'q QuizSettings,
) -> Query<'q, sqlx::Any, AnyArguments<'q>> {
    query
        .bind(&s.title)
        .bind(s.kind)
        .bind(s.selection)
        .bind(s.random_count)
        .bind(&s.random_tags)
        .bind(s.shuffle_questions)
        .bind(s.shuffle_options)
        .bind(s.time_limit_minutes)
        .bind(s.opens_at)
        .bind(s.closes_at)
        .bind(s.max_attempts)
        .bind(s.pass_percent)
        .bind(s.review)
        .bind(s.questions_per_page)
}

/// The condition (on quiz `$n`) that it has no attempt.
fn no_attempts(n: usize) -> String {
    format!("not exists (select 1 from quiz_attempt a where a.quiz_id = ${n})")
}

/// Fills a random quiz's `quiz_question` with its whole pool: the program's non-archived
/// questions tagged with any of `random_tags` (all of them when there are no tags), positions
/// 1..n. Returns the pool's size.
async fn freeze_pool(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    quiz: i64,
    random_tags: &str,
) -> Result<i64, sqlx::Error> {
    sqlx::query("delete from quiz_question where quiz_id = $1")
        .bind(quiz)
        .execute(&mut **tx)
        .await?;
    let tags: Vec<String> = crate::model::quizzes::tag_list(random_tags)
        .into_iter()
        .map(|t| format!("%,{t},%"))
        .collect();
    let condition = if tags.is_empty() {
        "1 = 1".to_string()
    } else {
        (0..tags.len())
            .map(|n| format!("q.tags like ${}", n + 2))
            .collect::<Vec<_>>()
            .join(" or ")
    };
    let sql = format!(
        "insert into quiz_question (quiz_id, question_id, position) \
         select z.id, q.id, row_number() over (order by q.id) from quiz z \
         join cohort c on c.id = z.cohort_id join question q on q.program_id = c.program_id \
         where z.id = $1 and q.archived = 0 and ({condition})"
    );
    let mut query = sqlx::query(&sql).bind(quiz);
    for tag in &tags {
        query = query.bind(tag);
    }
    let done = query.execute(&mut **tx).await?;
    Ok(done.rows_affected() as i64)
}

/// Saves new settings. Refused when the quiz is archived, or open with attempts and a setting
/// that shapes attempts (selection, draw, shuffles, time limit) would change. When an open quiz
/// without attempts changes its draw, its pool is frozen again.
pub async fn update(db: &Db, id: i64, s: &QuizSettings, now: i64) -> Result<Outcome, sqlx::Error> {
    let mut tx = db.begin().await?;
    let sql = format!(
        "update quiz set title = $1, kind = $2, selection = $3, random_count = $4, \
         random_tags = $5, shuffle_questions = $6, shuffle_options = $7, \
         time_limit_minutes = $8, opens_at = $9, closes_at = $10, max_attempts = $11, \
         pass_percent = $12, review = $13, questions_per_page = $14, updated_at = {} \
         where id = $16 and status <> 'archived' and ({} or (selection = $3 and \
         random_count = $4 and random_tags = $5 and shuffle_questions = $6 and \
         shuffle_options = $7 and time_limit_minutes = $8))",
        next_version(15),
        no_attempts(16)
    );
    let done = bind_settings(sqlx::query(&sql), s)
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    if done.rows_affected() != 1 {
        let status: Option<(String,)> = sqlx::query_as("select status from quiz where id = $1")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
        return Ok(match status {
            Some((status,)) if status != "archived" => Outcome::Locked,
            _ => Outcome::Archived,
        });
    }
    let (status, attempts): (String, i64) = sqlx::query_as(
        "select status, (select count(*) from quiz_attempt a where a.quiz_id = $1) \
         from quiz where id = $1",
    )
    .bind(id)
    .fetch_one(&mut *tx)
    .await?;
    if status == "open" && attempts == 0 {
        if let Some(refused) = prepare(&mut tx, id, s).await? {
            return Ok(refused);
        }
    }
    tx.commit().await?;
    Ok(Outcome::Done)
}

/// Makes an open quiz ready for starts: a random quiz's pool frozen and large enough, a fixed
/// quiz with at least one question. `Some(reason)` if it cannot be.
async fn prepare(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    id: i64,
    s: &QuizSettings,
) -> Result<Option<Outcome>, sqlx::Error> {
    if s.selection == "random" {
        let pool = freeze_pool(tx, id, &s.random_tags).await?;
        if pool < s.random_count.max(1) {
            return Ok(Some(Outcome::PoolTooSmall {
                pool,
                need: s.random_count.max(1),
            }));
        }
    } else {
        let (count,): (i64,) =
            sqlx::query_as("select count(*) from quiz_question where quiz_id = $1")
                .bind(id)
                .fetch_one(&mut **tx)
                .await?;
        if count == 0 {
            return Ok(Some(Outcome::NoQuestions));
        }
    }
    Ok(None)
}

/// Opens a draft quiz after preparing it (see [`prepare`]); nothing changes if it cannot open.
/// The cohort's approved participants are notified in the same transaction (`by` is the admin).
/// With `audit`, the opening is recorded in the audit log in that transaction too.
pub async fn open(
    db: &Db,
    id: i64,
    by: i64,
    now: i64,
    audit: Option<&crate::ssr::audit::Actor>,
) -> Result<Outcome, sqlx::Error> {
    let mut tx = db.begin().await?;
    let row: Option<QuizRow> =
        sqlx::query_as(&format!("select {ROW_COLUMNS} from quiz where id = $1"))
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
    let Some(row) = row else {
        return Ok(Outcome::Archived);
    };
    if row.status != QuizStatus::Draft {
        return Ok(Outcome::NotDraft);
    }
    if let Some(refused) = prepare(&mut tx, id, &row.settings).await? {
        return Ok(refused);
    }
    let done = sqlx::query(&format!(
        "update quiz set status = 'open', updated_at = {} where id = $2 and status = 'draft'",
        next_version(1)
    ))
    .bind(now)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() != 1 {
        return Ok(Outcome::NotDraft);
    }
    let notice = crate::ssr::notifications::Notice {
        kind: crate::model::codes::NotificationKind::QuizOpened,
        actor: Some(by),
        subject: &row.settings.title,
        detail: "",
        link: format!("/peserta/kuis/{id}"),
    };
    let cohort = row.cohort_id.0;
    crate::ssr::notifications::notify(
        &mut tx,
        crate::ssr::notifications::Recipients::Cohort {
            cohort,
            group: None,
        },
        &notice,
        now,
    )
    .await?;
    if let Some(actor) = audit {
        let entry = quiz_entry(AuditAction::QuizOpen, id, &row.settings.title, cohort);
        let entry = entry.change(Some(QuizStatus::Draft.as_str()), QuizStatus::Open.as_str());
        crate::ssr::audit::record(&mut tx, actor, entry, now).await?;
    }
    tx.commit().await?;
    crate::ssr::mail::wake_worker();
    Ok(Outcome::Done)
}

/// The audit entry of `action` on quiz `id` titled `title` of cohort `cohort`.
fn quiz_entry(action: AuditAction, id: i64, title: &str, cohort: i64) -> crate::ssr::audit::Entry {
    use crate::ssr::audit::{Entry, Scope};
    Entry::new(action, AuditSubject::Quiz, id, title, Scope::Cohort(cohort))
}

/// Archives a draft or open quiz, recorded in the audit log by `by`; false if it already was
/// archived.
pub async fn archive(
    db: &Db,
    id: i64,
    now: i64,
    by: &crate::ssr::audit::Actor,
) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin().await?;
    let before: Option<(QuizStatus, String, i64)> =
        sqlx::query_as("select status, title, cohort_id from quiz where id = $1")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
    let done = sqlx::query(&format!(
        "update quiz set status = 'archived', updated_at = {} where id = $2 \
         and status <> 'archived'",
        next_version(1)
    ))
    .bind(now)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    let Some((status, title, cohort)) = before.filter(|_| done.rows_affected() == 1) else {
        return Ok(false);
    };
    let entry = quiz_entry(AuditAction::QuizClose, id, &title, cohort);
    let entry = entry.change(Some(status.as_str()), QuizStatus::Archived.as_str());
    crate::ssr::audit::record(&mut tx, by, entry, now).await?;
    tx.commit().await?;
    Ok(true)
}

/// The condition under which a fixed quiz's questions may change: a draft, or open without
/// attempts; never for a random quiz (its pool is frozen on opening).
fn questions_editable() -> String {
    format!(
        "z.selection = 'fixed' and (z.status = 'draft' or (z.status = 'open' and {}))",
        no_attempts(1)
    )
}

/// Appends question `question` (of the quiz's program, not archived) to a fixed quiz.
pub async fn add_question(db: &Db, quiz: i64, question: i64) -> Result<Outcome, sqlx::Error> {
    let done = sqlx::query(&format!(
        "insert into quiz_question (quiz_id, question_id, position) \
         select z.id, q.id, coalesce((select max(position) from quiz_question \
         where quiz_id = $1), 0) + 1 from quiz z join cohort c on c.id = z.cohort_id \
         join question q on q.program_id = c.program_id \
         where z.id = $1 and q.id = $2 and q.archived = 0 and {} \
         and not exists (select 1 from quiz_question x where x.quiz_id = $1 \
         and x.question_id = $2)",
        questions_editable()
    ))
    .bind(quiz)
    .bind(question)
    .execute(db)
    .await?;
    if done.rows_affected() != 1 {
        return Ok(Outcome::Locked);
    }
    touch(db, quiz).await?;
    Ok(Outcome::Done)
}

/// Whether the quiz's questions may change now (see `questions_editable`).
pub async fn can_edit_questions(db: &Db, quiz: i64) -> Result<bool, sqlx::Error> {
    let (n,): (i64,) = sqlx::query_as(&format!(
        "select count(*) from quiz z where z.id = $1 and {}",
        questions_editable()
    ))
    .bind(quiz)
    .fetch_one(db)
    .await?;
    Ok(n == 1)
}

/// Removes a question from a fixed quiz and closes the gap; an open quiz keeps at least one.
pub async fn remove_question(db: &Db, quiz: i64, question: i64) -> Result<Outcome, sqlx::Error> {
    let mut tx = db.begin().await?;
    let done = sqlx::query(&format!(
        "delete from quiz_question where quiz_id = $1 and question_id = $2 and exists \
         (select 1 from quiz z where z.id = $1 and {} and (z.status = 'draft' or \
         (select count(*) from quiz_question y where y.quiz_id = $1) > 1))",
        questions_editable()
    ))
    .bind(quiz)
    .bind(question)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() != 1 {
        return Ok(Outcome::Locked);
    }
    renumber(&mut tx, quiz).await?;
    tx.commit().await?;
    touch(db, quiz).await?;
    Ok(Outcome::Done)
}

/// Moves a question one place up (`up`) or down in a fixed quiz.
pub async fn move_question(
    db: &Db,
    quiz: i64,
    question: i64,
    up: bool,
) -> Result<Outcome, sqlx::Error> {
    if !can_edit_questions(db, quiz).await? {
        return Ok(Outcome::Locked);
    }
    let mut tx = db.begin().await?;
    let mut order: Vec<(i64,)> = sqlx::query_as(
        "select question_id from quiz_question where quiz_id = $1 order by position",
    )
    .bind(quiz)
    .fetch_all(&mut *tx)
    .await?;
    if let Some(at) = order.iter().position(|(q,)| *q == question) {
        let other = if up { at.checked_sub(1) } else { Some(at + 1) };
        if let Some(other) = other.filter(|o| *o < order.len()) {
            order.swap(at, other);
        }
    }
    write_order(
        &mut tx,
        quiz,
        &order.into_iter().map(|(q,)| q).collect::<Vec<_>>(),
    )
    .await?;
    tx.commit().await?;
    touch(db, quiz).await?;
    Ok(Outcome::Done)
}

async fn renumber(tx: &mut sqlx::Transaction<'_, sqlx::Any>, quiz: i64) -> Result<(), sqlx::Error> {
    let order: Vec<(i64,)> = sqlx::query_as(
        "select question_id from quiz_question where quiz_id = $1 order by position",
    )
    .bind(quiz)
    .fetch_all(&mut **tx)
    .await?;
    write_order(
        tx,
        quiz,
        &order.into_iter().map(|(q,)| q).collect::<Vec<_>>(),
    )
    .await
}

/// Writes positions 1..n in `order` (through negative positions, so no two rows ever share one
/// on the way).
async fn write_order(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    quiz: i64,
    order: &[i64],
) -> Result<(), sqlx::Error> {
    for (n, question) in order.iter().enumerate() {
        sqlx::query(
            "update quiz_question set position = $1 where quiz_id = $2 and question_id = $3",
        )
        .bind(-(n as i64) - 1)
        .bind(quiz)
        .bind(question)
        .execute(&mut **tx)
        .await?;
    }
    sqlx::query("update quiz_question set position = -position where quiz_id = $1")
        .bind(quiz)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
