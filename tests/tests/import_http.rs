//! Bulk enrolment by CSV over real HTTP: template, upload, validation with line numbers,
//! duplicates, existing accounts, re-upload, quotas, scope, the report, and crash recovery.

use app::model::{InstitutionId, Role, UserId};
use app::ssr::db::{now_unix, Db};
use app::ssr::imports::apply::{run_job, RunEnd, RunOptions};
use app::ssr::storage::Storage;
use pamong_tests::fixtures;
use pamong_tests::harness::{error_of, location, FreshDatabase, TestServer};
use pamong_tests::import_support::{
    self, counts, errors, finished, generate_csv, upload, Counts, HEADER,
};

const PASSWORD: &str = "kata-sandi-uji-1";

struct Setup {
    server: TestServer,
    cohort: i64,
    agency: InstitutionId,
    district_b: InstitutionId,
}

/// A server, an admin of the agency signed in on `server.client`, a program and a cohort.
async fn setup(quota: i64) -> Setup {
    let server = TestServer::start().await;
    let inst = server.institutions().await;
    let admin = server
        .user(Role::Admin, "admin@bpsdm.test", PASSWORD, Some(inst.agency))
        .await;
    let program = fixtures::program(&server.db, inst.district_a, admin, "published").await;
    let cohort = fixtures::cohort(&server.db, program, "Angkatan Impor", quota, admin).await;
    assert_eq!(
        server
            .client
            .sign_in("admin@bpsdm.test", PASSWORD)
            .await
            .status(),
        200
    );
    Setup {
        server,
        cohort,
        agency: inst.agency,
        district_b: inst.district_b,
    }
}

/// Uploads and returns the job id from the redirect.
async fn upload_job(client: &pamong_tests::harness::Client, cohort: i64, csv: &str) -> i64 {
    import_support::upload_job(client, cohort, "peserta.csv", csv).await
}

async fn scalar(db: &Db, sql: &str, bind: i64) -> i64 {
    sqlx::query_scalar(sql)
        .bind(bind)
        .fetch_one(db)
        .await
        .expect("scalar")
}

#[tokio::test]
async fn template_is_for_admins_in_scope() {
    let s = setup(10).await;
    let response = s
        .server
        .client
        .get(&format!("/admin/angkatan/{}/impor/templat.csv", s.cohort))
        .await;
    assert_eq!(response.status(), 200);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap_or_default()
        .starts_with("text/csv"));
    let bytes = response.bytes().await.expect("body");
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "BOM");
    let text = String::from_utf8_lossy(&bytes[3..]).to_string();
    assert!(text.starts_with(HEADER), "{text}");
    // The template's example row imports cleanly.
    let rows = app::ssr::imports::parse::parse(&text, app::model::Lang::Id).expect("parse");
    assert!(rows.len() == 1 && rows[0].outcome.is_ok(), "{rows:?}");

    let other = s.server.new_client();
    s.server
        .user(
            Role::Admin,
            "admin-b@dinas.test",
            PASSWORD,
            Some(s.district_b),
        )
        .await;
    other.sign_in("admin-b@dinas.test", PASSWORD).await;
    let (status, _) = other
        .page(&format!("/admin/angkatan/{}/impor/templat.csv", s.cohort))
        .await;
    assert_eq!(status, 404, "another district's admin");
    let (status, _) = other
        .page(&format!("/admin/angkatan/{}/impor", s.cohort))
        .await;
    assert_eq!(status, 404, "the upload page too");

    let teacher = s.server.new_client();
    s.server
        .user(Role::Participant, "guru@sekolah.test", PASSWORD, None)
        .await;
    teacher.sign_in("guru@sekolah.test", PASSWORD).await;
    let (status, _) = teacher
        .page(&format!("/admin/angkatan/{}/impor/templat.csv", s.cohort))
        .await;
    assert_eq!(status, 403);
    let anonymous = s.server.new_client();
    let response = anonymous
        .get(&format!("/admin/angkatan/{}/impor/templat.csv", s.cohort))
        .await;
    assert_eq!(response.status(), 303);
    let _ = s.agency;
    s.server.stop().await;
}

#[tokio::test]
async fn rows_are_validated_with_line_numbers_duplicates_and_existing_accounts() {
    let s = setup(100).await;
    let db = &s.server.db;
    // An existing participant of a school in the admin's scope, matched by NIP (the row has
    // another e-mail).
    let existing = s
        .server
        .user(Role::Participant, "lama@guru.test", PASSWORD, None)
        .await;
    sqlx::query(
        "update app_user set nip = '198001012005011001', \
         institution_id = (select id from institution where npsn = '20300001') where id = $1",
    )
    .bind(existing.0)
    .execute(db)
    .await
    .expect("nip");
    // A mentor whose e-mail a row uses: not enrolled, and the report does not say why.
    s.server
        .user(Role::Mentor, "mentor@guru.test", PASSWORD, None)
        .await;
    let csv = format!(
        "\u{feff}{HEADER}\n\
         Sri Wahyuni;sri@guru.test;198609262015052001;1234567890123456;III/b;20300001;SMPN 1;SMP;IPA;33.01;0812-3456-7890\n\
         Budi Santoso;bukan-email;;;;20300001;;SD;;;\n\
         Rina;rina@guru.test;19860926 201505;;;20300001;;SD;;;\n\
         Agus;agus@guru.test;198609262015052001;;;20300002;;SMA;;;\n\
         Dewi;dewi@guru.test;;1234567890123456;;20300002;;SMA;;;\n\
         Eko;SRI@guru.test;;;;20300002;;SMK;;;\n\
         Guru Lama;baru@guru.test;198001012005011001;;;20300001;;SD;;;\n\
         Mentor;mentor@guru.test;;;;20300001;;SD;;;\n\
         ;tanpa-nama@guru.test;;;;K1234567;;TK;;;\n"
    );
    let job = upload_job(&s.server.client, s.cohort, &csv).await;
    let c = finished(db, job).await;
    assert_eq!(
        c,
        Counts {
            status: "done".into(),
            total: 9,
            processed: 9,
            created: 1,
            enrolled: 2,
            unchanged: 0,
            errors: 7
        }
    );
    let errs = errors(db, job).await;
    let find = |line: i64, field: &str| {
        errs.iter()
            .find(|(l, f, _)| *l == line && f == field)
            .map(|(_, _, m)| m.clone())
            .unwrap_or_else(|| panic!("no error at line {line} {field}: {errs:?}"))
    };
    assert!(
        find(3, "email").contains("e-mail") || find(3, "email").contains("E-mail"),
        "{}",
        find(3, "email")
    );
    assert!(
        find(4, "nip").contains("14"),
        "says how many digits: {}",
        find(4, "nip")
    );
    assert_eq!(find(5, "nip"), "Sama dengan baris 2 di berkas ini.");
    assert_eq!(find(6, "nuptk"), "Sama dengan baris 2 di berkas ini.");
    assert_eq!(find(7, "email"), "Sama dengan baris 2 di berkas ini.");
    assert!(
        find(9, "baris").starts_with("Tidak didaftarkan: data ini milik akun yang sudah ada"),
        "{}",
        find(9, "baris")
    );
    find(10, "nama");
    find(10, "jenjang_sekolah");
    // The existing account is used, not duplicated; the new one has no password and a profile.
    assert_eq!(
        scalar(
            db,
            "select count(*) from app_user where nip = '198001012005011001' and id = $1",
            existing.0
        )
        .await,
        1
    );
    assert_eq!(
        scalar(
            db,
            "select count(*) from app_user where email = 'baru@guru.test' and $1 = $1",
            0
        )
        .await,
        0
    );
    assert_eq!(
        scalar(db, "select count(*) from enrolment where cohort_id = $1 and status = 'approved' and source = 'import'", s.cohort).await,
        2
    );
    let (hash, institution, role): (String, Option<i64>, String) = sqlx::query_as(
        "select password_hash, institution_id, role from app_user where email = 'sri@guru.test'",
    )
    .fetch_one(db)
    .await
    .expect("created");
    assert_eq!((hash.as_str(), role.as_str()), ("", "participant"));
    assert!(
        institution.is_some(),
        "linked to the school with NPSN 20300001"
    );
    let (nuptk, rank, phone): (String, String, String) = sqlx::query_as(
        "select p.nuptk, p.rank, p.phone from participant_profile p join app_user u on u.id = p.user_id where u.email = 'sri@guru.test'",
    ).fetch_one(db).await.expect("profile");
    assert_eq!(
        (nuptk.as_str(), rank.as_str(), phone.as_str()),
        ("1234567890123456", "III/b", "081234567890")
    );
    assert_eq!(
        scalar(db, "select seats_taken from cohort where id = $1", s.cohort).await,
        2
    );

    // The imported account cannot sign in yet: a wrong-password answer, not a server error.
    let visitor = s.server.new_client();
    let response = visitor.sign_in("sri@guru.test", "").await;
    assert_eq!(
        response.status(),
        400,
        "empty password is refused by validation"
    );
    let response = visitor.sign_in("sri@guru.test", PASSWORD).await;
    assert_eq!(response.status(), 401);
    assert_eq!(
        error_of(response).await.kind,
        app::model::ErrorKind::Unauthenticated
    );

    // The page shows the errors with their lines; the report has them all and the summary.
    let (status, page) = s.server.client.page(&format!("/admin/impor/{job}")).await;
    assert_eq!(status, 200);
    assert!(
        page.contains("Sama dengan baris 2 di berkas ini.") && page.contains("Selesai"),
        "{page}"
    );
    assert!(
        !page.contains("http-equiv=\"refresh\""),
        "no refresh once done"
    );
    let response = s
        .server
        .client
        .get(&format!("/admin/impor/{job}/laporan.csv"))
        .await;
    assert_eq!(response.status(), 200);
    let report = response.text().await.expect("report");
    assert!(report.starts_with('\u{feff}'));
    assert!(
        report.contains("Akun baru;1") && report.contains("Baris bermasalah;7"),
        "{report}"
    );
    assert!(report.contains("Baris;Kolom;Masalah"), "{report}");
    assert!(
        report.contains("5;nip;Sama dengan baris 2 di berkas ini."),
        "{report}"
    );

    // The same file again changes nothing.
    let again = upload_job(&s.server.client, s.cohort, &csv).await;
    let c = finished(db, again).await;
    assert_eq!((c.created, c.enrolled, c.unchanged, c.errors), (0, 0, 2, 7));
    assert_eq!(
        scalar(
            db,
            "select count(*) from enrolment where cohort_id = $1",
            s.cohort
        )
        .await,
        2
    );
    assert_eq!(
        scalar(db, "select seats_taken from cohort where id = $1", s.cohort).await,
        2
    );

    // The upload page lists both imports.
    let (_, page) = s
        .server
        .client
        .page(&format!("/admin/angkatan/{}/impor", s.cohort))
        .await;
    assert!(
        page.contains(&format!("/admin/impor/{job}"))
            && page.contains(&format!("/admin/impor/{again}"))
    );
    s.server.stop().await;
}

#[tokio::test]
async fn comma_and_tab_files_without_bom_and_english_headers_work() {
    let s = setup(100).await;
    let db = &s.server.db;
    let comma = "Name,E-mail,NPSN,School level,Phone\n\
                 \"Wahyuni, Sri\",sri@koma.test,20300001,smp,+62 812 3456 7890\n\
                 Budi,budi@koma.test,20300002,SD,\n";
    let job = upload_job(&s.server.client, s.cohort, comma).await;
    let c = finished(db, job).await;
    assert_eq!(
        (c.status.as_str(), c.created, c.enrolled, c.errors),
        ("done", 2, 2, 0)
    );
    let name: String =
        sqlx::query_scalar("select name from app_user where email = 'sri@koma.test'")
            .fetch_one(db)
            .await
            .expect("name");
    assert_eq!(name, "Wahyuni, Sri");
    let tab = "nama\temail\tnpsn\tjenjang_sekolah\nTri\ttri@tab.test\t20300001\tSMA\n";
    let job = upload_job(&s.server.client, s.cohort, tab).await;
    assert_eq!(finished(db, job).await.created, 1);

    // Not UTF-8 (a spreadsheet's legacy encoding): the job fails with advice.
    let latin1 = b"nama;email;npsn;jenjang_sekolah\nSl\xE9man;x@y.test;20300001;SD\n".to_vec();
    let response = upload(&s.server.client, s.cohort, "lama.csv", latin1).await;
    let job: i64 = location(&response)
        .and_then(|l| l.rsplit('/').next().and_then(|id| id.parse().ok()))
        .expect("job");
    let c = finished(db, job).await;
    assert_eq!(c.status, "failed");
    let message: String = sqlx::query_scalar("select message from import_job where id = $1")
        .bind(job)
        .fetch_one(db)
        .await
        .expect("message");
    assert!(message.contains("CSV UTF-8"), "{message}");
    s.server.stop().await;
}

#[tokio::test]
async fn a_full_cohort_gives_row_errors_and_never_exceeds_its_quota() {
    let s = setup(3).await;
    let db = &s.server.db;
    let job = upload_job(
        &s.server.client,
        s.cohort,
        &generate_csv(5, 1, "kuota.test"),
    )
    .await;
    let c = finished(db, job).await;
    assert_eq!((c.created, c.enrolled, c.errors), (3, 3, 2));
    let errs = errors(db, job).await;
    assert_eq!(errs.iter().map(|e| e.0).collect::<Vec<_>>(), vec![5, 6]);
    assert!(
        errs.iter().all(|e| e.2 == "Kuota angkatan sudah penuh."),
        "{errs:?}"
    );
    assert_eq!(
        scalar(db, "select seats_taken from cohort where id = $1", s.cohort).await,
        3
    );
    assert_eq!(
        scalar(
            db,
            "select count(*) from app_user where role = 'participant' and $1 = $1",
            0
        )
        .await,
        3,
        "rows without a seat create no account"
    );
    s.server.stop().await;
}

#[tokio::test]
async fn uploads_are_refused_to_others_and_bad_files_go_back_to_the_form() {
    let s = setup(10).await;
    let db = &s.server.db;
    let csv = generate_csv(2, 2, "tolak.test");
    let teacher = s.server.new_client();
    s.server
        .user(Role::Participant, "guru@sekolah.test", PASSWORD, None)
        .await;
    teacher.sign_in("guru@sekolah.test", PASSWORD).await;
    assert_eq!(
        upload(&teacher, s.cohort, "a.csv", csv.clone().into_bytes())
            .await
            .status(),
        403
    );
    let other = s.server.new_client();
    s.server
        .user(
            Role::Admin,
            "admin-b@dinas.test",
            PASSWORD,
            Some(s.district_b),
        )
        .await;
    other.sign_in("admin-b@dinas.test", PASSWORD).await;
    assert_eq!(
        upload(&other, s.cohort, "a.csv", csv.clone().into_bytes())
            .await
            .status(),
        404
    );
    let anonymous = s.server.new_client();
    assert_eq!(
        upload(&anonymous, s.cohort, "a.csv", csv.into_bytes())
            .await
            .status(),
        303
    );
    assert_eq!(
        scalar(
            db,
            "select count(*) from import_job where cohort_id = $1",
            s.cohort
        )
        .await,
        0
    );

    // A workbook instead of a CSV: back to the form with the message next to the field.
    let page = format!("/admin/angkatan/{}/impor", s.cohort);
    let response = upload(
        &s.server.client,
        s.cohort,
        "peserta.xlsx",
        b"PK\x03\x04binary".to_vec(),
    )
    .await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response).as_deref(), Some(page.as_str()));
    let (status, body) = s.server.client.page(&page).await;
    assert_eq!(status, 400);
    assert!(body.contains("Berkas ini bukan CSV"), "{body}");
    let response = upload(&s.server.client, s.cohort, "kosong.csv", Vec::new()).await;
    assert_eq!(response.status(), 303);
    let (_, body) = s.server.client.page(&page).await;
    assert!(body.contains("Pilih berkas CSV"), "{body}");
    assert_eq!(
        scalar(
            db,
            "select count(*) from import_job where cohort_id = $1",
            s.cohort
        )
        .await,
        0
    );
    let _ = UserId(0);
    s.server.stop().await;
}

/// A database with an agency admin, a program and a cohort, without a server (so without a
/// worker): the test drives the import itself.
async fn bare(quota: i64) -> (FreshDatabase, Db, i64, UserId) {
    let fresh = FreshDatabase::create().await.expect("database");
    let db = server::db::connect(&fresh.url).await.expect("connect");
    let now = now_unix();
    let agency = app::ssr::institutions::insert(
        &db,
        "BPSDM",
        "province_agency",
        None,
        None,
        Some("33"),
        now,
    )
    .await
    .expect("agency");
    app::ssr::institutions::insert(
        &db,
        "Sekolah",
        "school",
        Some(agency),
        Some("20300001"),
        None,
        now,
    )
    .await
    .expect("school");
    let hash = app::ssr::password::hash(PASSWORD.to_string())
        .await
        .expect("hash");
    let admin = app::ssr::users::create(
        &db,
        app::ssr::users::NewUser {
            name: "Admin",
            email: "admin@bpsdm.test",
            password_hash: &hash,
            role: Role::Admin,
            nip: None,
            institution_id: Some(agency),
        },
        now,
    )
    .await
    .expect("admin");
    let program = fixtures::program(&db, agency, admin, "published").await;
    let cohort = fixtures::cohort(&db, program, "Angkatan", quota, admin).await;
    (fresh, db, cohort, admin)
}

async fn queue(db: &Db, dir: &std::path::Path, cohort: i64, admin: UserId, csv: &str) -> i64 {
    let job = app::ssr::imports::insert_job(
        db,
        cohort,
        admin.0,
        "peserta.csv",
        "sha",
        app::model::Lang::Id,
        now_unix(),
    )
    .await
    .expect("job");
    std::fs::create_dir_all(dir).expect("dir");
    std::fs::write(app::ssr::imports::worker::job_file(dir, job), csv).expect("file");
    job
}

/// What the database holds after an import, for comparing runs.
async fn outcome(
    db: &Db,
    job: i64,
    cohort: i64,
) -> (Counts, Vec<(i64, String, String)>, i64, i64, i64, i64) {
    (
        counts(db, job).await,
        errors(db, job).await,
        scalar(
            db,
            "select count(*) from app_user where role = 'participant' and $1 = $1",
            0,
        )
        .await,
        scalar(
            db,
            "select count(distinct email) from app_user where role = 'participant' and $1 = $1",
            0,
        )
        .await,
        scalar(
            db,
            "select count(*) from enrolment where cohort_id = $1",
            cohort,
        )
        .await,
        scalar(db, "select seats_taken from cohort where id = $1", cohort).await,
    )
}

#[tokio::test]
async fn a_crash_mid_import_resumes_to_the_same_result_as_a_clean_run() {
    // 2,500 rows with a few bad ones, in chunks of 400, quota smaller than the valid rows.
    let mut csv = generate_csv(2500, 9, "crash.test");
    csv.push_str("Tanpa Sekolah;tanpa@crash.test;;;;;;SD;;;\n");
    csv.push_str("Ganda;mentor.ganda@crash.test;;3000000000009000000;;20300001;;SD;;;\n");
    let options = RunOptions {
        chunk_rows: 400,
        stop_after_chunks: None,
    };

    let (clean_db_handle, clean_db, clean_cohort, clean_admin) = bare(2400).await;
    let clean_dir = clean_db_handle.data_dir.join("imports");
    let clean_job = queue(&clean_db, &clean_dir, clean_cohort, clean_admin, &csv).await;
    let end = run_job(
        &clean_db,
        &Storage::shared_directory(&clean_db_handle.data_dir),
        clean_job,
        options,
    )
    .await
    .expect("clean run");
    assert_eq!(end, RunEnd::Done);
    let clean = outcome(&clean_db, clean_job, clean_cohort).await;

    let (crash_db_handle, db, cohort, admin) = bare(2400).await;
    let dir = crash_db_handle.data_dir.join("imports");
    let job = queue(&db, &dir, cohort, admin, &csv).await;
    let storage = Storage::shared_directory(&crash_db_handle.data_dir);
    // The process "dies" after 3 committed chunks: the job is left running, part-done.
    let end = run_job(
        &db,
        &storage,
        job,
        RunOptions {
            stop_after_chunks: Some(3),
            ..options
        },
    )
    .await
    .expect("partial run");
    assert_eq!(end, RunEnd::Stopped);
    let part = counts(&db, job).await;
    assert_eq!((part.status.as_str(), part.processed), ("running", 1200));
    assert_eq!(
        scalar(
            &db,
            "select count(*) from enrolment where cohort_id = $1",
            cohort
        )
        .await,
        part.enrolled
    );
    // A chunk that dies mid-transaction leaves nothing: a second, aborted run.
    let aborted = tokio::spawn({
        let (db, storage) = (db.clone(), storage.clone());
        async move {
            run_job(
                &db,
                &storage,
                job,
                RunOptions {
                    chunk_rows: 400,
                    stop_after_chunks: None,
                },
            )
            .await
        }
    });
    aborted.abort();
    let _ = aborted.await;
    // Start-up resumes what a crash left running.
    app::ssr::imports::worker::run_pending(&db, &storage)
        .await
        .expect("resume");
    let resumed = outcome(&db, job, cohort).await;
    assert_eq!(resumed.0.status, "done");
    assert_eq!(resumed, clean, "the resumed import equals a clean run");
    assert_eq!(resumed.2, resumed.3, "no duplicate accounts");
    assert_eq!(resumed.4, resumed.5, "one seat per enrolment");
    assert_eq!(resumed.5, 2400, "quota reached, never exceeded");
    assert!(resumed
        .1
        .iter()
        .any(|e| e.2 == "Kuota angkatan sudah penuh."));

    for (handle, db) in [(clean_db_handle, clean_db), (crash_db_handle, db)] {
        db.close().await;
        handle.drop_database().await;
    }
}
