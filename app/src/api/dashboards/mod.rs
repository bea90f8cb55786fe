//! Server functions of the dashboards: the admin's (the agency overview, a program's and a
//! cohort's), the mentor's own (`/mentor/dasbor`) and the participant's progress
//! (`/peserta/kemajuan`). Each checks the caller first and reads only what is in their scope.

mod agency_dashboard;
mod mentor_dashboard;
mod my_progress;
mod place_dashboards;

pub use agency_dashboard::*;
pub use mentor_dashboard::mentor_dashboard;
pub use my_progress::my_progress;
pub use place_dashboards::*;
