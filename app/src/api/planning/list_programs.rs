//! The programs within the admin's scope, filtered and paged, with what the create form offers.

use crate::model::planning::ProgramsView;
use crate::model::AppError;
use leptos::prelude::*;

/// A page of programs filtered by `status` and title text `q`.
#[server(endpoint = "list_programs")]
pub async fn list_programs(
    status: Option<String>,
    q: Option<String>,
    page: Option<i64>,
) -> Result<ProgramsView, AppError> {
    use crate::model::planning::{Paged, PROGRAM_STATUSES};
    use crate::ssr::db::internal;
    use crate::ssr::guard::Admin;
    use crate::ssr::planning::{contains_pattern, exact_or_any, programs, PAGE_SIZE};
    let Admin { scope: root, .. } = Admin::require().await?;
    let db = &crate::ssr::state()?.db;
    let (page, offset) = super::paging(page);
    let (items, total) = programs::list(
        db,
        root,
        &exact_or_any(status.as_deref(), PROGRAM_STATUSES),
        &contains_pattern(q.as_deref()),
        PAGE_SIZE,
        offset,
    )
    .await
    .map_err(|e| internal("list programs", e))?;
    Ok(ProgramsView {
        list: Paged {
            items,
            total,
            page,
            page_size: PAGE_SIZE,
        },
        choices: choices(db, root).await?,
    })
}

/// Competencies and the institutions in scope, for the program forms.
#[cfg(feature = "ssr")]
pub(super) async fn choices(
    db: &crate::ssr::db::Db,
    root: crate::model::InstitutionId,
) -> Result<crate::model::planning::ProgramChoices, AppError> {
    use crate::ssr::db::internal;
    use crate::ssr::planning::institutions;
    Ok(crate::model::planning::ProgramChoices {
        competencies: super::competencies(db).await?,
        institutions: institutions::choices(db, root, crate::ssr::institutions::KINDS)
            .await
            .map_err(|e| internal("institutions", e))?,
    })
}
