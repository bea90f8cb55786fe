//! The answer writer: every answer save goes through one task, on a thread of its own, that
//! commits saves in groups (one transaction for all saves waiting), and a save is acknowledged
//! only after its group commits.
//! This keeps durability (`synchronous = full` on SQLite) while thousands of teachers save at once.
//!
//! Who is saving is checked in the group too: a request names its session, and the group's
//! transaction finds the participant signed in to each session (the same checks as
//! `auth::load_session_user`: unexpired, epoch current). A session that fails is answered
//! `SignedOut`, and the caller then takes the full path for the right refusal.
//!
//! A save changes an answer only when its sequence number is newer than the stored one and the
//! attempt is still open (not finished, deadline plus grace not passed). How a group is written
//! depends on the database: [`sqlite`] (the writer's own rusqlite connection, whose write lock
//! serializes a save and the attempt's finishing) and [`postgres`] (sqlx, batched statements,
//! the attempt rows read `for share`).

mod postgres;
mod sqlite;

use crate::ssr::db::Db;
use std::collections::HashMap;
use std::fmt;
use std::path::PathBuf;
use tokio::sync::{mpsc, oneshot};

/// Seconds after the deadline during which saves are still taken (a slow network's last saves).
pub const GRACE_SECS: i64 = 30;

/// Most saves committed in one transaction.
const MAX_GROUP: usize = 1024;

/// How long the writer waits, after the first save of a group arrives, for more to join it.
/// Every group costs a commit (a disk sync) and a few statements whatever its size, so fewer and
/// larger groups cost less CPU per save: 2 ms cut the server's CPU at 2,100 saves/s by a third
/// (docs/BENCHMARKS.md, "A leaner load generator, and gathering saves for 2 ms").
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

/// The database the writer writes to.
pub enum WriterDatabase {
    /// The SQLite file the pool opened (and migrated); the writer opens it with rusqlite.
    Sqlite(PathBuf),
    /// PostgreSQL, reached with the pool's connect options.
    Postgres(Db),
}

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

/// Told the number of saves of each group the writer commits (the server's metrics).
pub type GroupObserver = Box<dyn Fn(usize) + Send + 'static>;

impl AnswerWriter {
    /// Starts the writer on its own thread, with its own connection to `database` (see [`run`]).
    pub fn start(database: WriterDatabase) -> AnswerWriter {
        Self::start_observed(database, Box::new(|_| {}))
    }

    /// [`start`](Self::start), telling `observe` each committed group's number of saves.
    pub fn start_observed(database: WriterDatabase, observe: GroupObserver) -> AnswerWriter {
        let (jobs, queue) = mpsc::channel::<Job>(16 * 1024);
        std::thread::Builder::new()
            .name("answer-writer".into())
            .spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("the answer writer's runtime starts");
                runtime.block_on(run(database, queue, observe));
            })
            .expect("the answer writer's thread starts");
        AnswerWriter { jobs }
    }

    /// Save requests waiting for the writer.
    pub fn queued(&self) -> usize {
        self.jobs.max_capacity() - self.jobs.capacity()
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

/// The writer's connection, opened by the writer itself.
enum Connection {
    Sqlite(rusqlite::Connection),
    Postgres(sqlx::AnyConnection),
}

impl Connection {
    async fn open(database: &WriterDatabase) -> Result<Connection, String> {
        match database {
            WriterDatabase::Sqlite(path) => sqlite::open(path)
                .map(Connection::Sqlite)
                .map_err(|err| err.to_string()),
            WriterDatabase::Postgres(db) => postgres::open(db)
                .await
                .map(Connection::Postgres)
                .map_err(|err| err.to_string()),
        }
    }

    async fn commit_group(&mut self, group: &[Job]) -> Result<Vec<SaveResult>, String> {
        match self {
            Connection::Sqlite(conn) => {
                sqlite::commit_group(conn, group).map_err(|err| err.to_string())
            }
            Connection::Postgres(conn) => postgres::commit_group(conn, group)
                .await
                .map_err(|err| err.to_string()),
        }
    }
}

/// The writer's loop, on a thread and runtime of its own: on PostgreSQL each round trip of a
/// group wakes this task at once. On the server's runtime it waited behind thousands of request
/// tasks at every wake-up, and groups took 15–40 ms in a 10,000 saves/s burst.
///
/// The connection is its own too; after a failed group it is opened afresh. On SQLite its
/// statements run on this thread, with no hop to another (with sqlx, 27% of the server's CPU in
/// the burst went to sqlx's SQLite worker thread and 12% to this one).
async fn run(database: WriterDatabase, mut queue: mpsc::Receiver<Job>, observe: GroupObserver) {
    let mut conn: Option<Connection> = None;
    let mut group: Vec<Job> = Vec::new();
    while let Some(first) = queue.recv().await {
        let mut saves = first.saves.len();
        group.push(first);
        // A blocking sleep: nothing else runs on this thread, and Tokio's timer counts whole
        // milliseconds and rounds up, so its 2 ms sleep lasted about 3 ms.
        std::thread::sleep(GATHER);
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
        let (results, reachable) = commit_isolating(&mut conn, &database, &group).await;
        tracing::debug!(
            requests = group.len(),
            saves,
            micros = started.elapsed().as_micros() as u64,
            "answer group"
        );
        observe(saves);
        for (job, result) in group.drain(..).zip(results) {
            let _ = job.reply.send(result);
        }
        if !reachable {
            // The database could not be reached: a pause keeps a database that is down from
            // being asked again at full speed.
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
    }
}

/// Commits `group`: each request's result, and whether the database could be reached. When the group's transaction fails, the
/// group is split in halves and each half committed on its own, down to single requests: a save
/// the database refuses fails its own request only, and every other participant's saves commit.
/// Nothing fails almost always, and then this costs nothing; one refused request in a group of
/// n costs about 2·log2(n) more transactions. After a failure the connection is opened afresh
/// (a broken one would fail every try after it); when it cannot be opened, every request left
/// gets the error at once instead of trying halves against a database that is down.
async fn commit_isolating(
    conn: &mut Option<Connection>,
    database: &WriterDatabase,
    group: &[Job],
) -> (Vec<Result<SaveResult, String>>, bool) {
    let mut reachable = true;
    let mut results: Vec<Option<Result<SaveResult, String>>> = vec![None; group.len()];
    // Ranges still to commit, the next on top: halves are committed in arrival order.
    let mut pending: Vec<std::ops::Range<usize>> = Vec::with_capacity(8);
    pending.push(0..group.len());
    while let Some(range) = pending.pop() {
        let jobs = &group[range.clone()];
        let committed = match conn {
            Some(conn) => conn.commit_group(jobs).await,
            None => match Connection::open(database).await {
                Ok(opened) => conn.insert(opened).commit_group(jobs).await,
                Err(err) => {
                    tracing::error!(%err, "answer writer cannot reach the database");
                    for slot in results.iter_mut().filter(|slot| slot.is_none()) {
                        *slot = Some(Err(err.clone()));
                    }
                    reachable = false;
                    break;
                }
            },
        };
        match committed {
            Ok(done) => {
                for (slot, result) in results[range].iter_mut().zip(done) {
                    *slot = Some(Ok(result));
                }
            }
            Err(err) => {
                *conn = None;
                if range.len() == 1 {
                    tracing::error!(%err, attempt = jobs[0].attempt_id, "answer save refused by the database");
                    results[range.start] = Some(Err(err));
                } else {
                    tracing::warn!(%err, requests = range.len(), "answer group failed: committing its halves apart");
                    let middle = range.start + range.len() / 2;
                    pending.push(middle..range.end);
                    pending.push(range.start..middle);
                }
            }
        }
    }
    let results = results
        .into_iter()
        .map(|slot| slot.unwrap_or_else(|| Err("answer writer left a save unanswered".to_string())))
        .collect();
    (results, reachable)
}

/// What the writer needs to know of an attempt.
struct AttemptState {
    user_id: i64,
    finished: bool,
    deadline_at: i64,
}

/// Each request's verdict before its answers are written: refused (signed out, not the caller's
/// attempt, attempt closed), or accepted with every answer `Stale` until a write stores it.
fn judge(
    group: &[Job],
    signed_in: &HashMap<String, i64>,
    attempts: &HashMap<i64, AttemptState>,
) -> Vec<SaveResult> {
    group
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
        .collect()
}
