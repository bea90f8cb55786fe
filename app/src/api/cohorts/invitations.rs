//! A participant answers an invitation to a cohort (written by an admin's import when the
//! participant was outside that admin's scope): accepting enrols them, declining closes it.

use crate::model::{AppError, InvitationId};
use leptos::prelude::*;

/// Invitation `invitation` of participant `user`, or the 404 of a missing one (someone else's
/// included).
#[cfg(feature = "ssr")]
async fn invitation_of(
    db: &crate::ssr::db::Db,
    invitation: i64,
    user: i64,
) -> Result<crate::ssr::cohorts::invitations::InvitationFacts, AppError> {
    use crate::model::ErrorKind;
    use crate::ssr::{cohorts::invitations, db::internal, msg};
    invitations::facts(db, invitation, user)
        .await
        .map_err(|e| internal("invitation", e))?
        .ok_or_else(|| AppError::new(ErrorKind::NotFound, msg("cohort.invitation_not_found")))
}

/// Logs participant `user`'s `answer` to `invitation` (to `cohort`), then sends them to `page`
/// with the notice `notice_key`.
#[cfg(feature = "ssr")]
fn answered(
    user: i64,
    invitation: i64,
    cohort: i64,
    answer: &dyn std::fmt::Debug,
    page: &str,
    notice_key: &str,
) {
    tracing::info!(user, invitation, cohort, ?answer, "invitation answered");
    crate::ssr::flash::go_to(page, "", notice_key);
}

/// Accepts one of the signed-in participant's invitations: enrolled (approved) when a seat is
/// free, else waitlisted. Someone else's invitation answers the 404 of a missing one; a second
/// accept of the same invitation changes nothing.
#[server(endpoint = "accept_invitation")]
pub async fn accept_invitation(invitation_id: InvitationId) -> Result<(), AppError> {
    use crate::model::ErrorKind;
    use crate::ssr::cohorts::participant;
    use crate::ssr::cohorts::seats::{self, InvitationOutcome};
    use crate::ssr::db::{internal, now_unix};
    use crate::ssr::guard::Participant;
    use crate::ssr::{msg, state};

    let Participant { user } = Participant::require().await?;
    let db = &state()?.db;
    let facts = invitation_of(db, invitation_id.0, user.id.0).await?;
    // The seat counts against the partner of the person's verified institution, as an import's.
    let partner = match user.institution_id {
        Some(institution) => participant::partner_for(db, facts.program_id, institution.0)
            .await
            .map_err(|e| internal("partner", e))?,
        None => None,
    };
    let outcome = seats::accept_invitation(db, invitation_id.0, user.id.0, partner, now_unix())
        .await
        .map_err(|e| internal("accept invitation", e))?;
    let key = match outcome {
        InvitationOutcome::Enrolled => "cohort.invitation_accepted",
        InvitationOutcome::Waitlisted => "cohort.invitation_waitlisted",
        InvitationOutcome::NotPending => {
            // Answered already: a repeated accept lands where the first one did.
            let now = invitation_of(db, invitation_id.0, user.id.0).await?;
            if now.status != "accepted" {
                return Err(AppError::new(
                    ErrorKind::Conflict,
                    msg("cohort.invitation_answered"),
                ));
            }
            "cohort.invitation_accepted"
        }
        InvitationOutcome::Rejected => {
            return Err(AppError::new(
                ErrorKind::Conflict,
                msg("cohort.already_rejected"),
            ))
        }
        InvitationOutcome::Changed => {
            return Err(AppError::new(
                ErrorKind::Conflict,
                msg("cohort.invitation_retry"),
            ))
        }
    };
    let page = "/peserta/pendaftaran";
    answered(
        user.id.0,
        invitation_id.0,
        facts.cohort_id,
        &outcome,
        page,
        key,
    );
    Ok(())
}

/// Declines one of the signed-in participant's invitations; nothing about them reaches the
/// cohort, and a later import of the same row does not invite them again.
#[server(endpoint = "decline_invitation")]
pub async fn decline_invitation(invitation_id: InvitationId) -> Result<(), AppError> {
    use crate::model::ErrorKind;
    use crate::ssr::cohorts::invitations;
    use crate::ssr::db::{internal, now_unix};
    use crate::ssr::guard::Participant;
    use crate::ssr::{msg, state};

    let Participant { user } = Participant::require().await?;
    let db = &state()?.db;
    let facts = invitation_of(db, invitation_id.0, user.id.0).await?;
    let declined = invitations::decline(db, invitation_id.0, user.id.0, now_unix())
        .await
        .map_err(|e| internal("decline invitation", e))?;
    if !declined && facts.status != "declined" {
        return Err(AppError::new(
            ErrorKind::Conflict,
            msg("cohort.invitation_answered"),
        ));
    }
    let notice_key = "cohort.invitation_declined";
    answered(
        user.id.0,
        invitation_id.0,
        facts.cohort_id,
        &"declined",
        "/peserta",
        notice_key,
    );
    Ok(())
}
