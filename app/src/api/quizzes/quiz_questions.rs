//! Admins choose and order the questions of a fixed quiz.

use crate::model::{AppError, QuestionId, QuizId};
use leptos::prelude::*;

/// Appends bank question `question_id` (of the quiz's program) to fixed quiz `quiz_id`.
#[server(endpoint = "quiz_add_question")]
pub async fn quiz_add_question(quiz_id: QuizId, question_id: QuestionId) -> Result<(), AppError> {
    use super::quiz_form::{outcome, quiz_path, quiz_scope};
    use crate::ssr::db::internal;
    use crate::ssr::quizzes::authoring;
    use crate::ssr::{flash, state};
    let (admin, _) = quiz_scope(quiz_id).await?;
    let db = &state()?.db;
    outcome(
        authoring::add_question(db, quiz_id.0, question_id.0)
            .await
            .map_err(|e| internal("add quiz question", e))?,
    )?;
    tracing::info!(
        admin = admin.id.0,
        quiz = quiz_id.0,
        question = question_id.0,
        "quiz question added"
    );
    flash::go_to(&quiz_path(quiz_id), "", "quiz.question_added");
    Ok(())
}

/// Removes question `question_id` from fixed quiz `quiz_id`.
#[server(endpoint = "quiz_remove_question")]
pub async fn quiz_remove_question(
    quiz_id: QuizId,
    question_id: QuestionId,
) -> Result<(), AppError> {
    use super::quiz_form::{outcome, quiz_path, quiz_scope};
    use crate::ssr::db::internal;
    use crate::ssr::quizzes::authoring;
    use crate::ssr::{flash, state};
    let (admin, _) = quiz_scope(quiz_id).await?;
    let db = &state()?.db;
    outcome(
        authoring::remove_question(db, quiz_id.0, question_id.0)
            .await
            .map_err(|e| internal("remove quiz question", e))?,
    )?;
    tracing::info!(
        admin = admin.id.0,
        quiz = quiz_id.0,
        question = question_id.0,
        "quiz question removed"
    );
    flash::go_to(&quiz_path(quiz_id), "", "quiz.question_removed");
    Ok(())
}

/// Moves question `question_id` of fixed quiz `quiz_id` one place `up` or `down`.
#[server(endpoint = "quiz_move_question")]
pub async fn quiz_move_question(
    quiz_id: QuizId,
    question_id: QuestionId,
    direction: String,
) -> Result<(), AppError> {
    use super::quiz_form::{outcome, quiz_path, quiz_scope};
    use crate::ssr::db::internal;
    use crate::ssr::quizzes::authoring;
    use crate::ssr::state;
    quiz_scope(quiz_id).await?;
    let db = &state()?.db;
    outcome(
        authoring::move_question(db, quiz_id.0, question_id.0, direction == "up")
            .await
            .map_err(|e| internal("move quiz question", e))?,
    )?;
    leptos_axum::redirect(&format!("{}#soal-kuis", quiz_path(quiz_id)));
    Ok(())
}
