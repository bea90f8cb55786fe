//! Periodic background work that runs in one process at a time when several serve one
//! PostgreSQL: each [`Task`] has a lease (`task_lease`: name, owner, `lease_until`) that a pass
//! takes or renews first, and only the holder runs the pass. A holder that stops renewing (it
//! crashed, hung or was stopped) loses the task once its lease runs out, and the next process to
//! look takes it. On SQLite the one process holds every lease.
//!
//! Jobs with rows of their own (imports, certificate batches, outgoing e-mail) are claimed row by
//! row under leases of their own (`lease_owner`, `lease_until` on those tables); this module is
//! for the sweeps and recounts that have no row to claim.

use crate::ssr::db::{now_unix, Db};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// The periodic tasks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Task {
    /// Recounting the dashboards' summary tables.
    DashboardRefresh,
    /// Handing in quiz attempts whose time ran out.
    OverdueAttempts,
    /// Reminders (quizzes closing, sessions starting, survey follow-ups) and the daily digest.
    Notifications,
    /// Deleting sign-in attempt counters that would start afresh anyway.
    AttemptCounters,
    /// Deleting expired sessions.
    ExpiredSessions,
}

/// How many tasks there are.
const TASK_COUNT: usize = 5;

impl Task {
    pub const ALL: [Task; TASK_COUNT] = [
        Task::DashboardRefresh,
        Task::OverdueAttempts,
        Task::Notifications,
        Task::AttemptCounters,
        Task::ExpiredSessions,
    ];

    /// The task's row in `task_lease` and its label in the metrics.
    pub fn name(self) -> &'static str {
        match self {
            Task::DashboardRefresh => "dashboard_refresh",
            Task::OverdueAttempts => "overdue_attempts",
            Task::Notifications => "notifications",
            Task::AttemptCounters => "attempt_counters",
            Task::ExpiredSessions => "expired_sessions",
        }
    }

    fn index(self) -> usize {
        Task::ALL
            .iter()
            .position(|t| *t == self)
            .expect("every task is in ALL")
    }
}

/// How long a lease lasts for a task that runs every `every`: three passes, so that one slow or
/// missed pass does not hand the task to another process, and a dead holder's task waits at
/// most three passes.
pub fn lease_for(every: Duration) -> Duration {
    every * 3
}

/// This process's side of the leases: who it is, and how many passes of each task it ran.
#[derive(Debug)]
pub struct Tasks {
    owner: String,
    passes: [AtomicU64; TASK_COUNT],
}

impl Default for Tasks {
    fn default() -> Self {
        Tasks {
            owner: format!("{:016x}", rand::random::<u64>()),
            passes: Default::default(),
        }
    }
}

impl Tasks {
    /// This process's name in `task_lease.owner`.
    pub fn owner(&self) -> &str {
        &self.owner
    }

    /// Whether this process runs a pass of `task` now: takes or renews its lease for `lease`.
    /// A database error counts as not holding it (the pass waits for the next tick).
    pub async fn turn(&self, db: &Db, task: Task, lease: Duration) -> bool {
        match take(
            db,
            task.name(),
            &self.owner,
            now_unix(),
            lease.as_secs() as i64,
        )
        .await
        {
            Ok(true) => {
                self.passes[task.index()].fetch_add(1, Ordering::Relaxed);
                true
            }
            Ok(false) => false,
            Err(err) => {
                tracing::warn!(%err, task = task.name(), "could not take the task's lease");
                false
            }
        }
    }

    /// Passes of each task this process ran.
    pub fn passes(&self) -> Vec<(Task, u64)> {
        Task::ALL
            .iter()
            .map(|t| (*t, self.passes[t.index()].load(Ordering::Relaxed)))
            .collect()
    }
}

/// Takes the lease `name` for `owner` until `now + seconds`, if it is free, lapsed or already
/// `owner`'s; returns whether `owner` holds it. One statement: of two processes asking at once,
/// the database lets exactly one insert or update the row.
pub async fn take(
    db: &Db,
    name: &str,
    owner: &str,
    now: i64,
    seconds: i64,
) -> Result<bool, sqlx::Error> {
    let held: Option<(String,)> = sqlx::query_as(
        "insert into task_lease (name, owner, lease_until) values ($1, $2, $3) \
         on conflict (name) do update set owner = excluded.owner, lease_until = excluded.lease_until \
         where task_lease.owner = excluded.owner or task_lease.lease_until < $4 \
         returning owner",
    )
    .bind(name)
    .bind(owner)
    .bind(now + seconds)
    .bind(now)
    .fetch_optional(db)
    .await?;
    Ok(held.is_some_and(|(o,)| o == owner))
}
