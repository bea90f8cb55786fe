//! What the client may know about people: no password hash ever derives `Serialize` here.

use super::{InstitutionId, Role, UserId};
use serde::{Deserialize, Serialize};

/// The person behind the current session, as pages and server functions see them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: UserId,
    pub name: String,
    /// `None` for an account without an e-mail address (an imported teacher, say).
    pub email: Option<String>,
    pub role: Role,
    pub institution_id: Option<InstitutionId>,
    pub institution_name: Option<String>,
}

/// One row of an admin's account list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserSummary {
    pub id: UserId,
    pub name: String,
    /// `None` for an account without an e-mail address (an imported teacher, say).
    pub email: Option<String>,
    pub role: Role,
    pub nip: Option<String>,
    pub institution_name: Option<String>,
}

impl CurrentUser {
    /// What the password-attempt counters know this account by: its e-mail, or its id when it
    /// has none.
    pub fn account_key(&self) -> String {
        self.email
            .clone()
            .unwrap_or_else(|| format!("#{}", self.id.0))
    }
}
