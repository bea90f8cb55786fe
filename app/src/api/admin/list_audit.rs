//! Reading the audit log of the actions within the admin's scope.

use crate::model::audit::AuditPage;
use crate::model::AppError;
use leptos::prelude::*;

/// Entries per page of the audit log.
#[cfg(feature = "ssr")]
pub const PAGE_SIZE: i64 = 50;

/// A page of the audit log within the admin's scope (a top-level admin also reads the entries of
/// no institution), newest first, older than entry `before` if given. Filters (empty or absent:
/// none): an action code, part of the actor's name or e-mail, and dates from / to (`YYYY-MM-DD`,
/// WIB, inclusive).
#[server(endpoint = "list_audit")]
pub async fn list_audit(
    action: Option<String>,
    actor: Option<String>,
    from: Option<String>,
    to: Option<String>,
    before: Option<i64>,
) -> Result<AuditPage, AppError> {
    use crate::model::audit::AuditAction;
    use crate::model::wib;
    use crate::ssr::audit::list::{self, Query};
    use crate::ssr::guard::Admin;
    use crate::ssr::validate::Validator;
    use crate::ssr::{db::internal, state};
    let admin = Admin::require().await?;
    let state = state()?;
    let db = &state.db;
    let top = admin.is_top_level(db).await?;
    let mut check = Validator::new();
    let mut date = |field: &str, value: &str| {
        let value = value.trim();
        if value.is_empty() {
            return None;
        }
        let day = wib::parse_date(value);
        if day.is_none() {
            check.fail(field, "audit.date_invalid");
        }
        day
    };
    let from = date("from", from.as_deref().unwrap_or_default()).map(wib::start_of_day);
    let to = date("to", to.as_deref().unwrap_or_default()).map(wib::end_of_day);
    let action = action.as_deref().unwrap_or_default().trim();
    let action = if action.is_empty() {
        None
    } else if let Some(action) = AuditAction::from_code(action) {
        Some(action.code().to_string())
    } else {
        check.fail("action", "audit.action_invalid");
        None
    };
    check.finish()?;
    let actor = actor.unwrap_or_default().trim().to_lowercase();
    let query = Query {
        action,
        actor: (!actor.is_empty()).then_some(actor),
        from,
        to,
        before,
        limit: PAGE_SIZE + 1,
    };
    let mut entries = list::page(db, admin.scope, top, &query)
        .await
        .map_err(|e| internal("list audit", e))?;
    let next = if entries.len() as i64 > PAGE_SIZE {
        entries.truncate(PAGE_SIZE as usize);
        entries.last().map(|e| e.id)
    } else {
        None
    };
    Ok(AuditPage {
        entries,
        next,
        page_size: PAGE_SIZE,
    })
}
