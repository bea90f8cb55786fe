//! The development record and the evidence portfolio over real HTTP: the record's JP, trainings,
//! certificates and the credit estimate of each period; the teacher's portfolio ZIP with every
//! piece of evidence; a cohort's certificates as one ZIP for its organiser only. Runs on SQLite,
//! and on PostgreSQL with `PAMONG_TEST_DATABASE_URL`.

use app::model::certificates::CertificateFacts;
use app::model::record::DevelopmentRecord;
use app::model::UserId;
use pamong_tests::completion_support::{attend, json, work_product};
use pamong_tests::sessions_support::SessionsWorld;
use std::io::Read;

fn facts(code: &str, number: &str, name: &str, jp: i64, issued_on: &str) -> CertificateFacts {
    CertificateFacts {
        code: code.into(),
        number: number.into(),
        version: 1,
        institution_id: 1,
        institution_name: "BPSDM Provinsi".into(),
        training_title: "Diklat Uji".into(),
        cohort_name: "Angkatan A".into(),
        starts_on: "2027-01-11".into(),
        ends_on: "2027-02-19".into(),
        place: "Daring".into(),
        participant_name: name.into(),
        nip: None,
        birth_place: None,
        birth_date: None,
        rank: None,
        position: None,
        participant_institution: None,
        result: "Lulus".into(),
        jp,
        signatory_name: "Kepala".into(),
        signatory_nip: None,
        signatory_title: "Kepala BPSDM".into(),
        signing_city: "Semarang".into(),
        issued_on: issued_on.into(),
    }
}

/// A passed decision and a certificate of `user` in `cohort` whose PDF is `pdf`.
async fn certify(w: &SessionsWorld, cohort: i64, user: UserId, seq: i64, pdf: &[u8]) -> String {
    let db = &w.server.db;
    let (enrolment,): (i64,) =
        sqlx::query_as("select id from enrolment where cohort_id = $1 and user_id = $2")
            .bind(cohort)
            .bind(user.0)
            .fetch_one(db)
            .await
            .expect("enrolment");
    let (admin, institution): (i64, i64) = sqlx::query_as(
        "select id, institution_id from app_user where role = 'admin' order by id limit 1",
    )
    .fetch_one(db)
    .await
    .expect("admin");
    sqlx::query(
        "insert into completion_decision (enrolment_id, cohort_id, user_id, passed, checklist_met, \
         decided_by, decided_at) values ($1, $2, $3, 1, 1, $4, 0)",
    )
    .bind(enrolment)
    .bind(cohort)
    .bind(user.0)
    .bind(admin)
    .execute(db)
    .await
    .expect("decision");
    let (name,): (String,) = sqlx::query_as("select name from app_user where id = $1")
        .bind(user.0)
        .fetch_one(db)
        .await
        .expect("name");
    let code = format!("KODE{seq:012}");
    let number = format!("{seq:05}/BPSDM/UJI/2026");
    let stored = format!("uji-{seq}.pdf");
    let dir = w.server.data_dir().join("sertifikat");
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(dir.join(&stored), pdf).expect("pdf");
    let facts =
        serde_json::to_string(&facts(&code, &number, &name, 32, "2026-12-01")).expect("json");
    sqlx::query(
        "insert into certificate (code, number, institution_id, year, seq, cohort_id, user_id, \
         enrolment_id, facts, pdf_stored_name, pdf_bytes, credential, issued_by, issued_at) \
         values ($1, $2, $3, 2026, $4, $5, $6, $7, $8, $9, $10, '{\"proof\":{}}', $11, 0)",
    )
    .bind(&code)
    .bind(&number)
    .bind(institution)
    .bind(seq)
    .bind(cohort)
    .bind(user.0)
    .bind(enrolment)
    .bind(facts)
    .bind(stored)
    .bind(pdf.len() as i64)
    .bind(admin)
    .execute(db)
    .await
    .expect("certificate");
    number
}

/// The files of a ZIP: (name, bytes).
fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a ZIP");
    (0..archive.len())
        .map(|n| {
            let mut file = archive.by_index(n).expect("entry");
            let mut data = Vec::new();
            file.read_to_end(&mut data).expect("read");
            (file.name().expect("a name").to_string(), data)
        })
        .collect()
}

#[tokio::test]
async fn the_record_lists_trainings_certificates_jp_and_a_marked_estimate() {
    let w = SessionsWorld::start().await;
    let session = w.session(w.cohort_a, "Sesi 1", -3600, 90).await;
    attend(&w, session, w.teacher_a_id, "present").await;
    sqlx::query("update participant_profile set rank = 'III/b' where user_id = $1")
        .bind(w.teacher_a_id.0)
        .execute(&w.server.db)
        .await
        .expect("rank");
    let number = certify(&w, w.cohort_a, w.teacher_a_id, 7, b"%PDF-1.7 uji").await;

    let record: DevelopmentRecord =
        json(w.teacher_a.call("my_development_record", &[]).await).await;
    assert_eq!(record.trainings.len(), 1);
    let training = &record.trainings[0];
    assert_eq!(training.passed, Some(true));
    assert_eq!(
        training.certificate.as_ref().map(|c| c.number.as_str()),
        Some(number.as_str())
    );
    assert_eq!(
        record.years.iter().map(|y| y.total).sum::<i64>(),
        2,
        "one session's JP"
    );
    // A 2027 training falls under the 2023 rules: evidence, no credit of its own.
    assert_eq!(training.legacy_credit, None);
    // The rank in the profile may be missing; when present, its jenjang is shown.
    let (status, page) = w.teacher_a.page("/peserta/rekam-jejak").await;
    assert_eq!(status, 200);
    assert!(page.contains(&number));
    assert!(page.contains("Perkiraan menurut aturan periodenya"));
    assert!(page.contains("href=\"/peserta/portofolio.zip\""));

    // A training that ended in 2022 counts under the legacy bands: 32 JP is 1 credit.
    sqlx::query("update cohort set starts_on = '2022-03-01', ends_on = '2022-04-30' where id = $1")
        .bind(w.cohort_a)
        .execute(&w.server.db)
        .await
        .expect("dates");
    let record: DevelopmentRecord =
        json(w.teacher_a.call("my_development_record", &[]).await).await;
    assert_eq!(
        record.trainings[0].legacy_credit,
        Some(app::model::credit::Credit::whole(1))
    );
    assert_eq!(
        record.legacy_credit_total,
        app::model::credit::Credit::whole(1)
    );

    // Staff have no record of their own; others' records are not reachable at all.
    let refused = w.admin.call("my_development_record", &[]).await;
    assert_eq!(refused.status(), 403);
}

#[tokio::test]
async fn the_portfolio_holds_every_piece_of_evidence_and_only_the_teachers_own() {
    let w = SessionsWorld::start().await;
    let session = w.session(w.cohort_a, "Sesi Pembuka", -3600, 90).await;
    attend(&w, session, w.teacher_a_id, "present").await;
    work_product(&w, w.cohort_a, w.teacher_a_id, "approved").await;
    let (post,): (i64,) = sqlx::query_as("select id from work_post where author_id = $1")
        .bind(w.teacher_a_id.0)
        .fetch_one(&w.server.db)
        .await
        .expect("post");
    sqlx::query(
        "insert into post_revision (post_id, number, title, body_markdown, body_html, created_by, \
         created_at) values ($1, 1, 'Modul ajar', 'x', '<p id=\"b1\">Isi revisi akhir</p>', $2, 0)",
    )
    .bind(post)
    .bind(w.teacher_a_id.0)
    .execute(&w.server.db)
    .await
    .expect("revision");
    let pdf = b"%PDF-1.7 sertifikat guru A".to_vec();
    let number = certify(&w, w.cohort_a, w.teacher_a_id, 1, &pdf).await;
    certify(&w, w.cohort_a, w.teacher_b_id, 2, b"%PDF-1.7 guru B").await;
    // A's credential was never made: the portfolio makes and signs it.
    sqlx::query("update certificate set credential = null where seq = 1")
        .execute(&w.server.db)
        .await
        .expect("no credential yet");

    let response = w.teacher_a.get("/peserta/portofolio.zip").await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("application/zip")
    );
    let files = unzip(&response.bytes().await.expect("body"));
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    let file = |name: &str| {
        files
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, d)| String::from_utf8_lossy(d).to_string())
            .unwrap_or_else(|| panic!("{name} in {names:?}"))
    };
    let stem = number.replace('/', "-");
    assert_eq!(file(&format!("sertifikat/{stem}.pdf")).as_bytes(), &pdf[..]);
    let signed = file(&format!("sertifikat/{stem}.json"));
    assert!(
        signed.contains("eddsa-jcs-2022") && signed.contains("OpenBadgeCredential"),
        "{signed}"
    );
    assert!(file(&format!("karya/{post}-Modul-ajar.html")).contains("Isi revisi akhir"));
    assert!(file("kehadiran.csv").contains("Sesi Pembuka"));
    assert!(file("kehadiran.csv").contains("Hadir"));
    assert!(file("skor-rubrik.csv").contains("Rubrik"));
    let index = file("index.html");
    assert!(index.contains(&number) && index.contains("Diklat Uji"));
    assert!(index.contains(&format!("sertifikat/{stem}.pdf")));
    assert!(
        !names.iter().any(|n| n.contains("00002")),
        "not B's certificate: {names:?}"
    );

    // A browser that accepts compressed answers gets the same archive, whole and not compressed
    // again (a ZIP holds compressed files; compressing a stream also re-polled its ended body).
    for encoding in ["gzip", "br", "gzip, deflate, br, zstd"] {
        let response = w
            .teacher_a
            .http
            .get(w.teacher_a.url("/peserta/portofolio.zip"))
            .header("accept-encoding", encoding)
            .send()
            .await
            .expect("GET");
        assert_eq!(response.status(), 200);
        assert_eq!(
            response.headers().get("content-encoding"),
            None,
            "{encoding}"
        );
        let again = unzip(&response.bytes().await.expect("the whole archive"));
        let again: Vec<&str> = again.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(again, names, "{encoding}");
    }

    // Staff have no portfolio of their own (403); signed out, the browser goes to sign in.
    let refused = w.admin.get("/peserta/portofolio.zip").await;
    assert_eq!(refused.status(), 403);
}

#[tokio::test]
async fn a_cohorts_certificates_come_as_one_zip_for_its_organiser_only() {
    let w = SessionsWorld::start().await;
    certify(&w, w.cohort_a, w.teacher_a_id, 1, b"%PDF A").await;
    certify(&w, w.cohort_a, w.teacher_b_id, 2, b"%PDF B").await;
    // Revoked certificates are left out.
    certify(&w, w.cohort_a, w.teacher_c_id, 3, b"%PDF C").await;
    sqlx::query("update certificate set status = 'revoked' where seq = 3")
        .execute(&w.server.db)
        .await
        .expect("revoke");
    let path = format!("/admin/angkatan/{}/sertifikat.zip", w.cohort_a);
    let response = w.admin.get(&path).await;
    assert_eq!(response.status(), 200);
    let files = unzip(&response.bytes().await.expect("body"));
    let mut contents: Vec<String> = files
        .iter()
        .map(|(_, d)| String::from_utf8_lossy(d).to_string())
        .collect();
    contents.sort();
    assert_eq!(contents, vec!["%PDF A", "%PDF B"]);
    assert!(files
        .iter()
        .all(|(n, _)| n.ends_with(".pdf") && n.starts_with("0000")));

    // A mentor, a participant: 403; a cohort out of reach: 404.
    assert_eq!(w.mentor.get(&path).await.status(), 403);
    assert_eq!(w.teacher_a.get(&path).await.status(), 403);
    assert_eq!(
        w.admin
            .get("/admin/angkatan/999999/sertifikat.zip")
            .await
            .status(),
        404
    );
}
