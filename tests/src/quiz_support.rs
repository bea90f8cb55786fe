//! Setting for the quiz-taking tests: an open quiz of single-choice questions in a cohort with
//! approved, signed-in participants, and the calls a browser makes while taking it. The quiz is
//! written straight into the test's database (authoring has its own tests); taking it goes
//! through HTTP.

use crate::fixtures;
use crate::harness::{location, Client, TestServer};
use crate::registration_support::{participants, signed_in};
use app::model::{InstitutionId, UserId};
use app::ssr::db::Db;

/// How the quiz is set up.
#[derive(Clone, Debug)]
pub struct QuizOptions {
    pub questions: usize,
    pub time_limit_minutes: i64,
    pub max_attempts: i64,
    pub review: &'static str,
    pub per_page: i64,
    pub participants: usize,
}

impl Default for QuizOptions {
    fn default() -> Self {
        QuizOptions {
            questions: 6,
            time_limit_minutes: 30,
            max_attempts: 1,
            review: "answers",
            per_page: 3,
            participants: 2,
        }
    }
}

/// A question of the quiz: its id, its options' ids, and the correct one.
#[derive(Clone, Debug)]
pub struct SetQuestion {
    pub id: i64,
    pub options: Vec<i64>,
    pub correct: i64,
}

/// What `open_quiz` made.
pub struct QuizFixture {
    pub institution: InstitutionId,
    pub admin: UserId,
    pub program: i64,
    pub cohort: i64,
    pub quiz: i64,
    pub questions: Vec<SetQuestion>,
    /// Participant (id, e-mail, signed-in client).
    pub people: Vec<(UserId, String, Client)>,
}

/// Inserts `questions` single-choice questions (four options, the second correct) into the bank
/// of `program`, and returns them.
pub async fn bank(db: &Db, program: i64, admin: UserId, questions: usize) -> Vec<SetQuestion> {
    let now = app::ssr::db::now_unix();
    let mut out = Vec::new();
    for n in 0..questions {
        let (id,): (i64,) = sqlx::query_as(
            "insert into question (program_id, kind, prompt, feedback, tags, points, created_by, \
             created_at, updated_at) values ($1, 'single', $2, 'Lihat modul 2.', ',uji,', 1, $3, $4, $4) \
             returning id",
        )
        .bind(program)
        .bind(format!("Pertanyaan nomor {}?", n + 1))
        .bind(admin.0)
        .bind(now)
        .fetch_one(db)
        .await
        .expect("question");
        let mut options = Vec::new();
        for position in 1..=4i64 {
            let (option,): (i64,) = sqlx::query_as(
                "insert into question_option (question_id, position, label, correct) \
                 values ($1, $2, $3, $4) returning id",
            )
            .bind(id)
            .bind(position)
            .bind(format!("Pilihan {position}"))
            .bind(i64::from(position == 2))
            .fetch_one(db)
            .await
            .expect("option");
            options.push(option);
        }
        out.push(SetQuestion {
            id,
            correct: options[1],
            options,
        });
    }
    out
}

/// An open quiz of `kind` in `cohort` over `questions`, open from an hour ago for a day.
pub async fn quiz(
    db: &Db,
    cohort: i64,
    admin: UserId,
    kind: &str,
    questions: &[SetQuestion],
    options: &QuizOptions,
) -> i64 {
    let now = app::ssr::db::now_unix();
    let (id,): (i64,) = sqlx::query_as(
        "insert into quiz (cohort_id, title, kind, selection, random_count, shuffle_questions, \
         shuffle_options, time_limit_minutes, opens_at, closes_at, max_attempts, pass_percent, \
         review, questions_per_page, status, created_by, created_at, updated_at) \
         values ($1, 'Pre-test Literasi Digital', $2, 'fixed', 0, 1, 1, $3, $4, $5, $6, 65, $7, $8, \
         'open', $9, $10, $10) returning id",
    )
    .bind(cohort)
    .bind(kind)
    .bind(options.time_limit_minutes)
    .bind(now - 3600)
    .bind(now + 86_400)
    .bind(options.max_attempts)
    .bind(options.review)
    .bind(options.per_page)
    .bind(admin.0)
    .bind(now)
    .fetch_one(db)
    .await
    .expect("quiz");
    for (position, q) in questions.iter().enumerate() {
        sqlx::query(
            "insert into quiz_question (quiz_id, question_id, position) values ($1, $2, $3)",
        )
        .bind(id)
        .bind(q.id)
        .bind(position as i64 + 1)
        .execute(db)
        .await
        .expect("quiz question");
    }
    id
}

/// An agency, a program, a cohort with approved participants signed in, and an open pre-test.
pub async fn open_quiz(server: &TestServer, options: QuizOptions) -> QuizFixture {
    let institutions = server.institutions().await;
    let admin = server
        .user(
            app::model::Role::Admin,
            "admin-kuis@uji.test",
            crate::registration_support::PASSWORD,
            Some(institutions.agency),
        )
        .await;
    let program = fixtures::program(&server.db, institutions.agency, admin, "published").await;
    let cohort = fixtures::cohort(&server.db, program, "Angkatan Kuis", 500, admin).await;
    let questions = bank(&server.db, program, admin, options.questions).await;
    let quiz = quiz(&server.db, cohort, admin, "pre", &questions, &options).await;
    let mut people = Vec::new();
    for (id, email) in participants(server, "kuis", options.participants, institutions.agency).await
    {
        fixtures::approved_enrolment(&server.db, cohort, id).await;
        let client = signed_in(server, &email).await;
        people.push((id, email, client));
    }
    QuizFixture {
        institution: institutions.agency,
        admin,
        program,
        cohort,
        quiz,
        questions,
        people,
    }
}

/// Accept header of a script (the island, a load generator): plain status codes.
pub const SCRIPT: &str = "text/plain";
/// Accept header of a browser navigating (JavaScript off): redirects with messages.
pub const BROWSER: &str = "text/html,application/xhtml+xml";

/// Starts (or resumes) the quiz; returns the status and the attempt id from the redirect.
pub async fn start(client: &Client, quiz: i64, accept: &'static str) -> (u16, Option<i64>) {
    let response = client
        .post_to(
            &format!("/peserta/kuis/{quiz}/mulai"),
            &format!("/peserta/kuis/{quiz}"),
            accept,
            &[],
        )
        .await;
    let status = response.status().as_u16();
    let attempt = location(&response)
        .and_then(|l| l.strip_prefix("/peserta/upaya/").map(str::to_string))
        .and_then(|id| id.parse().ok());
    (status, attempt)
}

/// Saves answers `(question, seq, answer)` the way the island does; returns status and body.
pub async fn save(client: &Client, attempt: i64, answers: &[(i64, i64, &str)]) -> (u16, String) {
    let fields: Vec<String> = answers
        .iter()
        .map(|(q, seq, answer)| format!("{q}:{seq}:{answer}"))
        .collect();
    let form: Vec<(&str, &str)> = fields.iter().map(|f| ("a", f.as_str())).collect();
    let response = client
        .post_to(
            &format!("/peserta/upaya/{attempt}/jawab"),
            &format!("/peserta/upaya/{attempt}"),
            SCRIPT,
            &form,
        )
        .await;
    let status = response.status().as_u16();
    (status, response.text().await.unwrap_or_default())
}

/// Hands the attempt in; returns the response.
pub async fn finish(client: &Client, attempt: i64, accept: &'static str) -> reqwest::Response {
    client
        .post_to(
            &format!("/peserta/upaya/{attempt}/selesai"),
            &format!("/peserta/upaya/{attempt}/kumpulkan"),
            accept,
            &[],
        )
        .await
}

/// The stored (answer, seq) of one question of an attempt.
pub async fn stored(db: &Db, attempt: i64, question: i64) -> (Option<String>, i64) {
    sqlx::query_as(
        "select answer, seq from attempt_item where attempt_id = $1 and question_id = $2",
    )
    .bind(attempt)
    .bind(question)
    .fetch_one(db)
    .await
    .expect("attempt item")
}

/// The attempt's (finished_at, finished_by, score_milli).
pub async fn attempt_state(db: &Db, attempt: i64) -> (Option<i64>, Option<String>, Option<i64>) {
    sqlx::query_as("select finished_at, finished_by, score_milli from quiz_attempt where id = $1")
        .bind(attempt)
        .fetch_one(db)
        .await
        .expect("attempt")
}

/// The attempt's question ids in its order.
pub async fn attempt_questions(db: &Db, attempt: i64) -> Vec<i64> {
    let rows: Vec<(i64,)> = sqlx::query_as(
        "select question_id from attempt_item where attempt_id = $1 order by position",
    )
    .bind(attempt)
    .fetch_all(db)
    .await
    .expect("items");
    rows.into_iter().map(|(q,)| q).collect()
}
