//! The data layer on whichever database `PAMONG_TEST_DATABASE_URL` names (SQLite by default):
//! migrations, durability settings, accounts, scope, attempt limits and the session store.

use app::model::{Nip, Role};
use app::ssr::db::{now_unix, Backend};
use app::ssr::throttle::{self, Purpose, ThrottleSettings};
use app::ssr::{institutions, users};
use pamong_tests::harness::{backend, FreshDatabase};
use server::session_store::DbSessionStore;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{ExpiredDeletion, SessionStore};

async fn fresh() -> (FreshDatabase, app::ssr::db::Db) {
    let database = FreshDatabase::create().await.expect("fresh database");
    let db = server::db::connect(&database.url)
        .await
        .expect("connect and migrate");
    (database, db)
}

/// An integer SQLite setting, read on `conn`.
async fn pragma(conn: &mut sqlx::pool::PoolConnection<sqlx::Any>, name: &str) -> i64 {
    let (value,): (i64,) = sqlx::query_as(&format!("pragma {name}"))
        .fetch_one(&mut **conn)
        .await
        .unwrap_or_else(|e| panic!("pragma {name}: {e}"));
    value
}

#[tokio::test]
async fn sqlite_is_in_wal_mode_with_full_sync_and_small_pages() {
    let (database, db) = fresh().await;
    if backend() == Backend::Sqlite {
        // Read back on a pooled connection: the setting holds on every connection.
        for _ in 0..3 {
            let mut conn = db.acquire().await.expect("connection");
            let (mode,): (String,) = sqlx::query_as("pragma journal_mode")
                .fetch_one(&mut *conn)
                .await
                .expect("journal_mode");
            assert_eq!(mode, "wal");
            assert_eq!(
                pragma(&mut conn, "synchronous").await,
                2,
                "synchronous = FULL: a commit is on disk before it is acknowledged"
            );
            assert_eq!(pragma(&mut conn, "foreign_keys").await, 1);
            assert_eq!(
                pragma(&mut conn, "page_size").await,
                1024,
                "a new database gets 1 KiB pages: a one-answer save logs a quarter of the bytes"
            );
        }
        assert!(database.data_dir.join("pamong.db").exists());
    } else {
        let (setting,): (String,) =
            sqlx::query_as("select setting from pg_settings where name = 'synchronous_commit'")
                .fetch_one(&db)
                .await
                .expect("setting");
        assert_eq!(
            setting, "on",
            "PostgreSQL acknowledges a commit only once it is flushed"
        );
    }
    db.close().await;
    database.drop_database().await;
}

#[tokio::test]
async fn migrating_twice_changes_nothing() {
    let (database, db) = fresh().await;
    let applied = || async {
        let (count,): (i64,) = sqlx::query_as("select count(*) from _sqlx_migrations")
            .fetch_one(&db)
            .await
            .expect("migrations");
        count
    };
    let before = applied().await;
    server::db::migrate(&database.url, backend())
        .await
        .expect("second run");
    assert_eq!(applied().await, before, "a second run applies nothing new");
    // Every migration file of this backend was applied by the first run.
    let dir = format!(
        "{}/../server/migrations/{}",
        env!("CARGO_MANIFEST_DIR"),
        if backend() == Backend::Sqlite {
            "sqlite"
        } else {
            "postgres"
        }
    );
    let files = std::fs::read_dir(&dir)
        .expect("migrations directory")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "sql"))
        })
        .count() as i64;
    assert_eq!(before, files);
    db.close().await;
    database.drop_database().await;
}

#[tokio::test]
async fn accounts_are_unique_by_email_and_nip() {
    let (database, db) = fresh().await;
    let nip = Nip::parse("19860926 201505 1 001").expect("nip");
    let new = |email: &'static str, nip: Option<&'static Nip>| users::NewUser {
        name: "Guru",
        email,
        password_hash: "x",
        role: Role::Participant,
        nip,
        institution_id: None,
    };
    let nip: &'static Nip = Box::leak(Box::new(nip));
    let id = users::create(&db, new("a@uji.id", Some(nip)), now_unix())
        .await
        .expect("first");
    assert!(matches!(
        users::create(&db, new("a@uji.id", None), now_unix()).await,
        Err(users::CreateUserError::EmailTaken)
    ));
    assert!(matches!(
        users::create(&db, new("b@uji.id", Some(nip)), now_unix()).await,
        Err(users::CreateUserError::NipTaken)
    ));
    let (user, epoch) = users::current(&db, id)
        .await
        .expect("query")
        .expect("found");
    assert_eq!(
        (user.email.as_deref().unwrap_or_default(), user.role, epoch),
        ("a@uji.id", Role::Participant, 0)
    );
    let epoch = users::set_password(&db, id, "y", now_unix())
        .await
        .expect("set password");
    assert_eq!(epoch, 1);
    assert_eq!(
        users::credentials_by_email(&db, "a@uji.id")
            .await
            .expect("query")
            .map(|c| c.password_hash),
        Some("y".to_string())
    );
    db.close().await;
    database.drop_database().await;
}

#[tokio::test]
async fn an_admin_scope_is_the_institution_and_everything_below() {
    let (database, db) = fresh().await;
    let now = now_unix();
    let agency = institutions::insert(&db, "BPSDM", "province_agency", None, None, None, now)
        .await
        .expect("agency");
    let district = institutions::insert(
        &db,
        "Dinas",
        "district_office",
        Some(agency),
        None,
        None,
        now,
    )
    .await
    .expect("district");
    let other = institutions::insert(
        &db,
        "Dinas Lain",
        "district_office",
        Some(agency),
        None,
        None,
        now,
    )
    .await
    .expect("district");
    let school = institutions::insert(
        &db,
        "SD",
        "school",
        Some(district),
        Some("20300001"),
        None,
        now,
    )
    .await
    .expect("school");
    let subtree: Vec<_> = institutions::subtree(&db, district)
        .await
        .expect("subtree")
        .into_iter()
        .map(|i| i.id)
        .collect();
    assert_eq!(subtree, vec![district.0, school.0]);
    assert!(institutions::is_within(&db, agency, school)
        .await
        .expect("within"));
    assert!(!institutions::is_within(&db, other, school)
        .await
        .expect("within"));
    assert!(institutions::is_top_level(&db, agency).await.expect("top"));
    assert!(!institutions::is_top_level(&db, district)
        .await
        .expect("top"));

    let teacher = users::NewUser {
        name: "Guru SD",
        email: "guru@sd.id",
        password_hash: "x",
        role: Role::Participant,
        nip: None,
        institution_id: Some(school),
    };
    let teacher = users::create(&db, teacher, now).await.expect("teacher");
    let loose = users::NewUser {
        name: "Tanpa Lembaga",
        email: "lepas@uji.id",
        password_hash: "x",
        role: Role::Participant,
        nip: None,
        institution_id: None,
    };
    let loose = users::create(&db, loose, now).await.expect("loose");
    assert!(users::is_in_scope(&db, district, false, teacher)
        .await
        .expect("scope"));
    assert!(!users::is_in_scope(&db, other, false, teacher)
        .await
        .expect("scope"));
    assert!(!users::is_in_scope(&db, district, false, loose)
        .await
        .expect("scope"));
    assert!(
        users::is_in_scope(&db, agency, true, loose)
            .await
            .expect("scope"),
        "a top-level admin sees unaffiliated registrants"
    );

    let filter = users::UserFilter {
        search: Some("GURU".into()),
        role: Some(Role::Participant),
        limit: 10,
        offset: 0,
    };
    let (found, total) = users::list_in_scope(&db, agency, true, &filter)
        .await
        .expect("list");
    assert_eq!((found.len(), total), (1, 1));
    assert_eq!(found[0].institution_name.as_deref(), Some("SD"));
    let counts = users::count_by_role_in_scope(&db, agency, true)
        .await
        .expect("counts");
    assert_eq!(counts, vec![(Role::Participant, 2)]);
    db.close().await;
    database.drop_database().await;
}

const LIMITS: ThrottleSettings = ThrottleSettings {
    window_secs: 60,
    max_per_account: 2,
    max_per_address: 3,
    sign_up_max_per_address: 2,
};

#[tokio::test]
async fn throttle_reserves_attempts_and_gives_one_back_for_a_right_password() {
    let (database, db) = fresh().await;
    let now = 1_000_000;
    let reserve = |account: &'static str, address: &'static str, at: i64| {
        throttle::reserve(&db, &LIMITS, Purpose::PasswordCheck, account, address, at)
    };
    assert_eq!(
        reserve("a@x.id", "1.2.3.4", now).await.expect("reserve"),
        Ok(())
    );
    assert_eq!(
        reserve("a@x.id", "1.2.3.4", now + 10)
            .await
            .expect("reserve"),
        Ok(())
    );
    // The account reached its limit at now + 10: the next check waits 30 s, from any address.
    assert_eq!(
        reserve("a@x.id", "9.9.9.9", now + 20)
            .await
            .expect("reserve"),
        Err(20)
    );
    assert_eq!(
        reserve("b@x.id", "1.2.3.4", now + 20)
            .await
            .expect("reserve"),
        Ok(())
    );
    // The address reached its limit at now + 20: blocked for the window after that.
    assert_eq!(
        reserve("c@x.id", "1.2.3.4", now + 30)
            .await
            .expect("reserve"),
        Err(50)
    );
    // b's password was right: the address gets that attempt back, and b starts afresh.
    throttle::password_accepted(&db, "b@x.id", "1.2.3.4")
        .await
        .expect("accepted");
    assert_eq!(
        reserve("c@x.id", "1.2.3.4", now + 30)
            .await
            .expect("reserve"),
        Ok(())
    );
    // A refused attempt counted nothing: 9.9.9.9 has no counter and a's delay is unchanged.
    assert_eq!(
        reserve("a@x.id", "9.9.9.9", now + 40)
            .await
            .expect("reserve"),
        Ok(())
    );

    // Account creation has counters of its own.
    for n in 0..2 {
        let account = format!("new{n}@x.id");
        let reserved = throttle::reserve(
            &db,
            &LIMITS,
            Purpose::AccountCreation,
            &account,
            "1.2.3.4",
            now + 40,
        )
        .await
        .expect("reserve");
        assert_eq!(reserved, Ok(()));
    }
    let third = throttle::reserve(
        &db,
        &LIMITS,
        Purpose::AccountCreation,
        "x@x.id",
        "1.2.3.4",
        now + 40,
    )
    .await
    .expect("reserve");
    assert_eq!(third, Err(60));

    // Counters with no attempt and no delay for a window are deleted; a's delay (after its
    // third attempt at now + 40, 60 s) keeps its counter a window longer.
    let left = || async {
        let (left,): (i64,) = sqlx::query_as("select count(*) from attempt_limit")
            .fetch_one(&db)
            .await
            .expect("count");
        left
    };
    assert_eq!(left().await, 7);
    let forget = |at: i64| throttle::forget_stale(&db, &LIMITS, at);
    assert_eq!(forget(now + 40 + 60).await.expect("forget"), 6);
    assert_eq!(left().await, 1);
    assert_eq!(forget(now + 100 + 60).await.expect("forget"), 1);
    assert_eq!(left().await, 0);
    db.close().await;
    database.drop_database().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn simultaneous_reservations_never_pass_the_limit() {
    let (database, db) = fresh().await;
    let now = 1_000_000;
    let limits = ThrottleSettings {
        window_secs: 900,
        max_per_account: 5,
        max_per_address: 7,
        sign_up_max_per_address: 60,
    };
    let admitted = |keys: Vec<(String, String)>| {
        let db = db.clone();
        async move {
            let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(keys.len()));
            let mut set = tokio::task::JoinSet::new();
            for (account, address) in keys {
                let (db, barrier) = (db.clone(), barrier.clone());
                set.spawn(async move {
                    barrier.wait().await;
                    throttle::reserve(
                        &db,
                        &limits,
                        Purpose::PasswordCheck,
                        &account,
                        &address,
                        now,
                    )
                    .await
                    .expect("reserve")
                    .is_ok()
                });
            }
            let mut admitted = 0;
            while let Some(ok) = set.join_next().await {
                admitted += usize::from(ok.expect("task"));
            }
            admitted
        }
    };
    let one_account = (0..50)
        .map(|i| ("a@x.id".to_string(), format!("10.0.0.{i}")))
        .collect();
    assert_eq!(admitted(one_account).await, 5);
    let one_address = (0..50)
        .map(|i| (format!("u{i}@x.id"), "1.2.3.4".to_string()))
        .collect();
    assert_eq!(admitted(one_address).await, 7);
    db.close().await;
    database.drop_database().await;
}

#[tokio::test]
async fn session_store_saves_loads_and_expires() {
    let (database, db) = fresh().await;
    let store = DbSessionStore::new(db.clone(), 30 * 24 * 3600);
    let mut record = Record {
        id: Id::default(),
        data: [("uid".to_string(), serde_json::json!(7))]
            .into_iter()
            .collect(),
        expiry_date: time::OffsetDateTime::now_utc() + time::Duration::hours(1),
    };
    store.create(&mut record).await.expect("create");
    let loaded = store.load(&record.id).await.expect("load").expect("found");
    assert_eq!(loaded.data.get("uid"), Some(&serde_json::json!(7)));
    record.data.insert("epoch".into(), serde_json::json!(3));
    store.save(&record).await.expect("save");
    assert_eq!(
        store
            .load(&record.id)
            .await
            .expect("load")
            .expect("found")
            .data
            .len(),
        2
    );

    let mut expired = Record {
        id: Id::default(),
        data: Default::default(),
        expiry_date: time::OffsetDateTime::now_utc() - time::Duration::seconds(5),
    };
    store.create(&mut expired).await.expect("create expired");
    assert!(
        store.load(&expired.id).await.expect("load").is_none(),
        "an expired session does not load"
    );
    store.delete_expired().await.expect("delete expired");
    assert_eq!(server::session_store::count(&db).await.expect("count"), 1);
    store.delete(&record.id).await.expect("delete");
    assert!(store.load(&record.id).await.expect("load").is_none());
    db.close().await;
    database.drop_database().await;
}

#[tokio::test]
async fn session_store_never_keeps_a_session_past_its_maximum_age() {
    let (database, db) = fresh().await;
    let hour = 3600;
    let store = DbSessionStore::new(db.clone(), hour);
    let now = now_unix();
    let expires_at = |id: Id| {
        let db = db.clone();
        async move {
            let (at,): (i64,) = sqlx::query_as("select expires_at from session where id = $1")
                .bind(id.to_string())
                .fetch_one(&db)
                .await
                .expect("row");
            at
        }
    };
    let signed_in = |at: i64| Record {
        id: Id::default(),
        data: [
            ("uid".to_string(), serde_json::json!(7)),
            ("epoch".to_string(), serde_json::json!(0)),
            ("signed_in".to_string(), serde_json::json!(at)),
        ]
        .into_iter()
        .collect(),
        // Active: tower-sessions would keep it for two more weeks.
        expiry_date: time::OffsetDateTime::now_utc() + time::Duration::days(14),
    };
    // Signed in half an hour ago: it lasts until an hour after sign-in, not two weeks.
    let mut fresh_one = signed_in(now - 1800);
    store.create(&mut fresh_one).await.expect("create");
    assert_eq!(expires_at(fresh_one.id).await, now - 1800 + hour);
    assert!(store.load(&fresh_one.id).await.expect("load").is_some());
    // Signed in two hours ago: however active, it no longer loads, on create or on save.
    let mut old = signed_in(now - 2 * hour);
    store.create(&mut old).await.expect("create");
    assert!(store.load(&old.id).await.expect("load").is_none());
    store.save(&old).await.expect("save");
    assert!(store.load(&old.id).await.expect("load").is_none());
    // A session written before sign-in times were kept keeps the time the column holds.
    let mut legacy = Record {
        id: Id::default(),
        data: [("uid".to_string(), serde_json::json!(7))]
            .into_iter()
            .collect(),
        expiry_date: time::OffsetDateTime::now_utc() + time::Duration::days(14),
    };
    store.create(&mut legacy).await.expect("create");
    sqlx::query("update session set signed_in_at = $1 where id = $2")
        .bind(now - 1800)
        .bind(legacy.id.to_string())
        .execute(&db)
        .await
        .expect("migrated row");
    store.save(&legacy).await.expect("save");
    assert_eq!(expires_at(legacy.id).await, now - 1800 + hour);
    // A lower maximum at start-up shortens what is stored.
    let stricter = DbSessionStore::new(db.clone(), 600);
    assert_eq!(stricter.cap_stored().await.expect("cap"), 3);
    assert!(stricter.load(&fresh_one.id).await.expect("load").is_none());
    assert!(stricter.load(&legacy.id).await.expect("load").is_none());
    db.close().await;
    database.drop_database().await;
}

#[tokio::test]
async fn demo_seed_fills_an_empty_database_once() {
    let (database, db) = fresh().await;
    let created = server::demo::seed_demo(&db, Some("demo-sandi-1".into()))
        .await
        .expect("seed");
    assert_eq!(created.len(), 23);
    assert_eq!(
        created
            .iter()
            .filter(|a| a.role == Role::Participant)
            .count(),
        20
    );
    assert_eq!(created.iter().filter(|a| a.role == Role::Mentor).count(), 2);
    let (kinds,): (i64,) = sqlx::query_as("select count(*) from institution")
        .fetch_one(&db)
        .await
        .expect("count");
    assert_eq!(kinds, 6);
    assert!(
        server::demo::seed_demo(&db, None)
            .await
            .expect("second seed")
            .is_empty(),
        "never seeds twice"
    );
    assert_eq!(users::count_all(&db).await.expect("count"), 23);
    db.close().await;
    database.drop_database().await;
}
