//! `/akun`: the signed-in person's own account: changing the password, data-saving mode.

use crate::components::{Field, FormMessage, SignedInPage, SubmitButton};
use crate::i18n::use_i18n;
use crate::islands::EnhancedForm;
use crate::model::Role;
use leptos::prelude::*;

/// Account details and the change-password form.
#[component]
pub fn AccountPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&Role::ALL title=i.t("account.title") children=move |user| view! {
            <section class="panel narrow">
                <h1>{i.t("account.title")}</h1>
                <dl class="facts">
                    <dt>{i.t("field.full_name")}</dt><dd>{user.name}</dd>
                    <dt>{i.t("field.email")}</dt><dd>{crate::components::email_or_dash(user.email.as_deref())}</dd>
                    <dt>{i.t("field.role")}</dt><dd>{i.t(&format!("role.{}", user.role.code()))}</dd>
                    <dt>{i.t("field.institution")}</dt><dd>{user.institution_name.unwrap_or_else(|| i.t("account.no_institution"))}</dd>
                </dl>
                <h2>{i.t("account.change_password")}</h2>
                <EnhancedForm action="/api/change_password".to_string() busy_label=i.t("form.busy") offline_message=i.t("form.offline")>
                    <FormMessage/>
                    <Field name="current_password" label=i.t("field.current_password") kind="password" autocomplete="current-password" required=true/>
                    <Field name="new_password" label=i.t("field.new_password") kind="password" autocomplete="new-password" hint=i.t("field.password_hint") required=true/>
                    <Field name="new_password_confirm" label=i.t("field.password_confirm") kind="password" autocomplete="new-password" required=true/>
                    <SubmitButton label=i.t("account.change_password_submit")/>
                </EnhancedForm>
            </section>
            <crate::pages::materials::DataSavingSetting/>
        }/>
    }
}
