//! Each institution's Ed25519 signing keys: made on first need, rotated on request, and all of
//! them published (the controller document at `/.well-known/pamong/lembaga/{id}/kunci.json`).
//!
//! The public half of a key is a row of `credential_key`; the secret half is a file
//! `<data_dir>/kunci/<institution>/<publicKeyMultibase>.key` (mode 0600 in a 0700 directory)
//! holding the Multikey `secretKeyMultibase`, written and synced before its row commits. A key is
//! never logged: [`SecretKey`]'s `Debug` prints only its public half. See docs/KEYS.md.

use super::proof::{self, SecretKey};
use crate::ssr::db::{begin_write, is_unique_violation, Db};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

/// Where secret keys are kept: `data_dir/kunci`.
#[derive(Clone, Debug)]
pub struct KeyStore {
    dir: PathBuf,
}

/// A published key of an institution.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct PublicKeyRow {
    pub id: i64,
    pub institution_id: i64,
    /// Multikey `publicKeyMultibase`.
    pub public_key: String,
    pub created_at: i64,
    pub retired_at: Option<i64>,
}

/// What went wrong with a key.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("key file {path}: {source}")]
    File {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("key file {0} does not hold an Ed25519 secret key")]
    Unreadable(PathBuf),
    #[error("key file {0} does not match its published public key")]
    Mismatch(PathBuf),
}

/// The path part of an institution's key document (also the issuer id's path).
pub fn key_document_path(institution: i64) -> String {
    format!("/.well-known/pamong/lembaga/{institution}/kunci.json")
}

/// The institution a key document URL (or a verification method id in it) names, if it is one
/// of Pamong's: `…/.well-known/pamong/lembaga/{id}/kunci.json[#…]`.
pub fn institution_of_key_url(url: &str) -> Option<i64> {
    let document = url.split('#').next()?;
    let rest = document.rsplit_once("/.well-known/pamong/lembaga/")?.1;
    let id = rest.strip_suffix("/kunci.json")?;
    (!id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()))
        .then(|| id.parse().ok())
        .flatten()
}

impl KeyStore {
    /// Secret keys under `data_dir/kunci`.
    pub fn new(data_dir: &Path) -> KeyStore {
        KeyStore {
            dir: data_dir.join("kunci"),
        }
    }

    fn file(&self, institution: i64, public_key: &str) -> PathBuf {
        self.dir
            .join(institution.to_string())
            .join(format!("{public_key}.key"))
    }

    /// The institution's current key with its secret, made (and published) on first need. Two
    /// processes asking at once both write a file; one row wins, the other file is removed.
    pub async fn current(
        &self,
        db: &Db,
        institution: i64,
        now: i64,
    ) -> Result<(PublicKeyRow, SecretKey), KeyError> {
        for _ in 0..3 {
            if let Some(row) = current_row(db, institution).await? {
                let secret = self.read_secret(&row).await?;
                return Ok((row, secret));
            }
            let secret = SecretKey::generate();
            let path = self.write_secret(institution, &secret).await?;
            let inserted = sqlx::query(
                "insert into credential_key (institution_id, public_key, created_at) \
                 values ($1, $2, $3)",
            )
            .bind(institution)
            .bind(secret.public_multibase())
            .bind(now)
            .execute(db)
            .await;
            match inserted {
                Ok(_) => {
                    tracing::info!(
                        institution,
                        key = %secret.public_multibase(),
                        "signing key made"
                    );
                }
                Err(err) if is_unique_violation(&err) => {
                    let _ = tokio::fs::remove_file(&path).await;
                }
                Err(err) => {
                    let _ = tokio::fs::remove_file(&path).await;
                    return Err(err.into());
                }
            }
        }
        Err(KeyError::Database(sqlx::Error::RowNotFound))
    }

    /// Makes a new current key for the institution; the one before stays published, retired
    /// (it signs nothing new, and what it signed still verifies). Returns the new key's row.
    pub async fn rotate(
        &self,
        db: &Db,
        institution: i64,
        now: i64,
    ) -> Result<PublicKeyRow, KeyError> {
        let secret = SecretKey::generate();
        let path = self.write_secret(institution, &secret).await?;
        let result = async {
            let mut tx = begin_write(db).await?;
            sqlx::query(
                "update credential_key set retired_at = $1 \
                 where institution_id = $2 and retired_at is null",
            )
            .bind(now)
            .bind(institution)
            .execute(&mut *tx)
            .await?;
            let row: PublicKeyRow = sqlx::query_as(
                "insert into credential_key (institution_id, public_key, created_at) \
                 values ($1, $2, $3) \
                 returning id, institution_id, public_key, created_at, retired_at",
            )
            .bind(institution)
            .bind(secret.public_multibase())
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok::<_, sqlx::Error>(row)
        }
        .await;
        match result {
            Ok(row) => {
                tracing::info!(institution, key = %row.public_key, "signing key rotated");
                Ok(row)
            }
            Err(err) => {
                let _ = tokio::fs::remove_file(&path).await;
                Err(err.into())
            }
        }
    }

    async fn read_secret(&self, row: &PublicKeyRow) -> Result<SecretKey, KeyError> {
        let path = self.file(row.institution_id, &row.public_key);
        let text = tokio::fs::read_to_string(&path)
            .await
            .map_err(|source| KeyError::File {
                path: path.clone(),
                source,
            })?;
        let secret = SecretKey::from_multibase(&text).ok_or(KeyError::Unreadable(path.clone()))?;
        if secret.public_multibase() != row.public_key {
            return Err(KeyError::Mismatch(path));
        }
        Ok(secret)
    }

    /// Writes the secret to its file (0600, in a 0700 directory), synced before returning.
    async fn write_secret(
        &self,
        institution: i64,
        secret: &SecretKey,
    ) -> Result<PathBuf, KeyError> {
        let path = self.file(institution, &secret.public_multibase());
        let text = secret.to_multibase();
        let target = path.clone();
        tokio::task::spawn_blocking(move || write_private(&target, text.as_bytes()))
            .await
            .map_err(|e| std::io::Error::other(e.to_string()))
            .and_then(|r| r)
            .map_err(|source| KeyError::File {
                path: path.clone(),
                source,
            })?;
        Ok(path)
    }
}

/// Creates `path` readable by its owner only, writes `bytes`, syncs the file and its directory.
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path
        .parent()
        .ok_or_else(|| std::io::Error::other("a key path with no directory"))?;
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)?;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    drop(file);
    #[cfg(unix)]
    std::fs::File::open(dir)?.sync_all()?;
    Ok(())
}

/// The institution's current key, if it has one.
pub async fn current_row(db: &Db, institution: i64) -> Result<Option<PublicKeyRow>, sqlx::Error> {
    sqlx::query_as(
        "select id, institution_id, public_key, created_at, retired_at from credential_key \
         where institution_id = $1 and retired_at is null",
    )
    .bind(institution)
    .fetch_optional(db)
    .await
}

/// Every key the institution has published, oldest first.
pub async fn published(db: &Db, institution: i64) -> Result<Vec<PublicKeyRow>, sqlx::Error> {
    sqlx::query_as(
        "select id, institution_id, public_key, created_at, retired_at from credential_key \
         where institution_id = $1 order by id",
    )
    .bind(institution)
    .fetch_all(db)
    .await
}

/// The published key `public_key` of `institution`, if there is one.
pub async fn find(
    db: &Db,
    institution: i64,
    public_key: &str,
) -> Result<Option<PublicKeyRow>, sqlx::Error> {
    sqlx::query_as(
        "select id, institution_id, public_key, created_at, retired_at from credential_key \
         where institution_id = $1 and public_key = $2",
    )
    .bind(institution)
    .bind(public_key)
    .fetch_optional(db)
    .await
}

/// The controller document (W3C Controlled Identifiers 1.0) of an institution's keys, at
/// `base` + [`key_document_path`]: every key as a `Multikey` verification method, each one an
/// `assertionMethod` (so credentials signed before a rotation still verify).
pub fn key_document(base: &str, keys: &[PublicKeyRow], institution: i64) -> Value {
    let id = format!("{base}{}", key_document_path(institution));
    let methods: Vec<Value> = keys
        .iter()
        .map(|k| {
            json!({
                "id": format!("{id}#{}", k.public_key),
                "type": "Multikey",
                "controller": id,
                "publicKeyMultibase": k.public_key,
            })
        })
        .collect();
    let assertion: Vec<Value> = keys
        .iter()
        .map(|k| Value::String(format!("{id}#{}", k.public_key)))
        .collect();
    json!({
        "@context": ["https://www.w3.org/ns/cid/v1"],
        "id": id,
        "verificationMethod": methods,
        "assertionMethod": assertion,
    })
}

/// The keys a saved key document publishes for assertions: verification method id → key.
/// Only `Multikey` Ed25519 methods whose controller is the document, listed in
/// `assertionMethod` (by reference or embedded), count.
pub fn keys_of_document(document: &Value) -> Vec<(String, String, ed25519_dalek::VerifyingKey)> {
    let Some(controller) = document.get("id").and_then(Value::as_str) else {
        return Vec::new();
    };
    let mut methods: Vec<&Value> = document
        .get("verificationMethod")
        .and_then(Value::as_array)
        .map(|m| m.iter().collect())
        .unwrap_or_default();
    let assertion = document
        .get("assertionMethod")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    methods.extend(assertion.iter().filter(|a| a.is_object()));
    let asserted = |id: &str| {
        assertion.iter().any(|a| match a {
            Value::String(s) => s == id,
            other => other.get("id").and_then(Value::as_str) == Some(id),
        })
    };
    methods
        .into_iter()
        .filter_map(|m| {
            let id = m.get("id")?.as_str()?;
            let ok = m.get("type")?.as_str()? == "Multikey"
                && m.get("controller")?.as_str()? == controller
                && id.split('#').next() == Some(controller)
                && asserted(id);
            let key = proof::parse_public_key_multibase(m.get("publicKeyMultibase")?.as_str()?)?;
            ok.then(|| (id.to_string(), controller.to_string(), key))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_urls_name_their_institution() {
        let base = "https://pamong.example.id";
        assert_eq!(
            institution_of_key_url(&format!("{base}{}#z6Mk", key_document_path(42))),
            Some(42)
        );
        assert_eq!(
            institution_of_key_url("https://x/lembaga/4/kunci.json"),
            None
        );
        assert_eq!(
            institution_of_key_url("https://x/.well-known/pamong/lembaga/a/kunci.json"),
            None
        );
    }

    #[test]
    fn a_published_document_gives_back_its_keys() {
        let a = SecretKey::generate();
        let b = SecretKey::generate();
        let rows: Vec<PublicKeyRow> = [&a, &b]
            .iter()
            .enumerate()
            .map(|(n, k)| PublicKeyRow {
                id: n as i64 + 1,
                institution_id: 7,
                public_key: k.public_multibase(),
                created_at: 0,
                retired_at: (n == 0).then_some(5),
            })
            .collect();
        let document = key_document("https://p.test", &rows, 7);
        let keys = keys_of_document(&document);
        assert_eq!(keys.len(), 2);
        assert_eq!(keys[0].2, a.public());
        assert_eq!(
            keys[1].0,
            format!(
                "https://p.test/.well-known/pamong/lembaga/7/kunci.json#{}",
                b.public_multibase()
            )
        );
        // A method not listed under assertionMethod does not count.
        let mut narrowed = document.clone();
        narrowed["assertionMethod"] = serde_json::json!([keys[1].0]);
        assert_eq!(keys_of_document(&narrowed).len(), 1);
    }
}
