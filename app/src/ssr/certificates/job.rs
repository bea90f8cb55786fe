//! The background job that issues a whole cohort's certificates (`certificate_job`), with its
//! progress, and the worker that runs it and resumes it after a crash.
//!
//! As the import worker does, a worker holds a job only under a lease (`lease_owner`,
//! `lease_until`), taken by one conditional update and renewed after every chunk; a job whose
//! worker died is taken up again once the lease has run out. The job holds no cursor of its own:
//! each chunk asks for the passed enrolments that have no valid certificate yet, and the unique
//! index `certificate_valid_enrolment` stops a second certificate for one enrolment whatever
//! races. A chunk's certificates are numbered and inserted in one transaction, then their PDFs
//! are written; rows a crash left without a PDF get it at the start of the next run.

use super::{insert_issued, store_pdf, template, template_logo, waiting_in_cohort, IssueError};
use crate::model::audit::{AuditAction, AuditSubject};
use crate::ssr::audit::{Actor, Entry, Scope};
use crate::ssr::db::{now_unix, Db};
use crate::ssr::storage::Storage;
use futures_util::{stream, StreamExt};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;

/// How long a worker's claim lasts unless renewed.
pub const LEASE_SECS: i64 = 20;
/// Certificates numbered in one transaction.
pub const CHUNK: i64 = 100;
/// How often an idle worker looks for jobs.
const POLL_EVERY: Duration = Duration::from_secs(2);

/// A job as its page shows it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Job {
    pub id: i64,
    pub cohort_id: i64,
    pub status: String,
    pub total: i64,
    pub issued: i64,
    pub error: Option<String>,
    pub created_at: i64,
    pub finished_at: Option<i64>,
}

/// The latest job of `cohort`.
pub async fn latest(db: &Db, cohort: i64) -> Result<Option<Job>, sqlx::Error> {
    sqlx::query_as(
        "select id, cohort_id, status, total, issued, error, created_at, finished_at \
         from certificate_job where cohort_id = $1 order by id desc limit 1",
    )
    .bind(cohort)
    .fetch_optional(db)
    .await
}

/// Passed enrolments of `cohort` that have no valid certificate.
pub async fn waiting_count(db: &Db, cohort: i64) -> Result<i64, sqlx::Error> {
    let (n,): (i64,) = sqlx::query_as(
        "select count(*) from completion_decision d where d.cohort_id = $1 and d.passed = 1 \
         and not exists (select 1 from certificate k where k.enrolment_id = d.enrolment_id \
         and k.status = 'valid')",
    )
    .bind(cohort)
    .fetch_one(db)
    .await?;
    Ok(n)
}

/// Queues a job for `cohort` (or returns the one already queued or running), recorded in the
/// audit log by `by`: the job issues each certificate in their name.
pub async fn start(db: &Db, cohort: i64, by: &Actor, now: i64) -> Result<i64, sqlx::Error> {
    if let Some(job) = latest(db, cohort).await? {
        if job.status == "queued" || job.status == "running" {
            return Ok(job.id);
        }
    }
    let total = waiting_count(db, cohort).await?;
    let mut tx = db.begin().await?;
    let (id,): (i64,) = sqlx::query_as(
        "insert into certificate_job (cohort_id, requested_by, status, total, issued, created_at) \
         values ($1, $2, 'queued', $3, 0, $4) returning id",
    )
    .bind(cohort)
    .bind(by.id)
    .bind(total)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    let (name,): (String,) = sqlx::query_as("select name from cohort where id = $1")
        .bind(cohort)
        .fetch_one(&mut *tx)
        .await?;
    let entry = Entry::new(
        AuditAction::CertificateIssueAll,
        AuditSubject::CertificateJob,
        id,
        name,
        Scope::Cohort(cohort),
    );
    crate::ssr::audit::record(&mut tx, by, entry.change(None, &total.to_string()), now).await?;
    tx.commit().await?;
    Ok(id)
}

/// What a worker needs: the database, where PDFs go, and the public address QR codes open.
#[derive(Clone, Debug)]
pub struct JobContext {
    pub db: Db,
    pub storage: Storage,
    pub public_url: String,
}

/// Starts the worker; the returned bell wakes it when a job is queued.
pub fn start_worker(context: JobContext) -> Arc<Notify> {
    let wake = Arc::new(Notify::new());
    let bell = wake.clone();
    let owner = format!("{:016x}", rand::random::<u64>());
    tokio::spawn(async move {
        loop {
            if let Err(err) = run_claimable(&context, &owner).await {
                tracing::warn!(%err, "certificate worker: could not claim a job");
            }
            tokio::select! {
                _ = bell.notified() => {}
                _ = tokio::time::sleep(POLL_EVERY) => {}
            }
        }
    });
    wake
}

/// Claims and runs jobs until none is claimable (for tests, benches and the worker).
pub async fn run_claimable(context: &JobContext, owner: &str) -> Result<(), sqlx::Error> {
    while let Some((job, cohort, by)) = claim(&context.db, owner, now_unix()).await? {
        work(context, owner, job, cohort, by).await;
    }
    Ok(())
}

/// Takes a queued job, or a running one whose lease ran out.
async fn claim(db: &Db, owner: &str, now: i64) -> Result<Option<(i64, i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "update certificate_job set status = 'running', lease_owner = $1, lease_until = $2 \
         where id = (select id from certificate_job where status = 'queued' \
         or (status = 'running' and lease_until < $3) order by id limit 1) \
         and (status = 'queued' or (status = 'running' and lease_until < $3)) \
         returning id, cohort_id, requested_by",
    )
    .bind(owner)
    .bind(now + LEASE_SECS)
    .bind(now)
    .fetch_optional(db)
    .await
}

/// Renews the lease and records progress; false when the lease is no longer ours.
async fn renew(db: &Db, job: i64, owner: &str, issued: i64) -> Result<bool, sqlx::Error> {
    let changed = sqlx::query(
        "update certificate_job set lease_until = $3, issued = issued + $4 \
         where id = $1 and lease_owner = $2 and status = 'running'",
    )
    .bind(job)
    .bind(owner)
    .bind(now_unix() + LEASE_SECS)
    .bind(issued)
    .execute(db)
    .await?
    .rows_affected();
    Ok(changed == 1)
}

async fn finish(
    db: &Db,
    job: i64,
    owner: &str,
    status: &str,
    error: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "update certificate_job set status = $3, error = $4, finished_at = $5, \
         lease_owner = null, lease_until = null where id = $1 and lease_owner = $2",
    )
    .bind(job)
    .bind(owner)
    .bind(status)
    .bind(error)
    .bind(now_unix())
    .execute(db)
    .await?;
    Ok(())
}

/// Runs job `job` of `cohort` to its end (or until its lease is lost or the database fails).
async fn work(context: &JobContext, owner: &str, job: i64, cohort: i64, by: i64) {
    let started = std::time::Instant::now();
    match run(context, owner, job, cohort, by).await {
        Ok(true) => {
            if let Err(err) = finish(&context.db, job, owner, "done", None).await {
                tracing::warn!(%err, job, "certificate job: could not mark done");
            }
            tracing::info!(
                job,
                cohort,
                secs = started.elapsed().as_secs_f64(),
                "certificates issued"
            );
        }
        Ok(false) => tracing::warn!(job, "certificate job: lease lost"),
        Err(err @ (IssueError::NoTemplate | IssueError::NoProgramCode)) => {
            let message = super::pages::text(crate::model::Lang::Id, err.message_key());
            if let Err(err) = finish(&context.db, job, owner, "failed", Some(&message)).await {
                tracing::warn!(%err, job, "certificate job: could not mark failed");
            }
        }
        // Anything else (the database away, a full disk) leaves the job running: the lease runs
        // out and the job is taken up again, where it stopped.
        Err(err) => tracing::error!(%err, job, "certificate job interrupted"),
    }
}

/// Rows of `cohort` that a crash left without their PDF.
async fn without_pdf(db: &Db, cohort: i64) -> Result<Vec<super::Stored>, sqlx::Error> {
    let ids: Vec<(i64,)> = sqlx::query_as(
        "select id from certificate where cohort_id = $1 and pdf_stored_name is null order by id",
    )
    .bind(cohort)
    .fetch_all(db)
    .await?;
    let mut out = Vec::with_capacity(ids.len());
    for (id,) in ids {
        if let Some(cert) = super::by_id(db, id).await? {
            out.push(cert);
        }
    }
    Ok(out)
}

/// The work of one run: PDFs left missing, then chunk after chunk. `Ok(false)`: lease lost.
async fn run(
    context: &JobContext,
    owner: &str,
    job: i64,
    cohort: i64,
    by: i64,
) -> Result<bool, IssueError> {
    let db = &context.db;
    let storage = &context.storage;
    let (institution,): (i64,) = sqlx::query_as(
        "select p.organizer_id from cohort c join program p on p.id = c.program_id where c.id = $1",
    )
    .bind(cohort)
    .fetch_one(db)
    .await?;
    let template = template(db, institution)
        .await?
        .ok_or(IssueError::NoTemplate)?;
    let logo = template_logo(storage, &template).await;
    let parallel = std::thread::available_parallelism().map_or(2, |n| n.get());
    // Progress restarts from what is there: of the job's total, those no longer waiting.
    let waiting = waiting_count(db, cohort).await?;
    sqlx::query(
        "update certificate_job set issued = case when total > $2 then total - $2 else 0 end \
         where id = $1",
    )
    .bind(job)
    .bind(waiting)
    .execute(db)
    .await?;
    for cert in without_pdf(db, cohort).await? {
        store_pdf(
            db,
            storage,
            cert.id,
            &cert.facts,
            logo.as_ref(),
            &context.public_url,
        )
        .await?;
    }
    // Each certificate is recorded in the name of the admin who asked, from where they asked.
    let actor = {
        let mut conn = db.acquire().await?;
        let action = AuditAction::CertificateIssueAll;
        Actor::of_entry(&mut conn, action, AuditSubject::CertificateJob, job).await?
    };
    // Enrolments before this one were issued in this run: they need not be looked at again.
    let mut after = 0;
    loop {
        let candidates = waiting_in_cohort(db, cohort, after, CHUNK).await?;
        let Some(last) = candidates.last().map(|c| c.enrolment_id) else {
            return Ok(true);
        };
        let inserted = insert_issued(
            db,
            &template,
            candidates,
            None,
            by,
            now_unix(),
            actor.as_ref(),
        );
        let issued = match inserted.await {
            Ok(issued) => issued,
            // One of them was issued by hand meanwhile: ask again.
            Err(IssueError::AlreadyIssued) => continue,
            Err(err) => return Err(err),
        };
        after = last;
        let count = issued.len() as i64;
        let logo = logo.as_ref();
        let url = context.public_url.as_str();
        let stored: Vec<Result<usize, IssueError>> = stream::iter(issued)
            .map(move |cert| async move {
                store_pdf(db, storage, cert.id, &cert.facts, logo, url).await
            })
            .buffer_unordered(parallel)
            .collect()
            .await;
        if let Some(err) = stored.into_iter().find_map(Result::err) {
            return Err(err);
        }
        if !renew(db, job, owner, count).await? {
            return Ok(false);
        }
    }
}

/// Runs every claimable job to its end under a fresh owner (tests and benches).
pub async fn run_pending(db: &Db, storage: &Storage, public_url: &str) -> Result<(), sqlx::Error> {
    let context = JobContext {
        db: db.clone(),
        storage: storage.clone(),
        public_url: public_url.to_string(),
    };
    let owner = format!("{:016x}", rand::random::<u64>());
    run_claimable(&context, &owner).await
}
