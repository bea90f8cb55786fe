//! Who may read a cohort's roster or a group's members, and the headings those pages show.

use crate::model::groups::CohortHeading;
use crate::model::{AppError, CurrentUser, ErrorKind, Role};
use crate::ssr::db::{internal, Db};
use crate::ssr::{institutions, msg, scope};

/// The 404 every refused roster or group read answers, so that ids are not confirmed to exist.
pub fn not_found() -> AppError {
    AppError::new(ErrorKind::NotFound, msg("group.not_found"))
}

/// The cohort's name and its program's title, if the cohort exists.
pub async fn heading(db: &Db, cohort: i64) -> Result<Option<CohortHeading>, sqlx::Error> {
    let row: Option<(i64, String, i64, String)> = sqlx::query_as(
        "select c.id, c.name, p.id, p.title from cohort c join program p on p.id = c.program_id \
         where c.id = $1",
    )
    .bind(cohort)
    .fetch_optional(db)
    .await?;
    Ok(
        row.map(|(id, name, program_id, program_title)| CohortHeading {
            id: crate::model::ids::CohortId(id),
            name,
            program_id: crate::model::ids::ProgramId(program_id),
            program_title,
        }),
    )
}

/// Whether `user` mentors cohort `cohort` (named on it, or mentor of one of its groups).
pub async fn mentors_cohort(db: &Db, user: i64, cohort: i64) -> Result<bool, sqlx::Error> {
    let (count,): (i64,) = sqlx::query_as(
        "select (select count(*) from cohort_mentor where cohort_id = $1 and user_id = $2) \
         + (select count(*) from mentor_group where cohort_id = $1 and mentor_id = $2)",
    )
    .bind(cohort)
    .bind(user)
    .fetch_one(db)
    .await?;
    Ok(count > 0)
}

/// Whose enrolments a staff reader of a cohort sees: on the roster, in quiz results and in the
/// learning gain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Audience {
    /// Every approved participant of the cohort: an admin with the cohort in scope, or a mentor
    /// named on the cohort.
    Cohort,
    /// Only the participants of the groups this mentor (user id) leads.
    Groups(i64),
}

/// How `user` may read the enrolments of `cohort`: the whole cohort (an admin with the cohort in
/// scope, a mentor named on the cohort) or the groups they lead (a mentor of some of its groups
/// only); none for everyone else, participants included.
pub async fn audience(
    db: &Db,
    user: &CurrentUser,
    cohort: i64,
) -> Result<Option<Audience>, sqlx::Error> {
    match user.role {
        Role::Admin => match user.institution_id {
            Some(root) => Ok(
                scope::cohort_in_scope(db, root, crate::model::CohortId(cohort))
                    .await?
                    .then_some(Audience::Cohort),
            ),
            None => Ok(None),
        },
        Role::Mentor => {
            let (named, leads): (i64, i64) = sqlx::query_as(
                "select (select count(*) from cohort_mentor where cohort_id = $1 and user_id = $2), \
                 (select count(*) from mentor_group where cohort_id = $1 and mentor_id = $2)",
            )
            .bind(cohort)
            .bind(user.id.0)
            .fetch_one(db)
            .await?;
            Ok(if named > 0 {
                Some(Audience::Cohort)
            } else if leads > 0 {
                Some(Audience::Groups(user.id.0))
            } else {
                None
            })
        }
        Role::Participant => Ok(None),
    }
}

/// What `user` may read of the roster of `cohort` (see [`audience`]). Everyone else gets a 404.
pub async fn require_roster_reader(
    db: &Db,
    user: &CurrentUser,
    cohort: i64,
) -> Result<Audience, AppError> {
    audience(db, user, cohort)
        .await
        .map_err(|e| internal("roster audience", e))?
        .ok_or_else(not_found)
}

/// The ids of the groups of `cohort` that `mentor` leads.
pub async fn groups_led(db: &Db, cohort: i64, mentor: i64) -> Result<Vec<i64>, sqlx::Error> {
    let rows: Vec<(i64,)> = sqlx::query_as(
        "select id from mentor_group where cohort_id = $1 and mentor_id = $2 order by id",
    )
    .bind(cohort)
    .bind(mentor)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// The cohort and mentor of group `group`, if it exists.
pub async fn group_owner(db: &Db, group: i64) -> Result<Option<(i64, Option<i64>)>, sqlx::Error> {
    sqlx::query_as("select cohort_id, mentor_id from mentor_group where id = $1")
        .bind(group)
        .fetch_optional(db)
        .await
}

/// The cohort of group `group` if `user` may see its members: its mentor, or an admin with the
/// cohort in scope. Anyone else gets a 404.
pub async fn require_group_reader(
    db: &Db,
    user: &CurrentUser,
    group: i64,
) -> Result<i64, AppError> {
    let Some((cohort, mentor)) = group_owner(db, group)
        .await
        .map_err(|e| internal("group owner", e))?
    else {
        return Err(not_found());
    };
    let allowed = match user.role {
        Role::Mentor => mentor == Some(user.id.0),
        Role::Admin => match user.institution_id {
            Some(root) => scope::cohort_in_scope(db, root, crate::model::CohortId(cohort))
                .await
                .map_err(|e| internal("group scope", e))?,
            None => false,
        },
        _ => false,
    };
    if allowed {
        Ok(cohort)
    } else {
        Err(not_found())
    }
}

/// The cohort of group `group` if it is in the scope of an admin at `root`, else a 404.
pub async fn require_group_in_scope(
    db: &Db,
    root: crate::model::InstitutionId,
    group: i64,
) -> Result<i64, AppError> {
    let Some((cohort, _)) = group_owner(db, group)
        .await
        .map_err(|e| internal("group owner", e))?
    else {
        return Err(not_found());
    };
    scope::require_cohort(db, root, crate::model::CohortId(cohort))
        .await
        .map_err(|_| not_found())?;
    Ok(cohort)
}

/// Whether `mentor` may lead a group of `cohort` for an admin at `root`: a mentor account named
/// on the cohort or belonging to an institution in scope.
pub async fn mentor_allowed(
    db: &Db,
    root: crate::model::InstitutionId,
    cohort: i64,
    mentor: i64,
) -> Result<bool, sqlx::Error> {
    let (count,): (i64,) = sqlx::query_as(&format!(
        "{} select count(*) from app_user u where u.id = $3 and u.role = 'mentor' \
         and (u.institution_id in (select id from scope) \
              or u.id in (select user_id from cohort_mentor where cohort_id = $2))",
        institutions::SCOPE_CTE
    ))
    .bind(root.0)
    .bind(cohort)
    .bind(mentor)
    .fetch_one(db)
    .await?;
    Ok(count > 0)
}
