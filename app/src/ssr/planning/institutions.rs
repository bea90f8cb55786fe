//! Institutions in an admin's scope: the paged list, children created under a parent, edits.

use crate::model::planning::{InstitutionChoice, InstitutionItem};
use crate::model::InstitutionId;
use crate::ssr::db::Db;
use crate::ssr::institutions::SCOPE_CTE;

/// A page of the institutions within `root`, filtered by name/NPSN/region text and kind.
pub async fn list(
    db: &Db,
    root: InstitutionId,
    search: &str,
    kind: &str,
    limit: i64,
    offset: i64,
) -> Result<(Vec<InstitutionItem>, i64), sqlx::Error> {
    let condition = "i.id in (select id from scope) \
        and (lower(i.name) like $2 or coalesce(i.npsn, '') like upper($2) \
             or coalesce(i.region_code, '') like $2) \
        and i.kind like $3";
    let items = sqlx::query_as(&format!(
        "{SCOPE_CTE} select i.id, i.name, i.kind, i.parent_id, p.name as parent_name, i.npsn, \
         i.region_code from institution i left join institution p on p.id = i.parent_id \
         where {condition} \
         order by coalesce(i.region_code, p.region_code, ''), i.kind, i.name, i.id \
         limit $4 offset $5"
    ))
    .bind(root.0)
    .bind(search)
    .bind(kind)
    .bind(limit)
    .bind(offset)
    .fetch_all(db)
    .await?;
    let (total,): (i64,) = sqlx::query_as(&format!(
        "{SCOPE_CTE} select count(*) from institution i where {condition}"
    ))
    .bind(root.0)
    .bind(search)
    .bind(kind)
    .fetch_one(db)
    .await?;
    Ok((items, total))
}

/// Institutions within `root` of the given kinds, by name.
pub async fn choices(
    db: &Db,
    root: InstitutionId,
    kinds: &[&str],
) -> Result<Vec<InstitutionChoice>, sqlx::Error> {
    let all: Vec<InstitutionChoice> = sqlx::query_as(&format!(
        "{SCOPE_CTE} select i.id, i.name, i.kind from institution i \
         where i.id in (select id from scope) order by i.name, i.id"
    ))
    .bind(root.0)
    .fetch_all(db)
    .await?;
    Ok(all
        .into_iter()
        .filter(|i| kinds.contains(&i.kind.as_str()))
        .collect())
}

/// One institution's kind, region code and parent, if it exists.
pub async fn get(db: &Db, id: i64) -> Result<Option<InstitutionItem>, sqlx::Error> {
    sqlx::query_as(
        "select i.id, i.name, i.kind, i.parent_id, p.name as parent_name, i.npsn, i.region_code \
         from institution i left join institution p on p.id = i.parent_id where i.id = $1",
    )
    .bind(id)
    .fetch_optional(db)
    .await
}

/// The region code of `id`'s parent, if it has a parent with one.
pub async fn parent_region(db: &Db, id: i64) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(Option<String>,)> = sqlx::query_as(
        "select p.region_code from institution i join institution p on p.id = i.parent_id \
         where i.id = $1",
    )
    .bind(id)
    .fetch_optional(db)
    .await?;
    Ok(row.and_then(|r| r.0))
}

/// Whether some institution already has `npsn`.
pub async fn npsn_taken(db: &Db, npsn: &str) -> Result<bool, sqlx::Error> {
    let (count,): (i64,) = sqlx::query_as("select count(*) from institution where npsn = $1")
        .bind(npsn)
        .fetch_one(db)
        .await?;
    Ok(count > 0)
}

/// Region codes of `id`'s direct children that would no longer lie within `code`.
pub async fn children_outside(db: &Db, id: i64, code: &str) -> Result<i64, sqlx::Error> {
    let children: Vec<(Option<String>,)> =
        sqlx::query_as("select region_code from institution where parent_id = $1")
            .bind(id)
            .fetch_all(db)
            .await?;
    Ok(children
        .iter()
        .filter(|(c,)| c.as_deref().is_some_and(|c| !region_within(c, code)))
        .count() as i64)
}

/// Changes an institution's name and region code.
pub async fn update(db: &Db, id: i64, name: &str, region: &str) -> Result<(), sqlx::Error> {
    sqlx::query("update institution set name = $1, region_code = $2 where id = $3")
        .bind(name)
        .bind(region)
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}

/// Whether region `code` lies within region `parent` (`33.02` within `33`; a code within itself).
pub fn region_within(code: &str, parent: &str) -> bool {
    code == parent
        || code
            .strip_prefix(parent)
            .is_some_and(|rest| rest.starts_with('.'))
}

#[cfg(test)]
mod tests {
    use super::region_within;

    #[test]
    fn regions_nest_by_dotted_prefix() {
        assert!(region_within("33.02", "33"));
        assert!(region_within("33.02.05", "33.02"));
        assert!(region_within("33", "33"));
        assert!(!region_within("34.02", "33"));
        assert!(!region_within("33.1", "33.10"));
        assert!(!region_within("330", "33"));
    }
}
