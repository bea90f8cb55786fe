//! Automatic assignment of a cohort's approved participants without a group, in one transaction.
//!
//! The transaction starts with a write to the cohort's groups (their row locks on PostgreSQL,
//! the write lock on SQLite); every read that decides the plan comes after it.

use super::plan::{plan, Slot, Waiting};
use crate::ssr::db::Db;

/// Ids per `update … where id in (…)` statement.
const BATCH: usize = 500;

/// An enrolment without a group: id, school level, subject, region code.
type WaitingRow = (i64, Option<String>, Option<String>, Option<String>);

/// What an assignment run did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Assigned {
    pub assigned: i64,
    /// Participants left without a group because the groups are full.
    pub unassigned: i64,
    pub groups: i64,
}

/// Assigns the approved participants of `cohort` who have no group yet.
pub async fn assign(db: &Db, cohort: i64) -> Result<Assigned, sqlx::Error> {
    let mut tx = db.begin().await?;
    sqlx::query("update mentor_group set capacity = capacity where cohort_id = $1")
        .bind(cohort)
        .execute(&mut *tx)
        .await?;
    let slots: Vec<(i64, i64, i64)> = sqlx::query_as(
        "select g.id, g.capacity, (select count(*) from enrolment e where e.group_id = g.id) \
         from mentor_group g where g.cohort_id = $1 order by g.id",
    )
    .bind(cohort)
    .fetch_all(&mut *tx)
    .await?;
    let slots: Vec<Slot> = slots
        .into_iter()
        .map(|(group_id, capacity, members)| Slot {
            group_id,
            capacity,
            members,
        })
        .collect();
    let waiting: Vec<WaitingRow> = sqlx::query_as(
        "select e.id, p.school_level, p.subject, p.region_code from enrolment e \
         left join participant_profile p on p.user_id = e.user_id \
         where e.cohort_id = $1 and e.status = 'approved' and e.group_id is null order by e.id",
    )
    .bind(cohort)
    .fetch_all(&mut *tx)
    .await?;
    let waiting: Vec<Waiting> = waiting
        .into_iter()
        .map(|(id, level, subject, region)| Waiting {
            enrolment_id: id,
            key: format!(
                "{}\u{1f}{}\u{1f}{}",
                level.unwrap_or_default(),
                subject.unwrap_or_default().trim().to_lowercase(),
                region.unwrap_or_default()
            ),
        })
        .collect();
    let result = plan(&slots, &waiting);
    let mut assigned = 0;
    for (group, ids) in &result.placements {
        for chunk in ids.chunks(BATCH) {
            // Integers read from the database: safe to list inline.
            let list = chunk
                .iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(",");
            let done = sqlx::query(&format!(
                "update enrolment set group_id = $1 where id in ({list}) and group_id is null"
            ))
            .bind(*group)
            .execute(&mut *tx)
            .await?;
            assigned += done.rows_affected() as i64;
        }
    }
    tx.commit().await?;
    Ok(Assigned {
        assigned,
        unassigned: result.unplaced.len() as i64,
        groups: result.placements.len() as i64,
    })
}
