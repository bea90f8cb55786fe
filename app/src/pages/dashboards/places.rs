//! `/admin/program/:id/dasbor` and `/admin/angkatan/:id/dasbor`.

use super::body::dashboard_body;
use crate::api::dashboards::{cohort_dashboard, program_dashboard};
use crate::components::{loaded, SignedInPage};
use crate::i18n::use_i18n;
use crate::model::{CohortId, ProgramId, Role};
use leptos::prelude::*;

/// A program's dashboard.
#[component]
pub fn ProgramDashboardPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&[Role::Admin] title=i.t("dashboard.program_page") children=move |_| {
            let id: i64 = crate::components::route_id();
            let data = Resource::new(move || id, |id| program_dashboard(ProgramId(id)));
            loaded(i, data, |i, d| dashboard_body(i, d, None))
        }/>
    }
}

/// A cohort's dashboard.
#[component]
pub fn CohortDashboardPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&[Role::Admin] title=i.t("dashboard.cohort_page") children=move |_| {
            let id: i64 = crate::components::route_id();
            let data = Resource::new(move || id, |id| cohort_dashboard(CohortId(id)));
            loaded(i, data, |i, d| dashboard_body(i, d, None))
        }/>
    }
}
