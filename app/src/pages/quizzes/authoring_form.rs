//! Pieces the authoring pages (bank, quizzes, quiz) share: flash lookups for the form that was
//! posted, error slots, text areas and the names of codes.

use crate::i18n::I18n;
use leptos::prelude::*;

pub use crate::components::flash;

/// Whether the flash came from the form that has a field named `marker`.
pub fn flash_has(marker: &str) -> bool {
    flash().is_some_and(|f| f.value(marker).is_some())
}

/// A value the user typed, from the flash of the form with field `marker`, else `fallback`.
pub fn typed_or(marker: &str, name: &str, fallback: String) -> String {
    match flash().filter(|f| f.value(marker).is_some()) {
        Some(f) => f.value(name).unwrap_or_default().to_string(),
        None => fallback,
    }
}

/// All values of a repeated field (`correct[]`) from the flash of the form with `marker`.
pub fn typed_all(marker: &str, name: &str) -> Option<Vec<String>> {
    flash().filter(|f| f.value(marker).is_some()).map(|f| {
        f.values
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    })
}

/// The error message for `field`, when the flash is for this form (`show`).
pub fn field_error(field: &str, show: bool) -> Option<String> {
    show.then(|| flash().and_then(|f| f.field_error(field).map(str::to_string)))
        .flatten()
}

/// The error slot of `field`.
pub fn error_slot(field: &'static str, show: bool) -> impl IntoView {
    view! { <p class="field-error" id=format!("e-{field}") data-error-for=field>{field_error(field, show)}</p> }
}

/// A labelled text area with its error slot.
pub fn text_area(
    name: &'static str,
    label: String,
    hint: Option<String>,
    value: String,
    rows: u32,
    show: bool,
) -> impl IntoView {
    let error = field_error(name, show);
    view! {
        <div class="field">
            <label for=format!("f-{name}")>{label}</label>
            {hint.map(|h| view! { <p class="hint" id=format!("h-{name}")>{h}</p> })}
            <textarea id=format!("f-{name}") name=name rows=rows.to_string()
                aria-invalid=error.is_some().then_some("true") aria-describedby=format!("e-{name}")
                inner_html=crate::components::textarea_text(&value)></textarea>
            <p class="field-error" id=format!("e-{name}") data-error-for=name>{error}</p>
        </div>
    }
}

/// The name of a code (`bank.kind_single`, `quiz.status_open`, …).
pub fn label(i: I18n, prefix: &str, code: &str) -> String {
    i.t(&format!("{prefix}_{code}"))
}

/// A Unix time as `YYYY-MM-DD HH:MM WIB`.
pub fn wib(unix: i64) -> String {
    format!("{} WIB", crate::model::wib::date_time_of(unix))
}

/// The first `max` characters of `text`, with `…` when cut.
pub fn excerpt(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(max).collect::<String>())
    }
}
