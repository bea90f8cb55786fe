//! Answering a survey: each item's answer checked against its kind, then stored once. Who
//! answered goes to `survey_answered`, whose key (survey, participant, person evaluated) lets only
//! the first of simultaneous posts through; the answers go to a response with a random id, no
//! author and only the day, so nothing links them back to the participant.

use crate::model::codes::SurveyItemKind;
use crate::model::surveys::SurveyItem;
use crate::ssr::db::{begin_write, Db};

/// The longest open answer, in characters.
pub const MAX_TEXT: usize = 2_000;

/// One item's checked answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    /// A Likert point, or a choice's option number (from 1).
    Value(i64),
    Text(String),
}

/// Why an item's answer is refused: the locale key of the message next to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemProblem {
    pub field: String,
    pub key: &'static str,
}

/// Checks the posted `fields` (`i<item id>` → value) against `items`: every answer within its
/// item's kind, every required item answered. Returns the answers, or every problem.
pub fn check(
    items: &[SurveyItem],
    fields: &[(String, String)],
) -> Result<Vec<(i64, Answer)>, Vec<ItemProblem>> {
    let mut answers = Vec::new();
    let mut problems = Vec::new();
    for item in items {
        let field = item.field();
        let posted = fields
            .iter()
            .rev()
            .find(|(k, _)| *k == field)
            .map(|(_, v)| v.trim())
            .unwrap_or_default();
        if posted.is_empty() {
            if item.required {
                let key = match item.kind {
                    SurveyItemKind::Text => "survey.answer_required_text",
                    _ => "survey.answer_required",
                };
                problems.push(ItemProblem { field, key });
            }
            continue;
        }
        let top = match item.kind {
            SurveyItemKind::Text => {
                if posted.chars().count() > MAX_TEXT {
                    problems.push(ItemProblem {
                        field,
                        key: "survey.answer_too_long",
                    });
                } else {
                    answers.push((item.id, Answer::Text(posted.to_string())));
                }
                continue;
            }
            SurveyItemKind::Choice => item.options.len() as i64,
            kind => kind.scale().unwrap_or(0),
        };
        match posted.parse::<i64>() {
            Ok(v) if (1..=top).contains(&v) => answers.push((item.id, Answer::Value(v))),
            _ => problems.push(ItemProblem {
                field,
                key: "survey.answer_invalid",
            }),
        }
    }
    if problems.is_empty() {
        Ok(answers)
    } else {
        Err(problems)
    }
}

/// Stores the answers of `user` to `survey` about `subject`; false (and nothing stored) when
/// they had answered already.
pub async fn store(
    db: &Db,
    survey: i64,
    subject: i64,
    user: i64,
    answers: &[(i64, Answer)],
    now: i64,
) -> Result<bool, sqlx::Error> {
    let mut tx = begin_write(db).await?;
    let first = sqlx::query(
        "insert into survey_answered (survey_id, user_id, subject_id, created_at) \
         values ($1, $2, $3, $4) on conflict (survey_id, user_id, subject_id) do nothing",
    )
    .bind(survey)
    .bind(user)
    .bind(subject)
    .bind(now)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if first == 0 {
        tx.rollback().await?;
        return Ok(false);
    }
    // A random positive id: the order of ids says nothing about the order of answering.
    let response = (rand::random::<u64>() >> 2) as i64 + 1;
    let day = now - now.rem_euclid(86_400);
    sqlx::query(
        "insert into survey_response (id, survey_id, subject_id, created_at) values ($1, $2, $3, $4)",
    )
    .bind(response)
    .bind(survey)
    .bind(subject)
    .bind(day)
    .execute(&mut *tx)
    .await?;
    for (item, answer) in answers {
        let (value, text) = match answer {
            Answer::Value(v) => (Some(*v), None),
            Answer::Text(t) => (None, Some(t.as_str())),
        };
        sqlx::query(
            "insert into survey_answer (response_id, item_id, value, text, created_at) \
             values ($1, $2, $3, $4, $5)",
        )
        .bind(response)
        .bind(item)
        .bind(value)
        .bind(text)
        .bind(day)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(id: i64, kind: SurveyItemKind, required: bool) -> SurveyItem {
        SurveyItem {
            id,
            position: id,
            kind,
            prompt: format!("Butir {id}"),
            options: vec!["Ya".into(), "Tidak".into()],
            required,
        }
    }

    #[test]
    fn answers_are_checked_against_their_kind() {
        let items = [
            item(1, SurveyItemKind::Likert4, true),
            item(2, SurveyItemKind::Likert5, true),
            item(3, SurveyItemKind::Choice, false),
            item(4, SurveyItemKind::Text, false),
        ];
        let posted = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        };
        assert_eq!(
            check(
                &items,
                &posted(&[("i1", "4"), ("i2", "5"), ("i4", " Bagus ")])
            ),
            Ok(vec![
                (1, Answer::Value(4)),
                (2, Answer::Value(5)),
                (4, Answer::Text("Bagus".into()))
            ])
        );
        let problems = check(&items, &posted(&[("i1", "5"), ("i3", "3")])).expect_err("refused");
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["i1", "i2", "i3"]);
        assert_eq!(problems[1].key, "survey.answer_required");
    }
}
