//! The certificate figures of issue #20: a cohort's certificates issued by the background job,
//! optionally across a SIGKILL half-way, then the public check page under load.
//!
//!   certificate_bench [--count N] [--kill-half] [--server PATH] [--check-seconds S]
//!                     [--concurrency C] [--keep]
//!
//! It makes a fresh database (SQLite, or PostgreSQL when `PAMONG_TEST_DATABASE_URL` names one),
//! starts the real server binary (`--server`, default `pamong_server` beside this binary) as a
//! child process, seeds an agency with its template, a program with its code and one cohort of N
//! passed participants (default 61,964), and presses the cohort page's "issue all" button over
//! HTTP. It prints the job's progress (as the page shows it) every 5 s. With `--kill-half` it
//! SIGKILLs the server when half are issued and starts it again; the job resumes once its lease
//! runs out. At the end it checks that the numbers are exactly 1..=N, one per enrolment, each
//! with its PDF on disk, and prints the time and the PDFs' sizes.
//!
//! Then C connections (default 32) GET `/sertifikat/<code>` of random issued codes for S seconds
//! (default 20; 0 skips it), each request from its own `X-Forwarded-For` address (the server
//! trusts it here) so that the per-address limit, which stays on, is not what is measured.
//! Throughput and latency percentiles (HdrHistogram, microseconds) are printed.

use hdrhistogram::Histogram;
use pamong_tests::certificates_support::{
    numbering, passed_participants, set_program_code, template,
};
use pamong_tests::fixtures;
use pamong_tests::harness::{Client, FreshDatabase};
use pamong_tests::process::ServerProcess;
use pamong_tests::registration_support::PASSWORD;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

fn args() -> HashMap<String, String> {
    let mut out = HashMap::new();
    let rest: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < rest.len() {
        let name = rest[i].trim_start_matches("--").to_string();
        match rest.get(i + 1).filter(|v| !v.starts_with("--")) {
            Some(value) => {
                out.insert(name, value.clone());
                i += 2;
            }
            None => {
                out.insert(name, String::new());
                i += 1;
            }
        }
    }
    out
}

async fn job_state(db: &app::ssr::db::Db, cohort: i64) -> (String, i64, i64) {
    sqlx::query_as(
        "select status, issued, total from certificate_job where cohort_id = $1 order by id desc limit 1",
    )
    .bind(cohort)
    .fetch_optional(db)
    .await
    .ok()
    .flatten()
    .unwrap_or_else(|| ("none".to_string(), 0, 0))
}

async fn issued_count(db: &app::ssr::db::Db, cohort: i64) -> i64 {
    sqlx::query_as::<_, (i64,)>("select count(*) from certificate where cohort_id = $1")
        .bind(cohort)
        .fetch_one(db)
        .await
        .map(|(n,)| n)
        .unwrap_or_default()
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = args();
    let count: usize = args
        .get("count")
        .and_then(|v| v.parse().ok())
        .unwrap_or(61_964);
    let kill_half = args.contains_key("kill-half");
    let check_seconds: u64 = args
        .get("check-seconds")
        .and_then(|v| v.parse().ok())
        .unwrap_or(20);
    let concurrency: usize = args
        .get("concurrency")
        .and_then(|v| v.parse().ok())
        .unwrap_or(32);
    let binary = match args.get("server") {
        Some(path) => path.clone(),
        None => std::env::current_exe()?
            .with_file_name("pamong_server")
            .display()
            .to_string(),
    };
    let database = FreshDatabase::create().await?;
    let log = database.data_dir.join("server.log");
    println!(
        "database {} (data in {})",
        database.url,
        database.data_dir.display()
    );
    let settings = [("PAMONG_TRUST_FORWARDED_FOR", "true".to_string())];
    let mut server = Some(ServerProcess::start(&binary, &database, &log, &settings).await);
    let first_url = server.as_ref().map(|s| s.url.clone()).unwrap_or_default();
    let db = server::db::connect(&database.url).await?;
    let (agency, admin) = fixtures::agency_with_admin(
        &db,
        "BPSDM Uji",
        "Admin Uji",
        "admin@bpsdm.test",
        PASSWORD.to_string(),
    )
    .await;
    let program = fixtures::program(&db, agency, admin, "published").await;
    set_program_code(&db, program, "LITDIG").await;
    template(&db, agency.0, admin.0).await;
    let cohort = fixtures::cohort(&db, program, "Angkatan Besar", 1_000_000, admin).await;
    let seeded = Instant::now();
    passed_participants(&db, cohort, admin.0, "guru", count).await;
    println!(
        "seeded {count} passed enrolments in {:.1} s",
        seeded.elapsed().as_secs_f64()
    );

    let client = Client::new(&first_url);
    anyhow::ensure!(
        client.sign_in("admin@bpsdm.test", PASSWORD).await.status() == 200,
        "sign in"
    );
    let page = format!("/admin/angkatan/{cohort}/sertifikat");
    let response = client
        .post_to(&format!("{page}/semua"), &page, "text/html", &[])
        .await;
    anyhow::ensure!(
        response.status() == 303,
        "job queued: {}",
        response.status()
    );
    let started = Instant::now();
    let mut killed = !kill_half;
    let mut last_print = Instant::now();
    loop {
        let (status, issued, total) = job_state(&db, cohort).await;
        if last_print.elapsed() >= Duration::from_secs(5) {
            let rows = issued_count(&db, cohort).await;
            println!(
                "{:>6.1} s  job {status}: {issued} / {total} on the page, {rows} rows ({:.0}/s)",
                started.elapsed().as_secs_f64(),
                rows as f64 / started.elapsed().as_secs_f64()
            );
            last_print = Instant::now();
        }
        if status == "done" || status == "failed" {
            println!("job {status}: {issued} / {total}");
            break;
        }
        if !killed && issued_count(&db, cohort).await >= (count / 2) as i64 {
            let at = started.elapsed().as_secs_f64();
            let rows = issued_count(&db, cohort).await;
            println!("{at:>6.1} s  SIGKILL with {rows} rows issued");
            if let Some(running) = server.take() {
                running.kill();
            }
            server = Some(ServerProcess::start(&binary, &database, &log, &settings).await);
            killed = true;
            println!("{:>6.1} s  restarted", started.elapsed().as_secs_f64());
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "issued {count} certificates in {secs:.1} s ({:.0}/s)",
        count as f64 / secs
    );

    let (seqs, enrolments, numbers) = numbering(&db, cohort).await;
    let gapless = seqs.iter().enumerate().all(|(i, s)| *s == i as i64 + 1);
    println!(
        "numbers: {} rows, 1..={} without gap: {gapless}, {enrolments} enrolments, {numbers} distinct numbers",
        seqs.len(),
        seqs.last().copied().unwrap_or_default()
    );
    let sizes: Vec<(Option<i64>,)> =
        sqlx::query_as("select pdf_bytes from certificate where cohort_id = $1")
            .bind(cohort)
            .fetch_all(&db)
            .await?;
    let missing = sizes.iter().filter(|(s,)| s.is_none()).count();
    let total_bytes: i64 = sizes.iter().filter_map(|(s,)| *s).sum();
    let max = sizes.iter().filter_map(|(s,)| *s).max().unwrap_or_default();
    println!(
        "PDFs: {} stored, {missing} missing, average {:.1} kB, largest {:.1} kB, {:.0} MB in all",
        sizes.len() - missing,
        total_bytes as f64 / (sizes.len() - missing).max(1) as f64 / 1024.0,
        max as f64 / 1024.0,
        total_bytes as f64 / 1024.0 / 1024.0
    );

    if check_seconds > 0 {
        let codes: Vec<(String,)> =
            sqlx::query_as("select code from certificate where cohort_id = $1")
                .bind(cohort)
                .fetch_all(&db)
                .await?;
        let codes: Arc<Vec<String>> = Arc::new(codes.into_iter().map(|(c,)| c).collect());
        let url = server.as_ref().map(|s| s.url.clone()).unwrap_or_default();
        check_load(&url, codes, concurrency, Duration::from_secs(check_seconds)).await?;
    }
    if !args.contains_key("keep") {
        drop(server);
        db.close().await;
        database.drop_database().await;
    }
    Ok(())
}

/// C connections GETting check pages for `length`; prints requests/s and latency percentiles.
async fn check_load(
    base: &str,
    codes: Arc<Vec<String>>,
    concurrency: usize,
    length: Duration,
) -> anyhow::Result<()> {
    let authority = base
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();
    let stop = Arc::new(AtomicBool::new(false));
    let histogram = Arc::new(Mutex::new(Histogram::<u64>::new_with_bounds(
        1, 60_000_000, 3,
    )?));
    let outcomes: Arc<Mutex<HashMap<u16, u64>>> = Arc::default();
    let mut tasks = Vec::new();
    let started = Instant::now();
    for worker in 0..concurrency {
        let (authority, codes, stop, histogram, outcomes) = (
            authority.clone(),
            codes.clone(),
            stop.clone(),
            histogram.clone(),
            outcomes.clone(),
        );
        tasks.push(tokio::spawn(async move {
            let stream = tokio::net::TcpStream::connect(&authority).await?;
            stream.set_nodelay(true)?;
            let (mut sender, connection) =
                hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream)).await?;
            tokio::spawn(connection);
            let mut n: u64 = worker as u64 * 7919;
            let mut local = Histogram::<u64>::new_with_bounds(1, 60_000_000, 3)?;
            let mut statuses: HashMap<u16, u64> = HashMap::new();
            while !stop.load(Ordering::Relaxed) {
                n = n
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let code = &codes[(n >> 33) as usize % codes.len()];
                let address = format!(
                    "10.{}.{}.{}",
                    (n >> 8) & 255,
                    (n >> 16) & 255,
                    (n >> 24) & 255
                );
                let request = http::Request::get(format!("/sertifikat/{code}"))
                    .header(http::header::HOST, authority.as_str())
                    .header("x-forwarded-for", address)
                    .body(http_body_util::Empty::<bytes::Bytes>::new())?;
                let sent = Instant::now();
                sender.ready().await?;
                let response = sender.send_request(request).await?;
                let status = response.status().as_u16();
                let _ = http_body_util::BodyExt::collect(response.into_body()).await?;
                local.record(u64::try_from(sent.elapsed().as_micros()).unwrap_or(u64::MAX))?;
                *statuses.entry(status).or_default() += 1;
            }
            histogram
                .lock()
                .map_err(|_| anyhow::anyhow!("lock"))?
                .add(&local)?;
            let mut all = outcomes.lock().map_err(|_| anyhow::anyhow!("lock"))?;
            for (status, n) in statuses {
                *all.entry(status).or_default() += n;
            }
            Ok::<(), anyhow::Error>(())
        }));
    }
    tokio::time::sleep(length).await;
    stop.store(true, Ordering::Relaxed);
    for task in tasks {
        task.await??;
    }
    let secs = started.elapsed().as_secs_f64();
    let h = histogram.lock().map_err(|_| anyhow::anyhow!("lock"))?;
    let q = |q: f64| h.value_at_quantile(q) as f64 / 1000.0;
    println!(
        "check page: {} requests in {secs:.1} s = {:.0}/s with {concurrency} connections; \
         p50 {:.2} ms, p90 {:.2} ms, p99 {:.2} ms, max {:.1} ms; statuses {:?}",
        h.len(),
        h.len() as f64 / secs,
        q(0.5),
        q(0.9),
        q(0.99),
        h.max() as f64 / 1000.0,
        outcomes.lock().map_err(|_| anyhow::anyhow!("lock"))?
    );
    Ok(())
}
