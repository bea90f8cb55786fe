//! How far an import has come: what the progress island polls about once a second.

use crate::model::imports::ImportStatus;
use crate::model::{AppError, ImportJobId};
use leptos::prelude::*;

/// The progress of import `job_id` (admins with the cohort in scope only).
#[server(endpoint = "import_progress")]
pub async fn import_progress(job_id: ImportJobId) -> Result<ImportStatus, AppError> {
    Ok(super::job_in_scope(job_id).await?.progress)
}
