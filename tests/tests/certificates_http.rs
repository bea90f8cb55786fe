//! Certificates over HTTP (issue #20): numbers under concurrent issuing, the stored PDF, the
//! public check page and its limit, corrections, downloads, and the cohort job across a crash.
//! Runs on SQLite, and on PostgreSQL when `PAMONG_TEST_DATABASE_URL` names one.

use app::model::certificates::CertificateFacts;
use pamong_tests::certificates_support::{numbering, participant, passed_participants, CertWorld};
use pamong_tests::harness::{all_at_once, location, Client, FreshDatabase};
use pamong_tests::process::ServerProcess;
use pamong_tests::registration_support::PASSWORD;
use std::time::{Duration, Instant};

async fn facts_of(world: &CertWorld, id: i64) -> CertificateFacts {
    let (json,): (String,) = sqlx::query_as("select facts from certificate where id = $1")
        .bind(id)
        .fetch_one(&world.server.db)
        .await
        .expect("facts");
    serde_json::from_str(&json).expect("facts json")
}

async fn pdf(client: &Client, id: i64) -> (u16, Vec<u8>) {
    let response = client.get(&format!("/sertifikat/unduh/{id}")).await;
    let status = response.status().as_u16();
    (status, response.bytes().await.expect("body").to_vec())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_issued_at_once_get_the_numbers_one_to_fifty() {
    let world = CertWorld::start().await;
    let people = world.passed("guru", 50).await;
    let admin = world.admin.clone();
    let cohort = world.cohort;
    let results = all_at_once(50, |i| {
        let admin = admin.clone();
        let enrolment = people[i].1;
        async move {
            admin
                .post_to(
                    &format!("/admin/angkatan/{cohort}/sertifikat/terbitkan"),
                    &format!("/admin/angkatan/{cohort}/sertifikat"),
                    "text/html",
                    &[("enrolment_id", &enrolment.to_string())],
                )
                .await
        }
    })
    .await;
    assert!(
        results.iter().all(|(status, _)| *status == 303),
        "{results:?}"
    );
    let (seqs, enrolments, numbers) = numbering(&world.server.db, cohort).await;
    assert_eq!(seqs, (1..=50).collect::<Vec<i64>>());
    assert_eq!((enrolments, numbers), (50, 50));
    let (last,): (i64,) =
        sqlx::query_as("select last_seq from certificate_counter where institution_id = $1")
            .bind(world.agency)
            .fetch_one(&world.server.db)
            .await
            .expect("counter");
    assert_eq!(last, 50);
    // A second press for someone who has one issues nothing and says why.
    let again = world.issue(people[0].1).await;
    assert!(again.contains("already_issued"), "{again}");
    assert_eq!(numbering(&world.server.db, cohort).await.0.len(), 50);
    world.server.stop().await;
}

#[tokio::test]
async fn the_pdf_is_stored_small_and_the_same_facts_give_the_same_bytes() {
    let world = CertWorld::start().await;
    let people = world.passed("guru", 1).await;
    let (user, enrolment, email) = &people[0];
    assert!(world.issue(*enrolment).await.contains("pesan=terbit"));
    let (id, code) = world.certificate_of(*enrolment).await.expect("issued");
    let owner = participant(&world.server, email).await;
    let (status, bytes) = pdf(&owner, id).await;
    assert_eq!(status, 200);
    assert!(bytes.starts_with(b"%PDF-"));
    assert!(bytes.len() <= 60 * 1024, "{} bytes", bytes.len());
    let facts = facts_of(&world, id).await;
    assert_eq!(facts.code, code);
    assert_eq!(
        facts.number,
        format!("00001/BPSDM/LITDIG/{}", &facts.issued_on[..4])
    );
    assert_eq!(facts.jp, 32);
    assert_eq!(facts.place, "Daring");
    assert_eq!(facts.result, "Lulus");
    assert_eq!(
        facts.participant_institution.as_deref(),
        Some("SD Negeri 1 Wedi")
    );
    // Rendering again from the stored facts gives the stored bytes.
    let url = format!("{}/sertifikat/{code}", world.server.url);
    assert_eq!(
        app::ssr::certificates::pdf::render(&facts, None, &url),
        bytes
    );

    // A later change of name changes neither the stored PDF nor the check page.
    sqlx::query("update app_user set name = 'Nama Baru Sekali' where id = $1")
        .bind(*user)
        .execute(&world.server.db)
        .await
        .expect("rename");
    let (_, after) = pdf(&owner, id).await;
    assert_eq!(after, bytes);
    let (status, page) = world
        .server
        .new_client()
        .page(&format!("/sertifikat/{code}"))
        .await;
    assert_eq!(status, 200);
    assert!(page.contains(&facts.participant_name));
    assert!(!page.contains("Nama Baru Sekali"));

    // The participant's page lists it with its size.
    let (status, mine) = owner.page("/peserta/sertifikat").await;
    assert_eq!(status, 200);
    assert!(mine.contains(&facts.number));
    assert!(mine.contains(&format!("/sertifikat/unduh/{id}")));
    assert!(mine.contains(" kB)"));
    world.server.stop().await;
}

#[tokio::test]
async fn the_check_page_shows_every_fact_and_an_unknown_code_is_a_404() {
    let world = CertWorld::start().await;
    let people = world.passed("guru", 1).await;
    sqlx::query(
        "insert into live_session (cohort_id, title, starts_at, duration_minutes, mode, venue, \
         city, checkin_secret, created_at) \
         values ($1, 'Tatap muka', 0, 90, 'in_person', 'Aula', 'Semarang', 'rahasia', 0)",
    )
    .bind(world.cohort)
    .execute(&world.server.db)
    .await
    .expect("session");
    sqlx::query("update app_user set nip = '198609262015052001' where id = $1")
        .bind(people[0].0)
        .execute(&world.server.db)
        .await
        .expect("nip");
    world.issue(people[0].1).await;
    let (id, code) = world.certificate_of(people[0].1).await.expect("issued");
    let facts = facts_of(&world, id).await;
    assert_eq!(facts.place, "Semarang");
    let visitor = world.server.new_client();
    let (status, page) = visitor.page(&format!("/sertifikat/{code}")).await;
    assert_eq!(status, 200);
    assert!(page.contains("data-status=\"valid\""));
    for field in [
        "number",
        "version",
        "participant",
        "nip",
        "birth",
        "rank",
        "position",
        "participant_institution",
        "training",
        "cohort",
        "dates",
        "place",
        "jp",
        "result",
        "institution",
        "signatory",
        "signatory_nip",
        "signatory_title",
        "issued",
        "code",
    ] {
        assert!(page.contains(&format!("data-field=\"{field}\"")), "{field}");
    }
    for value in [
        &facts.number,
        &facts.participant_name,
        "198609262015052001",
        "Klaten, 26 September 1986",
        "Penata Muda Tk I, III/b",
        "Guru Ahli Pertama",
        "SD Negeri 1 Wedi",
        "Diklat Uji",
        "Angkatan I",
        "11 Januari \u{2013} 19 Februari 2027",
        "Semarang",
        ">32<",
        "Lulus",
        &facts.institution_name,
        "Dr. Bambang Sutrisno, M.Pd.",
        "197005121995031002",
        "Kepala BPSDM Provinsi Jawa Tengah",
        &code,
    ] {
        assert!(page.contains(value), "{value} missing");
    }
    assert!(!page.contains("<script"), "no script on the check page");
    // Lower case is the same code; an unknown or malformed code is a clear 404.
    let (status, _) = visitor
        .page(&format!("/sertifikat/{}", code.to_lowercase()))
        .await;
    assert_eq!(status, 200);
    for unknown in ["0000000000000000", "bukan-kode", "ZZZZZZZZZZZZZZZZ"] {
        let (status, page) = visitor.page(&format!("/sertifikat/{unknown}")).await;
        assert_eq!(status, 404, "{unknown}");
        assert!(page.contains("tidak dikenal"), "{page}");
    }
    world.server.stop().await;
}

#[tokio::test]
async fn a_correction_issues_version_two_and_the_old_shows_revoked_with_the_reason() {
    let world = CertWorld::start().await;
    let people = world.passed("guru", 1).await;
    world.issue(people[0].1).await;
    let (old_id, old_code) = world.certificate_of(people[0].1).await.expect("issued");
    sqlx::query("update app_user set name = 'Siti Rahayu, S.Pd.' where id = $1")
        .bind(people[0].0)
        .execute(&world.server.db)
        .await
        .expect("rename");
    let page = format!("/admin/angkatan/{}/sertifikat", world.cohort);
    // No reason: refused, nothing changes.
    let response = world
        .admin
        .post_to(
            &format!("/admin/sertifikat/{old_id}/koreksi"),
            &page,
            "text/html",
            &[("reason", " ")],
        )
        .await;
    assert!(location(&response)
        .unwrap_or_default()
        .contains("reason_required"));
    assert_eq!(
        world.certificate_of(people[0].1).await.map(|c| c.0),
        Some(old_id)
    );
    let (_, shown) = world
        .admin
        .page(&format!(
            "{page}?pesan=galat&kunci=certificates.reason_required&baris={}",
            people[0].1
        ))
        .await;
    assert!(shown.contains("Tuliskan alasannya"));

    let response = world
        .admin
        .post_to(
            &format!("/admin/sertifikat/{old_id}/koreksi"),
            &page,
            "text/html",
            &[("reason", "Nama salah eja")],
        )
        .await;
    assert!(location(&response)
        .unwrap_or_default()
        .contains("pesan=koreksi"));
    let (new_id, new_code) = world
        .certificate_of(people[0].1)
        .await
        .expect("new version");
    assert_ne!(new_id, old_id);
    let facts = facts_of(&world, new_id).await;
    assert_eq!(facts.version, 2);
    assert_eq!(facts.participant_name, "Siti Rahayu, S.Pd.");
    let (replaces,): (Option<i64>,) =
        sqlx::query_as("select replaces_id from certificate where id = $1")
            .bind(new_id)
            .fetch_one(&world.server.db)
            .await
            .expect("replaces");
    assert_eq!(replaces, Some(old_id));
    let visitor = world.server.new_client();
    let (status, old_page) = visitor.page(&format!("/sertifikat/{old_code}")).await;
    assert_eq!(status, 200);
    assert!(old_page.contains("data-status=\"revoked\""));
    assert!(old_page.contains("Nama salah eja"));
    assert!(old_page.contains(&format!("/sertifikat/{new_code}")));
    let (_, new_page) = visitor.page(&format!("/sertifikat/{new_code}")).await;
    assert!(new_page.contains("data-status=\"valid\""));
    // The old one cannot be corrected again; revoking the new one records its reason.
    let response = world
        .admin
        .post_to(
            &format!("/admin/sertifikat/{old_id}/koreksi"),
            &page,
            "text/html",
            &[("reason", "lagi")],
        )
        .await;
    assert!(location(&response)
        .unwrap_or_default()
        .contains("not_valid"));
    let response = world
        .admin
        .post_to(
            &format!("/admin/sertifikat/{new_id}/cabut"),
            &page,
            "text/html",
            &[("reason", "Tidak memenuhi syarat")],
        )
        .await;
    assert!(location(&response)
        .unwrap_or_default()
        .contains("pesan=cabut"));
    let (_, revoked) = visitor.page(&format!("/sertifikat/{new_code}")).await;
    assert!(
        revoked.contains("data-status=\"revoked\"") && revoked.contains("Tidak memenuhi syarat")
    );
    world.server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn simultaneous_checks_from_one_address_stop_at_the_limit() {
    let world = CertWorld::start().await;
    let people = world.passed("guru", 1).await;
    world.issue(people[0].1).await;
    let (_, code) = world.certificate_of(people[0].1).await.expect("issued");
    let visitor = world.server.new_client();
    // 30 a minute by default, as a burst too: of 60 at once, 30 pass and 30 wait.
    let results = all_at_once(60, |i| {
        let visitor = visitor.clone();
        let path = if i % 2 == 0 {
            format!("/sertifikat/{code}")
        } else {
            format!("/sertifikat/{:016}", i)
        };
        async move { visitor.get(&path).await }
    })
    .await;
    let limited = results.iter().filter(|(s, _)| *s == 429).count();
    let answered = results
        .iter()
        .filter(|(s, _)| *s == 200 || *s == 404)
        .count();
    assert_eq!((answered, limited), (30, 30), "{results:?}");
    assert!(results
        .iter()
        .filter(|(s, _)| *s == 429)
        .all(|(_, retry)| retry.is_some()));
    world.server.stop().await;
}

#[tokio::test]
async fn only_the_owner_and_the_institutions_staff_download_a_certificate() {
    let world = CertWorld::start().await;
    let people = world.passed("guru", 2).await;
    world.issue(people[0].1).await;
    let (id, _) = world.certificate_of(people[0].1).await.expect("issued");
    let other = participant(&world.server, &people[1].2).await;
    assert_eq!(pdf(&other, id).await.0, 404);
    assert_eq!(pdf(&world.admin, id).await.0, 200);
    assert_eq!(
        pdf(&participant(&world.server, &people[0].2).await, id)
            .await
            .0,
        200
    );
    // An admin of another institution does not see it either.
    let elsewhere = app::ssr::institutions::insert(
        &world.server.db,
        "BPSDM Provinsi Lain",
        "province_agency",
        None,
        None,
        Some("34"),
        app::ssr::db::now_unix(),
    )
    .await
    .expect("another agency");
    world
        .server
        .user(
            app::model::Role::Admin,
            "lain@uji.test",
            PASSWORD,
            Some(elsewhere),
        )
        .await;
    let stranger = participant(&world.server, "lain@uji.test").await;
    assert_eq!(pdf(&stranger, id).await.0, 404);
    // A participant gets 403 on the admin's pages; a visitor is sent to sign in.
    let (status, _) = other
        .page(&format!("/admin/angkatan/{}/sertifikat", world.cohort))
        .await;
    assert_eq!(status, 403);
    let visitor = world.server.new_client();
    let response = visitor.get(&format!("/sertifikat/unduh/{id}")).await;
    assert!(
        matches!(response.status().as_u16(), 303 | 401),
        "{}",
        response.status()
    );
    world.server.stop().await;
}

#[tokio::test]
async fn the_template_form_checks_its_fields_and_shows_a_preview() {
    let world = CertWorld::start().await;
    let page = "/admin/sertifikat/templat";
    let (status, shown) = world.admin.page(page).await;
    assert_eq!(status, 200);
    assert!(shown.contains("data-preview"));
    assert!(shown.contains("00042/BPSDM/LITDIG/"));
    let response = world
        .admin
        .post_to(
            page,
            page,
            "text/html",
            &[
                ("number_format", "BPSDM/{nomor}"),
                ("signatory_name", ""),
                ("signatory_nip", "12345"),
                ("signatory_title", "Kepala"),
                ("signing_city", "Semarang"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    let body = response.text().await.expect("body");
    assert!(body.contains("tidak dikenal"), "format error");
    assert!(body.contains("Wajib diisi"), "name error");
    assert!(body.contains("value=\"12345\""), "typed NIP kept");
    let response = world
        .admin
        .post_to(
            page,
            page,
            "text/html",
            &[
                ("number_format", "{seq}/SERT/{month_roman}/{year}"),
                ("signatory_name", "Dra. Endang"),
                ("signatory_nip", "19700512 199503 1 002"),
                ("signatory_title", "Kepala Dinas"),
                ("signing_city", "Klaten"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let t = app::ssr::certificates::template(&world.server.db, world.agency)
        .await
        .expect("template")
        .expect("saved");
    assert_eq!(t.signatory_nip.as_deref(), Some("197005121995031002"));
    // A bad program code is refused beside its field; a good one is kept upper-case.
    let program = world.program.to_string();
    let response = world
        .admin
        .post_to(
            "/admin/sertifikat/kode-program",
            page,
            "text/html",
            &[("program_id", &program), ("code", "a b")],
        )
        .await;
    assert_eq!(response.status(), 422);
    let response = world
        .admin
        .post_to(
            "/admin/sertifikat/kode-program",
            page,
            "text/html",
            &[("program_id", &program), ("code", "pkb-1")],
        )
        .await;
    assert_eq!(response.status(), 303);
    let (code,): (Option<String>,) = sqlx::query_as("select code from program where id = $1")
        .bind(world.program)
        .fetch_one(&world.server.db)
        .await
        .expect("code");
    assert_eq!(code.as_deref(), Some("PKB-1"));

    // A logo: a PNG is stored as a small JPEG and printed on the certificate.
    let mut png = Vec::new();
    image::RgbaImage::from_pixel(600, 600, image::Rgba([200, 30, 30, 255]))
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .expect("png");
    let part = reqwest::multipart::Part::bytes(png)
        .file_name("logo.png")
        .mime_str("image/png")
        .expect("mime");
    let response = world
        .admin
        .http
        .post(world.admin.url("/admin/sertifikat/logo"))
        .header("origin", world.admin.base.clone())
        .header("referer", world.admin.url(page))
        .multipart(reqwest::multipart::Form::new().part("logo", part))
        .send()
        .await
        .expect("upload");
    assert_eq!(response.status(), 303);
    let people = world.passed("guru", 1).await;
    world.issue(people[0].1).await;
    let (id, _) = world.certificate_of(people[0].1).await.expect("issued");
    let facts = facts_of(&world, id).await;
    assert!(facts.number.starts_with("1/SERT/"), "{}", facts.number);
    let (status, bytes) = pdf(&world.admin, id).await;
    assert_eq!(status, 200);
    assert!(String::from_utf8_lossy(&bytes).contains("/DCTDecode"));
    assert!(
        bytes.len() <= 60 * 1024,
        "{} bytes with a logo",
        bytes.len()
    );
    world.server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_cohort_job_issues_every_passed_participant_once_with_progress() {
    let world = CertWorld::start().await;
    let people = world.passed("guru", 40).await;
    // Two already have theirs.
    world.issue(people[3].1).await;
    world.issue(people[7].1).await;
    let page = format!("/admin/angkatan/{}/sertifikat", world.cohort);
    let (_, before) = world.admin.page(&page).await;
    assert!(before.contains("data-waiting=\"38\""));
    let response = world
        .admin
        .post_to(&format!("{page}/semua"), &page, "text/html", &[])
        .await;
    assert_eq!(response.status(), 303);
    let deadline = Instant::now() + Duration::from_secs(300);
    loop {
        let (_, shown) = world.admin.page(&page).await;
        if shown.contains("data-job-status=\"done\"") {
            assert!(
                shown.contains("data-issued=\"38\" data-total=\"38\""),
                "progress 38 of 38"
            );
            assert!(shown.contains("data-waiting=\"0\""));
            break;
        }
        assert!(
            shown.contains("http-equiv=\"refresh\""),
            "a running job's page refreshes"
        );
        assert!(Instant::now() < deadline, "the job ends within 5 minutes");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let (seqs, enrolments, numbers) = numbering(&world.server.db, world.cohort).await;
    assert_eq!(seqs, (1..=40).collect::<Vec<i64>>());
    assert_eq!((enrolments, numbers), (40, 40));
    let (without,): (i64,) = sqlx::query_as(
        "select count(*) from certificate where cohort_id = $1 and pdf_stored_name is null",
    )
    .bind(world.cohort)
    .fetch_one(&world.server.db)
    .await
    .expect("pdfs");
    assert_eq!(without, 0);
    world.server.stop().await;
}

/// Passed participants in the crash test: enough that the job is still running when killed.
const CRASH_COHORT: usize = 400;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kill_half_way_through_the_cohort_job_leaves_no_gap_and_no_duplicate() {
    let database = FreshDatabase::create().await.expect("fresh database");
    let log = database.data_dir.join("server.log");
    let binary = env!("CARGO_BIN_EXE_pamong_server");
    let first = ServerProcess::start(binary, &database, &log, &[]).await;
    let db = server::db::connect(&database.url).await.expect("connect");
    let (agency, admin) = pamong_tests::fixtures::agency_with_admin(
        &db,
        "BPSDM Uji",
        "Admin Uji",
        "admin@bpsdm.test",
        PASSWORD.to_string(),
    )
    .await;
    let program = pamong_tests::fixtures::program(&db, agency, admin, "published").await;
    pamong_tests::certificates_support::set_program_code(&db, program, "LITDIG").await;
    pamong_tests::certificates_support::template(&db, agency.0, admin.0).await;
    let cohort =
        pamong_tests::fixtures::cohort(&db, program, "Angkatan Besar", 100_000, admin).await;
    passed_participants(&db, cohort, admin.0, "guru", CRASH_COHORT).await;
    let client = Client::new(&first.url);
    assert_eq!(
        client.sign_in("admin@bpsdm.test", PASSWORD).await.status(),
        200
    );
    let page = format!("/admin/angkatan/{cohort}/sertifikat");
    let response = client
        .post_to(&format!("{page}/semua"), &page, "text/html", &[])
        .await;
    assert_eq!(response.status(), 303);

    // Half-way (or at least a chunk in), the server dies.
    let deadline = Instant::now() + Duration::from_secs(600);
    loop {
        let (n,): (i64,) = sqlx::query_as("select count(*) from certificate where cohort_id = $1")
            .bind(cohort)
            .fetch_one(&db)
            .await
            .expect("count");
        if n >= 100 {
            break;
        }
        assert!(Instant::now() < deadline, "100 issued within 10 minutes");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    first.kill();
    let (at_kill,): (i64,) =
        sqlx::query_as("select count(*) from certificate where cohort_id = $1")
            .bind(cohort)
            .fetch_one(&db)
            .await
            .expect("count");
    println!("killed with {at_kill} of {CRASH_COHORT} issued");
    assert!((at_kill as usize) < CRASH_COHORT, "killed before the end");

    // Restarted, the job is taken up once its lease runs out and finishes.
    let second = ServerProcess::start(binary, &database, &log, &[]).await;
    let deadline = Instant::now() + Duration::from_secs(600);
    loop {
        let (status,): (String,) =
            sqlx::query_as("select status from certificate_job where cohort_id = $1")
                .bind(cohort)
                .fetch_one(&db)
                .await
                .expect("job");
        if status == "done" {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the job finishes within 10 minutes of the restart"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let (seqs, enrolments, numbers) = numbering(&db, cohort).await;
    assert_eq!(seqs, (1..=CRASH_COHORT as i64).collect::<Vec<i64>>());
    assert_eq!(
        (enrolments, numbers),
        (CRASH_COHORT as i64, CRASH_COHORT as i64)
    );
    let stored: Vec<(Option<String>,)> =
        sqlx::query_as("select pdf_stored_name from certificate where cohort_id = $1")
            .bind(cohort)
            .fetch_all(&db)
            .await
            .expect("pdfs");
    let dir = app::ssr::certificates::certificate_dir(&database.data_dir);
    for (name,) in stored {
        let name = name.expect("every certificate has its PDF");
        let bytes = std::fs::read(dir.join(&name)).expect("the PDF is on disk");
        let tail = String::from_utf8_lossy(&bytes[bytes.len().saturating_sub(16)..]).to_string();
        assert!(
            bytes.starts_with(b"%PDF-") && tail.contains("%%EOF"),
            "{name} complete"
        );
    }
    drop(second);
    db.close().await;
    database.drop_database().await;
}
