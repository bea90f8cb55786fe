//! A form that works as a plain HTML post without JavaScript, and when hydrated submits in the
//! background: errors appear next to the fields without a reload, success follows the redirect.

use leptos::prelude::*;

/// Wraps server-rendered fields in a `<form>` posting to the server function at `action`.
#[island(lazy)]
pub fn EnhancedForm(
    /// The server function URL, e.g. `/api/sign_in`.
    action: String,
    /// The submit button's text while the request runs.
    busy_label: String,
    /// Shown when the request cannot reach the server.
    offline_message: String,
    children: Children,
) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    crate::client::count_hydrated_island();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        crate::client::form::submit(ev, busy_label.clone(), offline_message.clone());
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, &busy_label, &offline_message);
    };
    view! {
        <form method="post" action=action novalidate on:submit=on_submit>
            {children()}
        </form>
    }
}
