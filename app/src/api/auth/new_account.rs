//! What every way of creating an account (a participant's sign-up, an admin's new account) does
//! before the account is written.

use crate::model::{AppError, Nip};
use crate::ssr::db::internal;
use crate::ssr::request::request_address;
use crate::ssr::throttle::{self, Purpose};
use crate::ssr::users;
use crate::ssr::validate::Validator;
use crate::ssr::{password, AppState};

/// The password hash for a new account with `email` (and `nip`), once the creation is counted
/// against the sign-up limits (per e-mail and per the caller's address, before anything costly,
/// whether it succeeds or not) and neither the e-mail nor the NIP is taken; else the refusal.
pub async fn password_hash(
    state: &AppState,
    email: &str,
    nip: Option<&Nip>,
    new_password: String,
) -> Result<String, AppError> {
    let address = request_address();
    throttle::admit(
        state,
        Purpose::AccountCreation,
        email,
        &address,
        state.clock.now(),
        "auth.too_many_sign_ups",
    )
    .await?;
    let (email_taken, nip_taken) = users::taken(&state.db, email, nip)
        .await
        .map_err(|e| internal("taken", e))?;
    if email_taken {
        return Err(Validator::field_error("email", "auth.email_taken"));
    }
    if nip_taken {
        return Err(Validator::field_error("nip", "auth.nip_taken"));
    }
    password::hash(new_password)
        .await
        .map_err(|e| internal("hash", e))
}
