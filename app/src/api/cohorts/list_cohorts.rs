//! The admin's cohort list: filtered and paged on the server.

use crate::model::cohorts::CohortListPage;
use crate::model::{AppError, ProgramId};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
/// Cohorts per page.
pub const PAGE_SIZE: i64 = 20;

/// A page of cohorts in the admin's scope, with the programs they may open a cohort for.
#[server(endpoint = "list_cohorts")]
pub async fn list_cohorts(
    program: Option<ProgramId>,
    search: Option<String>,
    page: Option<i64>,
) -> Result<CohortListPage, AppError> {
    use crate::ssr::cohorts::{self, CohortFilter};
    use crate::ssr::guard::Admin;
    use crate::ssr::{db::internal, state};
    let Admin { scope: root, .. } = Admin::require().await?;
    let db = &state()?.db;
    let page = page.unwrap_or(1).max(1);
    let filter = CohortFilter {
        program,
        search: search
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty()),
        limit: PAGE_SIZE,
        offset: (page - 1) * PAGE_SIZE,
    };
    let (rows, total) = cohorts::list_in_scope(db, root, &filter)
        .await
        .map_err(|e| internal("list cohorts", e))?;
    let programs = cohorts::open_programs(db, root)
        .await
        .map_err(|e| internal("open programs", e))?;
    Ok(CohortListPage {
        cohorts: rows,
        total,
        page,
        page_size: PAGE_SIZE,
        programs,
    })
}
