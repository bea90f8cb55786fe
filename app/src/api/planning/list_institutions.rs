//! The institutions within the admin's scope, filtered and paged on the server.

use crate::model::planning::InstitutionsView;
use crate::model::AppError;
use leptos::prelude::*;

/// A page of institutions (search `q` in name, NPSN or region code; `kind`), and the parents a
/// new institution may be created under.
#[server(endpoint = "list_institutions")]
pub async fn list_institutions(
    q: Option<String>,
    kind: Option<String>,
    page: Option<i64>,
) -> Result<InstitutionsView, AppError> {
    use crate::model::planning::Paged;
    use crate::ssr::db::internal;
    use crate::ssr::guard::Admin;
    use crate::ssr::institutions::KINDS;
    use crate::ssr::planning::{contains_pattern, exact_or_any, institutions, PAGE_SIZE};
    let Admin { scope: root, .. } = Admin::require().await?;
    let db = &crate::ssr::state()?.db;
    let (page, offset) = super::paging(page);
    let (items, total) = institutions::list(
        db,
        root,
        &contains_pattern(q.as_deref()),
        &exact_or_any(kind.as_deref(), KINDS),
        PAGE_SIZE,
        offset,
    )
    .await
    .map_err(|e| internal("list institutions", e))?;
    let parents = institutions::choices(db, root, &["province_agency", "district_office"])
        .await
        .map_err(|e| internal("institution parents", e))?;
    Ok(InstitutionsView {
        list: Paged {
            items,
            total,
            page,
            page_size: PAGE_SIZE,
        },
        parents,
    })
}
