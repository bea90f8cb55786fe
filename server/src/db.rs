//! Connecting to SQLite or PostgreSQL and running that backend's migrations.

use anyhow::Context;
use app::ssr::db::{Backend, Db, SQLITE_PRAGMAS};
use sqlx::any::AnyPoolOptions;
use sqlx::migrate::Migrator;
use sqlx::{AnyConnection, Connection, Executor};
use std::time::Duration;

/// SQLite's migrations, in order.
pub static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/sqlite");

/// PostgreSQL's migrations, in order.
pub static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/postgres");

/// Opens the pool for `url` (creating a SQLite file and its directory if needed) and migrates it.
pub async fn connect(url: &str) -> anyhow::Result<Db> {
    sqlx::any::install_default_drivers();
    let backend = Backend::from_url(url);
    let pool = match backend {
        Backend::Sqlite => {
            let url = sqlite_url(url);
            if let Some(dir) =
                sqlite_path(&url).and_then(|p| p.parent().map(std::path::Path::to_path_buf))
            {
                if !dir.as_os_str().is_empty() {
                    std::fs::create_dir_all(&dir)
                        .with_context(|| format!("creating {}", dir.display()))?;
                }
            }
            migrate(&url, backend).await?;
            AnyPoolOptions::new()
                .max_connections(8)
                .acquire_timeout(Duration::from_secs(10))
                .after_connect(|conn, _meta| {
                    Box::pin(async move {
                        for pragma in SQLITE_PRAGMAS {
                            conn.execute(pragma).await?;
                        }
                        Ok(())
                    })
                })
                .connect(&url)
                .await
                .with_context(|| format!("opening {url}"))?
        }
        Backend::Postgres => AnyPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(10))
            .connect(url)
            .await
            .context("connecting to PostgreSQL")?,
    };
    if backend == Backend::Postgres {
        migrate(url, backend).await?;
    }
    Ok(pool)
}

/// Runs the backend's own, append-only migrations on a connection of their own.
pub async fn migrate(url: &str, backend: Backend) -> anyhow::Result<()> {
    match backend {
        Backend::Sqlite => migrate_sqlite(url, &SQLITE_MIGRATIONS).await,
        Backend::Postgres => {
            let mut conn = AnyConnection::connect(url)
                .await
                .context("connecting to PostgreSQL to migrate it")?;
            POSTGRES_MIGRATIONS
                .run(&mut conn)
                .await
                .context("running migrations")?;
            conn.close().await?;
            Ok(())
        }
    }
}

/// Runs `migrations` on a SQLite database of its own connection, with foreign keys off, then
/// checks every reference; an error (and no server) if one points nowhere.
///
/// SQLite cannot change a column's constraints, so a migration makes the table again, drops the
/// old one and renames the new one (server/migrations/sqlite/20261204000020_people.sql). With
/// foreign keys on, dropping a table other tables reference deletes its rows first, cascading
/// into theirs (`on delete cascade`) or failing; and inside the migration's transaction the
/// pragma cannot be turned off. Off for the whole run on this one connection (never one of the
/// pool's), the drop deletes nothing and the references follow the name to the new table, as
/// SQLite's own procedure for such changes says; `pragma foreign_key_check` then proves that
/// every row still points at a row that exists.
pub async fn migrate_sqlite(url: &str, migrations: &Migrator) -> anyhow::Result<()> {
    let url = sqlite_url(url);
    let mut conn = AnyConnection::connect(&url)
        .await
        .with_context(|| format!("opening {url} to migrate it"))?;
    for pragma in SQLITE_PRAGMAS {
        let pragma = if pragma.starts_with("pragma foreign_keys") {
            "pragma foreign_keys = off"
        } else {
            pragma
        };
        conn.execute(pragma).await?;
    }
    migrations
        .run(&mut conn)
        .await
        .context("running migrations")?;
    let broken: Vec<(String, Option<i64>, String)> =
        sqlx::query_as("select \"table\", rowid, parent from pragma_foreign_key_check")
            .fetch_all(&mut conn)
            .await
            .context("checking foreign keys after the migrations")?;
    conn.close().await?;
    if let Some((table, row, parent)) = broken.first() {
        anyhow::bail!(
            "after the migrations, {} row(s) point at rows that do not exist, the first in \
             {table} (rowid {row:?}) at {parent}",
            broken.len()
        );
    }
    Ok(())
}

/// Adds `mode=rwc` so that a missing SQLite file is created.
fn sqlite_url(url: &str) -> String {
    if url.contains("mode=") {
        url.to_string()
    } else if url.contains('?') {
        format!("{url}&mode=rwc")
    } else {
        format!("{url}?mode=rwc")
    }
}

/// The file a `sqlite:` URL names (`None` for an in-memory database or another URL).
pub fn sqlite_path(url: &str) -> Option<std::path::PathBuf> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next()?;
    (!path.is_empty() && path != ":memory:").then(|| std::path::PathBuf::from(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_urls_create_missing_files() {
        assert_eq!(
            sqlite_url("sqlite://data/pamong.db"),
            "sqlite://data/pamong.db?mode=rwc"
        );
        assert_eq!(sqlite_url("sqlite://x.db?mode=ro"), "sqlite://x.db?mode=ro");
        assert_eq!(
            sqlite_path("sqlite://data/pamong.db?mode=rwc"),
            Some("data/pamong.db".into())
        );
    }
}
