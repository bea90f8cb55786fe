//! What the live-session, attendance and JP pages receive.

use crate::model::codes::{AttendanceSource, AttendanceStatus, SessionMode};
use crate::model::ids::{CohortId, LiveSessionId, UserId};
use serde::{Deserialize, Serialize};

/// A live session with its cohort and program, as every session page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SessionInfo {
    pub id: LiveSessionId,
    pub cohort_id: CohortId,
    pub cohort_name: String,
    pub program_title: String,
    pub title: String,
    pub starts_at: i64,
    pub duration_minutes: i64,
    pub mode: SessionMode,
    pub meeting_url: Option<String>,
    pub venue: Option<String>,
    pub city: Option<String>,
    pub jp: i64,
    pub host: Option<String>,
    /// The share of the session (percent) a participant's minutes must reach to be present.
    pub threshold_percent: i64,
    /// When participants may check in: from 15 minutes before the start to its end.
    pub check_in_opens_at: i64,
    pub check_in_closes_at: i64,
}

/// The code on the host's screen, while check-in is open.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CheckInCode {
    pub code: String,
    /// When the next code replaces it (the page reloads then).
    pub next_at: i64,
    /// The check-in address with the code, as a QR code (an SVG drawn on the server).
    pub qr_svg: String,
    pub check_in_url: String,
}

/// A participant on a session's roster.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RosterLine {
    pub user_id: UserId,
    pub name: String,
    pub nip: Option<String>,
    pub status: Option<AttendanceStatus>,
    pub minutes: Option<i64>,
    pub source: Option<AttendanceSource>,
    /// Whether they opened the join link.
    pub joined: bool,
}

/// How many on the roster are in each state.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AttendanceCounts {
    pub present: i64,
    pub late: i64,
    pub excused: i64,
    pub absent: i64,
    pub unmarked: i64,
}

/// One change to attendance, for the history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChangeLine {
    pub at: i64,
    pub by: Option<String>,
    pub participant: String,
    pub status: AttendanceStatus,
    pub minutes: Option<i64>,
    pub source: AttendanceSource,
}

/// An uploaded meeting report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportSummary {
    pub id: i64,
    pub file_name: String,
    pub people: i64,
    pub created_at: i64,
    pub applied_at: Option<i64>,
}

/// The host's page of a session: the code while check-in is open, the roster, reports, history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HostPage {
    pub session: SessionInfo,
    pub now: i64,
    pub code: Option<CheckInCode>,
    pub roster: Vec<RosterLine>,
    pub roster_total: i64,
    pub page: i64,
    pub page_size: i64,
    pub counts: AttendanceCounts,
    pub reports: Vec<ReportSummary>,
    pub history: Vec<ChangeLine>,
}

/// A session as one participant sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ParticipantSessionPage {
    pub session: SessionInfo,
    pub now: i64,
    pub status: Option<AttendanceStatus>,
}

/// The JP a participant earned in one cohort in one year.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JpLine {
    pub cohort_id: CohortId,
    pub program_title: String,
    pub cohort_name: String,
    pub jp: i64,
    pub sessions_attended: i64,
    pub sessions_held: i64,
    pub sessions_total: i64,
}

/// A year of a participant's JP record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JpYear {
    pub year: i64,
    pub total: i64,
    pub lines: Vec<JpLine>,
}

/// A participant's JP record against the yearly minimum of civil servants.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JpRecord {
    /// 20 JP a year (PP 11/2017 art. 203(4), DOMAIN.md section 4).
    pub yearly_minimum: i64,
    pub current_year: i64,
    pub years: Vec<JpYear>,
    /// The secret address of the participant's calendar feed.
    pub calendar_url: String,
}

/// A session as a column of a cohort's attendance table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SessionHead {
    pub id: LiveSessionId,
    pub title: String,
    pub starts_at: i64,
    pub jp: i64,
}

/// A participant's row of a cohort's attendance table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CohortAttendanceRow {
    pub user_id: UserId,
    pub name: String,
    pub nip: Option<String>,
    pub marks: Vec<Option<AttendanceStatus>>,
    pub jp: i64,
}

/// A cohort's attendance table, one page of participants.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CohortAttendancePage {
    pub cohort_id: CohortId,
    pub cohort_name: String,
    pub program_title: String,
    pub sessions: Vec<SessionHead>,
    pub rows: Vec<CohortAttendanceRow>,
    pub total: i64,
    pub page: i64,
    pub page_size: i64,
    /// The secret address of the cohort's calendar feed.
    pub calendar_url: String,
}

/// How a person of a meeting report was matched to a participant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MatchedBy {
    Email,
    Name,
}

/// A person of a meeting report (minutes summed over rejoins) and the participant they match.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportPerson {
    pub name: String,
    pub email: Option<String>,
    pub minutes: i64,
    pub matched: Option<(UserId, String)>,
    pub matched_by: Option<MatchedBy>,
}

/// A report waiting for the host: matched people, and the rest to match by hand.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportPreview {
    pub report_id: i64,
    pub session: SessionInfo,
    pub file_name: String,
    pub applied_at: Option<i64>,
    /// The minutes at which a participant counts as present.
    pub present_from_minutes: i64,
    pub people: Vec<ReportPerson>,
    /// Participants of the roster no row matched, to choose from for the unmatched rows.
    pub candidates: Vec<(UserId, String)>,
}
