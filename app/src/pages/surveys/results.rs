//! `/admin/survei/:id` and `/mentor/survei/:id` (a survey's results: never a name beside an
//! answer; admins also see who has answered), `/admin/indeks-mentor` (every mentor's index across
//! cohorts) and `/mentor/survei` (the surveys about the mentor and their own index).

use super::target_name;
use crate::api::surveys::{mentor_index, mentor_surveys, survey_results};
use crate::components::dates::moment;
use crate::components::{loaded, SignedInPage};
use crate::i18n::{use_i18n, I18n};
use crate::model::surveys::{
    MentorIndex, MentorIndexPage as IndexData, MentorSurveysPage as MentorData, ResultsPage,
    SubjectResult,
};
use crate::model::Role;
use leptos::prelude::*;

fn index_text(i: I18n, index: f64, predicate: &str) -> String {
    format!(
        "{index:.1} · {}",
        i.t(&format!("survey.predicate.{predicate}"))
    )
}

/// A survey's results for an admin with its cohort in scope (`/admin/survei/:id`).
#[component]
pub fn SurveyResultsPage() -> impl IntoView {
    results_page(&[Role::Admin])
}

/// The results about the mentor themself (`/mentor/survei/:id`).
#[component]
pub fn MentorResultsPage() -> impl IntoView {
    results_page(&[Role::Mentor])
}

fn results_page(roles: &'static [Role]) -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=roles title=i.t("survey.results_title") children=move |_| {
            let id: i64 = crate::components::route_id();
            let data = Resource::new(move || id, survey_results);
            loaded(i, data, results_body)
        }/>
    }
}

fn subject_panel(i: I18n, r: SubjectResult) -> impl IntoView {
    if r.needed > 0 {
        return view! {
            <section class="panel">
                <h2>{r.subject_name}</h2>
                <p class="notice-inline">{i.t_with("survey.needs_more", &[("count", &r.needed.to_string())])}</p>
            </section>
        }
        .into_any();
    }
    let index = match (r.index, r.predicate.as_deref()) {
        (Some(x), Some(p)) => index_text(i, x, p),
        _ => i.t("survey.no_index"),
    };
    view! {
        <section class="panel">
            <h2>{r.subject_name}</h2>
            <ul class="stats">
                <li><span class="stat">{r.responses}</span>{i.t("survey.responses")}</li>
                <li><span class="stat">{index}</span>{i.t("survey.index")}</li>
            </ul>
            <ol class="plain-list">
                {r.items.into_iter().map(|it| {
                    let detail = if it.comments.is_empty() && it.item.kind == crate::model::codes::SurveyItemKind::Text {
                        view! { <span class="meta">{i.t("survey.no_comments")}</span> }.into_any()
                    } else if !it.comments.is_empty() {
                        view! {
                            <ul class="plain-list">
                                {it.comments.into_iter().map(|c| view! { <li class="coaching-text">{c}</li> }).collect_view()}
                            </ul>
                        }.into_any()
                    } else {
                        let spread = it.distribution.iter().map(|(l, c)| format!("{l}: {c}")).collect::<Vec<_>>().join(" · ");
                        view! {
                            <span class="meta">{it.mean.map(|m| i.t_with("survey.mean", &[("mean", &format!("{m:.2}"))]))}</span>
                            <span class="meta">{spread}</span>
                        }.into_any()
                    };
                    view! {
                        <li class="row-item">
                            <span class="who">
                                <strong>{it.item.prompt}</strong>
                                <span class="meta">{i.t_with("survey.answer_count", &[("count", &it.answers.to_string())])}</span>
                                {detail}
                            </span>
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
    .into_any()
}

fn results_body(i: I18n, p: ResultsPage) -> impl IntoView {
    let s = p.survey.clone();
    let area = if p.admin { "admin" } else { "mentor" };
    let csv = p.admin.then(|| view! {
        <p><a class="button secondary small" href=format!("/admin/survei/{}/hasil.csv", s.id)>{i.t("survey.download_csv")}</a></p>
    });
    let done = p.completion.iter().filter(|c| c.answered >= c.of).count();
    let total = p.completion.len();
    let completion = p.admin.then(|| view! {
        <section class="panel">
            <h2>{i.t("survey.completion")}</h2>
            <p class="hint">{i.t("survey.completion_hint")}</p>
            <p class="summary">{i.t_with("survey.completion_summary", &[("done", &done.to_string()), ("total", &total.to_string())])}</p>
            <ul class="plain-list">
                {p.completion.into_iter().map(|c| {
                    let state = if c.answered >= c.of { i.t("survey.done") } else { i.t_with("survey.partly", &[("answered", &c.answered.to_string()), ("of", &c.of.to_string())]) };
                    view! { <li class="row-item"><span class="who">{c.name}</span><span class="tag">{state}</span></li> }
                }).collect_view()}
            </ul>
        </section>
    });
    view! {
        <section class="panel">
            <p class="eyebrow">{p.cohort_name.clone()} " · " <a href=format!("/{area}/survei")>{i.t("survey.results_title")}</a></p>
            <h1>{s.title.clone()}</h1>
            <p class="meta">{target_name(i, s.target)} " · " {moment(i, s.opens_at)} " – " {moment(i, s.closes_at)}</p>
            <p class="hint">{i.t("survey.anonymous_report")}</p>
            {csv}
        </section>
        {p.subjects.into_iter().map(|r| subject_panel(i, r)).collect_view()}
        {completion}
    }
}

fn index_list(i: I18n, rows: Vec<MentorIndex>) -> impl IntoView {
    view! {
        <ul class="plain-list">
            {rows.into_iter().map(|r| view! {
                <li class="row-item">
                    <span class="who">
                        <strong>{r.name}</strong>
                        <span class="meta">{i.t_with("survey.index_counts", &[("surveys", &r.surveys.to_string()), ("responses", &r.responses.to_string())])}</span>
                    </span>
                    <span class="tag">{index_text(i, r.index, &r.predicate)}</span>
                </li>
            }).collect_view()}
        </ul>
    }
}

/// Every mentor's and host's index across the cohorts in the admin's scope.
#[component]
pub fn MentorIndexPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&[Role::Admin] title=i.t("survey.index_title") children=move |_| {
            let data = Resource::new(|| (), |_| mentor_index());
            loaded(i, data, |i: I18n, p: IndexData| {
                let b = p.bands;
                let bands = i.t_with("survey.bands_now", &[
                    ("a", &b.very_good_from.to_string()),
                    ("b", &b.good_from.to_string()),
                    ("c", &b.fair_from.to_string()),
                    ("d", &b.poor_from.to_string()),
                ]);
                view! {
                    <section class="panel">
                        <p class="eyebrow"><a href="/admin/survei">{i.t("survey.instruments_title")}</a></p>
                        <h1>{i.t("survey.index_title")}</h1>
                        <p class="hint">{i.t("survey.index_hint")} " " {bands} " " <a href="/admin/survei#predikat">{i.t("survey.change_bands")}</a></p>
                        {p.rows.is_empty().then(|| view! { <p class="empty">{i.t("survey.index_none")}</p> })}
                        {index_list(i, p.rows)}
                    </section>
                }
            })
        }/>
    }
}

/// The surveys about the mentor: counts only, until five responses make results visible.
#[component]
pub fn MentorSurveysPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&[Role::Mentor] title=i.t("survey.mentor_title") children=move |_| {
            let data = Resource::new(|| (), |_| mentor_surveys());
            loaded(i, data, |i: I18n, p: MentorData| view! {
                <section class="panel">
                    <h1>{i.t("survey.mentor_title")}</h1>
                    <p class="hint">{i.t("survey.mentor_hint")}</p>
                    {p.index.map(|x| view! { <p class="summary">{i.t("survey.your_index")} " " <strong>{index_text(i, x.index, &x.predicate)}</strong></p> })}
                    {p.surveys.is_empty().then(|| view! { <p class="empty">{i.t("survey.mentor_none")}</p> })}
                    <ul class="plain-list">
                        {p.surveys.into_iter().map(|s| {
                            let state = if s.needed > 0 {
                                view! { <span class="meta">{i.t_with("survey.needs_more", &[("count", &s.needed.to_string())])}</span> }.into_any()
                            } else {
                                view! { <a class="button small" href=format!("/mentor/survei/{}", s.survey_id)>{i.t("survey.see_results")}</a> }.into_any()
                            };
                            view! {
                                <li class="row-item">
                                    <span class="who"><strong>{s.title}</strong><span class="meta">{s.cohort_name}</span></span>
                                    {state}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </section>
            })
        }/>
    }
}
