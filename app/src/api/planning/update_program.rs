//! Admins edit a program while it is a draft or published.
use crate::model::planning::forms::ProgramForm;
use crate::model::{AppError, ProgramId};
use leptos::prelude::*;

/// Replaces the fields of program `program_id` (in scope; not closed) with `form`.
#[server(endpoint = "update_program")]
pub async fn update_program(
    program_id: ProgramId,
    #[server(flatten)] form: ProgramForm,
) -> Result<(), AppError> {
    use super::program_form::validate;
    use crate::model::ErrorKind;
    use crate::ssr::db::{internal, now_unix};
    use crate::ssr::guard::Admin;
    use crate::ssr::planning::programs;
    use crate::ssr::{flash, msg, state};
    let admin = Admin::require_program(program_id).await?;
    let db = &state()?.db;
    let valid = validate(db, admin.scope, form).await?;
    if !programs::update(db, program_id.0, &valid.fields(), now_unix())
        .await
        .map_err(|e| internal("update program", e))?
    {
        return Err(AppError::new(
            ErrorKind::Conflict,
            msg("planning.program_closed_no_edit"),
        ));
    }
    tracing::info!(
        admin = admin.user.id.0,
        program = program_id.0,
        "program updated"
    );
    flash::go_to(
        &super::program_path(program_id),
        "",
        "planning.program_saved",
    );
    Ok(())
}
