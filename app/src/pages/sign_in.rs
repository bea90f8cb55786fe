//! The sign-in page, and `/` which sends each visitor where they belong.

use crate::components::guard::viewer;
use crate::components::{Field, FormMessage, Layout, SubmitButton};
use crate::i18n::use_i18n;
use crate::islands::EnhancedForm;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

/// `/`: the role's home page when signed in, else the sign-in page.
#[component]
pub fn Root() -> impl IntoView {
    let target = viewer().map(|u| u.role.home_path()).unwrap_or("/masuk");
    view! { <Redirect path=target/> }
}

/// `/masuk`: e-mail, NIP or NUPTK, and password.
#[component]
pub fn SignInPage() -> impl IntoView {
    let i = use_i18n();
    if let Some(user) = viewer() {
        return Either::Left(view! { <Redirect path=user.role.home_path()/> });
    }
    let next = use_query_map()
        .get_untracked()
        .get("next")
        .unwrap_or_default();
    Either::Right(view! {
        <Layout>
            <Title text=i.t("sign_in.title")/>
            <section class="panel narrow">
                <h1>{i.t("sign_in.title")}</h1>
                <p class="lead">{i.t("sign_in.lead")}</p>
                <EnhancedForm action="/api/sign_in".to_string() busy_label=i.t("form.busy") offline_message=i.t("form.offline")>
                    <FormMessage/>
                    <input type="hidden" name="next" value=next/>
                    <Field name="email" label=i.t("sign_in.account") autocomplete="username" required=true/>
                    <Field name="password" label=i.t("field.password") kind="password" autocomplete="current-password" required=true/>
                    <SubmitButton label=i.t("sign_in.submit")/>
                </EnhancedForm>
                <p class="aside"><a href="/lupa-sandi">{i.t("sign_in.forgot_link")}</a></p>
                <p class="aside">{i.t("sign_in.no_account")} " " <a href="/daftar">{i.t("sign_in.register_link")}</a></p>
                <p class="aside">{i.t("sign_in.have_code")} " " <a href="/aktivasi">{i.t("sign_in.activate_link")}</a></p>
            </section>
        </Layout>
    })
}
