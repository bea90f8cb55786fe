//! `/sertifikat/periksa`: a plain upload form (no sign-in, works with JavaScript off) that posts
//! the credential file to `POST /sertifikat/periksa`; the verdict comes back in the flash and is
//! shown under the form, with the credential's main facts.

use crate::components::form::flash;
use crate::components::Layout;
use crate::i18n::{use_i18n, I18n};
use crate::model::credentials::{result_of, CheckResult, CredentialSummary};
use crate::model::wib::pretty_date;
use crate::model::Lang;
use leptos::prelude::*;
use leptos_meta::Title;

/// The check page.
#[component]
pub fn CredentialCheckPage() -> impl IntoView {
    let i = use_i18n();
    let result = flash().as_ref().and_then(result_of);
    view! {
        <Layout>
            <Title text=i.t("credentials.check_title")/>
            <section class="panel narrow">
                <h1>{i.t("credentials.check_title")}</h1>
                <p class="lead">{i.t("credentials.check_lead")}</p>
                <form method="post" action="/sertifikat/periksa" enctype="multipart/form-data">
                    <div class="field">
                        <label for="f-file">{i.t("credentials.file")}</label>
                        <input id="f-file" type="file" name="file" accept=".json,application/json,application/vc+ld+json" required aria-describedby="f-file-hint"/>
                        <p class="hint" id="f-file-hint">{i.t("credentials.file_hint")}</p>
                        <p class="field-error" data-error-for="file">{crate::components::form_field_error("file")}</p>
                    </div>
                    <button type="submit" class="button">{i.t("credentials.check")}</button>
                </form>
            </section>
            {result.map(|r| verdict(i, r))}
        </Layout>
    }
}

/// The verdict panel.
fn verdict(i: I18n, result: CheckResult) -> impl IntoView {
    let (class, title, detail, summary) = match result {
        CheckResult::Valid { summary } => (
            "notice-inline ok",
            i.t("credentials.valid"),
            i.t("credentials.valid_detail"),
            Some(summary),
        ),
        CheckResult::Revoked {
            summary,
            on,
            reason,
        } => {
            let on = on
                .map(|d| pretty_date(&d, i.0 == Lang::En))
                .unwrap_or_else(|| "-".to_string());
            let reason = reason.unwrap_or_else(|| "-".to_string());
            (
                "notice-inline warn",
                i.t("credentials.revoked"),
                i.t_with(
                    "credentials.revoked_detail",
                    &[("date", &on), ("reason", &reason)],
                ),
                Some(summary),
            )
        }
        CheckResult::Tampered => (
            "notice-inline warn",
            i.t("credentials.tampered"),
            i.t("credentials.tampered_detail"),
            None,
        ),
        CheckResult::UnknownIssuer => (
            "notice-inline warn",
            i.t("credentials.unknown_issuer"),
            i.t("credentials.unknown_issuer_detail"),
            None,
        ),
    };
    view! {
        <section class="panel narrow" id="hasil" aria-live="polite">
            <h2>{i.t("credentials.result")}</h2>
            <p class=class role="status"><strong>{title}</strong> " " {detail}</p>
            {summary.map(|s| facts(i, s))}
        </section>
    }
}

/// The main facts the credential states.
fn facts(i: I18n, s: CredentialSummary) -> impl IntoView {
    let issued = s.issued.get(..10).unwrap_or_default().to_string();
    let issued = pretty_date(&issued, i.0 == Lang::En);
    view! {
        <dl class="facts">
            <dt>{i.t("credentials.participant")}</dt><dd>{s.participant_name}</dd>
            {s.nip.map(|nip| view! { <dt>"NIP"</dt><dd>{nip}</dd> })}
            <dt>{i.t("credentials.training")}</dt><dd>{s.training}</dd>
            <dt>{i.t("credentials.institution")}</dt><dd>{s.institution}</dd>
            <dt>{i.t("credentials.issued")}</dt><dd>{issued}</dd>
            {s.jp.map(|jp| view! { <dt>"JP"</dt><dd>{jp}</dd> })}
            {s.result.map(|r| view! { <dt>{i.t("credentials.outcome")}</dt><dd>{r}</dd> })}
            <dt>{i.t("credentials.details")}</dt><dd>{s.description}</dd>
        </dl>
    }
}
