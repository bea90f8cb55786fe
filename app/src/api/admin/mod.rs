//! Account administration by admins, within their institution and the ones below it, and the
//! audit log of what admins did there.

mod change_role;
mod create_account;
mod list_accounts;
mod list_audit;
mod list_outbox;
mod reissue_activation;

pub use change_role::{change_role, ChangeRole};
pub use create_account::{create_account, CreateAccount};
pub use list_accounts::{admin_overview, list_accounts, AdminOverview, ListAccounts};
pub use list_audit::{list_audit, ListAudit};
pub use list_outbox::{list_outbox, ListOutbox};
pub use reissue_activation::{reissue_activation, ReissueActivation};
