//! Reading the accounts and institutions an admin is responsible for.

use crate::model::accounts::{AccountPage, ScopeOverview};
use crate::model::AppError;
#[cfg(feature = "ssr")]
use crate::model::{accounts::InstitutionOption, Role};
use leptos::prelude::*;

/// Accounts per page of the admin's list.
#[cfg(feature = "ssr")]
pub const PAGE_SIZE: i64 = 25;

/// A filtered page of the accounts within the admin's scope.
#[server(endpoint = "list_accounts")]
pub async fn list_accounts(
    search: Option<String>,
    role: Option<String>,
    page: Option<i64>,
) -> Result<AccountPage, AppError> {
    use crate::ssr::guard::Admin;
    use crate::ssr::{db::internal, state, users};
    let admin = Admin::require().await?;
    let top = admin.is_top_level(&state()?.db).await?;
    let root = admin.scope;
    let page = page.unwrap_or(1).max(1);
    let filter = users::UserFilter {
        search: search
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty()),
        role: role.as_deref().and_then(Role::from_code),
        limit: PAGE_SIZE,
        offset: (page - 1) * PAGE_SIZE,
    };
    let (users, total) = users::list_in_scope(&state()?.db, root, top, &filter)
        .await
        .map_err(|e| internal("list users", e))?;
    Ok(AccountPage {
        users,
        total,
        page,
        page_size: PAGE_SIZE,
    })
}

/// Counts per role and the institutions within the admin's scope.
#[server(endpoint = "admin_overview")]
pub async fn admin_overview() -> Result<ScopeOverview, AppError> {
    use crate::ssr::guard::Admin;
    use crate::ssr::{db::internal, institutions, state, users};
    let admin = Admin::require().await?;
    let db = &state()?.db;
    let top = admin.is_top_level(db).await?;
    let Admin {
        user: admin,
        scope: root,
    } = admin;
    let counts = users::count_by_role_in_scope(db, root, top)
        .await
        .map_err(|e| internal("count users", e))?;
    let institutions = institutions::subtree(db, root)
        .await
        .map_err(|e| internal("institutions", e))?
        .into_iter()
        .map(|i| InstitutionOption {
            id: i.id,
            name: i.name,
            kind: i.kind,
        })
        .collect();
    Ok(ScopeOverview {
        institution_name: admin.institution_name.unwrap_or_default(),
        counts,
        institutions,
    })
}
