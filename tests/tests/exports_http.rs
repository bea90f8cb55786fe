//! Dashboard exports over real HTTP: a cohort's participant list as CSV and XLSX with values
//! computed by hand, who sees which rows, who is refused, formula neutralising, and the refusals
//! of the dashboard table and report routes.
//!
//! The dataset (pre-test and post-test of five points; sessions S1 of 4 JP and S2 of 3 JP; S3 of
//! 5 JP belongs to another cohort):
//!
//! | who       | group | attendance              | pre  | post | g      | decision    | certificate      |
//! |-----------|-------|-------------------------|------|------|--------|-------------|------------------|
//! | P1 Sri    | A     | S1 present, S2 late, S3 | 40   | 80   | 0.6667 | passed      | valid 00001/…    |
//! | P2 Budi   | B     | S1 present, S2 absent   | 60   | 90   | 0.75   | not passed  | revoked: none    |
//! | P3 =HYPER | A     | S1 excused              | –    | –    | –      | –           | –                |
//! | P4        | A     | withdrawn: never listed |      |      |        |             |                  |
//! | P5 Dewi   | –     | none                    | 20   | –    | –      | –           | –                |

use app::model::{Role, UserId};
use calamine::{Data, Reader, Xlsx};
use pamong_tests::exports_support::{self as es, Profile};
use pamong_tests::fixtures;
use pamong_tests::harness::{location, Client, TestServer};
use pamong_tests::quiz_results_support as qs;

const PASSWORD: &str = "kata-sandi-uji-1";
const HOSTILE: &str = "=HYPERLINK(\"http://x.example\",\"klik\")";

struct Dataset {
    server: TestServer,
    cohort: i64,
}

async fn dataset() -> Dataset {
    let server = TestServer::start().await;
    let inst = server.institutions().await;
    let mut staff = Vec::new();
    for (role, email, place) in [
        (Role::Admin, "admin@bpsdm.go.id", inst.agency),
        (Role::Admin, "admin@dinas-a.go.id", inst.district_a),
        (Role::Admin, "admin@dinas-b.go.id", inst.district_b),
        (Role::Mentor, "mentor.a@dinas.go.id", inst.district_a),
        (Role::Mentor, "mentor.b@dinas.go.id", inst.district_a),
        (Role::Mentor, "mentor.angkatan@dinas.go.id", inst.district_a),
        (Role::Participant, "peserta@sekolah.sch.id", inst.school_a),
    ] {
        staff.push(server.user(role, email, PASSWORD, Some(place)).await);
    }
    let (admin, mentor_a, mentor_b, named) = (staff[1], staff[3], staff[4], staff[5]);
    let db = &server.db;
    let program = fixtures::program(db, inst.district_a, admin, "published").await;
    let cohort = fixtures::cohort(db, program, "Angkatan Uji", 100, admin).await;
    let other_cohort = fixtures::cohort(db, program, "Angkatan Lain", 100, admin).await;
    sqlx::query("insert into cohort_mentor (cohort_id, user_id) values ($1, $2)")
        .bind(cohort)
        .bind(named.0)
        .execute(db)
        .await
        .expect("named mentor");
    let group_a = qs::group(db, cohort, "Kelompok A", Some(mentor_a)).await;
    let group_b = qs::group(db, cohort, "Kelompok B", Some(mentor_b)).await;

    let names = [
        "Sri Wahyuni",
        "Budi Santoso",
        HOSTILE,
        "Peserta Mundur",
        "Dewi Lestari",
    ];
    let groups = [
        Some(group_a),
        Some(group_b),
        Some(group_a),
        Some(group_a),
        None,
    ];
    let mut users: Vec<UserId> = Vec::new();
    let mut enrolments = Vec::new();
    for (k, (name, group)) in names.iter().zip(groups).enumerate() {
        let user = qs::participant(db, name, &format!("p{}@sekolah.sch.id", k + 1)).await;
        let enrolment = fixtures::approved_enrolment(db, cohort, user).await;
        if let Some(group) = group {
            qs::join_group(db, enrolment, group).await;
        }
        users.push(user);
        enrolments.push(enrolment);
    }
    qs::set_status(db, enrolments[3], "withdrawn").await;
    let p = &users;
    es::profile(
        db,
        p[0],
        &Profile {
            nip: Some("198609262015052001"),
            rank: Some("III/b"),
            region_code: Some("33.01.05"),
            school_level: Some("SD"),
            subject: Some("Guru Kelas"),
        },
    )
    .await;
    es::profile(
        db,
        p[1],
        &Profile {
            nip: None,
            rank: Some("Guru Honorer"),
            region_code: Some("33.02"),
            school_level: Some("SMP"),
            subject: Some("Matematika"),
        },
    )
    .await;
    es::profile(
        db,
        p[4],
        &Profile {
            nip: None,
            rank: Some("IV/a"),
            region_code: None,
            school_level: None,
            subject: None,
        },
    )
    .await;

    let s1 = es::session(db, cohort, "Sesi 1", 4).await;
    let s2 = es::session(db, cohort, "Sesi 2", 3).await;
    let s3 = es::session(db, other_cohort, "Sesi lain", 5).await;
    es::attend(db, s1, p[0], "present").await;
    es::attend(db, s2, p[0], "late").await;
    es::attend(db, s3, p[0], "present").await;
    es::attend(db, s1, p[1], "present").await;
    es::attend(db, s2, p[1], "absent").await;
    es::attend(db, s1, p[2], "excused").await;
    es::attend(db, s1, p[3], "present").await;

    let questions = [
        qs::question(db, program, admin, "Apa itu HOTS?", 1).await,
        qs::question(db, program, admin, "Contoh asesmen formatif", 1).await,
        qs::question(db, program, admin, "Susun rubrik", 2).await,
        qs::question(db, program, admin, "Refleksi pembelajaran", 1).await,
    ];
    let pre = qs::quiz(db, cohort, "Pre-test", "pre", 65, admin, &questions).await;
    let post = qs::quiz(db, cohort, "Post-test", "post", 65, admin, &questions).await;
    let items = |scores: [i64; 4]| -> Vec<(i64, i64)> {
        questions.iter().zip(scores).map(|(q, s)| (*q, s)).collect()
    };
    for (quiz, user, scores) in [
        (pre, p[0], [1000, 0, 1000, 0]),
        (post, p[0], [1000, 1000, 2000, 0]),
        (pre, p[1], [1000, 1000, 1000, 0]),
        (post, p[1], [1000, 1000, 2000, 500]),
        (pre, p[4], [1000, 0, 0, 0]),
        (post, p[3], [1000, 1000, 2000, 1000]),
    ] {
        qs::attempt(db, quiz, user, 1, 5, 65, &items(scores), true).await;
    }

    es::decide(db, cohort, enrolments[0], p[0], true, admin).await;
    es::decide(db, cohort, enrolments[1], p[1], false, admin).await;
    let institution = inst.district_a.0;
    es::certificate(
        db,
        institution,
        cohort,
        enrolments[0],
        p[0],
        1,
        "00001/BPSDM/LITDIG/2027",
        "valid",
        admin,
    )
    .await;
    es::certificate(
        db,
        institution,
        cohort,
        enrolments[1],
        p[1],
        2,
        "00002/BPSDM/LITDIG/2027",
        "revoked",
        admin,
    )
    .await;
    Dataset { server, cohort }
}

const HEADER: [&str; 15] = [
    "Nama",
    "NIP",
    "Pangkat/golongan",
    "Jenjang jabatan",
    "Kabupaten/kota (kode)",
    "Jenjang sekolah",
    "Mata pelajaran",
    "Kelompok",
    "Sesi dihadiri",
    "JP dihadiri",
    "Pre-test (%)",
    "Post-test (%)",
    "N-gain",
    "Keputusan",
    "Nomor sertifikat",
];

/// The rows of the participant CSV as the cells are written in the file (a neutralised cell
/// keeps its quote).
fn expected_csv() -> Vec<Vec<String>> {
    let hostile = format!("'{HOSTILE}");
    let rows: [[&str; 15]; 5] = [
        HEADER,
        [
            "Sri Wahyuni",
            "19860926 201505 2 001",
            "Penata Muda Tingkat I, III/b",
            "Ahli Pertama",
            "33.01",
            "SD",
            "Guru Kelas",
            "Kelompok A",
            "2",
            "7",
            "40,00",
            "80,00",
            "0,6667",
            "Lulus",
            "00001/BPSDM/LITDIG/2027",
        ],
        [
            "Budi Santoso",
            "",
            "Guru Honorer",
            "",
            "33.02",
            "SMP",
            "Matematika",
            "Kelompok B",
            "1",
            "4",
            "60,00",
            "90,00",
            "0,7500",
            "Tidak lulus",
            "",
        ],
        [
            &hostile,
            "",
            "",
            "",
            "",
            "",
            "",
            "Kelompok A",
            "0",
            "0",
            "",
            "",
            "",
            "",
            "",
        ],
        [
            "Dewi Lestari",
            "",
            "Pembina, IV/a",
            "Ahli Madya",
            "",
            "",
            "",
            "",
            "0",
            "0",
            "20,00",
            "",
            "",
            "",
            "",
        ],
    ];
    rows.iter()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

async fn signed_in(server: &TestServer, email: &str) -> Client {
    let client = server.new_client();
    client.sign_in(email, PASSWORD).await;
    client
}

async fn csv_records(client: &Client, path: &str) -> Vec<Vec<String>> {
    let response = client.get(path).await;
    assert_eq!(response.status(), 200, "{path}");
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string()
    };
    assert!(header("content-type").starts_with("text/csv"));
    assert!(
        header("content-disposition").contains(".csv"),
        "{}",
        header("content-disposition")
    );
    let body = response.bytes().await.expect("body");
    let body = body.strip_prefix(b"\xEF\xBB\xBF").expect("byte-order mark");
    csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .from_reader(body)
        .records()
        .map(|r| r.expect("record").iter().map(str::to_string).collect())
        .collect()
}

/// The first sheet of the XLSX at `path`: its name and cells.
async fn xlsx_rows(client: &Client, path: &str) -> (String, Vec<Vec<Data>>) {
    let response = client.get(path).await;
    assert_eq!(response.status(), 200, "{path}");
    let kind = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    assert_eq!(
        kind,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    let body = response.bytes().await.expect("body").to_vec();
    let mut book: Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(body)).expect("an XLSX file");
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).expect("sheet");
    (name, range.rows().map(|r| r.to_vec()).collect())
}

#[tokio::test]
async fn participant_csv_has_the_hand_computed_values_for_each_reader() {
    let d = dataset().await;
    let path = |prefix: &str| format!("/{prefix}/angkatan/{}/dasbor/peserta.csv", d.cohort);
    let expected = expected_csv();

    // Admins with the cohort in scope and the mentor named on the cohort: every participant.
    for email in ["admin@bpsdm.go.id", "admin@dinas-a.go.id"] {
        let client = signed_in(&d.server, email).await;
        assert_eq!(
            csv_records(&client, &path("admin")).await,
            expected,
            "{email}"
        );
    }
    let named = signed_in(&d.server, "mentor.angkatan@dinas.go.id").await;
    assert_eq!(csv_records(&named, &path("mentor")).await, expected);

    // A group's mentor: only their group's rows.
    let mentor_a = signed_in(&d.server, "mentor.a@dinas.go.id").await;
    let rows = csv_records(&mentor_a, &path("mentor")).await;
    assert_eq!(
        rows,
        vec![
            expected[0].clone(),
            expected[1].clone(),
            expected[3].clone()
        ]
    );
    let mentor_b = signed_in(&d.server, "mentor.b@dinas.go.id").await;
    let rows = csv_records(&mentor_b, &path("mentor")).await;
    assert_eq!(rows, vec![expected[0].clone(), expected[2].clone()]);

    // The hostile name is neutralised: the cell starts with a quote, never with `=`.
    assert!(expected[3][0].starts_with("'="));

    // Another district's admin, a participant and a mentor of nothing: the 404 of a missing id.
    for email in ["admin@dinas-b.go.id", "peserta@sekolah.sch.id"] {
        let client = signed_in(&d.server, email).await;
        for prefix in ["admin", "mentor"] {
            for file in ["peserta.csv", "peserta.xlsx"] {
                let response = client
                    .get(&format!("/{prefix}/angkatan/{}/dasbor/{file}", d.cohort))
                    .await;
                assert_eq!(response.status(), 404, "{email} {prefix} {file}");
            }
        }
    }
    let admin = signed_in(&d.server, "admin@bpsdm.go.id").await;
    let missing = admin.get("/admin/angkatan/999999/dasbor/peserta.csv").await;
    assert_eq!(missing.status(), 404);

    // A visitor is sent to sign in.
    let visitor = Client::new(&d.server.url);
    for file in ["peserta.csv", "peserta.xlsx"] {
        let response = visitor
            .get(&format!("/admin/angkatan/{}/dasbor/{file}", d.cohort))
            .await;
        assert_eq!(response.status(), 303, "{file}");
        assert!(location(&response).is_some_and(|l| l.starts_with("/masuk")));
    }
    d.server.stop().await;
}

/// The body of `path` asked with `Accept-Encoding: encoding`, with the encoding it came in.
async fn encoded(client: &Client, path: &str, encoding: &str) -> (Option<String>, Vec<u8>) {
    let response = client
        .http
        .get(client.url(path))
        .header("accept-encoding", encoding)
        .send()
        .await
        .expect("GET");
    assert_eq!(response.status(), 200, "{path}");
    let used = response
        .headers()
        .get("content-encoding")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let body = response.bytes().await;
    let body = body.unwrap_or_else(|err| panic!("{path} with {encoding} cut off: {err}"));
    (used, body.to_vec())
}

#[tokio::test]
async fn a_streamed_csv_arrives_whole_when_compressed() {
    let d = dataset().await;
    let admin = signed_in(&d.server, "admin@bpsdm.go.id").await;
    let path = format!("/admin/angkatan/{}/dasbor/peserta.csv", d.cohort);
    let (plain_encoding, plain) = encoded(&admin, &path, "identity").await;
    assert_eq!(plain_encoding, None);
    assert!(
        plain.starts_with(b"\xEF\xBB\xBF"),
        "a CSV with its byte-order mark"
    );
    // Several times each: the compression layer polled the ended stream once more, which cut
    // the answer off in some runs and not others.
    for _ in 0..5 {
        let (used, body) = encoded(&admin, &path, "gzip").await;
        assert_eq!(used.as_deref(), Some("gzip"));
        let mut decoded = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&body[..]), &mut decoded)
            .expect("a complete gzip stream");
        assert_eq!(decoded, plain);
        let (used, body) = encoded(&admin, &path, "br").await;
        assert_eq!(used.as_deref(), Some("br"));
        assert!(!body.is_empty());
    }
    d.server.stop().await;
}

fn close(cell: &Data, expected: f64) -> bool {
    matches!(cell, Data::Float(x) if (x - expected).abs() < 1e-9)
}

#[tokio::test]
async fn participant_xlsx_opens_with_numbers_as_numbers() {
    let d = dataset().await;
    let admin = signed_in(&d.server, "admin@dinas-a.go.id").await;
    let (name, rows) = xlsx_rows(
        &admin,
        &format!("/admin/angkatan/{}/dasbor/peserta.xlsx", d.cohort),
    )
    .await;
    assert_eq!(name, "Peserta Angkatan Uji");
    assert_eq!(rows.len(), 1 + 4);
    let header: Vec<Data> = HEADER.iter().map(|h| Data::String(h.to_string())).collect();
    assert_eq!(rows[0], header);

    let sri = &rows[1];
    assert_eq!(sri[0], Data::String("Sri Wahyuni".into()));
    assert_eq!(sri[1], Data::String("19860926 201505 2 001".into()));
    assert_eq!(sri[2], Data::String("Penata Muda Tingkat I, III/b".into()));
    assert_eq!(sri[4], Data::String("33.01".into()));
    assert_eq!(sri[7], Data::String("Kelompok A".into()));
    assert!(close(&sri[8], 2.0) && close(&sri[9], 7.0), "{sri:?}");
    // Shares as numbers formatted as percentages; the gain as a number.
    assert!(close(&sri[10], 0.4) && close(&sri[11], 0.8), "{sri:?}");
    assert!(close(&sri[12], 2.0 / 3.0), "{sri:?}");
    assert_eq!(sri[13], Data::String("Lulus".into()));
    assert_eq!(sri[14], Data::String("00001/BPSDM/LITDIG/2027".into()));

    let budi = &rows[2];
    assert!(close(&budi[10], 0.6) && close(&budi[11], 0.9) && close(&budi[12], 0.75));
    assert_eq!(budi[1], Data::Empty);
    assert_eq!(budi[13], Data::String("Tidak lulus".into()));
    assert_eq!(budi[14], Data::Empty);

    // The hostile name is a string cell (a string is never run as a formula).
    let hostile = &rows[3];
    assert_eq!(hostile[0], Data::String(HOSTILE.into()));
    assert!(close(&hostile[8], 0.0) && hostile[10] == Data::Empty);

    let dewi = &rows[4];
    assert!(close(&dewi[10], 0.2) && dewi[11] == Data::Empty && dewi[12] == Data::Empty);

    // A group's mentor: their group only.
    let mentor_a = signed_in(&d.server, "mentor.a@dinas.go.id").await;
    let (_, rows) = xlsx_rows(
        &mentor_a,
        &format!("/mentor/angkatan/{}/dasbor/peserta.xlsx", d.cohort),
    )
    .await;
    let names: Vec<&Data> = rows.iter().skip(1).map(|r| &r[0]).collect();
    assert_eq!(
        names,
        [
            &Data::String("Sri Wahyuni".into()),
            &Data::String(HOSTILE.into())
        ]
    );
    d.server.stop().await;
}

#[tokio::test]
async fn dashboard_tables_and_the_report_refuse_what_is_not_theirs() {
    let d = dataset().await;
    let c = d.cohort;
    let admin = signed_in(&d.server, "admin@dinas-a.go.id").await;
    // No such table, or no such file type: 404.
    for path in [
        format!("/admin/angkatan/{c}/dasbor/tidak-ada.csv"),
        format!("/admin/angkatan/{c}/dasbor/tidak-ada.xlsx"),
        "/admin/dasbor/ekspor/tidak-ada.csv".to_string(),
        "/admin/dasbor/ekspor/corong.pdf".to_string(),
        "/admin/dasbor/ekspor/Corong.csv".to_string(),
        "/admin/program/1/dasbor/tidak-ada.xlsx".to_string(),
        "/mentor/dasbor/tidak-ada.csv".to_string(),
    ] {
        assert_eq!(admin.get(&path).await.status(), 404, "{path}");
    }
    // Another district's admin gets nothing of this cohort.
    let other = signed_in(&d.server, "admin@dinas-b.go.id").await;
    for path in [
        format!("/admin/angkatan/{c}/dasbor/corong.csv"),
        format!("/admin/angkatan/{c}/laporan.pdf"),
    ] {
        assert_eq!(other.get(&path).await.status(), 404, "{path}");
    }
    // A visitor is sent to sign in.
    let visitor = Client::new(&d.server.url);
    for path in [
        format!("/admin/angkatan/{c}/dasbor/corong.csv"),
        "/admin/dasbor/ekspor/corong.xlsx".to_string(),
        "/mentor/dasbor/corong.csv".to_string(),
        format!("/admin/angkatan/{c}/laporan.pdf"),
    ] {
        let response = visitor.get(&path).await;
        assert_eq!(response.status(), 303, "{path}");
        assert!(location(&response).is_some_and(|l| l.starts_with("/masuk")));
    }
    d.server.stop().await;
}
