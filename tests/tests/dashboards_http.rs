//! The admin dashboards (issue #21): every figure of a small seeded cohort against a hand count,
//! the overview's scope and filters, the pages with JavaScript off, and freshness: a figure moves
//! on the dashboard within a minute of the event, counted by the server's own refresher.

use app::model::dashboards::view::{AgencyOverview, Dashboard};
use app::model::dashboards::Value;
use app::model::{Role, UserId};
use app::ssr::dashboards::refresher;
use pamong_tests::completion_support::{attend, json, post_test_attempt, work_product};
use pamong_tests::fixtures;
use pamong_tests::registration_support::{signed_in, PASSWORD};
use pamong_tests::sessions_support::SessionsWorld;

async fn cohort_dashboard(client: &pamong_tests::harness::Client, cohort: i64) -> Dashboard {
    json(
        client
            .call("cohort_dashboard", &[("cohort_id", &cohort.to_string())])
            .await,
    )
    .await
}

async fn agency(client: &pamong_tests::harness::Client, form: &[(&str, &str)]) -> AgencyOverview {
    json(client.call("agency_dashboard", form).await).await
}

/// The values of the row of table `key` whose first cell is `label`.
fn row<'a>(d: &'a Dashboard, key: &str, label: &str) -> &'a [Value] {
    let table = d.table(key).unwrap_or_else(|| panic!("table {key}"));
    table
        .rows
        .iter()
        .find(|r| r.first() == Some(&Value::Text(label.to_string())))
        .unwrap_or_else(|| panic!("row {label} of {key}: {:?}", table.rows))
}

fn int(v: &Value) -> i64 {
    match v {
        Value::Int(n) => *n,
        other => panic!("not an int: {other:?}"),
    }
}

fn number(v: &Value) -> f64 {
    match v {
        Value::Number(x) => *x,
        Value::Int(n) => *n as f64,
        other => panic!("not a number: {other:?}"),
    }
}

/// A pre-test of `cohort` with one finished attempt of `user` at `percent` of 10 points.
async fn pre_test_attempt(w: &SessionsWorld, cohort: i64, user: UserId, percent: i64) {
    let existing: Option<i64> =
        sqlx::query_scalar("select id from quiz where cohort_id = $1 and kind = 'pre'")
            .bind(cohort)
            .fetch_optional(&w.server.db)
            .await
            .expect("quiz");
    let quiz = match existing {
        Some(id) => id,
        None => sqlx::query_scalar(
            "insert into quiz (cohort_id, title, kind, selection, opens_at, closes_at, \
             status, created_by, created_at, updated_at) values ($1, 'Pre-test', 'pre', 'fixed', \
             0, 4000000000, 'open', (select min(id) from app_user where role = 'admin'), 0, 0) \
             returning id",
        )
        .bind(cohort)
        .fetch_one(&w.server.db)
        .await
        .expect("pre-test"),
    };
    sqlx::query(
        "insert into quiz_attempt (quiz_id, user_id, number, started_at, deadline_at, \
         finished_at, finished_by, score_milli, max_points) \
         values ($1, $2, 1, 0, 100, 50, 'participant', $3, 10)",
    )
    .bind(quiz)
    .bind(user.0)
    .bind(percent * 100)
    .execute(&w.server.db)
    .await
    .expect("attempt");
}

async fn profile(w: &SessionsWorld, user: UserId, rank: &str, region: &str, subject: &str) {
    sqlx::query(
        "update participant_profile set rank = $1, region_code = $2, subject = $3 where user_id = $4",
    )
    .bind(rank)
    .bind(region)
    .bind(subject)
    .bind(user.0)
    .execute(&w.server.db)
    .await
    .expect("profile");
}

/// Seeds cohort A (teachers a, b, c; b in the group mentor's group) with what the dashboard
/// counts, and returns the world. Hand count below each line.
async fn seeded() -> SessionsWorld {
    let w = SessionsWorld::start().await;
    let (a, b, c) = (w.teacher_a_id, w.teacher_b_id, w.teacher_c_id);
    let cohort = w.cohort_a;
    profile(&w, a, "IV/a", "33.01", "Matematika").await;
    profile(&w, b, "III/b", "33.01", "IPA").await;
    profile(&w, c, "IV/a", "33.02", "Matematika").await;
    // Two sessions of 2 JP: a attends both, b one, c none (absent at the first).
    let s1 = w.session(cohort, "Sesi 1", -7200, 60).await;
    let s2 = w.session(cohort, "Sesi 2", -3600, 60).await;
    attend(&w, s1, a, "present").await;
    attend(&w, s2, a, "late").await;
    attend(&w, s1, b, "present").await;
    attend(&w, s1, c, "absent").await;
    // a was active this week (attendance counted now).
    sqlx::query("update attendance set updated_at = $1 where user_id = $2")
        .bind(w.server.clock.now())
        .bind(a.0)
        .execute(&w.server.db)
        .await
        .expect("recent");
    // Gains: a 40 → 70 (g 0,5 medium), b 50 → 100 (g 1 high), c 80 → 70 (g -0,5 low).
    for (user, pre, post) in [(a, 40, 70), (b, 50, 100), (c, 80, 70)] {
        pre_test_attempt(&w, cohort, user, pre).await;
        post_test_attempt(&w, cohort, user, post).await;
    }
    // b's work: two answered after 60 and 120 minutes, one waiting.
    work_product(&w, cohort, b, "approved").await;
    work_product(&w, cohort, b, "needs_revision").await;
    work_product(&w, cohort, b, "submitted").await;
    sqlx::query(
        "update work_post set first_response_at = created_at + case when status = 'approved' \
         then 3600 else 7200 end where author_id = $1 and status <> 'submitted'",
    )
    .bind(b.0)
    .execute(&w.server.db)
    .await
    .expect("responses");
    // a passed and holds a certificate.
    let (enrolment, admin): (i64, i64) = sqlx::query_as(
        "select e.id, (select min(id) from app_user where role = 'admin') from enrolment e \
         where e.cohort_id = $1 and e.user_id = $2",
    )
    .bind(cohort)
    .bind(a.0)
    .fetch_one(&w.server.db)
    .await
    .expect("enrolment");
    sqlx::query(
        "insert into completion_decision (enrolment_id, cohort_id, user_id, passed, checklist_met, \
         decided_by, decided_at) values ($1, $2, $3, 1, 1, $4, 0)",
    )
    .bind(enrolment)
    .bind(cohort)
    .bind(a.0)
    .bind(admin)
    .execute(&w.server.db)
    .await
    .expect("decision");
    sqlx::query(
        "insert into certificate (code, number, institution_id, year, seq, cohort_id, user_id, \
         enrolment_id, facts, issued_by, issued_at) values ('KODEUJI', '00001/UJI/2026', \
         (select organizer_id from program p join cohort c on c.program_id = p.id where c.id = $1), \
         2026, 1, $1, $2, $3, '{}', $4, 0)",
    )
    .bind(cohort)
    .bind(a.0)
    .bind(enrolment)
    .bind(admin)
    .execute(&w.server.db)
    .await
    .expect("certificate");
    w
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_figure_of_a_small_cohort_matches_the_hand_count() {
    let w = seeded().await;
    refresher::refresh(&w.server.db, w.server.clock.now())
        .await
        .expect("refresh");
    let d = cohort_dashboard(&w.admin, w.cohort_a).await;
    assert!(d.refreshed_at.is_some());

    // The funnel: 3 registered and approved, all active (c took tests), a this week, 3 post-tests,
    // a passed and certified.
    for (step, expected) in [
        ("Mendaftar", 3),
        ("Disetujui", 3),
        ("Aktif", 3),
        ("Mengerjakan post-test", 3),
        ("Lulus", 1),
        ("Bersertifikat", 1),
    ] {
        assert_eq!(int(&row(&d, "corong", step)[1]), expected, "{step}");
    }
    let tile = |label: &str| {
        d.tiles
            .iter()
            .find(|t| t.label == label)
            .map(|t| t.value.clone())
            .unwrap_or_else(|| panic!("tile {label}"))
    };
    assert_eq!(tile("peserta aktif minggu ini"), "1");
    assert_eq!(tile("lulus"), "33,3 %");
    assert_eq!(tile("JP tersampaikan"), "6");
    // Class gain from the mean pre 56,67 and post 80: (80 − 56,67) / (100 − 56,67) = 0,54.
    assert_eq!(tile("gain kelas"), "0,54");

    // Attendance: session 1 has a and b present (2 of 3), c absent; session 2 only a (late).
    let s1 = row(&d, "kehadiran", "Sesi 1");
    assert!((number(&s1[1]) - 2.0 / 3.0).abs() < 1e-9);
    assert_eq!((int(&s1[4]), int(&s1[5]), int(&s1[6])), (2, 0, 1));
    assert_eq!(int(&row(&d, "kehadiran", "Sesi 2")[4]), 1);
    // JP bands of 4 JP: c none, b 2 (26–50 %), a 4 (100 %).
    assert_eq!(int(&row(&d, "jp", "0")[1]), 1);
    assert_eq!(int(&row(&d, "jp", "26–50 %")[1]), 1);
    assert_eq!(int(&row(&d, "jp", "100 %")[1]), 1);

    // Gain categories and the histogram.
    assert_eq!(int(&row(&d, "capaian-kategori", "Tinggi (g ≥ 0,7)")[1]), 1);
    assert_eq!(
        int(&row(&d, "capaian-kategori", "Sedang (0,3 ≤ g < 0,7)")[1]),
        1
    );
    assert_eq!(int(&row(&d, "capaian-kategori", "Rendah (g < 0,3)")[1]), 1);
    assert_eq!(int(&row(&d, "capaian-sebaran", "< 0")[1]), 1);
    assert_eq!(int(&row(&d, "capaian-sebaran", "0,5–0,6")[1]), 1);
    assert_eq!(int(&row(&d, "capaian-sebaran", "0,9–1,0")[1]), 1);

    // The group mentor: one group, one participant (b), one item waiting, first responses after
    // 60 and 120 minutes: median 1 hour, 90th percentile 2 hours.
    let m = row(&d, "mentor", "kelompok");
    assert_eq!(number(&m[1]), 1.0);
    assert_eq!(number(&m[2]), 2.0);
    assert_eq!((int(&m[3]), int(&m[4]), int(&m[5])), (1, 1, 1));

    // Who they are: two at IV/a (Ahli Madya), one at III/b (Ahli Pertama); two in 33.01, named
    // after its district office; two teach mathematics.
    assert_eq!(int(&row(&d, "golongan", "IV/a")[1]), 2);
    assert_eq!(int(&row(&d, "golongan", "III/b")[1]), 1);
    assert_eq!(int(&row(&d, "jenjang", "Ahli Madya")[1]), 2);
    assert_eq!(int(&row(&d, "jenjang", "Ahli Pertama")[1]), 1);
    assert_eq!(int(&row(&d, "wilayah", "Dinas A (33.01)")[1]), 2);
    assert_eq!(int(&row(&d, "wilayah", "Dinas B (33.02)")[1]), 1);
    assert_eq!(int(&row(&d, "mapel", "Matematika")[1]), 2);
    assert_eq!(int(&row(&d, "jenjang-sekolah", "SMP")[1]), 3);

    // The overview sums the program's cohorts (B has one approved participant, nothing done).
    let o = agency(&w.admin, &[]).await;
    let program = o
        .dashboard
        .table("program")
        .expect("programs")
        .rows
        .first()
        .expect("one program")
        .clone();
    assert_eq!(int(&program[2]), 2, "cohorts");
    assert_eq!(int(&program[3]), 4, "approved");
    assert_eq!(int(&program[5]), 1, "completed");
    assert_eq!(int(&program[7]), 6, "JP");
    // Region filter: only regency 33.02 (c of cohort A; cohort B's participant has no region).
    let filtered = agency(&w.admin, &[("region", "33.02")]).await;
    let rows = &filtered.dashboard.table("program").expect("programs").rows;
    assert_eq!(int(&rows[0][3]), 1, "approved in 33.02");

    // The page with JavaScript off: server-rendered SVG plots with their title and table.
    let (status, html) = w
        .admin
        .page(&format!("/admin/angkatan/{}/dasbor", w.cohort_a))
        .await;
    assert_eq!(status, 200);
    assert!(
        html.contains("<svg viewBox=") && html.contains("class=\"plot\""),
        "{html}"
    );
    assert!(html.contains("role=\"img\""));
    assert!(html.contains("Corong peserta"));
    assert!(html.contains("33,3 %"));
    assert!(!html.contains("<script src=\"https://"));
    let (status, html) = w.admin.page("/admin/dasbor").await;
    assert_eq!(status, 200);
    assert!(html.contains("Kelulusan per program"));
    let (status, _) = w
        .admin
        .page(&format!(
            "/admin/program/{}/dasbor",
            program_of(&w, w.cohort_a).await
        ))
        .await;
    assert_eq!(status, 200);
    w.server.stop().await;
}

async fn program_of(w: &SessionsWorld, cohort: i64) -> i64 {
    sqlx::query_scalar("select program_id from cohort where id = $1")
        .bind(cohort)
        .fetch_one(&w.server.db)
        .await
        .expect("program")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_district_admin_sees_only_its_subtree_and_others_nothing() {
    let w = seeded().await;
    // A district admin of district A (below the agency) and a program organised there.
    let district_a: i64 = sqlx::query_scalar("select id from institution where name = 'Dinas A'")
        .fetch_one(&w.server.db)
        .await
        .expect("district A");
    let district_a = app::model::InstitutionId(district_a);
    let district_admin = w
        .server
        .user(Role::Admin, "dinas@uji.test", PASSWORD, Some(district_a))
        .await;
    let own_program =
        fixtures::program(&w.server.db, district_a, district_admin, "published").await;
    let own_cohort = fixtures::cohort(
        &w.server.db,
        own_program,
        "Angkatan Dinas",
        10,
        district_admin,
    )
    .await;
    fixtures::approved_enrolment(&w.server.db, own_cohort, w.teacher_a_id).await;
    refresher::refresh(&w.server.db, w.server.clock.now())
        .await
        .expect("refresh");
    let dinas = signed_in(&w.server, "dinas@uji.test").await;

    // The overview holds its own program only.
    let o = agency(&dinas, &[]).await;
    let programs = &o.dashboard.table("program").expect("programs").rows;
    assert_eq!(programs.len(), 1, "{programs:?}");
    assert_eq!(int(&programs[0][3]), 1);
    assert_eq!(o.programs.len(), 1);
    // Asking for the agency's program by filter gives nothing, not the agency's figures.
    let other = program_of(&w, w.cohort_a).await.to_string();
    let o = agency(&dinas, &[("program", &other)]).await;
    assert!(o
        .dashboard
        .table("program")
        .expect("programs")
        .rows
        .is_empty());
    // The agency's cohort and program are not found for it.
    let response = dinas
        .call(
            "cohort_dashboard",
            &[("cohort_id", &w.cohort_a.to_string())],
        )
        .await;
    assert_eq!(response.status(), 404);
    let response = dinas
        .call("program_dashboard", &[("program_id", &other)])
        .await;
    assert_eq!(response.status(), 404);
    // The agency admin sees both programs.
    let o = agency(&w.admin, &[]).await;
    assert_eq!(
        o.dashboard.table("program").expect("programs").rows.len(),
        2
    );
    // Mentors and participants are refused; a visitor is asked to sign in.
    for client in [&w.mentor, &w.teacher_a] {
        let response = client
            .call(
                "cohort_dashboard",
                &[("cohort_id", &w.cohort_a.to_string())],
            )
            .await;
        assert_eq!(response.status(), 403);
        assert_eq!(client.call("agency_dashboard", &[]).await.status(), 403);
    }
    let visitor = w.server.new_client();
    assert_eq!(visitor.call("agency_dashboard", &[]).await.status(), 401);
    w.server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_figure_moves_within_a_minute_of_the_event() {
    let w = SessionsWorld::start().await;
    // The server's own refresher counts the new cohort first.
    let started = std::time::Instant::now();
    let approved = |d: &Dashboard| int(&row(d, "corong", "Disetujui")[1]);
    let mut d = cohort_dashboard(&w.admin, w.cohort_a).await;
    while d.refreshed_at.is_none() || approved(&d) != 3 {
        assert!(started.elapsed().as_secs() < 60, "never counted");
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        d = cohort_dashboard(&w.admin, w.cohort_a).await;
    }
    // The event: the admin records a teacher as passed, through the server function.
    let (enrolment,): (i64,) =
        sqlx::query_as("select id from enrolment where cohort_id = $1 and user_id = $2")
            .bind(w.cohort_a)
            .bind(w.teacher_c_id.0)
            .fetch_one(&w.server.db)
            .await
            .expect("enrolment");
    let response = w
        .admin
        .call(
            "record_completion",
            &[
                ("enrolment_id", &enrolment.to_string()),
                ("passed", "1"),
                ("reason", "Lulus menurut penilaian panitia."),
            ],
        )
        .await;
    assert!(
        response.status().is_success() || response.status() == 302,
        "{}",
        response.status()
    );
    let event = std::time::Instant::now();
    loop {
        let d = cohort_dashboard(&w.admin, w.cohort_a).await;
        if int(&row(&d, "corong", "Lulus")[1]) == 1 {
            break;
        }
        assert!(
            event.elapsed().as_secs() <= 60,
            "the completion did not reach the dashboard within 60 s"
        );
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    }
    w.server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_plotted_table_exports_as_csv_and_xlsx_within_scope() {
    use calamine::{Data, Reader, Xlsx};
    let w = seeded().await;
    refresher::refresh(&w.server.db, w.server.clock.now())
        .await
        .expect("refresh");
    let c = w.cohort_a;
    // The funnel as CSV: the same counts as the page.
    let response = w
        .admin
        .get(&format!("/admin/angkatan/{c}/dasbor/corong.csv"))
        .await;
    assert_eq!(response.status(), 200);
    let body = response.text().await.expect("csv");
    assert!(body.contains("Disetujui;3;"), "{body}");
    assert!(body.contains("Lulus;1;"), "{body}");
    // Every table of the cohort's dashboard opens as XLSX with numbers as numbers.
    let d = cohort_dashboard(&w.admin, c).await;
    for section in &d.sections {
        for plotted in &section.figures {
            let key = &plotted.table.key;
            let response = w
                .admin
                .get(&format!("/admin/angkatan/{c}/dasbor/{key}.xlsx"))
                .await;
            assert_eq!(response.status(), 200, "{key}");
            let bytes = response.bytes().await.expect("xlsx").to_vec();
            let mut book: Xlsx<_> =
                calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).expect("an XLSX file");
            let name = book.sheet_names()[0].clone();
            let range = book.worksheet_range(&name).expect("sheet");
            let text: Vec<String> = range
                .rows()
                .flat_map(|r| r.iter().map(|c| c.to_string()))
                .collect();
            assert!(
                text.iter().any(|t| t == &plotted.table.columns[0].label),
                "{key}: {text:?}"
            );
            if key == "corong" {
                let approved = range
                    .rows()
                    .find(|r| r.first().map(|c| c.to_string()) == Some("Disetujui".into()))
                    .expect("approved row");
                assert!(
                    matches!(approved[1], Data::Float(x) if x == 3.0)
                        || matches!(approved[1], Data::Int(3)),
                    "{approved:?}"
                );
            }
        }
    }
    // The overview's table carries its filter; the program's and the report exist.
    let response = w
        .admin
        .get("/admin/dasbor/ekspor/program.csv?region=33.02")
        .await;
    assert_eq!(response.status(), 200);
    assert!(response.text().await.expect("csv").contains(";1;"));
    let program = program_of(&w, c).await;
    assert_eq!(
        w.admin
            .get(&format!("/admin/program/{program}/dasbor/angkatan.csv"))
            .await
            .status(),
        200
    );
    let report = w
        .admin
        .get(&format!("/admin/angkatan/{c}/laporan.pdf"))
        .await;
    assert_eq!(report.status(), 200);
    assert!(report.bytes().await.expect("pdf").starts_with(b"%PDF"));
    // A mentor gets their own tables, never the cohort's; a participant neither.
    assert_eq!(
        w.group_mentor
            .get("/mentor/dasbor/groups.csv")
            .await
            .status(),
        200
    );
    assert_eq!(
        w.group_mentor
            .get(&format!("/admin/angkatan/{c}/dasbor/corong.csv"))
            .await
            .status(),
        403
    );
    assert_eq!(
        w.teacher_a.get("/mentor/dasbor/groups.csv").await.status(),
        404
    );
    w.server.stop().await;
}
