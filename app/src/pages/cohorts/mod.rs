//! Organizing: cohorts, live sessions, participant profiles and registration.

pub(crate) mod applications;
mod cohort;
mod cohort_sections;
pub(crate) mod common;
mod list;
mod my_cohort;
mod profile;

pub use applications::MyApplicationsPage;
pub use cohort::CohortPage;
pub use list::CohortsPage;
pub use my_cohort::ParticipantCohortPage;
pub use profile::ProfilePage;
