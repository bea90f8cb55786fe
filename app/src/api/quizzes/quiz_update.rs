//! Admins change a quiz's settings.
// Server functions take one argument per form field; the client stub has them too.
#![allow(clippy::too_many_arguments)]

use crate::model::AppError;
use leptos::prelude::*;

/// Saves quiz `quiz_id`'s settings (see `quiz_create`). Refused when the quiz is archived, or
/// open with attempts and the selection, draw, shuffles or time limit would change.
#[server(endpoint = "quiz_update")]
pub async fn quiz_update(
    quiz_id: i64,
    title: String,
    kind: String,
    selection: String,
    #[server(default)] random_count: String,
    #[server(default)] random_tags: String,
    shuffle_questions: Option<String>,
    shuffle_options: Option<String>,
    #[server(default)] time_limit_minutes: String,
    #[server(default)] opens_on: String,
    #[server(default)] opens_time: String,
    #[server(default)] closes_on: String,
    #[server(default)] closes_time: String,
    #[server(default)] max_attempts: String,
    #[server(default)] pass_percent: String,
    #[server(default)] review: String,
    #[server(default)] questions_per_page: String,
) -> Result<(), AppError> {
    use super::quiz_form::{check, outcome, quiz_path, quiz_scope, QuizForm};
    use crate::ssr::db::{internal, now_unix};
    use crate::ssr::quizzes::authoring;
    use crate::ssr::{flash, msg, state};
    let (admin, _) = quiz_scope(quiz_id).await?;
    let db = &state()?.db;
    let settings = check(QuizForm {
        title,
        kind,
        selection,
        random_count,
        random_tags,
        shuffle_questions,
        shuffle_options,
        time_limit_minutes,
        opens_on,
        opens_time,
        closes_on,
        closes_time,
        max_attempts,
        pass_percent,
        review,
        questions_per_page,
    })?;
    outcome(
        authoring::update(db, quiz_id, &settings, now_unix())
            .await
            .map_err(|e| internal("update quiz", e))?,
    )?;
    tracing::info!(admin = admin.id.0, quiz = quiz_id, "quiz updated");
    let path = quiz_path(quiz_id);
    flash::set_notice(&path, msg("quiz.saved"));
    leptos_axum::redirect(&path);
    Ok(())
}
