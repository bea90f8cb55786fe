//! The server's command line: with no subcommand it serves, as it always has; `verify` checks
//! a credential offline against a saved key document and status list; `keys rotate` gives an
//! institution a new signing key; `migrate`, `admin create`, `backup` and `restore` are the
//! operations of `crate::ops`. [`run`] is the whole program, shared by `main` and the tests'
//! copy of it.

use crate::config::Config;
use app::model::credentials::CheckResult;
use app::ssr::credentials::credential::{self, CheckError};
use app::ssr::credentials::keys::KeyStore;
use std::path::PathBuf;

/// What the command line asks for.
#[derive(Debug, PartialEq, Eq)]
pub enum Command {
    /// Start the server (no subcommand).
    Serve,
    /// `verify <credential.json> --key <kunci.json> --status <status.json>`.
    Verify {
        credential: PathBuf,
        key: PathBuf,
        status: PathBuf,
    },
    /// `keys rotate --institution <id>`.
    RotateKey { institution: i64 },
    /// `migrate`.
    Migrate,
    /// `admin create --email <e-mail> --name <name> [--institution <id> | --new-agency <name>]`;
    /// the password comes from `PAMONG_ADMIN_PASSWORD`, else one line of standard input.
    CreateAdmin {
        email: String,
        name: String,
        institution: Option<i64>,
        new_agency: Option<String>,
    },
    /// `backup <file>`.
    Backup { dest: PathBuf },
    /// `restore <file>`.
    Restore { source: PathBuf },
    /// `--help`, or a command line that could not be read (with why).
    Usage(Option<String>),
}

/// How to call the subcommands.
pub const USAGE: &str = "\
Pemakaian / usage:
  server                      menjalankan Pamong / run Pamong
  server verify <kredensial.json> --key <kunci.json> --status <status.json>
                              memeriksa kredensial tanpa jaringan / check a credential offline
                              (exit 0 valid, 1 not valid: tampered, revoked, unknown issuer;
                              2 unreadable input)
  server keys rotate --institution <id>
                              kunci tanda tangan baru untuk lembaga / new signing key for an
                              institution (the old one stays published, retired)
  server migrate              memperbarui skema basis data / migrate the database, then exit
  server admin create --email <e-mail> --name <nama> [--institution <id> | --new-agency <nama>]
                              membuat akun admin / create an admin account; kata sandi dari
                              PAMONG_ADMIN_PASSWORD atau satu baris stdin / password from
                              PAMONG_ADMIN_PASSWORD or one line of standard input
  server backup <berkas>      cadangan selagi melayani / back up while serving (SQLite: a
                              checked copy; PostgreSQL: pg_dump --format=custom)
  server restore <berkas>     memulihkan cadangan / restore a backup (SQLite: servers stopped,
                              the replaced file kept as <db>.before-restore-<time>;
                              PostgreSQL: pg_restore --clean in one transaction)";

/// Reads the command line (without the program name).
pub fn parse(args: &[String]) -> Command {
    let Some(first) = args.first() else {
        return Command::Serve;
    };
    let option = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    match first.as_str() {
        "verify" => {
            let credential = args.get(1).filter(|a| !a.starts_with("--"));
            match (credential, option("--key"), option("--status")) {
                (Some(credential), Some(key), Some(status)) => Command::Verify {
                    credential: credential.into(),
                    key: key.into(),
                    status: status.into(),
                },
                _ => Command::Usage(Some(
                    "verify needs a credential file, --key and --status".into(),
                )),
            }
        }
        "keys" if args.get(1).map(String::as_str) == Some("rotate") => {
            match option("--institution").and_then(|n| n.parse().ok()) {
                Some(institution) => Command::RotateKey { institution },
                None => Command::Usage(Some("keys rotate needs --institution <id>".into())),
            }
        }
        "migrate" if args.len() == 1 => Command::Migrate,
        "admin" if args.get(1).map(String::as_str) == Some("create") => {
            let institution = option("--institution");
            let parsed = institution.as_deref().map(str::parse::<i64>);
            match (option("--email"), option("--name"), parsed) {
                (_, _, Some(Err(_))) => {
                    Command::Usage(Some("--institution needs an institution id".into()))
                }
                (Some(email), Some(name), institution) => Command::CreateAdmin {
                    email,
                    name,
                    institution: institution.and_then(Result::ok),
                    new_agency: option("--new-agency"),
                },
                _ => Command::Usage(Some("admin create needs --email and --name".into())),
            }
        }
        "backup" | "restore" => match (args.get(1), args.len()) {
            (Some(file), 2) if !file.starts_with("--") => {
                if first == "backup" {
                    Command::Backup { dest: file.into() }
                } else {
                    Command::Restore {
                        source: file.into(),
                    }
                }
            }
            _ => Command::Usage(Some(format!("{first} needs one file name"))),
        },
        "--help" | "-h" | "help" => Command::Usage(None),
        other => Command::Usage(Some(format!("unknown command: {other}"))),
    }
}

/// The verdict on a credential file, offline: checks the files and returns the line to print
/// and the exit code (0 valid, 1 not valid, 2 unreadable input).
pub fn verify_files(credential: &PathBuf, key: &PathBuf, status: &PathBuf) -> (String, i32) {
    let read = |path: &PathBuf| {
        std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
    };
    let (credential, key, status) = match (read(credential), read(key), read(status)) {
        (Ok(c), Ok(k), Ok(s)) => (c, k, s),
        (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => return (e, 2),
    };
    match credential::verify_offline(&credential, &key, &status) {
        Ok(result) => describe(&result),
        Err(err @ CheckError::NotACredential) | Err(err @ CheckError::BadKeyDocument) => {
            (format!("unreadable: {err}"), 2)
        }
        Err(err) => (format!("status unknown: {err}"), 2),
    }
}

/// The line for a verdict and its exit code.
fn describe(result: &CheckResult) -> (String, i32) {
    match result {
        CheckResult::Valid { summary } => (
            format!(
                "valid: {} — {} ({}), issued {}",
                summary.participant_name, summary.training, summary.institution, summary.issued
            ),
            0,
        ),
        CheckResult::Revoked { summary, .. } => (
            format!(
                "revoked: {} — {} ({})",
                summary.participant_name, summary.training, summary.institution
            ),
            1,
        ),
        CheckResult::Tampered => (
            "tampered: the content does not match its signature".to_string(),
            1,
        ),
        CheckResult::UnknownIssuer => (
            "unknown issuer: signed by a key the key document does not publish".to_string(),
            1,
        ),
    }
}

/// `keys rotate`: a new current key for the institution, on the configured database and data
/// directory. Prints the new public key (never the secret).
pub async fn rotate_key(config: &Config, institution: i64) -> anyhow::Result<String> {
    let db = crate::db::connect(&config.database_url()).await?;
    let (exists,): (i64,) = sqlx::query_as("select count(*) from institution where id = $1")
        .bind(institution)
        .fetch_one(&db)
        .await?;
    anyhow::ensure!(exists > 0, "no institution {institution}");
    let store = KeyStore::new(&config.data_dir);
    let row = store
        .rotate(&db, institution, app::ssr::db::now_unix())
        .await?;
    db.close().await;
    Ok(row.public_key)
}

/// The admin's password: `PAMONG_ADMIN_PASSWORD`, else the first line of standard input
/// (never an argument, which every user of the machine could read in the process list).
fn admin_password() -> anyhow::Result<String> {
    if let Ok(password) = std::env::var("PAMONG_ADMIN_PASSWORD") {
        return Ok(password);
    }
    eprintln!("Kata sandi admin (satu baris) / admin password (one line):");
    let mut line = String::new();
    std::io::stdin().read_line(&mut line)?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}

/// The whole program for `args` (without the program name): serves until a shutdown signal, or
/// runs one subcommand. Returns the exit code.
pub async fn run(args: &[String]) -> anyhow::Result<i32> {
    match parse(args) {
        Command::Serve => {
            serve().await?;
            Ok(0)
        }
        Command::Verify {
            credential,
            key,
            status,
        } => {
            let (line, code) = verify_files(&credential, &key, &status);
            println!("{line}");
            Ok(code)
        }
        Command::RotateKey { institution } => {
            let config = Config::load()?;
            let key = rotate_key(&config, institution).await?;
            println!("lembaga {institution}: kunci baru / new key {key}");
            Ok(0)
        }
        Command::Migrate => {
            let (count, newest) = crate::ops::migrate(&Config::load()?).await?;
            println!("{count} migrasi terpasang, terbaru / migrations applied, newest: {newest}");
            Ok(0)
        }
        Command::CreateAdmin {
            email,
            name,
            institution,
            new_agency,
        } => {
            let config = Config::load()?;
            let admin = crate::ops::NewAdmin {
                email,
                name,
                institution,
                new_agency,
                password: admin_password()?,
            };
            let (id, governs) = crate::ops::create_admin(&config, admin).await?;
            println!(
                "admin {id} dibuat untuk / created for: {governs}",
                id = id.0
            );
            Ok(0)
        }
        Command::Backup { dest } => {
            let backup = crate::ops::backup(&Config::load()?, &dest).await?;
            println!(
                "cadangan / backup: {} ({} bytes, {:?})",
                backup.path.display(),
                backup.bytes,
                backup.backend
            );
            Ok(0)
        }
        Command::Restore { source } => {
            let kept = crate::ops::restore(&Config::load()?, &source).await?;
            println!("dipulihkan dari / restored from {}", source.display());
            if let Some(kept) = kept {
                println!(
                    "basis data sebelumnya / previous database: {}",
                    kept.display()
                );
            }
            Ok(0)
        }
        Command::Usage(problem) => {
            if let Some(problem) = &problem {
                eprintln!("{problem}");
            }
            eprintln!("{USAGE}");
            Ok(if problem.is_some() { 2 } else { 0 })
        }
    }
}

/// Serves with the configuration from `pamong.toml` and the environment until SIGTERM or Ctrl-C.
async fn serve() -> anyhow::Result<()> {
    use crate::config::LogFormat;
    use tracing_subscriber::EnvFilter;
    let config = Config::load()?;
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_sessions=warn"));
    match config.log_format {
        LogFormat::Json => tracing_subscriber::fmt()
            .json()
            .with_env_filter(filter)
            .init(),
        LogFormat::Text => tracing_subscriber::fmt().with_env_filter(filter).init(),
    }
    tracing::info!(?config, "starting Pamong");
    let server = crate::build(config).await?;
    let addr = server.local_addr()?;
    tracing::info!(%addr, "listening");
    println!("Pamong berjalan di / is running at http://{addr}");
    server.serve(crate::shutdown_signal()).await?;
    tracing::info!("stopped");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(line: &str) -> Vec<String> {
        line.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn reads_the_command_line() {
        assert_eq!(parse(&[]), Command::Serve);
        assert_eq!(
            parse(&args("verify c.json --key k.json --status s.json")),
            Command::Verify {
                credential: "c.json".into(),
                key: "k.json".into(),
                status: "s.json".into()
            }
        );
        assert!(matches!(
            parse(&args("verify --key k.json")),
            Command::Usage(Some(_))
        ));
        assert_eq!(
            parse(&args("keys rotate --institution 4")),
            Command::RotateKey { institution: 4 }
        );
        assert!(matches!(
            parse(&args("keys rotate")),
            Command::Usage(Some(_))
        ));
        assert!(matches!(parse(&args("serve-me")), Command::Usage(Some(_))));
        assert_eq!(parse(&args("migrate")), Command::Migrate);
        assert_eq!(
            parse(&args(
                "admin create --email a@b.id --name Ani --institution 3"
            )),
            Command::CreateAdmin {
                email: "a@b.id".into(),
                name: "Ani".into(),
                institution: Some(3),
                new_agency: None
            }
        );
        assert!(matches!(
            parse(&args(
                "admin create --email a@b.id --name Ani --institution tiga"
            )),
            Command::Usage(Some(_))
        ));
        assert!(matches!(
            parse(&args("admin create --email a@b.id")),
            Command::Usage(Some(_))
        ));
        assert_eq!(
            parse(&args("backup /srv/cadangan.db")),
            Command::Backup {
                dest: "/srv/cadangan.db".into()
            }
        );
        assert_eq!(
            parse(&args("restore /srv/cadangan.db")),
            Command::Restore {
                source: "/srv/cadangan.db".into()
            }
        );
        assert!(matches!(parse(&args("backup")), Command::Usage(Some(_))));
        assert!(matches!(
            parse(&args("restore a.db b.db")),
            Command::Usage(Some(_))
        ));
    }
}
