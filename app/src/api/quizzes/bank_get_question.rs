//! One question of the bank with its options.

use crate::model::quizzes::QuestionView;
use crate::model::{AppError, QuestionId};
use leptos::prelude::*;

/// Question `id` with its options, or 404 if its program is not in the admin's scope.
#[server(endpoint = "bank_get_question")]
pub async fn bank_get_question(id: QuestionId) -> Result<QuestionView, AppError> {
    use crate::model::ErrorKind;
    use crate::ssr::db::internal;
    use crate::ssr::quizzes::bank;
    let (_, program) = super::bank_form::question_scope(id).await?;
    let db = &crate::ssr::state()?.db;
    let question = bank::get(db, id.0)
        .await
        .map_err(|e| internal("question", e))?
        .ok_or_else(|| AppError::new(ErrorKind::NotFound, crate::ssr::msg("bank.not_found")))?;
    Ok(QuestionView {
        options: bank::options(db, id.0)
            .await
            .map_err(|e| internal("options", e))?,
        locked: bank::is_locked(db, id.0)
            .await
            .map_err(|e| internal("question locked", e))?,
        program_title: bank::program_title(db, program.0)
            .await
            .map_err(|e| internal("program title", e))?
            .unwrap_or_default(),
        question,
    })
}
