//! Form pieces that keep what the user typed and show errors next to the field, with or without
//! JavaScript: the values and messages come from the flash after a JavaScript-off post, and the
//! `EnhancedForm` island fills the same `data-error-for` slots when hydrated.

use crate::model::Flash;
use leptos::prelude::*;

/// The flash of a JavaScript-off post, if any.
pub fn flash() -> Option<Flash> {
    use_context::<Flash>()
}

/// What the flash holds for `field`: its error message and the value the user typed.
fn flash_field(name: &str) -> (Option<String>, Option<String>) {
    let flash = flash();
    let error = flash
        .as_ref()
        .and_then(|f| f.field_error(name))
        .map(str::to_string);
    let typed = flash
        .as_ref()
        .and_then(|f| f.value(name))
        .map(str::to_string);
    (error, typed)
}

/// The value the user typed into `name` before a refused JavaScript-off post, for a field
/// written by hand (a text area).
pub fn form_field_value(name: &str) -> Option<String> {
    flash_field(name).1
}

/// The flash's error for `name`, for an input written by hand (a file field).
pub fn form_field_error(name: &str) -> Option<String> {
    flash_field(name).0
}

/// A labelled input with its hint and its error slot.
#[component]
pub fn Field(
    /// The form field name, also the server function argument.
    name: &'static str,
    label: String,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional)] hint: Option<String>,
    #[prop(optional)] required: bool,
    /// The value shown when the flash does not hold one.
    #[prop(optional)]
    value: Option<String>,
) -> impl IntoView {
    let (error, typed) = flash_field(name);
    // Passwords are never sent back, so never refilled.
    let typed = typed.filter(|_| kind != "password").or(value);
    let id = format!("f-{name}");
    let error_id = format!("e-{name}");
    let hint_id = format!("h-{name}");
    let described_by = if hint.is_some() {
        format!("{hint_id} {error_id}")
    } else {
        error_id.clone()
    };
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id>{h}</p> })}
            <input
                id=id
                name=name
                type=kind
                value=typed
                autocomplete=autocomplete
                inputmode=inputmode
                required=required
                aria-invalid=error.is_some().then_some("true")
                aria-describedby=described_by
            />
            <p class="field-error" id=error_id data-error-for=name>{error}</p>
        </div>
    }
}

/// A labelled `<select>`; `options` are (value, label) pairs.
#[component]
pub fn SelectField(
    name: &'static str,
    label: String,
    options: Vec<(String, String)>,
    #[prop(optional)] selected: Option<String>,
) -> impl IntoView {
    let (error, typed) = flash_field(name);
    let selected = typed.or(selected);
    let id = format!("f-{name}");
    let error_id = format!("e-{name}");
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id name=name aria-invalid=error.is_some().then_some("true") aria-describedby=error_id.clone()>
                {options
                    .into_iter()
                    .map(|(value, text)| {
                        let is_selected = selected.as_deref() == Some(value.as_str());
                        view! { <option value=value selected=is_selected>{text}</option> }
                    })
                    .collect_view()}
            </select>
            <p class="field-error" id=error_id data-error-for=name>{error}</p>
        </div>
    }
}

/// The message for the whole form: the flash's error when `show` (the flash came from this form;
/// a page may have several), and always the slot the island fills.
pub fn form_message(show: bool) -> impl IntoView {
    let message = show
        .then(|| flash().and_then(|f| f.error).map(|e| e.message))
        .flatten();
    view! { <p class="form-error" data-error-for="_form" role="alert">{message}</p> }
}

/// The message for the only form of a page: any error from the flash, or the slot the island
/// fills.
#[component]
pub fn FormMessage() -> impl IntoView {
    form_message(true)
}

/// The submit button.
#[component]
pub fn SubmitButton(label: String, #[prop(optional)] secondary: bool) -> impl IntoView {
    let class = if secondary {
        "button secondary"
    } else {
        "button"
    };
    view! { <button type="submit" class=class>{label}</button> }
}

/// `text` escaped for the inside of a `<textarea>`.
///
/// Leptos 0.8 (tachys 0.2) writes a `<textarea>`'s children unescaped on the server (it treats
/// the element like `<script>`), so `</textarea><script>…` typed by a user would end the element and
/// run. Text areas therefore take their text through `inner_html` with this escaping, which stays
/// right whatever Leptos does with children. Found by the boards' XSS corpus test.
pub fn textarea_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    #[test]
    fn text_area_text_cannot_close_its_element() {
        assert_eq!(
            super::textarea_text("a & b </textarea><script>x</script>"),
            "a &amp; b &lt;/textarea&gt;&lt;script&gt;x&lt;/script&gt;"
        );
    }
}
