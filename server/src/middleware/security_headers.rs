//! Headers every response carries, and the Content-Security-Policy of pages.

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use http::{header, HeaderValue};

/// The policy of a page rendered with `nonce`. Scripts: the site's own files, and inline ones
/// only with this page's nonce (Leptos's hydration script and the wasm preload), never
/// `unsafe-inline`; wasm may be compiled (`wasm-unsafe-eval`, not `unsafe-eval`). Everything else
/// from this site only: no picture, style, font or connection to another host (a tracking pixel
/// in a post does not load), no plugin, no `<base>` rewriting, forms post only here, and no other
/// site may frame a page.
pub fn page_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// The policy of any other document (an error page written by a raw route): nothing runs.
const DOCUMENT_POLICY: &str = "default-src 'self'; script-src 'none'; object-src 'none'; \
     base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Adds `nosniff` to every response; to documents (HTML) also frame denial, a same-origin
/// referrer policy (the referrer is how a JavaScript-off form returns to its page) and, unless
/// the page set its own with a nonce, a policy that runs no script. These only mean something
/// for a document, and on the dozen small wasm chunks of a page they would cost a teacher about
/// a kilobyte of headers.
pub async fn add(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    let document = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if document {
        headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
        headers.insert(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        );
        if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
            headers.insert(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(DOCUMENT_POLICY),
            );
        }
    }
    response
}
