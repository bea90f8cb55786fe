//! Server functions of the admin dashboards: the agency overview, a program's and a cohort's.

mod agency_dashboard;
mod place_dashboards;

pub use agency_dashboard::*;
pub use place_dashboards::*;
