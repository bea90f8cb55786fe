//! One quiz with its questions and the bank questions that may be added.

use crate::model::quizzes::QuizView;
use crate::model::{AppError, QuizId};
use leptos::prelude::*;

/// Quiz `id` (404 if its cohort is not in the admin's scope).
#[server(endpoint = "quiz_get")]
pub async fn quiz_get(id: QuizId) -> Result<QuizView, AppError> {
    use crate::model::ErrorKind;
    use crate::ssr::db::internal;
    use crate::ssr::quizzes::authoring;
    let (_, cohort) = super::quiz_form::quiz_scope(id).await?;
    let db = &crate::ssr::state()?.db;
    let not_found = || AppError::new(ErrorKind::NotFound, crate::ssr::msg("quiz.not_found"));
    let quiz = authoring::get(db, id.0)
        .await
        .map_err(|e| internal("quiz", e))?
        .ok_or_else(not_found)?;
    let (cohort_name, program_id, _) = authoring::cohort_heading(db, cohort.0)
        .await
        .map_err(|e| internal("cohort heading", e))?
        .ok_or_else(not_found)?;
    Ok(QuizView {
        questions: authoring::questions(db, id.0)
            .await
            .map_err(|e| internal("quiz questions", e))?,
        bank: authoring::bank_choices(db, id.0)
            .await
            .map_err(|e| internal("bank choices", e))?,
        attempts: authoring::attempt_count(db, id.0)
            .await
            .map_err(|e| internal("attempt count", e))?,
        cohort_name,
        program_id: crate::model::ids::ProgramId(program_id),
        quiz,
    })
}
