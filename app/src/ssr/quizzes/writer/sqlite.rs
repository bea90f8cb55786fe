//! The answer writer on SQLite: a group's checks and updates as prepared statements on the
//! writer's own rusqlite connection, in one `immediate` transaction, on the writer's thread.
//!
//! rusqlite runs each statement in the calling thread, where sqlx's SQLite driver sends it to a
//! worker thread of its own and every reply and row back: in the 10,000 saves/s burst that hop
//! and its copies took a third of the server's CPU (docs/BENCHMARKS.md). Both link the one
//! `libsqlite3-sys` in the build, so the pool's connections and this one share SQLite's locks.

use super::{judge, AttemptState, Caller, Job, SaveOutcome, SaveRefused, SaveResult};
use crate::ssr::db::{now_unix, SQLITE_PRAGMAS};
use rusqlite::{params, Connection, OpenFlags, OptionalExtension, TransactionBehavior};
use std::collections::HashMap;
use std::path::Path;

/// Opens the database file the pool created and migrated, with the pool's settings (durable
/// commits, the same busy timeout).
pub(super) fn open(path: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    for pragma in SQLITE_PRAGMAS {
        // Some settings answer with a row (`journal_mode`, `busy_timeout`), others with none.
        let mut statement = conn.prepare(pragma)?;
        let mut rows = statement.query([])?;
        while rows.next()?.is_some() {}
    }
    Ok(conn)
}

/// Commits one group in one transaction. The write lock is taken at once (`begin immediate`): a
/// deferred transaction that read first could not write if another connection committed in
/// between (`SQLITE_BUSY_SNAPSHOT`, which the busy timeout does not wait out). Saves are applied
/// in arrival order, so two saves of one answer in a group apply as if sent apart.
pub(super) fn commit_group(
    conn: &mut Connection,
    group: &[Job],
) -> rusqlite::Result<Vec<SaveResult>> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let signed_in = participants_of_sessions(&tx, group)?;
    let attempts = attempt_states(&tx, group)?;
    let mut results = judge(group, &signed_in, &attempts);
    {
        let mut update = tx.prepare_cached(
            "update attempt_item set answer = ?1, seq = ?2, saved_at = ?3 \
             where attempt_id = ?4 and question_id = ?5 and seq < ?2",
        )?;
        let mut item = tx.prepare_cached(
            "select 1 from attempt_item where attempt_id = ?1 and question_id = ?2",
        )?;
        for (job, result) in group.iter().zip(results.iter_mut()) {
            let Ok(outcomes) = result else {
                continue;
            };
            let mut unknown_question = false;
            for (save, outcome) in job.saves.iter().zip(outcomes.iter_mut()) {
                let changed = update.execute(params![
                    save.answer,
                    save.seq,
                    job.now,
                    job.attempt_id,
                    save.question_id
                ])?;
                if changed > 0 {
                    *outcome = SaveOutcome::Saved;
                } else if item
                    .query_row(params![job.attempt_id, save.question_id], |_| Ok(()))
                    .optional()?
                    .is_none()
                {
                    unknown_question = true;
                }
            }
            // A question not in the attempt: a tampered client. The request is refused; its
            // other answers may have been stored.
            if unknown_question {
                *result = Err(SaveRefused::NotFound);
            }
        }
    }
    let committing = std::time::Instant::now();
    tx.commit()?;
    tracing::debug!(
        micros = committing.elapsed().as_micros() as u64,
        "answer group commit"
    );
    Ok(results)
}

/// The participant signed in to each session the group names: the session unexpired (real time,
/// as the session store reads it), its epoch the user's current one.
fn participants_of_sessions(
    tx: &rusqlite::Transaction<'_>,
    group: &[Job],
) -> rusqlite::Result<HashMap<String, i64>> {
    let mut statement = tx.prepare_cached(
        "select u.id from session s join app_user u on u.id = s.user_id \
         where s.id = ?1 and s.expires_at > ?2 and s.user_epoch = u.session_epoch \
         and u.role = ?3",
    )?;
    let now = now_unix();
    let participant = crate::model::Role::Participant.code();
    let mut users = HashMap::new();
    for job in group {
        let Caller::Session(session) = &job.caller else {
            continue;
        };
        if users.contains_key(session) {
            continue;
        }
        if let Some(user) = statement
            .query_row(params![session, now, participant], |row| row.get(0))
            .optional()?
        {
            users.insert(session.clone(), user);
        }
    }
    Ok(users)
}

/// The attempts of the group.
fn attempt_states(
    tx: &rusqlite::Transaction<'_>,
    group: &[Job],
) -> rusqlite::Result<HashMap<i64, AttemptState>> {
    let mut statement = tx.prepare_cached(
        "select user_id, finished_at, deadline_at from quiz_attempt where id = ?1",
    )?;
    let mut states = HashMap::new();
    for job in group {
        if states.contains_key(&job.attempt_id) {
            continue;
        }
        let state = statement
            .query_row(params![job.attempt_id], |row| {
                Ok(AttemptState {
                    user_id: row.get(0)?,
                    finished: row.get::<_, Option<i64>>(1)?.is_some(),
                    deadline_at: row.get(2)?,
                })
            })
            .optional()?;
        if let Some(state) = state {
            states.insert(job.attempt_id, state);
        }
    }
    Ok(states)
}
