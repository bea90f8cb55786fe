//! One program of the admin's scope with its competencies, cohorts and agreements.

use crate::model::planning::ProgramView;
use crate::model::{AppError, ProgramId};
use leptos::prelude::*;

/// Program `id`, or 404 if it is not organized within the admin's scope.
#[server(endpoint = "get_program")]
pub async fn get_program(id: ProgramId) -> Result<ProgramView, AppError> {
    use crate::ssr::db::internal;
    use crate::ssr::guard::Admin;
    use crate::ssr::planning::{agreements, programs};
    let root = Admin::require_program(id).await?.scope;
    let db = &crate::ssr::state()?.db;
    let program = programs::get(db, id.0)
        .await
        .map_err(|e| internal("program", e))?
        .ok_or_else(|| super::not_found("scope.program_not_found"))?;
    let competencies = programs::program_competencies(db, id.0)
        .await
        .map_err(|e| internal("program competencies", e))?;
    Ok(ProgramView {
        competency_ids: competencies.iter().map(|c| c.id.0).collect(),
        competencies,
        cohorts: programs::cohorts(db, id.0)
            .await
            .map_err(|e| internal("cohorts", e))?,
        agreements: agreements::of_program(db, id.0)
            .await
            .map_err(|e| internal("agreements", e))?,
        choices: super::list_programs::choices(db, root).await?,
        program,
    })
}
