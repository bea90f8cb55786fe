//! `program_dashboard` and `cohort_dashboard`: one program's or cohort's figures, for admins
//! whose scope holds it.

use crate::model::dashboards::view::Dashboard;
use crate::model::{AppError, CohortId, ProgramId};
use leptos::prelude::*;

/// A program's dashboard: its cohorts' figures merged, and each cohort's line.
#[server(endpoint = "program_dashboard")]
pub async fn program_dashboard(program_id: ProgramId) -> Result<Dashboard, AppError> {
    use crate::ssr::dashboards::{dashboard_for, Place};
    use crate::ssr::guard::Admin;
    use crate::ssr::request::request_lang;
    let admin = Admin::require_program(program_id).await?;
    let state = crate::ssr::state()?;
    dashboard_for(
        &state,
        &admin.user,
        request_lang(),
        Place::Program(program_id.0),
        &Default::default(),
    )
    .await
}

/// A cohort's dashboard.
#[server(endpoint = "cohort_dashboard")]
pub async fn cohort_dashboard(cohort_id: CohortId) -> Result<Dashboard, AppError> {
    use crate::ssr::dashboards::{dashboard_for, Place};
    use crate::ssr::guard::Admin;
    use crate::ssr::request::request_lang;
    let admin = Admin::require_cohort(cohort_id).await?;
    let state = crate::ssr::state()?;
    dashboard_for(
        &state,
        &admin.user,
        request_lang(),
        Place::Cohort(cohort_id.0),
        &Default::default(),
    )
    .await
}
