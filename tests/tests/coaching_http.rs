//! The coaching log (TIRTA) over real HTTP: a participant keeps cycles with JavaScript off, their
//! mentor follows and comments, and nobody outside the log learns that a cycle exists. Hostile
//! text in every part and comment stays inert on every page that shows it.

use app::model::ErrorKind;
use pamong_tests::coaching_support::{
    comment, cycle_of, edit_cycle, field_error, start_cycle, textareas, CoachingWorld, Tirta,
};
use pamong_tests::harness::{error_of, location};
use pamong_tests::xss::{findings, new_findings, payloads};

async fn numbers(w: &CoachingWorld) -> Vec<i64> {
    let rows: Vec<(i64,)> = sqlx::query_as(
        "select number from coaching_cycle where participant_id = $1 order by number",
    )
    .bind(w.teacher_a_id.0)
    .fetch_all(&w.server.db)
    .await
    .expect("numbers");
    rows.into_iter().map(|(n,)| n).collect()
}

#[tokio::test]
async fn a_participant_keeps_a_log_and_the_mentor_comments_with_javascript_off() {
    let w = CoachingWorld::start().await;
    let cohort = w.cohort.to_string();

    // An empty log: the form to start the first cycle, with the four TIRTA parts explained.
    let (status, page) = w.teacher_a.page("/peserta/coaching").await;
    assert_eq!(status, 200);
    assert!(page.contains("Catatan Coaching"), "{page}");
    assert!(page.contains("Belum ada siklus coaching."));
    assert!(page.contains(r#"action="/api/create_coaching_cycle""#));
    for label in ["Tujuan", "Identifikasi", "Rencana aksi", "Tanggung jawab"] {
        assert!(
            page.contains(&format!(">{label}</label>")),
            "label {label}: {page}"
        );
    }
    assert!(page.contains("Apa yang ingin Anda capai dalam siklus ini?"));

    // A refused form comes back with the message next to the empty part and the rest kept.
    let refused = w
        .teacher_a
        .submit(
            "/peserta/coaching",
            "create_coaching_cycle",
            &Tirta {
                goal: "  ",
                identification: "Siswa kelas 4 belum memeriksa sumber.",
                action_plan: "Lembar kerja dua sumber.",
                commitment: "Mulai Senin depan.",
            }
            .form(("cohort_id", &cohort)),
        )
        .await;
    assert_eq!(refused.status(), 303);
    assert_eq!(location(&refused).as_deref(), Some("/peserta/coaching"));
    let (status, page) = w.teacher_a.page("/peserta/coaching").await;
    assert_eq!(status, 400);
    assert_eq!(
        field_error(&page, "goal").as_deref(),
        Some("Tujuan wajib diisi.")
    );
    assert!(!field_error(&page, "identification")
        .unwrap_or_default()
        .contains("wajib"));
    assert_eq!(
        textareas(&page, "identification"),
        vec!["Siswa kelas 4 belum memeriksa sumber.".to_string()]
    );
    assert_eq!(
        textareas(&page, "commitment"),
        vec!["Mulai Senin depan.".to_string()]
    );
    assert!(numbers(&w).await.is_empty(), "nothing was stored");

    // Saved without JavaScript: the browser lands on the new cycle, cycle 1.
    let goal = "Siswa mampu membandingkan dua sumber informasi.";
    let saved = w
        .teacher_a
        .submit(
            "/peserta/coaching",
            "create_coaching_cycle",
            &Tirta {
                goal,
                identification: "Baris pertama.\r\nBaris kedua.",
                ..Tirta::with_goal(goal)
            }
            .form(("cohort_id", &cohort)),
        )
        .await;
    assert_eq!(saved.status(), 302);
    let to = location(&saved).expect("to the cycle");
    let first = cycle_of(&to).expect("cycle id");
    let (status, page) = w.teacher_a.page(&to).await;
    assert_eq!(status, 200);
    assert!(
        page.contains("Siklus coaching Anda sudah disimpan."),
        "{page}"
    );
    assert!(page.contains("Siklus 1</h1>"), "{page}");
    assert!(page.contains(goal));
    assert!(
        page.contains("Baris pertama.\nBaris kedua."),
        "line breaks kept"
    );
    // The stylesheet's `.coaching-text` keeps the line breaks (`white-space: pre-wrap`); the page
    // policy refuses inline styles.
    assert!(page.contains(r#"class="coaching-text""#), "{page}");
    assert!(page.contains(r#"action="/api/update_coaching_cycle""#));

    // A second cycle is number 2; the log lists both, newest first.
    let second = start_cycle(
        &w.teacher_a,
        w.cohort,
        Tirta::with_goal("Siswa menulis pembuat sumber."),
    )
    .await;
    assert_eq!(numbers(&w).await, vec![1, 2]);
    let (_, log) = w.teacher_a.page("/peserta/coaching").await;
    let at_two = log.find(&format!("/coaching/{second}\"")).expect("cycle 2");
    let at_one = log.find(&format!("/coaching/{first}\"")).expect("cycle 1");
    assert!(at_two < at_one, "newest first");
    assert!(log.contains("Siklus 2") && log.contains("Siklus 1"));
    assert!(log.contains("Ini akan menjadi siklus ke-3."), "{log}");

    // The group's mentor sees the participant with two cycles waiting; the other mentor does not.
    let (status, overview) = w.mentor_a.page("/mentor/coaching").await;
    assert_eq!(status, 200);
    assert!(overview.contains("Melati"), "{overview}");
    let participant_log = format!(
        "/coaching/peserta/{}?angkatan={}",
        w.teacher_a_id.0, w.cohort
    );
    assert!(
        overview.contains(&participant_log.replace('&', "&amp;"))
            || overview.contains(&participant_log),
        "{overview}"
    );
    assert!(overview.contains("guru.a"));
    assert!(overview.contains("2 siklus"));
    assert!(overview.contains("2 menunggu tanggapan"), "{overview}");
    let (_, other_overview) = w.mentor_b.page("/mentor/coaching").await;
    assert!(!other_overview.contains("guru.a"), "{other_overview}");
    assert!(other_overview.contains("guru.b"));

    // The mentor reads the participant's log and the cycle: a comment form, no edit form.
    let (status, page) = w.mentor_a.page(&participant_log).await;
    assert_eq!(status, 200);
    assert!(page.contains("Catatan coaching guru.a"), "{page}");
    assert!(page.contains(r#"<p class="meta">Melati</p>"#), "{page}");
    assert!(page.contains(&format!("/coaching/{first}\"")));
    let cycle_page = format!("/coaching/{first}");
    let (status, page) = w.mentor_a.page(&cycle_page).await;
    assert_eq!(status, 200);
    assert!(page.contains(goal));
    assert!(page.contains(r#"action="/api/add_coaching_comment""#));
    assert!(!page.contains("update_coaching_cycle"));

    // An empty comment is refused next to its text area.
    let refused = w
        .mentor_a
        .submit(
            &cycle_page,
            "add_coaching_comment",
            &[("cycle_id", &first.to_string()), ("body", " ")],
        )
        .await;
    assert_eq!(refused.status(), 303);
    let (status, page) = w.mentor_a.page(&cycle_page).await;
    assert_eq!(status, 400);
    assert_eq!(
        field_error(&page, "body").as_deref(),
        Some("Komentar wajib diisi.")
    );

    // The mentor's comment, posted without JavaScript, lands on the cycle.
    let commented = w
        .mentor_a
        .submit(
            &cycle_page,
            "add_coaching_comment",
            &[
                ("cycle_id", &first.to_string()),
                (
                    "body",
                    "Tujuannya jelas. Coba tambahkan ukuran keberhasilan.",
                ),
            ],
        )
        .await;
    assert_eq!(commented.status(), 302);
    let back = location(&commented).expect("back to the cycle");
    assert!(back.starts_with(&format!("{cycle_page}?baru=")), "{back}");

    // The participant sees it with the mentor's name and role, and answers; oldest first.
    let (_, page) = w.teacher_a.page(&cycle_page).await;
    assert!(page.contains("Tujuannya jelas. Coba tambahkan ukuran keberhasilan."));
    assert!(page.contains("mentor.a"), "{page}");
    assert!(
        page.contains(r#"<span class="badge staff">Mentor</span>"#),
        "{page}"
    );
    assert_eq!(
        comment(&w.teacher_a, first, "Baik, akan saya tambahkan.").await,
        200
    );
    let (_, page) = w.teacher_a.page(&cycle_page).await;
    let mentor_at = page.find("Tujuannya jelas.").expect("mentor comment");
    let answer_at = page.find("Baik, akan saya tambahkan.").expect("answer");
    assert!(mentor_at < answer_at, "oldest first");
    assert!(
        page.contains(r#"<span class="badge">Peserta</span>"#),
        "{page}"
    );

    // The mentor's overview counts only the cycle still waiting for feedback.
    let (_, overview) = w.mentor_a.page("/mentor/coaching").await;
    assert!(overview.contains("1 menunggu tanggapan"), "{overview}");
    let (_, log) = w.teacher_a.page("/peserta/coaching").await;
    assert!(log.contains("2 komentar"), "{log}");
    w.stop().await;
}

#[tokio::test]
async fn only_the_owner_their_mentor_and_admins_in_scope_see_a_cycle() {
    let w = CoachingWorld::start().await;
    let cycle = start_cycle(
        &w.teacher_a,
        w.cohort,
        Tirta::with_goal("Tujuan rahasia kelas A."),
    )
    .await;
    let cycle_page = format!("/coaching/{cycle}");
    let participant_log = format!(
        "/coaching/peserta/{}?angkatan={}",
        w.teacher_a_id.0, w.cohort
    );
    let id = cycle.to_string();

    // Another participant, another group's mentor, an admin out of scope: as if it did not exist.
    for (who, client) in [
        ("teacher B", &w.teacher_b),
        ("mentor B", &w.mentor_b),
        ("admin elsewhere", &w.admin_elsewhere),
    ] {
        let (status, page) = client.page(&cycle_page).await;
        assert_eq!(status, 404, "{who} on the cycle page");
        assert!(!page.contains("Tujuan rahasia"), "{who}");
        assert!(
            page.contains("Catatan coaching ini tidak ditemukan."),
            "{who}: {page}"
        );
        let commented = client
            .call(
                "add_coaching_comment",
                &[("cycle_id", &id), ("body", "Halo")],
            )
            .await;
        assert_eq!(commented.status(), 404, "{who} commenting");
        assert_eq!(error_of(commented).await.kind, ErrorKind::NotFound);
        assert_eq!(
            edit_cycle(client, cycle, Tirta::with_goal("Diubah orang lain")).await,
            404,
            "{who} editing"
        );
        let read = client.call("coaching_cycle", &[("cycle_id", &id)]).await;
        assert_eq!(
            read.status(),
            404,
            "{who} reading through the server function"
        );
    }
    for (who, client) in [
        ("mentor B", &w.mentor_b),
        ("admin elsewhere", &w.admin_elsewhere),
    ] {
        let (status, page) = client.page(&participant_log).await;
        assert_eq!(status, 404, "{who} on the participant's log");
        assert!(!page.contains("guru.a"), "{who}: {page}");
    }
    let read = w
        .teacher_b
        .call(
            "participant_coaching_log",
            &[("participant_id", &w.teacher_a_id.0.to_string())],
        )
        .await;
    assert_eq!(read.status(), 404, "a participant reading another's log");
    let (status, _) = w.teacher_b.page(&participant_log).await;
    assert_eq!(status, 403, "the page is for mentors and admins");
    // A cycle that does not exist answers the same.
    let (status, _) = w.teacher_a.page("/coaching/999999").await;
    assert_eq!(status, 404);

    // Nobody starts a cycle in a cohort they are not enrolled in, nor in someone else's name.
    for (who, client, cohort) in [
        ("teacher B in cohort 2", &w.teacher_b, w.other_cohort),
        ("mentor A", &w.mentor_a, w.cohort),
        ("admin", &w.admin, w.cohort),
    ] {
        let cohort = cohort.to_string();
        let started = client
            .call(
                "create_coaching_cycle",
                &Tirta::with_goal("Siklus palsu").form(("cohort_id", &cohort)),
            )
            .await;
        assert_eq!(started.status(), 404, "{who} starting a cycle");
    }
    let (status, _) = w
        .teacher_a
        .page(&format!("/peserta/coaching?angkatan={}", w.other_cohort))
        .await;
    assert_eq!(status, 404, "a cohort the participant is not in");

    // Signed out: sent to sign in; the server functions answer 401.
    let stranger = w.server.new_client();
    let response = stranger.get(&cycle_page).await;
    assert_eq!(response.status(), 302);
    assert!(location(&response)
        .unwrap_or_default()
        .starts_with("/masuk"));
    let read = stranger.call("coaching_cycle", &[("cycle_id", &id)]).await;
    assert_eq!(read.status(), 401);

    // The group's mentor may comment but not edit.
    assert_eq!(comment(&w.mentor_a, cycle, "Bagus.").await, 200);
    let edited = w
        .mentor_a
        .call(
            "update_coaching_cycle",
            &Tirta::with_goal("Diubah mentor").form(("cycle_id", &id)),
        )
        .await;
    assert_eq!(edited.status(), 403);

    // The organiser's admin reads the cycle and the log, and may comment.
    let (status, page) = w.admin.page(&cycle_page).await;
    assert_eq!(status, 200);
    assert!(page.contains("Tujuan rahasia kelas A."));
    assert!(!page.contains("update_coaching_cycle"));
    let (status, page) = w.admin.page(&participant_log).await;
    assert_eq!(status, 200);
    assert!(page.contains(&format!("/coaching/{cycle}\"")), "{page}");
    assert_eq!(comment(&w.admin, cycle, "Catatan dari panitia.").await, 200);
    let (_, page) = w.teacher_a.page(&cycle_page).await;
    assert!(page.contains("Catatan dari panitia."));
    assert!(page.contains(r#"<span class="badge staff">Penyelenggara</span>"#));

    // A participant who withdrew no longer writes in the log, nor does their mentor read it;
    // the organiser still does.
    pamong_tests::quiz_results_support::set_status(&w.server.db, w.enrolment_a, "withdrawn").await;
    let (status, _) = w.teacher_a.page(&cycle_page).await;
    assert_eq!(status, 404);
    assert_eq!(comment(&w.teacher_a, cycle, "Masih bisa?").await, 404);
    let (status, _) = w.mentor_a.page(&cycle_page).await;
    assert_eq!(status, 404);
    let (_, overview) = w.mentor_a.page("/mentor/coaching").await;
    assert!(!overview.contains("guru.a"));
    let (status, _) = w.admin.page(&cycle_page).await;
    assert_eq!(status, 200);

    let stored: (String,) = sqlx::query_as("select goal from coaching_cycle where id = $1")
        .bind(cycle)
        .fetch_one(&w.server.db)
        .await
        .expect("cycle");
    assert_eq!(
        stored.0, "Tujuan rahasia kelas A.",
        "nobody else changed it"
    );
    let (others,): (i64,) =
        sqlx::query_as("select count(*) from coaching_cycle where participant_id <> $1")
            .bind(w.teacher_a_id.0)
            .fetch_one(&w.server.db)
            .await
            .expect("count");
    assert_eq!(others, 0);
    w.stop().await;
}

#[tokio::test]
async fn editing_keeps_comments_and_moves_the_update_time() {
    let w = CoachingWorld::start().await;
    let cycle = start_cycle(
        &w.teacher_a,
        w.cohort,
        Tirta::with_goal("Tujuan versi pertama."),
    )
    .await;
    let cycle_page = format!("/coaching/{cycle}");
    let id = cycle.to_string();
    assert_eq!(
        comment(&w.mentor_a, cycle, "Komentar sebelum diubah.").await,
        200
    );

    // A refused edit keeps what was typed in the edit form and stores nothing.
    let refused = w
        .teacher_a
        .submit(
            &cycle_page,
            "update_coaching_cycle",
            &Tirta {
                commitment: "",
                ..Tirta::with_goal("Tujuan versi kedua yang belum tersimpan.")
            }
            .form(("cycle_id", &id)),
        )
        .await;
    assert_eq!(refused.status(), 303);
    assert_eq!(location(&refused).as_deref(), Some(cycle_page.as_str()));
    let (status, page) = w.teacher_a.page(&cycle_page).await;
    assert_eq!(status, 400);
    assert_eq!(
        field_error(&page, "commitment").as_deref(),
        Some("Tanggung jawab wajib diisi.")
    );
    assert_eq!(
        textareas(&page, "goal"),
        vec!["Tujuan versi kedua yang belum tersimpan.".to_string()]
    );
    assert!(
        page.contains("<details open"),
        "the edit form is open: {page}"
    );
    // The comment form on the same page does not claim the error.
    assert!(!field_error(&page, "body")
        .unwrap_or_default()
        .contains("wajib"));

    // Too long a part is refused with its own message.
    let long = "a".repeat(4_001);
    let too_long = w
        .teacher_a
        .call(
            "update_coaching_cycle",
            &Tirta {
                action_plan: &long,
                ..Tirta::with_goal("Tujuan")
            }
            .form(("cycle_id", &id)),
        )
        .await;
    assert_eq!(too_long.status(), 400);
    let error = error_of(too_long).await;
    assert_eq!(error.fields.len(), 1);
    assert_eq!(error.fields[0].field, "action_plan");
    assert!(error.fields[0].message.contains("4.000"), "{error:?}");

    // Saved later: the parts change, the update time moves, the comment stays.
    w.server.clock.advance(600);
    let saved = w
        .teacher_a
        .submit(
            &cycle_page,
            "update_coaching_cycle",
            &Tirta::with_goal("Tujuan versi kedua.").form(("cycle_id", &id)),
        )
        .await;
    assert_eq!(saved.status(), 302);
    assert_eq!(location(&saved).as_deref(), Some(cycle_page.as_str()));
    let (created_at, updated_at, goal): (i64, i64, String) =
        sqlx::query_as("select created_at, updated_at, goal from coaching_cycle where id = $1")
            .bind(cycle)
            .fetch_one(&w.server.db)
            .await
            .expect("cycle");
    assert_eq!(goal, "Tujuan versi kedua.");
    assert!(
        updated_at >= created_at + 600,
        "{created_at} → {updated_at}"
    );
    let (status, page) = w.teacher_a.page(&cycle_page).await;
    assert_eq!(status, 200);
    assert!(page.contains("Perubahan siklus sudah disimpan."));
    assert!(page.contains("Tujuan versi kedua."));
    assert!(!page.contains("Tujuan versi pertama."));
    assert!(page.contains("Komentar sebelum diubah."));
    assert!(page.contains("diperbarui"), "{page}");
    assert_eq!(numbers(&w).await, vec![1], "an edit is not a new cycle");

    // The edited cycle waits for the mentor again.
    let (_, overview) = w.mentor_a.page("/mentor/coaching").await;
    assert!(overview.contains("1 menunggu tanggapan"), "{overview}");
    w.stop().await;
}

#[tokio::test]
async fn cycles_started_at_once_get_numbers_one_to_n() {
    let w = CoachingWorld::start().await;
    let goals: Vec<String> = (1..=8).map(|n| format!("Tujuan serentak {n}")).collect();
    let starts = goals.iter().map(|goal| {
        let client = w.teacher_a.clone();
        let goal = goal.clone();
        let cohort = w.cohort;
        async move { start_cycle(&client, cohort, Tirta::with_goal(&goal)).await }
    });
    let ids = all_at_once(starts).await;
    assert_eq!(ids.len(), 8);
    assert_eq!(numbers(&w).await, (1..=8).collect::<Vec<i64>>());
    w.stop().await;
}

/// Runs every future at once on this task and collects their outputs.
async fn all_at_once<F: std::future::Future<Output = i64> + Send + 'static>(
    futures: impl Iterator<Item = F>,
) -> Vec<i64> {
    let handles: Vec<_> = futures.map(tokio::spawn).collect();
    let mut out = Vec::with_capacity(handles.len());
    for handle in handles {
        out.push(handle.await.expect("task"));
    }
    out
}

#[tokio::test]
async fn hostile_text_stays_inert_on_every_coaching_page() {
    let w = CoachingWorld::start().await;
    let payloads = payloads();
    assert!(payloads.len() >= 100, "{} payloads", payloads.len());

    // The pages with harmless text: whatever script they have is the page's own.
    let plain = start_cycle(&w.teacher_a, w.cohort, Tirta::with_goal("Tujuan biasa")).await;
    assert_eq!(comment(&w.mentor_a, plain, "Komentar biasa").await, 200);
    let (_, baseline_cycle) = w.teacher_a.page(&format!("/coaching/{plain}")).await;
    let (_, baseline_mentor_cycle) = w.mentor_a.page(&format!("/coaching/{plain}")).await;
    let (_, baseline_log) = w.teacher_a.page("/peserta/coaching").await;
    let participant_log = format!(
        "/coaching/peserta/{}?angkatan={}",
        w.teacher_a_id.0, w.cohort
    );
    let (_, baseline_participant_log) = w.mentor_a.page(&participant_log).await;
    let (_, baseline_overview) = w.mentor_a.page("/mentor/coaching").await;
    assert!(
        findings(&baseline_cycle)
            .iter()
            .all(|f| f.what.starts_with("script")),
        "the page itself has only its hydration scripts"
    );

    let mut problems = Vec::new();
    let mut check = |what: String, baseline: &str, page: &str| {
        for finding in new_findings(baseline, page) {
            problems.push(format!("{what}: {}", finding.what));
        }
    };
    // Four payloads a cycle, one in each part, and one more in each of two comments.
    for (n, chunk) in payloads.chunks(4).enumerate() {
        let part = |k: usize| chunk[k % chunk.len()].as_str();
        let parts = Tirta {
            goal: part(0),
            identification: part(1),
            action_plan: part(2),
            commitment: part(3),
        };
        // The participant's name is hostile too (names come from registration and imports).
        sqlx::query("update app_user set name = $1 where id = $2")
            .bind(part(1).chars().take(200).collect::<String>())
            .bind(w.teacher_a_id.0)
            .execute(&w.server.db)
            .await
            .expect("hostile name");
        let cycle = start_cycle(&w.teacher_a, w.cohort, parts).await;
        assert_eq!(comment(&w.mentor_a, cycle, part(2)).await, 200);
        assert_eq!(comment(&w.teacher_a, cycle, part(3)).await, 200);
        let path = format!("/coaching/{cycle}");
        // The owner's page also refills the edit form's text areas with the stored text.
        let (status, page) = w.teacher_a.page(&path).await;
        assert_eq!(status, 200, "cycle page with {chunk:?}");
        check(format!("cycle page {n} {chunk:?}"), &baseline_cycle, &page);
        let (_, page) = w.mentor_a.page(&path).await;
        check(
            format!("mentor's cycle page {n}"),
            &baseline_mentor_cycle,
            &page,
        );
        // A refused form sent back with hostile text typed in it.
        let refused = w
            .teacher_a
            .submit(
                &path,
                "update_coaching_cycle",
                &Tirta { goal: "", ..parts }.form(("cycle_id", &cycle.to_string())),
            )
            .await;
        assert_eq!(refused.status(), 303);
        let (_, page) = w.teacher_a.page(&path).await;
        check(format!("refused edit {n}"), &baseline_cycle, &page);
    }
    let (_, page) = w.teacher_a.page("/peserta/coaching").await;
    check("participant's log".into(), &baseline_log, &page);
    let (_, page) = w.mentor_a.page(&participant_log).await;
    check(
        "participant's log for the mentor".into(),
        &baseline_participant_log,
        &page,
    );
    let (_, page) = w.mentor_a.page("/mentor/coaching").await;
    check("mentor overview".into(), &baseline_overview, &page);
    // A refused new cycle, typed full of payloads, refilled on the log page.
    let cohort = w.cohort.to_string();
    let refused = w
        .teacher_a
        .submit(
            "/peserta/coaching",
            "create_coaching_cycle",
            &Tirta {
                goal: "",
                identification: &payloads[0],
                action_plan: &payloads[1],
                commitment: &payloads[2],
            }
            .form(("cohort_id", &cohort)),
        )
        .await;
    assert_eq!(refused.status(), 303);
    let (status, page) = w.teacher_a.page("/peserta/coaching").await;
    assert_eq!(status, 400);
    check("refused new cycle".into(), &baseline_log, &page);

    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
    w.stop().await;
}

#[tokio::test]
async fn the_demo_seed_gives_peserta03_a_cycle_with_mentor1s_comment_once() {
    let server = pamong_tests::harness::TestServer::start().await;
    let password = "demo-sandi-uji-1";
    server::demo::seed_demo(&server.db, Some(password.into()))
        .await
        .expect("seed");
    let id_of = |email: &'static str| {
        let db = server.db.clone();
        async move {
            let (id,): (i64,) = sqlx::query_as("select id from app_user where email = $1")
                .bind(email)
                .fetch_one(&db)
                .await
                .expect("demo account");
            id
        }
    };
    let teacher = id_of("peserta03@pamong.test").await;
    let mentor = id_of("mentor1@pamong.test").await;
    let (cycle, cohort): (i64, i64) =
        sqlx::query_as("select id, cohort_id from coaching_cycle where participant_id = $1")
            .bind(teacher)
            .fetch_one(&server.db)
            .await
            .expect("the demo cycle");

    // Seeding the log again adds nothing.
    server::demo::coaching::seed_coaching(&server.db, cohort, mentor, teacher, 0)
        .await
        .expect("seed again");
    let (cycles, comments): (i64, i64) = sqlx::query_as(
        "select (select count(*) from coaching_cycle), (select count(*) from coaching_comment)",
    )
    .fetch_one(&server.db)
    .await
    .expect("counts");
    assert_eq!((cycles, comments), (1, 1));

    // mentor1 finds it through the overview of Kelompok Melati; peserta03 reads the comment.
    let mentor_client = server.new_client();
    assert_eq!(
        mentor_client
            .sign_in("mentor1@pamong.test", password)
            .await
            .status(),
        200
    );
    let (status, overview) = mentor_client.page("/mentor/coaching").await;
    assert_eq!(status, 200);
    assert!(overview.contains("Kelompok Melati"), "{overview}");
    assert!(overview.contains("Siti Nurhaliza"), "{overview}");
    let teacher_client = server.new_client();
    assert_eq!(
        teacher_client
            .sign_in("peserta03@pamong.test", password)
            .await
            .status(),
        200
    );
    let (status, page) = teacher_client.page(&format!("/coaching/{cycle}")).await;
    assert_eq!(status, 200);
    assert!(page.contains("Dr. Hadi Purnomo, M.Pd."), "{page}");
    assert!(page.contains("jangan langsung diberi tahu"));
    server.stop().await;
}
