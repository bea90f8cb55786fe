//! `/mentor/dasbor`: the mentor's groups' progress, what waits for their feedback (with their
//! first-response times and comments), and their survey results (aggregates from the minimum of
//! responses on). Only the groups the signed-in mentor leads.

use crate::api::dashboards::mentor_dashboard;
use crate::components::board_cards::post_path;
use crate::components::dates::moment;
use crate::components::plot::Figure;
use crate::components::{loaded, SignedInPage};
use crate::i18n::{use_i18n, I18n};
use crate::model::dashboards::format;
use crate::model::dashboards::people::MentorDashboardData;
use crate::model::Role;
use leptos::prelude::*;

/// Where the exports of table `key` are served (without the extension).
fn export(key: &str) -> String {
    format!("/mentor/dasbor/{key}")
}

/// The signed-in mentor's dashboard.
#[component]
pub fn MentorDashboardPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&[Role::Mentor] title=i.t("dashboard.mentor.title") children=move |_| {
            let data = Resource::new(|| (), |_| mentor_dashboard());
            loaded(i, data, body)
        }/>
    }
}

fn body(i: I18n, d: MentorDashboardData) -> impl IntoView {
    let own = own_index(i, &d);
    let waiting = waiting_section(i, &d);
    let hint = i.t_with(
        "dashboard.mentor.surveys_hint",
        &[("count", &d.min_responses.to_string())],
    );
    let MentorDashboardData {
        groups, surveys, ..
    } = d;
    view! {
        <section class="panel">
            <h1>{i.t("dashboard.mentor.title")}</h1>
            <p class="lead">{i.t("dashboard.mentor.lead")}</p>
        </section>
        <section class="panel dashboard" id="kemajuan-kelompok">
            <h2>{i.t("dashboard.mentor.progress_heading")}</h2>
            {if groups.is_empty() {
                view! { <p class="empty">{i.t("dashboard.mentor.no_groups")}</p> }.into_any()
            } else {
                view! { <Figure i=i table=groups column=3 max=1.0 export=export("groups")/> }.into_any()
            }}
        </section>
        {waiting}
        <section class="panel dashboard" id="survei-saya">
            <h2>{i.t("dashboard.mentor.surveys_heading")}</h2>
            <p class="hint">{hint}</p>
            <p class="summary" id="indeks-saya">{own}</p>
            <Figure i=i table=surveys column=2 max=100.0 export=export("surveys")/>
            <p><a class="link" href="/mentor/survei">{i.t("dashboard.mentor.surveys_all")}</a></p>
        </section>
    }
}

fn own_index(i: I18n, d: &MentorDashboardData) -> String {
    match &d.own_index {
        Some(x) => i.t_with(
            "dashboard.mentor.own_index",
            &[
                ("index", &format::decimal(i.0, x.index, 1)),
                (
                    "predicate",
                    &i.t(&format!("survey.predicate.{}", x.predicate)),
                ),
                ("responses", &format::int(i.0, x.responses)),
            ],
        ),
        None => i.t("dashboard.mentor.no_own_index"),
    }
}

fn waiting_section(i: I18n, d: &MentorDashboardData) -> impl IntoView {
    let summary = if d.waiting_total == 0 {
        i.t("dashboard.mentor.waiting_none")
    } else {
        i.t_with(
            "dashboard.mentor.waiting_summary",
            &[("count", &format::int(i.0, d.waiting_total))],
        )
    };
    let oldest = d.oldest.first().zip(d.oldest_days).map(|(q, days)| {
        i.t_with(
            "dashboard.mentor.waiting_oldest",
            &[
                ("days", &format::decimal(i.0, days, 1)),
                ("when", &moment(i, q.waiting_since)),
            ],
        )
    });
    let response = match (d.median_hours, d.p90_hours) {
        (Some(median), Some(p90)) => i.t_with(
            "dashboard.mentor.response_summary",
            &[
                ("median", &format::decimal(i.0, median, 1)),
                ("p90", &format::decimal(i.0, p90, 1)),
            ],
        ),
        _ => i.t("dashboard.mentor.response_none"),
    };
    let items = d.oldest.clone();
    view! {
        <section class="panel dashboard" id="menunggu-saya">
            <h2>{i.t("dashboard.mentor.waiting_heading")}</h2>
            <p class="summary" id="ringkasan-antrean"><strong>{summary}</strong> " " {oldest}</p>
            {(!items.is_empty()).then(|| view! {
                <ol class="plain-list oldest-waiting">
                    {items.into_iter().map(|q| view! {
                        <li class="row-item">
                            <span class="who">
                                <a href=post_path(q.post.id)>{q.post.title.clone()}</a>
                                <span class="meta">{q.post.author_name.clone()} " · " {q.group_name.clone()} " (" {q.cohort_name.clone()} ")"</span>
                                <span class="meta">{i.t_with("board.waiting_since", &[("when", &moment(i, q.waiting_since))])}</span>
                            </span>
                        </li>
                    }).collect_view()}
                </ol>
            })}
            <p><a class="link" href="/mentor/antrean">{i.t("dashboard.mentor.queue_all")}</a></p>
            <Figure i=i table=d.waiting.clone() column=1 export=export("waiting")/>
            <p class="summary" id="ringkasan-respons">{response}</p>
            <Figure i=i table=d.response.clone() column=2 export=export("response")/>
        </section>
    }
}
