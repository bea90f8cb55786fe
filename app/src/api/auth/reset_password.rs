//! Using a reset link: a new password for the account the link was sent to. Counted per account
//! and per address like a sign-in; the link works once, within its hour.

use crate::model::AppError;
use leptos::prelude::*;

/// Checks the link, sets the password, ends the account's other sessions, signs this one in and
/// redirects to the role's home page.
#[server(endpoint = "reset_password")]
pub async fn reset_password(
    token: String,
    password: String,
    password_confirm: String,
) -> Result<(), AppError> {
    use crate::model::{ErrorKind, UserId};
    use crate::ssr::db::internal;
    use crate::ssr::password_reset::{self, Refusal};
    use crate::ssr::request::request_address;
    use crate::ssr::throttle::{self, Purpose};
    use crate::ssr::validate::Validator;
    use crate::ssr::{auth, flash, msg, password as passwords, state, users};

    let state = state()?;
    let mut check = Validator::new();
    check.new_password("password", &password, "password_confirm", &password_confirm);
    check.finish()?;
    let token = token.trim().to_string();
    let now = state.clock.now();
    let holder = password_reset::holder(&state.db, &token, now)
        .await
        .map_err(|e| internal("reset link", e))?;
    // Guesses at tokens that name no link share one account counter; the address limit is the
    // one that stops a guesser.
    let subject = holder
        .as_ref()
        .map(|(account, _)| account.subject())
        .unwrap_or_else(|| "reset:unknown-link".to_string());

    let address = request_address();
    if let Err(wait) = throttle::reserve(
        &state.db,
        &state.settings.sign_in_throttle,
        Purpose::PasswordReset,
        &subject,
        &address,
        now,
    )
    .await
    .map_err(|e| internal("throttle", e))?
    {
        tracing::info!(%address, "password reset refused by the limit");
        return Err(throttle::too_many("reset.too_many", wait));
    }

    let refuse = |refusal: Refusal| AppError::new(ErrorKind::Invalid, msg(refusal.message_key()));
    let (account, usable) = match holder {
        Some(found) => found,
        None => {
            tracing::info!(%address, "password reset with an unknown link");
            return Err(refuse(Refusal::Unknown));
        }
    };
    let id = UserId(account.id);
    if let Err(refusal) = usable {
        tracing::info!(%address, user = id.0, ?refusal, "password reset refused");
        return Err(refuse(refusal));
    }
    let hash = passwords::hash(password)
        .await
        .map_err(|e| internal("hash", e))?;
    let epoch = match password_reset::consume(&state.db, id, &token, &hash, now)
        .await
        .map_err(|e| internal("password reset", e))?
    {
        Ok(epoch) => epoch,
        Err(refusal) => return Err(refuse(refusal)),
    };
    throttle::reset_accepted(&state.db, &subject, &address)
        .await
        .map_err(|e| internal("throttle", e))?;

    let session = auth::session().await?;
    auth::start_session(&session, id, epoch).await?;
    let (user, _) = users::current(&state.db, id)
        .await
        .map_err(|e| internal("load user", e))?
        .ok_or_else(|| internal("reset", "user vanished"))?;
    tracing::info!(user = id.0, "password reset");
    let home = user.role.home_path();
    flash::set_notice(home, msg("reset.done"));
    leptos_axum::redirect(home);
    Ok(())
}
