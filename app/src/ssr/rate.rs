//! Per-user limits on how often something may be done (posting, commenting, uploading), counted
//! in the database so that they hold across server processes and under simultaneous requests.
//!
//! Each use is a row of `rate_hit`; a limit is a sliding window over them. A use is taken in one
//! transaction whose first statement writes the user's `rate_gate` row: on SQLite that takes the
//! database's write lock at once, on PostgreSQL it locks that row, so simultaneous requests of
//! one user count one after another and never both see the last free place.

use super::db::Db;

/// How often one user may do one thing: at most `per_minute` times in any 60 seconds and
/// `per_hour` times in any hour. 0 turns that bound off.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RateLimit {
    pub per_minute: i64,
    pub per_hour: i64,
}

impl RateLimit {
    /// No limit at all.
    pub const OFF: RateLimit = RateLimit {
        per_minute: 0,
        per_hour: 0,
    };

    /// The bounds that are on, as (window in seconds, most uses in it).
    fn bounds(self) -> impl Iterator<Item = (i64, i64)> {
        [(60, self.per_minute), (3600, self.per_hour)]
            .into_iter()
            .filter(|(_, max)| *max > 0)
    }
}

/// What is limited; the code is what `rate_hit.action` stores.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Post,
    Comment,
    Upload,
}

impl Action {
    pub fn code(self) -> &'static str {
        match self {
            Action::Post => "post",
            Action::Comment => "comment",
            Action::Upload => "upload",
        }
    }
}

/// The longest window: uses older than this are never counted again.
const LONGEST_WINDOW_SECS: i64 = 3600;

/// Takes one use of `action` by `user` at `now`: `Ok(())`, or `Err(seconds)` to wait before the
/// next use is allowed (nothing is recorded then).
pub async fn take(
    db: &Db,
    user: i64,
    action: Action,
    limit: RateLimit,
    now: i64,
) -> Result<Result<(), u64>, sqlx::Error> {
    if limit.bounds().next().is_none() {
        return Ok(Ok(()));
    }
    let mut tx = db.begin().await?;
    sqlx::query(
        "insert into rate_gate (user_id, action, touched_at) values ($1, $2, $3) \
         on conflict (user_id, action) do update set touched_at = excluded.touched_at",
    )
    .bind(user)
    .bind(action.code())
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let mut wait: Option<i64> = None;
    for (window, max) in limit.bounds() {
        let (count, oldest): (i64, Option<i64>) = sqlx::query_as(
            "select count(*), min(created_at) from rate_hit \
             where user_id = $1 and action = $2 and created_at > $3",
        )
        .bind(user)
        .bind(action.code())
        .bind(now - window)
        .fetch_one(&mut *tx)
        .await?;
        if count >= max {
            // The window frees a place when its oldest use leaves it.
            let free_at = oldest.unwrap_or(now) + window;
            wait = Some(wait.unwrap_or(0).max(free_at - now));
        }
    }
    if let Some(wait) = wait {
        tx.rollback().await?;
        return Ok(Err(wait.max(1) as u64));
    }
    sqlx::query("insert into rate_hit (user_id, action, created_at) values ($1, $2, $3)")
        .bind(user)
        .bind(action.code())
        .bind(now)
        .execute(&mut *tx)
        .await?;
    sqlx::query("delete from rate_hit where user_id = $1 and action = $2 and created_at <= $3")
        .bind(user)
        .bind(action.code())
        .bind(now - LONGEST_WINDOW_SECS)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Ok(()))
}

/// "45 detik" / "3 menit" style text for a wait of `secs`, in the words of `lang`.
pub fn wait_text(lang: crate::model::Lang, secs: u64) -> String {
    if secs < 60 {
        crate::i18n::text_with(lang, "rate.seconds", &[("n", &secs.to_string())])
    } else {
        let minutes = secs.div_ceil(60).to_string();
        crate::i18n::text_with(lang, "rate.minutes", &[("n", &minutes)])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_turns_a_bound_off() {
        assert_eq!(RateLimit::OFF.bounds().count(), 0);
        let minute_only = RateLimit {
            per_minute: 3,
            per_hour: 0,
        };
        assert_eq!(minute_only.bounds().collect::<Vec<_>>(), vec![(60, 3)]);
    }
}
