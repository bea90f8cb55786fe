//! Bounds on the mentoring boards over real HTTP (issue #16): a long thread comes a page at a time
//! and stays far below the page limit; a mentor hides a comment for everyone (pages, live events,
//! the JSON a page reads) while the database keeps it; rate limits on comments, posts and uploads
//! hold when the requests come at the same instant; storage quotas per user and per cohort hold
//! under simultaneous uploads; images in Markdown load only from the site's own attachments.

use pamong_tests::board_support::{comment, post_work, BoardWorld, LiveStream};
use pamong_tests::harness::{location, Client, Options};
use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Long enough for a debug build on a loaded machine; a delivered event takes milliseconds.
const ARRIVES: Duration = Duration::from_secs(10);

/// The largest post page we accept, whatever the thread: a quarter of the server's 8 MiB limit.
const PAGE_BUDGET: usize = 2 * 1024 * 1024;

const PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

/// Runs every future at the same instant (each waits at a barrier first); returns their outputs.
async fn all_at_once<F, T>(futures: Vec<F>) -> Vec<T>
where
    F: Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    let barrier = Arc::new(tokio::sync::Barrier::new(futures.len()));
    let mut set = tokio::task::JoinSet::new();
    for (n, future) in futures.into_iter().enumerate() {
        let barrier = barrier.clone();
        set.spawn(async move {
            barrier.wait().await;
            (n, future.await)
        });
    }
    let mut out = Vec::new();
    while let Some(done) = set.join_next().await {
        out.push(done.expect("task"));
    }
    out.sort_by_key(|(n, _)| *n);
    out.into_iter().map(|(_, value)| value).collect()
}

async fn user_id(w: &BoardWorld, email: &str) -> i64 {
    sqlx::query_scalar("select id from app_user where email = $1")
        .bind(email)
        .fetch_one(&w.server.db)
        .await
        .expect("user")
}

async fn newest_comment(w: &BoardWorld) -> i64 {
    sqlx::query_scalar("select max(id) from post_comment")
        .fetch_one(&w.server.db)
        .await
        .expect("newest comment")
}

/// A comment of the longest length allowed (10,000 characters) that renders as large as
/// Markdown gets: a link and an escaped character every 7 characters, about 8 bytes of HTML per
/// character. It starts with `komentar-NNNN`. Two hundred of them make about 16 MB of HTML.
fn long_comment(n: usize) -> String {
    let mut text = format!("komentar-{n:04} ");
    let filler = "[a](b)&";
    while text.chars().count() < 10_000 {
        text.push_str(filler);
    }
    text.chars().take(10_000).collect()
}

/// The markers `komentar-NNNN` a page shows.
fn markers(page: &str) -> Vec<usize> {
    page.match_indices("komentar-")
        .filter_map(|(at, m)| {
            let digits = &page[at + m.len()..];
            let digits = digits.get(..4)?;
            (digits.bytes().all(|b| b.is_ascii_digit())
                && page[at + m.len() + 4..].starts_with(' '))
            .then(|| digits.parse().ok())
            .flatten()
        })
        .collect()
}

#[tokio::test]
async fn a_long_thread_comes_a_page_at_a_time_far_below_the_page_limit() {
    let w = BoardWorld::start_with(Options {
        configure: Some(|c| {
            c.board_comments_per_minute = 0;
            c.board_comments_per_hour = 0;
        }),
        ..Options::default()
    })
    .await;
    let post = post_work(&w.teacher_a, w.board_a, "Refleksi panjang", "Isi refleksi.").await;
    for n in 1..=200 {
        let status = comment(&w.teacher_a, post, "", "", &long_comment(n)).await;
        assert_eq!(status, 200, "comment {n}");
    }
    let first: i64 = sqlx::query_scalar("select min(id) from post_comment where post_id = $1")
        .bind(post)
        .fetch_one(&w.server.db)
        .await
        .expect("first comment");
    // The mentor answers the very first comment, which is far back in the thread.
    assert_eq!(
        comment(
            &w.mentor_a,
            post,
            &first.to_string(),
            "",
            "Jawaban untuk komentar pertama."
        )
        .await,
        200
    );
    let path = format!("/papan/pos/{post}");

    // The newest page: the newest comments, the reply saying whom it answers, a link further back.
    let started = Instant::now();
    let (status, page) = w.teacher_a.page(&path).await;
    let took = started.elapsed();
    assert_eq!(status, 200, "the post page answers: {} bytes", page.len());
    assert!(
        page.len() < PAGE_BUDGET,
        "the newest page is {} bytes, over {PAGE_BUDGET}",
        page.len()
    );
    println!(
        "post page with 201 long comments: {} bytes in {took:?}",
        page.len()
    );
    let shown = markers(&page);
    assert!(shown.contains(&200) && !shown.contains(&1), "{shown:?}");
    assert!(page.contains("Jawaban untuk komentar pertama."));
    assert!(
        page.contains("membalas guru.a"),
        "the reply says whom it answers"
    );
    assert!(
        page.contains(&format!("href=\"{path}?komentar=2#komentar\"")),
        "a link to older comments"
    );

    // Following the links back reaches the first comment; every comment is on exactly one page.
    let mut seen = shown.clone();
    let mut n = 2;
    loop {
        let (status, older) = w.teacher_a.page(&format!("{path}?komentar={n}")).await;
        assert_eq!(status, 200, "page {n}");
        assert!(older.len() < PAGE_BUDGET, "page {n}: {} bytes", older.len());
        seen.extend(markers(&older));
        if !older.contains(&format!("?komentar={}#komentar", n + 1)) {
            assert!(
                markers(&older).contains(&1),
                "the last page shows the first comment"
            );
            break;
        }
        n += 1;
        assert!(n < 50, "the pages never end");
    }
    seen.sort();
    assert_eq!(seen, (1..=200).collect::<Vec<_>>(), "each comment once");

    // Answering a comment of an older page from its link: the form knows whom it answers.
    let (_, aimed) = w.teacher_a.page(&format!("{path}?balas={first}")).await;
    assert!(
        aimed.contains("Membalas komentar guru.a."),
        "the form aims at the first comment"
    );
    w.stop().await;
}

#[tokio::test]
async fn a_mentor_hides_a_comment_for_everyone_and_the_database_keeps_it() {
    let w = BoardWorld::start().await;
    let post = post_work(
        &w.teacher_a,
        w.board_a,
        "Refleksi minggu 2",
        "Isi refleksi.",
    )
    .await;
    let path = format!("/papan/pos/{post}");
    let before = app::ssr::boards::views::last_event(&w.server.db, w.board_a)
        .await
        .expect("last event");
    let secret = "Nomor rekening saya RAHASIA-4242";
    assert_eq!(comment(&w.teacher_a, post, "", "", secret).await, 200);
    let hidden_id = newest_comment(&w).await;
    let id = hidden_id.to_string();
    assert_eq!(
        comment(
            &w.mentor_a,
            post,
            &id,
            "",
            "Jangan bagikan data pribadi di sini."
        )
        .await,
        200
    );
    let after = app::ssr::boards::views::last_event(&w.server.db, w.board_a)
        .await
        .expect("last event");
    let mut stream = LiveStream::open(&w.teacher_a, w.board_a, &format!("?sejak={after}"), None)
        .await
        .expect("stream");

    // Only a moderator of the board hides: the author may not, other groups do not see it.
    let form = [("comment_id", id.as_str()), ("comment_page", "1")];
    assert_eq!(w.teacher_a.call("hide_comment", &form).await.status(), 403);
    assert_eq!(w.teacher_b.call("hide_comment", &form).await.status(), 404);
    assert_eq!(w.mentor_b.call("hide_comment", &form).await.status(), 404);
    let guess = [("comment_id", "999999"), ("comment_page", "1")];
    assert_eq!(w.mentor_a.call("hide_comment", &guess).await.status(), 404);
    let (_, page) = w.teacher_a.page(&path).await;
    assert!(page.contains("RAHASIA-4242"), "nothing was hidden yet");
    assert!(
        !page.contains("/api/hide_comment"),
        "a participant has no hide button"
    );

    // The mentor hides it with JavaScript off: a plain form on the page, back to the comment.
    let (_, mentor_page) = w.mentor_a.page(&path).await;
    assert!(mentor_page.contains("action=\"/api/hide_comment\""));
    let hidden = w.mentor_a.submit(&path, "hide_comment", &form).await;
    assert_eq!(hidden.status(), 302);
    assert_eq!(
        location(&hidden).as_deref(),
        Some(format!("{path}#k-{hidden_id}").as_str())
    );

    // The live viewer gets the placeholder in place of the text, and never the text.
    let event = stream.next(ARRIVES).await.expect("the hiding arrives live");
    assert!(
        event.data.contains("Komentar disembunyikan oleh mentor."),
        "{}",
        event.data
    );
    assert!(event.data.contains(&format!("k-{hidden_id}-isi")));
    assert!(!event.data.contains("RAHASIA"), "{}", event.data);

    // Every page shows the placeholder; the answer under it stays.
    for (who, client) in [
        ("author", &w.teacher_a),
        ("mentor", &w.mentor_a),
        ("admin", &w.admin),
    ] {
        let (status, page) = client.page(&path).await;
        assert_eq!(status, 200, "{who}");
        assert!(!page.contains("RAHASIA"), "{who} sees the text");
        assert!(
            page.contains("Komentar disembunyikan oleh mentor."),
            "{who}"
        );
        assert!(
            page.contains("Jangan bagikan data pribadi di sini."),
            "{who}"
        );
    }
    // Nor does the JSON the page reads, or a viewer catching up from before the comment.
    let json = w
        .teacher_a
        .call("post_page", &[("post_id", post.to_string().as_str())])
        .await
        .text()
        .await
        .unwrap_or_default();
    assert!(json.contains("Jangan bagikan"), "{json}");
    assert!(!json.contains("RAHASIA"), "{json}");
    let mut catch_up = LiveStream::open(&w.teacher_a, w.board_a, &format!("?sejak={before}"), None)
        .await
        .expect("stream");
    let missed = catch_up.drain(Duration::from_secs(2)).await;
    assert!(missed.len() >= 3, "{missed:?}");
    assert!(
        missed.iter().all(|e| !e.data.contains("RAHASIA")),
        "{missed:?}"
    );

    // The database keeps the text, who hid it and when, and one event.
    let mentor = user_id(&w, "mentor.a@bpsdm.go.id").await;
    let (body, by, at): (String, Option<i64>, Option<i64>) = sqlx::query_as(
        "select body_markdown, hidden_by, hidden_at from post_comment where id = $1",
    )
    .bind(hidden_id)
    .fetch_one(&w.server.db)
    .await
    .expect("hidden comment");
    assert_eq!(body, secret);
    assert_eq!(by, Some(mentor));
    assert!(at.is_some());
    // Hiding it again changes nothing.
    assert_eq!(w.mentor_a.call("hide_comment", &form).await.status(), 200);
    let events: i64 =
        sqlx::query_scalar("select count(*) from board_event where kind = 'comment_hidden'")
            .fetch_one(&w.server.db)
            .await
            .expect("events");
    assert_eq!(events, 1);

    // An admin in the cohort's scope moderates too.
    let answer = newest_comment(&w).await.to_string();
    let by_admin = w
        .admin
        .call(
            "hide_comment",
            &[("comment_id", answer.as_str()), ("comment_page", "1")],
        )
        .await;
    assert_eq!(by_admin.status(), 200);
    let (_, page) = w.teacher_a.page(&path).await;
    assert!(!page.contains("Jangan bagikan"));
    w.stop().await;
}

/// Comments on `post` as `client`, as the hydrated form does.
async fn comment_call(client: Client, post: i64, body: String) -> reqwest::Response {
    client
        .call(
            "add_comment",
            &[
                ("post_id", post.to_string().as_str()),
                ("parent_id", ""),
                ("anchor", ""),
                ("body", body.as_str()),
            ],
        )
        .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_comments_at_once_stop_at_the_rate_limit() {
    let w = BoardWorld::start_with(Options {
        configure: Some(|c| {
            c.board_comments_per_minute = 10;
            c.board_comments_per_hour = 1000;
        }),
        ..Options::default()
    })
    .await;
    let post = post_work(&w.teacher_a, w.board_a, "Modul ajar", "Isi modul.").await;
    // Half of them go to a second server process on the same database (its default limit is the
    // same 10 a minute): the count is the database's, not a process's.
    let second = w.server.second_process().await;
    let teacher_there = second.client_like(&w.teacher_a);
    let started = Instant::now();
    let calls = (0..50)
        .map(|n| {
            let client = if n % 2 == 0 {
                w.teacher_a.clone()
            } else {
                teacher_there.clone()
            };
            comment_call(client, post, format!("Komentar serentak {n}"))
        })
        .collect();
    let responses = all_at_once(calls).await;
    second.stop().await;
    let within_a_minute = started.elapsed() < Duration::from_secs(55);
    let mut accepted = 0;
    for response in responses {
        match response.status().as_u16() {
            200 => accepted += 1,
            429 => {
                let wait: u64 = response
                    .headers()
                    .get("retry-after")
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.parse().ok())
                    .expect("Retry-After");
                assert!((1..=60).contains(&wait), "Retry-After {wait}");
                let text = response.text().await.unwrap_or_default();
                assert!(text.contains("terlalu banyak komentar"), "{text}");
            }
            other => panic!(
                "status {other}: {}",
                response.text().await.unwrap_or_default()
            ),
        }
    }
    let stored: i64 = sqlx::query_scalar("select count(*) from post_comment where post_id = $1")
        .bind(post)
        .fetch_one(&w.server.db)
        .await
        .expect("count");
    assert!(accepted <= 10, "{accepted} of 50 accepted");
    assert_eq!(stored, accepted);
    if within_a_minute {
        assert_eq!(accepted, 10, "every place of the minute is used");
    }

    // With JavaScript off the message comes back next to the form, and the page answers 429.
    let path = format!("/papan/pos/{post}");
    let refused = w
        .teacher_a
        .submit(
            &path,
            "add_comment",
            &[
                ("post_id", post.to_string().as_str()),
                ("parent_id", ""),
                ("anchor", ""),
                ("body", "Satu lagi"),
            ],
        )
        .await;
    assert_eq!(refused.status(), 303);
    let (status, page) = w.teacher_a.page(&path).await;
    assert_eq!(status, 429);
    assert!(page.contains("Anda mengirim terlalu banyak komentar dalam waktu singkat."));

    // Another user is not held back, and a minute later the teacher may write again.
    assert_eq!(
        comment(&w.mentor_a, post, "", "", "Tanggapan mentor").await,
        200
    );
    w.server.clock.advance(61);
    assert_eq!(
        comment(&w.teacher_a, post, "", "", "Semenit kemudian").await,
        200
    );
    w.stop().await;
}

/// Uploads `bytes` as `name` to `post` from its page; returns the status and the page shown after.
async fn upload(client: Client, post: i64, name: String, bytes: Vec<u8>) -> (u16, String) {
    let page = format!("/papan/pos/{post}");
    let response = client
        .upload(
            &format!("{page}/lampiran"),
            &page,
            &name,
            "application/pdf",
            bytes,
        )
        .await;
    let status = response.status().as_u16();
    let to = location(&response).unwrap_or_default();
    (status, to)
}

/// The text of the file field's error slot on a page.
fn file_error(page: &str) -> String {
    let Some(start) = page.find("data-error-for=\"file\"") else {
        return String::new();
    };
    let rest = &page[start..];
    let open = rest.find('>').map_or(0, |i| i + 1);
    rest[open..]
        .split("</p>")
        .next()
        .unwrap_or_default()
        .replace("<!>", "")
        .trim()
        .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn posts_and_uploads_at_once_stop_at_their_rate_limits() {
    let w = BoardWorld::start_with(Options {
        configure: Some(|c| {
            c.board_posts_per_minute = 3;
            c.board_posts_per_hour = 100;
            c.board_uploads_per_minute = 4;
            c.board_uploads_per_hour = 100;
        }),
        ..Options::default()
    })
    .await;
    let started = Instant::now();
    let posts = (0..12)
        .map(|n| {
            let client = w.teacher_a.clone();
            let board = w.board_a.to_string();
            async move {
                client
                    .call(
                        "create_post",
                        &[
                            ("board_id", board.as_str()),
                            ("kind", "refleksi"),
                            ("title", format!("Karya {n}").as_str()),
                            ("body", "Isi."),
                        ],
                    )
                    .await
                    .status()
                    .as_u16()
            }
        })
        .collect();
    let statuses = all_at_once(posts).await;
    let accepted = statuses.iter().filter(|s| **s == 200).count();
    assert!(
        statuses.iter().all(|s| *s == 200 || *s == 429),
        "{statuses:?}"
    );
    assert!(accepted <= 3, "{statuses:?}");
    if started.elapsed() < Duration::from_secs(55) {
        assert_eq!(
            accepted, 3,
            "every place of the minute is used: {statuses:?}"
        );
    }
    let stored: i64 = sqlx::query_scalar("select count(*) from work_post where board_id = $1")
        .bind(w.board_a)
        .fetch_one(&w.server.db)
        .await
        .expect("posts");
    assert_eq!(stored as usize, accepted);
    let post: i64 = sqlx::query_scalar("select min(id) from work_post where board_id = $1")
        .bind(w.board_a)
        .fetch_one(&w.server.db)
        .await
        .expect("a post");

    let uploads = (0..10)
        .map(|n| {
            upload(
                w.teacher_a.clone(),
                post,
                format!("modul-{n}.pdf"),
                PDF.to_vec(),
            )
        })
        .collect();
    let started = Instant::now();
    let answers = all_at_once(uploads).await;
    assert!(
        answers.iter().all(|(status, _)| *status == 303),
        "{answers:?}"
    );
    let kept: i64 = sqlx::query_scalar("select count(*) from post_attachment where post_id = $1")
        .bind(post)
        .fetch_one(&w.server.db)
        .await
        .expect("attachments");
    assert!(kept <= 4, "{kept} of 10 uploads kept");
    if started.elapsed() < Duration::from_secs(55) {
        assert_eq!(kept, 4, "every place of the minute is used");
    }
    // A refused upload goes back with when to try again, the message next to the file field,
    // and its page answers 429.
    let page = format!("/papan/pos/{post}");
    let refused = w
        .teacher_a
        .upload(
            &format!("{page}/lampiran"),
            &page,
            "lagi.pdf",
            "application/pdf",
            PDF.to_vec(),
        )
        .await;
    assert_eq!(refused.status(), 303);
    let wait: u64 = refused
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .expect("Retry-After");
    assert!((1..=60).contains(&wait), "Retry-After {wait}");
    let (status, page) = w.teacher_a.page(&format!("/papan/pos/{post}")).await;
    assert_eq!(status, 429);
    assert!(
        file_error(&page).contains("Anda mengunggah terlalu banyak berkas"),
        "{}",
        file_error(&page)
    );
    w.stop().await;
}

/// A PDF of exactly `bytes` bytes.
fn pdf_of(bytes: usize) -> Vec<u8> {
    let mut file = PDF.to_vec();
    file.resize(bytes, b' ');
    file
}

/// Bytes of attachments on posts of `cohort`, and of those `user` uploaded.
async fn stored_bytes(w: &BoardWorld, user: i64) -> (i64, i64) {
    let all: Option<i64> = sqlx::query_scalar(
        "select cast(sum(a.size_bytes) as bigint) from post_attachment a \
         join work_post p on p.id = a.post_id join board b on b.id = p.board_id \
         where b.cohort_id = $1",
    )
    .bind(w.cohort)
    .fetch_one(&w.server.db)
    .await
    .expect("cohort bytes");
    let mine: Option<i64> = sqlx::query_scalar(
        "select cast(sum(size_bytes) as bigint) from post_attachment where created_by = $1",
    )
    .bind(user)
    .fetch_one(&w.server.db)
    .await
    .expect("user bytes");
    (all.unwrap_or(0), mine.unwrap_or(0))
}

/// Bytes of the files in the attachment directory (no partly written file left behind).
fn bytes_on_disk(w: &BoardWorld) -> u64 {
    std::fs::read_dir(w.server.data_dir().join("lampiran"))
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .map(|e| {
                    let name = e.file_name().to_string_lossy().to_string();
                    assert!(!name.ends_with(".part"), "a partial file: {name}");
                    e.metadata().map(|m| m.len()).unwrap_or(0)
                })
                .sum()
        })
        .unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn simultaneous_uploads_never_pass_the_storage_quotas() {
    const MIB: i64 = 1024 * 1024;
    const FILE: usize = 300 * 1024;
    let w = BoardWorld::start_with(Options {
        configure: Some(|c| {
            c.storage_per_user_mb = 1;
            c.storage_per_cohort_mb = 2;
            c.board_uploads_per_minute = 0;
            c.board_uploads_per_hour = 0;
        }),
        ..Options::default()
    })
    .await;
    let teacher = w.teacher_a_id.0;
    let first = post_work(&w.teacher_a, w.board_a, "Modul 1", "Isi.").await;
    let second = post_work(&w.teacher_a, w.board_a, "Modul 2", "Isi.").await;

    // Twelve files of 300 KiB at once against a 1 MiB quota: three fit.
    let uploads = (0..12)
        .map(|n| {
            let post = if n % 2 == 0 { first } else { second };
            upload(
                w.teacher_a.clone(),
                post,
                format!("modul-{n}.pdf"),
                pdf_of(FILE),
            )
        })
        .collect();
    let answers = all_at_once(uploads).await;
    assert!(
        answers.iter().all(|(status, _)| *status == 303),
        "{answers:?}"
    );
    let (_, mine) = stored_bytes(&w, teacher).await;
    assert!(mine <= MIB, "{mine} bytes stored for a 1 MiB quota");
    assert_eq!(mine, 3 * FILE as i64, "as many as fit are kept");
    assert_eq!(bytes_on_disk(&w), mine as u64);
    // The refusal says so next to the file field.
    let (status, _) = upload(w.teacher_a.clone(), first, "lagi.pdf".into(), pdf_of(FILE)).await;
    assert_eq!(status, 303);
    let (status, page) = w.teacher_a.page(&format!("/papan/pos/{first}")).await;
    assert_eq!(status, 400);
    assert!(
        file_error(&page).contains("Ruang lampiran Anda sudah terpakai"),
        "{}",
        file_error(&page)
    );

    // Removing a file gives its bytes back: another one fits.
    let removable: i64 =
        sqlx::query_scalar("select min(id) from post_attachment where created_by = $1")
            .bind(teacher)
            .fetch_one(&w.server.db)
            .await
            .expect("an attachment");
    let removed = w
        .teacher_a
        .post_to(
            &format!("/papan/lampiran/{removable}/hapus"),
            &format!("/papan/pos/{first}"),
            "text/html",
            &[],
        )
        .await;
    assert_eq!(removed.status(), 303);
    let (status, to) = upload(w.teacher_a.clone(), first, "ganti.pdf".into(), pdf_of(FILE)).await;
    assert_eq!(status, 303, "{to}");
    let (_, page) = w.teacher_a.page(&format!("/papan/pos/{first}")).await;
    assert!(file_error(&page).is_empty(), "{}", file_error(&page));
    assert_eq!(stored_bytes(&w, teacher).await.1, 3 * FILE as i64);

    // The cohort's 2 MiB: two more teachers upload at once; the cohort never passes its quota.
    let (all_before, _) = stored_bytes(&w, teacher).await;
    let other_a = w.teacher_in(w.board_a, "guru.c@sekolah.id").await;
    let post_c = post_work(&other_a, w.board_a, "Modul C", "Isi.").await;
    let post_b = post_work(&w.teacher_b, w.board_b, "Modul B", "Isi.").await;
    let uploads = (0..12)
        .map(|n| {
            let (client, post) = if n % 2 == 0 {
                (other_a.clone(), post_c)
            } else {
                (w.teacher_b.clone(), post_b)
            };
            upload(client, post, format!("berkas-{n}.pdf"), pdf_of(FILE))
        })
        .collect();
    let answers = all_at_once(uploads).await;
    assert!(
        answers.iter().all(|(status, _)| *status == 303),
        "{answers:?}"
    );
    let (all, _) = stored_bytes(&w, teacher).await;
    assert!(all <= 2 * MIB, "{all} bytes in a cohort with a 2 MiB quota");
    let room = (2 * MIB - all_before) / FILE as i64;
    assert_eq!(
        all,
        all_before + room * FILE as i64,
        "as many as fit are kept"
    );
    assert_eq!(bytes_on_disk(&w), all as u64);
    let (status, _) = upload(other_a.clone(), post_c, "lagi.pdf".into(), pdf_of(FILE)).await;
    assert_eq!(status, 303);
    let (_, page) = other_a.page(&format!("/papan/pos/{post_c}")).await;
    let error = file_error(&page);
    assert!(
        error.contains("angkatan ini sudah penuh") || error.contains("Ruang lampiran Anda"),
        "{error}"
    );
    w.stop().await;
}

#[tokio::test]
async fn markdown_images_load_only_from_the_sites_own_attachments() {
    let w = BoardWorld::start().await;
    let body = "Lihat gambar:\n\n![piksel](https://tracker.example/p.png)\n\n\
                ![modul](/papan/lampiran/1)\n\n![](//tracker.example/q.png)";
    let post = post_work(&w.teacher_a, w.board_a, "Media ajar", body).await;
    let stored: String =
        sqlx::query_scalar("select body_html from post_revision where post_id = $1")
            .bind(post)
            .fetch_one(&w.server.db)
            .await
            .expect("revision");
    assert!(!stored.contains("<img src=\"https://tracker"), "{stored}");
    assert!(!stored.contains("<img src=\"//tracker"), "{stored}");
    assert!(
        stored.contains("<a href=\"https://tracker.example/p.png\""),
        "another host's image becomes a link: {stored}"
    );
    assert!(
        stored.contains("<img src=\"/papan/lampiran/1\" alt=\"modul\">"),
        "our own attachment stays an image: {stored}"
    );
    assert_eq!(
        comment(
            &w.mentor_a,
            post,
            "",
            "",
            "Bagus ![jejak](https://tracker.example/c.gif)"
        )
        .await,
        200
    );
    let stored: String =
        sqlx::query_scalar("select body_html from post_comment where post_id = $1")
            .bind(post)
            .fetch_one(&w.server.db)
            .await
            .expect("comment");
    assert!(!stored.contains("<img"), "{stored}");
    let (_, page) = w.teacher_a.page(&format!("/papan/pos/{post}")).await;
    assert!(!page.contains("<img src=\"https://tracker"), "{page}");
    assert!(!page.contains("<img src=\"//tracker"), "{page}");
    w.stop().await;
}
