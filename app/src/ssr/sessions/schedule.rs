//! The schedule of a cohort's live sessions: reading, adding and deleting them, and the values
//! their form offers (hosts, the agency's minutes per JP).

use crate::model::codes::SessionMode;
use crate::model::cohorts::{LiveSessionRow, PersonRow};
use crate::ssr::db::Db;

/// The cohort's live sessions in time order.
pub async fn of_cohort(db: &Db, cohort: i64) -> Result<Vec<LiveSessionRow>, sqlx::Error> {
    sqlx::query_as(
        "select s.id, s.title, s.starts_at, s.duration_minutes, s.mode, s.meeting_url, s.venue, \
         s.city, s.jp, coalesce(u.name, s.host_name) as host from live_session s \
         left join app_user u on u.id = s.host_user_id \
         where s.cohort_id = $1 order by s.starts_at, s.id",
    )
    .bind(cohort)
    .fetch_all(db)
    .await
}

/// A session to add, checked by the caller.
#[derive(Clone, Debug)]
pub struct NewSession {
    pub title: String,
    pub starts_at: i64,
    pub duration_minutes: i64,
    pub mode: SessionMode,
    pub meeting_url: Option<String>,
    pub venue: Option<String>,
    pub city: Option<String>,
    pub jp: i64,
    /// A mentor of the cohort who hosts, or a speaker without an account (`host_name`).
    pub host_user_id: Option<i64>,
    pub host_name: Option<String>,
}

/// Adds a live session with a fresh check-in secret; its id.
pub async fn add(db: &Db, cohort: i64, s: &NewSession, now: i64) -> Result<i64, sqlx::Error> {
    let (id,): (i64,) = sqlx::query_as(
        "insert into live_session (cohort_id, title, starts_at, duration_minutes, mode, \
         meeting_url, venue, city, jp, host_user_id, host_name, checkin_secret, created_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) returning id",
    )
    .bind(cohort)
    .bind(&s.title)
    .bind(s.starts_at)
    .bind(s.duration_minutes)
    .bind(s.mode)
    .bind(&s.meeting_url)
    .bind(&s.venue)
    .bind(&s.city)
    .bind(s.jp)
    .bind(s.host_user_id)
    .bind(&s.host_name)
    .bind(super::random_secret())
    .bind(now)
    .fetch_one(db)
    .await?;
    Ok(id)
}

/// Deletes a live session of the cohort (its attendance goes with it); `false` if there was none.
pub async fn delete(db: &Db, cohort: i64, session: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("delete from live_session where id = $1 and cohort_id = $2")
        .bind(session)
        .bind(cohort)
        .execute(db)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// Minutes in one JP for the agency that organizes the cohort's program (45 unless it set another).
pub async fn jp_minutes_of_cohort(db: &Db, cohort: i64) -> Result<i64, sqlx::Error> {
    let row: Option<(i64,)> = sqlx::query_as(
        "select i.jp_minutes from cohort c join program p on p.id = c.program_id \
         join institution i on i.id = p.organizer_id where c.id = $1",
    )
    .bind(cohort)
    .fetch_optional(db)
    .await?;
    Ok(row.map(|(m,)| m).unwrap_or(DEFAULT_JP_MINUTES))
}

/// Minutes in one JP where an agency set none (DOMAIN.md section 4).
pub const DEFAULT_JP_MINUTES: i64 = 45;

/// The JP a session of `duration_minutes` is worth by default: whole JP, at least one.
pub fn default_jp(duration_minutes: i64, jp_minutes: i64) -> i64 {
    (duration_minutes / jp_minutes.max(1)).max(1)
}

/// The mentors who may host a session of the cohort: those named on it and those leading one of
/// its groups.
pub async fn host_options(db: &Db, cohort: i64) -> Result<Vec<PersonRow>, sqlx::Error> {
    sqlx::query_as(
        "select u.id, u.name, u.email from app_user u where u.id in \
         (select user_id from cohort_mentor where cohort_id = $1 \
          union select mentor_id from mentor_group where cohort_id = $1 and mentor_id is not null) \
         order by u.name, u.id",
    )
    .bind(cohort)
    .fetch_all(db)
    .await
}

#[cfg(test)]
mod tests {
    use super::default_jp;

    #[test]
    fn a_session_is_worth_whole_jp_and_at_least_one() {
        assert_eq!(default_jp(90, 45), 2);
        assert_eq!(default_jp(120, 45), 2);
        assert_eq!(default_jp(135, 45), 3);
        assert_eq!(default_jp(30, 45), 1);
        assert_eq!(default_jp(100, 50), 2);
    }
}
