//! The people migration (issue #18) on a database that already holds data: SQLite makes
//! `institution` and `app_user` again, and every row and every reference to them must survive,
//! on SQLite and PostgreSQL alike.

use app::ssr::db::Backend;
use pamong_tests::harness::{backend, FreshDatabase};
use sqlx::migrate::Migrator;
use sqlx::{AnyConnection, Connection};
use std::borrow::Cow;

/// The first migration of issue #18's people work.
const PEOPLE: i64 = 20261204000020;

/// Migrates `url` up to (not including) the people migration, as a server of before it did.
async fn migrate_before_people(url: &str) {
    let all = match backend() {
        Backend::Sqlite => &server::db::SQLITE_MIGRATIONS,
        Backend::Postgres => &server::db::POSTGRES_MIGRATIONS,
    };
    let before = Migrator {
        migrations: Cow::Owned(all.iter().filter(|m| m.version < PEOPLE).cloned().collect()),
        ..Migrator::DEFAULT
    };
    match backend() {
        Backend::Sqlite => server::db::migrate_sqlite(url, &before)
            .await
            .expect("migrations before"),
        Backend::Postgres => {
            let mut conn = AnyConnection::connect(url).await.expect("connect");
            before.run(&mut conn).await.expect("migrations before");
            conn.close().await.expect("close");
        }
    }
}

/// Every table that references `institution` or `app_user`, with its row count.
const TABLES: [&str; 13] = [
    "institution",
    "app_user",
    "participant_profile",
    "program",
    "cohort",
    "cohort_mentor",
    "mentor_group",
    "enrolment",
    "import_job",
    "training_need",
    "agreement",
    "agreement_partner",
    "cohort_invitation",
];

async fn insert_id(conn: &mut AnyConnection, sql: &str, binds: &[&str]) -> i64 {
    let mut query = sqlx::query_as::<_, (i64,)>(sql);
    for b in binds {
        query = query.bind(*b);
    }
    query
        .fetch_one(&mut *conn)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .0
}

async fn exec(conn: &mut AnyConnection, sql: &str) {
    sqlx::query(sql)
        .execute(&mut *conn)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
}

/// What a table holds, as text (ordered by its first column), to compare before and after.
async fn snapshot(conn: &mut AnyConnection, table: &str) -> Vec<String> {
    let sql = match table {
        "institution" => "select id || '|' || name || '|' || kind || '|' || coalesce(parent_id, 0) || '|' || coalesce(npsn, '') from institution order by id",
        "app_user" => "select id || '|' || name || '|' || email || '|' || role || '|' || coalesce(nip, '') || '|' || coalesce(institution_id, 0) || '|' || password_hash from app_user order by id",
        "participant_profile" => "select user_id || '|' || coalesce(nuptk, '') || '|' || coalesce(school_npsn, '') || '|' || coalesce(school_level, '') from participant_profile order by user_id",
        "enrolment" => "select e.id || '|' || u.email || '|' || c.name || '|' || e.status || '|' || coalesce(e.partner_institution_id, 0) from enrolment e join app_user u on u.id = e.user_id join cohort c on c.id = e.cohort_id order by e.id",
        other => return vec![count(conn, other).await.to_string()],
    };
    sqlx::query_as::<_, (String,)>(sql)
        .fetch_all(&mut *conn)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .into_iter()
        .map(|(row,)| row)
        .collect()
}

async fn count(conn: &mut AnyConnection, table: &str) -> i64 {
    sqlx::query_as::<_, (i64,)>(&format!("select count(*) from {table}"))
        .fetch_one(&mut *conn)
        .await
        .unwrap_or_else(|e| panic!("count {table}: {e}"))
        .0
}

/// Institutions, accounts with profiles, a program with an agreement and a partner, a cohort with
/// a mentor, a group, enrolments, an invitation and an import job: rows of before the migration.
async fn seed(conn: &mut AnyConnection) {
    let province = insert_id(conn, "insert into institution (name, kind, created_at) values ('Dinas Pendidikan Provinsi', 'province_agency', 1) returning id", &[]).await;
    let district = insert_id(conn, &format!("insert into institution (name, kind, parent_id, created_at) values ('Cabang Dinas I', 'district_office', {province}, 1) returning id"), &[]).await;
    let school = insert_id(conn, &format!("insert into institution (name, kind, parent_id, npsn, created_at) values ('SMPN 1', 'school', {district}, '20300001', 1) returning id"), &[]).await;
    let user = |name: &str, role: &str, nip: &str, institution: i64| {
        format!(
            "insert into app_user (name, email, password_hash, role, nip, institution_id, created_at, updated_at) \
             values ('{name}', '{}@x.test', 'hash-{name}', '{role}', {nip}, {institution}, 1, 1) returning id",
            name.to_lowercase()
        )
    };
    let admin = insert_id(conn, &user("Admin", "admin", "null", district), &[]).await;
    let mentor = insert_id(conn, &user("Mentor", "mentor", "null", district), &[]).await;
    let mut participants = Vec::new();
    for (n, name) in ["Sri", "Budi", "Ani"].iter().enumerate() {
        let nip = format!("'19860926201505100{n}'");
        let id = insert_id(conn, &user(name, "participant", &nip, school), &[]).await;
        exec(conn, &format!("insert into participant_profile (user_id, nuptk, school_npsn, school_level, updated_at) values ({id}, '123456789012345{n}', '20300001', 'SMP', 1)")).await;
        participants.push(id);
    }
    exec(conn, &format!("insert into training_need (institution_id, proposed_by, competency_id, level, teacher_count, justification, created_at) values ({school}, {admin}, 1, 'basic', 5, 'perlu', 1)")).await;
    let program = insert_id(conn, &format!("insert into program (organizer_id, title, description, level, total_jp, mode, funding, status, created_by, created_at, updated_at) values ({district}, 'Diklat', 'x', 'basic', 32, 'online', 'apbd', 'published', {admin}, 1, 1) returning id"), &[]).await;
    let agreement = insert_id(conn, &format!("insert into agreement (program_id, number, starts_on, ends_on, created_by, created_at) values ({program}, 'PKS/1', '2026-01-01', '2026-12-31', {admin}, 1) returning id"), &[]).await;
    exec(conn, &format!("insert into agreement_partner (agreement_id, institution_id, quota, seats_taken, funding_share_percent) values ({agreement}, {school}, 10, 1, 50)")).await;
    let cohort = insert_id(conn, &format!("insert into cohort (program_id, name, starts_on, ends_on, registration_opens_at, registration_closes_at, quota, seats_taken, created_by, created_at) values ({program}, 'Angkatan 1', '2026-02-01', '2026-03-01', 0, 9999999999, 30, 2, {admin}, 1) returning id"), &[]).await;
    exec(
        conn,
        &format!("insert into cohort_mentor (cohort_id, user_id) values ({cohort}, {mentor})"),
    )
    .await;
    let group = insert_id(conn, &format!("insert into mentor_group (cohort_id, name, mentor_id, capacity, created_at) values ({cohort}, 'Kelompok A', {mentor}, 20, 1) returning id"), &[]).await;
    let job = insert_id(conn, &format!("insert into import_job (cohort_id, created_by, file_name, file_sha256, status, created_at) values ({cohort}, {admin}, 'a.csv', 'abc', 'done', 1) returning id"), &[]).await;
    exec(conn, &format!("insert into enrolment (cohort_id, user_id, status, source, partner_agreement_id, partner_institution_id, group_id, import_job_id, decided_by, decided_at, created_at) values ({cohort}, {}, 'approved', 'import', {agreement}, {school}, {group}, {job}, {admin}, 1, 1)", participants[0])).await;
    exec(conn, &format!("insert into enrolment (cohort_id, user_id, status, source, created_at) values ({cohort}, {}, 'applied', 'application', 1)", participants[1])).await;
    exec(conn, &format!("insert into cohort_invitation (cohort_id, user_id, status, invited_by, import_job_id, created_at) values ({cohort}, {}, 'pending', {admin}, {job}, 1)", participants[2])).await;
}

#[tokio::test]
async fn the_people_migration_keeps_every_row_and_reference() {
    let database = FreshDatabase::create().await.expect("fresh database");
    sqlx::any::install_default_drivers();
    migrate_before_people(&database.url).await;
    let url = match backend() {
        Backend::Sqlite => format!("{}?mode=rw", database.url),
        Backend::Postgres => database.url.clone(),
    };
    let mut conn = AnyConnection::connect(&url).await.expect("connect");
    if backend() == Backend::Sqlite {
        exec(&mut conn, "pragma foreign_keys = on").await;
    }
    seed(&mut conn).await;
    let mut before = Vec::new();
    for table in TABLES {
        let rows = snapshot(&mut conn, table).await;
        assert!(!rows.is_empty() && rows != ["0"], "{table} holds rows");
        before.push(rows);
    }
    conn.close().await.expect("close");

    // The server starts on it: the rest of the migrations, then the foreign-key check.
    let db = server::db::connect(&database.url)
        .await
        .expect("the server migrates a database with data and starts");
    let mut conn = db.acquire().await.expect("connection");
    for (table, rows) in TABLES.iter().zip(&before) {
        assert_eq!(&snapshot(&mut conn, table).await, rows, "{table}");
    }
    if backend() == Backend::Sqlite {
        let broken: Vec<(String,)> =
            sqlx::query_as("select \"table\" from pragma_foreign_key_check")
                .fetch_all(&mut *conn)
                .await
                .expect("check");
        assert!(broken.is_empty(), "{broken:?}");
    }
    {
        // The references name the new tables: deleting a referenced account is still refused.
        let refused = sqlx::query("delete from app_user where name = 'Sri'")
            .execute(&mut *conn)
            .await;
        assert!(refused.is_err(), "an enrolled account cannot be deleted");
        let refused = sqlx::query("delete from institution where npsn = '20300001'")
            .execute(&mut *conn)
            .await;
        assert!(refused.is_err(), "a school with accounts cannot be deleted");
    }
    // What the migration allows: an account without e-mail (several), the new kinds of institution.
    for name in ["Tanpa Surel 1", "Tanpa Surel 2"] {
        sqlx::query("insert into app_user (name, email, password_hash, role, created_at, updated_at) values ($1, null, '', 'participant', 1, 1)")
            .bind(name)
            .execute(&mut *conn)
            .await
            .expect("an account without e-mail");
    }
    let duplicate = sqlx::query("insert into app_user (name, email, password_hash, role, created_at, updated_at) values ('Dua', 'sri@x.test', '', 'participant', 1, 1)")
        .execute(&mut *conn)
        .await;
    assert!(duplicate.is_err(), "an e-mail stays unique");
    for kind in ["government_office", "university"] {
        sqlx::query("insert into institution (name, kind, created_at) values ($1, $2, 1)")
            .bind(kind)
            .bind(kind)
            .execute(&mut *conn)
            .await
            .expect("a new kind");
    }
    drop(conn);
    db.close().await;
    database.drop_database().await;
}

#[tokio::test]
async fn a_broken_reference_stops_the_server_from_starting() {
    if backend() != Backend::Sqlite {
        return;
    }
    let database = FreshDatabase::create().await.expect("fresh database");
    sqlx::any::install_default_drivers();
    migrate_before_people(&database.url).await;
    let mut conn = AnyConnection::connect(&format!("{}?mode=rw", database.url))
        .await
        .expect("connect");
    exec(&mut conn, "pragma foreign_keys = off").await;
    exec(&mut conn, "insert into app_user (name, email, password_hash, role, institution_id, created_at, updated_at) values ('Yatim', 'y@x.test', '', 'participant', 999, 1, 1)").await;
    conn.close().await.expect("close");
    let err = server::db::connect(&database.url)
        .await
        .expect_err("a reference to nothing stops the start");
    assert!(format!("{err:#}").contains("app_user"), "{err:#}");
    database.drop_database().await;
}
