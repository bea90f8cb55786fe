//! What the group and roster server functions send to the pages.

use crate::model::ids::{CohortId, EnrolmentId, GroupId, ProgramId, UserId};
use serde::{Deserialize, Serialize};

/// Rows per roster or member page.
pub const ROSTER_PAGE_SIZE: i64 = 50;

/// A cohort as page headings name it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CohortHeading {
    pub id: CohortId,
    pub name: String,
    pub program_id: ProgramId,
    pub program_title: String,
}

/// One participant on a roster or in a group.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RosterEntry {
    pub enrolment_id: EnrolmentId,
    pub user_id: UserId,
    pub name: String,
    /// `None` for an account without an e-mail address.
    pub email: Option<String>,
    pub nip: Option<String>,
    pub school_name: Option<String>,
    pub school_level: Option<String>,
    pub subject: Option<String>,
    pub region_code: Option<String>,
    pub phone: Option<String>,
    pub group_id: Option<GroupId>,
    pub group_name: Option<String>,
}

/// A filtered roster counts its rows up to this many; past it the page says "more than".
pub const ROSTER_COUNT_BOUND: i64 = 1000;

/// A cohort with at most this many groups (in the reader's view) gets a group select; a bigger
/// one a text field for the group's name or number.
pub const GROUP_SELECT_MAX: usize = 30;

/// A page of a cohort roster.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RosterList {
    pub cohort: CohortHeading,
    pub entries: Vec<RosterEntry>,
    /// The rows matching the filter, exact unless `total_capped`.
    pub total: i64,
    /// The filtered rows were counted up to `ROSTER_COUNT_BOUND` and there are more.
    pub total_capped: bool,
    /// Whether a page follows this one.
    pub has_next: bool,
    pub page: i64,
    pub page_size: i64,
    /// The groups (id, name) for a group select: all of them when there are at most
    /// `GROUP_SELECT_MAX`, none otherwise (the page then shows a text field).
    pub groups: Vec<(i64, String)>,
    /// How many groups the reader may filter by.
    pub group_count: i64,
    /// The group filtered by (id, name), when one group was asked for and found.
    pub group: Option<(i64, String)>,
    /// A group name or number that named several groups: the first of them (at most 10).
    pub group_matches: Vec<(i64, String)>,
    /// A group name or number was given that named no group.
    pub group_unknown: bool,
}

/// A group on the admin's groups page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupSummary {
    pub id: GroupId,
    pub name: String,
    pub mentor_id: Option<UserId>,
    pub mentor_name: Option<String>,
    pub capacity: i64,
    pub members: i64,
}

/// A mentor account that may lead a group.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MentorOption {
    pub id: UserId,
    pub name: String,
    /// `None` for an account without an e-mail address.
    pub email: Option<String>,
}

/// The admin's groups page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupsOverview {
    pub cohort: CohortHeading,
    pub groups: Vec<GroupSummary>,
    pub total_groups: i64,
    pub page: i64,
    pub page_size: i64,
    /// Every group (id, name), for the move form.
    pub all_groups: Vec<(i64, String)>,
    pub mentors: Vec<MentorOption>,
    pub approved: i64,
    pub unassigned: i64,
    pub total_capacity: i64,
}

/// A group as its mentor sees it in a list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupCard {
    pub id: GroupId,
    pub name: String,
    pub capacity: i64,
    pub members: i64,
    pub mentor_name: Option<String>,
    pub cohort_id: CohortId,
    pub cohort_name: String,
    pub program_title: String,
}

/// A page of one group's members.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MemberList {
    pub group: GroupCard,
    pub members: Vec<RosterEntry>,
    pub total: i64,
    pub page: i64,
    pub page_size: i64,
}

/// What an automatic assignment did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssignReport {
    pub assigned: i64,
    /// Approved participants still without a group because capacity ran out.
    pub unassigned: i64,
}
