//! The mentor's dashboard (`/mentor/dasbor`) and the participant's progress page
//! (`/peserta/kemajuan`) over real HTTP, as plain GETs (what a browser with JavaScript off gets):
//! each figure's table against values computed by hand on a small seeded world, a mentor never
//! seeing another mentor's group or members, a survey's aggregate hidden below the minimum of
//! responses, and a participant seeing only their own cohorts. Runs on SQLite, and on
//! PostgreSQL with `PAMONG_TEST_DATABASE_URL`.
//!
//! The world: cohorts A and B of one program. Mentor A leads "Kelompok Satu" (cohort A: four
//! members `satu-0..3`, and `satu-4` withdrawn) and "Kelompok Tiga" (cohort B: `satu-0` and
//! `tiga-0`); mentor B leads "Kelompok Dua" (cohort A: `dua-0`, `dua-1`).

use app::model::codes::SessionMode;
use app::model::completion::CompletionRules;
use app::model::{Role, UserId};
use app::ssr::completion::rules::{self, Owner};
use app::ssr::db::Db;
use app::ssr::sessions::schedule::{self, NewSession};
use pamong_tests::fixtures;
use pamong_tests::harness::{Client, TestServer};
use pamong_tests::registration_support::{participants, signed_in, PASSWORD};
use scraper::{Html, Selector};

const HOUR: i64 = 3600;
const DAY: i64 = 86_400;

struct World {
    server: TestServer,
    mentor_a: Client,
    mentor_b: Client,
    /// `satu-0`: in cohort A (Kelompok Satu, passed, certified) and cohort B (Kelompok Tiga).
    satu0: Client,
    /// `satu-1`: cohort A only.
    satu1: Client,
    /// `satu-4`: withdrawn from cohort A.
    withdrawn: Client,
    mentor_a_id: UserId,
    mentor_b_id: UserId,
    cohort_a: i64,
    /// Survey 2 about the mentors of cohort A, and its scale item: four responses about mentor A.
    survey2: (i64, i64),
}

async fn exec(db: &Db, sql: &str, binds: &[i64]) -> i64 {
    let mut q = sqlx::query_scalar::<_, i64>(sql);
    for b in binds {
        q = q.bind(*b);
    }
    q.fetch_optional(db)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .unwrap_or(0)
}

async fn group(db: &Db, cohort: i64, name: &str, mentor: UserId) -> (i64, i64) {
    let group: i64 = sqlx::query_scalar(
        "insert into mentor_group (cohort_id, name, mentor_id, capacity, created_at) \
         values ($1, $2, $3, 20, 0) returning id",
    )
    .bind(cohort)
    .bind(name)
    .bind(mentor.0)
    .fetch_one(db)
    .await
    .expect("group");
    let board = exec(
        db,
        "insert into board (cohort_id, group_id, created_at) values ($1, $2, 0) returning id",
        &[cohort, group],
    )
    .await;
    (group, board)
}

/// Enrols `user` in `cohort` (approved) in `group`; the enrolment id.
async fn member(db: &Db, cohort: i64, user: UserId, group: i64) -> i64 {
    let enrolment = fixtures::approved_enrolment(db, cohort, user).await;
    exec(
        db,
        "update enrolment set group_id = $1 where id = $2",
        &[group, enrolment],
    )
    .await;
    enrolment
}

async fn session(server: &TestServer, cohort: i64, title: &str) -> i64 {
    let start = server.clock.now() - 2 * DAY;
    schedule::add(
        &server.db,
        cohort,
        &NewSession {
            title: title.to_string(),
            starts_at: start,
            duration_minutes: 90,
            mode: SessionMode::Online,
            meeting_url: Some("https://meet.example.id/abc-defg".into()),
            venue: None,
            city: None,
            jp: 2,
            host_user_id: None,
            host_name: None,
        },
        start,
    )
    .await
    .expect("session")
}

async fn attend(db: &Db, session: i64, user: UserId, status: &str) {
    sqlx::query(
        "insert into attendance (session_id, user_id, status, source, updated_at) \
         values ($1, $2, $3, 'roster', 0)",
    )
    .bind(session)
    .bind(user.0)
    .bind(status)
    .execute(db)
    .await
    .expect("attendance");
}

async fn quiz(db: &Db, cohort: i64, kind: &str, by: UserId) -> i64 {
    sqlx::query_scalar(
        "insert into quiz (cohort_id, title, kind, selection, opens_at, closes_at, status, \
         created_by, created_at, updated_at) \
         values ($1, $2, $2, 'fixed', 0, 4000000000, 'open', $3, 0, 0) returning id",
    )
    .bind(cohort)
    .bind(kind)
    .bind(by.0)
    .fetch_one(db)
    .await
    .expect("quiz")
}

/// A finished attempt of `user` on `quiz` scoring `percent` of 10 points.
async fn attempt(db: &Db, quiz: i64, user: UserId, percent: i64) {
    sqlx::query(
        "insert into quiz_attempt (quiz_id, user_id, number, started_at, deadline_at, \
         finished_at, finished_by, score_milli, max_points) \
         values ($1, $2, 1, 0, 100, 50, 'participant', $3, 10)",
    )
    .bind(quiz)
    .bind(user.0)
    .bind(percent * 100)
    .execute(db)
    .await
    .expect("attempt");
}

/// A work post of `author` on `board`: created at `created`, last changed at `updated`, first
/// answered at `first_response` (by `responder`).
#[expect(clippy::too_many_arguments, reason = "one column each")]
async fn post(
    db: &Db,
    board: i64,
    author: UserId,
    status: &str,
    title: &str,
    created: i64,
    updated: i64,
    first_response: Option<(i64, UserId)>,
) -> i64 {
    sqlx::query_scalar(
        "insert into work_post (board_id, author_id, kind, status, title, created_at, updated_at, \
         first_response_at, first_response_by) \
         values ($1, $2, 'modul_ajar', $3, $4, $5, $6, $7, $8) returning id",
    )
    .bind(board)
    .bind(author.0)
    .bind(status)
    .bind(title)
    .bind(created)
    .bind(updated)
    .bind(first_response.map(|(at, _)| at))
    .bind(first_response.map(|(_, by)| by.0))
    .fetch_one(db)
    .await
    .expect("post")
}

async fn comment(db: &Db, post: i64, author: UserId, hidden: bool) {
    sqlx::query(
        "insert into post_comment (post_id, author_id, revision, body_markdown, body_html, \
         created_at, hidden_at) values ($1, $2, 1, 'Bagus', '<p>Bagus</p>', 0, $3)",
    )
    .bind(post)
    .bind(author.0)
    .bind(hidden.then_some(1_i64))
    .execute(db)
    .await
    .expect("comment");
}

async fn decide(db: &Db, enrolment: i64, cohort: i64, user: UserId, passed: bool, by: UserId) {
    sqlx::query(
        "insert into completion_decision (enrolment_id, cohort_id, user_id, passed, \
         checklist_met, against_checklist, reason, decided_by, decided_at) \
         values ($1, $2, $3, $4, $4, 0, null, $5, 0)",
    )
    .bind(enrolment)
    .bind(cohort)
    .bind(user.0)
    .bind(i64::from(passed))
    .bind(by.0)
    .execute(db)
    .await
    .expect("decision");
}

/// A survey of `cohort` about its mentors on a one-item 1–4 scale: (survey, item).
async fn mentor_survey(db: &Db, cohort: i64, title: &str, institution: i64) -> (i64, i64) {
    let instrument = sqlx::query_scalar::<_, i64>(
        "insert into survey_instrument (institution_id, title, created_at, updated_at) \
         values ($1, $2, 0, 0) returning id",
    )
    .bind(institution)
    .bind(title)
    .fetch_one(db)
    .await
    .expect("instrument");
    let item = exec(
        db,
        "insert into survey_item (instrument_id, position, kind, prompt, created_at) \
         values ($1, 1, 'likert4', 'Menguasai materi', 0) returning id",
        &[instrument],
    )
    .await;
    let survey = sqlx::query_scalar::<_, i64>(
        "insert into survey (cohort_id, instrument_id, title, kind, target, required, opens_at, \
         closes_at, created_at) values ($1, $2, $3, 'reaction', 'mentor', 0, 0, 4000000000, 0) \
         returning id",
    )
    .bind(cohort)
    .bind(instrument)
    .bind(title)
    .fetch_one(db)
    .await
    .expect("survey");
    (survey, item)
}

/// One response about `subject` answering `value` on the item.
async fn response(db: &Db, (survey, item): (i64, i64), subject: UserId, value: i64) {
    let id: i64 = exec(
        db,
        "select coalesce(max(id), 1000) + 1 from survey_response",
        &[],
    )
    .await;
    exec(
        db,
        "insert into survey_response (id, survey_id, subject_id, created_at) values ($1, $2, $3, 0)",
        &[id, survey, subject.0],
    )
    .await;
    exec(
        db,
        "insert into survey_answer (response_id, item_id, value, created_at) values ($1, $2, $3, 0)",
        &[id, item, value],
    )
    .await;
}

impl World {
    async fn start() -> World {
        let server = TestServer::start().await;
        let db = server.db.clone();
        let places = server.institutions().await;
        let admin = server
            .user(Role::Admin, "admin@uji.test", PASSWORD, Some(places.agency))
            .await;
        let mentor_a_id = server
            .user(
                Role::Mentor,
                "mentor-a@uji.test",
                PASSWORD,
                Some(places.agency),
            )
            .await;
        let mentor_b_id = server
            .user(
                Role::Mentor,
                "mentor-b@uji.test",
                PASSWORD,
                Some(places.agency),
            )
            .await;
        let program = fixtures::program(&db, places.agency, admin, "published").await;
        let cohort_a = fixtures::cohort(&db, program, "Angkatan A", 100, admin).await;
        let cohort_b = fixtures::cohort(&db, program, "Angkatan B", 100, admin).await;
        let satu = participants(&server, "satu", 5, places.school_a).await;
        let dua = participants(&server, "dua", 2, places.school_a).await;
        let tiga = participants(&server, "tiga", 1, places.school_a).await;
        let (g1, board1) = group(&db, cohort_a, "Kelompok Satu", mentor_a_id).await;
        let (g2, board2) = group(&db, cohort_a, "Kelompok Dua", mentor_b_id).await;
        let (g3, board3) = group(&db, cohort_b, "Kelompok Tiga", mentor_a_id).await;
        let mut enrolments = Vec::new();
        for (user, _) in &satu[..4] {
            enrolments.push(member(&db, cohort_a, *user, g1).await);
        }
        let gone = member(&db, cohort_a, satu[4].0, g1).await;
        exec(
            &db,
            "update enrolment set status = 'withdrawn' where id = $1",
            &[gone],
        )
        .await;
        for (user, _) in &dua {
            member(&db, cohort_a, *user, g2).await;
        }
        member(&db, cohort_b, satu[0].0, g3).await;
        member(&db, cohort_b, tiga[0].0, g3).await;

        // Attendance: two sessions of 2 JP in cohort A, one in cohort B.
        let s1 = session(&server, cohort_a, "Sesi 1").await;
        let s2 = session(&server, cohort_a, "Sesi 2").await;
        let s3 = session(&server, cohort_b, "Sesi B").await;
        attend(&db, s1, satu[0].0, "present").await;
        attend(&db, s2, satu[0].0, "late").await;
        attend(&db, s1, satu[1].0, "present").await;
        attend(&db, s1, satu[2].0, "absent").await;
        attend(&db, s2, satu[4].0, "present").await;
        attend(&db, s1, dua[0].0, "present").await;
        attend(&db, s3, tiga[0].0, "present").await;

        // Tests in cohort A: satu-0 40 % then 80 %, satu-1 60 % on the post-test.
        let pre = quiz(&db, cohort_a, "pre", admin).await;
        let post_test = quiz(&db, cohort_a, "post", admin).await;
        attempt(&db, pre, satu[0].0, 40).await;
        attempt(&db, post_test, satu[0].0, 80).await;
        attempt(&db, post_test, satu[1].0, 60).await;

        // Posts, created at `t`, with first responses 1, 2, 10 and 24 hours later in Kelompok
        // Satu, 3 hours in Kelompok Tiga and 100 hours (by mentor B) in Kelompok Dua.
        let now = server.clock.now();
        let t = now - 20 * DAY;
        let a = Some;
        let p_a = post(
            &db,
            board1,
            satu[0].0,
            "approved",
            "RPP satu",
            t,
            t,
            a((t + HOUR, mentor_a_id)),
        )
        .await;
        post(
            &db,
            board1,
            satu[0].0,
            "approved",
            "Media satu",
            t,
            t,
            a((t + 24 * HOUR, mentor_a_id)),
        )
        .await;
        post(
            &db,
            board1,
            satu[1].0,
            "submitted",
            "Menunggu lama",
            t,
            now - 3 * DAY,
            None,
        )
        .await;
        let p_c = post(
            &db,
            board1,
            satu[2].0,
            "revised",
            "Revisi",
            t,
            now - DAY,
            a((t + 2 * HOUR, mentor_a_id)),
        )
        .await;
        let p_d = post(
            &db,
            board1,
            satu[3].0,
            "needs_revision",
            "Perlu revisi",
            t,
            t,
            a((t + 10 * HOUR, mentor_a_id)),
        )
        .await;
        let p_f = post(
            &db,
            board3,
            tiga[0].0,
            "approved",
            "Aksi nyata",
            t,
            t,
            a((t + 3 * HOUR, mentor_a_id)),
        )
        .await;
        post(
            &db,
            board2,
            dua[0].0,
            "submitted",
            "Karya kelompok dua",
            t,
            now - 10 * DAY,
            None,
        )
        .await;
        post(
            &db,
            board2,
            dua[1].0,
            "approved",
            "Karya dua dijawab",
            t,
            t,
            a((t + 100 * HOUR, mentor_b_id)),
        )
        .await;
        // Mentor A's comments: two on one post, one hidden (not counted); a participant's.
        comment(&db, p_a, mentor_a_id, false).await;
        comment(&db, p_a, mentor_a_id, false).await;
        comment(&db, p_d, mentor_a_id, true).await;
        comment(&db, p_c, satu[2].0, false).await;
        let _ = p_f;

        // Decisions in cohort A, a certificate for satu-0; rules: 50 % attendance, 70 % post-test.
        decide(&db, enrolments[0], cohort_a, satu[0].0, true, admin).await;
        decide(&db, enrolments[1], cohort_a, satu[1].0, false, admin).await;
        sqlx::query(
            "insert into certificate (code, number, institution_id, year, seq, cohort_id, user_id, \
             enrolment_id, facts, issued_by, issued_at) \
             values ('KODEUJI1', '00001/BPSDM/UJI/2027', $1, 2027, 1, $2, $3, $4, '{}', $5, $6)",
        )
        .bind(places.agency.0)
        .bind(cohort_a)
        .bind(satu[0].0 .0)
        .bind(enrolments[0])
        .bind(admin.0)
        .bind(now)
        .execute(&db)
        .await
        .expect("certificate");
        let rules_in_force = CompletionRules {
            min_attendance_percent: Some(50),
            min_post_test_percent: Some(70),
            ..CompletionRules::default()
        };
        rules::save(&db, Owner::Program(program), &rules_in_force, admin.0, now)
            .await
            .expect("rules");

        // Survey 1: five responses about mentor A (4, 4, 3, 3, 2: index 80) and five about
        // mentor B (all 1); survey 2: four about mentor A (all 1), one short of the minimum.
        let survey1 = mentor_survey(&db, cohort_a, "Evaluasi Mentor Satu", places.agency.0).await;
        for value in [4, 4, 3, 3, 2] {
            response(&db, survey1, mentor_a_id, value).await;
            response(&db, survey1, mentor_b_id, 1).await;
        }
        let survey2 = mentor_survey(&db, cohort_a, "Evaluasi Mentor Dua", places.agency.0).await;
        for _ in 0..4 {
            response(&db, survey2, mentor_a_id, 1).await;
        }

        World {
            mentor_a: signed_in(&server, "mentor-a@uji.test").await,
            mentor_b: signed_in(&server, "mentor-b@uji.test").await,
            satu0: signed_in(&server, &satu[0].1).await,
            satu1: signed_in(&server, &satu[1].1).await,
            withdrawn: signed_in(&server, &satu[4].1).await,
            mentor_a_id,
            mentor_b_id,
            cohort_a,
            survey2,
            server,
        }
    }
}

/// A page as a browser with JavaScript off gets it: status 200, rendered whole.
async fn page(client: &Client, path: &str) -> String {
    let (status, html) = client.page(path).await;
    assert_eq!(status, 200, "{path}: {html}");
    assert!(!html.contains("Memuat"), "{path} rendered a loading state");
    html
}

/// The rows of the table under figure `key`, as text cells.
fn rows(html: &str, key: &str) -> Vec<Vec<String>> {
    let doc = Html::parse_document(html);
    let row = Selector::parse(&format!("figure#plot-{key} table.data tbody tr")).expect("selector");
    let cell = Selector::parse("td").expect("selector");
    doc.select(&row)
        .map(|r| {
            r.select(&cell)
                .map(|c| c.text().collect::<String>().trim().to_string())
                .collect()
        })
        .collect()
}

/// The values written at the ends of the bars of figure `key`.
fn bar_values(html: &str, key: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    let value =
        Selector::parse(&format!("figure#plot-{key} svg.plot text.bar-value")).expect("selector");
    doc.select(&value)
        .map(|v| v.text().collect::<String>().trim().to_string())
        .collect()
}

/// The text of the element with id `id`.
fn text_of(html: &str, id: &str) -> String {
    let doc = Html::parse_document(html);
    let sel = Selector::parse(&format!("#{id}")).expect("selector");
    doc.select(&sel)
        .next()
        .map(|e| e.text().collect::<String>())
        .unwrap_or_else(|| panic!("no #{id}"))
}

fn row<'a>(table: &'a [Vec<String>], label: &str) -> &'a [String] {
    table
        .iter()
        .find(|r| r.first().is_some_and(|l| l == label))
        .unwrap_or_else(|| panic!("no row {label} in {table:?}"))
}

#[tokio::test]
async fn the_mentor_sees_their_own_groups_figures_as_computed_by_hand() {
    let w = World::start().await;
    let html = page(&w.mentor_a, "/mentor/dasbor").await;
    // Issue #21: a dashboard page is at most 40 kB with JavaScript off (uncompressed here).
    eprintln!("/mentor/dasbor: {} bytes", html.len());
    assert!(html.len() <= 40_000, "{} bytes", html.len());

    // Progress: Kelompok Satu has 4 members (the withdrawn one is not counted); 2 attended at
    // least once; 3 attendances of 4 × 2 sessions = 37.5 %; 2 of 4 took the post-test; 2
    // approved work products (satu-0's); 1 passed. Kelompok Tiga: 1 of 2 attended its one
    // session; no post-test there; 1 approved product.
    let groups = rows(&html, "groups");
    assert_eq!(groups.len(), 2, "{groups:?}");
    assert_eq!(
        row(&groups, "Kelompok Satu · Angkatan A"),
        [
            "Kelompok Satu · Angkatan A",
            "4",
            "50,0 %",
            "37,5 %",
            "50,0 %",
            "2",
            "1"
        ]
    );
    assert_eq!(
        row(&groups, "Kelompok Tiga · Angkatan B"),
        [
            "Kelompok Tiga · Angkatan B",
            "2",
            "50,0 %",
            "50,0 %",
            "–",
            "1",
            "0"
        ]
    );
    // The plot draws the attendance rate, in the same order as the table.
    let mut plotted = bar_values(&html, "groups");
    plotted.sort();
    assert_eq!(plotted, ["37,5 %", "50,0 %"]);

    // Waiting: the submitted post (3 days) and the revised one in Kelompok Satu.
    let waiting = rows(&html, "waiting");
    assert_eq!(
        row(&waiting, "Kelompok Satu · Angkatan A"),
        ["Kelompok Satu · Angkatan A", "2", "3,0"]
    );
    assert_eq!(
        row(&waiting, "Kelompok Tiga · Angkatan B"),
        ["Kelompok Tiga · Angkatan B", "0", "–"]
    );
    let summary = text_of(&html, "ringkasan-antrean");
    assert!(summary.contains("2 karya menunggu"), "{summary}");
    assert!(summary.contains("3,0 hari"), "{summary}");
    // The oldest first, each linking to its post.
    let oldest = html.find("Menunggu lama").expect("oldest listed");
    let next = html.find(">Revisi<").expect("revised listed");
    assert!(oldest < next);

    // First responses, nearest rank: Kelompok Satu 1, 2, 10, 24 h: median ⌈0.5 × 4⌉ = 2nd = 2,
    // 90th percentile ⌈0.9 × 4⌉ = 4th = 24; 2 visible comments of mentor A over 4 members.
    // Kelompok Tiga: 3 h, no comment. Over both: 1, 2, 3, 10, 24: median 3rd = 3, p90 5th = 24.
    let first = rows(&html, "response");
    assert_eq!(
        row(&first, "Kelompok Satu · Angkatan A"),
        ["Kelompok Satu · Angkatan A", "4", "2,0", "24,0", "2", "0,5"]
    );
    assert_eq!(
        row(&first, "Kelompok Tiga · Angkatan B"),
        ["Kelompok Tiga · Angkatan B", "1", "3,0", "3,0", "0", "0,0"]
    );
    let summary = text_of(&html, "ringkasan-respons");
    assert!(summary.contains("median 3,0 jam"), "{summary}");
    assert!(summary.contains("persentil ke-90 24,0 jam"), "{summary}");

    // Surveys: survey 1 (4, 4, 3, 3, 2 on 1–4: (100 + 100 + 75 + 75 + 50) / 5 = 80, "baik");
    // survey 2 has four responses: its result stays hidden.
    let surveys = rows(&html, "surveys");
    assert_eq!(
        row(&surveys, "Evaluasi Mentor Satu · Angkatan A"),
        ["Evaluasi Mentor Satu · Angkatan A", "5", "80,0", "Baik"]
    );
    assert_eq!(
        row(&surveys, "Evaluasi Mentor Dua · Angkatan A"),
        [
            "Evaluasi Mentor Dua · Angkatan A",
            "4",
            "–",
            "Menunggu 1 tanggapan lagi"
        ]
    );
    assert_eq!(bar_values(&html, "surveys"), ["80,0"]);
    let own = text_of(&html, "indeks-saya");
    assert!(own.contains("80,0 (Baik), 5 tanggapan"), "{own}");
    assert!(
        !html.contains("25,0"),
        "survey 2's index (or mentor B's) leaked"
    );

    // Nothing of mentor B's group, its members or its posts.
    for other in [
        "Kelompok Dua",
        "Guru dua",
        "Karya kelompok dua",
        "Karya dua dijawab",
        "100,0",
    ] {
        assert!(!html.contains(other), "mentor A sees {other}");
    }
    // Every figure offers its exports.
    for key in ["groups", "waiting", "response", "surveys"] {
        assert!(
            html.contains(&format!("href=\"/mentor/dasbor/{key}.csv\"")),
            "{key}"
        );
    }

    // The fifth response about mentor A in survey 2 (all 1: index 25) shows its result.
    response(&w.server.db, w.survey2, w.mentor_a_id, 1).await;
    let html = page(&w.mentor_a, "/mentor/dasbor").await;
    let surveys = rows(&html, "surveys");
    assert_eq!(
        row(&surveys, "Evaluasi Mentor Dua · Angkatan A"),
        [
            "Evaluasi Mentor Dua · Angkatan A",
            "5",
            "25,0",
            "Sangat kurang"
        ]
    );

    // Mentor B sees Kelompok Dua only: 1 of 2 attended one of 2 sessions (25 %), nobody took
    // the post-test, one post waits 10 days, one answered after 100 hours.
    let html = page(&w.mentor_b, "/mentor/dasbor").await;
    let groups = rows(&html, "groups");
    assert_eq!(
        groups,
        [[
            "Kelompok Dua · Angkatan A",
            "2",
            "50,0 %",
            "25,0 %",
            "0,0 %",
            "1",
            "0"
        ]]
    );
    assert_eq!(
        rows(&html, "waiting"),
        [["Kelompok Dua · Angkatan A", "1", "10,0"]]
    );
    assert_eq!(
        rows(&html, "response"),
        [[
            "Kelompok Dua · Angkatan A",
            "1",
            "100,0",
            "100,0",
            "0",
            "0,0"
        ]]
    );
    for other in [
        "Kelompok Satu",
        "Kelompok Tiga",
        "Guru satu",
        "Guru tiga",
        "Menunggu lama",
    ] {
        assert!(!html.contains(other), "mentor B sees {other}");
    }
    // Survey 1 about mentor B: five responses, all 1.
    let surveys = rows(&html, "surveys");
    assert_eq!(
        row(&surveys, "Evaluasi Mentor Satu · Angkatan A"),
        [
            "Evaluasi Mentor Satu · Angkatan A",
            "5",
            "25,0",
            "Sangat kurang"
        ]
    );
    let _ = (w.mentor_b_id, w.cohort_a);
    w.server.stop().await;
}

#[tokio::test]
async fn the_participant_sees_each_of_their_own_cohorts_in_one_place() {
    let w = World::start().await;
    let html = page(&w.satu0, "/peserta/kemajuan").await;
    eprintln!("/peserta/kemajuan: {} bytes", html.len());
    assert!(html.len() <= 40_000, "{} bytes", html.len());
    // Cohort A: 2 of 2 sessions, 4 JP, pre 40 %, post 80 %: gain (80 − 40) / (100 − 40) =
    // 0.67; 2 approved products; both rules met; passed and certified. Cohort B: no session
    // attended of 1; no test; neither rule met (0 % attendance, no post-test); undecided.
    let table = rows(&html, "cohorts");
    assert_eq!(table.len(), 2, "{table:?}");
    assert_eq!(
        row(&table, "Diklat Uji · Angkatan A"),
        [
            "Diklat Uji · Angkatan A",
            "2",
            "2",
            "4",
            "40,0 %",
            "80,0 %",
            "0,67",
            "2",
            "2",
            "2",
            "Lulus, bersertifikat"
        ]
    );
    assert_eq!(
        row(&table, "Diklat Uji · Angkatan B"),
        [
            "Diklat Uji · Angkatan B",
            "0",
            "1",
            "0",
            "–",
            "–",
            "–",
            "0",
            "0",
            "2",
            "Belum diputuskan"
        ]
    );
    // The plot draws JP per cohort.
    let mut jp = bar_values(&html, "cohorts");
    jp.sort();
    assert_eq!(jp, ["0", "4"]);
    assert!(html.contains("href=\"/sertifikat/KODEUJI1\""));
    assert!(html.contains(&format!(
        "href=\"/peserta/angkatan/{}/kelulusan\"",
        w.cohort_a
    )));

    // satu-1: cohort A only, post-test 60 % (no pre-test), not passed, no certificate.
    let html = page(&w.satu1, "/peserta/kemajuan").await;
    assert_eq!(
        rows(&html, "cohorts"),
        [[
            "Diklat Uji · Angkatan A",
            "1",
            "2",
            "2",
            "–",
            "60,0 %",
            "–",
            "0",
            "1",
            "2",
            "Tidak lulus"
        ]]
    );
    assert!(!html.contains("Angkatan B"));
    assert!(!html.contains("KODEUJI1"));

    // Withdrawn: no cohort at all, though they attended a session.
    let html = page(&w.withdrawn, "/peserta/kemajuan").await;
    assert!(rows(&html, "cohorts").is_empty());
    assert!(html.contains("belum diterima di angkatan mana pun"));

    // Each page is for its role only; the server functions say so too.
    let (status, _) = w.mentor_a.page("/peserta/kemajuan").await;
    assert_eq!(status, 403);
    let (status, _) = w.satu0.page("/mentor/dasbor").await;
    assert_eq!(status, 403);
    assert_eq!(w.satu0.call("mentor_dashboard", &[]).await.status(), 403);
    assert_eq!(w.mentor_b.call("my_progress", &[]).await.status(), 403);
    let stranger = w.server.new_client();
    assert_eq!(stranger.call("mentor_dashboard", &[]).await.status(), 401);
    // The homes link to the pages.
    assert!(page(&w.mentor_a, "/mentor")
        .await
        .contains("href=\"/mentor/dasbor\""));
    assert!(page(&w.satu0, "/peserta")
        .await
        .contains("href=\"/peserta/kemajuan\""));
    w.server.stop().await;
}
