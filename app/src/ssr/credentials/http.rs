//! The plain HTTP routes of verifiable credentials: the credential download beside the
//! certificate, the institution's published keys and revocation lists (public, cached), and the
//! upload of the check page (`/sertifikat/periksa`, a multipart form that works without
//! JavaScript).

use super::credential::{self, CertificateHead, Site};
use super::keys::{self, KeyStore};
use super::proof;
use super::status_list::{self, LIST_BITS};
use crate::model::credentials::RESULT_FIELD;
use crate::model::{AppError, ErrorKind, Flash, Lang, Role};
use crate::ssr::db::{internal, Db};
use crate::ssr::guard::SignedIn;
use crate::ssr::http::{field_error, redirect, refusal, with_flash, UploadRefusal};
use crate::ssr::request::{client_address, lang_from_headers, takes_pages};
use crate::ssr::throttle::{Counter, Limit, PastLimit};
use crate::ssr::{institutions, scope, AppState};
use axum::extract::{DefaultBodyLimit, FromRequest, Multipart, Path, Request, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Router};
use http::{header, HeaderMap, HeaderValue, StatusCode};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// The check page's path.
pub const CHECK_PAGE: &str = "/sertifikat/periksa";
/// The largest credential file the check page reads (a Pamong credential is about 3 kB).
pub const MAX_CREDENTIAL_BYTES: usize = 64 * 1024;
/// Checks one client address may make per throttle window (the sign-in window, 15 minutes by
/// default) before it waits: enough for an office checking a pile of certificates, too few to
/// probe at scale.
pub const CHECKS_PER_WINDOW: i64 = 120;

/// What the routes share: the key store and the signed lists made so far.
#[derive(Clone)]
struct Credentials {
    store: KeyStore,
    /// (institution, list) → (what it was made from, the signed bytes, their ETag).
    lists: Arc<Mutex<HashMap<(i64, u64), CachedList>>>,
}

#[derive(Clone)]
struct CachedList {
    made_from: (String, Vec<u64>),
    bytes: Arc<String>,
    etag: String,
}

/// The credential routes, for merging into the app's router; secret keys under
/// `data_dir/kunci`.
pub fn routes(data_dir: PathBuf) -> Router<AppState> {
    let shared = Credentials {
        store: KeyStore::new(&data_dir),
        lists: Arc::default(),
    };
    Router::new()
        .route("/sertifikat/{code}/kredensial.json", get(download))
        .route(
            "/.well-known/pamong/lembaga/{id}/kunci.json",
            get(key_document),
        )
        .route("/sertifikat/status/{institution}/{file}", get(status_list))
        .route(
            CHECK_PAGE,
            post(check_upload).layer(DefaultBodyLimit::max(MAX_CREDENTIAL_BYTES + 16 * 1024)),
        )
        .layer(Extension(shared))
}

fn not_found(lang: Lang) -> AppError {
    refusal(ErrorKind::NotFound, lang, "credentials.not_found")
}

fn site(state: &AppState) -> Site {
    Site::new(&state.settings.public_url)
}

/// Whether `user` may download the credential of `head`: its owner, or an admin whose scope
/// holds the certificate's cohort or institution.
async fn may_download(
    db: &Db,
    user: &crate::model::CurrentUser,
    head: &CertificateHead,
) -> Result<bool, sqlx::Error> {
    if head.user_id == user.id.0 {
        return Ok(true);
    }
    let (Role::Admin, Some(root)) = (user.role, user.institution_id) else {
        return Ok(false);
    };
    Ok(
        scope::cohort_in_scope(db, root, crate::model::CohortId(head.cohort_id)).await?
            || institutions::is_within(db, root, crate::model::InstitutionId(head.institution_id))
                .await?,
    )
}

/// `GET /sertifikat/{code}/kredensial.json`: the certificate's signed credential, made on the
/// first request. Anyone but its owner and the institution's admins gets the 404 of a
/// certificate that does not exist.
async fn download(
    State(state): State<AppState>,
    Extension(shared): Extension<Credentials>,
    SignedIn { user }: SignedIn,
    headers: HeaderMap,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    let lang = lang_from_headers(&headers, state.settings.default_lang);
    let db = &state.db;
    let head = credential::certificate_by_code(db, &code)
        .await
        .map_err(|e| internal("credential certificate", e))?
        .ok_or_else(|| not_found(lang))?;
    if !may_download(db, &user, &head)
        .await
        .map_err(|e| internal("credential access", e))?
    {
        return Err(not_found(lang));
    }
    let text =
        credential::credential_for(db, &shared.store, &site(&state), &head, state.clock.now())
            .await
            .map_err(|e| internal("making a credential", e))?;
    let etag = etag_of(text.as_bytes());
    let mut response = (
        StatusCode::OK,
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/vc+ld+json"),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, no-cache"),
            ),
            (
                header::CONTENT_DISPOSITION,
                crate::ssr::boards::http::files::content_disposition(&format!(
                    "sertifikat-{}.json",
                    head.code
                )),
            ),
        ],
        text,
    )
        .into_response();
    set_etag(&mut response, &etag);
    Ok(response)
}

/// A strong ETag of `bytes`.
fn etag_of(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    format!("\"{hex}\"")
}

fn set_etag(response: &mut Response, etag: &str) {
    if let Ok(value) = HeaderValue::from_str(etag) {
        response.headers_mut().insert(header::ETAG, value);
    }
}

/// Whether the client already holds `etag` (`If-None-Match`).
fn still_fresh(headers: &HeaderMap, etag: &str) -> bool {
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|tag| {
            let tag = tag.trim();
            tag == "*" || tag.trim_start_matches("W/") == etag
        })
}

/// A public JSON answer cached `max_age` seconds, or `304` when the client holds it already.
fn public_json(headers: &HeaderMap, body: Arc<String>, etag: &str, max_age: u32) -> Response {
    let cache = HeaderValue::from_str(&format!("public, max-age={max_age}"))
        .unwrap_or(HeaderValue::from_static("no-cache"));
    let mut response = if still_fresh(headers, etag) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        (
            StatusCode::OK,
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            )],
            body.as_str().to_string(),
        )
            .into_response()
    };
    response.headers_mut().insert(header::CACHE_CONTROL, cache);
    // Verifiers are other sites' pages and scripts.
    response.headers_mut().insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    set_etag(&mut response, etag);
    response
}

/// Whether institution `id` exists.
async fn institution_exists(db: &Db, id: i64) -> Result<bool, sqlx::Error> {
    let (count,): (i64,) = sqlx::query_as("select count(*) from institution where id = $1")
        .bind(id)
        .fetch_one(db)
        .await?;
    Ok(count > 0)
}

/// `GET /.well-known/pamong/lembaga/{id}/kunci.json`: the institution's published keys, a
/// controller document whose verification methods are what the proofs point to. Cached five
/// minutes: a rotation shows within that.
async fn key_document(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let lang = lang_from_headers(&headers, state.settings.default_lang);
    if !institution_exists(&state.db, id)
        .await
        .map_err(|e| internal("key institution", e))?
    {
        return Err(not_found(lang));
    }
    let keys = keys::published(&state.db, id)
        .await
        .map_err(|e| internal("published keys", e))?;
    let document = keys::key_document(&site(&state).base, &keys, id);
    let body = serde_json::to_string_pretty(&document).unwrap_or_default();
    let etag = etag_of(body.as_bytes());
    Ok(public_json(&headers, Arc::new(body), &etag, 300))
}

/// `GET /sertifikat/status/{institution}/{list}.json`: the institution's revocation list
/// `list`, signed with its current key. Cached one minute, so a revocation is seen soon; the
/// signed bytes are kept in memory until a revocation (or a rotation) changes them.
async fn status_list(
    State(state): State<AppState>,
    Extension(shared): Extension<Credentials>,
    headers: HeaderMap,
    Path((institution, file)): Path<(i64, String)>,
) -> Result<Response, AppError> {
    let lang = lang_from_headers(&headers, state.settings.default_lang);
    let list: u64 = file
        .strip_suffix(".json")
        .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|n| n.parse().ok())
        .ok_or_else(|| not_found(lang))?;
    let db = &state.db;
    if list > i64::MAX as u64 / LIST_BITS
        || !institution_exists(db, institution)
            .await
            .map_err(|e| internal("status institution", e))?
    {
        return Err(not_found(lang));
    }
    let revoked = credential::revoked_in_list(db, institution, list)
        .await
        .map_err(|e| internal("revoked list", e))?;
    let (key_row, secret) = shared
        .store
        .current(db, institution, state.clock.now())
        .await
        .map_err(|e| internal("status list key", e))?;
    let made_from = (key_row.public_key.clone(), revoked);
    let cached = shared
        .lists
        .lock()
        .ok()
        .and_then(|lists| lists.get(&(institution, list)).cloned())
        .filter(|c| c.made_from == made_from);
    let cached = match cached {
        Some(cached) => cached,
        None => {
            let site = site(&state);
            let url = site.status_list_url(institution, list);
            let issuer = site.issuer_id(institution);
            let unsigned = status_list::list_credential(&url, &issuer, &made_from.1);
            let method = format!("{issuer}#{}", key_row.public_key);
            let signed = proof::sign(&unsigned, &secret, &method, None)
                .map_err(|e| internal("signing a status list", e))?;
            let body = serde_json::to_string_pretty(&signed).unwrap_or_default();
            let fresh = CachedList {
                made_from,
                etag: etag_of(body.as_bytes()),
                bytes: Arc::new(body),
            };
            if let Ok(mut lists) = shared.lists.lock() {
                lists.insert((institution, list), fresh.clone());
            }
            fresh
        }
    };
    Ok(public_json(&headers, cached.bytes, &cached.etag, 60))
}

/// Counts one check from `address`, or the seconds to wait. Kept in `attempt_limit` like the
/// sign-in limits (same sweeper), on a counter of its own.
async fn admit_check(
    db: &Db,
    address: &str,
    window_secs: i64,
    now: i64,
) -> Result<Result<(), u64>, sqlx::Error> {
    let limit = Limit {
        max: CHECKS_PER_WINDOW,
        window_secs: window_secs.max(1),
        past_limit: PastLimit::Block,
    };
    let mut tx = crate::ssr::db::begin_write(db).await?;
    // A write first, to take the lock before reading (as `throttle::reserve` does).
    let (attempts, last_at, blocked_until): (i64, i64, i64) = sqlx::query_as(
        "insert into attempt_limit (kind, subject, attempts, last_at, blocked_until, created_at) \
         values ('credential_check:address', $1, 0, 0, 0, $2) \
         on conflict (kind, subject) do update set attempts = attempt_limit.attempts \
         returning attempts, last_at, blocked_until",
    )
    .bind(address)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    let counter = Counter {
        attempts,
        last_at,
        blocked_until,
    };
    match limit.admit(counter, now) {
        Ok(next) => {
            sqlx::query(
                "update attempt_limit set attempts = $1, last_at = $2, blocked_until = $3 \
                 where kind = 'credential_check:address' and subject = $4",
            )
            .bind(next.attempts)
            .bind(next.last_at)
            .bind(next.blocked_until)
            .bind(address)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok(Ok(()))
        }
        Err(wait) => {
            tx.rollback().await?;
            Ok(Err(wait))
        }
    }
}

/// The refusal of a bad file, next to the file field of the check page.
fn bad_file(lang: Lang, key: &str) -> Response {
    field_error("file", crate::i18n::text(lang, key)).back_to(CHECK_PAGE)
}

/// `POST /sertifikat/periksa`: checks an uploaded credential (no sign-in). A browser goes back
/// to the check page with the verdict; a script asking for JSON gets the verdict
/// (`model::credentials::CheckResult`) as JSON.
async fn check_upload(State(state): State<AppState>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let headers = parts.headers.clone();
    let lang = lang_from_headers(&headers, state.settings.default_lang);
    let address = client_address(&parts, state.settings.trust_forwarded_for);
    let now = state.clock.now();
    let window = state.settings.sign_in_throttle.window_secs;
    match admit_check(&state.db, &address, window, now).await {
        Ok(Ok(())) => {}
        Ok(Err(wait)) => {
            tracing::info!(%address, "credential checks refused by the limit");
            let minutes = wait.div_ceil(60).max(1).to_string();
            let error = AppError {
                retry_after_secs: Some(wait),
                ..AppError::new(
                    ErrorKind::TooManyAttempts,
                    crate::i18n::text_with(lang, "credentials.too_many", &[("minutes", &minutes)]),
                )
            };
            return error.back_to(CHECK_PAGE);
        }
        Err(err) => return internal("credential check limit", err).into_response(),
    }
    let multipart = Multipart::from_request(Request::from_parts(parts, body), &state).await;
    let upload = match crate::ssr::http::read_upload(multipart, "file").await {
        Ok(upload) => upload,
        Err(UploadRefusal::TooLarge) => return bad_file(lang, "credentials.too_large"),
        Err(UploadRefusal::Missing) => return bad_file(lang, "credentials.no_file"),
    };
    if upload.bytes.len() > MAX_CREDENTIAL_BYTES {
        return bad_file(lang, "credentials.too_large");
    }
    let credential = match credential::parse_credential(&upload.bytes) {
        Ok(credential) => credential,
        Err(_) => return bad_file(lang, "credentials.not_a_credential"),
    };
    let result = match credential::check_online(&state.db, &credential).await {
        Ok(result) => result,
        Err(err) => return internal("checking a credential", err).into_response(),
    };
    tracing::info!(verdict = result.code(), "credential checked");
    if !takes_pages(&headers) {
        return (
            StatusCode::OK,
            [
                (header::CONTENT_TYPE, "application/json"),
                (header::CACHE_CONTROL, "no-store"),
            ],
            serde_json::to_string(&result).unwrap_or_default(),
        )
            .into_response();
    }
    let flash = Flash {
        path: CHECK_PAGE.to_string(),
        values: vec![(
            RESULT_FIELD.to_string(),
            serde_json::to_string(&result).unwrap_or_default(),
        )],
        ..Flash::default()
    };
    with_flash(&state, redirect(&format!("{CHECK_PAGE}#hasil")), &flash)
}
