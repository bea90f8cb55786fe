//! Dashboards on the server: the summary tables kept fresh in the background, the figures read
//! from them for each place (agency, program, cohort, mentor), and the tables exports write.

use crate::model::dashboards::DataTable;
use crate::model::{AppError, CurrentUser, Lang};
use crate::ssr::AppState;
use std::collections::HashMap;

/// Which dashboard a table belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// `/admin/dasbor`: every program in the admin's scope (filters in the query).
    Agency,
    Program(i64),
    Cohort(i64),
    /// `/mentor/dasbor`: the signed-in mentor's groups.
    Mentor,
}

/// A printable report: a title, facts as (label, value) lines, then tables.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub title: String,
    pub facts: Vec<(String, String)>,
    pub tables: Vec<DataTable>,
}

/// The table `key` of the dashboard at `place`, as `user` may see it (filters from `query`), or
/// `None` when there is no such table. Refuses a caller outside the place's scope.
pub async fn export_table(
    _state: &AppState,
    _user: &CurrentUser,
    _lang: Lang,
    _place: Place,
    _key: &str,
    _query: &HashMap<String, String>,
) -> Result<Option<DataTable>, AppError> {
    Ok(None)
}

/// The cohort's implementation report, as `user` may see it, or `None` for an unknown cohort.
pub async fn cohort_report(
    _state: &AppState,
    _user: &CurrentUser,
    _lang: Lang,
    _cohort: i64,
) -> Result<Option<Report>, AppError> {
    Ok(None)
}
