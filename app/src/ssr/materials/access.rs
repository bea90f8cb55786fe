//! Who may read and who may author a program's materials.
//!
//! A participant reads the program's modules while approved in one of its cohorts, and a cohort's
//! own modules while approved in that cohort; a unit locked until the one before it is done is
//! refused (not hidden) until then. Staff read and author: an admin whose scope holds the program,
//! and the mentors of the program's cohorts (of that cohort, for a cohort's own module). Everyone
//! else is told the unit does not exist.

use crate::model::{CurrentUser, Role};
use crate::ssr::db::Db;
use crate::ssr::scope;

/// A unit and where it sits.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct UnitHead {
    pub id: i64,
    pub module_id: i64,
    pub program_id: i64,
    pub cohort_id: Option<i64>,
    pub title: String,
    pub module_title: String,
    pub position: i64,
    pub locked_until_previous: i64,
}

/// A module and where it sits.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ModuleHead {
    pub id: i64,
    pub program_id: i64,
    pub cohort_id: Option<i64>,
    pub title: String,
}

/// How a viewer stands to a program's (or a cohort's) materials.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Viewer {
    /// An approved participant: reads, marks done, is held by locks.
    Participant,
    /// An admin in scope or a mentor of a cohort of the program: reads and authors.
    Author,
}

/// Unit `id`'s head.
pub async fn unit_head(db: &Db, id: i64) -> Result<Option<UnitHead>, sqlx::Error> {
    sqlx::query_as(
        "select u.id, u.module_id, m.program_id, m.cohort_id, u.title, m.title as module_title, \
         u.position, u.locked_until_previous \
         from material_unit u join material_module m on m.id = u.module_id where u.id = $1",
    )
    .bind(id)
    .fetch_optional(db)
    .await
}

/// Module `id`'s head.
pub async fn module_head(db: &Db, id: i64) -> Result<Option<ModuleHead>, sqlx::Error> {
    sqlx::query_as("select id, program_id, cohort_id, title from material_module where id = $1")
        .bind(id)
        .fetch_optional(db)
        .await
}

/// Whether `user` is approved in `cohort` (when given), else in some cohort of `program`.
async fn participant_in(
    db: &Db,
    user: i64,
    program: i64,
    cohort: Option<i64>,
) -> Result<bool, sqlx::Error> {
    let (n,): (i64,) = sqlx::query_as(
        "select count(*) from enrolment e join cohort c on c.id = e.cohort_id \
         where e.user_id = $1 and e.status = 'approved' and c.program_id = $2 \
         and ($3 = 0 or c.id = $3)",
    )
    .bind(user)
    .bind(program)
    .bind(cohort.unwrap_or(0))
    .fetch_one(db)
    .await?;
    Ok(n > 0)
}

/// Whether `mentor` mentors `cohort` (when given), else some cohort of `program`.
async fn mentor_of(
    db: &Db,
    mentor: i64,
    program: i64,
    cohort: Option<i64>,
) -> Result<bool, sqlx::Error> {
    let (n,): (i64,) = sqlx::query_as(
        "select count(*) from cohort c where c.program_id = $2 and ($3 = 0 or c.id = $3) \
         and (c.id in (select cohort_id from cohort_mentor where user_id = $1) \
         or c.id in (select cohort_id from mentor_group where mentor_id = $1))",
    )
    .bind(mentor)
    .bind(program)
    .bind(cohort.unwrap_or(0))
    .fetch_one(db)
    .await?;
    Ok(n > 0)
}

/// How `user` stands to the materials of `program` (a cohort's own ones when `cohort` is set);
/// None: not at all.
pub async fn viewer(
    db: &Db,
    user: &CurrentUser,
    program: i64,
    cohort: Option<i64>,
) -> Result<Option<Viewer>, sqlx::Error> {
    let allowed = match user.role {
        Role::Participant => {
            return Ok(participant_in(db, user.id.0, program, cohort)
                .await?
                .then_some(Viewer::Participant))
        }
        Role::Mentor => mentor_of(db, user.id.0, program, cohort).await?,
        Role::Admin => match user.institution_id {
            Some(root) => {
                scope::program_in_scope(db, root, crate::model::ProgramId(program)).await?
            }
            None => false,
        },
    };
    Ok(allowed.then_some(Viewer::Author))
}

/// Whether `user` may read cohort `cohort`'s materials list: approved in it, mentoring it, or an
/// admin with it in scope. Returns the cohort's program and how the user stands.
pub async fn cohort_viewer(
    db: &Db,
    user: &CurrentUser,
    cohort: i64,
) -> Result<Option<(i64, Viewer)>, sqlx::Error> {
    let program: Option<(i64,)> = sqlx::query_as("select program_id from cohort where id = $1")
        .bind(cohort)
        .fetch_optional(db)
        .await?;
    let Some((program,)) = program else {
        return Ok(None);
    };
    Ok(viewer(db, user, program, Some(cohort))
        .await?
        .map(|v| (program, v)))
}

/// Whether the unit before `head` in its module is not done by `user` while `head` waits for it.
/// Returns the title of the unit to finish first.
pub async fn blocking_unit(
    db: &Db,
    head: &UnitHead,
    user: i64,
) -> Result<Option<String>, sqlx::Error> {
    if head.locked_until_previous == 0 {
        return Ok(None);
    }
    let previous: Option<(i64, String, Option<i64>)> = sqlx::query_as(
        "select u.id, u.title, p.done_at from material_unit u \
         left join material_progress p on p.unit_id = u.id and p.user_id = $3 \
         where u.module_id = $1 and (u.position < $2 or (u.position = $2 and u.id < $4)) \
         order by u.position desc, u.id desc limit 1",
    )
    .bind(head.module_id)
    .bind(head.position)
    .bind(user)
    .bind(head.id)
    .fetch_optional(db)
    .await?;
    Ok(match previous {
        Some((_, title, None)) => Some(title),
        _ => None,
    })
}

/// The cohorts of `program` where `user` is approved, newest first (the unit page's back link).
pub async fn own_cohort_of_program(
    db: &Db,
    user: i64,
    program: i64,
    cohort: Option<i64>,
) -> Result<Option<i64>, sqlx::Error> {
    let row: Option<(i64,)> = sqlx::query_as(
        "select c.id from enrolment e join cohort c on c.id = e.cohort_id \
         where e.user_id = $1 and e.status = 'approved' and c.program_id = $2 \
         and ($3 = 0 or c.id = $3) order by c.starts_on desc, c.id desc limit 1",
    )
    .bind(user)
    .bind(program)
    .bind(cohort.unwrap_or(0))
    .fetch_optional(db)
    .await?;
    Ok(row.map(|(id,)| id))
}
