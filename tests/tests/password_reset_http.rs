//! Password reset over real HTTP (issue #18): the link read from a loopback SMTP server works
//! once and ends the account's other sessions; an unknown account, or one without e-mail, gets
//! the same answer as a known one and no mail; an expired or replaced link is refused with its
//! message; simultaneous requests and guessed links are answered 429 past the limit.

use app::model::{ErrorKind, Role, UserId};
use app::ssr::db::Db;
use pamong_tests::harness::{all_at_once, error_of, location, Client, Options, TestServer};
use pamong_tests::smtp_sink::SmtpSink;
use std::time::Duration;

const PASSWORD: &str = "kata-sandi-uji-1";
const NEW_PASSWORD: &str = "sandi-baru-sekali-1";
const EMAIL: &str = "sri.wahyuni@sekolah.test";
const NIP: &str = "198609262015051001";

/// A server (with `sink` as its SMTP server, if any) and a participant with e-mail, NIP and
/// password.
async fn setup(sink: Option<&SmtpSink>) -> (TestServer, UserId) {
    let server = TestServer::start_with(Options {
        smtp_port: sink.map(SmtpSink::port),
        ..Options::default()
    })
    .await;
    let teacher = server.user(Role::Participant, EMAIL, PASSWORD, None).await;
    sqlx::query("update app_user set nip = $1, name = $2 where id = $3")
        .bind(NIP)
        .bind("Sri <b>Wahyuni</b>")
        .bind(teacher.0)
        .execute(&server.db)
        .await
        .expect("nip");
    (server, teacher)
}

async fn request(client: &Client, account: &str) -> reqwest::Response {
    client
        .call("request_password_reset", &[("akun", account)])
        .await
}

async fn reset(client: &Client, token: &str, password: &str) -> reqwest::Response {
    client
        .call(
            "reset_password",
            &[
                ("token", token),
                ("password", password),
                ("password_confirm", password),
            ],
        )
        .await
}

/// The token of the reset link in a message's text.
fn token_in(text: &str) -> String {
    let start = text
        .find("/sandi-baru?token=")
        .unwrap_or_else(|| panic!("no reset link in {text}"))
        + "/sandi-baru?token=".len();
    text[start..]
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect()
}

/// The reset messages queued so far (text parts), oldest first, waiting up to 10 s for `at_least`.
async fn queued_resets(db: &Db, at_least: usize) -> Vec<String> {
    for _ in 0..100 {
        let rows: Vec<(String,)> = sqlx::query_as(
            "select body_text from outbox_message where kind = 'password_reset' order by id",
        )
        .fetch_all(db)
        .await
        .expect("outbox");
        if rows.len() >= at_least {
            return rows.into_iter().map(|(text,)| text).collect();
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("fewer than {at_least} reset messages were queued");
}

/// The message of a refused reset.
async fn refusal(response: reqwest::Response) -> String {
    assert_eq!(response.status(), 400);
    let error = error_of(response).await;
    assert_eq!(error.kind, ErrorKind::Invalid);
    error.message
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_mailed_link_works_once_and_ends_the_other_sessions() {
    let sink = SmtpSink::start();
    let (server, _) = setup(Some(&sink)).await;
    let laptop = server.new_client();
    assert_eq!(laptop.sign_in(EMAIL, PASSWORD).await.status(), 200);
    assert_eq!(laptop.page("/peserta").await.0, 200);

    // Asked for by NIP, written as on paper; the answer goes back to the request page.
    let phone = server.new_client();
    let response = request(&phone, "19860926 201505 1 001").await;
    assert_eq!(response.status(), 200);
    assert_eq!(location(&response).as_deref(), Some("/lupa-sandi"));
    let (status, page) = phone.page("/lupa-sandi").await;
    assert_eq!(status, 200);
    assert!(
        page.contains("tautan untuk membuat kata sandi baru sudah dikirim"),
        "{page}"
    );

    let received = sink.wait_for(1, Duration::from_secs(60)).await;
    assert_eq!(received[0].to, vec![EMAIL.to_string()]);
    let mail = received[0].parsed();
    assert_eq!(mail.subject, "Atur ulang kata sandi Pamong");
    assert!(
        mail.text.contains("Halo, Sri <b>Wahyuni</b>"),
        "{}",
        mail.text
    );
    assert!(
        mail.html.contains("Halo, Sri &lt;b&gt;Wahyuni&lt;/b&gt;"),
        "{}",
        mail.html
    );
    assert!(
        !mail.html.contains("<b>Wahyuni"),
        "the name is escaped in HTML"
    );
    let token = token_in(&mail.text);
    assert_eq!(token.len(), 64);
    assert!(mail.html.contains(&token), "the HTML part has the link too");
    let stored: (String,) = sqlx::query_as("select token_hash from password_reset")
        .fetch_one(&server.db)
        .await
        .expect("stored");
    assert_ne!(stored.0, token, "only a digest is stored");

    // The link opens the form; a confirmation that differs is refused and the link stays good.
    let path = format!("/sandi-baru?token={token}");
    let (status, page) = phone.page(&path).await;
    assert_eq!(status, 200);
    assert!(page.contains(&format!("value=\"{token}\"")), "{page}");
    let response = phone
        .call(
            "reset_password",
            &[
                ("token", token.as_str()),
                ("password", NEW_PASSWORD),
                ("password_confirm", "lain-sekali"),
            ],
        )
        .await;
    assert_eq!(response.status(), 400);
    let response = reset(&phone, &token, NEW_PASSWORD).await;
    assert_eq!(response.status(), 200);
    assert_eq!(location(&response).as_deref(), Some("/peserta"));
    let (status, home) = phone.page("/peserta").await;
    assert_eq!(status, 200, "signed in at once");
    assert!(home.contains("Kata sandi Anda sudah diganti"), "{home}");

    // The laptop's session has ended; the old password is gone, the new one works.
    assert_eq!(laptop.get("/peserta").await.status(), 302);
    assert_eq!(
        server.new_client().sign_in(EMAIL, PASSWORD).await.status(),
        401
    );
    assert_eq!(
        server
            .new_client()
            .sign_in(NIP, NEW_PASSWORD)
            .await
            .status(),
        200
    );

    // The same link a second time: refused as used, with JavaScript off too.
    let used = refusal(reset(&server.new_client(), &token, "lagi-lagi-sandi-2").await).await;
    assert!(used.contains("sudah dipakai"), "{used}");
    let browser = server.new_client();
    let response = browser
        .submit(
            &path,
            "reset_password",
            &[
                ("token", token.as_str()),
                ("password", "lagi-lagi-sandi-2"),
                ("password_confirm", "lagi-lagi-sandi-2"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let (status, page) = browser.page(&path).await;
    assert_eq!(status, 400);
    assert!(page.contains("Tautan ini sudah dipakai"), "{page}");
    assert_eq!(
        server
            .new_client()
            .sign_in(EMAIL, NEW_PASSWORD)
            .await
            .status(),
        200,
        "the refused second use changed nothing"
    );
    sink.stop();
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_account_gets_the_same_answer_and_no_mail() {
    let sink = SmtpSink::start();
    let (server, _) = setup(Some(&sink)).await;
    // A teacher without e-mail (imported for a printed letter): nothing can be sent.
    let (no_mail,): (i64,) = sqlx::query_as(
        "insert into app_user (name, email, password_hash, role, nip, session_epoch, created_at, \
         updated_at) values ('Budi', null, '', 'participant', '199001012015052002', 0, 1, 1) \
         returning id",
    )
    .fetch_one(&server.db)
    .await
    .expect("teacher without e-mail");
    assert!(no_mail > 0);

    let mut answers = Vec::new();
    for account in [
        EMAIL,
        "tidak.ada@sekolah.test",
        "199001012015052002",
        "197001011995031001",
        "bukan apa-apa",
    ] {
        let response = request(&server.new_client(), account).await;
        let status = response.status().as_u16();
        let location = location(&response);
        let body = response.text().await.expect("body");
        answers.push((account, status, location, body));
    }
    for (account, status, location, body) in &answers {
        assert_eq!(
            (*status, location, body),
            (answers[0].1, &answers[0].2, &answers[0].3),
            "{account}"
        );
    }
    // The page after a JavaScript-off post reads the same for a known and an unknown e-mail.
    let mut pages = Vec::new();
    for account in [EMAIL, "tidak.ada@sekolah.test"] {
        let browser = server.new_client();
        let response = browser
            .submit(
                "/lupa-sandi",
                "request_password_reset",
                &[("akun", account)],
            )
            .await;
        assert!(response.status().is_redirection(), "{}", response.status());
        assert_eq!(location(&response).as_deref(), Some("/lupa-sandi"));
        let (status, page) = browser.page("/lupa-sandi").await;
        let notice_start = page.find("class=\"notice\"").expect("a notice");
        pages.push((status, page[notice_start..notice_start + 200].to_string()));
    }
    assert_eq!(pages[0], pages[1]);

    // Exactly the two requests for the known account were mailed, both to it.
    sink.wait_for(2, Duration::from_secs(60)).await;
    // The outbox holds exactly these two: nothing more will come.
    let queued = queued_resets(&server.db, 2).await;
    assert_eq!(queued.len(), 2);
    tokio::time::sleep(Duration::from_secs(1)).await;
    let received = sink.messages();
    assert_eq!(received.len(), 2, "{received:?}");
    assert!(received.iter().all(|m| m.to == vec![EMAIL.to_string()]));
    // The first link was replaced by the second.
    let first = token_in(&queued[0]);
    let second = token_in(&queued[1]);
    assert!(received
        .iter()
        .any(|m| token_in(&m.parsed().text) == second));
    let replaced = refusal(reset(&server.new_client(), &first, NEW_PASSWORD).await).await;
    assert!(replaced.contains("tidak berlaku"), "{replaced}");
    assert_eq!(
        reset(&server.new_client(), &second, NEW_PASSWORD)
            .await
            .status(),
        200
    );
    sink.stop();
    server.stop().await;
}

#[tokio::test]
async fn a_link_expires_after_an_hour() {
    let (server, _) = setup(None).await;
    assert_eq!(request(&server.new_client(), EMAIL).await.status(), 200);
    let token = token_in(&queued_resets(&server.db, 1).await[0]);
    // Without SMTP configured the message waits in the outbox, visible to admins as not sent.
    server.clock.advance(3601);
    let expired = refusal(reset(&server.new_client(), &token, NEW_PASSWORD).await).await;
    assert!(expired.contains("kedaluwarsa"), "{expired}");
    // A page opened without a token points back to the request.
    let (status, page) = server.new_client().page("/sandi-baru").await;
    assert_eq!(status, 200);
    assert!(page.contains("href=\"/lupa-sandi\""), "{page}");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn simultaneous_requests_and_guessed_links_are_answered_429_past_the_limit() {
    let (server, _) = setup(None).await;
    // Forty requests for one account at once: five are taken, each mailing one link.
    let answers = all_at_once(40, |_| {
        let client = server.new_client();
        async move { request(&client, EMAIL).await }
    })
    .await;
    let taken = answers.iter().filter(|(s, _)| *s == 200).count();
    let refused: Vec<_> = answers.iter().filter(|(s, _)| *s == 429).collect();
    assert_eq!(taken + refused.len(), 40, "{answers:?}");
    assert_eq!(taken, 5, "{answers:?}");
    assert!(refused
        .iter()
        .all(|(_, retry)| retry.is_some_and(|r| r > 0)));
    assert_eq!(queued_resets(&server.db, 5).await.len(), 5);
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(queued_resets(&server.db, 5).await.len(), 5, "no more");

    // Forty guessed links at once: at most five are looked at, the rest wait.
    let answers = all_at_once(40, |i| {
        let client = server.new_client();
        async move { reset(&client, &format!("{i:064x}"), NEW_PASSWORD).await }
    })
    .await;
    let checked = answers.iter().filter(|(s, _)| *s == 400).count();
    let refused = answers.iter().filter(|(s, _)| *s == 429).count();
    assert_eq!(checked + refused, 40, "{answers:?}");
    assert!((1..=5).contains(&checked), "{answers:?}");
    let response = reset(&server.new_client(), &format!("{:064x}", 99), NEW_PASSWORD).await;
    assert_eq!(response.status(), 429);
    let error = error_of(response).await;
    assert_eq!(error.kind, ErrorKind::TooManyAttempts);
    assert!(
        error.message.contains("atur ulang kata sandi"),
        "{}",
        error.message
    );
    server.stop().await;
}
