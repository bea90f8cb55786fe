//! Each participant's progress through units (opened, done), the rule that says a program is
//! completed, and the data-saving choice.

use crate::ssr::db::Db;
use std::collections::HashMap;

/// Records that `user` opened `unit` (the first time only).
pub async fn opened(db: &Db, unit: i64, user: i64, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into material_progress (unit_id, user_id, opened_at, created_at) values ($1, $2, $3, $3) \
         on conflict (unit_id, user_id) do nothing",
    )
    .bind(unit)
    .bind(user)
    .bind(now)
    .execute(db)
    .await
    .map(|_| ())
}

/// Records that `user` finished `unit` (the first time only; opening it too if need be).
pub async fn done(db: &Db, unit: i64, user: i64, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into material_progress (unit_id, user_id, opened_at, done_at, created_at) \
         values ($1, $2, $3, $3, $3) on conflict (unit_id, user_id) do update \
         set done_at = coalesce(material_progress.done_at, excluded.done_at)",
    )
    .bind(unit)
    .bind(user)
    .bind(now)
    .execute(db)
    .await
    .map(|_| ())
}

/// `user`'s progress on the units of `program`: unit → (opened, done).
pub async fn of_user_in_program(
    db: &Db,
    user: i64,
    program: i64,
) -> Result<HashMap<i64, (bool, bool)>, sqlx::Error> {
    let rows: Vec<(i64, Option<i64>)> = sqlx::query_as(
        "select p.unit_id, p.done_at from material_progress p \
         join material_unit u on u.id = p.unit_id join material_module m on m.id = u.module_id \
         where p.user_id = $1 and m.program_id = $2",
    )
    .bind(user)
    .bind(program)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(unit, done)| (unit, (true, done.is_some())))
        .collect())
}

/// Units done, per participant and module, among the modules of `program` shown in `cohort`.
pub async fn done_per_module(
    db: &Db,
    program: i64,
    cohort: i64,
) -> Result<HashMap<(i64, i64), i64>, sqlx::Error> {
    let rows: Vec<(i64, i64, i64)> = sqlx::query_as(
        "select p.user_id, u.module_id, count(*) from material_progress p \
         join material_unit u on u.id = p.unit_id join material_module m on m.id = u.module_id \
         where p.done_at is not null and m.program_id = $1 \
         and (m.cohort_id is null or m.cohort_id = $2) \
         and p.user_id in (select user_id from enrolment where cohort_id = $2 and status = 'approved') \
         group by p.user_id, u.module_id",
    )
    .bind(program)
    .bind(cohort)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|(u, m, n)| ((u, m), n)).collect())
}

/// Whether `user` has completed `program`.
///
/// Until formal completion exists (the next issue replaces this one function), completed means:
/// the program has at least one unit in its own modules (not a cohort's), and the participant
/// has marked every one of them done. A program with no units cannot be shown completed, so a
/// prerequisite without materials holds everyone back rather than letting everyone through.
pub async fn has_completed_program(db: &Db, user: i64, program: i64) -> Result<bool, sqlx::Error> {
    let (total, done): (i64, i64) = sqlx::query_as(
        "select count(*), count(p.done_at) from material_unit u \
         join material_module m on m.id = u.module_id \
         left join material_progress p on p.unit_id = u.id and p.user_id = $2 \
         where m.program_id = $1 and m.cohort_id is null",
    )
    .bind(program)
    .bind(user)
    .fetch_one(db)
    .await?;
    Ok(total > 0 && done == total)
}

/// The prerequisite of `program` that `user` has not completed: its id and title.
pub async fn unmet_prerequisite(
    db: &Db,
    user: i64,
    program: i64,
) -> Result<Option<(i64, String)>, sqlx::Error> {
    let required: Option<(i64, String)> = sqlx::query_as(
        "select r.id, r.title from program p join program r on r.id = p.prerequisite_program_id \
         where p.id = $1",
    )
    .bind(program)
    .fetch_optional(db)
    .await?;
    match required {
        Some((id, title)) if !has_completed_program(db, user, id).await? => Ok(Some((id, title))),
        _ => Ok(None),
    }
}

/// The person's data-saving choice, if they made one.
pub async fn data_saving_choice(db: &Db, user: i64) -> Result<Option<bool>, sqlx::Error> {
    let row: Option<(i64,)> =
        sqlx::query_as("select enabled from data_saving_pref where user_id = $1")
            .bind(user)
            .fetch_optional(db)
            .await?;
    Ok(row.map(|(enabled,)| enabled != 0))
}

/// Stores the person's data-saving choice.
pub async fn choose_data_saving(
    db: &Db,
    user: i64,
    enabled: bool,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into data_saving_pref (user_id, enabled, created_at) values ($1, $2, $3) \
         on conflict (user_id) do update set enabled = excluded.enabled, created_at = excluded.created_at",
    )
    .bind(user)
    .bind(i64::from(enabled))
    .bind(now)
    .execute(db)
    .await
    .map(|_| ())
}

/// Whether data-saving mode is on: the person's choice, else the browser's `Save-Data: on`.
pub fn data_saving(choice: Option<bool>, save_data_header: Option<&str>) -> bool {
    choice.unwrap_or_else(|| save_data_header.is_some_and(|v| v.trim().eq_ignore_ascii_case("on")))
}

#[cfg(test)]
mod tests {
    use super::data_saving;

    #[test]
    fn a_choice_wins_over_the_browser_header() {
        assert!(data_saving(None, Some("on")));
        assert!(!data_saving(None, None));
        assert!(!data_saving(Some(false), Some("on")));
        assert!(data_saving(Some(true), None));
    }
}
