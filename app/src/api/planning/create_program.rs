//! Admins design a program (diklat): it starts as a draft.
// Server functions take one argument per form field; the client stub has them too.
#![allow(clippy::too_many_arguments)]

use crate::model::AppError;
use leptos::prelude::*;

/// Creates a draft program organized by an institution in the admin's scope and opens its page.
#[server(endpoint = "create_program")]
pub async fn create_program(
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
    use crate::ssr::db::{internal, now_unix};
    use crate::ssr::guard::Admin;
    use crate::ssr::planning::programs;
    use crate::ssr::{flash, msg, state};
    let Admin {
        user: admin,
        scope: root,
    } = Admin::require().await?;
    let db = &state()?.db;
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
    let id = programs::insert(db, &valid.fields(), admin.id.0, now_unix())
        .await
        .map_err(|e| internal("insert program", e))?;
    tracing::info!(admin = admin.id.0, program = id, "program created");
    let path = format!("/admin/program/{id}");
    flash::set_notice(&path, msg("planning.program_created"));
    leptos_axum::redirect(&path);
    Ok(())
}
