//! Outgoing e-mail through the outbox (issue #18), on SQLite and PostgreSQL, to a real SMTP
//! server on loopback (`pamong_tests::smtp_sink`): the message, its Message-ID, subject and
//! parts as they arrive; values escaped in the HTML part; SMTP off → "not sent" on the admin's
//! page, within the admin's scope; a server that is down → tried again with growing pauses and
//! delivered once it is up; two processes never send one message twice; a queued message survives
//! a restart.

use app::model::{Lang, Role, UserId};
use app::ssr::db::{now_unix, Db};
use app::ssr::mail::{self, template, Outgoing};
use pamong_tests::harness::{Options, TestServer};
use pamong_tests::smtp_sink::{free_port, SmtpSink};
use std::collections::HashSet;
use std::time::{Duration, Instant};

/// Bounds every wait.
const GIVE_UP: Duration = Duration::from_secs(60);
const PASSWORD: &str = "kata-sandi-uji-1";

fn with_smtp(port: u16) -> Options {
    Options {
        smtp_port: Some(port),
        ..Options::default()
    }
}

/// A message to `name` at `email`, rendered as a feature renders one.
fn message(name: &str, email: &str, user: Option<UserId>) -> Outgoing {
    let (text, html) = template::layout(
        Lang::Id,
        &format!("Halo, {name}"),
        &[format!("Akun {name} sudah dibuat di Pamong.")],
        Some(("Masuk ke Pamong", &template::link("/masuk?dari=surel&x=1"))),
    );
    Outgoing {
        to_email: email.to_string(),
        to_name: name.to_string(),
        to_user: user,
        kind: "test",
        lang: Lang::Id,
        subject: format!("Akun Pamong untuk {name}"),
        text,
        html,
    }
}

/// Queues `mails` in one transaction and commits it.
async fn queue_all(db: &Db, mails: &[Outgoing]) -> Vec<i64> {
    let mut tx = db.begin().await.expect("begin");
    let mut ids = Vec::new();
    for mail in mails {
        ids.push(mail::queue(&mut tx, mail, now_unix()).await.expect("queue"));
    }
    tx.commit().await.expect("commit");
    ids
}

/// Status, attempts, last error and message key of outbox message `id`.
async fn row(db: &Db, id: i64) -> (String, i64, Option<String>, String) {
    sqlx::query_as(
        "select status, attempts, last_error, message_key from outbox_message where id = $1",
    )
    .bind(id)
    .fetch_one(db)
    .await
    .expect("outbox row")
}

/// Waits until `check` holds for message `id`'s row.
async fn wait_row(
    db: &Db,
    id: i64,
    check: impl Fn(&(String, i64, Option<String>, String)) -> bool,
) -> (String, i64, Option<String>, String) {
    let started = Instant::now();
    loop {
        let current = row(db, id).await;
        if check(&current) {
            return current;
        }
        assert!(
            started.elapsed() < GIVE_UP,
            "message {id} stayed {current:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_message_arrives_with_its_id_subject_link_and_escaped_values() {
    let sink = SmtpSink::start();
    let server = TestServer::start_with(with_smtp(sink.port())).await;
    let name = "<script>alert('x')</script> Budi & \"Sari\"";
    let mail = message(name, "budi@sekolah.test", None);

    // Queued in a transaction that is rolled back: never sent.
    let mut tx = server.db.begin().await.expect("begin");
    mail::queue(
        &mut tx,
        &message("Batal", "batal@sekolah.test", None),
        now_unix(),
    )
    .await
    .expect("queue");
    tx.rollback().await.expect("rollback");

    let id = queue_all(&server.db, std::slice::from_ref(&mail)).await[0];
    mail::wake_worker();
    let received = sink.wait_for(1, GIVE_UP).await;
    assert_eq!(received.len(), 1, "one message arrives");
    let (status, attempts, error, key) =
        wait_row(&server.db, id, |(status, ..)| status == "sent").await;
    assert_eq!((status.as_str(), attempts, error), ("sent", 1, None));

    let arrived = &received[0];
    assert_eq!(arrived.to, vec!["budi@sekolah.test".to_string()]);
    assert_eq!(arrived.from, "pamong@pamong.test");
    let parsed = arrived.parsed();
    assert_eq!(parsed.message_id, format!("{key}@pamong.test"));
    assert_eq!(parsed.subject, mail.subject);
    assert!(parsed.to.ends_with("<budi@sekolah.test>"), "{}", parsed.to);
    // The text part keeps the name as written; the link is absolute, to this server.
    assert!(
        parsed.text.contains(&format!("Halo, {name}")),
        "{}",
        parsed.text
    );
    // The public URL is one per process (`template::set_public_url`), and this process runs a
    // server per test at once: the link is absolute to one of them, on loopback.
    let host = server.url.rsplit_once(':').map_or("", |(host, _)| host);
    let link = parsed
        .text
        .lines()
        .find(|line| line.ends_with("/masuk?dari=surel&x=1"))
        .unwrap_or_else(|| panic!("no link in {}", parsed.text));
    assert!(link.starts_with(&format!("{host}:")), "{link}");
    // The HTML part escapes every value.
    assert!(!parsed.html.contains("<script>"), "{}", parsed.html);
    assert!(
        parsed.html.contains(
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Budi &amp; &quot;Sari&quot;"
        ),
        "{}",
        parsed.html
    );
    assert!(
        parsed
            .html
            .contains(&format!("href=\"{}\"", link.replace('&', "&amp;"))),
        "{}",
        parsed.html
    );

    // Nothing else arrives (the rolled-back message was never queued).
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(sink.messages().len(), 1);
    let (count,): (i64,) = sqlx::query_as("select count(*) from outbox_message")
        .fetch_one(&server.db)
        .await
        .expect("count");
    assert_eq!(count, 1);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_smtp_messages_are_not_sent_and_admins_see_those_in_their_scope() {
    let server = TestServer::start().await;
    let inst = server.institutions().await;
    server
        .user(Role::Admin, "top@bpsdm.test", PASSWORD, Some(inst.agency))
        .await;
    server
        .user(
            Role::Admin,
            "dinas-a@bpsdm.test",
            PASSWORD,
            Some(inst.district_a),
        )
        .await;
    let teacher_a = server
        .user(
            Role::Participant,
            "guru-a@sekolah.test",
            PASSWORD,
            Some(inst.school_a),
        )
        .await;
    let teacher_b = server
        .user(
            Role::Participant,
            "guru-b@sekolah.test",
            PASSWORD,
            Some(inst.school_b),
        )
        .await;
    let ids = queue_all(
        &server.db,
        &[
            message("Guru <b>A</b>", "guru-a@sekolah.test", Some(teacher_a)),
            message("Guru B", "guru-b@sekolah.test", Some(teacher_b)),
            message("Tanpa Akun", "tamu@contoh.test", None),
        ],
    )
    .await;
    for id in &ids {
        let (status, attempts, ..) =
            wait_row(&server.db, *id, |(status, ..)| status != "queued").await;
        assert_eq!((status.as_str(), attempts), ("not_sent", 0));
    }

    // The top-level admin sees every message, with the counts and the note that SMTP is off.
    let top = server.new_client();
    top.sign_in("top@bpsdm.test", PASSWORD).await;
    let (status, page) = top.page("/admin/surel").await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("Surel keluar"), "{page}");
    assert!(page.contains("Pengiriman surel belum diatur"), "{page}");
    for email in [
        "guru-a@sekolah.test",
        "guru-b@sekolah.test",
        "tamu@contoh.test",
    ] {
        assert!(page.contains(email), "{email} listed: {page}");
    }
    assert!(
        page.contains("Guru &lt;b&gt;A&lt;/b&gt;"),
        "names escaped: {page}"
    );
    assert!(!page.contains("<b>A</b>"), "{page}");
    assert!(
        page.contains(r#"<span class="stat">3</span> <span>Tidak dikirim</span>"#),
        "{page}"
    );
    assert!(
        page.contains(r#"href="/admin/surel""#),
        "navigation link: {page}"
    );

    // A district admin sees the messages to accounts under the district only.
    let district = server.new_client();
    district.sign_in("dinas-a@bpsdm.test", PASSWORD).await;
    let (status, page) = district.page("/admin/surel").await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("guru-a@sekolah.test"), "{page}");
    assert!(!page.contains("guru-b@sekolah.test"), "{page}");
    assert!(!page.contains("tamu@contoh.test"), "{page}");
    assert!(
        page.contains(r#"<span class="stat">1</span> <span>Tidak dikirim</span>"#),
        "{page}"
    );
    // The status filter.
    let (_, sent_only) = top.page("/admin/surel?status=sent").await;
    assert!(!sent_only.contains("guru-a@sekolah.test"), "{sent_only}");
    assert!(sent_only.contains("Belum ada surel."), "{sent_only}");

    // A participant is refused.
    let teacher = server.new_client();
    teacher.sign_in("guru-a@sekolah.test", PASSWORD).await;
    let (status, page) = teacher.page("/admin/surel").await;
    assert_ne!(status, 200, "{page}");
    assert!(!page.contains("guru-b@sekolah.test"), "{page}");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_that_is_down_is_tried_again_with_growing_pauses_then_delivered() {
    let port = free_port();
    let server = TestServer::start_with(with_smtp(port)).await;
    let id = queue_all(&server.db, &[message("Sari", "sari@sekolah.test", None)]).await[0];
    mail::wake_worker();
    // Two failed attempts, each recorded with its error and a later next attempt.
    let (status, attempts, error, _) =
        wait_row(&server.db, id, |(_, attempts, ..)| *attempts >= 2).await;
    assert_eq!(status, "queued");
    assert!(error.is_some_and(|e| !e.is_empty()), "the error is kept");
    let (created, next): (i64, i64) =
        sqlx::query_as("select created_at, next_attempt_at from outbox_message where id = $1")
            .bind(id)
            .fetch_one(&server.db)
            .await
            .expect("times");
    assert!(next > created, "the next attempt waits: {created} → {next}");
    assert!(attempts < 8, "not given up yet");

    // The server comes up: the next attempt delivers it, with the message's one Message-ID.
    let sink = SmtpSink::start_on(port).expect("the sink takes the port");
    let received = sink.wait_for(1, GIVE_UP).await;
    assert_eq!(received.len(), 1);
    let (status, attempts, error, key) =
        wait_row(&server.db, id, |(status, ..)| status == "sent").await;
    assert_eq!(status, "sent");
    assert!(attempts >= 3, "{attempts} attempts");
    assert_eq!(error, None);
    assert_eq!(
        received[0].parsed().message_id,
        format!("{key}@pamong.test")
    );
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_processes_never_send_one_message_twice() {
    const MESSAGES: usize = 300;
    let sink = SmtpSink::start();
    let server = TestServer::start_with(with_smtp(sink.port())).await;
    let second = server.second_process_with(with_smtp(sink.port())).await;
    let mails: Vec<Outgoing> = (0..MESSAGES)
        .map(|n| message(&format!("Guru {n}"), &format!("guru{n}@sekolah.test"), None))
        .collect();
    // Not woken: both workers find the messages at their next look, at about the same time.
    queue_all(&server.db, &mails).await;
    let received = sink.wait_for(MESSAGES, GIVE_UP).await;
    assert_eq!(received.len(), MESSAGES);
    // Give a second sender the time it would need.
    tokio::time::sleep(Duration::from_secs(3)).await;
    let received = sink.messages();
    let ids: HashSet<String> = received.iter().map(|m| m.parsed().message_id).collect();
    assert_eq!(received.len(), MESSAGES, "no message sent twice");
    assert_eq!(ids.len(), MESSAGES, "every message once");
    // One attempt each: no message was claimed a second time.
    let (sent, attempts): (i64, i64) = sqlx::query_as(
        "select count(*), coalesce(max(attempts), 0) from outbox_message where status = 'sent'",
    )
    .fetch_one(&server.db)
    .await
    .expect("counts");
    assert_eq!((sent, attempts), (MESSAGES as i64, 1));
    second.stop().await;
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_queued_message_survives_a_restart() {
    let port = free_port();
    let mut server = TestServer::start_with(with_smtp(port)).await;
    let id = queue_all(&server.db, &[message("Rina", "rina@sekolah.test", None)]).await[0];
    mail::wake_worker();
    // The failed attempt is recorded (not only claimed): a process stopped in the middle of a
    // send holds its lease until the lease runs out, which is the crash path, not this one.
    wait_row(&server.db, id, |(_, attempts, error, _)| {
        *attempts >= 1 && error.is_some()
    })
    .await;

    let sink = SmtpSink::start();
    server.restart_with(with_smtp(sink.port())).await;
    let received = sink.wait_for(1, GIVE_UP).await;
    assert_eq!(received.len(), 1);
    let (status, _, _, key) = wait_row(&server.db, id, |(status, ..)| status == "sent").await;
    assert_eq!(status, "sent");
    assert_eq!(
        received[0].parsed().message_id,
        format!("{key}@pamong.test")
    );
    server.stop().await;
}
