//! The cohort roster: admins in scope and the cohort's named mentors read all of it, a mentor of
//! some of its groups only the members of those groups, nobody else anything.

use crate::model::groups::RosterList;
use crate::model::{AppError, CohortId};
use leptos::prelude::*;

/// One filtered page of the roster of `cohort_id`. `group` is a group id, `none` (no group) or
/// empty; `status` defaults to `approved`; `region` is a region-code prefix.
#[server(endpoint = "cohort_roster")]
pub async fn cohort_roster(
    cohort_id: CohortId,
    status: Option<String>,
    q: Option<String>,
    group: Option<String>,
    level: Option<String>,
    region: Option<String>,
    page: Option<i64>,
) -> Result<RosterList, AppError> {
    use crate::model::groups::ROSTER_PAGE_SIZE;
    use crate::model::identifiers::SCHOOL_LEVELS;
    use crate::ssr::groups::access::{self, Audience};
    use crate::ssr::groups::manage;
    use crate::ssr::groups::roster::{self, GroupFilter, RosterFilter};
    use crate::ssr::guard::SignedIn;
    use crate::ssr::{db::internal, state};

    let SignedIn { user } = SignedIn::require().await?;
    let db = &state()?.db;
    let mentor = match access::require_roster_reader(db, &user, cohort_id.0).await? {
        Audience::Cohort => None,
        Audience::Groups(mentor) => Some(mentor),
    };
    let cohort = access::heading(db, cohort_id.0)
        .await
        .map_err(|e| internal("roster heading", e))?
        .ok_or_else(access::not_found)?;
    let status = status
        .filter(|s| {
            ["applied", "approved", "rejected", "waitlisted", "withdrawn"].contains(&s.as_str())
        })
        .unwrap_or_else(|| "approved".to_string());
    let group = match group.as_deref().map(str::trim) {
        Some("none") => GroupFilter::NoGroup,
        Some(id) => id
            .parse()
            .map(GroupFilter::Group)
            .unwrap_or(GroupFilter::Any),
        None => GroupFilter::Any,
    };
    let page = page.unwrap_or(1).clamp(1, 100_000);
    let filter = RosterFilter {
        status,
        search: q.map(|s| s.trim().to_lowercase()).filter(|s| !s.is_empty()),
        group,
        school_level: level.filter(|l| SCHOOL_LEVELS.contains(&l.as_str())),
        region: region
            .map(|r| r.trim().to_string())
            .filter(|r| !r.is_empty() && r.chars().all(|c| c.is_ascii_digit() || c == '.')),
        mentor,
        limit: ROSTER_PAGE_SIZE,
        offset: (page - 1) * ROSTER_PAGE_SIZE,
    };
    let (entries, total) = roster::page(db, cohort_id.0, &filter)
        .await
        .map_err(|e| internal("roster page", e))?;
    let mut groups = manage::names(db, cohort_id.0)
        .await
        .map_err(|e| internal("roster groups", e))?;
    if let Some(mentor) = mentor {
        let led = access::groups_led(db, cohort_id.0, mentor)
            .await
            .map_err(|e| internal("roster groups led", e))?;
        groups.retain(|(id, _)| led.contains(id));
    }
    Ok(RosterList {
        cohort,
        entries,
        total,
        page,
        page_size: ROSTER_PAGE_SIZE,
        groups,
    })
}
