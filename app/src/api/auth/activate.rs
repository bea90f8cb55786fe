//! Activating an account: the one field teachers know (e-mail, NIP or NUPTK), the code from the
//! letter or e-mail, and a new password. Counted per account and per address like a sign-in.

use crate::model::AppError;
use leptos::prelude::*;

/// Checks the code, sets the password, ends the account's other sessions, signs this one in and
/// redirects to the role's home page.
#[server(endpoint = "activate")]
pub async fn activate(
    akun: String,
    kode: String,
    password: String,
    password_confirm: String,
) -> Result<(), AppError> {
    use crate::model::activation::normalize_code;
    use crate::model::UserId;
    use crate::ssr::activation::{self, Refusal};
    use crate::ssr::db::internal;
    use crate::ssr::request::request_address;
    use crate::ssr::throttle::{self, Purpose};
    use crate::ssr::validate::Validator;
    use crate::ssr::{auth, password as passwords, state};

    let state = state()?;
    let mut check = Validator::new();
    let typed_account = check.required("akun", &akun, 254);
    check.required("kode", &kode, 64);
    check.new_password("password", &password, "password_confirm", &password_confirm);
    check.finish()?;

    let (account, subject) = activation::find_typed(&state.db, &typed_account)
        .await
        .map_err(|e| internal("activation account", e))?;

    // Counted before the code is checked, as a sign-in counts before the password.
    let address = request_address();
    let now = state.clock.now();
    throttle::admit(
        &state,
        Purpose::Activation,
        &subject,
        &address,
        now,
        "activation.too_many",
    )
    .await?;

    let refuse = |refusal: Refusal| Validator::field_error("kode", refusal.message_key());
    let (Some(account), Some(code)) = (account, normalize_code(&kode)) else {
        tracing::info!(%address, "activation with an unknown account or a malformed code");
        return Err(refuse(Refusal::Wrong));
    };
    let id = UserId(account.id);
    if let Err(refusal) = activation::check(&state.db, id, &code, now)
        .await
        .map_err(|e| internal("activation check", e))?
    {
        tracing::info!(%address, user = id.0, ?refusal, "activation refused");
        return Err(refuse(refusal));
    }
    let hash = passwords::hash(password)
        .await
        .map_err(|e| internal("hash", e))?;
    let epoch = match activation::consume(&state.db, id, &code, &hash, now)
        .await
        .map_err(|e| internal("activation", e))?
    {
        Ok(epoch) => epoch,
        Err(refusal) => return Err(refuse(refusal)),
    };
    throttle::activation_accepted(&state.db, &subject, &address)
        .await
        .map_err(|e| internal("throttle", e))?;

    tracing::info!(user = id.0, "account activated");
    auth::enter_after_new_password(id, epoch, "activation.done").await
}
