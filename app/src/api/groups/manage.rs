//! Admins list, create, change and delete the mentor groups of a cohort in their scope.

use crate::model::groups::GroupsOverview;
use crate::model::{AppError, CohortId, GroupId};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
/// The groups page's path for `cohort`.
pub(super) fn groups_path(cohort: CohortId) -> String {
    format!("/admin/angkatan/{cohort}/kelompok")
}

/// Sends the admin back to the groups page of `cohort` with `notice` shown there.
#[cfg(feature = "ssr")]
pub(super) fn back_to_groups(cohort: CohortId, notice: String) {
    let path = groups_path(cohort);
    crate::ssr::flash::set_notice(&path, notice);
    leptos_axum::redirect(&path);
}

/// A whole number in `1..=max` from a form field, or the message `key` on `field`.
#[cfg(feature = "ssr")]
pub(super) fn positive(
    check: &mut crate::ssr::validate::Validator,
    field: &str,
    value: &str,
    max: i64,
    key: &str,
) -> i64 {
    match value.trim().parse::<i64>() {
        Ok(n) if (1..=max).contains(&n) => n,
        _ => {
            check.fail(field, key);
            0
        }
    }
}

/// A group's capacity from a form field: a whole number in `1..=10_000`.
#[cfg(feature = "ssr")]
fn checked_capacity(check: &mut crate::ssr::validate::Validator, field: &str, value: &str) -> i64 {
    positive(check, field, value, 10_000, "group.capacity_invalid")
}

/// A mentor id from a select (empty means none), checked against what the admin may choose.
#[cfg(feature = "ssr")]
async fn chosen_mentor(
    check: &mut crate::ssr::validate::Validator,
    db: &crate::ssr::db::Db,
    root: crate::model::InstitutionId,
    cohort: i64,
    field: &str,
    value: &str,
) -> Result<Option<i64>, AppError> {
    use crate::ssr::{db::internal, groups::access};
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    match value.parse::<i64>() {
        Ok(id)
            if access::mentor_allowed(db, root, cohort, id)
                .await
                .map_err(|e| internal("mentor scope", e))? =>
        {
            Ok(Some(id))
        }
        _ => {
            check.fail(field, "group.mentor_outside_scope");
            Ok(None)
        }
    }
}

/// One page of the groups of `cohort_id`, with what the forms need.
#[server(endpoint = "cohort_groups")]
pub async fn cohort_groups(
    cohort_id: CohortId,
    page: Option<i64>,
) -> Result<GroupsOverview, AppError> {
    use crate::ssr::groups::{access, manage};
    use crate::ssr::guard::Admin;
    use crate::ssr::{db::internal, state};
    let root = Admin::require_cohort(cohort_id).await?.scope;
    let db = &state()?.db;
    let cohort = access::heading(db, cohort_id.0)
        .await
        .map_err(|e| internal("groups heading", e))?
        .ok_or_else(access::not_found)?;
    let page = page.unwrap_or(1).clamp(1, 100_000);
    let size = manage::GROUPS_PER_PAGE;
    let (groups, total_groups) = manage::list(db, cohort_id.0, size, (page - 1) * size)
        .await
        .map_err(|e| internal("groups list", e))?;
    let all_groups = manage::names(db, cohort_id.0)
        .await
        .map_err(|e| internal("group names", e))?;
    let mentors = manage::mentor_options(db, root, cohort_id.0)
        .await
        .map_err(|e| internal("mentor options", e))?;
    let (approved, unassigned, total_capacity) = manage::counts(db, cohort_id.0)
        .await
        .map_err(|e| internal("group counts", e))?;
    Ok(GroupsOverview {
        cohort,
        groups,
        total_groups,
        page,
        page_size: size,
        all_groups,
        mentors,
        approved,
        unassigned,
        total_capacity,
    })
}

/// Creates one group: a name unique in the cohort, an optional mentor, a capacity above 0.
#[server(endpoint = "create_group")]
pub async fn create_group(
    cohort_id: CohortId,
    name: String,
    mentor_id: String,
    capacity: String,
) -> Result<(), AppError> {
    use crate::ssr::groups::manage::{self, CreateGroupError};
    use crate::ssr::guard::Admin;
    use crate::ssr::validate::Validator;
    use crate::ssr::{db::internal, db::now_unix, state};
    let admin = Admin::require_cohort(cohort_id).await?;
    let db = &state()?.db;
    let mut check = Validator::new();
    let name = check.required("name", &name, 80);
    let mentor = chosen_mentor(
        &mut check,
        db,
        admin.scope,
        cohort_id.0,
        "mentor_id",
        &mentor_id,
    )
    .await?;
    let capacity = checked_capacity(&mut check, "capacity", &capacity);
    check.finish()?;
    match manage::create(db, cohort_id.0, &name, mentor, capacity, now_unix()).await {
        Ok(id) => tracing::info!(
            admin = admin.user.id.0,
            group = id,
            cohort = cohort_id.0,
            "group created"
        ),
        Err(CreateGroupError::NameTaken) => {
            return Err(Validator::field_error("name", "group.name_taken"))
        }
        Err(CreateGroupError::Database(e)) => return Err(internal("create group", e)),
    }
    back_to_groups(
        cohort_id,
        super::text_with("group.created", &[("name", &name)]),
    );
    Ok(())
}

/// Creates `count` groups of `each_capacity` named "`prefix` 1", "`prefix` 2", … in one step; the
/// cohort's named mentors lead them in turn.
#[server(endpoint = "create_groups")]
pub async fn create_groups(
    cohort_id: CohortId,
    prefix: String,
    count: String,
    each_capacity: String,
) -> Result<(), AppError> {
    use crate::ssr::groups::manage;
    use crate::ssr::guard::Admin;
    use crate::ssr::validate::Validator;
    use crate::ssr::{db::internal, db::now_unix, state};
    let admin = Admin::require_cohort(cohort_id).await?;
    let db = &state()?.db;
    let mut check = Validator::new();
    let prefix = check.required("prefix", &prefix, 60);
    let count = positive(&mut check, "count", &count, 2_000, "group.count_invalid");
    let capacity = checked_capacity(&mut check, "each_capacity", &each_capacity);
    check.finish()?;
    let created = manage::create_many(db, cohort_id.0, &prefix, count, capacity, now_unix())
        .await
        .map_err(|e| internal("create groups", e))?;
    tracing::info!(
        admin = admin.user.id.0,
        cohort = cohort_id.0,
        count,
        "groups created"
    );
    back_to_groups(
        cohort_id,
        super::text_with(
            "group.created_many",
            &[("count", &created.len().to_string())],
        ),
    );
    Ok(())
}

/// Changes a group's mentor and capacity (fields named `new_…`, apart from the create form's); the capacity may not go below the member count.
#[server(endpoint = "update_group")]
pub async fn update_group(
    group_id: GroupId,
    new_mentor_id: String,
    new_capacity: String,
) -> Result<(), AppError> {
    use crate::ssr::groups::{access, manage};
    use crate::ssr::guard::Admin;
    use crate::ssr::validate::Validator;
    use crate::ssr::{db::internal, state};
    let Admin { scope: root, .. } = Admin::require().await?;
    let db = &state()?.db;
    let cohort = access::require_group_in_scope(db, root, group_id.0).await?;
    let mut check = Validator::new();
    let mentor = chosen_mentor(
        &mut check,
        db,
        root,
        cohort,
        "new_mentor_id",
        &new_mentor_id,
    )
    .await?;
    let capacity = checked_capacity(&mut check, "new_capacity", &new_capacity);
    check.finish()?;
    match manage::update(db, group_id.0, mentor, capacity)
        .await
        .map_err(|e| internal("update group", e))?
    {
        manage::UpdateOutcome::Updated => {}
        manage::UpdateOutcome::BelowMembers(members) => {
            return Err(AppError::invalid(
                crate::ssr::msg("form.check_fields"),
                vec![crate::model::FieldError {
                    field: "new_capacity".to_string(),
                    message: super::text_with(
                        "group.capacity_below_members",
                        &[("members", &members.to_string())],
                    ),
                }],
            ));
        }
    }
    back_to_groups(CohortId(cohort), crate::ssr::msg("group.updated"));
    Ok(())
}

/// Deletes a group that has no members.
#[server(endpoint = "delete_group")]
pub async fn delete_group(group_id: GroupId) -> Result<(), AppError> {
    use crate::model::ErrorKind;
    use crate::ssr::groups::{access, manage};
    use crate::ssr::guard::Admin;
    use crate::ssr::{db::internal, state};
    let Admin { scope: root, .. } = Admin::require().await?;
    let db = &state()?.db;
    let cohort = access::require_group_in_scope(db, root, group_id.0).await?;
    if !manage::delete_empty(db, group_id.0)
        .await
        .map_err(|e| internal("delete group", e))?
    {
        return Err(AppError::new(
            ErrorKind::Conflict,
            crate::ssr::msg("group.not_empty"),
        ));
    }
    back_to_groups(CohortId(cohort), crate::ssr::msg("group.deleted"));
    Ok(())
}
