//! `mentor_dashboard`: the signed-in mentor's dashboard.

use crate::model::dashboards::people::MentorDashboardData;
use crate::model::AppError;
use leptos::prelude::*;

/// The figures of the groups the calling mentor leads, what waits for them and their survey
/// results (mentors only; nothing of another mentor's groups).
#[server(endpoint = "mentor_dashboard")]
pub async fn mentor_dashboard() -> Result<MentorDashboardData, AppError> {
    use crate::ssr::dashboards::mentor;
    use crate::ssr::db::internal;
    use crate::ssr::guard::Mentor;
    use crate::ssr::request::request_lang;
    use crate::ssr::state;
    let Mentor { user } = Mentor::require().await?;
    let state = state()?;
    mentor::dashboard(&state.db, user.id.0, request_lang(), state.clock.now())
        .await
        .map_err(|e| internal("mentor dashboard", e))
}
