//! The question bank as CSV over HTTP: the export, the template, and the import (a plain
//! multipart form that works without JavaScript). An import with any problem saves nothing and
//! goes back to the bank page with every problem, numbered by line, next to the file field.

use crate::model::{AppError, CurrentUser, FieldError, Flash, Lang};
use crate::ssr::db::now_unix;
use crate::ssr::quizzes::bank;
use crate::ssr::quizzes::bank_csv::{self, ImportProblem, MAX_FILE_BYTES};
use crate::ssr::request::lang_from_headers;
use crate::ssr::{flash, scope, AppState};
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use http::{header, HeaderMap, StatusCode};
use tower_sessions::Session;

use crate::ssr::http::{csv_download, internal, plain as refuse, redirect, signed_in_admin};

/// Most row problems carried back to the page (the cookie that carries them is small).
const MAX_SHOWN_PROBLEMS: usize = 10;

/// The bank's CSV routes, for merging into the app's router.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/program/{id}/soal.csv", get(export))
        .route("/admin/program/{id}/soal/templat.csv", get(template))
        .route(
            "/admin/program/{id}/soal/impor",
            post(import).layer(DefaultBodyLimit::max(MAX_FILE_BYTES + 64 * 1024)),
        )
}

/// The signed-in admin with program `program` in scope, or the response that refuses.
async fn admin_for_program(
    state: &AppState,
    session: &Session,
    headers: &HeaderMap,
    program: i64,
    path: &str,
) -> Result<CurrentUser, Response> {
    let lang = lang_from_headers(headers, state.settings.default_lang);
    let (user, root) = signed_in_admin(state, session, lang, path).await?;
    match scope::program_in_scope(&state.db, root, program).await {
        Ok(true) => Ok(user),
        Ok(false) => Err(refuse(
            StatusCode::NOT_FOUND,
            crate::i18n::text(lang, "scope.program_not_found"),
        )),
        Err(err) => Err(internal("bank scope", err)),
    }
}

/// `GET /admin/program/{id}/soal.csv`: every non-archived question, in the import's format.
async fn export(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    Path(program): Path<i64>,
) -> Response {
    let path = format!("/admin/program/{program}/soal.csv");
    if let Err(refused) = admin_for_program(&state, &session, &headers, program, &path).await {
        return refused;
    }
    match bank::all_with_options(&state.db, program).await {
        Ok(questions) => csv_download(
            &format!("bank-soal-program-{program}.csv"),
            bank_csv::export(&questions),
        ),
        Err(err) => {
            tracing::error!(%err, "bank export");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// `GET /admin/program/{id}/soal/templat.csv`.
async fn template(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    Path(program): Path<i64>,
) -> Response {
    let path = format!("/admin/program/{program}/soal/templat.csv");
    if let Err(refused) = admin_for_program(&state, &session, &headers, program, &path).await {
        return refused;
    }
    csv_download("templat-bank-soal.csv", bank_csv::template())
}

/// Back to the bank page with `message` next to the file field and `rows` listed under it.
fn back_with(state: &AppState, program: i64, message: String, rows: Vec<String>) -> Response {
    let page = format!("/admin/program/{program}/soal");
    let mut fields = vec![FieldError {
        field: "file".to_string(),
        message: message.clone(),
    }];
    fields.extend(rows.into_iter().map(|message| FieldError {
        field: "row".to_string(),
        message,
    }));
    let flash = Flash {
        path: page.clone(),
        values: Vec::new(),
        error: Some(AppError::invalid(message, fields)),
        notice: None,
    };
    let mut response = redirect(&format!("{page}#impor"));
    if let Some(cookie) = flash::set_cookie(&flash, state.settings.secure_cookies) {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    response
}

fn back_with_key(state: &AppState, program: i64, lang: Lang, key: &str) -> Response {
    back_with(state, program, crate::i18n::text(lang, key), Vec::new())
}

/// Whether the upload is text rather than a workbook or an image.
fn looks_like_text(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    !(head.starts_with(b"PK\x03\x04") || head.starts_with(b"\xD0\xCF\x11\xE0") || head.contains(&0))
}

/// `POST /admin/program/{id}/soal/impor`: checks the whole file, then saves every question in
/// one transaction, or nothing.
async fn import(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    Path(program): Path<i64>,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let lang = lang_from_headers(&headers, state.settings.default_lang);
    let path = format!("/admin/program/{program}/soal");
    let admin = match admin_for_program(&state, &session, &headers, program, &path).await {
        Ok(admin) => admin,
        Err(refused) => return refused,
    };
    let Ok(mut multipart) = multipart else {
        return back_with_key(&state, program, lang, "bank.import_no_file");
    };
    let mut bytes: Option<Vec<u8>> = None;
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) if field.name() == Some("file") => match field.bytes().await {
                Ok(data) => bytes = Some(data.to_vec()),
                Err(err) if err.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                    return back_with_key(&state, program, lang, "bank.import_too_large")
                }
                Err(_) => return back_with_key(&state, program, lang, "bank.import_no_file"),
            },
            Ok(Some(_)) => {}
            Ok(None) => break,
            Err(err) if err.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                return back_with_key(&state, program, lang, "bank.import_too_large")
            }
            Err(_) => return back_with_key(&state, program, lang, "bank.import_no_file"),
        }
    }
    let Some(bytes) = bytes.filter(|b| !b.is_empty()) else {
        return back_with_key(&state, program, lang, "bank.import_no_file");
    };
    if bytes.len() > MAX_FILE_BYTES {
        return back_with_key(&state, program, lang, "bank.import_too_large");
    }
    if !looks_like_text(&bytes) {
        return back_with_key(&state, program, lang, "bank.import_not_csv");
    }
    let questions = match bank_csv::parse(&bytes, lang) {
        Ok(questions) => questions,
        Err(ImportProblem::File(message)) => {
            return back_with(&state, program, message, Vec::new())
        }
        Err(ImportProblem::Rows(problems)) => {
            let summary = crate::i18n::text_with(
                lang,
                "bank.import_failed",
                &[("count", &problems.len().to_string())],
            );
            let mut rows: Vec<String> = problems
                .iter()
                .take(MAX_SHOWN_PROBLEMS)
                .map(|p| p.describe(lang))
                .collect();
            if problems.len() > MAX_SHOWN_PROBLEMS {
                rows.push(crate::i18n::text_with(
                    lang,
                    "bank.import_more",
                    &[("count", &(problems.len() - MAX_SHOWN_PROBLEMS).to_string())],
                ));
            }
            return back_with(&state, program, summary, rows);
        }
    };
    match bank::insert_all(&state.db, program, &questions, admin.id.0, now_unix()).await {
        Ok(count) => {
            tracing::info!(admin = admin.id.0, program, count, "questions imported");
            let flash = Flash {
                path: path.clone(),
                notice: Some(crate::i18n::text_with(
                    lang,
                    "bank.imported",
                    &[("count", &count.to_string())],
                )),
                ..Flash::default()
            };
            let mut response = redirect(&path);
            if let Some(cookie) = flash::set_cookie(&flash, state.settings.secure_cookies) {
                response.headers_mut().append(header::SET_COOKIE, cookie);
            }
            response
        }
        Err(err) => {
            tracing::error!(%err, "bank import");
            refuse(
                StatusCode::INTERNAL_SERVER_ERROR,
                crate::i18n::text(lang, "error.internal"),
            )
        }
    }
}
