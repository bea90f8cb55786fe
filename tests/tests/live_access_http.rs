//! Live streams end when their viewer loses the right to them (issue #16): a board's stream and
//! the navigation's unread stream check the session and the viewer's access again every
//! `live_recheck_secs` (one second here), so sign-out, a role change and a withdrawal close them
//! within that time instead of after the stream's quarter-hour lifetime. A viewer who keeps
//! their rights keeps their stream.

use pamong_tests::board_support::{BoardWorld, LiveStream};
use pamong_tests::harness::Options;
use std::time::Duration;

/// Far above the one-second re-check on a loaded machine, far below a stream's lifetime.
const ENDS: Duration = Duration::from_secs(30);
/// Several re-checks: a stream whose viewer keeps their rights must outlive them.
const KEEPS: Duration = Duration::from_secs(4);

async fn world() -> BoardWorld {
    BoardWorld::start_with(Options {
        live_recheck_secs: Some(1),
        ..Options::default()
    })
    .await
}

async fn board_stream(client: &pamong_tests::harness::Client, board: i64) -> LiveStream {
    LiveStream::open(client, board, "", None)
        .await
        .unwrap_or_else(|status| panic!("board stream refused with {status}"))
}

async fn unread_stream(client: &pamong_tests::harness::Client) -> LiveStream {
    LiveStream::open_at(client, "/belum-dibaca/aliran", None)
        .await
        .unwrap_or_else(|status| panic!("unread stream refused with {status}"))
}

#[tokio::test]
async fn signing_out_ends_the_viewers_streams_and_no_one_elses() {
    let w = world().await;
    let mut board = board_stream(&w.teacher_a, w.board_a).await;
    let mut unread = unread_stream(&w.teacher_a).await;
    let mut mentor = board_stream(&w.mentor_a, w.board_a).await;

    let signed_out = w.teacher_a.call("sign_out", &[]).await;
    assert!(signed_out.status().is_redirection() || signed_out.status().is_success());

    assert!(board.ends_within(ENDS).await, "the board stream ended");
    assert!(unread.ends_within(ENDS).await, "the unread stream ended");
    assert!(
        !mentor.ends_within(KEEPS).await,
        "the mentor, still signed in, keeps following"
    );
    w.stop().await;
}

#[tokio::test]
async fn a_role_change_ends_the_accounts_streams() {
    let w = world().await;
    let mentor_id: (i64,) =
        sqlx::query_as("select id from app_user where email = 'mentor.a@bpsdm.go.id'")
            .fetch_one(&w.server.db)
            .await
            .expect("mentor");
    let mut board = board_stream(&w.mentor_a, w.board_a).await;
    let mut teacher = board_stream(&w.teacher_a, w.board_a).await;

    let changed = w
        .admin
        .call(
            "change_role",
            &[
                ("user_id", &mentor_id.0.to_string()),
                ("role", "participant"),
            ],
        )
        .await;
    assert!(
        changed.status().is_redirection() || changed.status().is_success(),
        "change_role answered {}",
        changed.status()
    );

    assert!(board.ends_within(ENDS).await, "the mentor's stream ended");
    assert!(!teacher.ends_within(KEEPS).await, "the teacher's did not");
    w.stop().await;
}

#[tokio::test]
async fn withdrawing_ends_the_streams_of_the_cohorts_boards() {
    let w = world().await;
    let (enrolment,): (i64,) = sqlx::query_as(
        "select e.id from enrolment e join app_user u on u.id = e.user_id \
         where u.email = 'guru.b@sekolah.id' and e.cohort_id = $1",
    )
    .bind(w.cohort)
    .fetch_one(&w.server.db)
    .await
    .expect("enrolment");
    let mut board = board_stream(&w.teacher_b, w.board_b).await;
    let mut unread = unread_stream(&w.teacher_b).await;
    let mut other = board_stream(&w.teacher_a, w.board_a).await;

    let withdrawn = w
        .teacher_b
        .call(
            "withdraw_application",
            &[("enrolment_id", &enrolment.to_string())],
        )
        .await;
    assert!(
        withdrawn.status().is_redirection() || withdrawn.status().is_success(),
        "withdraw_application answered {}",
        withdrawn.status()
    );
    // Still signed in: it is the access that ended, not the session.
    assert_eq!(w.teacher_b.page("/peserta").await.0, 200);

    assert!(
        board.ends_within(ENDS).await,
        "the group board's stream ended"
    );
    assert!(unread.ends_within(ENDS).await, "the unread stream ended");
    assert!(
        !other.ends_within(KEEPS).await,
        "another group's member keeps following"
    );
    // And a new stream is refused like the board of another group.
    assert_eq!(
        LiveStream::open(&w.teacher_b, w.board_b, "", None)
            .await
            .err(),
        Some(404)
    );
    w.stop().await;
}
