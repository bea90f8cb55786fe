//! Admins change the role of an account in their scope (never their own).

use crate::model::{AppError, UserId};
use leptos::prelude::*;

/// Sets account `user_id` to `role`; the account's open sessions end.
#[server(endpoint = "change_role")]
pub async fn change_role(user_id: UserId, role: String) -> Result<(), AppError> {
    use crate::model::audit::{AuditAction, AuditSubject};
    use crate::model::{ErrorKind, Role};
    use crate::ssr::audit;
    use crate::ssr::db::{internal, now_unix};
    use crate::ssr::guard::Admin;
    use crate::ssr::{flash, msg, state, users};

    let admin = Admin::require().await?;
    let state = state()?;
    let top = admin.is_top_level(&state.db).await?;
    let Admin {
        user: admin,
        scope: root,
    } = admin;
    let target = user_id;
    let Some(role) = Role::from_code(&role) else {
        return Err(AppError::new(ErrorKind::Invalid, msg("admin.role_invalid")));
    };
    if target == admin.id {
        return Err(AppError::new(
            ErrorKind::Forbidden,
            msg("admin.cannot_change_own_role"),
        ));
    }
    if !users::is_in_scope(&state.db, root, top, target)
        .await
        .map_err(|e| internal("scope", e))?
    {
        return Err(AppError::new(
            ErrorKind::NotFound,
            msg("admin.account_not_found"),
        ));
    }
    let actor = audit::Actor::current(&admin);
    let fail = |e| internal("set role", e);
    let mut tx = state.db.begin().await.map_err(fail)?;
    let (name, email, old): (String, Option<String>, String) =
        sqlx::query_as("select name, email, role from app_user where id = $1")
            .bind(target.0)
            .fetch_one(&mut *tx)
            .await
            .map_err(fail)?;
    users::set_role(&mut *tx, target, role, now_unix())
        .await
        .map_err(fail)?;
    let entry = audit::Entry::new(
        AuditAction::RoleChange,
        AuditSubject::User,
        target.0,
        audit::person(&name, email.as_deref()),
        audit::Scope::User(target.0),
    );
    audit::record(
        &mut tx,
        &actor,
        entry.change(Some(&old), role.code()),
        now_unix(),
    )
    .await
    .map_err(fail)?;
    tx.commit().await.map_err(fail)?;
    tracing::info!(
        admin = admin.id.0,
        user = target.0,
        role = role.code(),
        "role changed"
    );
    flash::go_to("/admin/pengguna", "", "admin.role_changed");
    Ok(())
}
