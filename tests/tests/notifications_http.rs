//! In-app notifications over real HTTP (issue #18 item 4): each kind reaches exactly the people
//! it concerns (never the actor, never a participant of another group), the bell and the list
//! show them, nobody marks another's, and the e-mail channels (at once, and the daily digest,
//! sent once however often it runs) arrive with every name and title escaped.

use app::model::codes::NotificationKind;
use app::model::{Lang, UserId};
use app::ssr::notifications::{closing, digest};
use pamong_tests::board_support::{
    comment, post_work, without_board_limits, BoardWorld, LiveStream,
};
use pamong_tests::coaching_support::{self, Tirta};
use pamong_tests::harness::{error_of, location, Options};
use pamong_tests::smtp_sink::SmtpSink;
use pamong_tests::{fixtures, quiz_support};
use std::time::Duration;

/// Notifications of `user`: (kind, subject, detail), oldest first.
async fn notifications_of(w: &BoardWorld, user: UserId) -> Vec<(String, String, String)> {
    sqlx::query_as("select kind, subject, detail from notification where user_id = $1 order by id")
        .bind(user.0)
        .fetch_all(&w.server.db)
        .await
        .expect("notifications")
}

/// The id of the account with `email`.
async fn id_of(w: &BoardWorld, email: &str) -> UserId {
    let (id,): (i64,) = sqlx::query_as("select id from app_user where email = $1")
        .bind(email)
        .fetch_one(&w.server.db)
        .await
        .expect("account");
    UserId(id)
}

/// Everyone of the board world, by e-mail.
const EVERYONE: [&str; 5] = [
    "admin@bpsdm.go.id",
    "mentor.a@bpsdm.go.id",
    "mentor.b@bpsdm.go.id",
    "guru.a@sekolah.id",
    "guru.b@sekolah.id",
];

/// How many notifications each of `EVERYONE` has, in that order.
async fn counts(w: &BoardWorld) -> Vec<usize> {
    let mut out = Vec::new();
    for email in EVERYONE {
        out.push(notifications_of(w, id_of(w, email).await).await.len());
    }
    out
}

/// A board world with no board limits that sends e-mail to `sink`.
async fn world_with_mail(sink: &SmtpSink) -> BoardWorld {
    BoardWorld::start_with(Options {
        smtp_port: Some(sink.port()),
        configure: Some(without_board_limits),
        ..Options::default()
    })
    .await
}

async fn set_channel(client: &pamong_tests::harness::Client, kind: &str, channel: &str) {
    let response = client
        .call("set_notification_prefs", &[(kind, channel)])
        .await;
    assert!(
        (200..400).contains(&response.status().as_u16()),
        "set_notification_prefs answered {}",
        response.status()
    );
}

#[tokio::test]
async fn a_comment_reaches_the_works_author_only_and_the_bell_and_list_show_it() {
    let w = BoardWorld::start().await;
    let classmate = w.teacher_in(w.board_a, "guru.c@sekolah.id").await;
    let classmate_id = id_of(&w, "guru.c@sekolah.id").await;
    let post = post_work(&w.teacher_a, w.board_a, "Modul ajar pecahan", "Isi modul.").await;
    // Posting work tells nobody.
    assert_eq!(counts(&w).await, [0, 0, 0, 0, 0]);

    assert_eq!(
        comment(&w.mentor_a, post, "", "", "Tujuan sudah jelas.").await,
        200
    );
    // Only the author: not the mentor who wrote it, not a classmate on the same board, not the
    // participant or mentor of the other group, not the admin.
    assert_eq!(counts(&w).await, [0, 0, 0, 1, 0]);
    assert!(notifications_of(&w, classmate_id).await.is_empty());
    assert_eq!(
        notifications_of(&w, w.teacher_a_id).await,
        [(
            "comment".to_string(),
            "Modul ajar pecahan".to_string(),
            String::new()
        )]
    );

    // The bell on every signed-in page says it, and the list shows the sentence.
    let (status, home) = w.teacher_a.page("/peserta").await;
    assert_eq!(status, 200);
    assert!(
        home.contains("aria-label=\"Pemberitahuan: 1 belum dibaca\""),
        "{home}"
    );
    assert!(home.contains("href=\"/notifikasi\""));
    let (_, other) = w.teacher_b.page("/peserta").await;
    assert!(other.contains("aria-label=\"Pemberitahuan: 0 belum dibaca\""));
    let (status, list) = w.teacher_a.page("/notifikasi").await;
    assert_eq!(status, 200);
    assert!(
        list.contains("mentor.a mengomentari karya &quot;Modul ajar pecahan&quot;.")
            || list.contains("mentor.a mengomentari karya \"Modul ajar pecahan\"."),
        "{list}"
    );
    assert!(list.contains(&format!("href=\"/papan/pos/{post}?baru=")));

    // The author answers the mentor's comment: the mentor is told (the author is not).
    let (first,): (i64,) = sqlx::query_as("select id from post_comment where post_id = $1")
        .bind(post)
        .fetch_one(&w.server.db)
        .await
        .expect("comment");
    assert_eq!(
        comment(
            &w.teacher_a,
            post,
            &first.to_string(),
            "",
            "Terima kasih, Bu."
        )
        .await,
        200
    );
    assert_eq!(counts(&w).await, [0, 1, 0, 1, 0]);
    // A classmate's comment on the work tells its author, not the classmate.
    assert_eq!(comment(&classmate, post, "", "", "Keren!").await, 200);
    assert_eq!(counts(&w).await, [0, 1, 0, 2, 0]);
    assert!(notifications_of(&w, classmate_id).await.is_empty());
    w.stop().await;
}

#[tokio::test]
async fn status_changes_and_scores_reach_the_works_author() {
    let w = BoardWorld::start().await;
    let post = post_work(&w.teacher_a, w.board_a, "Refleksi minggu 1", "Isi.").await;
    let post_s = post.to_string();
    let moved = w
        .mentor_a
        .call(
            "set_post_status",
            &[("post_id", &post_s), ("status", "needs_revision")],
        )
        .await;
    assert_eq!(moved.status(), 200);
    assert_eq!(counts(&w).await, [0, 0, 0, 1, 0]);
    assert_eq!(
        notifications_of(&w, w.teacher_a_id).await[0],
        (
            "status".to_string(),
            "Refleksi minggu 1".to_string(),
            "needs_revision".to_string()
        )
    );
    let (_, list) = w.teacher_a.page("/notifikasi").await;
    assert!(list.contains("menjadi Perlu revisi."), "{list}");

    // A score with a rubric of the program.
    let program = w.program.to_string();
    let mut form = vec![
        ("rubric_id", ""),
        ("program_id", program.as_str()),
        ("title", "Rubrik refleksi"),
        ("l1", "Cukup"),
        ("p1", "1"),
        ("l2", "Baik"),
        ("p2", "2"),
        ("c1", "Kedalaman"),
    ];
    form.extend([
        ("l3", ""),
        ("p3", ""),
        ("l4", ""),
        ("p4", ""),
        ("l5", ""),
        ("p5", ""),
        ("d1", ""),
    ]);
    for (c, d) in [
        ("c2", "d2"),
        ("c3", "d3"),
        ("c4", "d4"),
        ("c5", "d5"),
        ("c6", "d6"),
        ("c7", "d7"),
        ("c8", "d8"),
    ] {
        form.push((c, ""));
        form.push((d, ""));
    }
    let saved = w.mentor_a.call("save_rubric", &form).await;
    let status = saved.status();
    let to = location(&saved).unwrap_or_else(|| panic!("save_rubric answered {status}"));
    let rubric: i64 = to
        .trim_start_matches("/rubrik/")
        .parse()
        .expect("rubric id");
    let (level,): (i64,) = sqlx::query_as(
        "select l.id from rubric_level l join rubric_criterion k on k.id = l.criterion_id \
         where k.rubric_id = $1 order by l.position desc limit 1",
    )
    .bind(rubric)
    .fetch_one(&w.server.db)
    .await
    .expect("level");
    let scored = w
        .mentor_a
        .call(
            "score_post",
            &[
                ("post_id", &post_s),
                ("rubric_id", &rubric.to_string()),
                ("note", ""),
                ("k1", &level.to_string()),
            ],
        )
        .await;
    assert!((200..400).contains(&scored.status().as_u16()));
    assert_eq!(counts(&w).await, [0, 0, 0, 2, 0]);
    assert_eq!(notifications_of(&w, w.teacher_a_id).await[1].0, "score");
    w.stop().await;
}

#[tokio::test]
async fn announcements_reach_the_boards_participants_and_no_one_else() {
    let w = BoardWorld::start().await;
    let _classmate = w.teacher_in(w.board_a, "guru.c@sekolah.id").await;
    let classmate_id = id_of(&w, "guru.c@sekolah.id").await;
    // On a group's board: that group's participants.
    let posted = w
        .mentor_a
        .call(
            "create_post",
            &[
                ("board_id", &w.board_a.to_string()),
                ("kind", "announcement"),
                ("title", "Pertemuan Kamis"),
                ("body", "Kita bertemu pukul 09.00."),
            ],
        )
        .await;
    assert!((200..400).contains(&posted.status().as_u16()));
    assert_eq!(counts(&w).await, [0, 0, 0, 1, 0]);
    assert_eq!(notifications_of(&w, classmate_id).await.len(), 1);
    // On the cohort's board: every approved participant of the cohort.
    let cohort_board =
        app::ssr::boards::access::cohort_board(&w.server.db, w.cohort, app::ssr::db::now_unix())
            .await
            .expect("cohort board");
    let posted = w
        .admin
        .call(
            "create_post",
            &[
                ("board_id", &cohort_board.to_string()),
                ("kind", "announcement"),
                ("title", "Jadwal ujian"),
                ("body", "Ujian akhir tanggal 19 Februari."),
            ],
        )
        .await;
    assert!((200..400).contains(&posted.status().as_u16()));
    assert_eq!(counts(&w).await, [0, 0, 0, 2, 1]);
    assert_eq!(notifications_of(&w, classmate_id).await.len(), 2);
    assert_eq!(
        notifications_of(&w, w.teacher_a_id).await[1],
        (
            "announcement".to_string(),
            "Jadwal ujian".to_string(),
            String::new()
        )
    );
    w.stop().await;
}

#[tokio::test]
async fn coaching_comments_reach_the_participant_and_their_mentor() {
    let w = BoardWorld::start().await;
    let cycle =
        coaching_support::start_cycle(&w.teacher_a, w.cohort, Tirta::with_goal("Diferensiasi"))
            .await;
    assert_eq!(counts(&w).await, [0, 0, 0, 0, 0]);
    assert_eq!(
        coaching_support::comment(&w.mentor_a, cycle, "Rencana aksi bagus.").await,
        200
    );
    assert_eq!(counts(&w).await, [0, 0, 0, 1, 0]);
    assert_eq!(
        coaching_support::comment(&w.teacher_a, cycle, "Terima kasih.").await,
        200
    );
    // The participant's answer tells their group's mentor, not the other group's.
    assert_eq!(counts(&w).await, [0, 1, 0, 1, 0]);
    assert_eq!(
        notifications_of(&w, w.teacher_a_id).await[0],
        (
            "coaching".to_string(),
            "Diferensiasi".to_string(),
            String::new()
        )
    );
    w.stop().await;
}

#[tokio::test]
async fn a_registration_decision_reaches_the_applicant() {
    let w = BoardWorld::start().await;
    let (applicant, _) = pamong_tests::board_support::signed_in(
        &w.server,
        app::model::Role::Participant,
        "pelamar@sekolah.id",
        w.agency,
    )
    .await;
    let applicant_id = id_of(&w, "pelamar@sekolah.id").await;
    let admin_id = id_of(&w, "admin@bpsdm.go.id").await;
    let mut enrolments = Vec::new();
    for name in ["Angkatan 2", "Angkatan 3"] {
        let cohort_id = fixtures::cohort(&w.server.db, w.program, name, 10, admin_id).await;
        sqlx::query("update cohort set seats_taken = seats_taken + 1 where id = $1")
            .bind(cohort_id)
            .execute(&w.server.db)
            .await
            .expect("seat");
        let (id,): (i64,) = sqlx::query_as(
            "insert into enrolment (cohort_id, user_id, status, source, created_at) \
             values ($1, $2, 'applied', 'application', $3) returning id",
        )
        .bind(cohort_id)
        .bind(applicant_id.0)
        .bind(app::ssr::db::now_unix())
        .fetch_one(&w.server.db)
        .await
        .expect("enrolment");
        enrolments.push(id.to_string());
    }
    let approved = w
        .admin
        .call("approve_registration", &[("enrolment_id", &enrolments[0])])
        .await;
    assert!((200..400).contains(&approved.status().as_u16()));
    let rejected = w
        .admin
        .call(
            "reject_registration",
            &[
                ("enrolment_id", &enrolments[1]),
                ("reason", "Kuota sekolah penuh"),
            ],
        )
        .await;
    assert!((200..400).contains(&rejected.status().as_u16()));
    let told = notifications_of(&w, applicant_id).await;
    assert_eq!(told.len(), 2);
    assert_eq!(
        (told[0].0.as_str(), told[0].2.as_str()),
        ("registration", "approved")
    );
    assert_eq!(
        (told[1].0.as_str(), told[1].2.as_str()),
        ("registration", "rejected")
    );
    assert_eq!(counts(&w).await, [0, 0, 0, 0, 0]);
    let (_, list) = applicant.page("/notifikasi").await;
    assert!(list.contains("disetujui."), "{list}");
    assert!(list.contains("tidak disetujui."), "{list}");
    w.stop().await;
}

#[tokio::test]
async fn quizzes_opened_and_closing_reach_the_cohorts_participants_once() {
    let w = BoardWorld::start().await;
    let admin_id = id_of(&w, "admin@bpsdm.go.id").await;
    let questions = quiz_support::bank(&w.server.db, w.program, admin_id, 2).await;
    let quiz = quiz_support::quiz(
        &w.server.db,
        w.cohort,
        admin_id,
        "pre",
        &questions,
        &quiz_support::QuizOptions::default(),
    )
    .await;
    sqlx::query("update quiz set status = 'draft' where id = $1")
        .bind(quiz)
        .execute(&w.server.db)
        .await
        .expect("draft");
    let opened = w
        .admin
        .call("quiz_open", &[("quiz_id", &quiz.to_string())])
        .await;
    assert!(
        (200..400).contains(&opened.status().as_u16()),
        "{}",
        opened.status()
    );
    assert_eq!(counts(&w).await, [0, 0, 0, 1, 1]);
    assert_eq!(
        notifications_of(&w, w.teacher_a_id).await[0].0,
        NotificationKind::QuizOpened.as_str()
    );

    // Teacher B has finished it: only teacher A is reminded that it closes within a day, once,
    // however many sweeps run (two at once here, then one after a restart-like rerun).
    let teacher_b = id_of(&w, "guru.b@sekolah.id").await;
    pamong_tests::quiz_results_support::attempt(&w.server.db, quiz, teacher_b, 1, 2, 65, &[], true)
        .await;
    let now = app::ssr::db::now_unix();
    // More than a day before the close: nothing yet.
    assert_eq!(
        closing::sweep(&w.server.db, now - 7_200)
            .await
            .expect("sweep"),
        0
    );
    let (one, two) = tokio::join!(
        closing::sweep(&w.server.db, now),
        closing::sweep(&w.server.db, now)
    );
    assert_eq!(one.expect("sweep") + two.expect("sweep"), 1);
    assert_eq!(
        closing::sweep(&w.server.db, now + 60).await.expect("sweep"),
        0
    );
    assert_eq!(counts(&w).await, [0, 0, 0, 2, 1]);
    assert_eq!(
        notifications_of(&w, w.teacher_a_id).await[1].0,
        "quiz_closing"
    );
    w.stop().await;
}

#[tokio::test]
async fn nobody_reads_or_marks_anothers_notifications() {
    let w = BoardWorld::start().await;
    let post = post_work(&w.teacher_a, w.board_a, "Aksi nyata", "Isi.").await;
    comment(&w.mentor_a, post, "", "", "Lanjutkan.").await;
    comment(&w.mentor_a, post, "", "", "Tambahkan foto.").await;
    let (mine,): (i64,) =
        sqlx::query_as("select id from notification where user_id = $1 order by id limit 1")
            .bind(w.teacher_a_id.0)
            .fetch_one(&w.server.db)
            .await
            .expect("notification");
    let mine = mine.to_string();
    // Another person's id is the 404 of one that does not exist, and changes nothing.
    let refused = w
        .teacher_b
        .call("mark_notification_read", &[("notification_id", &mine)])
        .await;
    assert_eq!(refused.status(), 404);
    let unread = |w: &BoardWorld| {
        let db = w.server.db.clone();
        let user = w.teacher_a_id.0;
        async move {
            app::ssr::notifications::store::unread(&db, user, 100)
                .await
                .expect("unread")
        }
    };
    assert_eq!(unread(&w).await, 2);
    // A visitor is not even asked.
    let visitor = w.server.new_client();
    assert_eq!(
        visitor
            .call("mark_notification_read", &[("notification_id", &mine)])
            .await
            .status(),
        401
    );
    assert_eq!(visitor.call("list_notifications", &[]).await.status(), 401);
    // Without JavaScript: the form marks it and goes back to the list.
    let marked = w
        .teacher_a
        .submit(
            "/notifikasi",
            "mark_notification_read",
            &[("notification_id", &mine)],
        )
        .await;
    assert_eq!(marked.status(), 302);
    assert_eq!(location(&marked).as_deref(), Some("/notifikasi"));
    assert_eq!(unread(&w).await, 1);
    let (_, list) = w.teacher_a.page("/notifikasi").await;
    assert!(list.contains("1 pemberitahuan belum dibaca."), "{list}");
    let all = w
        .teacher_a
        .submit("/notifikasi", "mark_all_notifications_read", &[])
        .await;
    assert_eq!(all.status(), 302);
    assert_eq!(unread(&w).await, 0);
    // A channel that is not one is refused next to its kind.
    let wrong = w
        .teacher_a
        .call("set_notification_prefs", &[("comment", "sms")])
        .await;
    let error = error_of(wrong).await;
    assert_eq!(error.fields[0].field, "comment");
    w.stop().await;
}

#[tokio::test]
async fn an_email_at_once_arrives_with_names_and_titles_escaped() {
    let sink = SmtpSink::start();
    let w = world_with_mail(&sink).await;
    sqlx::query("update app_user set name = '<b>Bu Sari</b> & \"Co\"' where email = $1")
        .bind("mentor.a@bpsdm.go.id")
        .execute(&w.server.db)
        .await
        .expect("name");
    set_channel(&w.teacher_a, "comment", "email").await;
    let (_, prefs) = w.teacher_a.page("/notifikasi/pengaturan").await;
    assert!(prefs.contains("Ringkasan harian lewat surel"), "{prefs}");
    let post = post_work(
        &w.teacher_a,
        w.board_a,
        "<script>alert(1)</script> Modul",
        "Isi.",
    )
    .await;
    comment(&w.mentor_a, post, "", "", "Bagus.").await;
    let received = sink.wait_for(1, Duration::from_secs(30)).await;
    assert_eq!(received.len(), 1);
    let mail = received[0].parsed();
    assert!(mail.to.contains("guru.a@sekolah.id"), "{}", mail.to);
    assert!(
        mail.text.contains("<b>Bu Sari</b> & \"Co\""),
        "{}",
        mail.text
    );
    assert!(!mail.html.contains("<b>Bu Sari"), "{}", mail.html);
    assert!(!mail.html.contains("<script>"), "{}", mail.html);
    assert!(
        mail.html
            .contains("&lt;b&gt;Bu Sari&lt;/b&gt; &amp; &quot;Co&quot;"),
        "{}",
        mail.html
    );
    assert!(
        mail.html
            .contains("&lt;script&gt;alert(1)&lt;/script&gt; Modul"),
        "{}",
        mail.html
    );
    assert!(mail.html.contains(&format!("/papan/pos/{post}?baru=")));
    // The digest has nothing of it: it went out at once.
    let run = digest::run(&w.server.db, Lang::Id, app::ssr::db::now_unix())
        .await
        .expect("digest");
    assert_eq!(run.emails, 0);
    w.stop().await;
}

#[tokio::test]
async fn the_daily_digest_sends_one_escaped_email_once() {
    let sink = SmtpSink::start();
    let w = world_with_mail(&sink).await;
    sqlx::query("update app_user set name = '<i>Pak Budi</i>' where email = $1")
        .bind("mentor.b@bpsdm.go.id")
        .execute(&w.server.db)
        .await
        .expect("name");
    // Teacher B keeps the participants' default (the digest); teacher A chooses the app only.
    set_channel(&w.teacher_a, "comment", "app").await;
    let post_b = post_work(&w.teacher_b, w.board_b, "Media <ajar> & kuis", "Isi.").await;
    let post_a = post_work(&w.teacher_a, w.board_a, "Modul A", "Isi.").await;
    for text in ["Satu.", "Dua.", "Tiga."] {
        comment(&w.mentor_b, post_b, "", "", text).await;
    }
    comment(&w.mentor_a, post_a, "", "", "Bagus.").await;
    // Nothing is e-mailed at once.
    tokio::time::sleep(Duration::from_millis(1_500)).await;
    assert!(sink.messages().is_empty());

    let now = app::ssr::db::now_unix();
    let (first, second) = tokio::join!(
        digest::run(&w.server.db, Lang::Id, now),
        digest::run(&w.server.db, Lang::Id, now)
    );
    let (first, second) = (first.expect("digest"), second.expect("digest"));
    assert_eq!(first.emails + second.emails, 1);
    assert_eq!(first.notifications + second.notifications, 3);
    let again = digest::run(&w.server.db, Lang::Id, now + 86_400)
        .await
        .expect("digest");
    assert_eq!(again.emails, 0);

    let received = sink.wait_for(1, Duration::from_secs(30)).await;
    tokio::time::sleep(Duration::from_millis(1_500)).await;
    assert_eq!(sink.messages().len(), 1, "one digest, sent once");
    let mail = received[0].parsed();
    assert!(mail.to.contains("guru.b@sekolah.id"), "{}", mail.to);
    assert_eq!(mail.subject, "3 pemberitahuan baru di Pamong");
    assert_eq!(
        mail.text.matches("Media <ajar> & kuis").count(),
        3,
        "{}",
        mail.text
    );
    assert!(!mail.html.contains("<i>Pak Budi"), "{}", mail.html);
    assert!(!mail.html.contains("<ajar>"), "{}", mail.html);
    assert!(
        mail.html.contains("&lt;i&gt;Pak Budi&lt;/i&gt;"),
        "{}",
        mail.html
    );
    assert!(
        mail.html.contains("Media &lt;ajar&gt; &amp; kuis"),
        "{}",
        mail.html
    );
    assert!(mail.html.contains("/notifikasi"));

    // A notification read in the app before the run is not e-mailed.
    comment(&w.mentor_b, post_b, "", "", "Empat.").await;
    w.teacher_b.call("mark_all_notifications_read", &[]).await;
    let read_first = digest::run(&w.server.db, Lang::Id, now + 2 * 86_400)
        .await
        .expect("digest");
    assert_eq!((read_first.emails, read_first.notifications), (0, 1));
    w.stop().await;
}

/// The next `pemberitahuan` (bell) event's count on an unread stream, within `wait`.
async fn next_bell(stream: &mut LiveStream, wait: Duration) -> Option<i64> {
    loop {
        let event = stream.next(wait).await?;
        if event.event == "pemberitahuan" {
            return event.data.trim().parse().ok();
        }
    }
}

#[tokio::test]
async fn the_bell_rides_the_unread_stream_and_counts_a_mentors_comment_live() {
    let w = BoardWorld::start().await;
    let post = post_work(&w.teacher_a, w.board_a, "Refleksi lonceng", "Isi.").await;
    let mut stream = LiveStream::open_at(&w.teacher_a, "/belum-dibaca/aliran", None)
        .await
        .expect("stream");
    assert_eq!(
        next_bell(&mut stream, Duration::from_secs(5)).await,
        Some(0)
    );
    let mut other = LiveStream::open_at(&w.teacher_b, "/belum-dibaca/aliran", None)
        .await
        .expect("stream");
    assert_eq!(next_bell(&mut other, Duration::from_secs(5)).await, Some(0));
    assert_eq!(
        comment(&w.mentor_a, post, "", "", "Bagus sekali.").await,
        200
    );
    // Counted again a moment after the board's event, without a reload.
    assert_eq!(
        next_bell(&mut stream, Duration::from_secs(10)).await,
        Some(1)
    );
    // The other group's participant is not told (their stream does not even hear the board).
    assert_eq!(next_bell(&mut other, Duration::from_secs(3)).await, None);
    w.stop().await;
}
