//! `/admin/program`: programs in the admin's scope: filter by status and title, page, create.

use super::common::{code_options, label, pager};
use super::program_fields::program_fields;
use crate::api::planning::list_programs;
use crate::components::{
    filter_form, filter_select, inline_problem, loaded_or, search_field, FormMessage, SignedInPage,
    SubmitButton,
};
use crate::i18n::{use_i18n, I18n};
use crate::islands::EnhancedForm;
use crate::model::planning::{ProgramsView, PROGRAM_STATUSES};
use crate::model::Role;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The program list and the form that creates a draft program.
#[component]
pub fn ProgramsPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&[Role::Admin] title=i.t("planning.programs_title") children=move |_| {
            let query = use_query_map().get_untracked();
            let status = query.get("status").unwrap_or_default();
            let search = query.get("q").unwrap_or_default();
            let page = query.get("hal").and_then(|p| p.parse::<i64>().ok()).unwrap_or(1);
            let data = Resource::new(
                {
                    let (status, search) = (status.clone(), search.clone());
                    move || (status.clone(), search.clone(), page)
                },
                |(status, search, page)| list_programs(Some(status), Some(search), Some(page)),
            );
            view! {
                <section class="panel">
                    <h1>{i.t("planning.programs_title")}</h1>
                    {filter_form(i, "/admin/program".to_string(), "planning.filter", view! {
                        {search_field(i, "q", "planning.program_search", search.clone())}
                        {filter_select(i, "status", "planning.status", "planning.all", &status, code_options(i, "status", PROGRAM_STATUSES))}
                    })}
                    {loaded_or(i, data, move |i, v| programs_view(i, v, &status, &search), inline_problem)}
                </section>
            }
        }/>
    }
}

fn programs_view(i: I18n, v: ProgramsView, status: &str, search: &str) -> impl IntoView {
    let filters = [("status", status), ("q", search)];
    let pager = pager(i, "/admin/program", &filters, v.list.page, v.list.pages());
    view! {
        <p class="summary">{i.t_with("planning.total", &[("total", &v.list.total.to_string())])}</p>
        <ul class="list programs">
            {v.list.items.into_iter().map(|p| view! {
                <li class="program">
                    <div class="who">
                        <a href=format!("/admin/program/{}", p.id)><strong>{p.title}</strong></a>
                        <span class=format!("tag status-{}", p.status)>{label(i, "status", p.status.as_str())}</span>
                        <span class="meta">{p.organizer_name}</span>
                        <span class="meta">{label(i, "level", p.level.as_str())} " · " {p.total_jp} " JP · " {label(i, "mode", p.mode.as_str())} " · " {label(i, "funding", p.funding.as_str())}</span>
                    </div>
                </li>
            }).collect_view()}
        </ul>
        {pager}
        <section class="subpanel" id="buat">
            <h2>{i.t("planning.program_create_title")}</h2>
            <EnhancedForm action="/api/create_program".to_string() busy_label=i.t("form.busy") offline_message=i.t("form.offline")>
                <FormMessage/>
                {program_fields(i, &v.choices, None, &[])}
                <SubmitButton label=i.t("planning.program_create_submit")/>
            </EnhancedForm>
        </section>
    }
}
