//! Materials over plain HTTP: authors upload pictures and attachments to a unit (multipart forms
//! that work without JavaScript, read as the board reads its uploads), readers download the
//! originals and the resized pictures, and a module's offline pack.
//!
//! Every request checks the caller's place in the unit's program exactly as the unit page does; a
//! file of a unit the caller may not read answers the same 404 as one that does not exist.

use super::access::{self, UnitHead, Viewer};
use super::files::{self, FileRow};
use super::pack;
use super::store::{self, NotKept};
use super::views;
use crate::model::{AppError, CurrentUser, ErrorKind, Flash, Lang};
use crate::ssr::boards::files::Refusal;
use crate::ssr::boards::http::files::{content_disposition, read_upload, Unread};
use crate::ssr::db::{internal, now_unix};
use crate::ssr::guard::SignedIn;
use crate::ssr::http::{field_error, plain, redirect, refusal, with_flash};
use crate::ssr::rate::{self, Action};
use crate::ssr::request::lang_from_headers;
use crate::ssr::storage::Area;
use crate::ssr::AppState;
use axum::extract::{DefaultBodyLimit, Multipart, Path, Request, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use http::{header, HeaderMap, HeaderValue, StatusCode};

/// The materials routes, for merging into the app's router (files in the app's storage).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/materi/unit/{id}/gambar",
            post(upload_picture).layer(DefaultBodyLimit::disable()),
        )
        .route(
            "/materi/unit/{id}/lampiran",
            post(upload_attachment).layer(DefaultBodyLimit::disable()),
        )
        .route("/materi/berkas/{id}", get(download))
        .route("/materi/berkas/{id}/kecil", get(small_picture))
        .route("/materi/modul/{id}/paket", get(offline_pack))
}

fn not_found(lang: Lang) -> AppError {
    refusal(ErrorKind::NotFound, lang, "materials.not_found")
}

/// Unit `id` and how `user` stands to it: an author, or a participant for whom it is open.
async fn readable_unit(
    state: &AppState,
    user: &CurrentUser,
    id: i64,
    lang: Lang,
) -> Result<(UnitHead, Viewer), AppError> {
    let head = access::unit_head(&state.db, id)
        .await
        .map_err(|e| internal("material unit", e))?
        .ok_or_else(|| not_found(lang))?;
    let viewer = access::viewer(&state.db, user, head.program_id, head.cohort_id)
        .await
        .map_err(|e| internal("material viewer", e))?
        .ok_or_else(|| not_found(lang))?;
    if viewer == Viewer::Participant
        && access::blocking_unit(&state.db, &head, user.id.0)
            .await
            .map_err(|e| internal("material lock", e))?
            .is_some()
    {
        return Err(not_found(lang));
    }
    Ok((head, viewer))
}

/// The editor of unit `unit`, where uploads go back to.
fn editor(unit: i64, anchor: &str) -> String {
    format!("/materi/unit/{unit}/ubah#{anchor}")
}

async fn upload_picture(
    state: State<AppState>,
    signed_in: SignedIn,
    headers: HeaderMap,
    id: Path<i64>,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    upload(state, signed_in, headers, id, multipart, true).await
}

async fn upload_attachment(
    state: State<AppState>,
    signed_in: SignedIn,
    headers: HeaderMap,
    id: Path<i64>,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    upload(state, signed_in, headers, id, multipart, false).await
}

/// `POST /materi/unit/{id}/gambar` and `/lampiran`: an author adds a picture or an attachment.
/// A refusal goes back to the editor with the message next to its field (`picture` or
/// `attachment`).
async fn upload(
    State(state): State<AppState>,
    SignedIn { user }: SignedIn,
    headers: HeaderMap,
    Path(unit): Path<i64>,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
    picture: bool,
) -> Response {
    let lang = lang_from_headers(&headers, state.settings.default_lang);
    let (head, viewer) = match readable_unit(&state, &user, unit, lang).await {
        Ok(found) => found,
        Err(refused) => return refused.into_response(),
    };
    if viewer != Viewer::Author {
        return refusal(ErrorKind::Forbidden, lang, "materials.not_author").into_response();
    }
    let (field, anchor) = if picture {
        ("picture", "gambar")
    } else {
        ("attachment", "lampiran")
    };
    let back = |key: &str| {
        field_error(field, crate::i18n::text(lang, key)).back_to(editor(head.id, anchor))
    };
    let Ok(mut multipart) = multipart else {
        return back(Refusal::NoFile.key());
    };
    let upload = match read_upload(&mut multipart).await {
        Ok(upload) => upload,
        Err(Unread::Refused(refusal)) => return back(refusal.key()),
        Err(Unread::Flood) => {
            return plain(
                StatusCode::PAYLOAD_TOO_LARGE,
                crate::i18n::text(lang, Refusal::TooLarge.key()),
            )
        }
    };
    // Uploads count against the same per-person limit as the boards' attachments.
    let now = state.clock.now();
    match rate::take(
        &state.db,
        user.id.0,
        Action::Upload,
        state.settings.boards.uploads,
        now,
    )
    .await
    {
        Ok(Ok(())) => {}
        Ok(Err(wait)) => {
            let message = crate::i18n::text_with(
                lang,
                "board.too_many_uploads",
                &[("wait", &rate::wait_text(lang, wait))],
            );
            return field_error(field, message).back_to(editor(head.id, anchor));
        }
        Err(err) => return internal("material upload rate", err).into_response(),
    }
    let size = upload.bytes.len();
    let kept = store::keep(
        &state.db,
        &state.storage,
        head.id,
        user.id.0,
        store::Upload {
            name: &upload.name,
            declared: &upload.declared,
            bytes: upload.bytes,
        },
        picture,
        now_unix(),
    )
    .await;
    match kept {
        Ok(file) => {
            tracing::info!(
                user = user.id.0,
                unit = head.id,
                file,
                bytes = size,
                picture,
                "material file added"
            );
            let flash = Flash {
                path: format!("/materi/unit/{}/ubah", head.id),
                notice: Some(crate::i18n::text(lang, "materials.file_added")),
                ..Flash::default()
            };
            with_flash(&state, redirect(&editor(head.id, anchor)), &flash)
        }
        Err(NotKept::Failed(err)) => internal("keeping a material file", err).into_response(),
        Err(not_kept) => {
            tracing::info!(
                user = user.id.0,
                unit = head.id,
                ?not_kept,
                "material file refused"
            );
            back(not_kept.key())
        }
    }
}

/// File `id` and its unit, if the caller may read the unit.
async fn readable_file(
    state: &AppState,
    user: &CurrentUser,
    id: &str,
    lang: Lang,
) -> Result<FileRow, AppError> {
    let id: i64 = id.parse().map_err(|_| not_found(lang))?;
    let row = files::get(&state.db, id)
        .await
        .map_err(|e| internal("material file", e))?
        .ok_or_else(|| not_found(lang))?;
    readable_unit(state, user, row.unit_id, lang).await?;
    Ok(row)
}

/// Serves the stored file `name` (ranges and conditional requests included) as `content_type`.
async fn serve(
    state: &AppState,
    name: &str,
    request: Request,
    content_type: &str,
    disposition: HeaderValue,
    policy: &'static str,
    lang: Lang,
) -> Result<Response, AppError> {
    let served = state.storage.serve(Area::Materials, name, request).await;
    let mut response = match served {
        Ok(response) if response.status() == StatusCode::NOT_FOUND => return Err(not_found(lang)),
        Ok(response) => response,
        Err(err) => return Err(internal("serving a material file", err)),
    };
    let headers = response.headers_mut();
    if let Ok(kind) = HeaderValue::from_str(content_type) {
        headers.insert(header::CONTENT_TYPE, kind);
    }
    headers.insert(header::CONTENT_DISPOSITION, disposition);
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, max-age=86400"),
    );
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(policy),
    );
    Ok(response)
}

/// The policy of a download: nothing may load or run.
const DOWNLOAD_POLICY: &str = "default-src 'none'; sandbox";
/// The policy of a picture opened on its own (a tapped "Ketuk untuk memuat gambar" link): the
/// browser's picture viewer may show it and style its own page; the bytes are a JPEG served with
/// `nosniff`, never HTML, and nothing may run.
const PICTURE_POLICY: &str =
    "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox";

/// `GET /materi/berkas/{id}`: the original as uploaded, byte for byte, as a download.
async fn download(
    State(state): State<AppState>,
    SignedIn { user }: SignedIn,
    headers: HeaderMap,
    Path(id): Path<String>,
    request: Request,
) -> Result<Response, AppError> {
    let lang = lang_from_headers(&headers, state.settings.default_lang);
    let row = readable_file(&state, &user, &id, lang).await?;
    let name = row
        .original_name()
        .ok_or_else(|| internal("material file", "stored name is not a generated one"))?;
    serve(
        &state,
        name,
        request,
        &row.content_type,
        content_disposition(&row.file_name),
        DOWNLOAD_POLICY,
        lang,
    )
    .await
}

/// `GET /materi/berkas/{id}/kecil`: a picture's resized copy, shown inline.
async fn small_picture(
    State(state): State<AppState>,
    SignedIn { user }: SignedIn,
    headers: HeaderMap,
    Path(id): Path<String>,
    request: Request,
) -> Result<Response, AppError> {
    let lang = lang_from_headers(&headers, state.settings.default_lang);
    let row = readable_file(&state, &user, &id, lang).await?;
    let name = row.small_stored_name().ok_or_else(|| not_found(lang))?;
    serve(
        &state,
        name,
        request,
        row.small_type.as_deref().unwrap_or("image/jpeg"),
        HeaderValue::from_static("inline"),
        PICTURE_POLICY,
        lang,
    )
    .await
}

/// `GET /materi/modul/{id}/paket`: the module as one HTML file to read offline.
async fn offline_pack(
    State(state): State<AppState>,
    SignedIn { user }: SignedIn,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let lang = lang_from_headers(&headers, state.settings.default_lang);
    let id: i64 = id.parse().map_err(|_| not_found(lang))?;
    let module = access::module_head(&state.db, id)
        .await
        .map_err(|e| internal("material module", e))?
        .ok_or_else(|| not_found(lang))?;
    let viewer = access::viewer(&state.db, &user, module.program_id, module.cohort_id)
        .await
        .map_err(|e| internal("material viewer", e))?
        .ok_or_else(|| not_found(lang))?;
    let pieces = views::pack_pieces(
        &state.db,
        lang,
        &module,
        user.id.0,
        viewer == Viewer::Participant,
    )
    .await
    .map_err(|e| internal("offline pack", e))?;
    let mut pictures = std::collections::HashMap::new();
    let rows = files::of_module(&state.db, module.id)
        .await
        .map_err(|e| internal("offline pack files", e))?;
    for row in rows.iter().filter(|r| r.kind == "picture") {
        if let Some(name) = row.small_stored_name() {
            let bytes = state
                .storage
                .read(Area::Materials, name)
                .await
                .unwrap_or_default();
            pictures.insert(row.id, bytes);
        }
    }
    let html = pack::assemble(&pieces, |file| {
        pictures.get(&file).cloned().unwrap_or_default()
    });
    let name = format!("modul-{}.html", module.id);
    Ok((
        StatusCode::OK,
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            ),
            (header::CONTENT_DISPOSITION, content_disposition(&name)),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        html,
    )
        .into_response())
}
