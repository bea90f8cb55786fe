//! `/peserta/angkatan/:id`: a cohort as its approved participant sees it: the program, the
//! live-session schedule with meeting links, and their mentor group.

use super::common::{date_range, moment, not_found};
use crate::api::cohorts::participant_cohort;
use crate::components::{inline_problem, loaded_or, SignedInPage};
use crate::i18n::{use_i18n, I18n};
use crate::model::cohorts::CohortForParticipant;
use crate::model::{AppError, ErrorKind, Role};
use leptos::either::Either;
use leptos::prelude::*;

/// The participant's cohort page; 404 unless they are approved in it.
#[component]
pub fn ParticipantCohortPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&[Role::Participant] title=i.t("cohort.title") children=move |_| {
            let id = crate::components::route_id();
            let data = Resource::new(move || id, participant_cohort);
            loaded_or(i, data, move |i, c| body(i, id, c), move |e: AppError| {
                if e.kind == ErrorKind::NotFound {
                    Either::Left(not_found(i))
                } else {
                    Either::Right(inline_problem(e))
                }
            })
        }/>
    }
}

fn body(i: I18n, cohort_id: crate::model::CohortId, c: CohortForParticipant) -> impl IntoView {
    let group = match (c.group_name, c.group_mentor) {
        (Some(g), Some(m)) => i.t_with("cohort.your_group_with", &[("group", &g), ("mentor", &m)]),
        (Some(g), None) => i.t_with("cohort.your_group", &[("group", &g)]),
        _ => i.t("cohort.no_group_yet"),
    };
    let empty = c
        .sessions
        .is_empty()
        .then(|| view! { <p class="empty">{i.t("cohort.no_sessions")}</p> });
    view! {
        <section class="panel cohort-head">
            <p class="eyebrow">{c.program_title.clone()}</p>
            <h1>{c.cohort_name}</h1>
            <dl class="facts">
                <dt>{i.t("cohort.dates")}</dt><dd>{date_range(i, &c.starts_on, &c.ends_on)}</dd>
                <dt>{i.t("cohort.jp")}</dt><dd>{c.total_jp} " JP"</dd>
                <dt>{i.t("cohort.group")}</dt><dd>{group}</dd>
            </dl>
            <p>{c.program_description}</p>
            <p><a class="button secondary small" href=format!("/peserta/angkatan/{}/kelulusan", cohort_id)>{i.t("completion.link")}</a></p>
        </section>
        <section class="panel">
            <h2>{i.t("cohort.sessions")}</h2>
            {empty}
            <ul class="plain-list">
                {c.sessions.into_iter().map(|s| {
                    let minutes = i.t_with("cohort.minutes", &[("count", &s.duration_minutes.to_string())]);
                    view! {
                        <li class="row-item">
                            <span class="who">
                                <a href=format!("/peserta/sesi/{}", s.id)><strong>{s.title}</strong></a>
                                <span class="meta">{moment(i, s.starts_at)} " · " {minutes} " · " {s.jp} " JP"</span>
                                {s.venue.map(|v| view! { <span class="meta">{v} {s.city.map(|c| format!(", {c}"))}</span> })}
                            </span>
                            {s.meeting_url.is_some().then(|| view! {
                                <a class="button small" href=format!("/sesi/{}/gabung", s.id) rel="noopener">{i.t("cohort.join")}</a>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
        <crate::pages::materials::CohortMaterialsList cohort_id=cohort_id/>
        <crate::pages::quizzes::CohortQuizList cohort_id=cohort_id/>
        <section class="panel">
            <h2>{i.t("survey.my_title")}</h2>
            <p><a class="button secondary" href="/peserta/survei">{i.t("survey.my_link")}</a></p>
        </section>
    }
}
