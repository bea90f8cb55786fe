//! What the coaching pages show, shared by the server functions and the pages.

use crate::model::ids::{CohortId, CycleId, GroupId, UserId};
use serde::{Deserialize, Serialize};

/// A cohort a log belongs to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CohortChoice {
    pub id: CohortId,
    pub name: String,
    pub program_title: String,
}

/// The four parts of a TIRTA cycle as its participant wrote them (checked: trimmed, with plain
/// `\n` line ends, none empty or too long).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct CycleParts {
    pub goal: String,
    pub identification: String,
    pub action_plan: String,
    pub commitment: String,
}

/// One cycle in a log's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CycleSummary {
    pub id: CycleId,
    pub number: i64,
    /// The goal's first line, shortened.
    pub goal_excerpt: String,
    pub created_at: i64,
    pub updated_at: i64,
    pub comments: i64,
    /// Comments by the mentor or an admin.
    pub staff_comments: i64,
}

/// The signed-in participant's log in one of their cohorts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoachingLog {
    /// Every cohort they are an approved participant of, newest first.
    pub cohorts: Vec<CohortChoice>,
    /// The cohort shown (None: they are in no cohort yet).
    pub cohort: Option<CohortChoice>,
    /// Its cycles, newest first.
    pub cycles: Vec<CycleSummary>,
    /// The number a new cycle will most likely get.
    pub next_number: i64,
}

/// One comment on a cycle.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CycleComment {
    pub id: i64,
    pub author_name: String,
    /// The author's role code (`mentor`, `admin`, `participant`).
    pub author_role: String,
    /// Written by the participant whose cycle it is.
    pub by_owner: bool,
    pub body: String,
    pub created_at: i64,
}

/// A whole cycle with its comments, and what the viewer may do with it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CyclePage {
    pub id: CycleId,
    pub number: i64,
    pub cohort: CohortChoice,
    pub participant_id: UserId,
    pub participant_name: String,
    #[serde(flatten)]
    pub parts: CycleParts,
    pub created_at: i64,
    pub updated_at: i64,
    /// Oldest first.
    pub comments: Vec<CycleComment>,
    /// The viewer wrote it (and may edit it).
    pub mine: bool,
    /// The viewer may comment (its owner, their mentor, an admin).
    pub can_comment: bool,
}

/// A participant's log as their mentor or an admin reads it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParticipantLog {
    pub participant_id: UserId,
    pub participant_name: String,
    /// Their group in the cohort shown, if any.
    pub group_name: Option<String>,
    /// The cohorts in which the viewer may read this log, newest first.
    pub cohorts: Vec<CohortChoice>,
    pub cohort: CohortChoice,
    /// Newest first.
    pub cycles: Vec<CycleSummary>,
    /// The viewer is a mentor (the page links back to their overview).
    pub viewer_is_mentor: bool,
}

/// One participant in a mentor's overview.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberSummary {
    pub participant_id: UserId,
    pub name: String,
    pub cycles: i64,
    pub last_update: Option<i64>,
    /// Cycles waiting for feedback: nobody but the participant commented since the last edit.
    pub awaiting: i64,
}

/// One group a mentor leads, with its participants' logs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupLogs {
    pub group_id: GroupId,
    pub group_name: String,
    pub cohort: CohortChoice,
    /// By name.
    pub members: Vec<MemberSummary>,
}
