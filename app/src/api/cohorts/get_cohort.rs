//! Reading one cohort for its admin: details, mentors, sessions, and its registrations.

use crate::model::cohorts::{CohortDetail, RegistrationPage};
use crate::model::{AppError, CohortId};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
/// Registrations per page.
pub const PAGE_SIZE: i64 = 25;

/// The cohort's details, mentors and live sessions (404 outside the admin's scope).
#[server(endpoint = "get_cohort")]
pub async fn get_cohort(id: CohortId) -> Result<CohortDetail, AppError> {
    use crate::model::ErrorKind;
    use crate::ssr::guard::Admin;
    use crate::ssr::{cohorts, db::internal, msg, state};
    let root = Admin::require_cohort(id).await?.scope;
    let db = &state()?.db;
    let fail = |e| internal("cohort detail", e);
    let (cohort, program_status) = cohorts::summary(db, id.0)
        .await
        .map_err(fail)?
        .ok_or_else(|| AppError::new(ErrorKind::NotFound, msg("scope.cohort_not_found")))?;
    Ok(CohortDetail {
        cohort,
        program_status,
        waitlisted: cohorts::waitlisted_count(db, id.0).await.map_err(fail)?,
        mentors: cohorts::mentors(db, id.0).await.map_err(fail)?,
        mentor_options: cohorts::mentor_options(db, root, id.0)
            .await
            .map_err(fail)?,
        sessions: crate::ssr::sessions::schedule::of_cohort(db, id.0)
            .await
            .map_err(fail)?,
    })
}

/// A page of the cohort's registrations in one status (`applied` by default).
#[server(endpoint = "list_registrations")]
pub async fn list_registrations(
    cohort_id: CohortId,
    status: Option<String>,
    page: Option<i64>,
) -> Result<RegistrationPage, AppError> {
    use crate::ssr::guard::Admin;
    use crate::ssr::{cohorts, db::internal, state};
    Admin::require_cohort(cohort_id).await?;
    let db = &state()?.db;
    let status = status
        .filter(|s| super::STATUSES.contains(&s.as_str()))
        .unwrap_or_else(|| "applied".to_string());
    let page = page.unwrap_or(1).max(1);
    let (rows, total) =
        cohorts::registrations(db, cohort_id.0, &status, PAGE_SIZE, (page - 1) * PAGE_SIZE)
            .await
            .map_err(|e| internal("registrations", e))?;
    Ok(RegistrationPage {
        rows,
        total,
        page,
        page_size: PAGE_SIZE,
    })
}
