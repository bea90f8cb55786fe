//! What the planning server functions send to the pages: lists, details and counts.

pub mod forms;

use crate::model::codes::{
    DeliveryMode, Funding, InstitutionKind, Level, NeedStatus, ProgramStatus,
};
use crate::model::ids::{AgreementId, CohortId, CompetencyId, InstitutionId, NeedId, ProgramId};
use serde::{Deserialize, Serialize};

/// The kinds of institution, as their codes (select options and filters).
pub const INSTITUTION_KINDS: &[&str] = InstitutionKind::CODES;
/// Program and need levels, as their codes (select options and filters).
pub const LEVELS: &[&str] = Level::CODES;
/// Delivery modes of a program.
pub const MODES: &[&str] = DeliveryMode::CODES;
/// Funding sources: regional budget, school funds, participant fee.
pub const FUNDINGS: &[&str] = Funding::CODES;
/// Program statuses, in the order a program moves through them.
pub const PROGRAM_STATUSES: &[&str] = ProgramStatus::CODES;
/// Training-need statuses.
pub const NEED_STATUSES: &[&str] = NeedStatus::CODES;

/// One page of a list, with the total count for the pager.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Paged<T> {
    pub items: Vec<T>,
    pub total: i64,
    pub page: i64,
    pub page_size: i64,
}

impl<T> Paged<T> {
    /// How many pages there are (at least one).
    pub fn pages(&self) -> i64 {
        ((self.total + self.page_size - 1) / self.page_size.max(1)).max(1)
    }
}

/// A competency a program develops, named in the reader's language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Competency {
    pub id: CompetencyId,
    pub code: String,
    pub name: String,
}

/// An institution in the admin's scope.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct InstitutionItem {
    pub id: InstitutionId,
    pub name: String,
    pub kind: InstitutionKind,
    pub parent_id: Option<InstitutionId>,
    pub parent_name: Option<String>,
    pub npsn: Option<String>,
    pub region_code: Option<String>,
}

/// An institution to choose in a form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct InstitutionChoice {
    pub id: InstitutionId,
    pub name: String,
    pub kind: InstitutionKind,
}

/// The institution page: a page of institutions and the parents a new one may go under.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InstitutionsView {
    pub list: Paged<InstitutionItem>,
    pub parents: Vec<InstitutionChoice>,
}

/// A training-need proposal (usulan kebutuhan diklat).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct NeedItem {
    pub id: NeedId,
    pub institution_id: InstitutionId,
    pub institution_name: String,
    pub region_code: Option<String>,
    pub competency_name: String,
    pub level: Level,
    pub teacher_count: i64,
    pub justification: String,
    pub status: NeedStatus,
    pub review_reason: Option<String>,
    pub program_id: Option<ProgramId>,
    pub program_title: Option<String>,
    pub proposer_name: String,
}

/// Proposals and teachers counted under one label (a competency or a region).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct NeedCount {
    pub label: String,
    pub proposals: i64,
    pub teachers: i64,
}

/// The needs page: a page of proposals, the counts, and what the admin may do.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NeedsView {
    pub list: Paged<NeedItem>,
    pub by_competency: Vec<NeedCount>,
    pub by_region: Vec<NeedCount>,
    pub competencies: Vec<Competency>,
    /// Programs in scope a need may be merged into.
    pub programs: Vec<ProgramChoice>,
    /// The admin's institution is a school or district office.
    pub can_propose: bool,
    /// The admin's own institution: its proposals are not theirs to review.
    pub own_institution: i64,
}

/// A program to choose in a form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ProgramChoice {
    pub id: ProgramId,
    pub title: String,
}

/// A program in the admin's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ProgramItem {
    pub id: ProgramId,
    pub title: String,
    pub organizer_name: String,
    pub level: Level,
    pub total_jp: i64,
    pub mode: DeliveryMode,
    pub funding: Funding,
    pub status: ProgramStatus,
}

/// What the program forms offer: competencies and the institutions that may organize.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProgramChoices {
    pub competencies: Vec<Competency>,
    pub institutions: Vec<InstitutionChoice>,
}

/// The programs page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProgramsView {
    pub list: Paged<ProgramItem>,
    pub choices: ProgramChoices,
}

/// A program's fields.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ProgramRow {
    pub id: ProgramId,
    pub organizer_id: InstitutionId,
    pub organizer_name: String,
    pub title: String,
    pub description: String,
    pub level: Level,
    pub total_jp: i64,
    pub mode: DeliveryMode,
    pub funding: Funding,
    pub fee_amount: Option<i64>,
    pub status: ProgramStatus,
}

/// A cohort (angkatan) of a program.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct CohortItem {
    pub id: CohortId,
    pub name: String,
    pub starts_on: String,
    pub ends_on: String,
    pub registration_opens_at: i64,
    pub registration_closes_at: i64,
    pub quota: i64,
    pub seats_taken: i64,
}

/// A partner institution of a cooperation agreement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct PartnerItem {
    pub agreement_id: AgreementId,
    pub institution_id: InstitutionId,
    pub institution_name: String,
    pub quota: i64,
    pub seats_taken: i64,
    pub funding_share_percent: i64,
}

/// A cooperation agreement (PKS) with its partners.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreementItem {
    pub id: AgreementId,
    pub number: String,
    pub starts_on: String,
    pub ends_on: String,
    pub partners: Vec<PartnerItem>,
}

/// Everything the admin's program page shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProgramView {
    pub program: ProgramRow,
    pub competency_ids: Vec<i64>,
    pub competencies: Vec<Competency>,
    pub cohorts: Vec<CohortItem>,
    pub agreements: Vec<AgreementItem>,
    pub choices: ProgramChoices,
}

/// A published program in the catalog.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogItem {
    pub program: ProgramRow,
    pub competencies: Vec<String>,
}

/// The catalog page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CatalogView {
    pub list: Paged<CatalogItem>,
    pub competencies: Vec<Competency>,
}

/// One published program with its cohorts open for registration.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CatalogProgramView {
    pub item: CatalogItem,
    pub open_cohorts: Vec<CohortItem>,
}

/// The admin home's planning figures.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanningOverview {
    pub proposed_needs: i64,
    pub programs_draft: i64,
    pub programs_published: i64,
    pub programs_closed: i64,
    pub cohorts: i64,
}
