//! `/rubrik` and `/rubrik/:id`: the rubrics of the programs an admin or mentor works in, a form to
//! write one (a grid of up to 5 levels and 8 criteria, usable without JavaScript), and one rubric
//! as a table, editable until it is first used to score.

use crate::api::boards::{my_rubrics, rubric_page};
use crate::components::{form_message, loaded, route_id, Field, SignedInPage, SubmitButton};
use crate::i18n::{use_i18n, I18n};
use crate::islands::EnhancedForm;
use crate::model::boards::{ProgramRubrics, RubricView, MAX_CRITERIA, MAX_LEVELS};
use crate::model::Role;
use crate::pages::quizzes::authoring_form::flash_has;
use leptos::either::Either;
use leptos::prelude::*;

const LEVEL_LABELS: [&str; MAX_LEVELS] = ["l1", "l2", "l3", "l4", "l5"];
const LEVEL_POINTS: [&str; MAX_LEVELS] = ["p1", "p2", "p3", "p4", "p5"];
const CRITERIA: [&str; MAX_CRITERIA] = ["c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8"];
const DESCRIPTIONS: [&str; MAX_CRITERIA] = ["d1", "d2", "d3", "d4", "d5", "d6", "d7", "d8"];

/// The programs' rubrics and the form for a new one.
#[component]
pub fn RubricsPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&[Role::Admin, Role::Mentor] title=i.t("rubric.page_title") children=move |_| {
            let data = Resource::new(|| (), |_| my_rubrics());
            view! {
                <section class="panel">
                    <h1>{i.t("rubric.page_title")}</h1>
                    <p class="lead">{i.t("rubric.page_lead")}</p>
                </section>
                {loaded(i, data, programs_view)}
            }
        }/>
    }
}

fn programs_view(i: I18n, programs: Vec<ProgramRubrics>) -> impl IntoView {
    if programs.is_empty() {
        return Either::Left(
            view! { <section class="panel"><p class="empty">{i.t("rubric.no_programs")}</p></section> },
        );
    }
    let lists = programs
        .iter()
        .map(|program| {
            let items = program
                .rubrics
                .iter()
                .map(|r| {
                    let about = i.t_with(
                        "rubric.summary",
                        &[
                            ("criteria", &r.criteria.to_string()),
                            ("max", &r.max_points.to_string()),
                            ("scores", &r.scores.to_string()),
                        ],
                    );
                    view! {
                        <li class="post-card">
                            <a class="post-title" href=format!("/rubrik/{}", r.id)>{r.title.clone()}</a>
                            <p class="meta">{about}</p>
                        </li>
                    }
                })
                .collect_view();
            let empty = program
                .rubrics
                .is_empty()
                .then(|| view! { <p class="empty">{i.t("rubric.program_has_none")}</p> });
            view! {
                <section class="panel">
                    <h2>{program.program_title.clone()}</h2>
                    {empty}
                    <ul class="post-list">{items}</ul>
                </section>
            }
        })
        .collect_view();
    let choices: Vec<(i64, String)> = programs
        .iter()
        .map(|p| (p.program_id.0, p.program_title.clone()))
        .collect();
    Either::Right(view! {
        {lists}
        <section class="panel" id="rubrik-baru">
            <h2>{i.t("rubric.new_title")}</h2>
            {rubric_form(i, Some(choices), None)}
        </section>
    })
}

/// One rubric: its table, and the edit form while no score uses it.
#[component]
pub fn RubricPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&[Role::Admin, Role::Mentor] title=i.t("rubric.page_title") children=move |_| {
            let id = route_id();
            let data = Resource::new(move || id, rubric_page);
            loaded(i, data, rubric_view)
        }/>
    }
}

/// The rubric as a grid: criteria down, levels across, each cell the level's points.
pub fn rubric_table(i: I18n, rubric: &RubricView) -> impl IntoView {
    let heads = rubric.criteria.first().map(|c| {
        c.levels
            .iter()
            .map(|l| view! { <th scope="col">{l.label.clone()}</th> })
            .collect_view()
    });
    let rows = rubric
        .criteria
        .iter()
        .map(|c| {
            let cells = c
                .levels
                .iter()
                .map(|l| view! { <td class="num">{l.points}</td> })
                .collect_view();
            let description = (!c.description.is_empty())
                .then(|| view! { <br/><span class="meta">{c.description.clone()}</span> });
            view! { <tr><th scope="row">{c.title.clone()}{description}</th>{cells}</tr> }
        })
        .collect_view();
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=i.t("core.scroll_table")>
            <table class="rubric">
                <thead><tr><th scope="col">{i.t("rubric.criterion")}</th>{heads}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

fn rubric_view(i: I18n, rubric: RubricView) -> impl IntoView {
    let max = i.t_with(
        "rubric.max_points",
        &[("n", &rubric.max_points.to_string())],
    );
    let edit = if rubric.scores == 0 {
        Either::Left(view! {
            <section class="panel">
                <h2>{i.t("rubric.edit_title")}</h2>
                {rubric_form(i, None, Some(&rubric))}
            </section>
        })
    } else {
        let used = i.t_with("rubric.used", &[("n", &rubric.scores.to_string())]);
        Either::Right(view! { <section class="panel"><p class="notice">{used}</p></section> })
    };
    view! {
        <section class="panel">
            <p><a href="/rubrik">{i.t("rubric.back")}</a></p>
            <h1>{rubric.title.clone()}</h1>
            <p class="meta">{rubric.program_title.clone()} " · " {max}</p>
            {rubric_table(i, &rubric)}
        </section>
        {edit}
    }
}

/// The grid form: a new rubric of one of `programs`, or `rubric` edited.
fn rubric_form(
    i: I18n,
    programs: Option<Vec<(i64, String)>>,
    rubric: Option<&RubricView>,
) -> impl IntoView {
    let show = flash_has("title");
    // Every criterion has the same levels in a rubric written here; the first one's stand for all.
    let levels: Vec<(String, String)> = match rubric.and_then(|r| r.criteria.first()) {
        Some(c) => c
            .levels
            .iter()
            .map(|l| (l.label.clone(), l.points.to_string()))
            .collect(),
        None => (1..=4)
            .map(|n| (i.t(&format!("rubric.default_level_{n}")), n.to_string()))
            .collect(),
    };
    let criteria: Vec<(String, String)> = rubric
        .map(|r| {
            r.criteria
                .iter()
                .map(|c| (c.title.clone(), c.description.clone()))
                .collect()
        })
        .unwrap_or_default();
    let fixed_program = rubric.map(|r| {
        view! { <input type="hidden" name="program_id" value=r.program_id.to_string()/> }
    });
    let program_field = programs.map(|list| {
        let options = list
            .into_iter()
            .map(|(id, title)| view! { <option value=id.to_string()>{title}</option> })
            .collect_view();
        view! {
            <div class="field">
                <label for="f-program_id">{i.t("rubric.program")}</label>
                <select id="f-program_id" name="program_id">{options}</select>
            </div>
        }
    });
    let level_rows = (0..MAX_LEVELS)
        .map(|n| {
            let (label, points) = levels.get(n).cloned().unwrap_or_default();
            view! {
                <div class="level-row">
                    <Field name=LEVEL_LABELS[n] label=i.t_with("rubric.level_n", &[("n", &(n + 1).to_string())]) value=label/>
                    <Field name=LEVEL_POINTS[n] label=i.t("rubric.points") inputmode="numeric" value=points/>
                </div>
            }
        })
        .collect_view();
    let criterion_rows = (0..MAX_CRITERIA)
        .map(|n| {
            let (title, description) = criteria.get(n).cloned().unwrap_or_default();
            view! {
                <div class="criterion-row">
                    <Field name=CRITERIA[n] label=i.t_with("rubric.criterion_n", &[("n", &(n + 1).to_string())]) value=title/>
                    <Field name=DESCRIPTIONS[n] label=i.t("rubric.description") value=description/>
                </div>
            }
        })
        .collect_view();
    let rubric_id = rubric.map(|r| r.id.to_string()).unwrap_or_default();
    let title = rubric.map(|r| r.title.clone()).unwrap_or_default();
    view! {
        <EnhancedForm action="/api/save_rubric".to_string() busy_label=i.t("form.busy") offline_message=i.t("form.offline")>
            {form_message(show)}
            <input type="hidden" name="rubric_id" value=rubric_id/>
            {fixed_program}
            {program_field}
            <Field name="title" label=i.t("rubric.title") required=true value=title/>
            <fieldset class="grid-set">
                <legend>{i.t("rubric.levels")}</legend>
                <p class="hint">{i.t("rubric.levels_hint")}</p>
                {level_rows}
            </fieldset>
            <fieldset class="grid-set">
                <legend>{i.t("rubric.criteria")}</legend>
                <p class="hint">{i.t("rubric.criteria_hint")}</p>
                {criterion_rows}
            </fieldset>
            <SubmitButton label=i.t("rubric.save")/>
        </EnhancedForm>
    }
}
