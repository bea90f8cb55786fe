//! Admins create mentor and admin accounts (participants register themselves or are imported).

use crate::model::{AppError, InstitutionId};
use leptos::prelude::*;

/// Creates a mentor or admin account in an institution within the admin's scope.
#[server(endpoint = "create_account")]
pub async fn create_account(
    name: String,
    email: String,
    role: String,
    institution_id: Option<InstitutionId>,
    password: String,
    password_confirm: String,
) -> Result<(), AppError> {
    use crate::model::audit::{AuditAction, AuditSubject};
    use crate::model::Role;
    use crate::ssr::audit;
    use crate::ssr::db::{internal, now_unix};
    use crate::ssr::guard::Admin;
    use crate::ssr::users::{self, CreateUserError, NewUser};
    use crate::ssr::validate::Validator;
    use crate::ssr::{flash, institutions, state};

    let admin = Admin::require().await?;
    let state = state()?;
    let mut check = Validator::new();
    let name = check.required("name", &name, 120);
    let email = check.email("email", &email);
    let role = match Role::from_code(&role) {
        Some(role @ (Role::Mentor | Role::Admin)) => Some(role),
        _ => {
            check.fail("role", "admin.role_invalid");
            None
        }
    };
    let institution = institution_id.unwrap_or(admin.scope);
    if !institutions::is_within(&state.db, admin.scope, institution)
        .await
        .map_err(|e| internal("scope", e))?
    {
        check.fail("institution_id", "admin.institution_outside_scope");
    }
    check.new_password("password", &password, "password_confirm", &password_confirm);
    check.finish()?;
    let Some(role) = role else {
        return Err(internal("create_account", "role checked above"));
    };

    // Counted like a sign-up (per e-mail and per address) before the hash is made.
    let hash = crate::api::auth::new_account::password_hash(&state, &email, None, password).await?;
    let new_user = NewUser {
        name: &name,
        email: &email,
        password_hash: &hash,
        role,
        nip: None,
        institution_id: Some(institution),
    };
    let actor = crate::ssr::audit::Actor::current(&admin.user);
    let fail = |e| internal("create user", e);
    let mut tx = state.db.begin().await.map_err(fail)?;
    match users::create(&mut *tx, new_user, now_unix()).await {
        Ok(id) => {
            let entry = audit::Entry::new(
                AuditAction::AccountCreate,
                AuditSubject::User,
                id.0,
                audit::person(&name, Some(&email)),
                audit::Scope::Institution(Some(institution.0)),
            );
            audit::record(&mut tx, &actor, entry.change(None, role.code()), now_unix())
                .await
                .map_err(fail)?;
            tx.commit().await.map_err(fail)?;
            tracing::info!(
                admin = admin.user.id.0,
                user = id.0,
                role = role.code(),
                "account created"
            );
            // Its owner activates it with the e-mailed code and a password of their own.
            crate::ssr::activation::reissue(
                &state.db,
                id,
                &name,
                Some(&email),
                crate::ssr::request::request_lang(),
                state.clock.now(),
            )
            .await
            .map_err(|e| internal("activation code", e))?;
        }
        Err(CreateUserError::EmailTaken | CreateUserError::NipTaken) => {
            return Err(Validator::field_error("email", "auth.email_taken"));
        }
        Err(CreateUserError::Database(e)) => return Err(internal("create user", e)),
    }
    flash::set_notice(
        "/admin/pengguna",
        crate::i18n::text_with(
            crate::ssr::request::request_lang(),
            "admin.account_created",
            &[("email", &email)],
        ),
    );
    leptos_axum::redirect("/admin/pengguna");
    Ok(())
}
