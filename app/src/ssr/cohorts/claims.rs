//! School claims waiting for an admin: a participant's profile names a school (by its NPSN) that
//! is not their verified institution. An admin whose scope holds that school lists and confirms
//! them; confirming makes the school the participant's verified institution.

use crate::model::cohorts::SchoolClaimRow;
use crate::model::InstitutionId;
use crate::ssr::db::Db;
use crate::ssr::institutions::{self, SCOPE_CTE};

/// Claims listed per page.
pub const PAGE_SIZE: i64 = 50;

/// The `from … where …` of pending claims on schools in `scope` (`$1` is its root).
const PENDING: &str = "from participant_profile pp join app_user u on u.id = pp.user_id \
     join institution i on i.npsn = pp.school_npsn and i.kind = 'school' \
     where i.id in (select id from scope) and u.role = 'participant' \
     and (u.institution_id is null or u.institution_id <> i.id)";

/// One page of the pending claims on schools within `root`'s subtree, oldest first, and their
/// count.
pub async fn pending_in_scope(
    db: &Db,
    root: InstitutionId,
    limit: i64,
    offset: i64,
) -> Result<(Vec<SchoolClaimRow>, i64), sqlx::Error> {
    let rows = sqlx::query_as(&format!(
        "{SCOPE_CTE} select u.id as user_id, u.name, u.email, u.nip, i.id as school_id, \
         i.name as school_name, i.npsn, pp.school_name as typed_school_name, \
         pp.updated_at as claimed_at {PENDING} order by pp.updated_at, u.id limit $2 offset $3"
    ))
    .bind(root.0)
    .bind(limit)
    .bind(offset)
    .fetch_all(db)
    .await?;
    let (total,): (i64,) = sqlx::query_as(&format!("{SCOPE_CTE} select count(*) {PENDING}"))
        .bind(root.0)
        .fetch_one(db)
        .await?;
    Ok((rows, total))
}

/// Confirms that participant `user` belongs to `school`, for an admin at `root`: only when the
/// school is in scope and is still the one the profile claims. `false` otherwise (nothing to
/// confirm, which the caller answers with a 404).
pub async fn confirm(
    db: &Db,
    root: InstitutionId,
    user: i64,
    school: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    if !institutions::is_within(db, root, InstitutionId(school)).await? {
        return Ok(false);
    }
    let done = sqlx::query(
        "update app_user set institution_id = $2, updated_at = $3 \
         where id = $1 and role = 'participant' and exists (select 1 from participant_profile pp \
         join institution i on i.npsn = pp.school_npsn and i.kind = 'school' \
         where pp.user_id = $1 and i.id = $2)",
    )
    .bind(user)
    .bind(school)
    .bind(now)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}
