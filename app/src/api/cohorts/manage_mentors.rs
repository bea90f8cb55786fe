//! Adding and removing the mentors of a cohort.

use crate::model::AppError;
use leptos::prelude::*;

/// Adds a mentor account within the admin's scope to the cohort.
#[server(endpoint = "add_cohort_mentor")]
pub async fn add_cohort_mentor(cohort_id: i64, user_id: Option<i64>) -> Result<(), AppError> {
    use crate::ssr::guard::Admin;
    use crate::ssr::validate::Validator;
    use crate::ssr::{cohorts, db::internal, flash, msg, scope, state};
    let Admin {
        user: admin,
        scope: root,
    } = Admin::require().await?;
    let db = &state()?.db;
    scope::require_cohort(db, root, cohort_id).await?;
    let Some(user) = user_id else {
        return Err(Validator::field_error("user_id", "form.required"));
    };
    if !cohorts::is_mentor_in_scope(db, root, user)
        .await
        .map_err(|e| internal("mentor scope", e))?
    {
        return Err(Validator::field_error("user_id", "cohort.mentor_unknown"));
    }
    cohorts::add_mentor(db, cohort_id, user)
        .await
        .map_err(|e| internal("add mentor", e))?;
    tracing::info!(
        admin = admin.id.0,
        cohort = cohort_id,
        mentor = user,
        "cohort mentor added"
    );
    let path = super::cohort_path(cohort_id);
    flash::set_notice(&path, msg("cohort.mentor_added"));
    leptos_axum::redirect(&path);
    Ok(())
}

/// Removes a mentor from the cohort.
#[server(endpoint = "remove_cohort_mentor")]
pub async fn remove_cohort_mentor(cohort_id: i64, user_id: i64) -> Result<(), AppError> {
    use crate::ssr::guard::Admin;
    use crate::ssr::{cohorts, db::internal, flash, msg, scope, state};
    let Admin {
        user: admin,
        scope: root,
    } = Admin::require().await?;
    let db = &state()?.db;
    scope::require_cohort(db, root, cohort_id).await?;
    cohorts::remove_mentor(db, cohort_id, user_id)
        .await
        .map_err(|e| internal("remove mentor", e))?;
    tracing::info!(
        admin = admin.id.0,
        cohort = cohort_id,
        mentor = user_id,
        "cohort mentor removed"
    );
    let path = super::cohort_path(cohort_id);
    flash::set_notice(&path, msg("cohort.mentor_removed"));
    leptos_axum::redirect(&path);
    Ok(())
}
