//! Meeting reports: the participant list that Zoom, Google Meet or BigBlueButton exports after a
//! meeting (name, e-mail, join, leave, duration). A person who left and rejoined has several
//! rows; their minutes are summed (and capped at the session's length). Each person is matched
//! to a participant of the roster by e-mail, else by a name that only one participant has; the
//! rest are shown to the host to match by hand. Nothing is recorded until the host confirms.
//!
//! A report never lowers what the host or the participant recorded: someone present by code or
//! roster stays present, an excused participant stays excused; the minutes are kept either way.

use super::access::{audience_filter, mentor_of, Session};
use super::roster::{write_mark, Mark};
use crate::model::codes::{AttendanceSource, AttendanceStatus};
use crate::model::sessions::{MatchedBy, ReportPerson};
use crate::model::UserId;
use crate::ssr::csv::read::{self, header_key};
use crate::ssr::db::{begin_write, Db};
use crate::ssr::groups::access::Audience;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The largest report accepted.
pub const MAX_FILE_BYTES: usize = 5 * 1024 * 1024;
/// Most rows in a report (a meeting of thousands, with rejoins).
pub const MAX_ROWS: usize = 50_000;

/// What a column of a report holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Column {
    Name,
    FirstName,
    LastName,
    Email,
    Duration,
    DurationSeconds,
    Join,
    Leave,
}

/// The column a header cell stands for, across the exports of Zoom (`Name (Original Name)`,
/// `User Email`, `Join Time`, `Leave Time`, `Duration (Minutes)`), Google Meet (`First name`,
/// `Last name`, `Email`, `Duration`, `Time joined`, `Time exited`), BigBlueButton (`Name`,
/// `Join`, `Left`, `Duration`) and Indonesian spreadsheets (`Nama`, `Surel`, `Durasi`).
fn column_of(header: &str) -> Option<Column> {
    let key = header_key(header);
    let key = key.as_str();
    if key.contains("email") || key.contains("surel") {
        return Some(Column::Email);
    }
    if key.starts_with("duration") || key.starts_with("durasi") || key == "timeinmeeting" {
        let seconds = key.contains("sec") || key.contains("detik");
        return Some(if seconds {
            Column::DurationSeconds
        } else {
            Column::Duration
        });
    }
    if key == "firstname" || key == "namadepan" || key == "givenname" {
        return Some(Column::FirstName);
    }
    if key == "lastname" || key == "namabelakang" || key == "familyname" || key == "surname" {
        return Some(Column::LastName);
    }
    if key.starts_with("join")
        || key == "timejoined"
        || key == "firstseen"
        || key == "masuk"
        || key == "waktumasuk"
    {
        return Some(Column::Join);
    }
    if key.starts_with("leave")
        || key == "left"
        || key == "timeexited"
        || key == "lastseen"
        || key == "keluar"
        || key == "waktukeluar"
    {
        return Some(Column::Leave);
    }
    if key.starts_with("name")
        || key.starts_with("nama")
        || key == "participant"
        || key == "peserta"
        || key == "fullname"
        || key == "displayname"
        || key == "username"
    {
        return Some(Column::Name);
    }
    None
}

/// Why a report cannot be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParseError {
    /// Not text, or not a table.
    Unreadable,
    /// No header line with a name and either a duration or join and leave times.
    NoColumns,
    /// No person in it.
    Empty,
    TooManyRows,
}

/// A person of a report, minutes summed over their rows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Person {
    pub name: String,
    pub email: Option<String>,
    pub minutes: i64,
}

/// Minutes in a duration cell: `45`, `45,5`, `1:05:30` (h:m:s), `1:05` (h:m), `1 hr 5 min`,
/// `1 jam 5 menit`, `45 min`, `30 s`; seconds when the column counts seconds.
fn duration_secs(cell: &str, in_seconds: bool) -> Option<f64> {
    let cell = cell.trim();
    if cell.is_empty() {
        return None;
    }
    if cell.contains(':') {
        let parts: Vec<f64> = cell
            .split(':')
            .map(|p| p.trim().parse::<f64>())
            .collect::<Result<_, _>>()
            .ok()?;
        return match parts.as_slice() {
            [h, m, s] => Some(h * 3600.0 + m * 60.0 + s),
            [h, m] => Some(h * 3600.0 + m * 60.0),
            _ => None,
        };
    }
    let plain = cell.replace(',', ".");
    if let Ok(n) = plain.parse::<f64>() {
        return Some(if in_seconds { n } else { n * 60.0 });
    }
    // Numbers followed by units.
    let lower = cell.to_lowercase();
    let mut total = 0.0;
    let mut seen = false;
    let mut number = String::new();
    let mut unit = String::new();
    let flush = |number: &mut String, unit: &mut String, total: &mut f64| -> Option<()> {
        if number.is_empty() {
            unit.clear();
            return Some(());
        }
        let n: f64 = number.replace(',', ".").parse().ok()?;
        let u = unit.trim();
        let factor = if u.starts_with('h') || u.starts_with("jam") || u.starts_with("j") {
            3600.0
        } else if u.starts_with('m') {
            60.0
        } else if u.starts_with('s') || u.starts_with('d') {
            1.0
        } else {
            return None;
        };
        *total += n * factor;
        number.clear();
        unit.clear();
        Some(())
    };
    for c in lower.chars() {
        if c.is_ascii_digit() || c == '.' || c == ',' {
            if !unit.is_empty() {
                flush(&mut number, &mut unit, &mut total)?;
            }
            number.push(c);
            seen = true;
        } else if c.is_alphabetic() {
            unit.push(c);
        }
    }
    flush(&mut number, &mut unit, &mut total)?;
    seen.then_some(total)
}

/// Seconds since midnight of the time in a join or leave cell (`2026-12-05 09:03:12`,
/// `12/05/2026 09:03:12 AM`, `09:03`, `2026-12-05T09:03:12+07:00`).
fn time_of_day(cell: &str) -> Option<i64> {
    let cell = cell.trim();
    let upper = cell.to_uppercase();
    let pm = upper.ends_with("PM");
    let am = upper.ends_with("AM");
    let token = cell
        .split(|c: char| c.is_whitespace() || c == 'T')
        .find(|t| t.contains(':'))?;
    let token = token.split(['+', 'Z', '.']).next()?;
    let parts: Vec<i64> = token
        .split(':')
        .map(|p| p.parse::<i64>())
        .collect::<Result<_, _>>()
        .ok()?;
    let (mut h, m, s) = match parts.as_slice() {
        [h, m, s] => (*h, *m, *s),
        [h, m] => (*h, *m, 0),
        _ => return None,
    };
    if pm && h < 12 {
        h += 12;
    }
    if am && h == 12 {
        h = 0;
    }
    ((0..24).contains(&h) && (0..60).contains(&m) && (0..61).contains(&s))
        .then_some(h * 3600 + m * 60 + s)
}

/// A name as compared: a part in parentheses dropped (Zoom's original name), letters and digits
/// only, lower case, single spaces.
pub fn name_key(name: &str) -> String {
    let main = name.split('(').next().unwrap_or(name);
    main.chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The people of a report (in the order they first appear) and its number of rows. Minutes are
/// capped at `session_minutes`.
pub fn parse(bytes: &[u8], session_minutes: i64) -> Result<(Vec<Person>, usize), ParseError> {
    let text = read::decode(bytes).map_err(|_| ParseError::Unreadable)?;
    // Zoom puts a summary of the meeting above the participants: the table starts at the first
    // line whose cells name a person and how long they stayed.
    let mut offset = 0;
    let mut found = false;
    for line in text.split_inclusive('\n') {
        let delimiter = read::detect_delimiter(line);
        let columns: Vec<Option<Column>> = line
            .split(delimiter as char)
            .map(|cell| column_of(cell.trim_matches(|c| c == '"' || c == '\r' || c == '\n')))
            .collect();
        let has = |c: Column| columns.contains(&Some(c));
        let named = has(Column::Name) || has(Column::FirstName);
        let timed = has(Column::Duration)
            || has(Column::DurationSeconds)
            || (has(Column::Join) && has(Column::Leave));
        if named && timed {
            found = true;
            break;
        }
        offset += line.len();
    }
    if !found {
        return Err(ParseError::NoColumns);
    }
    let mut table = read::open(&text[offset..]).map_err(|_| ParseError::Unreadable)?;
    let columns: Vec<Option<Column>> = table.headers().iter().map(|h| column_of(h)).collect();
    let mut people: Vec<Person> = Vec::new();
    let mut seconds: Vec<f64> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut rows = 0;
    while let Some(row) = table.next_row().map_err(|_| ParseError::Unreadable)? {
        rows += 1;
        if rows > MAX_ROWS {
            return Err(ParseError::TooManyRows);
        }
        let cells = row.by_column(&columns);
        let cell = |c: Column| cells.get(&c).map(|v| v.trim()).filter(|v| !v.is_empty());
        let name = match cell(Column::Name) {
            Some(name) => name.to_string(),
            None => [cell(Column::FirstName), cell(Column::LastName)]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" "),
        };
        let email = cell(Column::Email)
            .filter(|e| e.contains('@'))
            .map(|e| e.to_lowercase());
        if name.is_empty() && email.is_none() {
            continue;
        }
        let secs = cell(Column::Duration)
            .and_then(|d| duration_secs(d, false))
            .or_else(|| cell(Column::DurationSeconds).and_then(|d| duration_secs(d, true)))
            .or_else(|| {
                let join = time_of_day(cell(Column::Join)?)?;
                let leave = time_of_day(cell(Column::Leave)?)?;
                Some((leave - join).rem_euclid(24 * 3600) as f64)
            })
            .unwrap_or(0.0)
            .max(0.0);
        let key = email.clone().unwrap_or_else(|| name_key(&name));
        let at = *index.entry(key).or_insert_with(|| {
            people.push(Person {
                name: name.chars().take(200).collect(),
                email: email.clone(),
                minutes: 0,
            });
            seconds.push(0.0);
            people.len() - 1
        });
        seconds[at] += secs;
    }
    if people.is_empty() {
        return Err(ParseError::Empty);
    }
    for (person, secs) in people.iter_mut().zip(seconds) {
        person.minutes = ((secs / 60.0).round() as i64).min(session_minutes);
    }
    Ok((people, rows))
}

/// A participant of the roster, as a report is matched against it.
#[derive(Clone, Debug)]
pub struct Candidate {
    pub id: i64,
    pub name: String,
    pub email: Option<String>,
}

/// The participants `audience` sees on the session's roster, for matching.
pub async fn candidates(
    db: &Db,
    session: &Session,
    audience: Audience,
) -> Result<Vec<Candidate>, sqlx::Error> {
    let rows: Vec<(i64, String, Option<String>)> = sqlx::query_as(&format!(
        "select u.id, u.name, u.email from enrolment e join app_user u on u.id = e.user_id \
         where e.cohort_id = $1 and e.status = 'approved'{} order by u.name, u.id",
        audience_filter(2)
    ))
    .bind(session.cohort())
    .bind(mentor_of(audience))
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, email)| Candidate { id, name, email })
        .collect())
}

/// Matches each person to a participant: by e-mail, else by a name only one participant has.
pub fn match_people(people: &[Person], roster: &[Candidate]) -> Vec<ReportPerson> {
    let by_email: HashMap<String, &Candidate> = roster
        .iter()
        .filter_map(|c| c.email.as_ref().map(|e| (e.to_lowercase(), c)))
        .collect();
    let mut by_name: HashMap<String, Vec<&Candidate>> = HashMap::new();
    for c in roster {
        by_name.entry(name_key(&c.name)).or_default().push(c);
    }
    people
        .iter()
        .map(|p| {
            let email = p.email.as_ref().and_then(|e| by_email.get(e)).copied();
            let (matched, by) = match email {
                Some(c) => (Some(c), Some(MatchedBy::Email)),
                None => match by_name.get(&name_key(&p.name)).map(Vec::as_slice) {
                    Some([only]) => (Some(*only), Some(MatchedBy::Name)),
                    _ => (None, None),
                },
            };
            ReportPerson {
                name: p.name.clone(),
                email: p.email.clone(),
                minutes: p.minutes,
                matched: matched.map(|c| (UserId(c.id), c.name.clone())),
                matched_by: by,
            }
        })
        .collect()
}

/// Stores a parsed and matched report, waiting for the host; its id.
pub async fn store(
    db: &Db,
    session: i64,
    by: i64,
    file_name: &str,
    people: &[ReportPerson],
    rows: usize,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let json = serde_json::to_string(people).unwrap_or_else(|_| "[]".into());
    let (id,): (i64,) = sqlx::query_as(
        "insert into attendance_report (session_id, uploaded_by, file_name, people, row_count, \
         created_at) values ($1, $2, $3, $4, $5, $6) returning id",
    )
    .bind(session)
    .bind(by)
    .bind(file_name)
    .bind(json)
    .bind(rows as i64)
    .bind(now)
    .fetch_one(db)
    .await?;
    Ok(id)
}

/// A stored report of `session`: its file name, people and when it was applied.
pub async fn load(
    db: &Db,
    session: i64,
    report: i64,
) -> Result<Option<(String, Vec<ReportPerson>, Option<i64>)>, sqlx::Error> {
    let row: Option<(String, String, Option<i64>)> = sqlx::query_as(
        "select file_name, people, applied_at from attendance_report \
         where id = $1 and session_id = $2",
    )
    .bind(report)
    .bind(session)
    .fetch_optional(db)
    .await?;
    Ok(row.map(|(name, json, applied)| {
        (
            name,
            serde_json::from_str(&json).unwrap_or_default(),
            applied,
        )
    }))
}

/// The session's reports, newest first.
pub async fn list(
    db: &Db,
    session: i64,
) -> Result<Vec<crate::model::sessions::ReportSummary>, sqlx::Error> {
    let rows: Vec<(i64, String, String, i64, Option<i64>)> = sqlx::query_as(
        "select id, file_name, people, created_at, applied_at from attendance_report \
         where session_id = $1 order by id desc limit 20",
    )
    .bind(session)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, file_name, people, created_at, applied_at)| {
            let people: Vec<ReportPerson> = serde_json::from_str(&people).unwrap_or_default();
            crate::model::sessions::ReportSummary {
                id,
                file_name,
                people: people.len() as i64,
                created_at,
                applied_at,
            }
        })
        .collect())
}

/// Why a report was not applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ApplyRefusal {
    /// It was applied already.
    Applied,
    /// A chosen participant is not on the caller's roster.
    NotOnRoster,
}

/// Applies a report: each person matched (or matched by hand in `chosen`, person index to
/// participant) gets their minutes, and present or absent by the threshold, never lowering
/// a status already recorded. How many participants changed.
pub async fn apply(
    db: &Db,
    session: &Session,
    audience: Audience,
    report: i64,
    chosen: &HashMap<usize, i64>,
    by: &crate::ssr::audit::Actor,
    now: i64,
) -> Result<Result<usize, ApplyRefusal>, sqlx::Error> {
    let Some((_, people, applied)) = load(db, session.id(), report).await? else {
        return Ok(Err(ApplyRefusal::NotOnRoster));
    };
    if applied.is_some() {
        return Ok(Err(ApplyRefusal::Applied));
    }
    let roster: HashMap<i64, ()> = candidates(db, session, audience)
        .await?
        .into_iter()
        .map(|c| (c.id, ()))
        .collect();
    let mut minutes: HashMap<i64, i64> = HashMap::new();
    for (at, person) in people.iter().enumerate() {
        let user = match chosen.get(&at) {
            Some(0) => None,
            Some(user) => Some(*user),
            None => person.matched.as_ref().map(|(id, _)| id.0),
        };
        let Some(user) = user else { continue };
        if !roster.contains_key(&user) {
            return Ok(Err(ApplyRefusal::NotOnRoster));
        }
        *minutes.entry(user).or_default() += person.minutes;
    }
    let present_from = session.present_from_minutes();
    let mut tx = begin_write(db).await?;
    let claimed = sqlx::query(
        "update attendance_report set applied_at = $1 where id = $2 and applied_at is null",
    )
    .bind(now)
    .bind(report)
    .execute(&mut *tx)
    .await?;
    if claimed.rows_affected() == 0 {
        return Ok(Err(ApplyRefusal::Applied));
    }
    let current: HashMap<i64, (AttendanceStatus, Option<i64>)> =
        sqlx::query_as::<_, (i64, AttendanceStatus, Option<i64>)>(
            "select user_id, status, minutes from attendance where session_id = $1",
        )
        .bind(session.id())
        .fetch_all(&mut *tx)
        .await?
        .into_iter()
        .map(|(user, status, minutes)| (user, (status, minutes)))
        .collect();
    let mut changed = 0;
    let mut users: Vec<_> = minutes.into_iter().collect();
    users.sort_unstable();
    for (user, total) in users {
        let total = total.min(session.info.duration_minutes);
        let by_minutes = if total >= present_from {
            AttendanceStatus::Present
        } else {
            AttendanceStatus::Absent
        };
        let now_status = current.get(&user).copied();
        let status = match now_status {
            Some((kept, _))
                if kept != AttendanceStatus::Absent && by_minutes == AttendanceStatus::Absent =>
            {
                kept
            }
            Some((kept @ AttendanceStatus::Late, _)) => kept,
            _ => by_minutes,
        };
        if now_status == Some((status, Some(total))) {
            continue;
        }
        write_mark(
            &mut tx,
            &Mark {
                session: session.id(),
                user,
                status,
                minutes: Some(total),
                source: AttendanceSource::Report,
            },
            Some(by.id),
            now,
        )
        .await?;
        let old = now_status.map(|(kept, _)| kept);
        let change = (old, status, Some(total));
        super::roster::audit_mark(&mut tx, by, session, user, change, now).await?;
        changed += 1;
    }
    tx.commit().await?;
    Ok(Ok(changed))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_in_every_export_format() {
        let m = |cell: &str| duration_secs(cell, false).map(|s| s / 60.0);
        assert_eq!(m("45"), Some(45.0));
        assert_eq!(m("45,5"), Some(45.5));
        assert_eq!(m("1:05:30"), Some(65.5));
        assert_eq!(m("1:05"), Some(65.0));
        assert_eq!(m("1 hr 5 min"), Some(65.0));
        assert_eq!(m("1 jam 5 menit"), Some(65.0));
        assert_eq!(m("45 min"), Some(45.0));
        assert_eq!(m("90 s"), Some(1.5));
        assert_eq!(duration_secs("120", true), Some(120.0));
        assert_eq!(m("abc"), None);
        assert_eq!(m(""), None);
    }

    #[test]
    fn times_of_day_from_every_export_format() {
        assert_eq!(
            time_of_day("2026-12-05 09:03:12"),
            Some(9 * 3600 + 3 * 60 + 12)
        );
        assert_eq!(
            time_of_day("12/05/2026 01:03:12 PM"),
            Some(13 * 3600 + 3 * 60 + 12)
        );
        assert_eq!(time_of_day("12/05/2026 12:00:00 AM"), Some(0));
        assert_eq!(
            time_of_day("2026-12-05T09:03:12+07:00"),
            Some(9 * 3600 + 3 * 60 + 12)
        );
        assert_eq!(time_of_day("09:03"), Some(9 * 3600 + 3 * 60));
        assert_eq!(time_of_day("kemarin"), None);
    }

    #[test]
    fn a_zoom_report_with_its_summary_and_rejoins() {
        let csv = "Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants\n\
                   812 3456,Sesi 1,12/05/2026 09:00:00 AM,12/05/2026 10:30:00 AM,host@x.id,90,3\n\
                   \n\
                   Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n\
                   Budi Santoso (Budi),budi@sekolah.id,12/05/2026 09:00:00 AM,12/05/2026 09:40:00 AM,40,No\n\
                   Budi Santoso (Budi),BUDI@sekolah.id,12/05/2026 09:45:00 AM,12/05/2026 10:17:00 AM,32,No\n\
                   Siti Aminah,,12/05/2026 09:05:00 AM,12/05/2026 10:30:00 AM,85,Yes\n";
        let (people, rows) = parse(csv.as_bytes(), 90).expect("parsed");
        assert_eq!(rows, 3);
        assert_eq!(people.len(), 2);
        assert_eq!(people[0].email.as_deref(), Some("budi@sekolah.id"));
        assert_eq!(people[0].minutes, 72);
        assert_eq!(people[1].name, "Siti Aminah");
        assert_eq!(people[1].minutes, 85);
    }

    #[test]
    fn a_google_meet_report_and_a_bigbluebutton_one() {
        let meet = "First name,Last name,Email,Duration,Time joined,Time exited\n\
                    Budi,Santoso,budi@sekolah.id,1 hr 5 min,9:00 AM,10:05 AM\n";
        let (people, _) = parse(meet.as_bytes(), 90).expect("meet");
        assert_eq!(people[0].name, "Budi Santoso");
        assert_eq!(people[0].minutes, 65);
        let bbb = "Name,Moderator,Join,Left\nSiti Aminah,false,09:00:00,10:40:00\n";
        let (people, _) = parse(bbb.as_bytes(), 90).expect("bbb");
        assert_eq!(people[0].minutes, 90, "capped at the session's length");
    }

    #[test]
    fn a_file_without_the_columns_is_refused() {
        assert_eq!(
            parse(b"foo,bar\n1,2\n", 90).expect_err("no columns"),
            ParseError::NoColumns
        );
        assert_eq!(
            parse(b"Name,Duration\n", 90).expect_err("empty"),
            ParseError::Empty
        );
    }

    #[test]
    fn people_match_by_email_then_by_a_unique_name() {
        let roster = vec![
            Candidate {
                id: 1,
                name: "Budi Santoso".into(),
                email: Some("Budi@Sekolah.id".into()),
            },
            Candidate {
                id: 2,
                name: "Siti Aminah".into(),
                email: None,
            },
            Candidate {
                id: 3,
                name: "Agus".into(),
                email: None,
            },
            Candidate {
                id: 4,
                name: "Agus".into(),
                email: None,
            },
        ];
        let people = vec![
            Person {
                name: "Pak Budi".into(),
                email: Some("budi@sekolah.id".into()),
                minutes: 80,
            },
            Person {
                name: "SITI  aminah (HP)".into(),
                email: None,
                minutes: 70,
            },
            Person {
                name: "Agus".into(),
                email: None,
                minutes: 90,
            },
        ];
        let matched = match_people(&people, &roster);
        assert_eq!(matched[0].matched.as_ref().map(|m| m.0 .0), Some(1));
        assert_eq!(matched[0].matched_by, Some(MatchedBy::Email));
        assert_eq!(matched[1].matched.as_ref().map(|m| m.0 .0), Some(2));
        assert_eq!(matched[1].matched_by, Some(MatchedBy::Name));
        assert_eq!(matched[2].matched, None, "two participants are called Agus");
    }
}
