//! `/peserta/kemajuan`: the participant's progress in every cohort they are approved in, in one
//! place: a plot of JP per cohort with its table, then each cohort with its checklist status,
//! the decision and the certificate. Only the signed-in participant's own data.

use crate::api::dashboards::my_progress;
use crate::components::plot::Figure;
use crate::components::{loaded, SignedInPage};
use crate::i18n::{use_i18n, I18n};
use crate::model::dashboards::format;
use crate::model::dashboards::people::{CohortProgress, ParticipantDashboard};
use crate::model::Role;
use leptos::prelude::*;

/// The signed-in participant's progress page.
#[component]
pub fn MyProgressPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&[Role::Participant] title=i.t("dashboard.participant.title") children=move |_| {
            let data = Resource::new(|| (), |_| my_progress());
            loaded(i, data, body)
        }/>
    }
}

fn body(i: I18n, d: ParticipantDashboard) -> impl IntoView {
    let empty = d.lines.is_empty();
    view! {
        <section class="panel">
            <h1>{i.t("dashboard.participant.title")}</h1>
            <p class="lead">{i.t("dashboard.participant.lead")}</p>
        </section>
        <section class="panel dashboard" id="kemajuan-saya">
            {if empty {
                view! { <p class="empty">{i.t("dashboard.participant.none")}</p> }.into_any()
            } else {
                view! { <Figure i=i table=d.cohorts column=3/> }.into_any()
            }}
        </section>
        {d.lines.into_iter().map(|l| cohort_panel(i, l)).collect_view()}
    }
}

/// A percentage out of 100 as the reader writes it, or a dash.
fn percent(i: I18n, x: Option<f64>) -> String {
    x.map(|x| format::percent(i.0, x / 100.0, 1))
        .unwrap_or_else(|| "–".to_string())
}

fn cohort_panel(i: I18n, l: CohortProgress) -> impl IntoView {
    let p = &l.progress;
    let checklist = if !l.rules_set {
        i.t("completion.no_rules")
    } else if l.checklist.all_met() {
        i.t("completion.all_met")
    } else {
        i.t_with(
            "completion.some_missing",
            &[
                ("met", &l.checklist.met_count().to_string()),
                ("total", &l.checklist.items.len().to_string()),
            ],
        )
    };
    let (badge, result) = match l.passed {
        Some(true) => ("badge ok", i.t("completion.passed")),
        Some(false) => ("badge warn", i.t("completion.not_passed")),
        None => ("badge", i.t("record.undecided")),
    };
    let cohort = l.cohort_id.0;
    let sessions = i.t_with(
        "dashboard.participant.sessions",
        &[
            ("attended", &p.sessions_attended.to_string()),
            ("total", &p.sessions_total.to_string()),
        ],
    );
    let gain = l
        .gain
        .map(|g| format::decimal(i.0, g, 2))
        .unwrap_or_else(|| "–".to_string());
    view! {
        <section class="panel cohort-progress" id=format!("angkatan-{cohort}")>
            <p class="eyebrow">{l.program_title.clone()}</p>
            <h2>{l.cohort_name.clone()}</h2>
            <ul class="stats">
                <li><span class="stat">{p.jp}</span>"JP"</li>
                <li><span class="stat">{sessions}</span>{i.t("dashboard.participant.col_sessions")}</li>
                <li><span class="stat">{percent(i, l.pre_percent)}</span>{i.t("dashboard.participant.col_pre")}</li>
                <li><span class="stat">{percent(i, l.post_percent)}</span>{i.t("dashboard.participant.col_post")}</li>
                <li><span class="stat">{gain}</span>{i.t("dashboard.participant.col_gain")}</li>
                <li><span class="stat">{p.approved_products}</span>{i.t("dashboard.participant.col_products")}</li>
            </ul>
            <p class="summary checklist-status"><strong>{i.t("dashboard.participant.checklist")} ": "</strong>{checklist}</p>
            <p><span class=badge>{result}</span></p>
            <p class="actions-inline">
                <a class="button small" href=format!("/peserta/angkatan/{cohort}/kelulusan")>{i.t("completion.link")}</a>
                " "
                {l.certificate.clone().map(|(code, number)| view! {
                    <a class="button small certificate-link" href=format!("/sertifikat/{code}")>{i.t("dashboard.participant.open_certificate")} " " {number}</a>
                    " "
                })}
                <a class="button secondary small" href=format!("/peserta/angkatan/{cohort}")>{i.t("dashboard.participant.open_cohort")}</a>
            </p>
        </section>
    }
}
