//! Training-need proposals within the admin's scope, filtered, paged and counted on the server.

use crate::model::planning::NeedsView;
use crate::model::AppError;
use leptos::prelude::*;

/// A page of proposals filtered by `status`, `competency` (code) and `region` (a region-code
/// prefix of the proposing institution or its parent), with counts by competency and region.
#[server(endpoint = "list_needs")]
pub async fn list_needs(
    status: Option<String>,
    competency: Option<String>,
    region: Option<String>,
    page: Option<i64>,
) -> Result<NeedsView, AppError> {
    use crate::model::codes::InstitutionKind;
    use crate::model::identifiers::parse_region_code;
    use crate::model::planning::{Paged, NEED_STATUSES};
    use crate::ssr::db::internal;
    use crate::ssr::guard::Admin;
    use crate::ssr::planning::{exact_or_any, institutions, needs, programs, PAGE_SIZE};
    let Admin { scope: root, .. } = Admin::require().await?;
    let db = &crate::ssr::state()?.db;
    let (page, offset) = super::paging(page);
    let competencies = super::competencies(db).await?;
    let filter = needs::NeedFilter {
        status: exact_or_any(status.as_deref(), NEED_STATUSES),
        competency: super::competency_filter(&competencies, competency.as_deref()),
        region: region
            .as_deref()
            .and_then(|r| parse_region_code(r).ok())
            .unwrap_or_else(|| "%".to_string()),
    };
    let (items, total, by_competency, by_region) =
        needs::list(db, root, &filter, PAGE_SIZE, offset)
            .await
            .map_err(|e| internal("list needs", e))?;
    let programs = programs::open_choices(db, root)
        .await
        .map_err(|e| internal("program choices", e))?;
    let own = institutions::get(db, root.0)
        .await
        .map_err(|e| internal("own institution", e))?;
    let can_propose = own.as_ref().is_some_and(|i| {
        matches!(
            i.kind,
            InstitutionKind::School | InstitutionKind::DistrictOffice
        )
    });
    Ok(NeedsView {
        list: Paged {
            items,
            total,
            page,
            page_size: PAGE_SIZE,
        },
        by_competency,
        by_region,
        competencies,
        programs,
        can_propose,
        own_institution: root.0,
    })
}
