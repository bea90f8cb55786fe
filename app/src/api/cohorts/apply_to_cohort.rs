//! A participant registers for a cohort: a free seat is held, else a place on the waitlist.

use crate::model::{AppError, CohortId};
use leptos::prelude::*;

/// Registers the signed-in participant for a cohort. Refuses with a clear message when the program
/// is not published, the window is not open, they are already registered, their profile is not
/// complete, the program's prerequisite is not completed, or an agreement limits the cohort to partners their verified institution does not
/// belong to (a school only claimed on the profile does not count until it is confirmed).
#[server(endpoint = "apply_to_cohort")]
pub async fn apply_to_cohort(cohort_id: CohortId) -> Result<(), AppError> {
    use crate::model::ErrorKind;
    use crate::ssr::cohorts::{participant, profile, seats};
    use crate::ssr::db::{internal, now_unix};
    use crate::ssr::guard::Participant;
    use crate::ssr::{flash, msg, state};

    let Participant { user } = Participant::require().await?;
    let db = &state()?.db;
    let refuse = |kind: ErrorKind, key: &str| Err(AppError::new(kind, msg(key)));
    // Every fact that decides the outcome is read before the write transaction.
    let Some(facts) = participant::cohort_facts(db, cohort_id.0)
        .await
        .map_err(|e| internal("cohort facts", e))?
    else {
        return refuse(ErrorKind::NotFound, "cohort.not_found");
    };
    if facts.program_status != "published" {
        return refuse(ErrorKind::NotFound, "cohort.not_found");
    }
    // A program may require another to be completed first (issue #19).
    if let Some((_, required)) =
        crate::ssr::materials::progress::unmet_prerequisite(db, user.id.0, facts.program_id)
            .await
            .map_err(|e| internal("prerequisite", e))?
    {
        let message = crate::i18n::text_with(
            crate::ssr::request::request_lang(),
            "materials.prerequisite_unmet",
            &[("program", &required)],
        );
        return Err(AppError::new(ErrorKind::Conflict, message));
    }
    let now = now_unix();
    if now < facts.registration_opens_at {
        return refuse(ErrorKind::Conflict, "cohort.registration_not_open");
    }
    if now > facts.registration_closes_at {
        return refuse(ErrorKind::Conflict, "cohort.registration_closed");
    }
    let existing = participant::existing(db, cohort_id.0, user.id.0)
        .await
        .map_err(|e| internal("existing enrolment", e))?;
    let reapply = match existing {
        None => None,
        Some((id, status)) if status == "withdrawn" => Some(id),
        Some((_, status)) if status == "rejected" => {
            return refuse(ErrorKind::Conflict, "cohort.already_rejected")
        }
        Some(_) => return refuse(ErrorKind::Conflict, "cohort.already_registered"),
    };
    let me = profile::load(db, user.id.0)
        .await
        .map_err(|e| internal("profile", e))?;
    if !me.is_complete() {
        let key = if me.needs_school() {
            "cohort.profile_incomplete"
        } else {
            "profile.incomplete_no_school"
        };
        return refuse(ErrorKind::Conflict, key);
    }
    let partner = if participant::has_agreements(db, facts.program_id)
        .await
        .map_err(|e| internal("agreements", e))?
    {
        let found = match user.institution_id {
            Some(inst) => participant::partner_for(db, facts.program_id, inst.0)
                .await
                .map_err(|e| internal("partner", e))?,
            None => None,
        };
        match found {
            Some(p) => Some(p),
            None => {
                // Only a verified school counts; say so when the claimed one would.
                let pending = profile::pending_school(db, user.id.0)
                    .await
                    .map_err(|e| internal("pending school", e))?;
                let would = match pending {
                    Some(school) => participant::partner_for(db, facts.program_id, school)
                        .await
                        .map_err(|e| internal("partner", e))?
                        .is_some(),
                    None => false,
                };
                let key = if would {
                    "cohort.school_unverified_partner"
                } else {
                    "cohort.not_a_partner"
                };
                return refuse(ErrorKind::Forbidden, key);
            }
        }
    } else {
        None
    };
    let placed = seats::apply(db, cohort_id.0, user.id.0, partner, reapply, now)
        .await
        .map_err(|e| internal("apply", e))?;
    let key = match placed {
        seats::Placed::Applied => "cohort.applied_notice",
        seats::Placed::Waitlisted => "cohort.waitlisted_notice",
        seats::Placed::Duplicate => {
            return refuse(ErrorKind::Conflict, "cohort.already_registered")
        }
    };
    tracing::info!(user = user.id.0, cohort = cohort_id.0, outcome = ?placed, "applied to cohort");
    flash::go_to("/peserta/pendaftaran", "", key);
    Ok(())
}
