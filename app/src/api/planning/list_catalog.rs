//! The public catalog of published programs: no sign-in needed.

use crate::model::planning::CatalogView;
use crate::model::AppError;
use leptos::prelude::*;

/// A page of published programs filtered by text `q`, `level`, `competency` (code) and `mode`.
#[server(endpoint = "list_catalog")]
pub async fn list_catalog(
    q: Option<String>,
    level: Option<String>,
    competency: Option<String>,
    mode: Option<String>,
    page: Option<i64>,
) -> Result<CatalogView, AppError> {
    use crate::model::planning::{CatalogItem, Paged, LEVELS, MODES};
    use crate::ssr::db::internal;
    use crate::ssr::planning::catalog::{self, CatalogFilter};
    use crate::ssr::planning::{contains_pattern, exact_or_any, programs, PAGE_SIZE};
    let db = &crate::ssr::state()?.db;
    let (page, offset) = super::paging(page);
    let competencies = super::competencies(db).await?;
    let filter = CatalogFilter {
        search: contains_pattern(q.as_deref()),
        level: exact_or_any(level.as_deref(), LEVELS),
        competency: super::competency_filter(&competencies, competency.as_deref()),
        mode: exact_or_any(mode.as_deref(), MODES),
    };
    let (rows, total) = catalog::list(db, &filter, PAGE_SIZE, offset)
        .await
        .map_err(|e| internal("catalog", e))?;
    let mut items = Vec::with_capacity(rows.len());
    for program in rows {
        let names = programs::program_competencies(db, program.id.0)
            .await
            .map_err(|e| internal("catalog competencies", e))?
            .into_iter()
            .map(|c| c.name)
            .collect();
        items.push(CatalogItem {
            program,
            competencies: names,
        });
    }
    Ok(CatalogView {
        list: Paged {
            items,
            total,
            page,
            page_size: PAGE_SIZE,
        },
        competencies,
    })
}
