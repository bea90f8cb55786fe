//! Mentoring boards over real HTTP (issue #5): the review cycle with JavaScript off, who may read,
//! write or follow which board, and the live stream with its resume after a dropped connection.

use app::model::ErrorKind;
use pamong_tests::board_support::{
    comment, post_work, visible_unread_badges, BoardWorld, LiveStream,
};
use pamong_tests::harness::{error_of, location};
use std::time::Duration;

/// Long enough for a debug build on a loaded machine; a delivered event takes milliseconds.
const ARRIVES: Duration = Duration::from_secs(10);

async fn last_event(world: &BoardWorld, board: i64) -> i64 {
    app::ssr::boards::views::last_event(&world.server.db, board)
        .await
        .expect("last event")
}

/// The id of the first `<li>` inside the list with id `list`, if it has one.
fn first_item_of(page: &str, list: &str) -> Option<String> {
    let start = page.find(&format!("id=\"{list}\""))?;
    let rest = &page[start..];
    let open_end = rest.find('>')?;
    let inner = &rest[open_end + 1..];
    if !inner.starts_with("<li") {
        return None;
    }
    let id_at = inner.find("id=\"")? + 4;
    Some(inner[id_at..].split('"').next()?.to_string())
}

#[tokio::test]
async fn work_goes_through_review_and_revision_with_javascript_off() {
    let w = BoardWorld::start().await;
    let board = format!("/papan/{}", w.board_a);

    // The teacher sees their group's board and the cohort's announcements, not the other group's.
    let (status, list) = w.teacher_a.page("/papan").await;
    assert_eq!(status, 200);
    assert!(list.contains("Papan Melati"), "{list}");
    assert!(list.contains("Pengumuman Angkatan"));
    assert!(!list.contains("Mawar"));

    // A form with nothing in it comes back with the messages next to its fields.
    let refused = w
        .teacher_a
        .submit(
            &board,
            "create_post",
            &[
                ("board_id", &w.board_a.to_string()),
                ("kind", "refleksi"),
                ("title", " "),
                ("body", ""),
            ],
        )
        .await;
    assert_eq!(refused.status(), 303);
    assert_eq!(location(&refused).as_deref(), Some(board.as_str()));
    let (status, page) = w.teacher_a.page(&board).await;
    assert_eq!(status, 400);
    assert!(page.contains("Judul wajib diisi."), "{page}");
    assert!(page.contains("Isi karya wajib diisi."));

    // Posted without JavaScript: the browser lands on the post.
    let posted = w
        .teacher_a
        .submit(
            &board,
            "create_post",
            &[
                ("board_id", &w.board_a.to_string()),
                ("kind", "modul_ajar"),
                ("title", "Modul Pecahan Kelas 4"),
                (
                    "body",
                    "Tujuan: memahami pecahan senilai.\n\nLangkah: memakai kertas lipat.",
                ),
            ],
        )
        .await;
    assert_eq!(posted.status(), 302);
    let to = location(&posted).expect("to the post");
    let post: i64 = to
        .trim_start_matches("/papan/pos/")
        .parse()
        .expect("post id");
    let (status, page) = w.teacher_a.page(&to).await;
    assert_eq!(status, 200);
    assert!(page.contains("Modul Pecahan Kelas 4"));
    assert!(page.contains("Karya Anda sudah dikirim ke papan."));
    assert!(
        page.contains(r#"<div class="blok" id="b2"><p>Langkah: memakai kertas lipat.</p>"#),
        "{page}"
    );
    assert!(page.contains("Menunggu tanggapan"));

    // It waits in the mentor's queue.
    let (_, queue) = w.mentor_a.page("/mentor/antrean").await;
    assert!(queue.contains("Modul Pecahan Kelas 4"), "{queue}");
    let (_, other_queue) = w.mentor_b.page("/mentor/antrean").await;
    assert!(!other_queue.contains("Modul Pecahan Kelas 4"));

    // The mentor comments on the second paragraph; the comment shows under it.
    let commented = w
        .mentor_a
        .submit(
            &to,
            "add_comment",
            &[
                ("post_id", &post.to_string()),
                ("parent_id", ""),
                ("anchor", "b2"),
                ("body", "Tambahkan **contoh** gambar."),
            ],
        )
        .await;
    assert_eq!(commented.status(), 302);
    let back = location(&commented).expect("back to the post");
    assert!(
        back.starts_with(&format!("/papan/pos/{post}?baru=")),
        "{back}"
    );
    let (mentor_comment,): (i64,) = sqlx::query_as("select max(id) from post_comment")
        .fetch_one(&w.server.db)
        .await
        .expect("newest comment");
    let (_, page) = w.teacher_a.page(&to).await;
    assert_eq!(
        first_item_of(&page, &format!("p{post}-r1-b2-komentar")),
        Some(format!("k-{mentor_comment}")),
        "{page}"
    );
    assert!(page.contains("Tambahkan <strong>contoh</strong> gambar."));
    let (first_response,): (Option<i64>,) =
        sqlx::query_as("select first_response_at from work_post where id = $1")
            .bind(post)
            .fetch_one(&w.server.db)
            .await
            .expect("first response");
    assert!(
        first_response.is_some(),
        "the mentor's first comment is the first response"
    );

    // The teacher answers it; the answer nests under the comment.
    assert_eq!(
        comment(
            &w.teacher_a,
            post,
            &mentor_comment.to_string(),
            "",
            "Baik, saya tambahkan."
        )
        .await,
        200
    );
    let (_, page) = w.teacher_a.page(&to).await;
    let (reply,): (i64,) = sqlx::query_as("select max(id) from post_comment")
        .fetch_one(&w.server.db)
        .await
        .expect("newest comment");
    assert_eq!(
        first_item_of(&page, &format!("k-{mentor_comment}-balasan")),
        Some(format!("k-{reply}")),
        "{page}"
    );
    // An anchor to a block that does not exist is refused next to the text.
    let bad = w
        .teacher_a
        .call(
            "add_comment",
            &[
                ("post_id", &post.to_string()),
                ("parent_id", ""),
                ("anchor", "b9"),
                ("body", "x"),
            ],
        )
        .await;
    assert_eq!(bad.status(), 400);
    let error = error_of(bad).await;
    assert_eq!(error.fields[0].field, "body");

    // The mentor asks for a revision; the teacher revises; the post becomes "revised".
    let asked = w
        .mentor_a
        .submit(
            &to,
            "set_post_status",
            &[("post_id", &post.to_string()), ("status", "needs_revision")],
        )
        .await;
    assert_eq!(asked.status(), 302);
    let (_, page) = w.teacher_a.page(&to).await;
    assert!(page.contains("Perlu revisi"));
    let (_, queue) = w.mentor_a.page("/mentor/antrean").await;
    assert!(
        !queue.contains("Modul Pecahan Kelas 4"),
        "no longer waiting for the mentor"
    );
    let revised = w
        .teacher_a
        .submit(
            &to,
            "revise_post",
            &[
                ("post_id", &post.to_string()),
                ("title", "Modul Pecahan Kelas 4 (revisi)"),
                ("body", "Tujuan tetap.\n\nLangkah dengan gambar."),
            ],
        )
        .await;
    assert_eq!(revised.status(), 302);
    let (_, page) = w.teacher_a.page(&to).await;
    assert!(page.contains("Sudah direvisi"));
    assert!(page.contains("Langkah dengan gambar."));
    // The first version stays readable.
    let (status, old) = w.teacher_a.page(&format!("{to}?versi=1")).await;
    assert_eq!(status, 200);
    assert!(old.contains("Langkah: memakai kertas lipat."));
    assert!(old.contains("Anda melihat versi 1"));
    let (_, queue) = w.mentor_a.page("/mentor/antrean").await;
    assert!(
        queue.contains("Modul Pecahan Kelas 4 (revisi)"),
        "revised work waits again"
    );

    // A move the review cycle does not have is refused; approval closes the post to revisions.
    let wrong = w
        .mentor_a
        .call(
            "set_post_status",
            &[("post_id", &post.to_string()), ("status", "revised")],
        )
        .await;
    assert_eq!(error_of(wrong).await.kind, ErrorKind::Conflict);
    let approved = w
        .mentor_a
        .call(
            "set_post_status",
            &[("post_id", &post.to_string()), ("status", "approved")],
        )
        .await;
    assert_eq!(approved.status(), 200);
    let late = w
        .teacher_a
        .call(
            "revise_post",
            &[
                ("post_id", &post.to_string()),
                ("title", "x"),
                ("body", "y"),
            ],
        )
        .await;
    assert_eq!(error_of(late).await.kind, ErrorKind::Conflict);

    // What others did shows as unread on the teacher's board list until the board is opened.
    let (_, list) = w.teacher_a.page("/papan").await;
    assert!(!visible_unread_badges(&list).is_empty(), "{list}");
    // The board's own page reads it, so its navigation does not count it as unread.
    let (_, opened) = w.teacher_a.page(&board).await;
    assert!(visible_unread_badges(&opened).is_empty(), "{opened}");
    let (_, list) = w.teacher_a.page("/papan").await;
    assert!(visible_unread_badges(&list).is_empty(), "{list}");
    w.stop().await;
}

#[tokio::test]
async fn nobody_reads_writes_or_follows_a_board_that_is_not_theirs() {
    let w = BoardWorld::start().await;
    let post = post_work(
        &w.teacher_a,
        w.board_a,
        "Refleksi minggu 1",
        "Isi refleksi.",
    )
    .await;
    let post_s = post.to_string();
    let board_a = w.board_a.to_string();

    // The other group's teacher and mentor: the board and the post do not exist for them.
    for (who, client) in [("teacher B", &w.teacher_b), ("mentor B", &w.mentor_b)] {
        assert_eq!(
            client.page(&format!("/papan/{board_a}")).await.0,
            404,
            "{who}"
        );
        assert_eq!(
            client.page(&format!("/papan/pos/{post}")).await.0,
            404,
            "{who}"
        );
        let calls: [(&str, Vec<(&str, &str)>); 4] = [
            (
                "create_post",
                vec![
                    ("board_id", &board_a),
                    ("kind", "refleksi"),
                    ("title", "t"),
                    ("body", "b"),
                ],
            ),
            (
                "add_comment",
                vec![
                    ("post_id", &post_s),
                    ("parent_id", ""),
                    ("anchor", ""),
                    ("body", "b"),
                ],
            ),
            (
                "set_post_status",
                vec![("post_id", &post_s), ("status", "approved")],
            ),
            (
                "revise_post",
                vec![("post_id", &post_s), ("title", "t"), ("body", "b")],
            ),
        ];
        for (function, form) in calls {
            let response = client.call(function, &form).await;
            assert_eq!(response.status(), 404, "{who} calling {function}");
        }
        // The live stream refuses before it sends anything.
        let refused = LiveStream::open(client, w.board_a, "", None).await;
        assert_eq!(refused.err(), Some(404), "{who} following the board");
    }
    // A signed-out visitor gets nothing either.
    let visitor = w.server.new_client();
    assert_eq!(
        LiveStream::open(&visitor, w.board_a, "", None).await.err(),
        Some(401)
    );

    // The teacher may post and comment, but not review.
    let response = w
        .teacher_a
        .call(
            "set_post_status",
            &[("post_id", &post_s), ("status", "approved")],
        )
        .await;
    assert_eq!(response.status(), 403);
    // Nor post on the cohort's announcement board, which they read.
    let announcements = app::ssr::boards::access::cohort_board(&w.server.db, w.cohort, 0)
        .await
        .expect("announcement board");
    assert_eq!(
        w.teacher_a.page(&format!("/papan/{announcements}")).await.0,
        200
    );
    let response = w
        .teacher_a
        .call(
            "create_post",
            &[
                ("board_id", &announcements.to_string()),
                ("kind", "refleksi"),
                ("title", "t"),
                ("body", "b"),
            ],
        )
        .await;
    assert_eq!(response.status(), 403);
    // Nobody but the author revises.
    let response = w
        .mentor_a
        .call(
            "revise_post",
            &[("post_id", &post_s), ("title", "t"), ("body", "b")],
        )
        .await;
    assert_eq!(response.status(), 403);

    // The admin of the cohort's agency reviews any board of it.
    let response = w
        .admin
        .call(
            "set_post_status",
            &[("post_id", &post_s), ("status", "needs_revision")],
        )
        .await;
    assert_eq!(response.status(), 200);
    // Nothing of board A reached a viewer of board B.
    let mut stream_b = LiveStream::open(&w.teacher_b, w.board_b, "?sejak=0", None)
        .await
        .expect("own board");
    assert!(stream_b.next(Duration::from_millis(500)).await.is_none());
    w.stop().await;
}

#[tokio::test]
async fn live_comments_arrive_and_a_dropped_viewer_catches_up() {
    let w = BoardWorld::start().await;
    let post = post_work(
        &w.teacher_a,
        w.board_a,
        "Aksi nyata: literasi pagi",
        "Rencana kegiatan.",
    )
    .await;
    let after = last_event(&w, w.board_a).await;
    let mut stream = LiveStream::open(&w.teacher_a, w.board_a, &format!("?sejak={after}"), None)
        .await
        .expect("stream");

    // The mentor comments: the teacher's stream gets it, rendered, without asking again.
    assert_eq!(
        comment(&w.mentor_a, post, "", "", "Komentar pertama dari mentor").await,
        200
    );
    let event = stream.next(ARRIVES).await.expect("the comment arrives");
    assert_eq!(event.event, "papan");
    assert!(
        event.data.contains("Komentar pertama dari mentor"),
        "{}",
        event.data
    );
    let seen = event.id.expect("events carry ids");
    assert!(seen > after);

    // The connection drops; two comments and a status change happen meanwhile.
    drop(stream);
    assert_eq!(
        comment(&w.mentor_a, post, "", "", "Komentar kedua").await,
        200
    );
    assert_eq!(
        comment(&w.mentor_a, post, "", "", "Komentar ketiga").await,
        200
    );
    let response = w
        .mentor_a
        .call(
            "set_post_status",
            &[("post_id", &post.to_string()), ("status", "approved")],
        )
        .await;
    assert_eq!(response.status(), 200);

    // Reconnecting with the last id seen (as browsers do) brings exactly what was missed, in order.
    let mut resumed = LiveStream::open(&w.teacher_a, w.board_a, "", Some(seen))
        .await
        .expect("stream again");
    let missed = resumed.drain(Duration::from_millis(1500)).await;
    assert_eq!(missed.len(), 3, "{missed:?}");
    assert!(missed[0].data.contains("Komentar kedua"));
    assert!(missed[1].data.contains("Komentar ketiga"));
    assert!(missed[2].data.contains("Disetujui"), "{}", missed[2].data);
    let ids: Vec<i64> = missed.iter().filter_map(|e| e.id).collect();
    assert!(
        ids.windows(2).all(|p| p[0] < p[1]) && ids[0] > seen,
        "{ids:?}"
    );

    // And it stays live afterwards; the English reader gets English fragments.
    w.teacher_a.set_cookie("lang", "en");
    let mut english = LiveStream::open(&w.teacher_a, w.board_a, "", Some(ids[2]))
        .await
        .expect("stream in English");
    assert_eq!(
        comment(&w.teacher_a, post, "", "", "Terima kasih").await,
        200
    );
    let live = resumed.next(ARRIVES).await.expect("live after catching up");
    assert!(live.data.contains("Terima kasih"));
    let translated = english.next(ARRIVES).await.expect("English stream");
    assert!(translated.data.contains("Approved"), "{}", translated.data);
    w.stop().await;
}

#[tokio::test]
async fn on_postgres_a_comment_made_on_one_process_reaches_viewers_on_another() {
    if pamong_tests::harness::backend() != app::ssr::db::Backend::Postgres {
        eprintln!("skipped: SQLite runs one process (LISTEN/NOTIFY is PostgreSQL's)");
        return;
    }
    let w = BoardWorld::start().await;
    let second = w.server.second_process().await;
    let post = post_work(&w.teacher_a, w.board_a, "Refleksi lintas proses", "Isi.").await;
    let after = last_event(&w, w.board_a).await;
    // The teacher watches through the first process; the mentor writes through the second.
    let mut stream = LiveStream::open(&w.teacher_a, w.board_a, &format!("?sejak={after}"), None)
        .await
        .expect("stream on the first process");
    let mentor_elsewhere = second.client_like(&w.mentor_a);
    assert_eq!(
        comment(
            &mentor_elsewhere,
            post,
            "",
            "",
            "Ditulis lewat proses kedua"
        )
        .await,
        200
    );
    let event = stream.next(ARRIVES).await.expect("NOTIFY brought it over");
    assert!(
        event.data.contains("Ditulis lewat proses kedua"),
        "{}",
        event.data
    );
    // And the other way round.
    let mut elsewhere =
        LiveStream::open(&second.client_like(&w.teacher_a), w.board_a, "", event.id)
            .await
            .expect("stream on the second process");
    assert_eq!(
        comment(&w.mentor_a, post, "", "", "Ditulis lewat proses pertama").await,
        200
    );
    let back = elsewhere.next(ARRIVES).await.expect("and back");
    assert!(
        back.data.contains("Ditulis lewat proses pertama"),
        "{}",
        back.data
    );
    drop((stream, elsewhere));
    second.stop().await;
    w.stop().await;
}

/// Issue #22: a viewer whose process is killed (SIGKILL) reconnects through another process
/// with the last event id it saw, as browsers do, and gets every comment made meanwhile, in
/// order, then the live ones: nothing is missed. The killed process is a real child process
/// beside the test's server, on the same PostgreSQL and data directory.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_postgres_a_viewer_whose_process_is_killed_resumes_on_another_without_a_miss() {
    if pamong_tests::harness::backend() != app::ssr::db::Backend::Postgres {
        eprintln!("skipped: SQLite runs one process (LISTEN/NOTIFY is PostgreSQL's)");
        return;
    }
    let w = BoardWorld::start().await;
    let log = w.server.data_dir().join("killed-process.log");
    let doomed = pamong_tests::process::ServerProcess::start_on(
        env!("CARGO_BIN_EXE_pamong_server"),
        w.server.database_url(),
        w.server.data_dir(),
        &log,
        &[],
    )
    .await;
    let post = post_work(&w.teacher_a, w.board_a, "Refleksi saat proses mati", "Isi.").await;
    let after = last_event(&w, w.board_a).await;
    // The teacher's stream is on the doomed process; the mentor writes through the test's server.
    let teacher_there = pamong_tests::harness::Client {
        base: doomed.url.clone(),
        http: w.teacher_a.http.clone(),
        jar: w.teacher_a.jar.clone(),
    };
    let mut stream = LiveStream::open(&teacher_there, w.board_a, &format!("?sejak={after}"), None)
        .await
        .expect("stream on the doomed process");
    assert_eq!(
        comment(&w.mentor_a, post, "", "", "Sebelum proses mati").await,
        200
    );
    let first = stream.next(ARRIVES).await.expect("NOTIFY brought it over");
    assert!(first.data.contains("Sebelum proses mati"), "{}", first.data);
    let seen = first.id.expect("events carry ids");

    doomed.kill();
    assert!(
        stream.next(Duration::from_secs(2)).await.is_none(),
        "the killed process's stream ended"
    );
    for text in ["Selama terputus satu", "Selama terputus dua"] {
        assert_eq!(comment(&w.mentor_a, post, "", "", text).await, 200);
    }
    let mut resumed = LiveStream::open(&w.teacher_a, w.board_a, "", Some(seen))
        .await
        .expect("stream on the surviving process");
    let missed = resumed.drain(Duration::from_millis(1500)).await;
    assert_eq!(missed.len(), 2, "{missed:?}");
    assert!(missed[0].data.contains("Selama terputus satu"));
    assert!(missed[1].data.contains("Selama terputus dua"));
    assert_eq!(
        comment(&w.mentor_a, post, "", "", "Sesudah tersambung lagi").await,
        200
    );
    let live = resumed.next(ARRIVES).await.expect("live again");
    assert!(
        live.data.contains("Sesudah tersambung lagi"),
        "{}",
        live.data
    );
    drop((stream, resumed));
    w.stop().await;
}

/// The count the next `belum-dibaca` event carries, if one arrives within `wait` (the bell's
/// `pemberitahuan` events on the same stream are passed over).
async fn next_count(stream: &mut LiveStream, wait: Duration) -> Option<i64> {
    loop {
        let event = stream.next(wait).await?;
        if event.event == "pemberitahuan" {
            continue;
        }
        assert_eq!(event.event, "belum-dibaca", "{event:?}");
        return event.data.trim().parse().ok();
    }
}

#[tokio::test]
async fn the_navigation_count_follows_what_others_write_on_the_viewers_boards() {
    let w = BoardWorld::start().await;
    let post = post_work(&w.teacher_a, w.board_a, "Refleksi minggu 1", "Isi.").await;
    // Visitors have no count to follow.
    let visitor = w.server.new_client();
    assert_eq!(
        LiveStream::open_at(&visitor, "/belum-dibaca/aliran", None)
            .await
            .err(),
        Some(401)
    );

    // On any page but the board's own, the count starts from the database and grows live.
    let (_, home) = w.teacher_a.page("/peserta").await;
    assert!(
        home.contains("id=\"belum-dibaca\""),
        "the live badge is on the page"
    );
    let mut anywhere = LiveStream::open_at(&w.teacher_a, "/belum-dibaca/aliran", None)
        .await
        .expect("stream");
    let start = next_count(&mut anywhere, ARRIVES)
        .await
        .expect("first count");
    let mut on_board = LiveStream::open_at(
        &w.teacher_a,
        &format!("/belum-dibaca/aliran?kecuali={}", w.board_a),
        None,
    )
    .await
    .expect("stream");
    assert_eq!(next_count(&mut on_board, ARRIVES).await, Some(0));
    let mut other_group = LiveStream::open_at(&w.teacher_b, "/belum-dibaca/aliran", None)
        .await
        .expect("stream");
    let other_start = next_count(&mut other_group, ARRIVES)
        .await
        .expect("first count");
    // An admin follows every board of the programs in their scope, and lists them.
    let mut organiser = LiveStream::open_at(&w.admin, "/belum-dibaca/aliran", None)
        .await
        .expect("the admin's stream");
    let organiser_start = next_count(&mut organiser, ARRIVES)
        .await
        .expect("first count");
    let (status, boards) = w.admin.page("/papan").await;
    assert_eq!(status, 200, "{boards}");
    assert!(
        boards.contains(&format!("/papan/{}\"", w.board_a))
            && boards.contains(&format!("/papan/{}\"", w.board_b)),
        "{boards}"
    );

    assert_eq!(
        comment(&w.mentor_a, post, "", "", "Bagus, lanjutkan.").await,
        200
    );
    assert_eq!(next_count(&mut anywhere, ARRIVES).await, Some(start + 1));
    assert_eq!(
        next_count(&mut organiser, ARRIVES).await,
        Some(organiser_start + 1)
    );
    // The teacher's own comment is not unread for them.
    assert_eq!(
        comment(&w.teacher_a, post, "", "", "Terima kasih.").await,
        200
    );
    assert_eq!(comment(&w.mentor_a, post, "", "", "Sama-sama.").await, 200);
    assert_eq!(next_count(&mut anywhere, ARRIVES).await, Some(start + 2));
    // The page of that board leaves it out; another group's teacher hears nothing of it.
    assert_eq!(
        next_count(&mut on_board, Duration::from_millis(500)).await,
        None
    );
    assert_eq!(
        next_count(&mut other_group, Duration::from_millis(500)).await,
        None
    );

    // An announcement on the cohort's board reaches both groups' counts.
    let cohort_board =
        app::ssr::boards::access::cohort_board(&w.server.db, w.cohort, app::ssr::db::now_unix())
            .await
            .expect("cohort board");
    post_work(
        &w.admin,
        cohort_board,
        "Jadwal lokakarya",
        "Sabtu pukul 08.00.",
    )
    .await;
    assert_eq!(next_count(&mut on_board, ARRIVES).await, Some(1));
    assert_eq!(
        next_count(&mut other_group, ARRIVES).await,
        Some(other_start + 1)
    );

    // A fresh count (the reconnection after a page is read) starts from the database again.
    w.teacher_a.page(&format!("/papan/{}", w.board_a)).await;
    let mut again = LiveStream::open_at(&w.teacher_a, "/belum-dibaca/aliran", None)
        .await
        .expect("stream");
    assert_eq!(
        next_count(&mut again, ARRIVES).await,
        Some(1),
        "only the announcement is unread"
    );
    w.stop().await;
}

#[tokio::test]
async fn comment_anchors_are_stored_in_their_one_spelling_and_other_spellings_are_refused() {
    let w = BoardWorld::start().await;
    let post = post_work(
        &w.teacher_a,
        w.board_a,
        "Tiga paragraf",
        "Satu.\n\nDua.\n\nTiga.",
    )
    .await;
    let add = |anchor: &'static str, body: &'static str| {
        let client = w.mentor_a.clone();
        async move {
            client
                .call(
                    "add_comment",
                    &[
                        ("post_id", &post.to_string()),
                        ("parent_id", ""),
                        ("anchor", anchor),
                        ("body", body),
                    ],
                )
                .await
        }
    };
    // Spellings a number parser would take for block 1 or 2, and garbage, are refused with a
    // message next to the comment's text, in the user's language.
    for anchor in [
        "b+1",
        "b01",
        "b 2",
        "B2",
        "b2x",
        "b-1",
        "b",
        "2",
        "b99999999999",
    ] {
        let refused = add(anchor, "Komentar dengan tanda aneh").await;
        assert_eq!(refused.status(), 400, "{anchor:?}");
        let error = error_of(refused).await;
        assert_eq!(error.fields[0].field, "body", "{anchor:?}");
        assert!(
            error.fields[0].message.contains("b1, b2"),
            "{anchor:?}: {}",
            error.fields[0].message
        );
    }
    // The one spelling is stored as it is, and surrounding spaces are the form's, not the anchor's.
    assert_eq!(add("b2", "Pada paragraf dua").await.status(), 200);
    assert_eq!(add(" b3 ", "Pada paragraf tiga").await.status(), 200);
    let stored: Vec<(Option<String>, String)> = sqlx::query_as(
        "select anchor, body_markdown from post_comment where post_id = $1 order by id",
    )
    .bind(post)
    .fetch_all(&w.server.db)
    .await
    .expect("comments");
    assert_eq!(
        stored,
        vec![
            (Some("b2".to_string()), "Pada paragraf dua".to_string()),
            (Some("b3".to_string()), "Pada paragraf tiga".to_string()),
        ]
    );
    // The page shows both under their blocks.
    let (_, page) = w.mentor_a.page(&format!("/papan/pos/{post}")).await;
    for block in ["b2", "b3"] {
        assert!(
            first_item_of(&page, &format!("p{post}-r1-{block}-komentar")).is_some(),
            "{block}: {page}"
        );
    }
    w.stop().await;
}
