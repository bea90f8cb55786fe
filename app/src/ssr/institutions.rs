//! Institutions (agency, district offices, schools, other offices, universities) and the scope of an admin over them.

use super::db::Db;
use crate::model::InstitutionId;

/// The kinds of institution, stored as their code.
pub const KINDS: &[&str] = crate::model::planning::INSTITUTION_KINDS;

/// An institution as the admin pages list it.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct InstitutionRow {
    pub id: i64,
    pub name: String,
    pub kind: crate::model::codes::InstitutionKind,
    pub parent_id: Option<i64>,
}

/// The recursive CTE naming `scope(id)`: the institution `$1` and everything below it.
pub const SCOPE_CTE: &str = "with recursive scope(id) as ( \
        select id from institution where id = $1 \
        union all \
        select i.id from institution i join scope s on i.parent_id = s.id)";

/// Inserts an institution and returns its id.
pub async fn insert(
    db: &Db,
    name: &str,
    kind: &str,
    parent: Option<InstitutionId>,
    npsn: Option<&str>,
    region_code: Option<&str>,
    now: i64,
) -> Result<InstitutionId, sqlx::Error> {
    let (id,): (i64,) = sqlx::query_as(
        "insert into institution (name, kind, parent_id, npsn, region_code, created_at) \
         values ($1, $2, $3, $4, $5, $6) returning id",
    )
    .bind(name)
    .bind(kind)
    .bind(parent.map(|p| p.0))
    .bind(npsn)
    .bind(region_code)
    .bind(now)
    .fetch_one(db)
    .await?;
    Ok(InstitutionId(id))
}

/// `root` and every institution below it, parents before children.
pub async fn subtree(db: &Db, root: InstitutionId) -> Result<Vec<InstitutionRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SCOPE_CTE} select i.id, i.name, i.kind, i.parent_id from institution i \
         where i.id in (select id from scope) order by i.parent_id is not null, i.parent_id, i.name"
    ))
    .bind(root.0)
    .fetch_all(db)
    .await
}

/// Whether `candidate` is `root` or below it.
pub async fn is_within(
    db: &Db,
    root: InstitutionId,
    candidate: InstitutionId,
) -> Result<bool, sqlx::Error> {
    let (count,): (i64,) = sqlx::query_as(&format!(
        "{SCOPE_CTE} select count(*) from scope where id = $2"
    ))
    .bind(root.0)
    .bind(candidate.0)
    .fetch_one(db)
    .await?;
    Ok(count > 0)
}

/// Whether `id` has no parent (a province agency at the top of the tree).
pub async fn is_top_level(db: &Db, id: InstitutionId) -> Result<bool, sqlx::Error> {
    let (count,): (i64,) =
        sqlx::query_as("select count(*) from institution where id = $1 and parent_id is null")
            .bind(id.0)
            .fetch_one(db)
            .await?;
    Ok(count > 0)
}
