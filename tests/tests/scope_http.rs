//! Scope over people, over real HTTP: an import reaches only accounts in the admin's scope (the
//! others get an invitation they accept or decline), never overrides a withdrawal or rejection and
//! never tells another account's role; a school claimed on a profile counts only once an admin of
//! that school (or an import) confirms it; a group's mentor reads only their groups on the roster.

use app::model::accounts::AccountPage;
use app::model::groups::RosterList;
use app::model::{Nip, Role, UserId};
use app::ssr::db::{now_unix, Db};
use app::ssr::{password, users};
use pamong_tests::fixtures;
use pamong_tests::harness::{location, Client, Institutions, TestServer};
use pamong_tests::import_support::HEADER;
use pamong_tests::registration_support::{agreement, participants, signed_in, PASSWORD};
use std::time::Duration;

/// A district A admin signed in on `server.client`, with a published program of district A and
/// one cohort of it.
struct District {
    server: TestServer,
    inst: Institutions,
    admin: UserId,
    program: i64,
    cohort: i64,
}

async fn district_a() -> District {
    let server = TestServer::start().await;
    let inst = server.institutions().await;
    let admin = server
        .user(
            Role::Admin,
            "admin-a@dinas-a.test",
            PASSWORD,
            Some(inst.district_a),
        )
        .await;
    assert_eq!(
        server
            .client
            .sign_in("admin-a@dinas-a.test", PASSWORD)
            .await
            .status(),
        200
    );
    let program = fixtures::program(&server.db, inst.district_a, admin, "published").await;
    let cohort = fixtures::cohort(&server.db, program, "Angkatan Dinas A", 50, admin).await;
    District {
        server,
        inst,
        admin,
        program,
        cohort,
    }
}

/// A teacher who can sign in, verified at `institution`, whose profile names school `npsn`.
async fn teacher(
    server: &TestServer,
    name: &str,
    email: &str,
    nip: &str,
    phone: &str,
    institution: Option<app::model::InstitutionId>,
    npsn: &str,
) -> UserId {
    let hash = password::hash(PASSWORD.to_string()).await.expect("hash");
    let nip = Nip::parse(nip).expect("nip");
    let id = users::create(
        &server.db,
        users::NewUser {
            name,
            email,
            password_hash: &hash,
            role: Role::Participant,
            nip: Some(&nip),
            institution_id: institution,
        },
        now_unix(),
    )
    .await
    .expect("teacher");
    sqlx::query(
        "insert into participant_profile (user_id, school_npsn, school_name, school_level, phone, \
         subject, updated_at) values ($1, $2, 'Sekolah', 'SMP', $3, 'IPA', $4)",
    )
    .bind(id.0)
    .bind(npsn)
    .bind(phone)
    .bind(now_unix())
    .execute(&server.db)
    .await
    .expect("profile");
    id
}

/// Uploads `csv` into `cohort` as a browser with JavaScript off does; the job's id.
async fn upload(client: &Client, cohort: i64, csv: &str) -> i64 {
    let page = format!("/admin/angkatan/{cohort}/impor");
    let response = client
        .upload(
            &page,
            &page,
            "peserta.csv",
            "text/csv",
            csv.as_bytes().to_vec(),
        )
        .await;
    assert_eq!(response.status(), 303, "upload accepted");
    let to = location(&response).expect("location");
    to.strip_prefix("/admin/impor/")
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("not a job page: {to}"))
}

/// Waits for the background worker to end job `job`; its status.
async fn finished(db: &Db, job: i64) -> String {
    let deadline = std::time::Instant::now() + Duration::from_secs(120);
    loop {
        let (status,): (String,) = sqlx::query_as("select status from import_job where id = $1")
            .bind(job)
            .fetch_one(db)
            .await
            .expect("job");
        if status == "done" || status == "failed" {
            return status;
        }
        assert!(std::time::Instant::now() < deadline, "import {job} hangs");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The report's rows of job `job` by line: (field, message).
async fn row_messages(db: &Db, job: i64, line: i64) -> Vec<(String, String)> {
    sqlx::query_as(
        "select field, message from import_row_error where job_id = $1 and row_number = $2 \
         order by field",
    )
    .bind(job)
    .bind(line)
    .fetch_all(db)
    .await
    .expect("row errors")
}

async fn enrolment_status(db: &Db, cohort: i64, user: UserId) -> Option<String> {
    sqlx::query_scalar("select status from enrolment where cohort_id = $1 and user_id = $2")
        .bind(cohort)
        .bind(user.0)
        .fetch_optional(db)
        .await
        .expect("enrolment")
}

async fn seats_taken(db: &Db, cohort: i64) -> i64 {
    sqlx::query_scalar("select seats_taken from cohort where id = $1")
        .bind(cohort)
        .fetch_one(db)
        .await
        .expect("seats")
}

/// Everything the admin can read of a cohort's people: the roster and the registrations, in
/// every status, as one text.
async fn everything_admin_reads(client: &Client, cohort: i64) -> String {
    let mut all = String::new();
    for status in ["applied", "approved", "waitlisted", "rejected", "withdrawn"] {
        let id = cohort.to_string();
        let roster = client
            .call("cohort_roster", &[("cohort_id", &id), ("status", status)])
            .await;
        assert_eq!(roster.status(), 200);
        all.push_str(&roster.text().await.unwrap_or_default());
        let registrations = client
            .call(
                "list_registrations",
                &[("cohort_id", &id), ("status", status)],
            )
            .await;
        assert_eq!(registrations.status(), 200);
        all.push_str(&registrations.text().await.unwrap_or_default());
    }
    let (_, page) = client
        .page(&format!("/admin/angkatan/{cohort}/peserta"))
        .await;
    all.push_str(&page);
    all
}

/// The value of the first `name="{name}" value="…"` in a page.
fn form_value(page: &str, name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\" value=\"");
    let start = page.find(&marker)? + marker.len();
    let end = page[start..].find('"')?;
    Some(page[start..start + end].to_string())
}

#[tokio::test]
async fn an_import_invites_a_teacher_outside_the_admins_scope_instead_of_enrolling_them() {
    let d = district_a().await;
    let (server, db) = (&d.server, &d.server.db);
    // A teacher of district B, with a NIP and a phone number district A has no business reading.
    let outsider = teacher(
        server,
        "Ratna Outsider",
        "ratna@sekolah-b.test",
        "198703152010012004",
        "081377778888",
        Some(d.inst.school_b),
        "20300002",
    )
    .await;
    // Staff accounts whose e-mails a row may carry: a mentor of district B and an admin of
    // district A itself.
    server
        .user(
            Role::Mentor,
            "mentor-b@dinas-b.test",
            PASSWORD,
            Some(d.inst.district_b),
        )
        .await;
    server
        .user(
            Role::Admin,
            "admin-lain@dinas-a.test",
            PASSWORD,
            Some(d.inst.district_a),
        )
        .await;
    let seats_before = seats_taken(db, d.cohort).await;
    let csv = format!(
        "{HEADER}\n\
         Ratna;ratna@sekolah-b.test;;;;20300001;;SMP;;;\n\
         Mentor;mentor-b@dinas-b.test;;;;20300001;;SMP;;;\n\
         Admin;admin-lain@dinas-a.test;;;;20300001;;SMP;;;\n\
         Guru Baru;baru@sekolah-a.test;;;;20300001;;SMP;;;\n"
    );
    let job = upload(&server.client, d.cohort, &csv).await;
    assert_eq!(finished(db, job).await, "done");

    // No enrolment for the outsider (today's code approved one), an invitation instead.
    assert_eq!(
        enrolment_status(db, d.cohort, outsider).await,
        None,
        "an out-of-scope teacher is not enrolled by an import"
    );
    let (invited,): (i64,) = sqlx::query_as(
        "select count(*) from cohort_invitation where cohort_id = $1 and user_id = $2 \
         and status = 'pending'",
    )
    .bind(d.cohort)
    .bind(outsider.0)
    .fetch_one(db)
    .await
    .expect("invitation");
    assert_eq!(invited, 1);
    // The new teacher of district A is created and enrolled as before.
    let (created,): (i64,) = sqlx::query_as(
        "select count(*) from enrolment e join app_user u on u.id = e.user_id \
         where u.email = 'baru@sekolah-a.test' and e.cohort_id = $1 and e.status = 'approved'",
    )
    .bind(d.cohort)
    .fetch_one(db)
    .await
    .expect("created");
    assert_eq!(created, 1);
    assert_eq!(seats_taken(db, d.cohort).await, seats_before + 1);

    // The report reads the same for the outsider, the mentor and the admin: no role is told.
    let outsider_row = row_messages(db, job, 2).await;
    assert_eq!(outsider_row.len(), 1, "{outsider_row:?}");
    assert_eq!(row_messages(db, job, 3).await, outsider_row, "mentor row");
    assert_eq!(row_messages(db, job, 4).await, outsider_row, "admin row");
    let message = outsider_row[0].1.to_lowercase();
    for word in ["mentor", "admin", "peserta", "bukan"] {
        assert!(!message.contains(word), "{message}");
    }

    // The admin reads nothing of the outsider, in any status, on any page.
    let seen = everything_admin_reads(&server.client, d.cohort).await;
    for secret in [
        "Ratna Outsider",
        "ratna@sekolah-b.test",
        "198703152010012004",
        "081377778888",
    ] {
        assert!(!seen.contains(secret), "{secret} leaked");
    }

    // The teacher sees the invitation on their home page, as a plain form.
    let ratna = signed_in(server, "ratna@sekolah-b.test").await;
    let (status, home) = ratna.page("/peserta").await;
    assert_eq!(status, 200);
    assert!(home.contains("Angkatan Dinas A"), "{home}");
    assert!(home.contains("action=\"/api/accept_invitation\""), "{home}");
    let invitation = form_value(&home, "invitation_id").expect("invitation id on the page");

    // Accepting it (JavaScript off) four times at the same instant enrols once, one seat.
    let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(4));
    let mut tasks = Vec::new();
    for _ in 0..4 {
        let (client, invitation, barrier) = (ratna.clone(), invitation.clone(), barrier.clone());
        tasks.push(tokio::spawn(async move {
            barrier.wait().await;
            client
                .submit(
                    "/peserta",
                    "accept_invitation",
                    &[("invitation_id", &invitation)],
                )
                .await
                .status()
        }));
    }
    for task in tasks {
        let status = task.await.expect("task");
        assert!(status.is_redirection(), "{status}");
    }
    assert_eq!(
        enrolment_status(db, d.cohort, outsider).await.as_deref(),
        Some("approved")
    );
    assert_eq!(seats_taken(db, d.cohort).await, seats_before + 2);
    let (_, home) = ratna.page("/peserta").await;
    assert!(
        !home.contains("action=\"/api/accept_invitation\""),
        "{home}"
    );
    // Now, and only now, the admin reads them.
    let seen = everything_admin_reads(&server.client, d.cohort).await;
    assert!(
        seen.contains("ratna@sekolah-b.test") && seen.contains("081377778888"),
        "the accepted invitation shows on the roster"
    );

    // Someone else's invitation cannot be accepted: the same 404 as one that does not exist.
    let other = teacher(
        server,
        "Sari Lain",
        "sari@sekolah-b.test",
        "198801012011012005",
        "081399990000",
        Some(d.inst.school_b),
        "20300002",
    )
    .await;
    let job = upload(
        &server.client,
        d.cohort,
        &format!("{HEADER}\nSari;sari@sekolah-b.test;;;;20300001;;SMP;;;\n"),
    )
    .await;
    finished(db, job).await;
    let (sari_invitation,): (i64,) =
        sqlx::query_as("select id from cohort_invitation where user_id = $1")
            .bind(other.0)
            .fetch_one(db)
            .await
            .expect("invitation");
    let response = ratna
        .call(
            "accept_invitation",
            &[("invitation_id", &sari_invitation.to_string())],
        )
        .await;
    assert_eq!(response.status(), 404);
    assert_eq!(enrolment_status(db, d.cohort, other).await, None);

    // A declined invitation enrols nobody, and importing the same row again does not revive it.
    let sari = signed_in(server, "sari@sekolah-b.test").await;
    let response = sari
        .submit(
            "/peserta",
            "decline_invitation",
            &[("invitation_id", &sari_invitation.to_string())],
        )
        .await;
    assert!(response.status().is_redirection());
    let job = upload(
        &server.client,
        d.cohort,
        &format!("{HEADER}\nSari;sari@sekolah-b.test;;;;20300001;;SMP;;;\n"),
    )
    .await;
    finished(db, job).await;
    let (_, home) = sari.page("/peserta").await;
    assert!(!home.contains("Angkatan Dinas A"), "{home}");
    assert_eq!(enrolment_status(db, d.cohort, other).await, None);
    let _ = (d.admin, d.program);
    d.server.stop().await;
}

#[tokio::test]
async fn an_import_never_overrides_a_withdrawal_or_a_rejection() {
    let d = district_a().await;
    let (server, db) = (&d.server, &d.server.db);
    let people = participants(server, "guru-a", 2, d.inst.school_a).await;
    let cohort = d.cohort.to_string();
    let mut enrolments = Vec::new();
    for (_, email) in &people {
        let client = signed_in(server, email).await;
        let response = client
            .call("apply_to_cohort", &[("cohort_id", &cohort)])
            .await;
        assert_eq!(response.status(), 200);
        enrolments.push(client);
    }
    let enrolment_of = |user: UserId| async move {
        let (id,): (i64,) =
            sqlx::query_as("select id from enrolment where cohort_id = $1 and user_id = $2")
                .bind(d.cohort)
                .bind(user.0)
                .fetch_one(db)
                .await
                .expect("enrolment");
        id.to_string()
    };
    // The first withdraws; the admin rejects the second.
    let withdrawn = enrolment_of(people[0].0).await;
    let response = enrolments[0]
        .call("withdraw_application", &[("enrolment_id", &withdrawn)])
        .await;
    assert_eq!(response.status(), 200);
    let rejected = enrolment_of(people[1].0).await;
    let response = server
        .client
        .call(
            "reject_registration",
            &[("enrolment_id", &rejected), ("reason", "Bukan guru SMP.")],
        )
        .await;
    assert_eq!(response.status(), 200);
    let seats = seats_taken(db, d.cohort).await;

    let csv = format!(
        "{HEADER}\n\
         Guru Satu;{};;;;20300001;;SMP;;;\n\
         Guru Dua;{};;;;20300001;;SMP;;;\n",
        people[0].1, people[1].1
    );
    let job = upload(&server.client, d.cohort, &csv).await;
    assert_eq!(finished(db, job).await, "done");
    assert_eq!(
        enrolment_status(db, d.cohort, people[0].0).await.as_deref(),
        Some("withdrawn"),
        "a withdrawal stands"
    );
    assert_eq!(
        enrolment_status(db, d.cohort, people[1].0).await.as_deref(),
        Some("rejected"),
        "a rejection stands"
    );
    assert_eq!(seats_taken(db, d.cohort).await, seats, "no seat taken");
    // The report says why each row changed nothing.
    let withdrawn_row = row_messages(db, job, 2).await;
    let rejected_row = row_messages(db, job, 3).await;
    assert!(
        withdrawn_row
            .iter()
            .any(|(_, m)| m.contains("mengundurkan diri")),
        "{withdrawn_row:?}"
    );
    assert!(
        rejected_row.iter().any(|(_, m)| m.contains("ditolak")),
        "{rejected_row:?}"
    );
    d.server.stop().await;
}

fn profile_form(npsn: &str, nip: &str, nuptk: &str) -> Vec<(&'static str, String)> {
    vec![
        ("nip", nip.to_string()),
        ("nuptk", nuptk.to_string()),
        ("rank", "III/b".to_string()),
        ("school_npsn", npsn.to_string()),
        ("school_name", "Sekolah B".to_string()),
        ("subject", "Matematika".to_string()),
        ("school_level", "SMP".to_string()),
        ("region_code", "33.02".to_string()),
        ("phone", "081234560000".to_string()),
    ]
}

async fn save_profile(client: &Client, form: &[(&'static str, String)]) {
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let response = client.call("save_profile", &form).await;
    assert_eq!(response.status(), 200, "profile saved");
}

async fn accounts_of(client: &Client) -> Vec<String> {
    let response = client
        .call("list_accounts", &[("role", "participant")])
        .await;
    assert_eq!(response.status(), 200);
    let page: AccountPage = response.json().await.expect("accounts");
    page.users.into_iter().filter_map(|u| u.email).collect()
}

#[tokio::test]
async fn a_claimed_school_counts_only_once_an_admin_of_that_school_confirms_it() {
    let server = TestServer::start().await;
    let inst = server.institutions().await;
    let db = &server.db;
    let agency_admin = server
        .user(Role::Admin, "admin@bpsdm.test", PASSWORD, Some(inst.agency))
        .await;
    // A program of the agency whose only partner is school B, with 5 seats for it.
    let program = fixtures::program(db, inst.agency, agency_admin, "published").await;
    let cohort = fixtures::cohort(db, program, "Angkatan Mitra", 20, agency_admin).await;
    let agreement_id = agreement(db, program, agency_admin, inst.school_b, 5).await;
    server
        .user(
            Role::Admin,
            "admin-b@dinas-b.test",
            PASSWORD,
            Some(inst.district_b),
        )
        .await;
    server
        .user(
            Role::Admin,
            "admin-a@dinas-a.test",
            PASSWORD,
            Some(inst.district_a),
        )
        .await;
    let admin_b = signed_in(&server, "admin-b@dinas-b.test").await;
    let admin_a = signed_in(&server, "admin-a@dinas-a.test").await;

    // A teacher signs up elsewhere and types school B's (public) NPSN on their profile.
    let claimant = server
        .user(Role::Participant, "klaim@guru.test", PASSWORD, None)
        .await;
    let teacher = signed_in(&server, "klaim@guru.test").await;
    save_profile(
        &teacher,
        &profile_form("20300002", "198004122005012003", "1234567890123456"),
    )
    .await;

    // Unverified: the profile says so, school B's quota does not take them, and school B's
    // admin does not have them in scope.
    let response = teacher
        .call("apply_to_cohort", &[("cohort_id", &cohort.to_string())])
        .await;
    assert_eq!(
        response.status(),
        403,
        "not a partner before the school confirms"
    );
    let partner_seats = |db: &Db| {
        let db = db.clone();
        async move {
            let (n,): (i64,) =
                sqlx::query_as("select seats_taken from agreement_partner where agreement_id = $1")
                    .bind(agreement_id)
                    .fetch_one(&db)
                    .await
                    .expect("partner");
            n
        }
    };
    assert_eq!(partner_seats(db).await, 0);
    assert!(!accounts_of(&admin_b)
        .await
        .contains(&"klaim@guru.test".to_string()));
    let (status, page) = teacher.page("/peserta/profil").await;
    assert_eq!(status, 200);
    assert!(page.contains("belum diverifikasi"), "{page}");

    // School B's admin sees the claim waiting; district A's admin neither sees nor confirms it.
    let (status, claims) = admin_b.page("/admin/klaim-sekolah").await;
    assert_eq!(status, 200);
    assert!(
        claims.contains("klaim@guru.test") && claims.contains("Sekolah B"),
        "{claims}"
    );
    assert!(claims.contains("action=\"/api/confirm_school_claim\""));
    let (_, claims_a) = admin_a.page("/admin/klaim-sekolah").await;
    assert!(!claims_a.contains("klaim@guru.test"), "{claims_a}");
    let form = [
        ("user_id", claimant.0.to_string()),
        ("institution_id", inst.school_b.0.to_string()),
    ];
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let response = admin_a.call("confirm_school_claim", &form).await;
    assert_eq!(response.status(), 404, "out of district A's scope");
    assert!(!accounts_of(&admin_b)
        .await
        .contains(&"klaim@guru.test".to_string()));

    // Confirmed (JavaScript off): in scope, eligible, and the mark is gone.
    let response = admin_b
        .submit("/admin/klaim-sekolah", "confirm_school_claim", &form)
        .await;
    assert!(response.status().is_redirection());
    assert!(accounts_of(&admin_b)
        .await
        .contains(&"klaim@guru.test".to_string()));
    let (_, claims) = admin_b.page("/admin/klaim-sekolah").await;
    assert!(!claims.contains("klaim@guru.test"), "{claims}");
    let (_, page) = teacher.page("/peserta/profil").await;
    assert!(!page.contains("belum diverifikasi"), "{page}");
    let response = teacher
        .call("apply_to_cohort", &[("cohort_id", &cohort.to_string())])
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(partner_seats(db).await, 1);

    // An import by school B's admin confirms a matching claim too, and enrols the teacher.
    let second = server
        .user(Role::Participant, "klaim2@guru.test", PASSWORD, None)
        .await;
    let second_client = signed_in(&server, "klaim2@guru.test").await;
    save_profile(
        &second_client,
        &profile_form("20300002", "198105132006012004", "1234567890123457"),
    )
    .await;
    assert!(!accounts_of(&admin_b)
        .await
        .contains(&"klaim2@guru.test".to_string()));
    let admin_b_id: i64 =
        sqlx::query_scalar("select id from app_user where email = 'admin-b@dinas-b.test'")
            .fetch_one(db)
            .await
            .expect("admin b");
    let district_program =
        fixtures::program(db, inst.district_b, UserId(admin_b_id), "published").await;
    let district_cohort =
        fixtures::cohort(db, district_program, "Angkatan B", 20, UserId(admin_b_id)).await;
    let job = upload(
        &admin_b,
        district_cohort,
        &format!("{HEADER}\nGuru;klaim2@guru.test;;;;20300002;;SMP;;;\n"),
    )
    .await;
    assert_eq!(finished(db, job).await, "done");
    assert_eq!(
        enrolment_status(db, district_cohort, second)
            .await
            .as_deref(),
        Some("approved")
    );
    assert!(accounts_of(&admin_b)
        .await
        .contains(&"klaim2@guru.test".to_string()));
    server.stop().await;
}

#[tokio::test]
async fn a_group_mentor_reads_only_their_own_groups_on_the_roster() {
    let server = TestServer::start().await;
    let inst = server.institutions().await;
    let db = &server.db;
    let admin = server
        .user(Role::Admin, "admin@bpsdm.test", PASSWORD, Some(inst.agency))
        .await;
    server.client.sign_in("admin@bpsdm.test", PASSWORD).await;
    let program = fixtures::program(db, inst.agency, admin, "published").await;
    let cohort = fixtures::cohort(db, program, "Angkatan 1", 100, admin).await;
    let mentor_a = server
        .user(
            Role::Mentor,
            "mentor-a@bpsdm.test",
            PASSWORD,
            Some(inst.agency),
        )
        .await;
    let mentor_b = server
        .user(
            Role::Mentor,
            "mentor-b@bpsdm.test",
            PASSWORD,
            Some(inst.agency),
        )
        .await;
    let lead = server
        .user(Role::Mentor, "lead@bpsdm.test", PASSWORD, Some(inst.agency))
        .await;
    sqlx::query("insert into cohort_mentor (cohort_id, user_id) values ($1, $2)")
        .bind(cohort)
        .bind(lead.0)
        .execute(db)
        .await
        .expect("cohort mentor");
    let mut groups = Vec::new();
    for (name, mentor) in [("Kelompok A", mentor_a), ("Kelompok B", mentor_b)] {
        let (id,): (i64,) = sqlx::query_as(
            "insert into mentor_group (cohort_id, name, mentor_id, capacity, created_at) \
             values ($1, $2, $3, 30, $4) returning id",
        )
        .bind(cohort)
        .bind(name)
        .bind(mentor.0)
        .bind(now_unix())
        .fetch_one(db)
        .await
        .expect("group");
        groups.push(id);
    }
    // Three members in A, two in B, one without a group.
    let people = participants(&server, "anggota", 6, inst.school_a).await;
    for (k, (user, _)) in people.iter().enumerate() {
        let enrolment = fixtures::approved_enrolment(db, cohort, *user).await;
        let group = match k {
            0..=2 => Some(groups[0]),
            3 | 4 => Some(groups[1]),
            _ => None,
        };
        sqlx::query("update enrolment set group_id = $1 where id = $2")
            .bind(group)
            .bind(enrolment)
            .execute(db)
            .await
            .expect("group");
    }
    let roster = |client: Client, filters: Vec<(&'static str, String)>| async move {
        let mut form = vec![("cohort_id", cohort.to_string())];
        form.extend(filters);
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        client.call("cohort_roster", &form).await
    };
    let emails = |list: &RosterList| -> Vec<String> {
        let mut e: Vec<String> = list
            .entries
            .iter()
            .filter_map(|r| r.email.clone())
            .collect();
        e.sort();
        e
    };
    let in_group = |range: std::ops::Range<usize>| -> Vec<String> {
        let mut e: Vec<String> = people[range].iter().map(|(_, e)| e.clone()).collect();
        e.sort();
        e
    };

    let a = signed_in(&server, "mentor-a@bpsdm.test").await;
    let mine: RosterList = roster(a.clone(), vec![])
        .await
        .json()
        .await
        .expect("roster");
    assert_eq!(emails(&mine), in_group(0..3), "only group A's members");
    assert_eq!(mine.total, 3);
    assert_eq!(
        mine.groups.iter().map(|(id, _)| *id).collect::<Vec<_>>(),
        vec![groups[0]],
        "only their group in the filter"
    );
    let response = roster(a.clone(), vec![("group", groups[1].to_string())]).await;
    let status = response.status().as_u16();
    if status == 200 {
        let theirs: RosterList = response.json().await.expect("roster");
        assert!(theirs.entries.is_empty() && theirs.total == 0, "{theirs:?}");
    } else {
        assert_eq!(status, 404);
    }
    let unassigned: RosterList = roster(a.clone(), vec![("group", "none".to_string())])
        .await
        .json()
        .await
        .expect("roster");
    assert!(unassigned.entries.is_empty(), "{unassigned:?}");

    // The cohort's named mentor and the admin read the whole cohort.
    let lead_client = signed_in(&server, "lead@bpsdm.test").await;
    let all: RosterList = roster(lead_client, vec![])
        .await
        .json()
        .await
        .expect("roster");
    assert_eq!(all.total, 6);
    let all: RosterList = roster(server.client.clone(), vec![])
        .await
        .json()
        .await
        .expect("roster");
    assert_eq!(all.total, 6);
    assert_eq!(emails(&all), in_group(0..6));
    server.stop().await;
}
