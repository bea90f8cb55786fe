//! Refuses state-changing requests from other sites (CSRF). Leptos does not check this itself.
//!
//! A POST, PUT, PATCH or DELETE must carry an `Origin` (or, failing that, a `Referer`) whose host
//! is this site's own: the request's `Host`, or the configured public origin behind a proxy.

use app::model::{AppError, ErrorKind};
use app::ssr::request::lang_from_headers;
use app::ssr::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::{header, HeaderMap, Method, StatusCode};

/// The authority (`host[:port]`) part of an absolute URL.
fn authority(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    Some(&rest[..end])
}

/// Whether the request's claimed origin is this site.
pub fn is_same_origin(headers: &HeaderMap, public_origin: Option<&str>) -> bool {
    let claimed = headers
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
        .filter(|v| *v != "null")
        .or_else(|| headers.get(header::REFERER).and_then(|v| v.to_str().ok()));
    let Some(claimed) = claimed.and_then(authority) else {
        return false;
    };
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    host.is_some_and(|h| h.eq_ignore_ascii_case(claimed))
        || public_origin
            .and_then(authority)
            .is_some_and(|p| p.eq_ignore_ascii_case(claimed))
}

/// The middleware.
pub async fn guard(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if safe || is_same_origin(request.headers(), state.settings.public_origin.as_deref()) {
        return next.run(request).await;
    }
    let lang = lang_from_headers(request.headers(), state.settings.default_lang);
    tracing::warn!(
        origin = ?request.headers().get(header::ORIGIN),
        path = %request.uri().path(),
        "refused a request from a foreign origin"
    );
    let error = AppError::new(
        ErrorKind::ForeignOrigin,
        app::i18n::text(lang, "error.foreign_origin"),
    );
    let body = serde_json::to_string(&error).unwrap_or_default();
    (
        StatusCode::FORBIDDEN,
        [(header::CONTENT_TYPE, "application/json")],
        Body::from(body),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    fn headers(pairs: &[(header::HeaderName, &'static str)]) -> HeaderMap {
        pairs
            .iter()
            .map(|(k, v)| (k.clone(), HeaderValue::from_static(v)))
            .collect()
    }

    #[test]
    fn same_host_passes_and_others_do_not() {
        let own = headers(&[
            (header::HOST, "127.0.0.1:3000"),
            (header::ORIGIN, "http://127.0.0.1:3000"),
        ]);
        assert!(is_same_origin(&own, None));
        let foreign = headers(&[
            (header::HOST, "127.0.0.1:3000"),
            (header::ORIGIN, "https://evil.example"),
        ]);
        assert!(!is_same_origin(&foreign, None));
        let lookalike = headers(&[
            (header::HOST, "pamong.id"),
            (header::ORIGIN, "https://pamong.id.evil.example"),
        ]);
        assert!(!is_same_origin(&lookalike, None));
        let none = headers(&[(header::HOST, "127.0.0.1:3000")]);
        assert!(!is_same_origin(&none, None));
        let referer = headers(&[
            (header::HOST, "127.0.0.1:3000"),
            (header::REFERER, "http://127.0.0.1:3000/masuk?x=1"),
        ]);
        assert!(is_same_origin(&referer, None));
        let proxied = headers(&[
            (header::HOST, "10.0.0.5:3000"),
            (header::ORIGIN, "https://pamong.example.id"),
        ]);
        assert!(is_same_origin(&proxied, Some("https://pamong.example.id")));
    }
}
