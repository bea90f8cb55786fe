//! Attachments of work posts over HTTP: the author's upload (a multipart form that works without
//! JavaScript), the download every reader of the board may make, and the author's removal of a
//! file added to the current revision.
//!
//! Every request checks the caller's right on the post's board, exactly as the post page does; an
//! attachment of a board the caller may not read answers the same 404 as one that does not exist,
//! so guessing ids reveals nothing. Refusals go back to the post page with the message next to the
//! file field.
//!
//! An upload counts against the uploader's rate limit, and its bytes are reserved against the
//! uploader's and the cohort's storage quotas before the file is written (given back if it is not
//! kept, and when it is removed), so simultaneous uploads never pass a quota.

use crate::model::{AppError, CurrentUser, ErrorKind, FieldError, Flash, Lang};
use crate::ssr::boards::access::{self, BoardRight};
use crate::ssr::boards::bounds::{self, Full};
use crate::ssr::boards::files::{self, NewAttachment, Refusal, MAX_ATTACHMENT_BYTES};
use crate::ssr::boards::posts::{self, PostHead, PostStatus};
use crate::ssr::db::{internal, now_unix};
use crate::ssr::guard::SignedIn;
use crate::ssr::rate::{self, Action};
use crate::ssr::request::lang_from_headers;
use crate::ssr::storage::Area;
use crate::ssr::AppState;
use axum::extract::{DefaultBodyLimit, Multipart, Path, Request, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use http::{header, HeaderMap, HeaderValue, StatusCode};
use sha2::{Digest, Sha256};

use crate::ssr::http::{field_error, plain, redirect, refusal, with_flash};

/// How much of an oversized upload is read (and dropped) so that the browser, still sending, gets
/// the page with the message rather than a broken connection. Beyond it the connection is cut.
const MAX_DRAINED_BYTES: usize = 64 * 1024 * 1024;

/// The attachment routes, for merging into the app's router (files in the app's storage).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/papan/pos/{id}/lampiran",
            post(upload).layer(DefaultBodyLimit::disable()),
        )
        .route("/papan/lampiran/{id}", get(download))
        .route("/papan/lampiran/{id}/hapus", post(remove))
}

/// Post `id` and the caller's right on its board, or the 404 that hides it.
async fn post_and_right(
    state: &AppState,
    user: &CurrentUser,
    id: i64,
    lang: Lang,
) -> Result<(PostHead, BoardRight), AppError> {
    post_board_and_right(state, user, id, lang)
        .await
        .map(|(head, _, right)| (head, right))
}

/// Post `id`, the cohort of its board and the caller's right there, or the 404 that hides it.
async fn post_board_and_right(
    state: &AppState,
    user: &CurrentUser,
    id: i64,
    lang: Lang,
) -> Result<(PostHead, i64, BoardRight), AppError> {
    let not_found = || refusal(ErrorKind::NotFound, lang, "board.not_found");
    let head = match posts::head(&state.db, id).await {
        Ok(Some(head)) => head,
        Ok(None) => return Err(not_found()),
        Err(err) => return Err(internal("attachment post", err)),
    };
    match access::board_and_right(&state.db, user, head.board_id).await {
        Ok(Some((board, right))) => Ok((head, board.cohort_id, right)),
        Ok(None) => Err(not_found()),
        Err(err) => Err(internal("attachment right", err)),
    }
}

/// The file field of post `post_id`'s page, where refused uploads go back to.
fn file_field(post_id: i64) -> String {
    format!("/papan/pos/{post_id}#lampiran")
}

/// Back to the post page with `key`'s message next to the file field.
fn back_with_error(post_id: i64, lang: Lang, key: &str) -> Response {
    field_error("file", crate::i18n::text(lang, key)).back_to(file_field(post_id))
}

/// Back to the post page with the rate limit's message next to the file field; the page then
/// answers 429, and this redirect already says when to try again.
fn back_too_often(post_id: i64, lang: Lang, wait: u64) -> Response {
    let message = crate::i18n::text_with(
        lang,
        "board.too_many_uploads",
        &[("wait", &rate::wait_text(lang, wait))],
    );
    AppError {
        fields: vec![FieldError {
            field: "file".to_string(),
            message: message.clone(),
        }],
        retry_after_secs: Some(wait),
        ..AppError::new(ErrorKind::TooManyAttempts, message)
    }
    .back_to(file_field(post_id))
}

/// Back to the post page with the message of the quota an upload would pass.
fn back_over_quota(post_id: i64, lang: Lang, full: Full) -> Response {
    let message = match full {
        Full::User { used, quota } => crate::i18n::text_with(
            lang,
            "board.quota_user",
            &[
                ("used", &bounds::megabytes(used)),
                ("quota", &bounds::megabytes(quota)),
            ],
        ),
        Full::Cohort { quota, .. } => crate::i18n::text_with(
            lang,
            "board.quota_cohort",
            &[("quota", &bounds::megabytes(quota))],
        ),
    };
    field_error("file", message).back_to(file_field(post_id))
}

/// Back to the post page with a notice.
fn back_with_notice(state: &AppState, post_id: i64, lang: Lang, key: &str) -> Response {
    let page = format!("/papan/pos/{post_id}");
    let flash = Flash {
        path: page.clone(),
        notice: Some(crate::i18n::text(lang, key)),
        ..Flash::default()
    };
    with_flash(state, redirect(&file_field(post_id)), &flash)
}

/// The author may change attachments while the post is not approved.
fn author_may_change(head: &PostHead, user: &CurrentUser, right: BoardRight) -> bool {
    head.author_id == user.id.0 && right >= BoardRight::Post && head.status != PostStatus::Approved
}

/// The uploaded file: its name, declared type and bytes, or why there is none to keep.
pub(crate) struct Upload {
    pub(crate) name: String,
    pub(crate) declared: String,
    pub(crate) bytes: Vec<u8>,
}

/// Why no upload was read.
pub(crate) enum Unread {
    /// Refused with a message for the form.
    Refused(Refusal),
    /// Far beyond the cap: the connection is cut rather than read on.
    Flood,
}

/// Reads the `file` field (also of unit files' uploads, `ssr::materials::http`), keeping at most `MAX_ATTACHMENT_BYTES` of it. An oversized file is read
/// on (and dropped) up to `MAX_DRAINED_BYTES` so that the refusal reaches the browser. A body that
/// is no valid multipart form counts as no file.
pub(crate) async fn read_upload(multipart: &mut Multipart) -> Result<Upload, Unread> {
    let mut upload = None;
    let mut drained = 0usize;
    let mut too_large = false;
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(_) => return Err(Unread::Refused(Refusal::NoFile)),
        };
        if field.name() != Some("file") || upload.is_some() {
            continue;
        }
        let mut field = field;
        let name = field.file_name().unwrap_or_default().to_string();
        let declared = field.content_type().unwrap_or_default().to_string();
        let mut bytes = Vec::new();
        loop {
            match field.chunk().await {
                Ok(Some(chunk)) => {
                    if too_large || bytes.len() + chunk.len() > MAX_ATTACHMENT_BYTES {
                        too_large = true;
                        drained += chunk.len();
                        bytes = Vec::new();
                        if drained > MAX_DRAINED_BYTES {
                            return Err(Unread::Flood);
                        }
                    } else {
                        bytes.extend_from_slice(&chunk);
                    }
                }
                Ok(None) => break,
                Err(_) => return Err(Unread::Refused(Refusal::NoFile)),
            }
        }
        upload = Some(Upload {
            name,
            declared,
            bytes,
        });
    }
    if too_large {
        return Err(Unread::Refused(Refusal::TooLarge));
    }
    match upload {
        Some(upload) if !upload.bytes.is_empty() => Ok(upload),
        _ => Err(Unread::Refused(Refusal::NoFile)),
    }
}

/// `POST /papan/pos/{id}/lampiran`: the author adds a file to the current revision.
async fn upload(
    State(state): State<AppState>,
    SignedIn { user }: SignedIn,
    headers: HeaderMap,
    Path(post_id): Path<i64>,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let lang = lang_from_headers(&headers, state.settings.default_lang);
    let (head, cohort, right) = match post_board_and_right(&state, &user, post_id, lang).await {
        Ok(found) => found,
        Err(refused) => return refused.into_response(),
    };
    if head.author_id != user.id.0 || right < BoardRight::Post {
        return refusal(ErrorKind::Forbidden, lang, "board.not_author").into_response();
    }
    if !author_may_change(&head, &user, right) {
        return back_with_error(post_id, lang, Refusal::Closed.key());
    }
    let Ok(mut multipart) = multipart else {
        return back_with_error(post_id, lang, Refusal::NoFile.key());
    };
    let upload = match read_upload(&mut multipart).await {
        Ok(upload) => upload,
        Err(Unread::Refused(refusal)) => return back_with_error(post_id, lang, refusal.key()),
        Err(Unread::Flood) => {
            // Not a refusal the form shows: the browser may not even read the answer.
            return plain(
                StatusCode::PAYLOAD_TOO_LARGE,
                crate::i18n::text(lang, Refusal::TooLarge.key()),
            );
        }
    };
    let kind = match files::recognise(&upload.name, &upload.declared, &upload.bytes) {
        Ok(kind) => kind,
        Err(refusal) => {
            tracing::info!(
                user = user.id.0,
                post = post_id,
                ?refusal,
                "attachment refused"
            );
            return back_with_error(post_id, lang, refusal.key());
        }
    };
    match files::count(&state.db, post_id).await {
        Ok(n) if n >= files::MAX_ATTACHMENTS_PER_POST => {
            return back_with_error(post_id, lang, Refusal::TooMany.key())
        }
        Ok(_) => {}
        Err(err) => return internal("attachment count", err).into_response(),
    }
    let limits = &state.settings.boards;
    let now = state.clock.now();
    match rate::take(&state.db, user.id.0, Action::Upload, limits.uploads, now).await {
        Ok(Ok(())) => {}
        Ok(Err(wait)) => {
            tracing::info!(
                user = user.id.0,
                post = post_id,
                wait,
                "upload rate limited"
            );
            return back_too_often(post_id, lang, wait);
        }
        Err(err) => return internal("upload rate", err).into_response(),
    }
    let size = upload.bytes.len() as i64;
    match bounds::reserve(&state.db, limits, user.id.0, cohort, size).await {
        Ok(Ok(())) => {}
        Ok(Err(full)) => {
            tracing::info!(
                user = user.id.0,
                post = post_id,
                ?full,
                "attachment over quota"
            );
            return back_over_quota(post_id, lang, full);
        }
        Err(err) => return internal("attachment quota", err).into_response(),
    }
    // From here on, a file that is not kept gives its reserved bytes back.
    let release_reserved = || give_back(&state, user.id.0, cohort, size);
    let file_name = files::display_name(&upload.name, kind);
    let stored_name = files::storage_name();
    let sha = Sha256::digest(&upload.bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<String>();
    // Stored before the row that points at it commits.
    if let Err(err) = state
        .storage
        .put(Area::Attachments, &stored_name, &upload.bytes)
        .await
    {
        release_reserved().await;
        return internal("writing an attachment", err).into_response();
    }
    let new = NewAttachment {
        post: post_id,
        revision: head.revision,
        file_name: &file_name,
        stored_name: &stored_name,
        content_type: kind.mime,
        size_bytes: size,
        sha256: &sha,
        by: user.id.0,
    };
    let inserted = files::insert(&state.db, &new, now_unix()).await;
    match inserted {
        Ok(Some(id)) => {
            tracing::info!(
                user = user.id.0,
                post = post_id,
                attachment = id,
                bytes = upload.bytes.len(),
                kind = kind.detected,
                "attachment added"
            );
            back_with_notice(&state, post_id, lang, "board.file_added")
        }
        Ok(None) => {
            state.storage.remove(Area::Attachments, &stored_name).await;
            release_reserved().await;
            back_with_error(post_id, lang, Refusal::TooMany.key())
        }
        Err(err) => {
            state.storage.remove(Area::Attachments, &stored_name).await;
            release_reserved().await;
            internal("storing an attachment", err).into_response()
        }
    }
}

/// Gives back the bytes reserved for a file that was not kept.
async fn give_back(state: &AppState, user: i64, cohort: i64, size: i64) {
    if let Err(err) = bounds::release(&state.db, user, cohort, size).await {
        tracing::error!(%err, user, cohort, size, "could not release reserved bytes");
    }
}

/// `Content-Disposition` for a download named `name`: an ASCII fallback and the UTF-8 name.
pub(crate) fn content_disposition(name: &str) -> HeaderValue {
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ' ' | '(' | ')') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded = crate::components::url::encode_query_value(name);
    HeaderValue::from_str(&format!(
        "attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}"
    ))
    .unwrap_or(HeaderValue::from_static("attachment"))
}

/// `GET /papan/lampiran/{id}`: the file, as a download, to anyone who may read its board.
async fn download(
    State(state): State<AppState>,
    SignedIn { user }: SignedIn,
    headers: HeaderMap,
    Path(id): Path<String>,
    request: Request,
) -> Result<Response, AppError> {
    let lang = lang_from_headers(&headers, state.settings.default_lang);
    let not_found = || refusal(ErrorKind::NotFound, lang, "board.file_not_found");
    let Ok(id) = id.parse::<i64>() else {
        return Err(not_found());
    };
    let row = files::get(&state.db, id)
        .await
        .map_err(|err| internal("attachment", err))?
        .ok_or_else(not_found)?;
    match post_and_right(&state, &user, row.post_id, lang).await {
        Ok(_) => {}
        Err(refused) if refused.kind == ErrorKind::NotFound => return Err(not_found()),
        Err(refused) => return Err(refused),
    }
    if !files::is_storage_name(&row.stored_name) {
        return Err(internal("attachment", "stored name is not a generated one"));
    }
    // Ranges and conditional requests are answered, which lets a phone resume a download.
    let served = state
        .storage
        .serve(Area::Attachments, &row.stored_name, request)
        .await;
    let mut response = match served {
        Ok(response) if response.status() == StatusCode::NOT_FOUND => return Err(not_found()),
        Ok(response) => response,
        Err(err) => return Err(internal("serving an attachment", err)),
    };
    as_download(
        &mut response,
        &row.content_type,
        &row.file_name,
        "private, max-age=3600",
    );
    Ok(response)
}

/// Makes a served upload a download: the type recognised at upload (never one guessed again:
/// the stored name has no ending), the name the uploader gave, `cache` as its cache policy, and a
/// sandbox so that nothing in the file runs on this site.
pub(crate) fn as_download(
    response: &mut Response,
    content_type: &str,
    file_name: &str,
    cache: &'static str,
) {
    let headers = response.headers_mut();
    if let Ok(kind) = HeaderValue::from_str(content_type) {
        headers.insert(header::CONTENT_TYPE, kind);
    }
    headers.insert(header::CONTENT_DISPOSITION, content_disposition(file_name));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; sandbox"),
    );
}

/// `POST /papan/lampiran/{id}/hapus`: the author removes a file added to the current revision
/// (files of earlier revisions stay, as those revisions do).
async fn remove(
    State(state): State<AppState>,
    SignedIn { user }: SignedIn,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let lang = lang_from_headers(&headers, state.settings.default_lang);
    let row = files::get(&state.db, id)
        .await
        .map_err(|err| internal("attachment", err))?
        .ok_or_else(|| refusal(ErrorKind::NotFound, lang, "board.file_not_found"))?;
    let (head, cohort, right) = post_board_and_right(&state, &user, row.post_id, lang).await?;
    if head.author_id != user.id.0 {
        return Err(refusal(ErrorKind::Forbidden, lang, "board.not_author"));
    }
    if !author_may_change(&head, &user, right) || row.revision != head.revision {
        return Ok(back_with_error(head.id, lang, "board.file_remove_refused"));
    }
    match files::delete(&state.db, id).await {
        Ok(removed) => {
            // Only the request that removed the row gives its bytes back.
            if removed {
                if let Err(err) =
                    bounds::release(&state.db, row.created_by, cohort, row.size_bytes).await
                {
                    tracing::error!(%err, attachment = id, "could not release an attachment's bytes");
                }
            }
            if files::is_storage_name(&row.stored_name) {
                state
                    .storage
                    .remove(Area::Attachments, &row.stored_name)
                    .await;
            }
            tracing::info!(
                user = user.id.0,
                post = head.id,
                attachment = id,
                "attachment removed"
            );
            Ok(back_with_notice(
                &state,
                head.id,
                lang,
                "board.file_removed",
            ))
        }
        Err(err) => Err(internal("removing an attachment", err)),
    }
}
