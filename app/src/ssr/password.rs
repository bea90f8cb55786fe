//! Password hashing with argon2id (the `argon2` crate's defaults: 19 MiB, 2 passes, 1 lane),
//! run on the blocking pool so a burst of sign-ins does not stall the async workers.

use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use std::sync::LazyLock;

/// Shortest password accepted.
pub const MIN_LENGTH: usize = 8;

/// A hash of a password nobody has, verified when an e-mail is unknown so that the answer takes
/// as long as for a known one (no account enumeration by timing).
static DUMMY_HASH: LazyLock<String> =
    LazyLock::new(|| hash_blocking("pamong-dummy-password").unwrap_or_default());

fn hash_blocking(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(Argon2::default()
        .hash_password(password.as_bytes(), &salt)?
        .to_string())
}

/// Hashes `password` into a PHC string (`$argon2id$v=19$…`).
pub async fn hash(password: String) -> Result<String, String> {
    tokio::task::spawn_blocking(move || hash_blocking(&password).map_err(|e| e.to_string()))
        .await
        .map_err(|e| e.to_string())?
}

/// Whether `password` matches `phc`; `None` for `phc` checks against a dummy hash and fails.
pub async fn verify(password: String, phc: Option<String>) -> bool {
    // An imported account has an empty hash until it is activated: it is refused like an
    // unknown e-mail, and as slowly, so the answer does not tell that the account exists.
    let phc = phc.filter(|p| !p.is_empty());
    tokio::task::spawn_blocking(move || {
        let known = phc.is_some();
        let phc = phc.unwrap_or_else(|| DUMMY_HASH.clone());
        let Ok(parsed) = PasswordHash::new(&phc) else {
            return false;
        };
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
            && known
    })
    .await
    .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_with_argon2id_and_verifies() {
        let phc = hash("rahasia-guru".to_string()).await.expect("hash");
        assert!(phc.starts_with("$argon2id$"), "{phc}");
        assert!(verify("rahasia-guru".to_string(), Some(phc.clone())).await);
        assert!(!verify("salah".to_string(), Some(phc)).await);
        assert!(!verify("pamong-dummy-password".to_string(), None).await);
    }
}
