//! Answers survive a crash (issue #4): a save acknowledged with `200 …:saved` is in the database
//! even if the server is killed with SIGKILL a moment later.
//!
//! The real server runs as a child process (`pamong_server`, this crate's copy of `server`'s
//! `main`) on one data directory and database that outlive it: SQLite by default, PostgreSQL when
//! `PAMONG_TEST_DATABASE_URL` is a `postgres://` URL. `seed_quiz_bench` fills it with 20
//! participants, signed session cookies and an open quiz. Each cycle starts the server, checks
//! every save acknowledged so far, lets every participant save answers (one to three per request,
//! each with a higher sequence number than any before) as fast as the server answers, and kills
//! the server with SIGKILL at a random moment of that burst. A save counts as acknowledged only
//! when its line in a 200 answer says `saved`; requests cut off by the kill prove nothing and are
//! ignored. Lost means: the stored row's `seq` is lower than an acknowledged one, or equal with
//! another answer.
//!
//! `PAMONG_FAULT_CYCLES` sets the number of kills (default 10; the benchmark run uses 200).

use pamong_tests::harness::FreshDatabase;
use pamong_tests::process::ServerProcess;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use reqwest::header::{CONTENT_TYPE, COOKIE, LOCATION, ORIGIN};
use std::collections::HashMap;
use std::process::Command;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const PARTICIPANTS: usize = 20;

/// A participant's open attempt.
#[derive(Clone)]
struct Participant {
    attempt: i64,
    cookie: String,
    /// (question id, kind, option ids in the attempt's order)
    items: Vec<(i64, String, Vec<String>)>,
}

/// The highest acknowledged `saved` per (attempt, question): its seq and answer.
type Acked = HashMap<(i64, i64), (i64, String)>;

/// What the savers of one burst share.
#[derive(Clone)]
struct Shared {
    http: reqwest::Client,
    base: String,
    acked: Arc<Mutex<Acked>>,
    /// Every `saved` line received.
    acks: Arc<AtomicUsize>,
    /// Answers that break the contract (anything but 200 with one `saved` line per answer).
    unexpected: Arc<Mutex<Vec<String>>>,
    stop: Arc<AtomicBool>,
}

impl Shared {
    fn unexpected(&self, what: String) {
        self.unexpected.lock().expect("lock").push(what);
    }
}

fn answer_for(rng: &mut StdRng, kind: &str, options: &[String], seq: i64) -> String {
    match kind {
        "short" => format!("jawaban {seq}"),
        "multiple" => {
            let mut ids: Vec<i64> = options
                .choose_multiple(rng, 2)
                .filter_map(|o| o.parse().ok())
                .collect();
            ids.sort_unstable();
            ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
        }
        _ => options.choose(rng).cloned().unwrap_or_default(),
    }
}

/// One participant saving as fast as the server answers until `stop`; returns its next seq.
async fn saver(shared: Shared, participant: Participant, mut seq: i64, mut rng: StdRng) -> i64 {
    while !shared.stop.load(Ordering::Relaxed) {
        let count = rng.gen_range(1..=3);
        let mut sent: HashMap<(i64, i64), String> = HashMap::new();
        let mut form = Vec::new();
        for (question, kind, options) in participant.items.choose_multiple(&mut rng, count) {
            seq += 1;
            let answer = answer_for(&mut rng, kind, options, seq);
            form.push(("a", format!("{question}:{seq}:{answer}")));
            sent.insert((*question, seq), answer);
        }
        let response = shared
            .http
            .post(format!(
                "{}/peserta/upaya/{}/jawab",
                shared.base, participant.attempt
            ))
            .header(COOKIE, &participant.cookie)
            .header(ORIGIN, &shared.base)
            .form(&form)
            .send()
            .await;
        let Ok(response) = response else {
            // Cut off by the kill: nothing was acknowledged.
            break;
        };
        let status = response.status().as_u16();
        let Ok(body) = response.text().await else {
            break;
        };
        if status != 200 {
            shared.unexpected(format!("HTTP {status}: {body}"));
            continue;
        }
        let mut saved = Vec::new();
        for line in body.lines() {
            let parsed = line.rsplit_once(':').and_then(|(head, outcome)| {
                let (question, line_seq) = head.split_once(':')?;
                Some((question.parse().ok()?, line_seq.parse().ok()?, outcome))
            });
            match parsed {
                Some((question, line_seq, "saved")) => match sent.get(&(question, line_seq)) {
                    Some(answer) => saved.push((question, line_seq, answer.clone())),
                    None => shared.unexpected(format!("acknowledged a save never sent: {line}")),
                },
                // Every seq sent is new, so nothing can be stale.
                _ => shared.unexpected(format!("unexpected line {line:?} in {body:?}")),
            }
        }
        if saved.len() != form.len() {
            shared.unexpected(format!("{} answers sent, answer {body:?}", form.len()));
        }
        shared.acks.fetch_add(saved.len(), Ordering::Relaxed);
        let mut acked = shared.acked.lock().expect("lock");
        for (question, line_seq, answer) in saved {
            let entry = acked
                .entry((participant.attempt, question))
                .or_insert((0, String::new()));
            if line_seq > entry.0 {
                *entry = (line_seq, answer);
            }
        }
    }
    seq
}

/// The acknowledged saves whose answer the database does not have.
async fn lost(db: &app::ssr::db::Db, acked: &Acked) -> Vec<String> {
    let rows: Vec<(i64, i64, i64, Option<String>)> =
        sqlx::query_as("select attempt_id, question_id, seq, answer from attempt_item")
            .fetch_all(db)
            .await
            .expect("attempt items");
    let stored: HashMap<(i64, i64), (i64, Option<String>)> = rows
        .into_iter()
        .map(|(a, q, seq, answer)| ((a, q), (seq, answer)))
        .collect();
    let mut lost = Vec::new();
    for (key, (seq, answer)) in acked {
        match stored.get(key) {
            Some((s, _)) if s > seq => {}
            Some((s, Some(a))) if s == seq && a == answer => {}
            other => lost.push(format!(
                "attempt {} question {}: acknowledged seq {seq} {answer:?}, stored {other:?}",
                key.0, key.1
            )),
        }
    }
    lost
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_answers_survive_sigkill() {
    let cycles: usize = std::env::var("PAMONG_FAULT_CYCLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10);
    let database = FreshDatabase::create().await.expect("fresh database");
    let log = database.data_dir.join("server.log");

    // Arrange: participants with sessions and an open quiz, and their attempts.
    let seeded = Command::new(env!("CARGO_BIN_EXE_seed_quiz_bench"))
        .arg(&database.url)
        .arg(&database.data_dir)
        .arg(PARTICIPANTS.to_string())
        .output()
        .expect("run seed_quiz_bench");
    assert!(
        seeded.status.success(),
        "seed_quiz_bench: {}",
        String::from_utf8_lossy(&seeded.stderr)
    );
    let quiz: i64 = String::from_utf8_lossy(&seeded.stdout)
        .trim()
        .parse()
        .expect("quiz id");
    let sessions = std::fs::read_to_string(database.data_dir.join("quiz_sessions.tsv"))
        .expect("sessions file");
    let cookies: Vec<String> = sessions
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .map(|(_, c)| format!("pamong_session={c}"))
        .collect();
    assert_eq!(cookies.len(), PARTICIPANTS);
    let db = server::db::connect(&database.url).await.expect("database");
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(20))
        .build()
        .expect("client");

    let first =
        ServerProcess::start(env!("CARGO_BIN_EXE_pamong_server"), &database, &log, &[]).await;
    let mut participants = Vec::new();
    for cookie in &cookies {
        let response = http
            .post(format!("{}/peserta/kuis/{quiz}/mulai", first.url))
            .header(COOKIE, cookie)
            .header(ORIGIN, &first.url)
            .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body("")
            .send()
            .await
            .expect("start");
        assert_eq!(
            response.status().as_u16(),
            303,
            "start answered {response:?}"
        );
        let attempt: i64 = response
            .headers()
            .get(LOCATION)
            .and_then(|l| l.to_str().ok())
            .and_then(|l| l.strip_prefix("/peserta/upaya/"))
            .and_then(|id| id.parse().ok())
            .expect("Location: /peserta/upaya/{id}");
        let items: Vec<(i64, String, String)> = sqlx::query_as(
            "select ai.question_id, q.kind, ai.option_order from attempt_item ai \
             join question q on q.id = ai.question_id where ai.attempt_id = $1 order by ai.position",
        )
        .bind(attempt)
        .fetch_all(&db)
        .await
        .expect("attempt items");
        assert_eq!(items.len(), 20, "attempt {attempt} has 20 questions");
        participants.push(Participant {
            attempt,
            cookie: cookie.clone(),
            items: items
                .into_iter()
                .map(|(q, kind, order)| {
                    let options = order
                        .split(',')
                        .filter(|o| !o.is_empty())
                        .map(str::to_string)
                        .collect();
                    (q, kind, options)
                })
                .collect(),
        });
    }

    // Act and assert, once per kill.
    let acked = Arc::new(Mutex::new(Acked::new()));
    let acks = Arc::new(AtomicUsize::new(0));
    let unexpected = Arc::new(Mutex::new(Vec::new()));
    let mut seqs = vec![0_i64; participants.len()];
    let mut rng = StdRng::from_entropy();
    let began = Instant::now();
    let mut running = Some(first);
    for cycle in 0..cycles {
        let server = match running.take() {
            Some(server) => server,
            None => {
                ServerProcess::start(env!("CARGO_BIN_EXE_pamong_server"), &database, &log, &[])
                    .await
            }
        };
        let so_far = acked.lock().expect("lock").clone();
        let missing = lost(&db, &so_far).await;
        assert!(
            missing.is_empty(),
            "after restart {cycle}, {} acknowledged saves are lost: {missing:#?}",
            missing.len()
        );
        let shared = Shared {
            http: http.clone(),
            base: server.url.clone(),
            acked: acked.clone(),
            acks: acks.clone(),
            unexpected: unexpected.clone(),
            stop: Arc::new(AtomicBool::new(false)),
        };
        let tasks: Vec<_> = participants
            .iter()
            .zip(&seqs)
            .map(|(p, seq)| {
                let rng = StdRng::from_rng(&mut rng).expect("rng");
                tokio::spawn(saver(shared.clone(), p.clone(), *seq, rng))
            })
            .collect();
        tokio::time::sleep(Duration::from_millis(rng.gen_range(50..600))).await;
        server.kill();
        shared.stop.store(true, Ordering::Relaxed);
        for (seq, task) in seqs.iter_mut().zip(tasks) {
            *seq = task.await.expect("saver task");
        }
    }

    // The state after the last kill, read by a restarted server's database.
    let server =
        ServerProcess::start(env!("CARGO_BIN_EXE_pamong_server"), &database, &log, &[]).await;
    let acked = acked.lock().expect("lock").clone();
    let missing = lost(&db, &acked).await;
    drop(server);
    let saved_rows: usize = acked.len();
    eprintln!(
        "quiz fault ({:?}): {cycles} SIGKILLs in {:.1} s, {} saves acknowledged, checked on {saved_rows} \
         answers (the highest acknowledged seq of each), lost = {}",
        pamong_tests::harness::backend(),
        began.elapsed().as_secs_f64(),
        acks.load(Ordering::Relaxed),
        missing.len()
    );
    let unexpected = unexpected.lock().expect("lock").clone();
    if !unexpected.is_empty() {
        // What the server said about them, before the data directory goes.
        let said = std::fs::read_to_string(&log).unwrap_or_default();
        for line in said
            .lines()
            .filter(|l| l.contains("ERROR") || l.contains("WARN"))
        {
            eprintln!("server: {line}");
        }
    }
    db.close().await;
    database.drop_database().await;
    assert!(
        missing.is_empty(),
        "lost {} acknowledged saves: {missing:#?}",
        missing.len()
    );
    assert!(
        unexpected.is_empty(),
        "answers other than 200 with every save acknowledged: {unexpected:#?}"
    );
    assert!(saved_rows > 0, "no save was ever acknowledged");
}
