//! `/admin/survei` (instruments, templates, bands), `/admin/instrumen/:id` (the builder) and
//! `/admin/angkatan/:id/survei` (a cohort's surveys and the form to give one).

use super::{field_error, flashed, target_name};
use crate::api::surveys::{cohort_surveys, survey_instrument, survey_instruments};
use crate::components::dates::moment;
use crate::components::{loaded, FormMessage, SignedInPage};
use crate::i18n::{use_i18n, I18n};
use crate::model::codes::{SurveyItemKind, SurveyKind, SurveyTarget};
use crate::model::surveys::{
    CohortSurveysPage as Cohort, InstrumentPage as Instrument, InstrumentsPage as Instruments,
};
use crate::model::Role;
use leptos::prelude::*;

/// A labelled text input whose value and message come back from the flash.
fn text_input(
    label: String,
    name: &'static str,
    kind: &'static str,
    value: String,
) -> impl IntoView {
    let (error, typed) = flashed(name);
    let id = format!("f-{name}");
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input id=id name=name type=kind value=typed.unwrap_or(value) aria-invalid=error.is_some().then_some("true") aria-describedby=format!("e-{name}")/>
            {field_error(name, error)}
        </div>
    }
}

/// A labelled select of (value, label) options, the flash's choice kept.
fn select(label: String, name: &'static str, options: Vec<(String, String)>) -> impl IntoView {
    let (error, typed) = flashed(name);
    let id = format!("f-{name}");
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id name=name aria-describedby=format!("e-{name}")>
                {options.into_iter().map(|(value, text)| {
                    let selected = typed.as_deref() == Some(value.as_str());
                    view! { <option value=value selected=selected>{text}</option> }
                }).collect_view()}
            </select>
            {field_error(name, error)}
        </div>
    }
}

/// The admin's instruments, the two templates, a blank instrument and the index bands.
#[component]
pub fn InstrumentsPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&[Role::Admin] title=i.t("survey.instruments_title") children=move |_| {
            let data = Resource::new(|| (), |_| survey_instruments());
            loaded(i, data, instruments_body)
        }/>
    }
}

fn instruments_body(i: I18n, p: Instruments) -> impl IntoView {
    let empty = p
        .instruments
        .is_empty()
        .then(|| view! { <p class="empty">{i.t("survey.no_instruments")}</p> });
    let b = p.bands;
    view! {
        <section class="panel">
            <h1>{i.t("survey.instruments_title")}</h1>
            <p class="lead">{i.t("survey.instruments_lead")}</p>
            <FormMessage/>
            {empty}
            <ul class="plain-list">
                {p.instruments.into_iter().map(|x| view! {
                    <li class="row-item">
                        <span class="who">
                            <a href=format!("/admin/instrumen/{}", x.id)><strong>{x.title}</strong></a>
                            <span class="meta">{i.t_with("survey.instrument_counts", &[("items", &x.items.to_string()), ("surveys", &x.surveys.to_string())])}</span>
                        </span>
                    </li>
                }).collect_view()}
            </ul>
        </section>
        <section class="panel">
            <h2>{i.t("survey.templates")}</h2>
            <p class="hint">{i.t("survey.templates_hint")}</p>
            <form method="post" action="/admin/survei/templat" class="cohort-links">
                <button type="submit" class="button" name="template" value="mentor">{i.t("survey.template.mentor")}</button>
                <button type="submit" class="button" name="template" value="organiser">{i.t("survey.template.organiser")}</button>
            </form>
            <h2>{i.t("survey.new_instrument")}</h2>
            <form method="post" action="/admin/survei/instrumen">
                {text_input(i.t("survey.instrument_title"), "title", "text", String::new())}
                <button type="submit" class="button secondary">{i.t("survey.create_instrument")}</button>
            </form>
        </section>
        <section class="panel" id="predikat">
            <h2>{i.t("survey.bands_title")}</h2>
            <p class="hint">{i.t("survey.bands_hint")}</p>
            <form method="post" action="/admin/survei/predikat">
                {text_input(i.t("survey.predicate_from.very_good"), "very_good_from", "number", b.very_good_from.to_string())}
                {text_input(i.t("survey.predicate_from.good"), "good_from", "number", b.good_from.to_string())}
                {text_input(i.t("survey.predicate_from.fair"), "fair_from", "number", b.fair_from.to_string())}
                {text_input(i.t("survey.predicate_from.poor"), "poor_from", "number", b.poor_from.to_string())}
                <button type="submit" class="button secondary">{i.t("survey.save_bands")}</button>
            </form>
            <p><a href="/admin/indeks-mentor">{i.t("survey.index_link")}</a></p>
        </section>
    }
}

/// The builder of one instrument: its items in order, moved, removed and added.
#[component]
pub fn InstrumentPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&[Role::Admin] title=i.t("survey.builder_title") children=move |_| {
            let id: i64 = crate::components::route_id();
            let data = Resource::new(move || id, survey_instrument);
            loaded(i, data, instrument_body)
        }/>
    }
}

fn kind_name(i: I18n, kind: SurveyItemKind) -> String {
    i.t(&format!("survey.kind.{kind}"))
}

fn instrument_body(i: I18n, p: Instrument) -> impl IntoView {
    let id = p.id;
    let locked = p.locked;
    let count = p.items.len();
    let items = p.items.into_iter().enumerate().map(|(n, item)| {
        let base = format!("/admin/instrumen/{id}/butir/{}", item.id);
        let required = if item.required { i.t("survey.required") } else { i.t("survey.optional") };
        let options = (!item.options.is_empty()).then(|| item.options.join(" · "));
        let actions = (!locked).then(|| view! {
            <span class="cohort-links">
                {(n > 0).then(|| view! { <form method="post" action=format!("{base}/naik")><button type="submit" class="button secondary small">{i.t("survey.move_up")}</button></form> })}
                {(n + 1 < count).then(|| view! { <form method="post" action=format!("{base}/turun")><button type="submit" class="button secondary small">{i.t("survey.move_down")}</button></form> })}
                <form method="post" action=format!("{base}/hapus")><button type="submit" class="button secondary small">{i.t("survey.remove")}</button></form>
            </span>
        });
        view! {
            <li class="row-item">
                <span class="who">
                    <strong>{n + 1} ". " {item.prompt}</strong>
                    <span class="meta">{kind_name(i, item.kind)} " · " {required}</span>
                    {options.map(|o| view! { <span class="meta">{o}</span> })}
                </span>
                {actions}
            </li>
        }
    }).collect_view();
    let add = (!locked).then(|| {
        let kinds = SurveyItemKind::ALL
            .iter()
            .map(|k| (k.as_str().to_string(), kind_name(i, *k)))
            .collect();
        let (opt_error, opt_typed) = flashed("options");
        let (_, required_typed) = flashed("required");
        let required = required_typed.is_some() || crate::components::form::flash().is_none();
        view! {
            <section class="panel" id="butir-baru">
                <h2>{i.t("survey.add_item")}</h2>
                <FormMessage/>
                <form method="post" action=format!("/admin/instrumen/{id}/butir")>
                    {text_input(i.t("survey.prompt"), "prompt", "text", String::new())}
                    {select(i.t("survey.item_kind"), "kind", kinds)}
                    <div class="field">
                        <label for="f-options">{i.t("survey.options")}</label>
                        <p class="hint" id="h-options">{i.t("survey.options_hint")}</p>
                        <textarea id="f-options" name="options" rows="4" aria-describedby="h-options e-options" inner_html=crate::components::form::textarea_text(&opt_typed.unwrap_or_default())></textarea>
                        {field_error("options", opt_error)}
                    </div>
                    <label class="choice"><input type="checkbox" name="required" value="1" checked=required/>{i.t("survey.required_check")}</label>
                    <button type="submit" class="button">{i.t("survey.add_item")}</button>
                </form>
            </section>
        }
    });
    view! {
        <section class="panel" id="butir">
            <p class="eyebrow"><a href="/admin/survei">{i.t("survey.instruments_title")}</a></p>
            <h1>{p.title}</h1>
            {locked.then(|| view! { <p class="notice-inline">{i.t("survey.locked_hint")}</p> })}
            {(count == 0).then(|| view! { <p class="empty">{i.t("survey.no_items")}</p> })}
            <ol class="plain-list">{items}</ol>
        </section>
        {add}
    }
}

/// A cohort's surveys, their results, and the form to give a new one.
#[component]
pub fn CohortSurveysPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&[Role::Admin] title=i.t("survey.cohort_title") children=move |_| {
            let id: i64 = crate::components::route_id();
            let data = Resource::new(move || id, cohort_surveys);
            loaded(i, data, cohort_body)
        }/>
    }
}

fn cohort_body(i: I18n, p: Cohort) -> impl IntoView {
    let cohort = p.cohort_id;
    let instruments: Vec<(String, String)> = p
        .instruments
        .iter()
        .map(|(id, title)| (id.to_string(), title.clone()))
        .collect();
    let no_instruments = instruments.is_empty();
    let kinds = SurveyKind::ALL
        .iter()
        .map(|k| {
            (
                k.as_str().to_string(),
                i.t(&format!("survey.survey_kind.{k}")),
            )
        })
        .collect();
    let targets = SurveyTarget::ALL
        .iter()
        .map(|t| (t.as_str().to_string(), target_name(i, *t)))
        .collect();
    let (_, required_typed) = flashed("required");
    let required = required_typed.is_some() || crate::components::form::flash().is_none();
    view! {
        <section class="panel">
            <p class="eyebrow">{p.program_title.clone()} " · " <a href=format!("/admin/angkatan/{cohort}")>{p.cohort_name.clone()}</a></p>
            <h1>{i.t("survey.cohort_title")}</h1>
            {p.surveys.is_empty().then(|| view! { <p class="empty">{i.t("survey.no_surveys")}</p> })}
            <ul class="plain-list">
                {p.surveys.into_iter().map(|s| view! {
                    <li class="row-item">
                        <span class="who">
                            <a href=format!("/admin/survei/{}", s.id)><strong>{s.title}</strong></a>
                            <span class="meta">{target_name(i, s.target)} " · " {i.t(&format!("survey.survey_kind.{}", s.kind))} " · " {s.instrument_title}</span>
                            <span class="meta">{moment(i, s.opens_at)} " – " {moment(i, s.closes_at)}</span>
                        </span>
                        <a class="button secondary small" href=format!("/admin/survei/{}/hasil.csv", s.id)>"CSV"</a>
                    </li>
                }).collect_view()}
            </ul>
        </section>
        <section class="panel" id="baru">
            <h2>{i.t("survey.new_survey")}</h2>
            <FormMessage/>
            {no_instruments.then(|| view! { <p class="hint"><a href="/admin/survei">{i.t("survey.make_instrument_first")}</a></p> })}
            <form method="post" action=format!("/admin/angkatan/{cohort}/survei")>
                {text_input(i.t("survey.survey_title"), "title", "text", String::new())}
                {select(i.t("survey.instrument"), "instrument_id", instruments)}
                {select(i.t("survey.target"), "target", targets)}
                {select(i.t("survey.survey_kind"), "kind", kinds)}
                {text_input(i.t("survey.opens_date"), "opens_date", "date", String::new())}
                {text_input(i.t("survey.opens_time"), "opens_time", "time", "08:00".into())}
                {text_input(i.t("survey.closes_date"), "closes_date", "date", String::new())}
                {text_input(i.t("survey.closes_time"), "closes_time", "time", "23:59".into())}
                <label class="choice"><input type="checkbox" name="required" value="1" checked=required/>{i.t("survey.required_for_completion")}</label>
                <button type="submit" class="button">{i.t("survey.give_survey")}</button>
            </form>
        </section>
    }
}
