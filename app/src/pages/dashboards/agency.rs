//! `/admin/dasbor`: the agency overview with its filter form (period, program, region,
//! institution), a GET form that works without JavaScript.

use super::body::dashboard_body;
use crate::api::dashboards::agency_dashboard;
use crate::components::{loaded, SignedInPage};
use crate::i18n::{use_i18n, I18n};
use crate::model::dashboards::view::{AgencyOverview, OverviewFilter};
use crate::model::Role;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The agency overview.
#[component]
pub fn AgencyDashboardPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&[Role::Admin] title=i.t("dashboard.agency_title") children=move |_| {
            let query = use_query_map().get_untracked();
            let get = |k: &str| query.get(k).filter(|v| !v.trim().is_empty());
            let args = (get("from"), get("to"), get("program"), get("region"), get("institution"));
            let data = Resource::new(
                move || args.clone(),
                |(from, to, program, region, institution)| {
                    agency_dashboard(from, to, program, region, institution)
                },
            );
            loaded(i, data, |i, a: AgencyOverview| {
                let form = filter_form(i, &a.filter, &a.programs, &a.institutions).into_any();
                dashboard_body(i, a.dashboard, Some(form))
            })
        }/>
    }
}

fn filter_form(
    i: I18n,
    f: &OverviewFilter,
    programs: &[(i64, String)],
    institutions: &[(i64, String)],
) -> impl IntoView {
    let option = |id: i64, name: &str, chosen: Option<i64>| {
        view! { <option value=id.to_string() selected={chosen == Some(id)}>{name.to_string()}</option> }
    };
    view! {
        <form class="filters dashboard-filters" method="get" action="/admin/dasbor" role="search">
            <label>
                <span>{i.t("dashboard.filter_from")}</span>
                <input type="date" name="from" value=f.from.clone().unwrap_or_default()/>
            </label>
            <label>
                <span>{i.t("dashboard.filter_to")}</span>
                <input type="date" name="to" value=f.to.clone().unwrap_or_default()/>
            </label>
            <label>
                <span>{i.t("dashboard.filter_program")}</span>
                <select name="program">
                    <option value="">{i.t("dashboard.filter_all")}</option>
                    {programs.iter().map(|(id, name)| option(*id, name, f.program)).collect_view()}
                </select>
            </label>
            <label>
                <span>{i.t("dashboard.filter_region")}</span>
                <input type="text" name="region" inputmode="decimal" placeholder="33.01" size="8"
                    value=f.region.clone().unwrap_or_default()/>
            </label>
            <label>
                <span>{i.t("dashboard.filter_institution")}</span>
                <select name="institution">
                    <option value="">{i.t("dashboard.filter_all")}</option>
                    {institutions.iter().map(|(id, name)| option(*id, name, f.institution)).collect_view()}
                </select>
            </label>
            <button type="submit" class="button small">{i.t("dashboard.filter_apply")}</button>
            " "
            <a class="button secondary small" href="/admin/dasbor">{i.t("dashboard.filter_reset")}</a>
        </form>
    }
}
