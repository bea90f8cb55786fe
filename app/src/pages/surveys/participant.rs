//! `/peserta/survei` (the participant's open surveys, one line per person evaluated) and
//! `/peserta/survei/:id/:subject` (the form: one question per item, plain radios and text areas;
//! a refused post comes back with every answer kept and the messages beside the items).

use super::{field_error, flashed};
use crate::api::surveys::{my_surveys, survey_form};
use crate::components::dates::moment;
use crate::components::{loaded, FormMessage, SignedInPage};
use crate::i18n::{use_i18n, I18n};
use crate::model::codes::SurveyItemKind;
use crate::model::surveys::{AnswerPage as Answer, MySurveysPage as Mine, SurveyItem};
use crate::model::Role;
use leptos::prelude::*;

/// The participant's open surveys.
#[component]
pub fn MySurveysPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&[Role::Participant] title=i.t("survey.my_title") children=move |_| {
            let data = Resource::new(|| (), |_| my_surveys());
            loaded(i, data, mine_body)
        }/>
    }
}

fn mine_body(i: I18n, p: Mine) -> impl IntoView {
    view! {
        <section class="panel">
            <h1>{i.t("survey.my_title")}</h1>
            <p class="lead">{i.t("survey.my_lead")}</p>
            {p.items.is_empty().then(|| view! { <p class="empty">{i.t("survey.my_none")}</p> })}
            <ul class="plain-list">
                {p.items.into_iter().map(|s| {
                    let href = format!("/peserta/survei/{}/{}", s.survey_id, s.subject_id);
                    let action = if s.answered {
                        view! { <span class="badge status-approved">{i.t("survey.done")}</span> }.into_any()
                    } else {
                        view! { <a class="button small" href=href.clone()>{i.t("survey.fill")}</a> }.into_any()
                    };
                    view! {
                        <li class="row-item">
                            <span class="who">
                                <strong>{s.title}</strong>
                                <span>{s.subject_name}</span>
                                <span class="meta">{s.cohort_name} " · " {i.t_with("survey.closes_at", &[("time", &moment(i, s.closes_at))])}</span>
                            </span>
                            {action}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

/// The form of one survey about one person.
#[component]
pub fn AnswerPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&[Role::Participant] title=i.t("survey.form_title") children=move |_| {
            let id: i64 = crate::components::route_id();
            let subject: i64 = leptos_router::hooks::use_params_map()
                .get_untracked()
                .get("subject")
                .and_then(|s| s.parse().ok())
                .unwrap_or(-1);
            let data = Resource::new(move || (id, subject), |(id, subject)| survey_form(id, subject));
            loaded(i, data, answer_body)
        }/>
    }
}

/// The labels of a Likert scale's points.
fn scale_labels(i: I18n, top: i64) -> Vec<String> {
    (1..=top)
        .map(|p| i.t(&format!("survey.scale{top}.{p}")))
        .collect()
}

fn question(i: I18n, n: usize, item: SurveyItem) -> impl IntoView {
    let field = item.field();
    let (error, typed) = flashed(&field);
    let invalid = error.is_some().then_some("true");
    let legend_id = format!("q-{}", item.id);
    let mark = if item.required {
        view! { <span class="meta">" *"</span> }.into_any()
    } else {
        view! { <span class="meta">" (" {i.t("survey.optional")} ")"</span> }.into_any()
    };
    let input = match item.kind {
        SurveyItemKind::Text => view! {
            <textarea id=format!("f-{field}") name=field.clone() rows="4" maxlength="2000" aria-labelledby=legend_id.clone() aria-describedby=format!("e-{field}")
                inner_html=crate::components::form::textarea_text(&typed.unwrap_or_default())></textarea>
        }
        .into_any(),
        kind => {
            let labels = match kind {
                SurveyItemKind::Choice => item.options.clone(),
                other => scale_labels(i, other.scale().unwrap_or(4)),
            };
            view! {
                <ul class="choices">
                    {labels.into_iter().enumerate().map(|(at, label)| {
                        let value = (at + 1).to_string();
                        let checked = typed.as_deref() == Some(value.as_str());
                        let shown = if kind == SurveyItemKind::Choice { label } else { format!("{value} – {label}") };
                        view! {
                            <li><label class="choice"><input type="radio" name=field.clone() value=value checked=checked/>{shown}</label></li>
                        }
                    }).collect_view()}
                </ul>
            }
            .into_any()
        }
    };
    view! {
        <fieldset class="question" aria-invalid=invalid>
            <legend id=legend_id>{n + 1} ". " {item.prompt} {mark}</legend>
            {field_error(&field, error)}
            {input}
        </fieldset>
    }
}

fn answer_body(i: I18n, p: Answer) -> impl IntoView {
    let action = format!("/survei/{}/{}/jawab", p.survey_id, p.subject_id);
    let form = if p.answered {
        view! { <p class="notice">{i.t("survey.already_answered")}</p> }.into_any()
    } else if !p.open {
        view! { <p class="notice">{i.t("survey.closed")}</p> }.into_any()
    } else {
        view! {
            <form method="post" action=action>
                <FormMessage/>
                {p.items.into_iter().enumerate().map(|(n, item)| question(i, n, item)).collect_view()}
                <button type="submit" class="button">{i.t("survey.send")}</button>
            </form>
        }
        .into_any()
    };
    view! {
        <section class="panel">
            <p class="eyebrow">{p.cohort_name} " · " <a href="/peserta/survei">{i.t("survey.my_title")}</a></p>
            <h1>{p.title}</h1>
            <p class="lead">{i.t_with("survey.about", &[("name", &p.subject_name)])}</p>
            <p class="hint">{i.t("survey.anonymous_hint")} " " {i.t_with("survey.closes_at", &[("time", &moment(i, p.closes_at))])}</p>
            {form}
        </section>
    }
}
