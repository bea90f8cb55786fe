//! Request middleware: input cleaning, the same-origin guard, JavaScript-off form errors, security
//! headers.

pub mod clean_input;
pub mod form_errors;
pub mod origin;
pub mod security_headers;
