//! The operations subcommands run as IT staff run them: the real binary (`pamong_server`, the
//! same command line as `server`) as a separate process, on SQLite and on PostgreSQL.
//!
//! - `backup` while participants are saving quiz answers: the backup restores to a database that
//!   passes its integrity check and holds every answer acknowledged before the backup began;
//! - `restore` refuses a SQLite database a server is running on, and otherwise keeps the file it
//!   replaces;
//! - `migrate` and `admin create` on a new database make an admin who can sign in; the creation
//!   is in the audit log.

use app::ssr::db::{Backend, Db};
use pamong_tests::harness::{backend, Client, FreshDatabase, TestServer};
use pamong_tests::process::ServerProcess;
use pamong_tests::quiz_support::{self, open_quiz, QuizOptions, SCRIPT};
use std::collections::HashMap;
use std::path::Path;
use std::process::Output;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const BINARY: &str = env!("CARGO_BIN_EXE_pamong_server");

/// Runs `pamong_server <args>` on the database `url` with its data directory `data_dir`.
async fn command(url: &str, data_dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = std::process::Command::new(BINARY);
    command
        .args(args)
        .env("PAMONG_DATABASE_URL", url)
        .env("PAMONG_DATA_DIR", data_dir)
        .env("PAMONG_CONFIG", data_dir.join("absent.toml"))
        .env_remove("DATABASE_URL")
        .env_remove("PAMONG_ADMIN_PASSWORD")
        .env("RUST_LOG", "warn");
    for (name, value) in env {
        command.env(name, value);
    }
    tokio::task::spawn_blocking(move || command.output().expect("run pamong_server"))
        .await
        .expect("join")
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

async fn connect(url: &str) -> Db {
    sqlx::any::install_default_drivers();
    sqlx::AnyPool::connect(url).await.expect("connect")
}

/// (attempt, question) → the highest sequence number whose save was acknowledged, and when.
type Acknowledged = Arc<Mutex<Vec<(i64, i64, i64, Instant)>>>;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_backup_taken_while_answers_are_saved_restores_every_acknowledged_one() {
    let server = TestServer::start().await;
    let fixture = open_quiz(
        &server,
        QuizOptions {
            questions: 6,
            per_page: 6,
            participants: 8,
            ..QuizOptions::default()
        },
    )
    .await;
    let acknowledged: Acknowledged = Arc::default();
    let stop = Arc::new(AtomicBool::new(false));
    let mut savers = Vec::new();
    for (_, _, client) in &fixture.people {
        let (status, attempt) = quiz_support::start(client, fixture.quiz, SCRIPT).await;
        assert!(status < 400, "start: {status}");
        let attempt = attempt.expect("attempt");
        let questions = quiz_support::attempt_questions(&server.db, attempt).await;
        let options: HashMap<i64, Vec<i64>> = fixture
            .questions
            .iter()
            .map(|q| (q.id, q.options.clone()))
            .collect();
        let client: Client = client.clone();
        let acknowledged = acknowledged.clone();
        let stop = stop.clone();
        savers.push(tokio::spawn(async move {
            let mut seq = 0;
            while !stop.load(Ordering::Relaxed) {
                seq += 1;
                let question = questions[seq as usize % questions.len()];
                let option = options[&question][seq as usize % 4].to_string();
                let (status, body) =
                    quiz_support::save(&client, attempt, &[(question, seq, &option)]).await;
                assert!(status < 300, "save answered {status}: {body}");
                acknowledged
                    .lock()
                    .expect("lock")
                    .push((attempt, question, seq, Instant::now()));
            }
        }));
    }
    // Saves are flowing; the backup begins in the middle of them.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let dir = server.data_dir().join("cadangan");
    std::fs::create_dir_all(&dir).expect("backup dir");
    let file = dir.join("pamong-backup");
    let began = Instant::now();
    let output = command(
        server.database_url(),
        server.data_dir(),
        &["backup", file.to_str().expect("path")],
        &[],
    )
    .await;
    assert!(output.status.success(), "backup: {}", text(&output));
    tokio::time::sleep(Duration::from_millis(500)).await;
    stop.store(true, Ordering::Relaxed);
    for saver in savers {
        saver.await.expect("saver");
    }
    let acknowledged = acknowledged.lock().expect("lock").clone();
    let before: Vec<_> = acknowledged.iter().filter(|a| a.3 < began).collect();
    assert!(
        before.len() > 50 && acknowledged.len() > before.len(),
        "saves before ({}) and after ({}) the backup began",
        before.len(),
        acknowledged.len() - before.len()
    );
    // A second backup under the same name is refused: a backup never overwrites another.
    let again = command(
        server.database_url(),
        server.data_dir(),
        &["backup", file.to_str().expect("path")],
        &[],
    )
    .await;
    assert!(!again.status.success(), "{}", text(&again));

    // Restored into a new, empty database.
    let target = FreshDatabase::create().await.expect("target database");
    let output = command(
        &target.url,
        &target.data_dir,
        &["restore", file.to_str().expect("path")],
        &[],
    )
    .await;
    assert!(output.status.success(), "restore: {}", text(&output));
    if backend() == Backend::Sqlite {
        server::ops::check_sqlite_file(&target.data_dir.join("pamong.db"))
            .await
            .expect("the restored file passes its integrity check");
    }
    let restored = connect(&target.url).await;
    let (migrations,): (i64,) = sqlx::query_as("select count(*) from _sqlx_migrations")
        .fetch_one(&restored)
        .await
        .expect("migrations");
    let (live_migrations,): (i64,) = sqlx::query_as("select count(*) from _sqlx_migrations")
        .fetch_one(&server.db)
        .await
        .expect("migrations");
    assert_eq!(migrations, live_migrations);
    let mut newest: HashMap<(i64, i64), i64> = HashMap::new();
    for (attempt, question, seq, _) in &before {
        let entry = newest.entry((*attempt, *question)).or_insert(0);
        *entry = (*entry).max(*seq);
    }
    for ((attempt, question), seq) in &newest {
        let (answer, stored): (Option<String>, i64) = sqlx::query_as(
            "select answer, seq from attempt_item where attempt_id = $1 and question_id = $2",
        )
        .bind(attempt)
        .bind(question)
        .fetch_one(&restored)
        .await
        .expect("restored item");
        assert!(
            stored >= *seq && answer.is_some(),
            "attempt {attempt} question {question}: acknowledged seq {seq} before the backup, restored {stored}"
        );
    }
    restored.close().await;
    target.drop_database().await;
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restore_waits_for_the_server_to_stop_and_keeps_the_file_it_replaces() {
    if backend() != Backend::Sqlite {
        // PostgreSQL's restore is `pg_restore`; the backup test above restores it.
        return;
    }
    let mut server = TestServer::start().await;
    let institutions = server.institutions().await;
    let before = server
        .user(
            app::model::Role::Admin,
            "sebelum@uji.test",
            "kata-sandi-panjang",
            Some(institutions.agency),
        )
        .await;
    let file = server.data_dir().join("sebelum.db");
    let output = command(
        server.database_url(),
        server.data_dir(),
        &["backup", file.to_str().expect("path")],
        &[],
    )
    .await;
    assert!(output.status.success(), "backup: {}", text(&output));
    let after = server
        .user(
            app::model::Role::Admin,
            "sesudah@uji.test",
            "kata-sandi-panjang",
            Some(institutions.agency),
        )
        .await;

    // Refused while the server runs: nothing changes.
    let refused = command(
        server.database_url(),
        server.data_dir(),
        &["restore", file.to_str().expect("path")],
        &[],
    )
    .await;
    assert!(!refused.status.success());
    assert!(text(&refused).contains("stop it"), "{}", text(&refused));
    let (n,): (i64,) = sqlx::query_as("select count(*) from app_user where id = $1")
        .bind(after.0)
        .fetch_one(&server.db)
        .await
        .expect("count");
    assert_eq!(n, 1);

    // A damaged backup is refused before anything is touched.
    let damaged = server.data_dir().join("rusak.db");
    std::fs::write(&damaged, b"bukan basis data / not a database").expect("write");
    server.begin_shutdown();
    while !server.is_stopped() {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let refused = command(
        server.database_url(),
        server.data_dir(),
        &["restore", damaged.to_str().expect("path")],
        &[],
    )
    .await;
    assert!(!refused.status.success(), "{}", text(&refused));

    // Stopped: the restore replaces the database and keeps the old file beside it.
    let output = command(
        server.database_url(),
        server.data_dir(),
        &["restore", file.to_str().expect("path")],
        &[],
    )
    .await;
    assert!(output.status.success(), "restore: {}", text(&output));
    let kept: Vec<_> = std::fs::read_dir(server.data_dir())
        .expect("dir")
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("pamong.db.before-restore-")
        })
        .collect();
    assert_eq!(kept.len(), 1, "the replaced file is kept");
    let restored = connect(server.database_url()).await;
    let ids: Vec<(i64,)> = sqlx::query_as("select id from app_user where id in ($1, $2)")
        .bind(before.0)
        .bind(after.0)
        .fetch_all(&restored)
        .await
        .expect("users");
    assert_eq!(ids, vec![(before.0,)], "the backup's moment, not after");
    restored.close().await;
    let old = connect(&format!("sqlite://{}", kept[0].path().display())).await;
    let (n,): (i64,) = sqlx::query_as("select count(*) from app_user where id = $1")
        .bind(after.0)
        .fetch_one(&old)
        .await
        .expect("count");
    assert_eq!(n, 1, "the kept file holds what the restore replaced");
    old.close().await;
    // The test server's own pool still points at the file; let it go.
    server.db.close().await;
    let _ = std::fs::remove_dir_all(server.data_dir());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn migrate_and_admin_create_make_a_new_database_an_admin_can_sign_in_to() {
    let database = FreshDatabase::create().await.expect("database");
    let (url, dir) = (database.url.clone(), database.data_dir.clone());
    let output = command(&url, &dir, &["migrate"], &[]).await;
    assert!(output.status.success(), "migrate: {}", text(&output));
    assert!(
        text(&output).contains("migrations applied"),
        "{}",
        text(&output)
    );

    let create = |extra: &'static [&'static str], password: &'static str| {
        let (url, dir) = (url.clone(), dir.clone());
        async move {
            let mut args = vec![
                "admin",
                "create",
                "--email",
                "Kepala.Bidang@Bpsdm.test",
                "--name",
                "Kepala Bidang",
            ];
            args.extend_from_slice(extra);
            command(&url, &dir, &args, &[("PAMONG_ADMIN_PASSWORD", password)]).await
        }
    };
    // No institution yet: it says how to name one.
    let output = create(&[], "kata-sandi-admin").await;
    assert!(!output.status.success());
    assert!(text(&output).contains("--new-agency"), "{}", text(&output));
    // A short password is refused.
    let output = create(&["--new-agency", "BPSDM Provinsi Uji"], "pendek").await;
    assert!(!output.status.success());
    assert!(text(&output).contains("at least 8"), "{}", text(&output));
    let output = create(&["--new-agency", "BPSDM Provinsi Uji"], "kata-sandi-admin").await;
    assert!(output.status.success(), "admin create: {}", text(&output));
    assert!(
        text(&output).contains("BPSDM Provinsi Uji"),
        "{}",
        text(&output)
    );
    // The same e-mail twice is refused, whatever its case.
    let output = create(&[], "kata-sandi-admin").await;
    assert!(!output.status.success());
    assert!(
        text(&output).contains("already exists"),
        "{}",
        text(&output)
    );

    // The creation is in the audit log, once (the refused tries left nothing), from the command
    // line, in the new agency's scope.
    let db = server::db::connect(&url).await.expect("connect");
    let entries: Vec<(String, String, String, String)> = sqlx::query_as(
        "select a.action, a.actor_name, a.address, i.name from audit_entry a \
         join institution i on i.id = a.institution_id order by a.id",
    )
    .fetch_all(&db)
    .await
    .expect("audit");
    db.close().await;
    assert_eq!(entries.len(), 1, "{entries:?}");
    let (action, actor, address, scope) = &entries[0];
    assert_eq!(
        (action.as_str(), actor.as_str(), scope.as_str()),
        ("account.create", "Kepala Bidang", "BPSDM Provinsi Uji")
    );
    assert!(address.starts_with("command line"), "{address}");

    // The new admin signs in to the real server and reaches the admin home.
    let log = dir.join("server.log");
    let process = ServerProcess::start(BINARY, &database, &log, &[]).await;
    let client = Client::new(&process.url);
    let response = client
        .sign_in("kepala.bidang@bpsdm.test", "kata-sandi-admin")
        .await;
    assert!(response.status().is_success(), "{}", response.status());
    let (status, page) = client.page("/admin").await;
    assert_eq!(status, 200);
    assert!(
        page.contains("BPSDM Provinsi Uji"),
        "the admin's scope is named"
    );
    process.kill();
    database.drop_database().await;
}
