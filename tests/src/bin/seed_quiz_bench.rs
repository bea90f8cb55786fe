//! Fills a fresh database for the quiz benchmarks and the quiz fault test (issue #4): an agency
//! with its admin, a published program, one cohort of N approved participants (10,000 by
//! default), a bank of 40 questions (30 single choice with 4 options, 5 multiple choice with 4,
//! 2 true/false, 3 short answer) and one open post-test of 20 fixed questions (10 single, 5
//! multiple, 2 true/false, 3 short), shuffled, without a time limit, open from a minute ago until
//! a day from now.
//!
//!   seed_quiz_bench <database url> <data dir> [participants]
//!
//! Migrates the database with the server's own migrations and prints the quiz id. Writes
//! `<data dir>/quiz_sessions.tsv`: one line per participant, `user id<TAB>cookie value`, where the
//! value is what the browser would send as `pamong_session=<value>`. The server must then run with
//! the same data directory (and no `session_secret`), because it signs cookies with the key in
//! `<data dir>/session.key`; this program creates that key the way the server does if it is
//! missing, and uses it if it is there.
//!
//! Why sessions are made here instead of signing in through `/masuk`: every sign-in runs argon2
//! (tens of milliseconds of one core each), so 10,000 sign-ins would take minutes on the 2-core
//! machine and would measure the password hash, not the quiz. The sessions written here are what
//! a sign-in leaves behind: a row in `session` holding tower-sessions' `Record` data as JSON
//! (`uid` and `epoch`, the keys `app::ssr::auth` reads) with the server's 14-day expiry, and a
//! cookie whose value is the session id signed with the server's key exactly as tower-sessions'
//! signed cookie controller signs it (the `cookie` crate's `SignedJar`). Rows are written in
//! batches rather than through `DbSessionStore::create` (one transaction per session) because
//! that is 10,000 synchronous commits; the JSON is produced from the same `Record` data type.
//! The participants have no password and cannot sign in otherwise.

use app::ssr::auth::{SESSION_EPOCH, SESSION_USER};
use app::ssr::db::{now_unix, Db};
use pamong_tests::bench_sessions::{session_key, signed_cookie_value, SESSION_SECS};
use std::collections::HashMap;
use std::fmt::Write as _;
use tower_sessions::session::Id;

/// Participants per insert statement.
const BATCH: usize = 500;
/// Questions in the quiz, taken from the bank of 40.
const QUIZ_QUESTIONS: usize = 20;

/// A question of the bank: kind, prompt, options as (label, correct).
struct BankQuestion {
    kind: &'static str,
    prompt: String,
    options: Vec<(String, bool)>,
}

fn bank() -> Vec<BankQuestion> {
    let mut questions = Vec::new();
    for n in 0..40 {
        let question = match n % 8 {
            0 | 1 | 3 | 4 | 5 | 7 => {
                let correct = n % 4;
                BankQuestion {
                    kind: "single",
                    prompt: format!(
                        "Soal {}: Manakah langkah pertama dalam merancang pembelajaran berdiferensiasi?",
                        n + 1
                    ),
                    options: (0..4)
                        .map(|o| (format!("Pilihan {} untuk soal {}", o + 1, n + 1), o == correct))
                        .collect(),
                }
            }
            2 if n % 16 == 2 => BankQuestion {
                kind: "short",
                prompt: format!(
                    "Soal {}: Sebutkan singkatan dari Higher Order Thinking Skills.",
                    n + 1
                ),
                options: vec![("HOTS".to_string(), true)],
            },
            2 => BankQuestion {
                kind: "truefalse",
                prompt: format!(
                    "Soal {}: Asesmen diagnostik dilakukan sebelum pembelajaran.",
                    n + 1
                ),
                options: vec![("Benar".to_string(), true), ("Salah".to_string(), false)],
            },
            _ => BankQuestion {
                kind: "multiple",
                prompt: format!(
                    "Soal {}: Pilih semua ciri asesmen formatif yang tepat.",
                    n + 1
                ),
                options: (0..4)
                    .map(|o| (format!("Ciri {} untuk soal {}", o + 1, n + 1), o % 2 == 0))
                    .collect(),
            },
        };
        questions.push(question);
    }
    questions
}

/// Inserts the bank and the quiz; returns the quiz id.
async fn quiz(db: &Db, program: i64, cohort: i64, admin: i64, now: i64) -> anyhow::Result<i64> {
    let mut tx = db.begin().await?;
    let mut question_ids = Vec::new();
    for question in bank() {
        let (id,): (i64,) = sqlx::query_as(
            "insert into question (program_id, kind, prompt, feedback, tags, points, archived, \
             created_by, created_at, updated_at) \
             values ($1, $2, $3, 'Lihat modul 2.', ',pedagogik,hots,', 1, 0, $4, $5, $5) returning id",
        )
        .bind(program)
        .bind(question.kind)
        .bind(&question.prompt)
        .bind(admin)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        for (position, (label, correct)) in question.options.iter().enumerate() {
            sqlx::query(
                "insert into question_option (question_id, position, label, correct) \
                 values ($1, $2, $3, $4)",
            )
            .bind(id)
            .bind(position as i64 + 1)
            .bind(label)
            .bind(i64::from(*correct))
            .execute(&mut *tx)
            .await?;
        }
        question_ids.push(id);
    }
    let (quiz,): (i64,) = sqlx::query_as(
        "insert into quiz (cohort_id, title, kind, selection, random_count, random_tags, \
         shuffle_questions, shuffle_options, time_limit_minutes, opens_at, closes_at, max_attempts, \
         pass_percent, review, questions_per_page, status, created_by, created_at, updated_at) \
         values ($1, 'Post-test Modul 2', 'post', 'fixed', 0, '', 1, 1, 0, $2, $3, 1, 65, 'score', \
         5, 'open', $4, $5, $5) returning id",
    )
    .bind(cohort)
    .bind(now - 60)
    .bind(now + 86_400)
    .bind(admin)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    // Every other question of the bank: 10 single, 5 multiple, 2 true/false, 3 short.
    for (position, id) in question_ids
        .iter()
        .step_by(2)
        .take(QUIZ_QUESTIONS)
        .enumerate()
    {
        sqlx::query(
            "insert into quiz_question (quiz_id, question_id, position) values ($1, $2, $3)",
        )
        .bind(quiz)
        .bind(id)
        .bind(position as i64 + 1)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(quiz)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let usage = "usage: seed_quiz_bench <database url> <data dir> [participants]";
    let url = args.get(1).ok_or_else(|| anyhow::anyhow!(usage))?;
    let data_dir = std::path::PathBuf::from(args.get(2).ok_or_else(|| anyhow::anyhow!(usage))?);
    let participants: usize = args
        .get(3)
        .map(|n| n.parse())
        .transpose()?
        .unwrap_or(10_000);
    let key = session_key(&data_dir)?;
    let db = server::db::connect(url).await?;
    let now = now_unix();
    let (agency, admin) = pamong_tests::fixtures::agency_with_admin(
        &db,
        "BPSDM Provinsi Uji Kuis",
        "Admin Kuis",
        "quiz-admin@pamong.test",
        "quiz-bench-pass-2026".to_string(),
    )
    .await;
    let program = pamong_tests::fixtures::program(&db, agency, admin, "published").await;
    let cohort = pamong_tests::fixtures::cohort(
        &db,
        program,
        "Angkatan Uji Kuis",
        participants as i64 + 10,
        admin,
    )
    .await;
    let quiz = quiz(&db, program, cohort, admin.0, now).await?;

    let mut sessions = String::new();
    for start in (0..participants).step_by(BATCH) {
        let end = (start + BATCH).min(participants);
        let users: Vec<String> = (start..end)
            .map(|n| {
                format!(
                    "('Guru Kuis {n:05}', 'kuis{n:05}@sekolah.sch.id', '', 'participant', null, null, 0, {now}, {now})"
                )
            })
            .collect();
        let mut tx = db.begin().await?;
        let created: Vec<(i64,)> = sqlx::query_as(&format!(
            "insert into app_user (name, email, password_hash, role, nip, institution_id, \
             session_epoch, created_at, updated_at) values {} returning id",
            users.join(",")
        ))
        .fetch_all(&mut *tx)
        .await?;
        let mut enrolments = Vec::with_capacity(created.len());
        let mut rows = Vec::with_capacity(created.len());
        let mut binds: Vec<(String, String)> = Vec::with_capacity(created.len());
        for (user,) in &created {
            enrolments.push(format!("({cohort}, {user}, 'approved', 'import', {now})"));
            let id = Id::default();
            let data: HashMap<String, serde_json::Value> = HashMap::from([
                (SESSION_USER.to_string(), serde_json::Value::from(*user)),
                (SESSION_EPOCH.to_string(), serde_json::Value::from(0_i64)),
            ]);
            binds.push((id.to_string(), serde_json::to_string(&data)?));
            let n = binds.len() * 2;
            rows.push(format!(
                "(${}, ${}, {}, {user}, 0)",
                n - 1,
                n,
                now + SESSION_SECS
            ));
            writeln!(sessions, "{user}\t{}", signed_cookie_value(&key, id)?)?;
        }
        sqlx::query(&format!(
            "insert into enrolment (cohort_id, user_id, status, source, created_at) values {}",
            enrolments.join(",")
        ))
        .execute(&mut *tx)
        .await?;
        let sql = format!(
            "insert into session (id, data, expires_at, user_id, user_epoch) values {}",
            rows.join(",")
        );
        let mut insert = sqlx::query(&sql);
        for (id, data) in binds {
            insert = insert.bind(id).bind(data);
        }
        insert.execute(&mut *tx).await?;
        tx.commit().await?;
    }
    sqlx::query("update cohort set seats_taken = $1 where id = $2")
        .bind(participants as i64)
        .bind(cohort)
        .execute(&db)
        .await?;
    let path = data_dir.join("quiz_sessions.tsv");
    std::fs::write(&path, sessions)?;
    if url.starts_with("postgres") {
        // Fresh statistics, as autovacuum would soon give them.
        sqlx::query("vacuum analyze").execute(&db).await?;
    } else {
        sqlx::query("analyze").execute(&db).await?;
    }
    db.close().await;
    eprintln!(
        "seeded quiz {quiz}: cohort {cohort}, {participants} participants, sessions in {}",
        path.display()
    );
    println!("{quiz}");
    Ok(())
}
