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
    use crate::ssr::{auth, msg, password as passwords, state};

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
    throttle::admit(
        &state,
        Purpose::PasswordReset,
        &subject,
        &address,
        now,
        "reset.too_many",
    )
    .await?;

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

    tracing::info!(user = id.0, "password reset");
    auth::enter_after_new_password(id, epoch, "reset.done").await
}
