//! Browser-only code behind the islands (compiled with the `hydrate` feature only).

pub mod form;
pub mod live;
pub mod quiz;
pub mod unread;

/// Counts one more hydrated island in `data-islands-hydrated` on `<body>`.
///
/// Leptos hydrates islands after the wasm entry point has run, each lazy one once its chunk has
/// loaded, so `data-hydrated` on `<body>` only says the main module is running. An island calls this
/// first thing in its body: its view is hydrated in the same task, so when the count equals the
/// number of `<leptos-island>` elements, every island on the page is listening.
pub fn count_hydrated_island() {
    let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    else {
        return;
    };
    let count = body
        .get_attribute("data-islands-hydrated")
        .and_then(|n| n.parse::<u32>().ok())
        .unwrap_or(0);
    let _ = body.set_attribute("data-islands-hydrated", &(count + 1).to_string());
}
