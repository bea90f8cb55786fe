//! The fields of the program form, shared by "create" on `/admin/program` and "edit" on
//! `/admin/program/:id`.

use super::common::{error_slot, flash, label};
use crate::components::{Field, SelectField};
use crate::i18n::I18n;
use crate::model::planning::{ProgramChoices, ProgramRow, FUNDINGS, LEVELS, MODES};
use leptos::prelude::*;

/// Title, description, competencies, level, JP, mode, funding, fee and organizer, filled from
/// `program` when editing.
pub fn program_fields(
    i: I18n,
    choices: &ProgramChoices,
    program: Option<&ProgramRow>,
    selected: &[i64],
) -> impl IntoView {
    let options = |list: &[&str], kind: &str| {
        list.iter()
            .map(|c| (c.to_string(), label(i, kind, c)))
            .collect::<Vec<_>>()
    };
    let organizers = choices
        .institutions
        .iter()
        .map(|o| (o.id.to_string(), o.name.clone()))
        .collect::<Vec<_>>();
    let description = flash()
        .and_then(|f| f.value("description").map(str::to_string))
        .or_else(|| program.map(|p| p.description.clone()))
        .unwrap_or_default();
    // After a JavaScript-off post the boxes the user ticked come back from the flash.
    let ticked: Vec<i64> = match flash().filter(|f| f.value("title").is_some()) {
        Some(f) => f
            .values
            .iter()
            .filter(|(k, _)| k == "competencies[]")
            .filter_map(|(_, v)| v.parse().ok())
            .collect(),
        None => selected.to_vec(),
    };
    let description_error = flash().and_then(|f| f.field_error("description").map(str::to_string));
    view! {
        <Field name="title" label=i.t("planning.program_title") required=true value=program.map(|p| p.title.clone()).unwrap_or_default()/>
        <div class="field">
            <label for="f-description">{i.t("planning.description")}</label>
            <textarea id="f-description" name="description" rows="4" required=true aria-describedby="e-description"
                aria-invalid=description_error.is_some().then_some("true") inner_html=crate::components::textarea_text(&description)></textarea>
            <p class="field-error" id="e-description" data-error-for="description">{description_error}</p>
        </div>
        <fieldset class="field checkboxes" aria-describedby="e-competencies">
            <legend>{i.t("planning.competencies")}</legend>
            {choices.competencies.iter().map(|c| {
                let id = format!("f-competency-{}", c.id);
                view! {
                    <label class="check" for=id.clone()>
                        <input id=id.clone() type="checkbox" name="competencies[]" value=c.id checked=ticked.contains(&c.id.0)/>
                        {c.name.clone()}
                    </label>
                }
            }).collect_view()}
            {error_slot("competencies", "e-competencies".to_string(), true)}
        </fieldset>
        <SelectField name="level" label=i.t("planning.level") options=options(LEVELS, "level") selected=program.map(|p| p.level.to_string()).unwrap_or_default()/>
        <Field name="total_jp" label=i.t("planning.total_jp") kind="number" inputmode="numeric" hint=i.t("planning.total_jp_hint") required=true value=program.map(|p| p.total_jp.to_string()).unwrap_or_default()/>
        <SelectField name="mode" label=i.t("planning.mode") options=options(MODES, "mode") selected=program.map(|p| p.mode.to_string()).unwrap_or_default()/>
        <SelectField name="funding" label=i.t("planning.funding") options=options(FUNDINGS, "funding") selected=program.map(|p| p.funding.to_string()).unwrap_or_default()/>
        <Field name="fee_amount" label=i.t("planning.fee_amount") inputmode="numeric" hint=i.t("planning.fee_hint") value=program.and_then(|p| p.fee_amount).map(|f| f.to_string()).unwrap_or_default()/>
        <SelectField name="organizer_id" label=i.t("planning.organizer") options=organizers selected=program.map(|p| p.organizer_id.to_string()).unwrap_or_default()/>
    }
}
