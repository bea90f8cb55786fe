//! Cleans user text where it enters: the control characters of every query parameter and every
//! urlencoded form field (server functions, the quiz's saves and page form) are removed before any
//! handler reads them (`app::ssr::text::clean`). One participant's NUL would otherwise reach
//! PostgreSQL, which refuses the statement, and with it everything batched beside it.

use app::ssr::text::{clean, needs_cleaning};
use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::uri::PathAndQuery;
use http::{header, StatusCode, Uri};

/// Largest urlencoded body taken (axum's own default for a body read whole). A quiz page of
/// answers or a long reflection is a few kilobytes; uploads are multipart and not read here.
pub const MAX_FORM_BYTES: usize = 2 * 1024 * 1024;

/// The middleware.
pub async fn clean_input(request: Request, next: Next) -> Response {
    let (mut parts, body) = request.into_parts();
    if let Some(uri) = cleaned_uri(&parts.uri) {
        parts.uri = uri;
    }
    let is_form = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return next.run(Request::from_parts(parts, body)).await;
    }
    let bytes = match axum::body::to_bytes(body, MAX_FORM_BYTES).await {
        Ok(bytes) => bytes,
        Err(_) => return (StatusCode::PAYLOAD_TOO_LARGE, "form too large").into_response(),
    };
    let bytes = match clean_urlencoded(&bytes) {
        Some(cleaned) => {
            tracing::info!(path = %parts.uri.path(), "removed control characters from a form");
            parts.headers.remove(header::CONTENT_LENGTH);
            Bytes::from(cleaned)
        }
        None => bytes,
    };
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

/// The URI with a cleaned query, when its query needs cleaning.
fn cleaned_uri(uri: &Uri) -> Option<Uri> {
    let query = clean_urlencoded(uri.query()?.as_bytes())?;
    let mut parts = uri.clone().into_parts();
    parts.path_and_query = Some(PathAndQuery::try_from(format!("{}?{query}", uri.path())).ok()?);
    Uri::from_parts(parts).ok()
}

/// `Some(re-encoded)` when a name or a value of the urlencoded `input` holds a character to clean.
fn clean_urlencoded(input: &[u8]) -> Option<String> {
    if !may_hold_control(input) {
        return None;
    }
    let pairs: Vec<_> = form_urlencoded::parse(input).collect();
    if !pairs
        .iter()
        .any(|(name, value)| needs_cleaning(name) || needs_cleaning(value))
    {
        return None;
    }
    let mut out = form_urlencoded::Serializer::new(String::with_capacity(input.len()));
    for (name, value) in &pairs {
        out.append_pair(&clean(name), &clean(value));
    }
    Some(out.finish())
}

/// A scan that needs no decoding: a raw byte below 0x20 or DEL, a raw C1 control in UTF-8
/// (`C2 80`–`C2 9F`), or the percent-escape of any of them (`%00`–`%1F`, `%7F`, `%C2`). Plain
/// text, nearly every request, is passed on untouched.
fn may_hold_control(input: &[u8]) -> bool {
    let escape_of_control = |w: &[u8]| {
        w[0] == b'%'
            && matches!(
                (w[1].to_ascii_uppercase(), w[2].to_ascii_uppercase()),
                (b'0' | b'1', _) | (b'7', b'F') | (b'C', b'2')
            )
    };
    input.iter().any(|&b| b < 0x20 || b == 0x7f)
        || input
            .windows(2)
            .any(|w| w[0] == 0xc2 && (0x80..=0x9f).contains(&w[1]))
        || input.windows(3).any(escape_of_control)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(encoded: &str) -> Vec<(String, String)> {
        form_urlencoded::parse(encoded.as_bytes())
            .into_owned()
            .collect()
    }

    #[test]
    fn plain_forms_are_left_as_they_came() {
        for form in [
            "a=12%3A3%3Ajawaban+saya&a=13%3A1%3A%C3%A9t%C3%A9",
            "name=Bu+Siti&bio=satu%0Adua%09tiga",
            "",
        ] {
            // `%0A` and `%09` (newline, tab) may be kept: the scan finds them, the decode keeps them.
            assert_eq!(clean_urlencoded(form.as_bytes()), None, "{form}");
        }
    }

    #[test]
    fn control_characters_are_removed_from_names_and_values() {
        let cleaned =
            clean_urlencoded(b"a=7%3A2%3A%00x%1B&b%00=%C2%85y&c=1%0D%0A2").expect("cleaned");
        assert_eq!(
            decoded(&cleaned),
            vec![
                ("a".to_string(), "7:2:x".to_string()),
                ("b".to_string(), "y".to_string()),
                ("c".to_string(), "1\n2".to_string()),
            ]
        );
        // Raw bytes too (a client that does not encode).
        let cleaned = clean_urlencoded(b"a=x\x01y\xc2\x9fz").expect("cleaned");
        assert_eq!(
            decoded(&cleaned),
            vec![("a".to_string(), "xyz".to_string())]
        );
    }

    #[test]
    fn a_query_with_a_control_character_is_rewritten_and_the_path_kept() {
        let uri: Uri = "/admin/akun?q=siti%00&hal=2".parse().expect("uri");
        let cleaned = cleaned_uri(&uri).expect("cleaned");
        assert_eq!(cleaned.path(), "/admin/akun");
        assert_eq!(cleaned.query(), Some("q=siti&hal=2"));
        let plain: Uri = "/admin/akun?q=siti&hal=2".parse().expect("uri");
        assert_eq!(cleaned_uri(&plain), None);
    }
}
