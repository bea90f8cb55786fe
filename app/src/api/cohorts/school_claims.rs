//! School claims for admins: the participants whose profile names a school in the admin's scope
//! that is not yet their verified institution, and confirming one.

use crate::model::cohorts::SchoolClaimPage;
use crate::model::{AppError, InstitutionId, UserId};
use leptos::prelude::*;

/// A page of the pending school claims in the admin's scope, oldest first.
#[server(endpoint = "school_claims")]
pub async fn school_claims(page: Option<i64>) -> Result<SchoolClaimPage, AppError> {
    use crate::ssr::cohorts::claims::{self, PAGE_SIZE};
    use crate::ssr::guard::Admin;
    use crate::ssr::{db::internal, state};
    let Admin { scope: root, .. } = Admin::require().await?;
    let page = page.unwrap_or(1).clamp(1, 100_000);
    let (rows, total) =
        claims::pending_in_scope(&state()?.db, root, PAGE_SIZE, (page - 1) * PAGE_SIZE)
            .await
            .map_err(|e| internal("school claims", e))?;
    Ok(SchoolClaimPage {
        rows,
        total,
        page,
        page_size: PAGE_SIZE,
    })
}

/// Confirms that participant `user_id` belongs to school `institution_id`, which their profile
/// claims: the school becomes their verified institution (agreement quotas, admin scope). A school
/// outside the admin's scope, or one the profile no longer claims, answers 404.
#[server(endpoint = "confirm_school_claim")]
pub async fn confirm_school_claim(
    user_id: UserId,
    institution_id: InstitutionId,
) -> Result<(), AppError> {
    use crate::model::ErrorKind;
    use crate::ssr::cohorts::claims;
    use crate::ssr::db::{internal, now_unix};
    use crate::ssr::guard::Admin;
    use crate::ssr::{flash, msg, state};
    let admin = Admin::require().await?;
    let confirmed = claims::confirm(
        &state()?.db,
        admin.scope,
        user_id.0,
        institution_id.0,
        now_unix(),
    )
    .await
    .map_err(|e| internal("confirm school claim", e))?;
    if !confirmed {
        return Err(AppError::new(
            ErrorKind::NotFound,
            msg("cohort.claim_not_found"),
        ));
    }
    tracing::info!(
        admin = admin.user.id.0,
        user = user_id.0,
        school = institution_id.0,
        "school claim confirmed"
    );
    flash::go_to(CLAIMS_PATH, "", "cohort.claim_confirmed");
    Ok(())
}

/// The admin's page of school claims.
pub const CLAIMS_PATH: &str = "/admin/klaim-sekolah";
