//! Reusable server-rendered views: the page layout and the signed-in page skeleton, form fields,
//! list filters, role guards, the pager, dates, and the board cards that pages and live frames share.

pub mod board_cards;
pub mod dates;
pub mod filters;
pub mod form;
pub mod guard;
pub mod layout;
pub mod notifications;
pub mod page;
pub mod pager;
pub mod plot;
pub mod route;
pub mod url;

pub use filters::{filter_form, filter_select, search_field};
pub use form::{
    flash, form_field_error, form_message, textarea_text, Field, FormMessage, SelectField,
    SubmitButton,
};
pub use guard::{set_status, RequireRole};
pub use layout::Layout;
pub use page::{inline_problem, loaded, loaded_or, SignedInPage};
pub use pager::{page_count, pager, pager_open};
pub use route::{load_problem, route_id};

/// An e-mail address as a page shows it: "—" for an account that has none.
pub fn email_or_dash(email: Option<&str>) -> String {
    email.unwrap_or("—").to_string()
}
