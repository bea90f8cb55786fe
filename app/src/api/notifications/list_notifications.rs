//! Reading one's notifications.

use crate::model::notifications::NotificationPage;
use crate::model::AppError;
use leptos::prelude::*;

/// Notifications per page of the list.
#[cfg(feature = "ssr")]
pub const PAGE_SIZE: i64 = 30;

/// A page of the caller's notifications, newest first, with their unread count.
#[server(endpoint = "list_notifications")]
pub async fn list_notifications(page: Option<i64>) -> Result<NotificationPage, AppError> {
    use crate::components::layout::UNREAD_CAP;
    use crate::ssr::db::internal;
    use crate::ssr::guard::SignedIn;
    use crate::ssr::notifications::store;
    use crate::ssr::state;
    let SignedIn { user } = SignedIn::require().await?;
    let db = &state()?.db;
    let page = page.unwrap_or(1).max(1);
    let (items, total) = store::list(
        db,
        user.id.0,
        PAGE_SIZE,
        (page - 1).saturating_mul(PAGE_SIZE),
    )
    .await
    .map_err(|e| internal("list notifications", e))?;
    let unread = store::unread(db, user.id.0, UNREAD_CAP)
        .await
        .map_err(|e| internal("unread notifications", e))?;
    Ok(NotificationPage {
        items,
        unread,
        total,
        page,
        page_size: PAGE_SIZE,
    })
}

/// The caller's unread notifications (counted up to the bell's cap).
#[server(endpoint = "unread_notifications")]
pub async fn unread_notifications() -> Result<i64, AppError> {
    use crate::components::layout::UNREAD_CAP;
    use crate::ssr::db::internal;
    use crate::ssr::guard::SignedIn;
    use crate::ssr::notifications::store;
    use crate::ssr::state;
    let SignedIn { user } = SignedIn::require().await?;
    store::unread(&state()?.db, user.id.0, UNREAD_CAP)
        .await
        .map_err(|e| internal("unread notifications", e))
}
