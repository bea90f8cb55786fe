//! Learning materials over real HTTP (issue #19): units locked until the one before is done, the
//! program prerequisite, who may read and who may author, pictures made small for phones with
//! their originals kept byte for byte, data-saving mode, the unit page's weight budget, revisions
//! and previews, and the offline pack.

use app::model::ErrorKind;
use app::model::Role;
use pamong_tests::board_support::signed_in;
use pamong_tests::coaching_support::{field_error, textareas};
use pamong_tests::harness::{error_of, location, Client, TestServer};
use pamong_tests::materials_support::{
    create_module, create_unit, institution, mark_done, noisy_photo, number_after, post_unit,
    save_unit, user_id, MaterialsWorld,
};
use pamong_tests::xss::{findings, new_findings, payloads};
use pamong_tests::{fixtures, registration_support};

/// Unit `unit`'s page as `client` sees it, with `Save-Data: on` when `save_data`.
async fn unit_page(client: &Client, unit: i64, save_data: bool) -> (u16, String) {
    let mut request = client
        .http
        .get(client.url(&format!("/peserta/materi/{unit}")));
    if save_data {
        request = request.header("Save-Data", "on");
    }
    let response = request.send().await.expect("GET unit");
    let status = response.status().as_u16();
    (status, response.text().await.unwrap_or_default())
}

/// A small PNG picture of `width` × `height`.
fn small_png(width: u32, height: u32) -> Vec<u8> {
    let picture = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 120])
    });
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(picture)
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .expect("png");
    out
}

/// Uploads a picture (or an attachment) to `unit` as `author`; the response.
async fn upload(
    author: &Client,
    unit: i64,
    picture: bool,
    name: &str,
    kind: &str,
    bytes: Vec<u8>,
) -> reqwest::Response {
    let route = if picture { "gambar" } else { "lampiran" };
    author
        .upload(
            &format!("/materi/unit/{unit}/{route}"),
            &format!("/materi/unit/{unit}/ubah"),
            name,
            kind,
            bytes,
        )
        .await
}

/// The latest file row of `unit`: id, size, resized size, width, height, resized storage name.
async fn last_file(
    server: &TestServer,
    unit: i64,
) -> Option<(
    i64,
    i64,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<String>,
)> {
    sqlx::query_as(
        "select id, size_bytes, small_bytes, width, height, small_name from material_file \
         where unit_id = $1 order by id desc limit 1",
    )
    .bind(unit)
    .fetch_optional(&server.db)
    .await
    .expect("file row")
}

#[tokio::test]
async fn a_locked_unit_is_refused_until_the_previous_one_is_done() {
    let m = MaterialsWorld::start().await;
    let [first, second, third] = m.units;
    let t = &m.w.teacher_a;

    // The cohort page lists the module, the progress, and the third unit as locked (no link).
    let (status, page) = t.page(&format!("/peserta/angkatan/{}", m.w.cohort)).await;
    assert_eq!(status, 200);
    assert!(page.contains("Modul 1: Literasi Digital"));
    assert!(page.contains("0 dari 3 unit selesai"));
    assert!(page.contains("Terkunci: selesaikan unit sebelumnya"));
    assert!(page.contains(&format!("href=\"/peserta/materi/{second}\"")));
    assert!(!page.contains(&format!("href=\"/peserta/materi/{third}\"")));

    // Asking for it anyway is refused on the server, saying which unit comes first.
    let (status, page) = unit_page(t, third, false).await;
    assert_eq!(status, 409);
    assert!(page.contains("Unit ini masih terkunci"), "{page}");
    assert!(page.contains("Memeriksa sumber"));
    assert!(!page.contains("Isi unit <strong>Merancang kegiatan</strong>"));
    let refused = t
        .call("mark_unit_done", &[("unit_id", &third.to_string())])
        .await;
    assert_eq!(refused.status(), 409);

    // Opening a unit records it; marking the second done opens the third.
    let (status, page) = unit_page(t, first, false).await;
    assert_eq!(status, 200);
    assert!(page.contains("Isi unit <strong>Pengantar</strong>"));
    assert!(page.contains("Tandai selesai"));
    let (opened, done): (i64, Option<i64>) = sqlx::query_as(
        "select opened_at, done_at from material_progress where unit_id = $1 and user_id = $2",
    )
    .bind(first)
    .bind(m.w.teacher_a_id.0)
    .fetch_one(&m.w.server.db)
    .await
    .expect("progress");
    assert!(opened > 0 && done.is_none());
    let marked = mark_done(t, second).await;
    assert_eq!(marked.status(), 302);
    let (status, page) = unit_page(t, third, false).await;
    assert_eq!(status, 200);
    assert!(page.contains("Isi unit <strong>Merancang kegiatan</strong>"));
    let (_, page) = t.page(&format!("/peserta/angkatan/{}", m.w.cohort)).await;
    assert!(page.contains("1 dari 3 unit selesai"));

    // Progress is each participant's own: the third unit is still locked for teacher B.
    assert_eq!(unit_page(&m.w.teacher_b, third, false).await.0, 409);

    // Mentor A sees the participants of their group; the admin sees everyone.
    let progress = format!("/materi/angkatan/{}/kemajuan", m.w.cohort);
    let (status, page) = m.w.mentor_a.page(&progress).await;
    assert_eq!(status, 200);
    let row_a = format!("id=\"peserta-{}\"", m.w.teacher_a_id);
    let row_b = format!("id=\"peserta-{}\"", m.w.teacher_b_id);
    assert!(page.contains(&row_a) && !page.contains(&row_b), "{page}");
    assert!(page.contains("<td>1/3</td>"));
    let (status, page) = m.w.admin.page(&progress).await;
    assert_eq!(status, 200);
    assert!(page.contains(&row_a) && page.contains(&row_b));
    let denied = t
        .call(
            "cohort_material_progress",
            &[("cohort_id", &m.w.cohort.to_string())],
        )
        .await;
    assert_eq!(denied.status(), 403);
    let elsewhere =
        m.w.admin_elsewhere
            .call(
                "cohort_material_progress",
                &[("cohort_id", &m.w.cohort.to_string())],
            )
            .await;
    assert_eq!(elsewhere.status(), 404);
    m.stop().await;
}

#[tokio::test]
async fn a_participant_of_another_cohort_gets_404_for_a_unit() {
    let m = MaterialsWorld::start().await;
    // Cohort 1's own module is not for cohort 2.
    let own = create_module(&m.w.admin, m.program, Some(m.w.cohort), "Modul khusus").await;
    let unit = create_unit(&m.w.admin, own, "Tugas khusus Angkatan 1").await;
    assert_eq!(
        save_unit(
            &m.w.admin,
            unit,
            "Tugas khusus Angkatan 1",
            "Rahasia angkatan satu.",
            false
        )
        .await
        .status(),
        302
    );
    let (status, page) = unit_page(&m.teacher_c, unit, false).await;
    assert_eq!(status, 404);
    assert!(!page.contains("Rahasia angkatan satu"));
    let refused = m
        .teacher_c
        .call("mark_unit_done", &[("unit_id", &unit.to_string())])
        .await;
    assert_eq!(error_of(refused).await.kind, ErrorKind::NotFound);
    let (_, list) = m
        .teacher_c
        .page(&format!("/peserta/angkatan/{}", m.w.other_cohort))
        .await;
    assert!(list.contains("Modul 1: Literasi Digital") && !list.contains("Modul khusus"));
    // Cohort 2 shares the program's modules; cohort 1 sees its own.
    assert_eq!(unit_page(&m.teacher_c, m.units[0], false).await.0, 200);
    assert_eq!(unit_page(&m.w.teacher_a, unit, false).await.0, 200);
    // The cohort's list itself is 404 to a participant of another cohort.
    let listed = m
        .teacher_c
        .call(
            "cohort_materials",
            &[("cohort_id", &m.w.cohort.to_string())],
        )
        .await;
    assert_eq!(listed.status(), 404);

    // A participant of another program gets 404 for every unit, files and packs included.
    let db = &m.w.server.db;
    let school_b = institution(&m.w.server, "Sekolah B").await;
    let (stranger, stranger_id) = signed_in(
        &m.w.server,
        Role::Participant,
        "guru.d@sekolah.id",
        school_b,
    )
    .await;
    let admin_id = user_id(&m.w.server, "admin@bpsdm.go.id").await;
    let agency = institution(&m.w.server, "BPSDM Uji").await;
    let other_program = fixtures::program(db, agency, admin_id, "published").await;
    let other_cohort = fixtures::cohort(db, other_program, "Lain 1", 10, admin_id).await;
    fixtures::approved_enrolment(db, other_cohort, stranger_id).await;
    upload(
        &m.w.admin,
        m.units[0],
        true,
        "gambar.png",
        "image/png",
        small_png(40, 30),
    )
    .await;
    let (file, ..) = last_file(&m.w.server, m.units[0]).await.expect("file");
    assert_eq!(unit_page(&stranger, m.units[0], false).await.0, 404);
    assert_eq!(
        stranger
            .get(&format!("/materi/berkas/{file}"))
            .await
            .status(),
        404
    );
    assert_eq!(
        stranger
            .get(&format!("/materi/berkas/{file}/kecil"))
            .await
            .status(),
        404
    );
    assert_eq!(
        stranger
            .get(&format!("/materi/modul/{}/paket", m.module))
            .await
            .status(),
        404
    );
    m.stop().await;
}

#[tokio::test]
async fn a_program_prerequisite_holds_applications_until_it_is_completed() {
    let m = MaterialsWorld::start().await;
    let db = &m.w.server.db;
    let admin_id = user_id(&m.w.server, "admin@bpsdm.go.id").await;
    let agency = institution(&m.w.server, "BPSDM Uji").await;
    let basic = fixtures::program(db, agency, admin_id, "published").await;
    sqlx::query("update program set title = 'Literasi Digital Dasar' where id = $1")
        .bind(basic)
        .execute(db)
        .await
        .expect("title");
    let basic_cohort = fixtures::cohort(db, basic, "Dasar 1", 10, admin_id).await;
    let basic_module = create_module(&m.w.admin, basic, None, "Dasar").await;
    let basic_unit = create_unit(&m.w.admin, basic_module, "Satu-satunya unit").await;

    // Only an admin whose scope holds the program sets its prerequisite.
    let set = [
        ("program_id", m.program.to_string()),
        ("prerequisite_id", basic.to_string()),
    ];
    let form: Vec<(&str, &str)> = set.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(
        m.w.admin_elsewhere
            .call("set_program_prerequisite", &form)
            .await
            .status(),
        404
    );
    assert_eq!(
        m.w.mentor_a
            .call("set_program_prerequisite", &form)
            .await
            .status(),
        403
    );
    let saved =
        m.w.admin
            .submit(
                &format!("/materi/program/{}", m.program),
                "set_program_prerequisite",
                &form,
            )
            .await;
    assert_eq!(saved.status(), 302);
    // A program cannot require itself, nor go round in a circle.
    let circle = [
        ("program_id", basic.to_string()),
        ("prerequisite_id", m.program.to_string()),
    ];
    let circle: Vec<(&str, &str)> = circle.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let refused = m.w.admin.call("set_program_prerequisite", &circle).await;
    assert_eq!(error_of(refused).await.kind, ErrorKind::Invalid);

    // A teacher in the basic program who has not finished it is refused, told why.
    let school_a = institution(&m.w.server, "Sekolah A").await;
    let (teacher, teacher_id) = signed_in(
        &m.w.server,
        Role::Participant,
        "guru.e@sekolah.id",
        school_a,
    )
    .await;
    registration_support::complete_profile(db, teacher_id, "1234567890123456").await;
    fixtures::approved_enrolment(db, basic_cohort, teacher_id).await;
    let apply = [("cohort_id", m.w.cohort.to_string())];
    let apply: Vec<(&str, &str)> = apply.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let refused = teacher.call("apply_to_cohort", &apply).await;
    assert_eq!(refused.status(), 409);
    let error = error_of(refused).await;
    assert!(
        error.message.contains("Literasi Digital Dasar")
            && error.message.contains("terlebih dahulu"),
        "{}",
        error.message
    );
    let (seats,): (i64,) =
        sqlx::query_as("select count(*) from enrolment where cohort_id = $1 and user_id = $2")
            .bind(m.w.cohort)
            .bind(teacher_id.0)
            .fetch_one(db)
            .await
            .expect("enrolments");
    assert_eq!(seats, 0);

    // Once every unit of the basic program is done, the application goes through.
    assert_eq!(mark_done(&teacher, basic_unit).await.status(), 302);
    let accepted = teacher.call("apply_to_cohort", &apply).await;
    assert_eq!(
        accepted.status(),
        200,
        "{}",
        accepted.text().await.unwrap_or_default()
    );
    m.stop().await;
}

#[tokio::test]
async fn a_large_photo_becomes_a_small_picture_and_the_original_stays_byte_identical() {
    let m = MaterialsWorld::start().await;
    let unit = m.units[1];
    let photo = noisy_photo();
    assert!(
        (3_500_000..10_000_000).contains(&photo.len()),
        "the test photo is {} bytes",
        photo.len()
    );
    let response = upload(
        &m.w.admin,
        unit,
        true,
        "foto-kelas.jpg",
        "image/jpeg",
        photo.clone(),
    )
    .await;
    assert_eq!(response.status(), 303);
    assert_eq!(
        location(&response).as_deref(),
        Some(format!("/materi/unit/{unit}/ubah#gambar").as_str())
    );
    let (file, size, small, width, height, small_name) =
        last_file(&m.w.server, unit).await.expect("stored");
    println!(
        "photo: original {} bytes, resized {:?} bytes ({:?} x {:?})",
        size, small, width, height
    );
    assert_eq!(size, photo.len() as i64);
    let small = small.expect("resized");
    assert!(small < 300_000, "resized picture is {small} bytes");
    assert_eq!((width, height), (Some(1280), Some(960)));
    // The resized copy on disk is a 1280 × 960 JPEG of the size recorded.
    let stored = std::fs::read(
        m.w.server
            .data_dir()
            .join("materi")
            .join(small_name.expect("resized name")),
    )
    .expect("resized file");
    assert_eq!(stored.len() as i64, small);
    let decoded = image::load_from_memory(&stored).expect("decodes");
    assert_eq!((decoded.width(), decoded.height()), (1280, 960));

    // The reader gets the small one on the page and the original byte for byte on request.
    let (status, page) = unit_page(&m.w.teacher_a, unit, false).await;
    assert_eq!(status, 200);
    assert!(page.contains(&format!("<img src=\"/materi/berkas/{file}/kecil\"")));
    let original = m.w.teacher_a.get(&format!("/materi/berkas/{file}")).await;
    assert_eq!(original.status(), 200);
    assert_eq!(
        original.bytes().await.expect("bytes").as_ref(),
        photo.as_slice()
    );
    let resized =
        m.w.teacher_a
            .get(&format!("/materi/berkas/{file}/kecil"))
            .await;
    assert_eq!(
        resized
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("image/jpeg")
    );
    assert_eq!(resized.bytes().await.expect("bytes").len() as i64, small);
    m.stop().await;
}

#[tokio::test]
async fn a_file_that_is_not_a_picture_is_refused_next_to_the_field() {
    let m = MaterialsWorld::start().await;
    let unit = m.units[0];
    let editor = format!("/materi/unit/{unit}/ubah");
    for (name, kind, bytes) in [
        (
            "foto.jpg",
            "image/jpeg",
            b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n".to_vec(),
        ),
        (
            "catatan.txt",
            "text/plain",
            b"Bukan gambar, hanya teks.\n".to_vec(),
        ),
        (
            "rusak.png",
            "image/png",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0".to_vec(),
        ),
    ] {
        let response = upload(&m.w.admin, unit, true, name, kind, bytes).await;
        assert_eq!(response.status(), 303, "{name}");
        assert_eq!(
            location(&response),
            Some(format!("{editor}#gambar")),
            "{name}"
        );
        let (_, page) = m.w.admin.page(&editor).await;
        assert_eq!(
            field_error(&page, "picture").as_deref(),
            Some("Berkas ini bukan gambar. Unggah foto atau gambar JPEG, PNG, atau WebP."),
            "{name}"
        );
    }
    assert!(last_file(&m.w.server, unit).await.is_none());
    // The same text file is a fine attachment.
    let response = upload(
        &m.w.admin,
        unit,
        false,
        "catatan.txt",
        "text/plain",
        b"Catatan guru.\n".to_vec(),
    )
    .await;
    assert_eq!(response.status(), 303);
    assert!(last_file(&m.w.server, unit).await.is_some());
    m.stop().await;
}

#[tokio::test]
async fn data_saving_mode_shows_links_with_sizes_instead_of_pictures() {
    let m = MaterialsWorld::start().await;
    let unit = m.units[0];
    upload(
        &m.w.admin,
        unit,
        true,
        "peta.png",
        "image/png",
        small_png(900, 600),
    )
    .await;
    let (picture, ..) = last_file(&m.w.server, unit).await.expect("picture");
    upload(
        &m.w.admin,
        unit,
        false,
        "lembar-kerja.txt",
        "text/plain",
        b"Lembar kerja\n".repeat(100),
    )
    .await;
    let t = &m.w.teacher_a;

    // With Save-Data: on and no choice made, no picture is in the page: a link with its size.
    let (status, page) = unit_page(t, unit, true).await;
    assert_eq!(status, 200);
    assert!(!page.contains("<img"), "an <img> in data-saving mode");
    assert!(page.contains(&format!("href=\"/materi/berkas/{picture}/kecil\"")));
    assert!(page.contains("Ketuk untuk memuat gambar ("), "{page}");
    assert!(page.contains("lembar-kerja.txt") && page.contains("(1 kB)"));
    // Without the header, the picture is shown.
    let (_, page) = unit_page(t, unit, false).await;
    assert!(page.contains(&format!("<img src=\"/materi/berkas/{picture}/kecil\"")));
    assert!(page.contains("(1 kB)"));

    // The person's choice wins over the header, both ways.
    let here = format!("/peserta/materi/{unit}");
    let off = t
        .submit(
            &here,
            "set_data_saving",
            &[("enabled", "0"), ("next", &here)],
        )
        .await;
    assert_eq!(location(&off).as_deref(), Some(here.as_str()));
    assert!(unit_page(t, unit, true).await.1.contains("<img src="));
    t.submit(
        &here,
        "set_data_saving",
        &[("enabled", "1"), ("next", &here)],
    )
    .await;
    let (_, page) = unit_page(t, unit, false).await;
    assert!(!page.contains("<img") && page.contains("Ketuk untuk memuat gambar"));
    // The account page shows the choice and switches it too.
    let (status, page) = t.page("/akun").await;
    assert_eq!(status, 200);
    assert!(page.contains("Hemat data: aktif."));
    let off = t
        .submit(
            "/akun",
            "set_data_saving",
            &[("enabled", "0"), ("next", "/akun#hemat-data")],
        )
        .await;
    assert_eq!(location(&off).as_deref(), Some("/akun#hemat-data"));
    assert!(t.page("/akun").await.1.contains("Hemat data: nonaktif."));
    m.stop().await;
}

#[tokio::test]
async fn a_unit_page_with_javascript_off_stays_within_30_kb() {
    let m = MaterialsWorld::start().await;
    let unit = m.units[0];
    // A long unit as authors write them: about 8,000 characters of text, a picture, attachments.
    let paragraph =
        "Literasi digital membantu guru dan siswa memilah informasi: siapa pembuatnya, \
                     kapan ditulis, apa buktinya, dan untuk apa informasi itu dibuat. ";
    let body = (1..=12)
        .map(|n| {
            format!(
                "## Bagian {n}\n\n{}\n\n- langkah satu\n- langkah dua\n",
                paragraph.repeat(5)
            )
        })
        .collect::<String>();
    assert_eq!(
        save_unit(&m.w.admin, unit, "Pengantar", &body, false)
            .await
            .status(),
        302
    );
    upload(
        &m.w.admin,
        unit,
        true,
        "peta.png",
        "image/png",
        small_png(900, 600),
    )
    .await;
    upload(
        &m.w.admin,
        unit,
        false,
        "modul.txt",
        "text/plain",
        b"Modul\n".repeat(500),
    )
    .await;

    let response =
        m.w.teacher_a
            .http
            .get(m.w.teacher_a.url(&format!("/peserta/materi/{unit}")))
            .header("Accept-Encoding", "gzip, br")
            .send()
            .await
            .expect("GET");
    assert_eq!(response.status(), 200);
    let encoding = response
        .headers()
        .get("content-encoding")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("identity")
        .to_string();
    let served = response.bytes().await.expect("bytes").len();
    let (_, plain) = unit_page(&m.w.teacher_a, unit, false).await;
    println!(
        "unit page: {served} bytes as served ({encoding}), {} bytes of HTML",
        plain.len()
    );
    assert!(
        served <= 30_720,
        "the unit page is {served} bytes as served"
    );
    m.stop().await;
}

#[tokio::test]
async fn every_save_keeps_a_revision_and_a_preview_saves_nothing() {
    let m = MaterialsWorld::start().await;
    let unit = m.units[0];
    let editor = format!("/materi/unit/{unit}/ubah");

    // "Pratinjau" renders the typed text and keeps it in the form, without saving it.
    let previewed = post_unit(
        &m.w.admin,
        unit,
        "Pengantar",
        "Teks *baru* </textarea>",
        false,
        "pratinjau",
    )
    .await;
    assert_eq!(previewed.status(), 302);
    let to = location(&previewed).unwrap_or_default();
    assert!(to.starts_with(&format!("{editor}?pratinjau")), "{to}");
    let (status, page) = m.w.admin.page(&format!("{editor}?pratinjau=1")).await;
    assert_eq!(status, 200);
    assert!(page.contains("<em>baru</em>"), "{page}");
    assert_eq!(
        textareas(&page, "body"),
        vec!["Teks *baru* &lt;/textarea&gt;".to_string()]
    );
    let (body,): (String,) = sqlx::query_as("select body from material_unit where id = $1")
        .bind(unit)
        .fetch_one(&m.w.server.db)
        .await
        .expect("body");
    assert_eq!(body, "## Pengantar\n\nIsi unit **Pengantar** untuk guru.");

    // A refused save comes back with the message next to the title and the typed text kept.
    let refused = save_unit(&m.w.admin, unit, "  ", "Teks yang *diketik*", false).await;
    assert_eq!(refused.status(), 303);
    let (status, page) = m.w.admin.page(&editor).await;
    assert_eq!(status, 400);
    assert_eq!(field_error(&page, "title").as_deref(), Some("Wajib diisi."));
    assert_eq!(
        textareas(&page, "body"),
        vec!["Teks yang *diketik*".to_string()]
    );

    // Two more saves: every one is kept, newest first, each old body viewable.
    save_unit(&m.w.admin, unit, "Pengantar", "Versi tiga", false).await;
    save_unit(&m.w.mentor_a, unit, "Pengantar", "Versi empat", false).await;
    let revisions: Vec<(i64, i64, String)> = sqlx::query_as(
        "select id, number, body from material_revision where unit_id = $1 order by number",
    )
    .bind(unit)
    .fetch_all(&m.w.server.db)
    .await
    .expect("revisions");
    let numbers: Vec<i64> = revisions.iter().map(|r| r.1).collect();
    assert_eq!(numbers, vec![1, 2, 3, 4]);
    let (_, page) = m.w.admin.page(&editor).await;
    for (id, ..) in &revisions {
        assert!(page.contains(&format!("href=\"/materi/revisi/{id}\"")));
    }
    let (status, page) =
        m.w.admin
            .page(&format!("/materi/revisi/{}", revisions[1].0))
            .await;
    assert_eq!(status, 200);
    assert!(page.contains("Isi unit <strong>Pengantar</strong>"));
    // The history is the authors'.
    let refused =
        m.w.teacher_a
            .call(
                "material_revision",
                &[("revision_id", &revisions[1].0.to_string())],
            )
            .await;
    assert_eq!(refused.status(), 403);
    m.stop().await;
}

#[tokio::test]
async fn authoring_is_refused_to_participants_and_to_admins_outside_the_scope() {
    let m = MaterialsWorld::start().await;
    let program = m.program.to_string();
    let unit = m.units[0].to_string();
    let module = m.module.to_string();
    let create = [
        ("program_id", program.as_str()),
        ("cohort_id", ""),
        ("title", "Modul liar"),
    ];
    let save = [
        ("unit_id", unit.as_str()),
        ("title", "Diganti"),
        ("body", "Isi liar"),
        ("action", "simpan"),
    ];
    let rename = [("module_id", module.as_str()), ("title", "Diganti")];
    for (who, client, status) in [
        ("a participant", &m.w.teacher_a, 403),
        ("an admin of another district", &m.w.admin_elsewhere, 404),
    ] {
        assert_eq!(
            client
                .call("create_material_module", &create)
                .await
                .status(),
            status,
            "{who}"
        );
        assert_eq!(
            client.call("save_material_unit", &save).await.status(),
            status,
            "{who}"
        );
        assert_eq!(
            client
                .call("rename_material_module", &rename)
                .await
                .status(),
            status,
            "{who}"
        );
        assert_eq!(
            client
                .call(
                    "create_material_unit",
                    &[("module_id", module.as_str()), ("title", "x")]
                )
                .await
                .status(),
            status,
            "{who}"
        );
        let uploaded = upload(
            client,
            m.units[0],
            true,
            "a.png",
            "image/png",
            small_png(10, 10),
        )
        .await;
        assert_eq!(uploaded.status(), status, "{who} uploading");
    }
    let (modules,): (i64,) = sqlx::query_as("select count(*) from material_module")
        .fetch_one(&m.w.server.db)
        .await
        .expect("modules");
    assert_eq!(modules, 1);
    let (title,): (String,) = sqlx::query_as("select title from material_unit where id = $1")
        .bind(m.units[0])
        .fetch_one(&m.w.server.db)
        .await
        .expect("unit");
    assert_eq!(title, "Pengantar");
    assert!(last_file(&m.w.server, m.units[0]).await.is_none());

    // A mentor of the program's cohort authors; reordering moves the unit.
    let created = create_module(&m.w.mentor_b, m.program, None, "Modul mentor").await;
    assert!(created > m.module);
    let moved =
        m.w.admin
            .submit(
                "/materi/program/0",
                "move_material_unit",
                &[("unit_id", &m.units[2].to_string()), ("direction", "naik")],
            )
            .await;
    assert_eq!(moved.status(), 302);
    let order: Vec<(i64,)> =
        sqlx::query_as("select id from material_unit where module_id = $1 order by position, id")
            .bind(m.module)
            .fetch_all(&m.w.server.db)
            .await
            .expect("order");
    assert_eq!(
        order.into_iter().map(|(id,)| id).collect::<Vec<_>>(),
        vec![m.units[0], m.units[2], m.units[1]]
    );
    m.stop().await;
}

#[tokio::test]
async fn the_demo_module_packs_for_offline_reading_at_the_size_it_shows() {
    let server = TestServer::start().await;
    server::demo::seed_demo(&server.db, Some("demo-pamong-2026".into()))
        .await
        .expect("seed");
    let storage = app::ssr::storage::Storage::shared_directory(server.data_dir());
    server::demo::materials::seed_materials(&server.db, &storage)
        .await
        .expect("materials");
    server::demo::materials::seed_materials(&server.db, &storage)
        .await
        .expect("again");
    let (modules, units, locked, pictures): (i64, i64, i64, i64) = sqlx::query_as(
        "select (select count(*) from material_module), (select count(*) from material_unit), \
         (select count(*) from material_unit where locked_until_previous = 1), \
         (select count(*) from material_file where kind = 'picture')",
    )
    .fetch_one(&server.db)
    .await
    .expect("counts");
    assert_eq!((modules, units, locked, pictures), (1, 3, 1, 1));
    let client = server.new_client();
    assert_eq!(
        client
            .sign_in("peserta01@pamong.test", "demo-pamong-2026")
            .await
            .status(),
        200
    );
    let (cohort,): (i64,) = sqlx::query_as("select id from cohort where name = 'Angkatan 1'")
        .fetch_one(&server.db)
        .await
        .expect("cohort");
    let (module,): (i64,) = sqlx::query_as("select id from material_module")
        .fetch_one(&server.db)
        .await
        .expect("module");
    let (status, page) = client.page(&format!("/peserta/angkatan/{cohort}")).await;
    assert_eq!(status, 200);
    let shown = page
        .split("Unduh untuk dibaca tanpa internet (")
        .nth(1)
        .and_then(|rest| rest.split(')').next())
        .map(str::to_string)
        .expect("pack size on the list");
    let pack = client.get(&format!("/materi/modul/{module}/paket")).await;
    assert_eq!(pack.status(), 200);
    let html = pack.text().await.expect("pack");
    println!(
        "demo module offline pack: {} bytes (shown as {shown})",
        html.len()
    );
    assert_eq!(app::model::materials::size_text(html.len() as i64), shown);
    // The demo picture is a small diagram: its PNG is lighter than a JPEG, so it is kept as is.
    assert!(html.contains("data:image/png;base64,"));
    assert!(html.contains("Apa itu literasi digital?"));
    // The third unit is locked for peserta01, so the pack lists it without its text.
    assert!(!html.contains("2 × 35 menit"));
    assert_eq!(number_after(&html, "width=\""), Some(640));
    server.stop().await;
}

#[tokio::test]
async fn hostile_text_stays_inert_on_every_materials_page_and_in_the_pack() {
    let m = MaterialsWorld::start().await;
    let payloads = payloads();
    assert!(payloads.len() >= 100, "{} payloads", payloads.len());
    let unit = m.units[0];
    let pages = [
        (&m.w.teacher_a, format!("/peserta/materi/{unit}")),
        (&m.w.teacher_a, format!("/peserta/angkatan/{}", m.w.cohort)),
        (&m.w.admin, format!("/materi/unit/{unit}/ubah")),
        (&m.w.admin, format!("/materi/unit/{unit}/ubah?pratinjau=1")),
        (&m.w.admin, format!("/materi/program/{}", m.program)),
        (
            &m.w.mentor_a,
            format!("/materi/angkatan/{}/kemajuan", m.w.cohort),
        ),
        (&m.w.teacher_a, format!("/materi/modul/{}/paket", m.module)),
    ];
    // The pages with harmless text: whatever script or style they have is their own.
    upload(
        &m.w.admin,
        unit,
        true,
        "peta.png",
        "image/png",
        small_png(20, 20),
    )
    .await;
    upload(
        &m.w.admin,
        unit,
        false,
        "catatan.txt",
        "text/plain",
        b"Catatan\n".to_vec(),
    )
    .await;
    let mut baselines = Vec::new();
    for (client, path) in &pages {
        let response = client.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        baselines.push(response.text().await.unwrap_or_default());
    }
    let mut problems = Vec::new();
    for (n, chunk) in payloads.chunks(8).enumerate() {
        let title: String = chunk[0].chars().take(200).collect();
        let body = chunk.join("\n\n");
        assert_eq!(
            save_unit(&m.w.admin, unit, &title, &body, false)
                .await
                .status(),
            302,
            "save {n}"
        );
        post_unit(&m.w.admin, unit, &title, &body, false, "pratinjau").await;
        m.w.admin
            .submit(
                "/materi/program/0",
                "rename_material_module",
                &[("module_id", &m.module.to_string()), ("title", &title)],
            )
            .await;
        // Hostile file names too, while the unit takes files (20 at most).
        let name: String = chunk[1].chars().take(60).collect();
        if n < 16 {
            upload(
                &m.w.admin,
                unit,
                false,
                &format!("{name}.txt"),
                "text/plain",
                b"x\n".to_vec(),
            )
            .await;
        }
        for ((client, path), baseline) in pages.iter().zip(&baselines) {
            let response = client.get(path).await;
            assert_eq!(response.status(), 200, "{path} with payloads {n}");
            let page = response.text().await.unwrap_or_default();
            for finding in new_findings(baseline, &page) {
                problems.push(format!("{path} with payloads {n}: {}", finding.what));
            }
        }
        let (revision,): (i64,) =
            sqlx::query_as("select max(id) from material_revision where unit_id = $1")
                .bind(unit)
                .fetch_one(&m.w.server.db)
                .await
                .expect("revision");
        let (_, page) = m.w.admin.page(&format!("/materi/revisi/{revision}")).await;
        for finding in findings(&page)
            .into_iter()
            .filter(|f| !f.what.starts_with("script"))
        {
            problems.push(format!("revision page {n}: {}", finding.what));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
    m.stop().await;
}
