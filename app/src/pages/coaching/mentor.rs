//! `/mentor/coaching`: the participants of each group the mentor leads (newest cohort first),
//! with how many cycles they wrote, when they last wrote, and how many wait for feedback.

use super::parts::{cohort_label, participant_path};
use crate::api::coaching::mentor_coaching;
use crate::components::{loaded, SignedInPage};
use crate::i18n::{use_i18n, I18n};
use crate::model::coaching::{GroupLogs, MemberSummary};
use crate::model::Role;
use crate::pages::cohorts::common::moment;
use leptos::either::Either;
use leptos::prelude::*;

/// `/mentor/coaching`: the participants of a mentor's groups and their logs.
#[component]
pub fn MentorCoachingPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&[Role::Mentor] title=i.t("coaching.mentor_title") children=move |_| {
            let data = Resource::new(|| (), |_| mentor_coaching());
            view! {
                <section class="panel">
                    <h1>{i.t("coaching.mentor_title")}</h1>
                    <p class="lead">{i.t("coaching.mentor_lead")}</p>
                </section>
                {loaded(i, data, groups_view)}
            }
        }/>
    }
}

fn groups_view(i: I18n, groups: Vec<GroupLogs>) -> impl IntoView {
    if groups.is_empty() {
        return Either::Left(view! {
            <section class="panel"><p class="empty">{i.t("coaching.no_groups")}</p></section>
        });
    }
    Either::Right(
        groups
            .into_iter()
            .map(|g| {
                let cohort = g.cohort.id;
                let empty = g.members.is_empty();
                view! {
                    <section class="panel" id=format!("kelompok-{}", g.group_id)>
                        <h2>{g.group_name.clone()}</h2>
                        <p class="meta">{cohort_label(&g.cohort)}</p>
                        {empty.then(|| view! { <p class="empty">{i.t("coaching.group_empty")}</p> })}
                        <ul class="plain-list">
                            {g.members.iter().map(|m| member_row(i, cohort, m)).collect_view()}
                        </ul>
                    </section>
                }
            })
            .collect_view(),
    )
}

fn member_row(i: I18n, cohort: crate::model::CohortId, m: &MemberSummary) -> impl IntoView {
    let progress = match m.last_update {
        Some(when) if m.cycles > 0 => format!(
            "{} · {}",
            i.t_with("coaching.cycle_count", &[("n", &m.cycles.to_string())]),
            i.t_with("coaching.last_update", &[("when", &moment(i, when))])
        ),
        _ => i.t("coaching.no_cycles_yet"),
    };
    let awaiting = (m.awaiting > 0).then(|| {
        let text = i.t_with("coaching.awaiting", &[("n", &m.awaiting.to_string())]);
        view! { <span class="badge unread">{text}</span> }
    });
    view! {
        <li class="row-item">
            <span class="who">
                <a href=participant_path(m.participant_id, cohort)><strong>{m.name.clone()}</strong></a>
                <span class="meta">{progress}</span>
            </span>
            {awaiting}
        </li>
    }
}
