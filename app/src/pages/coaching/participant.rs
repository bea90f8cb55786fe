//! `/coaching/peserta/:id`: one participant's coaching log in a cohort (`?angkatan=ID`, the
//! newest the viewer may read by default), for their mentor or an admin: read only, each cycle
//! linking to its page, where they comment.

use super::parts::{cohort_label, cohort_query, cohort_tabs, cycle_list, participant_path};
use crate::api::coaching::participant_coaching_log;
use crate::components::{loaded, route_id, SignedInPage};
use crate::i18n::{use_i18n, I18n};
use crate::model::coaching::ParticipantLog;
use crate::model::Role;
use leptos::prelude::*;

/// `/coaching/peserta/:id`: one participant's log, as their mentor or an admin sees it.
#[component]
pub fn ParticipantCoachingPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&[Role::Admin, Role::Mentor] title=i.t("coaching.participant_title") children=move |_| {
            let participant = route_id();
            let cohort = cohort_query();
            let data = Resource::new(
                move || (participant, cohort),
                |(participant, cohort)| participant_coaching_log(participant, cohort),
            );
            loaded(i, data, log_view)
        }/>
    }
}

fn log_view(i: I18n, log: ParticipantLog) -> impl IntoView {
    let participant = log.participant_id;
    let tabs = cohort_tabs(i, &log.cohorts, log.cohort.id, move |id| {
        participant_path(participant, id)
    });
    let back = log.viewer_is_mentor.then(|| {
        view! { <p><a href="/mentor/coaching">{i.t("coaching.back_groups")}</a></p> }
    });
    let heading = i.t_with(
        "coaching.participant_heading",
        &[("name", &log.participant_name)],
    );
    let group = log
        .group_name
        .as_ref()
        .map(|g| view! { <p class="meta">{g.clone()}</p> });
    let empty = log.cycles.is_empty();
    view! {
        <section class="panel">
            {back}
            <h1>{heading}</h1>
            <p class="lead">{cohort_label(&log.cohort)}</p>
            {group}
            {tabs}
        </section>
        <section class="panel">
            <h2>{i.t("coaching.cycles_heading")}</h2>
            {empty.then(|| view! { <p class="empty">{i.t("coaching.participant_no_cycles")}</p> })}
            {cycle_list(i, &log.cycles)}
        </section>
    }
}
