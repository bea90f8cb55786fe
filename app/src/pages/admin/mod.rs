//! Admin pages (beyond the home page).

mod accounts;
mod audit;
mod outbox;

pub use accounts::AccountsPage;
pub use audit::AuditLogPage;
pub use outbox::OutboxListPage;
