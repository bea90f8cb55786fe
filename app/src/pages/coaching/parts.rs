//! Pieces the coaching pages share: paths, the cohort chooser, a log's list of cycles, plain
//! text with its line breaks, and the four TIRTA text areas.

use crate::i18n::I18n;
use crate::model::coaching::{CohortChoice, CycleSummary};
use crate::model::{CohortId, CycleId, UserId};
use crate::pages::cohorts::common::moment;
use crate::pages::quizzes::authoring_form::{text_area, typed_or};
use leptos::prelude::*;

/// The path of a cycle's page.
pub fn cycle_path(cycle: CycleId) -> String {
    format!("/coaching/{cycle}")
}

/// The path of a participant's log in a cohort, as their mentor or an admin reads it.
pub fn participant_path(participant: UserId, cohort: CohortId) -> String {
    format!("/coaching/peserta/{participant}?angkatan={cohort}")
}

/// The `?angkatan=` of the current page, if it is a number.
pub fn cohort_query() -> Option<CohortId> {
    leptos_router::hooks::use_query_map()
        .get_untracked()
        .get("angkatan")
        .and_then(|v| v.parse().ok())
}

/// "Cohort · Program".
pub fn cohort_label(cohort: &CohortChoice) -> String {
    format!("{} · {}", cohort.name, cohort.program_title)
}

/// Links to the other cohorts of a log (nothing when there is only one).
pub fn cohort_tabs(
    i: I18n,
    cohorts: &[CohortChoice],
    current: CohortId,
    path: impl Fn(CohortId) -> String,
) -> Option<impl IntoView> {
    (cohorts.len() > 1).then(|| {
        let tabs = cohorts
            .iter()
            .map(|c| {
                let here = c.id == current;
                view! {
                    <a href=path(c.id) class:current=here aria-current=here.then_some("page")>{cohort_label(c)}</a>
                }
            })
            .collect_view();
        view! { <nav class="tabs" aria-label=i.t("coaching.choose_cohort")>{tabs}</nav> }
    })
}

/// Text as written: escaped (a text node), with its line breaks kept.
pub fn plain_text(text: String) -> impl IntoView {
    view! { <p class="coaching-text">{text}</p> }
}

/// A log's cycles, newest first, each linking to its page.
pub fn cycle_list(i: I18n, cycles: &[CycleSummary]) -> impl IntoView {
    view! {
        <ol class="post-list coaching-cycles">
            {cycles.iter().map(|c| {
                let title = i.t_with("coaching.cycle_n", &[("n", &c.number.to_string())]);
                let started = i.t_with("coaching.started", &[("when", &moment(i, c.created_at))]);
                let updated = (c.updated_at > c.created_at)
                    .then(|| i.t_with("coaching.updated", &[("when", &moment(i, c.updated_at))]));
                let comments = i.t_with("coaching.comment_count", &[("n", &c.comments.to_string())]);
                let unanswered = (c.staff_comments == 0)
                    .then(|| view! { " " <span class="badge">{i.t("coaching.no_feedback_yet")}</span> });
                view! {
                    <li class="post-card" id=format!("siklus-{}", c.id)>
                        <a class="post-title" href=cycle_path(c.id)>{title}</a>
                        <span>{c.goal_excerpt.clone()}</span>
                        <p class="meta">
                            <span>{started}</span>
                            {updated.map(|u| view! { " · " <span>{u}</span> })}
                        </p>
                        <p class="meta"><span>{comments}</span>{unanswered}</p>
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}

/// The four parts of a cycle, in TIRTA order: field name and locale keys of label and hint.
pub const PARTS: [(&str, &str, &str); 4] = [
    ("goal", "coaching.part.goal", "coaching.hint.goal"),
    (
        "identification",
        "coaching.part.identification",
        "coaching.hint.identification",
    ),
    (
        "action_plan",
        "coaching.part.action_plan",
        "coaching.hint.action_plan",
    ),
    (
        "commitment",
        "coaching.part.commitment",
        "coaching.hint.commitment",
    ),
];

/// The four labelled text areas with their hints, holding what was typed (after a refused post
/// of this form, whose marker field is `goal`) or else `current` (field name → text).
pub fn part_fields(i: I18n, current: [String; 4], show: bool) -> impl IntoView {
    PARTS
        .into_iter()
        .zip(current)
        .map(|((name, label, hint), text)| {
            text_area(
                name,
                i.t(label),
                Some(i.t(hint)),
                typed_or("goal", name, text),
                5,
                show,
            )
        })
        .collect_view()
}
