//! Attempts: starting one (its question order and deadline fixed on the server), resuming it,
//! finishing it exactly once (by the participant or by the deadline) with grading in the same
//! transaction, and the sweep that finishes attempts whose time ran out.
//!
//! A quiz's question pool is read once per quiz version and kept in memory, so ten thousand
//! starts in a minute each cost three small reads and one short write transaction.

use super::grading::{self, KeyOption, Kind};
use super::writer::GRACE_SECS;
use crate::model::codes::{QuestionSelection, QuizStatus};
use crate::model::quizzes::QuizRow;
use crate::ssr::cohorts::participant::is_participant;
use crate::ssr::db::{is_unique_violation, Db};
use rand::seq::SliceRandom;
use std::collections::HashMap;
use std::sync::{Arc, RwLock};

/// The quiz `id`, if it exists (the settings authoring reads, with their version).
pub async fn quiz(db: &Db, id: i64) -> Result<Option<QuizRow>, sqlx::Error> {
    super::authoring::get(db, id).await
}

/// One question of a prepared pool.
#[derive(Clone, Debug)]
struct PoolQuestion {
    id: i64,
    kind: Kind,
    points: i64,
    option_ids: Vec<i64>,
}

/// A quiz's questions as attempts draw them, for one version of the quiz (`updated_at`).
#[derive(Debug)]
struct Pool {
    updated_at: i64,
    questions: Vec<PoolQuestion>,
}

/// The prepared pools of one server's quizzes, by quiz id. It lives in the server's state, not
/// in a process-wide static: two servers in one process (the tests run many) have different
/// databases whose quiz ids overlap.
#[derive(Clone, Debug, Default)]
pub struct QuizPools(Arc<RwLock<HashMap<i64, Arc<Pool>>>>);

/// The quiz's pool: from memory, or read once and kept (the "preparation" for a start storm).
async fn pool(db: &Db, pools: &QuizPools, quiz: &QuizRow) -> Result<Arc<Pool>, sqlx::Error> {
    if let Ok(pools) = pools.0.read() {
        if let Some(pool) = pools
            .get(&quiz.id.0)
            .filter(|p| p.updated_at == quiz.updated_at)
        {
            return Ok(pool.clone());
        }
    }
    let rows: Vec<(i64, String, i64)> = sqlx::query_as(
        "select q.id, q.kind, q.points from quiz_question qq join question q on q.id = qq.question_id \
         where qq.quiz_id = $1 order by qq.position, q.id",
    )
    .bind(quiz.id)
    .fetch_all(db)
    .await?;
    let options: Vec<(i64, i64)> = sqlx::query_as(
        "select o.question_id, o.id from question_option o \
         join quiz_question qq on qq.question_id = o.question_id \
         where qq.quiz_id = $1 order by o.question_id, o.position",
    )
    .bind(quiz.id)
    .fetch_all(db)
    .await?;
    let mut by_question: HashMap<i64, Vec<i64>> = HashMap::new();
    for (question, option) in options {
        by_question.entry(question).or_default().push(option);
    }
    let questions = rows
        .into_iter()
        .filter_map(|(id, kind, points)| {
            Some(PoolQuestion {
                id,
                kind: Kind::from_code(&kind)?,
                points,
                option_ids: by_question.remove(&id).unwrap_or_default(),
            })
        })
        .collect();
    let pool = Arc::new(Pool {
        updated_at: quiz.updated_at,
        questions,
    });
    if let Ok(mut pools) = pools.0.write() {
        pools.insert(quiz.id.0, pool.clone());
    }
    Ok(pool)
}

/// Reads a quiz's pool into memory ahead of its start storm (called when a quiz opens).
pub async fn prepare(db: &Db, pools: &QuizPools, quiz_id: i64) -> Result<(), sqlx::Error> {
    if let Some(quiz) = quiz(db, quiz_id).await? {
        pool(db, pools, &quiz).await?;
    }
    Ok(())
}

/// Why an attempt cannot start.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StartRefused {
    /// No such quiz, not open to this participant, or not in their cohort.
    NotFound,
    NotYetOpen,
    Closed,
    AttemptsUsed,
    /// The quiz has no questions to draw.
    Empty,
}

impl StartRefused {
    /// The locale key of the message.
    pub fn key(self) -> &'static str {
        match self {
            StartRefused::NotFound => "take.not_found",
            StartRefused::NotYetOpen => "take.not_yet_open",
            StartRefused::Closed => "take.closed",
            StartRefused::AttemptsUsed => "take.attempts_used",
            StartRefused::Empty => "take.empty",
        }
    }
}

/// The attempt rows of `user` in `quiz`: (id, number, finished_at, deadline_at).
async fn user_attempts(
    db: &Db,
    quiz: i64,
    user: i64,
) -> Result<Vec<(i64, i64, Option<i64>, i64)>, sqlx::Error> {
    sqlx::query_as(
        "select id, number, finished_at, deadline_at from quiz_attempt \
         where quiz_id = $1 and user_id = $2 order by number",
    )
    .bind(quiz)
    .bind(user)
    .fetch_all(db)
    .await
}

/// Why a new attempt could not start now, before any write (None: it can).
pub fn start_blocked(quiz: &QuizRow, attempts_used: i64, now: i64) -> Option<StartRefused> {
    if quiz.status != QuizStatus::Open {
        return Some(if quiz.status == QuizStatus::Draft {
            StartRefused::NotFound
        } else {
            StartRefused::Closed
        });
    }
    if now < quiz.settings.opens_at {
        return Some(StartRefused::NotYetOpen);
    }
    if now >= quiz.settings.closes_at {
        return Some(StartRefused::Closed);
    }
    if attempts_used >= quiz.settings.max_attempts {
        return Some(StartRefused::AttemptsUsed);
    }
    None
}

/// Starts an attempt of `quiz_id` for `user`, or returns the one in progress. Returns its id.
pub async fn start(
    db: &Db,
    pools: &QuizPools,
    user: i64,
    quiz_id: i64,
    now: i64,
) -> Result<Result<i64, StartRefused>, sqlx::Error> {
    let Some(quiz) = quiz(db, quiz_id).await? else {
        return Ok(Err(StartRefused::NotFound));
    };
    if quiz.status == QuizStatus::Draft || !is_participant(db, user, quiz.cohort_id.0).await? {
        return Ok(Err(StartRefused::NotFound));
    }
    let mut attempts = user_attempts(db, quiz_id, user).await?;
    // Resume the open attempt; one whose time ran out is finished first.
    if let Some(&(id, _, None, deadline)) = attempts.last() {
        if now <= deadline + GRACE_SECS {
            return Ok(Ok(id));
        }
        finish(db, id, now, Finisher::Deadline).await?;
        attempts = user_attempts(db, quiz_id, user).await?;
    }
    if let Some(refused) = start_blocked(&quiz, attempts.len() as i64, now) {
        return Ok(Err(refused));
    }
    let pool = pool(db, pools, &quiz).await?;
    let drawn = draw(&quiz, &pool);
    if drawn.is_empty() {
        return Ok(Err(StartRefused::Empty));
    }
    let max_points: i64 = drawn.iter().map(|(q, _)| q.points).sum();
    let deadline = if quiz.settings.time_limit_minutes > 0 {
        (now + quiz.settings.time_limit_minutes * 60).min(quiz.settings.closes_at)
    } else {
        quiz.settings.closes_at
    };
    let number = attempts.len() as i64 + 1;
    let mut tx = db.begin().await?;
    let inserted: Result<(i64,), sqlx::Error> = sqlx::query_as(
        "insert into quiz_attempt (quiz_id, user_id, number, started_at, deadline_at, max_points) \
         values ($1, $2, $3, $4, $5, $6) returning id",
    )
    .bind(quiz_id)
    .bind(user)
    .bind(number)
    .bind(now)
    .bind(deadline)
    .bind(max_points)
    .fetch_one(&mut *tx)
    .await;
    let attempt_id = match inserted {
        Ok((id,)) => id,
        Err(err) if is_unique_violation(&err) => {
            // Two starts at once (a double tap, two tabs): the other one made it; resume it.
            drop(tx);
            let attempts = user_attempts(db, quiz_id, user).await?;
            return Ok(attempts
                .last()
                .map(|(id, ..)| *id)
                .ok_or(StartRefused::NotFound));
        }
        Err(err) => return Err(err),
    };
    // One multi-row insert for the attempt's questions.
    let mut sql = String::from(
        "insert into attempt_item (attempt_id, question_id, position, option_order) values ",
    );
    for n in 0..drawn.len() {
        let base = n * 4;
        if n > 0 {
            sql.push(',');
        }
        sql.push_str(&format!(
            "(${}, ${}, ${}, ${})",
            base + 1,
            base + 2,
            base + 3,
            base + 4
        ));
    }
    let mut insert = sqlx::query(&sql);
    for (position, (question, order)) in drawn.iter().enumerate() {
        insert = insert
            .bind(attempt_id)
            .bind(question.id)
            .bind(position as i64 + 1)
            .bind(order.clone());
    }
    insert.execute(&mut *tx).await?;
    tx.commit().await?;
    Ok(Ok(attempt_id))
}

/// The questions of a new attempt with their option order (ids joined by `,`).
fn draw<'p>(quiz: &QuizRow, pool: &'p Pool) -> Vec<(&'p PoolQuestion, String)> {
    let mut rng = rand::thread_rng();
    let mut chosen: Vec<&PoolQuestion> = pool.questions.iter().collect();
    if quiz.settings.selection == QuestionSelection::Random {
        chosen.shuffle(&mut rng);
        chosen.truncate(quiz.settings.random_count.max(0) as usize);
    } else if quiz.settings.shuffle_questions != 0 {
        chosen.shuffle(&mut rng);
    }
    chosen
        .into_iter()
        .map(|q| {
            let mut options = q.option_ids.clone();
            if quiz.settings.shuffle_options != 0 && matches!(q.kind, Kind::Single | Kind::Multiple)
            {
                options.shuffle(&mut rng);
            }
            let order = options
                .iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(",");
            (q, order)
        })
        .collect()
}

/// Who finished an attempt.
pub use crate::model::codes::Finisher;

/// Finishes attempt `id` and grades it, in one transaction. `true` for the one call that
/// finished it; every other call (a second tab, a retry, the sweep) gets `false`.
pub async fn finish(db: &Db, id: i64, now: i64, by: Finisher) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin().await?;
    let by_code = by.as_str();
    let won = sqlx::query(
        "update quiz_attempt set finished_at = $1, finished_by = $2 \
         where id = $3 and finished_at is null",
    )
    .bind(now)
    .bind(by_code)
    .bind(id)
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 1;
    if !won {
        return Ok(false);
    }
    let items: Vec<(i64, String, i64, Option<String>)> = sqlx::query_as(
        "select i.question_id, q.kind, q.points, i.answer from attempt_item i \
         join question q on q.id = i.question_id where i.attempt_id = $1",
    )
    .bind(id)
    .fetch_all(&mut *tx)
    .await?;
    let keys: Vec<(i64, i64, String, i64)> = sqlx::query_as(
        "select o.question_id, o.id, o.label, o.correct from question_option o \
         join attempt_item i on i.question_id = o.question_id where i.attempt_id = $1",
    )
    .bind(id)
    .fetch_all(&mut *tx)
    .await?;
    let mut options: HashMap<i64, Vec<KeyOption>> = HashMap::new();
    for (question, option, label, correct) in keys {
        options.entry(question).or_default().push(KeyOption {
            id: option,
            label,
            correct: correct != 0,
        });
    }
    let mut total = 0i64;
    let mut max = 0i64;
    for (question, kind, points, answer) in &items {
        let score = Kind::from_code(kind)
            .map(|k| {
                grading::score_milli(
                    k,
                    *points,
                    options.get(question).map(Vec::as_slice).unwrap_or(&[]),
                    answer.as_deref(),
                )
            })
            .unwrap_or(0);
        total += score;
        max += points;
        sqlx::query(
            "update attempt_item set score_milli = $1 where attempt_id = $2 and question_id = $3",
        )
        .bind(score)
        .bind(id)
        .bind(*question)
        .execute(&mut *tx)
        .await?;
    }
    let (pass_percent,): (i64,) = sqlx::query_as(
        "select z.pass_percent from quiz z join quiz_attempt a on a.quiz_id = z.id where a.id = $1",
    )
    .bind(id)
    .fetch_one(&mut *tx)
    .await?;
    // Passed when score / max >= pass mark, compared in integers.
    let passed = max > 0 && total * 100 >= pass_percent * max * 1000;
    sqlx::query(
        "update quiz_attempt set score_milli = $1, max_points = $2, passed = $3 where id = $4",
    )
    .bind(total)
    .bind(max)
    .bind(i64::from(passed))
    .bind(id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// Finishes every attempt whose deadline plus grace passed before `now`; returns how many.
pub async fn finish_overdue(db: &Db, now: i64) -> Result<usize, sqlx::Error> {
    let overdue: Vec<(i64,)> = sqlx::query_as(
        "select id from quiz_attempt where finished_at is null and deadline_at < $1 \
         order by deadline_at limit 500",
    )
    .bind(now - GRACE_SECS)
    .fetch_all(db)
    .await?;
    let mut finished = 0;
    for (id,) in overdue {
        if finish(db, id, now, Finisher::Deadline).await? {
            finished += 1;
        }
    }
    Ok(finished)
}

/// The owner, quiz and state of an attempt: (user_id, quiz_id, finished_at, deadline_at).
pub async fn attempt_owner(
    db: &Db,
    id: i64,
) -> Result<Option<(i64, i64, Option<i64>, i64)>, sqlx::Error> {
    sqlx::query_as(
        "select user_id, quiz_id, finished_at, deadline_at from quiz_attempt where id = $1",
    )
    .bind(id)
    .fetch_optional(db)
    .await
}

/// Finishes the attempt if its time ran out; returns whether it is finished now.
pub async fn settle(db: &Db, id: i64, now: i64) -> Result<bool, sqlx::Error> {
    match attempt_owner(db, id).await? {
        Some((_, _, Some(_), _)) => Ok(true),
        Some((_, _, None, deadline)) if now > deadline + GRACE_SECS => {
            finish(db, id, now, Finisher::Deadline).await?;
            Ok(true)
        }
        _ => Ok(false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::quizzes::QuizSettings;

    fn quiz() -> QuizRow {
        QuizRow {
            id: crate::model::ids::QuizId(1),
            cohort_id: crate::model::ids::CohortId(1),
            settings: QuizSettings {
                title: "t".into(),
                kind: crate::model::codes::QuizKind::Pre,
                selection: crate::model::codes::QuestionSelection::Fixed,
                random_count: 0,
                random_tags: String::new(),
                shuffle_questions: 1,
                shuffle_options: 1,
                time_limit_minutes: 10,
                opens_at: 100,
                closes_at: 1000,
                max_attempts: 2,
                pass_percent: 65,
                review: crate::model::codes::ReviewSetting::Score,
                questions_per_page: 5,
            },
            status: crate::model::codes::QuizStatus::Open,
            updated_at: 1,
        }
    }

    fn pool(n: i64) -> Pool {
        Pool {
            updated_at: 1,
            questions: (1..=n)
                .map(|id| PoolQuestion {
                    id,
                    kind: Kind::Single,
                    points: 1,
                    option_ids: vec![id * 10, id * 10 + 1, id * 10 + 2],
                })
                .collect(),
        }
    }

    #[test]
    fn start_is_refused_outside_the_window_and_after_the_last_attempt() {
        let q = quiz();
        assert_eq!(start_blocked(&q, 0, 99), Some(StartRefused::NotYetOpen));
        assert_eq!(start_blocked(&q, 0, 100), None);
        assert_eq!(start_blocked(&q, 0, 1000), Some(StartRefused::Closed));
        assert_eq!(start_blocked(&q, 2, 500), Some(StartRefused::AttemptsUsed));
        let draft = QuizRow {
            status: crate::model::codes::QuizStatus::Draft,
            ..quiz()
        };
        assert_eq!(start_blocked(&draft, 0, 500), Some(StartRefused::NotFound));
    }

    #[test]
    fn a_random_quiz_draws_its_count_without_repeats() {
        let mut q = quiz();
        q.settings.selection = crate::model::codes::QuestionSelection::Random;
        q.settings.random_count = 5;
        let p = pool(12);
        let drawn = draw(&q, &p);
        assert_eq!(drawn.len(), 5);
        let mut ids: Vec<i64> = drawn.iter().map(|(q, _)| q.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), 5);
    }

    #[test]
    fn shuffled_options_keep_every_option_once() {
        let p = pool(3);
        for (question, order) in draw(&quiz(), &p) {
            let mut ids = grading::chosen_ids(&order);
            ids.sort_unstable();
            assert_eq!(ids, question.option_ids);
        }
    }

    #[test]
    fn a_fixed_unshuffled_quiz_keeps_the_bank_order() {
        let mut q = quiz();
        q.settings.shuffle_questions = 0;
        q.settings.shuffle_options = 0;
        let p = pool(4);
        let drawn = draw(&q, &p);
        let ids: Vec<i64> = drawn.iter().map(|(q, _)| q.id).collect();
        assert_eq!(ids, vec![1, 2, 3, 4]);
        assert_eq!(drawn[0].1, "10,11,12");
    }
}
