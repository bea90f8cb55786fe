//! Marking one's notifications read: one (a plain form beside it) or all of them.

use crate::model::{AppError, NotificationId};
use leptos::prelude::*;

/// Marks the caller's notification `notification_id` read and returns to the list (page `page`).
/// Another person's notification is the 404 of one that does not exist.
#[server(endpoint = "mark_notification_read")]
pub async fn mark_notification_read(
    notification_id: NotificationId,
    page: Option<i64>,
) -> Result<(), AppError> {
    use crate::model::ErrorKind;
    use crate::ssr::db::internal;
    use crate::ssr::guard::SignedIn;
    use crate::ssr::notifications::store;
    use crate::ssr::{msg, state};
    let SignedIn { user } = SignedIn::require().await?;
    let state = state()?;
    let found = store::mark_read(&state.db, user.id.0, notification_id.0, state.clock.now())
        .await
        .map_err(|e| internal("mark notification read", e))?;
    if !found {
        return Err(AppError::new(ErrorKind::NotFound, msg("notify.not_found")));
    }
    let back = page
        .filter(|p| *p > 1)
        .map(|p| format!("?hal={p}"))
        .unwrap_or_default();
    crate::ssr::flash::go_to("/notifikasi", &back, "notify.marked_read");
    Ok(())
}

/// Marks every notification of the caller read.
#[server(endpoint = "mark_all_notifications_read")]
pub async fn mark_all_notifications_read() -> Result<(), AppError> {
    use crate::ssr::db::internal;
    use crate::ssr::guard::SignedIn;
    use crate::ssr::notifications::store;
    use crate::ssr::state;
    let SignedIn { user } = SignedIn::require().await?;
    let state = state()?;
    store::mark_all_read(&state.db, user.id.0, state.clock.now())
        .await
        .map_err(|e| internal("mark all notifications read", e))?;
    crate::ssr::flash::go_to("/notifikasi", "", "notify.marked_all_read");
    Ok(())
}
