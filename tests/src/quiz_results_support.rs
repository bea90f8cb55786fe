//! Quiz rows for the results tests, written straight into the test server's database: questions,
//! quizzes and finished (or open) attempts with their per-item scores. What is under test — the
//! results pages, server functions and CSV exports — is read over HTTP.

use app::model::{Role, UserId};
use app::ssr::db::{now_unix, Db};
use app::ssr::users;

/// A question of `program` worth `points`.
pub async fn question(db: &Db, program: i64, created_by: UserId, prompt: &str, points: i64) -> i64 {
    let now = now_unix();
    let (id,): (i64,) = sqlx::query_as(
        "insert into question (program_id, kind, prompt, points, created_by, created_at, updated_at) \
         values ($1, 'single', $2, $3, $4, $5, $5) returning id",
    )
    .bind(program)
    .bind(prompt)
    .bind(points)
    .bind(created_by.0)
    .bind(now)
    .fetch_one(db)
    .await
    .expect("question");
    for (position, label, correct) in [(0_i64, "Benar", 1_i64), (1, "Salah", 0)] {
        sqlx::query(
            "insert into question_option (question_id, position, label, correct) \
             values ($1, $2, $3, $4)",
        )
        .bind(id)
        .bind(position)
        .bind(label)
        .bind(correct)
        .execute(db)
        .await
        .expect("option");
    }
    id
}

/// An open quiz of `cohort` of kind `kind` (`pre`, `post`, `practice`) with `questions` in order.
pub async fn quiz(
    db: &Db,
    cohort: i64,
    title: &str,
    kind: &str,
    pass_percent: i64,
    created_by: UserId,
    questions: &[i64],
) -> i64 {
    let now = now_unix();
    let (id,): (i64,) = sqlx::query_as(
        "insert into quiz (cohort_id, title, kind, selection, opens_at, closes_at, max_attempts, \
         pass_percent, status, created_by, created_at, updated_at) \
         values ($1, $2, $3, 'fixed', $4, $5, 3, $6, 'open', $7, $8, $8) returning id",
    )
    .bind(cohort)
    .bind(title)
    .bind(kind)
    .bind(now - 86_400)
    .bind(now + 86_400)
    .bind(pass_percent)
    .bind(created_by.0)
    .bind(now)
    .fetch_one(db)
    .await
    .expect("quiz");
    for (position, question) in questions.iter().enumerate() {
        sqlx::query(
            "insert into quiz_question (quiz_id, question_id, position) values ($1, $2, $3)",
        )
        .bind(id)
        .bind(question)
        .bind(position as i64)
        .execute(db)
        .await
        .expect("quiz question");
    }
    id
}

/// Attempt `number` of `user` at `quiz` with per-item scores in thousandths of a point; finished
/// by the participant unless `finished` is false. The score is the sum of the items, and
/// `passed` is set by `pass_percent` as grading does.
#[allow(clippy::too_many_arguments)]
pub async fn attempt(
    db: &Db,
    quiz: i64,
    user: UserId,
    number: i64,
    max_points: i64,
    pass_percent: i64,
    items: &[(i64, i64)],
    finished: bool,
) -> i64 {
    let now = now_unix();
    let score: i64 = items.iter().map(|(_, milli)| milli).sum();
    let passed = i64::from(score * 100 >= pass_percent * max_points * 1000);
    let (id,): (i64,) = sqlx::query_as(
        "insert into quiz_attempt (quiz_id, user_id, number, started_at, deadline_at, finished_at, \
         finished_by, score_milli, max_points, passed) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id",
    )
    .bind(quiz)
    .bind(user.0)
    .bind(number)
    .bind(now - 3_600)
    .bind(now + 3_600)
    .bind(finished.then_some(now - 60 + number))
    .bind(finished.then_some("participant"))
    .bind(finished.then_some(score))
    .bind(max_points)
    .bind(finished.then_some(passed))
    .fetch_one(db)
    .await
    .expect("attempt");
    for (position, (question, milli)) in items.iter().enumerate() {
        sqlx::query(
            "insert into attempt_item (attempt_id, question_id, position, answer, seq, saved_at, \
             score_milli) values ($1, $2, $3, '1', 1, $4, $5)",
        )
        .bind(id)
        .bind(question)
        .bind(position as i64)
        .bind(now)
        .bind(finished.then_some(*milli))
        .execute(db)
        .await
        .expect("attempt item");
    }
    id
}

/// A participant account without a password (it cannot sign in).
pub async fn participant(db: &Db, name: &str, email: &str) -> UserId {
    users::create(
        db,
        users::NewUser {
            name,
            email,
            password_hash: "",
            role: Role::Participant,
            nip: None,
            institution_id: None,
        },
        now_unix(),
    )
    .await
    .expect("participant")
}

/// A group of `cohort` led by `mentor`.
pub async fn group(db: &Db, cohort: i64, name: &str, mentor: Option<UserId>) -> i64 {
    let (id,): (i64,) = sqlx::query_as(
        "insert into mentor_group (cohort_id, name, mentor_id, capacity, created_at) \
         values ($1, $2, $3, 100, $4) returning id",
    )
    .bind(cohort)
    .bind(name)
    .bind(mentor.map(|m| m.0))
    .bind(now_unix())
    .fetch_one(db)
    .await
    .expect("group");
    id
}

/// Puts enrolment `enrolment` in group `group`.
pub async fn join_group(db: &Db, enrolment: i64, group: i64) {
    sqlx::query("update enrolment set group_id = $1 where id = $2")
        .bind(group)
        .bind(enrolment)
        .execute(db)
        .await
        .expect("join group");
}

/// Sets the status of enrolment `enrolment` (`withdrawn`, …).
pub async fn set_status(db: &Db, enrolment: i64, status: &str) {
    sqlx::query("update enrolment set status = $1 where id = $2")
        .bind(status)
        .bind(enrolment)
        .execute(db)
        .await
        .expect("status");
}
