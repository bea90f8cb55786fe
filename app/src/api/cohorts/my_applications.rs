//! The participant's own registrations: the list, withdrawing, and an enrolled cohort's page.

use crate::model::cohorts::{Application, CohortForParticipant, ParticipantSummary};
use crate::model::{AppError, CohortId, EnrolmentId};
use leptos::prelude::*;

/// The signed-in participant's applications, newest first.
#[server(endpoint = "my_applications")]
pub async fn my_applications() -> Result<Vec<Application>, AppError> {
    use crate::ssr::guard::Participant;
    use crate::ssr::{cohorts::participant, db::internal, state};
    let Participant { user } = Participant::require().await?;
    participant::applications(&state()?.db, user.id.0)
        .await
        .map_err(|e| internal("applications", e))
}

/// The participant's home: applications, invitations waiting for an answer, and whether the
/// profile is complete.
#[server(endpoint = "participant_overview")]
pub async fn participant_overview() -> Result<ParticipantSummary, AppError> {
    use crate::ssr::cohorts::{invitations, participant, profile};
    use crate::ssr::guard::Participant;
    use crate::ssr::{db::internal, state};
    let Participant { user } = Participant::require().await?;
    let db = &state()?.db;
    Ok(ParticipantSummary {
        applications: participant::applications(db, user.id.0)
            .await
            .map_err(|e| internal("applications", e))?,
        invitations: invitations::pending(db, user.id.0)
            .await
            .map_err(|e| internal("invitations", e))?,
        profile_complete: profile::load(db, user.id.0)
            .await
            .map_err(|e| internal("profile", e))?
            .is_complete(),
    })
}

/// Withdraws one of the participant's own applications; a held seat goes to the first waitlisted.
#[server(endpoint = "withdraw_application")]
pub async fn withdraw_application(enrolment_id: EnrolmentId) -> Result<(), AppError> {
    use crate::model::ErrorKind;
    use crate::ssr::cohorts::seats;
    use crate::ssr::db::{internal, now_unix};
    use crate::ssr::guard::Participant;
    use crate::ssr::{flash, msg, state};
    let Participant { user } = Participant::require().await?;
    let db = &state()?.db;
    let facts = seats::facts(db, enrolment_id.0)
        .await
        .map_err(|e| internal("enrolment", e))?
        .filter(|f| f.user_id == user.id.0)
        .ok_or_else(|| AppError::new(ErrorKind::NotFound, msg("cohort.registration_not_found")))?;
    let done = seats::change_status(
        db,
        &facts,
        &["applied", "approved", "waitlisted"],
        "withdrawn",
        None,
        Some(user.id.0),
        now_unix(),
        None,
    )
    .await
    .map_err(|e| internal("withdraw", e))?;
    if !done {
        return Err(AppError::new(
            ErrorKind::Conflict,
            msg("cohort.cannot_withdraw"),
        ));
    }
    tracing::info!(
        user = user.id.0,
        enrolment = enrolment_id.0,
        "application withdrawn"
    );
    flash::go_to("/peserta/pendaftaran", "", "cohort.withdrawn_notice");
    Ok(())
}

/// A cohort as its approved participant sees it; 404 for anyone else.
#[server(endpoint = "participant_cohort")]
pub async fn participant_cohort(id: CohortId) -> Result<CohortForParticipant, AppError> {
    use crate::model::ErrorKind;
    use crate::ssr::guard::Participant;
    use crate::ssr::{cohorts::participant, db::internal, msg, state};
    let Participant { user } = Participant::require().await?;
    participant::enrolled_cohort(&state()?.db, id.0, user.id.0)
        .await
        .map_err(|e| internal("enrolled cohort", e))?
        .ok_or_else(|| AppError::new(ErrorKind::NotFound, msg("cohort.not_found")))
}
