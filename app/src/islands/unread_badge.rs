//! The unread count on the navigation's "Papan" link, kept up to date while the page is open: it
//! follows `/belum-dibaca/aliran`, which sends the count whenever someone writes on one of the
//! viewer's other boards, and the bell's count of unread notifications. Without JavaScript each is
//! the count the server rendered.

use crate::components::layout::UNREAD_CAP;
use leptos::prelude::*;

/// The count as the badge shows it (`99+` from the cap on).
pub fn badge_text(count: i64) -> String {
    if count >= UNREAD_CAP {
        "99+".to_string()
    } else {
        count.to_string()
    }
}

/// The badge, starting at `count`; `viewing` is the board the page shows (left out of the count);
/// `label` is the accessible text with `{n}` for the count. The island renders plain markup and the
/// browser code writes new counts into it directly: no reactive view, so little wasm. The same
/// stream carries the count of unread notifications, which it writes into the header's bell
/// (`#lonceng`, server-rendered outside the island), whose accessible text is `bell_label`.
#[island(lazy)]
pub fn UnreadBadge(
    count: i64,
    viewing: Option<i64>,
    label: String,
    bell_label: String,
) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    crate::client::count_hydrated_island();
    #[cfg(feature = "hydrate")]
    crate::client::unread::follow(viewing, label.clone(), bell_label);
    #[cfg(not(feature = "hydrate"))]
    let _ = (viewing, bell_label);
    let text = badge_text(count);
    let label = label.replace("{n}", &text);
    let none = count <= 0;
    view! {
        <span class="badge unread" id="belum-dibaca" hidden=none aria-label=label>
            {text}
        </span>
    }
}
