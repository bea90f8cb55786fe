//! What the client may know about people: no password hash ever derives `Serialize` here.

use super::{InstitutionId, Role, UserId};
use serde::{Deserialize, Serialize};

/// The person behind the current session, as pages and server functions see them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: UserId,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub institution_id: Option<InstitutionId>,
    pub institution_name: Option<String>,
}

/// One row of an admin's account list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserSummary {
    pub id: UserId,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub nip: Option<String>,
    pub institution_name: Option<String>,
}
