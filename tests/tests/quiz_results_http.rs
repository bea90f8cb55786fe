//! Quiz results and learning gain for staff over real HTTP: the numbers of a small dataset
//! computed by hand, the same numbers in the CSV exports, who gets a 404, and paging.
//!
//! The dataset (pre-test and post-test of five points: q1, q2, q4 one point each, q3 two):
//!
//! | who | group | pre (first finished)      | post (best finished)        | g       |
//! |-----|-------|---------------------------|-----------------------------|---------|
//! | P1  | A     | 40 (then 100, not counted) | 80 (then 60, not counted)  | 2/3     |
//! | P2  | A     | 60                        | 90 (3 + 1.5 partial)        | 3/4     |
//! | P3  | A     | 100                       | 100                         | ceiling |
//! | P4  | B     | 20                        | 60                          | 1/2     |
//! | P5  | B     | 0                         | open attempt only           | none    |
//! | P6  | B     | none                      | 100                         | none    |
//! | P7  | –     | withdrawn: never counted  | 100                         |         |
//!
//! Cohort (matched P1–P4): mean pre 55, mean post 82.5, ⟨g⟩ = 27.5 / 45 = 0.6111,
//! mean of gains (2/3 + 3/4 + 1/2) / 3 = 0.6389. Group A: ⟨g⟩ = (90 − 66.67) / 33.33 = 0.7.
//! Post-test: 5 finished, mean 86, median 90, 4 of 5 pass (65 %). Items (k = 1: upper P3,
//! lower P4): q1 p 1.0 D 0; q2 p 0.8 D 1; q3 p 0.95 D 0; q4 p 0.6 D 1.

use app::model::quizzes::{GainReport, QuizReport};
use app::model::{InstitutionId, Role, UserId};
use app::ssr::db::now_unix;
use app::ssr::institutions;
use pamong_tests::fixtures;
use pamong_tests::harness::{location, Client, TestServer};
use pamong_tests::quiz_results_support as qs;

const PASSWORD: &str = "kata-sandi-uji-1";

/// Name, pre, post and gain of a participant row.
type GainLine<'a> = (&'a str, Option<f64>, Option<f64>, Option<f64>);

struct Dataset {
    server: TestServer,
    agency: InstitutionId,
    admin: UserId,
    program: i64,
    cohort: i64,
    pre: i64,
    post: i64,
    group_a: i64,
    group_b: i64,
    users: Vec<UserId>,
}

fn close(actual: Option<f64>, expected: f64) -> bool {
    actual.is_some_and(|a| (a - expected).abs() < 1e-6)
}

async fn dataset() -> Dataset {
    let server = TestServer::start().await;
    let inst = server.institutions().await;
    let admin = server
        .user(
            Role::Admin,
            "admin@dinas.go.id",
            PASSWORD,
            Some(inst.agency),
        )
        .await;
    let mentor_a = server
        .user(
            Role::Mentor,
            "mentor.a@dinas.go.id",
            PASSWORD,
            Some(inst.agency),
        )
        .await;
    let mentor_b = server
        .user(
            Role::Mentor,
            "mentor.b@dinas.go.id",
            PASSWORD,
            Some(inst.agency),
        )
        .await;
    server.client.sign_in("admin@dinas.go.id", PASSWORD).await;
    let db = &server.db;
    let program = fixtures::program(db, inst.agency, admin, "published").await;
    let cohort = fixtures::cohort(db, program, "Angkatan 1", 100, admin).await;
    let group_a = qs::group(db, cohort, "Kelompok A", Some(mentor_a)).await;
    let group_b = qs::group(db, cohort, "Kelompok B", Some(mentor_b)).await;

    let q1 = qs::question(db, program, admin, "Apa itu HOTS?", 1).await;
    let q2 = qs::question(db, program, admin, "Contoh asesmen formatif", 1).await;
    let q3 = qs::question(db, program, admin, "Susun rubrik", 2).await;
    let q4 = qs::question(db, program, admin, "Refleksi pembelajaran", 1).await;
    let questions = [q1, q2, q3, q4];
    let pre = qs::quiz(db, cohort, "Pre-test Modul 1", "pre", 65, admin, &questions).await;
    let post = qs::quiz(
        db,
        cohort,
        "Post-test Modul 1",
        "post",
        65,
        admin,
        &questions,
    )
    .await;

    let mut users = Vec::new();
    for (k, group) in [
        Some(group_a),
        Some(group_a),
        Some(group_a),
        Some(group_b),
        Some(group_b),
        Some(group_b),
        None,
    ]
    .into_iter()
    .enumerate()
    {
        // Names sort in the order P1…P7.
        let user = qs::participant(
            db,
            &format!("Peserta {}", k + 1),
            &format!("p{}@sekolah.sch.id", k + 1),
        )
        .await;
        let enrolment = fixtures::approved_enrolment(db, cohort, user).await;
        if let Some(group) = group {
            qs::join_group(db, enrolment, group).await;
        }
        if k == 6 {
            qs::set_status(db, enrolment, "withdrawn").await;
        }
        users.push(user);
    }
    let items = |scores: [i64; 4]| -> Vec<(i64, i64)> {
        questions.iter().zip(scores).map(|(q, s)| (*q, s)).collect()
    };
    let p = &users;
    // Pre-test: the first finished attempt counts.
    qs::attempt(db, pre, p[0], 1, 5, 65, &items([1000, 0, 1000, 0]), true).await;
    qs::attempt(
        db,
        pre,
        p[0],
        2,
        5,
        65,
        &items([1000, 1000, 2000, 1000]),
        true,
    )
    .await;
    qs::attempt(db, pre, p[1], 1, 5, 65, &items([1000, 1000, 1000, 0]), true).await;
    qs::attempt(
        db,
        pre,
        p[2],
        1,
        5,
        65,
        &items([1000, 1000, 2000, 1000]),
        true,
    )
    .await;
    qs::attempt(db, pre, p[3], 1, 5, 65, &items([1000, 0, 0, 0]), true).await;
    qs::attempt(db, pre, p[4], 1, 5, 65, &items([0, 0, 0, 0]), true).await;
    // Post-test: the best finished attempt counts. P3 before P6 (equal scores rank by id).
    qs::attempt(
        db,
        post,
        p[0],
        1,
        5,
        65,
        &items([1000, 1000, 2000, 0]),
        true,
    )
    .await;
    qs::attempt(db, post, p[0], 2, 5, 65, &items([1000, 0, 2000, 0]), true).await;
    qs::attempt(
        db,
        post,
        p[1],
        1,
        5,
        65,
        &items([1000, 1000, 1500, 1000]),
        true,
    )
    .await;
    qs::attempt(
        db,
        post,
        p[2],
        1,
        5,
        65,
        &items([1000, 1000, 2000, 1000]),
        true,
    )
    .await;
    qs::attempt(db, post, p[3], 1, 5, 65, &items([1000, 0, 2000, 0]), true).await;
    qs::attempt(
        db,
        post,
        p[4],
        1,
        5,
        65,
        &items([1000, 1000, 2000, 1000]),
        false,
    )
    .await;
    qs::attempt(
        db,
        post,
        p[5],
        1,
        5,
        65,
        &items([1000, 1000, 2000, 1000]),
        true,
    )
    .await;
    qs::attempt(
        db,
        post,
        p[6],
        1,
        5,
        65,
        &items([1000, 1000, 2000, 1000]),
        true,
    )
    .await;
    Dataset {
        agency: inst.agency,
        admin,
        program,
        cohort,
        pre,
        post,
        group_a,
        group_b,
        users,
        server,
    }
}

async fn quiz_report(client: &Client, quiz: i64, extra: &[(&str, &str)]) -> reqwest::Response {
    let quiz = quiz.to_string();
    let mut form = vec![("quiz_id", quiz.as_str())];
    form.extend_from_slice(extra);
    client.call("quiz_results", &form).await
}

async fn gain_report(client: &Client, cohort: i64, extra: &[(&str, &str)]) -> reqwest::Response {
    let cohort = cohort.to_string();
    let mut form = vec![("cohort_id", cohort.as_str())];
    form.extend_from_slice(extra);
    client.call("cohort_gain", &form).await
}

/// The CSV at `path` as records, header first (Pamong's format: a byte-order mark, `;`).
async fn csv_records(client: &Client, path: &str) -> Vec<Vec<String>> {
    let response = client.get(path).await;
    assert_eq!(response.status(), 200, "{path}");
    let kind = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    assert!(kind.starts_with("text/csv"), "{kind}");
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

#[tokio::test]
async fn quiz_results_match_the_hand_computation_on_page_server_fn_and_csv() {
    let d = dataset().await;
    let client = &d.server.client;

    let response = quiz_report(client, d.post, &[]).await;
    assert_eq!(response.status(), 200);
    let r: QuizReport = response.json().await.expect("report");
    assert!(!r.counts_first_attempt);
    assert!(!r.own_groups_only);
    let s = &r.summary;
    assert_eq!(
        s.finished, 5,
        "P5's open attempt and withdrawn P7 are not counted"
    );
    assert_eq!(s.passed, 4);
    assert!(close(s.mean_percent, 86.0), "{s:?}");
    assert!(close(s.median_percent, 90.0), "{s:?}");
    assert!(close(s.pass_rate, 0.8));
    let bands: Vec<(&str, i64)> = s.bands.iter().map(|(b, n)| (b.as_str(), *n)).collect();
    assert_eq!(
        bands,
        vec![
            ("sangat_baik", 3),
            ("baik", 1),
            ("cukup", 0),
            ("kurang", 1),
            ("sangat_kurang", 0)
        ]
    );

    // Participants in name order; P1's best attempt is its first.
    let names: Vec<&str> = r
        .rows
        .iter()
        .map(|row| row.participant.name.as_str())
        .collect();
    assert_eq!(
        names,
        vec![
            "Peserta 1",
            "Peserta 2",
            "Peserta 3",
            "Peserta 4",
            "Peserta 6"
        ]
    );
    let p1 = &r.rows[0];
    assert_eq!((p1.attempts, p1.attempt_number), (2, 1));
    assert!((p1.percent - 80.0).abs() < 1e-9);
    assert_eq!(p1.band, "baik");
    assert_eq!(p1.participant.group_name.as_deref(), Some("Kelompok A"));
    let p2 = &r.rows[1];
    assert_eq!(p2.score_milli, 4500);
    assert!((p2.percent - 90.0).abs() < 1e-9);
    assert!(p2.passed);
    let p4 = &r.rows[3];
    assert!(!p4.passed);
    assert_eq!(p4.band, "kurang");

    // Item analysis, in the quiz's order.
    let items: Vec<(f64, f64, Vec<String>)> = r
        .items
        .iter()
        .map(|i| {
            (
                i.difficulty.expect("p"),
                i.discrimination.expect("D"),
                i.flags.clone(),
            )
        })
        .collect();
    assert_eq!(items.len(), 4);
    let expected = [(1.0, 0.0), (0.8, 1.0), (0.95, 0.0), (0.6, 1.0)];
    for (n, ((p, d, _), (ep, ed))) in items.iter().zip(expected).enumerate() {
        assert!((p - ep).abs() < 1e-9, "q{} p {p}", n + 1);
        assert!((d - ed).abs() < 1e-9, "q{} D {d}", n + 1);
    }
    assert_eq!(items[0].2, vec!["low_discrimination", "too_easy"]);
    assert!(items[1].2.is_empty());
    assert_eq!(r.items[0].answered, 5);

    // The pre-test counts each participant's first attempt: P1 has 40, not 100.
    let pre: QuizReport = quiz_report(client, d.pre, &[])
        .await
        .json()
        .await
        .expect("pre");
    assert!(pre.counts_first_attempt);
    assert_eq!(pre.summary.finished, 5);
    assert!((pre.rows[0].percent - 40.0).abs() < 1e-9);
    assert!(close(pre.summary.mean_percent, 44.0), "(40+60+100+20+0)/5");

    // The page shows the same numbers, with a decimal comma.
    let (status, body) = client.page(&format!("/admin/kuis/{}/hasil", d.post)).await;
    assert_eq!(status, 200);
    assert!(body.contains("Post-test Modul 1"));
    assert!(body.contains("86,0"), "mean on the page");
    assert!(body.contains("0,95"), "q3's difficulty on the page");
    assert!(body.contains("daya beda rendah"));
    assert!(body.contains("terlalu mudah"));

    // The CSV carries the same rows and numbers.
    let rows = csv_records(client, &format!("/admin/kuis/{}/hasil.csv", d.post)).await;
    assert_eq!(rows.len(), 1 + 5);
    let by_email = |email: &str| {
        rows.iter()
            .find(|r| r[2] == email)
            .unwrap_or_else(|| panic!("{email} in {rows:?}"))
            .clone()
    };
    let p1 = by_email("p1@sekolah.sch.id");
    assert_eq!(p1[4..11], ["2", "1", "4,000", "5", "80,00", "baik", "1"]);
    let p2 = by_email("p2@sekolah.sch.id");
    assert_eq!(p2[6..11], ["4,500", "5", "90,00", "sangat_baik", "1"]);
    let p4 = by_email("p4@sekolah.sch.id");
    assert_eq!(p4[8..11], ["60,00", "kurang", "0"]);
    assert!(rows.iter().all(|r| r[2] != "p7@sekolah.sch.id"));

    // One group only.
    let group_a = d.group_a.to_string();
    let only_a: QuizReport = quiz_report(client, d.post, &[("group", &group_a)])
        .await
        .json()
        .await
        .expect("group a");
    assert_eq!(only_a.summary.finished, 3);
    assert!(close(only_a.summary.mean_percent, 90.0));
    let rows = csv_records(
        client,
        &format!("/admin/kuis/{}/hasil.csv?kelompok={}", d.post, d.group_a),
    )
    .await;
    assert_eq!(rows.len(), 1 + 3);
    d.server.stop().await;
}

#[tokio::test]
async fn learning_gain_matches_the_hand_computation_per_cohort_group_and_participant() {
    let d = dataset().await;
    let client = &d.server.client;
    let response = gain_report(client, d.cohort, &[]).await;
    assert_eq!(response.status(), 200);
    let g: GainReport = response.json().await.expect("gain");
    assert_eq!(g.pre_quiz.as_ref().map(|q| q.id.0), Some(d.pre));
    assert_eq!(g.post_quiz.as_ref().map(|q| q.id.0), Some(d.post));
    assert_eq!(g.quizzes.len(), 2);
    let o = &g.overall;
    assert_eq!(o.participants, 6, "withdrawn P7 is not counted");
    assert_eq!((o.with_pre, o.with_post, o.matched), (5, 5, 4));
    assert_eq!((o.gains, o.at_ceiling), (3, 1));
    assert!(close(o.mean_pre, 55.0), "{o:?}");
    assert!(close(o.mean_post, 82.5), "{o:?}");
    assert!(close(o.class_gain, 27.5 / 45.0), "{o:?}");
    assert!(close(o.mean_gain, (2.0 / 3.0 + 0.75 + 0.5) / 3.0), "{o:?}");

    let group = |id: i64| {
        g.groups
            .iter()
            .find(|gr| gr.id.map(|g| g.0) == Some(id))
            .unwrap_or_else(|| panic!("group {id} in {:?}", g.groups))
    };
    let a = &group(d.group_a).stats;
    assert_eq!((a.participants, a.matched), (3, 3));
    assert!(close(a.mean_pre, 200.0 / 3.0));
    assert!(close(a.mean_post, 90.0));
    assert!(close(a.class_gain, 0.7), "{a:?}");
    assert!(close(a.mean_gain, (2.0 / 3.0 + 0.75) / 2.0));
    let b = &group(d.group_b).stats;
    assert_eq!(
        (b.participants, b.with_pre, b.with_post, b.matched),
        (3, 2, 2, 1)
    );
    assert!(close(b.class_gain, 0.5));

    assert_eq!(g.total, 6);
    let rows: Vec<GainLine> = g
        .rows
        .iter()
        .map(|r| (r.participant.name.as_str(), r.pre, r.post, r.gain))
        .collect();
    assert_eq!(rows.len(), 6);
    assert_eq!(rows[0].0, "Peserta 1");
    assert!(close(rows[0].3, 2.0 / 3.0));
    assert!(close(rows[1].3, 0.75));
    assert_eq!(
        (rows[2].1, rows[2].2, rows[2].3),
        (Some(100.0), Some(100.0), None)
    );
    assert!(close(rows[3].3, 0.5));
    assert_eq!((rows[4].1, rows[4].2, rows[4].3), (Some(0.0), None, None));
    assert_eq!((rows[5].1, rows[5].2, rows[5].3), (None, Some(100.0), None));

    let (status, body) = client
        .page(&format!("/admin/angkatan/{}/capaian", d.cohort))
        .await;
    assert_eq!(status, 200);
    assert!(body.contains("0,61 (sedang)"), "class gain on the page");
    assert!(body.contains(&format!("/admin/kuis/{}/hasil", d.post)));

    let csv = csv_records(client, &format!("/admin/angkatan/{}/capaian.csv", d.cohort)).await;
    assert_eq!(csv.len(), 1 + 6);
    let by_email = |email: &str| {
        csv.iter()
            .find(|r| r[2] == email)
            .unwrap_or_else(|| panic!("{email} in {csv:?}"))
            .clone()
    };
    assert_eq!(
        by_email("p1@sekolah.sch.id")[3..8],
        ["Kelompok A", "40,00", "80,00", "0,6667", "baik"]
    );
    assert_eq!(
        by_email("p3@sekolah.sch.id")[4..7],
        ["100,00", "100,00", ""]
    );
    assert_eq!(by_email("p5@sekolah.sch.id")[4..7], ["0,00", "", ""]);
    assert_eq!(by_email("p6@sekolah.sch.id")[4..7], ["", "100,00", ""]);
    d.server.stop().await;
}

#[tokio::test]
async fn mentors_see_their_groups_and_everyone_else_gets_404() {
    let d = dataset().await;
    let db = &d.server.db;
    let base = d.server.client.base.clone();

    // The mentor of group A sees the cohort through their group only.
    let mentor_a = Client::new(&base);
    mentor_a.sign_in("mentor.a@dinas.go.id", PASSWORD).await;
    let g: GainReport = gain_report(&mentor_a, d.cohort, &[])
        .await
        .json()
        .await
        .expect("mentor gain");
    assert!(g.own_groups_only);
    assert_eq!(g.base, "/mentor");
    assert_eq!(g.overall.participants, 3);
    assert!(close(g.overall.class_gain, 0.7));
    assert_eq!(g.groups.len(), 1);
    let r: QuizReport = quiz_report(&mentor_a, d.post, &[])
        .await
        .json()
        .await
        .expect("mentor results");
    assert_eq!(r.summary.finished, 3);
    assert!(r
        .rows
        .iter()
        .all(|row| row.participant.group_name.as_deref() == Some("Kelompok A")));
    // Asking for another mentor's group shows nobody.
    let other = d.group_b.to_string();
    let r: QuizReport = quiz_report(&mentor_a, d.post, &[("group", &other)])
        .await
        .json()
        .await
        .expect("mentor results");
    assert_eq!(
        r.summary.finished, 3,
        "a group the mentor does not lead is ignored"
    );
    for path in [
        format!("/mentor/angkatan/{}/capaian", d.cohort),
        format!("/mentor/kuis/{}/hasil", d.post),
    ] {
        let (status, _) = mentor_a.page(&path).await;
        assert_eq!(status, 200, "{path}");
    }
    let csv = csv_records(
        &mentor_a,
        &format!("/mentor/angkatan/{}/capaian.csv", d.cohort),
    )
    .await;
    assert_eq!(csv.len(), 1 + 3);
    let csv = csv_records(&mentor_a, &format!("/mentor/kuis/{}/hasil.csv", d.post)).await;
    assert_eq!(csv.len(), 1 + 3);

    // A mentor of another cohort, a participant, and an admin of another province.
    let cohort_2 = fixtures::cohort(db, d.program, "Angkatan 2", 10, d.admin).await;
    let stranger_mentor = d
        .server
        .user(
            Role::Mentor,
            "mentor.c@dinas.go.id",
            PASSWORD,
            Some(d.agency),
        )
        .await;
    qs::group(db, cohort_2, "Kelompok C", Some(stranger_mentor)).await;
    let participant = d
        .server
        .user(Role::Participant, "guru@sekolah.sch.id", PASSWORD, None)
        .await;
    fixtures::approved_enrolment(db, d.cohort, participant).await;
    let province = institutions::insert(
        db,
        "BPSDM Lain",
        "province_agency",
        None,
        None,
        Some("34"),
        now_unix(),
    )
    .await
    .expect("agency");
    d.server
        .user(Role::Admin, "admin@lain.go.id", PASSWORD, Some(province))
        .await;
    let missing_quiz = d.post + 1000;
    let missing_cohort = d.cohort + 1000;
    for email in [
        "mentor.c@dinas.go.id",
        "guru@sekolah.sch.id",
        "admin@lain.go.id",
    ] {
        let client = Client::new(&base);
        client.sign_in(email, PASSWORD).await;
        for quiz in [d.post, missing_quiz] {
            let response = quiz_report(&client, quiz, &[]).await;
            assert_eq!(response.status(), 404, "{email} quiz {quiz}");
            for prefix in ["/admin", "/mentor"] {
                let (status, body) = client.page(&format!("{prefix}/kuis/{quiz}/hasil")).await;
                assert_eq!(status, 404, "{email} {prefix} page {quiz}");
                assert!(body.contains("Kuis atau angkatan tidak ditemukan."));
                let csv = client.get(&format!("{prefix}/kuis/{quiz}/hasil.csv")).await;
                assert_eq!(csv.status(), 404, "{email} {prefix} csv {quiz}");
            }
        }
        for cohort in [d.cohort, missing_cohort] {
            let response = gain_report(&client, cohort, &[]).await;
            assert_eq!(response.status(), 404, "{email} cohort {cohort}");
            for prefix in ["/admin", "/mentor"] {
                let (status, _) = client
                    .page(&format!("{prefix}/angkatan/{cohort}/capaian"))
                    .await;
                assert_eq!(status, 404, "{email} {prefix} gain page {cohort}");
                let csv = client
                    .get(&format!("{prefix}/angkatan/{cohort}/capaian.csv"))
                    .await;
                assert_eq!(csv.status(), 404, "{email} {prefix} gain csv {cohort}");
            }
        }
    }

    // A visitor is sent to sign in.
    let visitor = Client::new(&base);
    let response = visitor
        .get(&format!("/admin/angkatan/{}/capaian.csv", d.cohort))
        .await;
    assert_eq!(response.status(), 303);
    assert!(location(&response).is_some_and(|l| l.starts_with("/masuk")));
    d.server.stop().await;
}

#[tokio::test]
async fn participant_tables_page_and_exports_walk_every_row() {
    let d = dataset().await;
    let db = &d.server.db;
    let (q1,): (i64,) =
        sqlx::query_as("select question_id from quiz_question where quiz_id = $1 and position = 0")
            .bind(d.post)
            .fetch_one(db)
            .await
            .expect("first question");
    // 54 more participants in group B with a one-item post-test attempt: 60 in all.
    for k in 0..54 {
        let user = qs::participant(
            db,
            &format!("Zaenal {k:02}"),
            &format!("z{k:02}@sekolah.sch.id"),
        )
        .await;
        let enrolment = fixtures::approved_enrolment(db, d.cohort, user).await;
        qs::join_group(db, enrolment, d.group_b).await;
        qs::attempt(db, d.post, user, 1, 5, 65, &[(q1, 1000)], true).await;
    }
    let client = &d.server.client;

    let page_1: QuizReport = quiz_report(client, d.post, &[])
        .await
        .json()
        .await
        .expect("p1");
    assert_eq!((page_1.total, page_1.rows.len()), (59, 50));
    let page_2: QuizReport = quiz_report(client, d.post, &[("page", "2")])
        .await
        .json()
        .await
        .expect("p2");
    assert_eq!(page_2.rows.len(), 9);
    assert_eq!(page_2.rows[8].participant.name, "Zaenal 53");
    let seen: std::collections::BTreeSet<i64> = page_1
        .rows
        .iter()
        .chain(&page_2.rows)
        .map(|r| r.participant.user_id.0)
        .collect();
    assert_eq!(seen.len(), 59);

    let gain_2: GainReport = gain_report(client, d.cohort, &[("page", "2")])
        .await
        .json()
        .await
        .expect("gain p2");
    assert_eq!((gain_2.total, gain_2.rows.len()), (60, 10));
    let b = d.group_b.to_string();
    let only_b: GainReport = gain_report(client, d.cohort, &[("group", &b)])
        .await
        .json()
        .await
        .expect("gain b");
    assert_eq!(only_b.total, 57);
    assert_eq!(
        only_b.overall.participants, 60,
        "the summary stays the cohort's"
    );

    // The pager links to the next page, and that page renders without JavaScript.
    let (status, body) = client.page(&format!("/admin/kuis/{}/hasil", d.post)).await;
    assert_eq!(status, 200);
    assert!(body.contains(&format!("/admin/kuis/{}/hasil?hal=2", d.post)));
    let (status, body) = client
        .page(&format!("/admin/kuis/{}/hasil?hal=2", d.post))
        .await;
    assert_eq!(status, 200);
    assert!(body.contains("Zaenal 53"));
    assert!(!body.contains("Peserta 1<"));

    let rows = csv_records(client, &format!("/admin/kuis/{}/hasil.csv", d.post)).await;
    assert_eq!(rows.len(), 1 + 59);
    let rows = csv_records(client, &format!("/admin/angkatan/{}/capaian.csv", d.cohort)).await;
    assert_eq!(rows.len(), 1 + 60);
    let _ = d.users;
    d.server.stop().await;
}
