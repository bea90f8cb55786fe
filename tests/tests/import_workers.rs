//! The import worker under several processes and a flaky database (issue #16), on PostgreSQL
//! (SQLite runs one process): a job is claimed under a lease, so exactly one process reads and
//! applies it while the other leaves it alone, and a database that drops its connections for a
//! few seconds pauses the job instead of failing it. Each run counts the effects in the database.

use app::model::{Role, UserId};
use app::ssr::db::{now_unix, Backend, Db};
use pamong_tests::fixtures;
use pamong_tests::harness::{backend, TestServer};
use pamong_tests::import_support::generate_csv;
use std::time::{Duration, Instant};

/// Rows of the imported file: enough chunks that the job is still running when the test holds it.
const ROWS: usize = 24_000;
/// Bounds every wait.
const GIVE_UP: Duration = Duration::from_secs(300);

fn on_postgres() -> bool {
    if backend() == Backend::Postgres {
        return true;
    }
    eprintln!("skipped: several processes and dropped connections are PostgreSQL's");
    false
}

/// An admin, a program and a cohort with room for every row.
async fn cohort(server: &TestServer) -> (i64, UserId) {
    let inst = server.institutions().await;
    let admin = server
        .user(
            Role::Admin,
            "admin@bpsdm.test",
            "kata-sandi-uji-1",
            Some(inst.agency),
        )
        .await;
    let program = fixtures::program(&server.db, inst.agency, admin, "published").await;
    let cohort = fixtures::cohort(&server.db, program, "Angkatan", ROWS as i64 + 10, admin).await;
    (cohort, admin)
}

/// Queues a job with its file as an upload does, without ringing any worker's bell: every
/// worker finds it on its next poll.
async fn queue(
    server: &TestServer,
    cohort: i64,
    admin: UserId,
    csv: &str,
) -> (i64, std::path::PathBuf) {
    let job = app::ssr::imports::insert_job(
        &server.db,
        cohort,
        admin.0,
        "peserta.csv",
        "sha",
        app::model::Lang::Id,
        now_unix(),
    )
    .await
    .expect("job");
    let dir = app::ssr::imports::worker::import_dir(server.data_dir());
    std::fs::create_dir_all(&dir).expect("dir");
    let file = app::ssr::imports::worker::job_file(&dir, job);
    std::fs::write(&file, csv).expect("file");
    (job, file)
}

/// One query, tried again while the database drops connections.
async fn ask<T>(db: &Db, sql: &str, job: i64) -> T
where
    T: Send + Unpin + for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow>,
{
    let started = Instant::now();
    loop {
        match sqlx::query_as::<_, T>(sql).bind(job).fetch_one(db).await {
            Ok(row) => return row,
            Err(err) => {
                assert!(started.elapsed() < GIVE_UP, "{sql}: {err}");
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
    }
}

async fn progress(db: &Db, job: i64) -> (String, i64, i64) {
    ask(
        db,
        "select status, processed_rows, total_rows from import_job where id = $1",
        job,
    )
    .await
}

/// Waits until the job has committed its first chunk (its file has been read and parsed).
async fn first_chunk(db: &Db, job: i64) {
    let started = Instant::now();
    loop {
        let (status, processed, _) = progress(db, job).await;
        assert!(status == "queued" || status == "running", "{status}");
        if processed > 0 {
            return;
        }
        assert!(started.elapsed() < GIVE_UP, "the job never started");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// How long [`hold_mid_job`] keeps a running job from going on: more than two polls of an idle
/// worker, so the other process looks at the job while it runs, on a machine of any speed.
const HOLD: Duration = Duration::from_secs(5);

/// Locks the cohort's row (every chunk takes seats on it) for [`HOLD`], so the job's next chunk
/// waits and the job stays `running` under its owner's lease; the job must still have chunks left.
async fn hold_mid_job(db: &Db, job: i64, cohort: i64) {
    let mut tx = db.begin().await.expect("begin");
    sqlx::query("select quota from cohort where id = $1 for update")
        .bind(cohort)
        .execute(&mut *tx)
        .await
        .expect("lock the cohort");
    let (status, processed, total) = progress(db, job).await;
    assert!(
        status == "running" && processed < total,
        "the job ended ({status}, {processed}/{total}) before the hold: make ROWS larger"
    );
    tokio::time::sleep(HOLD).await;
    tx.commit().await.expect("release the cohort");
}

/// Waits for the job's end; returns its status.
async fn end(db: &Db, job: i64) -> String {
    let started = Instant::now();
    loop {
        let (status, _, _) = progress(db, job).await;
        if status == "done" || status == "failed" {
            return status;
        }
        assert!(started.elapsed() < GIVE_UP, "the job never ended");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// What the job did, counted in the database: accounts with the file's e-mail domain, their
/// enrolments in the cohort, the cohort's seats taken, and the job's own counters.
async fn effects(db: &Db, job: i64, cohort: i64, domain: &str) -> [i64; 6] {
    let (accounts,): (i64,) = sqlx::query_as("select count(*) from app_user where email like $1")
        .bind(format!("%@{domain}"))
        .fetch_one(db)
        .await
        .expect("accounts");
    let (enrolments,): (i64,) = sqlx::query_as(
        "select count(*) from enrolment e join app_user u on u.id = e.user_id \
         where e.cohort_id = $1 and u.email like $2",
    )
    .bind(cohort)
    .bind(format!("%@{domain}"))
    .fetch_one(db)
    .await
    .expect("enrolments");
    let (seats,): (i64,) = sqlx::query_as("select seats_taken from cohort where id = $1")
        .bind(cohort)
        .fetch_one(db)
        .await
        .expect("seats");
    let (created, processed, errors): (i64, i64, i64) = sqlx::query_as(
        "select created_accounts, processed_rows, error_rows from import_job where id = $1",
    )
    .bind(job)
    .fetch_one(db)
    .await
    .expect("job");
    [accounts, enrolments, seats, created, processed, errors]
}

#[tokio::test]
async fn two_processes_on_one_database_import_a_job_once_and_only_one_reads_it() {
    if !on_postgres() {
        return;
    }
    let server = TestServer::start().await;
    let second = server.second_process().await;
    let (cohort, admin) = cohort(&server).await;
    let csv = generate_csv(ROWS, 16, "lease.test");
    let (job, file) = queue(&server, cohort, admin, &csv).await;

    // Both workers poll; one claims the job, reads the file and starts applying it. From then on
    // nobody may read the file again: a worker that does finds this and fails the job.
    first_chunk(&server.db, job).await;
    std::fs::write(&file, "bukan berkas impor\n").expect("replace the file");
    hold_mid_job(&server.db, job, cohort).await;

    assert_eq!(
        end(&server.db, job).await,
        "done",
        "the job ran once, from one reading"
    );
    let rows = ROWS as i64;
    assert_eq!(
        effects(&server.db, job, cohort, "lease.test").await,
        [rows, rows, rows, rows, rows, 0],
        "every row imported exactly once"
    );
    let (claims, owner, started, finished): (i64, Option<String>, i64, i64) = sqlx::query_as(
        "select claims, lease_owner, started_at, finished_at from import_job where id = $1",
    )
    .bind(job)
    .fetch_one(&server.db)
    .await
    .expect("lease");
    assert_eq!(claims, 1, "one worker claimed the job, once");
    assert!(owner.is_some());
    // The hold kept the job running past two polls of the other process, however fast the
    // machine: the other process looked at the running job and left it alone.
    assert!(
        finished - started >= HOLD.as_secs() as i64,
        "the job took {}s, shorter than the hold",
        finished - started
    );
    second.stop().await;
    server.stop().await;
}

#[tokio::test]
async fn connections_dropped_for_seconds_mid_import_pause_the_job_instead_of_failing_it() {
    if !on_postgres() {
        return;
    }
    let server = TestServer::start().await;
    let (cohort, admin) = cohort(&server).await;
    let csv = generate_csv(ROWS, 17, "putus.test");
    let (job, _) = queue(&server, cohort, admin, &csv).await;
    let (database,): (String,) = sqlx::query_as("select current_database()::text")
        .fetch_one(&server.db)
        .await
        .expect("database name");
    // The fault comes from outside, as a database restart or a network cut would: a connection
    // to the server's maintenance database terminates every connection of the test's database.
    let admin_url = std::env::var("PAMONG_TEST_DATABASE_URL").expect("PostgreSQL URL");
    let admin_pool = sqlx::AnyPool::connect(&admin_url)
        .await
        .expect("admin connection");

    first_chunk(&server.db, job).await;
    let storm = Instant::now();
    let mut terminated_mid_job = 0;
    while storm.elapsed() < Duration::from_secs(10) {
        let killed: Vec<(bool,)> = sqlx::query_as(
            "select pg_terminate_backend(pid) from pg_stat_activity \
             where datname = $1 and pid <> pg_backend_pid()",
        )
        .bind(&database)
        .fetch_all(&admin_pool)
        .await
        .expect("terminate");
        terminated_mid_job += killed.iter().filter(|(done,)| *done).count();
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let (status, processed, total) = progress(&server.db, job).await;
    assert!(
        terminated_mid_job > 0 && processed < total,
        "the fault hit the job mid-way ({terminated_mid_job} connections; {processed} of {total} \
         rows at the end of it): make ROWS larger"
    );
    assert_ne!(
        status, "failed",
        "ten seconds without a database failed the job"
    );

    assert_eq!(end(&server.db, job).await, "done");
    let rows = ROWS as i64;
    assert_eq!(
        effects(&server.db, job, cohort, "putus.test").await,
        [rows, rows, rows, rows, rows, 0],
        "every row imported exactly once"
    );
    admin_pool.close().await;
    server.stop().await;
}

/// Issue #22: a process killed (SIGKILL) in the middle of an import job. Two real server
/// processes on one PostgreSQL and one shared data directory; the one holding the job dies with
/// a chunk in flight; the other takes the job over once the lease has run out, reads the file
/// from the shared storage, and finishes it with every row imported exactly once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_process_killed_mid_import_is_taken_over_by_another_with_no_duplicate_row() {
    use pamong_tests::harness::FreshDatabase;
    use pamong_tests::process::ServerProcess;
    if !on_postgres() {
        return;
    }
    let database = FreshDatabase::create().await.expect("fresh database");
    let log = database.data_dir.join("server.log");
    let binary = env!("CARGO_BIN_EXE_pamong_server");
    let first = ServerProcess::start(binary, &database, &log, &[]).await;
    let db = server::db::connect(&database.url).await.expect("connect");
    let (agency, admin) = fixtures::agency_with_admin(
        &db,
        "BPSDM Uji",
        "Admin Uji",
        "admin@bpsdm.test",
        "kata-sandi-uji-1".to_string(),
    )
    .await;
    let program = fixtures::program(&db, agency, admin, "published").await;
    let cohort = fixtures::cohort(&db, program, "Angkatan", ROWS as i64 + 10, admin).await;
    let job = app::ssr::imports::insert_job(
        &db,
        cohort,
        admin.0,
        "peserta.csv",
        "sha",
        app::model::Lang::Id,
        now_unix(),
    )
    .await
    .expect("job");
    // Where the upload would have put it: the shared storage's import folder.
    let storage = app::ssr::storage::Storage::shared_directory(&database.data_dir);
    storage
        .put(
            app::ssr::storage::Area::Imports,
            &app::ssr::imports::worker::job_file_name(job),
            generate_csv(ROWS, 16, "kill.test").as_bytes(),
        )
        .await
        .expect("file");

    // The only process claims the job and commits a chunk; then its next chunk is held (the
    // cohort's row locked) while the second process starts and the first is killed.
    first_chunk(&db, job).await;
    let mut hold = db.begin().await.expect("begin");
    sqlx::query("select quota from cohort where id = $1 for update")
        .bind(cohort)
        .execute(&mut *hold)
        .await
        .expect("lock the cohort");
    let (owner_before, processed_at_kill): (Option<String>, i64) =
        sqlx::query_as("select lease_owner, processed_rows from import_job where id = $1")
            .bind(job)
            .fetch_one(&db)
            .await
            .expect("owner");
    assert!(processed_at_kill < ROWS as i64, "the job has rows left");
    let second = ServerProcess::start(binary, &database, &log, &[]).await;
    first.kill();
    let killed = Instant::now();
    hold.commit().await.expect("release the cohort");

    // The second process takes the job over once the lease lapses, and finishes it.
    let mut taken_over = None;
    loop {
        let (status, claims, owner): (String, i64, Option<String>) =
            sqlx::query_as("select status, claims, lease_owner from import_job where id = $1")
                .bind(job)
                .fetch_one(&db)
                .await
                .expect("job");
        if taken_over.is_none() && claims >= 2 && owner != owner_before {
            taken_over = Some(killed.elapsed());
        }
        if status == "done" || status == "failed" {
            assert_eq!(status, "done");
            break;
        }
        assert!(
            killed.elapsed() < GIVE_UP,
            "the job never ended after the kill"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let finished = killed.elapsed();
    let taken_over = taken_over.expect("another worker claimed the job");
    let lease = Duration::from_secs(app::ssr::imports::worker::LEASE_SECS as u64);
    println!(
        "killed at {processed_at_kill} of {ROWS} rows; taken over after {:.1} s (lease {} s); done {:.1} s after the kill",
        taken_over.as_secs_f64(),
        lease.as_secs(),
        finished.as_secs_f64()
    );
    // Within the lease and one idle poll of the other worker (plus this loop's own step).
    assert!(
        taken_over <= lease + Duration::from_secs(4),
        "taken over after {taken_over:?}"
    );
    let rows = ROWS as i64;
    assert_eq!(
        effects(&db, job, cohort, "kill.test").await,
        [rows, rows, rows, rows, rows, 0],
        "every row imported exactly once"
    );
    let (claims,): (i64,) = sqlx::query_as("select claims from import_job where id = $1")
        .bind(job)
        .fetch_one(&db)
        .await
        .expect("claims");
    assert_eq!(
        claims, 2,
        "claimed by the first process, then once by the second"
    );
    drop(second);
    db.close().await;
}
