//! Admins add a partner institution, with its quota and funding share, to an agreement.

use crate::model::{AgreementId, AppError, InstitutionId};
use leptos::prelude::*;

/// Adds `institution_id` (in the admin's scope) to agreement `agreement_id` with a seat quota
/// (≥ 0) and a funding share in percent; an agreement's shares may not pass 100 in total.
#[server(endpoint = "add_agreement_partner")]
pub async fn add_agreement_partner(
    agreement_id: AgreementId,
    institution_id: Option<InstitutionId>,
    quota: String,
    funding_share_percent: String,
) -> Result<(), AppError> {
    use super::program_form::check_count;
    use crate::model::ProgramId;
    use crate::ssr::db::internal;
    use crate::ssr::guard::Admin;
    use crate::ssr::planning::agreements::{self, AddPartnerError};
    use crate::ssr::scope::program_in_scope;
    use crate::ssr::validate::Validator;
    use crate::ssr::{flash, institutions, state};
    let admin = Admin::require().await?;
    let db = &state()?.db;
    let program = agreements::program_of(db, agreement_id.0)
        .await
        .map_err(|e| internal("agreement", e))?
        .map(ProgramId);
    let program = match program {
        Some(p)
            if program_in_scope(db, admin.scope, p)
                .await
                .map_err(|e| internal("program scope", e))? =>
        {
            p
        }
        _ => return Err(super::not_found("planning.agreement_not_found")),
    };
    let mut check = Validator::new();
    let institution = match institution_id {
        Some(id)
            if institutions::is_within(db, admin.scope, id)
                .await
                .map_err(|e| internal("scope", e))? =>
        {
            Some(id.0)
        }
        _ => {
            check.fail("institution_id", "planning.partner_outside_scope");
            None
        }
    };
    let quota = check_count(&mut check, "quota", &quota, 0, 1_000_000);
    let share = check_count(
        &mut check,
        "funding_share_percent",
        &funding_share_percent,
        0,
        100,
    );
    check.finish()?;
    let (Some(institution), Some(quota), Some(share)) = (institution, quota, share) else {
        return Err(internal("add partner", "checked above"));
    };
    match agreements::add_partner(db, agreement_id.0, institution, quota, share).await {
        Ok(()) => {}
        Err(AddPartnerError::SharesOver(given)) => {
            let mut check = Validator::new();
            check.fail_text(
                "funding_share_percent",
                super::text_with(
                    "planning.shares_over",
                    &[
                        ("given", &given.to_string()),
                        ("left", &(100 - given).max(0).to_string()),
                    ],
                ),
            );
            return Err(check
                .finish()
                .err()
                .unwrap_or_else(|| internal("shares", "")));
        }
        Err(AddPartnerError::Duplicate) => {
            return Err(Validator::field_error(
                "institution_id",
                "planning.partner_duplicate",
            ))
        }
        Err(AddPartnerError::Database(e)) => return Err(internal("add partner", e)),
    }
    tracing::info!(
        admin = admin.user.id.0,
        agreement = agreement_id.0,
        institution,
        "partner added"
    );
    flash::go_to(&super::program_path(program), "", "planning.partner_added");
    Ok(())
}
