//! Admins edit a program while it is a draft or published.
// Server functions take one argument per form field; the client stub has them too.
#![allow(clippy::too_many_arguments)]

use crate::model::AppError;
use leptos::prelude::*;

/// Replaces the fields of program `program_id` (in scope; not closed).
#[server(endpoint = "update_program")]
pub async fn update_program(
    program_id: i64,
    title: String,
    description: String,
    competencies: Option<Vec<i64>>,
    level: String,
    total_jp: String,
    mode: String,
    funding: String,
    #[server(default)] fee_amount: String,
    organizer_id: Option<i64>,
) -> Result<(), AppError> {
    use super::program_form::{validate, ProgramInput};
    use crate::model::ErrorKind;
    use crate::ssr::db::{internal, now_unix};
    use crate::ssr::guard::Admin;
    use crate::ssr::planning::programs;
    use crate::ssr::scope::require_program;
    use crate::ssr::{flash, msg, state};
    let Admin {
        user: admin,
        scope: root,
    } = Admin::require().await?;
    let db = &state()?.db;
    require_program(db, root, program_id).await?;
    let input = ProgramInput {
        title,
        description,
        competencies,
        level,
        total_jp,
        mode,
        funding,
        fee_amount,
        organizer_id,
    };
    let valid = validate(db, root, input).await?;
    if !programs::update(db, program_id, &valid.fields(), now_unix())
        .await
        .map_err(|e| internal("update program", e))?
    {
        return Err(AppError::new(
            ErrorKind::Conflict,
            msg("planning.program_closed_no_edit"),
        ));
    }
    tracing::info!(admin = admin.id.0, program = program_id, "program updated");
    let path = format!("/admin/program/{program_id}");
    flash::set_notice(&path, msg("planning.program_saved"));
    leptos_axum::redirect(&path);
    Ok(())
}
