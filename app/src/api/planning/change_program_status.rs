//! A program moves draft → published → closed, and no other way.

use crate::model::{AppError, ProgramId};
use leptos::prelude::*;

/// Moves program `program_id` (in scope) to `status`; any other transition than draft →
/// published or published → closed is refused with a message that names both statuses.
#[server(endpoint = "change_program_status")]
pub async fn change_program_status(program_id: ProgramId, status: String) -> Result<(), AppError> {
    use crate::model::codes::ProgramStatus;
    use crate::model::ErrorKind;
    use crate::ssr::db::{internal, now_unix};
    use crate::ssr::guard::Admin;
    use crate::ssr::planning::programs;
    use crate::ssr::validate::Validator;
    use crate::ssr::{flash, msg, state};
    let admin = Admin::require_program(program_id).await?;
    let db = &state()?.db;
    let Some(to) = ProgramStatus::from_code(&status) else {
        return Err(Validator::field_error("status", "planning.choose_one"));
    };
    let program = programs::get(db, program_id.0)
        .await
        .map_err(|e| internal("program", e))?
        .ok_or_else(|| super::not_found("scope.program_not_found"))?;
    let allowed = matches!(
        (program.status, to),
        (ProgramStatus::Draft, ProgramStatus::Published)
            | (ProgramStatus::Published, ProgramStatus::Closed)
    );
    let refused = || {
        AppError::new(
            ErrorKind::Conflict,
            super::text_with(
                "planning.transition_refused",
                &[
                    ("from", &msg(&format!("planning.status_{}", program.status))),
                    ("to", &msg(&format!("planning.status_{status}"))),
                ],
            ),
        )
    };
    if !allowed {
        return Err(refused());
    }
    if !programs::set_status(db, program_id.0, program.status, to, now_unix())
        .await
        .map_err(|e| internal("program status", e))?
    {
        return Err(refused());
    }
    tracing::info!(admin = admin.user.id.0, program = program_id.0, status = %status, "program status");
    let notice_key = format!("planning.status_now_{status}");
    flash::go_to(&super::program_path(program_id), "", &notice_key);
    Ok(())
}
