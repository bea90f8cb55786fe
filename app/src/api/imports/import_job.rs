//! One import's result for its page: counters, the cohort, and the first row errors.

use crate::model::imports::ImportJobDetail;
use crate::model::{AppError, ImportJobId};
use leptos::prelude::*;

/// Import `job_id` with its first errors (admins with the cohort in scope only).
#[server(endpoint = "import_job")]
pub async fn import_job(job_id: ImportJobId) -> Result<ImportJobDetail, AppError> {
    use crate::ssr::{db::internal, imports, state};
    let job = super::job_in_scope(job_id).await?;
    let db = &state()?.db;
    let (cohort_name, program_title, _, _) = imports::cohort_heading(db, job.cohort_id.0)
        .await
        .map_err(|e| internal("import cohort", e))?
        .unwrap_or_default();
    let errors = imports::row_errors(db, job_id.0, Some(imports::ERRORS_SHOWN))
        .await
        .map_err(|e| internal("import errors", e))?;
    Ok(ImportJobDetail {
        job,
        cohort_name,
        program_title,
        errors,
    })
}
