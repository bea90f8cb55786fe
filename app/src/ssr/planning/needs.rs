//! Training-need proposals: listed and counted within an admin's scope, proposed, reviewed.

use super::competency_name_column;
use crate::model::planning::{NeedCount, NeedItem};
use crate::model::InstitutionId;
use crate::ssr::db::Db;
use crate::ssr::institutions::SCOPE_CTE;

/// The filters of the needs list: `%` means any.
pub struct NeedFilter {
    pub status: String,
    pub competency: String,
    /// A region-code prefix, e.g. `33.02`; `%` for any region.
    pub region: String,
}

/// The joins and condition shared by the list and its counts; `$1` root, `$2..$4` filters.
const FROM: &str = "from training_need n \
    join institution i on i.id = n.institution_id \
    left join institution pi on pi.id = i.parent_id \
    join competency c on c.id = n.competency_id \
    join app_user u on u.id = n.proposed_by \
    left join program p on p.id = n.program_id \
    where n.institution_id in (select id from scope) \
    and n.status like $2 and c.code like $3 \
    and ($4 = '%' or coalesce(i.region_code, '') = $4 or coalesce(i.region_code, '') like $4 || '.%' \
         or coalesce(pi.region_code, '') = $4 or coalesce(pi.region_code, '') like $4 || '.%')";

/// A page of needs and the counts by competency and by region (regency) of the filtered set.
pub async fn list(
    db: &Db,
    root: InstitutionId,
    filter: &NeedFilter,
    limit: i64,
    offset: i64,
) -> Result<(Vec<NeedItem>, i64, Vec<NeedCount>, Vec<NeedCount>), sqlx::Error> {
    let name = competency_name_column();
    let items: Vec<NeedItem> = sqlx::query_as(&format!(
        "{SCOPE_CTE} select n.id, n.institution_id, i.name as institution_name, \
         coalesce(i.region_code, pi.region_code) as region_code, c.{name} as competency_name, \
         n.level, n.teacher_count, n.justification, n.status, n.review_reason, n.program_id, \
         p.title as program_title, u.name as proposer_name {FROM} \
         order by n.status = 'proposed' desc, n.created_at desc, n.id desc limit $5 offset $6"
    ))
    .bind(root.0)
    .bind(&filter.status)
    .bind(&filter.competency)
    .bind(&filter.region)
    .bind(limit)
    .bind(offset)
    .fetch_all(db)
    .await?;
    let (total,): (i64,) = sqlx::query_as(&format!("{SCOPE_CTE} select count(*) {FROM}"))
        .bind(root.0)
        .bind(&filter.status)
        .bind(&filter.competency)
        .bind(&filter.region)
        .fetch_one(db)
        .await?;
    let by_competency = counts(db, root, filter, &format!("c.{name}")).await?;
    let by_region = counts(
        db,
        root,
        filter,
        "substr(coalesce(i.region_code, pi.region_code, '-'), 1, 5)",
    )
    .await?;
    Ok((items, total, by_competency, by_region))
}

async fn counts(
    db: &Db,
    root: InstitutionId,
    filter: &NeedFilter,
    label: &str,
) -> Result<Vec<NeedCount>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SCOPE_CTE} select {label} as label, count(*) as proposals, \
         cast(sum(n.teacher_count) as bigint) as teachers {FROM} \
         group by {label} order by {label}"
    ))
    .bind(root.0)
    .bind(&filter.status)
    .bind(&filter.competency)
    .bind(&filter.region)
    .fetch_all(db)
    .await
}

/// A new proposal from `institution`.
pub struct NewNeed<'a> {
    pub institution: i64,
    pub proposed_by: i64,
    pub competency: i64,
    pub level: &'a str,
    pub teacher_count: i64,
    pub justification: &'a str,
}

/// Stores a proposal; returns its id.
pub async fn insert(db: &Db, need: &NewNeed<'_>, now: i64) -> Result<i64, sqlx::Error> {
    let (id,): (i64,) = sqlx::query_as(
        "insert into training_need (institution_id, proposed_by, competency_id, level, \
         teacher_count, justification, status, created_at) \
         values ($1, $2, $3, $4, $5, $6, 'proposed', $7) returning id",
    )
    .bind(need.institution)
    .bind(need.proposed_by)
    .bind(need.competency)
    .bind(need.level)
    .bind(need.teacher_count)
    .bind(need.justification)
    .bind(now)
    .fetch_one(db)
    .await?;
    Ok(id)
}

/// The institution and status of need `id`, if it is within `root`.
pub async fn in_scope(
    db: &Db,
    root: InstitutionId,
    id: i64,
) -> Result<Option<(i64, String)>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SCOPE_CTE} select institution_id, status from training_need \
         where id = $2 and institution_id in (select id from scope)"
    ))
    .bind(root.0)
    .bind(id)
    .fetch_optional(db)
    .await
}

/// Records a review decision if the need is still proposed; false if someone decided first.
pub async fn decide(
    db: &Db,
    id: i64,
    status: &str,
    reason: Option<&str>,
    program: Option<i64>,
    reviewer: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "update training_need set status = $1, review_reason = $2, program_id = $3, \
         reviewed_by = $4, reviewed_at = $5 where id = $6 and status = 'proposed'",
    )
    .bind(status)
    .bind(reason)
    .bind(program)
    .bind(reviewer)
    .bind(now)
    .bind(id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Proposals still waiting for review within `root`.
pub async fn count_proposed(db: &Db, root: InstitutionId) -> Result<i64, sqlx::Error> {
    let (count,): (i64,) = sqlx::query_as(&format!(
        "{SCOPE_CTE} select count(*) from training_need \
         where status = 'proposed' and institution_id in (select id from scope)"
    ))
    .bind(root.0)
    .fetch_one(db)
    .await?;
    Ok(count)
}
