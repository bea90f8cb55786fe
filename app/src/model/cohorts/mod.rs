//! What the cohort, profile and registration server functions send to the pages.

use crate::model::codes::{EnrolmentStatus, ParticipantCategory, ProgramStatus};
use crate::model::ids::{
    CohortId, EnrolmentId, InstitutionId, InvitationId, LiveSessionId, ProgramId, UserId,
};
use crate::model::planning::CohortItem;
use serde::{Deserialize, Serialize};

/// A program an admin may open a cohort for (in scope and not closed).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProgramOption {
    pub id: ProgramId,
    pub title: String,
}

/// One line of the admin's cohort list: the cohort, and the program it belongs to (on the wire
/// one flat object, as before).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct CohortSummary {
    #[serde(flatten)]
    #[cfg_attr(feature = "ssr", sqlx(flatten))]
    pub cohort: CohortItem,
    pub program_id: ProgramId,
    pub program_title: String,
}

/// One page of the admin's cohort list, with the programs for the filter and the create form.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CohortListPage {
    pub cohorts: Vec<CohortSummary>,
    pub total: i64,
    pub page: i64,
    pub page_size: i64,
    pub programs: Vec<ProgramOption>,
}

/// A person attached to a cohort (a mentor) or selectable as one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct PersonRow {
    pub id: UserId,
    pub name: String,
    /// `None` for an account without an e-mail address.
    pub email: Option<String>,
}

/// A live session (sesi sinkron) of a cohort.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct LiveSessionRow {
    pub id: LiveSessionId,
    pub title: String,
    pub starts_at: i64,
    pub duration_minutes: i64,
    pub mode: crate::model::codes::SessionMode,
    /// The meeting's https link; `None` for a session in a room only.
    pub meeting_url: Option<String>,
    /// The room, for a session in person or hybrid.
    pub venue: Option<String>,
    pub city: Option<String>,
    /// The JP credited to each participant who attends.
    pub jp: i64,
    /// The host's name: a mentor's account, or a speaker named by the admin.
    pub host: Option<String>,
}

/// A cohort as its admin sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CohortDetail {
    pub cohort: CohortSummary,
    pub program_status: ProgramStatus,
    pub waitlisted: i64,
    pub mentors: Vec<PersonRow>,
    pub mentor_options: Vec<PersonRow>,
    pub sessions: Vec<LiveSessionRow>,
}

/// One registration in a cohort, as the admin reviews it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct RegistrationRow {
    pub id: EnrolmentId,
    pub user_id: UserId,
    pub name: String,
    /// `None` for an account without an e-mail address.
    pub email: Option<String>,
    pub nip: Option<String>,
    pub school_name: Option<String>,
    pub status: EnrolmentStatus,
    pub reason: Option<String>,
    pub created_at: i64,
}

/// A filtered page of registrations.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegistrationPage {
    pub rows: Vec<RegistrationRow>,
    pub total: i64,
    pub page: i64,
    pub page_size: i64,
}

/// The participant's profile as stored (empty strings for what is not filled in).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    pub nip: String,
    pub nuptk: String,
    pub rank: String,
    pub school_npsn: String,
    pub school_name: String,
    pub subject: String,
    pub school_level: String,
    pub region_code: String,
    pub phone: String,
    /// What the participant is; `None` where not stated (read as a teacher).
    #[serde(default)]
    pub category: Option<ParticipantCategory>,
    /// Position (jabatan).
    #[serde(default)]
    pub position: String,
    #[serde(default)]
    pub birth_place: String,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    pub birth_date: String,
    /// The school Pamong knows by `school_npsn`, if any, and whether the participant's membership
    /// of it is verified (read only: saving a profile never verifies it).
    #[serde(default)]
    pub school: Option<SchoolClaim>,
}

/// The school a profile names, and whether an admin (or an import) has confirmed it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchoolClaim {
    pub name: String,
    pub verified: bool,
}

impl Profile {
    /// Whether the participant works at one school (a teacher or a principal, and anyone whose
    /// category is not stated), so that the profile needs its NPSN and level.
    pub fn needs_school(&self) -> bool {
        self.category.is_none_or(ParticipantCategory::needs_school)
    }

    /// What registration needs: a phone, a NIP or a NUPTK, and the school's NPSN and level where
    /// the category means one school.
    pub fn is_complete(&self) -> bool {
        (!self.needs_school() || (!self.school_npsn.is_empty() && !self.school_level.is_empty()))
            && !self.phone.is_empty()
            && (!self.nip.is_empty() || !self.nuptk.is_empty())
    }
}

/// One of the participant's applications.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Application {
    pub id: EnrolmentId,
    pub cohort_id: CohortId,
    pub cohort_name: String,
    pub program_title: String,
    pub starts_on: String,
    pub ends_on: String,
    pub status: EnrolmentStatus,
    pub reason: Option<String>,
    /// 1-based place in the waitlist, for `waitlisted` only.
    pub waitlist_position: Option<i64>,
}

/// A cohort as an approved participant sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct CohortForParticipant {
    pub cohort_name: String,
    pub program_title: String,
    pub program_description: String,
    pub total_jp: i64,
    pub starts_on: String,
    pub ends_on: String,
    /// Read apart from the cohort's row.
    #[cfg_attr(feature = "ssr", sqlx(skip))]
    pub sessions: Vec<LiveSessionRow>,
    pub group_name: Option<String>,
    pub group_mentor: Option<String>,
}

/// The participant's home page: their applications, pending invitations and whether the
/// profile is complete.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ParticipantSummary {
    pub applications: Vec<Application>,
    pub invitations: Vec<Invitation>,
    pub profile_complete: bool,
}

/// An invitation to a cohort, from an admin's import, waiting for the participant's answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Invitation {
    pub id: InvitationId,
    pub cohort_id: CohortId,
    pub cohort_name: String,
    pub program_title: String,
    /// The organizing institution, so the person knows who invites them.
    pub organizer: String,
    pub starts_on: String,
    pub ends_on: String,
}

/// A school claimed on a profile and not yet confirmed, as an admin of that school reviews it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct SchoolClaimRow {
    pub user_id: UserId,
    pub name: String,
    /// `None` for an account without an e-mail address.
    pub email: Option<String>,
    pub nip: Option<String>,
    pub school_id: InstitutionId,
    pub school_name: String,
    pub npsn: String,
    /// The school name the participant typed.
    pub typed_school_name: Option<String>,
    pub claimed_at: i64,
}

/// A page of pending school claims.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SchoolClaimPage {
    pub rows: Vec<SchoolClaimRow>,
    pub total: i64,
    pub page: i64,
    pub page_size: i64,
}
