//! The record's downloads: a teacher's evidence portfolio (`/peserta/portofolio.zip`) and a
//! cohort's certificates as one ZIP for its organiser (`/admin/angkatan/{id}/sertifikat.zip`),
//! both written while they are sent.

use super::portfolio::{self, safe_name};
use super::zip_stream;
use crate::model::{AppError, CohortId, ErrorKind};
use crate::ssr::credentials::credential::{self, Site};
use crate::ssr::credentials::keys::KeyStore;
use crate::ssr::db::internal;
use crate::ssr::guard::{Admin, Participant};
use crate::ssr::http::refusal;
use crate::ssr::request::lang_from_headers;
use crate::ssr::storage::Area;
use crate::ssr::AppState;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use http::{header, HeaderMap, HeaderValue};
use std::path::PathBuf;

/// How many certificates of a cohort are read from the database at a time.
const CERTIFICATE_BATCH: i64 = 500;

/// The keys credentials are signed with, shared by the routes.
#[derive(Clone)]
struct Keys(KeyStore);

/// The record routes; credential keys are in the data directory, PDFs in the app's storage.
pub fn routes(data_dir: PathBuf) -> Router<AppState> {
    Router::new()
        .route("/peserta/portofolio.zip", get(my_portfolio))
        .route(
            "/admin/angkatan/{id}/sertifikat.zip",
            get(cohort_certificates),
        )
        .layer(axum::Extension(Keys(KeyStore::new(&data_dir))))
}

fn zip_response(name: &str, body: axum::body::Body) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/zip"),
            ),
            (
                header::CONTENT_DISPOSITION,
                crate::ssr::boards::http::files::content_disposition(name),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, no-store"),
            ),
        ],
        body,
    )
        .into_response()
}

/// `GET /peserta/portofolio.zip`: the caller's evidence portfolio.
async fn my_portfolio(
    State(state): State<AppState>,
    Participant { user }: Participant,
    axum::Extension(keys): axum::Extension<Keys>,
) -> Result<Response, AppError> {
    let now = state.clock.now();
    // Every certificate goes in with its signed credential: made now if it never was.
    let site = Site::new(&state.settings.public_url);
    let codes: Vec<(String,)> = sqlx::query_as(
        "select code from certificate where user_id = $1 and status = 'valid' and credential is null",
    )
    .bind(user.id.0)
    .fetch_all(&state.db)
    .await
    .map_err(|e| internal("portfolio credentials", e))?;
    for (code,) in codes {
        if let Some(head) = credential::certificate_by_code(&state.db, &code)
            .await
            .map_err(|e| internal("portfolio credential", e))?
        {
            if let Err(err) =
                credential::credential_for(&state.db, &keys.0, &site, &head, now).await
            {
                tracing::warn!(?err, %code, "portfolio: credential not made");
            }
        }
    }
    let p = portfolio::read(&state.db, user.id.0, now, &state.storage)
        .await
        .map_err(|e| internal("portfolio", e))?;
    let name = format!(
        "portofolio-{}.zip",
        safe_name(&p.record.name).to_lowercase()
    );
    Ok(zip_response(
        &name,
        zip_stream::body(move |archive| portfolio::write(&p, archive)),
    ))
}

/// `GET /admin/angkatan/{id}/sertifikat.zip`: every valid certificate PDF of the cohort (an
/// admin with the cohort in scope), read a batch at a time while the archive is sent.
async fn cohort_certificates(
    State(state): State<AppState>,
    admin: Admin,
    headers: HeaderMap,
    Path(cohort): Path<i64>,
) -> Result<Response, AppError> {
    let lang = lang_from_headers(&headers, state.settings.default_lang);
    let db = state.db.clone();
    let storage = state.storage.clone();
    let in_scope = crate::ssr::scope::cohort_in_scope(&db, admin.scope, CohortId(cohort))
        .await
        .map_err(|e| internal("certificates zip", e))?;
    if !in_scope {
        return Err(refusal(
            ErrorKind::NotFound,
            lang,
            "sessions.cohort_not_found",
        ));
    }
    let runtime = tokio::runtime::Handle::current();
    let body = zip_stream::body(move |archive| {
        let mut after = 0_i64;
        loop {
            let rows: Vec<(i64, String, String, Option<String>)> = runtime
                .block_on(
                    sqlx::query_as(
                        "select c.id, c.number, u.name, c.pdf_stored_name from certificate c \
                         join app_user u on u.id = c.user_id \
                         where c.cohort_id = $1 and c.status = 'valid' and c.id > $2 \
                         order by c.id limit $3",
                    )
                    .bind(cohort)
                    .bind(after)
                    .bind(CERTIFICATE_BATCH)
                    .fetch_all(&db),
                )
                .map_err(std::io::Error::other)?;
            let Some(last) = rows.last() else {
                return Ok(());
            };
            after = last.0;
            for (_, number, name, stored) in rows {
                let Some(stored) = stored else { continue };
                let bytes = match runtime.block_on(storage.read(Area::Certificates, &stored)) {
                    Ok(bytes) => bytes,
                    Err(err) => {
                        tracing::warn!(%err, %stored, "certificates zip: PDF missing");
                        continue;
                    }
                };
                let file = format!("{}-{}.pdf", safe_name(&number), safe_name(&name));
                zip_stream::add(archive, &file, zip_stream::stored(), &bytes)?;
            }
        }
    });
    Ok(zip_response(
        &format!("sertifikat-angkatan-{cohort}.zip"),
        body,
    ))
}
