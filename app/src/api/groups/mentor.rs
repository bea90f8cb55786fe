//! A mentor's groups and their members; only the group's mentor or an admin in scope may look.

use crate::model::groups::{GroupCard, MemberList};
use crate::model::{AppError, GroupId};
use leptos::prelude::*;

/// The groups the signed-in mentor leads.
#[server(endpoint = "my_groups")]
pub async fn my_groups() -> Result<Vec<GroupCard>, AppError> {
    use crate::ssr::groups::members;
    use crate::ssr::guard::Mentor;
    use crate::ssr::{db::internal, state};
    let Mentor { user: mentor } = Mentor::require().await?;
    members::of_mentor(&state()?.db, mentor.id.0)
        .await
        .map_err(|e| internal("mentor groups", e))
}

/// One page of the members of group `group_id`.
#[server(endpoint = "group_members")]
pub async fn group_members(group_id: GroupId, page: Option<i64>) -> Result<MemberList, AppError> {
    use crate::model::groups::ROSTER_PAGE_SIZE;
    use crate::ssr::groups::roster::{self, GroupFilter, RosterFilter};
    use crate::ssr::groups::{access, members};
    use crate::ssr::guard::SignedIn;
    use crate::ssr::{db::internal, state};
    let SignedIn { user } = SignedIn::require().await?;
    let state = state()?;
    let db = &state.db;
    let cohort = access::require_group_reader(db, &user, group_id.0).await?;
    let group = members::card_of(db, group_id.0)
        .await
        .map_err(|e| internal("group card", e))?
        .ok_or_else(access::not_found)?;
    let page = page.unwrap_or(1).clamp(1, 100_000);
    let filter = RosterFilter {
        status: "approved".to_string(),
        search: None,
        group: GroupFilter::Group(group_id.0),
        school_level: None,
        region: None,
        mentor: None,
        limit: ROSTER_PAGE_SIZE,
        offset: (page - 1) * ROSTER_PAGE_SIZE,
    };
    let found = roster::page(db, &state.roster, cohort, &filter)
        .await
        .map_err(|e| internal("group members", e))?;
    // A group is small (its capacity): past the roster's bound it is still counted exactly.
    let total = if found.capped {
        roster::count(db, cohort, &filter)
            .await
            .map_err(|e| internal("group member count", e))?
    } else {
        found.total
    };
    Ok(MemberList {
        group,
        members: found.entries,
        total,
        page,
        page_size: ROSTER_PAGE_SIZE,
    })
}
