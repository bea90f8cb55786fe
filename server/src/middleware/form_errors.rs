//! Gives server-function errors their HTTP status, and turns them into something a person can
//! use when the form was posted without JavaScript.
//!
//! Leptos answers every server-function error with status 500 (marked by the `serverfnerror`
//! header) and, for a plain form post, redirects back to the `Referer` and drops the error. Here a
//! plain post that failed is redirected back with a flash cookie holding the error and what the
//! user typed (never passwords), so the page shows the message next to the field; a request from
//! the wasm client gets the JSON error with the status its kind calls for.

use app::model::{AppError, ErrorKind, Flash};
use app::ssr::flash;
use app::ssr::request::{is_plain_form_post, referer_path};
use app::ssr::AppState;
use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::{header, HeaderValue, StatusCode};

/// Largest form body kept to refill fields (bigger bodies are still processed, just not echoed).
const MAX_ECHO_BODY: usize = 64 * 1024;
/// Largest error body read back.
const MAX_ERROR_BODY: usize = 64 * 1024;

fn is_secret_field(name: &str) -> bool {
    name.contains("password") || name.contains("secret") || name.contains("token")
}

/// The middleware, applied to `/api/*`.
pub async fn translate(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let plain_post = is_plain_form_post(request.headers());
    let back_to = referer_path(request.headers());
    let (parts, body) = request.into_parts();
    let form_type = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    // Keep a copy of a small urlencoded body to refill the form; anything else passes untouched.
    let (body, echo) = if plain_post && form_type {
        match to_bytes(body, MAX_ECHO_BODY).await {
            Ok(bytes) => (Body::from(bytes.clone()), Some(bytes)),
            Err(_) => {
                let error = AppError::new(
                    ErrorKind::BadRequest,
                    app::i18n::text(state.settings.default_lang, "error.too_large"),
                );
                return (
                    StatusCode::PAYLOAD_TOO_LARGE,
                    serde_json::to_string(&error).unwrap_or_default(),
                )
                    .into_response();
            }
        }
    } else {
        (body, None)
    };
    let response = next.run(Request::from_parts(parts, body)).await;
    if !response.headers().contains_key("serverfnerror") {
        return response;
    }

    let (mut head, body) = response.into_parts();
    let bytes = to_bytes(body, MAX_ERROR_BODY).await.unwrap_or_default();
    let error: AppError = serde_json::from_slice(&bytes).unwrap_or_else(|_| {
        AppError::new(
            ErrorKind::Internal,
            app::i18n::text(state.settings.default_lang, "error.internal"),
        )
    });

    if plain_post {
        if let Some(path) = back_to {
            let values = echo
                .map(|bytes| {
                    form_urlencoded(&bytes)
                        .into_iter()
                        .filter(|(name, _)| !is_secret_field(name))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default();
            let page_path = path.split('?').next().unwrap_or("/").to_string();
            let flash = Flash {
                path: page_path,
                values,
                error: Some(error),
                notice: None,
            };
            let mut redirect = Response::builder()
                .status(StatusCode::SEE_OTHER)
                .header(
                    header::LOCATION,
                    HeaderValue::from_str(&path).unwrap_or(HeaderValue::from_static("/")),
                )
                .body(Body::empty())
                .unwrap_or_default();
            if let Some(cookie) = flash::set_cookie(&flash, state.settings.secure_cookies) {
                redirect.headers_mut().append(header::SET_COOKIE, cookie);
            }
            return redirect;
        }
    }

    head.status =
        StatusCode::from_u16(error.kind.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    head.headers.remove(header::LOCATION);
    head.headers.remove(header::CONTENT_LENGTH);
    head.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    if let Some(wait) = error.retry_after_secs {
        head.headers
            .insert(header::RETRY_AFTER, HeaderValue::from(wait));
    }
    Response::from_parts(head, Body::from(bytes))
}

/// Decodes `a=1&b=x+y` pairs (the body a plain HTML form sends).
fn form_urlencoded(bytes: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(bytes).into_owned().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_form_bodies() {
        let pairs = form_urlencoded(b"name=Sri+Wahyuni&email=sri%40sekolah.sch.id");
        assert_eq!(pairs[0], ("name".into(), "Sri Wahyuni".into()));
        assert_eq!(pairs[1], ("email".into(), "sri@sekolah.sch.id".into()));
    }

    #[test]
    fn passwords_are_never_echoed() {
        assert!(is_secret_field("password"));
        assert!(is_secret_field("new_password_confirm"));
        assert!(!is_secret_field("email"));
    }
}
