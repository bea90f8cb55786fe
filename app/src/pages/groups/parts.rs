//! Pieces the group and roster pages share: the pager, the problem panel, member rows.

use crate::api::groups::{GroupCard, RosterEntry};
use crate::components::set_status;
use crate::i18n::I18n;
use crate::model::{AppError, ErrorKind, Nip};
use leptos::prelude::*;

/// The route's `:id`, or 0 (which matches nothing) when it is not a number.
pub fn route_id() -> i64 {
    leptos_router::hooks::use_params_map()
        .get_untracked()
        .get("id")
        .and_then(|id| id.parse().ok())
        .unwrap_or(0)
}

/// The error of a failed load, with the page status set to go with it.
pub fn problem(error: AppError) -> impl IntoView {
    if error.kind == ErrorKind::NotFound {
        set_status(404);
    } else {
        set_status(error.kind.status());
    }
    view! { <section class="panel problem"><p class="form-error">{error.message}</p></section> }
}

/// "‹ Previous · Page 2 of 9 · Next ›" with links made by `link`.
pub fn pager(
    i: I18n,
    page: i64,
    total: i64,
    page_size: i64,
    link: impl Fn(i64) -> String,
) -> impl IntoView {
    let pages = ((total + page_size - 1) / page_size).max(1);
    let prev =
        (page > 1).then(|| view! { <a rel="prev" href=link(page - 1)>{i.t("group.prev")}</a> });
    let next =
        (page < pages).then(|| view! { <a rel="next" href=link(page + 1)>{i.t("group.next")}</a> });
    let position = i.t_with(
        "group.page_of",
        &[("page", &page.to_string()), ("pages", &pages.to_string())],
    );
    view! { <nav class="pager" aria-label=i.t("group.pages")>{prev}<span>{position}</span>{next}</nav> }
}

/// A NIP as people write it, or the stored text if it does not parse.
pub fn shown_nip(nip: String) -> String {
    Nip::parse(&nip).map(|n| n.formatted()).unwrap_or(nip)
}

/// "SMP · Matematika · 33.01" from what the profile holds.
pub fn profile_line(entry: &RosterEntry) -> String {
    [&entry.school_level, &entry.subject, &entry.region_code]
        .into_iter()
        .flatten()
        .cloned()
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The list of a mentor's groups, each linking to its members.
pub fn group_cards(i: I18n, groups: Vec<GroupCard>) -> impl IntoView {
    view! {
        <ul class="group-cards">
            {groups.into_iter().map(|g| {
                let count = i.t_with("group.members_of", &[("members", &g.members.to_string()), ("capacity", &g.capacity.to_string())]);
                view! {
                    <li class="group-card">
                        <a href=format!("/mentor/kelompok/{}", g.id)><strong>{g.name}</strong></a>
                        <span class="group-cohort">{g.program_title}" · "{g.cohort_name}</span>
                        <span class="group-count">{count}</span>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}
