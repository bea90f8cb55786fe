//! `/peserta/angkatan/:id/kelulusan`: a participant's checklist: each rule met or still missing,
//! with a link to where it is done, the organiser's decision and, once issued, the certificate.

use super::{decision_text, item_text};
use crate::api::completion::my_completion;
use crate::components::dates::day_of;
use crate::components::{loaded, SignedInPage};
use crate::i18n::{use_i18n, I18n};
use crate::model::completion::ParticipantCompletion;
use crate::model::Role;
use leptos::prelude::*;

/// The caller's completion checklist in a cohort.
#[component]
pub fn MyCompletionPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&[Role::Participant] title=i.t("completion.my_title") children=move |_| {
            let id = crate::components::route_id();
            let data = Resource::new(move || id, my_completion);
            loaded(i, data, body)
        }/>
    }
}

fn body(i: I18n, c: ParticipantCompletion) -> impl IntoView {
    let all_met = c.checklist.all_met();
    let summary = if !c.rules_set {
        i.t("completion.no_rules")
    } else if all_met {
        i.t("completion.all_met")
    } else {
        i.t_with(
            "completion.some_missing",
            &[
                ("met", &c.checklist.met_count().to_string()),
                ("total", &c.checklist.items.len().to_string()),
            ],
        )
    };
    let decision = c.decision.clone().map(|d| {
        let when = day_of(i, d.decided_at);
        view! {
            <p class=if d.passed { "badge ok" } else { "badge warn" }>{decision_text(i, &d)}</p>
            <p class="meta">{i.t_with("completion.decided_on", &[("date", &when)])}</p>
            {d.reason.clone().map(|r| view! { <p class="meta">{i.t("completion.reason")} ": " {r}</p> })}
        }
    });
    let certificate = c.certificate_code.clone().map(|code| {
        view! {
            <section class="panel">
                <h2>{i.t("completion.certificate")}</h2>
                <p><a class="button" href=format!("/sertifikat/{code}")>{i.t("completion.open_certificate")}</a></p>
                <p><a class="link" href="/peserta/sertifikat">{i.t("completion.all_certificates")}</a></p>
            </section>
        }
    });
    view! {
        <section class="panel">
            <p class="eyebrow">{c.program_title.clone()}</p>
            <h1>{i.t("completion.my_title")} " · " {c.cohort_name.clone()}</h1>
            <p class="summary"><strong>{summary}</strong></p>
            {decision}
        </section>
        <section class="panel">
            <h2>{i.t("completion.checklist")}</h2>
            <ul class="plain-list checklist">
                {c.checklist.items.iter().map(|item| {
                    let mark = if item.met { "✓" } else { "✗" };
                    let state = if item.met { i.t("completion.met") } else { i.t("completion.missing") };
                    let surveys = item.surveys.clone();
                    view! {
                        <li class=if item.met { "check met" } else { "check missing" }>
                            <span class="mark" aria-hidden="true">{mark}</span>
                            <span class="who">
                                <strong>{i.t(item.requirement.label_key())}</strong>
                                <span class="visually-hidden">{state}</span>
                                <span class="meta">{item_text(i, item)}</span>
                                {(!item.met && surveys.is_empty()).then(|| view! { <a class="link" href=item.href.clone()>{i.t("completion.go")}</a> })}
                                {surveys.into_iter().map(|s| view! { <a class="link" href=s.href>{s.title}</a> }).collect_view()}
                            </span>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <p class="hint">{i.t("completion.hint")}</p>
        </section>
        {certificate}
        <p><a class="link" href=format!("/peserta/angkatan/{}", c.cohort_id)>{i.t("completion.back_to_cohort")}</a></p>
    }
}
