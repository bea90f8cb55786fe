//! Password resets by e-mail: a link to `/sandi-baru?token=…`, valid for an hour, single use.
//! The token is 256 bits from the operating system's CSPRNG and is stored only as its SHA-256
//! digest; one `password_reset` row per account, so asking again makes the earlier link fail.
//! Using a link sets the password, bumps the session epoch (ending every other session) and marks
//! an unused activation code used too, in one transaction.

use super::db::Db;
use super::mail::{self, template, Outgoing};
use crate::i18n::{text, text_with};
use crate::model::{Lang, UserId};
use sha2::{Digest, Sha256};

/// Seconds a reset link stays valid.
pub const LIFETIME_SECS: i64 = 3600;

/// The path of the page a reset link opens.
pub const PAGE_PATH: &str = "/sandi-baru";

/// A fresh token: 32 random bytes in hex.
pub fn new_token() -> String {
    format!(
        "{:032x}{:032x}",
        rand::random::<u128>(),
        rand::random::<u128>()
    )
}

/// The stored digest of `token`: SHA-256 in hex. The token is random and long, so no per-account
/// input is needed to make a table of digests useless.
pub fn digest(token: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(b"pamong-password-reset\0");
    hasher.update(token.trim().as_bytes());
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A fresh link for account `user` (named `name`, at `email`): its token and its message in
/// `lang`. Made where the request is handled, so that the link is to the site that request came to.
pub fn new_link(lang: Lang, user: UserId, name: &str, email: &str) -> (String, Outgoing) {
    let token = new_token();
    let mail = reset_mail(lang, user, name, email, &token);
    (token, mail)
}

/// Stores `token` as account `user`'s link and queues `message`, in one transaction; the account's
/// earlier link stops working.
pub async fn send_link(
    db: &Db,
    user: UserId,
    token: &str,
    message: &Outgoing,
    now: i64,
) -> Result<(), sqlx::Error> {
    let mut tx = db.begin().await?;
    sqlx::query(
        "insert into password_reset (user_id, token_hash, expires_at, created_at, used_at) \
         values ($1, $2, $3, $4, null) on conflict (user_id) do update set \
         token_hash = excluded.token_hash, expires_at = excluded.expires_at, \
         created_at = excluded.created_at, used_at = null",
    )
    .bind(user.0)
    .bind(digest(token))
    .bind(now + LIFETIME_SECS)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    mail::queue(&mut tx, message, now).await?;
    tx.commit().await?;
    mail::wake_worker();
    Ok(())
}

/// The reset message for `name` at `email` with `token`, in `lang`.
pub fn reset_mail(lang: Lang, user: UserId, name: &str, email: &str, token: &str) -> Outgoing {
    let link = template::link(&format!("{PAGE_PATH}?token={token}"));
    let (plain, html) = template::layout(
        lang,
        &text_with(lang, "reset.mail_heading", &[("name", name)]),
        &[
            text(lang, "reset.mail_intro"),
            text(lang, "reset.mail_expiry"),
            text(lang, "reset.mail_ignore"),
        ],
        Some((&text(lang, "reset.mail_action"), &link)),
    );
    Outgoing {
        to_email: email.to_string(),
        to_name: name.to_string(),
        to_user: Some(user),
        kind: "password_reset",
        lang,
        subject: text(lang, "reset.mail_subject"),
        text: plain,
        html,
    }
}

/// Why a link was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// No such token (never issued, or replaced by a newer link).
    Unknown,
    /// Past its hour.
    Expired,
    /// Already used.
    Used,
}

impl Refusal {
    /// The locale key of the message.
    pub fn message_key(self) -> &'static str {
        match self {
            Refusal::Unknown => "reset.link_unknown",
            Refusal::Expired => "reset.link_expired",
            Refusal::Used => "reset.link_used",
        }
    }
}

/// The link `token` names: its account (id and attempt-counter subject) and whether it may be
/// used at `now`. `None` when no link has this token.
pub async fn holder(
    db: &Db,
    token: &str,
    now: i64,
) -> Result<Option<(super::activation::Account, Result<(), Refusal>)>, sqlx::Error> {
    let row: Option<(i64, Option<i64>, i64)> = sqlx::query_as(
        "select expires_at, used_at, user_id from password_reset where token_hash = $1",
    )
    .bind(digest(token))
    .fetch_optional(db)
    .await?;
    let Some((expires_at, used_at, user_id)) = row else {
        return Ok(None);
    };
    let account: Option<super::activation::Account> = sqlx::query_as(
        "select id, name, email, password_hash, session_epoch from app_user where id = $1",
    )
    .bind(user_id)
    .fetch_optional(db)
    .await?;
    let state = if used_at.is_some() {
        Err(Refusal::Used)
    } else if expires_at <= now {
        Err(Refusal::Expired)
    } else {
        Ok(())
    };
    Ok(account.map(|account| (account, state)))
}

/// Uses `token` to set account `user`'s password and bump its session epoch, in one transaction
/// whose first statement marks the link used only if it is still unused and valid: of two
/// simultaneous uses, exactly one wins. An unused activation code of the account is marked used
/// too (the owner has a password now). Returns the new epoch, or `Err(Used)` for the loser.
pub async fn consume(
    db: &Db,
    user: UserId,
    token: &str,
    password_hash: &str,
    now: i64,
) -> Result<Result<i64, Refusal>, sqlx::Error> {
    let mut tx = db.begin().await?;
    let marked = sqlx::query(
        "update password_reset set used_at = $3 where user_id = $1 and token_hash = $2 \
         and used_at is null and expires_at > $3",
    )
    .bind(user.0)
    .bind(digest(token))
    .bind(now)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if marked != 1 {
        tx.rollback().await?;
        return Ok(Err(Refusal::Used));
    }
    let epoch = super::users::set_password(&mut *tx, user, password_hash, now).await?;
    sqlx::query("update activation_code set used_at = $2 where user_id = $1 and used_at is null")
        .bind(user.0)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Ok(epoch))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_hex_and_digests_differ_per_token() {
        let tokens: std::collections::HashSet<String> = (0..1000).map(|_| new_token()).collect();
        assert_eq!(tokens.len(), 1000);
        for token in &tokens {
            assert_eq!(token.len(), 64);
            assert!(token.bytes().all(|b| b.is_ascii_hexdigit()), "{token}");
        }
        let token = new_token();
        assert_eq!(digest(&token), digest(&format!(" {token}\n")));
        assert_ne!(digest(&token), digest(&new_token()));
        assert_eq!(digest(&token).len(), 64);
    }

    #[test]
    fn the_reset_mail_escapes_the_name_and_links_to_the_page() {
        let name = "<b>Sri</b> & \"Co\"";
        let mail = reset_mail(Lang::Id, UserId(7), name, "sri@sekolah.test", "abc123");
        assert!(mail.text.contains(name), "{}", mail.text);
        assert!(
            mail.text.contains("/sandi-baru?token=abc123"),
            "{}",
            mail.text
        );
        assert!(!mail.html.contains("<b>Sri"), "{}", mail.html);
        assert!(mail
            .html
            .contains("&lt;b&gt;Sri&lt;/b&gt; &amp; &quot;Co&quot;"));
        let english = reset_mail(Lang::En, UserId(7), name, "sri@sekolah.test", "abc123");
        assert_ne!(english.subject, mail.subject);
    }
}
