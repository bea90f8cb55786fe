//! `/peserta/coaching`: the signed-in participant's coaching log in one of their cohorts
//! (`?angkatan=ID`, the newest by default): their cycles, and the form to start a new one.

use super::parts::{cohort_label, cohort_query, cohort_tabs, cycle_list, part_fields};
use crate::api::coaching::my_coaching_log;
use crate::components::{form_message, loaded, SignedInPage, SubmitButton};
use crate::i18n::{use_i18n, I18n};
use crate::islands::EnhancedForm;
use crate::model::coaching::CoachingLog;
use crate::model::Role;
use crate::pages::quizzes::authoring_form::flash_has;
use leptos::either::Either;
use leptos::prelude::*;

/// `/peserta/coaching`: the signed-in participant's own log.
#[component]
pub fn CoachingLogPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&[Role::Participant] title=i.t("coaching.title") children=move |_| {
            let cohort = cohort_query();
            let data = Resource::new(move || cohort, my_coaching_log);
            view! {
                <section class="panel">
                    <h1>{i.t("coaching.title")}</h1>
                    <p class="lead">{i.t("coaching.lead")}</p>
                </section>
                {loaded(i, data, log_view)}
            }
        }/>
    }
}

fn log_view(i: I18n, log: CoachingLog) -> impl IntoView {
    let Some(cohort) = log.cohort.clone() else {
        return Either::Left(view! {
            <section class="panel"><p class="empty">{i.t("coaching.no_cohort")}</p></section>
        });
    };
    let tabs = cohort_tabs(i, &log.cohorts, cohort.id, |id| {
        format!("/peserta/coaching?angkatan={id}")
    });
    let empty = log.cycles.is_empty();
    Either::Right(view! {
        <section class="panel">
            {tabs}
            <h2>{i.t("coaching.cycles_heading")}</h2>
            <p class="meta">{cohort_label(&cohort)}</p>
            {empty.then(|| view! { <p class="empty">{i.t("coaching.no_cycles")}</p> })}
            {cycle_list(i, &log.cycles)}
        </section>
        {new_cycle_form(i, cohort.id.0, log.next_number, empty)}
    })
}

/// The form to start a cycle: open when there is none yet, or when a post of it was refused.
fn new_cycle_form(i: I18n, cohort: i64, next: i64, first: bool) -> impl IntoView {
    let show = flash_has("goal");
    let open = show || first;
    view! {
        <section class="panel narrow" id="siklus-baru">
            <details open=open>
                <summary><h2>{i.t("coaching.new_cycle")}</h2></summary>
                <p class="lead">{i.t_with("coaching.new_cycle_lead", &[("n", &next.to_string())])}</p>
                <EnhancedForm action="/api/create_coaching_cycle".to_string() busy_label=i.t("form.busy") offline_message=i.t("form.offline")>
                    {form_message(show)}
                    <input type="hidden" name="cohort_id" value=cohort.to_string()/>
                    {part_fields(i, Default::default(), show)}
                    <SubmitButton label=i.t("coaching.create_submit")/>
                </EnhancedForm>
            </details>
        </section>
    }
}
