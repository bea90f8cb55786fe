//! The plain HTTP answers the non-Leptos routes share (CSV downloads, uploads, quiz saves, live
//! streams): a short text with a status, a redirect, a CSV attachment, reading a posted form, and
//! the one way a refusal is answered.
//!
//! A raw route fails with an [`AppError`], as a server function does (a guard's rejection, an id
//! out of scope, an internal error). Its status comes from the error's kind; the body is the
//! message as text, or the JSON error for a client that asks for JSON. For a browser (see
//! [`takes_pages`]) [`answer_browsers`] turns a visitor's refusal into the sign-in page, and a
//! refused form post that names its form ([`AppError::back_to`]) into a 303 back to it with the
//! error in the flash cookie, shown next to the fields.

use crate::model::{AppError, ErrorKind, Flash, Lang};
use crate::ssr::request::{lang_from_headers, referer_path, takes_pages};
use crate::ssr::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::{header, HeaderValue, Method, StatusCode};

/// A response body that streams `chunks`. The stream is fused first: the compression layer
/// (tower-http, issue tower-rs/tower-http#732) polls a body once more after it ended, and an
/// unfused stream such as `stream::unfold` panics when polled after its end, cutting off the
/// download. Every streamed download goes through here.
pub fn stream_body<S>(chunks: S) -> Body
where
    S: futures_util::TryStream + Send + 'static,
    S::Ok: Into<axum::body::Bytes>,
    S::Error: Into<axum::BoxError>,
{
    use futures_util::StreamExt;
    Body::from_stream(futures_util::TryStreamExt::into_stream(chunks).fuse())
}

/// A short plain-text answer (a refusal's message, or the outcome of saves); never cached.
pub fn plain(status: StatusCode, message: String) -> Response {
    (
        status,
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        message,
    )
        .into_response()
}

/// `303 See Other` to `to`.
pub fn redirect(to: &str) -> Response {
    (
        StatusCode::SEE_OTHER,
        [(
            header::LOCATION,
            HeaderValue::from_str(to).unwrap_or(HeaderValue::from_static("/")),
        )],
    )
        .into_response()
}

/// `response` carrying `flash` for the page it leads to.
pub fn with_flash(
    state: &AppState,
    mut response: Response,
    flash: &crate::model::Flash,
) -> Response {
    if let Some(cookie) = crate::ssr::flash::set_cookie(flash, state.settings.secure_cookies) {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    response
}

/// The fields of a posted form (`application/x-www-form-urlencoded`), in order.
pub fn form_fields(body: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(body)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// The last value of field `name` among `fields` ("" when absent).
pub fn form_field<'a>(fields: &'a [(String, String)], name: &str) -> &'a str {
    fields
        .iter()
        .rev()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or_default()
}

/// A 303 to `page` carrying the notice of `key` (in `lang`) for it.
pub fn go_with_notice(state: &AppState, page: &str, lang: Lang, key: &str) -> Response {
    let flash = Flash {
        path: page.split(['?', '#']).next().unwrap_or(page).to_string(),
        notice: Some(crate::i18n::text(lang, key)),
        ..Flash::default()
    };
    with_flash(state, redirect(page), &flash)
}

/// To the sign-in page, coming back to `path` afterwards.
pub fn sign_in_first(path: &str) -> Response {
    let next = crate::components::url::encode_query_value(path);
    redirect(&format!("/masuk?next={next}"))
}

/// The page a refused browser form post goes back to (a path, perhaps with a fragment).
#[derive(Clone, Debug)]
struct BackTo(String);

impl AppError {
    /// The answer to a form post this error refuses: a browser goes back to `page` (a path,
    /// perhaps followed by a fragment) with the error in the flash, shown next to the fields;
    /// other clients get the status and the message.
    pub fn back_to(self, page: impl Into<String>) -> Response {
        let mut response = self.into_response();
        response.extensions_mut().insert(BackTo(page.into()));
        response
    }
}

/// The status of the error's kind (with `Retry-After` when it says when to try again) and its
/// message as plain text. The error rides along for [`answer_browsers`].
impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status =
            StatusCode::from_u16(self.kind.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = plain(status, self.message.clone());
        if let Some(wait) = self.retry_after_secs {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(wait));
        }
        response.extensions_mut().insert(self);
        response
    }
}

/// The middleware over the raw routes that finishes what [`AppError`]'s answer cannot know
/// alone, since it depends on the request: a client that takes pages (a browser) is sent to
/// sign in when it is not signed in (coming back to the page it asked for, or for a post, the
/// page it posted from), and back to the form with the error in the flash when a post it made
/// was refused with [`AppError::back_to`]; a client asking for JSON gets the JSON error. An
/// internal error's message is given in the caller's language.
pub async fn answer_browsers(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    // Only cheap handles are kept (header values and the URI share their bytes); what the
    // answer needs is derived from them after an error, so a save that succeeds pays nothing.
    let asked = AskedFor::of(&request);
    let mut response = next.run(request).await;
    let Some(mut error) = response.extensions_mut().remove::<AppError>() else {
        return response;
    };
    let headers = asked.headers();
    let browser = takes_pages(&headers);
    let post = asked.method == Method::POST;
    let wants_json = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"));
    let lang = lang_from_headers(&headers, state.settings.default_lang);
    let came_from = if post {
        referer_path(&headers)
    } else {
        asked.uri.path_and_query().map(|p| p.as_str().to_string())
    };
    let back_to = response.extensions_mut().remove::<BackTo>();
    if error.kind == ErrorKind::Internal {
        error.message = crate::i18n::text(lang, "error.internal");
    }
    if browser && error.kind == ErrorKind::Unauthenticated {
        return sign_in_first(came_from.as_deref().unwrap_or("/"));
    }
    if let (true, true, Some(BackTo(page))) = (browser, post, back_to) {
        return back_with(&state, &page, error);
    }
    if wants_json && !browser {
        let status = response.status();
        let mut json = (
            status,
            [
                (header::CONTENT_TYPE, "application/json"),
                (header::CACHE_CONTROL, "no-store"),
            ],
            serde_json::to_string(&error).unwrap_or_default(),
        )
            .into_response();
        if let Some(wait) = response.headers().get(header::RETRY_AFTER) {
            json.headers_mut().insert(header::RETRY_AFTER, wait.clone());
        }
        return json;
    }
    if error.kind == ErrorKind::Internal {
        *response.body_mut() = Body::from(error.message);
        response.headers_mut().remove(header::CONTENT_LENGTH);
    }
    response
}

/// What [`answer_browsers`] keeps of a request until it knows whether the answer is a refusal:
/// the method, the URI and the headers a refusal's answer depends on.
struct AskedFor {
    method: Method,
    uri: http::Uri,
    kept: Vec<(header::HeaderName, HeaderValue)>,
}

impl AskedFor {
    fn of(request: &Request) -> AskedFor {
        let mut kept = Vec::with_capacity(4);
        for name in [header::ACCEPT, header::COOKIE, header::REFERER] {
            for value in request.headers().get_all(&name) {
                kept.push((name.clone(), value.clone()));
            }
        }
        AskedFor {
            method: request.method().clone(),
            uri: request.uri().clone(),
            kept,
        }
    }

    /// The kept headers as a map, for the readers of [`crate::ssr::request`].
    fn headers(&self) -> http::HeaderMap {
        let mut headers = http::HeaderMap::with_capacity(self.kept.len());
        for (name, value) in &self.kept {
            headers.append(name.clone(), value.clone());
        }
        headers
    }
}

/// `303` back to `page` with `error` in the flash for the form there (and `Retry-After` when the
/// error says when to try again).
fn back_with(state: &AppState, page: &str, error: AppError) -> Response {
    let wait = error.retry_after_secs;
    let flash = Flash {
        path: page.split(['#', '?']).next().unwrap_or(page).to_string(),
        values: Vec::new(),
        error: Some(error),
        notice: None,
    };
    let mut response = with_flash(state, redirect(page), &flash);
    if let Some(wait) = wait {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(wait));
    }
    response
}

/// The validation error of one form field (`message` for the form and next to the field).
pub fn field_error(field: &str, message: String) -> AppError {
    AppError::invalid(
        message.clone(),
        vec![crate::model::FieldError {
            field: field.to_string(),
            message,
        }],
    )
}

/// An error of `kind` with `key`'s message in `lang` (raw routes know their caller's language
/// from the request, not from a Leptos context).
pub fn refusal(kind: ErrorKind, lang: Lang, key: &str) -> AppError {
    AppError::new(kind, crate::i18n::text(lang, key))
}

/// A file posted as one field of a multipart form (a plain form that works without JavaScript).
#[derive(Clone, Debug)]
pub struct Upload {
    pub file_name: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

/// Why a posted file cannot be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UploadRefusal {
    /// No file was chosen (or the form could not be read).
    Missing,
    /// Larger than the route's body limit.
    TooLarge,
}

impl Upload {
    /// The file's own name without any folder, control characters or more than 200 characters.
    pub fn safe_name(&self) -> String {
        self.file_name
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or_default()
            .chars()
            .filter(|c| !c.is_control())
            .take(200)
            .collect()
    }
}

/// Reads the file of field `field` (the last, if repeated) from a multipart form.
pub async fn read_upload(
    multipart: Result<axum::extract::Multipart, axum::extract::multipart::MultipartRejection>,
    field: &str,
) -> Result<Upload, UploadRefusal> {
    let too_large = |status: StatusCode| {
        if status == StatusCode::PAYLOAD_TOO_LARGE {
            UploadRefusal::TooLarge
        } else {
            UploadRefusal::Missing
        }
    };
    let mut multipart = multipart.map_err(|_| UploadRefusal::Missing)?;
    let mut upload = None;
    loop {
        match multipart.next_field().await {
            Ok(Some(part)) if part.name() == Some(field) => {
                let file_name = part.file_name().unwrap_or_default().to_string();
                let content_type = part.content_type().unwrap_or_default().to_string();
                let bytes = part.bytes().await.map_err(|e| too_large(e.status()))?;
                upload = Some(Upload {
                    file_name,
                    content_type,
                    bytes: bytes.to_vec(),
                });
            }
            Ok(Some(_)) => {}
            Ok(None) => break,
            Err(err) => return Err(too_large(err.status())),
        }
    }
    upload
        .filter(|u| !u.bytes.is_empty())
        .ok_or(UploadRefusal::Missing)
}
