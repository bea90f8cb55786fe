//! Bulk enrolment by CSV over HTTP: the template, the upload (a plain multipart form that works
//! without JavaScript) and the report. The upload queues a job for the worker (`super::worker`).

use crate::model::{AppError, ErrorKind, Lang};
use crate::ssr::audit::{Actor, Origin};
use crate::ssr::db::{internal, now_unix, Db};
use crate::ssr::guard::Admin;
use crate::ssr::imports::worker::job_file_name;
use crate::ssr::imports::{self, MAX_FILE_BYTES};
use crate::ssr::request::lang_from_headers;
use crate::ssr::storage::{Area, Storage};
use crate::ssr::{scope, AppState};
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Router};
use http::HeaderMap;
use sha2::{Digest, Sha256};
use std::sync::Arc;
use tokio::sync::Notify;

use crate::ssr::csv;
use crate::ssr::http::{redirect, refusal, UploadRefusal};

/// The bell that wakes the worker (uploaded files go to the app's storage).
#[derive(Clone)]
pub struct Imports {
    pub wake: Arc<Notify>,
}

/// The import routes, for merging into the app's router.
pub fn routes(imports: Imports) -> Router<AppState> {
    Router::new()
        .route("/admin/angkatan/{id}/impor/templat.csv", get(template))
        .route(
            "/admin/angkatan/{id}/impor",
            axum::routing::post(upload).layer(DefaultBodyLimit::max(MAX_FILE_BYTES + 64 * 1024)),
        )
        .route("/admin/impor/{id}/laporan.csv", get(report))
        .layer(Extension(imports))
}

/// `Ok` when cohort `cohort_id` is in the admin's scope, else the 404 of a missing cohort.
async fn cohort_in_scope(
    state: &AppState,
    admin: &Admin,
    lang: Lang,
    cohort_id: i64,
) -> Result<(), AppError> {
    match scope::cohort_in_scope(&state.db, admin.scope, crate::model::CohortId(cohort_id)).await {
        Ok(true) => Ok(()),
        Ok(false) => Err(refusal(ErrorKind::NotFound, lang, "scope.cohort_not_found")),
        Err(err) => Err(internal("import scope", err)),
    }
}

/// `GET /admin/angkatan/{id}/impor/templat.csv`.
async fn template(
    State(state): State<AppState>,
    admin: Admin,
    headers: HeaderMap,
    Path(cohort_id): Path<i64>,
) -> Result<Response, AppError> {
    let lang = lang_from_headers(&headers, state.settings.default_lang);
    cohort_in_scope(&state, &admin, lang, cohort_id).await?;
    Ok(csv::download(
        "templat-impor-peserta.csv",
        imports::template_csv(),
    ))
}

/// `GET /admin/impor/{id}/laporan.csv`: the summary and every row error.
async fn report(
    State(state): State<AppState>,
    admin: Admin,
    headers: HeaderMap,
    Path(job_id): Path<i64>,
) -> Result<Response, AppError> {
    let lang = lang_from_headers(&headers, state.settings.default_lang);
    let not_found = || refusal(ErrorKind::NotFound, lang, "import.not_found");
    let job = imports::job(&state.db, job_id)
        .await
        .map_err(|err| internal("import report", err))?
        .ok_or_else(not_found)?;
    match cohort_in_scope(&state, &admin, lang, job.cohort_id.0).await {
        Ok(()) => {}
        Err(refused) if refused.kind == ErrorKind::NotFound => return Err(not_found()),
        Err(refused) => return Err(refused),
    }
    let heading = imports::cohort_heading(&state.db, job.cohort_id.0).await;
    let errors = imports::row_errors(&state.db, job_id, None).await;
    match (heading, errors) {
        (Ok(heading), Ok(errors)) => {
            let cohort_name = heading.map(|h| h.0).unwrap_or_default();
            Ok(csv::download(
                &format!("laporan-impor-{job_id}.csv"),
                imports::report_csv(&job, &cohort_name, &errors, lang),
            ))
        }
        (Err(err), _) | (_, Err(err)) => Err(internal("import report", err)),
    }
}

/// Back to the upload form with `key`'s message next to the file field.
fn back_with_error(cohort_id: i64, lang: Lang, key: &str) -> Response {
    crate::ssr::http::field_error("file", crate::i18n::text(lang, key))
        .back_to(format!("/admin/angkatan/{cohort_id}/impor"))
}

/// Whether the upload looks like a CSV: a CSV-ish name or type, and text rather than a workbook.
pub(crate) fn looks_like_csv(file_name: &str, content_type: &str, bytes: &[u8]) -> bool {
    let name = file_name.to_ascii_lowercase();
    let named = [".csv", ".txt", ".tsv"]
        .iter()
        .any(|ext| name.ends_with(ext));
    let typed = content_type.starts_with("text/")
        || content_type == "application/vnd.ms-excel"
        || content_type == "application/csv";
    let head = &bytes[..bytes.len().min(4096)];
    let binary = head.starts_with(b"PK\x03\x04")
        || head.starts_with(b"\xD0\xCF\x11\xE0")
        || head.contains(&0);
    (named || typed) && !binary
}

/// `POST /admin/angkatan/{id}/impor`: stores the file, queues the job, and goes to its page.
async fn upload(
    State(state): State<AppState>,
    Extension(ctx): Extension<Imports>,
    admin: Admin,
    Origin(address): Origin,
    headers: HeaderMap,
    Path(cohort_id): Path<i64>,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let lang = lang_from_headers(&headers, state.settings.default_lang);
    if let Err(refused) = cohort_in_scope(&state, &admin, lang, cohort_id).await {
        return refused.into_response();
    }
    let Admin { user: admin, .. } = admin;
    let upload = match crate::ssr::http::read_upload(multipart, "file").await {
        Ok(upload) => upload,
        Err(UploadRefusal::TooLarge) => {
            return back_with_error(cohort_id, lang, "import.too_large")
        }
        Err(UploadRefusal::Missing) => return back_with_error(cohort_id, lang, "import.no_file"),
    };
    if upload.bytes.len() > MAX_FILE_BYTES {
        return back_with_error(cohort_id, lang, "import.too_large");
    }
    if !looks_like_csv(&upload.file_name, &upload.content_type, &upload.bytes) {
        return back_with_error(cohort_id, lang, "import.not_csv");
    }
    let file_name = upload.safe_name();
    let bytes = upload.bytes;
    let sha = Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<String>();
    let actor = Actor::new(&admin, address);
    match store(
        &state.db,
        &state.storage,
        cohort_id,
        &actor,
        &file_name,
        &sha,
        lang,
        &bytes,
    )
    .await
    {
        Ok(job_id) => {
            ctx.wake.notify_one();
            tracing::info!(
                job = job_id,
                cohort = cohort_id,
                bytes = bytes.len(),
                "import queued"
            );
            redirect(&format!("/admin/impor/{job_id}"))
        }
        Err(err) => internal("storing an import", err).into_response(),
    }
}

/// Inserts the job and writes its file in one transaction: the worker never sees a job whose
/// file is not there yet, and a failed write leaves no job. The file is durably stored before the
/// commit, so a committed job has its file even after a power cut. The job's audit entry (by
/// `admin`) is written in the same transaction.
#[expect(
    clippy::too_many_arguments,
    reason = "the job's row and its file are written together in one transaction, which needs both the database and the storage besides the job's fields"
)]
async fn store(
    db: &Db,
    storage: &Storage,
    cohort_id: i64,
    admin: &Actor,
    file_name: &str,
    sha: &str,
    lang: Lang,
    bytes: &[u8],
) -> anyhow::Result<i64> {
    use crate::model::audit::{AuditAction, AuditSubject};
    use crate::ssr::audit::{Entry, Scope};
    let now = now_unix();
    let mut tx = db.begin().await?;
    let job_id =
        imports::insert_job(&mut *tx, cohort_id, admin.id, file_name, sha, lang, now).await?;
    let (cohort,): (String,) = sqlx::query_as("select name from cohort where id = $1")
        .bind(cohort_id)
        .fetch_one(&mut *tx)
        .await?;
    let entry = Entry::new(
        AuditAction::ImportStart,
        AuditSubject::ImportJob,
        job_id,
        format!("{file_name} · {cohort}"),
        Scope::Cohort(cohort_id),
    );
    crate::ssr::audit::record(&mut tx, admin, entry, now).await?;
    storage
        .put(Area::Imports, &job_file_name(job_id), bytes)
        .await?;
    tx.commit().await?;
    Ok(job_id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_csv_uploads() {
        assert!(looks_like_csv("peserta.csv", "text/csv", b"nama;email"));
        assert!(looks_like_csv(
            "peserta.CSV",
            "application/vnd.ms-excel",
            b"nama;email"
        ));
        assert!(!looks_like_csv(
            "peserta.xlsx",
            "application/vnd.openxmlformats",
            b"PK\x03\x04"
        ));
        assert!(!looks_like_csv(
            "peserta.csv",
            "text/csv",
            b"PK\x03\x04rest"
        ));
        assert!(!looks_like_csv("foto.png", "image/png", b"\x89PNG"));
    }
}
