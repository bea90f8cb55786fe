//! `/daftar`: self-registration of a participant.

use crate::components::guard::viewer;
use crate::components::{Field, FormMessage, Layout, SubmitButton};
use crate::i18n::use_i18n;
use crate::islands::EnhancedForm;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;

/// Name, e-mail, optional NIP, password twice.
#[component]
pub fn SignUpPage() -> impl IntoView {
    let i = use_i18n();
    if let Some(user) = viewer() {
        return Either::Left(view! { <Redirect path=user.role.home_path()/> });
    }
    Either::Right(view! {
        <Layout>
            <Title text=i.t("sign_up.title")/>
            <section class="panel narrow">
                <h1>{i.t("sign_up.title")}</h1>
                <p class="lead">{i.t("sign_up.lead")}</p>
                <EnhancedForm action="/api/sign_up".to_string() busy_label=i.t("form.busy") offline_message=i.t("form.offline")>
                    <FormMessage/>
                    <Field name="name" label=i.t("field.full_name") autocomplete="name" required=true/>
                    <Field name="email" label=i.t("field.email") kind="email" autocomplete="email" inputmode="email" required=true/>
                    <Field name="nip" label=i.t("field.nip_optional") inputmode="numeric" hint=i.t("field.nip_hint")/>
                    <Field name="password" label=i.t("field.password") kind="password" autocomplete="new-password" hint=i.t("field.password_hint") required=true/>
                    <Field name="password_confirm" label=i.t("field.password_confirm") kind="password" autocomplete="new-password" required=true/>
                    <SubmitButton label=i.t("sign_up.submit")/>
                </EnhancedForm>
                <p class="aside">{i.t("sign_up.have_account")} " " <a href="/masuk">{i.t("sign_up.sign_in_link")}</a></p>
            </section>
        </Layout>
    })
}
