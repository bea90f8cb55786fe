//! Admins edit a question, unless an open quiz uses it or it has been answered.
use crate::model::quizzes::forms::QuestionForm;
use crate::model::{AppError, QuestionId};
use leptos::prelude::*;

/// Replaces question `question_id`'s fields and options with `form`. Refused
/// with a message when the question is archived, used by an open quiz, or already answered.
#[server(endpoint = "bank_update_question")]
pub async fn bank_update_question(
    question_id: QuestionId,
    #[server(flatten)] form: QuestionForm,
) -> Result<(), AppError> {
    use super::bank_form::{check, question_scope};
    use crate::model::ErrorKind;
    use crate::ssr::db::{internal, now_unix};
    use crate::ssr::quizzes::bank;
    use crate::ssr::{flash, msg, state};
    let (admin, _) = question_scope(question_id).await?;
    let db = &state()?.db;
    let refused = |key: &str| AppError::new(ErrorKind::Conflict, msg(key));
    if bank::is_locked(db, question_id.0)
        .await
        .map_err(|e| internal("question locked", e))?
    {
        return Err(refused("bank.locked"));
    }
    let valid = check(form)?;
    if !bank::update(db, question_id.0, &valid, now_unix())
        .await
        .map_err(|e| internal("update question", e))?
    {
        let archived = bank::get(db, question_id.0)
            .await
            .map_err(|e| internal("question", e))?
            .is_some_and(|q| q.archived != 0);
        return Err(refused(if archived {
            "bank.archived_no_edit"
        } else {
            "bank.locked"
        }));
    }
    tracing::info!(
        admin = admin.id.0,
        question = question_id.0,
        "question updated"
    );
    flash::go_to(&format!("/admin/soal/{question_id}"), "", "bank.saved");
    Ok(())
}
