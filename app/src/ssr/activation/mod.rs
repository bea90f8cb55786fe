//! Activation codes: every imported or admin-created account gets a one-time code, with which
//! its owner chooses a password (`/aktivasi`). A code is 10 characters from
//! [`CODE_ALPHABET`](crate::model::activation::CODE_ALPHABET), drawn from the operating system's
//! CSPRNG, and stored only as a SHA-256 digest of the account's id and the code (argon2 would
//! take minutes for a 62,000-row import; the code is single-use, expires, and every check is
//! counted per account and per address). One `activation_code` row per account: issuing a new
//! code replaces it, so the old code stops working.
//!
//! The plaintext exists only while it is issued: in the e-mail queued in the same transaction,
//! in the letters an admin downloads (which issue fresh codes, `letters`), or in the notice of an
//! admin's reissue.

pub mod http;
pub mod letters;
pub mod mail;
pub mod pdf;

use super::db::Db;
use crate::model::activation::{format_code, AccountKey, CODE_ALPHABET, CODE_LENGTH};
use crate::model::{Lang, UserId};
use rand::Rng;
use sha2::{Digest, Sha256};
use std::sync::atomic::{AtomicI64, Ordering};

/// Days a code stays valid unless the server is configured otherwise.
pub const DEFAULT_LIFETIME_DAYS: i64 = 30;

static LIFETIME_SECS: AtomicI64 = AtomicI64::new(DEFAULT_LIFETIME_DAYS * 86_400);

/// Sets how long new codes stay valid (`activation_code_days`), at server start.
pub fn set_lifetime_days(days: i64) {
    LIFETIME_SECS.store(days.max(1) * 86_400, Ordering::Relaxed);
}

/// Seconds a new code stays valid.
pub fn lifetime_secs() -> i64 {
    LIFETIME_SECS.load(Ordering::Relaxed)
}

/// A fresh code (unformatted, 10 characters), from the operating system's random source.
pub fn new_code() -> String {
    let mut rng = rand::rngs::OsRng;
    (0..CODE_LENGTH)
        .map(|_| char::from(CODE_ALPHABET[rng.gen_range(0..CODE_ALPHABET.len())]))
        .collect()
}

/// The stored digest of `code` (normalized) for account `user`: SHA-256 in hex. The id is part
/// of the input, so one digest fits one account only and no table serves every account at once.
pub fn digest(user: UserId, code: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(b"pamong-activation\0");
    hasher.update(user.0.to_string().as_bytes());
    hasher.update(b"\0");
    hasher.update(code.as_bytes());
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Whether two digests are equal, in time independent of where they differ.
fn same_digest(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// Issues fresh codes for `users` on `conn` (inside the caller's transaction), replacing any
/// earlier code of theirs; returns each user's plaintext code, in order.
pub async fn issue_many(
    conn: &mut sqlx::AnyConnection,
    users: &[UserId],
    now: i64,
) -> Result<Vec<String>, sqlx::Error> {
    let expires = now + lifetime_secs();
    let codes: Vec<String> = users.iter().map(|_| new_code()).collect();
    for (part_users, part_codes) in users.chunks(500).zip(codes.chunks(500)) {
        let mut values = String::with_capacity(part_users.len() * 24);
        for i in 0..part_users.len() {
            if i > 0 {
                values.push(',');
            }
            values.push_str(&format!("(${}, ${}, $1, $2, null)", 2 * i + 3, 2 * i + 4));
        }
        let sql = format!(
            "insert into activation_code (user_id, code_hash, expires_at, created_at, used_at) \
             values {values} on conflict (user_id) do update set code_hash = excluded.code_hash, \
             expires_at = excluded.expires_at, created_at = excluded.created_at, used_at = null"
        );
        let mut query = sqlx::query(&sql).bind(expires).bind(now);
        for (user, code) in part_users.iter().zip(part_codes) {
            query = query.bind(user.0).bind(digest(*user, code));
        }
        query.execute(&mut *conn).await?;
    }
    Ok(codes)
}

/// Issues one fresh code for `user` (see [`issue_many`]).
pub async fn issue(
    conn: &mut sqlx::AnyConnection,
    user: UserId,
    now: i64,
) -> Result<String, sqlx::Error> {
    let mut codes = issue_many(conn, &[user], now).await?;
    Ok(codes.pop().unwrap_or_default())
}

/// Issues codes for new accounts `(id, name, e-mail)` on `conn` (the transaction that creates
/// them) and queues the activation e-mail, in Indonesian, for each that has an address. Accounts
/// without one get their letter later (`letters`), which issues a fresh code.
pub async fn issue_for_new_accounts(
    conn: &mut sqlx::AnyConnection,
    accounts: &[(i64, &str, Option<&str>)],
    now: i64,
) -> Result<(), sqlx::Error> {
    if accounts.is_empty() {
        return Ok(());
    }
    let ids: Vec<UserId> = accounts.iter().map(|(id, ..)| UserId(*id)).collect();
    let codes = issue_many(conn, &ids, now).await?;
    let expires = now + lifetime_secs();
    for ((id, name, email), code) in accounts.iter().zip(&codes) {
        if let Some(email) = email {
            let message = mail::activation_mail(Lang::Id, UserId(*id), name, email, code, expires);
            super::mail::queue(conn, &message, now).await?;
        }
    }
    Ok(())
}

/// Issues a fresh code for `user` (the old one stops working) and, when the account has an
/// e-mail, queues the activation e-mail in `lang`, in one transaction. Returns the code as
/// printed, and the address it was sent to.
pub async fn reissue(
    db: &Db,
    user: UserId,
    name: &str,
    email: Option<&str>,
    lang: Lang,
    now: i64,
) -> Result<(String, Option<String>), sqlx::Error> {
    let mut tx = db.begin().await?;
    let code = issue(&mut tx, user, now).await?;
    if let Some(email) = email {
        let message = mail::activation_mail(lang, user, name, email, &code, now + lifetime_secs());
        super::mail::queue(&mut tx, &message, now).await?;
    }
    tx.commit().await?;
    if email.is_some() {
        super::mail::wake_worker();
    }
    Ok((format_code(&code), email.map(str::to_string)))
}

/// When a code was issued, until when it is valid, and whether it was used, for account `user`.
pub async fn expiry(db: &Db, user: UserId) -> Result<Option<(i64, Option<i64>)>, sqlx::Error> {
    sqlx::query_as("select expires_at, used_at from activation_code where user_id = $1")
        .bind(user.0)
        .fetch_optional(db)
        .await
}

/// The account a sign-in or activation names, with what its checks need. The hash stays here.
#[derive(sqlx::FromRow)]
pub struct Account {
    pub id: i64,
    pub name: String,
    pub email: Option<String>,
    pub password_hash: String,
    pub session_epoch: i64,
}

impl Account {
    /// The subject of the account's attempt counters: its e-mail where it has one (so sign-in by
    /// NIP, by NUPTK and by e-mail, and a change of password, share one count), else its id.
    pub fn subject(&self) -> String {
        self.email
            .clone()
            .unwrap_or_else(|| format!("user:{}", self.id))
    }
}

/// The account `key` names, if any.
pub async fn find(db: &Db, key: &AccountKey) -> Result<Option<Account>, sqlx::Error> {
    let (sql, value) = match key {
        AccountKey::Email(email) => (
            "select id, name, email, password_hash, session_epoch from app_user where email = $1",
            email,
        ),
        AccountKey::Nip(nip) => (
            "select id, name, email, password_hash, session_epoch from app_user where nip = $1",
            nip,
        ),
        AccountKey::Nuptk(nuptk) => (
            "select u.id, u.name, u.email, u.password_hash, u.session_epoch from app_user u \
             join participant_profile p on p.user_id = u.id where p.nuptk = $1",
            nuptk,
        ),
    };
    sqlx::query_as(sql).bind(value).fetch_optional(db).await
}

/// The account typed into "E-mail, NIP atau NUPTK", if any, and the subject of its attempt
/// counters: the account's own subject when it exists (so all its keys share one count), else
/// what was typed, normalized, so a guess at an unknown account is counted like one at a known.
pub async fn find_typed(db: &Db, typed: &str) -> Result<(Option<Account>, String), sqlx::Error> {
    let key = AccountKey::parse(typed);
    let account = match &key {
        Some(key) => find(db, key).await?,
        None => None,
    };
    let subject = match (&account, &key) {
        (Some(account), _) => account.subject(),
        (None, Some(key)) => key.subject(),
        (None, None) => typed.trim().to_lowercase(),
    };
    Ok((account, subject))
}

/// Why a code was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// No such account, no code, or not this account's code: one answer for all three, so the
    /// answer does not tell whether the account exists.
    Wrong,
    /// The account's code, but past its time.
    Expired,
    /// The account's code, already used.
    Used,
}

impl Refusal {
    /// The locale key of the message.
    pub fn message_key(self) -> &'static str {
        match self {
            Refusal::Wrong => "activation.code_wrong",
            Refusal::Expired => "activation.code_expired",
            Refusal::Used => "activation.code_used",
        }
    }
}

/// Checks `code` (normalized) against account `user`'s code at `now`.
pub async fn check(
    db: &Db,
    user: UserId,
    code: &str,
    now: i64,
) -> Result<Result<(), Refusal>, sqlx::Error> {
    let row: Option<(String, i64, Option<i64>)> = sqlx::query_as(
        "select code_hash, expires_at, used_at from activation_code where user_id = $1",
    )
    .bind(user.0)
    .fetch_optional(db)
    .await?;
    let Some((stored, expires_at, used_at)) = row else {
        return Ok(Err(Refusal::Wrong));
    };
    if !same_digest(&stored, &digest(user, code)) {
        return Ok(Err(Refusal::Wrong));
    }
    Ok(if used_at.is_some() {
        Err(Refusal::Used)
    } else if expires_at <= now {
        Err(Refusal::Expired)
    } else {
        Ok(())
    })
}

/// Uses `code` (checked by [`check`]) to set account `user`'s password and bump its session
/// epoch, which ends every other session. One transaction, whose first statement marks the code
/// used only if it is still unused and valid: of two simultaneous activations with one code,
/// exactly one wins. Returns the new epoch, or the refusal of the one that lost.
pub async fn consume(
    db: &Db,
    user: UserId,
    code: &str,
    password_hash: &str,
    now: i64,
) -> Result<Result<i64, Refusal>, sqlx::Error> {
    let mut tx = db.begin().await?;
    let marked = sqlx::query(
        "update activation_code set used_at = $3 where user_id = $1 and code_hash = $2 \
         and used_at is null and expires_at > $3",
    )
    .bind(user.0)
    .bind(digest(user, code))
    .bind(now)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if marked != 1 {
        tx.rollback().await?;
        return Ok(Err(Refusal::Used));
    }
    let epoch = super::users::set_password(&mut *tx, user, password_hash, now).await?;
    tx.commit().await?;
    Ok(Ok(epoch))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::activation::normalize_code;

    #[test]
    fn codes_are_random_from_the_alphabet_and_read_back_from_their_printed_form() {
        let codes: std::collections::HashSet<String> = (0..1000).map(|_| new_code()).collect();
        assert_eq!(codes.len(), 1000, "no repeats in a thousand");
        for code in &codes {
            assert_eq!(code.len(), CODE_LENGTH);
            assert!(code.bytes().all(|b| CODE_ALPHABET.contains(&b)), "{code}");
            assert_eq!(normalize_code(&format_code(code)).as_ref(), Some(code));
        }
        // Every character of the alphabet turns up.
        let seen: std::collections::HashSet<u8> = codes.iter().flat_map(|c| c.bytes()).collect();
        assert_eq!(seen.len(), CODE_ALPHABET.len());
    }

    #[test]
    fn a_digest_belongs_to_one_account_and_one_code() {
        let a = digest(UserId(1), "K7QXM3PA2F");
        assert_eq!(a.len(), 64);
        assert_eq!(a, digest(UserId(1), "K7QXM3PA2F"));
        assert_ne!(a, digest(UserId(2), "K7QXM3PA2F"));
        assert_ne!(a, digest(UserId(1), "K7QXM3PA2G"));
        assert!(same_digest(&a, &a.clone()));
        assert!(!same_digest(&a, &digest(UserId(2), "K7QXM3PA2F")));
        assert!(!same_digest(&a, &a[..63]));
    }
}
