//! The answer writer: every answer save goes through one task, on a thread of its own, that
//! commits saves in groups (one transaction for all saves waiting), and a save is acknowledged
//! only after its group commits.
//! This keeps durability (`synchronous = full` on SQLite) while thousands of teachers save at once.
//!
//! Who is saving is checked in the group too: a request names its session, and one query per group
//! finds the participant signed in to each session (the same checks as `auth::load_session_user`:
//! unexpired, epoch current). A session that fails is answered `SignedOut`, and the caller then
//! takes the full path for the right refusal.
//!
//! A save changes an answer only when its sequence number is newer than the stored one and the
//! attempt is still open (not finished, deadline plus grace not passed). On PostgreSQL the attempt
//! row is read `for share`, so a save and the attempt's finishing never interleave; on SQLite the
//! write lock already serializes them.

use crate::ssr::db::{Backend, Db, SQLITE_PRAGMAS};
use sqlx::any::AnyConnectOptions;
use sqlx::AnyConnection;
use sqlx::{Connection, Executor};
use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::sync::Arc;
use tokio::sync::{mpsc, oneshot};

/// Seconds after the deadline during which saves are still taken (a slow network's last saves).
pub const GRACE_SECS: i64 = 30;

/// Most saves committed in one transaction.
const MAX_GROUP: usize = 1024;

/// How long the writer waits, after the first save of a group arrives, for more to join it.
/// Every group costs a commit (a disk sync), five statements and as many hops to the database's
/// thread, whatever its size, so fewer and larger groups cost less CPU per save: 2 ms cut the
/// server's CPU at 2,100 saves/s by a third (docs/BENCHMARKS.md, "A leaner load generator, and
/// gathering saves for 2 ms").
/// The wait is small beside a phone's round trip, and a save still returns only after its commit.
const GATHER: std::time::Duration = std::time::Duration::from_millis(2);

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

/// Who is saving: the session the request came with, or a participant already known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Caller {
    /// The id of the request's session, checked in the group.
    Session(String),
    /// A participant the request's handler has already identified.
    User(i64),
}

/// Why a request's saves were refused as a whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveRefused {
    /// The session signs in no participant (expired, signed out, epoch stale, another role).
    SignedOut,
    /// No such attempt for this participant, or a question not in the attempt.
    NotFound,
    /// The attempt is finished, or its deadline plus grace has passed.
    Closed,
}

/// The result of one request's saves.
pub type SaveResult = Result<Vec<SaveOutcome>, SaveRefused>;

struct Job {
    attempt_id: i64,
    caller: Caller,
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
    /// Starts the writer on its own thread, with its own connection to the database of `db`
    /// (see [`run`]).
    pub fn start(db: Db, backend: Backend) -> AnswerWriter {
        let (jobs, queue) = mpsc::channel::<Job>(16 * 1024);
        let options = db.connect_options();
        std::thread::Builder::new()
            .name("answer-writer".into())
            .spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("the answer writer's runtime starts");
                runtime.block_on(run(options, backend, queue));
            })
            .expect("the answer writer's thread starts");
        AnswerWriter { jobs }
    }

    /// Saves `saves` into attempt `attempt_id` of `caller`, as of server time `now`, and waits for
    /// the commit. `Err` is a database failure (nothing acknowledged; the client retries).
    pub async fn save(
        &self,
        attempt_id: i64,
        caller: Caller,
        saves: Vec<AnswerSave>,
        now: i64,
    ) -> Result<SaveResult, String> {
        let (reply, answer) = oneshot::channel();
        self.jobs
            .send(Job {
                attempt_id,
                caller,
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

/// The writer's loop, on a thread and runtime of its own: each database round trip of a group
/// wakes this task at once. On the server's runtime it waited behind thousands of request tasks
/// at every wake-up (a statement's reply, each 50 rows of a result), and groups took 15–40 ms
/// in a 10,000 saves/s burst.
///
/// The connection is its own too (opened from the pool's options, with the same SQLite
/// settings), so that its socket is driven by this runtime; after a failed group it is opened
/// afresh.
async fn run(options: Arc<AnyConnectOptions>, backend: Backend, mut queue: mpsc::Receiver<Job>) {
    let mut conn: Option<AnyConnection> = None;
    let mut group: Vec<Job> = Vec::new();
    while let Some(first) = queue.recv().await {
        let mut saves = first.saves.len();
        group.push(first);
        tokio::time::sleep(GATHER).await;
        while saves < MAX_GROUP {
            match queue.try_recv() {
                Ok(job) => {
                    saves += job.saves.len();
                    group.push(job);
                }
                Err(_) => break,
            }
        }
        let started = std::time::Instant::now();
        let committed = match &mut conn {
            Some(conn) => commit_group(conn, backend, &group).await,
            None => match open(&options, backend).await {
                Ok(opened) => commit_group(conn.insert(opened), backend, &group).await,
                Err(err) => Err(err),
            },
        };
        tracing::debug!(
            requests = group.len(),
            saves,
            micros = started.elapsed().as_micros() as u64,
            "answer group"
        );
        match committed {
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
                // A broken connection would fail every group after; a pause keeps a database
                // that is down from being asked again at full speed.
                conn = None;
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            }
        }
    }
}

/// Opens the writer's connection; on SQLite with the pool's settings (durable commits).
async fn open(options: &AnyConnectOptions, backend: Backend) -> Result<AnyConnection, sqlx::Error> {
    let mut conn = AnyConnection::connect_with(options).await?;
    if backend == Backend::Sqlite {
        for pragma in SQLITE_PRAGMAS {
            conn.execute(pragma).await?;
        }
    }
    Ok(conn)
}

/// What the writer needs to know of an attempt.
struct AttemptState {
    user_id: i64,
    finished: bool,
    deadline_at: i64,
}

/// Most rows in one batched statement (at most 5 parameters each, well inside both databases'
/// limits).
const MAX_BATCH_ROWS: usize = 256;

/// `n` rounded up to a power of two, so that a handful of statement shapes serve every group
/// size and stay in each connection's statement cache.
fn padded(n: usize) -> usize {
    n.next_power_of_two()
}

/// Commits one group in one transaction with a few statements whatever its size: one read of the
/// callers' sessions, one of the attempts, then one batched update per round (a round holds each question of an attempt at most
/// once, in arrival order, so two saves of one answer in a group apply one after the other as if
/// sent apart).
async fn commit_group(
    conn: &mut AnyConnection,
    backend: Backend,
    group: &[Job],
) -> Result<Vec<SaveResult>, sqlx::Error> {
    // On SQLite the write lock is taken at once: a deferred transaction that read first could
    // not write if another connection committed in between (`SQLITE_BUSY_SNAPSHOT`, which the
    // busy timeout does not wait out), and the whole group would fail.
    let mut tx = match backend {
        Backend::Sqlite => conn.begin_with("begin immediate").await?,
        Backend::Postgres => conn.begin().await?,
    };
    let signed_in = participants_of_sessions(&mut tx, backend, group).await?;
    let attempts = attempt_states(&mut tx, backend, group).await?;
    let mut results: Vec<SaveResult> = group
        .iter()
        .map(|job| {
            let user = match &job.caller {
                Caller::User(id) => Some(*id),
                Caller::Session(session) => signed_in.get(session.as_str()).copied(),
            };
            let Some(user) = user else {
                return Err(SaveRefused::SignedOut);
            };
            match attempts.get(&job.attempt_id) {
                Some(a) if a.user_id != user => Err(SaveRefused::NotFound),
                None => Err(SaveRefused::NotFound),
                Some(a) if a.finished || job.now > a.deadline_at + GRACE_SECS => {
                    Err(SaveRefused::Closed)
                }
                Some(_) => Ok(vec![SaveOutcome::Stale; job.saves.len()]),
            }
        })
        .collect();

    // Every accepted save as (job, save), placed in the round after the previous save of the
    // same answer.
    let mut rounds: Vec<Vec<(usize, usize)>> = Vec::new();
    let mut seen: HashMap<(i64, i64), usize> = HashMap::new();
    for (j, job) in group.iter().enumerate() {
        if results[j].is_err() {
            continue;
        }
        for (k, save) in job.saves.iter().enumerate() {
            let round = match seen.entry((job.attempt_id, save.question_id)) {
                Entry::Vacant(slot) => *slot.insert(0),
                Entry::Occupied(mut slot) => {
                    *slot.get_mut() += 1;
                    *slot.get()
                }
            };
            if rounds.len() <= round {
                rounds.push(Vec::new());
            }
            rounds[round].push((j, k));
        }
    }

    let mut missing: Vec<(usize, usize)> = Vec::new();
    for round in &rounds {
        for chunk in round.chunks(MAX_BATCH_ROWS) {
            let changed = update_batch(&mut tx, backend, group, chunk).await?;
            for &(j, k) in chunk {
                let job = &group[j];
                let key = (job.attempt_id, job.saves[k].question_id);
                if changed.contains(&key) {
                    if let Ok(outcomes) = &mut results[j] {
                        outcomes[k] = SaveOutcome::Saved;
                    }
                } else {
                    missing.push((j, k));
                }
            }
        }
    }
    // Saves that changed nothing are stale, unless their question is not in the attempt: then the
    // request is refused (a tampered client; its other answers may have been stored).
    for chunk in missing.chunks(MAX_BATCH_ROWS) {
        let known = known_items(&mut tx, backend, group, chunk).await?;
        for &(j, k) in chunk {
            let job = &group[j];
            if !known.contains(&(job.attempt_id, job.saves[k].question_id)) {
                results[j] = Err(SaveRefused::NotFound);
            }
        }
    }
    let committing = std::time::Instant::now();
    tx.commit().await?;
    tracing::debug!(
        micros = committing.elapsed().as_micros() as u64,
        "answer group commit"
    );
    Ok(results)
}

/// The participant signed in to each session the group names, read in one statement: the
/// session unexpired (real time, as the session store reads it), its epoch the user's current one.
async fn participants_of_sessions(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    backend: Backend,
    group: &[Job],
) -> Result<HashMap<String, i64>, sqlx::Error> {
    let mut sessions: Vec<&str> = group
        .iter()
        .filter_map(|job| match &job.caller {
            Caller::Session(id) => Some(id.as_str()),
            Caller::User(_) => None,
        })
        .collect();
    sessions.sort_unstable();
    sessions.dedup();
    let now = crate::ssr::db::now_unix();
    let mut users = HashMap::with_capacity(sessions.len());
    let (now_param, role_param) = (param(backend, 1), param(backend, 2));
    for chunk in sessions.chunks(MAX_BATCH_ROWS) {
        let slots = padded(chunk.len());
        let list = placeholders(backend, 3, slots);
        let sql = format!(
            "select s.id, u.id from session s join app_user u on u.id = s.user_id \
             where s.expires_at > {now_param} and s.user_epoch = u.session_epoch \
             and u.role = {role_param} and s.id in ({list})"
        );
        let mut query = sqlx::query_as::<_, (String, i64)>(&sql)
            .bind(now)
            .bind(crate::model::Role::Participant.code());
        for i in 0..slots {
            query = query.bind(chunk[i.min(chunk.len() - 1)]);
        }
        users.extend(query.fetch_all(&mut **tx).await?);
    }
    Ok(users)
}

/// The attempts of the group, read in one statement (on PostgreSQL locked `for share`, in id
/// order, so a save and the attempt's finishing never interleave).
async fn attempt_states(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    backend: Backend,
    group: &[Job],
) -> Result<HashMap<i64, AttemptState>, sqlx::Error> {
    let mut ids: Vec<i64> = group.iter().map(|job| job.attempt_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let mut states = HashMap::with_capacity(ids.len());
    for chunk in ids.chunks(MAX_BATCH_ROWS) {
        let slots = padded(chunk.len());
        let list = placeholders(backend, 1, slots);
        let lock = match backend {
            Backend::Postgres => " order by id for share",
            Backend::Sqlite => "",
        };
        let sql = format!(
            "select id, user_id, finished_at, deadline_at from quiz_attempt where id in ({list}){lock}"
        );
        let mut query = sqlx::query_as::<_, (i64, i64, Option<i64>, i64)>(&sql);
        for i in 0..slots {
            // Padding repeats the last id: the same shape of statement for every size up to `slots`.
            query = query.bind(chunk[i.min(chunk.len() - 1)]);
        }
        for (id, user_id, finished_at, deadline_at) in query.fetch_all(&mut **tx).await? {
            states.insert(
                id,
                AttemptState {
                    user_id,
                    finished: finished_at.is_some(),
                    deadline_at,
                },
            );
        }
    }
    Ok(states)
}

/// Bind parameter number `i` (from 1) as `backend` writes it: `$i` on PostgreSQL, a bare `?` on
/// SQLite. SQLite looks each numbered name up in a list, so binding a statement of `n` names `$i`
/// costs time in `n²` (6% of the server's CPU in the burst, by `perf`); bare `?`s bind in the
/// order they are written, which is the order every statement here binds them.
fn param(backend: Backend, i: usize) -> String {
    match backend {
        Backend::Postgres => format!("${i}"),
        Backend::Sqlite => "?".to_string(),
    }
}

/// `$first, $first+1, …` (or `?, ?, …`): `count` parameters.
fn placeholders(backend: Backend, first: usize, count: usize) -> String {
    (first..first + count)
        .map(|i| param(backend, i))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `($1, $2, …), (…), …`: `rows` rows of `width` parameters each.
fn values_rows(backend: Backend, rows: usize, width: usize) -> String {
    (0..rows)
        .map(|r| format!("({})", placeholders(backend, r * width + 1, width)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Applies the saves `chunk` (at most one per answer) where their sequence number is newer, in one
/// statement; returns the `(attempt, question)` pairs it changed. Padding rows name attempt 0,
/// which does not exist.
async fn update_batch(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    backend: Backend,
    group: &[Job],
    chunk: &[(usize, usize)],
) -> Result<HashSet<(i64, i64)>, sqlx::Error> {
    let slots = padded(chunk.len());
    let sql = format!(
        "with v (attempt_id, question_id, seq, answer, saved_at) as (values {}) \
         update attempt_item set answer = v.answer, seq = v.seq, saved_at = v.saved_at from v \
         where attempt_item.attempt_id = v.attempt_id and attempt_item.question_id = v.question_id \
         and attempt_item.seq < v.seq returning attempt_item.attempt_id, attempt_item.question_id",
        values_rows(backend, slots, 5)
    );
    let mut query = sqlx::query_as::<_, (i64, i64)>(&sql);
    for i in 0..slots {
        match chunk.get(i) {
            Some(&(j, k)) => {
                let job = &group[j];
                let save = &job.saves[k];
                query = query
                    .bind(job.attempt_id)
                    .bind(save.question_id)
                    .bind(save.seq)
                    .bind(save.answer.as_str())
                    .bind(job.now);
            }
            None => {
                query = query
                    .bind(0_i64)
                    .bind(0_i64)
                    .bind(0_i64)
                    .bind("")
                    .bind(0_i64);
            }
        }
    }
    Ok(query.fetch_all(&mut **tx).await?.into_iter().collect())
}

/// Which of the `chunk`'s `(attempt, question)` pairs exist, in one statement.
async fn known_items(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    backend: Backend,
    group: &[Job],
    chunk: &[(usize, usize)],
) -> Result<HashSet<(i64, i64)>, sqlx::Error> {
    let slots = padded(chunk.len());
    let sql = format!(
        "with v (attempt_id, question_id) as (values {}) \
         select i.attempt_id, i.question_id from attempt_item i \
         join v on i.attempt_id = v.attempt_id and i.question_id = v.question_id",
        values_rows(backend, slots, 2)
    );
    let mut query = sqlx::query_as::<_, (i64, i64)>(&sql);
    for i in 0..slots {
        let (attempt, question) = match chunk.get(i) {
            Some(&(j, k)) => (group[j].attempt_id, group[j].saves[k].question_id),
            None => (0, 0),
        };
        query = query.bind(attempt).bind(question);
    }
    Ok(query.fetch_all(&mut **tx).await?.into_iter().collect())
}
