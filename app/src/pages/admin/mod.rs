//! Admin pages (beyond the home page).

mod accounts;
mod outbox;

pub use accounts::AccountsPage;
pub use outbox::OutboxListPage;
