//! Admins design a program (diklat): it starts as a draft.
use crate::model::planning::forms::ProgramForm;
use crate::model::AppError;
use leptos::prelude::*;

/// Creates a draft program from `form`, organized by an institution in the admin's scope, and
/// opens its page.
#[server(endpoint = "create_program")]
pub async fn create_program(#[server(flatten)] form: ProgramForm) -> Result<(), AppError> {
    use super::program_form::validate;
    use crate::ssr::db::{internal, now_unix};
    use crate::ssr::guard::Admin;
    use crate::ssr::planning::programs;
    use crate::ssr::{flash, state};
    let admin = Admin::require().await?;
    let db = &state()?.db;
    let valid = validate(db, admin.scope, form).await?;
    let id = programs::insert(db, &valid.fields(), admin.user.id.0, now_unix())
        .await
        .map_err(|e| internal("insert program", e))?;
    tracing::info!(admin = admin.user.id.0, program = id, "program created");
    flash::go_to(
        &super::program_path(crate::model::ProgramId(id)),
        "",
        "planning.program_created",
    );
    Ok(())
}
