//! The dashboards of one person: the mentor's (`/mentor/dasbor`: their groups' progress, what
//! waits for them, their survey results) and the participant's (`/peserta/kemajuan`: their
//! progress in every cohort). Figures come as [`DataTable`]s; the rest is what the page links to.

use super::DataTable;
use crate::model::boards::QueueItem;
use crate::model::completion::{Checklist, Progress};
use crate::model::surveys::MentorIndex;
use crate::model::CohortId;
use serde::{Deserialize, Serialize};

/// The keys of the mentor's tables, in the order the page shows them (also their export names:
/// `/mentor/dasbor/<key>.csv`).
pub const MENTOR_TABLES: [&str; 4] = ["groups", "waiting", "response", "surveys"];

/// `/mentor/dasbor`: the signed-in mentor's figures, only about the groups they lead.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MentorDashboardData {
    /// Per group: members, attendance, post-test done, approved work products, passed.
    pub groups: DataTable,
    /// Per group: posts waiting for feedback and how long the oldest has waited.
    pub waiting: DataTable,
    /// Per group: first-response times (median, 90th percentile) and comments per participant.
    pub response: DataTable,
    /// Per survey about the mentor: responses and, from the minimum on, the index.
    pub surveys: DataTable,
    /// Posts waiting for feedback in all the mentor's groups.
    pub waiting_total: i64,
    /// Days the longest-waiting post has waited, if any waits.
    pub oldest_days: Option<f64>,
    /// The longest-waiting posts, oldest first (the full list is `/mentor/antrean`).
    pub oldest: Vec<QueueItem>,
    /// Over all the mentor's groups: the median and 90th-percentile first response, in hours.
    pub median_hours: Option<f64>,
    pub p90_hours: Option<f64>,
    /// The mentor's index over the surveys with enough responses.
    pub own_index: Option<MentorIndex>,
    /// Responses a survey needs before its results show.
    pub min_responses: i64,
}

/// One cohort on the participant's progress page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CohortProgress {
    pub cohort_id: CohortId,
    pub program_title: String,
    pub cohort_name: String,
    pub progress: Progress,
    /// The counted pre-test (first attempt) and post-test (best attempt), in percent.
    pub pre_percent: Option<f64>,
    pub post_percent: Option<f64>,
    /// The normalized gain g = (post − pre) / (100 − pre).
    pub gain: Option<f64>,
    /// Whether the cohort has completion rules at all.
    pub rules_set: bool,
    pub checklist: Checklist,
    /// The organiser's decision: passed or not; none while undecided.
    pub passed: Option<bool>,
    /// The valid certificate's check code and number, once issued.
    pub certificate: Option<(String, String)>,
}

/// `/peserta/kemajuan`: the signed-in participant's progress in every cohort they are approved in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ParticipantDashboard {
    /// One row per cohort: attendance, JP, tests, gain, work products, rules met, result.
    pub cohorts: DataTable,
    pub lines: Vec<CohortProgress>,
}
