//! Reusable server-rendered views: the page layout, form fields, role guards.

pub mod form;
pub mod guard;
pub mod layout;
pub mod url;

pub use form::{Field, FormMessage, SelectField, SubmitButton};
pub use guard::{set_status, RequireRole};
pub use layout::Layout;
