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
    use crate::ssr::users::{self, CreateUserError, NewUser};
    use crate::ssr::validate::Validator;
    use crate::ssr::{auth, flash, state};

    let state = state()?;
    let mut check = Validator::new();
    let name = check.required("name", &name, 120);
    let email = check.email("email", &email);
    let nip = check.optional_nip("nip", &nip);
    check.new_password("password", &password, "password_confirm", &password_confirm);
    check.finish()?;

    let hash = super::new_account::password_hash(&state, &email, nip.as_ref(), password).await?;
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
    flash::go_to(Role::Participant.home_path(), "", "auth.welcome_new");
    Ok(())
}
