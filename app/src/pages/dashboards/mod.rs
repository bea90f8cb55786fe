//! The admin dashboards: `/admin/dasbor` (the agency overview), `/admin/program/:id/dasbor` and
//! `/admin/angkatan/:id/dasbor`.

mod agency;
mod body;
mod places;

pub use agency::AgencyDashboardPage;
pub use places::{CohortDashboardPage, ProgramDashboardPage};
