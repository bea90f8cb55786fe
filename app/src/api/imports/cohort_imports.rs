//! A cohort's heading and its earlier imports, for the upload page.

use crate::model::imports::CohortImportList;
use crate::model::{AppError, CohortId};
use leptos::prelude::*;

/// Cohort `cohort_id` and its latest imports (admins with the cohort in scope only).
#[server(endpoint = "cohort_imports")]
pub async fn cohort_imports(cohort_id: CohortId) -> Result<CohortImportList, AppError> {
    use crate::ssr::guard::Admin;
    use crate::ssr::{db::internal, imports, state};
    Admin::require_cohort(cohort_id).await?;
    let db = &state()?.db;
    let (cohort_name, program_title, quota, seats_taken) = imports::cohort_heading(db, cohort_id.0)
        .await
        .map_err(|e| internal("import cohort", e))?
        .unwrap_or_default();
    let jobs = imports::jobs_of_cohort(db, cohort_id.0)
        .await
        .map_err(|e| internal("import jobs", e))?;
    Ok(CohortImportList {
        cohort_id,
        cohort_name,
        program_title,
        quota,
        seats_taken,
        jobs,
    })
}
