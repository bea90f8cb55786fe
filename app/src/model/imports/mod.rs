//! What the import server functions send to the pages: an import's status and counters, its row
//! errors, and a cohort's earlier imports.

use crate::model::codes::ImportJobStatus;
use crate::model::ids::{CohortId, ImportJobId};
use serde::{Deserialize, Serialize};

/// An import's status and counters.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportStatus {
    pub id: ImportJobId,
    /// `queued`, `running`, `done` or `failed`.
    pub status: ImportJobStatus,
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
        matches!(
            self.status,
            ImportJobStatus::Queued | ImportJobStatus::Running
        )
    }
}

/// One import as listed and shown.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportSummary {
    pub progress: ImportStatus,
    pub cohort_id: CohortId,
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

/// What the import page shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportJobDetail {
    pub job: ImportSummary,
    pub cohort_name: String,
    pub program_title: String,
    /// The first row errors, in line order.
    pub errors: Vec<ImportRowError>,
}

/// What the upload page shows about the cohort.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CohortImportList {
    pub cohort_id: CohortId,
    pub cohort_name: String,
    pub program_title: String,
    pub quota: i64,
    pub seats_taken: i64,
    pub jobs: Vec<ImportSummary>,
}
