//! The planning figures on the admin's home page.

use crate::model::planning::PlanningOverview;
use crate::model::AppError;
use leptos::prelude::*;

/// Proposals waiting for review, programs per status and cohorts within the admin's scope.
#[server(name = PlanningOverviewFn, endpoint = "planning_overview")]
pub async fn planning_overview() -> Result<PlanningOverview, AppError> {
    use crate::ssr::db::internal;
    use crate::ssr::guard::Admin;
    use crate::ssr::planning::{needs, programs};
    let Admin { scope: root, .. } = Admin::require().await?;
    let db = &crate::ssr::state()?.db;
    let proposed_needs = needs::count_proposed(db, root)
        .await
        .map_err(|e| internal("needs overview", e))?;
    let (by_status, cohorts) = programs::overview(db, root)
        .await
        .map_err(|e| internal("programs overview", e))?;
    let count = |s: &str| {
        by_status
            .iter()
            .find(|(k, _)| k == s)
            .map_or(0, |(_, n)| *n)
    };
    Ok(PlanningOverview {
        proposed_needs,
        programs_draft: count("draft"),
        programs_published: count("published"),
        programs_closed: count("closed"),
        cohorts,
    })
}
