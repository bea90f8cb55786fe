//! Asking for a password reset: the one field teachers know (e-mail, NIP or NUPTK). The answer is
//! the same whether or not the account exists or has an e-mail; requests are counted per account
//! and per address like a sign-in, so nobody can flood a teacher's mailbox.

use crate::model::AppError;
use leptos::prelude::*;

/// Sends a reset link to the account's e-mail, if there is such an account with an e-mail, and
/// returns to `/lupa-sandi` with the one notice every request gets.
#[server(endpoint = "request_password_reset")]
pub async fn request_password_reset(akun: String) -> Result<(), AppError> {
    use crate::model::UserId;
    use crate::ssr::db::internal;
    use crate::ssr::request::{request_address, request_lang};
    use crate::ssr::throttle::{self, Purpose};
    use crate::ssr::validate::Validator;
    use crate::ssr::{activation, flash, msg, password_reset, state};

    let state = state()?;
    let mut check = Validator::new();
    let typed = check.required("akun", &akun, 254);
    check.finish()?;
    let (account, subject) = activation::find_typed(&state.db, &typed)
        .await
        .map_err(|e| internal("reset account", e))?;

    let address = request_address();
    let now = state.clock.now();
    throttle::admit(
        &state,
        Purpose::PasswordReset,
        &subject,
        &address,
        now,
        "reset.too_many",
    )
    .await?;

    // The link is issued and queued after the answer has gone, so that the answer takes as long
    // for an account that exists as for one that does not.
    if let Some(account) = account {
        if let Some(email) = account.email.clone() {
            let user = UserId(account.id);
            let (token, mail) =
                password_reset::new_link(request_lang(), user, &account.name, &email);
            let db = state.db.clone();
            tokio::spawn(async move {
                match password_reset::send_link(&db, user, &token, &mail, now).await {
                    Ok(()) => tracing::info!(user = user.0, "password reset link queued"),
                    Err(err) => tracing::error!(%err, user = user.0, "password reset link"),
                }
            });
        } else {
            tracing::info!(
                user = account.id,
                "password reset asked for an account without e-mail"
            );
        }
    }
    flash::set_notice("/lupa-sandi", msg("reset.requested"));
    leptos_axum::redirect("/lupa-sandi");
    Ok(())
}
