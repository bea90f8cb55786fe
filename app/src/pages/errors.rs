//! The page for "not found" (404). The "not allowed" (403) panel is `components::guard::Forbidden`,
//! which the role check shows.

use crate::components::page::problem_panel;
use crate::components::{set_status, Layout};
use leptos::prelude::*;

/// Shown for any path Pamong does not know.
#[component]
pub fn NotFound() -> impl IntoView {
    set_status(404);
    view! {
        <Layout>
            {problem_panel("error.not_found.title", "error.not_found.body")}
        </Layout>
    }
}
