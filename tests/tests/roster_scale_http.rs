//! The roster at scale (issue #21 item 7) over real HTTP: the enrolment counts the triggers keep
//! stay equal to `count(*)` whatever writes them at once (decisions, withdrawals, the waitlist's
//! promotions, a bulk import, a delete); the roster shows the kept total, counts a filtered
//! roster only up to its bound, and finds a group of a 1,240-group cohort by name or number
//! without listing the groups.

use app::model::groups::{RosterList, ROSTER_COUNT_BOUND};
use app::model::Role;
use app::ssr::db::{now_unix, Db};
use app::ssr::groups::counts;
use pamong_tests::fixtures;
use pamong_tests::harness::{Client, TestServer};
use pamong_tests::import_support::{finished, generate_csv, upload};
use pamong_tests::registration_support::{participants, signed_in, PASSWORD};

const STATUSES: [&str; 5] = ["applied", "approved", "rejected", "waitlisted", "withdrawn"];

/// A server with the test institutions, an agency admin signed in on `server.client`, and a
/// cohort of `quota` seats of a published program.
async fn cohort_with_admin(quota: i64) -> (TestServer, i64, app::model::InstitutionId) {
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
    let cohort = fixtures::cohort(&server.db, program, "Angkatan Besar", quota, admin).await;
    (server, cohort, inst.school_a)
}

/// (status, count(*)) and (status, kept count) of every status of `cohort`.
async fn both_counts(db: &Db, cohort: i64) -> (Vec<(String, i64)>, Vec<(String, i64)>) {
    let mut counted = Vec::new();
    let mut kept = Vec::new();
    for status in STATUSES {
        let (n,): (i64,) =
            sqlx::query_as("select count(*) from enrolment where cohort_id = $1 and status = $2")
                .bind(cohort)
                .bind(status)
                .fetch_one(db)
                .await
                .expect("count");
        counted.push((status.to_string(), n));
        let k = counts::enrolments(db, cohort, status)
            .await
            .expect("kept count");
        kept.push((status.to_string(), k));
    }
    (counted, kept)
}

async fn enrolment_of(db: &Db, cohort: i64, user: app::model::UserId) -> String {
    let (id,): (i64,) =
        sqlx::query_as("select id from enrolment where cohort_id = $1 and user_id = $2")
            .bind(cohort)
            .bind(user.0)
            .fetch_one(db)
            .await
            .expect("enrolment");
    id.to_string()
}

async fn roster(client: &Client, cohort: i64, filters: &[(&str, &str)]) -> RosterList {
    let cohort = cohort.to_string();
    let mut form = vec![("cohort_id", cohort.as_str())];
    form.extend_from_slice(filters);
    let response = client.call("cohort_roster", &form).await;
    assert_eq!(response.status(), 200);
    response.json().await.expect("roster")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn kept_counts_equal_count_star_after_decisions_withdrawals_and_an_import_at_once() {
    let (server, cohort, school) = cohort_with_admin(30).await;
    let db = &server.db;
    let people = participants(&server, "p", 40, school).await;
    let mut clients = Vec::new();
    for (_, email) in &people {
        clients.push(signed_in(&server, email).await);
    }
    for client in &clients {
        let response = client
            .call("apply_to_cohort", &[("cohort_id", &cohort.to_string())])
            .await;
        assert_eq!(response.status(), 200);
    }
    let (counted, kept) = both_counts(db, cohort).await;
    assert_eq!(counted, kept);
    assert_eq!(counted[0].1, 30, "{counted:?}");
    assert_eq!(counted[3].1, 10, "{counted:?}");
    // Room for the import; the waitlisted move up only when a seat is freed.
    sqlx::query("update cohort set quota = 130 where id = $1")
        .bind(cohort)
        .execute(db)
        .await
        .expect("quota");

    let mut enrolments = Vec::new();
    for (user, _) in &people {
        enrolments.push(enrolment_of(db, cohort, *user).await);
    }
    // 20 decisions and withdrawals, and the upload of a 60-row import, at the same instant:
    // approve 8 applied, reject 4 applied, 4 applied and 4 waitlisted withdraw.
    let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(21));
    let mut set = tokio::task::JoinSet::new();
    for (k, enrolment) in enrolments.iter().enumerate() {
        let (client, endpoint, form) = match k {
            0..8 => (
                server.client.clone(),
                "approve_registration",
                vec![("enrolment_id", enrolment.clone())],
            ),
            8..12 => (
                server.client.clone(),
                "reject_registration",
                vec![
                    ("enrolment_id", enrolment.clone()),
                    ("reason", "Bukan sasaran program".to_string()),
                ],
            ),
            12..16 | 30..34 => (
                clients[k].clone(),
                "withdraw_application",
                vec![("enrolment_id", enrolment.clone())],
            ),
            _ => continue,
        };
        let barrier = barrier.clone();
        set.spawn(async move {
            barrier.wait().await;
            let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let status = client.call(endpoint, &form).await.status().as_u16();
            (endpoint, status)
        });
    }
    let admin = server.client.clone();
    let csv = generate_csv(60, 21, "impor.test");
    let import = tokio::spawn({
        let barrier = barrier.clone();
        async move {
            barrier.wait().await;
            upload(&admin, cohort, "peserta.csv", csv.into_bytes()).await
        }
    });
    let mut statuses = Vec::new();
    while let Some(result) = set.join_next().await {
        statuses.push(result.expect("task"));
    }
    assert_eq!(statuses.len(), 20);
    // A waitlisted teacher's withdrawal may lose the race with their own promotion (a freed
    // seat moved them up between the read and the write): 409, "try again", changes nothing.
    assert!(
        statuses
            .iter()
            .all(|(e, s)| *s == 200 || (*e == "withdraw_application" && *s == 409)),
        "{statuses:?}"
    );
    let lost = statuses.iter().filter(|(_, s)| *s == 409).count() as i64;
    let response = import.await.expect("import task");
    assert_eq!(response.status(), 303);
    let job: i64 = pamong_tests::harness::location(&response)
        .and_then(|to| {
            to.strip_prefix("/admin/impor/")
                .and_then(|id| id.parse().ok())
        })
        .expect("job page");
    let c = finished(db, job).await;
    assert_eq!((c.status.as_str(), c.enrolled, c.errors), ("done", 60, 0));

    let (counted, kept) = both_counts(db, cohort).await;
    assert_eq!(counted, kept);
    // 8 + 60 approved; 4 rejected; 8 withdrawn (less any that lost the race); each freed seat
    // moved the first waitlisted up: 14 + 6 applied when every withdrawal went through.
    let count_of = |status: &str| {
        counted
            .iter()
            .find(|(s, _)| s == status)
            .map(|(_, n)| *n)
            .unwrap_or(0)
    };
    assert_eq!(count_of("approved"), 68, "{counted:?}");
    assert_eq!(count_of("rejected"), 4, "{counted:?}");
    assert_eq!(count_of("withdrawn"), 8 - lost, "{counted:?}");
    assert_eq!(
        count_of("applied") + count_of("waitlisted"),
        20 + lost,
        "{counted:?}"
    );
    if lost == 0 {
        assert_eq!((count_of("applied"), count_of("waitlisted")), (20, 0));
    }
    // The roster shows the kept total.
    assert_eq!(roster(&server.client, cohort, &[]).await.total, 68);
    let (status, body) = server
        .client
        .page(&format!("/admin/angkatan/{cohort}/peserta"))
        .await;
    assert_eq!(status, 200);
    assert!(body.contains("68 peserta"), "{body}");

    // A delete (no path of the app deletes enrolments today; the trigger covers one that will),
    // a status changed by hand, and a no-op update that takes a lock.
    let last = enrolments[39].parse::<i64>().expect("id");
    sqlx::query("delete from enrolment where id = $1")
        .bind(last)
        .execute(db)
        .await
        .expect("delete");
    sqlx::query(
        "update enrolment set status = 'approved' where cohort_id = $1 and status = 'applied'",
    )
    .bind(cohort)
    .execute(db)
    .await
    .expect("approve all");
    sqlx::query("update enrolment set status = status where cohort_id = $1")
        .bind(cohort)
        .execute(db)
        .await
        .expect("lock");
    let (counted, kept) = both_counts(db, cohort).await;
    assert_eq!(counted, kept);
    // Every applied teacher is approved now; the deleted one is gone from every count.
    assert_eq!(counted[0].1, 0, "{counted:?}");
    let total: i64 = counted.iter().map(|(_, n)| n).sum();
    assert_eq!(total, 99, "{counted:?}");

    // Folding the rows keeps every count.
    counts::fold(db, cohort).await.expect("fold");
    let (rows,): (i64,) =
        sqlx::query_as("select count(*) from cohort_enrolment_count where cohort_id = $1")
            .bind(cohort)
            .fetch_one(db)
            .await
            .expect("rows");
    assert_eq!(rows, 5, "one row per status after folding");
    let (counted_after, kept_after) = both_counts(db, cohort).await;
    assert_eq!((counted_after, kept_after), (counted.clone(), counted));
    server.stop().await;
}

/// `n` approved participants `tag-<k>` of `cohort` at school level `level` (SQL in batches, as
/// an import would write them), in `group` if given.
async fn bulk_enrol(db: &Db, cohort: i64, tag: &str, n: usize, level: &str, group: Option<i64>) {
    let now = now_unix();
    for start in (0..n).step_by(250) {
        let end = (start + 250).min(n);
        let users: Vec<String> = (start..end)
            .map(|k| {
                format!(
                    "('Guru {tag} {k:04}', '{tag}-{k}@sekolah.sch.id', '', 'participant', null, \
                     null, 0, {now}, {now})"
                )
            })
            .collect();
        let ids: Vec<(i64,)> = sqlx::query_as(&format!(
            "insert into app_user (name, email, password_hash, role, nip, institution_id, \
             session_epoch, created_at, updated_at) values {} returning id",
            users.join(",")
        ))
        .fetch_all(db)
        .await
        .expect("users");
        let profiles: Vec<String> = ids
            .iter()
            .map(|(id,)| format!("({id}, 'SD Negeri 1', '{level}', 'Guru Kelas', '33.01', {now})"))
            .collect();
        sqlx::query(&format!(
            "insert into participant_profile (user_id, school_name, school_level, subject, \
             region_code, updated_at) values {}",
            profiles.join(",")
        ))
        .execute(db)
        .await
        .expect("profiles");
        let group = group.map_or("null".to_string(), |g| g.to_string());
        let rows: Vec<String> = ids
            .iter()
            .map(|(id,)| format!("({cohort}, {id}, 'approved', 'import', {group}, {now})"))
            .collect();
        sqlx::query(&format!(
            "insert into enrolment (cohort_id, user_id, status, source, group_id, created_at) \
             values {}",
            rows.join(",")
        ))
        .execute(db)
        .await
        .expect("enrolments");
    }
}

#[tokio::test]
async fn the_roster_shows_the_kept_total_and_counts_a_filtered_roster_up_to_its_bound() {
    let (server, cohort, _) = cohort_with_admin(70_000).await;
    let (db, client) = (&server.db, &server.client);
    bulk_enrol(db, cohort, "sd", 1_001, "SD", None).await;
    bulk_enrol(db, cohort, "smp", 99, "SMP", None).await;

    let all = roster(client, cohort, &[]).await;
    assert_eq!(
        (all.total, all.total_capped, all.has_next),
        (1_100, false, true)
    );
    let (_, body) = client
        .page(&format!("/admin/angkatan/{cohort}/peserta"))
        .await;
    assert!(
        body.contains("1.100 peserta") && body.contains("Halaman 1 dari 22"),
        "{body}"
    );
    // The unfiltered total is the kept count, not a count of the rows: a row added to the kept
    // count alone shows.
    sqlx::query(
        "insert into cohort_enrolment_count (cohort_id, status, n) values ($1, 'approved', 7)",
    )
    .bind(cohort)
    .execute(db)
    .await
    .expect("extra");
    assert_eq!(roster(client, cohort, &[]).await.total, 1_107);
    sqlx::query(
        "insert into cohort_enrolment_count (cohort_id, status, n) values ($1, 'approved', -7)",
    )
    .bind(cohort)
    .execute(db)
    .await
    .expect("back");

    // 1,001 rows match: more than the bound, so "more than 1,000" and a pager without a last page.
    let sd = roster(client, cohort, &[("level", "SD")]).await;
    assert_eq!(
        (sd.total, sd.total_capped, sd.has_next, sd.entries.len()),
        (ROSTER_COUNT_BOUND, true, true, 50)
    );
    let (_, body) = client
        .page(&format!(
            "/admin/angkatan/{cohort}/peserta?jenjang=SD&hal=2"
        ))
        .await;
    assert!(
        body.contains("Lebih dari 1.000 peserta") && body.contains("Halaman 2<"),
        "{body}"
    );
    assert!(!body.contains("Halaman 2 dari"), "{body}");
    assert!(body.contains("hal=3") && body.contains("hal=1"), "{body}");
    // The last page knows what precedes it: exactly 1,001, no next page.
    let last = roster(client, cohort, &[("level", "SD"), ("page", "21")]).await;
    assert_eq!(
        (
            last.total,
            last.total_capped,
            last.has_next,
            last.entries.len()
        ),
        (1_001, false, false, 1)
    );
    // Past the end: no rows, still "more than".
    let past = roster(client, cohort, &[("level", "SD"), ("page", "30")]).await;
    assert_eq!(
        (
            past.total,
            past.total_capped,
            past.has_next,
            past.entries.len()
        ),
        (ROSTER_COUNT_BOUND, true, false, 0)
    );
    // Below the bound the count is exact.
    let smp = roster(client, cohort, &[("level", "SMP"), ("page", "2")]).await;
    assert_eq!(
        (smp.total, smp.total_capped, smp.has_next, smp.entries.len()),
        (99, false, false, 49)
    );
    let (_, body) = client
        .page(&format!("/admin/angkatan/{cohort}/peserta?jenjang=SMP"))
        .await;
    assert!(
        body.contains("99 peserta") && body.contains("Halaman 1 dari 2"),
        "{body}"
    );
    let (_, body) = client
        .page(&format!("/admin/angkatan/{cohort}/peserta?q=guru+sd"))
        .await;
    assert!(body.contains("Lebih dari 1.000 peserta"), "{body}");
    server.stop().await;
}

#[tokio::test]
async fn a_cohort_of_1240_groups_is_filtered_by_a_typed_group_name_or_number() {
    let (server, cohort, _) = cohort_with_admin(70_000).await;
    let (db, client) = (&server.db, &server.client);
    let now = now_unix();
    for start in (1..=1240).step_by(310) {
        let rows: Vec<String> = (start..start + 310)
            .map(|g| format!("({cohort}, 'Kelompok {g}', null, 50, {now})"))
            .collect();
        sqlx::query(&format!(
            "insert into mentor_group (cohort_id, name, mentor_id, capacity, created_at) values {}",
            rows.join(",")
        ))
        .execute(db)
        .await
        .expect("groups");
    }
    let group = |name: &'static str| async move {
        let (id,): (i64,) =
            sqlx::query_as("select id from mentor_group where cohort_id = $1 and name = $2")
                .bind(cohort)
                .bind(name)
                .fetch_one(db)
                .await
                .expect("group");
        id
    };
    let (g3, g17) = (group("Kelompok 3").await, group("Kelompok 17").await);
    bulk_enrol(db, cohort, "tiga", 3, "SD", Some(g3)).await;
    bulk_enrol(db, cohort, "tujuhbelas", 17, "SMP", Some(g17)).await;
    bulk_enrol(db, cohort, "lepas", 5, "SMA", None).await;

    let path = format!("/admin/angkatan/{cohort}/peserta");
    let (status, body) = client.page(&path).await;
    assert_eq!(status, 200);
    let options = body.matches("<option").count();
    assert!(options < 20, "{options} options: the groups are not listed");
    assert!(!body.contains("Kelompok 1240<"), "{body}");
    assert!(
        body.contains("name=\"nama_kelompok\"") && body.contains("1.240 kelompok"),
        "{body}"
    );
    let list = roster(client, cohort, &[]).await;
    assert_eq!((list.groups.len(), list.group_count), (0, 1240));

    // By number: "17" is "Kelompok 17" (not 170…179 nor 1017).
    let (_, body) = client.page(&format!("{path}?nama_kelompok=17")).await;
    assert!(
        body.contains("17 peserta")
            && body.contains("Kelompok yang ditampilkan: Kelompok 17")
            && body.contains("Guru tujuhbelas 0016")
            && !body.contains("Guru tiga"),
        "{body}"
    );
    // By its whole name in any case: "kelompok 3" is Kelompok 3, not 30…39.
    let by_name = roster(client, cohort, &[("group_name", "kelompok 3")]).await;
    assert_eq!(by_name.group, Some((g3, "Kelompok 3".to_string())));
    assert_eq!(by_name.total, 3);
    // The pager's links keep the typed group.
    let (_, body) = client
        .page(&format!("{path}?nama_kelompok=Kelompok+3"))
        .await;
    assert!(body.contains("value=\"Kelompok 3\""), "{body}");
    // Part of a name that several groups share: a few of them to choose, no rows.
    let several = roster(client, cohort, &[("group_name", "lompok 12")]).await;
    assert_eq!((several.total, several.entries.len()), (0, 0));
    assert_eq!(several.group_matches.len(), 10);
    assert_eq!(several.group_matches[0].1, "Kelompok 12");
    let (_, body) = client
        .page(&format!("{path}?nama_kelompok=lompok+12"))
        .await;
    let first = several.group_matches[0].0;
    assert!(
        body.contains("Beberapa kelompok cocok")
            && (body.contains(&format!("kelompok={first}&amp;"))
                || body.contains(&format!("kelompok={first}&"))),
        "{body}"
    );
    // A name no group has.
    let (_, body) = client
        .page(&format!("{path}?nama_kelompok=Kelompok+9999"))
        .await;
    assert!(
        body.contains("Tidak ada kelompok dengan nama atau nomor itu.")
            && !body.contains("Guru tiga")
            && !body.contains("Guru lepas"),
        "{body}"
    );
    // The id from a link still works, and "no group" is still offered.
    let by_id = roster(client, cohort, &[("group", &g17.to_string())]).await;
    assert_eq!(
        (by_id.total, by_id.group.map(|g| g.1)),
        (17, Some("Kelompok 17".to_string()))
    );
    let none = roster(client, cohort, &[("group", "none")]).await;
    assert_eq!(none.total, 5);
    server.stop().await;
}

#[tokio::test]
async fn kept_pages_and_matches_show_a_move_an_approval_and_an_edited_profile_at_once() {
    let (server, cohort, _) = cohort_with_admin(10_000).await;
    let (db, client) = (&server.db, &server.client);
    let now = now_unix();
    sqlx::query(
        "insert into mentor_group (cohort_id, name, mentor_id, capacity, created_at) \
         values ($1, 'Kelompok Mawar', null, 50, $2), ($1, 'Kelompok Melati', null, 50, $2)",
    )
    .bind(cohort)
    .bind(now)
    .execute(db)
    .await
    .expect("groups");
    let group = |name: &'static str| async move {
        let (id,): (i64,) =
            sqlx::query_as("select id from mentor_group where cohort_id = $1 and name = $2")
                .bind(cohort)
                .bind(name)
                .fetch_one(db)
                .await
                .expect("group");
        id
    };
    let (mawar, melati) = (
        group("Kelompok Mawar").await,
        group("Kelompok Melati").await,
    );
    bulk_enrol(db, cohort, "mawar", 120, "SD", Some(mawar)).await;
    bulk_enrol(db, cohort, "melati", 30, "SMP", Some(melati)).await;

    // Read once: page 3's start and the group's matches are kept now.
    let page3 = roster(client, cohort, &[("page", "3")]).await;
    assert_eq!((page3.total, page3.entries.len()), (150, 50));
    let first_on_3 = page3.entries[0].enrolment_id;
    let in_melati = roster(client, cohort, &[("group", &melati.to_string())]).await;
    assert_eq!(in_melati.total, 30);
    let smp = roster(client, cohort, &[("level", "SMP")]).await;
    assert_eq!(smp.total, 30);

    // One Mawar member moves to Melati through the admin's form (same counts): the next load
    // shows it.
    let moved = page3.entries[0].enrolment_id;
    let email = page3.entries[0].email.clone().expect("e-mail");
    let response = client
        .call(
            "move_participant",
            &[
                ("cohort_id", &cohort.to_string()),
                ("participant", &email),
                ("group_id", &melati.to_string()),
            ],
        )
        .await;
    assert!(
        response.status().is_success() || response.status().is_redirection(),
        "{}",
        response.status()
    );
    let in_melati = roster(client, cohort, &[("group", &melati.to_string())]).await;
    assert_eq!(
        in_melati.total, 31,
        "the moved member shows in the new group at once"
    );
    assert!(in_melati.entries.iter().any(|e| e.enrolment_id == moved));

    // A profile edited from SD to SMP: the level filter counts it at once.
    sqlx::query(
        "update participant_profile set school_level = 'SMP' where user_id = \
         (select user_id from enrolment where id = $1)",
    )
    .bind(moved.0)
    .execute(db)
    .await
    .expect("profile");
    assert_eq!(roster(client, cohort, &[("level", "SMP")]).await.total, 31);

    // A new approval before page 3's first row: page 3 starts one row earlier at once.
    let (first_id,): (i64,) = sqlx::query_as("select min(id) from enrolment where cohort_id = $1")
        .bind(cohort)
        .fetch_one(db)
        .await
        .expect("first");
    sqlx::query("update enrolment set status = 'withdrawn' where id = $1")
        .bind(first_id)
        .execute(db)
        .await
        .expect("withdraw");
    let page3 = roster(client, cohort, &[("page", "3")]).await;
    assert_eq!(page3.total, 149);
    assert_ne!(
        page3.entries[0].enrolment_id, first_on_3,
        "the page moved up a row"
    );
    assert_eq!(page3.entries.len(), 49);
    server.stop().await;
}
