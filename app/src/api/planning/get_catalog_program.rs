//! One published program for the public, with its cohorts open for registration.

use crate::model::planning::CatalogProgramView;
use crate::model::{AppError, ProgramId};
use leptos::prelude::*;

/// Published program `id` and its open cohorts; drafts and closed programs are 404.
#[server(endpoint = "get_catalog_program")]
pub async fn get_catalog_program(id: ProgramId) -> Result<CatalogProgramView, AppError> {
    use crate::model::codes::ProgramStatus;
    use crate::model::planning::CatalogItem;
    use crate::ssr::db::{internal, now_unix};
    use crate::ssr::planning::{catalog, programs};
    let db = &crate::ssr::state()?.db;
    let program = programs::get(db, id.0)
        .await
        .map_err(|e| internal("catalog program", e))?
        .filter(|p| p.status == ProgramStatus::Published)
        .ok_or_else(|| super::not_found("planning.catalog_not_found"))?;
    let competencies = programs::program_competencies(db, id.0)
        .await
        .map_err(|e| internal("catalog competencies", e))?
        .into_iter()
        .map(|c| c.name)
        .collect();
    let open_cohorts = catalog::open_cohorts(db, id.0, now_unix())
        .await
        .map_err(|e| internal("open cohorts", e))?;
    Ok(CatalogProgramView {
        item: CatalogItem {
            program,
            competencies,
        },
        open_cohorts,
    })
}
