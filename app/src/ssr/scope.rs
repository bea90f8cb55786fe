//! What an admin may touch: programs organized, and cohorts run, by their institution or one
//! below it. Every admin server function that takes a program or cohort id asks here first.

use super::db::{internal, Db};
use super::institutions::SCOPE_CTE;
use crate::model::{AppError, CohortId, ErrorKind, InstitutionId, ProgramId};

/// Whether program `program` is organized within the subtree of `root`.
pub async fn program_in_scope(
    db: &Db,
    root: InstitutionId,
    program: ProgramId,
) -> Result<bool, sqlx::Error> {
    let (count,): (i64,) = sqlx::query_as(&format!(
        "{SCOPE_CTE} select count(*) from program p where p.id = $2 \
         and p.organizer_id in (select id from scope)"
    ))
    .bind(root.0)
    .bind(program)
    .fetch_one(db)
    .await?;
    Ok(count > 0)
}

/// Whether cohort `cohort` belongs to a program organized within the subtree of `root`.
pub async fn cohort_in_scope(
    db: &Db,
    root: InstitutionId,
    cohort: CohortId,
) -> Result<bool, sqlx::Error> {
    let (count,): (i64,) = sqlx::query_as(&format!(
        "{SCOPE_CTE} select count(*) from cohort c join program p on p.id = c.program_id \
         where c.id = $2 and p.organizer_id in (select id from scope)"
    ))
    .bind(root.0)
    .bind(cohort)
    .fetch_one(db)
    .await?;
    Ok(count > 0)
}

/// `Ok(())` if the cohort is in scope, else a 404 (out-of-scope ids are not confirmed to exist).
pub async fn require_cohort(
    db: &Db,
    root: InstitutionId,
    cohort: CohortId,
) -> Result<(), AppError> {
    if cohort_in_scope(db, root, cohort)
        .await
        .map_err(|e| internal("cohort scope", e))?
    {
        Ok(())
    } else {
        Err(AppError::new(
            ErrorKind::NotFound,
            super::msg("scope.cohort_not_found"),
        ))
    }
}

/// `Ok(())` if the program is in scope, else a 404.
pub async fn require_program(
    db: &Db,
    root: InstitutionId,
    program: ProgramId,
) -> Result<(), AppError> {
    if program_in_scope(db, root, program)
        .await
        .map_err(|e| internal("program scope", e))?
    {
        Ok(())
    } else {
        Err(AppError::new(
            ErrorKind::NotFound,
            super::msg("scope.program_not_found"),
        ))
    }
}
