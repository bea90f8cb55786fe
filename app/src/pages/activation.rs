//! `/aktivasi`: an imported or admin-created account is activated with its code and a new
//! password. The link in the activation e-mail fills in the code and the account
//! (`?kode=…&akun=…`); a teacher with a printed letter types them. Works with JavaScript off.

use crate::components::{Field, FormMessage, Layout, SubmitButton};
use crate::i18n::use_i18n;
use crate::islands::EnhancedForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The activation form.
#[component]
pub fn ActivationPage() -> impl IntoView {
    let i = use_i18n();
    let query = use_query_map().get_untracked();
    let code = query.get("kode").unwrap_or_default();
    let account = query.get("akun").unwrap_or_default();
    view! {
        <Layout>
            <Title text=i.t("activation.title")/>
            <section class="panel narrow">
                <h1>{i.t("activation.title")}</h1>
                <p class="lead">{i.t("activation.lead")}</p>
                <EnhancedForm action="/api/activate".to_string() busy_label=i.t("form.busy") offline_message=i.t("form.offline")>
                    <FormMessage/>
                    <Field name="akun" label=i.t("activation.account") hint=i.t("activation.account_hint") autocomplete="username" required=true value=account/>
                    <Field name="kode" label=i.t("activation.code") hint=i.t("activation.code_hint") autocomplete="one-time-code" required=true value=code/>
                    <Field name="password" label=i.t("field.new_password") kind="password" autocomplete="new-password" hint=i.t("field.password_hint") required=true/>
                    <Field name="password_confirm" label=i.t("field.password_confirm") kind="password" autocomplete="new-password" required=true/>
                    <SubmitButton label=i.t("activation.submit")/>
                </EnhancedForm>
            </section>
        </Layout>
    }
}

/// The "new activation code" button of one participant on a cohort's roster (a plain post; the
/// roster comes back with the code in its notice).
pub fn reissue_button(
    i: crate::i18n::I18n,
    cohort: crate::model::ids::CohortId,
    user: crate::model::UserId,
) -> impl IntoView {
    view! {
        <form class="inline" method="post" action="/api/reissue_activation">
            <input type="hidden" name="cohort_id" value=cohort.to_string()/>
            <input type="hidden" name="user_id" value=user.to_string()/>
            <button type="submit" class="button secondary small">{i.t("activation.reissue")}</button>
        </form>
    }
}

/// The forms that print activation letters (CSV and PDF) for everyone at `base`
/// (`/admin/angkatan/{id}` or `/admin/lembaga/{id}`) who has not activated.
pub fn letters_forms(i: crate::i18n::I18n, base: String) -> impl IntoView {
    view! {
        <div class="activation-letters">
            <h2>{i.t("activation.letters_title")}</h2>
            <p class="hint">{i.t("activation.letters_lead")}</p>
            <form class="inline" method="post" action=format!("{base}/surat-aktivasi.csv")>
                <button type="submit" class="button secondary small">{i.t("activation.letters_csv")}</button>
            </form>
            " "
            <form class="inline" method="post" action=format!("{base}/surat-aktivasi.pdf")>
                <button type="submit" class="button secondary small">{i.t("activation.letters_pdf")}</button>
            </form>
        </div>
    }
}

/// The two small letter buttons (CSV, PDF) of one school in the institution list: letters for
/// its participants (by verified institution) who have not activated.
pub fn school_letters(i: crate::i18n::I18n, school: String) -> impl IntoView {
    let base = format!("/admin/lembaga/{school}");
    view! {
        <form class="inline" method="post" action=format!("{base}/surat-aktivasi.csv")>
            <button type="submit" class="button secondary small">{i.t("activation.letters_csv")}</button>
        </form>
        <form class="inline" method="post" action=format!("{base}/surat-aktivasi.pdf")>
            <button type="submit" class="button secondary small">{i.t("activation.letters_pdf")}</button>
        </form>
    }
}
