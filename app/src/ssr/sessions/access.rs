//! Who may do what with a live session. Its staff (an admin with the cohort in scope, a mentor of
//! the cohort, the session's host) see and mark the roster, mentors of groups only for their own
//! groups; its participants (approved in the cohort) check in and join. Everyone else gets the
//! 404 of a missing id.

use crate::model::codes::SessionMode;
use crate::model::sessions::SessionInfo;
use crate::model::{AppError, CohortId, CurrentUser, ErrorKind, LiveSessionId};
use crate::ssr::db::{internal, Db};
use crate::ssr::groups::access::{audience, Audience};

/// Check-in opens this long before the start.
pub const CHECK_IN_EARLY_SECS: i64 = 15 * 60;
/// A check-in this long after the start is marked late.
pub const LATE_AFTER_SECS: i64 = 15 * 60;

/// A session as stored, with what deciding about it needs.
#[derive(Clone, Debug)]
pub struct Session {
    pub info: SessionInfo,
    pub host_user_id: Option<i64>,
    pub checkin_secret: String,
}

impl Session {
    pub fn id(&self) -> i64 {
        self.info.id.0
    }

    pub fn cohort(&self) -> i64 {
        self.info.cohort_id.0
    }

    /// Whether participants may check in at `now`.
    pub fn check_in_open(&self, now: i64) -> bool {
        (self.info.check_in_opens_at..self.info.check_in_closes_at).contains(&now)
    }

    /// The minutes at which a participant is present (the threshold share of the session,
    /// rounded up: 80 % of 90 minutes is 72).
    pub fn present_from_minutes(&self) -> i64 {
        (self.info.duration_minutes * self.info.threshold_percent + 99) / 100
    }
}

type SessionRow = (
    i64,
    i64,
    String,
    String,
    String,
    i64,
    i64,
    SessionMode,
    Option<String>,
    Option<String>,
    Option<String>,
    i64,
    Option<String>,
    i64,
    Option<i64>,
    String,
);

/// The session `id`, if it exists.
pub async fn load(db: &Db, id: i64) -> Result<Option<Session>, sqlx::Error> {
    let row: Option<SessionRow> = sqlx::query_as(
        "select s.id, s.cohort_id, c.name, p.title, s.title, s.starts_at, s.duration_minutes, \
         s.mode, s.meeting_url, s.venue, s.city, s.jp, coalesce(u.name, s.host_name), \
         p.attendance_threshold_percent, s.host_user_id, s.checkin_secret \
         from live_session s join cohort c on c.id = s.cohort_id \
         join program p on p.id = c.program_id left join app_user u on u.id = s.host_user_id \
         where s.id = $1",
    )
    .bind(id)
    .fetch_optional(db)
    .await?;
    Ok(row.map(
        |(
            id,
            cohort,
            cohort_name,
            program_title,
            title,
            starts_at,
            duration_minutes,
            mode,
            meeting_url,
            venue,
            city,
            jp,
            host,
            threshold_percent,
            host_user_id,
            checkin_secret,
        )| Session {
            info: SessionInfo {
                id: LiveSessionId(id),
                cohort_id: CohortId(cohort),
                cohort_name,
                program_title,
                title,
                starts_at,
                duration_minutes,
                mode,
                meeting_url,
                venue,
                city,
                jp,
                host,
                threshold_percent,
                check_in_opens_at: starts_at - CHECK_IN_EARLY_SECS,
                check_in_closes_at: starts_at + duration_minutes * 60,
            },
            host_user_id,
            checkin_secret,
        },
    ))
}

/// What the caller is to a session.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SessionRole {
    /// Sees and marks the roster (of the whole cohort, or of the groups a mentor leads).
    Staff(Audience),
    /// Approved in the session's cohort.
    Participant,
}

/// Whether `user` is approved in `cohort`.
pub async fn is_participant(db: &Db, user: i64, cohort: i64) -> Result<bool, sqlx::Error> {
    let (count,): (i64,) = sqlx::query_as(
        "select count(*) from enrolment where cohort_id = $1 and user_id = $2 \
         and status = 'approved'",
    )
    .bind(cohort)
    .bind(user)
    .fetch_one(db)
    .await?;
    Ok(count > 0)
}

/// What `user` is to `session`, if anything.
pub async fn role(
    db: &Db,
    user: &CurrentUser,
    session: &Session,
) -> Result<Option<SessionRole>, sqlx::Error> {
    if session.host_user_id == Some(user.id.0) {
        return Ok(Some(SessionRole::Staff(Audience::Cohort)));
    }
    if let Some(audience) = audience(db, user, session.cohort()).await? {
        return Ok(Some(SessionRole::Staff(audience)));
    }
    if is_participant(db, user.id.0, session.cohort()).await? {
        return Ok(Some(SessionRole::Participant));
    }
    Ok(None)
}

/// The 404 of a missing session, which everyone without a role on it gets.
pub fn not_found() -> AppError {
    AppError::new(ErrorKind::NotFound, crate::ssr::msg("sessions.not_found"))
}

/// The session and the caller's role on it, or the 404.
pub async fn require(
    db: &Db,
    user: &CurrentUser,
    id: LiveSessionId,
) -> Result<(Session, SessionRole), AppError> {
    let fail = |e| internal("session access", e);
    let session = load(db, id.0).await.map_err(fail)?.ok_or_else(not_found)?;
    let role = role(db, user, &session)
        .await
        .map_err(fail)?
        .ok_or_else(not_found)?;
    Ok((session, role))
}

/// The session and the caller's audience on it if they are its staff, or the 404.
pub async fn require_staff(
    db: &Db,
    user: &CurrentUser,
    id: LiveSessionId,
) -> Result<(Session, Audience), AppError> {
    match require(db, user, id).await? {
        (session, SessionRole::Staff(audience)) => Ok((session, audience)),
        _ => Err(not_found()),
    }
}

/// The session if the caller is its participant, or the 404.
pub async fn require_participant(
    db: &Db,
    user: &CurrentUser,
    id: LiveSessionId,
) -> Result<Session, AppError> {
    match require(db, user, id).await? {
        (session, SessionRole::Participant) => Ok(session),
        _ => Err(not_found()),
    }
}

/// The SQL condition (on enrolment `e`) that keeps the participants an audience may see, with
/// [`mentor_of`] bound as `$n`: 0 lets the whole cohort through.
pub fn audience_filter(n: usize) -> String {
    format!(" and (${n} = 0 or e.group_id in (select id from mentor_group where mentor_id = ${n}))")
}

/// The value [`audience_filter`] binds: the mentor whose groups are seen, or 0 for the cohort.
pub fn mentor_of(audience: Audience) -> i64 {
    match audience {
        Audience::Cohort => 0,
        Audience::Groups(mentor) => mentor,
    }
}
