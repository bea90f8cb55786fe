//! The database handle: one `AnyPool` over SQLite or PostgreSQL, and helpers shared by queries.
//!
//! Queries are runtime `sqlx::query` with `$n` placeholders, which both backends accept.
//! Integers are `bigint` on PostgreSQL so that they decode as `i64` on both; times are unix seconds.

use crate::model::{AppError, ErrorKind};

/// The pool every query runs on.
pub type Db = sqlx::AnyPool;

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
