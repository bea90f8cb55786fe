//! The cohort roster: admins in scope and the cohort's named mentors read all of it, a mentor of
//! some of its groups only the members of those groups, nobody else anything.
// The macro's client stub drops attributes on the function, hence the module-wide expectation.
#![expect(
    clippy::too_many_arguments,
    reason = "cohort_roster takes the roster form's eight fields as one argument each, and so does its client stub"
)]

use crate::model::groups::RosterList;
use crate::model::{AppError, CohortId};
use leptos::prelude::*;

/// One filtered page of the roster of `cohort_id`. `group` is a group id, `none` (no group) or
/// empty; `group_name` (which wins when given) is a group's name, part of it or its number;
/// `status` defaults to `approved`; `region` is a region-code prefix.
#[server(endpoint = "cohort_roster")]
pub async fn cohort_roster(
    cohort_id: CohortId,
    status: Option<String>,
    q: Option<String>,
    group: Option<String>,
    group_name: Option<String>,
    level: Option<String>,
    region: Option<String>,
    page: Option<i64>,
) -> Result<RosterList, AppError> {
    use crate::model::groups::{GROUP_SELECT_MAX, ROSTER_PAGE_SIZE};
    use crate::model::identifiers::SCHOOL_LEVELS;
    use crate::ssr::groups::access::{self, Audience};
    use crate::ssr::groups::find::{self, Found};
    use crate::ssr::groups::roster::{self, GroupFilter, RosterFilter, RosterPage};
    use crate::ssr::guard::SignedIn;
    use crate::ssr::{db::internal, state};

    let SignedIn { user } = SignedIn::require().await?;
    let state = state()?;
    let db = &state.db;
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

    // The group asked for: by name or number when typed, else by id from a select or a link.
    let mut chosen = None;
    let mut group_matches = Vec::new();
    let mut group_unknown = false;
    let typed = group_name
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty());
    let group = match (typed, group.as_deref().map(str::trim)) {
        (Some(text), _) => match find::group(db, cohort_id.0, mentor, text)
            .await
            .map_err(|e| internal("roster group name", e))?
        {
            Found::One(id, name) => {
                chosen = Some((id, name));
                Some(GroupFilter::Group(id))
            }
            Found::Several(groups) => {
                group_matches = groups;
                None
            }
            Found::Nothing => {
                group_unknown = true;
                None
            }
        },
        (None, Some("none")) => Some(GroupFilter::NoGroup),
        (None, Some(text)) => match text.parse::<i64>() {
            Ok(id) => match find::by_id(db, cohort_id.0, mentor, id)
                .await
                .map_err(|e| internal("roster group", e))?
            {
                Some(name) => {
                    chosen = Some((id, name));
                    Some(GroupFilter::Group(id))
                }
                None => {
                    group_unknown = true;
                    None
                }
            },
            Err(_) => Some(GroupFilter::Any),
        },
        (None, None) => Some(GroupFilter::Any),
    };

    let page = page.unwrap_or(1).clamp(1, 100_000);
    let found = match group {
        Some(group) => {
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
            roster::page(db, &state.roster, cohort_id.0, &filter)
                .await
                .map_err(|e| internal("roster page", e))?
        }
        // A group text that named no single group: no rows, and the page says why.
        None => RosterPage {
            entries: Vec::new(),
            total: 0,
            capped: false,
            has_next: false,
        },
    };
    let mut groups = find::first(db, cohort_id.0, mentor, GROUP_SELECT_MAX + 1)
        .await
        .map_err(|e| internal("roster groups", e))?;
    let group_count = if groups.len() > GROUP_SELECT_MAX {
        groups.clear();
        find::count(db, cohort_id.0, mentor)
            .await
            .map_err(|e| internal("roster group count", e))?
    } else {
        groups.len() as i64
    };
    Ok(RosterList {
        cohort,
        entries: found.entries,
        total: found.total,
        total_capped: found.capped,
        has_next: found.has_next,
        page,
        page_size: ROSTER_PAGE_SIZE,
        groups,
        group_count,
        group: chosen,
        group_matches,
        group_unknown,
    })
}
