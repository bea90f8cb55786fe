//! Server functions for bulk enrolment by CSV: the imports of a cohort, one import's result, and
//! its live progress (the upload, template and report are plain axum handlers in the server).

mod cohort_imports;
mod import_job;
mod import_progress;

pub use cohort_imports::{cohort_imports, CohortImports};
pub use import_job::{import_job, ImportJob};
pub use import_progress::{import_progress, ImportProgress};

#[cfg(feature = "ssr")]
use crate::model::imports::ImportSummary;

/// The job, if it is within the calling admin's scope (else 404).
#[cfg(feature = "ssr")]
pub(crate) async fn job_in_scope(
    job_id: crate::model::ImportJobId,
) -> Result<ImportSummary, crate::model::AppError> {
    use crate::model::ErrorKind;
    use crate::ssr::guard::Admin;
    use crate::ssr::{db::internal, imports, msg, scope, state};
    let Admin { scope: root, .. } = Admin::require().await?;
    let db = &state()?.db;
    let not_found = || crate::model::AppError::new(ErrorKind::NotFound, msg("import.not_found"));
    let job = imports::job(db, job_id.0)
        .await
        .map_err(|e| internal("import job", e))?
        .ok_or_else(not_found)?;
    if !scope::cohort_in_scope(db, root, job.cohort_id)
        .await
        .map_err(|e| internal("import scope", e))?
    {
        return Err(not_found());
    }
    Ok(job)
}
