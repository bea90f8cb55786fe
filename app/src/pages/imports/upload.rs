//! `/admin/angkatan/:id/impor`: upload a CSV into a cohort (a plain multipart form that works
//! without JavaScript), download the template, and see the cohort's earlier imports.

use crate::api::imports::cohort_imports;
use crate::components::{loaded, route_id, SignedInPage};
use crate::i18n::{use_i18n, I18n};
use crate::model::imports::{CohortImportList, ImportSummary};
use crate::model::{Flash, Role};
use leptos::either::Either;
use leptos::prelude::*;

/// The upload form and the list of earlier imports.
#[component]
pub fn ImportPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&[Role::Admin] title=i.t("import.title") children=move |_| {
            let cohort_id = route_id();
            let data = Resource::new(move || cohort_id, cohort_imports);
            loaded(i, data, upload_view)
        }/>
    }
}

fn upload_view(i: I18n, list: CohortImportList) -> impl IntoView {
    let id = list.cohort_id;
    let error = use_context::<Flash>().and_then(|f| f.field_error("file").map(str::to_string));
    let seats = i.t_with(
        "import.seats",
        &[
            ("quota", &list.quota.to_string()),
            ("taken", &list.seats_taken.to_string()),
        ],
    );
    let jobs = list.jobs;
    view! {
        <section class="panel narrow import-upload">
            <p class="crumbs"><a href=format!("/admin/angkatan/{id}")>{i.t("import.back_to_cohort")}</a></p>
            <h1>{i.t("import.title")}</h1>
            <p class="import-cohort"><strong>{list.cohort_name}</strong>" · "{list.program_title}</p>
            <p class="lead">{i.t("import.lead")}</p>
            <p class="import-seats">{seats}</p>
            <p>
                <a class="button secondary" href=format!("/admin/angkatan/{id}/impor/templat.csv") download="templat-impor-peserta.csv">
                    {i.t("import.template")}
                </a>
            </p>
            <p class="hint">{i.t("import.template_hint")}</p>
            <form method="post" action=format!("/admin/angkatan/{id}/impor") enctype="multipart/form-data" class="import-form">
                <div class="field">
                    <label for="f-file">{i.t("import.file_label")}</label>
                    <p class="hint" id="h-file">{i.t("import.file_hint")}</p>
                    <input
                        id="f-file"
                        name="file"
                        type="file"
                        accept=".csv,.txt,text/csv"
                        required=true
                        aria-invalid=error.is_some().then_some("true")
                        aria-describedby="h-file e-file"
                    />
                    <p class="field-error" id="e-file" role="alert">{error}</p>
                </div>
                <button type="submit" class="button">{i.t("import.submit")}</button>
            </form>
        </section>
        <section class="panel narrow">
            <h2>{i.t("import.history")}</h2>
            {if jobs.is_empty() {
                Either::Left(view! { <p>{i.t("import.none_yet")}</p> })
            } else {
                Either::Right(view! {
                    <ul class="import-jobs">
                        {jobs.into_iter().map(|job| job_item(i, job)).collect_view()}
                    </ul>
                })
            }}
        </section>
    }
}

fn job_item(i: I18n, job: ImportSummary) -> impl IntoView {
    let p = job.progress;
    let status = i.t(&format!("import.status_{}", p.status));
    let counts = format!(
        "{}: {} · {}: {} · {}: {} · {}: {}",
        i.t("import.created_accounts"),
        p.created_accounts,
        i.t("import.enrolled"),
        p.enrolled,
        i.t("import.unchanged"),
        p.unchanged,
        i.t("import.error_rows"),
        p.error_rows
    );
    view! {
        <li class="import-job">
            <a href=format!("/admin/impor/{}", p.id)>{job.file_name}</a>
            <span class=format!("import-badge {}", p.status)>{status}</span>
            <span class="import-job-counts">{counts}</span>
        </li>
    }
}
