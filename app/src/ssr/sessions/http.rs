//! The plain HTTP routes of live sessions: the join link that records the click before going to
//! the meeting, the upload of a meeting report (a multipart form that works without
//! JavaScript), a cohort's attendance as CSV, and the calendar feeds.

use super::access::{self, SessionRole};
use super::jp::{self, Window};
use super::{calendar, report, roster};
use crate::model::codes::AttendanceStatus;
use crate::model::Flash;
use crate::model::{AppError, ErrorKind, Lang, LiveSessionId};
use crate::ssr::audit::{Actor, Origin};
use crate::ssr::csv::{self, Cell};
use crate::ssr::db::internal;
use crate::ssr::groups::access::audience;
use crate::ssr::guard::SignedIn;
use crate::ssr::http::{form_fields, redirect, refusal, with_flash, UploadRefusal};
use crate::ssr::request::lang_from_headers;
use crate::ssr::AppState;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use http::{header, HeaderMap, StatusCode};

/// The session routes, for merging into the app's router.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/sesi/{id}/gabung", get(join))
        .route(
            "/sesi/{id}/laporan",
            post(upload_report).layer(DefaultBodyLimit::max(report::MAX_FILE_BYTES + 64 * 1024)),
        )
        .route("/sesi/{id}/hadir", post(mark_roster))
        .route("/sesi/{id}/laporan/{report}", post(apply_report))
        .route("/admin/angkatan/{id}/kehadiran.csv", get(attendance_csv))
        .route("/mentor/angkatan/{id}/kehadiran.csv", get(attendance_csv))
        .route("/kalender/{file}", get(feed))
}

/// `GET /sesi/{id}/gabung`: records that the participant opened the meeting, then goes to it (or
/// to the session's page when it has no link). Staff go straight to the meeting.
async fn join(
    State(state): State<AppState>,
    SignedIn { user }: SignedIn,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let db = &state.db;
    let (session, role) = access::require(db, &user, LiveSessionId(id)).await?;
    if role == SessionRole::Participant {
        let now = state.clock.now();
        sqlx::query(
            "insert into session_join (session_id, user_id, first_at, last_at, clicks) \
             values ($1, $2, $3, $3, 1) on conflict (session_id, user_id) do update \
             set last_at = excluded.last_at, clicks = session_join.clicks + 1",
        )
        .bind(id)
        .bind(user.id.0)
        .bind(now)
        .execute(db)
        .await
        .map_err(|e| internal("session join", e))?;
    }
    Ok(match session.info.meeting_url {
        Some(url) => redirect(&url),
        None => redirect(&format!("/peserta/sesi/{id}")),
    })
}

/// Back to the session's page with `key`'s message next to the report's file field.
fn back_with_error(session: i64, lang: Lang, key: &str) -> Response {
    crate::ssr::http::field_error("file", crate::i18n::text(lang, key))
        .back_to(format!("/sesi/{session}#laporan"))
}

/// `POST /sesi/{id}/laporan`: reads a meeting report, matches it against the roster, stores it
/// and goes to its page for the host to confirm.
async fn upload_report(
    State(state): State<AppState>,
    SignedIn { user }: SignedIn,
    headers: HeaderMap,
    Path(id): Path<i64>,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let lang = lang_from_headers(&headers, state.settings.default_lang);
    let db = &state.db;
    let (session, audience) = match access::require_staff(db, &user, LiveSessionId(id)).await {
        Ok(found) => found,
        Err(refused) => return refused.into_response(),
    };
    let upload = match crate::ssr::http::read_upload(multipart, "file").await {
        Ok(upload) => upload,
        Err(UploadRefusal::TooLarge) => {
            return back_with_error(id, lang, "sessions.report_too_large")
        }
        Err(UploadRefusal::Missing) => return back_with_error(id, lang, "sessions.report_no_file"),
    };
    if upload.bytes.len() > report::MAX_FILE_BYTES {
        return back_with_error(id, lang, "sessions.report_too_large");
    }
    if !crate::ssr::imports::http::looks_like_csv(
        &upload.file_name,
        &upload.content_type,
        &upload.bytes,
    ) {
        return back_with_error(id, lang, "sessions.report_not_csv");
    }
    let file_name = upload.safe_name();
    let bytes = upload.bytes;
    let people = match report::parse(&bytes, session.info.duration_minutes) {
        Ok(parsed) => parsed,
        Err(report::ParseError::NoColumns) => {
            return back_with_error(id, lang, "sessions.report_no_columns")
        }
        Err(report::ParseError::Empty) => {
            return back_with_error(id, lang, "sessions.report_empty")
        }
        Err(report::ParseError::TooManyRows) => {
            return back_with_error(id, lang, "sessions.report_too_large")
        }
        Err(report::ParseError::Unreadable) => {
            return back_with_error(id, lang, "sessions.report_unreadable")
        }
    };
    let (people, rows) = people;
    let roster = match report::candidates(db, &session, audience).await {
        Ok(roster) => roster,
        Err(err) => return internal("report roster", err).into_response(),
    };
    let matched = report::match_people(&people, &roster);
    match report::store(
        db,
        id,
        user.id.0,
        &file_name,
        &matched,
        rows,
        state.clock.now(),
    )
    .await
    {
        Ok(report_id) => {
            tracing::info!(
                session = id,
                report = report_id,
                rows,
                "meeting report read"
            );
            redirect(&format!("/sesi/{id}/laporan/{report_id}"))
        }
        Err(err) => internal("storing a report", err).into_response(),
    }
}

/// Back to `page` with the notice of `key`.
fn back_with_notice(state: &AppState, page: &str, lang: Lang, key: &str, count: usize) -> Response {
    let path = page.split(['?', '#']).next().unwrap_or(page).to_string();
    let flash = Flash {
        path,
        notice: Some(crate::i18n::text_with(
            lang,
            key,
            &[("count", &count.to_string())],
        )),
        ..Flash::default()
    };
    with_flash(state, redirect(page), &flash)
}

/// `POST /sesi/{id}/hadir`: the host or a mentor marks the roster in bulk. Fields `s<user id>`
/// carry a status (an empty one leaves the participant as they are); `hal` is the roster page
/// to go back to.
async fn mark_roster(
    State(state): State<AppState>,
    SignedIn { user }: SignedIn,
    Origin(address): Origin,
    headers: HeaderMap,
    Path(id): Path<i64>,
    body: Bytes,
) -> Result<Response, Response> {
    let lang = lang_from_headers(&headers, state.settings.default_lang);
    let db = &state.db;
    let (session, audience) = access::require_staff(db, &user, LiveSessionId(id))
        .await
        .map_err(IntoResponse::into_response)?;
    let fields = form_fields(&body);
    let page = fields
        .iter()
        .find(|(k, _)| k == "hal")
        .and_then(|(_, v)| v.parse::<i64>().ok())
        .unwrap_or(1)
        .max(1);
    let back = format!("/sesi/{id}?hal={page}#daftar");
    let mut marks = Vec::new();
    for (key, value) in &fields {
        let Some(user_id) = key.strip_prefix('s').and_then(|u| u.parse::<i64>().ok()) else {
            continue;
        };
        if value.is_empty() {
            continue;
        }
        let Some(status) = AttendanceStatus::from_code(value) else {
            return Err(refusal(ErrorKind::Invalid, lang, "sessions.status_invalid").back_to(back));
        };
        marks.push((user_id, status));
    }
    let by = Actor::new(&user, address);
    let marked = roster::mark(db, &session, audience, &marks, &by, state.clock.now())
        .await
        .map_err(|e| internal("mark roster", e).into_response())?;
    match marked {
        Ok(changed) => {
            tracing::info!(session = id, by = user.id.0, changed, "roster marked");
            Ok(back_with_notice(
                &state,
                &back,
                lang,
                "sessions.marked",
                changed,
            ))
        }
        Err(roster::MarkRefusal::NotOnRoster) => Err(access::not_found().into_response()),
        Err(roster::MarkRefusal::TooMany) => {
            Err(refusal(ErrorKind::Invalid, lang, "sessions.too_many_marks").back_to(back))
        }
    }
}

/// `POST /sesi/{id}/laporan/{report}`: the host confirms a meeting report. Fields `p<index>`
/// match a person the report did not match to a participant's id (`0`: nobody).
async fn apply_report(
    State(state): State<AppState>,
    SignedIn { user }: SignedIn,
    Origin(address): Origin,
    headers: HeaderMap,
    Path((id, report_id)): Path<(i64, i64)>,
    body: Bytes,
) -> Result<Response, Response> {
    let lang = lang_from_headers(&headers, state.settings.default_lang);
    let db = &state.db;
    let (session, audience) = access::require_staff(db, &user, LiveSessionId(id))
        .await
        .map_err(IntoResponse::into_response)?;
    let found = report::load(db, id, report_id)
        .await
        .map_err(|e| internal("load report", e).into_response())?;
    if found.is_none() {
        return Err(access::not_found().into_response());
    }
    let mut chosen = std::collections::HashMap::new();
    for (key, value) in form_fields(&body) {
        let Some(at) = key.strip_prefix('p').and_then(|i| i.parse::<usize>().ok()) else {
            continue;
        };
        if value.is_empty() {
            continue;
        }
        let Ok(user_id) = value.parse::<i64>() else {
            return Err(refusal(ErrorKind::Invalid, lang, "sessions.match_invalid")
                .back_to(format!("/sesi/{id}/laporan/{report_id}")));
        };
        chosen.insert(at, user_id);
    }
    let applied = report::apply(
        db,
        &session,
        audience,
        report_id,
        &chosen,
        &Actor::new(&user, address),
        state.clock.now(),
    )
    .await
    .map_err(|e| internal("apply report", e).into_response())?;
    match applied {
        Ok(changed) => {
            tracing::info!(
                session = id,
                report = report_id,
                changed,
                "meeting report applied"
            );
            Ok(back_with_notice(
                &state,
                &format!("/sesi/{id}#daftar"),
                lang,
                "sessions.report_applied",
                changed,
            ))
        }
        Err(report::ApplyRefusal::Applied) => {
            Err(
                refusal(ErrorKind::Conflict, lang, "sessions.report_already_applied")
                    .back_to(format!("/sesi/{id}/laporan/{report_id}")),
            )
        }
        Err(report::ApplyRefusal::NotOnRoster) => Err(access::not_found().into_response()),
    }
}

/// Participants read per chunk of the CSV export.
const CSV_CHUNK: i64 = 1_000;

/// `GET /admin/angkatan/{id}/kehadiran.csv` (and under `/mentor`): every participant the caller
/// sees, their mark for each session, and their JP.
async fn attendance_csv(
    State(state): State<AppState>,
    SignedIn { user }: SignedIn,
    headers: HeaderMap,
    Path(cohort): Path<i64>,
) -> Result<Response, AppError> {
    let lang = lang_from_headers(&headers, state.settings.default_lang);
    let db = state.db.clone();
    let audience = audience(&db, &user, cohort)
        .await
        .map_err(|e| internal("attendance export", e))?
        .ok_or_else(|| refusal(ErrorKind::NotFound, lang, "sessions.cohort_not_found"))?;
    let heads = jp::heads(&db, cohort)
        .await
        .map_err(|e| internal("attendance export", e))?;
    let text = |key: &str| crate::i18n::text(lang, key);
    let mut header = vec![Cell::text(text("sessions.csv_name")), Cell::text("NIP")];
    for h in &heads {
        header.push(Cell::text(format!(
            "{} ({})",
            h.title,
            crate::model::wib::date_of(h.starts_at)
        )));
    }
    header.push(Cell::text("JP"));
    let status_text: Vec<(AttendanceStatus, String)> = AttendanceStatus::ALL
        .iter()
        .map(|s| (*s, text(&format!("sessions.status.{s}"))))
        .collect();
    let first = Bytes::from(csv::write(&[header]));
    let body = futures_util::stream::unfold(Some(0_i64), move |after| {
        let db = db.clone();
        let heads = heads.clone();
        let status_text = status_text.clone();
        async move {
            let after = after?;
            let rows = jp::table_rows(
                &db,
                cohort,
                audience,
                &heads,
                Window::After {
                    id: after,
                    limit: CSV_CHUNK,
                },
            )
            .await;
            match rows {
                Ok(rows) if rows.is_empty() => None,
                Ok(rows) => {
                    let last = rows.last().map(|r| r.user_id.0).unwrap_or(after);
                    let records: Vec<Vec<Cell>> = rows
                        .into_iter()
                        .map(|r| {
                            let mut record =
                                vec![Cell::text(r.name), Cell::text(r.nip.unwrap_or_default())];
                            for mark in r.marks {
                                record.push(Cell::text(
                                    mark.and_then(|m| status_text.iter().find(|(s, _)| *s == m))
                                        .map(|(_, t)| t.clone())
                                        .unwrap_or_default(),
                                ));
                            }
                            record.push(Cell::int(r.jp));
                            record
                        })
                        .collect();
                    let chunk: Result<Bytes, std::io::Error> =
                        Ok(Bytes::from(csv::write_rows(&records)));
                    Some((chunk, Some(last)))
                }
                Err(err) => {
                    tracing::error!(%err, "attendance export");
                    Some((Err(std::io::Error::other(err.to_string())), None))
                }
            }
        }
    });
    let head = futures_util::stream::once(async move { Ok::<Bytes, std::io::Error>(first) });
    use futures_util::StreamExt;
    Ok(csv::download(
        &format!("kehadiran-angkatan-{cohort}.csv"),
        crate::ssr::http::stream_body(head.chain(body)),
    ))
}

/// `GET /kalender/{token}.ics`: the feed the secret token opens; 404 for any other.
async fn feed(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    let not_found = || (StatusCode::NOT_FOUND, "tidak ditemukan").into_response();
    let Some(token) = file.strip_suffix(".ics") else {
        return not_found();
    };
    let db = &state.db;
    let now = state.clock.now();
    let found = match calendar::feed_of(db, token).await {
        Ok(Some(feed)) => calendar::calendar(db, feed, &state.settings.public_url, now).await,
        Ok(None) => return not_found(),
        Err(err) => Err(err),
    };
    match found {
        Ok(body) => (
            [
                (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
                (header::CACHE_CONTROL, "private, no-cache"),
            ],
            body,
        )
            .into_response(),
        Err(err) => internal("calendar feed", err).into_response(),
    }
}
