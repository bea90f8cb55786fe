//! The bounds of the mentoring boards: how often a user may post, comment and upload, and how
//! many bytes of attachments one user and one cohort may keep.
//!
//! Storage is counted in `user_storage` and `cohort_storage`. An upload reserves its bytes on
//! both counters before the file is written, each by one conditional statement (`… where bytes +
//! new <= quota`), in one transaction: simultaneous uploads take turns on the counter rows, so
//! together they never pass a quota. A failed upload and a removed file give the bytes back.

use crate::ssr::db::Db;
use crate::ssr::rate::RateLimit;

/// One mebibyte, the unit the quotas are set in.
pub const MIB: i64 = 1024 * 1024;

/// The limits the server is configured with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BoardLimits {
    /// New posts (work and announcements) per user.
    pub posts: RateLimit,
    /// Comments per user.
    pub comments: RateLimit,
    /// Attachments uploaded per user.
    pub uploads: RateLimit,
    /// Bytes of attachments one user may keep (0: no quota).
    pub user_quota_bytes: i64,
    /// Bytes of attachments all posts of one cohort may keep (0: no quota).
    pub cohort_quota_bytes: i64,
}

impl Default for BoardLimits {
    fn default() -> Self {
        BoardLimits {
            posts: RateLimit {
                per_minute: 5,
                per_hour: 30,
            },
            comments: RateLimit {
                per_minute: 10,
                per_hour: 120,
            },
            uploads: RateLimit {
                per_minute: 20,
                per_hour: 100,
            },
            user_quota_bytes: 100 * MIB,
            cohort_quota_bytes: 5 * 1024 * MIB,
        }
    }
}

/// A quota an upload would pass.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Full {
    /// The uploader's own: `used` of `quota` bytes are taken.
    User { used: i64, quota: i64 },
    /// The cohort's.
    Cohort { used: i64, quota: i64 },
}

fn or_unbounded(quota: i64) -> i64 {
    if quota > 0 {
        quota
    } else {
        i64::MAX
    }
}

/// Reserves `bytes` for a file `user` adds to a post of cohort `cohort`: `Ok(())` once both
/// counters took them, else which quota is full (and nothing is reserved).
pub async fn reserve(
    db: &Db,
    limits: &BoardLimits,
    user: i64,
    cohort: i64,
    bytes: i64,
) -> Result<Result<(), Full>, sqlx::Error> {
    let user_quota = or_unbounded(limits.user_quota_bytes);
    let cohort_quota = or_unbounded(limits.cohort_quota_bytes);
    let mut tx = db.begin().await?;
    // A counter row is made with the first file; `where $2 <= $3` keeps a file larger than the
    // whole quota out of a new row too. The select's `where` also keeps SQLite from reading
    // `on conflict` as part of the select.
    let user_took: Option<i64> = sqlx::query_scalar(
        "insert into user_storage (user_id, bytes) select $1, $2 where $2 <= $3 \
         on conflict (user_id) do update set bytes = user_storage.bytes + excluded.bytes \
         where user_storage.bytes + excluded.bytes <= $3 returning bytes",
    )
    .bind(user)
    .bind(bytes)
    .bind(user_quota)
    .fetch_optional(&mut *tx)
    .await?;
    if user_took.is_none() {
        tx.rollback().await?;
        let used = used(db, "user_storage", "user_id", user).await?;
        return Ok(Err(Full::User {
            used,
            quota: user_quota,
        }));
    }
    let cohort_took: Option<i64> = sqlx::query_scalar(
        "insert into cohort_storage (cohort_id, bytes) select $1, $2 where $2 <= $3 \
         on conflict (cohort_id) do update set bytes = cohort_storage.bytes + excluded.bytes \
         where cohort_storage.bytes + excluded.bytes <= $3 returning bytes",
    )
    .bind(cohort)
    .bind(bytes)
    .bind(cohort_quota)
    .fetch_optional(&mut *tx)
    .await?;
    if cohort_took.is_none() {
        tx.rollback().await?;
        let used = used(db, "cohort_storage", "cohort_id", cohort).await?;
        return Ok(Err(Full::Cohort {
            used,
            quota: cohort_quota,
        }));
    }
    tx.commit().await?;
    Ok(Ok(()))
}

/// Gives back `bytes` reserved for `user` and `cohort` (a failed upload, a removed file).
pub async fn release(db: &Db, user: i64, cohort: i64, bytes: i64) -> Result<(), sqlx::Error> {
    let mut tx = db.begin().await?;
    for (table, key, id) in [
        ("user_storage", "user_id", user),
        ("cohort_storage", "cohort_id", cohort),
    ] {
        sqlx::query(&format!(
            "update {table} set bytes = case when bytes > $2 then bytes - $2 else 0 end \
             where {key} = $1"
        ))
        .bind(id)
        .bind(bytes)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await
}

async fn used(db: &Db, table: &str, key: &str, id: i64) -> Result<i64, sqlx::Error> {
    let bytes: Option<i64> =
        sqlx::query_scalar(&format!("select bytes from {table} where {key} = $1"))
            .bind(id)
            .fetch_optional(db)
            .await?;
    Ok(bytes.unwrap_or(0))
}

/// A byte count as whole mebibytes, rounded up ("100" for a 100 MiB quota).
pub fn megabytes(bytes: i64) -> String {
    (bytes.max(0) as u64).div_ceil(MIB as u64).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn megabytes_round_up_and_zero_quotas_are_unbounded() {
        assert_eq!(megabytes(0), "0");
        assert_eq!(megabytes(1), "1");
        assert_eq!(megabytes(100 * MIB), "100");
        assert_eq!(megabytes(100 * MIB + 1), "101");
        assert_eq!(or_unbounded(0), i64::MAX);
        assert_eq!(or_unbounded(5), 5);
    }
}
