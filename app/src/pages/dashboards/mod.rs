//! The dashboards: `/admin/dasbor` (the agency overview), `/admin/program/:id/dasbor` and
//! `/admin/angkatan/:id/dasbor`; the mentor's own (`/mentor/dasbor`) and the participant's
//! progress in every cohort (`/peserta/kemajuan`).

mod agency;
mod body;
mod mentor;
mod participant;
mod places;

pub use agency::AgencyDashboardPage;
pub use mentor::MentorDashboardPage;
pub use participant::MyProgressPage;
pub use places::{CohortDashboardPage, ProgramDashboardPage};
