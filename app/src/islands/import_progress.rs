//! The live progress of a bulk import: a `<progress>` bar and counters that poll the server about
//! once a second, and reload the page (with its errors and report link) when the import ends.
//! Without JavaScript the same markup is rendered by the server and the page refreshes itself.

use crate::model::imports::ImportStatus;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The island's texts (islands carry no locale table).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgressLabels {
    pub bar: String,
    /// `{processed} of {total} rows processed`.
    pub processed: String,
    /// Status names: queued, running, done, failed.
    pub statuses: [String; 4],
    /// Created accounts, enrolled, unchanged, rows with problems.
    pub counts: [String; 4],
}

impl ProgressLabels {
    fn status(&self, code: &str) -> String {
        let i = match code {
            "queued" => 0,
            "running" => 1,
            "done" => 2,
            _ => 3,
        };
        self.statuses[i].clone()
    }
}

/// Progress of import `job_id`, starting from `initial`.
#[island(lazy)]
pub fn ImportProgressBar(
    job_id: i64,
    initial: ImportStatus,
    labels: ProgressLabels,
) -> impl IntoView {
    let status = RwSignal::new(initial);
    #[cfg(feature = "hydrate")]
    crate::client::count_hydrated_island();
    #[cfg(feature = "hydrate")]
    if status.get_untracked().is_active() {
        poll(job_id, status);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = job_id;
    let labels = StoredValue::new(labels);
    let count = move |i: usize, value: fn(&ImportStatus) -> i64| {
        view! {
            <div>
                <dt>{labels.with_value(|l| l.counts[i].clone())}</dt>
                <dd data-count=i>{move || status.with(value)}</dd>
            </div>
        }
    };
    view! {
        <div class="import-progress" aria-live="polite">
            <p class="import-status" data-status=move || status.with(|s| s.status.as_str())>
                {move || status.with(|s| labels.with_value(|l| l.status(s.status.as_str())))}
            </p>
            <progress
                aria-label=labels.with_value(|l| l.bar.clone())
                max=move || status.with(|s| s.total_rows.max(1))
                value=move || status.with(|s| s.processed_rows)
            ></progress>
            <p class="import-processed">
                {move || status.with(|s| labels.with_value(|l| l.processed
                    .replace("{processed}", &s.processed_rows.to_string())
                    .replace("{total}", &s.total_rows.to_string())))}
            </p>
            <dl class="import-counts">
                {count(0, |s| s.created_accounts)}
                {count(1, |s| s.enrolled)}
                {count(2, |s| s.unchanged)}
                {count(3, |s| s.error_rows)}
            </dl>
        </div>
    }
}

/// Asks the server every second; reloads the page once the import has ended.
#[cfg(feature = "hydrate")]
fn poll(job_id: i64, status: RwSignal<ImportStatus>) {
    use std::cell::Cell;
    use std::rc::Rc;
    let busy = Rc::new(Cell::new(false));
    leptos::prelude::set_interval(
        move || {
            if busy.replace(true) {
                return;
            }
            let busy = busy.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if let Some(next) = fetch_status(job_id).await {
                    let ended = !next.is_active();
                    status.set(next);
                    if ended {
                        if let Some(window) = web_sys::window() {
                            let _ = window.location().reload();
                        }
                        return;
                    }
                }
                busy.set(false);
            });
        },
        std::time::Duration::from_secs(1),
    );
}

#[cfg(feature = "hydrate")]
async fn fetch_status(job_id: i64) -> Option<ImportStatus> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let headers = web_sys::Headers::new().ok()?;
    headers.set("Accept", "application/json").ok()?;
    headers
        .set("Content-Type", "application/x-www-form-urlencoded")
        .ok()?;
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_headers(&headers);
    init.set_body(&wasm_bindgen::JsValue::from_str(&format!(
        "job_id={job_id}"
    )));
    let request = web_sys::Request::new_with_str_and_init("/api/import_progress", &init).ok()?;
    let response: web_sys::Response =
        JsFuture::from(web_sys::window()?.fetch_with_request(&request))
            .await
            .ok()?
            .dyn_into()
            .ok()?;
    if !response.ok() {
        return None;
    }
    let text = JsFuture::from(response.text().ok()?)
        .await
        .ok()?
        .as_string()?;
    serde_json::from_str(&text).ok()
}
