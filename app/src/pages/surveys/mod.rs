//! Survey pages: the admin's instruments (with the two templates and the index bands), the
//! builder of one instrument, a cohort's surveys, results (admin and mentor) and the mentor
//! index; the participant's open surveys and the answer form. All plain server-rendered pages
//! whose forms post to `ssr::surveys::http`.

mod admin;
mod participant;
mod results;
pub use admin::{CohortSurveysPage, InstrumentPage, InstrumentsPage};
pub use participant::{AnswerPage, MySurveysPage};
pub use results::{MentorIndexPage, MentorResultsPage, MentorSurveysPage, SurveyResultsPage};

use crate::i18n::I18n;
use leptos::prelude::*;

/// The message the flash holds for `field`, and the value typed there.
fn flashed(field: &str) -> (Option<String>, Option<String>) {
    let flash = crate::components::form::flash();
    (
        flash
            .as_ref()
            .and_then(|f| f.field_error(field))
            .map(str::to_string),
        flash
            .as_ref()
            .and_then(|f| f.value(field))
            .map(str::to_string),
    )
}

/// The error slot of `field`.
fn field_error(field: &str, error: Option<String>) -> impl IntoView {
    view! { <p class="field-error" id=format!("e-{field}") data-error-for=field.to_string()>{error}</p> }
}

/// A survey target's name.
fn target_name(i: I18n, target: crate::model::codes::SurveyTarget) -> String {
    i.t(&format!("survey.target.{target}"))
}
