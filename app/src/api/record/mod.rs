//! Server functions of the development record (rekam jejak pengembangan).

use crate::model::record::DevelopmentRecord;
use crate::model::AppError;
use leptos::prelude::*;

/// The caller's development record (participants only).
#[server(endpoint = "my_development_record")]
pub async fn my_development_record() -> Result<DevelopmentRecord, AppError> {
    use crate::ssr::db::internal;
    use crate::ssr::guard::Participant;
    use crate::ssr::record::read;
    use crate::ssr::state;
    let Participant { user } = Participant::require().await?;
    let state = state()?;
    read::development_record(&state.db, user.id.0, state.clock.now())
        .await
        .map_err(|e| internal("development record", e))
}
