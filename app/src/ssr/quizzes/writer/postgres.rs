//! The answer writer on PostgreSQL: a group in a few batched statements on the writer's own sqlx
//! connection, whatever its size: one read of the callers' sessions, one of the attempts (locked
//! `for share`, so a save and the attempt's finishing never interleave), then one update per round.

use super::{judge, AnswerSave, AttemptState, Caller, Job, SaveOutcome, SaveRefused, SaveResult};
use crate::ssr::db::Db;
use sqlx::{AnyConnection, Connection};
use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

/// Most rows in one batched statement (at most 5 parameters each, well inside PostgreSQL's limit).
const MAX_BATCH_ROWS: usize = 256;

/// Opens the writer's connection with the pool's options.
pub(super) async fn open(db: &Db) -> Result<AnyConnection, sqlx::Error> {
    AnyConnection::connect_with(&db.connect_options()).await
}

/// `n` rounded up to a power of two, so that a handful of statement shapes serve every group
/// size and stay in each connection's statement cache.
fn padded(n: usize) -> usize {
    n.next_power_of_two()
}

/// Commits one group in one transaction. A round holds each question of an attempt at most once,
/// in arrival order, so two saves of one answer in a group apply one after the other as if sent
/// apart.
pub(super) async fn commit_group(
    conn: &mut AnyConnection,
    group: &[Job],
) -> Result<Vec<SaveResult>, sqlx::Error> {
    let mut tx = conn.begin().await?;
    let signed_in = participants_of_sessions(&mut tx, group).await?;
    let attempts = attempt_states(&mut tx, group).await?;
    let mut results = judge(group, &signed_in, &attempts);

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
            let changed = run_for_chunk(&mut tx, &UPDATE_NEWER, group, chunk).await?;
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
        let known = run_for_chunk(&mut tx, &KNOWN_ITEMS, group, chunk).await?;
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
    for chunk in sessions.chunks(MAX_BATCH_ROWS) {
        let slots = padded(chunk.len());
        let sql = format!(
            "select s.id, u.id from session s join app_user u on u.id = s.user_id \
             where s.expires_at > $1 and s.user_epoch = u.session_epoch \
             and u.role = $2 and s.id in ({})",
            placeholders(3, slots)
        );
        let mut query = sqlx::query_as::<_, (String, i64)>(&sql)
            .bind(now)
            .bind(crate::model::Role::Participant.code());
        for i in 0..slots {
            // Padding repeats the last value: the same shape of statement for every size up to
            // `slots`.
            query = query.bind(chunk[i.min(chunk.len() - 1)]);
        }
        users.extend(query.fetch_all(&mut **tx).await?);
    }
    Ok(users)
}

/// The attempts of the group, read in one statement and locked `for share` in id order.
async fn attempt_states(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    group: &[Job],
) -> Result<HashMap<i64, AttemptState>, sqlx::Error> {
    let mut ids: Vec<i64> = group.iter().map(|job| job.attempt_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let mut states = HashMap::with_capacity(ids.len());
    for chunk in ids.chunks(MAX_BATCH_ROWS) {
        let slots = padded(chunk.len());
        let sql = format!(
            "select id, user_id, finished_at, deadline_at from quiz_attempt where id in ({}) \
             order by id for share",
            placeholders(1, slots)
        );
        let mut query = sqlx::query_as::<_, (i64, i64, Option<i64>, i64)>(&sql);
        for i in 0..slots {
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

/// `$first, $first+1, …`: `count` parameters.
fn placeholders(first: usize, count: usize) -> String {
    (first..first + count)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `($1, $2, …), (…), …`: `rows` rows of `width` parameters each.
fn values_rows(rows: usize, width: usize) -> String {
    (0..rows)
        .map(|r| format!("({})", placeholders(r * width + 1, width)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A batched statement's query, yielding `(attempt, question)` pairs.
type PairsQuery<'q> = sqlx::query::QueryAs<'q, sqlx::Any, (i64, i64), sqlx::any::AnyArguments<'q>>;

/// A statement over a `values` list `v` with one row per save of a chunk, which yields
/// `(attempt, question)` pairs.
struct ChunkStatement {
    /// Parameters in one row of `v`.
    width: usize,
    /// The statement, given the text of its `values` rows.
    sql: fn(&str) -> String,
    /// Binds one row's parameters: a save of a job, or a padding row (`None`).
    bind: for<'q> fn(PairsQuery<'q>, Option<(&'q Job, &'q AnswerSave)>) -> PairsQuery<'q>,
}

/// Applies the saves of a chunk (at most one per answer) where their sequence number is newer;
/// yields the `(attempt, question)` pairs it changed. Padding rows name attempt 0, which does not
/// exist.
const UPDATE_NEWER: ChunkStatement = ChunkStatement {
    width: 5,
    sql: |values| {
        format!(
            "with v (attempt_id, question_id, seq, answer, saved_at) as (values {values}) \
             update attempt_item set answer = v.answer, seq = v.seq, saved_at = v.saved_at \
             from v where attempt_item.attempt_id = v.attempt_id \
             and attempt_item.question_id = v.question_id and attempt_item.seq < v.seq \
             returning attempt_item.attempt_id, attempt_item.question_id"
        )
    },
    bind: |query, save| match save {
        Some((job, save)) => query
            .bind(job.attempt_id)
            .bind(save.question_id)
            .bind(save.seq)
            .bind(save.answer.as_str())
            .bind(job.now),
        None => query
            .bind(0_i64)
            .bind(0_i64)
            .bind(0_i64)
            .bind("")
            .bind(0_i64),
    },
};

/// Yields which of a chunk's `(attempt, question)` pairs exist.
const KNOWN_ITEMS: ChunkStatement = ChunkStatement {
    width: 2,
    sql: |values| {
        format!(
            "with v (attempt_id, question_id) as (values {values}) \
             select i.attempt_id, i.question_id from attempt_item i \
             join v on i.attempt_id = v.attempt_id and i.question_id = v.question_id"
        )
    },
    bind: |query, save| match save {
        Some((job, save)) => query.bind(job.attempt_id).bind(save.question_id),
        None => query.bind(0_i64).bind(0_i64),
    },
};

/// Runs `statement` in one go for the saves `chunk` (pairs of a job of `group` and a save of it),
/// padded to a power of two rows; returns the pairs it yields.
async fn run_for_chunk(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    statement: &ChunkStatement,
    group: &[Job],
    chunk: &[(usize, usize)],
) -> Result<HashSet<(i64, i64)>, sqlx::Error> {
    let slots = padded(chunk.len());
    let sql = (statement.sql)(&values_rows(slots, statement.width));
    let mut query = sqlx::query_as::<_, (i64, i64)>(&sql);
    for i in 0..slots {
        let save = chunk.get(i).map(|&(j, k)| (&group[j], &group[j].saves[k]));
        query = (statement.bind)(query, save);
    }
    Ok(query.fetch_all(&mut **tx).await?.into_iter().collect())
}
