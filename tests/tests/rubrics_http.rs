//! Rubrics and scores over real HTTP (issue #5): a mentor writes a rubric of their program (with
//! messages next to the fields when the grid is wrong), scores a post with it, the author sees
//! the score live and on the page while other participants of the group do not, a used rubric no
//! longer changes, and nobody scores outside their groups or with another program's rubric.

use app::model::{ErrorKind, UserId};
use pamong_tests::board_support::{post_work, BoardWorld, LiveStream};
use pamong_tests::fixtures;
use pamong_tests::harness::{error_of, location};
use std::time::Duration;

/// The rubric grid: four levels worth 1–4, and `criteria` named criteria.
fn grid<'a>(
    rubric_id: &'a str,
    program: &'a str,
    title: &'a str,
    criteria: &[&'a str],
) -> Vec<(&'a str, &'a str)> {
    let mut form = vec![
        ("rubric_id", rubric_id),
        ("program_id", program),
        ("title", title),
        ("l1", "Perlu bimbingan"),
        ("p1", "1"),
        ("l2", "Cukup"),
        ("p2", "2"),
        ("l3", "Baik"),
        ("p3", "3"),
        ("l4", "Sangat baik"),
        ("p4", "4"),
        ("l5", ""),
        ("p5", ""),
    ];
    const NAMES: [(&str, &str); 8] = [
        ("c1", "d1"),
        ("c2", "d2"),
        ("c3", "d3"),
        ("c4", "d4"),
        ("c5", "d5"),
        ("c6", "d6"),
        ("c7", "d7"),
        ("c8", "d8"),
    ];
    for (n, (c, d)) in NAMES.iter().enumerate() {
        form.push((c, criteria.get(n).copied().unwrap_or("")));
        form.push((d, ""));
    }
    form
}

/// The level ids of a rubric's criteria, in order (each criterion's levels lowest first).
async fn levels_of(w: &BoardWorld, rubric: i64) -> Vec<Vec<i64>> {
    let rows: Vec<(i64, i64)> = sqlx::query_as(
        "select k.position, l.id from rubric_criterion k join rubric_level l \
         on l.criterion_id = k.id where k.rubric_id = $1 order by k.position, l.position",
    )
    .bind(rubric)
    .fetch_all(&w.server.db)
    .await
    .expect("levels");
    let mut out: Vec<Vec<i64>> = Vec::new();
    for (position, level) in rows {
        if out.len() < position as usize {
            out.push(Vec::new());
        }
        if let Some(last) = out.last_mut() {
            last.push(level);
        }
    }
    out
}

#[tokio::test]
async fn a_mentor_scores_with_a_rubric_and_only_the_author_and_mentors_see_it() {
    let w = BoardWorld::start().await;
    let program = w.program.to_string();
    let classmate = w.teacher_in(w.board_a, "guru.c@sekolah.id").await;

    // A wrong grid comes back with the messages next to its fields.
    let mut wrong = grid("", &program, " ", &[]);
    for (name, value) in wrong.iter_mut() {
        match *name {
            "l2" | "p2" | "l3" | "p3" | "l4" | "p4" => *value = "",
            _ => {}
        }
    }
    let refused = w.mentor_a.submit("/rubrik", "save_rubric", &wrong).await;
    assert_eq!(refused.status(), 303);
    let (status, page) = w.mentor_a.page("/rubrik").await;
    assert_eq!(status, 400);
    assert!(
        page.contains("Isi paling sedikit dua tingkat capaian."),
        "{page}"
    );
    assert!(page.contains("Isi paling sedikit satu kriteria."));
    let mut descending = grid("", &program, "Rubrik modul", &["Tujuan"]);
    for (name, value) in descending.iter_mut() {
        if *name == "p3" {
            *value = "1";
        }
    }
    w.mentor_a
        .submit("/rubrik", "save_rubric", &descending)
        .await;
    let (_, page) = w.mentor_a.page("/rubrik").await;
    assert!(
        page.contains("Poin harus lebih besar dari tingkat sebelumnya."),
        "{page}"
    );
    // What the mentor typed is still there.
    assert!(page.contains("value=\"Rubrik modul\""), "{page}");

    // Written without JavaScript, the rubric shows as a table.
    let saved = w
        .mentor_a
        .submit(
            "/rubrik",
            "save_rubric",
            &grid(
                "",
                &program,
                "Rubrik modul ajar",
                &["Tujuan pembelajaran", "Langkah kegiatan"],
            ),
        )
        .await;
    assert_eq!(saved.status(), 302);
    let to = location(&saved).expect("to the rubric");
    let rubric: i64 = to
        .trim_start_matches("/rubrik/")
        .parse()
        .expect("rubric id");
    let (status, page) = w.mentor_a.page(&to).await;
    assert_eq!(status, 200);
    assert!(page.contains("Rubrik sudah disimpan."));
    assert!(page.contains("Langkah kegiatan"));
    assert!(page.contains("skor maksimal 8"), "{page}");
    // The list of the mentor's programs shows it under its program.
    let (_, list) = w.mentor_a.page("/rubrik").await;
    assert!(
        list.contains(&format!("href=\"/rubrik/{rubric}\"")),
        "{list}"
    );
    assert!(
        list.contains("2 kriteria · skor maksimal 8 · dipakai 0 kali"),
        "{list}"
    );
    // Participants have no rubric pages; a mentor without a group of the program sees none.
    let (status, _) = w.teacher_a.page(&to).await;
    assert_eq!(status, 403);
    let stranger = w.mentor_without_group("mentor.c@bpsdm.go.id").await;
    let (status, _) = stranger.page(&to).await;
    assert_eq!(status, 404);
    let taken = stranger
        .call(
            "save_rubric",
            &grid(&rubric.to_string(), &program, "Diambil alih", &["X"]),
        )
        .await;
    assert_eq!(error_of(taken).await.kind, ErrorKind::NotFound);
    let foreign = stranger
        .call("save_rubric", &grid("", &program, "Rubrik lain", &["X"]))
        .await;
    assert_eq!(error_of(foreign).await.kind, ErrorKind::Invalid);

    // The mentor scores the teacher's work; a criterion left out is named next to it.
    let post = post_work(&w.teacher_a, w.board_a, "Modul pecahan", "Isi.").await;
    let post_path = format!("/papan/pos/{post}");
    let (_, page) = w.mentor_a.page(&post_path).await;
    assert!(page.contains("Beri nilai dengan rubrik"), "{page}");
    assert!(page.contains("Tujuan pembelajaran"));
    let levels = levels_of(&w, rubric).await;
    assert_eq!(levels.len(), 2);
    let (post_s, rubric_s) = (post.to_string(), rubric.to_string());
    let (good, best) = (levels[0][2].to_string(), levels[1][3].to_string());
    let missing = w
        .mentor_a
        .submit(
            &post_path,
            "score_post",
            &[
                ("post_id", &post_s),
                ("rubric_id", &rubric_s),
                ("note", "Bagus"),
                ("k1", &good),
            ],
        )
        .await;
    assert_eq!(missing.status(), 303);
    let (_, page) = w.mentor_a.page(&post_path).await;
    assert!(
        page.contains("Pilih tingkat capaian untuk kriteria ini."),
        "{page}"
    );
    // A level of another criterion is not a level of this one.
    let crossed = w
        .mentor_a
        .call(
            "score_post",
            &[
                ("post_id", &post_s),
                ("rubric_id", &rubric_s),
                ("note", ""),
                ("k1", &best),
                ("k2", &good),
            ],
        )
        .await;
    assert_eq!(error_of(crossed).await.kind, ErrorKind::Invalid);

    let after = app::ssr::boards::views::last_event(&w.server.db, w.board_a)
        .await
        .expect("last event");
    let mut author_stream =
        LiveStream::open(&w.teacher_a, w.board_a, &format!("?sejak={after}"), None)
            .await
            .expect("stream");
    let scored = w
        .mentor_a
        .submit(
            &post_path,
            "score_post",
            &[
                ("post_id", &post_s),
                ("rubric_id", &rubric_s),
                ("note", "Tujuan sudah jelas; langkahnya sangat rinci."),
                ("k1", &good),
                ("k2", &best),
            ],
        )
        .await;
    assert_eq!(scored.status(), 302);
    let back = location(&scored).expect("back to the post");
    assert!(back.starts_with(&format!("{post_path}?dinilai=")), "{back}");
    assert!(back.ends_with("#nilai"), "{back}");
    let event = author_stream
        .next(Duration::from_secs(10))
        .await
        .expect("the score's event arrives live");
    assert_eq!(event.event, "papan");
    assert!(
        event.data.contains(&format!("nilai-baru-{post}")),
        "{}",
        event.data
    );
    assert!(
        !event.data.contains("7 / 8"),
        "the live event carries no score"
    );

    // The author sees it, with the mentor's note; a classmate sees the post but not the score.
    let (_, page) = w.teacher_a.page(&post_path).await;
    assert!(page.contains("Nilai rubrik"));
    assert!(page.contains("7 / 8"), "{page}");
    assert!(page.contains("Tujuan sudah jelas; langkahnya sangat rinci."));
    assert!(
        !page.contains("Beri nilai dengan rubrik"),
        "participants do not score"
    );
    let (status, page) = classmate.page(&post_path).await;
    assert_eq!(status, 200);
    assert!(
        !page.contains("Nilai rubrik") && !page.contains("7 / 8"),
        "{page}"
    );
    let (first_response,): (Option<i64>,) =
        sqlx::query_as("select first_response_at from work_post where id = $1")
            .bind(post)
            .fetch_one(&w.server.db)
            .await
            .expect("first response");
    assert!(first_response.is_some(), "a score is a mentor's response");

    // Used once, the rubric no longer changes.
    let locked = w
        .mentor_a
        .call(
            "save_rubric",
            &grid(&rubric_s, &program, "Diubah", &["Satu"]),
        )
        .await;
    assert_eq!(error_of(locked).await.kind, ErrorKind::Conflict);
    let (_, page) = w.mentor_a.page(&format!("/rubrik/{rubric}")).await;
    assert!(page.contains("sudah dipakai untuk 1 penilaian"), "{page}");

    // The other group's mentor cannot score this post, even with the program's own rubric.
    let outside = w
        .mentor_b
        .call(
            "score_post",
            &[
                ("post_id", &post_s),
                ("rubric_id", &rubric_s),
                ("note", ""),
                ("k1", &good),
                ("k2", &best),
            ],
        )
        .await;
    assert_eq!(error_of(outside).await.kind, ErrorKind::NotFound);
    let participant = w
        .teacher_a
        .call(
            "score_post",
            &[
                ("post_id", &post_s),
                ("rubric_id", &rubric_s),
                ("note", ""),
                ("k1", &good),
                ("k2", &best),
            ],
        )
        .await;
    assert_eq!(error_of(participant).await.kind, ErrorKind::Forbidden);

    // Nor is another program's rubric usable on this post.
    let (admin_id,): (i64,) = sqlx::query_as("select id from app_user where email = $1")
        .bind("admin@bpsdm.go.id")
        .fetch_one(&w.server.db)
        .await
        .expect("admin");
    let other_program =
        fixtures::program(&w.server.db, w.agency, UserId(admin_id), "published").await;
    let other = w
        .admin
        .submit(
            "/rubrik",
            "save_rubric",
            &grid(
                "",
                &other_program.to_string(),
                "Rubrik program lain",
                &["A", "B"],
            ),
        )
        .await;
    assert_eq!(other.status(), 302);
    let other_rubric = location(&other)
        .and_then(|to| to.trim_start_matches("/rubrik/").parse::<i64>().ok())
        .expect("other rubric");
    let other_levels = levels_of(&w, other_rubric).await;
    let borrowed = w
        .mentor_a
        .call(
            "score_post",
            &[
                ("post_id", &post_s),
                ("rubric_id", &other_rubric.to_string()),
                ("note", ""),
                ("k1", &other_levels[0][0].to_string()),
                ("k2", &other_levels[1][0].to_string()),
            ],
        )
        .await;
    assert_eq!(error_of(borrowed).await.kind, ErrorKind::Invalid);
    let (count,): (i64,) = sqlx::query_as("select count(*) from post_score where post_id = $1")
        .bind(post)
        .fetch_one(&w.server.db)
        .await
        .expect("scores");
    assert_eq!(count, 1);
    w.stop().await;
}
