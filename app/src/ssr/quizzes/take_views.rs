//! What the participant's quiz pages show, read from the database: the quiz before starting, one
//! page of an attempt in progress, and the result of a finished attempt.

use super::attempts;
use super::grading::chosen_ids;
use crate::model::codes::{QuestionSelection, QuizStatus, ReviewSetting};
use crate::model::quizzes::{
    AttemptOutcome, AttemptQuestion, AttemptSheet, AttemptSummary, CohortQuiz, QuizBeforeStart,
    QuizRow, ReviewItem,
};
use crate::ssr::cohorts::participant::is_participant;
use crate::ssr::db::Db;
use std::collections::HashMap;

/// Percent with one decimal from thousandths of a point.
pub fn percent(score_milli: i64, max_points: i64) -> f64 {
    if max_points <= 0 {
        return 0.0;
    }
    (score_milli as f64 / max_points as f64).round() / 10.0
}

/// The quiz as `user` sees it before starting; None when it is not theirs to see.
pub async fn intro(
    db: &Db,
    user: i64,
    quiz_id: i64,
    now: i64,
) -> Result<Option<QuizBeforeStart>, sqlx::Error> {
    let Some(quiz) = attempts::quiz(db, quiz_id).await? else {
        return Ok(None);
    };
    if quiz.status == QuizStatus::Draft || !is_participant(db, user, quiz.cohort_id.0).await? {
        return Ok(None);
    }
    let (cohort_name,): (String,) = sqlx::query_as("select name from cohort where id = $1")
        .bind(quiz.cohort_id)
        .fetch_one(db)
        .await?;
    let question_count = if quiz.settings.selection == QuestionSelection::Random {
        quiz.settings.random_count
    } else {
        let (n,): (i64,) = sqlx::query_as("select count(*) from quiz_question where quiz_id = $1")
            .bind(quiz_id)
            .fetch_one(db)
            .await?;
        n
    };
    let rows: Vec<AttemptRow> = sqlx::query_as(
        "select id, number, started_at, finished_at, deadline_at, score_milli, max_points, passed \
             from quiz_attempt where quiz_id = $1 and user_id = $2 order by number",
    )
    .bind(quiz_id)
    .bind(user)
    .fetch_all(db)
    .await?;
    let shows_score = quiz.settings.review != ReviewSetting::Nothing;
    let mut open_attempt = None;
    let attempts_list: Vec<AttemptSummary> = rows
        .iter()
        .map(|r| {
            if r.finished_at.is_none() && now <= r.deadline_at + super::writer::GRACE_SECS {
                open_attempt = Some(r.id);
            }
            AttemptSummary {
                id: crate::model::ids::AttemptId(r.id),
                number: r.number,
                started_at: r.started_at,
                finished_at: r.finished_at,
                percent: r
                    .score_milli
                    .filter(|_| shows_score)
                    .map(|s| percent(s, r.max_points)),
                passed: r.passed.filter(|_| shows_score).map(|p| p != 0),
            }
        })
        .collect();
    let used = attempts_list.len() as i64;
    let blocked = if open_attempt.is_some() {
        None
    } else {
        attempts::start_blocked(&quiz, used, now).map(|r| r.key().to_string())
    };
    Ok(Some(QuizBeforeStart {
        id: quiz.id,
        cohort_id: quiz.cohort_id,
        cohort_name,
        title: quiz.settings.title,
        kind: quiz.settings.kind,
        opens_at: quiz.settings.opens_at,
        closes_at: quiz.settings.closes_at,
        time_limit_minutes: quiz.settings.time_limit_minutes,
        max_attempts: quiz.settings.max_attempts,
        pass_percent: quiz.settings.pass_percent,
        question_count,
        attempts: attempts_list,
        open_attempt,
        blocked,
        now,
    }))
}

/// The quizzes of `cohort` a participant may open (not drafts).
pub async fn cohort_quizzes(
    db: &Db,
    user: i64,
    cohort: i64,
) -> Result<Vec<CohortQuiz>, sqlx::Error> {
    let rows: Vec<CohortQuizRow> = sqlx::query_as(
        "select z.id, z.title, z.kind, z.opens_at, z.closes_at, \
         (select count(*) from quiz_attempt a where a.quiz_id = z.id and a.user_id = $2) as attempts, \
         (select max(a.score_milli) from quiz_attempt a where a.quiz_id = z.id and a.user_id = $2 \
            and a.finished_at is not null) as best_milli, \
         (select max(a.max_points) from quiz_attempt a where a.quiz_id = z.id and a.user_id = $2) as max_points \
         from quiz z where z.cohort_id = $1 and z.status <> 'draft' order by z.opens_at, z.id",
    )
    .bind(cohort)
    .bind(user)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| CohortQuiz {
            id: crate::model::ids::QuizId(r.id),
            title: r.title,
            kind: r.kind,
            opens_at: r.opens_at,
            closes_at: r.closes_at,
            attempts: r.attempts,
            best_percent: r.best_milli.zip(r.max_points).map(|(s, m)| percent(s, m)),
        })
        .collect())
}

/// An attempt as the quiz page lists it.
#[derive(sqlx::FromRow)]
struct AttemptRow {
    id: i64,
    number: i64,
    started_at: i64,
    finished_at: Option<i64>,
    deadline_at: i64,
    score_milli: Option<i64>,
    max_points: i64,
    passed: Option<i64>,
}

/// A quiz of a cohort with the participant's attempts.
#[derive(sqlx::FromRow)]
struct CohortQuizRow {
    id: i64,
    title: String,
    kind: crate::model::codes::QuizKind,
    opens_at: i64,
    closes_at: i64,
    attempts: i64,
    best_milli: Option<i64>,
    max_points: Option<i64>,
}

/// An attempt item with its question, for pages.
#[derive(sqlx::FromRow)]
struct ItemRow {
    question_id: i64,
    position: i64,
    option_order: String,
    answer: Option<String>,
    kind: crate::model::codes::QuestionKind,
    prompt: String,
    points: i64,
    feedback: String,
    score_milli: Option<i64>,
}

async fn items(db: &Db, attempt: i64, from: i64, to: i64) -> Result<Vec<ItemRow>, sqlx::Error> {
    sqlx::query_as(
        "select i.question_id, i.position, i.option_order, i.answer, q.kind, q.prompt, q.points, \
         q.feedback, i.score_milli from attempt_item i join question q on q.id = i.question_id \
         where i.attempt_id = $1 and i.position between $2 and $3 order by i.position",
    )
    .bind(attempt)
    .bind(from)
    .bind(to)
    .fetch_all(db)
    .await
}

/// The option ids of an attempt item in the attempt's (shuffled) order.
fn chosen_ids_in_order(order: &str) -> Vec<i64> {
    order
        .split(',')
        .filter_map(|p| p.trim().parse().ok())
        .collect()
}

/// (id → (label, correct)) for the options of the given questions.
async fn option_labels(
    db: &Db,
    attempt: i64,
    from: i64,
    to: i64,
) -> Result<HashMap<i64, (i64, String, bool)>, sqlx::Error> {
    let rows: Vec<(i64, i64, String, i64)> = sqlx::query_as(
        "select o.id, o.question_id, o.label, o.correct from question_option o \
         join attempt_item i on i.question_id = o.question_id \
         where i.attempt_id = $1 and i.position between $2 and $3",
    )
    .bind(attempt)
    .bind(from)
    .bind(to)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, question, label, correct)| (id, (question, label, correct != 0)))
        .collect())
}

/// The owner's attempt `attempt` with its quiz, settling it first if its time ran out.
async fn owned(
    db: &Db,
    user: i64,
    attempt: i64,
    now: i64,
) -> Result<Option<(QuizRow, bool)>, sqlx::Error> {
    let Some((owner, quiz_id, ..)) = attempts::attempt_owner(db, attempt).await? else {
        return Ok(None);
    };
    if owner != user {
        return Ok(None);
    }
    let finished = attempts::settle(db, attempt, now).await?;
    Ok(attempts::quiz(db, quiz_id).await?.map(|q| (q, finished)))
}

/// Page `page` (from 1) of the owner's attempt.
pub async fn page(
    db: &Db,
    user: i64,
    attempt: i64,
    page: i64,
    now: i64,
) -> Result<Option<AttemptSheet>, sqlx::Error> {
    let Some((quiz, finished)) = owned(db, user, attempt, now).await? else {
        return Ok(None);
    };
    let (total, answered, max_seq, deadline_at): (i64, i64, Option<i64>, i64) = sqlx::query_as(
        "select (select count(*) from attempt_item where attempt_id = $1), \
         (select count(*) from attempt_item where attempt_id = $1 and answer is not null and answer <> ''), \
         (select max(seq) from attempt_item where attempt_id = $1), \
         (select deadline_at from quiz_attempt where id = $1)",
    )
    .bind(attempt)
    .fetch_one(db)
    .await?;
    let per_page = quiz.settings.questions_per_page.max(1);
    let pages = ((total + per_page - 1) / per_page).max(1);
    let page = page.clamp(1, pages);
    let from = (page - 1) * per_page + 1;
    let to = page * per_page;
    let rows = items(db, attempt, from, to).await?;
    let labels = option_labels(db, attempt, from, to).await?;
    let questions = rows
        .into_iter()
        .map(|r| AttemptQuestion {
            id: crate::model::ids::QuestionId(r.question_id),
            number: r.position,
            options: chosen_ids_in_order(&r.option_order)
                .into_iter()
                .filter_map(|id| labels.get(&id).map(|(_, l, _)| (id, l.clone())))
                .collect(),
            kind: r.kind,
            prompt: r.prompt,
            points: r.points,
            answer: r.answer,
        })
        .collect();
    Ok(Some(AttemptSheet {
        attempt_id: crate::model::ids::AttemptId(attempt),
        quiz_id: quiz.id,
        quiz_title: quiz.settings.title,
        page,
        pages,
        questions,
        answered,
        total,
        deadline_at,
        server_now: now,
        next_seq: max_seq.unwrap_or(0) + 1,
        finished,
    }))
}

/// The result of the owner's attempt, as the review setting allows.
pub async fn result(
    db: &Db,
    user: i64,
    attempt: i64,
    now: i64,
) -> Result<Option<AttemptOutcome>, sqlx::Error> {
    let Some((quiz, finished)) = owned(db, user, attempt, now).await? else {
        return Ok(None);
    };
    let (number, finished_by, finished_at, score_milli, max_points, passed): (
        i64,
        Option<crate::model::codes::Finisher>,
        Option<i64>,
        Option<i64>,
        i64,
        Option<i64>,
    ) = sqlx::query_as(
        "select number, finished_by, finished_at, score_milli, max_points, passed \
         from quiz_attempt where id = $1",
    )
    .bind(attempt)
    .fetch_one(db)
    .await?;
    let (total, answered): (i64, i64) = sqlx::query_as(
        "select count(*), count(case when answer is not null and answer <> '' then 1 end) \
         from attempt_item where attempt_id = $1",
    )
    .bind(attempt)
    .fetch_one(db)
    .await?;
    let shows_score = finished && quiz.settings.review != ReviewSetting::Nothing;
    let mut review = Vec::new();
    if finished && quiz.settings.review == ReviewSetting::Answers {
        let rows = items(db, attempt, 1, i64::MAX / 2).await?;
        let labels = option_labels(db, attempt, 1, i64::MAX / 2).await?;
        for r in rows {
            let chosen = chosen_ids(r.answer.as_deref().unwrap_or(""));
            let is_short = r.kind == crate::model::codes::QuestionKind::Short;
            let options = if is_short {
                Vec::new()
            } else {
                chosen_ids_in_order(&r.option_order)
                    .into_iter()
                    .filter_map(|id| {
                        labels
                            .get(&id)
                            .map(|(_, l, c)| (l.clone(), chosen.contains(&id), *c))
                    })
                    .collect()
            };
            let accepted = if is_short {
                labels
                    .values()
                    .filter(|(q, _, c)| *q == r.question_id && *c)
                    .map(|(_, l, _)| l.clone())
                    .collect()
            } else {
                Vec::new()
            };
            review.push(ReviewItem {
                number: r.position,
                prompt: r.prompt,
                kind: r.kind,
                options,
                typed: if is_short { r.answer } else { None },
                accepted,
                score_milli: r.score_milli.unwrap_or(0),
                points: r.points,
                feedback: r.feedback,
            });
        }
    }
    Ok(Some(AttemptOutcome {
        attempt_id: crate::model::ids::AttemptId(attempt),
        quiz_id: quiz.id,
        quiz_title: quiz.settings.title,
        number,
        finished,
        finished_by,
        finished_at,
        answered,
        total,
        score_milli: score_milli.filter(|_| shows_score),
        max_points,
        percent: score_milli
            .filter(|_| shows_score)
            .map(|s| percent(s, max_points)),
        passed: passed.filter(|_| shows_score).map(|p| p != 0),
        pass_percent: quiz.settings.pass_percent,
        review,
    }))
}

#[cfg(test)]
mod tests {
    use super::percent;

    #[test]
    fn percent_has_one_decimal() {
        assert_eq!(percent(6500, 10), 65.0);
        assert_eq!(percent(2000, 3), 66.7);
        assert_eq!(percent(0, 0), 0.0);
    }
}
