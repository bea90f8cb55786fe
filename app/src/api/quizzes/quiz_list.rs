//! The quizzes of a cohort.

use crate::model::quizzes::QuizzesView;
use crate::model::{AppError, CohortId};
use leptos::prelude::*;

/// Cohort `cohort_id`'s quizzes (404 if the cohort is not in the admin's scope).
#[server(endpoint = "quiz_list")]
pub async fn quiz_list(cohort_id: CohortId) -> Result<QuizzesView, AppError> {
    use crate::model::ErrorKind;
    use crate::ssr::db::internal;
    use crate::ssr::guard::Admin;
    use crate::ssr::quizzes::authoring;
    Admin::require_cohort(cohort_id).await?;
    let db = &crate::ssr::state()?.db;
    let (cohort_name, program_id, program_title) = authoring::cohort_heading(db, cohort_id.0)
        .await
        .map_err(|e| internal("cohort heading", e))?
        .ok_or_else(|| {
            AppError::new(
                ErrorKind::NotFound,
                crate::ssr::msg("scope.cohort_not_found"),
            )
        })?;
    Ok(QuizzesView {
        cohort_id,
        cohort_name,
        program_id: crate::model::ids::ProgramId(program_id),
        program_title,
        items: authoring::list_for_cohort(db, cohort_id.0)
            .await
            .map_err(|e| internal("list quizzes", e))?,
    })
}
