//! No e-mail is lost when the server is killed half-way through sending (issue #18): the real
//! server runs as a child process with a loopback SMTP server (`tests/src/smtp_sink.rs`); the
//! messages are queued in its database, and once the sink has received half of them the server
//! is killed with SIGKILL and started again. Afterwards every message is marked sent and the sink
//! has received each one, a duplicate (a message sent but not yet marked when the server died)
//! carrying the same `Message-ID` as its original. Half-way, the admin's outbox page shows the
//! progress.
//!
//! SQLite by default, PostgreSQL when `PAMONG_TEST_DATABASE_URL` is a `postgres://` URL.
//! `PAMONG_OUTBOX_CRASH_MESSAGES` sets the number of messages (default 2,000; the benchmark in
//! docs/BENCHMARKS.md uses 62,000). The restarted server sends the batches the killed one held
//! once their lease (120 s) has run out, so the test takes a little over two minutes.

use app::model::Lang;
use app::ssr::db::{now_unix, Db};
use app::ssr::mail::{queue, template, Outgoing};
use pamong_tests::fixtures;
use pamong_tests::harness::{Client, FreshDatabase};
use pamong_tests::process::ServerProcess;
use pamong_tests::smtp_sink::SmtpSink;
use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

const PASSWORD: &str = "kata-sandi-uji-1";

fn messages() -> usize {
    std::env::var("PAMONG_OUTBOX_CRASH_MESSAGES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(2_000)
}

/// Message `n` of the run, as the activation e-mail of an imported teacher would read.
fn message(n: usize) -> Outgoing {
    let name = format!("Guru Uji {n}");
    let (text, html) = template::layout(
        Lang::Id,
        &format!("Halo, {name}"),
        &[format!("Akun {name} sudah dibuat di Pamong.")],
        Some((
            "Aktifkan akun",
            &template::link(&format!("/aktivasi?kode={n}")),
        )),
    );
    Outgoing {
        to_email: format!("guru{n}@sekolah.test"),
        to_name: name,
        to_user: None,
        kind: "load",
        lang: Lang::Id,
        subject: format!("Aktivasi akun Pamong {n}"),
        text,
        html,
    }
}

async fn count(db: &Db, sql: &str) -> i64 {
    let (n,): (i64,) = sqlx::query_as(sql).fetch_one(db).await.expect("count");
    n
}

/// The number beside `status` in the outbox page's counts.
fn shown_count(page: &str, status: &str) -> Option<i64> {
    let at = page.find(&format!("outbox-count {status}\""))?;
    let rest = &page[at..];
    let stat = rest.find("class=\"stat\">")? + "class=\"stat\">".len();
    rest[stat..]
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect::<String>()
        .parse()
        .ok()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kill_half_way_through_the_outbox_loses_no_message() {
    let total = messages();
    let database = FreshDatabase::create().await.expect("fresh database");
    let log = database.data_dir.join("server.log");
    let sink = SmtpSink::start();
    let settings = [
        ("PAMONG_SMTP_HOST", "127.0.0.1".to_string()),
        ("PAMONG_SMTP_PORT", sink.port().to_string()),
        ("PAMONG_SMTP_TLS", "none".to_string()),
        ("PAMONG_MAIL_FROM", "pamong@pamong.test".to_string()),
    ];
    let binary = env!("CARGO_BIN_EXE_pamong_server");
    let first = ServerProcess::start(binary, &database, &log, &settings).await;
    let db = server::db::connect(&database.url).await.expect("connect");
    fixtures::agency_with_admin(
        &db,
        "BPSDM Uji",
        "Admin Uji",
        "admin@bpsdm.test",
        PASSWORD.to_string(),
    )
    .await;
    let admin = Client::new(&first.url);
    assert_eq!(
        admin.sign_in("admin@bpsdm.test", PASSWORD).await.status(),
        200
    );

    // Queued as an import queues them: a thousand per transaction, while the worker sends.
    let started = Instant::now();
    for chunk in (0..total).collect::<Vec<_>>().chunks(1000) {
        let mut tx = db.begin().await.expect("begin");
        for n in chunk {
            queue(&mut tx, &message(*n), now_unix())
                .await
                .expect("queue");
        }
        tx.commit().await.expect("commit");
    }

    // Half-way: the admin sees the progress; then the server dies.
    let deadline = Instant::now() + Duration::from_secs(600);
    while sink.messages().len() < total / 2 {
        assert!(
            Instant::now() < deadline,
            "half the messages within 10 minutes"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let half_secs = started.elapsed().as_secs_f64();
    println!(
        "the first {} received in {half_secs:.1} s ({:.0} messages/s, queueing included)",
        total / 2,
        (total / 2) as f64 / half_secs
    );
    let (status, page) = admin.page("/admin/surel").await;
    assert_eq!(status, 200);
    let shown_sent = shown_count(&page, "sent").expect("the sent count on the page");
    let shown_queued = shown_count(&page, "queued").expect("the queued count on the page");
    assert!(
        shown_sent > 0 && shown_queued > 0,
        "{shown_sent} sent, {shown_queued} queued"
    );
    assert!(shown_sent + shown_queued <= total as i64);
    first.kill();
    let at_kill = sink.messages().len();
    let marked_at_kill = count(
        &db,
        "select count(*) from outbox_message where status = 'sent'",
    )
    .await;
    println!("killed with {at_kill} received and {marked_at_kill} marked sent");
    assert!(at_kill < total, "killed before the end");

    // Restarted: the rest goes out, the held batches once their lease has run out.
    let second = ServerProcess::start(binary, &database, &log, &settings).await;
    let deadline = Instant::now() + Duration::from_secs(600);
    loop {
        let left = count(
            &db,
            "select count(*) from outbox_message where status <> 'sent'",
        )
        .await;
        if left == 0 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "{left} messages left after 10 minutes"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let elapsed = started.elapsed().as_secs_f64();
    tokio::time::sleep(Duration::from_millis(500)).await;

    // Every message arrived; a duplicate carries its original's Message-ID.
    let keys: Vec<(String,)> = sqlx::query_as("select message_key from outbox_message")
        .fetch_all(&db)
        .await
        .expect("keys");
    let keys: HashSet<String> = keys
        .into_iter()
        .map(|(key,)| format!("{key}@pamong.test"))
        .collect();
    assert_eq!(keys.len(), total);
    let received = sink.messages();
    let mut per_id: HashMap<String, usize> = HashMap::new();
    for mail in &received {
        *per_id.entry(mail.parsed().message_id).or_default() += 1;
    }
    let missing = keys.iter().filter(|k| !per_id.contains_key(*k)).count();
    let strangers = per_id.keys().filter(|k| !keys.contains(*k)).count();
    let duplicates = received.len() - per_id.len();
    println!(
        "{total} messages delivered in {elapsed:.1} s with a kill and a restart \
         ({:.0} messages/s overall), {duplicates} duplicates",
        total as f64 / elapsed
    );
    assert_eq!((missing, strangers), (0, 0), "every message, none unknown");
    assert!(
        duplicates <= at_kill - marked_at_kill as usize + 200,
        "duplicates only of messages sent but not marked at the kill: {duplicates}"
    );
    drop(second);
    db.close().await;
    sink.stop();
    database.drop_database().await;
}
