//! Programs (diklat) within an admin's scope: list, read, create, edit, status, cohorts.

use super::competency_name_column;
use crate::model::codes::ProgramStatus;
use crate::model::planning::{CohortItem, Competency, ProgramChoice, ProgramItem, ProgramRow};
use crate::model::InstitutionId;
use crate::ssr::db::{update_and_clear_children, Db};
use crate::ssr::institutions::SCOPE_CTE;
use sqlx::any::AnyArguments;
use sqlx::query::Query;
use sqlx::Row;

/// The columns of `ProgramRow`, from `program p join institution o`.
pub const ROW_COLUMNS: &str = "p.id, p.organizer_id, o.name as organizer_name, p.title, \
    p.description, p.level, p.total_jp, p.mode, p.funding, p.fee_amount, p.status";

/// Every competency, named in the request's language.
pub async fn competencies(db: &Db) -> Result<Vec<Competency>, sqlx::Error> {
    let name = competency_name_column();
    sqlx::query_as(&format!(
        "select id, code, {name} as name from competency order by id"
    ))
    .fetch_all(db)
    .await
}

/// A page of the programs organized within `root`, filtered by status and title text.
pub async fn list(
    db: &Db,
    root: InstitutionId,
    status: &str,
    search: &str,
    limit: i64,
    offset: i64,
) -> Result<(Vec<ProgramItem>, i64), sqlx::Error> {
    let condition = "p.organizer_id in (select id from scope) and p.status like $2 \
        and lower(p.title) like $3";
    let items = sqlx::query_as(&format!(
        "{SCOPE_CTE} select p.id, p.title, o.name as organizer_name, p.level, p.total_jp, \
         p.mode, p.funding, p.status from program p join institution o on o.id = p.organizer_id \
         where {condition} order by p.updated_at desc, p.id desc limit $4 offset $5"
    ))
    .bind(root.0)
    .bind(status)
    .bind(search)
    .bind(limit)
    .bind(offset)
    .fetch_all(db)
    .await?;
    let (total,): (i64,) = sqlx::query_as(&format!(
        "{SCOPE_CTE} select count(*) from program p where {condition}"
    ))
    .bind(root.0)
    .bind(status)
    .bind(search)
    .fetch_one(db)
    .await?;
    Ok((items, total))
}

/// Programs within `root` that are not closed, for merging a need into.
pub async fn open_choices(db: &Db, root: InstitutionId) -> Result<Vec<ProgramChoice>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SCOPE_CTE} select p.id, p.title from program p \
         where p.organizer_id in (select id from scope) and p.status <> 'closed' \
         order by p.title, p.id"
    ))
    .bind(root.0)
    .fetch_all(db)
    .await
}

/// One program (any status; the caller checks scope or status).
pub async fn get(db: &Db, id: i64) -> Result<Option<ProgramRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "select {ROW_COLUMNS} from program p join institution o on o.id = p.organizer_id \
         where p.id = $1"
    ))
    .bind(id)
    .fetch_optional(db)
    .await
}

/// The competencies of a program, named in the request's language.
pub async fn program_competencies(db: &Db, id: i64) -> Result<Vec<Competency>, sqlx::Error> {
    let name = competency_name_column();
    sqlx::query_as(&format!(
        "select c.id, c.code, c.{name} as name from program_competency pc \
         join competency c on c.id = pc.competency_id where pc.program_id = $1 order by c.id"
    ))
    .bind(id)
    .fetch_all(db)
    .await
}

/// The cohorts of a program, by start date.
pub async fn cohorts(db: &Db, id: i64) -> Result<Vec<CohortItem>, sqlx::Error> {
    sqlx::query_as(
        "select id, name, starts_on, ends_on, registration_opens_at, registration_closes_at, \
         quota, seats_taken from cohort where program_id = $1 order by starts_on, id",
    )
    .bind(id)
    .fetch_all(db)
    .await
}

/// A program's editable fields, already validated.
pub struct ProgramFields<'a> {
    pub organizer: i64,
    pub title: &'a str,
    pub description: &'a str,
    pub level: &'a str,
    pub total_jp: i64,
    pub mode: &'a str,
    pub funding: &'a str,
    pub fee_amount: Option<i64>,
    pub competencies: &'a [i64],
}

/// Binds the eight columns of [`ProgramFields`] (all but the competencies), in the order of its
/// fields, as `$1`…`$8` of `query`.
fn bind_fields<'q>(
    query: Query<'q, sqlx::Any, AnyArguments<'q>>,
    fields: &ProgramFields<'q>,
) -> Query<'q, sqlx::Any, AnyArguments<'q>> {
    query
        .bind(fields.organizer)
        .bind(fields.title)
        .bind(fields.description)
        .bind(fields.level)
        .bind(fields.total_jp)
        .bind(fields.mode)
        .bind(fields.funding)
        .bind(fields.fee_amount)
}

/// Links program `id` to each of `competencies`.
async fn insert_competencies(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    id: i64,
    competencies: &[i64],
) -> Result<(), sqlx::Error> {
    for competency in competencies {
        sqlx::query("insert into program_competency (program_id, competency_id) values ($1, $2)")
            .bind(id)
            .bind(competency)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Creates a draft program with its competencies; returns its id.
pub async fn insert(
    db: &Db,
    fields: &ProgramFields<'_>,
    created_by: i64,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let mut tx = db.begin().await?;
    let query = sqlx::query(
        "insert into program (organizer_id, title, description, level, total_jp, mode, funding, \
         fee_amount, status, created_by, created_at, updated_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, 'draft', $9, $10, $10) returning id",
    );
    let id: i64 = bind_fields(query, fields)
        .bind(created_by)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
    insert_competencies(&mut tx, id, fields.competencies).await?;
    tx.commit().await?;
    Ok(id)
}

/// Replaces a program's fields and competencies if it is still in one of the editable statuses;
/// false if it is not (closed meanwhile).
pub async fn update(
    db: &Db,
    id: i64,
    fields: &ProgramFields<'_>,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin().await?;
    let query = sqlx::query(
        "update program set organizer_id = $1, title = $2, description = $3, level = $4, \
         total_jp = $5, mode = $6, funding = $7, fee_amount = $8, updated_at = $9 \
         where id = $10 and status in ('draft', 'published')",
    );
    let update = bind_fields(query, fields).bind(now).bind(id);
    let clear = ["delete from program_competency where program_id = $1"];
    if !update_and_clear_children(&mut tx, update, id, &clear).await? {
        return Ok(false);
    }
    insert_competencies(&mut tx, id, fields.competencies).await?;
    tx.commit().await?;
    Ok(true)
}

/// Moves a program from `from` to `to`; false if it was no longer in `from`.
pub async fn set_status(
    db: &Db,
    id: i64,
    from: ProgramStatus,
    to: ProgramStatus,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "update program set status = $1, updated_at = $2 where id = $3 and status = $4",
    )
    .bind(to)
    .bind(now)
    .bind(id)
    .bind(from)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Programs within `root` per status, and their cohorts.
pub async fn overview(
    db: &Db,
    root: InstitutionId,
) -> Result<(Vec<(String, i64)>, i64), sqlx::Error> {
    let by_status: Vec<(String, i64)> = sqlx::query_as(&format!(
        "{SCOPE_CTE} select status, count(*) from program \
         where organizer_id in (select id from scope) group by status"
    ))
    .bind(root.0)
    .fetch_all(db)
    .await?;
    let (cohorts,): (i64,) = sqlx::query_as(&format!(
        "{SCOPE_CTE} select count(*) from cohort c join program p on p.id = c.program_id \
         where p.organizer_id in (select id from scope)"
    ))
    .bind(root.0)
    .fetch_one(db)
    .await?;
    Ok((by_status, cohorts))
}
