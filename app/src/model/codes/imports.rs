//! Participant import codes.

code_enum!(
    /// Where a participant import is: waiting for a worker, running, finished, or failed.
    ImportJobStatus {
        Queued = "queued",
        Running = "running",
        Done = "done",
        Failed = "failed",
    }
);

/// A job starts queued.
impl Default for ImportJobStatus {
    fn default() -> ImportJobStatus {
        ImportJobStatus::Queued
    }
}
