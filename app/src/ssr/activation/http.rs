//! Activation letters for download: `POST /admin/angkatan/{id}/surat-aktivasi.{csv,pdf}` for a
//! cohort's approved participants, `POST /admin/lembaga/{id}/surat-aktivasi.{csv,pdf}` for the
//! participants of a school (their verified institution). Posts, not links: printing issues
//! new codes, so the codes on letters printed before stop working, and a page another site
//! shows must not be able to do that (the origin check covers posts). An admin whose scope does
//! not hold the cohort or school gets the 404 of a missing id.

use super::letters::{self, Audience, Letter};
use crate::model::{AppError, CohortId, ErrorKind, InstitutionId, Lang};
use crate::ssr::db::internal;
use crate::ssr::guard::Admin;
use crate::ssr::http::refusal;
use crate::ssr::request::lang_from_headers;
use crate::ssr::{institutions, scope, AppState};
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;
use http::{header, HeaderMap};

/// The letter routes, for merging into the app's router.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/admin/angkatan/{id}/surat-aktivasi.csv",
            post(|a, s, h, id| cohort(a, s, h, id, Format::Csv)),
        )
        .route(
            "/admin/angkatan/{id}/surat-aktivasi.pdf",
            post(|a, s, h, id| cohort(a, s, h, id, Format::Pdf)),
        )
        .route(
            "/admin/lembaga/{id}/surat-aktivasi.csv",
            post(|a, s, h, id| school(a, s, h, id, Format::Csv)),
        )
        .route(
            "/admin/lembaga/{id}/surat-aktivasi.pdf",
            post(|a, s, h, id| school(a, s, h, id, Format::Pdf)),
        )
}

#[derive(Clone, Copy, Debug)]
enum Format {
    Csv,
    Pdf,
}

async fn cohort(
    admin: Admin,
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<CohortId>,
    format: Format,
) -> Result<Response, AppError> {
    let lang = lang_from_headers(&headers, state.settings.default_lang);
    if !scope::cohort_in_scope(&state.db, admin.scope, id)
        .await
        .map_err(|e| internal("cohort scope", e))?
    {
        return Err(refusal(ErrorKind::NotFound, lang, "scope.cohort_not_found"));
    }
    let name = format!("surat-aktivasi-angkatan-{id}");
    answer(&state, &admin, lang, Audience::Cohort(id.0), &name, format).await
}

async fn school(
    admin: Admin,
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<InstitutionId>,
    format: Format,
) -> Result<Response, AppError> {
    let lang = lang_from_headers(&headers, state.settings.default_lang);
    if !institutions::is_within(&state.db, admin.scope, id)
        .await
        .map_err(|e| internal("school scope", e))?
    {
        return Err(refusal(
            ErrorKind::NotFound,
            lang,
            "activation.school_not_found",
        ));
    }
    let name = format!("surat-aktivasi-lembaga-{id}");
    answer(&state, &admin, lang, Audience::School(id.0), &name, format).await
}

/// Issues the codes and answers the file.
async fn answer(
    state: &AppState,
    admin: &Admin,
    lang: Lang,
    audience: Audience,
    name: &str,
    format: Format,
) -> Result<Response, AppError> {
    if matches!(format, Format::Pdf) {
        let pending = letters::count_pending(&state.db, audience)
            .await
            .map_err(|e| internal("activation letters count", e))?;
        if pending > letters::MAX_PDF_LETTERS {
            // Refused before any code is issued: the letters printed before keep working.
            return Err(AppError::new(
                ErrorKind::Invalid,
                crate::i18n::text_with(
                    lang,
                    "activation.pdf_too_many",
                    &[
                        ("count", &pending.to_string()),
                        ("max", &letters::MAX_PDF_LETTERS.to_string()),
                    ],
                ),
            ));
        }
    }
    let letters: Vec<Letter> = letters::issue_letters(&state.db, audience, state.clock.now())
        .await
        .map_err(|e| internal("activation letters", e))?;
    tracing::info!(
        admin = admin.user.id.0,
        ?audience,
        letters = letters.len(),
        "activation letters issued"
    );
    let address = format!(
        "{}/aktivasi",
        state.settings.public_url.trim_end_matches('/')
    );
    Ok(match format {
        Format::Csv => crate::ssr::csv::download(
            &format!("{name}.csv"),
            letters::letters_csv(lang, &letters, &address),
        ),
        Format::Pdf => {
            let pages: Vec<_> = letters
                .iter()
                .map(|letter| letters::letter_lines(lang, letter, &address))
                .collect();
            let body = tokio::task::spawn_blocking(move || super::pdf::document(&pages))
                .await
                .map_err(|e| internal("activation pdf", e))?;
            (
                [
                    (header::CONTENT_TYPE, "application/pdf".to_string()),
                    (
                        header::CONTENT_DISPOSITION,
                        format!("attachment; filename=\"{name}.pdf\""),
                    ),
                    (header::CACHE_CONTROL, "private, no-store".to_string()),
                ],
                body,
            )
                .into_response()
        }
    })
}
