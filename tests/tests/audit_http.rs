//! The audit log over real HTTP (issue #22 item 5): each admin action that changes people or
//! results, done as a real admin, leaves exactly one entry with its actor, subject and client
//! address (behind a trusted proxy); a refused action leaves none; the page lists them within the
//! reader's scope with working filters and keyset pages; and the database refuses to change or
//! delete an entry. Runs on SQLite, and on PostgreSQL with `PAMONG_TEST_DATABASE_URL`.

use app::model::audit::AuditPage;
use app::model::codes::SessionMode;
use app::model::{Role, UserId};
use app::ssr::db::{now_unix, Db};
use app::ssr::sessions::schedule::{self, NewSession};
use pamong_tests::certificates_support::{passed_participants, set_program_code, template};
use pamong_tests::harness::{location, Client, Institutions, Options, TestServer};
use pamong_tests::registration_support::{participants, signed_in, PASSWORD};
use pamong_tests::{fixtures, import_support, quiz_support};
use reqwest::cookie::Jar;
use reqwest::header::{HeaderMap, HeaderValue};
use std::sync::Arc;
use std::time::Duration;

/// What the proxy sends: a client-chosen entry, then the address the proxy saw.
const FORWARDED_FOR: &str = "203.0.113.9, 198.51.100.7";
/// What the audit log must record for it (the proxy's own entry, never the client's).
const CLIENT_ADDRESS: &str = "198.51.100.7";

/// One stored entry, as the database holds it.
#[derive(Clone, Debug, sqlx::FromRow)]
struct Row {
    id: i64,
    created_at: i64,
    actor_id: i64,
    actor_name: String,
    actor_role: String,
    action: String,
    subject_kind: String,
    subject_id: i64,
    summary: String,
    old_value: Option<String>,
    new_value: Option<String>,
    institution_id: Option<i64>,
    address: String,
}

const COLUMNS: &str = "id, created_at, actor_id, actor_name, actor_role, action, subject_kind, \
    subject_id, summary, old_value, new_value, institution_id, address";

/// Every entry, oldest first.
async fn entries(db: &Db) -> Vec<Row> {
    sqlx::query_as(&format!("select {COLUMNS} from audit_entry order by id"))
        .fetch_all(db)
        .await
        .expect("audit entries")
}

/// The entries of `action`, oldest first.
async fn of_action(db: &Db, action: &str) -> Vec<Row> {
    sqlx::query_as(&format!(
        "select {COLUMNS} from audit_entry where action = $1 order by id"
    ))
    .bind(action)
    .fetch_all(db)
    .await
    .expect("audit entries")
}

/// Everyone the tests need: a server that trusts `X-Forwarded-For` (as behind the proxy), the
/// agency admin signed in through the "proxy", a district admin, a mentor, and a published
/// program of the agency (with its certificate template) with one cohort.
struct World {
    server: TestServer,
    inst: Institutions,
    admin: Client,
    admin_id: UserId,
    district: Client,
    district_id: UserId,
    mentor: Client,
    program: i64,
    cohort: i64,
}

/// A browser behind the trusted proxy, signed in as `email`.
async fn behind_proxy(server: &TestServer, email: &str) -> Client {
    let jar = Arc::new(Jar::default());
    let mut headers = HeaderMap::new();
    headers.insert("x-forwarded-for", HeaderValue::from_static(FORWARDED_FOR));
    let http = reqwest::Client::builder()
        .cookie_provider(jar.clone())
        .redirect(reqwest::redirect::Policy::none())
        .default_headers(headers)
        .timeout(Duration::from_secs(120))
        .build()
        .expect("client");
    let client = Client {
        base: server.url.clone(),
        http,
        jar,
    };
    assert_eq!(client.sign_in(email, PASSWORD).await.status(), 200);
    client
}

async fn world() -> World {
    let server = TestServer::start_with(Options {
        trust_forwarded_for: true,
        ..Options::default()
    })
    .await;
    let inst = server.institutions().await;
    let admin_id = server
        .user(Role::Admin, "admin@uji.test", PASSWORD, Some(inst.agency))
        .await;
    let district_id = server
        .user(
            Role::Admin,
            "dinas-a@uji.test",
            PASSWORD,
            Some(inst.district_a),
        )
        .await;
    server
        .user(Role::Mentor, "mentor@uji.test", PASSWORD, Some(inst.agency))
        .await;
    let program = fixtures::program(&server.db, inst.agency, admin_id, "published").await;
    set_program_code(&server.db, program, "LITDIG").await;
    let cohort = fixtures::cohort(&server.db, program, "Angkatan Audit", 100, admin_id).await;
    template(&server.db, inst.agency.0, admin_id.0).await;
    World {
        admin: behind_proxy(&server, "admin@uji.test").await,
        district: signed_in(&server, "dinas-a@uji.test").await,
        mentor: signed_in(&server, "mentor@uji.test").await,
        admin_id,
        district_id,
        inst,
        program,
        cohort,
        server,
    }
}

/// `row` was written by the agency admin through the proxy, about `kind` `id`.
fn assert_by_admin(w: &World, row: &Row, action: &str, kind: &str, id: i64) {
    assert_eq!(row.action, action, "{row:?}");
    assert_eq!(row.actor_id, w.admin_id.0, "{row:?}");
    assert_eq!(row.actor_name, "admin", "{row:?}");
    assert_eq!(row.actor_role, "admin", "{row:?}");
    assert_eq!(row.subject_kind, kind, "{row:?}");
    assert_eq!(row.subject_id, id, "{row:?}");
    assert_eq!(row.address, CLIENT_ADDRESS, "{row:?}");
    let now = now_unix();
    assert!(
        (now - 300..=now + 5).contains(&row.created_at),
        "recorded now (UTC seconds): {row:?}"
    );
}

/// The form that creates mentor `email` in institution `institution`.
fn account_form<'a>(email: &'a str, institution: &'a str) -> Vec<(&'static str, &'a str)> {
    vec![
        ("name", "Mentor Baru"),
        ("email", email),
        ("role", "mentor"),
        ("institution_id", institution),
        ("password", PASSWORD),
        ("password_confirm", PASSWORD),
    ]
}

#[tokio::test]
async fn role_changes_and_new_accounts_are_recorded_with_who_and_from_where() {
    let w = world().await;
    let db = &w.server.db;
    let target = w
        .server
        .user(
            Role::Mentor,
            "calon@uji.test",
            PASSWORD,
            Some(w.inst.school_b),
        )
        .await;
    let id = target.0.to_string();

    // Refused: an unknown role, one's own role, an account outside a district admin's scope.
    let refused = w
        .admin
        .call("change_role", &[("user_id", &id), ("role", "root")])
        .await;
    assert_eq!(refused.status(), 400);
    let own = w.admin_id.0.to_string();
    let refused = w
        .admin
        .call("change_role", &[("user_id", &own), ("role", "mentor")])
        .await;
    assert_eq!(refused.status(), 403);
    let refused = w
        .district
        .call("change_role", &[("user_id", &id), ("role", "admin")])
        .await;
    assert_eq!(refused.status(), 404);
    assert!(
        entries(db).await.is_empty(),
        "a refused change leaves no entry"
    );

    let changed = w
        .admin
        .call("change_role", &[("user_id", &id), ("role", "admin")])
        .await;
    assert_eq!(changed.status(), 200);
    let rows = entries(db).await;
    assert_eq!(rows.len(), 1, "{rows:?}");
    let row = &rows[0];
    assert_by_admin(&w, row, "role.change", "user", target.0);
    assert_eq!(row.summary, "calon <calon@uji.test>");
    assert_eq!(
        (row.old_value.as_deref(), row.new_value.as_deref()),
        (Some("mentor"), Some("admin"))
    );
    assert_eq!(
        row.institution_id,
        Some(w.inst.school_b.0),
        "scoped to the account's institution"
    );

    // A new account: refused when the e-mail is taken, recorded once when created.
    let school_a = w.inst.school_a.0.to_string();
    let taken = account_form("calon@uji.test", &school_a);
    assert_eq!(w.admin.call("create_account", &taken).await.status(), 400);
    assert!(of_action(db, "account.create").await.is_empty());
    let fresh = account_form("mentor.baru@uji.test", &school_a);
    assert_eq!(w.admin.call("create_account", &fresh).await.status(), 200);
    let (new_id,): (i64,) = sqlx::query_as("select id from app_user where email = $1")
        .bind("mentor.baru@uji.test")
        .fetch_one(db)
        .await
        .expect("new account");
    let rows = of_action(db, "account.create").await;
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_by_admin(&w, &rows[0], "account.create", "user", new_id);
    assert_eq!(rows[0].summary, "Mentor Baru <mentor.baru@uji.test>");
    assert_eq!(rows[0].new_value.as_deref(), Some("mentor"));
    assert_eq!(rows[0].institution_id, Some(w.inst.school_a.0));
    assert_eq!(entries(db).await.len(), 2);
    w.server.stop().await;
}

/// An application to `cohort` by `user`, holding a seat.
async fn applied(db: &Db, cohort: i64, user: UserId) -> i64 {
    sqlx::query("update cohort set seats_taken = seats_taken + 1 where id = $1")
        .bind(cohort)
        .execute(db)
        .await
        .expect("seat");
    let (id,): (i64,) = sqlx::query_as(
        "insert into enrolment (cohort_id, user_id, status, source, created_at) \
         values ($1, $2, 'applied', 'application', $3) returning id",
    )
    .bind(cohort)
    .bind(user.0)
    .bind(now_unix())
    .fetch_one(db)
    .await
    .expect("application");
    id
}

#[tokio::test]
async fn registration_decisions_are_recorded_once_and_refusals_not_at_all() {
    let w = world().await;
    let db = &w.server.db;
    let people = participants(&w.server, "daftar", 2, w.inst.school_a).await;
    let first = applied(db, w.cohort, people[0].0).await;
    let second = applied(db, w.cohort, people[1].0).await;

    let admin = &w.admin;
    let approve = |e: i64| {
        let e = e.to_string();
        async move {
            admin
                .call("approve_registration", &[("enrolment_id", &e)])
                .await
        }
    };
    assert_eq!(approve(first).await.status(), 200);
    assert_eq!(
        approve(first).await.status(),
        409,
        "no longer an application"
    );
    let rows = entries(db).await;
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_by_admin(&w, &rows[0], "registration.decide", "enrolment", first);
    assert_eq!(rows[0].summary, "Guru daftar 0 · Angkatan Audit");
    assert_eq!(
        (rows[0].old_value.as_deref(), rows[0].new_value.as_deref()),
        (Some("applied"), Some("approved"))
    );
    assert_eq!(
        rows[0].institution_id,
        Some(w.inst.agency.0),
        "scoped to the program's organiser"
    );

    let reject = |reason: &'static str| {
        let e = second.to_string();
        async move {
            admin
                .call(
                    "reject_registration",
                    &[("enrolment_id", e.as_str()), ("reason", reason)],
                )
                .await
        }
    };
    assert_eq!(reject("  ").await.status(), 400, "a reason is needed");
    assert_eq!(of_action(db, "registration.decide").await.len(), 1);
    assert_eq!(reject("Bukan guru SMP").await.status(), 200);
    let rows = of_action(db, "registration.decide").await;
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_by_admin(&w, &rows[1], "registration.decide", "enrolment", second);
    assert_eq!(
        rows[1].summary,
        "Guru daftar 1 · Angkatan Audit · Bukan guru SMP"
    );
    assert_eq!(rows[1].new_value.as_deref(), Some("rejected"));

    // A participant's own withdrawal is not an admin action.
    let teacher = signed_in(&w.server, &people[0].1).await;
    let withdrawn = teacher
        .call(
            "withdraw_application",
            &[("enrolment_id", &first.to_string())],
        )
        .await;
    assert!(withdrawn.status().is_success(), "{}", withdrawn.status());
    assert_eq!(entries(db).await.len(), 2);
    w.server.stop().await;
}

#[tokio::test]
async fn opening_and_closing_a_quiz_are_recorded() {
    let w = world().await;
    let db = &w.server.db;
    let questions = quiz_support::bank(db, w.program, w.admin_id, 2).await;
    let quiz = quiz_support::quiz(
        db,
        w.cohort,
        w.admin_id,
        "pre",
        &questions,
        &quiz_support::QuizOptions::default(),
    )
    .await;
    sqlx::query("update quiz set status = 'draft' where id = $1")
        .bind(quiz)
        .execute(db)
        .await
        .expect("draft");
    let id = quiz.to_string();
    assert_eq!(
        w.admin
            .call("quiz_open", &[("quiz_id", &id)])
            .await
            .status(),
        200
    );
    assert_eq!(
        w.admin
            .call("quiz_open", &[("quiz_id", &id)])
            .await
            .status(),
        409,
        "only a draft opens"
    );
    assert_eq!(
        w.mentor
            .call("quiz_archive", &[("quiz_id", &id)])
            .await
            .status(),
        403
    );
    let rows = entries(db).await;
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_by_admin(&w, &rows[0], "quiz.open", "quiz", quiz);
    assert_eq!(rows[0].summary, "Pre-test Literasi Digital");
    assert_eq!(
        (rows[0].old_value.as_deref(), rows[0].new_value.as_deref()),
        (Some("draft"), Some("open"))
    );

    for _ in 0..2 {
        assert_eq!(
            w.admin
                .call("quiz_archive", &[("quiz_id", &id)])
                .await
                .status(),
            200
        );
    }
    let rows = of_action(db, "quiz.close").await;
    assert_eq!(rows.len(), 1, "archiving twice changes it once: {rows:?}");
    assert_by_admin(&w, &rows[0], "quiz.close", "quiz", quiz);
    assert_eq!(
        (rows[0].old_value.as_deref(), rows[0].new_value.as_deref()),
        (Some("open"), Some("archived"))
    );
    w.server.stop().await;
}

#[tokio::test]
async fn attendance_edits_are_recorded_per_participant_changed() {
    let w = world().await;
    let db = &w.server.db;
    let people = participants(&w.server, "hadir", 2, w.inst.school_a).await;
    for (id, _) in &people {
        fixtures::approved_enrolment(db, w.cohort, *id).await;
    }
    let start = w.server.clock.now() - 3_600;
    let session = schedule::add(
        db,
        w.cohort,
        &NewSession {
            title: "Sesi Audit".to_string(),
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
    .expect("session");
    let path = format!("/sesi/{session}/hadir");
    let from = format!("/sesi/{session}");
    let (a, b) = (format!("s{}", people[0].0), format!("s{}", people[1].0));
    let admin = &w.admin;
    let mark = |fields: Vec<(String, &'static str)>| {
        let (path, from) = (path.clone(), from.clone());
        async move {
            let form: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), *v)).collect();
            admin.post_to(&path, &from, "text/html", &form).await
        }
    };
    // Refused whole: a status that does not exist.
    let refused = mark(vec![(a.clone(), "present"), (b.clone(), "asleep")]).await;
    assert!(!refused.status().is_success() && refused.status() != 500);
    assert!(entries(db).await.is_empty());

    let done = mark(vec![(a.clone(), "present"), (b.clone(), "")]).await;
    assert_eq!(done.status(), 303);
    let rows = entries(db).await;
    assert_eq!(rows.len(), 1, "only the participant marked: {rows:?}");
    assert_by_admin(&w, &rows[0], "attendance.edit", "session", session);
    assert_eq!(rows[0].summary, "Guru hadir 0 · Sesi Audit");
    assert_eq!(
        (rows[0].old_value.as_deref(), rows[0].new_value.as_deref()),
        (None, Some("present"))
    );
    // The same mark again changes nothing and records nothing; a change is one entry each.
    mark(vec![(a.clone(), "present")]).await;
    assert_eq!(entries(db).await.len(), 1);
    mark(vec![(a.clone(), "late"), (b.clone(), "absent")]).await;
    let rows = of_action(db, "attendance.edit").await;
    assert_eq!(rows.len(), 3, "{rows:?}");
    let changes: Vec<_> = rows[1..]
        .iter()
        .map(|r| {
            (
                r.summary.as_str(),
                r.old_value.as_deref(),
                r.new_value.as_deref(),
            )
        })
        .collect();
    assert!(changes.contains(&("Guru hadir 0 · Sesi Audit", Some("present"), Some("late"))));
    assert!(changes.contains(&("Guru hadir 1 · Sesi Audit", None, Some("absent"))));
    w.server.stop().await;
}

#[tokio::test]
async fn completion_decisions_and_overrides_are_recorded() {
    let w = world().await;
    let db = &w.server.db;
    let people = participants(&w.server, "lulus", 1, w.inst.school_a).await;
    let enrolment = fixtures::approved_enrolment(db, w.cohort, people[0].0).await;
    let e = enrolment.to_string();
    let refused = w
        .admin
        .call(
            "record_completion",
            &[("enrolment_id", &e), ("passed", "maybe")],
        )
        .await;
    assert_eq!(refused.status(), 400);
    assert!(entries(db).await.is_empty());

    for passed in ["1", "0"] {
        let response = w
            .admin
            .call(
                "record_completion",
                &[
                    ("enrolment_id", &e),
                    ("passed", passed),
                    ("reason", "Rapat kelulusan 5 Desember"),
                ],
            )
            .await;
        assert!(response.status().is_success(), "{}", response.status());
    }
    let rows = entries(db).await;
    assert_eq!(rows.len(), 2, "{rows:?}");
    // Whatever the checklist says, one of the two decisions goes against it.
    let (met,): (i64,) =
        sqlx::query_as("select checklist_met from completion_decision where enrolment_id = $1")
            .bind(enrolment)
            .fetch_one(db)
            .await
            .expect("decision");
    let (pass_action, fail_action) = if met == 1 {
        ("completion.decide", "completion.override")
    } else {
        ("completion.override", "completion.decide")
    };
    assert_by_admin(&w, &rows[0], pass_action, "enrolment", enrolment);
    assert_by_admin(&w, &rows[1], fail_action, "enrolment", enrolment);
    assert_eq!(
        rows[0].summary,
        "Guru lulus 0 · Angkatan Audit · Rapat kelulusan 5 Desember"
    );
    assert_eq!(
        (rows[0].old_value.as_deref(), rows[0].new_value.as_deref()),
        (None, Some("passed"))
    );
    assert_eq!(
        (rows[1].old_value.as_deref(), rows[1].new_value.as_deref()),
        (Some("passed"), Some("not_passed"))
    );
    w.server.stop().await;
}

/// Posts `form` to `path` from the cohort's certificate page.
async fn post(w: &World, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
    let from = format!("/admin/angkatan/{}/sertifikat", w.cohort);
    w.admin.post_to(path, &from, "text/html", form).await
}

/// The valid certificate of `enrolment`.
async fn valid_certificate(db: &Db, enrolment: i64) -> i64 {
    let (id,): (i64,) =
        sqlx::query_as("select id from certificate where enrolment_id = $1 and status = 'valid'")
            .bind(enrolment)
            .fetch_one(db)
            .await
            .expect("certificate");
    id
}

#[tokio::test]
async fn certificates_issued_corrected_revoked_and_queued_are_recorded() {
    let w = world().await;
    let db = &w.server.db;
    let passed = passed_participants(db, w.cohort, w.admin_id.0, "sert", 3).await;
    let issue_path = format!("/admin/angkatan/{}/sertifikat/terbitkan", w.cohort);

    // Refused: an enrolment that is not the cohort's.
    let refused = post(&w, &issue_path, &[("enrolment_id", "999999")]).await;
    assert!(refused.status().is_redirection());
    assert!(entries(db).await.is_empty());

    for (_, enrolment, _) in &passed[..2] {
        let done = post(&w, &issue_path, &[("enrolment_id", &enrolment.to_string())]).await;
        assert_eq!(done.status(), 303);
    }
    let first = valid_certificate(db, passed[0].1).await;
    let second = valid_certificate(db, passed[1].1).await;
    let rows = of_action(db, "certificate.issue").await;
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_by_admin(&w, &rows[0], "certificate.issue", "certificate", first);
    assert!(rows[0].summary.starts_with("Guru sert 0 · "), "{rows:?}");
    assert!(
        rows[0].summary.contains("/BPSDM/LITDIG/"),
        "the number: {rows:?}"
    );
    assert_eq!(rows[0].institution_id, Some(w.inst.agency.0));

    // Revoking needs a reason; a revoked certificate cannot be revoked again.
    let revoke = format!("/admin/sertifikat/{first}/cabut");
    post(&w, &revoke, &[("reason", "")]).await;
    assert!(of_action(db, "certificate.revoke").await.is_empty());
    post(&w, &revoke, &[("reason", "Nama salah eja")]).await;
    post(&w, &revoke, &[("reason", "Sekali lagi")]).await;
    let rows = of_action(db, "certificate.revoke").await;
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_by_admin(&w, &rows[0], "certificate.revoke", "certificate", first);
    assert!(rows[0].summary.ends_with(" · Nama salah eja"), "{rows:?}");
    assert_eq!(
        (rows[0].old_value.as_deref(), rows[0].new_value.as_deref()),
        (Some("valid"), Some("revoked"))
    );

    // A correction: the new version recorded once, naming the one it replaces.
    let correct = format!("/admin/sertifikat/{second}/koreksi");
    post(&w, &correct, &[("reason", "Tanggal lahir salah")]).await;
    let replacement = valid_certificate(db, passed[1].1).await;
    assert_ne!(replacement, second);
    let rows = of_action(db, "certificate.correct").await;
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_by_admin(
        &w,
        &rows[0],
        "certificate.correct",
        "certificate",
        replacement,
    );
    assert_eq!(rows[0].old_value, Some(format!("#{second}")));
    assert_eq!(of_action(db, "certificate.issue").await.len(), 2);

    // The whole cohort: the request is recorded, then each certificate the job issues, in the
    // name of the admin who asked and from where they asked.
    let all = post(
        &w,
        &format!("/admin/angkatan/{}/sertifikat/semua", w.cohort),
        &[],
    )
    .await;
    assert_eq!(all.status(), 303);
    let rows = of_action(db, "certificate.issue_all").await;
    assert_eq!(rows.len(), 1, "{rows:?}");
    let job = rows[0].subject_id;
    assert_by_admin(
        &w,
        &rows[0],
        "certificate.issue_all",
        "certificate_job",
        job,
    );
    assert_eq!(rows[0].summary, "Angkatan Audit");
    let deadline = std::time::Instant::now() + Duration::from_secs(120);
    loop {
        let (status,): (String,) =
            sqlx::query_as("select status from certificate_job where id = $1")
                .bind(job)
                .fetch_one(db)
                .await
                .expect("job");
        if status == "done" {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "job {job}: {status}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let rows = of_action(db, "certificate.issue").await;
    // The revoked first one and the third get new certificates.
    assert_eq!(rows.len(), 4, "{rows:?}");
    for (row, enrolment) in rows[2..].iter().zip([passed[0].1, passed[2].1]) {
        let id = valid_certificate(db, enrolment).await;
        assert_by_admin(&w, row, "certificate.issue", "certificate", id);
    }
    w.server.stop().await;
}

#[tokio::test]
async fn an_import_is_recorded_when_uploaded_and_when_applied() {
    let w = world().await;
    let db = &w.server.db;
    let refused = import_support::upload(
        &w.admin,
        w.cohort,
        "peserta.xlsx",
        b"PK\x03\x04not a csv".to_vec(),
    )
    .await;
    assert_ne!(refused.status(), 500);
    assert!(entries(db).await.is_empty(), "a refused upload leaves none");

    let csv = import_support::generate_csv(3, 11, "audit.test");
    let job = import_support::upload_job(&w.admin, w.cohort, "peserta.csv", &csv).await;
    let counts = import_support::finished(db, job).await;
    assert_eq!(counts.status, "done", "{counts:?}");
    let rows = entries(db).await;
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_by_admin(&w, &rows[0], "import.start", "import_job", job);
    assert_eq!(rows[0].summary, "peserta.csv · Angkatan Audit");
    // Applied by the worker, in the name of the admin who uploaded it, with what it did.
    assert_by_admin(&w, &rows[1], "import.apply", "import_job", job);
    assert!(
        rows[1].summary.starts_with(&format!(
            "peserta.csv · {} baris, {} akun baru, {} terdaftar",
            counts.total, counts.created, counts.enrolled
        )),
        "{rows:?}"
    );
    assert_eq!(rows[1].institution_id, Some(w.inst.agency.0));
    w.server.stop().await;
}

/// The audit page's entries as the server function returns them to `client`.
async fn listed(client: &Client, form: &[(&str, &str)]) -> AuditPage {
    let response = client.call("list_audit", form).await;
    assert_eq!(response.status(), 200);
    let text = response.text().await.expect("body");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

#[tokio::test]
async fn the_page_lists_filters_and_pages_within_scope_and_refuses_others() {
    let w = world().await;
    let db = &w.server.db;
    // A district program, so that the district admin has something of its own.
    let district_program =
        fixtures::program(db, w.inst.district_a, w.district_id, "published").await;
    let district_cohort =
        fixtures::cohort(db, district_program, "Angkatan Dinas", 10, w.district_id).await;
    let questions = quiz_support::bank(db, district_program, w.district_id, 1).await;
    let options = quiz_support::QuizOptions::default();
    let district_quiz = quiz_support::quiz(
        db,
        district_cohort,
        w.district_id,
        "pre",
        &questions,
        &options,
    )
    .await;
    let teacher_a = w
        .server
        .user(
            Role::Participant,
            "guru-a@uji.test",
            PASSWORD,
            Some(w.inst.school_a),
        )
        .await;
    let teacher_b = w
        .server
        .user(
            Role::Participant,
            "guru-b@uji.test",
            PASSWORD,
            Some(w.inst.school_b),
        )
        .await;

    // The agency admin changes teacher B (school B); the district admin changes teacher A
    // (school A) and closes its own quiz.
    let change = |client: &Client, user: UserId| {
        let (client, user) = (client.clone(), user.0.to_string());
        async move {
            let response = client
                .call("change_role", &[("user_id", &user), ("role", "mentor")])
                .await;
            assert_eq!(response.status(), 200);
        }
    };
    change(&w.admin, teacher_b).await;
    change(&w.district, teacher_a).await;
    let closed = w
        .district
        .call("quiz_archive", &[("quiz_id", &district_quiz.to_string())])
        .await;
    assert_eq!(closed.status(), 200);
    assert_eq!(entries(db).await.len(), 3);

    // The agency admin sees all three, newest first, with names escaped.
    let (status, page) = w.admin.page("/admin/audit").await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("Log audit"), "{page}");
    assert!(page.contains("guru-b &lt;guru-b@uji.test&gt;"), "{page}");
    assert!(page.contains("guru-a &lt;guru-a@uji.test&gt;"), "{page}");
    assert!(page.contains("audit-entry quiz-close"), "{page}");
    assert!(
        page.contains("Peserta → Mentor"),
        "values in the reader's language: {page}"
    );
    assert!(page.contains(CLIENT_ADDRESS), "{page}");
    let (quiz_at, a_at, b_at) = (
        page.find("audit-entry quiz-close").expect("quiz"),
        page.find("guru-a &lt;").expect("a"),
        page.find("guru-b &lt;").expect("b"),
    );
    assert!(quiz_at < a_at && a_at < b_at, "newest first");
    // English for a reader who chose it.
    let english = w.server.new_client();
    english.set_cookie("lang", "en");
    assert_eq!(
        english.sign_in("admin@uji.test", PASSWORD).await.status(),
        200
    );
    let (_, page_en) = english.page("/admin/audit").await;
    assert!(page_en.contains("Participant → Mentor"), "{page_en}");

    // The district admin sees what lies in its subtree only.
    let seen = listed(&w.district, &[]).await;
    let actions: Vec<_> = seen.entries.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["quiz.close", "role.change"], "{seen:?}");
    assert!(seen.entries.iter().all(|e| e.actor_id == w.district_id.0));
    let (status, page) = w.district.page("/admin/audit").await;
    assert_eq!(status, 200);
    assert!(!page.contains("guru-b@uji.test"), "{page}");

    // Filters: action, actor (name or e-mail), dates.
    let by_action = listed(&w.admin, &[("action", "quiz.close")]).await;
    assert_eq!(by_action.entries.len(), 1);
    assert_eq!(by_action.entries[0].subject_id, district_quiz);
    let by_name = listed(&w.admin, &[("actor", "DINAS")]).await;
    assert_eq!(by_name.entries.len(), 2);
    let by_email = listed(&w.admin, &[("actor", "admin@uji")]).await;
    assert_eq!(by_email.entries.len(), 1);
    assert_eq!(by_email.entries[0].actor_id, w.admin_id.0);
    let today = app::model::wib::date_of(now_unix());
    let tomorrow = app::model::wib::date_of(now_unix() + 86_400);
    let yesterday = app::model::wib::date_of(now_unix() - 86_400);
    assert_eq!(
        listed(&w.admin, &[("from", &today), ("to", &today)])
            .await
            .entries
            .len(),
        3
    );
    assert!(listed(&w.admin, &[("from", &tomorrow)])
        .await
        .entries
        .is_empty());
    assert!(listed(&w.admin, &[("to", &yesterday)])
        .await
        .entries
        .is_empty());
    assert_eq!(
        w.admin
            .call("list_audit", &[("from", "5 Desember")])
            .await
            .status(),
        400
    );
    assert_eq!(
        w.admin
            .call("list_audit", &[("action", "drop.table")])
            .await
            .status(),
        400
    );
    // The same filters through the page's GET form (JavaScript off).
    let (status, page) = w
        .admin
        .page("/admin/audit?action=role.change&actor=dinas&from=&to=")
        .await;
    assert_eq!(status, 200);
    assert!(page.contains("guru-a &lt;"), "{page}");
    assert!(!page.contains("guru-b &lt;"), "{page}");
    assert!(!page.contains("audit-entry quiz-close"), "{page}");

    // Pages of 50, by keyset: 60 more entries of the agency's.
    for n in 0..60 {
        sqlx::query(
            "insert into audit_entry (created_at, actor_id, actor_name, actor_role, action, \
             subject_kind, subject_id, summary, institution_id, address) \
             values ($1, $2, 'admin', 'admin', 'quiz.open', 'quiz', $3, $4, $5, '10.0.0.1')",
        )
        .bind(now_unix())
        .bind(w.admin_id.0)
        .bind(1000 + n)
        .bind(format!("Kuis ke-{n}"))
        .bind(w.inst.agency.0)
        .execute(db)
        .await
        .expect("entry");
    }
    let first = listed(&w.admin, &[]).await;
    assert_eq!(first.entries.len(), 50);
    assert_eq!(first.entries[0].summary, "Kuis ke-59");
    let cursor = first.next.expect("a next page");
    let second = listed(&w.admin, &[("before", &cursor.to_string())]).await;
    assert_eq!(second.entries.len(), 13);
    assert_eq!(second.entries[0].summary, "Kuis ke-9");
    assert!(second.next.is_none());
    let (_, page) = w.admin.page("/admin/audit").await;
    let older = format!("before={cursor}");
    assert!(page.contains(&older), "the link to older entries: {page}");
    let (_, page) = w.admin.page(&format!("/admin/audit?{older}")).await;
    assert!(page.contains("Kuis ke-9<"), "{page}");
    assert!(!page.contains("Kuis ke-10<"), "{page}");
    assert_eq!(listed(&w.district, &[]).await.entries.len(), 2);

    // The admin's home links to it.
    let (_, home) = w.admin.page("/admin").await;
    assert!(home.contains(r#"href="/admin/audit""#), "{home}");

    // A mentor and a participant are refused; a visitor is asked to sign in.
    let (status, page) = w.mentor.page("/admin/audit").await;
    assert_eq!(status, 403, "{page}");
    assert!(!page.contains("guru-a@uji.test"), "{page}");
    assert_eq!(w.mentor.call("list_audit", &[]).await.status(), 403);
    let participant = signed_in(&w.server, "guru-b@uji.test").await;
    assert_eq!(participant.call("list_audit", &[]).await.status(), 403);
    let visitor = w.server.new_client();
    assert_eq!(visitor.call("list_audit", &[]).await.status(), 401);
    let response = visitor.get("/admin/audit").await;
    assert!(response.status().is_redirection(), "{}", response.status());
    assert!(
        location(&response).is_some_and(|l| l.starts_with("/masuk")),
        "{response:?}"
    );
    w.server.stop().await;
}

#[tokio::test]
async fn the_database_refuses_to_change_or_delete_an_entry() {
    let w = world().await;
    let db = &w.server.db;
    let target = w
        .server
        .user(
            Role::Mentor,
            "calon@uji.test",
            PASSWORD,
            Some(w.inst.school_a),
        )
        .await;
    let response = w
        .admin
        .call(
            "change_role",
            &[("user_id", &target.0.to_string()), ("role", "admin")],
        )
        .await;
    assert_eq!(response.status(), 200);
    let before = entries(db).await;
    assert_eq!(before.len(), 1);
    let id = before[0].id;

    let update =
        sqlx::query("update audit_entry set summary = 'dihapus', actor_id = 0 where id = $1")
            .bind(id)
            .execute(db)
            .await;
    let err = update.expect_err("an update is refused");
    assert!(err.to_string().contains("audit entries cannot be"), "{err}");
    let delete = sqlx::query("delete from audit_entry where id = $1")
        .bind(id)
        .execute(db)
        .await;
    let err = delete.expect_err("a delete is refused");
    assert!(err.to_string().contains("audit entries cannot be"), "{err}");
    assert!(sqlx::query("delete from audit_entry")
        .execute(db)
        .await
        .is_err());
    if pamong_tests::harness::backend() == app::ssr::db::Backend::Postgres {
        assert!(
            sqlx::query("truncate audit_entry")
                .execute(db)
                .await
                .is_err(),
            "truncate is refused too"
        );
    }

    let after = entries(db).await;
    assert_eq!(after.len(), 1);
    let (b, a) = (&before[0], &after[0]);
    assert_eq!(
        (
            a.id,
            a.created_at,
            a.actor_id,
            &a.actor_name,
            &a.summary,
            &a.old_value,
            &a.new_value,
            &a.address
        ),
        (
            b.id,
            b.created_at,
            b.actor_id,
            &b.actor_name,
            &b.summary,
            &b.old_value,
            &b.new_value,
            &b.address
        ),
        "the entry is as it was"
    );
    w.server.stop().await;
}
