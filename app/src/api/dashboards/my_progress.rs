//! `my_progress`: the signed-in participant's progress in every cohort.

use crate::model::dashboards::people::ParticipantDashboard;
use crate::model::AppError;
use leptos::prelude::*;

/// The calling participant's progress in each cohort they are approved in (participants only;
/// only their own enrolments).
#[server(endpoint = "my_progress")]
pub async fn my_progress() -> Result<ParticipantDashboard, AppError> {
    use crate::ssr::dashboards::participant;
    use crate::ssr::db::internal;
    use crate::ssr::guard::Participant;
    use crate::ssr::request::request_lang;
    use crate::ssr::state;
    let Participant { user } = Participant::require().await?;
    participant::dashboard(&state()?.db, user.id.0, request_lang())
        .await
        .map_err(|e| internal("my progress", e))
}
