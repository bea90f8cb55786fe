//! Pieces the group and roster pages share: the cohort heading, member rows and how they are
//! shown.

use crate::i18n::I18n;
use crate::model::groups::{GroupCard, RosterEntry};
use crate::model::Nip;
use leptos::prelude::*;

/// "<cohort> · <program>" as the group and roster pages head them.
pub fn cohort_of(i: I18n, cohort: &str, program: &str) -> String {
    i.t_with(
        "group.cohort_of",
        &[("cohort", cohort), ("program", program)],
    )
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
