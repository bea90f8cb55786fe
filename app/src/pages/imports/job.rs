//! `/admin/impor/:id`: one import's progress and result. With JavaScript the progress island
//! polls; without it the page refreshes itself every few seconds until the import ends.

use crate::api::imports::import_job;
use crate::components::{loaded, route_id, SignedInPage};
use crate::i18n::{use_i18n, I18n};
use crate::islands::{ImportProgressBar, ProgressLabels};
use crate::model::imports::ImportJobDetail;
use crate::model::Role;
use leptos::either::Either;
use leptos::prelude::*;

/// Rows with problems shown on the page (the report has all).
const ERRORS_SHOWN: usize = 100;

/// The import's status, counters, first errors and report link.
#[component]
pub fn ImportJobPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&[Role::Admin] title=i.t("import.job_title") children=move |_| {
            let job_id = route_id();
            let data = Resource::new(move || job_id, import_job);
            loaded(i, data, job_view)
        }/>
    }
}

fn labels(i: I18n) -> ProgressLabels {
    ProgressLabels {
        bar: i.t("import.progress_label"),
        processed: i.t("import.progress_text"),
        statuses: ["queued", "running", "done", "failed"]
            .map(|s| i.t(&format!("import.status_{s}"))),
        counts: ["created_accounts", "enrolled", "unchanged", "error_rows"]
            .map(|c| i.t(&format!("import.{c}"))),
    }
}

fn job_view(i: I18n, detail: ImportJobDetail) -> impl IntoView {
    let job = detail.job;
    let p = job.progress.clone();
    let active = p.is_active();
    let cohort = job.cohort_id;
    let shown_note = (p.error_rows as usize > ERRORS_SHOWN || detail.errors.len() >= ERRORS_SHOWN)
        .then(|| {
            i.t_with(
                "import.errors_first",
                &[("shown", &ERRORS_SHOWN.to_string())],
            )
        });
    let errors = detail.errors;
    view! {
        <section class="panel import-job-page">
            <p class="crumbs"><a href=format!("/admin/angkatan/{cohort}/impor")>{i.t("import.new_import")}</a></p>
            <h1>{i.t("import.job_title")}</h1>
            <dl class="import-meta">
                <div><dt>{i.t("import.file")}</dt><dd>{job.file_name}</dd></div>
                <div><dt>{i.t("import.cohort_label")}</dt><dd>{detail.cohort_name}" · "{detail.program_title}</dd></div>
            </dl>
            {active.then(|| view! {
                <noscript><meta http-equiv="refresh" content="3"/></noscript>
                <p class="hint import-refresh">{i.t("import.auto_refresh")}</p>
            })}
            <ImportProgressBar job_id=p.id.0 initial=p.clone() labels=labels(i)/>
            {p.message.clone().map(|m| view! { <p class="form-error" role="alert">{m}</p> })}
            {(!active).then(|| view! {
                <p>
                    <a class="button" href=format!("/admin/impor/{}/laporan.csv", p.id) download=format!("laporan-impor-{}.csv", p.id)>
                        {i.t("import.report_download")}
                    </a>
                </p>
            })}
        </section>
        {(!active).then(|| view! {
            <section class="panel">
                <h2>{i.t("import.errors_title")}</h2>
                {shown_note.map(|n| view! { <p class="hint">{n}</p> })}
                {if errors.is_empty() {
                    Either::Left(view! { <p>{i.t("import.no_errors")}</p> })
                } else {
                    Either::Right(view! {
                        <ol class="import-errors">
                            {errors.into_iter().map(|e| view! {
                                <li>
                                    <span class="import-line">{i.t("import.col_line")}" "{e.line}</span>
                                    <span class="import-field">{e.field}</span>
                                    <span class="import-message">{e.message}</span>
                                </li>
                            }).collect_view()}
                        </ol>
                    })
                }}
            </section>
        })}
    }
}
