//! Admins copy a question, e.g. to change one that an open quiz uses.

use crate::model::{AppError, QuestionId};
use leptos::prelude::*;

/// Copies question `question_id` (in scope) as a new question and opens the copy.
#[server(endpoint = "bank_copy_question")]
pub async fn bank_copy_question(question_id: QuestionId) -> Result<(), AppError> {
    use super::bank_form::question_scope;
    use crate::model::ErrorKind;
    use crate::ssr::db::{internal, now_unix};
    use crate::ssr::quizzes::bank;
    use crate::ssr::{flash, msg, state};
    let (admin, _) = question_scope(question_id).await?;
    let db = &state()?.db;
    let copy = bank::copy(db, question_id.0, admin.id.0, now_unix())
        .await
        .map_err(|e| internal("copy question", e))?
        .ok_or_else(|| AppError::new(ErrorKind::NotFound, msg("bank.not_found")))?;
    tracing::info!(
        admin = admin.id.0,
        question = question_id.0,
        copy,
        "question copied"
    );
    flash::go_to(&format!("/admin/soal/{copy}"), "", "bank.copied");
    Ok(())
}
