//! The public catalog: published programs only, filtered and paged, with their open cohorts.

use super::programs::ROW_COLUMNS;
use crate::model::planning::{CohortItem, ProgramRow};
use crate::ssr::db::Db;

/// The catalog filters; `%` means any.
pub struct CatalogFilter {
    pub search: String,
    pub level: String,
    pub competency: String,
    pub mode: String,
}

const CONDITION: &str = "p.status = 'published' \
    and (lower(p.title) like $1 or lower(p.description) like $1) \
    and p.level like $2 and p.mode like $4 \
    and ($3 = '%' or exists (select 1 from program_competency pc \
         join competency c on c.id = pc.competency_id \
         where pc.program_id = p.id and c.code = $3))";

/// A page of published programs.
pub async fn list(
    db: &Db,
    filter: &CatalogFilter,
    limit: i64,
    offset: i64,
) -> Result<(Vec<ProgramRow>, i64), sqlx::Error> {
    let rows = sqlx::query_as(&format!(
        "select {ROW_COLUMNS} from program p join institution o on o.id = p.organizer_id \
         where {CONDITION} order by p.updated_at desc, p.id desc limit $5 offset $6"
    ))
    .bind(&filter.search)
    .bind(&filter.level)
    .bind(&filter.competency)
    .bind(&filter.mode)
    .bind(limit)
    .bind(offset)
    .fetch_all(db)
    .await?;
    let (total,): (i64,) =
        sqlx::query_as(&format!("select count(*) from program p where {CONDITION}"))
            .bind(&filter.search)
            .bind(&filter.level)
            .bind(&filter.competency)
            .bind(&filter.mode)
            .fetch_one(db)
            .await?;
    Ok((rows, total))
}

/// Cohorts of `program` whose registration window is open at `now`.
pub async fn open_cohorts(db: &Db, program: i64, now: i64) -> Result<Vec<CohortItem>, sqlx::Error> {
    sqlx::query_as(
        "select id, name, starts_on, ends_on, registration_opens_at, registration_closes_at, \
         quota, seats_taken from cohort where program_id = $1 \
         and registration_opens_at <= $2 and registration_closes_at > $2 \
         order by starts_on, id",
    )
    .bind(program)
    .bind(now)
    .fetch_all(db)
    .await
}
