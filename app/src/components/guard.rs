//! Page-level access: a signed-out visitor is sent to sign in, a wrong role sees "not allowed".
//! This only shapes pages; every server function checks again for itself.

use super::page::problem_panel;
use crate::model::{CurrentUser, Role};
use leptos::either::EitherOf3;
use leptos::prelude::*;
use leptos_router::components::Redirect;

/// The signed-in user of the request being rendered (provided by the server).
#[derive(Clone, Debug, Default)]
pub struct Viewer(pub Option<CurrentUser>);

/// Events on the viewer's boards they have not seen (capped; provided by the server per page),
/// leaving out the board the page shows (it is being read).
#[derive(Clone, Copy, Debug, Default)]
pub struct UnreadOnBoards {
    pub count: i64,
    pub viewing: Option<i64>,
}

/// The viewer's unread notifications (capped; provided by the server per page), for the bell.
#[derive(Clone, Copy, Debug, Default)]
pub struct UnreadNotifications(pub i64);

/// The current viewer, if signed in.
pub fn viewer() -> Option<CurrentUser> {
    use_context::<Viewer>().and_then(|v| v.0)
}

/// Sets the HTTP status of the page being rendered.
pub fn set_status(code: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(response), Ok(status)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::StatusCode::from_u16(code),
    ) {
        response.set_status(status);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}

/// Renders `children` with the user when their role is in `roles`.
#[component]
pub fn RequireRole<F, V>(roles: &'static [Role], children: F) -> impl IntoView
where
    F: FnOnce(CurrentUser) -> V + Send + 'static,
    V: IntoView + 'static,
{
    match viewer() {
        None => {
            let next = super::url::encode_query_value(&super::url::current_path_and_query());
            EitherOf3::A(view! { <Redirect path=format!("/masuk?next={next}")/> })
        }
        Some(user) if roles.contains(&user.role) => EitherOf3::B(children(user)),
        Some(_) => EitherOf3::C(view! { <Forbidden/> }),
    }
}

/// Shown when a signed-in user opens a page of another role (inside the layout).
#[component]
pub fn Forbidden() -> impl IntoView {
    set_status(403);
    problem_panel("error.forbidden.title", "error.forbidden.body")
}
