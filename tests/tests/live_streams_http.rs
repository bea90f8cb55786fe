//! How many live streams one person holds: opening more than the limit at once leaves the limit
//! open, the others are told (`tutup`) to stop and end, another person's streams are untouched,
//! and the streams left open still deliver what happens on the board.

use app::ssr::boards::streams::MAX_STREAMS_PER_USER;
use pamong_tests::board_support::{comment, post_work, BoardWorld, LiveStream};
use std::time::Duration;

/// Long enough for a debug build on a loaded machine; a delivered event takes milliseconds.
const ARRIVES: Duration = Duration::from_secs(10);
/// How long a stream that is not told to stop is watched for a `tutup` event.
const QUIET: Duration = Duration::from_secs(2);

#[tokio::test]
async fn a_person_holds_a_few_streams_and_the_oldest_past_the_limit_are_told_to_stop() {
    let w = BoardWorld::start().await;
    let post = post_work(&w.teacher_a, w.board_a, "Refleksi", "Isi.").await;
    let mut other_person = LiveStream::open(&w.mentor_a, w.board_a, "", None)
        .await
        .expect("mentor's stream");

    let opened = 3 * MAX_STREAMS_PER_USER;
    let opening: Vec<_> = (0..opened)
        .map(|n| {
            let client = w.teacher_a.clone();
            let board = w.board_a;
            tokio::spawn(async move {
                // Board streams and the navigation's count share one limit.
                if n % 2 == 0 {
                    LiveStream::open(&client, board, "", None).await
                } else {
                    LiveStream::open_at(&client, "/belum-dibaca/aliran", None).await
                }
            })
        })
        .collect();
    let mut streams = Vec::new();
    for task in opening {
        streams.push((task.await.expect("open")).expect("stream opened"));
    }

    let mut told_to_stop = 0;
    let mut still_open = Vec::new();
    for mut stream in streams {
        let mut stopped = false;
        while let Some(event) = stream.next(QUIET).await {
            if event.event == "tutup" {
                stopped = true;
                // Nothing follows: the stream ends.
                assert_eq!(stream.next(QUIET).await, None);
                break;
            }
        }
        if stopped {
            told_to_stop += 1;
        } else {
            still_open.push(stream);
        }
    }
    assert_eq!(told_to_stop, opened - MAX_STREAMS_PER_USER);
    assert_eq!(still_open.len(), MAX_STREAMS_PER_USER);

    // What happens still reaches the streams left open, and the other person's.
    assert_eq!(
        comment(&w.mentor_a, post, "", "", "Bagus sekali.").await,
        200
    );
    for stream in &mut still_open {
        let event = stream
            .next(ARRIVES)
            .await
            .expect("an event after the comment");
        assert_ne!(event.event, "tutup");
    }
    let event = other_person.next(ARRIVES).await.expect("mentor's event");
    assert_eq!(event.event, "papan");
    w.stop().await;
}

#[tokio::test]
async fn viewers_catching_up_share_one_rendering_of_each_missed_event() {
    let w = BoardWorld::start().await;
    let post = post_work(&w.teacher_a, w.board_a, "Refleksi", "Isi.").await;
    let before = app::ssr::boards::views::last_event(&w.server.db, w.board_a)
        .await
        .expect("last event");
    // Nobody watches while these happen: nothing is rendered yet.
    for n in 0..10 {
        let body = format!("Komentar {n}");
        assert_eq!(comment(&w.mentor_a, post, "", "", &body).await, 200);
    }
    let (missed,): (i64,) =
        sqlx::query_as("select count(*) from board_event where board_id = $1 and id > $2")
            .bind(w.board_a)
            .bind(before)
            .fetch_one(&w.server.db)
            .await
            .expect("missed events");
    assert!(missed >= 10);
    let rendered_before = w.server.boards.frames_rendered();
    let since = format!("?sejak={before}");

    // The first viewer back renders the missed events ...
    let mut first = LiveStream::open(&w.teacher_a, w.board_a, &since, None)
        .await
        .expect("stream");
    assert_eq!(first.drain(QUIET).await.len() as i64, missed);
    assert_eq!(
        w.server.boards.frames_rendered() - rendered_before,
        missed as u64
    );
    // ... and the next ones, at once, are sent the same frames without rendering them again.
    let viewers = [&w.mentor_a, &w.mentor_a, &w.admin, &w.admin, &w.teacher_a];
    let catching_up: Vec<_> = viewers
        .iter()
        .map(|client| {
            let client = (*client).clone();
            let (board, since) = (w.board_a, since.clone());
            tokio::spawn(async move {
                let mut stream = LiveStream::open(&client, board, &since, None)
                    .await
                    .expect("stream");
                stream.drain(QUIET).await.len() as i64
            })
        })
        .collect();
    for task in catching_up {
        assert_eq!(task.await.expect("viewer"), missed);
    }
    assert_eq!(
        w.server.boards.frames_rendered() - rendered_before,
        missed as u64,
        "each missed event rendered once"
    );
    w.stop().await;
}
