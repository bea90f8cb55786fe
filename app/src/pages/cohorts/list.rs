//! `/admin/angkatan`: cohorts in the admin's scope (filtered and paged on the server), and the
//! form that opens a new cohort.

use super::common::{date_range, day_of};
use crate::api::cohorts::list_cohorts;
use crate::components::url::encode_query_value;
use crate::components::{
    filter_form, filter_select, inline_problem, loaded_or, page_count, pager, search_field, Field,
    FormMessage, SelectField, SignedInPage, SubmitButton,
};
use crate::i18n::{use_i18n, I18n};
use crate::islands::EnhancedForm;
use crate::model::cohorts::{CohortListPage, CohortSummary};
use crate::model::{ProgramId, Role};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The cohort list with its filters and the create form.
#[component]
pub fn CohortsPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&[Role::Admin] title=i.t("cohort.list_title") children=move |_| {
            let query = use_query_map().get_untracked();
            let search = query.get("q").unwrap_or_default();
            let program = query.get("program").and_then(|p| p.parse::<ProgramId>().ok());
            let page = query.get("hal").and_then(|p| p.parse::<i64>().ok()).unwrap_or(1);
            let list = Resource::new(
                {
                    let search = search.clone();
                    move || (program, search.clone(), page)
                },
                |(program, search, page)| list_cohorts(program, Some(search), Some(page)),
            );
            loaded_or(i, list, move |i, data| page_body(i, data, program, &search), inline_problem)
        }/>
    }
}

fn page_body(
    i: I18n,
    data: CohortListPage,
    program: Option<ProgramId>,
    search: &str,
) -> impl IntoView {
    let program_options: Vec<(String, String)> = data
        .programs
        .iter()
        .map(|p| (p.id.to_string(), p.title.clone()))
        .collect();
    let mut create_options = vec![(String::new(), i.t("cohort.choose_program"))];
    create_options.extend(program_options.clone());
    let selected = program.map(|p| p.to_string()).unwrap_or_default();
    let link = {
        let search = search.to_string();
        move |n: i64| {
            format!(
                "/admin/angkatan?program={}&q={}&hal={n}",
                program.map(|p| p.to_string()).unwrap_or_default(),
                encode_query_value(&search)
            )
        }
    };
    let summary = i.t_with("cohort.summary", &[("total", &data.total.to_string())]);
    let empty = data
        .cohorts
        .is_empty()
        .then(|| view! { <p class="empty">{i.t("cohort.none")}</p> });
    view! {
        <section class="panel">
            <h1>{i.t("cohort.list_title")}</h1>
            {filter_form(i, "/admin/angkatan".to_string(), "accounts.filter", view! {
                {search_field(i, "q", "cohort.search", search.to_string())}
                {filter_select(i, "program", "cohort.program", "cohort.all_programs", &selected, program_options)}
            })}
            <p class="summary">{summary}</p>
            {empty}
            <ul class="cohort-list">
                {data.cohorts.into_iter().map(|CohortSummary { cohort: c, program_title, .. }| {
                    let seats = i.t_with("cohort.seats", &[("taken", &c.seats_taken.to_string()), ("quota", &c.quota.to_string())]);
                    let window = i.t_with("cohort.window_short", &[
                        ("opens", &day_of(i, c.registration_opens_at)),
                        ("closes", &day_of(i, c.registration_closes_at)),
                    ]);
                    view! {
                        <li class="cohort-item">
                            <a class="cohort-name" href=format!("/admin/angkatan/{}", c.id)>{c.name}</a>
                            <span class="program-title">{program_title}</span>
                            <span class="meta">{date_range(i, &c.starts_on, &c.ends_on)}</span>
                            <span class="meta">{window}</span>
                            <span class="seats">{seats}</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
            {pager(i, data.page, page_count(data.total, data.page_size), link)}
        </section>
        <section class="panel narrow" id="buat">
            <h2>{i.t("cohort.create_title")}</h2>
            <EnhancedForm action="/api/create_cohort".to_string() busy_label=i.t("form.busy") offline_message=i.t("form.offline")>
                <FormMessage/>
                <SelectField name="program_id" label=i.t("cohort.program") options=create_options selected=selected/>
                <Field name="name" label=i.t("cohort.name") hint=i.t("cohort.name_hint") required=true/>
                <Field name="starts_on" label=i.t("cohort.starts_on") kind="date" required=true/>
                <Field name="ends_on" label=i.t("cohort.ends_on") kind="date" required=true/>
                <Field name="registration_opens_on" label=i.t("cohort.opens_on") kind="date" hint=i.t("cohort.opens_hint") required=true/>
                <Field name="registration_closes_on" label=i.t("cohort.closes_on") kind="date" hint=i.t("cohort.closes_hint") required=true/>
                <Field name="quota" label=i.t("cohort.quota") kind="number" inputmode="numeric" required=true/>
                <SubmitButton label=i.t("cohort.create_submit")/>
            </EnhancedForm>
        </section>
    }
}
