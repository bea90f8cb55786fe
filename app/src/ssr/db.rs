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
/// `page_size = 1024` (SQLite's default is 4096) takes effect only when the database file is
/// created, so it comes first; an existing file keeps its size. A one-answer save changes one
/// row, and SQLite writes the whole page holding it to the log, then copies it into the database
/// file at the next checkpoint. With 1 KiB pages that is a quarter of the bytes, and the
/// checkpoints that sit inside some commits (every 1,000 log pages) copy and sync a quarter of
/// the data: in the 10,000 saves/s burst the p99 was under 100 ms in 6 of 8 runs, against 0 of
/// 2 with 4 KiB pages on the same machine (docs/BENCHMARKS.md). A background checkpointer never
/// let the log start afresh under a steady stream of saves, and 256-page checkpoints did not make
/// the tail shorter.
pub const SQLITE_PRAGMAS: [&str; 5] = [
    "pragma page_size = 1024",
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

/// Begins a transaction that holds the database's write lock from the start on SQLite (`begin
/// immediate`), and an ordinary one on PostgreSQL. A SQLite transaction that reads first and
/// writes later fails at its first write (`SQLITE_BUSY`, whatever the busy timeout) when another
/// connection wrote in between; one that takes the lock first waits its turn instead.
pub async fn begin_write(db: &Db) -> Result<sqlx::Transaction<'static, sqlx::Any>, sqlx::Error> {
    if db
        .connect_options()
        .database_url
        .scheme()
        .starts_with("sqlite")
    {
        db.begin_with("begin immediate").await
    } else {
        db.begin().await
    }
}

/// Replaces a row's own fields and clears its children in `tx`: runs `update` and, if it changed
/// exactly the one row, deletes the row's old children with each of `clear` (in order, each
/// binding `id` as `$1`) so that the caller can write the new ones. False, with nothing deleted,
/// when the update changed no row (the row is gone or no longer editable).
pub async fn update_and_clear_children<'q>(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    update: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    id: i64,
    clear: &[&str],
) -> Result<bool, sqlx::Error> {
    if update.execute(&mut **tx).await?.rows_affected() != 1 {
        return Ok(false);
    }
    for statement in clear {
        sqlx::query(statement).bind(id).execute(&mut **tx).await?;
    }
    Ok(true)
}

/// Writes the ordered children of row `parent` with `insert`, one row per item: `insert` binds
/// the parent's id as `$1`, the item's position counted from 1 as `$2`, and the item's text and
/// number as `$3` and `$4`.
pub async fn insert_numbered(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    insert: &str,
    parent: i64,
    items: &[(&str, i64)],
) -> Result<(), sqlx::Error> {
    for (n, (text, number)) in items.iter().enumerate() {
        sqlx::query(insert)
            .bind(parent)
            .bind(n as i64 + 1)
            .bind(*text)
            .bind(*number)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Whether a database error may go away by itself — a lost or refused connection, a server
/// restarting, a lock or serialization conflict — so that the same work is worth trying again
/// later. Constraint violations, bad SQL and decoding errors are not: trying again would fail
/// again.
pub fn is_transient(err: &sqlx::Error) -> bool {
    match err {
        sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::Protocol(_)
        | sqlx::Error::PoolTimedOut
        | sqlx::Error::WorkerCrashed => true,
        sqlx::Error::Database(db) => db.code().is_some_and(|code| transient_code(&code)),
        _ => false,
    }
}

/// PostgreSQL SQLSTATEs: connection exceptions (class 08), insufficient resources (class 53),
/// the server shutting down or starting (57P01–57P03), serialization failure (40001), deadlock
/// (40P01), lock not available (55P03); they always have five characters. SQLite result codes
/// (at most four digits): busy (5) and locked (6), also as extended codes (whose low byte is the
/// primary code).
fn transient_code(code: &str) -> bool {
    if code.len() == 5 {
        code.starts_with("08")
            || code.starts_with("53")
            || matches!(
                code,
                "57P01" | "57P02" | "57P03" | "40001" | "40P01" | "55P03"
            )
    } else {
        code.parse::<i32>()
            .is_ok_and(|extended| matches!(extended & 0xff, 5 | 6))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lost_connections_and_conflicts_are_transient_other_errors_are_not() {
        assert!(is_transient(&sqlx::Error::PoolTimedOut));
        assert!(is_transient(&sqlx::Error::Io(std::io::Error::from(
            std::io::ErrorKind::ConnectionReset
        ))));
        assert!(!is_transient(&sqlx::Error::RowNotFound));
        assert!(!is_transient(&sqlx::Error::PoolClosed));
        for code in [
            "57P01", "08006", "40001", "40P01", "53300", "5", "517", "6", "262",
        ] {
            assert!(transient_code(code), "{code}");
        }
        for code in ["23505", "42P01", "19", "2067", "1", "22P02", "22022"] {
            assert!(!transient_code(code), "{code}");
        }
    }
}
