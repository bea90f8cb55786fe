//! Adding and removing the mentors of a cohort.

use crate::model::{AppError, CohortId, UserId};
use leptos::prelude::*;

/// Adds a mentor account within the admin's scope to the cohort.
#[server(endpoint = "add_cohort_mentor")]
pub async fn add_cohort_mentor(
    cohort_id: CohortId,
    user_id: Option<UserId>,
) -> Result<(), AppError> {
    use crate::ssr::guard::Admin;
    use crate::ssr::validate::Validator;
    use crate::ssr::{cohorts, db::internal, state};
    let admin = Admin::require_cohort(cohort_id).await?;
    let db = &state()?.db;
    let Some(user) = user_id else {
        return Err(Validator::field_error("user_id", "form.required"));
    };
    if !cohorts::is_mentor_in_scope(db, admin.scope, user.0)
        .await
        .map_err(|e| internal("mentor scope", e))?
    {
        return Err(Validator::field_error("user_id", "cohort.mentor_unknown"));
    }
    cohorts::add_mentor(db, cohort_id.0, user.0)
        .await
        .map_err(|e| internal("add mentor", e))?;
    mentors_changed(&admin, cohort_id, user, "added", "cohort.mentor_added");
    Ok(())
}

/// Removes a mentor from the cohort.
#[server(endpoint = "remove_cohort_mentor")]
pub async fn remove_cohort_mentor(cohort_id: CohortId, user_id: UserId) -> Result<(), AppError> {
    use crate::ssr::guard::Admin;
    use crate::ssr::{cohorts, db::internal, state};
    let admin = Admin::require_cohort(cohort_id).await?;
    let db = &state()?.db;
    cohorts::remove_mentor(db, cohort_id.0, user_id.0)
        .await
        .map_err(|e| internal("remove mentor", e))?;
    mentors_changed(
        &admin,
        cohort_id,
        user_id,
        "removed",
        "cohort.mentor_removed",
    );
    Ok(())
}

/// Logs that `admin` `added` or `removed` `mentor` in `cohort`, and goes back to the cohort page
/// with the notice `notice_key`.
#[cfg(feature = "ssr")]
fn mentors_changed(
    admin: &crate::ssr::guard::Admin,
    cohort: CohortId,
    mentor: UserId,
    change: &str,
    notice_key: &str,
) {
    tracing::info!(
        admin = admin.user.id.0,
        cohort = cohort.0,
        mentor = mentor.0,
        "cohort mentor {change}"
    );
    super::go_to_cohort(cohort, notice_key);
}
