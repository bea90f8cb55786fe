//! The server's subcommands besides serving: `server verify` (check a credential offline
//! against a saved key document and status list) and `server keys rotate` (give an institution
//! a new signing key). `server` with no subcommand serves, as it always has.

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
                              institution (the old one stays published, retired)";

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
    }
}
