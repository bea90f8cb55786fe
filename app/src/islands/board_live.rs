//! The live part of a board or post page: follows the board's event stream and applies each
//! event's operations to the server-rendered page (replace a post's card, add a comment under its
//! thread, show the "new version" notice). It carries no markup of its own beyond a status line:
//! every fragment arrives rendered by the server. When the phone goes offline the stream is
//! closed; when it is back, the stream resumes after the last event seen, so nothing is missed.
//! Without JavaScript the page is the same and a reload shows what is new.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The island's texts (islands carry no locale table).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveLabels {
    /// Shown while the stream is open.
    pub live: String,
    /// Shown while it is reconnecting or offline.
    pub reconnecting: String,
}

/// Follows board `board` from event `after` (the newest when the page was rendered).
#[island(lazy)]
pub fn BoardLive(board: i64, after: i64, labels: LiveLabels) -> impl IntoView {
    let connected = RwSignal::new(false);
    #[cfg(feature = "hydrate")]
    crate::client::count_hydrated_island();
    #[cfg(feature = "hydrate")]
    crate::client::live::follow(board, after, connected);
    #[cfg(not(feature = "hydrate"))]
    let _ = (board, after);
    let labels = StoredValue::new(labels);
    view! {
        <p class="live-status" role="status" data-live=move || if connected.get() { "on" } else { "off" }>
            {move || labels.with_value(|l| if connected.get() { l.live.clone() } else { l.reconnecting.clone() })}
        </p>
    }
}
