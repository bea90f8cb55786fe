//! Load generator for quiz attempts (issue #4) and live-session check-ins (issue #19), against a
//! running server seeded by `seed_quiz_bench` (whose `quiz_sessions.tsv` holds one signed session
//! cookie per participant).
//!
//!   quiz_load starts --base URL --sessions FILE --quiz ID [--users N] [--seconds D]
//!                    [--concurrency C] [--follow]
//!   quiz_load saves  --base URL --sessions FILE --quiz ID --db DATABASE_URL [--rate R]
//!                    [--seconds T] [--batch K] [--users N] [--concurrency C] [--retries M]
//!                    [--verify]
//!   quiz_load checkins --base URL --sessions FILE --quiz ID --db DATABASE_URL [--users N]
//!                    [--seconds D] [--concurrency C]
//!
//! `checkins`: adds a live session starting now to the quiz's cohort (in the database, as the
//! admin's form does), then N participants each POST `/api/check_in` once with the code the
//! host's screen shows at that moment, spread evenly over D seconds (default 60); afterwards the
//! attendance rows are counted: each participant must be present exactly once.
//!
//! `starts`: N participants (all by default) each POST `/peserta/kuis/{quiz}/mulai` once, spread
//! evenly over D seconds (default 60); with `--follow` each then GETs the attempt page it was sent
//! to (timed separately). `saves`: the participants with an open attempt of the quiz (read from
//! the database, with their questions and shuffled options) answer in turn through
//! `/peserta/upaya/{attempt}/jawab`, K answers per request (default 1), R answers per second in
//! all (default 2,100) for T seconds (default 60). Participant p answers its questions in order
//! and then changes them, with a rising sequence number per question, so every save is a real
//! change; with 10,000 participants at 2,100 answers/s each one answers about every 4.8 s, which
//! is a teacher's think time.
//!
//! Both modes are open-loop: request i is due at start + i / rate whether or not earlier ones have
//! finished (at most C in flight, default 256). Latency is reported twice: from the moment the
//! request was sent (service time) and from the moment it was due (which adds any wait for a free
//! slot, so a server that falls behind cannot hide it: no coordinated omission). Percentiles come
//! from an HdrHistogram in microseconds. Errors are counted by HTTP status or transport failure;
//! a save whose body does not acknowledge every answer is an error too.
//!
//! `--retries M` sends a save that got no answer, or a 502/503/504 (a proxy whose process died),
//! again on a fresh connection, up to M times, as the quiz page's own retry does (a save is
//! idempotent: its sequence number makes a repeat `stale`). `--verify` then reads every saved
//! answer of the run's attempts and counts the acknowledged ones the database does not hold (an
//! item whose stored sequence number is below the highest one acknowledged for it): a lost save.
//!
//! Saves go over keep-alive HTTP/1 connections driven by hyper directly (see [`Connections`]);
//! starts, far fewer, go through reqwest.

use hdrhistogram::Histogram;
use reqwest::header::{CONTENT_TYPE, COOKIE, LOCATION, ORIGIN};
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::Semaphore;

/// Command-line options as `--name value` pairs (and `--flag`s).
struct Args {
    mode: String,
    values: HashMap<String, String>,
}

impl Args {
    fn parse() -> anyhow::Result<Args> {
        let mut args = std::env::args().skip(1);
        let mode = args
            .next()
            .ok_or_else(|| anyhow::anyhow!("usage: quiz_load starts|saves --base URL …"))?;
        let mut values = HashMap::new();
        let rest: Vec<String> = args.collect();
        let mut i = 0;
        while i < rest.len() {
            let name = rest[i]
                .strip_prefix("--")
                .ok_or_else(|| anyhow::anyhow!("expected --option, got {}", rest[i]))?;
            match rest.get(i + 1).filter(|v| !v.starts_with("--")) {
                Some(value) => {
                    values.insert(name.to_string(), value.clone());
                    i += 2;
                }
                None => {
                    values.insert(name.to_string(), String::new());
                    i += 1;
                }
            }
        }
        Ok(Args { mode, values })
    }

    fn text(&self, name: &str) -> anyhow::Result<String> {
        self.values
            .get(name)
            .cloned()
            .ok_or_else(|| anyhow::anyhow!("--{name} is required"))
    }

    fn number<T: std::str::FromStr>(&self, name: &str, default: T) -> anyhow::Result<T>
    where
        T::Err: std::fmt::Display,
    {
        match self.values.get(name) {
            Some(v) => v.parse().map_err(|e| anyhow::anyhow!("--{name} {v}: {e}")),
            None => Ok(default),
        }
    }

    fn flag(&self, name: &str) -> bool {
        self.values.contains_key(name)
    }
}

/// `user id<TAB>cookie value` lines from `seed_quiz_bench`.
fn read_sessions(path: &str) -> anyhow::Result<Vec<(i64, String)>> {
    let text = std::fs::read_to_string(path)?;
    text.lines()
        .filter(|l| !l.is_empty())
        .map(|line| {
            let (user, cookie) = line
                .split_once('\t')
                .ok_or_else(|| anyhow::anyhow!("bad session line {line:?}"))?;
            Ok((user.parse()?, cookie.to_string()))
        })
        .collect()
}

fn histogram() -> Histogram<u64> {
    Histogram::new_with_bounds(1, 120_000_000, 3).expect("histogram bounds are valid")
}

/// What one run measured.
struct Stats {
    service: Histogram<u64>,
    scheduled: Histogram<u64>,
    follow: Histogram<u64>,
    outcomes: BTreeMap<String, u64>,
    ok_requests: u64,
    saved: u64,
    stale: u64,
    attempts: Vec<i64>,
    last_done: Option<Instant>,
    first_errors: Vec<String>,
}

impl Stats {
    fn new() -> Stats {
        Stats {
            service: histogram(),
            scheduled: histogram(),
            follow: histogram(),
            outcomes: BTreeMap::new(),
            ok_requests: 0,
            saved: 0,
            stale: 0,
            attempts: Vec::new(),
            last_done: None,
            first_errors: Vec::new(),
        }
    }

    fn outcome(&mut self, key: String, detail: Option<String>) {
        *self.outcomes.entry(key).or_default() += 1;
        if let Some(detail) = detail {
            if self.first_errors.len() < 5 {
                self.first_errors.push(detail);
            }
        }
    }

    fn errors(&self) -> u64 {
        self.outcomes
            .iter()
            .filter(|(k, _)| !k.starts_with("ok") && !k.starts_with("sent again"))
            .map(|(_, n)| n)
            .sum()
    }
}

fn micros(d: Duration) -> u64 {
    u64::try_from(d.as_micros()).unwrap_or(u64::MAX)
}

fn ms(h: &Histogram<u64>, q: f64) -> String {
    format!("{:.1} ms", h.value_at_quantile(q) as f64 / 1000.0)
}

fn percentiles(h: &Histogram<u64>) -> String {
    if h.is_empty() {
        return "(none)".to_string();
    }
    format!(
        "p50 {}, p90 {}, p99 {}, p99.9 {}, max {:.1} ms (n = {})",
        ms(h, 0.50),
        ms(h, 0.90),
        ms(h, 0.99),
        ms(h, 0.999),
        h.max() as f64 / 1000.0,
        h.len()
    )
}

fn transport_error(e: &reqwest::Error) -> String {
    if e.is_timeout() {
        "timeout".to_string()
    } else if e.is_connect() {
        "connect".to_string()
    } else {
        "transport".to_string()
    }
}

fn client(concurrency: usize) -> anyhow::Result<reqwest::Client> {
    Ok(reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(concurrency)
        .tcp_nodelay(true)
        .timeout(Duration::from_secs(30))
        .build()?)
}

/// Runs `total` requests open-loop at `rate` per second, at most `concurrency` in flight; `make`
/// turns request number i into a future that does it and records into the stats.
async fn run_open_loop<F, Fut>(
    total: u64,
    rate: f64,
    concurrency: usize,
    make: F,
) -> (Instant, Duration)
where
    F: Fn(u64, Instant) -> Fut,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    let slots = Arc::new(Semaphore::new(concurrency));
    let start = Instant::now();
    let mut sent = 0u64;
    let mut tasks = tokio::task::JoinSet::new();
    let mut max_behind = Duration::ZERO;
    while sent < total {
        let due_now = ((start.elapsed().as_secs_f64() * rate) as u64 + 1).min(total);
        while sent < due_now {
            let due = start + Duration::from_secs_f64(sent as f64 / rate);
            let permit = slots
                .clone()
                .acquire_owned()
                .await
                .expect("the semaphore is never closed");
            max_behind = max_behind.max(Instant::now().saturating_duration_since(due));
            let work = make(sent, due);
            tasks.spawn(async move {
                work.await;
                drop(permit);
            });
            sent += 1;
        }
        // Reap finished tasks so the set does not grow with the run.
        while tasks.try_join_next().is_some() {}
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    while tasks.join_next().await.is_some() {}
    (start, max_behind)
}

async fn starts(args: &Args) -> anyhow::Result<()> {
    let base = args.text("base")?;
    let quiz: i64 = args.text("quiz")?.parse()?;
    let sessions = read_sessions(&args.text("sessions")?)?;
    let users = args.number("users", sessions.len())?.min(sessions.len());
    let seconds: f64 = args.number("seconds", 60.0)?;
    let concurrency: usize = args.number("concurrency", 256)?;
    let follow = args.flag("follow");
    let http = client(concurrency)?;
    let stats = Arc::new(Mutex::new(Stats::new()));
    let sessions = Arc::new(sessions);
    let rate = users as f64 / seconds;
    println!(
        "starts: {users} participants POST /peserta/kuis/{quiz}/mulai over {seconds} s \
         ({rate:.1}/s), at most {concurrency} in flight{}",
        if follow {
            ", then GET the attempt page"
        } else {
            ""
        }
    );
    let url = format!("{base}/peserta/kuis/{quiz}/mulai");
    let (start, behind) = run_open_loop(users as u64, rate, concurrency, |i, due| {
        let http = http.clone();
        let stats = stats.clone();
        let sessions = sessions.clone();
        let url = url.clone();
        let base = base.clone();
        async move {
            let cookie = format!("pamong_session={}", sessions[i as usize].1);
            let sent = Instant::now();
            let response = http
                .post(&url)
                .header(COOKIE, &cookie)
                .header(ORIGIN, &base)
                .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body("")
                .send()
                .await;
            let done = Instant::now();
            let location = match response {
                Ok(r) => {
                    let status = r.status().as_u16();
                    let location = r
                        .headers()
                        .get(LOCATION)
                        .and_then(|v| v.to_str().ok())
                        .map(str::to_string);
                    let body = r.text().await.unwrap_or_default();
                    let attempt = location
                        .as_deref()
                        .and_then(|l| l.strip_prefix("/peserta/upaya/"))
                        .and_then(|id| id.parse::<i64>().ok());
                    let mut s = stats.lock().expect("stats lock");
                    s.service.saturating_record(micros(done - sent));
                    s.scheduled.saturating_record(micros(done - due));
                    s.last_done = Some(Instant::now());
                    match (status, attempt) {
                        (303, Some(id)) => {
                            s.ok_requests += 1;
                            s.attempts.push(id);
                            s.outcome("ok 303".to_string(), None);
                            location
                        }
                        _ => {
                            let snippet: String = body.chars().take(200).collect();
                            s.outcome(
                                format!("HTTP {status}"),
                                Some(format!("{status} {location:?} {snippet}")),
                            );
                            None
                        }
                    }
                }
                Err(e) => {
                    let mut s = stats.lock().expect("stats lock");
                    s.outcome(transport_error(&e), Some(e.to_string()));
                    None
                }
            };
            if let (true, Some(location)) = (follow, location) {
                let sent = Instant::now();
                let page = http
                    .get(format!("{base}{location}"))
                    .header(COOKIE, &cookie)
                    .send()
                    .await;
                let outcome = match page {
                    Ok(r) if r.status().is_success() => {
                        let _ = r.bytes().await;
                        None
                    }
                    Ok(r) => Some(format!("page HTTP {}", r.status().as_u16())),
                    Err(e) => Some(format!("page {}", transport_error(&e))),
                };
                let mut s = stats.lock().expect("stats lock");
                s.follow.saturating_record(micros(sent.elapsed()));
                if let Some(key) = outcome {
                    s.outcome(key, None);
                }
            }
        }
    })
    .await;
    let s = stats.lock().expect("stats lock");
    let wall = s.last_done.map(|t| t - start).unwrap_or_default();
    let mut distinct = s.attempts.clone();
    distinct.sort_unstable();
    distinct.dedup();
    println!(
        "starts: {} of {users} answered 303 with an attempt ({} distinct attempts) in {:.1} s; \
         errors: {}",
        s.ok_requests,
        distinct.len(),
        wall.as_secs_f64(),
        s.errors()
    );
    println!("latency (service):       {}", percentiles(&s.service));
    println!("latency (from schedule): {}", percentiles(&s.scheduled));
    if follow {
        println!("attempt page GET:        {}", percentiles(&s.follow));
    }
    println!(
        "outcomes: {:?}; dispatch fell behind schedule by at most {:.1} ms",
        s.outcomes,
        behind.as_secs_f64() * 1000.0
    );
    for e in &s.first_errors {
        println!("  e.g. {e}");
    }
    Ok(())
}

async fn checkins(args: &Args) -> anyhow::Result<()> {
    use app::model::codes::SessionMode;
    use app::ssr::sessions::{codes, schedule};
    let base = args.text("base")?;
    let quiz: i64 = args.text("quiz")?.parse()?;
    let db = server::db::connect(&args.text("db")?).await?;
    let sessions = read_sessions(&args.text("sessions")?)?;
    let users = args.number("users", sessions.len())?.min(sessions.len());
    let seconds: f64 = args.number("seconds", 60.0)?;
    let concurrency: usize = args.number("concurrency", 256)?;
    let (cohort,): (i64,) = sqlx::query_as("select cohort_id from quiz where id = $1")
        .bind(quiz)
        .fetch_one(&db)
        .await?;
    let now = app::ssr::db::now_unix();
    let session = schedule::add(
        &db,
        cohort,
        &schedule::NewSession {
            title: "Sesi beban".into(),
            starts_at: now,
            duration_minutes: 90,
            mode: SessionMode::Online,
            meeting_url: Some("https://meet.example.id/beban".into()),
            venue: None,
            city: None,
            jp: 2,
            host_user_id: None,
            host_name: None,
        },
        now,
    )
    .await?;
    let (secret,): (String,) =
        sqlx::query_as("select checkin_secret from live_session where id = $1")
            .bind(session)
            .fetch_one(&db)
            .await?;
    let http = client(concurrency)?;
    let stats = Arc::new(Mutex::new(Stats::new()));
    let sessions = Arc::new(sessions);
    let secret = Arc::new(secret);
    let rate = users as f64 / seconds;
    println!(
        "checkins: {users} participants POST /api/check_in to session {session} over {seconds} s \
         ({rate:.1}/s), at most {concurrency} in flight"
    );
    let url = format!("{base}/api/check_in");
    let (start, behind) = run_open_loop(users as u64, rate, concurrency, |i, due| {
        let (http, stats, sessions, secret) = (
            http.clone(),
            stats.clone(),
            sessions.clone(),
            secret.clone(),
        );
        let (url, base) = (url.clone(), base.clone());
        async move {
            let cookie = format!("pamong_session={}", sessions[i as usize].1);
            // The code on the host's screen at this moment, as the teacher types it.
            let (code, _) = codes::current(&secret, session, app::ssr::db::now_unix());
            let sent = Instant::now();
            let response = http
                .post(&url)
                .header(COOKIE, &cookie)
                .header(ORIGIN, &base)
                .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(format!("session_id={session}&code={code}"))
                .send()
                .await;
            let done = Instant::now();
            {
                let mut s = stats.lock().expect("stats lock");
                s.service.saturating_record(micros(done - sent));
                s.scheduled.saturating_record(micros(done - due));
                s.last_done = Some(Instant::now());
            }
            match response {
                Ok(r) => {
                    let status = r.status().as_u16();
                    let body = r.text().await.unwrap_or_default();
                    let mut s = stats.lock().expect("stats lock");
                    if status == 200 {
                        s.ok_requests += 1;
                        s.outcome("ok 200".to_string(), None);
                    } else {
                        let snippet: String = body.chars().take(200).collect();
                        s.outcome(
                            format!("HTTP {status}"),
                            Some(format!("{status} {snippet}")),
                        );
                    }
                }
                Err(e) => {
                    let mut s = stats.lock().expect("stats lock");
                    s.outcome(transport_error(&e), Some(e.to_string()));
                }
            }
        }
    })
    .await;
    let (present, rows): (i64, i64) = sqlx::query_as(
        "select count(distinct user_id), count(*) from attendance \
         where session_id = $1 and status = 'present'",
    )
    .bind(session)
    .fetch_one(&db)
    .await?;
    let s = stats.lock().expect("stats lock");
    let wall = s.last_done.map(|t| t - start).unwrap_or_default();
    println!(
        "checkins: {} of {users} answered 200 in {:.1} s; errors: {}; attendance: {present} \
         present ({rows} rows)",
        s.ok_requests,
        wall.as_secs_f64(),
        s.errors()
    );
    println!("latency (service):       {}", percentiles(&s.service));
    println!("latency (from schedule): {}", percentiles(&s.scheduled));
    println!(
        "outcomes: {:?}; dispatch fell behind schedule by at most {:.1} ms",
        s.outcomes,
        behind.as_secs_f64() * 1000.0
    );
    for e in &s.first_errors {
        println!("  e.g. {e}");
    }
    Ok(())
}

/// Where one participant's saves go: the request path and headers, built once.
struct Target {
    path: http::Uri,
    cookie: http::HeaderValue,
}

impl Target {
    fn new(attempt_id: i64, cookie: &str) -> anyhow::Result<Target> {
        Ok(Target {
            path: http::Uri::try_from(format!("/peserta/upaya/{attempt_id}/jawab"))?,
            cookie: http::HeaderValue::from_str(cookie)?,
        })
    }
}

/// Why a save got no HTTP answer.
struct TransportError {
    kind: &'static str,
    detail: String,
}

impl TransportError {
    fn new(kind: &'static str, detail: impl ToString) -> TransportError {
        TransportError {
            kind,
            detail: detail.to_string(),
        }
    }
}

/// Keep-alive HTTP/1 connections to the server, straight on hyper: the saves stage sends up to
/// 10,000 requests a second from the same 2 cores the server runs on, and reqwest's per-request
/// work (URL parsing, its pool, redirect and timeout layers) took as much CPU as the server spent
/// on the saves. A request takes an idle connection (or opens one; the caller's semaphore caps
/// how many exist) and gives it back when its answer has been read.
struct Connections {
    addr: String,
    host: http::HeaderValue,
    origin: http::HeaderValue,
    idle: Mutex<Vec<hyper::client::conn::http1::SendRequest<http_body_util::Full<bytes::Bytes>>>>,
}

impl Connections {
    fn new(base: &str) -> anyhow::Result<Connections> {
        let authority = base
            .strip_prefix("http://")
            .ok_or_else(|| anyhow::anyhow!("the saves stage speaks plain http: {base}"))?
            .trim_end_matches('/');
        Ok(Connections {
            addr: authority.to_string(),
            host: http::HeaderValue::from_str(authority)?,
            origin: http::HeaderValue::from_str(base.trim_end_matches('/'))?,
            idle: Mutex::new(Vec::new()),
        })
    }

    async fn connect(
        &self,
    ) -> Result<
        hyper::client::conn::http1::SendRequest<http_body_util::Full<bytes::Bytes>>,
        TransportError,
    > {
        let stream = tokio::net::TcpStream::connect(&self.addr)
            .await
            .map_err(|e| TransportError::new("connect", e))?;
        stream
            .set_nodelay(true)
            .map_err(|e| TransportError::new("connect", e))?;
        let (sender, connection) =
            hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream))
                .await
                .map_err(|e| TransportError::new("connect", e))?;
        tokio::spawn(connection);
        Ok(sender)
    }

    /// POSTs `form` to `target` and reads the whole answer (30 s at most).
    async fn post_form(
        &self,
        target: &Target,
        form: String,
    ) -> Result<(u16, String), TransportError> {
        // A kept connection the server has closed since (nginx ends a connection after its
        // `keepalive_requests`, 1,000 by default) is dropped before anything is sent on it, and
        // another taken, as a browser's pool does.
        let pooled = loop {
            let Some(mut sender) = self.idle.lock().expect("idle connections").pop() else {
                break None;
            };
            if !sender.is_closed() && sender.ready().await.is_ok() {
                break Some(sender);
            }
        };
        let mut sender = match pooled {
            Some(sender) => sender,
            None => self.connect().await?,
        };
        let request = http::Request::post(target.path.clone())
            .header(http::header::HOST, self.host.clone())
            .header(COOKIE, target.cookie.clone())
            .header(ORIGIN, self.origin.clone())
            .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(http_body_util::Full::new(bytes::Bytes::from(form)))
            .map_err(|e| TransportError::new("transport", e))?;
        let exchange = async {
            sender.ready().await?;
            let response = sender.send_request(request).await?;
            let status = response.status().as_u16();
            // The answer that announces the connection's end: it is not kept.
            let closing = response
                .headers()
                .get(http::header::CONNECTION)
                .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"close"));
            let body = http_body_util::BodyExt::collect(response.into_body())
                .await?
                .to_bytes();
            Ok::<_, hyper::Error>((status, String::from_utf8_lossy(&body).into_owned(), closing))
        };
        match tokio::time::timeout(Duration::from_secs(30), exchange).await {
            Ok(Ok((status, body, closing))) => {
                if !closing {
                    self.idle.lock().expect("idle connections").push(sender);
                }
                Ok((status, body))
            }
            Ok(Err(e)) => Err(TransportError::new("transport", e)),
            Err(_) => Err(TransportError::new("timeout", "no answer in 30 s")),
        }
    }
}

/// A participant's open attempt: where its saves go and its questions in the attempt's order.
struct Attempt {
    id: i64,
    target: Target,
    items: Vec<Item>,
}

struct Item {
    question_id: i64,
    kind: String,
    options: Vec<String>,
}

impl Item {
    /// The k-th answer given to this question by participant p.
    fn answer(&self, p: usize, k: u64) -> String {
        let n = self.options.len().max(1);
        let pick = |j: u64| {
            self.options
                .get((j as usize + p) % n)
                .cloned()
                .unwrap_or_default()
        };
        match self.kind.as_str() {
            "multiple" => format!("{},{}", pick(k), pick(k + 1)),
            "short" if k.is_multiple_of(2) => "HOTS".to_string(),
            "short" => format!("berpikir tingkat tinggi {k}"),
            _ => pick(k),
        }
    }
}

async fn load_attempts(
    db_url: &str,
    quiz: i64,
    sessions: &[(i64, String)],
) -> anyhow::Result<(Vec<Attempt>, i64)> {
    sqlx::any::install_default_drivers();
    let db = sqlx::any::AnyPoolOptions::new()
        .max_connections(1)
        .connect(db_url)
        .await?;
    let cookies: HashMap<i64, &String> = sessions.iter().map(|(u, c)| (*u, c)).collect();
    let attempts: Vec<(i64, i64)> = sqlx::query_as(
        "select id, user_id from quiz_attempt where quiz_id = $1 and finished_at is null order by id",
    )
    .bind(quiz)
    .fetch_all(&db)
    .await?;
    let items: Vec<(i64, i64, String, String)> = sqlx::query_as(
        "select ai.attempt_id, ai.question_id, ai.option_order, q.kind from attempt_item ai \
         join quiz_attempt a on a.id = ai.attempt_id join question q on q.id = ai.question_id \
         where a.quiz_id = $1 and a.finished_at is null order by ai.attempt_id, ai.position",
    )
    .bind(quiz)
    .fetch_all(&db)
    .await?;
    let (max_seq,): (Option<i64>,) = sqlx::query_as(
        "select max(ai.seq) from attempt_item ai join quiz_attempt a on a.id = ai.attempt_id \
         where a.quiz_id = $1",
    )
    .bind(quiz)
    .fetch_one(&db)
    .await?;
    db.close().await;
    let mut by_attempt: HashMap<i64, Vec<Item>> = HashMap::new();
    for (attempt, question_id, order, kind) in items {
        by_attempt.entry(attempt).or_default().push(Item {
            question_id,
            kind,
            options: order
                .split(',')
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect(),
        });
    }
    let mut open = Vec::with_capacity(attempts.len());
    for (id, user) in attempts {
        let (Some(cookie), Some(items)) = (cookies.get(&user), by_attempt.remove(&id)) else {
            continue;
        };
        if !items.is_empty() {
            open.push(Attempt {
                id,
                target: Target::new(id, &format!("pamong_session={cookie}"))?,
                items,
            });
        }
    }
    Ok((open, max_seq.unwrap_or(0)))
}

async fn saves(args: &Args) -> anyhow::Result<()> {
    let base = args.text("base")?;
    let quiz: i64 = args.text("quiz")?.parse()?;
    let sessions = read_sessions(&args.text("sessions")?)?;
    let (mut attempts, max_seq) = load_attempts(&args.text("db")?, quiz, &sessions).await?;
    let users = args.number("users", attempts.len())?;
    attempts.truncate(users);
    anyhow::ensure!(
        !attempts.is_empty(),
        "no open attempt of quiz {quiz} with a session: run `starts` first"
    );
    let rate: f64 = args.number("rate", 2100.0)?;
    let seconds: f64 = args.number("seconds", 60.0)?;
    let batch: u64 = args.number("batch", 1)?;
    let concurrency: usize = args.number("concurrency", 256)?;
    let retries: u32 = args.number("retries", 0)?;
    let verify = args.flag("verify");
    let requests = ((rate * seconds) as u64).div_ceil(batch.max(1));
    let request_rate = rate / batch as f64;
    let base_seq = max_seq + 1;
    let participants = attempts.len();
    println!(
        "saves: {participants} open attempts, {rate} answers/s ({request_rate:.0} requests/s of \
         {batch}) for {seconds} s = {} answers; at most {concurrency} in flight; seqs from {base_seq}",
        requests * batch
    );
    let http = Arc::new(Connections::new(&base)?);
    let stats = Arc::new(Mutex::new(Stats::new()));
    let attempts = Arc::new(attempts);
    // The highest sequence number acknowledged per (attempt, question), for `--verify`.
    let acked: Arc<Mutex<HashMap<(i64, i64), i64>>> = Arc::new(Mutex::new(HashMap::new()));
    let (start, behind) = run_open_loop(requests, request_rate, concurrency, |i, due| {
        let http = http.clone();
        let stats = stats.clone();
        let attempts = attempts.clone();
        let acked = acked.clone();
        async move {
            let p = (i % participants as u64) as usize;
            let round = i / participants as u64;
            let attempt = &attempts[p];
            let count = attempt.items.len() as u64;
            let mut sent_items = Vec::with_capacity(batch as usize);
            let body = {
                let mut form =
                    form_urlencoded::Serializer::new(String::with_capacity(64 * batch as usize));
                for j in 0..batch {
                    let m = round * batch + j;
                    let item = &attempt.items[(m % count) as usize];
                    let k = m / count;
                    let seq = base_seq + k as i64;
                    sent_items.push((item.question_id, seq));
                    form.append_pair(
                        "a",
                        &format!("{}:{seq}:{}", item.question_id, item.answer(p, k)),
                    );
                }
                form.finish()
            };
            let form_len = batch as usize;
            let sent = Instant::now();
            let mut tries = 0;
            let (status, body) = loop {
                let answer = http.post_form(&attempt.target, body.clone()).await;
                let again = match &answer {
                    Err(_) => true,
                    Ok((status, _)) => matches!(status, 502..=504),
                };
                if again && tries < retries {
                    tries += 1;
                    tokio::time::sleep(Duration::from_millis(100 * u64::from(tries))).await;
                    continue;
                }
                break match answer {
                    Ok((status, body)) => (Ok(status), body),
                    Err(e) => (Err(e), String::new()),
                };
            };
            let done = Instant::now();
            if verify && status.as_ref().is_ok_and(|s| *s == 200) {
                let mut acked = acked.lock().expect("acknowledged");
                for (question, seq) in &sent_items {
                    let highest = acked.entry((attempt.id, *question)).or_insert(0);
                    *highest = (*highest).max(*seq);
                }
            }
            let mut s = stats.lock().expect("stats lock");
            if tries > 0 {
                s.outcome(format!("sent again ({tries} tries)"), None);
            }
            s.last_done = Some(done);
            match status {
                Ok(200) => {
                    s.service.saturating_record(micros(done - sent));
                    s.scheduled.saturating_record(micros(done - due));
                    let lines: Vec<&str> = body.lines().collect();
                    let saved = lines.iter().filter(|l| l.ends_with(":saved")).count();
                    let stale = lines.iter().filter(|l| l.ends_with(":stale")).count();
                    if saved + stale == form_len && lines.len() == form_len {
                        s.ok_requests += 1;
                        s.saved += saved as u64;
                        s.stale += stale as u64;
                        s.outcome("ok 200".to_string(), None);
                    } else {
                        let snippet: String = body.chars().take(200).collect();
                        s.outcome(
                            "200 without every acknowledgement".to_string(),
                            Some(snippet),
                        );
                    }
                }
                Ok(status) => {
                    s.service.saturating_record(micros(done - sent));
                    s.scheduled.saturating_record(micros(done - due));
                    let snippet: String = body.chars().take(200).collect();
                    s.outcome(
                        format!("HTTP {status}"),
                        Some(format!("{status} {snippet}")),
                    );
                }
                Err(e) => s.outcome(e.kind.to_string(), Some(e.detail)),
            }
        }
    })
    .await;
    report_saves(&stats.lock().expect("stats lock"), start, behind, rate);
    if verify {
        let acked = acked.lock().expect("acknowledged").clone();
        let lost = lost_saves(&args.text("db")?, &acked).await?;
        println!(
            "verify: {} acknowledged answers (the newest per question) checked against the \
             database; lost: {lost}",
            acked.len()
        );
    }
    Ok(())
}

/// Prints what the saves stage achieved.
fn report_saves(s: &Stats, start: Instant, behind: Duration, rate: f64) {
    let wall = s.last_done.map(|t| t - start).unwrap_or_default();
    let acknowledged = s.saved + s.stale;
    println!(
        "saves: {acknowledged} answers acknowledged ({} saved, {} stale) in {} requests over \
         {:.2} s = {:.0} answers/s achieved (target {rate}/s); errors: {}",
        s.saved,
        s.stale,
        s.ok_requests,
        wall.as_secs_f64(),
        acknowledged as f64 / wall.as_secs_f64().max(1e-9),
        s.errors()
    );
    println!("latency (service):       {}", percentiles(&s.service));
    println!("latency (from schedule): {}", percentiles(&s.scheduled));
    println!(
        "outcomes: {:?}; dispatch fell behind schedule by at most {:.1} ms",
        s.outcomes,
        behind.as_secs_f64() * 1000.0
    );
    for e in &s.first_errors {
        println!("  e.g. {e}");
    }
}

/// How many of the `acked` answers ((attempt, question) → highest acknowledged sequence number)
/// the database does not hold: their stored sequence number is lower, or the item is missing.
async fn lost_saves(db_url: &str, acked: &HashMap<(i64, i64), i64>) -> anyhow::Result<usize> {
    sqlx::any::install_default_drivers();
    let db = sqlx::any::AnyPoolOptions::new()
        .max_connections(1)
        .connect(db_url)
        .await?;
    let mut attempts: Vec<i64> = acked.keys().map(|(a, _)| *a).collect();
    attempts.sort_unstable();
    attempts.dedup();
    let mut stored: HashMap<(i64, i64), i64> = HashMap::with_capacity(acked.len());
    for chunk in attempts.chunks(500) {
        let list = chunk
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(",");
        let rows: Vec<(i64, i64, i64)> = sqlx::query_as(&format!(
            "select attempt_id, question_id, seq from attempt_item where attempt_id in ({list})"
        ))
        .fetch_all(&db)
        .await?;
        for (attempt, question, seq) in rows {
            stored.insert((attempt, question), seq);
        }
    }
    db.close().await;
    Ok(acked
        .iter()
        .filter(|(key, seq)| stored.get(key).is_none_or(|s| s < seq))
        .count())
}

/// mimalloc, as the server uses: the load generator allocates per request from several threads.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse()?;
    match args.mode.as_str() {
        "starts" => starts(&args).await,
        "saves" => saves(&args).await,
        "checkins" => checkins(&args).await,
        other => anyhow::bail!("unknown mode {other}: starts, saves or checkins"),
    }
}
