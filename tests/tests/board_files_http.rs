//! Attachments of work posts over real HTTP (issue #5): what the upload refuses (too large, a
//! type the bytes contradict, a kind not accepted) with the message next to the file field, a
//! path-traversal name stored safely under a generated name, downloads for the board's readers
//! only (guessed ids of another group's files answer 404), removal, and hostile file names.

use pamong_tests::board_support::{post_work, unlimited_world, BoardWorld};
use pamong_tests::harness::{location, Client};
use pamong_tests::xss::{new_findings, payloads};
use std::path::Path;

const PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
const PNG: &[u8] =
    b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";
const EXE: &[u8] = b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0\xb8\0\0\0\0\0\0\0@\0";
const MAX_BYTES: usize = app::ssr::boards::files::MAX_ATTACHMENT_BYTES;

#[derive(Debug, sqlx::FromRow)]
struct Stored {
    id: i64,
    file_name: String,
    stored_name: String,
    content_type: String,
    size_bytes: i64,
}

async fn attachments(w: &BoardWorld, post: i64) -> Vec<Stored> {
    sqlx::query_as(
        "select id, file_name, stored_name, content_type, size_bytes from post_attachment \
         where post_id = $1 order by id",
    )
    .bind(post)
    .fetch_all(&w.server.db)
    .await
    .expect("attachments")
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().to_string())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// Uploads to `post` from its page; returns the status, where it sent the browser, and the page
/// it then shows.
async fn upload(
    client: &Client,
    post: i64,
    name: &str,
    content_type: &str,
    bytes: Vec<u8>,
) -> (u16, String, String) {
    let page = format!("/papan/pos/{post}");
    let response = client
        .upload(
            &format!("{page}/lampiran"),
            &page,
            name,
            content_type,
            bytes,
        )
        .await;
    let status = response.status().as_u16();
    let to = location(&response).unwrap_or_default();
    let shown = if status == 303 {
        client
            .page(to.split('#').next().unwrap_or_default())
            .await
            .1
    } else {
        response.text().await.unwrap_or_default()
    };
    (status, to, shown)
}

/// The text of the file field's error slot on a page.
fn file_error(page: &str) -> String {
    let Some(start) = page.find("data-error-for=\"file\"") else {
        return String::new();
    };
    let rest = &page[start..];
    let open = rest.find('>').map_or(0, |i| i + 1);
    let slot = rest[open..].split("</p>").next().unwrap_or_default();
    // Leptos marks empty text positions with `<!>`.
    slot.replace("<!>", "").trim().to_string()
}

/// A file name as a browser puts it in a multipart form (the HTML standard percent-encodes
/// line breaks and double quotes there).
fn as_browser_sends(name: &str) -> String {
    name.replace('\r', "%0D")
        .replace('\n', "%0A")
        .replace('"', "%22")
}

#[tokio::test]
async fn uploads_are_checked_stored_under_generated_names_and_served_to_readers_only() {
    let w = BoardWorld::start().await;
    let post = post_work(&w.teacher_a, w.board_a, "Modul ajar pecahan", "Isi modul.").await;
    let dir = w.server.data_dir().join("lampiran");

    // A path-traversal name: stored under a generated name, shown by its last segment only.
    let escape_name = format!("pamong-escape-{}.pdf", std::process::id());
    let traversal = format!("../../{escape_name}");
    let (status, to, page) = upload(
        &w.teacher_a,
        post,
        &traversal,
        "application/pdf",
        PDF.to_vec(),
    )
    .await;
    assert_eq!(status, 303, "{page}");
    assert_eq!(to, format!("/papan/pos/{post}#lampiran"));
    assert!(page.contains("Berkas sudah dilampirkan."), "{page}");
    assert!(page.contains(&format!(">{escape_name}</a>")), "{page}");
    let stored = attachments(&w, post).await;
    assert_eq!(stored.len(), 1);
    let first = &stored[0];
    assert_eq!(first.file_name, escape_name);
    assert_eq!(first.content_type, "application/pdf");
    assert_eq!(first.size_bytes, PDF.len() as i64);
    assert!(
        app::ssr::boards::files::is_storage_name(&first.stored_name),
        "{first:?}"
    );
    assert_eq!(files_in(&dir), vec![first.stored_name.clone()]);
    assert_eq!(
        std::fs::read(dir.join(&first.stored_name)).expect("stored file"),
        PDF
    );
    for outside in [
        dir.join(&traversal),
        w.server.data_dir().join(&escape_name),
        std::env::temp_dir().join(&escape_name),
    ] {
        assert!(!outside.exists(), "{} was written", outside.display());
    }

    // The board's readers download it, as an attachment with its type and name.
    let href = format!("/papan/lampiran/{}", first.id);
    for reader in [&w.teacher_a, &w.mentor_a, &w.admin] {
        let response = reader.get(&href).await;
        assert_eq!(response.status(), 200);
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_string()
        };
        assert_eq!(header("content-type"), "application/pdf");
        assert_eq!(header("x-content-type-options"), "nosniff");
        let disposition = header("content-disposition");
        assert!(disposition.starts_with("attachment;"), "{disposition}");
        assert!(disposition.contains(&escape_name), "{disposition}");
        assert_eq!(response.bytes().await.expect("body").as_ref(), PDF);
    }

    // Another group's teacher and mentor get the 404 of a file that does not exist, whichever
    // id they guess; a visitor is sent to sign in.
    for outsider in [&w.teacher_b, &w.mentor_b] {
        for guess in [first.id, first.id + 1, 0, 999_999] {
            let response = outsider.get(&format!("/papan/lampiran/{guess}")).await;
            assert_eq!(response.status(), 404, "guess {guess}");
            let body = response.bytes().await.expect("body");
            assert!(
                !body.windows(8).any(|w| w == &PDF[..8]),
                "file bytes leaked"
            );
        }
        let (status, _, _) = upload(outsider, post, "x.pdf", "application/pdf", PDF.to_vec()).await;
        assert_eq!(status, 404, "an outsider cannot upload to the post");
        let removed = outsider
            .post_to(&format!("{href}/hapus"), "/papan", "text/html", &[])
            .await;
        assert_eq!(removed.status(), 404);
    }
    let visitor = w.server.new_client();
    let response = visitor.get(&href).await;
    assert_eq!(response.status(), 303);
    assert!(location(&response)
        .unwrap_or_default()
        .starts_with("/masuk?next="));
    // The group's mentor reads it but does not add files to the teacher's work.
    let (status, _, _) = upload(&w.mentor_a, post, "x.pdf", "application/pdf", PDF.to_vec()).await;
    assert_eq!(status, 403);

    // Refusals come back with the message next to the file field and keep nothing.
    let mut too_large = PDF.to_vec();
    too_large.resize(MAX_BYTES + 1, b' ');
    let refusals = [
        (
            "besar.pdf",
            "application/pdf",
            too_large,
            "Berkas terlalu besar.",
        ),
        (
            "modul.pdf",
            "application/pdf",
            PNG.to_vec(),
            "Isi berkas tidak sesuai",
        ),
        (
            "foto.png",
            "application/pdf",
            PNG.to_vec(),
            "Isi berkas tidak sesuai",
        ),
        (
            "aplikasi.exe",
            "application/octet-stream",
            EXE.to_vec(),
            "Jenis berkas ini tidak diterima.",
        ),
        ("kosong.pdf", "application/pdf", Vec::new(), "Pilih berkas"),
    ];
    for (name, kind, bytes, message) in refusals {
        let (status, to, page) = upload(&w.teacher_a, post, name, kind, bytes).await;
        assert_eq!(status, 303, "{name}");
        assert_eq!(to, format!("/papan/pos/{post}#lampiran"), "{name}");
        let error = file_error(&page);
        assert!(error.contains(message), "{name}: error slot {error:?}");
    }
    assert_eq!(attachments(&w, post).await.len(), 1);
    assert_eq!(files_in(&dir).len(), 1);

    // Exactly at the cap is accepted.
    let mut at_cap = PDF.to_vec();
    at_cap.resize(MAX_BYTES, b' ');
    let (status, _, page) =
        upload(&w.teacher_a, post, "tepat.pdf", "application/pdf", at_cap).await;
    assert_eq!(status, 303);
    assert!(file_error(&page).is_empty(), "{}", file_error(&page));
    let stored = attachments(&w, post).await;
    assert_eq!(stored.len(), 2);

    // The author removes a file of the current revision: row and bytes are gone.
    let second = &stored[1];
    let removed = w
        .teacher_a
        .post_to(
            &format!("/papan/lampiran/{}/hapus", second.id),
            &format!("/papan/pos/{post}"),
            "text/html",
            &[],
        )
        .await;
    assert_eq!(removed.status(), 303);
    assert_eq!(attachments(&w, post).await.len(), 1);
    assert!(!dir.join(&second.stored_name).exists());

    // After a revision, the first revision's file stays (and cannot be removed).
    let revised = w
        .teacher_a
        .call(
            "revise_post",
            &[
                ("post_id", &post.to_string()),
                ("title", "Modul ajar pecahan (perbaikan)"),
                ("body", "Isi modul yang diperbaiki."),
            ],
        )
        .await;
    assert_eq!(revised.status(), 200);
    let (_, page) = w.teacher_a.page(&format!("/papan/pos/{post}")).await;
    assert!(
        page.contains(&escape_name),
        "the file carries over to revision 2"
    );
    let refused = w
        .teacher_a
        .post_to(
            &format!("{href}/hapus"),
            &format!("/papan/pos/{post}"),
            "text/html",
            &[],
        )
        .await;
    assert_eq!(refused.status(), 303);
    let (_, page) = w.teacher_a.page(&format!("/papan/pos/{post}")).await;
    assert!(
        file_error(&page).contains("versi sebelumnya"),
        "{}",
        file_error(&page)
    );
    assert_eq!(attachments(&w, post).await.len(), 1);

    // Once approved, the work's files no longer change.
    let approved = w
        .mentor_a
        .call(
            "set_post_status",
            &[("post_id", &post.to_string()), ("status", "approved")],
        )
        .await;
    assert_eq!(approved.status(), 200);
    let (status, _, page) = upload(
        &w.teacher_a,
        post,
        "lagi.pdf",
        "application/pdf",
        PDF.to_vec(),
    )
    .await;
    assert_eq!(status, 303);
    assert!(
        file_error(&page).contains("sudah disetujui"),
        "{}",
        file_error(&page)
    );
    assert_eq!(attachments(&w, post).await.len(), 1);
    w.stop().await;
}

#[tokio::test]
async fn hostile_file_names_stay_inert() {
    // A hundred uploads in a minute: far past the rate limits, which are not tested here.
    let w = unlimited_world().await;
    let baseline_post = post_work(&w.teacher_a, w.board_a, "Berkas", "Lampiran biasa.").await;
    let (status, _, _) = upload(
        &w.teacher_a,
        baseline_post,
        "biasa.txt",
        "text/plain",
        b"teks".to_vec(),
    )
    .await;
    assert_eq!(status, 303);
    let (_, baseline) = w
        .teacher_a
        .page(&format!("/papan/pos/{baseline_post}"))
        .await;

    let payloads = payloads();
    let per_post = app::ssr::boards::files::MAX_ATTACHMENTS_PER_POST as usize;
    let mut problems = Vec::new();
    for (n, chunk) in payloads.chunks(per_post).enumerate() {
        let post = post_work(&w.teacher_a, w.board_a, &format!("Berkas {n}"), "Lampiran.").await;
        for payload in chunk {
            let name = as_browser_sends(&format!("{payload}.txt"));
            let (status, _, _) =
                upload(&w.teacher_a, post, &name, "text/plain", b"catatan".to_vec()).await;
            assert_eq!(status, 303, "upload named {name:?}");
        }
        for reader in [&w.teacher_a, &w.mentor_a] {
            let (status, page) = reader.page(&format!("/papan/pos/{post}")).await;
            assert_eq!(status, 200);
            for finding in new_findings(&baseline, &page) {
                problems.push(format!("post {post}: {}", finding.what));
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
    // Every name came back as a download header the browser accepts.
    let stored: Vec<(i64,)> = sqlx::query_as("select id from post_attachment order by id")
        .fetch_all(&w.server.db)
        .await
        .expect("ids");
    assert!(stored.len() > payloads.len());
    for (id,) in stored.iter().step_by(7) {
        let response = w.mentor_a.get(&format!("/papan/lampiran/{id}")).await;
        assert_eq!(response.status(), 200, "attachment {id}");
        let disposition = response
            .headers()
            .get("content-disposition")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string();
        assert!(disposition.starts_with("attachment;"), "{disposition}");
    }
    w.stop().await;
}

/// Issue #22: uploads live in the storage every process shares, so a file uploaded through one
/// process downloads (ranges included) and is removed through another.
#[tokio::test]
async fn a_file_uploaded_through_one_process_is_served_and_removed_by_another() {
    let w = BoardWorld::start().await;
    let second = w.server.second_process().await;
    let post = post_work(&w.teacher_a, w.board_a, "Modul lintas proses", "Isi modul.").await;
    let (status, _, page) = upload(
        &w.teacher_a,
        post,
        "modul.pdf",
        "application/pdf",
        PDF.to_vec(),
    )
    .await;
    assert_eq!(status, 303, "{page}");
    let stored = attachments(&w, post).await;
    assert_eq!(stored.len(), 1);
    let id = stored[0].id;

    let mentor_there = second.client_like(&w.mentor_a);
    let whole = mentor_there.get(&format!("/papan/lampiran/{id}")).await;
    assert_eq!(whole.status(), 200);
    assert_eq!(whole.bytes().await.expect("body").as_ref(), PDF);
    let tail = mentor_there
        .http
        .get(format!("{}/papan/lampiran/{id}", second.url))
        .header("range", "bytes=9-")
        .send()
        .await
        .expect("range");
    assert_eq!(tail.status(), 206);
    assert_eq!(tail.bytes().await.expect("body").as_ref(), &PDF[9..]);

    // The author removes it through the second process; the first no longer serves it.
    let author_there = second.client_like(&w.teacher_a);
    let removed = author_there
        .post_to(
            &format!("/papan/lampiran/{id}/hapus"),
            &format!("/papan/pos/{post}"),
            "text/html",
            &[],
        )
        .await;
    assert_eq!(removed.status(), 303);
    assert!(files_in(&w.server.data_dir().join("lampiran")).is_empty());
    assert_eq!(
        w.mentor_a
            .get(&format!("/papan/lampiran/{id}"))
            .await
            .status(),
        404
    );
    second.stop().await;
    w.server.stop().await;
}
