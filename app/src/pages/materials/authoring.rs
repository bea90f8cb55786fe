//! `/materi/program/:id`: a program's modules and units for their authors: add, rename and
//! reorder modules (the program's, or a cohort's own), add and reorder units, open a unit's
//! editor; an admin also sets the program that must be completed first.

use super::editor_path;
use crate::api::materials::program_materials;
use crate::components::{form_message, loaded, route_id, SignedInPage};
use crate::i18n::{use_i18n, I18n};
use crate::model::materials::{AuthorModule, ProgramMaterials};
use crate::model::{ProgramId, Role};
use crate::pages::quizzes::authoring_form::{error_slot, flash_has};
use leptos::prelude::*;

/// `/materi/program/:id`: authoring a program's materials.
#[component]
pub fn ProgramMaterialsPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&[Role::Admin, Role::Mentor] title=i.t("materials.author_title") children=move |_| {
            let program = route_id();
            let data = Resource::new(move || program, program_materials);
            loaded(i, data, page)
        }/>
    }
}

/// A small form that posts `fields` to server function `endpoint` with one button.
fn button_form(
    endpoint: &'static str,
    fields: Vec<(&'static str, String)>,
    label: String,
    class: &'static str,
) -> impl IntoView {
    view! {
        <form method="post" action=format!("/api/{endpoint}") class="inline-form">
            {fields.into_iter().map(|(name, value)| view! { <input type="hidden" name=name value=value/> }).collect_view()}
            <button type="submit" class=class>{label}</button>
        </form>
    }
}

fn page(i: I18n, p: ProgramMaterials) -> impl IntoView {
    let program = p.program_id;
    let modules = p.modules.iter().map(|m| module_view(i, m)).collect_view();
    let empty = p
        .modules
        .is_empty()
        .then(|| view! { <p class="empty">{i.t("materials.no_modules")}</p> });
    let prerequisite = p.is_admin.then(|| prerequisite_form(i, &p));
    let show = flash_has("cohort_id");
    let cohorts = p.cohorts.clone();
    view! {
        <section class="panel">
            <p class="eyebrow">{p.program_title.clone()}</p>
            <h1>{i.t("materials.author_title")}</h1>
            <p class="lead">{i.t("materials.author_lead")}</p>
        </section>
        {prerequisite}
        <section class="panel">
            <h2>{i.t("materials.modules")}</h2>
            {empty}
            {modules}
        </section>
        <section class="panel narrow" id="modul-baru">
            <h2>{i.t("materials.new_module")}</h2>
            <form method="post" action="/api/create_material_module">
                {form_message(show)}
                <input type="hidden" name="program_id" value=program/>
                <div class="field">
                    <label for="f-module-title">{i.t("materials.title")}</label>
                    <input id="f-module-title" name="title" required=true maxlength="200"/>
                    {error_slot("title", show)}
                </div>
                <div class="field">
                    <label for="f-cohort_id">{i.t("materials.module_for")}</label>
                    <select id="f-cohort_id" name="cohort_id">
                        <option value="">{i.t("materials.module_for_program")}</option>
                        {cohorts.into_iter().map(|c| view! { <option value=c.id.to_string()>{c.name}</option> }).collect_view()}
                    </select>
                </div>
                <button type="submit" class="button">{i.t("materials.create_module")}</button>
            </form>
        </section>
    }
}

fn module_view(i: I18n, m: &AuthorModule) -> impl IntoView {
    let id = m.id.to_string();
    let own = m
        .cohort_name
        .clone()
        .map(|c| view! { " " <span class="badge">{c}</span> });
    let units = m
        .units
        .iter()
        .map(|u| {
            let unit = u.id.to_string();
            let lock = u
                .locked_until_previous
                .then(|| view! { " " <span class="badge">{i.t("materials.lock_badge")}</span> });
            view! {
                <li class="row-item">
                    <span class="who">
                        <a href=editor_path(u.id)>{u.title.clone()}</a>
                        {lock}
                        <span class="meta">{i.t_with("materials.revision_n", &[("n", &u.revision.to_string())])}</span>
                    </span>
                    {button_form("move_material_unit", vec![("unit_id", unit.clone()), ("direction", "naik".into())], i.t("materials.up"), "button small secondary")}
                    {button_form("move_material_unit", vec![("unit_id", unit), ("direction", "turun".into())], i.t("materials.down"), "button small secondary")}
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="material-module" id=format!("modul-{id}")>
            <h3>{m.title.clone()}{own}</h3>
            <div class="row-actions">
                {button_form("move_material_module", vec![("module_id", id.clone()), ("direction", "naik".into())], i.t("materials.up"), "button small secondary")}
                {button_form("move_material_module", vec![("module_id", id.clone()), ("direction", "turun".into())], i.t("materials.down"), "button small secondary")}
            </div>
            <ol class="plain-list">{units}</ol>
            <details>
                <summary>{i.t("materials.rename_module")}</summary>
                <form method="post" action="/api/rename_material_module">
                    <input type="hidden" name="module_id" value=id.clone()/>
                    <label for=format!("f-rename-{id}")>{i.t("materials.title")}</label>
                    <input id=format!("f-rename-{id}") name="title" value=m.title.clone() required=true maxlength="200"/>
                    <button type="submit" class="button small">{i.t("materials.save")}</button>
                </form>
            </details>
            <form method="post" action="/api/create_material_unit" class="new-unit">
                <input type="hidden" name="module_id" value=id.clone()/>
                <label for=format!("f-unit-{id}")>{i.t("materials.new_unit")}</label>
                <input id=format!("f-unit-{id}") name="title" required=true maxlength="200"/>
                <button type="submit" class="button small">{i.t("materials.create_unit")}</button>
            </form>
        </div>
    }
}

fn prerequisite_form(i: I18n, p: &ProgramMaterials) -> impl IntoView {
    let show = flash_has("prerequisite_id");
    let current = p.prerequisite;
    let program: ProgramId = p.program_id;
    view! {
        <section class="panel narrow" id="prasyarat">
            <h2>{i.t("materials.prerequisite")}</h2>
            <p class="hint">{i.t("materials.prerequisite_hint")}</p>
            <form method="post" action="/api/set_program_prerequisite">
                {form_message(show)}
                <input type="hidden" name="program_id" value=program/>
                <label for="f-prerequisite_id">{i.t("materials.prerequisite_label")}</label>
                <select id="f-prerequisite_id" name="prerequisite_id">
                    <option value="" selected=current.is_none()>{i.t("materials.no_prerequisite")}</option>
                    {p.programs.iter().map(|c| {
                        let selected = current.is_some_and(|x| x.0 == c.id);
                        view! { <option value=c.id.to_string() selected=selected>{c.name.clone()}</option> }
                    }).collect_view()}
                </select>
                {error_slot("prerequisite_id", show)}
                <button type="submit" class="button">{i.t("materials.save")}</button>
            </form>
        </section>
    }
}
