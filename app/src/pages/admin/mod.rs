//! Admin pages (beyond the home page).

mod accounts;

pub use accounts::AccountsPage;
