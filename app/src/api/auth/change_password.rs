//! Changing one's own password; every other session of the account ends.

use crate::model::AppError;
use leptos::prelude::*;

/// Checks the current password, stores the new one and keeps only this session signed in.
#[server(endpoint = "change_password")]
pub async fn change_password(
    current_password: String,
    new_password: String,
    new_password_confirm: String,
) -> Result<(), AppError> {
    use crate::ssr::db::{internal, now_unix};
    use crate::ssr::guard::SignedIn;
    use crate::ssr::request::request_address;
    use crate::ssr::throttle::{self, Purpose};
    use crate::ssr::validate::Validator;
    use crate::ssr::{auth, flash, password as pw, state, users};

    let SignedIn { user } = SignedIn::require().await?;
    let state = state()?;
    let mut check = Validator::new();
    if current_password.is_empty() {
        check.fail("current_password", "form.required");
    }
    check.new_password(
        "new_password",
        &new_password,
        "new_password_confirm",
        &new_password_confirm,
    );
    check.finish()?;

    // A stolen session must not become a way around the sign-in limit: the current password is
    // checked against the same counters, reserved before the check.
    let address = request_address();
    let now = state.clock.now();
    throttle::admit(
        &state,
        Purpose::PasswordCheck,
        &user.account_key(),
        &address,
        now,
        "account.too_many_password_attempts",
    )
    .await?;
    let credentials = users::credentials_by_id(&state.db, user.id)
        .await
        .map_err(|e| internal("credentials", e))?;
    if !pw::verify(current_password, credentials.map(|c| c.password_hash)).await {
        return Err(Validator::field_error(
            "current_password",
            "account.current_password_wrong",
        ));
    }
    throttle::password_accepted(&state.db, &user.account_key(), &address)
        .await
        .map_err(|e| internal("throttle", e))?;
    let hash = pw::hash(new_password)
        .await
        .map_err(|e| internal("hash", e))?;
    let epoch = users::set_password(&state.db, user.id, &hash, now_unix())
        .await
        .map_err(|e| internal("set password", e))?;
    let session = auth::session().await?;
    auth::start_session(&session, user.id, epoch).await?;
    tracing::info!(user = user.id.0, "password changed");
    flash::go_to("/akun", "", "account.password_changed");
    Ok(())
}
