//! Admins archive a question (a soft delete: quizzes and answers that use it keep it).

use crate::model::{AppError, QuestionId};
use leptos::prelude::*;

/// Archives question `question_id` (in scope); it leaves the bank's list and the quiz pickers.
#[server(endpoint = "bank_archive_question")]
pub async fn bank_archive_question(question_id: QuestionId) -> Result<(), AppError> {
    use super::bank_form::{bank_path, question_scope};
    use crate::ssr::db::{internal, now_unix};
    use crate::ssr::quizzes::bank;
    use crate::ssr::{flash, state};
    let (admin, program) = question_scope(question_id).await?;
    let db = &state()?.db;
    let changed = bank::archive(db, question_id.0, now_unix())
        .await
        .map_err(|e| internal("archive question", e))?;
    if changed {
        tracing::info!(
            admin = admin.id.0,
            question = question_id.0,
            "question archived"
        );
    }
    flash::go_to(&bank_path(program), "", "bank.archived");
    Ok(())
}
