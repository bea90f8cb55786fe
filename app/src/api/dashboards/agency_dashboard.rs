//! `agency_dashboard`: the overview across every program in the admin's scope.

use crate::model::dashboards::view::AgencyOverview;
use crate::model::AppError;
use leptos::prelude::*;

/// The agency overview, filtered by period (`from`, `to`: `YYYY-MM-DD`), program, region code
/// prefix and organising institution; malformed filters are ignored.
#[server(endpoint = "agency_dashboard")]
pub async fn agency_dashboard(
    from: Option<String>,
    to: Option<String>,
    program: Option<String>,
    region: Option<String>,
    institution: Option<String>,
) -> Result<AgencyOverview, AppError> {
    use crate::ssr::dashboards::{agency_overview, filter_from};
    use crate::ssr::guard::Admin;
    use crate::ssr::request::request_lang;
    use crate::ssr::state;
    let admin = Admin::require().await?;
    let query: std::collections::HashMap<String, String> = [
        ("from", from),
        ("to", to),
        ("program", program),
        ("region", region),
        ("institution", institution),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.map(|v| (k.to_string(), v)))
    .collect();
    let overview = agency_overview(
        &state()?,
        admin.scope.0,
        request_lang(),
        filter_from(&query),
    )
    .await?;
    Ok(std::sync::Arc::unwrap_or_clone(overview))
}
