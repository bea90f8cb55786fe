//! The question bank as CSV over HTTP: the export, the template, and the import (a plain
//! multipart form that works without JavaScript). An import with any problem saves nothing and
//! goes back to the bank page with every problem, numbered by line, next to the file field.

use crate::model::{AppError, ErrorKind, FieldError, Flash, Lang};
use crate::ssr::db::{internal, now_unix};
use crate::ssr::guard::Admin;
use crate::ssr::quizzes::bank;
use crate::ssr::quizzes::bank_csv::{self, ImportProblem, MAX_FILE_BYTES};
use crate::ssr::request::lang_from_headers;
use crate::ssr::{flash, scope, AppState};
use axum::extract::{DefaultBodyLimit, FromRequestParts, Multipart, Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use http::request::Parts;
use http::{header, StatusCode};

use crate::ssr::csv;
use crate::ssr::http::{redirect, refusal};

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

/// The program a bank route names, in the signed-in admin's scope, with the request's language.
/// Anyone who is not an admin gets [`Admin`]'s refusal, and an admin without the program in
/// scope the 404 of a missing program.
struct BankProgram {
    admin: Admin,
    program: i64,
    lang: Lang,
}

impl FromRequestParts<AppState> for BankProgram {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<BankProgram, Response> {
        let admin = Admin::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let Path(program) = Path::<i64>::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let lang = lang_from_headers(&parts.headers, state.settings.default_lang);
        match scope::program_in_scope(&state.db, admin.scope, crate::model::ProgramId(program))
            .await
        {
            Ok(true) => Ok(BankProgram {
                admin,
                program,
                lang,
            }),
            Ok(false) => {
                Err(refusal(ErrorKind::NotFound, lang, "scope.program_not_found").into_response())
            }
            Err(err) => Err(internal("bank scope", err).into_response()),
        }
    }
}

/// `GET /admin/program/{id}/soal.csv`: every non-archived question, in the import's format.
async fn export(
    State(state): State<AppState>,
    BankProgram { program, .. }: BankProgram,
) -> Result<Response, AppError> {
    match bank::all_with_options(&state.db, program).await {
        Ok(questions) => Ok(csv::download(
            &format!("bank-soal-program-{program}.csv"),
            bank_csv::export(&questions),
        )),
        Err(err) => Err(internal("bank export", err)),
    }
}

/// `GET /admin/program/{id}/soal/templat.csv`.
async fn template(_: BankProgram) -> Response {
    csv::download("templat-bank-soal.csv", bank_csv::template())
}

/// Back to the bank page with `message` next to the file field and `rows` listed under it.
fn back_with(program: i64, message: String, rows: Vec<String>) -> Response {
    let mut fields = vec![FieldError {
        field: "file".to_string(),
        message: message.clone(),
    }];
    fields.extend(rows.into_iter().map(|message| FieldError {
        field: "row".to_string(),
        message,
    }));
    AppError::invalid(message, fields).back_to(format!("/admin/program/{program}/soal#impor"))
}

fn back_with_key(program: i64, lang: Lang, key: &str) -> Response {
    back_with(program, crate::i18n::text(lang, key), Vec::new())
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
    BankProgram {
        admin: Admin { user: admin, .. },
        program,
        lang,
    }: BankProgram,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let path = format!("/admin/program/{program}/soal");
    let Ok(mut multipart) = multipart else {
        return back_with_key(program, lang, "bank.import_no_file");
    };
    let mut bytes: Option<Vec<u8>> = None;
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) if field.name() == Some("file") => match field.bytes().await {
                Ok(data) => bytes = Some(data.to_vec()),
                Err(err) if err.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                    return back_with_key(program, lang, "bank.import_too_large")
                }
                Err(_) => return back_with_key(program, lang, "bank.import_no_file"),
            },
            Ok(Some(_)) => {}
            Ok(None) => break,
            Err(err) if err.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                return back_with_key(program, lang, "bank.import_too_large")
            }
            Err(_) => return back_with_key(program, lang, "bank.import_no_file"),
        }
    }
    let Some(bytes) = bytes.filter(|b| !b.is_empty()) else {
        return back_with_key(program, lang, "bank.import_no_file");
    };
    if bytes.len() > MAX_FILE_BYTES {
        return back_with_key(program, lang, "bank.import_too_large");
    }
    if !looks_like_text(&bytes) {
        return back_with_key(program, lang, "bank.import_not_csv");
    }
    let questions = match bank_csv::parse(&bytes, lang) {
        Ok(questions) => questions,
        Err(ImportProblem::File(message)) => return back_with(program, message, Vec::new()),
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
            return back_with(program, summary, rows);
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
        Err(err) => internal("bank import", err).into_response(),
    }
}
