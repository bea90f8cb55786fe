//! Pamong's Leptos app: pages rendered on the server, islands hydrated in the browser, the typed
//! models both sides share, and the server functions behind every form.

// A page's view is one nested type; the compiler walks it to lay out the future that hydrates
// it, and the host's session page (its roster form) goes past the default depth of 128.
#![recursion_limit = "256"]

pub mod api;
mod app;
#[cfg(feature = "hydrate")]
mod client;
pub mod components;
pub mod i18n;
pub mod islands;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod ssr;

pub use app::{shell, App};

/// Entry point of the wasm bundle: hydrates the islands, then marks the page as interactive.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    leptos::mount::hydrate_islands();
    if let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    {
        let _ = body.set_attribute("data-hydrated", "true");
    }
}
