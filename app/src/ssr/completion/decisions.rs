//! The organiser's decisions on completion: passed or not, with a reason. A decision that goes
//! against the checklist is an override and needs its reason; every decision is kept in the
//! history with who made it, when and why.

use crate::model::completion::{Decision, DecisionHistoryLine};
use crate::ssr::db::Db;
use std::collections::HashMap;

/// A decision to record.
pub struct NewDecision<'a> {
    pub enrolment: i64,
    pub cohort: i64,
    pub user: i64,
    pub passed: bool,
    pub checklist_met: bool,
    pub reason: Option<&'a str>,
    pub by: i64,
    pub now: i64,
}

impl NewDecision<'_> {
    /// Whether the decision differs from what the checklist says.
    pub fn against_checklist(&self) -> bool {
        self.passed != self.checklist_met
    }
}

/// Records `d` in place of any earlier decision on the enrolment, and in the history; with
/// `audit`, in the audit log too (an override as such).
pub async fn record(
    db: &Db,
    d: &NewDecision<'_>,
    audit: Option<&crate::ssr::audit::Actor>,
) -> Result<(), sqlx::Error> {
    let mut tx = db.begin().await?;
    if let Some(actor) = audit {
        audit_decision(&mut tx, actor, d).await?;
    }
    let against = i64::from(d.against_checklist());
    sqlx::query("delete from completion_decision where enrolment_id = $1")
        .bind(d.enrolment)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "insert into completion_decision (enrolment_id, cohort_id, user_id, passed, \
         checklist_met, against_checklist, reason, decided_by, decided_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(d.enrolment)
    .bind(d.cohort)
    .bind(d.user)
    .bind(i64::from(d.passed))
    .bind(i64::from(d.checklist_met))
    .bind(against)
    .bind(d.reason)
    .bind(d.by)
    .bind(d.now)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "insert into completion_decision_history (enrolment_id, passed, checklist_met, \
         against_checklist, reason, decided_by, decided_at) values ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(d.enrolment)
    .bind(i64::from(d.passed))
    .bind(i64::from(d.checklist_met))
    .bind(against)
    .bind(d.reason)
    .bind(d.by)
    .bind(d.now)
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}

/// The audit entry of decision `d` by `actor`, with the decision it replaces.
async fn audit_decision(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    actor: &crate::ssr::audit::Actor,
    d: &NewDecision<'_>,
) -> Result<(), sqlx::Error> {
    use crate::model::audit::{AuditAction, AuditSubject};
    use crate::ssr::audit::{Entry, Scope};
    let code = |passed: bool| if passed { "passed" } else { "not_passed" };
    let (old,): (Option<i64>,) =
        sqlx::query_as("select max(passed) from completion_decision where enrolment_id = $1")
            .bind(d.enrolment)
            .fetch_one(&mut **tx)
            .await?;
    let (name, cohort): (String, String) = sqlx::query_as(
        "select u.name, c.name from app_user u join cohort c on c.id = $2 where u.id = $1",
    )
    .bind(d.user)
    .bind(d.cohort)
    .fetch_one(&mut **tx)
    .await?;
    let action = if d.against_checklist() {
        AuditAction::CompletionOverride
    } else {
        AuditAction::CompletionDecide
    };
    let summary = match d.reason {
        Some(reason) => format!("{name} · {cohort} · {reason}"),
        None => format!("{name} · {cohort}"),
    };
    let entry = Entry::new(
        action,
        AuditSubject::Enrolment,
        d.enrolment,
        summary,
        Scope::Cohort(d.cohort),
    );
    let entry = entry.change(old.map(|p| code(p != 0)), code(d.passed));
    crate::ssr::audit::record(tx, actor, entry, d.now).await
}

type DecisionRow = (i64, i64, i64, i64, Option<String>, String, i64);
/// The participant's name, then a decision as `DecisionRow` has it.
type HistoryRow = (String, i64, i64, i64, Option<String>, String, i64);

fn decision((_, passed, met, against, reason, by, at): DecisionRow) -> Decision {
    Decision {
        passed: passed != 0,
        checklist_met: met != 0,
        against_checklist: against != 0,
        reason,
        decided_by: by,
        decided_at: at,
    }
}

/// The decisions on the cohort's users in `users` (the same page subquery the progress uses),
/// keyed by user id.
pub async fn of_users(
    db: &Db,
    cohort: i64,
    users: &str,
    limit: i64,
    offset: i64,
) -> Result<HashMap<i64, Decision>, sqlx::Error> {
    let rows: Vec<DecisionRow> = sqlx::query_as(&format!(
        "select d.user_id, d.passed, d.checklist_met, d.against_checklist, d.reason, u.name, \
         d.decided_at from completion_decision d join app_user u on u.id = d.decided_by \
         where d.cohort_id = $1 and d.user_id in ({users})"
    ))
    .bind(cohort)
    .bind(limit)
    .bind(offset)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|r| (r.0, decision(r))).collect())
}

/// The decision on one participant of a cohort, if any.
pub async fn of_user(db: &Db, cohort: i64, user: i64) -> Result<Option<Decision>, sqlx::Error> {
    let row: Option<DecisionRow> = sqlx::query_as(
        "select d.user_id, d.passed, d.checklist_met, d.against_checklist, d.reason, u.name, \
         d.decided_at from completion_decision d join app_user u on u.id = d.decided_by \
         where d.cohort_id = $1 and d.user_id = $2",
    )
    .bind(cohort)
    .bind(user)
    .fetch_optional(db)
    .await?;
    Ok(row.map(decision))
}

/// Counts of the cohort's decisions: (passed, not passed).
pub async fn counts(db: &Db, cohort: i64) -> Result<(i64, i64), sqlx::Error> {
    let (passed, not_passed): (i64, i64) = sqlx::query_as(
        "select coalesce(sum(case when passed = 1 then 1 else 0 end), 0), \
         coalesce(sum(case when passed = 1 then 0 else 1 end), 0) \
         from completion_decision where cohort_id = $1",
    )
    .bind(cohort)
    .fetch_one(db)
    .await?;
    Ok((passed, not_passed))
}

/// The latest overrides of the cohort (decisions against the checklist), newest first.
pub async fn overrides(
    db: &Db,
    cohort: i64,
    limit: i64,
) -> Result<Vec<DecisionHistoryLine>, sqlx::Error> {
    let rows: Vec<HistoryRow> = sqlx::query_as(
        "select p.name, h.passed, h.checklist_met, h.against_checklist, h.reason, by_user.name, \
         h.decided_at from completion_decision_history h \
         join enrolment e on e.id = h.enrolment_id join app_user p on p.id = e.user_id \
         join app_user by_user on by_user.id = h.decided_by \
         where e.cohort_id = $1 and h.against_checklist = 1 order by h.id desc limit $2",
    )
    .bind(cohort)
    .bind(limit)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(name, passed, met, against, reason, by, at)| DecisionHistoryLine {
                name,
                decision: decision((0, passed, met, against, reason, by, at)),
            },
        )
        .collect())
}
