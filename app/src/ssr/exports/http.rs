//! The export routes, all `GET` for anyone signed in (each export checks its caller):
//!
//! - a dashboard table as `{key}.csv` or `{key}.xlsx`: `/admin/dasbor/ekspor/…` (the agency
//!   dashboard; the query string is passed on as its filters), `/admin/program/{id}/dasbor/…`,
//!   `/admin/angkatan/{id}/dasbor/…` and `/mentor/dasbor/…`, through the dashboards'
//!   `export_table`, which checks the scope; an unknown table is a 404;
//! - a cohort's participant list, `/{admin|mentor}/angkatan/{id}/dasbor/peserta.csv` (streamed in
//!   chunks) and `.xlsx` (built in a constant-memory sheet on a blocking thread while the rows
//!   are read), for the roster's readers (an admin with the cohort in scope or a mentor named on
//!   it: everyone; a group mentor: their groups); anyone else gets the 404 of a missing id;
//! - the cohort's printable report, `/admin/angkatan/{id}/laporan.pdf`, from the dashboards'
//!   `cohort_report`.
//!
//! Every answer is in the language of the request (the language cookie, else the default).

use super::participants::{self, List, CHUNK};
use super::{report_pdf, table_csv, table_xlsx};
use crate::i18n::text_with;
use crate::model::dashboards::{Column, Value};
use crate::model::{AppError, CurrentUser, ErrorKind, Lang};
use crate::ssr::csv::stream::{streamed, Export};
use crate::ssr::csv::{self, Cell};
use crate::ssr::dashboards::{self, Place};
use crate::ssr::db::internal;
use crate::ssr::groups::access;
use crate::ssr::guard::SignedIn;
use crate::ssr::http::refusal;
use crate::ssr::quizzes::results::Who;
use crate::ssr::request::lang_from_headers;
use crate::ssr::AppState;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use http::{header, HeaderMap};
use std::collections::HashMap;

/// The export routes, for merging into the app's router.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/dasbor/ekspor/{file}", get(agency_table))
        .route("/admin/program/{id}/dasbor/{file}", get(program_table))
        .route("/admin/angkatan/{id}/dasbor/{file}", get(cohort_table))
        .route("/mentor/dasbor/{file}", get(mentor_table))
        .route(
            "/admin/angkatan/{id}/dasbor/peserta.csv",
            get(participants_csv),
        )
        .route(
            "/mentor/angkatan/{id}/dasbor/peserta.csv",
            get(participants_csv),
        )
        .route(
            "/admin/angkatan/{id}/dasbor/peserta.xlsx",
            get(participants_xlsx),
        )
        .route(
            "/mentor/angkatan/{id}/dasbor/peserta.xlsx",
            get(participants_xlsx),
        )
        .route("/admin/angkatan/{id}/laporan.pdf", get(report))
}

/// The 404 of a missing id or table, which everyone outside the scope gets too.
fn not_found(lang: Lang) -> AppError {
    refusal(ErrorKind::NotFound, lang, "exports.not_found")
}

/// The file types a table is exported as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Csv,
    Xlsx,
}

impl Kind {
    fn extension(self) -> &'static str {
        match self {
            Kind::Csv => "csv",
            Kind::Xlsx => "xlsx",
        }
    }
}

/// `corong.csv` as the table key and file type; `None` for anything else (a key is lower-case
/// letters, digits, `-` and `_`).
fn parse_file(file: &str) -> Option<(&str, Kind)> {
    let (key, extension) = file.rsplit_once('.')?;
    let kind = match extension {
        "csv" => Kind::Csv,
        "xlsx" => Kind::Xlsx,
        _ => return None,
    };
    let valid = !key.is_empty()
        && key.len() <= 64
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
    valid.then_some((key, kind))
}

/// `bytes` as the attachment `name` of type `content_type`, never cached without asking.
fn attachment(name: &str, content_type: &'static str, bytes: impl Into<Body>) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "private, no-cache".to_string()),
        ],
        bytes.into(),
    )
        .into_response()
}

/// A dashboard table as a file: the table from `export_table`, or a 404.
async fn table_file(
    state: &AppState,
    user: &CurrentUser,
    headers: &HeaderMap,
    place: Place,
    file: &str,
    query: &HashMap<String, String>,
) -> Result<Response, AppError> {
    let lang = lang_from_headers(headers, state.settings.default_lang);
    let Some((key, kind)) = parse_file(file) else {
        return Err(not_found(lang));
    };
    let Some(table) = dashboards::export_table(state, user, lang, place, key, query).await? else {
        return Err(not_found(lang));
    };
    let stem = match place {
        Place::Agency => format!("dasbor-{key}"),
        Place::Program(id) => format!("dasbor-program-{id}-{key}"),
        Place::Cohort(id) => format!("dasbor-angkatan-{id}-{key}"),
        Place::Mentor => format!("dasbor-mentor-{key}"),
    };
    let name = format!("{stem}.{}", kind.extension());
    match kind {
        Kind::Csv => Ok(csv::download(&name, table_csv::write(&table))),
        Kind::Xlsx => {
            let bytes = tokio::task::spawn_blocking(move || table_xlsx::write(&table))
                .await
                .map_err(|e| internal("table xlsx task", e))?
                .map_err(|e| internal("table xlsx", e))?;
            Ok(attachment(&name, table_xlsx::CONTENT_TYPE, bytes))
        }
    }
}

/// `GET /admin/dasbor/ekspor/{key}.{csv|xlsx}`: a table of the agency dashboard.
async fn agency_table(
    State(state): State<AppState>,
    SignedIn { user }: SignedIn,
    headers: HeaderMap,
    Path(file): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, AppError> {
    table_file(&state, &user, &headers, Place::Agency, &file, &query).await
}

/// `GET /admin/program/{id}/dasbor/{key}.{csv|xlsx}`: a table of a program's dashboard.
async fn program_table(
    State(state): State<AppState>,
    SignedIn { user }: SignedIn,
    headers: HeaderMap,
    Path((id, file)): Path<(i64, String)>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, AppError> {
    table_file(&state, &user, &headers, Place::Program(id), &file, &query).await
}

/// `GET /admin/angkatan/{id}/dasbor/{key}.{csv|xlsx}`: a table of a cohort's dashboard.
async fn cohort_table(
    State(state): State<AppState>,
    SignedIn { user }: SignedIn,
    headers: HeaderMap,
    Path((id, file)): Path<(i64, String)>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, AppError> {
    table_file(&state, &user, &headers, Place::Cohort(id), &file, &query).await
}

/// `GET /mentor/dasbor/{key}.{csv|xlsx}`: a table of the signed-in mentor's dashboard.
async fn mentor_table(
    State(state): State<AppState>,
    SignedIn { user }: SignedIn,
    headers: HeaderMap,
    Path(file): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, AppError> {
    table_file(&state, &user, &headers, Place::Mentor, &file, &query).await
}

/// What a participant export needs once the caller is checked: the list, the cohort's heading
/// in the file's title, the language.
struct Checked {
    list: List,
    title: String,
    description: String,
    lang: Lang,
}

/// The participant list of `cohort` as `user` may read it, or the 404 of a missing id.
async fn checked_list(
    state: &AppState,
    user: &CurrentUser,
    headers: &HeaderMap,
    cohort: i64,
) -> Result<Checked, AppError> {
    let lang = lang_from_headers(headers, state.settings.default_lang);
    let audience = access::audience(&state.db, user, cohort)
        .await
        .map_err(|e| internal("participant export audience", e))?
        .ok_or_else(|| not_found(lang))?;
    let heading = access::heading(&state.db, cohort)
        .await
        .map_err(|e| internal("participant export heading", e))?
        .ok_or_else(|| not_found(lang))?;
    let list = participants::list(
        &state.db,
        cohort,
        Who {
            audience,
            group: None,
        },
    )
    .await
    .map_err(|e| internal("participant export quizzes", e))?;
    let args = [
        ("cohort", heading.name.as_str()),
        ("program", heading.program_title.as_str()),
    ];
    Ok(Checked {
        list,
        title: text_with(lang, "exports.participants_title", &args),
        description: text_with(lang, "exports.participants_description", &args),
        lang,
    })
}

/// The participant list as a streamed CSV export.
struct ParticipantsCsv {
    state: AppState,
    list: List,
    columns: Vec<Column>,
    lang: Lang,
}

impl Export for ParticipantsCsv {
    const WHAT: &'static str = "participant export rows";

    fn header(&self) -> Vec<Cell> {
        table_csv::header(&self.columns)
    }

    async fn records(&self, after: i64) -> Result<(Vec<Vec<Cell>>, Option<i64>), sqlx::Error> {
        let (rows, next) =
            participants::chunk(&self.state.db, &self.list, self.lang, after, CHUNK).await?;
        let records = rows
            .iter()
            .map(|row| table_csv::record(&self.columns, row))
            .collect();
        Ok((records, next))
    }
}

/// `GET /{admin|mentor}/angkatan/{id}/dasbor/peserta.csv`: the cohort's participants, streamed.
async fn participants_csv(
    State(state): State<AppState>,
    SignedIn { user }: SignedIn,
    headers: HeaderMap,
    Path(cohort): Path<i64>,
) -> Result<Response, AppError> {
    let checked = checked_list(&state, &user, &headers, cohort).await?;
    let export = ParticipantsCsv {
        state,
        list: checked.list,
        columns: participants::columns(checked.lang)
            .into_iter()
            .map(|(c, _)| c)
            .collect(),
        lang: checked.lang,
    };
    Ok(streamed(
        &format!("dasbor-angkatan-{cohort}-peserta.csv"),
        export,
    ))
}

/// Builds the participant workbook from the chunks `rows` brings, on a blocking thread: a
/// constant-memory sheet keeps only the row being written.
fn build_participants_xlsx(
    mut rows: tokio::sync::mpsc::Receiver<Vec<Vec<Value>>>,
    columns: Vec<(Column, usize)>,
    title: String,
    description: String,
) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut workbook = table_xlsx::workbook(&title, &description);
    let sheet = workbook.add_worksheet_with_constant_memory()?;
    let widths: Vec<usize> = columns.iter().map(|(_, w)| *w).collect();
    let columns: Vec<Column> = columns.into_iter().map(|(c, _)| c).collect();
    let mut writer = table_xlsx::Sheet::begin(sheet, &title, &columns, &widths)?;
    while let Some(chunk) = rows.blocking_recv() {
        for row in &chunk {
            writer.push(sheet, row)?;
        }
    }
    writer.finish(sheet)?;
    workbook.save_to_buffer()
}

/// `GET /{admin|mentor}/angkatan/{id}/dasbor/peserta.xlsx`: the cohort's participants as a
/// spreadsheet.
async fn participants_xlsx(
    State(state): State<AppState>,
    SignedIn { user }: SignedIn,
    headers: HeaderMap,
    Path(cohort): Path<i64>,
) -> Result<Response, AppError> {
    let checked = checked_list(&state, &user, &headers, cohort).await?;
    let (sender, receiver) = tokio::sync::mpsc::channel(2);
    let columns = participants::columns(checked.lang);
    let (title, description) = (checked.title, checked.description);
    let build = tokio::task::spawn_blocking(move || {
        build_participants_xlsx(receiver, columns, title, description)
    });
    let mut after = 0;
    let read = loop {
        match participants::chunk(&state.db, &checked.list, checked.lang, after, CHUNK).await {
            Ok((rows, _)) if rows.is_empty() => break Ok(()),
            Ok((rows, next)) => {
                after = next.unwrap_or(after);
                // The builder stopped (a write failed): its error is reported below.
                if sender.send(rows).await.is_err() {
                    break Ok(());
                }
            }
            Err(err) => break Err(err),
        }
    };
    drop(sender);
    let built = build
        .await
        .map_err(|e| internal("participant xlsx task", e))?;
    read.map_err(|e| internal("participant xlsx rows", e))?;
    let bytes = built.map_err(|e| internal("participant xlsx", e))?;
    Ok(attachment(
        &format!("dasbor-angkatan-{cohort}-peserta.xlsx"),
        table_xlsx::CONTENT_TYPE,
        bytes,
    ))
}

/// `GET /admin/angkatan/{id}/laporan.pdf`: the cohort's implementation report, to print.
async fn report(
    State(state): State<AppState>,
    SignedIn { user }: SignedIn,
    headers: HeaderMap,
    Path(cohort): Path<i64>,
) -> Result<Response, AppError> {
    let lang = lang_from_headers(&headers, state.settings.default_lang);
    let Some(report) = dashboards::cohort_report(&state, &user, lang, cohort).await? else {
        return Err(not_found(lang));
    };
    let bytes = tokio::task::spawn_blocking(move || report_pdf::render(&report, lang))
        .await
        .map_err(|e| internal("report pdf task", e))?;
    if bytes.is_empty() {
        return Err(internal("report pdf", "the font could not be read"));
    }
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"laporan-angkatan-{cohort}.pdf\""),
            ),
            (header::CACHE_CONTROL, "private, no-cache".to_string()),
        ],
        bytes,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_give_a_key_and_a_type() {
        assert_eq!(parse_file("corong.csv"), Some(("corong", Kind::Csv)));
        assert_eq!(
            parse_file("gain-per_kelompok.xlsx"),
            Some(("gain-per_kelompok", Kind::Xlsx))
        );
        assert_eq!(parse_file("corong.pdf"), None);
        assert_eq!(parse_file(".csv"), None);
        assert_eq!(parse_file("Corong.csv"), None);
        assert_eq!(parse_file("../x.csv"), None);
        assert_eq!(parse_file("corong"), None);
    }
}
