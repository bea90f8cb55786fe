//! What the account administration server functions send to the pages: a page of accounts and the
//! admin's scope.

use crate::model::codes::InstitutionKind;
use crate::model::{Role, UserSummary};
use serde::{Deserialize, Serialize};

/// One page of the account list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AccountPage {
    pub users: Vec<UserSummary>,
    pub total: i64,
    pub page: i64,
    pub page_size: i64,
}

/// An institution the admin may place an account in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InstitutionOption {
    pub id: i64,
    pub name: String,
    pub kind: InstitutionKind,
}

/// What the admin's home page shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScopeOverview {
    pub institution_name: String,
    pub counts: Vec<(Role, i64)>,
    pub institutions: Vec<InstitutionOption>,
}
