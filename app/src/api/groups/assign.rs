//! Automatic assignment of a cohort's participants to groups, and moving one participant.

use crate::model::groups::AssignReport;
use crate::model::{AppError, CohortId};
use leptos::prelude::*;

/// Puts every approved participant of the cohort who has no group into one: sizes balanced
/// within the capacities, participants of the same school level, subject and region together
/// where they fit.
#[server(endpoint = "assign_groups")]
pub async fn assign_groups(cohort_id: CohortId) -> Result<AssignReport, AppError> {
    use super::manage::back_to_groups;
    use crate::model::ErrorKind;
    use crate::ssr::groups::{assign, manage};
    use crate::ssr::guard::Admin;
    use crate::ssr::{db::internal, msg, state};
    let admin = Admin::require_cohort(cohort_id).await?;
    let db = &state()?.db;
    if manage::names(db, cohort_id.0)
        .await
        .map_err(|e| internal("group names", e))?
        .is_empty()
    {
        return Err(AppError::new(ErrorKind::Conflict, msg("group.no_groups")));
    }
    let done = assign::assign(db, cohort_id.0)
        .await
        .map_err(|e| internal("assign groups", e))?;
    tracing::info!(
        admin = admin.user.id.0,
        cohort = cohort_id.0,
        assigned = done.assigned,
        unassigned = done.unassigned,
        "groups assigned"
    );
    let (assigned, unassigned) = (done.assigned.to_string(), done.unassigned.to_string());
    let notice = if done.assigned == 0 && done.unassigned == 0 {
        msg("group.nothing_to_assign")
    } else if done.unassigned > 0 {
        super::text_with(
            "group.assigned_short",
            &[("assigned", &assigned), ("unassigned", &unassigned)],
        )
    } else {
        super::text_with("group.assigned", &[("assigned", &assigned)])
    };
    back_to_groups(cohort_id, notice);
    Ok(AssignReport {
        assigned: done.assigned,
        unassigned: done.unassigned,
    })
}

/// Moves the participant with this e-mail or NIP into group `group_id`, or out of any group when
/// `group_id` is empty. A full group is refused with a message.
#[server(endpoint = "move_participant")]
pub async fn move_participant(
    cohort_id: CohortId,
    participant: String,
    group_id: String,
) -> Result<(), AppError> {
    use super::manage::back_to_groups;
    use crate::model::{FieldError, Nip};
    use crate::ssr::groups::manage;
    use crate::ssr::guard::Admin;
    use crate::ssr::validate::Validator;
    use crate::ssr::{db::internal, msg, state};
    let admin = Admin::require_cohort(cohort_id).await?;
    let db = &state()?.db;
    let mut check = Validator::new();
    let who = check.required("participant", &participant, 200);
    let target = match group_id.trim() {
        "" => None,
        id => match id.parse::<i64>() {
            Ok(id) => Some(id),
            Err(_) => {
                check.fail("group_id", "group.group_invalid");
                None
            }
        },
    };
    check.finish()?;
    let target_name = match target {
        None => None,
        Some(id) => {
            let names = manage::names(db, cohort_id.0)
                .await
                .map_err(|e| internal("group names", e))?;
            match names.into_iter().find(|(g, _)| *g == id) {
                Some((_, name)) => Some((id, name)),
                None => return Err(Validator::field_error("group_id", "group.group_invalid")),
            }
        }
    };
    let email = who.to_lowercase();
    let nip = Nip::parse(&who).ok();
    let Some((enrolment, name)) =
        manage::find_participant(db, cohort_id.0, &email, nip.as_ref().map(Nip::as_str))
            .await
            .map_err(|e| internal("find participant", e))?
    else {
        return Err(Validator::field_error(
            "participant",
            "group.participant_not_found",
        ));
    };
    let outcome = manage::move_enrolment(db, enrolment, target_name.as_ref().map(|(id, _)| *id))
        .await
        .map_err(|e| internal("move participant", e))?;
    if let manage::MoveOutcome::Full(capacity) = outcome {
        let group = target_name.map(|(_, n)| n).unwrap_or_default();
        return Err(AppError::invalid(
            msg("form.check_fields"),
            vec![FieldError {
                field: "group_id".to_string(),
                message: super::text_with(
                    "group.full",
                    &[("group", &group), ("capacity", &capacity.to_string())],
                ),
            }],
        ));
    }
    tracing::info!(admin = admin.user.id.0, enrolment, "participant moved");
    let notice = match &target_name {
        Some((_, group)) => super::text_with("group.moved", &[("name", &name), ("group", group)]),
        None => super::text_with("group.removed", &[("name", &name)]),
    };
    back_to_groups(cohort_id, notice);
    Ok(())
}
