//! `/admin/angkatan/:id/kehadiran` and `/mentor/angkatan/:id/kehadiran`: a cohort's attendance:
//! every participant against every session, with their JP, a page at a time, exportable as CSV.

use super::parts::status_label;
use crate::api::sessions::cohort_attendance;
use crate::components::dates::day_of;
use crate::components::{loaded, page_count, pager, SignedInPage};
use crate::i18n::{use_i18n, I18n};
use crate::model::sessions::CohortAttendancePage as Page;
use crate::model::Role;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_query_map};

/// A cohort's attendance table for its staff; 404 for everyone else.
#[component]
pub fn CohortAttendancePage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&[Role::Admin, Role::Mentor] title=i.t("sessions.table_title") children=move |_| {
            let id = crate::components::route_id();
            let page = use_query_map().get_untracked().get("hal").and_then(|p| p.parse::<i64>().ok());
            let base = use_location().pathname.get_untracked();
            let data = Resource::new(move || (id, page), |(id, page)| cohort_attendance(id, page));
            loaded(i, data, move |i, p| body(i, p, base.clone()))
        }/>
    }
}

fn body(i: I18n, p: Page, base: String) -> impl IntoView {
    let pages = page_count(p.total, p.page_size);
    let empty = p
        .rows
        .is_empty()
        .then(|| view! { <p class="empty">{i.t("sessions.roster_empty")}</p> });
    let heads = p.sessions.clone();
    let link_base = base.clone();
    view! {
        <section class="panel">
            <p class="eyebrow">{p.program_title.clone()}</p>
            <h1>{i.t("sessions.table_title")} " · " {p.cohort_name.clone()}</h1>
            <p class="summary">{i.t_with("sessions.table_summary", &[("count", &p.total.to_string()), ("sessions", &p.sessions.len().to_string())])}</p>
            <p><a class="button secondary small" href=format!("{base}.csv")>{i.t("sessions.download_csv")}</a></p>
            <ul class="plain-list">
                {heads.iter().map(|h| view! {
                    <li><a href=format!("/sesi/{}", h.id)>{h.title.clone()}</a> <span class="meta">{day_of(i, h.starts_at)} " · " {h.jp} " JP"</span></li>
                }).collect_view()}
            </ul>
        </section>
        <section class="panel table-scroll" tabindex="0" aria-label=i.t("core.scroll_table")>
            {empty}
            <table class="table">
                <thead><tr>
                    <th scope="col">{i.t("sessions.participant")}</th>
                    {heads.iter().map(|h| view! { <th scope="col">{h.title.clone()}</th> }).collect_view()}
                    <th scope="col">"JP"</th>
                </tr></thead>
                <tbody>
                    {p.rows.into_iter().map(|r| view! {
                        <tr>
                            <td><strong>{r.name}</strong>{r.nip.map(|n| view! { <br/><span class="meta">"NIP " {n}</span> })}</td>
                            {r.marks.into_iter().map(|m| view! { <td>{status_label(i, m)}</td> }).collect_view()}
                            <td><strong>{r.jp}</strong></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            {pager(i, p.page, pages, move |n| format!("{link_base}?hal={n}"))}
        </section>
        <section class="panel">
            <h2>{i.t("sessions.calendar")}</h2>
            <p class="hint">{i.t("sessions.calendar_cohort_hint")}</p>
            <p><a class="link" href=p.calendar_url.clone()>{p.calendar_url.clone()}</a></p>
        </section>
    }
}
