//! Limits on failed sign-ins, per account and per client address, kept in the database so that
//! every server process sees the same counts.

use super::db::Db;

/// How many failures are allowed in how long.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ThrottleSettings {
    /// The window failures are counted in, in seconds.
    pub window_secs: i64,
    /// Failures for one e-mail address before it is locked for the rest of the window.
    pub max_per_account: i64,
    /// Failures from one client address (any accounts) before it is locked.
    pub max_per_address: i64,
}

impl Default for ThrottleSettings {
    fn default() -> Self {
        ThrottleSettings {
            window_secs: 15 * 60,
            max_per_account: 5,
            max_per_address: 30,
        }
    }
}

/// `Err(seconds)` when a sign-in for `email` from `address` must wait that long.
pub async fn check(
    db: &Db,
    settings: &ThrottleSettings,
    email: &str,
    address: &str,
    now: i64,
) -> Result<Result<(), u64>, sqlx::Error> {
    let since = now - settings.window_secs;
    let by_account: (i64, Option<i64>) = sqlx::query_as(
        "select count(*), min(created_at) from sign_in_failure where email = $1 and created_at > $2",
    )
    .bind(email)
    .bind(since)
    .fetch_one(db)
    .await?;
    let by_address: (i64, Option<i64>) = sqlx::query_as(
        "select count(*), min(created_at) from sign_in_failure where address = $1 and created_at > $2",
    )
    .bind(address)
    .bind(since)
    .fetch_one(db)
    .await?;
    let wait = |(count, oldest): (i64, Option<i64>), max: i64| {
        (count >= max).then(|| (oldest.unwrap_or(now) + settings.window_secs - now).max(1) as u64)
    };
    match (
        wait(by_account, settings.max_per_account),
        wait(by_address, settings.max_per_address),
    ) {
        (None, None) => Ok(Ok(())),
        (a, b) => Ok(Err(a.unwrap_or(0).max(b.unwrap_or(0)))),
    }
}

/// Records one failed sign-in, and forgets failures older than the window.
pub async fn record_failure(
    db: &Db,
    settings: &ThrottleSettings,
    email: &str,
    address: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("insert into sign_in_failure (email, address, created_at) values ($1, $2, $3)")
        .bind(email)
        .bind(address)
        .bind(now)
        .execute(db)
        .await?;
    sqlx::query("delete from sign_in_failure where created_at < $1")
        .bind(now - settings.window_secs)
        .execute(db)
        .await?;
    Ok(())
}

/// Forgets an account's failures after it signs in successfully.
pub async fn clear(db: &Db, email: &str) -> Result<(), sqlx::Error> {
    sqlx::query("delete from sign_in_failure where email = $1")
        .bind(email)
        .execute(db)
        .await?;
    Ok(())
}
