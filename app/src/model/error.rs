//! The one error type of every server function: a stable kind for code, a message for people.
//!
//! The server writes `message` and field messages in the caller's language, so the client never
//! needs the locale tables. The `/api` middleware reads `kind` to pick the HTTP status, and for a
//! plain (JavaScript-off) form post turns the error into a flash shown next to the fields.

use serde::{Deserialize, Serialize};
use std::fmt;

/// What went wrong, in terms the client and the HTTP layer can act on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ErrorKind {
    /// Input failed validation; see `fields`.
    Invalid,
    /// The caller is not signed in.
    Unauthenticated,
    /// The caller is signed in but may not do this.
    Forbidden,
    /// The thing asked for does not exist (or is not visible to the caller).
    NotFound,
    /// The request conflicts with what is stored (a duplicate e-mail, a stale edit).
    Conflict,
    /// Too many failed attempts: wait `retry_after_secs`.
    TooManyAttempts,
    /// The request did not come from Pamong's own pages.
    ForeignOrigin,
    /// The request could not be read (malformed arguments).
    BadRequest,
    /// Something failed on the server; the cause is logged, not sent.
    Internal,
}

impl ErrorKind {
    /// The HTTP status that goes with this kind.
    pub fn status(self) -> u16 {
        match self {
            ErrorKind::Invalid | ErrorKind::BadRequest => 400,
            ErrorKind::Unauthenticated => 401,
            ErrorKind::Forbidden | ErrorKind::ForeignOrigin => 403,
            ErrorKind::NotFound => 404,
            ErrorKind::Conflict => 409,
            ErrorKind::TooManyAttempts => 429,
            ErrorKind::Internal => 500,
        }
    }
}

/// A message that belongs next to one form field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The `name` of the form field.
    pub field: String,
    /// The message, already in the user's language.
    pub message: String,
}

/// The error every server function returns.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppError {
    pub kind: ErrorKind,
    /// A message for the whole form or page, in the user's language.
    pub message: String,
    /// Messages for single fields.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldError>,
    /// For `TooManyAttempts`: seconds until a new attempt is allowed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after_secs: Option<u64>,
}

impl AppError {
    /// An error of `kind` with a page-level message.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        AppError {
            kind,
            message: message.into(),
            fields: Vec::new(),
            retry_after_secs: None,
        }
    }

    /// A validation error with per-field messages.
    pub fn invalid(message: impl Into<String>, fields: Vec<FieldError>) -> Self {
        AppError {
            kind: ErrorKind::Invalid,
            message: message.into(),
            fields,
            retry_after_secs: None,
        }
    }

    /// The message for `field`, if there is one.
    pub fn field_message(&self, field: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|f| f.field == field)
            .map(|f| f.message.as_str())
    }
}

impl fmt::Display for AppError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}: {}", self.kind, self.message)
    }
}

impl std::error::Error for AppError {}

impl leptos::server_fn::error::FromServerFnError for AppError {
    type Encoder = leptos::server_fn::codec::JsonEncoding;

    fn from_server_fn_error(value: leptos::server_fn::error::ServerFnErrorErr) -> Self {
        use leptos::server_fn::error::ServerFnErrorErr as E;
        let kind = match value {
            E::Args(_) | E::Deserialization(_) | E::MissingArg(_) => ErrorKind::BadRequest,
            _ => ErrorKind::Internal,
        };
        // No language is known here: Indonesian, the product's default.
        let message = match kind {
            ErrorKind::BadRequest => {
                "Permintaan tidak dapat dibaca. Muat ulang halaman lalu coba lagi."
            }
            _ => "Terjadi gangguan. Coba lagi sebentar lagi.",
        };
        AppError::new(kind, message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_map_to_statuses() {
        assert_eq!(ErrorKind::Invalid.status(), 400);
        assert_eq!(ErrorKind::TooManyAttempts.status(), 429);
        assert_eq!(ErrorKind::ForeignOrigin.status(), 403);
    }

    #[test]
    fn serializes_without_empty_parts() {
        let err = AppError::new(ErrorKind::Forbidden, "Tidak boleh");
        let json = serde_json::to_string(&err).unwrap_or_default();
        assert!(!json.contains("fields"), "{json}");
        let back: AppError =
            serde_json::from_str(&json).unwrap_or_else(|_| AppError::new(ErrorKind::Internal, ""));
        assert_eq!(back, err);
    }
}
