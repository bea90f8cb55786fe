//! The answer writer: every answer save goes through one task that commits saves in groups (one
//! transaction for all saves waiting), and a save is acknowledged only after its group commits.
//! This keeps durability (`synchronous = full` on SQLite) while thousands of teachers save at once.
//!
//! A save changes an answer only when its sequence number is newer than the stored one and the
//! attempt is still open (not finished, deadline plus grace not passed). On PostgreSQL the attempt
//! row is read `for share`, so a save and the attempt's finishing never interleave; on SQLite the
//! write lock already serializes them.

use crate::ssr::db::{Backend, Db};
use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::fmt;
use tokio::sync::{mpsc, oneshot};

/// Seconds after the deadline during which saves are still taken (a slow network's last saves).
pub const GRACE_SECS: i64 = 30;

/// Most saves committed in one transaction.
const MAX_GROUP: usize = 1024;

/// One answer as the participant gave it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnswerSave {
    pub question_id: i64,
    /// The client's sequence number for this answer: a save with a number not above the stored
    /// one changes nothing.
    pub seq: i64,
    pub answer: String,
}

/// What became of one save.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveOutcome {
    /// Stored.
    Saved,
    /// A newer (or the same) answer is already stored; nothing changed.
    Stale,
}

/// Why a request's saves were refused as a whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveRefused {
    /// No such attempt for this participant, or a question not in the attempt.
    NotFound,
    /// The attempt is finished, or its deadline plus grace has passed.
    Closed,
}

/// The result of one request's saves.
pub type SaveResult = Result<Vec<SaveOutcome>, SaveRefused>;

struct Job {
    attempt_id: i64,
    user_id: i64,
    saves: Vec<AnswerSave>,
    now: i64,
    reply: oneshot::Sender<Result<SaveResult, String>>,
}

/// A handle on the writer task; cheap to clone.
#[derive(Clone)]
pub struct AnswerWriter {
    jobs: mpsc::Sender<Job>,
}

impl fmt::Debug for AnswerWriter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AnswerWriter")
    }
}

impl AnswerWriter {
    /// Starts the writer task on `db` (must be called inside a Tokio runtime).
    pub fn start(db: Db, backend: Backend) -> AnswerWriter {
        let (jobs, queue) = mpsc::channel::<Job>(16 * 1024);
        tokio::spawn(run(db, backend, queue));
        AnswerWriter { jobs }
    }

    /// Saves `saves` into attempt `attempt_id` of `user_id`, as of server time `now`, and waits for
    /// the commit. `Err` is a database failure (nothing acknowledged; the client retries).
    pub async fn save(
        &self,
        attempt_id: i64,
        user_id: i64,
        saves: Vec<AnswerSave>,
        now: i64,
    ) -> Result<SaveResult, String> {
        let (reply, answer) = oneshot::channel();
        self.jobs
            .send(Job {
                attempt_id,
                user_id,
                saves,
                now,
                reply,
            })
            .await
            .map_err(|_| "answer writer stopped".to_string())?;
        answer
            .await
            .map_err(|_| "answer writer dropped the save".to_string())?
    }
}

async fn run(db: Db, backend: Backend, mut queue: mpsc::Receiver<Job>) {
    let mut group: Vec<Job> = Vec::new();
    while let Some(first) = queue.recv().await {
        let mut saves = first.saves.len();
        group.push(first);
        while saves < MAX_GROUP {
            match queue.try_recv() {
                Ok(job) => {
                    saves += job.saves.len();
                    group.push(job);
                }
                Err(_) => break,
            }
        }
        match commit_group(&db, backend, &group).await {
            Ok(results) => {
                for (job, result) in group.drain(..).zip(results) {
                    let _ = job.reply.send(Ok(result));
                }
            }
            Err(err) => {
                tracing::error!(%err, "answer group commit failed");
                for job in group.drain(..) {
                    let _ = job.reply.send(Err(err.to_string()));
                }
            }
        }
    }
}

/// What the writer needs to know of an attempt.
struct AttemptState {
    user_id: i64,
    finished: bool,
    deadline_at: i64,
}

async fn commit_group(
    db: &Db,
    backend: Backend,
    group: &[Job],
) -> Result<Vec<SaveResult>, sqlx::Error> {
    let lock = match backend {
        Backend::Postgres => " for share",
        Backend::Sqlite => "",
    };
    let attempt_sql =
        format!("select user_id, finished_at, deadline_at from quiz_attempt where id = $1{lock}");
    let mut tx = db.begin().await?;
    let mut attempts: HashMap<i64, Option<AttemptState>> = HashMap::new();
    let mut results = Vec::with_capacity(group.len());
    for job in group {
        if let Entry::Vacant(slot) = attempts.entry(job.attempt_id) {
            let row: Option<(i64, Option<i64>, i64)> = sqlx::query_as(&attempt_sql)
                .bind(job.attempt_id)
                .fetch_optional(&mut *tx)
                .await?;
            slot.insert(row.map(|(user_id, finished_at, deadline_at)| AttemptState {
                user_id,
                finished: finished_at.is_some(),
                deadline_at,
            }));
        }
        let state = attempts.get(&job.attempt_id).and_then(Option::as_ref);
        let result = match state {
            None => Err(SaveRefused::NotFound),
            Some(a) if a.user_id != job.user_id => Err(SaveRefused::NotFound),
            Some(a) if a.finished || job.now > a.deadline_at + GRACE_SECS => {
                Err(SaveRefused::Closed)
            }
            Some(_) => save_all(&mut tx, job).await?,
        };
        results.push(result);
    }
    tx.commit().await?;
    Ok(results)
}

async fn save_all(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    job: &Job,
) -> Result<SaveResult, sqlx::Error> {
    let mut outcomes = Vec::with_capacity(job.saves.len());
    for save in &job.saves {
        let changed = sqlx::query(
            "update attempt_item set answer = $1, seq = $2, saved_at = $3 \
             where attempt_id = $4 and question_id = $5 and seq < $2",
        )
        .bind(&save.answer)
        .bind(save.seq)
        .bind(job.now)
        .bind(job.attempt_id)
        .bind(save.question_id)
        .execute(&mut **tx)
        .await?
        .rows_affected();
        if changed == 1 {
            outcomes.push(SaveOutcome::Saved);
            continue;
        }
        let (known,): (i64,) = sqlx::query_as(
            "select count(*) from attempt_item where attempt_id = $1 and question_id = $2",
        )
        .bind(job.attempt_id)
        .bind(save.question_id)
        .fetch_one(&mut **tx)
        .await?;
        if known == 0 {
            // A question not in this attempt: refuse the request, keep the group's other saves.
            return Ok(Err(SaveRefused::NotFound));
        }
        outcomes.push(SaveOutcome::Stale);
    }
    Ok(Ok(outcomes))
}
