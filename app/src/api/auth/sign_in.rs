//! Signing in with e-mail, NIP or NUPTK (one field) and password, throttled per account and per
//! address.

use crate::model::AppError;
use leptos::prelude::*;

/// Signs in and redirects to `next` (a local path) or the role's home page. `email` is the one
/// field "E-mail, NIP atau NUPTK" (`model::activation::AccountKey`); what names no account is
/// answered like a wrong password.
#[server(endpoint = "sign_in")]
pub async fn sign_in(
    email: String,
    password: String,
    next: Option<String>,
) -> Result<(), AppError> {
    use crate::model::{ErrorKind, UserId};
    use crate::ssr::db::internal;
    use crate::ssr::request::{request_address, safe_local_path};
    use crate::ssr::throttle::{self, Purpose};
    use crate::ssr::validate::Validator;
    use crate::ssr::{activation, auth, msg, password, state, users};

    let state = state()?;
    let mut check = Validator::new();
    let typed = check.required("email", &email, 254);
    if password.is_empty() {
        check.fail("password", "form.required");
    }
    check.finish()?;
    // One counter per account, whichever of its keys was typed.
    let (credentials, subject) = activation::find_typed(&state.db, &typed)
        .await
        .map_err(|e| internal("credentials", e))?;

    // The attempt is counted as a failure before the password is checked, so that simultaneous
    // guesses cannot all pass the limit; a right password gives it back below.
    let address = request_address();
    let now = state.clock.now();
    throttle::admit(
        &state,
        Purpose::PasswordCheck,
        &subject,
        &address,
        now,
        "auth.too_many_attempts",
    )
    .await?;

    let matches = password::verify(
        password,
        credentials.as_ref().map(|c| c.password_hash.clone()),
    )
    .await;
    let Some(credentials) = credentials.filter(|_| matches) else {
        tracing::info!(%address, "failed sign-in");
        return Err(AppError::new(
            ErrorKind::Unauthenticated,
            msg("auth.wrong_credentials"),
        ));
    };
    throttle::password_accepted(&state.db, &subject, &address)
        .await
        .map_err(|e| internal("throttle", e))?;

    let id = UserId(credentials.id);
    let session = auth::session().await?;
    auth::start_session(&session, id, credentials.session_epoch).await?;
    let (user, _) = users::current(&state.db, id)
        .await
        .map_err(|e| internal("load user", e))?
        .ok_or_else(|| internal("sign_in", "user vanished"))?;
    tracing::info!(user = id.0, role = user.role.code(), "signed in");
    let target = next
        .as_deref()
        .and_then(safe_local_path)
        .unwrap_or(user.role.home_path());
    leptos_axum::redirect(target);
    Ok(())
}
