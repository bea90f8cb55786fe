//! Connecting to SQLite or PostgreSQL and running that backend's migrations.

use anyhow::Context;
use app::ssr::db::{Backend, Db, SQLITE_PRAGMAS};
use sqlx::any::AnyPoolOptions;
use sqlx::Executor;
use std::time::Duration;

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
    migrate(&pool, backend).await?;
    Ok(pool)
}

/// Runs the backend's own, append-only migrations.
pub async fn migrate(pool: &Db, backend: Backend) -> anyhow::Result<()> {
    match backend {
        Backend::Sqlite => sqlx::migrate!("./migrations/sqlite").run(pool).await,
        Backend::Postgres => sqlx::migrate!("./migrations/postgres").run(pool).await,
    }
    .context("running migrations")
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
