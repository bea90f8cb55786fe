//! Database access for cohorts (angkatan), their mentors, participant profiles
//! and registrations. Seat accounting lives in `seats`; invitations from imports in
//! `invitations`; school claims waiting for an admin in `claims`.

pub mod claims;
pub mod invitations;
pub mod participant;
pub mod profile;
pub mod seats;

use super::db::Db;
use super::institutions::SCOPE_CTE;
use crate::model::codes::ProgramStatus;
use crate::model::cohorts::{CohortSummary, PersonRow, ProgramOption, RegistrationRow};
use crate::model::InstitutionId;

const SUMMARY_COLUMNS: &str = "c.id, c.name, c.program_id, p.title as program_title, c.starts_on, \
     c.ends_on, c.registration_opens_at, c.registration_closes_at, c.quota, c.seats_taken";

/// A filter of the admin's cohort list.
pub struct CohortFilter {
    pub program: Option<crate::model::ProgramId>,
    pub search: Option<String>,
    pub limit: i64,
    pub offset: i64,
}

/// Cohorts of programs organized within `root`'s subtree, newest first, and their count.
pub async fn list_in_scope(
    db: &Db,
    root: InstitutionId,
    filter: &CohortFilter,
) -> Result<(Vec<CohortSummary>, i64), sqlx::Error> {
    let pattern = filter
        .search
        .as_ref()
        .map(|s| format!("%{}%", s.to_lowercase()));
    let condition = "from cohort c join program p on p.id = c.program_id \
         where p.organizer_id in (select id from scope) \
         and ($2 is null or c.program_id = $2) \
         and ($3 is null or lower(c.name) like $3 or lower(p.title) like $3)";
    let rows = sqlx::query_as(&format!(
        "{SCOPE_CTE} select {SUMMARY_COLUMNS} {condition} \
         order by c.starts_on desc, c.id desc limit $4 offset $5"
    ))
    .bind(root.0)
    .bind(filter.program)
    .bind(pattern.clone())
    .bind(filter.limit)
    .bind(filter.offset)
    .fetch_all(db)
    .await?;
    let (total,): (i64,) = sqlx::query_as(&format!("{SCOPE_CTE} select count(*) {condition}"))
        .bind(root.0)
        .bind(filter.program)
        .bind(pattern)
        .fetch_one(db)
        .await?;
    Ok((rows, total))
}

/// Programs within scope that are not closed, for the create form and the filter.
pub async fn open_programs(
    db: &Db,
    root: InstitutionId,
) -> Result<Vec<ProgramOption>, sqlx::Error> {
    let rows: Vec<(i64, String)> = sqlx::query_as(&format!(
        "{SCOPE_CTE} select p.id, p.title from program p \
         where p.organizer_id in (select id from scope) and p.status <> 'closed' \
         order by p.title, p.id"
    ))
    .bind(root.0)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, title)| ProgramOption {
            id: crate::model::ids::ProgramId(id),
            title,
        })
        .collect())
}

/// The status of a program (`None` if it does not exist).
pub async fn program_status(db: &Db, program: i64) -> Result<Option<ProgramStatus>, sqlx::Error> {
    let row: Option<(ProgramStatus,)> = sqlx::query_as("select status from program where id = $1")
        .bind(program)
        .fetch_optional(db)
        .await?;
    Ok(row.map(|r| r.0))
}

/// A new cohort's fields, already validated.
pub struct NewCohort<'a> {
    pub program_id: i64,
    pub name: &'a str,
    pub starts_on: &'a str,
    pub ends_on: &'a str,
    pub opens_at: i64,
    pub closes_at: i64,
    pub quota: i64,
    pub created_by: i64,
}

/// Inserts a cohort; a duplicate name in the program is a unique violation.
pub async fn insert(db: &Db, c: NewCohort<'_>, now: i64) -> Result<i64, sqlx::Error> {
    let (id,): (i64,) = sqlx::query_as(
        "insert into cohort (program_id, name, starts_on, ends_on, registration_opens_at, \
         registration_closes_at, quota, seats_taken, created_by, created_at) \
         values ($1, $2, $3, $4, $5, $6, $7, 0, $8, $9) returning id",
    )
    .bind(c.program_id)
    .bind(c.name)
    .bind(c.starts_on)
    .bind(c.ends_on)
    .bind(c.opens_at)
    .bind(c.closes_at)
    .bind(c.quota)
    .bind(c.created_by)
    .bind(now)
    .fetch_one(db)
    .await?;
    Ok(id)
}

/// Whether the program already has a cohort of this name (case-insensitive).
pub async fn name_taken(db: &Db, program: i64, name: &str) -> Result<bool, sqlx::Error> {
    let (count,): (i64,) = sqlx::query_as(
        "select count(*) from cohort where program_id = $1 and lower(name) = lower($2)",
    )
    .bind(program)
    .bind(name)
    .fetch_one(db)
    .await?;
    Ok(count > 0)
}

/// One cohort's summary and its program's status.
pub async fn summary(
    db: &Db,
    cohort: i64,
) -> Result<Option<(CohortSummary, ProgramStatus)>, sqlx::Error> {
    let row: Option<CohortSummary> = sqlx::query_as(&format!(
        "select {SUMMARY_COLUMNS} from cohort c join program p on p.id = c.program_id where c.id = $1"
    ))
    .bind(cohort)
    .fetch_optional(db)
    .await?;
    let Some(row) = row else { return Ok(None) };
    // A cohort's program always exists; were it gone, the page would show it as a draft.
    let status = program_status(db, row.program_id.0)
        .await?
        .unwrap_or(ProgramStatus::Draft);
    Ok(Some((row, status)))
}

/// How many wait for a seat in the cohort.
pub async fn waitlisted_count(db: &Db, cohort: i64) -> Result<i64, sqlx::Error> {
    let (count,): (i64,) = sqlx::query_as(
        "select count(*) from enrolment where cohort_id = $1 and status = 'waitlisted'",
    )
    .bind(cohort)
    .fetch_one(db)
    .await?;
    Ok(count)
}

/// The cohort's mentors.
pub async fn mentors(db: &Db, cohort: i64) -> Result<Vec<PersonRow>, sqlx::Error> {
    sqlx::query_as(
        "select u.id, u.name, u.email from cohort_mentor m join app_user u on u.id = m.user_id \
         where m.cohort_id = $1 order by u.name, u.id",
    )
    .bind(cohort)
    .fetch_all(db)
    .await
}

/// Mentor accounts within scope that are not yet mentors of the cohort.
pub async fn mentor_options(
    db: &Db,
    root: InstitutionId,
    cohort: i64,
) -> Result<Vec<PersonRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SCOPE_CTE} select u.id, u.name, u.email from app_user u \
         where u.role = 'mentor' and u.institution_id in (select id from scope) \
         and u.id not in (select user_id from cohort_mentor where cohort_id = $2) \
         order by u.name, u.id limit 500"
    ))
    .bind(root.0)
    .bind(cohort)
    .fetch_all(db)
    .await
}

/// Whether `user` is a mentor account within scope.
pub async fn is_mentor_in_scope(
    db: &Db,
    root: InstitutionId,
    user: i64,
) -> Result<bool, sqlx::Error> {
    let (count,): (i64,) = sqlx::query_as(&format!(
        "{SCOPE_CTE} select count(*) from app_user u where u.id = $2 and u.role = 'mentor' \
         and u.institution_id in (select id from scope)"
    ))
    .bind(root.0)
    .bind(user)
    .fetch_one(db)
    .await?;
    Ok(count > 0)
}

/// Adds a mentor to a cohort (a second add is a no-op).
pub async fn add_mentor(db: &Db, cohort: i64, user: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into cohort_mentor (cohort_id, user_id) values ($1, $2) \
         on conflict (cohort_id, user_id) do nothing",
    )
    .bind(cohort)
    .bind(user)
    .execute(db)
    .await?;
    Ok(())
}

/// Removes a mentor from a cohort.
pub async fn remove_mentor(db: &Db, cohort: i64, user: i64) -> Result<(), sqlx::Error> {
    sqlx::query("delete from cohort_mentor where cohort_id = $1 and user_id = $2")
        .bind(cohort)
        .bind(user)
        .execute(db)
        .await?;
    Ok(())
}

/// A page of registrations of the cohort in `status`, in order of application, and their count.
pub async fn registrations(
    db: &Db,
    cohort: i64,
    status: &str,
    limit: i64,
    offset: i64,
) -> Result<(Vec<RegistrationRow>, i64), sqlx::Error> {
    let rows = sqlx::query_as(
        "select e.id, u.id as user_id, u.name, u.email, u.nip, pp.school_name, e.status, e.reason, \
         e.created_at from enrolment e join app_user u on u.id = e.user_id \
         left join participant_profile pp on pp.user_id = u.id \
         where e.cohort_id = $1 and e.status = $2 order by e.created_at, e.id limit $3 offset $4",
    )
    .bind(cohort)
    .bind(status)
    .bind(limit)
    .bind(offset)
    .fetch_all(db)
    .await?;
    let (total,): (i64,) =
        sqlx::query_as("select count(*) from enrolment where cohort_id = $1 and status = $2")
            .bind(cohort)
            .bind(status)
            .fetch_one(db)
            .await?;
    Ok((rows, total))
}
