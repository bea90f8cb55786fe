//! The JP participants earn: a session's JP are credited to each participant whose attendance
//! is present or late, once however often it was edited (the JP are read from the attendance as
//! it stands, never added up as it changes). A participant's record groups them per cohort and
//! per year (in WIB) against the 20 JP a year civil servants need; a cohort's table shows every
//! participant against every session.

use super::access::{audience_filter, mentor_of};
use crate::model::codes::AttendanceStatus;
use crate::model::sessions::{CohortAttendanceRow, JpLine, JpYear, SessionHead};
use crate::model::{CohortId, LiveSessionId, UserId};
use crate::ssr::db::Db;
use crate::ssr::groups::access::Audience;
use std::collections::{BTreeMap, HashMap};

/// JP a civil servant needs each year (PP 11/2017 art. 203(4)).
pub const YEARLY_MINIMUM: i64 = 20;

/// The year (in WIB) of a moment.
pub fn year_of(unix: i64) -> i64 {
    crate::model::wib::date_of(unix)
        .get(..4)
        .and_then(|y| y.parse().ok())
        .unwrap_or(1970)
}

type RecordRow = (i64, String, String, i64, i64, Option<AttendanceStatus>);

/// A participant's JP per year (newest first) and per cohort, from the sessions of the cohorts
/// they are approved in; sessions still to come count in `sessions_total` only.
pub async fn record(db: &Db, user: i64, now: i64) -> Result<Vec<JpYear>, sqlx::Error> {
    let rows: Vec<RecordRow> = sqlx::query_as(
        "select c.id, p.title, c.name, s.starts_at, s.jp, a.status \
         from enrolment e join cohort c on c.id = e.cohort_id \
         join program p on p.id = c.program_id join live_session s on s.cohort_id = c.id \
         left join attendance a on a.session_id = s.id and a.user_id = e.user_id \
         where e.user_id = $1 and e.status = 'approved' order by s.starts_at, s.id",
    )
    .bind(user)
    .fetch_all(db)
    .await?;
    let mut years: BTreeMap<i64, Vec<JpLine>> = BTreeMap::new();
    for (cohort, program_title, cohort_name, starts_at, jp, status) in rows {
        let lines = years.entry(year_of(starts_at)).or_default();
        let at = match lines.iter().position(|l| l.cohort_id.0 == cohort) {
            Some(at) => at,
            None => {
                lines.push(JpLine {
                    cohort_id: CohortId(cohort),
                    program_title,
                    cohort_name,
                    jp: 0,
                    sessions_attended: 0,
                    sessions_held: 0,
                    sessions_total: 0,
                });
                lines.len() - 1
            }
        };
        let line = &mut lines[at];
        line.sessions_total += 1;
        if starts_at <= now {
            line.sessions_held += 1;
        }
        if status.is_some_and(AttendanceStatus::earns_jp) {
            line.sessions_attended += 1;
            line.jp += jp;
        }
    }
    Ok(years
        .into_iter()
        .rev()
        .map(|(year, lines)| JpYear {
            year,
            total: lines.iter().map(|l| l.jp).sum(),
            lines,
        })
        .collect())
}

/// The cohort's sessions as the table's columns.
pub async fn heads(db: &Db, cohort: i64) -> Result<Vec<SessionHead>, sqlx::Error> {
    let rows: Vec<(i64, String, i64, i64)> = sqlx::query_as(
        "select id, title, starts_at, jp from live_session where cohort_id = $1 \
         order by starts_at, id",
    )
    .bind(cohort)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, title, starts_at, jp)| SessionHead {
            id: LiveSessionId(id),
            title,
            starts_at,
            jp,
        })
        .collect())
}

/// Which participants a read of the table takes.
#[derive(Clone, Copy, Debug)]
pub enum Window {
    /// A page of the table, by name.
    Page { offset: i64, limit: i64 },
    /// The next participants by id after `id` (the CSV export, chunk by chunk).
    After { id: i64, limit: i64 },
}

/// Participants `audience` sees in `window`, each with their mark for every one of `heads` and
/// their JP.
pub async fn table_rows(
    db: &Db,
    cohort: i64,
    audience: Audience,
    heads: &[SessionHead],
    window: Window,
) -> Result<Vec<CohortAttendanceRow>, sqlx::Error> {
    let (condition, order, from, limit) = match window {
        Window::Page { offset, limit } => {
            ("$3 >= 0", "u.name, u.id limit $4 offset $3", offset, limit)
        }
        Window::After { id, limit } => ("u.id > $3", "u.id limit $4", id, limit),
    };
    let people: Vec<(i64, String, Option<String>)> = sqlx::query_as(&format!(
        "select u.id, u.name, u.nip from enrolment e join app_user u on u.id = e.user_id \
         where e.cohort_id = $1 and e.status = 'approved' and {condition}{} order by {order}",
        audience_filter(2)
    ))
    .bind(cohort)
    .bind(mentor_of(audience))
    .bind(from)
    .bind(limit)
    .fetch_all(db)
    .await?;
    if people.is_empty() {
        return Ok(Vec::new());
    }
    let ids = people
        .iter()
        .map(|p| p.0.to_string())
        .collect::<Vec<_>>()
        .join(",");
    let marks: Vec<(i64, i64, AttendanceStatus)> = sqlx::query_as(&format!(
        "select a.user_id, a.session_id, a.status from attendance a \
         join live_session s on s.id = a.session_id \
         where s.cohort_id = $1 and a.user_id in ({ids})",
    ))
    .bind(cohort)
    .fetch_all(db)
    .await?;
    let column: HashMap<i64, usize> = heads
        .iter()
        .enumerate()
        .map(|(at, h)| (h.id.0, at))
        .collect();
    let mut by_user: HashMap<i64, Vec<Option<AttendanceStatus>>> = HashMap::new();
    for (user, session, status) in marks {
        if let Some(at) = column.get(&session) {
            by_user
                .entry(user)
                .or_insert_with(|| vec![None; heads.len()])[*at] = Some(status);
        }
    }
    Ok(people
        .into_iter()
        .map(|(id, name, nip)| {
            let marks = by_user
                .remove(&id)
                .unwrap_or_else(|| vec![None; heads.len()]);
            let jp = marks
                .iter()
                .zip(heads)
                .filter(|(m, _)| m.is_some_and(AttendanceStatus::earns_jp))
                .map(|(_, h)| h.jp)
                .sum();
            CohortAttendanceRow {
                user_id: UserId(id),
                name,
                nip,
                marks,
                jp,
            }
        })
        .collect())
}

/// How many participants `audience` sees in the cohort.
pub async fn count(db: &Db, cohort: i64, audience: Audience) -> Result<i64, sqlx::Error> {
    let (n,): (i64,) = sqlx::query_as(&format!(
        "select count(*) from enrolment e where e.cohort_id = $1 and e.status = 'approved'{}",
        audience_filter(2)
    ))
    .bind(cohort)
    .bind(mentor_of(audience))
    .fetch_one(db)
    .await?;
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::year_of;

    #[test]
    fn years_are_read_in_wib() {
        // 2026-12-31 17:00 UTC is 2027-01-01 00:00 WIB.
        assert_eq!(year_of(1_798_736_400), 2027);
        assert_eq!(year_of(1_798_736_399), 2026);
        assert_eq!(year_of(0), 1970);
        assert_eq!(year_of(951_782_400), 2000); // 2000-02-29
    }
}
