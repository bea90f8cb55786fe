//! Cohorts, profiles and registration over real HTTP: validation, admin scope, the apply →
//! approve / reject / withdraw flow with its waitlist, and quotas under concurrent registrations.

use app::model::{ErrorKind, Role};
use app::ssr::db::now_unix;
use app::ssr::institutions;
use pamong_tests::fixtures;
use pamong_tests::harness::{error_of, location, Client, TestServer};
use pamong_tests::registration_support::{
    agreement, complete_profile, participants, signed_in, tally, with_overrides, PASSWORD,
};

/// A server with the test institutions, an agency admin signed in on `server.client`, and a
/// published program; returns (server, admin id, program id).
async fn with_admin() -> (
    TestServer,
    app::model::UserId,
    i64,
    pamong_tests::harness::Institutions,
) {
    let server = TestServer::start().await;
    let inst = server.institutions().await;
    let admin = server
        .user(Role::Admin, "admin@uji.test", PASSWORD, Some(inst.agency))
        .await;
    assert_eq!(
        server
            .client
            .sign_in("admin@uji.test", PASSWORD)
            .await
            .status(),
        200
    );
    let program = fixtures::program(&server.db, inst.agency, admin, "published").await;
    (server, admin, program, inst)
}

fn field_message(error: &app::model::AppError, field: &str) -> String {
    error
        .field_message(field)
        .unwrap_or_else(|| panic!("no message for {field}: {error:?}"))
        .to_string()
}

async fn create_cohort(
    client: &Client,
    program: &str,
    name: &str,
    dates: [&str; 4],
    quota: &str,
) -> reqwest::Response {
    client
        .call(
            "create_cohort",
            &[
                ("program_id", program),
                ("name", name),
                ("starts_on", dates[0]),
                ("ends_on", dates[1]),
                ("registration_opens_on", dates[2]),
                ("registration_closes_on", dates[3]),
                ("quota", quota),
            ],
        )
        .await
}

#[tokio::test]
async fn cohort_creation_checks_dates_quota_and_name() {
    let (server, _, program, _) = with_admin().await;
    let program = program.to_string();
    let good = ["2027-01-11", "2027-02-19", "2026-12-01", "2026-12-31"];
    let response = create_cohort(&server.client, &program, "Angkatan 1", good, "30").await;
    assert_eq!(response.status(), 200);
    let target = location(&response).expect("redirect to the cohort");
    let (opens, closes, quota): (i64, i64, i64) = sqlx::query_as(
        "select registration_opens_at, registration_closes_at, quota from cohort where name = 'Angkatan 1'",
    )
    .fetch_one(&server.db)
    .await
    .expect("cohort row");
    // 2026-12-01 00:00 WIB = 2026-11-30 17:00 UTC; 2026-12-31 23:59:59 WIB = 16:59:59 UTC.
    assert_eq!(opens, 1_796_058_000);
    assert_eq!(closes, 1_798_736_399);
    assert_eq!(quota, 30);
    let (status, body) = server.client.page(&target).await;
    assert_eq!(status, 200);
    assert!(
        body.contains("Angkatan 1") && body.contains("0 / 30 kursi terisi"),
        "{body}"
    );

    let bad = create_cohort(
        &server.client,
        &program,
        "Angkatan 1",
        ["2027-02-19", "2027-01-11", "2026-12-31", "2026-12-01"],
        "0",
    )
    .await;
    assert_eq!(bad.status(), 400);
    let error = error_of(bad).await;
    assert_eq!(
        field_message(&error, "name"),
        "Nama angkatan ini sudah dipakai di program yang sama."
    );
    assert_eq!(
        field_message(&error, "ends_on"),
        "Tanggal selesai tidak boleh sebelum tanggal mulai."
    );
    assert_eq!(
        field_message(&error, "registration_closes_on"),
        "Pendaftaran tidak boleh ditutup sebelum dibuka."
    );
    assert_eq!(
        field_message(&error, "quota"),
        "Kuota harus bilangan bulat lebih dari 0."
    );

    let error = error_of(
        create_cohort(
            &server.client,
            &program,
            "",
            ["2027-02-30", "", "x", "2026-12-01"],
            "lima",
        )
        .await,
    )
    .await;
    assert_eq!(field_message(&error, "name"), "Wajib diisi.");
    assert!(field_message(&error, "starts_on").starts_with("Tanggal tidak valid"));
    assert_eq!(field_message(&error, "ends_on"), "Wajib diisi.");
    assert_eq!(
        field_message(&error, "quota"),
        "Kuota harus bilangan bulat lebih dari 0."
    );
    let (count,): (i64,) = sqlx::query_as("select count(*) from cohort")
        .fetch_one(&server.db)
        .await
        .expect("count");
    assert_eq!(count, 1, "nothing was stored by the refused posts");
    server.stop().await;
}

#[tokio::test]
async fn admins_of_another_province_see_404_and_nothing_in_their_list() {
    let (server, admin, program, _) = with_admin().await;
    let cohort = fixtures::cohort(&server.db, program, "Angkatan Jateng", 10, admin).await;
    let other = institutions::insert(
        &server.db,
        "BPSDM Jawa Timur",
        "province_agency",
        None,
        None,
        Some("35"),
        now_unix(),
    )
    .await
    .expect("other agency");
    server
        .user(Role::Admin, "admin@jatim.test", PASSWORD, Some(other))
        .await;
    let outsider = signed_in_as(&server, "admin@jatim.test").await;

    let (status, body) = outsider.page(&format!("/admin/angkatan/{cohort}")).await;
    assert_eq!(status, 404);
    assert!(!body.contains("Angkatan Jateng"), "{body}");
    let response = outsider
        .call("get_cohort", &[("id", &cohort.to_string())])
        .await;
    assert_eq!(response.status(), 404);
    let response = outsider
        .call("list_registrations", &[("cohort_id", &cohort.to_string())])
        .await;
    assert_eq!(response.status(), 404);
    let response = outsider
        .call(
            "add_live_session",
            &[
                ("cohort_id", &cohort.to_string()),
                ("title", "x"),
                ("date", "2027-01-11"),
                ("time", "09:00"),
                ("duration_minutes", "60"),
                ("meeting_url", "https://meet.google.com/x"),
            ],
        )
        .await;
    assert_eq!(response.status(), 404);
    let response = create_cohort(
        &outsider,
        &program.to_string(),
        "Angkatan Jatim",
        ["2027-01-11", "2027-02-19", "2026-12-01", "2026-12-31"],
        "5",
    )
    .await;
    assert_eq!(response.status(), 400, "a program outside scope is refused");
    let (_, list) = outsider.page("/admin/angkatan").await;
    assert!(
        !list.contains("Angkatan Jateng") && list.contains("0 angkatan"),
        "{list}"
    );
    let (_, own_list) = server.client.page("/admin/angkatan").await;
    assert!(own_list.contains("Angkatan Jateng"), "{own_list}");
    server.stop().await;
}

async fn signed_in_as(server: &TestServer, email: &str) -> Client {
    signed_in(server, email).await
}

#[tokio::test]
async fn live_sessions_need_an_https_link_and_list_in_time_order() {
    let (server, admin, program, _) = with_admin().await;
    let cohort = fixtures::cohort(&server.db, program, "Angkatan 1", 10, admin)
        .await
        .to_string();
    let add = |title: &'static str, time: &'static str, url: &'static str| {
        let cohort = cohort.clone();
        let client = server.client.clone();
        async move {
            client
                .call(
                    "add_live_session",
                    &[
                        ("cohort_id", &cohort),
                        ("title", title),
                        ("date", "2027-01-12"),
                        ("time", time),
                        ("duration_minutes", "90"),
                        ("meeting_url", url),
                    ],
                )
                .await
        }
    };
    let refused = add("Sesi A", "09:00", "http://meet.google.com/abc").await;
    assert_eq!(refused.status(), 400);
    assert_eq!(
        field_message(&error_of(refused).await, "meeting_url"),
        "Tautan harus alamat lengkap yang diawali https://"
    );
    assert_eq!(
        add("Sesi siang", "13:30", "https://zoom.us/j/1")
            .await
            .status(),
        200
    );
    assert_eq!(
        add("Sesi pagi", "08:00", "https://meet.google.com/abc")
            .await
            .status(),
        200
    );
    let (starts,): (i64,) =
        sqlx::query_as("select starts_at from live_session where title = 'Sesi pagi'")
            .fetch_one(&server.db)
            .await
            .expect("session");
    assert_eq!(starts, 1_799_715_600, "2027-01-12 08:00 WIB = 01:00 UTC");
    let (_, body) = server
        .client
        .page(&format!("/admin/angkatan/{cohort}"))
        .await;
    let (morning, noon) = (
        body.find("Sesi pagi").expect("pagi"),
        body.find("Sesi siang").expect("siang"),
    );
    assert!(morning < noon, "sessions are listed in time order");
    assert!(body.contains("12 Jan 2027, 08:00 WIB"), "{body}");
    server.stop().await;
}

fn profile_form<'a>(overrides: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let form = vec![
        ("nip", "19800412 200501 2 003"),
        ("nuptk", "1234 5678 9012 3456"),
        ("rank", "III/b"),
        ("school_npsn", "20300001"),
        ("school_name", "Sekolah A"),
        ("subject", "Matematika"),
        ("school_level", "smp"),
        ("region_code", "33.01"),
        ("phone", "+62 812 3456 7890"),
    ];
    with_overrides(form, overrides)
}

#[tokio::test]
async fn profile_checks_each_field_and_keeps_numbers_unique() {
    let server = TestServer::start().await;
    let inst = server.institutions().await;
    let me = server
        .user(Role::Participant, "guru@uji.test", PASSWORD, None)
        .await;
    server
        .user(Role::Participant, "lain@uji.test", PASSWORD, None)
        .await;
    let client = signed_in(&server, "guru@uji.test").await;

    let bad = profile_form(&[
        ("nip", "1980"),
        ("nuptk", "12345"),
        ("rank", "II/a"),
        ("school_npsn", "2030001"),
        ("school_level", "TK"),
        ("region_code", "33-01"),
        ("phone", "021-555-1234"),
    ]);
    let response = client.call("save_profile", &bad).await;
    assert_eq!(response.status(), 400);
    let error = error_of(response).await;
    assert_eq!(
        field_message(&error, "nip"),
        "NIP harus 18 angka; yang diisi 4 angka."
    );
    assert_eq!(
        field_message(&error, "nuptk"),
        "NUPTK harus 16 angka; yang diisi 5 angka."
    );
    assert_eq!(
        field_message(&error, "rank"),
        "Golongan tidak dikenal; tulis seperti III/a, III/b, … sampai IV/e."
    );
    assert_eq!(
        field_message(&error, "school_npsn"),
        "NPSN harus 8 angka (sekolah) atau huruf K/P diikuti 7 angka (lembaga nonformal)."
    );
    assert_eq!(
        field_message(&error, "school_level"),
        "Jenjang sekolah harus salah satu dari SD, SMP, SMA, SMK atau SLB."
    );
    assert_eq!(field_message(&error, "region_code"), "Kode wilayah harus seperti 33 (provinsi), 33.02 (kabupaten/kota) atau 33.02.05 (kecamatan).");
    assert_eq!(
        field_message(&error, "phone"),
        "Nomor HP harus nomor seluler Indonesia, misalnya 0812 3456 7890 atau +62 812 3456 7890."
    );

    client.set_cookie("lang", "en");
    let error = error_of(
        client
            .call(
                "save_profile",
                &profile_form(&[("nuptk", "12345678901234x6")]),
            )
            .await,
    )
    .await;
    assert_eq!(
        field_message(&error, "nuptk"),
        "An NUPTK may contain digits only."
    );
    client.set_cookie("lang", "id");

    // A good profile is stored in canonical form; the school of its NPSN is only a claim until an
    // admin of that school confirms it.
    let response = client.call("save_profile", &profile_form(&[])).await;
    assert_eq!(response.status(), 200);
    let (nip, institution): (Option<String>, Option<i64>) =
        sqlx::query_as("select nip, institution_id from app_user where id = $1")
            .bind(me.0)
            .fetch_one(&server.db)
            .await
            .expect("user");
    assert_eq!(nip.as_deref(), Some("198004122005012003"));
    assert_eq!(
        institution, None,
        "not linked to {:?} by typing its NPSN",
        inst.school_a
    );
    let (nuptk, level, phone, rank): (String, String, String, String) = sqlx::query_as(
        "select nuptk, school_level, phone, rank from participant_profile where user_id = $1",
    )
    .bind(me.0)
    .fetch_one(&server.db)
    .await
    .expect("profile");
    assert_eq!(
        (
            nuptk.as_str(),
            level.as_str(),
            phone.as_str(),
            rank.as_str()
        ),
        ("1234567890123456", "SMP", "081234567890", "III/b")
    );

    // The other account cannot take the same NIP or NUPTK.
    let other = signed_in(&server, "lain@uji.test").await;
    let error = error_of(
        other
            .call("save_profile", &profile_form(&[("phone", "081311112222")]))
            .await,
    )
    .await;
    assert_eq!(
        field_message(&error, "nip"),
        "NIP ini sudah dipakai akun lain. Hubungi penyelenggara bila ini NIP Anda."
    );
    assert_eq!(
        field_message(&error, "nuptk"),
        "NUPTK ini sudah dipakai akun lain. Hubungi penyelenggara bila ini NUPTK Anda."
    );

    // JavaScript off: a bad phone comes back next to the field with what was typed, and the
    // stored profile is untouched.
    let response = client
        .submit(
            "/peserta/profil",
            "save_profile",
            &profile_form(&[("phone", "0812-ABC"), ("subject", "Fisika Terapan")]),
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response).as_deref(), Some("/peserta/profil"));
    let (status, body) = client.page("/peserta/profil").await;
    assert_eq!(
        status, 400,
        "the page shown again carries the error's status"
    );
    assert!(
        body.contains("Nomor HP harus nomor seluler Indonesia"),
        "{body}"
    );
    assert!(
        body.contains(r#"value="0812-ABC""#) && body.contains(r#"value="Fisika Terapan""#),
        "{body}"
    );
    let (subject, phone): (String, String) =
        sqlx::query_as("select subject, phone from participant_profile where user_id = $1")
            .bind(me.0)
            .fetch_one(&server.db)
            .await
            .expect("profile");
    assert_eq!(
        (subject.as_str(), phone.as_str()),
        ("Matematika", "081234567890")
    );
    server.stop().await;
}

#[tokio::test]
async fn apply_approve_reject_and_withdraw_promotes_the_waitlisted() {
    let (server, admin, program, inst) = with_admin().await;
    let cohort = fixtures::cohort(&server.db, program, "Angkatan 1", 2, admin).await;
    let people = participants(&server, "p", 4, inst.school_a).await;
    let mut clients = Vec::new();
    for (_, email) in &people {
        clients.push(signed_in(&server, email).await);
    }
    let id = cohort.to_string();
    for client in &clients {
        let response = client.call("apply_to_cohort", &[("cohort_id", &id)]).await;
        assert_eq!(response.status(), 200);
        assert_eq!(location(&response).as_deref(), Some("/peserta/pendaftaran"));
    }
    assert_eq!(tally(&server.db, cohort).await, (2, 2, 0, 2));
    let again = clients[0]
        .call("apply_to_cohort", &[("cohort_id", &id)])
        .await;
    assert_eq!(again.status(), 409);
    assert!(error_of(again)
        .await
        .message
        .starts_with("Anda sudah terdaftar"));

    let (_, body) = clients[3].page("/peserta/pendaftaran").await;
    assert!(body.contains("Urutan ke-2 di daftar tunggu"), "{body}");

    let enrolment = |user: app::model::UserId| {
        let db = server.db.clone();
        async move {
            let (e,): (i64,) =
                sqlx::query_as("select id from enrolment where cohort_id = $1 and user_id = $2")
                    .bind(cohort)
                    .bind(user.0)
                    .fetch_one(&db)
                    .await
                    .expect("enrolment");
            e.to_string()
        }
    };
    // Approve: applied → approved, still holding the seat.
    let first = enrolment(people[0].0).await;
    let response = server
        .client
        .call("approve_registration", &[("enrolment_id", &first)])
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(tally(&server.db, cohort).await, (1, 2, 1, 2));
    let (status, body) = clients[0]
        .page(&format!("/peserta/angkatan/{cohort}"))
        .await;
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("Angkatan 1"));
    let (status, _) = clients[1]
        .page(&format!("/peserta/angkatan/{cohort}"))
        .await;
    assert_eq!(
        status, 404,
        "only approved participants see the cohort page"
    );

    // Reject needs a reason; with one, the seat goes to the first waitlisted.
    let second = enrolment(people[1].0).await;
    let response = server
        .client
        .call(
            "reject_registration",
            &[("enrolment_id", &second), ("reason", "  ")],
        )
        .await;
    assert_eq!(response.status(), 400);
    assert_eq!(
        field_message(&error_of(response).await, "reason"),
        "Tulis alasan penolakan; peserta akan membacanya."
    );
    assert_eq!(tally(&server.db, cohort).await, (1, 2, 1, 2));
    let response = server
        .client
        .call(
            "reject_registration",
            &[("enrolment_id", &second), ("reason", "Bukan guru SMP")],
        )
        .await;
    assert_eq!(response.status(), 200);
    let (status,): (String,) = sqlx::query_as("select status from enrolment where user_id = $1")
        .bind(people[2].0 .0)
        .fetch_one(&server.db)
        .await
        .expect("third");
    assert_eq!(status, "applied", "the first waitlisted was promoted");
    assert_eq!(tally(&server.db, cohort).await, (1, 1, 1, 2));
    let (_, body) = clients[1].page("/peserta/pendaftaran").await;
    assert!(
        body.contains("Bukan guru SMP") && body.contains("Ditolak"),
        "{body}"
    );

    // Withdraw the approved seat: the last waitlisted moves up; nobody may withdraw for another.
    let fourth = enrolment(people[3].0).await;
    assert_eq!(
        clients[0]
            .call("withdraw_application", &[("enrolment_id", &fourth)])
            .await
            .status(),
        404
    );
    let response = clients[0]
        .call("withdraw_application", &[("enrolment_id", &first)])
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(tally(&server.db, cohort).await, (2, 0, 0, 2));
    // A participant cannot approve.
    assert_eq!(
        clients[0]
            .call("approve_registration", &[("enrolment_id", &fourth)])
            .await
            .status(),
        403
    );
    server.stop().await;
}

#[tokio::test]
async fn applications_are_refused_with_a_clear_reason() {
    let (server, admin, program, inst) = with_admin().await;
    let cohort = fixtures::cohort(&server.db, program, "Angkatan 1", 5, admin).await;
    let people = participants(&server, "r", 1, inst.school_a).await;
    let client = signed_in(&server, &people[0].1).await;
    let apply = |client: Client, cohort: i64| async move {
        let response = client
            .call("apply_to_cohort", &[("cohort_id", &cohort.to_string())])
            .await;
        let status = response.status().as_u16();
        (status, error_of(response).await)
    };

    // Window closed yesterday.
    sqlx::query("update cohort set registration_closes_at = $1 where id = $2")
        .bind(now_unix() - 86_400)
        .bind(cohort)
        .execute(&server.db)
        .await
        .expect("close");
    let (status, error) = apply(client.clone(), cohort).await;
    assert_eq!(
        (status, error.message.as_str()),
        (409, "Pendaftaran angkatan ini sudah ditutup.")
    );
    // Window not yet open.
    sqlx::query(
        "update cohort set registration_opens_at = $1, registration_closes_at = $2 where id = $3",
    )
    .bind(now_unix() + 86_400)
    .bind(now_unix() + 2 * 86_400)
    .bind(cohort)
    .execute(&server.db)
    .await
    .expect("later");
    let (status, error) = apply(client.clone(), cohort).await;
    assert_eq!(
        (status, error.message.as_str()),
        (409, "Pendaftaran angkatan ini belum dibuka.")
    );

    // A draft program's cohort does not exist for participants.
    let draft = fixtures::program(&server.db, inst.agency, admin, "draft").await;
    let draft_cohort = fixtures::cohort(&server.db, draft, "Angkatan Draf", 5, admin).await;
    let (status, _) = apply(client.clone(), draft_cohort).await;
    assert_eq!(status, 404);

    // An incomplete profile: the message names what is missing and where to fill it in.
    let open = fixtures::cohort(&server.db, program, "Angkatan 2", 5, admin).await;
    let bare = server
        .user(
            Role::Participant,
            "baru@uji.test",
            PASSWORD,
            Some(inst.school_a),
        )
        .await;
    let newcomer = signed_in(&server, "baru@uji.test").await;
    let (status, error) = apply(newcomer.clone(), open).await;
    assert_eq!(status, 409);
    assert!(
        error.message.contains("/peserta/profil") && error.message.contains("NPSN"),
        "{}",
        error.message
    );
    complete_profile(&server.db, bare, "9999888877776666").await;
    assert_eq!(
        newcomer
            .call("apply_to_cohort", &[("cohort_id", &open.to_string())])
            .await
            .status(),
        200
    );

    // JavaScript off: the refusal comes back to the page it was posted from.
    let response = client
        .submit(
            "/katalog",
            "apply_to_cohort",
            &[("cohort_id", &cohort.to_string())],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(tally(&server.db, cohort).await, (0, 0, 0, 0));
    assert_eq!(ErrorKind::Conflict.status(), 409);
    server.stop().await;
}

/// `n` signed-in clients call `apply_to_cohort` at the same instant; returns their statuses.
async fn apply_all_at_once(clients: Vec<Client>, cohort: i64) -> Vec<u16> {
    let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(clients.len()));
    let mut set = tokio::task::JoinSet::new();
    for client in clients {
        let barrier = barrier.clone();
        set.spawn(async move {
            barrier.wait().await;
            client
                .call("apply_to_cohort", &[("cohort_id", &cohort.to_string())])
                .await
                .status()
                .as_u16()
        });
    }
    let mut statuses = Vec::new();
    while let Some(status) = set.join_next().await {
        statuses.push(status.expect("task"));
    }
    statuses
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_quota_holds_when_forty_apply_at_the_same_instant() {
    let (server, admin, program, inst) = with_admin().await;
    let cohort = fixtures::cohort(&server.db, program, "Angkatan Rebutan", 5, admin).await;
    let people = participants(&server, "c", 40, inst.school_a).await;
    let mut clients = Vec::new();
    for (_, email) in &people {
        clients.push(signed_in(&server, email).await);
    }
    let statuses = apply_all_at_once(clients, cohort).await;
    assert!(statuses.iter().all(|s| *s == 200), "{statuses:?}");
    assert_eq!(tally(&server.db, cohort).await, (5, 35, 0, 5));
    // Waitlist positions are 1..=35 without gaps or repeats.
    let (distinct,): (i64,) = sqlx::query_as(
        "select count(distinct created_at * 100000 + id) from enrolment where cohort_id = $1 and status = 'waitlisted'",
    )
    .bind(cohort)
    .fetch_one(&server.db)
    .await
    .expect("distinct");
    assert_eq!(distinct, 35);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_partner_quota_holds_under_an_agreement() {
    let (server, admin, program, inst) = with_admin().await;
    let cohort = fixtures::cohort(&server.db, program, "Angkatan PKS", 100, admin).await;
    let agreement_id = agreement(&server.db, program, admin, inst.district_a, 5).await;
    let partners = participants(&server, "m", 40, inst.school_a).await;
    let outsiders = participants(&server, "o", 1, inst.school_b).await;
    let mut clients = Vec::new();
    for (_, email) in &partners {
        clients.push(signed_in(&server, email).await);
    }
    let statuses = apply_all_at_once(clients, cohort).await;
    assert!(statuses.iter().all(|s| *s == 200), "{statuses:?}");
    assert_eq!(tally(&server.db, cohort).await, (5, 35, 0, 5));
    let (taken,): (i64,) =
        sqlx::query_as("select seats_taken from agreement_partner where agreement_id = $1")
            .bind(agreement_id)
            .fetch_one(&server.db)
            .await
            .expect("partner seats");
    assert_eq!(taken, 5);
    // A school outside every partner's subtree is refused.
    let outsider = signed_in(&server, &outsiders[0].1).await;
    let response = outsider
        .call("apply_to_cohort", &[("cohort_id", &cohort.to_string())])
        .await;
    assert_eq!(response.status(), 403);
    assert!(error_of(response).await.message.contains("lembaga mitra"));
    server.stop().await;
}

#[tokio::test]
async fn the_demo_seed_has_the_programs_cohorts_and_profiles_the_specs_use() {
    let server = TestServer::start().await;
    let created = server::demo::seed_demo(&server.db, Some("demo-pamong-2026".into()))
        .await
        .expect("seed");
    assert_eq!(created.len(), 23);
    let (status,): (String,) = sqlx::query_as(
        "select status from program where title = 'Literasi Digital dalam Pembelajaran'",
    )
    .fetch_one(&server.db)
    .await
    .expect("program");
    assert_eq!(status, "published");
    let first = sqlx::query_as::<_, (i64,)>("select id from cohort where name = 'Angkatan 1'")
        .fetch_one(&server.db)
        .await
        .expect("cohort")
        .0;
    // The survey demo approves peserta11's registration and enrols peserta12, who answer the
    // mentor survey in the browser (server/src/demo/surveys.rs).
    assert_eq!(tally(&server.db, first).await, (0, 0, 12, 12));
    let (profiles,): (i64,) = sqlx::query_as(
        "select count(*) from participant_profile where school_npsn in ('20302611', '20302544', '20328861') \
         and school_level is not null and phone is not null",
    )
    .fetch_one(&server.db)
    .await
    .expect("profiles");
    assert_eq!(profiles, 20);
    // Their schools are verified: the profile's NPSN is the account's institution.
    let (verified,): (i64,) = sqlx::query_as(
        "select count(*) from participant_profile pp join app_user u on u.id = pp.user_id \
         join institution i on i.npsn = pp.school_npsn where u.institution_id = i.id",
    )
    .fetch_one(&server.db)
    .await
    .expect("verified");
    assert_eq!(verified, 20);
    let (needs,): (i64,) =
        sqlx::query_as("select count(*) from training_need where status = 'proposed'")
            .fetch_one(&server.db)
            .await
            .expect("needs");
    assert_eq!(needs, 3);
    // A seeded participant can apply to "Angkatan 2" straight away: the profile is complete.
    let second = sqlx::query_as::<_, (i64,)>("select id from cohort where name = 'Angkatan 2'")
        .fetch_one(&server.db)
        .await
        .expect("cohort")
        .0;
    let client = server.new_client();
    assert_eq!(
        client
            .sign_in("peserta15@pamong.test", "demo-pamong-2026")
            .await
            .status(),
        200
    );
    let response = client
        .call("apply_to_cohort", &[("cohort_id", &second.to_string())])
        .await;
    assert_eq!(response.status(), 200);
    assert!(server::demo::seed_demo(&server.db, None)
        .await
        .expect("again")
        .is_empty());
    server.stop().await;
}
