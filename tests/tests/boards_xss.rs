//! Hostile text on mentoring boards (issue #5): every payload of `tests/fixtures/xss_payloads.txt`
//! goes in as a post title, a post body, a comment and the author's name; the server-rendered
//! pages and the live events that carry it must have nothing that could run (checked with a
//! browser-grade HTML parser, against the same pages rendered with harmless text). The hydrated
//! page is checked in the browser by `end2end/tests/boards.spec.ts`.

use pamong_tests::board_support::{comment, fragments, post_work, unlimited_world, LiveStream};
use pamong_tests::xss::{findings, new_findings, payloads};
use std::time::Duration;

fn title_of(payload: &str) -> String {
    payload.chars().take(200).collect()
}

#[tokio::test]
async fn hostile_text_stays_inert_in_pages_and_live_events() {
    // Hundreds of posts and comments in a minute: far past the rate limits, which are not tested here.
    let w = unlimited_world().await;
    let payloads = payloads();
    assert!(
        payloads.len() >= 100,
        "the corpus has {} payloads",
        payloads.len()
    );

    // The same pages with harmless text: whatever script they have is the page's own.
    let plain = post_work(&w.teacher_a, w.board_a, "Judul biasa", "Isi biasa.").await;
    assert_eq!(
        comment(&w.mentor_a, plain, "", "", "Komentar biasa").await,
        200
    );
    let (_, baseline_post) = w.teacher_a.page(&format!("/papan/pos/{plain}")).await;
    let (_, baseline_board) = w.teacher_a.page(&format!("/papan/{}", w.board_a)).await;
    let (_, baseline_queue) = w.mentor_a.page("/mentor/antrean").await;
    let baseline_post_findings = findings(&baseline_post);
    assert!(
        baseline_post_findings
            .iter()
            .all(|f| f.what.starts_with("script")),
        "the page itself has only its hydration scripts: {baseline_post_findings:?}"
    );

    let after = app::ssr::boards::views::last_event(&w.server.db, w.board_a)
        .await
        .expect("last event");
    let mut stream = LiveStream::open(&w.teacher_a, w.board_a, &format!("?sejak={after}"), None)
        .await
        .expect("stream");

    let mut problems = Vec::new();
    for payload in &payloads {
        // The author's name is hostile too (names come from registration and imports).
        sqlx::query("update app_user set name = $1 where id = $2")
            .bind(title_of(payload))
            .bind(w.teacher_a_id.0)
            .execute(&w.server.db)
            .await
            .expect("hostile name");
        let post = post_work(&w.teacher_a, w.board_a, &title_of(payload), payload).await;
        assert_eq!(comment(&w.mentor_a, post, "", "", payload).await, 200);
        assert_eq!(comment(&w.teacher_a, post, "", "b1", payload).await, 200);
        let (status, page) = w.teacher_a.page(&format!("/papan/pos/{post}")).await;
        assert_eq!(status, 200, "post page with {payload}");
        for finding in new_findings(&baseline_post, &page) {
            problems.push(format!("post page, payload {payload:?}: {}", finding.what));
        }
    }
    for page in 1..=payloads.len().div_ceil(30) + 1 {
        let (_, html) = w
            .teacher_a
            .page(&format!("/papan/{}?hal={page}", w.board_a))
            .await;
        for finding in new_findings(&baseline_board, &html) {
            problems.push(format!("board page {page}: {}", finding.what));
        }
    }
    let (_, queue) = w.mentor_a.page("/mentor/antrean").await;
    for finding in new_findings(&baseline_queue, &queue) {
        problems.push(format!("mentor queue: {}", finding.what));
    }

    // Every live event: a post card each, and the comments with their fragments.
    let events = stream.drain(Duration::from_secs(3)).await;
    assert!(
        events.len() >= payloads.len() * 3,
        "{} live events for {} payloads",
        events.len(),
        payloads.len()
    );
    for event in &events {
        for html in fragments(event) {
            for finding in findings(&html) {
                problems.push(format!("live event {:?}: {}", event.id, finding.what));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
    w.stop().await;
}
