//! The database handle: one `AnyPool` over SQLite or PostgreSQL, and helpers shared by queries.
//!
//! Queries are runtime `sqlx::query` with `$n` placeholders, which both backends accept.
//! Integers are `bigint` on PostgreSQL so that they decode as `i64` on both; times are unix seconds.

use crate::model::{AppError, ErrorKind};

/// The pool every query runs on.
pub type Db = sqlx::AnyPool;

/// Per-connection SQLite settings. `synchronous = FULL` in WAL mode syncs the log at every commit,
/// so an acknowledged write survives a crash of the process and of the machine.
///
/// SQLite's own checkpoints stay (every 1,000 log pages, inside the commit that passes them).
/// Measured in the quiz burst: such a commit takes 10–250 ms while the disk syncs the database
/// file, and that is the tail of the save latency. A background checkpointer never let the log
/// start afresh under a steady stream of saves (it grew past 50 MB and the stalls got longer),
/// and 256-page checkpoints did not make the tail reliably shorter (docs/BENCHMARKS.md).
pub const SQLITE_PRAGMAS: [&str; 4] = [
    "pragma journal_mode = wal",
    "pragma synchronous = full",
    "pragma foreign_keys = on",
    "pragma busy_timeout = 5000",
];

/// Which database a URL points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// PostgreSQL for `postgres://` and `postgresql://` URLs, SQLite otherwise.
    pub fn from_url(url: &str) -> Backend {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres
        } else {
            Backend::Sqlite
        }
    }
}

/// Seconds since the Unix epoch.
pub fn now_unix() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or_default()
}

/// Logs a database (or other internal) failure and returns the error the client sees.
pub fn internal(context: &str, err: impl std::fmt::Display) -> AppError {
    tracing::error!(%err, "{context}");
    AppError::new(ErrorKind::Internal, super::msg("error.internal"))
}

/// Whether a database error is a unique-constraint violation.
pub fn is_unique_violation(err: &sqlx::Error) -> bool {
    matches!(err, sqlx::Error::Database(db) if db.is_unique_violation())
}
