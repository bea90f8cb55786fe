//! Mentor groups and cohort rosters over real HTTP: creating groups, automatic assignment,
//! moves, who may read a roster or a group, and the roster's filters and pages.

use app::model::groups::{AssignReport, MemberList, RosterList};
use app::model::{ErrorKind, InstitutionId, Role, UserId};
use app::ssr::db::{now_unix, Db};
use app::ssr::{institutions, users};
use pamong_tests::fixtures;
use pamong_tests::harness::{error_of, location, Client, TestServer};
use std::collections::{BTreeMap, BTreeSet};

const PASSWORD: &str = "kata-sandi-uji-1";

/// A cohort run by the test agency, with its admin signed in on `server.client`.
struct Cohort {
    server: TestServer,
    agency: InstitutionId,
    admin: UserId,
    program: i64,
    cohort: i64,
}

async fn cohort_with_admin() -> Cohort {
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
    server.client.sign_in("admin@dinas.go.id", PASSWORD).await;
    let program = fixtures::program(&server.db, inst.agency, admin, "published").await;
    let cohort = fixtures::cohort(&server.db, program, "Angkatan 1", 70_000, admin).await;
    Cohort {
        server,
        agency: inst.agency,
        admin,
        program,
        cohort,
    }
}

/// A participant account that cannot sign in (no password), for bulk rows.
async fn participant(db: &Db, name: &str, email: &str, nip: Option<&str>) -> UserId {
    let nip = nip.map(|n| app::model::Nip::parse(n).expect("nip"));
    users::create(
        db,
        users::NewUser {
            name,
            email,
            password_hash: "",
            role: Role::Participant,
            nip: nip.as_ref(),
            institution_id: None,
        },
        now_unix(),
    )
    .await
    .expect("participant")
}

async fn profile(db: &Db, user: UserId, school: &str, level: &str, subject: &str, region: &str) {
    sqlx::query(
        "insert into participant_profile (user_id, school_name, school_level, subject, region_code, \
         phone, updated_at) values ($1, $2, $3, $4, $5, '081234567890', $6)",
    )
    .bind(user.0)
    .bind(school)
    .bind(level)
    .bind(subject)
    .bind(region)
    .bind(now_unix())
    .execute(db)
    .await
    .expect("profile");
}

/// `n` approved participants of `cohort` with the profile key (level, subject, region); returns
/// their enrolment ids.
async fn enrol_cluster(
    db: &Db,
    cohort: i64,
    tag: &str,
    n: usize,
    key: (&str, &str, &str),
) -> Vec<i64> {
    let mut ids = Vec::new();
    for k in 0..n {
        let email = format!("{tag}{k}@sekolah.sch.id");
        let user = participant(db, &format!("Guru {tag} {k}"), &email, None).await;
        profile(db, user, "SMP Negeri 1", key.0, key.1, key.2).await;
        ids.push(fixtures::approved_enrolment(db, cohort, user).await);
    }
    ids
}

async fn create_group(
    client: &Client,
    cohort: i64,
    name: &str,
    capacity: &str,
) -> reqwest::Response {
    client
        .call(
            "create_group",
            &[
                ("cohort_id", &cohort.to_string()),
                ("name", name),
                ("mentor_id", ""),
                ("capacity", capacity),
            ],
        )
        .await
}

async fn group_id(db: &Db, cohort: i64, name: &str) -> i64 {
    let (id,): (i64,) =
        sqlx::query_as("select id from mentor_group where cohort_id = $1 and name = $2")
            .bind(cohort)
            .bind(name)
            .fetch_one(db)
            .await
            .expect("group");
    id
}

async fn group_of(db: &Db, enrolment: i64) -> Option<i64> {
    let (group,): (Option<i64>,) = sqlx::query_as("select group_id from enrolment where id = $1")
        .bind(enrolment)
        .fetch_one(db)
        .await
        .expect("enrolment");
    group
}

/// Member count per group of `cohort`.
async fn sizes(db: &Db, cohort: i64) -> BTreeMap<i64, i64> {
    let rows: Vec<(i64, i64)> = sqlx::query_as(
        "select g.id, (select count(*) from enrolment e where e.group_id = g.id) \
         from mentor_group g where g.cohort_id = $1",
    )
    .bind(cohort)
    .fetch_all(db)
    .await
    .expect("sizes");
    rows.into_iter().collect()
}

async fn assign(client: &Client, cohort: i64) -> AssignReport {
    let response = client
        .call("assign_groups", &[("cohort_id", &cohort.to_string())])
        .await;
    assert_eq!(response.status(), 200);
    response.json().await.expect("report")
}

async fn roster(client: &Client, cohort: i64, filters: &[(&str, &str)]) -> reqwest::Response {
    let cohort = cohort.to_string();
    let mut form = vec![("cohort_id", cohort.as_str())];
    form.extend_from_slice(filters);
    client.call("cohort_roster", &form).await
}

#[tokio::test]
async fn creating_groups_checks_capacity_name_and_mentor() {
    let c = cohort_with_admin().await;
    let (server, client) = (&c.server, &c.server.client);
    let mentor = server
        .user(Role::Mentor, "mentor@dinas.go.id", PASSWORD, Some(c.agency))
        .await;
    let elsewhere = institutions::insert(
        &server.db,
        "BPSDM Lain",
        "province_agency",
        None,
        None,
        Some("34"),
        now_unix(),
    )
    .await
    .expect("agency");
    let stranger = server
        .user(Role::Mentor, "mentor@lain.go.id", PASSWORD, Some(elsewhere))
        .await;

    for bad in ["0", "-3", "banyak", ""] {
        let error = error_of(create_group(client, c.cohort, "Kelompok A", bad).await).await;
        assert_eq!(error.kind, ErrorKind::Invalid);
        assert!(
            error.field_message("capacity").is_some(),
            "{bad}: {error:?}"
        );
    }
    let response = client
        .call(
            "create_group",
            &[
                ("cohort_id", &c.cohort.to_string()),
                ("name", "Kelompok A"),
                ("mentor_id", &stranger.0.to_string()),
                ("capacity", "10"),
            ],
        )
        .await;
    let error = error_of(response).await;
    assert_eq!(
        error.field_message("mentor_id"),
        Some("Pilih mentor angkatan ini atau mentor di lembaga Anda.")
    );

    let response = client
        .call(
            "create_group",
            &[
                ("cohort_id", &c.cohort.to_string()),
                ("name", "Kelompok A"),
                ("mentor_id", &mentor.0.to_string()),
                ("capacity", "10"),
            ],
        )
        .await;
    assert_eq!(response.status(), 200);
    let (mentor_id, capacity): (Option<i64>, i64) =
        sqlx::query_as("select mentor_id, capacity from mentor_group where name = 'Kelompok A'")
            .fetch_one(&server.db)
            .await
            .expect("group");
    assert_eq!((mentor_id, capacity), (Some(mentor.0), 10));

    // The same name again, now as a JavaScript-off form: back to the page, message by the field.
    let page = format!("/admin/angkatan/{}/kelompok", c.cohort);
    let response = client
        .submit(
            &page,
            "create_group",
            &[
                ("cohort_id", &c.cohort.to_string()),
                ("name", "Kelompok A"),
                ("mentor_id", ""),
                ("capacity", "5"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response).as_deref(), Some(page.as_str()));
    // The page shown again with the error carries its status.
    let (status, body) = client.page(&page).await;
    assert_eq!(status, 400);
    assert!(
        body.contains("Nama kelompok ini sudah dipakai di angkatan ini."),
        "{body}"
    );

    // Many at once: numbered after the names already taken.
    let response = client
        .call(
            "create_groups",
            &[
                ("cohort_id", &c.cohort.to_string()),
                ("prefix", "Kelompok"),
                ("count", "3"),
                ("each_capacity", "25"),
            ],
        )
        .await;
    assert_eq!(response.status(), 200);
    let names: Vec<(String, i64)> =
        sqlx::query_as("select name, capacity from mentor_group where cohort_id = $1 order by id")
            .bind(c.cohort)
            .fetch_all(&server.db)
            .await
            .expect("groups");
    assert_eq!(
        names,
        vec![
            ("Kelompok A".to_string(), 10),
            ("Kelompok 1".to_string(), 25),
            ("Kelompok 2".to_string(), 25),
            ("Kelompok 3".to_string(), 25),
        ]
    );
    let (_, body) = client.page(&page).await;
    assert!(
        body.contains("Kelompok 3") && body.contains("mentor"),
        "{body}"
    );
    c.server.stop().await;
}

#[tokio::test]
async fn automatic_assignment_keeps_clusters_together_when_a_perfect_split_exists() {
    let c = cohort_with_admin().await;
    let (db, client) = (&c.server.db, &c.server.client);
    let clusters = [
        enrol_cluster(db, c.cohort, "a", 6, ("SMP", "Matematika", "33.01")).await,
        enrol_cluster(db, c.cohort, "b", 4, ("SD", "Guru Kelas", "33.01")).await,
        enrol_cluster(db, c.cohort, "c", 5, ("SMP", "IPA", "33.02")).await,
        enrol_cluster(db, c.cohort, "d", 5, ("SMA", "Matematika", "33.01")).await,
    ];
    assert_eq!(
        create_group(client, c.cohort, "Kelompok 1", "10")
            .await
            .status(),
        200
    );
    assert_eq!(
        create_group(client, c.cohort, "Kelompok 2", "10")
            .await
            .status(),
        200
    );

    let report = assign(client, c.cohort).await;
    assert_eq!(
        report,
        AssignReport {
            assigned: 20,
            unassigned: 0
        }
    );
    assert_eq!(
        sizes(db, c.cohort)
            .await
            .values()
            .copied()
            .collect::<Vec<_>>(),
        vec![10, 10]
    );
    for cluster in &clusters {
        let mut groups = BTreeSet::new();
        for enrolment in cluster {
            groups.insert(group_of(db, *enrolment).await.expect("assigned"));
        }
        assert_eq!(groups.len(), 1, "a cluster was split: {groups:?}");
    }
    // Nobody is left: a second run changes nothing and says so.
    assert_eq!(
        assign(client, c.cohort).await,
        AssignReport {
            assigned: 0,
            unassigned: 0
        }
    );
    c.server.stop().await;
}

#[tokio::test]
async fn automatic_assignment_balances_sizes_within_capacities() {
    let c = cohort_with_admin().await;
    let (db, client) = (&c.server.db, &c.server.client);
    enrol_cluster(db, c.cohort, "a", 17, ("SMP", "Matematika", "33.01")).await;
    enrol_cluster(db, c.cohort, "b", 9, ("SD", "Guru Kelas", "33.02")).await;
    enrol_cluster(db, c.cohort, "c", 5, ("SMA", "Biologi", "33.03")).await;
    for name in ["K1", "K2", "K3"] {
        assert_eq!(
            create_group(client, c.cohort, name, "40").await.status(),
            200
        );
    }
    // A small group fills up; the others share the rest evenly.
    assert_eq!(
        create_group(client, c.cohort, "K4", "2").await.status(),
        200
    );
    let report = assign(client, c.cohort).await;
    assert_eq!(
        report,
        AssignReport {
            assigned: 31,
            unassigned: 0
        }
    );
    let sizes = sizes(db, c.cohort).await;
    let k4 = group_id(db, c.cohort, "K4").await;
    assert_eq!(sizes[&k4], 2);
    let others: Vec<i64> = sizes
        .iter()
        .filter(|(g, _)| **g != k4)
        .map(|(_, n)| *n)
        .collect();
    assert_eq!(others.iter().sum::<i64>(), 29);
    let (min, max) = (others.iter().min().copied(), others.iter().max().copied());
    assert!(max.unwrap_or(0) - min.unwrap_or(0) <= 1, "{others:?}");
    c.server.stop().await;
}

#[tokio::test]
async fn assignment_reports_the_participants_left_when_capacity_is_short() {
    let c = cohort_with_admin().await;
    let (db, client) = (&c.server.db, &c.server.client);
    let page = format!("/admin/angkatan/{}/kelompok", c.cohort);
    // No groups yet: a clear refusal.
    let error = error_of(
        client
            .call("assign_groups", &[("cohort_id", &c.cohort.to_string())])
            .await,
    )
    .await;
    assert_eq!(error.message, "Buat kelompok dulu sebelum membagi peserta.");

    enrol_cluster(db, c.cohort, "a", 5, ("SMP", "Matematika", "33.01")).await;
    enrol_cluster(db, c.cohort, "b", 2, ("SD", "Guru Kelas", "33.01")).await;
    assert_eq!(
        create_group(client, c.cohort, "Kecil", "4").await.status(),
        200
    );
    let response = client
        .submit(
            &page,
            "assign_groups",
            &[("cohort_id", &c.cohort.to_string())],
        )
        .await;
    assert!(response.status().is_redirection());
    let (_, body) = client.page(&page).await;
    assert!(
        body.contains("4 peserta sudah dibagi ke kelompok. 3 peserta belum mendapat kelompok karena kapasitas tidak cukup"),
        "{body}"
    );
    assert_eq!(
        sizes(db, c.cohort)
            .await
            .values()
            .copied()
            .collect::<Vec<_>>(),
        vec![4]
    );
    let (waiting,): (i64,) =
        sqlx::query_as("select count(*) from enrolment where cohort_id = $1 and group_id is null")
            .bind(c.cohort)
            .fetch_one(db)
            .await
            .expect("count");
    assert_eq!(waiting, 3);
    c.server.stop().await;
}

#[tokio::test]
async fn a_move_respects_capacity_and_can_take_a_participant_out() {
    let c = cohort_with_admin().await;
    let (db, client) = (&c.server.db, &c.server.client);
    let siti = participant(
        db,
        "Siti Aminah",
        "siti@sekolah.sch.id",
        Some("198004122005012003"),
    )
    .await;
    let siti_enrolment = fixtures::approved_enrolment(db, c.cohort, siti).await;
    let budi = participant(db, "Budi Santoso", "budi@sekolah.sch.id", None).await;
    let budi_enrolment = fixtures::approved_enrolment(db, c.cohort, budi).await;
    assert_eq!(
        create_group(client, c.cohort, "Satu", "1").await.status(),
        200
    );
    assert_eq!(
        create_group(client, c.cohort, "Dua", "5").await.status(),
        200
    );
    let (one, two) = (
        group_id(db, c.cohort, "Satu").await,
        group_id(db, c.cohort, "Dua").await,
    );
    let cohort = c.cohort.to_string();
    let move_to = |who: &'static str, group: String| {
        let cohort = cohort.clone();
        async move {
            client
                .call(
                    "move_participant",
                    &[
                        ("cohort_id", &cohort),
                        ("participant", who),
                        ("group_id", &group),
                    ],
                )
                .await
        }
    };

    // By NIP as people type it.
    let response = move_to("19800412 200501 2 003", one.to_string()).await;
    assert_eq!(response.status(), 200);
    assert_eq!(group_of(db, siti_enrolment).await, Some(one));

    let error = error_of(move_to("budi@sekolah.sch.id", one.to_string()).await).await;
    assert_eq!(
        error.field_message("group_id"),
        Some("Kelompok Satu sudah penuh (1 orang). Pilih kelompok lain atau naikkan kapasitasnya.")
    );
    assert_eq!(group_of(db, budi_enrolment).await, None);

    let response = move_to("BUDI@sekolah.sch.id", two.to_string()).await;
    assert_eq!(response.status(), 200);
    assert_eq!(group_of(db, budi_enrolment).await, Some(two));

    // Out of any group, then the freed seat can be taken.
    let response = move_to("siti@sekolah.sch.id", String::new()).await;
    assert_eq!(response.status(), 200);
    assert_eq!(group_of(db, siti_enrolment).await, None);
    let response = move_to("budi@sekolah.sch.id", one.to_string()).await;
    assert_eq!(response.status(), 200);
    assert_eq!(group_of(db, budi_enrolment).await, Some(one));

    let error = error_of(move_to("orang@lain.id", two.to_string()).await).await;
    assert!(error.field_message("participant").is_some(), "{error:?}");

    // Capacity cannot go below the members; an occupied group cannot be deleted.
    let error = error_of(
        client
            .call(
                "update_group",
                &[
                    ("group_id", &two.to_string()),
                    ("new_mentor_id", ""),
                    ("new_capacity", "0"),
                ],
            )
            .await,
    )
    .await;
    assert!(error.field_message("new_capacity").is_some());
    let error = error_of(
        client
            .call("delete_group", &[("group_id", &one.to_string())])
            .await,
    )
    .await;
    assert_eq!(error.kind, ErrorKind::Conflict);
    let response = client
        .call("delete_group", &[("group_id", &two.to_string())])
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(sizes(db, c.cohort).await.len(), 1);
    c.server.stop().await;
}

#[tokio::test]
async fn a_mentor_sees_their_group_and_nobody_else_does() {
    let c = cohort_with_admin().await;
    let server = &c.server;
    let db = &server.db;
    let mentor = server
        .user(
            Role::Mentor,
            "mentor1@dinas.go.id",
            PASSWORD,
            Some(c.agency),
        )
        .await;
    server
        .user(
            Role::Mentor,
            "mentor2@dinas.go.id",
            PASSWORD,
            Some(c.agency),
        )
        .await;
    enrol_cluster(db, c.cohort, "p", 3, ("SMP", "Matematika", "33.01")).await;
    let response = server
        .client
        .call(
            "create_group",
            &[
                ("cohort_id", &c.cohort.to_string()),
                ("name", "Kelompok Melati"),
                ("mentor_id", &mentor.0.to_string()),
                ("capacity", "30"),
            ],
        )
        .await;
    assert_eq!(response.status(), 200);
    assign(&server.client, c.cohort).await;
    let group = group_id(db, c.cohort, "Kelompok Melati").await;
    let path = format!("/mentor/kelompok/{group}");

    let first = server.new_client();
    first.sign_in("mentor1@dinas.go.id", PASSWORD).await;
    let (status, body) = first.page("/mentor").await;
    assert_eq!(status, 200);
    assert!(
        body.contains("Kelompok Melati") && body.contains(&path),
        "{body}"
    );
    let (status, body) = first.page(&path).await;
    assert_eq!(status, 200);
    for k in 0..3 {
        assert!(body.contains(&format!("Guru p {k}")), "{body}");
    }
    assert!(body.contains("p0@sekolah.sch.id") && body.contains("081234567890"));
    let list: MemberList = first
        .call("group_members", &[("group_id", &group.to_string())])
        .await
        .json()
        .await
        .expect("members");
    assert_eq!(list.total, 3);
    // A mentor of the cohort may read its roster.
    assert_eq!(roster(&first, c.cohort, &[]).await.status(), 200);

    let second = server.new_client();
    second.sign_in("mentor2@dinas.go.id", PASSWORD).await;
    let (status, body) = second.page(&path).await;
    assert_eq!(status, 404);
    assert!(!body.contains("Guru p 0"));
    let (_, home) = second.page("/mentor").await;
    assert!(!home.contains("Kelompok Melati"));
    let response = second
        .call("group_members", &[("group_id", &group.to_string())])
        .await;
    assert_eq!(response.status(), 404);
    assert_eq!(roster(&second, c.cohort, &[]).await.status(), 404);
    // A group that does not exist answers the same.
    assert_eq!(second.page("/mentor/kelompok/999999").await.0, 404);
    c.server.stop().await;
}

#[tokio::test]
async fn a_participant_cannot_read_another_cohorts_roster_or_groups() {
    let c = cohort_with_admin().await;
    let server = &c.server;
    let db = &server.db;
    let other = fixtures::cohort(db, c.program, "Angkatan 2", 100, c.admin).await;
    let me = server
        .user(Role::Participant, "peserta@sekolah.sch.id", PASSWORD, None)
        .await;
    fixtures::approved_enrolment(db, c.cohort, me).await;
    enrol_cluster(db, other, "b", 2, ("SD", "Guru Kelas", "33.02")).await;
    for cohort in [c.cohort, other] {
        assert_eq!(
            create_group(&server.client, cohort, "Kelompok 1", "10")
                .await
                .status(),
            200
        );
        assign(&server.client, cohort).await;
    }
    let other_group = group_id(db, other, "Kelompok 1").await;
    let own_group = group_id(db, c.cohort, "Kelompok 1").await;

    let client = server.new_client();
    client.sign_in("peserta@sekolah.sch.id", PASSWORD).await;
    for cohort in [other, c.cohort] {
        let error = error_of(roster(&client, cohort, &[]).await).await;
        assert_eq!(error.kind, ErrorKind::NotFound);
        let (status, body) = client
            .page(&format!("/admin/angkatan/{cohort}/peserta"))
            .await;
        assert!(status == 403 || status == 404, "{status}");
        assert!(!body.contains("Guru b 0"));
        let (status, _) = client
            .page(&format!("/admin/angkatan/{cohort}/kelompok"))
            .await;
        assert!(status == 403 || status == 404, "{status}");
    }
    for group in [other_group, own_group] {
        let (status, body) = client.page(&format!("/mentor/kelompok/{group}")).await;
        assert_eq!(status, 404);
        assert!(!body.contains("Guru b 0"));
        let response = client
            .call("group_members", &[("group_id", &group.to_string())])
            .await;
        assert_eq!(response.status(), 404);
    }
    let response = client
        .call("cohort_groups", &[("cohort_id", &other.to_string())])
        .await;
    assert_eq!(response.status(), 403);
    c.server.stop().await;
}

#[tokio::test]
async fn an_admin_of_another_province_gets_404_and_changes_nothing() {
    let c = cohort_with_admin().await;
    let server = &c.server;
    let db = &server.db;
    let enrolments = enrol_cluster(db, c.cohort, "p", 2, ("SMP", "IPA", "33.01")).await;
    assert_eq!(
        create_group(&server.client, c.cohort, "Kelompok 1", "10")
            .await
            .status(),
        200
    );
    let group = group_id(db, c.cohort, "Kelompok 1").await;

    let elsewhere = institutions::insert(
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
    server
        .user(Role::Admin, "admin@lain.go.id", PASSWORD, Some(elsewhere))
        .await;
    let client = server.new_client();
    client.sign_in("admin@lain.go.id", PASSWORD).await;
    let (cohort_text, group_text) = (c.cohort.to_string(), group.to_string());
    let (cohort, group_text) = (cohort_text.as_str(), group_text.as_str());

    for path in [
        format!("/admin/angkatan/{cohort}/peserta"),
        format!("/admin/angkatan/{cohort}/kelompok"),
        format!("/mentor/kelompok/{group}"),
    ] {
        let (status, body) = client.page(&path).await;
        assert_eq!(status, 404, "{path}");
        assert!(!body.contains("Guru p 0"), "{path}");
    }
    let calls: [(&str, Vec<(&str, &str)>); 7] = [
        ("cohort_roster", vec![("cohort_id", cohort)]),
        ("cohort_groups", vec![("cohort_id", cohort)]),
        ("assign_groups", vec![("cohort_id", cohort)]),
        (
            "move_participant",
            vec![
                ("cohort_id", cohort),
                ("participant", "p0@sekolah.sch.id"),
                ("group_id", group_text),
            ],
        ),
        (
            "create_group",
            vec![
                ("cohort_id", cohort),
                ("name", "Asing"),
                ("mentor_id", ""),
                ("capacity", "5"),
            ],
        ),
        (
            "update_group",
            vec![
                ("group_id", group_text),
                ("new_mentor_id", ""),
                ("new_capacity", "1"),
            ],
        ),
        ("delete_group", vec![("group_id", group_text)]),
    ];
    for (endpoint, form) in calls {
        let response = client.call(endpoint, &form).await;
        assert_eq!(response.status(), 404, "{endpoint}");
    }
    assert_eq!(group_of(db, enrolments[0]).await, None);
    let (count, capacity): (i64, i64) =
        sqlx::query_as("select count(*), max(capacity) from mentor_group where cohort_id = $1")
            .bind(c.cohort)
            .fetch_one(db)
            .await
            .expect("groups");
    assert_eq!((count, capacity), (1, 10));
    c.server.stop().await;
}

#[tokio::test]
async fn roster_filters_and_pages_on_the_server() {
    let c = cohort_with_admin().await;
    let (db, client) = (&c.server.db, &c.server.client);
    enrol_cluster(db, c.cohort, "smp", 70, ("SMP", "Matematika", "33.01")).await;
    enrol_cluster(db, c.cohort, "sd", 45, ("SD", "Guru Kelas", "33.02")).await;
    let siti = participant(
        db,
        "Siti Aminah",
        "siti@sekolah.sch.id",
        Some("198004122005012003"),
    )
    .await;
    profile(db, siti, "SMA Negeri 3", "SMA", "Biologi", "34.71").await;
    fixtures::approved_enrolment(db, c.cohort, siti).await;
    // Someone waiting is not on the default (approved) roster.
    let waiting = participant(db, "Wati Menunggu", "wati@sekolah.sch.id", None).await;
    sqlx::query(
        "insert into enrolment (cohort_id, user_id, status, source, created_at) \
         values ($1, $2, 'waitlisted', 'application', $3)",
    )
    .bind(c.cohort)
    .bind(waiting.0)
    .bind(now_unix())
    .execute(db)
    .await
    .expect("waitlisted");
    assert_eq!(
        create_group(client, c.cohort, "Kelompok 1", "40")
            .await
            .status(),
        200
    );
    let sd_ids: Vec<(i64,)> = sqlx::query_as(
        "select e.id from enrolment e join participant_profile p on p.user_id = e.user_id \
         where e.cohort_id = $1 and p.school_level = 'SD' order by e.id limit 40",
    )
    .bind(c.cohort)
    .fetch_all(db)
    .await
    .expect("ids");
    let group = group_id(db, c.cohort, "Kelompok 1").await;
    for (id,) in &sd_ids {
        sqlx::query("update enrolment set group_id = $1 where id = $2")
            .bind(group)
            .bind(id)
            .execute(db)
            .await
            .expect("group");
    }

    let list: RosterList = roster(client, c.cohort, &[])
        .await
        .json()
        .await
        .expect("roster");
    assert_eq!(
        (list.total, list.entries.len(), list.page_size),
        (116, 50, 50)
    );
    let page3: RosterList = roster(client, c.cohort, &[("page", "3")])
        .await
        .json()
        .await
        .expect("roster");
    assert_eq!(page3.entries.len(), 16);
    let mut seen: BTreeSet<i64> = list.entries.iter().map(|e| e.enrolment_id.0).collect();
    let page2: RosterList = roster(client, c.cohort, &[("page", "2")])
        .await
        .json()
        .await
        .expect("roster");
    seen.extend(page2.entries.iter().map(|e| e.enrolment_id.0));
    seen.extend(page3.entries.iter().map(|e| e.enrolment_id.0));
    assert_eq!(seen.len(), 116, "pages overlap or skip rows");

    let by_level: RosterList = roster(client, c.cohort, &[("level", "SD")])
        .await
        .json()
        .await
        .expect("roster");
    assert_eq!(by_level.total, 45);
    assert!(by_level
        .entries
        .iter()
        .all(|e| e.school_level.as_deref() == Some("SD")));
    let by_group: RosterList = roster(client, c.cohort, &[("group", &group.to_string())])
        .await
        .json()
        .await
        .expect("roster");
    assert_eq!(by_group.total, 40);
    assert!(by_group
        .entries
        .iter()
        .all(|e| e.group_id.map(|g| g.0) == Some(group)));
    let no_group: RosterList = roster(client, c.cohort, &[("group", "none"), ("level", "SD")])
        .await
        .json()
        .await
        .expect("roster");
    assert_eq!(no_group.total, 5);
    let by_region: RosterList = roster(client, c.cohort, &[("region", "34")])
        .await
        .json()
        .await
        .expect("roster");
    assert_eq!(by_region.total, 1);
    let by_name: RosterList = roster(client, c.cohort, &[("q", "guru smp 6")])
        .await
        .json()
        .await
        .expect("roster");
    // "Guru smp 6" and "Guru smp 60" … "Guru smp 69".
    assert_eq!(by_name.total, 11);
    let by_nip: RosterList = roster(client, c.cohort, &[("q", "19800412 2005")])
        .await
        .json()
        .await
        .expect("roster");
    assert_eq!(
        by_nip
            .entries
            .iter()
            .map(|e| e.name.as_str())
            .collect::<Vec<_>>(),
        vec!["Siti Aminah"]
    );
    let wildcard: RosterList = roster(client, c.cohort, &[("q", "%")])
        .await
        .json()
        .await
        .expect("roster");
    assert_eq!(
        wildcard.total, 0,
        "a % in the search is a character, not a wildcard"
    );
    let waitlisted: RosterList = roster(client, c.cohort, &[("status", "waitlisted")])
        .await
        .json()
        .await
        .expect("roster");
    assert_eq!(
        waitlisted
            .entries
            .iter()
            .map(|e| e.name.as_str())
            .collect::<Vec<_>>(),
        vec!["Wati Menunggu"]
    );

    // The page itself, as a browser gets it: filtered rows, the NIP formatted, the pager.
    let (status, body) = client
        .page(&format!(
            "/admin/angkatan/{}/peserta?q=siti&jenjang=",
            c.cohort
        ))
        .await;
    assert_eq!(status, 200);
    assert!(
        body.contains("Siti Aminah") && body.contains("19800412 200501 2 003"),
        "{body}"
    );
    assert!(
        body.contains("1 peserta") && !body.contains("Guru sd 1"),
        "{body}"
    );
    let (_, body) = client
        .page(&format!("/admin/angkatan/{}/peserta?hal=2", c.cohort))
        .await;
    assert!(body.contains("Halaman 2 dari 3"), "{body}");
    c.server.stop().await;
}
