//! A session's absolute lifetime (issue #16): `session_max_age_secs` after sign-in a session is
//! refused however active it has been, by the pages (through the session store) and by the quiz
//! answer writer's own in-group session check.
//!
//! The server counts from its sign-in time in whole seconds, so a session ends between
//! `MAX_AGE - 1` and `MAX_AGE` seconds after the sign-in request; the tests check exactly that
//! window from the times they sent and received, with no other timing assumption.

use app::model::Role;
use pamong_tests::harness::{location, Client, Options, TestServer};
use pamong_tests::quiz_support::{open_quiz, save, start, stored, QuizOptions, SCRIPT};
use pamong_tests::registration_support::PASSWORD;
use std::time::{Duration, Instant};

/// Bounds every wait: far above the few seconds the sessions live.
const GIVE_UP: Duration = Duration::from_secs(90);
const POLL: Duration = Duration::from_millis(250);

async fn server(max_age_secs: i64) -> TestServer {
    TestServer::start_with(Options {
        session_max_age_secs: Some(max_age_secs),
        ..Options::default()
    })
    .await
}

/// Signs `email` in on a fresh client; returns it with the instants just before the request was
/// sent and just after the answer came (the server's sign-in time lies between).
async fn sign_in(server: &TestServer, email: &str) -> (Client, Instant, Instant) {
    let client = server.new_client();
    let before = Instant::now();
    let response = client.sign_in(email, PASSWORD).await;
    assert_eq!(response.status(), 200, "sign in {email}");
    (client, before, Instant::now())
}

#[tokio::test]
async fn a_session_ends_its_maximum_age_after_sign_in_however_active() {
    const MAX_AGE: u64 = 5;
    let server = server(MAX_AGE as i64).await;
    let inst = server.institutions().await;
    server
        .user(
            Role::Participant,
            "guru@sekolah.id",
            PASSWORD,
            Some(inst.agency),
        )
        .await;
    let (client, before, after) = sign_in(&server, "guru@sekolah.id").await;
    let max_age = Duration::from_secs(MAX_AGE);

    // Used all the time: every request renews the inactivity expiry, never the absolute one.
    let mut accepted = 0;
    loop {
        let asked = Instant::now();
        let response = client.get("/peserta").await;
        let answered = Instant::now();
        if response.status() == 200 {
            assert!(
                asked < after + max_age,
                "accepted {:?} after sign-in",
                asked - after
            );
            accepted += 1;
        } else {
            assert_eq!(response.status(), 302, "refused as a visitor");
            assert!(location(&response)
                .unwrap_or_default()
                .starts_with("/masuk"));
            assert!(
                answered + Duration::from_secs(1) >= before + max_age,
                "refused only {:?} after sign-in",
                answered - before
            );
            break;
        }
        assert!(before.elapsed() < GIVE_UP, "the session never ended");
        tokio::time::sleep(POLL).await;
    }
    assert!(accepted > 0, "the session worked before its age");

    // Signing in again starts a new session with its own age.
    let (again, _, _) = sign_in(&server, "guru@sekolah.id").await;
    assert_eq!(again.get("/peserta").await.status(), 200);
    server.stop().await;
}

#[tokio::test]
async fn the_quiz_answer_writer_refuses_a_session_past_its_maximum_age() {
    const MAX_AGE: u64 = 8;
    let server = server(MAX_AGE as i64).await;
    let f = open_quiz(
        &server,
        QuizOptions {
            participants: 1,
            ..QuizOptions::default()
        },
    )
    .await;
    let email = f.people[0].1.clone();
    let (client, before, after) = sign_in(&server, &email).await;
    let max_age = Duration::from_secs(MAX_AGE);
    let (status, attempt) = start(&client, f.quiz, SCRIPT).await;
    assert!((200..400).contains(&status), "start answered {status}");
    let attempt = attempt.expect("attempt id");
    let question = f.questions[0].id;

    // Saves go through the writer's group check, not the page's: it must honour the age too.
    let mut last_saved = None;
    let mut seq = 1;
    loop {
        let asked = Instant::now();
        let (status, body) = save(&client, attempt, &[(question, seq, "1")]).await;
        let answered = Instant::now();
        match status {
            200 => {
                assert!(
                    asked < after + max_age,
                    "saved {:?} after sign-in",
                    asked - after
                );
                last_saved = Some(seq);
            }
            401 => {
                assert!(
                    answered + Duration::from_secs(1) >= before + max_age,
                    "refused only {:?} after sign-in",
                    answered - before
                );
                break;
            }
            other => panic!("save answered {other}: {body}"),
        }
        assert!(
            before.elapsed() < GIVE_UP,
            "the writer kept accepting the session"
        );
        seq += 1;
        tokio::time::sleep(POLL).await;
    }
    let last_saved = last_saved.expect("saves worked before the session's age");
    assert_eq!(
        stored(&server.db, attempt, question).await,
        (Some("1".into()), last_saved),
        "nothing was written after the refusal"
    );
    server.stop().await;
}
