//! The pages for "not found" (404) and "not allowed" (403).

use crate::components::{set_status, Layout};
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;

/// Shown for any path Pamong does not know.
#[component]
pub fn NotFound() -> impl IntoView {
    set_status(404);
    let i = use_i18n();
    view! {
        <Layout>
            <Title text=i.t("error.not_found.title")/>
            <section class="panel problem">
                <h1>{i.t("error.not_found.title")}</h1>
                <p>{i.t("error.not_found.body")}</p>
                <p><a class="button" href="/">{i.t("error.go_home")}</a></p>
            </section>
        </Layout>
    }
}

/// Shown when a signed-in user opens a page of another role (inside the layout).
#[component]
pub fn Forbidden() -> impl IntoView {
    set_status(403);
    let i = use_i18n();
    view! {
        <Title text=i.t("error.forbidden.title")/>
        <section class="panel problem">
            <h1>{i.t("error.forbidden.title")}</h1>
            <p>{i.t("error.forbidden.body")}</p>
            <p><a class="button" href="/">{i.t("error.go_home")}</a></p>
        </section>
    }
}
