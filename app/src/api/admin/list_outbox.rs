//! Reading the outgoing e-mail to the accounts an admin is responsible for.

use crate::model::outbox::OutboxPage;
use crate::model::AppError;
use leptos::prelude::*;

/// Messages per page of the admin's list.
#[cfg(feature = "ssr")]
pub const PAGE_SIZE: i64 = 50;

/// A page of the outgoing e-mail within the admin's scope (a top-level admin sees every message),
/// newest first, optionally of one status, with the counts per status.
#[server(endpoint = "list_outbox")]
pub async fn list_outbox(
    status: Option<String>,
    page: Option<i64>,
) -> Result<OutboxPage, AppError> {
    use crate::model::codes::OutboxStatus;
    use crate::ssr::guard::Admin;
    use crate::ssr::mail::store;
    use crate::ssr::{db::internal, state};
    let admin = Admin::require().await?;
    let state = state()?;
    let db = &state.db;
    let top = admin.is_top_level(db).await?;
    let page = page.unwrap_or(1).max(1);
    let status = status.as_deref().and_then(OutboxStatus::from_code);
    let (entries, total) = store::list_in_scope(
        db,
        admin.scope,
        top,
        status,
        PAGE_SIZE,
        (page - 1).saturating_mul(PAGE_SIZE),
    )
    .await
    .map_err(|e| internal("list outbox", e))?;
    let counts = store::count_by_status_in_scope(db, admin.scope, top)
        .await
        .map_err(|e| internal("count outbox", e))?;
    Ok(OutboxPage {
        entries,
        counts,
        total,
        page,
        page_size: PAGE_SIZE,
        smtp_configured: state.settings.smtp_configured,
    })
}
