//! The admin's decision on a registration: approve (applied → approved) or reject with a reason.

use crate::model::AppError;
#[cfg(feature = "ssr")]
use crate::model::CohortId;
use crate::model::EnrolmentId;
use leptos::prelude::*;

/// Reads the enrolment and checks its cohort is within the admin's scope (else 404).
#[cfg(feature = "ssr")]
async fn enrolment_in_scope(
    enrolment: EnrolmentId,
) -> Result<
    (
        crate::model::CurrentUser,
        crate::ssr::cohorts::seats::EnrolmentFacts,
    ),
    AppError,
> {
    use crate::model::ErrorKind;
    use crate::ssr::guard::Admin;
    use crate::ssr::{cohorts::seats, db::internal, msg, scope, state};
    let admin = Admin::require().await?;
    let db = &state()?.db;
    let not_found = || AppError::new(ErrorKind::NotFound, msg("cohort.registration_not_found"));
    let facts = seats::facts(db, enrolment.0)
        .await
        .map_err(|e| internal("enrolment", e))?
        .ok_or_else(not_found)?;
    if !scope::cohort_in_scope(db, admin.scope, CohortId(facts.cohort_id))
        .await
        .map_err(|e| internal("cohort scope", e))?
    {
        return Err(not_found());
    }
    Ok((admin.user, facts))
}

/// Where the admin returns after deciding: the cohort page, on the list they came from.
#[cfg(feature = "ssr")]
fn back_to(cohort: CohortId, status: &str, key: &str) {
    crate::ssr::flash::go_to(
        &super::cohort_path(cohort),
        &format!("?status={status}"),
        key,
    );
}

/// Moves the registration `facts` from one of the statuses `from` to `to` (`approved` or
/// `rejected`, with the rejection's `reason`) as `admin`'s decision, and logs it; a registration
/// no longer in `from` is refused as a conflict.
#[cfg(feature = "ssr")]
async fn decide(
    admin: &crate::model::CurrentUser,
    facts: &crate::ssr::cohorts::seats::EnrolmentFacts,
    from: &[&str],
    to: &str,
    reason: Option<&str>,
) -> Result<(), AppError> {
    use crate::model::ErrorKind;
    use crate::ssr::{
        cohorts::seats,
        db::{internal, now_unix},
        msg, state,
    };
    let db = &state()?.db;
    let actor = crate::ssr::audit::Actor::current(admin);
    let by = Some(admin.id.0);
    let done = seats::change_status(db, facts, from, to, reason, by, now_unix(), Some(&actor))
        .await
        .map_err(|e| internal(&format!("registration {to}"), e))?;
    if !done {
        return Err(AppError::new(
            ErrorKind::Conflict,
            msg("cohort.not_applied"),
        ));
    }
    tracing::info!(
        admin = admin.id.0,
        enrolment = facts.id,
        "registration {to}"
    );
    Ok(())
}

/// Approves an application that holds a seat.
#[server(endpoint = "approve_registration")]
pub async fn approve_registration(enrolment_id: EnrolmentId) -> Result<(), AppError> {
    let (admin, facts) = enrolment_in_scope(enrolment_id).await?;
    decide(&admin, &facts, &["applied"], "approved", None).await?;
    back_to(CohortId(facts.cohort_id), "applied", "cohort.approved");
    Ok(())
}

/// Rejects an application (applied or waitlisted) with a reason; a held seat is freed and goes
/// to the first waitlisted.
#[server(endpoint = "reject_registration")]
pub async fn reject_registration(
    enrolment_id: EnrolmentId,
    reason: String,
) -> Result<(), AppError> {
    use crate::model::FieldError;
    use crate::ssr::msg;
    let (admin, facts) = enrolment_in_scope(enrolment_id).await?;
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > 500 {
        let key = if reason.is_empty() {
            "cohort.reason_required"
        } else {
            "cohort.reason_too_long"
        };
        return Err(AppError::invalid(
            msg(key),
            vec![FieldError {
                field: "reason".to_string(),
                message: msg(key),
            }],
        ));
    }
    decide(
        &admin,
        &facts,
        &["applied", "waitlisted"],
        "rejected",
        Some(reason),
    )
    .await?;
    back_to(CohortId(facts.cohort_id), &facts.status, "cohort.rejected");
    Ok(())
}
