//! `/coaching/peserta/:id`: one participant's coaching log in a cohort (`?angkatan=ID`, the
//! newest the viewer may read by default), for their mentor or an admin: read only, each cycle
//! linking to its page, where they comment.

use super::parts::{cohort_label, cohort_query, cohort_tabs, cycle_list, participant_path};
use crate::api::coaching::participant_coaching_log;
use crate::components::{load_problem, route_id, Layout, RequireRole};
use crate::i18n::{use_i18n, I18n};
use crate::model::coaching::ParticipantLog;
use crate::model::Role;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;

/// `/coaching/peserta/:id`: one participant's log, as their mentor or an admin sees it.
#[component]
pub fn ParticipantCoachingPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <Layout>
            <Title text=i.t("coaching.participant_title")/>
            <RequireRole roles=&[Role::Admin, Role::Mentor] children=move |_| {
                let participant = route_id();
                let cohort = cohort_query();
                let data = Resource::new(
                    move || (participant, cohort),
                    |(participant, cohort)| participant_coaching_log(participant, cohort),
                );
                view! {
                    <Suspense fallback=move || view! { <p>{i.t("form.loading")}</p> }>
                        {move || Suspend::new(async move {
                            match data.await {
                                Ok(log) => Either::Left(log_view(i, log)),
                                Err(e) => Either::Right(load_problem(e)),
                            }
                        })}
                    </Suspense>
                }
            }/>
        </Layout>
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
