//! Limits on attempts that check a password or create an account, per account and per client
//! address, kept in the database so that every server process sees the same counts.
//!
//! An attempt is counted *before* the work it limits: `reserve` takes one attempt from both
//! counters (or answers how long to wait), then the caller checks the password, and a right
//! password gives the reservation back (`password_accepted`). A hundred simultaneous guesses at
//! one account therefore check at most the limit, not whatever slipped between a check and a
//! record. A counter is a row of `attempt_limit`, changed only inside a transaction whose first
//! statement writes that row: SQLite takes its one write lock there (no read lock to upgrade, so
//! no `SQLITE_BUSY` under load), and PostgreSQL locks the row until commit, so concurrent
//! reservations of one key queue and each reads the count the previous one left. Every
//! transaction locks its account row before its address row, so none waits in a circle.
//!
//! Past the limit an *account* is not locked for the whole window: each further password check
//! waits a delay that starts at [`FIRST_DELAY_SECS`] and doubles, up to the window, so its owner
//! gets in after a short wait while a guesser gets a handful of tries an hour. An *address* past
//! its limit is blocked until the window has passed since its last counted attempt.

use super::db::Db;
use crate::model::{AppError, ErrorKind};

/// How many attempts are allowed in how long.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ThrottleSettings {
    /// Seconds without a counted attempt (and without a running delay) after which a counter
    /// starts afresh.
    pub window_secs: i64,
    /// Wrong passwords for one account before each further check waits a growing delay.
    pub max_per_account: i64,
    /// Wrong passwords from one client address (any accounts) before it is blocked.
    pub max_per_address: i64,
    /// Accounts created from one client address (sign-ups, or an admin's new accounts).
    pub sign_up_max_per_address: i64,
}

impl Default for ThrottleSettings {
    fn default() -> Self {
        ThrottleSettings {
            window_secs: 15 * 60,
            max_per_account: 5,
            max_per_address: 30,
            sign_up_max_per_address: 60,
        }
    }
}

/// The counters' kinds (`attempt_limit.kind`): what is counted, and against what.
const PASSWORD_ACCOUNT: &str = "password:account";
const PASSWORD_ADDRESS: &str = "password:address";
const NEW_ACCOUNT_ACCOUNT: &str = "new_account:account";
const NEW_ACCOUNT_ADDRESS: &str = "new_account:address";
const ACTIVATION_ACCOUNT: &str = "activation:account";
const ACTIVATION_ADDRESS: &str = "activation:address";
const RESET_ACCOUNT: &str = "reset:account";
const RESET_ADDRESS: &str = "reset:address";

/// The wait after an account's `max_per_account`-th wrong password; each further one doubles it.
pub const FIRST_DELAY_SECS: i64 = 30;

/// What an attempt costs, which decides the counters it is reserved on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// A password is checked: signing in, changing one's password.
    PasswordCheck,
    /// An account is created with a password: signing up, an admin creating an account.
    AccountCreation,
    /// An activation code is checked (`/aktivasi`): limited like a password check.
    Activation,
    /// A password reset is asked for (`/lupa-sandi`, which sends an e-mail) or a reset link is
    /// used (`/sandi-baru`): limited like a password check, on counters of its own.
    PasswordReset,
}

/// What a counter does once its limit is reached.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PastLimit {
    /// Each further attempt waits a delay that doubles, up to the window.
    GrowingDelay,
    /// Refused until the window has passed since the last counted attempt.
    Block,
}

/// One counter's limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limit {
    pub max: i64,
    pub window_secs: i64,
    pub past_limit: PastLimit,
}

/// A counter as stored: attempts counted since it last started afresh.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counter {
    pub attempts: i64,
    /// When the last attempt was counted (unix seconds).
    pub last_at: i64,
    /// Under [`PastLimit::GrowingDelay`], when the next attempt may be counted.
    pub blocked_until: i64,
}

impl Limit {
    /// The counter with one more attempt at `now`, or `Err(seconds to wait)`.
    pub fn admit(&self, counter: Counter, now: i64) -> Result<Counter, u64> {
        // Afresh after a window with no attempt and no delay running: a delay as long as the
        // window must not end in a fresh count.
        let quiet = |since: i64| now - since >= self.window_secs;
        let counter = if quiet(counter.last_at) && quiet(counter.blocked_until) {
            Counter::default()
        } else {
            counter
        };
        if counter.attempts >= self.max {
            let until = match self.past_limit {
                PastLimit::Block => counter.last_at + self.window_secs,
                PastLimit::GrowingDelay => counter.blocked_until,
            };
            if now < until {
                return Err((until - now) as u64);
            }
        }
        let attempts = counter.attempts + 1;
        let blocked_until = match self.past_limit {
            PastLimit::GrowingDelay if attempts >= self.max => {
                now + self.delay_after(attempts - self.max)
            }
            _ => 0,
        };
        Ok(Counter {
            attempts,
            last_at: now,
            blocked_until,
        })
    }

    /// The delay after `extra` attempts past the limit: 30 s, 60 s, 120 s… up to the window.
    fn delay_after(&self, extra: i64) -> i64 {
        let doublings = u32::try_from(extra.clamp(0, 30)).unwrap_or(30);
        FIRST_DELAY_SECS
            .saturating_mul(1_i64 << doublings)
            .min(self.window_secs)
            .max(1)
    }
}

impl ThrottleSettings {
    /// The counters an attempt for `purpose` is reserved on, account first: (kind, limit).
    fn counters(&self, purpose: Purpose) -> [(&'static str, Limit); 2] {
        let limit = |max: i64, past_limit| Limit {
            max: max.max(1),
            window_secs: self.window_secs.max(1),
            past_limit,
        };
        match purpose {
            Purpose::PasswordCheck => [
                (
                    PASSWORD_ACCOUNT,
                    limit(self.max_per_account, PastLimit::GrowingDelay),
                ),
                (
                    PASSWORD_ADDRESS,
                    limit(self.max_per_address, PastLimit::Block),
                ),
            ],
            Purpose::Activation => [
                (
                    ACTIVATION_ACCOUNT,
                    limit(self.max_per_account, PastLimit::GrowingDelay),
                ),
                (
                    ACTIVATION_ADDRESS,
                    limit(self.max_per_address, PastLimit::Block),
                ),
            ],
            Purpose::PasswordReset => [
                (
                    RESET_ACCOUNT,
                    limit(self.max_per_account, PastLimit::GrowingDelay),
                ),
                (RESET_ADDRESS, limit(self.max_per_address, PastLimit::Block)),
            ],
            Purpose::AccountCreation => [
                (
                    NEW_ACCOUNT_ACCOUNT,
                    limit(self.max_per_account, PastLimit::Block),
                ),
                (
                    NEW_ACCOUNT_ADDRESS,
                    limit(self.sign_up_max_per_address, PastLimit::Block),
                ),
            ],
        }
    }
}

/// Counts one attempt for `purpose` against `account` (a lower-cased e-mail) and `address`, or
/// `Err(seconds)` when either counter says to wait (then nothing is counted).
pub async fn reserve(
    db: &Db,
    settings: &ThrottleSettings,
    purpose: Purpose,
    account: &str,
    address: &str,
    now: i64,
) -> Result<Result<(), u64>, sqlx::Error> {
    let [(account_kind, account_limit), (address_kind, address_limit)] = settings.counters(purpose);
    let mut tx = db.begin().await?;
    let mut wait = 0;
    let mut admitted = Vec::with_capacity(2);
    for (kind, subject, limit) in [
        (account_kind, account, account_limit),
        (address_kind, address, address_limit),
    ] {
        // A write that changes nothing, to take the lock before reading (see the module's notes).
        let (attempts, last_at, blocked_until): (i64, i64, i64) = sqlx::query_as(
            "insert into attempt_limit (kind, subject, attempts, last_at, blocked_until, created_at) \
             values ($1, $2, 0, 0, 0, $3) \
             on conflict (kind, subject) do update set attempts = attempt_limit.attempts \
             returning attempts, last_at, blocked_until",
        )
        .bind(kind)
        .bind(subject)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        let counter = Counter {
            attempts,
            last_at,
            blocked_until,
        };
        match limit.admit(counter, now) {
            Ok(next) => admitted.push((kind, subject, next)),
            Err(secs) => wait = wait.max(secs),
        }
    }
    if wait > 0 {
        tx.rollback().await?;
        return Ok(Err(wait));
    }
    for (kind, subject, next) in admitted {
        sqlx::query(
            "update attempt_limit set attempts = $1, last_at = $2, blocked_until = $3 \
             where kind = $4 and subject = $5",
        )
        .bind(next.attempts)
        .bind(next.last_at)
        .bind(next.blocked_until)
        .bind(kind)
        .bind(subject)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(Ok(()))
}

/// Counts one attempt for `purpose` ([`reserve`]) on the server's limits, or answers the 429 to
/// send when either counter says to wait: its message is `too_many_key`, with the wait in minutes.
pub async fn admit(
    state: &super::AppState,
    purpose: Purpose,
    account: &str,
    address: &str,
    now: i64,
    too_many_key: &str,
) -> Result<(), AppError> {
    let settings = &state.settings.sign_in_throttle;
    match reserve(&state.db, settings, purpose, account, address, now)
        .await
        .map_err(|e| super::db::internal("throttle", e))?
    {
        Ok(()) => Ok(()),
        Err(wait) => {
            tracing::info!(%address, ?purpose, "refused by the attempt limit");
            Err(too_many(too_many_key, wait))
        }
    }
}

/// The password checked after [`reserve`] was right: the account's count starts afresh (its
/// owner is in), and the address gets back the one attempt it reserved, keeping its other
/// failures (signing in to one's own account must not wipe out guesses at others').
pub async fn password_accepted(db: &Db, account: &str, address: &str) -> Result<(), sqlx::Error> {
    accepted(db, [PASSWORD_ACCOUNT, PASSWORD_ADDRESS], account, address).await
}

/// An activation code checked after [`reserve`] was right: as [`password_accepted`].
pub async fn activation_accepted(db: &Db, account: &str, address: &str) -> Result<(), sqlx::Error> {
    accepted(
        db,
        [ACTIVATION_ACCOUNT, ACTIVATION_ADDRESS],
        account,
        address,
    )
    .await
}

/// A reset link used after [`reserve`] set a new password: as [`password_accepted`].
pub async fn reset_accepted(db: &Db, account: &str, address: &str) -> Result<(), sqlx::Error> {
    accepted(db, [RESET_ACCOUNT, RESET_ADDRESS], account, address).await
}

async fn accepted(
    db: &Db,
    [account_kind, address_kind]: [&str; 2],
    account: &str,
    address: &str,
) -> Result<(), sqlx::Error> {
    // One transaction (one commit to sync), writing first and in `reserve`'s order.
    let mut tx = db.begin().await?;
    sqlx::query("delete from attempt_limit where kind = $1 and subject = $2")
        .bind(account_kind)
        .bind(account)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "update attempt_limit set attempts = attempts - 1 \
         where kind = $1 and subject = $2 and attempts > 0",
    )
    .bind(address_kind)
    .bind(address)
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}

/// Deletes counters that would start afresh anyway (a window with no attempt and no delay).
pub async fn forget_stale(
    db: &Db,
    settings: &ThrottleSettings,
    now: i64,
) -> Result<u64, sqlx::Error> {
    Ok(
        sqlx::query("delete from attempt_limit where last_at <= $1 and blocked_until <= $1")
            .bind(now - settings.window_secs.max(1))
            .execute(db)
            .await?
            .rows_affected(),
    )
}

/// Deletes stale counters every ten minutes, for as long as the server runs.
pub fn start_sweeper(state: super::AppState) {
    tokio::spawn(async move {
        const EVERY: std::time::Duration = std::time::Duration::from_secs(600);
        let mut every = tokio::time::interval(EVERY);
        loop {
            every.tick().await;
            let task = super::tasks::Task::AttemptCounters;
            if !state
                .tasks
                .turn(&state.db, task, super::tasks::lease_for(EVERY))
                .await
            {
                continue;
            }
            let now = state.clock.now();
            if let Err(err) = forget_stale(&state.db, &state.settings.sign_in_throttle, now).await {
                tracing::warn!(%err, "could not delete stale attempt counters");
            }
        }
    });
}

/// The 429 answer: `key`'s message (with `{minutes}`) in the caller's language, and `Retry-After`.
pub fn too_many(key: &str, wait_secs: u64) -> AppError {
    let minutes = wait_secs.div_ceil(60).max(1).to_string();
    AppError {
        retry_after_secs: Some(wait_secs),
        ..AppError::new(
            ErrorKind::TooManyAttempts,
            crate::i18n::text_with(
                super::request::request_lang(),
                key,
                &[("minutes", &minutes)],
            ),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOFT: Limit = Limit {
        max: 5,
        window_secs: 900,
        past_limit: PastLimit::GrowingDelay,
    };
    const HARD: Limit = Limit {
        max: 3,
        window_secs: 900,
        past_limit: PastLimit::Block,
    };

    /// Admits attempts at `times` in turn; each attempt's result.
    fn run(limit: Limit, times: &[i64]) -> Vec<Result<Counter, u64>> {
        let mut counter = Counter::default();
        times
            .iter()
            .map(|&now| {
                let result = limit.admit(counter, now);
                if let Ok(next) = result {
                    counter = next;
                }
                result
            })
            .collect()
    }

    #[test]
    fn an_account_waits_a_delay_that_doubles_up_to_the_window() {
        let start = 1_000_000;
        let results = run(SOFT, &[start; 6]);
        assert!(results[..5].iter().all(Result::is_ok));
        assert_eq!(results[4].map(|c| c.blocked_until), Ok(start + 30));
        assert_eq!(results[5], Err(30));

        // One attempt per delay: 30, 60, 120, 240, 480, then the window (900) at most.
        let mut counter = results[4].expect("fifth");
        let mut delays = Vec::new();
        for _ in 0..6 {
            let now = counter.blocked_until;
            assert_eq!(SOFT.admit(counter, now - 1), Err(1), "not before the delay");
            counter = SOFT.admit(counter, now).expect("after the delay");
            delays.push(counter.blocked_until - now);
        }
        assert_eq!(delays, [60, 120, 240, 480, 900, 900]);
        assert_eq!(
            counter.attempts, 11,
            "a long delay does not end in a fresh count"
        );
    }

    #[test]
    fn an_account_starts_afresh_a_window_after_its_delay_ended() {
        let mut counter = Counter::default();
        for _ in 0..5 {
            counter = SOFT.admit(counter, 100).expect("under the limit");
        }
        assert_eq!(SOFT.admit(counter, 129), Err(1));
        let later = SOFT
            .admit(counter, 130 + 899)
            .expect("the delay has passed");
        assert_eq!(later.attempts, 6, "still counted");
        let fresh = SOFT.admit(counter, 130 + 900).expect("a quiet window");
        assert_eq!(fresh.attempts, 1);
        assert_eq!(fresh.blocked_until, 0);
    }

    #[test]
    fn an_address_is_blocked_for_the_window_after_its_last_attempt() {
        let results = run(HARD, &[10, 20, 30, 40, 500, 929, 930]);
        assert!(results[..3].iter().all(Result::is_ok));
        assert_eq!(results[3], Err(890), "blocked until 30 + 900");
        assert_eq!(results[4], Err(430));
        assert_eq!(results[5], Err(1));
        assert_eq!(results[6].map(|c| c.attempts), Ok(1), "afresh at 930");
    }
}
