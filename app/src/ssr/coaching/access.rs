//! Who may see a participant's coaching log. The participant themself, while enrolled (approved)
//! in the cohort; the mentor of the group they are in, in that cohort; an admin whose scope holds
//! the cohort. Whoever may read a log may also comment on its cycles; only its owner writes the
//! cycles. Everyone else is told the log does not exist.

use crate::model::{CurrentUser, Role};
use crate::ssr::cohorts::participant::is_participant;
use crate::ssr::db::Db;
use crate::ssr::institutions::SCOPE_CTE;
use crate::ssr::scope;

/// How a viewer stands to one participant's log in one cohort.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reader {
    /// The participant whose log it is: reads, writes cycles, comments.
    Owner,
    /// The mentor of the participant's group: reads and comments.
    Mentor,
    /// An admin with the cohort in scope: reads and comments.
    Admin,
}

impl Reader {
    /// Whether this reader writes and edits the cycles (not only comments on them).
    pub fn owns(self) -> bool {
        self == Reader::Owner
    }
}

/// The identity of a cycle: which log it belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CycleHead {
    pub id: i64,
    pub cohort_id: i64,
    pub participant_id: i64,
}

/// A cohort as the log pages name it.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct CohortRow {
    pub id: i64,
    pub name: String,
    pub program_title: String,
}

/// Cycle `id`'s cohort and participant, if it exists.
pub async fn head(db: &Db, id: i64) -> Result<Option<CycleHead>, sqlx::Error> {
    let row: Option<(i64, i64, i64)> =
        sqlx::query_as("select id, cohort_id, participant_id from coaching_cycle where id = $1")
            .bind(id)
            .fetch_optional(db)
            .await?;
    Ok(row.map(|(id, cohort_id, participant_id)| CycleHead {
        id,
        cohort_id,
        participant_id,
    }))
}

/// Whether `mentor` leads the group that `participant` is in (approved) in `cohort`.
pub async fn mentors_participant(
    db: &Db,
    mentor: i64,
    participant: i64,
    cohort: i64,
) -> Result<bool, sqlx::Error> {
    let (n,): (i64,) = sqlx::query_as(
        "select count(*) from enrolment e join mentor_group g on g.id = e.group_id \
         where e.cohort_id = $1 and e.user_id = $2 and e.status = 'approved' \
         and g.cohort_id = $1 and g.mentor_id = $3",
    )
    .bind(cohort)
    .bind(participant)
    .bind(mentor)
    .fetch_one(db)
    .await?;
    Ok(n > 0)
}

/// How `user` may read the log of `participant` in `cohort`; None: not at all.
pub async fn reader(
    db: &Db,
    user: &CurrentUser,
    participant: i64,
    cohort: i64,
) -> Result<Option<Reader>, sqlx::Error> {
    let allowed = match user.role {
        Role::Participant => {
            user.id.0 == participant && is_participant(db, participant, cohort).await?
        }
        Role::Mentor => mentors_participant(db, user.id.0, participant, cohort).await?,
        Role::Admin => match user.institution_id {
            Some(root) => {
                has_log(db, participant, cohort).await?
                    && scope::cohort_in_scope(db, root, crate::model::CohortId(cohort)).await?
            }
            None => false,
        },
    };
    Ok(allowed.then_some(match user.role {
        Role::Participant => Reader::Owner,
        Role::Mentor => Reader::Mentor,
        Role::Admin => Reader::Admin,
    }))
}

/// Whether `participant` has a log in `cohort` for an organiser to read: they are enrolled
/// (approved) there, or once wrote cycles there (a withdrawn participant's log stays readable).
async fn has_log(db: &Db, participant: i64, cohort: i64) -> Result<bool, sqlx::Error> {
    let (n,): (i64,) = sqlx::query_as(
        "select (select count(*) from enrolment where cohort_id = $1 and user_id = $2 \
         and status = 'approved') \
         + (select count(*) from coaching_cycle where cohort_id = $1 and participant_id = $2)",
    )
    .bind(cohort)
    .bind(participant)
    .fetch_one(db)
    .await?;
    Ok(n > 0)
}

const COHORT_SELECT: &str = "select c.id, c.name, p.title as program_title \
     from cohort c join program p on p.id = c.program_id";

/// The cohorts `participant` is an approved participant of, newest first.
pub async fn own_cohorts(db: &Db, participant: i64) -> Result<Vec<CohortRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{COHORT_SELECT} where c.id in (select cohort_id from enrolment \
         where user_id = $1 and status = 'approved') \
         order by c.starts_on desc, c.id desc"
    ))
    .bind(participant)
    .fetch_all(db)
    .await
}

/// The cohorts in which `user` (a mentor or an admin) may read `participant`'s log, newest first.
pub async fn readable_cohorts(
    db: &Db,
    user: &CurrentUser,
    participant: i64,
) -> Result<Vec<CohortRow>, sqlx::Error> {
    match user.role {
        Role::Participant if user.id.0 == participant => own_cohorts(db, participant).await,
        Role::Participant => Ok(Vec::new()),
        Role::Mentor => {
            sqlx::query_as(&format!(
                "{COHORT_SELECT} where c.id in (select e.cohort_id from enrolment e \
                 join mentor_group g on g.id = e.group_id \
                 where e.user_id = $1 and e.status = 'approved' and g.mentor_id = $2 \
                 and g.cohort_id = e.cohort_id) \
                 order by c.starts_on desc, c.id desc"
            ))
            .bind(participant)
            .bind(user.id.0)
            .fetch_all(db)
            .await
        }
        Role::Admin => {
            let Some(root) = user.institution_id else {
                return Ok(Vec::new());
            };
            // The same rule as `has_log`, for every cohort in scope at once.
            sqlx::query_as(&format!(
                "{SCOPE_CTE} {COHORT_SELECT} where (c.id in (select cohort_id from enrolment \
                 where user_id = $2 and status = 'approved') \
                 or c.id in (select cohort_id from coaching_cycle where participant_id = $2)) \
                 and p.organizer_id in (select id from scope) \
                 order by c.starts_on desc, c.id desc"
            ))
            .bind(root.0)
            .bind(participant)
            .fetch_all(db)
            .await
        }
    }
}

/// The participant's name and, in `cohort`, the name of their group (if any).
pub async fn participant_heading(
    db: &Db,
    participant: i64,
    cohort: i64,
) -> Result<Option<(String, Option<String>)>, sqlx::Error> {
    sqlx::query_as(
        "select u.name, (select g.name from enrolment e join mentor_group g on g.id = e.group_id \
         where e.cohort_id = $2 and e.user_id = u.id) as group_name \
         from app_user u where u.id = $1",
    )
    .bind(participant)
    .bind(cohort)
    .fetch_optional(db)
    .await
}
