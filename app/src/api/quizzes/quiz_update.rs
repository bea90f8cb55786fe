//! Admins change a quiz's settings.
use crate::model::quizzes::forms::QuizForm;
use crate::model::{AppError, QuizId};
use leptos::prelude::*;

/// Saves quiz `quiz_id`'s settings (see `quiz_create`). Refused when the quiz is archived, or
/// open with attempts and the selection, draw, shuffles or time limit would change.
#[server(endpoint = "quiz_update")]
pub async fn quiz_update(
    quiz_id: QuizId,
    #[server(flatten)] form: QuizForm,
) -> Result<(), AppError> {
    use super::quiz_form::{check, outcome, quiz_path, quiz_scope};
    use crate::ssr::db::{internal, now_unix};
    use crate::ssr::quizzes::authoring;
    use crate::ssr::{flash, state};
    let (admin, _) = quiz_scope(quiz_id).await?;
    let db = &state()?.db;
    let settings = check(form)?;
    outcome(
        authoring::update(db, quiz_id.0, &settings, now_unix())
            .await
            .map_err(|e| internal("update quiz", e))?,
    )?;
    tracing::info!(admin = admin.id.0, quiz = quiz_id.0, "quiz updated");
    flash::go_to(&quiz_path(quiz_id), "", "quiz.saved");
    Ok(())
}
