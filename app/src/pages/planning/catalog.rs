//! `/katalog`: the public catalog of published programs, readable without signing in and with
//! JavaScript off; filters and pages are query parameters.

use super::common::{code_options, competency_options, funding_text, label, pager};
use crate::api::planning::list_catalog;
use crate::components::{
    filter_form, filter_select, inline_problem, loaded_or, search_field, Layout,
};
use crate::i18n::{use_i18n, I18n};
use crate::model::planning::{CatalogView, LEVELS, MODES};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Published programs, filtered by text, level, competency and mode.
#[component]
pub fn CatalogPage() -> impl IntoView {
    let i = use_i18n();
    let query = use_query_map().get_untracked();
    let get = |k: &str| query.get(k).unwrap_or_default();
    let filters = (get("q"), get("jenjang"), get("kompetensi"), get("moda"));
    let page = query
        .get("hal")
        .and_then(|p| p.parse::<i64>().ok())
        .unwrap_or(1);
    let data = Resource::new(
        {
            let filters = filters.clone();
            move || (filters.clone(), page)
        },
        |((q, level, competency, mode), page)| {
            list_catalog(
                Some(q),
                Some(level),
                Some(competency),
                Some(mode),
                Some(page),
            )
        },
    );
    view! {
        <Layout>
            <Title text=i.t("planning.catalog_title")/>
            <section class="panel">
                <h1>{i.t("planning.catalog_title")}</h1>
                <p class="lead">{i.t("planning.catalog_lead")}</p>
                {loaded_or(i, data, move |i, v| catalog_view(i, v, filters.clone()), inline_problem)}
            </section>
        </Layout>
    }
}

fn catalog_view(
    i: I18n,
    v: CatalogView,
    (q, level, competency, mode): (String, String, String, String),
) -> impl IntoView {
    let filters = [
        ("q", q.as_str()),
        ("jenjang", level.as_str()),
        ("kompetensi", competency.as_str()),
        ("moda", mode.as_str()),
    ];
    let pager = pager(i, "/katalog", &filters, v.list.page, v.list.pages());
    view! {
        {filter_form(i, "/katalog".to_string(), "planning.filter", view! {
            {search_field(i, "q", "planning.catalog_search", q.clone())}
            {filter_select(i, "jenjang", "planning.level", "planning.all", &level, code_options(i, "level", LEVELS))}
            {filter_select(i, "kompetensi", "planning.competency", "planning.all", &competency, competency_options(&v.competencies))}
            {filter_select(i, "moda", "planning.mode", "planning.all", &mode, code_options(i, "mode", MODES))}
        })}
        <p class="summary">{i.t_with("planning.catalog_total", &[("total", &v.list.total.to_string())])}</p>
        <ul class="catalog">
            {v.list.items.into_iter().map(|item| {
                let p = item.program;
                view! {
                    <li class="catalog-item">
                        <h2><a href=format!("/katalog/{}", p.id)>{p.title}</a></h2>
                        <p class="meta">{p.organizer_name}</p>
                        <p class="meta">{label(i, "level", p.level.as_str())} " · " {p.total_jp} " JP · " {label(i, "mode", p.mode.as_str())} " · " {funding_text(i, p.funding, p.fee_amount)}</p>
                        <p class="competencies">{item.competencies.join(", ")}</p>
                    </li>
                }
            }).collect_view()}
        </ul>
        {pager}
    }
}
