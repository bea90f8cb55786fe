//! Taking a quiz over real HTTP: page-by-page without JavaScript, background saves that never
//! let an old answer overwrite a newer one, one hand-in out of fifty, deadlines on the server's
//! clock (never the client's), and attempts nobody else can read or write.

use pamong_tests::harness::{location, TestServer};
use pamong_tests::quiz_support::{
    attempt_questions, attempt_state, finish, open_quiz, save, start, stored, QuizOptions, BROWSER,
    SCRIPT,
};
use std::collections::HashMap;

#[tokio::test]
async fn a_participant_takes_a_quiz_page_by_page_without_javascript() {
    let server = TestServer::start().await;
    let f = open_quiz(&server, QuizOptions::default()).await;
    let (_, _, client) = &f.people[0];
    let (status, body) = client.page(&format!("/peserta/kuis/{}", f.quiz)).await;
    assert_eq!(status, 200);
    assert!(body.contains("Pre-test Literasi Digital"), "{body}");
    assert!(body.contains("Mulai mengerjakan"), "{body}");

    let (status, attempt) = start(client, f.quiz, BROWSER).await;
    assert_eq!(status, 303);
    let attempt = attempt.expect("attempt id");
    let order = attempt_questions(&server.db, attempt).await;
    assert_eq!(order.len(), 6);
    let correct: HashMap<i64, i64> = f.questions.iter().map(|q| (q.id, q.correct)).collect();
    let wrong: HashMap<i64, i64> = f.questions.iter().map(|q| (q.id, q.options[0])).collect();

    // Two pages of three; answer five right and one wrong, moving forward page by page.
    for page in 1..=2 {
        let (status, body) = client
            .page(&format!("/peserta/upaya/{attempt}?hal={page}"))
            .await;
        assert_eq!(status, 200);
        let shown = &order[(page - 1) * 3..page * 3];
        for q in shown {
            assert!(
                body.contains(&format!("name=\"q{q}\"")),
                "page {page}: {body}"
            );
        }
        assert!(!body.contains(&format!(
            "name=\"q{}\"",
            order[if page == 1 { 3 } else { 0 }]
        )));
        let seq = body
            .split("name=\"seq\" value=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("seq field")
            .to_string();
        let mut form: Vec<(String, String)> = vec![
            ("hal".into(), page.to_string()),
            ("seq".into(), seq.clone()),
            (
                "aksi".into(),
                if page == 1 { "lanjut" } else { "kumpulkan" }.into(),
            ),
        ];
        for q in shown {
            form.push(("shown".into(), q.to_string()));
            let pick = if *q == order[5] { wrong[q] } else { correct[q] };
            form.push((format!("q{q}"), pick.to_string()));
        }
        let fields: Vec<(&str, &str)> =
            form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let response = client
            .post_to(
                &format!("/peserta/upaya/{attempt}"),
                &format!("/peserta/upaya/{attempt}?hal={page}"),
                BROWSER,
                &fields,
            )
            .await;
        assert_eq!(response.status(), 303);
        let to = location(&response).expect("redirect");
        if page == 1 {
            assert_eq!(to, format!("/peserta/upaya/{attempt}?hal=2"));
        } else {
            assert_eq!(to, format!("/peserta/upaya/{attempt}/kumpulkan"));
        }
    }
    // Going back shows the saved choice checked.
    let (_, body) = client
        .page(&format!("/peserta/upaya/{attempt}?hal=1"))
        .await;
    let first = order[0];
    let checked = format!("name=\"q{first}\" value=\"{}\" checked", correct[&first]);
    assert!(body.contains(&checked), "saved answer shown: {body}");

    let (status, body) = client
        .page(&format!("/peserta/upaya/{attempt}/kumpulkan"))
        .await;
    assert_eq!(status, 200);
    assert!(body.contains("Semua soal sudah dijawab"), "{body}");
    let response = finish(client, attempt, BROWSER).await;
    assert_eq!(response.status(), 303);
    assert_eq!(
        location(&response).as_deref(),
        Some(format!("/peserta/upaya/{attempt}/hasil").as_str())
    );
    let (finished_at, by, score) = attempt_state(&server.db, attempt).await;
    assert!(finished_at.is_some());
    assert_eq!(by.as_deref(), Some("participant"));
    assert_eq!(score, Some(5000));
    let (status, body) = client
        .page(&format!("/peserta/upaya/{attempt}/hasil"))
        .await;
    assert_eq!(status, 200);
    assert!(body.contains("Nilai: 83,3"), "{body}");
    assert!(body.contains("Lulus"), "{body}");
    assert!(body.contains("Pembahasan"), "review shown: {body}");
    server.stop().await;
}

#[tokio::test]
async fn saves_are_idempotent_and_an_older_save_never_overwrites_a_newer_one() {
    let server = TestServer::start().await;
    let f = open_quiz(&server, QuizOptions::default()).await;
    let (_, _, client) = &f.people[0];
    let (_, attempt) = start(client, f.quiz, SCRIPT).await;
    let attempt = attempt.expect("attempt");
    let q = f.questions[0].id;
    let (a, b) = (f.questions[0].options[0], f.questions[0].options[1]);
    let (a, b) = (a.to_string(), b.to_string());

    let (status, body) = save(client, attempt, &[(q, 5, &a)]).await;
    assert_eq!(
        (status, body.trim()),
        (200, format!("{q}:5:saved").as_str())
    );
    // A retry of the same save, and a late save from before it, change nothing.
    let (status, body) = save(client, attempt, &[(q, 5, &b)]).await;
    assert_eq!(
        (status, body.trim()),
        (200, format!("{q}:5:stale").as_str())
    );
    let (status, _) = save(client, attempt, &[(q, 3, &b)]).await;
    assert_eq!(status, 200);
    assert_eq!(stored(&server.db, attempt, q).await, (Some(a.clone()), 5));
    // A newer one wins; several in one request (a device back online) are each answered.
    let q2 = f.questions[1].id;
    let (status, body) = save(client, attempt, &[(q, 9, &b), (q2, 1, "x"), (q, 7, &a)]).await;
    assert_eq!(status, 200);
    assert_eq!(
        body.lines().collect::<Vec<_>>(),
        vec![
            format!("{q}:9:saved"),
            format!("{q2}:1:saved"),
            format!("{q}:7:stale")
        ]
    );
    assert_eq!(stored(&server.db, attempt, q).await, (Some(b.clone()), 9));
    // Two saves of one answer in rising order in one request are applied one after the other.
    let (status, body) = save(client, attempt, &[(q, 11, &a), (q, 12, &b)]).await;
    assert_eq!(status, 200);
    assert_eq!(
        body.lines().collect::<Vec<_>>(),
        vec![format!("{q}:11:saved"), format!("{q}:12:saved")]
    );
    assert_eq!(stored(&server.db, attempt, q).await, (Some(b), 12));
    // Malformed fields and questions outside the attempt are refused.
    let (status, _) = save(client, attempt, &[(q, 0, "x")]).await;
    assert_eq!(status, 400);
    let (status, _) = save(client, attempt, &[(999_999, 1, "x")]).await;
    assert_eq!(status, 404);
    server.stop().await;
}

#[tokio::test]
async fn concurrent_saves_of_one_answer_keep_the_newest_whatever_order_they_arrive_in() {
    let server = TestServer::start().await;
    let f = open_quiz(&server, QuizOptions::default()).await;
    let (_, _, client) = &f.people[0];
    let (_, attempt) = start(client, f.quiz, SCRIPT).await;
    let attempt = attempt.expect("attempt");
    let q = f.questions[2].id;
    let q2 = f.questions[3].id;
    // Sixty saves at once, in scrambled order, land in the writer's groups together: each is
    // answered, the newest of each answer is the one stored, and a save is `saved` only if no
    // newer one of its answer was stored before it.
    let order: Vec<i64> = (1..=60).map(|i| (i * 37) % 61).collect();
    let mut tasks = Vec::new();
    for &seq in &order {
        let client = client.clone();
        tasks.push(tokio::spawn(async move {
            let text = format!("jawaban {seq}");
            let (status, body) = save(&client, attempt, &[(q, seq, &text), (q2, seq, &text)]).await;
            (seq, status, body)
        }));
    }
    let mut replies = Vec::new();
    for task in tasks {
        replies.push(task.await.expect("task"));
    }
    for (seq, status, body) in &replies {
        assert_eq!(*status, 200, "save {seq}: {body}");
        assert_eq!(body.lines().count(), 2, "save {seq}: {body}");
    }
    let newest = *order.iter().max().expect("saves");
    let newest_reply = replies
        .iter()
        .find(|(seq, _, _)| *seq == newest)
        .map(|(_, _, body)| body.clone())
        .expect("the newest save's reply");
    assert!(
        newest_reply.contains(&format!("{q}:{newest}:saved")),
        "{newest_reply}"
    );
    let newest_text = format!("jawaban {newest}");
    assert_eq!(
        stored(&server.db, attempt, q).await,
        (Some(newest_text.clone()), newest)
    );
    assert_eq!(
        stored(&server.db, attempt, q2).await,
        (Some(newest_text), newest)
    );
    server.stop().await;
}

#[tokio::test]
async fn fifty_concurrent_submits_finish_the_attempt_exactly_once() {
    let server = TestServer::start().await;
    let f = open_quiz(&server, QuizOptions::default()).await;
    let (_, _, client) = &f.people[0];
    let (_, attempt) = start(client, f.quiz, SCRIPT).await;
    let attempt = attempt.expect("attempt");
    let q = &f.questions[0];
    save(client, attempt, &[(q.id, 1, &q.correct.to_string())]).await;

    let mut tasks = Vec::new();
    for _ in 0..50 {
        let client = client.clone();
        tasks.push(tokio::spawn(async move {
            finish(&client, attempt, SCRIPT).await.status().as_u16()
        }));
    }
    let mut statuses = Vec::new();
    for task in tasks {
        statuses.push(task.await.expect("task"));
    }
    let won = statuses.iter().filter(|s| **s == 303).count();
    let refused = statuses.iter().filter(|s| **s == 409).count();
    assert_eq!((won, refused), (1, 49), "{statuses:?}");
    let (_, by, score) = attempt_state(&server.db, attempt).await;
    assert_eq!(by.as_deref(), Some("participant"));
    assert_eq!(score, Some(1000));
    // A browser's second tab is sent to the result with a message, not an error.
    let response = finish(client, attempt, BROWSER).await;
    assert_eq!(response.status(), 303);
    let (_, body) = client
        .page(&format!("/peserta/upaya/{attempt}/hasil"))
        .await;
    assert!(body.contains("sudah dikumpulkan sebelumnya"), "{body}");
    server.stop().await;
}

#[tokio::test]
async fn a_late_autosave_after_submit_changes_nothing() {
    let server = TestServer::start().await;
    let f = open_quiz(&server, QuizOptions::default()).await;
    let (_, _, client) = &f.people[0];
    let (_, attempt) = start(client, f.quiz, SCRIPT).await;
    let attempt = attempt.expect("attempt");
    let q = &f.questions[0];
    save(client, attempt, &[(q.id, 1, &q.correct.to_string())]).await;
    assert_eq!(finish(client, attempt, SCRIPT).await.status(), 303);
    let before = attempt_state(&server.db, attempt).await;
    let (status, _) = save(client, attempt, &[(q.id, 100, &q.options[0].to_string())]).await;
    assert_eq!(status, 409);
    assert_eq!(
        stored(&server.db, attempt, q.id).await,
        (Some(q.correct.to_string()), 1)
    );
    assert_eq!(attempt_state(&server.db, attempt).await, before);
    server.stop().await;
}

#[tokio::test]
async fn the_deadline_runs_on_the_server_clock_with_a_short_grace() {
    let server = TestServer::start().await;
    let f = open_quiz(
        &server,
        QuizOptions {
            time_limit_minutes: 1,
            ..QuizOptions::default()
        },
    )
    .await;
    let (_, _, client) = &f.people[0];
    let (_, attempt) = start(client, f.quiz, SCRIPT).await;
    let attempt = attempt.expect("attempt");
    let q = &f.questions[0];
    let right = q.correct.to_string();
    assert_eq!(save(client, attempt, &[(q.id, 1, &right)]).await.0, 200);

    // Past the deadline but inside the grace period: a slow network's last save is taken.
    server.clock.advance(60 + 20);
    assert_eq!(save(client, attempt, &[(q.id, 2, &right)]).await.0, 200);
    // After the grace period: refused, whatever the client claims its time is.
    server.clock.advance(15);
    let response = client
        .http
        .post(client.url(&format!("/peserta/upaya/{attempt}/jawab")))
        .header("Origin", client.base.clone())
        .header("Accept", SCRIPT)
        .header("Date", "Mon, 01 Jan 2024 00:00:00 GMT")
        .form(&[
            ("a", format!("{}:3:{}", q.id, q.options[0])),
            ("client_time", "1700000000".to_string()),
        ])
        .send()
        .await
        .expect("POST");
    assert_eq!(response.status(), 409);
    assert_eq!(stored(&server.db, attempt, q.id).await, (Some(right), 2));

    // The sweep the server runs every few seconds finishes it with what was saved.
    let finished = app::ssr::quizzes::attempts::finish_overdue(&server.db, server.clock.now())
        .await
        .expect("sweep");
    assert_eq!(finished, 1);
    let (finished_at, by, score) = attempt_state(&server.db, attempt).await;
    assert!(finished_at.is_some());
    assert_eq!(by.as_deref(), Some("deadline"));
    assert_eq!(score, Some(1000));
    let (_, body) = client
        .page(&format!("/peserta/upaya/{attempt}/hasil"))
        .await;
    assert!(body.contains("Waktu habis"), "{body}");
    // No second attempt: the only one allowed is used.
    let (status, _) = start(client, f.quiz, SCRIPT).await;
    assert_eq!(status, 409);
    server.stop().await;
}

#[tokio::test]
async fn an_expired_attempt_is_finished_when_its_page_is_opened() {
    let server = TestServer::start().await;
    let f = open_quiz(
        &server,
        QuizOptions {
            time_limit_minutes: 1,
            ..QuizOptions::default()
        },
    )
    .await;
    let (_, _, client) = &f.people[0];
    let (_, attempt) = start(client, f.quiz, BROWSER).await;
    let attempt = attempt.expect("attempt");
    server.clock.advance(3600);
    let (status, body) = client.page(&format!("/peserta/upaya/{attempt}")).await;
    assert_eq!(status, 200);
    assert!(body.contains("Lihat hasil"), "{body}");
    assert_eq!(
        attempt_state(&server.db, attempt).await.1.as_deref(),
        Some("deadline")
    );
    server.stop().await;
}

#[tokio::test]
async fn starting_again_or_on_another_device_resumes_the_same_attempt() {
    let server = TestServer::start().await;
    let f = open_quiz(&server, QuizOptions::default()).await;
    let (_, email, client) = &f.people[0];
    let mut tasks = Vec::new();
    for _ in 0..20 {
        let client = client.clone();
        let quiz = f.quiz;
        tasks.push(tokio::spawn(
            async move { start(&client, quiz, SCRIPT).await },
        ));
    }
    let mut ids = Vec::new();
    for task in tasks {
        let (status, id) = task.await.expect("task");
        assert_eq!(status, 303);
        ids.push(id.expect("attempt"));
    }
    ids.dedup();
    assert_eq!(ids.len(), 1, "one attempt for twenty starts: {ids:?}");
    let attempt = ids[0];
    let q = attempt_questions(&server.db, attempt).await[0];
    let option = f
        .questions
        .iter()
        .find(|x| x.id == q)
        .map(|x| x.options[2])
        .expect("question");
    save(client, attempt, &[(q, 4, &option.to_string())]).await;

    let phone = pamong_tests::registration_support::signed_in(&server, email).await;
    let (status, resumed) = start(&phone, f.quiz, BROWSER).await;
    assert_eq!((status, resumed), (303, Some(attempt)));
    let (_, body) = phone.page(&format!("/peserta/upaya/{attempt}")).await;
    assert!(
        body.contains(&format!("name=\"q{q}\" value=\"{option}\" checked")),
        "{body}"
    );
    // The next answer from the phone must outrank the laptop's: the page says which seq is next.
    assert!(body.contains("name=\"seq\" value=\"5\""), "{body}");
    server.stop().await;
}

#[tokio::test]
async fn nobody_reads_or_writes_another_participants_attempt_or_another_cohorts_quiz() {
    let server = TestServer::start().await;
    let f = open_quiz(&server, QuizOptions::default()).await;
    let (_, _, owner) = &f.people[0];
    let (_, _, other) = &f.people[1];
    let (_, attempt) = start(owner, f.quiz, SCRIPT).await;
    let attempt = attempt.expect("attempt");
    let q = &f.questions[0];
    save(owner, attempt, &[(q.id, 1, &q.correct.to_string())]).await;

    for path in [
        format!("/peserta/upaya/{attempt}"),
        format!("/peserta/upaya/{attempt}/kumpulkan"),
        format!("/peserta/upaya/{attempt}/hasil"),
    ] {
        assert_eq!(other.page(&path).await.0, 404, "{path}");
    }
    assert_eq!(
        save(other, attempt, &[(q.id, 50, &q.options[0].to_string())])
            .await
            .0,
        404
    );
    assert_eq!(finish(other, attempt, SCRIPT).await.status(), 404);
    assert_eq!(
        stored(&server.db, attempt, q.id).await,
        (Some(q.correct.to_string()), 1)
    );
    assert_eq!(attempt_state(&server.db, attempt).await.0, None);

    // A participant of another cohort neither sees nor starts this cohort's quiz.
    let (outsider, email) =
        pamong_tests::registration_support::participants(&server, "luar", 1, f.institution)
            .await
            .remove(0);
    let program =
        pamong_tests::fixtures::program(&server.db, f.institution, f.admin, "published").await;
    let elsewhere =
        pamong_tests::fixtures::cohort(&server.db, program, "Angkatan Lain", 10, f.admin).await;
    pamong_tests::fixtures::approved_enrolment(&server.db, elsewhere, outsider).await;
    let outsider = pamong_tests::registration_support::signed_in(&server, &email).await;
    assert_eq!(
        outsider.page(&format!("/peserta/kuis/{}", f.quiz)).await.0,
        404
    );
    assert_eq!(start(&outsider, f.quiz, SCRIPT).await.0, 404);
    // Signed out: a script is told 401, a browser is sent to sign in.
    let anonymous = server.new_client();
    assert_eq!(save(&anonymous, attempt, &[(q.id, 60, "1")]).await.0, 401);
    let (status, _) = start(&anonymous, f.quiz, BROWSER).await;
    assert_eq!(status, 303);

    // Sessions that no longer sign anyone in are refused although their cookie is well signed:
    // one whose password changed elsewhere (a newer session epoch), and one signed out on the
    // server while a copy of its cookie still saves.
    let (other_id, _, _) = &f.people[1];
    sqlx::query("update app_user set session_epoch = session_epoch + 1 where id = $1")
        .bind(other_id.0)
        .execute(&server.db)
        .await
        .expect("bump epoch");
    assert_eq!(save(other, attempt, &[(q.id, 61, "1")]).await.0, 401);
    let copy = server.new_client();
    copy.set_cookie(
        server::SESSION_COOKIE,
        &owner
            .cookie(server::SESSION_COOKIE)
            .expect("owner's cookie"),
    );
    assert_eq!(save(&copy, attempt, &[(q.id, 62, "1")]).await.0, 200);
    owner.call("sign_out", &[]).await;
    assert_eq!(save(&copy, attempt, &[(q.id, 63, "1")]).await.0, 401);
    assert_eq!(
        stored(&server.db, attempt, q.id).await,
        (Some("1".into()), 62)
    );
    server.stop().await;
}

#[tokio::test]
async fn a_question_added_after_opening_reaches_the_next_start() {
    let server = TestServer::start().await;
    let f = open_quiz(&server, QuizOptions::default()).await;
    // The pool is read into memory when the quiz opens; a question added before anyone starts
    // must not be missed because of that.
    app::ssr::quizzes::attempts::prepare(&server.db, &server.quiz_pools, f.quiz)
        .await
        .expect("prepare");
    let extra = pamong_tests::quiz_support::bank(&server.db, f.program, f.admin, 1).await;
    let added = app::ssr::quizzes::authoring::add_question(&server.db, f.quiz, extra[0].id)
        .await
        .expect("add");
    assert_eq!(added, app::ssr::quizzes::authoring::Outcome::Done);
    let (_, _, client) = &f.people[0];
    let (_, attempt) = start(client, f.quiz, SCRIPT).await;
    let questions = attempt_questions(&server.db, attempt.expect("attempt")).await;
    assert_eq!(questions.len(), 7);
    assert!(questions.contains(&extra[0].id));
    server.stop().await;
}

#[tokio::test]
async fn two_servers_in_one_process_keep_their_own_quiz_pools() {
    // Same quiz id and version on two databases, different questions: each server must draw
    // from its own database (the pool cache was once process-wide and mixed them up).
    let first = TestServer::start().await;
    let second = TestServer::start().await;
    let a = open_quiz(&first, QuizOptions::default()).await;
    let b = open_quiz(
        &second,
        QuizOptions {
            questions: 4,
            ..QuizOptions::default()
        },
    )
    .await;
    assert_eq!(
        a.quiz, b.quiz,
        "both databases number their first quiz alike"
    );
    for server in [&first, &second] {
        sqlx::query("update quiz set updated_at = 1000 where id = $1")
            .bind(a.quiz)
            .execute(&server.db)
            .await
            .expect("same version");
    }
    app::ssr::quizzes::attempts::prepare(&first.db, &first.quiz_pools, a.quiz)
        .await
        .expect("prepare");
    let (_, _, client) = &b.people[0];
    let (status, attempt) = start(client, b.quiz, SCRIPT).await;
    assert_eq!(status, 303);
    let drawn = attempt_questions(&second.db, attempt.expect("attempt")).await;
    let own: Vec<i64> = b.questions.iter().map(|q| q.id).collect();
    assert_eq!(drawn.len(), 4);
    assert!(
        drawn.iter().all(|q| own.contains(q)),
        "{drawn:?} not in {own:?}"
    );
    first.stop().await;
    second.stop().await;
}

#[tokio::test]
async fn a_save_waits_for_another_connections_write_and_is_then_stored() {
    let server = TestServer::start().await;
    let f = open_quiz(&server, QuizOptions::default()).await;
    let (_, _, client) = &f.people[0];
    let (_, _, other) = &f.people[1];
    let (_, attempt) = start(client, f.quiz, SCRIPT).await;
    let attempt = attempt.expect("attempt");
    let (_, other_attempt) = start(other, f.quiz, SCRIPT).await;
    let other_attempt = other_attempt.expect("other attempt");
    let q = &f.questions[0];

    // Another connection holds a write transaction while the save arrives. On SQLite a group
    // that read before taking the write lock could not write any more (SQLITE_BUSY, a 500); the
    // writer must wait for the lock and then store the answer.
    let mut conn = server.db.acquire().await.expect("connection");
    let begin = match pamong_tests::harness::backend() {
        app::ssr::db::Backend::Sqlite => "begin immediate",
        app::ssr::db::Backend::Postgres => "begin",
    };
    sqlx::query(begin).execute(&mut *conn).await.expect("begin");
    sqlx::query("update attempt_item set saved_at = saved_at where attempt_id = $1")
        .bind(other_attempt)
        .execute(&mut *conn)
        .await
        .expect("update");
    let answer = q.correct.to_string();
    let saves = [(q.id, 1, answer.as_str())];
    let ((status, body), ()) = tokio::join!(save(client, attempt, &saves), async {
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        sqlx::query("commit")
            .execute(&mut *conn)
            .await
            .expect("commit");
    });
    assert_eq!(status, 200, "{body}");
    assert!(body.contains(":saved"), "{body}");
    assert_eq!(stored(&server.db, attempt, q.id).await, (Some(answer), 1));
    drop(conn);
    server.stop().await;
}
