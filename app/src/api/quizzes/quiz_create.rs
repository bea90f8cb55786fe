//! Admins create a draft quiz in a cohort.
// Server functions take one argument per form field; the client stub has them too.
#![allow(clippy::too_many_arguments)]

use crate::model::AppError;
use leptos::prelude::*;

/// Creates a draft quiz in cohort `cohort_id` (in scope) and opens its page. Dates are WIB
/// (`YYYY-MM-DD`, times `HH:MM`); checkboxes are present when ticked.
#[server(endpoint = "quiz_create")]
pub async fn quiz_create(
    cohort_id: i64,
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
    use super::quiz_form::{check, quiz_path, QuizForm};
    use crate::ssr::db::{internal, now_unix};
    use crate::ssr::guard::Admin;
    use crate::ssr::quizzes::authoring;
    use crate::ssr::{flash, msg, state};
    let Admin {
        user: admin,
        scope: root,
    } = Admin::require().await?;
    let db = &state()?.db;
    crate::ssr::scope::require_cohort(db, root, cohort_id).await?;
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
    let id = authoring::insert(db, cohort_id, &settings, admin.id.0, now_unix())
        .await
        .map_err(|e| internal("insert quiz", e))?;
    tracing::info!(
        admin = admin.id.0,
        cohort = cohort_id,
        quiz = id,
        "quiz created"
    );
    let path = quiz_path(id);
    flash::set_notice(&path, msg("quiz.created"));
    leptos_axum::redirect(&path);
    Ok(())
}
