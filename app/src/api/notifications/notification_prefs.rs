//! How the caller wants each kind of notification: in the app only, an e-mail at once, or the
//! daily digest.

use crate::model::notifications::{NotificationPrefs as Prefs, NotificationPrefsForm};
use crate::model::AppError;
use leptos::prelude::*;

/// The caller's channel for every kind (their role's default where they chose none).
#[server(endpoint = "notification_prefs")]
pub async fn notification_prefs() -> Result<Prefs, AppError> {
    use crate::model::codes::NotificationChannel;
    use crate::ssr::db::internal;
    use crate::ssr::guard::SignedIn;
    use crate::ssr::notifications::store;
    use crate::ssr::state;
    let SignedIn { user } = SignedIn::require().await?;
    let db = &state()?.db;
    let channels = store::channels(db, user.id.0, user.role)
        .await
        .map_err(|e| internal("notification prefs", e))?;
    Ok(Prefs {
        default: NotificationChannel::default_for(user.role),
        channels,
        has_email: user.email.is_some(),
    })
}

/// Sets the caller's channel per kind: each posted field is a kind's code holding a channel's
/// code; an unknown channel is refused next to its field, a kind not posted keeps its channel.
#[server(endpoint = "set_notification_prefs")]
pub async fn set_notification_prefs(
    #[server(flatten)] form: NotificationPrefsForm,
) -> Result<(), AppError> {
    use crate::model::codes::{NotificationChannel, NotificationKind};
    use crate::ssr::db::internal;
    use crate::ssr::guard::SignedIn;
    use crate::ssr::notifications::store;
    use crate::ssr::state;
    use crate::ssr::validate::Validator;
    let SignedIn { user } = SignedIn::require().await?;
    let state = state()?;
    let mut check = Validator::new();
    let mut choices = Vec::new();
    for kind in NotificationKind::ALL {
        if let Some(code) = form.posted(*kind) {
            match NotificationChannel::from_code(code) {
                Some(channel) => choices.push((*kind, channel)),
                None => check.fail(kind.as_str(), "notify.channel_invalid"),
            }
        }
    }
    check.finish()?;
    store::set_channels(&state.db, user.id.0, &choices, state.clock.now())
        .await
        .map_err(|e| internal("set notification prefs", e))?;
    crate::ssr::flash::go_to("/notifikasi/pengaturan", "", "notify.prefs_saved");
    Ok(())
}
