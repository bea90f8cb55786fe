//! Organizing: cohorts, live sessions, participant profiles and the school claims on them,
//! registration, and invitations from imports.

pub(crate) mod applications;
mod cohort;
mod cohort_sections;
pub(crate) mod common;
pub(crate) mod invitations;
mod list;
mod my_cohort;
mod profile;
mod school_claims;

pub use applications::MyApplicationsPage;
pub use cohort::CohortPage;
pub use list::CohortsPage;
pub use my_cohort::ParticipantCohortPage;
pub use profile::ProfilePage;
pub use school_claims::SchoolClaimsPage;
