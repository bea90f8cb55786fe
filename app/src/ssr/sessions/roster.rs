//! A session's roster: the participants it is for, their attendance, marking it in bulk, and
//! the history of every change. Every write goes through [`write_mark`], which keeps the change
//! with who made it and when.

use super::access::{audience_filter, mentor_of, Session};
use crate::model::audit::{AuditAction, AuditSubject};
use crate::model::codes::{AttendanceSource, AttendanceStatus};
use crate::model::sessions::{AttendanceCounts, ChangeLine, RosterLine};
use crate::model::UserId;
use crate::ssr::audit::{Actor, Entry, Scope};
use crate::ssr::db::{begin_write, Db};
use crate::ssr::groups::access::Audience;
use std::collections::HashMap;

/// One participant's attendance to record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mark {
    pub session: i64,
    pub user: i64,
    pub status: AttendanceStatus,
    /// Minutes from a meeting report; `None` keeps what is stored.
    pub minutes: Option<i64>,
    pub source: AttendanceSource,
}

/// Records `mark` in `tx` by `by` at `now`, and the change in the history.
pub async fn write_mark(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    mark: &Mark,
    by: Option<i64>,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into attendance (session_id, user_id, status, minutes, source, updated_by, \
         updated_at) values ($1, $2, $3, $4, $5, $6, $7) \
         on conflict (session_id, user_id) do update set status = excluded.status, \
         minutes = coalesce(excluded.minutes, attendance.minutes), source = excluded.source, \
         updated_by = excluded.updated_by, updated_at = excluded.updated_at",
    )
    .bind(mark.session)
    .bind(mark.user)
    .bind(mark.status)
    .bind(mark.minutes)
    .bind(mark.source)
    .bind(by)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    sqlx::query(
        "insert into attendance_change (session_id, user_id, status, minutes, source, \
         changed_by, changed_at) values ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(mark.session)
    .bind(mark.user)
    .bind(mark.status)
    .bind(mark.minutes)
    .bind(mark.source)
    .bind(by)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Rows of the roster per page.
pub const PAGE_SIZE: i64 = 100;

type LineRow = (
    i64,
    String,
    Option<String>,
    Option<AttendanceStatus>,
    Option<i64>,
    Option<AttendanceSource>,
    Option<i64>,
);

/// A page of the participants `audience` sees on the session's roster, by name, and their count.
pub async fn lines(
    db: &Db,
    session: &Session,
    audience: Audience,
    page: i64,
) -> Result<(Vec<RosterLine>, i64), sqlx::Error> {
    let filter = audience_filter(3);
    let rows: Vec<LineRow> = sqlx::query_as(&format!(
        "select u.id, u.name, u.nip, a.status, a.minutes, a.source, j.clicks \
         from enrolment e join app_user u on u.id = e.user_id \
         left join attendance a on a.session_id = $2 and a.user_id = u.id \
         left join session_join j on j.session_id = $2 and j.user_id = u.id \
         where e.cohort_id = $1 and e.status = 'approved'{filter} \
         order by u.name, u.id limit $4 offset $5"
    ))
    .bind(session.cohort())
    .bind(session.id())
    .bind(mentor_of(audience))
    .bind(PAGE_SIZE)
    .bind((page - 1).max(0) * PAGE_SIZE)
    .fetch_all(db)
    .await?;
    let (total,): (i64,) = sqlx::query_as(&format!(
        "select count(*) from enrolment e where e.cohort_id = $1 and e.status = 'approved'{}",
        audience_filter(2)
    ))
    .bind(session.cohort())
    .bind(mentor_of(audience))
    .fetch_one(db)
    .await?;
    let lines = rows
        .into_iter()
        .map(
            |(id, name, nip, status, minutes, source, clicks)| RosterLine {
                user_id: UserId(id),
                name,
                nip,
                status,
                minutes,
                source,
                joined: clicks.is_some(),
            },
        )
        .collect();
    Ok((lines, total))
}

/// How many of the participants `audience` sees are in each state.
pub async fn counts(
    db: &Db,
    session: &Session,
    audience: Audience,
) -> Result<AttendanceCounts, sqlx::Error> {
    let rows: Vec<(Option<AttendanceStatus>, i64)> = sqlx::query_as(&format!(
        "select a.status, count(*) from enrolment e \
         left join attendance a on a.session_id = $2 and a.user_id = e.user_id \
         where e.cohort_id = $1 and e.status = 'approved'{} group by a.status",
        audience_filter(3)
    ))
    .bind(session.cohort())
    .bind(session.id())
    .bind(mentor_of(audience))
    .fetch_all(db)
    .await?;
    let mut counts = AttendanceCounts::default();
    for (status, n) in rows {
        match status {
            Some(AttendanceStatus::Present) => counts.present = n,
            Some(AttendanceStatus::Late) => counts.late = n,
            Some(AttendanceStatus::Excused) => counts.excused = n,
            Some(AttendanceStatus::Absent) => counts.absent = n,
            None => counts.unmarked = n,
        }
    }
    Ok(counts)
}

/// Which of `users` `audience` may mark on the session's roster.
async fn markable(
    db: &Db,
    session: &Session,
    audience: Audience,
    users: &[i64],
) -> Result<Vec<i64>, sqlx::Error> {
    if users.is_empty() {
        return Ok(Vec::new());
    }
    let list = users
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(",");
    let rows: Vec<(i64,)> = sqlx::query_as(&format!(
        "select e.user_id from enrolment e where e.cohort_id = $1 and e.status = 'approved' \
         and e.user_id in ({list}){}",
        audience_filter(2)
    ))
    .bind(session.cohort())
    .bind(mentor_of(audience))
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// Most marks in one request (a roster page holds [`PAGE_SIZE`]).
pub const MAX_MARKS: usize = 1_000;

/// Why marks were refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkRefusal {
    /// A participant the caller may not mark (or who is not on the roster).
    NotOnRoster,
    TooMany,
}

/// Records the host's or mentor's `marks` (participant, status) in one transaction: only those
/// whose status changes are written (and kept in the history); how many changed. Refused whole
/// if any participant is not on the caller's roster.
pub async fn mark(
    db: &Db,
    session: &Session,
    audience: Audience,
    marks: &[(i64, AttendanceStatus)],
    by: &Actor,
    now: i64,
) -> Result<Result<usize, MarkRefusal>, sqlx::Error> {
    if marks.len() > MAX_MARKS {
        return Ok(Err(MarkRefusal::TooMany));
    }
    let users: Vec<i64> = marks.iter().map(|(u, _)| *u).collect();
    let allowed = markable(db, session, audience, &users).await?;
    if users.iter().any(|u| !allowed.contains(u)) {
        return Ok(Err(MarkRefusal::NotOnRoster));
    }
    let mut tx = begin_write(db).await?;
    let list = users
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(",");
    let current: HashMap<i64, AttendanceStatus> = if users.is_empty() {
        HashMap::new()
    } else {
        sqlx::query_as::<_, (i64, AttendanceStatus)>(&format!(
            "select user_id, status from attendance where session_id = $1 and user_id in ({list})"
        ))
        .bind(session.id())
        .fetch_all(&mut *tx)
        .await?
        .into_iter()
        .collect()
    };
    let mut changed = 0;
    for (user, status) in marks {
        if current.get(user) == Some(status) {
            continue;
        }
        write_mark(
            &mut tx,
            &Mark {
                session: session.id(),
                user: *user,
                status: *status,
                minutes: None,
                source: AttendanceSource::Roster,
            },
            Some(by.id),
            now,
        )
        .await?;
        let change = (current.get(user).copied(), *status, None);
        audit_mark(&mut tx, by, session, *user, change, now).await?;
        changed += 1;
    }
    tx.commit().await?;
    Ok(Ok(changed))
}

/// Records in the audit log, in `tx`, that `by` changed `user`'s attendance of `session`:
/// `(old, new, minutes)`, the minutes of a meeting report.
pub async fn audit_mark(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    by: &Actor,
    session: &Session,
    user: i64,
    (old, new, minutes): (Option<AttendanceStatus>, AttendanceStatus, Option<i64>),
    now: i64,
) -> Result<(), sqlx::Error> {
    let (name,): (String,) = sqlx::query_as("select name from app_user where id = $1")
        .bind(user)
        .fetch_one(&mut **tx)
        .await?;
    let entry = Entry::new(
        AuditAction::AttendanceEdit,
        AuditSubject::Session,
        session.id(),
        match minutes {
            Some(minutes) => format!("{name} · {} · {minutes} min", session.info.title),
            None => format!("{name} · {}", session.info.title),
        },
        Scope::Cohort(session.cohort()),
    );
    let entry = entry.change(old.map(AttendanceStatus::as_str), new.as_str());
    crate::ssr::audit::record(tx, by, entry, now).await
}

type ChangeRow = (
    i64,
    Option<String>,
    String,
    AttendanceStatus,
    Option<i64>,
    AttendanceSource,
);

/// The latest `limit` changes to the session's attendance of participants `audience` sees.
pub async fn history(
    db: &Db,
    session: &Session,
    audience: Audience,
    limit: i64,
) -> Result<Vec<ChangeLine>, sqlx::Error> {
    let rows: Vec<ChangeRow> = sqlx::query_as(&format!(
        "select c.changed_at, b.name, u.name, c.status, c.minutes, c.source \
         from attendance_change c join app_user u on u.id = c.user_id \
         left join app_user b on b.id = c.changed_by \
         join enrolment e on e.cohort_id = $1 and e.user_id = c.user_id \
         where c.session_id = $2{} order by c.id desc limit $4",
        audience_filter(3)
    ))
    .bind(session.cohort())
    .bind(session.id())
    .bind(mentor_of(audience))
    .bind(limit)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(at, by, participant, status, minutes, source)| ChangeLine {
                at,
                by,
                participant,
                status,
                minutes,
                source,
            },
        )
        .collect())
}
