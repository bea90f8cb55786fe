//! Self-registration of participants (teachers).

use crate::model::AppError;
use leptos::prelude::*;

/// Creates a participant account, signs it in and opens the participant's home page.
#[server(endpoint = "sign_up")]
pub async fn sign_up(
    name: String,
    email: String,
    nip: String,
    password: String,
    password_confirm: String,
) -> Result<(), AppError> {
    use crate::model::Role;
    use crate::ssr::db::{internal, now_unix};
    use crate::ssr::request::request_address;
    use crate::ssr::throttle::{self, Purpose};
    use crate::ssr::users::{self, CreateUserError, NewUser};
    use crate::ssr::validate::Validator;
    use crate::ssr::{auth, flash, msg, password as pw, state};

    let state = state()?;
    let mut check = Validator::new();
    let name = check.required("name", &name, 120);
    let email = check.email("email", &email);
    let nip = check.optional_nip("nip", &nip);
    check.new_password("password", &password, "password_confirm", &password_confirm);
    check.finish()?;

    // Counted before anything costly, per e-mail and per address, whether it succeeds or not.
    let address = request_address();
    if let Err(wait) = throttle::reserve(
        &state.db,
        &state.settings.sign_in_throttle,
        Purpose::AccountCreation,
        &email,
        &address,
        state.clock.now(),
    )
    .await
    .map_err(|e| internal("throttle", e))?
    {
        tracing::info!(%address, "sign-up refused by the limit");
        return Err(throttle::too_many("auth.too_many_sign_ups", wait));
    }
    let (email_taken, nip_taken) = users::taken(&state.db, &email, nip.as_ref())
        .await
        .map_err(|e| internal("taken", e))?;
    if email_taken {
        return Err(Validator::field_error("email", "auth.email_taken"));
    }
    if nip_taken {
        return Err(Validator::field_error("nip", "auth.nip_taken"));
    }

    let hash = pw::hash(password).await.map_err(|e| internal("hash", e))?;
    let new_user = NewUser {
        name: &name,
        email: &email,
        password_hash: &hash,
        role: Role::Participant,
        nip: nip.as_ref(),
        institution_id: None,
    };
    let id = match users::create(&state.db, new_user, now_unix()).await {
        Ok(id) => id,
        Err(CreateUserError::EmailTaken) => {
            return Err(Validator::field_error("email", "auth.email_taken"))
        }
        Err(CreateUserError::NipTaken) => {
            return Err(Validator::field_error("nip", "auth.nip_taken"))
        }
        Err(CreateUserError::Database(e)) => return Err(internal("create user", e)),
    };
    let session = auth::session().await?;
    auth::start_session(&session, id, 0).await?;
    tracing::info!(user = id.0, "participant registered");
    flash::set_notice(Role::Participant.home_path(), msg("auth.welcome_new"));
    leptos_axum::redirect(Role::Participant.home_path());
    Ok(())
}
