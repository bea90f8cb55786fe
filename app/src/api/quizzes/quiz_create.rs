//! Admins create a draft quiz in a cohort.
use crate::model::quizzes::forms::QuizForm;
use crate::model::{AppError, CohortId};
use leptos::prelude::*;

/// Creates a draft quiz in cohort `cohort_id` (in scope) from the settings `form` and opens its
/// page.
#[server(endpoint = "quiz_create")]
pub async fn quiz_create(
    cohort_id: CohortId,
    #[server(flatten)] form: QuizForm,
) -> Result<(), AppError> {
    use super::quiz_form::{check, quiz_path};
    use crate::ssr::db::{internal, now_unix};
    use crate::ssr::guard::Admin;
    use crate::ssr::quizzes::authoring;
    use crate::ssr::{flash, state};
    let admin = Admin::require_cohort(cohort_id).await?.user;
    let db = &state()?.db;
    let settings = check(form)?;
    let id = authoring::insert(db, cohort_id.0, &settings, admin.id.0, now_unix())
        .await
        .map_err(|e| internal("insert quiz", e))?;
    tracing::info!(
        admin = admin.id.0,
        cohort = cohort_id.0,
        quiz = id,
        "quiz created"
    );
    flash::go_to(&quiz_path(crate::model::QuizId(id)), "", "quiz.created");
    Ok(())
}
