//! Server functions for bulk enrolment by CSV: the imports of a cohort, one import's result, and
//! its live progress (the upload, template and report are plain axum handlers in the server).

mod cohort_imports;
mod import_job;
mod import_progress;

pub use cohort_imports::{cohort_imports, CohortImportList, CohortImports};
pub use import_job::{import_job, ImportJob, ImportJobDetail};
pub use import_progress::{import_progress, ImportProgress, ImportStatus};

use serde::{Deserialize, Serialize};

/// One import as listed and shown.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportSummary {
    pub progress: ImportStatus,
    pub cohort_id: i64,
    pub file_name: String,
    pub created_at: i64,
    pub finished_at: Option<i64>,
}

/// A problem with one cell of the file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportRowError {
    /// The spreadsheet's line number (the header is line 1).
    pub line: i64,
    /// The column (`nama`, `email` …), or `baris` for the whole row.
    pub field: String,
    pub message: String,
}

/// The job, if it is within the calling admin's scope (else 404).
#[cfg(feature = "ssr")]
pub(crate) async fn job_in_scope(job_id: i64) -> Result<ImportSummary, crate::model::AppError> {
    use crate::model::ErrorKind;
    use crate::ssr::guard::Admin;
    use crate::ssr::{db::internal, imports, msg, scope, state};
    let Admin { scope: root, .. } = Admin::require().await?;
    let db = &state()?.db;
    let not_found = || crate::model::AppError::new(ErrorKind::NotFound, msg("import.not_found"));
    let job = imports::job(db, job_id)
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
