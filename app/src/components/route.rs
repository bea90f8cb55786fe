//! What detail pages share: the numeric `:id` of the route, and the panel for a failed load.

use super::set_status;
use crate::model::AppError;
use leptos::prelude::*;

/// The route's `:id` as the id type `T` (an id newtype of `model::ids`), or its default, 0 (which
/// matches nothing), when it is not a number.
pub fn route_id<T: std::str::FromStr + Default>() -> T {
    leptos_router::hooks::use_params_map()
        .get_untracked()
        .get("id")
        .and_then(|id| id.parse().ok())
        .unwrap_or_default()
}

/// The message of a failed load, with the HTTP status that goes with it (404 for an id the
/// viewer may not see).
pub fn load_problem(error: AppError) -> impl IntoView {
    set_status(error.kind.status());
    view! { <section class="panel problem"><p class="form-error">{error.message}</p></section> }
}
