//! The HTTP answer that hands a CSV file to the browser as a download.

use axum::body::Body;
use axum::response::{IntoResponse, Response};
use http::header;

/// `body` (made by `write`, or streamed chunk by chunk) as the file `name` to save: `text/csv`
/// in UTF-8, an attachment, and never served from a cache without asking (results change).
pub fn download(name: &str, body: impl Into<Body>) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "private, no-cache".to_string()),
        ],
        body.into(),
    )
        .into_response()
}
