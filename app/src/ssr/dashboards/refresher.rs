//! Keeping the summary tables fresh: the database's triggers append a row to `dashboard_change`
//! for every write that can move a cohort's figures; every [`TICK`] the refresher recounts the
//! cohorts named there ([`super::count`]) and rewrites their rows. A figure is therefore at most
//! one tick plus one count old. Cohorts still running are also recounted hourly, because "active
//! this week" moves with time alone.

use super::count;
use crate::ssr::db::{begin_write, Db};
use crate::ssr::tasks::Task;
use crate::ssr::AppState;
use std::time::Duration;

/// Time between two passes.
pub const TICK: Duration = Duration::from_secs(15);
/// A running cohort's figures are recounted at least this often (seconds).
const RECOUNT_RUNNING: i64 = 3600;

/// Starts the background refresher (one process at a time runs it: [`Task::DashboardRefresh`]).
pub fn start(state: AppState) {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(TICK);
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            every.tick().await;
            let lease = crate::ssr::tasks::lease_for(TICK);
            if !state
                .tasks
                .turn(&state.db, Task::DashboardRefresh, lease)
                .await
            {
                continue;
            }
            let now = state.clock.now();
            match refresh(&state.db, now).await {
                Ok(0) => {}
                Ok(n) => tracing::debug!(cohorts = n, "dashboard figures recounted"),
                Err(err) => tracing::warn!(%err, "could not recount dashboard figures"),
            }
        }
    });
}

/// One pass: recounts every changed cohort, and running cohorts counted over an hour ago.
/// Returns the number of cohorts recounted.
pub async fn refresh(db: &Db, now: i64) -> Result<usize, sqlx::Error> {
    let (last,): (Option<i64>,) = sqlx::query_as("select max(id) from dashboard_change")
        .fetch_one(db)
        .await?;
    let mut cohorts: Vec<i64> = match last {
        Some(last) => {
            sqlx::query_scalar("select distinct cohort_id from dashboard_change where id <= $1")
                .bind(last)
                .fetch_all(db)
                .await?
        }
        None => Vec::new(),
    };
    let ended_after = crate::model::wib::date_of(now - 8 * 86_400);
    let stale: Vec<i64> = sqlx::query_scalar(
        "select c.id from cohort c join dashboard_cohort_snapshot s on s.cohort_id = c.id \
         where s.refreshed_at < $1 and c.ends_on >= $2",
    )
    .bind(now - RECOUNT_RUNNING)
    .bind(ended_after)
    .fetch_all(db)
    .await?;
    for id in stale {
        if !cohorts.contains(&id) {
            cohorts.push(id);
        }
    }
    for &cohort in &cohorts {
        recount(db, cohort, now).await?;
    }
    if let Some(last) = last {
        sqlx::query("delete from dashboard_change where id <= $1")
            .bind(last)
            .execute(db)
            .await?;
    }
    Ok(cohorts.len())
}

/// Counts `cohort` and replaces its summary rows in one transaction. Two processes recounting
/// the same cohort at once both write the same rows: the upserts keep either from failing.
pub async fn recount(db: &Db, cohort: i64, now: i64) -> Result<(), sqlx::Error> {
    let exists: Option<i64> = sqlx::query_scalar("select id from cohort where id = $1")
        .bind(cohort)
        .fetch_optional(db)
        .await?;
    if exists.is_none() {
        return Ok(());
    }
    let counted = count::cohort(db, cohort, now).await?;
    let body = serde_json::to_string(&counted.figures)
        .map_err(|err| sqlx::Error::Protocol(format!("dashboard figures: {err}")))?;
    let mut tx = begin_write(db).await?;
    sqlx::query("delete from dashboard_cohort_fact where cohort_id = $1")
        .bind(cohort)
        .execute(&mut *tx)
        .await?;
    for (region, f, jp) in &counted.by_region {
        sqlx::query(
            "insert into dashboard_cohort_fact (cohort_id, region_code, registered, approved, \
             active, active_week, post_test_done, completed, certified, jp_delivered) \
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
             on conflict (cohort_id, region_code) do update set registered = excluded.registered, \
             approved = excluded.approved, active = excluded.active, \
             active_week = excluded.active_week, post_test_done = excluded.post_test_done, \
             completed = excluded.completed, certified = excluded.certified, \
             jp_delivered = excluded.jp_delivered",
        )
        .bind(cohort)
        .bind(region)
        .bind(f.registered)
        .bind(f.approved)
        .bind(f.active)
        .bind(f.active_week)
        .bind(f.post_test_done)
        .bind(f.completed)
        .bind(f.certified)
        .bind(*jp)
        .execute(&mut *tx)
        .await?;
    }
    sqlx::query(
        "insert into dashboard_cohort_snapshot (cohort_id, refreshed_at, body) values ($1, $2, $3) \
         on conflict (cohort_id) do update set refreshed_at = excluded.refreshed_at, \
         body = excluded.body",
    )
    .bind(cohort)
    .bind(now)
    .bind(body)
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}
