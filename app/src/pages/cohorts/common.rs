//! Small views shared by the cohort pages: dates, status badges, the "not found" panel.

use crate::api::cohorts::status_key;
pub use crate::components::dates::{date_range, day_of, moment};
use crate::i18n::I18n;
use crate::model::codes::EnrolmentStatus;
use leptos::prelude::*;

/// A registration status as a coloured label.
pub fn status_badge(i: I18n, status: EnrolmentStatus) -> impl IntoView {
    let class = format!("badge status-{status}");
    view! { <span class=class>{i.t(status_key(status.as_str()))}</span> }
}

/// The panel shown (with status 404) for an id the viewer may not see.
pub fn not_found(i: I18n) -> impl IntoView {
    crate::components::set_status(404);
    view! {
        <section class="panel problem">
            <h1>{i.t("error.not_found.title")}</h1>
            <p>{i.t("error.not_found.body")}</p>
        </section>
    }
}
