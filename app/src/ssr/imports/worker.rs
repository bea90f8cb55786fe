//! The background worker of bulk enrolment: it runs queued imports and resumes the ones a crash
//! left running, and knows where their uploaded files are kept.
//!
//! Several server processes may share one database: a worker works on a job only under a lease
//! (`import_job.lease_owner`, `lease_expires_at`), claimed by one conditional update and renewed
//! while it works, so one process parses and applies a job while the others leave it alone. A
//! job whose worker died is taken up by another once the lease runs out ([`LEASE_SECS`]). A
//! database that goes away for a while (a restart, a lost connection) pauses a job; it does not
//! fail it.

use crate::model::Lang;
use crate::ssr::db::{is_transient, now_unix, Backend, Db};
use crate::ssr::imports;
use crate::ssr::imports::apply::{run_job, RunEnd, RunOptions};
use crate::ssr::storage::{Area, Storage};
use std::path::{Path as FsPath, PathBuf};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;

/// Where a shared-directory storage keeps uploaded import files: `<data dir>/imports`.
pub fn import_dir(data_dir: &FsPath) -> PathBuf {
    data_dir.join(Area::Imports.folder())
}

/// The stored name of job `job_id`'s file (area `Imports`).
pub fn job_file_name(job_id: i64) -> String {
    format!("{job_id}.csv")
}

/// The path of job `job_id`'s file in a shared-directory storage's import folder `dir`.
pub fn job_file(dir: &FsPath, job_id: i64) -> PathBuf {
    dir.join(job_file_name(job_id))
}

/// How long a worker's claim on a job lasts unless renewed: after a crash, another worker (or the
/// restarted one) takes the job up this long after the last renewal at the latest.
pub const LEASE_SECS: i64 = 30;
/// How often a worker renews its lease while it works on a job.
const RENEW_EVERY: Duration = Duration::from_secs(10);
/// How often an idle worker looks for jobs (an upload to its own process wakes it at once).
const POLL_EVERY: Duration = Duration::from_secs(2);
/// The first wait after a transient database error; it doubles up to [`MAX_BACKOFF`].
const FIRST_BACKOFF: Duration = Duration::from_millis(500);
/// The longest wait between tries while the database is away.
const MAX_BACKOFF: Duration = Duration::from_secs(30);
/// Errors other than transient database errors before a job is given up as failed.
const MAX_HARD_ERRORS: u32 = 3;

/// Starts the worker: it claims jobs one at a time (queued ones, and running ones whose lease ran
/// out because their worker died) and waits for the bell or the next poll when there are none.
pub fn start_worker(db: Db, storage: Storage) -> Arc<Notify> {
    let wake = Arc::new(Notify::new());
    let bell = wake.clone();
    let worker = Worker::new(db, storage);
    tokio::spawn(async move {
        loop {
            worker.run_claimable().await;
            tokio::select! {
                _ = bell.notified() => {}
                _ = tokio::time::sleep(POLL_EVERY) => {}
            }
        }
    });
    wake
}

/// Runs every claimable job to its end: queued ones, and any a crash left running once its lease
/// has run out (for tests and start-up).
pub async fn run_pending(db: &Db, storage: &Storage) -> Result<(), sqlx::Error> {
    let worker = Worker::new(db.clone(), storage.clone());
    while let Some(job_id) = worker.claim().await? {
        worker.work(job_id).await;
    }
    Ok(())
}

/// One process's import worker. Its `owner` id (random, per process) marks the jobs it holds.
struct Worker {
    db: Db,
    backend: Backend,
    storage: Storage,
    owner: String,
}

impl Worker {
    fn new(db: Db, storage: Storage) -> Worker {
        let backend = Backend::from_url(db.connect_options().database_url.as_str());
        let owner = format!("{:016x}", rand::random::<u64>());
        Worker {
            db,
            backend,
            storage,
            owner,
        }
    }

    async fn claim(&self) -> Result<Option<i64>, sqlx::Error> {
        imports::claim_job(&self.db, self.backend, &self.owner, now_unix(), LEASE_SECS).await
    }

    /// Claims and runs jobs until none is left to claim (or the database cannot be asked).
    async fn run_claimable(&self) {
        loop {
            match self.claim().await {
                Ok(Some(job_id)) => self.work(job_id).await,
                Ok(None) => return,
                Err(err) => {
                    tracing::warn!(%err, "import worker: could not claim a job");
                    return;
                }
            }
        }
    }

    /// Runs claimed job `job_id` to its end while renewing the lease. A transient database
    /// error (a lost connection, a restart) is retried with growing pauses for as long as the
    /// lease stays ours; other errors fail the job after [`MAX_HARD_ERRORS`]. Committed chunks
    /// stay, so each try resumes where the last one stopped.
    async fn work(&self, job_id: i64) {
        let mut backoff = FIRST_BACKOFF;
        let mut hard_errors = 0;
        loop {
            let started = std::time::Instant::now();
            let outcome = tokio::select! {
                outcome = run_job(&self.db, &self.storage, job_id, RunOptions::default()) => outcome,
                () = self.keep_lease(job_id) => {
                    tracing::warn!(job = job_id, "import lease lost: another worker has the job");
                    return;
                }
            };
            match outcome {
                Ok(RunEnd::Done) => {
                    let secs = started.elapsed().as_secs_f64();
                    tracing::info!(job = job_id, secs, "import done");
                    return;
                }
                Ok(RunEnd::Failed(message)) => {
                    tracing::info!(job = job_id, %message, "import failed");
                    return;
                }
                Ok(RunEnd::Stopped | RunEnd::Skipped) => return,
                // The server is shutting down: the job resumes after the restart.
                Err(sqlx::Error::PoolClosed) => return,
                Err(err) if is_transient(&err) => {
                    tracing::warn!(%err, job = job_id, retry_in = ?backoff, "import interrupted");
                }
                Err(err) => {
                    hard_errors += 1;
                    tracing::error!(%err, job = job_id, hard_errors, "import error");
                    if hard_errors >= MAX_HARD_ERRORS {
                        let message = crate::i18n::text(Lang::default(), "error.internal");
                        if let Err(err) = imports::apply::fail(&self.db, job_id, message).await {
                            tracing::error!(%err, job = job_id, "import could not be failed");
                        }
                        return;
                    }
                }
            }
            // Pause, then go on only while the lease is still ours (it may have run out while the
            // database was away, and another worker taken the job).
            loop {
                tokio::time::sleep(backoff).await;
                backoff = (backoff * 2).min(MAX_BACKOFF);
                match imports::renew_lease(&self.db, job_id, &self.owner, now_unix(), LEASE_SECS)
                    .await
                {
                    Ok(true) => break,
                    Ok(false) => return,
                    Err(err) => tracing::warn!(%err, job = job_id, "import lease renewal"),
                }
            }
        }
    }

    /// Renews the lease on `job_id` every [`RENEW_EVERY`]; completes only when the lease is no
    /// longer ours. A renewal the database fails is tried again at the next tick.
    async fn keep_lease(&self, job_id: i64) {
        let mut ticks =
            tokio::time::interval_at(tokio::time::Instant::now() + RENEW_EVERY, RENEW_EVERY);
        loop {
            ticks.tick().await;
            match imports::renew_lease(&self.db, job_id, &self.owner, now_unix(), LEASE_SECS).await
            {
                Ok(true) => {}
                Ok(false) => return,
                Err(err) => tracing::warn!(%err, job = job_id, "import lease renewal"),
            }
        }
    }
}
