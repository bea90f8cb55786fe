//! What an agency's IT staff run beside serving: migrate the database, create an admin, back the
//! database up and restore it (SQLite by its own consistent copy, PostgreSQL by `pg_dump` and
//! `pg_restore`), and the lock that keeps a restore from swapping a SQLite file under a
//! running server.

use crate::config::Config;
use anyhow::{bail, ensure, Context};
use app::model::audit::{AuditAction, AuditSubject};
use app::model::{InstitutionId, Role, UserId};
use app::ssr::audit::{self, Actor};
use app::ssr::db::{now_unix, Backend, Db};
use sqlx::{AnyConnection, Connection};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The migrations recorded in the database after `migrate`, and the newest one's version.
pub async fn migrate(config: &Config) -> anyhow::Result<(i64, i64)> {
    let db = crate::db::connect(&config.database_url()).await?;
    let applied = applied_migrations(&db).await?;
    db.close().await;
    Ok(applied)
}

async fn applied_migrations(db: &Db) -> anyhow::Result<(i64, i64)> {
    let (count, newest): (i64, Option<i64>) =
        sqlx::query_as("select count(*), max(version) from _sqlx_migrations where success")
            .fetch_one(db)
            .await
            .context("reading the applied migrations")?;
    Ok((count, newest.unwrap_or(0)))
}

/// The admin `create_admin` makes.
#[derive(Debug)]
pub struct NewAdmin {
    pub email: String,
    pub name: String,
    /// The institution whose subtree the admin governs; `None` picks the only top-level one.
    pub institution: Option<i64>,
    /// Creates a top-level agency of this name when the database has no institution yet.
    pub new_agency: Option<String>,
    pub password: String,
}

/// Creates an admin account (the migrations run first, so a new database works) and returns
/// its id and the name of the institution it governs.
pub async fn create_admin(config: &Config, admin: NewAdmin) -> anyhow::Result<(UserId, String)> {
    let email = admin.email.trim().to_lowercase();
    ensure!(
        email.contains('@') && !email.starts_with('@') && !email.ends_with('@'),
        "not an e-mail address: {email}"
    );
    let name = admin.name.trim();
    ensure!(!name.is_empty(), "the admin needs a name (--name)");
    ensure!(
        admin.password.chars().count() >= app::ssr::password::MIN_LENGTH,
        "the password needs at least {} characters",
        app::ssr::password::MIN_LENGTH
    );
    let db = crate::db::connect(&config.database_url()).await?;
    let result = create_admin_in(&db, &email, name, &admin).await;
    db.close().await;
    result
}

async fn create_admin_in(
    db: &Db,
    email: &str,
    name: &str,
    admin: &NewAdmin,
) -> anyhow::Result<(UserId, String)> {
    let institution = match admin.institution {
        Some(id) => {
            let found: Option<(String,)> =
                sqlx::query_as("select name from institution where id = $1")
                    .bind(id)
                    .fetch_optional(db)
                    .await?;
            let (found,) = found.with_context(|| format!("no institution {id}"))?;
            (InstitutionId(id), found)
        }
        None => {
            let tops: Vec<(i64, String)> = sqlx::query_as(
                "select id, name from institution where parent_id is null order by id limit 2",
            )
            .fetch_all(db)
            .await?;
            match (tops.as_slice(), &admin.new_agency) {
                ([(id, found)], None) => (InstitutionId(*id), found.clone()),
                ([], Some(agency)) => {
                    let agency = agency.trim();
                    ensure!(!agency.is_empty(), "--new-agency needs a name");
                    let id = app::ssr::institutions::insert(
                        db,
                        agency,
                        "province_agency",
                        None,
                        None,
                        None,
                        now_unix(),
                    )
                    .await?;
                    (id, agency.to_string())
                }
                ([], None) => bail!(
                    "the database has no institution yet: name the agency with --new-agency \"<name>\""
                ),
                (_, Some(_)) => {
                    bail!("--new-agency is only for a database without institutions")
                }
                _ => bail!("several top-level institutions: choose one with --institution <id>"),
            }
        }
    };
    let hash = app::ssr::password::hash(admin.password.clone())
        .await
        .map_err(|e| anyhow::anyhow!("hashing the password: {e}"))?;
    let now = now_unix();
    let mut tx = db.begin().await?;
    let id = app::ssr::users::create(
        &mut *tx,
        app::ssr::users::NewUser {
            name,
            email,
            password_hash: &hash,
            role: Role::Admin,
            nip: None,
            institution_id: Some(institution.0),
        },
        now,
    )
    .await
    .map_err(|e| match e {
        app::ssr::users::CreateUserError::EmailTaken
        | app::ssr::users::CreateUserError::NipTaken => {
            anyhow::anyhow!("an account with e-mail {email} already exists")
        }
        app::ssr::users::CreateUserError::Database(e) => anyhow::Error::new(e),
    })?;
    // Recorded like an admin's own account creation; the actor is the new account itself, and
    // the address says it came from the server's command line (with the operating-system user).
    let actor = Actor {
        id: id.0,
        name: name.to_string(),
        role: Role::Admin.code().to_string(),
        address: format!(
            "command line ({})",
            std::env::var("USER").unwrap_or_else(|_| "?".to_string())
        ),
    };
    let entry = audit::Entry::new(
        AuditAction::AccountCreate,
        AuditSubject::User,
        id.0,
        audit::person(name, Some(email)),
        audit::Scope::Institution(Some(institution.0 .0)),
    );
    audit::record(&mut tx, &actor, entry.change(None, Role::Admin.code()), now).await?;
    tx.commit().await?;
    Ok((id, institution.1))
}

/// What a backup wrote.
#[derive(Debug)]
pub struct Backup {
    pub path: PathBuf,
    pub bytes: u64,
    pub backend: Backend,
}

/// Writes a consistent copy of the database to `dest` while the server keeps serving. SQLite:
/// `VACUUM INTO` reads one snapshot (every write committed before it began, none after) into a
/// new file, which is then checked (`integrity_check`, `foreign_key_check`). PostgreSQL:
/// `pg_dump --format=custom`, also one snapshot. The file appears under its name only when
/// complete; an existing file is never overwritten.
pub async fn backup(config: &Config, dest: &Path) -> anyhow::Result<Backup> {
    ensure!(
        !dest.exists(),
        "{} exists already: choose a new name",
        dest.display()
    );
    sqlx::any::install_default_drivers();
    let url = config.database_url();
    let partial = partial_name(dest);
    let _ = std::fs::remove_file(&partial);
    let backend = Backend::from_url(&url);
    match backend {
        Backend::Sqlite => {
            let mut conn = AnyConnection::connect(&url)
                .await
                .context("opening the database to back it up")?;
            sqlx::query("vacuum into $1")
                .bind(partial.to_string_lossy().to_string())
                .execute(&mut conn)
                .await
                .context("copying the database (vacuum into)")?;
            conn.close().await?;
            check_sqlite_file(&partial).await?;
        }
        Backend::Postgres => {
            let (plain, password) = split_password(&url);
            let mut command = Command::new("pg_dump");
            command
                .args(["--format=custom", "--no-owner", "--file"])
                .arg(&partial)
                .arg(&plain);
            if let Some(password) = password {
                command.env("PGPASSWORD", password);
            }
            run(&mut command, "pg_dump")?;
        }
    }
    File::open(&partial)?.sync_all()?;
    std::fs::rename(&partial, dest)?;
    let bytes = std::fs::metadata(dest)?.len();
    Ok(Backup {
        path: dest.to_path_buf(),
        bytes,
        backend,
    })
}

/// Replaces the database with the backup `source`, then migrates it to this version.
///
/// SQLite: the backup is checked first; no server may be running on the database (each holds a
/// shared lock on `<database>.lock`, the restore takes it exclusively or refuses); the file it
/// replaces is kept beside it as `<database>.before-restore-<unix time>`. PostgreSQL:
/// `pg_restore --clean --if-exists --single-transaction` into the configured database (stop
/// the servers first; an error leaves the database as it was). Returns the kept file's path
/// (SQLite) or `None`.
pub async fn restore(config: &Config, source: &Path) -> anyhow::Result<Option<PathBuf>> {
    ensure!(source.is_file(), "no backup at {}", source.display());
    sqlx::any::install_default_drivers();
    let url = config.database_url();
    match Backend::from_url(&url) {
        Backend::Sqlite => {
            check_sqlite_file(source).await?;
            newer_than_this_version(source).await?;
            let target = crate::db::sqlite_path(&url).context("no SQLite file in the URL")?;
            let lock = DatabaseLock::exclusive(&target)?;
            let restoring = partial_name(&target);
            std::fs::copy(source, &restoring)
                .with_context(|| format!("copying {}", source.display()))?;
            File::open(&restoring)?.sync_all()?;
            let kept = target.with_file_name(format!(
                "{}.before-restore-{}",
                file_name(&target),
                now_unix()
            ));
            if target.exists() {
                // Its last writes may still be in the write-ahead log: fold them in first, so
                // that the kept file is whole.
                let mut conn = AnyConnection::connect(&url).await?;
                sqlx::query("pragma wal_checkpoint(truncate)")
                    .execute(&mut conn)
                    .await?;
                conn.close().await?;
                std::fs::rename(&target, &kept)?;
            }
            for suffix in ["-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", target.display()));
            }
            std::fs::rename(&restoring, &target)?;
            if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
                File::open(dir)?.sync_all()?;
            }
            crate::db::migrate(&url, Backend::Sqlite).await?;
            drop(lock);
            Ok(kept.exists().then_some(kept))
        }
        Backend::Postgres => {
            let (plain, password) = split_password(&url);
            let mut command = Command::new("pg_restore");
            command
                .args([
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--single-transaction",
                    "--exit-on-error",
                    "--dbname",
                ])
                .arg(&plain)
                .arg(source);
            if let Some(password) = password {
                command.env("PGPASSWORD", password);
            }
            run(&mut command, "pg_restore")?;
            crate::db::migrate(&url, Backend::Postgres).await?;
            Ok(None)
        }
    }
}

/// Refuses a SQLite file that is damaged or has rows pointing nowhere.
pub async fn check_sqlite_file(path: &Path) -> anyhow::Result<()> {
    sqlx::any::install_default_drivers();
    let url = format!("sqlite://{}?mode=rw", path.display());
    let mut conn = AnyConnection::connect(&url)
        .await
        .with_context(|| format!("opening {}", path.display()))?;
    let verdict: Vec<(String,)> = sqlx::query_as("pragma integrity_check")
        .fetch_all(&mut conn)
        .await?;
    let broken: Vec<(String,)> = sqlx::query_as("select \"table\" from pragma_foreign_key_check")
        .fetch_all(&mut conn)
        .await?;
    conn.close().await?;
    ensure!(
        verdict.len() == 1 && verdict[0].0 == "ok",
        "{} fails its integrity check: {}",
        path.display(),
        verdict
            .iter()
            .map(|(line,)| line.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    );
    ensure!(
        broken.is_empty(),
        "{}: {} row(s) point at rows that do not exist (first in {})",
        path.display(),
        broken.len(),
        broken[0].0
    );
    Ok(())
}

/// Refuses a backup made by a newer Pamong (it holds migrations this binary does not know).
async fn newer_than_this_version(path: &Path) -> anyhow::Result<()> {
    let url = format!("sqlite://{}?mode=rw", path.display());
    let mut conn = AnyConnection::connect(&url).await?;
    let newest: Option<(Option<i64>,)> =
        sqlx::query_as("select max(version) from _sqlx_migrations where success")
            .fetch_optional(&mut conn)
            .await
            .context("the file is not a Pamong database (no migrations table)")?;
    conn.close().await?;
    let newest = newest.and_then(|(v,)| v).unwrap_or(0);
    let known = crate::db::SQLITE_MIGRATIONS
        .iter()
        .map(|m| m.version)
        .max()
        .unwrap_or(0);
    ensure!(
        newest <= known,
        "the backup comes from a newer Pamong (migration {newest}; this one knows up to {known})"
    );
    Ok(())
}

/// A lock on `<database>.lock` beside a SQLite file: shared by every server using the file,
/// exclusive for a restore. Released when dropped.
#[derive(Debug)]
pub struct DatabaseLock {
    _file: File,
}

impl DatabaseLock {
    fn open(database: &Path) -> anyhow::Result<File> {
        let path = database.with_file_name(format!("{}.lock", file_name(database)));
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        }
        File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .with_context(|| format!("opening {}", path.display()))
    }

    /// The lock a server holds while it serves; refused while a restore runs.
    pub fn shared(database: &Path) -> anyhow::Result<DatabaseLock> {
        let file = Self::open(database)?;
        match file.try_lock_shared() {
            Ok(()) => Ok(DatabaseLock { _file: file }),
            Err(std::fs::TryLockError::WouldBlock) => {
                bail!(
                    "a restore is replacing {}: start again when it has finished",
                    database.display()
                )
            }
            Err(std::fs::TryLockError::Error(e)) => Err(e.into()),
        }
    }

    /// The lock a restore holds; refused while any server uses the file.
    pub fn exclusive(database: &Path) -> anyhow::Result<DatabaseLock> {
        let file = Self::open(database)?;
        match file.try_lock() {
            Ok(()) => Ok(DatabaseLock { _file: file }),
            Err(std::fs::TryLockError::WouldBlock) => bail!(
                "a Pamong server is running on {}: stop it before restoring",
                database.display()
            ),
            Err(std::fs::TryLockError::Error(e)) => Err(e.into()),
        }
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default()
}

/// `<name>.partial` beside `path`: where a file is written before it gets its name.
fn partial_name(path: &Path) -> PathBuf {
    path.with_file_name(format!("{}.partial", file_name(path)))
}

/// A PostgreSQL URL without its password, and the password (given to the tools through
/// `PGPASSWORD`, so that it never shows in the process list).
fn split_password(url: &str) -> (String, Option<String>) {
    let Some((scheme, rest)) = url.split_once("://") else {
        return (url.to_string(), None);
    };
    let Some((userinfo, host)) = rest.split_once('@') else {
        return (url.to_string(), None);
    };
    match userinfo.split_once(':') {
        Some((user, password)) => (
            format!("{scheme}://{user}@{host}"),
            Some(password.to_string()),
        ),
        None => (url.to_string(), None),
    }
}

fn run(command: &mut Command, name: &str) -> anyhow::Result<()> {
    let output = command
        .output()
        .with_context(|| format!("starting {name} (is the PostgreSQL client installed?)"))?;
    ensure!(
        output.status.success(),
        "{name} failed ({}): {}",
        output.status,
        String::from_utf8_lossy(&output.stderr).trim()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_password_leaves_the_url_for_the_environment() {
        assert_eq!(
            split_password("postgres://pamong:rahasia@db.local:5432/pamong"),
            (
                "postgres://pamong@db.local:5432/pamong".to_string(),
                Some("rahasia".to_string())
            )
        );
        assert_eq!(
            split_password("postgres://postgres@127.0.0.1:5432/test"),
            ("postgres://postgres@127.0.0.1:5432/test".to_string(), None)
        );
    }

    #[test]
    fn a_restore_waits_for_no_server_and_a_server_for_no_restore() {
        let dir = std::env::temp_dir().join(format!("pamong-lock-{:016x}", rand::random::<u64>()));
        std::fs::create_dir_all(&dir).expect("dir");
        let db = dir.join("pamong.db");
        let serving = DatabaseLock::shared(&db).expect("first server");
        let second = DatabaseLock::shared(&db).expect("servers share the file");
        let refused = DatabaseLock::exclusive(&db).expect_err("refused while serving");
        assert!(refused.to_string().contains("stop it"), "{refused}");
        drop((serving, second));
        let restoring = DatabaseLock::exclusive(&db).expect("no server left");
        let refused = DatabaseLock::shared(&db).expect_err("no server during a restore");
        assert!(refused.to_string().contains("restore"), "{refused}");
        drop(restoring);
        DatabaseLock::shared(&db).expect("served again after the restore");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
