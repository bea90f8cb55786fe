//! Creating, changing and deleting mentor groups, and moving one participant between them.
//!
//! Group sizes are guarded by locking the group row first (`update mentor_group set capacity =
//! capacity`): that is a row lock on PostgreSQL and the write lock on SQLite, so the member count
//! read after it cannot change before the move is written.

use crate::model::groups::{GroupSummary, MentorOption};
use crate::model::InstitutionId;
use crate::ssr::db::{is_unique_violation, Db};
use crate::ssr::institutions::SCOPE_CTE;

/// Groups of a cohort per page of the groups page.
pub const GROUPS_PER_PAGE: i64 = 50;

#[derive(sqlx::FromRow)]
struct GroupRow {
    id: i64,
    name: String,
    mentor_id: Option<i64>,
    mentor_name: Option<String>,
    capacity: i64,
    members: i64,
}

/// One page of the groups of `cohort` (by name), and how many there are.
pub async fn list(
    db: &Db,
    cohort: i64,
    limit: i64,
    offset: i64,
) -> Result<(Vec<GroupSummary>, i64), sqlx::Error> {
    let rows: Vec<GroupRow> = sqlx::query_as(
        "select g.id, g.name, g.mentor_id, u.name as mentor_name, g.capacity, \
         (select count(*) from enrolment e where e.group_id = g.id) as members \
         from mentor_group g left join app_user u on u.id = g.mentor_id \
         where g.cohort_id = $1 order by g.id limit $2 offset $3",
    )
    .bind(cohort)
    .bind(limit)
    .bind(offset)
    .fetch_all(db)
    .await?;
    let (total,): (i64,) = sqlx::query_as("select count(*) from mentor_group where cohort_id = $1")
        .bind(cohort)
        .fetch_one(db)
        .await?;
    let groups = rows
        .into_iter()
        .map(|r| GroupSummary {
            id: crate::model::ids::GroupId(r.id),
            name: r.name,
            mentor_id: r.mentor_id.map(crate::model::ids::UserId),
            mentor_name: r.mentor_name,
            capacity: r.capacity,
            members: r.members,
        })
        .collect();
    Ok((groups, total))
}

/// Every group of `cohort` as (id, name), for filters and the move form.
pub async fn names(db: &Db, cohort: i64) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as("select id, name from mentor_group where cohort_id = $1 order by id")
        .bind(cohort)
        .fetch_all(db)
        .await
}

/// (approved participants, approved participants without a group, total capacity) of `cohort`.
pub async fn counts(db: &Db, cohort: i64) -> Result<(i64, i64, i64), sqlx::Error> {
    let (approved, unassigned): (i64, i64) = sqlx::query_as(
        "select count(*), cast(coalesce(sum(case when group_id is null then 1 else 0 end), 0) as bigint) \
         from enrolment where cohort_id = $1 and status = 'approved'",
    )
    .bind(cohort)
    .fetch_one(db)
    .await?;
    let (capacity,): (i64,) = sqlx::query_as(
        "select cast(coalesce(sum(capacity), 0) as bigint) from mentor_group where cohort_id = $1",
    )
    .bind(cohort)
    .fetch_one(db)
    .await?;
    Ok((approved, unassigned, capacity))
}

/// The mentors an admin at `root` may put in charge of a group of `cohort`.
pub async fn mentor_options(
    db: &Db,
    root: InstitutionId,
    cohort: i64,
) -> Result<Vec<MentorOption>, sqlx::Error> {
    let rows: Vec<(i64, String, Option<String>)> = sqlx::query_as(&format!(
        "{SCOPE_CTE} select u.id, u.name, u.email from app_user u where u.role = 'mentor' \
         and (u.institution_id in (select id from scope) \
              or u.id in (select user_id from cohort_mentor where cohort_id = $2)) \
         order by u.name, u.id"
    ))
    .bind(root.0)
    .bind(cohort)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, email)| MentorOption {
            id: crate::model::ids::UserId(id),
            name,
            email,
        })
        .collect())
}

/// Why a group could not be created.
#[derive(Debug)]
pub enum CreateGroupError {
    NameTaken,
    Database(sqlx::Error),
}

/// Creates a group and returns its id.
pub async fn create(
    db: &Db,
    cohort: i64,
    name: &str,
    mentor: Option<i64>,
    capacity: i64,
    now: i64,
) -> Result<i64, CreateGroupError> {
    let result: Result<(i64,), sqlx::Error> = sqlx::query_as(
        "insert into mentor_group (cohort_id, name, mentor_id, capacity, created_at) \
         values ($1, $2, $3, $4, $5) returning id",
    )
    .bind(cohort)
    .bind(name)
    .bind(mentor)
    .bind(capacity)
    .bind(now)
    .fetch_one(db)
    .await;
    match result {
        Ok((id,)) => Ok(id),
        Err(e) if is_unique_violation(&e) => Err(CreateGroupError::NameTaken),
        Err(e) => Err(CreateGroupError::Database(e)),
    }
}

/// Creates `count` groups named `prefix N` (numbers not yet taken in the cohort), with the
/// cohort's named mentors in turn. Returns the names created.
pub async fn create_many(
    db: &Db,
    cohort: i64,
    prefix: &str,
    count: i64,
    capacity: i64,
    now: i64,
) -> Result<Vec<String>, sqlx::Error> {
    let taken: std::collections::HashSet<String> = names(db, cohort)
        .await?
        .into_iter()
        .map(|(_, name)| name)
        .collect();
    let mentors: Vec<(i64,)> = sqlx::query_as(
        "select m.user_id from cohort_mentor m join app_user u on u.id = m.user_id \
         where m.cohort_id = $1 and u.role = 'mentor' order by u.name, u.id",
    )
    .bind(cohort)
    .fetch_all(db)
    .await?;
    let mut created = Vec::new();
    let mut tx = db.begin().await?;
    let mut number = 0;
    while (created.len() as i64) < count {
        number += 1;
        let name = format!("{prefix} {number}");
        if taken.contains(&name) {
            continue;
        }
        let mentor = (!mentors.is_empty()).then(|| mentors[created.len() % mentors.len()].0);
        sqlx::query(
            "insert into mentor_group (cohort_id, name, mentor_id, capacity, created_at) \
             values ($1, $2, $3, $4, $5)",
        )
        .bind(cohort)
        .bind(&name)
        .bind(mentor)
        .bind(capacity)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        created.push(name);
    }
    tx.commit().await?;
    Ok(created)
}

/// What changing a group came to.
#[derive(Debug, PartialEq, Eq)]
pub enum UpdateOutcome {
    Updated,
    /// The capacity asked for is below the current member count (given).
    BelowMembers(i64),
}

/// Sets the mentor and capacity of `group`, unless the capacity is below its member count.
pub async fn update(
    db: &Db,
    group: i64,
    mentor: Option<i64>,
    capacity: i64,
) -> Result<UpdateOutcome, sqlx::Error> {
    let mut tx = db.begin().await?;
    sqlx::query("update mentor_group set capacity = capacity where id = $1")
        .bind(group)
        .execute(&mut *tx)
        .await?;
    let (members,): (i64,) = sqlx::query_as("select count(*) from enrolment where group_id = $1")
        .bind(group)
        .fetch_one(&mut *tx)
        .await?;
    if capacity < members {
        tx.rollback().await?;
        return Ok(UpdateOutcome::BelowMembers(members));
    }
    sqlx::query("update mentor_group set mentor_id = $1, capacity = $2 where id = $3")
        .bind(mentor)
        .bind(capacity)
        .bind(group)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(UpdateOutcome::Updated)
}

/// Deletes `group` if it has no members; returns whether it did.
pub async fn delete_empty(db: &Db, group: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "delete from mentor_group where id = $1 \
         and not exists (select 1 from enrolment where group_id = $1)",
    )
    .bind(group)
    .execute(db)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// The approved enrolment in `cohort` of the participant with this e-mail or NIP, with its
/// participant's name.
pub async fn find_participant(
    db: &Db,
    cohort: i64,
    email: &str,
    nip: Option<&str>,
) -> Result<Option<(i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "select e.id, u.name from enrolment e join app_user u on u.id = e.user_id \
         where e.cohort_id = $1 and e.status = 'approved' and (u.email = $2 or u.nip = $3)",
    )
    .bind(cohort)
    .bind(email)
    .bind(nip.unwrap_or(""))
    .fetch_optional(db)
    .await
}

/// What a move came to.
#[derive(Debug, PartialEq, Eq)]
pub enum MoveOutcome {
    Moved,
    /// The target group is full (its capacity is given).
    Full(i64),
}

/// Moves enrolment `enrolment` into `group` (which must belong to the same cohort, checked by
/// the caller), or out of any group when `group` is `None`.
pub async fn move_enrolment(
    db: &Db,
    enrolment: i64,
    group: Option<i64>,
) -> Result<MoveOutcome, sqlx::Error> {
    let Some(group) = group else {
        sqlx::query("update enrolment set group_id = null where id = $1")
            .bind(enrolment)
            .execute(db)
            .await?;
        return Ok(MoveOutcome::Moved);
    };
    let mut tx = db.begin().await?;
    sqlx::query("update mentor_group set capacity = capacity where id = $1")
        .bind(group)
        .execute(&mut *tx)
        .await?;
    let (capacity, members, already): (i64, i64, i64) = sqlx::query_as(
        "select g.capacity, (select count(*) from enrolment e where e.group_id = g.id), \
         (select count(*) from enrolment e where e.group_id = g.id and e.id = $2) \
         from mentor_group g where g.id = $1",
    )
    .bind(group)
    .bind(enrolment)
    .fetch_one(&mut *tx)
    .await?;
    if already == 0 && members >= capacity {
        tx.rollback().await?;
        return Ok(MoveOutcome::Full(capacity));
    }
    sqlx::query("update enrolment set group_id = $1 where id = $2")
        .bind(group)
        .bind(enrolment)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(MoveOutcome::Moved)
}
