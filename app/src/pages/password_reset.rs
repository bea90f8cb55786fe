//! `/lupa-sandi` (ask for a reset link by e-mail, NIP or NUPTK) and `/sandi-baru?token=…` (the
//! page the link opens: a new password). Both work with JavaScript off.

use crate::components::{Field, FormMessage, Layout, SubmitButton};
use crate::i18n::use_i18n;
use crate::islands::EnhancedForm;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The request form.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <Layout>
            <Title text=i.t("reset.title")/>
            <section class="panel narrow">
                <h1>{i.t("reset.title")}</h1>
                <p class="lead">{i.t("reset.lead")}</p>
                <EnhancedForm action="/api/request_password_reset".to_string() busy_label=i.t("form.busy") offline_message=i.t("form.offline")>
                    <FormMessage/>
                    <Field name="akun" label=i.t("activation.account") hint=i.t("activation.account_hint") autocomplete="username" required=true/>
                    <SubmitButton label=i.t("reset.submit")/>
                </EnhancedForm>
                <p class="aside">{i.t("reset.no_email")} " " <a href="/aktivasi">{i.t("sign_in.activate_link")}</a></p>
                <p class="aside"><a href="/masuk">{i.t("reset.back_to_sign_in")}</a></p>
            </section>
        </Layout>
    }
}

/// The new-password form a reset link opens; without a token, a pointer back to the request.
#[component]
pub fn NewPasswordPage() -> impl IntoView {
    let i = use_i18n();
    let token = use_query_map()
        .get_untracked()
        .get("token")
        .unwrap_or_default();
    let form = if token.trim().is_empty() {
        Either::Left(view! {
            <p class="form-error" role="alert">{i.t("reset.link_unknown")}</p>
            <p><a class="button" href="/lupa-sandi">{i.t("reset.ask_again")}</a></p>
        })
    } else {
        Either::Right(view! {
            <EnhancedForm action="/api/reset_password".to_string() busy_label=i.t("form.busy") offline_message=i.t("form.offline")>
                <FormMessage/>
                <input type="hidden" name="token" value=token/>
                <Field name="password" label=i.t("field.new_password") kind="password" autocomplete="new-password" hint=i.t("field.password_hint") required=true/>
                <Field name="password_confirm" label=i.t("field.password_confirm") kind="password" autocomplete="new-password" required=true/>
                <SubmitButton label=i.t("reset.set_submit")/>
            </EnhancedForm>
            <p class="aside"><a href="/lupa-sandi">{i.t("reset.ask_again")}</a></p>
        })
    };
    view! {
        <Layout>
            <Title text=i.t("reset.set_title")/>
            <section class="panel narrow">
                <h1>{i.t("reset.set_title")}</h1>
                <p class="lead">{i.t("reset.set_lead")}</p>
                {form}
            </section>
        </Layout>
    }
}
