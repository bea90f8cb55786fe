//! Background submission of an `EnhancedForm`: the same urlencoded body a plain post sends, with
//! `Accept: application/json` so the server answers with the error instead of a redirect.

use crate::model::AppError;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    Element, FormData, Headers, HtmlButtonElement, HtmlFormElement, Request, RequestInit, Response,
    SubmitEvent, UrlSearchParams,
};

/// Handles the submit event of an enhanced form.
pub fn submit(ev: SubmitEvent, busy_label: String, offline_message: String) {
    let Some(form) = ev
        .target()
        .and_then(|t| t.dyn_into::<HtmlFormElement>().ok())
    else {
        return;
    };
    ev.prevent_default();
    if form.get_attribute("aria-busy").as_deref() == Some("true") {
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        let button = submit_button(&form);
        let idle_label = button.as_ref().and_then(|b| b.text_content());
        set_busy(&form, button.as_ref(), Some(&busy_label));
        let outcome = send(&form).await;
        match outcome {
            Ok(Outcome::Navigate(location)) => {
                if let Some(window) = web_sys::window() {
                    let _ = window.location().assign(&location);
                }
                // Stay busy: the page is leaving.
                return;
            }
            Ok(Outcome::Reload) => {
                if let Some(window) = web_sys::window() {
                    let _ = window.location().reload();
                }
                return;
            }
            Ok(Outcome::Failed(error)) => show_errors(&form, &error),
            Err(_) => show_errors(
                &form,
                &AppError::new(crate::model::ErrorKind::Internal, offline_message),
            ),
        }
        set_busy(&form, button.as_ref(), idle_label.as_deref());
    });
}

enum Outcome {
    Navigate(String),
    Reload,
    Failed(AppError),
}

async fn send(form: &HtmlFormElement) -> Result<Outcome, JsValue> {
    let data = FormData::new_with_form(form)?;
    let body = UrlSearchParams::new_with_str_sequence_sequence(&data)?;
    let headers = Headers::new()?;
    headers.set("Accept", "application/json")?;
    headers.set("Content-Type", "application/x-www-form-urlencoded")?;
    let init = RequestInit::new();
    init.set_method("POST");
    init.set_headers(&headers);
    init.set_body(&body);
    let request = Request::new_with_str_and_init(&form.action(), &init)?;
    let window = web_sys::window().ok_or(JsValue::NULL)?;
    let response: Response = JsFuture::from(window.fetch_with_request(&request))
        .await?
        .dyn_into()?;
    if response.ok() {
        return Ok(match response.headers().get("location")? {
            Some(location) => Outcome::Navigate(location),
            None => Outcome::Reload,
        });
    }
    let text = JsFuture::from(response.text()?)
        .await?
        .as_string()
        .unwrap_or_default();
    let error = serde_json::from_str::<AppError>(&text)
        .unwrap_or_else(|_| AppError::new(crate::model::ErrorKind::Internal, text));
    Ok(Outcome::Failed(error))
}

fn submit_button(form: &HtmlFormElement) -> Option<HtmlButtonElement> {
    form.query_selector("button[type=submit]")
        .ok()
        .flatten()
        .and_then(|b| b.dyn_into().ok())
}

fn set_busy(form: &HtmlFormElement, button: Option<&HtmlButtonElement>, label: Option<&str>) {
    let busy = form.get_attribute("aria-busy").as_deref() != Some("true");
    let _ = form.set_attribute("aria-busy", if busy { "true" } else { "false" });
    if let Some(button) = button {
        button.set_disabled(busy);
        button.set_text_content(label);
    }
}

fn each(form: &HtmlFormElement, selector: &str, mut f: impl FnMut(Element)) {
    if let Ok(nodes) = form.query_selector_all(selector) {
        for index in 0..nodes.length() {
            if let Some(element) = nodes.item(index).and_then(|n| n.dyn_into::<Element>().ok()) {
                f(element);
            }
        }
    }
}

fn show_errors(form: &HtmlFormElement, error: &AppError) {
    each(form, "[data-error-for]", |slot| slot.set_text_content(None));
    each(form, "[aria-invalid]", |input| {
        let _ = input.remove_attribute("aria-invalid");
    });
    let mut first_invalid: Option<web_sys::HtmlElement> = None;
    for field in &error.fields {
        if let Ok(Some(slot)) =
            form.query_selector(&format!("[data-error-for=\"{}\"]", field.field))
        {
            slot.set_text_content(Some(&field.message));
        }
        if let Ok(Some(input)) = form.query_selector(&format!("[name=\"{}\"]", field.field)) {
            let _ = input.set_attribute("aria-invalid", "true");
            if first_invalid.is_none() {
                first_invalid = input.dyn_into().ok();
            }
        }
    }
    if let Ok(Some(slot)) = form.query_selector("[data-error-for=\"_form\"]") {
        slot.set_text_content(Some(&error.message));
    }
    if let Some(input) = first_invalid {
        let _ = input.focus();
    }
}
