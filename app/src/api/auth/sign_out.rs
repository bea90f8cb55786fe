//! Signing out: the session is destroyed on the server, not just forgotten by the browser.

use crate::model::AppError;
use leptos::prelude::*;

/// Ends the session and opens the sign-in page.
#[server(endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::ssr::db::internal;
    use crate::ssr::{auth, flash, msg};

    let session = auth::session().await?;
    let was_signed_in = auth::current_user().await?.is_some();
    session
        .flush()
        .await
        .map_err(|e| internal("session flush", e))?;
    if was_signed_in {
        flash::set_notice("/masuk", msg("auth.signed_out"));
    }
    leptos_axum::redirect("/masuk");
    Ok(())
}
