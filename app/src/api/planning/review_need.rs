//! An ancestor institution's admin accepts, rejects (with a reason) or merges a proposal.

use crate::model::{AppError, NeedId, ProgramId};
use leptos::prelude::*;

/// Decides on need `need_id`: `decision` is `accept`, `reject` (needs `reason`) or `merge`
/// (needs `program_id`, a program in scope that is not closed).
#[server(endpoint = "review_need")]
pub async fn review_need(
    need_id: NeedId,
    decision: String,
    reason: String,
    program_id: Option<ProgramId>,
) -> Result<(), AppError> {
    use crate::model::codes::ProgramStatus;
    use crate::model::ErrorKind;
    use crate::ssr::db::{internal, now_unix};
    use crate::ssr::guard::Admin;
    use crate::ssr::planning::{needs, programs};
    use crate::ssr::scope::program_in_scope;
    use crate::ssr::validate::Validator;
    use crate::ssr::{flash, msg, state};

    let admin = Admin::require().await?;
    let db = &state()?.db;
    let Some((institution, status)) = needs::in_scope(db, admin.scope, need_id.0)
        .await
        .map_err(|e| internal("need scope", e))?
    else {
        return Err(super::not_found("planning.need_not_found"));
    };
    if institution == admin.scope.0 {
        return Err(AppError::new(
            ErrorKind::Forbidden,
            msg("planning.need_own_institution"),
        ));
    }
    if status != "proposed" {
        return Err(AppError::new(
            ErrorKind::Conflict,
            msg("planning.need_already_reviewed"),
        ));
    }
    let reason = reason.trim();
    let (new_status, reason, program) = match decision.as_str() {
        "accept" => ("accepted", None, None),
        "reject" => {
            if reason.is_empty() {
                return Err(Validator::field_error("reason", "planning.reason_required"));
            }
            if reason.chars().count() > 1000 {
                return Err(Validator::field_error("reason", "planning.reason_too_long"));
            }
            ("rejected", Some(reason), None)
        }
        "merge" => {
            let program = match program_id {
                Some(p)
                    if program_in_scope(db, admin.scope, p)
                        .await
                        .map_err(|e| internal("program scope", e))? =>
                {
                    programs::get(db, p.0)
                        .await
                        .map_err(|e| internal("program", e))?
                        .filter(|p| p.status != ProgramStatus::Closed)
                }
                _ => None,
            };
            let Some(program) = program else {
                return Err(Validator::field_error(
                    "program_id",
                    "planning.merge_program_required",
                ));
            };
            ("merged", None, Some(program.id))
        }
        _ => {
            return Err(Validator::field_error(
                "decision",
                "planning.decision_invalid",
            ))
        }
    };
    let decided = needs::decide(
        db,
        need_id.0,
        new_status,
        reason,
        program.map(|p| p.0),
        admin.user.id.0,
        now_unix(),
    )
    .await
    .map_err(|e| internal("review need", e))?;
    if !decided {
        return Err(AppError::new(
            ErrorKind::Conflict,
            msg("planning.need_already_reviewed"),
        ));
    }
    tracing::info!(
        admin = admin.user.id.0,
        need = need_id.0,
        status = new_status,
        "need reviewed"
    );
    flash::go_to("/admin/usulan", "", &format!("planning.need_{new_status}"));
    Ok(())
}
