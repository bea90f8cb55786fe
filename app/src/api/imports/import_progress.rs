//! How far an import has come: what the progress island polls about once a second.

use crate::model::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// An import's status and counters.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportStatus {
    pub id: i64,
    /// `queued`, `running`, `done` or `failed`.
    pub status: String,
    pub total_rows: i64,
    pub processed_rows: i64,
    pub created_accounts: i64,
    pub enrolled: i64,
    pub unchanged: i64,
    pub error_rows: i64,
    /// Why the job failed.
    pub message: Option<String>,
}

impl ImportStatus {
    /// Whether the job still runs (or waits to).
    pub fn is_active(&self) -> bool {
        self.status == "queued" || self.status == "running"
    }
}

/// The progress of import `job_id` (admins with the cohort in scope only).
#[server(endpoint = "import_progress")]
pub async fn import_progress(job_id: i64) -> Result<ImportStatus, AppError> {
    Ok(super::job_in_scope(job_id).await?.progress)
}
