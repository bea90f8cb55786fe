//! Request middleware: the same-origin guard, JavaScript-off form errors, security headers.

pub mod form_errors;
pub mod origin;
pub mod security_headers;
