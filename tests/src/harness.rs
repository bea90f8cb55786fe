//! A real Pamong server for one test: its own database, its own port, an HTTP client with a
//! cookie jar that sends the site's `Origin` like a browser does.

use app::model::{InstitutionId, Role, UserId};
use app::ssr::db::{now_unix, Backend, Db};
use app::ssr::{institutions, password, users};
use rand::Rng;
use reqwest::cookie::{CookieStore, Jar};
use reqwest::header::{HeaderMap, HeaderValue, ACCEPT, ORIGIN, REFERER};
use std::path::PathBuf;
use std::sync::Arc;
use tokio::sync::oneshot;

/// The database URL tests run against: `PAMONG_TEST_DATABASE_URL` (a `postgres://` URL selects
/// PostgreSQL), else a fresh SQLite file.
pub fn backend() -> Backend {
    std::env::var("PAMONG_TEST_DATABASE_URL")
        .map(|u| Backend::from_url(&u))
        .unwrap_or(Backend::Sqlite)
}

fn unique_name() -> String {
    let n: u64 = rand::thread_rng().gen();
    format!("pamong_t_{n:016x}")
}

/// A fresh, empty database, migrated: its URL, and a data directory for the server.
pub struct FreshDatabase {
    pub url: String,
    pub data_dir: PathBuf,
    postgres_name: Option<(String, String)>,
}

impl FreshDatabase {
    pub async fn create() -> anyhow::Result<FreshDatabase> {
        let name = unique_name();
        let data_dir = std::env::temp_dir().join(&name);
        std::fs::create_dir_all(&data_dir)?;
        match std::env::var("PAMONG_TEST_DATABASE_URL") {
            Ok(base) if Backend::from_url(&base) == Backend::Postgres => {
                sqlx::any::install_default_drivers();
                let admin = sqlx::AnyPool::connect(&base).await?;
                sqlx::query(&format!("create database {name}"))
                    .execute(&admin)
                    .await?;
                admin.close().await;
                let (prefix, _) = base
                    .rsplit_once('/')
                    .ok_or_else(|| anyhow::anyhow!("no database in {base}"))?;
                Ok(FreshDatabase {
                    url: format!("{prefix}/{name}"),
                    data_dir,
                    postgres_name: Some((base, name)),
                })
            }
            _ => Ok(FreshDatabase {
                url: format!("sqlite://{}", data_dir.join("pamong.db").display()),
                data_dir,
                postgres_name: None,
            }),
        }
    }

    /// Removes the database (PostgreSQL) and the data directory.
    pub async fn drop_database(&self) {
        if let Some((base, name)) = &self.postgres_name {
            if let Ok(admin) = sqlx::AnyPool::connect(base).await {
                let _ = sqlx::query(&format!("drop database if exists {name} with (force)"))
                    .execute(&admin)
                    .await;
                admin.close().await;
            }
        }
        let _ = std::fs::remove_dir_all(&self.data_dir);
    }
}

/// A running server and a browser-like client for it.
pub struct TestServer {
    pub url: String,
    pub db: Db,
    pub client: Client,
    /// The server's clock: tests move it forward to pass deadlines without waiting.
    pub clock: app::ssr::clock::Clock,
    /// The server's prepared quiz pools (what opening a quiz fills).
    pub quiz_pools: app::ssr::quizzes::attempts::QuizPools,
    /// The server's live hub (its streams and rendered frames).
    pub boards: app::ssr::boards::live::BoardHub,
    database: FreshDatabase,
    shutdown: Option<oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<anyhow::Result<()>>,
}

/// A second server process on a [`TestServer`]'s database.
pub struct SecondServer {
    pub url: String,
    db: Db,
    shutdown: oneshot::Sender<()>,
    task: tokio::task::JoinHandle<anyhow::Result<()>>,
}

impl SecondServer {
    /// A browser talking to this process, carrying the cookies of `client` (signed in on the
    /// first process).
    pub fn client_like(&self, client: &Client) -> Client {
        Client {
            base: self.url.clone(),
            http: client.http.clone(),
            jar: client.jar.clone(),
        }
    }

    /// Stops it and returns its connections (before the first server drops the database).
    pub async fn stop(self) {
        let _ = self.shutdown.send(());
        let _ = self.task.await;
        tokio::time::timeout(std::time::Duration::from_secs(30), self.db.close())
            .await
            .expect("the second server's connections returned within 30 s");
    }
}

/// Test server settings that differ from the defaults.
#[derive(Clone, Debug, Default)]
pub struct Options {
    pub sign_in_max_per_account: Option<i64>,
    pub sign_in_max_per_address: Option<i64>,
    pub sign_up_max_per_address: Option<i64>,
    /// Take the client address from `X-Forwarded-For`, as behind a proxy.
    pub trust_forwarded_for: bool,
    pub session_max_age_secs: Option<i64>,
    pub live_recheck_secs: Option<u64>,
    /// Changes any other setting of the server's configuration before it starts.
    pub configure: Option<fn(&mut server::config::Config)>,
    /// Sends e-mail to an SMTP server on this loopback port (plain text, no authentication),
    /// trying a failed message again after 1 s, then 2 s.
    pub smtp_port: Option<u16>,
}

/// The configuration of a test server on `database` with `options`.
fn test_config(database: &FreshDatabase, options: &Options) -> server::config::Config {
    let mut config = server::config::Config {
        listen: "127.0.0.1:0".parse().expect("address"),
        database_url: Some(server::config::Secret::new(database.url.clone())),
        data_dir: database.data_dir.clone(),
        shutdown_grace_secs: 2,
        ..server::config::Config::default()
    };
    if let Some(n) = options.sign_in_max_per_account {
        config.sign_in_max_per_account = n;
    }
    if let Some(n) = options.sign_in_max_per_address {
        config.sign_in_max_per_address = n;
    }
    if let Some(n) = options.sign_up_max_per_address {
        config.sign_up_max_per_address = n;
    }
    config.trust_forwarded_for = options.trust_forwarded_for;
    if let Some(n) = options.session_max_age_secs {
        config.session_max_age_secs = n;
    }
    if let Some(n) = options.live_recheck_secs {
        config.live_recheck_secs = n;
    }
    if let Some(port) = options.smtp_port {
        config.smtp_host = "127.0.0.1".to_string();
        config.smtp_port = Some(port);
        config.smtp_tls = app::ssr::mail::worker::SmtpTls::None;
        config.mail_from = "pamong@pamong.test".to_string();
        config.outbox_retry_first_secs = 1;
        config.outbox_retry_max_secs = 2;
    }
    if let Some(configure) = options.configure {
        configure(&mut config);
    }
    config
}

impl TestServer {
    /// Starts a server on 127.0.0.1:0 with a fresh database.
    pub async fn start() -> TestServer {
        Self::start_with(Options::default()).await
    }

    pub async fn start_with(options: Options) -> TestServer {
        let database = FreshDatabase::create().await.expect("fresh database");
        let config = test_config(&database, &options);
        let server = server::build(config).await.expect("server builds");
        let addr = server.local_addr().expect("address");
        let db = server.state.db.clone();
        let clock = server.state.clock.clone();
        let quiz_pools = server.state.quiz_pools.clone();
        let boards = server.state.boards.clone();
        let url = format!("http://{addr}");
        let (tx, rx) = oneshot::channel();
        let task = tokio::spawn(server.serve(async move {
            let _ = rx.await;
        }));
        TestServer {
            client: Client::new(&url),
            url,
            db,
            clock,
            quiz_pools,
            boards,
            database,
            shutdown: Some(tx),
            task,
        }
    }

    /// Stops this server (keeping its database) and starts it again with `options`, as a restart
    /// of the process does: everything not in the database is gone.
    pub async fn restart_with(&mut self, options: Options) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        let _ = (&mut self.task).await;
        self.db.close().await;
        let server = server::build(test_config(&self.database, &options))
            .await
            .expect("server builds again");
        self.url = format!("http://{}", server.local_addr().expect("address"));
        self.client = Client::new(&self.url);
        self.db = server.state.db.clone();
        self.clock = server.state.clock.clone();
        self.quiz_pools = server.state.quiz_pools.clone();
        self.boards = server.state.boards.clone();
        let (tx, rx) = oneshot::channel();
        self.task = tokio::spawn(server.serve(async move {
            let _ = rx.await;
        }));
        self.shutdown = Some(tx);
    }

    /// Another server process on the same database, configured with `options`.
    pub async fn second_process_with(&self, options: Options) -> SecondServer {
        let server = server::build(test_config(&self.database, &options))
            .await
            .expect("second server builds");
        let url = format!("http://{}", server.local_addr().expect("address"));
        let db = server.state.db.clone();
        let (tx, rx) = oneshot::channel();
        let task = tokio::spawn(server.serve(async move {
            let _ = rx.await;
        }));
        SecondServer {
            url,
            db,
            shutdown: tx,
            task,
        }
    }

    /// Another server process on the same database and data directory (so the same session
    /// cookies work on both), as a second node behind a load balancer would be.
    pub async fn second_process(&self) -> SecondServer {
        self.second_process_with(Options::default()).await
    }

    /// The server's data directory (uploads and keys live there).
    pub fn data_dir(&self) -> &std::path::Path {
        &self.database.data_dir
    }

    /// The URL of the server's database (for a second process or a command run beside it).
    pub fn database_url(&self) -> &str {
        &self.database.url
    }

    /// A second, independent browser.
    pub fn new_client(&self) -> Client {
        Client::new(&self.url)
    }

    /// Signals shutdown (what SIGTERM does in `main`) without waiting for it.
    pub fn begin_shutdown(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }

    /// Whether the server task has ended.
    pub fn is_stopped(&self) -> bool {
        self.task.is_finished()
    }

    /// Stops the server gracefully and removes its database.
    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        let _ = (&mut self.task).await;
        // Closing waits for every connection to come back: a leaked one is a bug, so say so.
        tokio::time::timeout(std::time::Duration::from_secs(30), self.db.close())
            .await
            .expect("every database connection returned to the pool within 30 s of shutdown");
        self.database.drop_database().await;
    }

    /// Creates an institution tree: agency → (district A → school A, district B → school B).
    pub async fn institutions(&self) -> Institutions {
        let now = now_unix();
        let agency = institutions::insert(
            &self.db,
            "BPSDM Uji",
            "province_agency",
            None,
            None,
            Some("33"),
            now,
        )
        .await
        .expect("agency");
        let district_a = institutions::insert(
            &self.db,
            "Dinas A",
            "district_office",
            Some(agency),
            None,
            Some("33.01"),
            now,
        )
        .await
        .expect("district");
        let district_b = institutions::insert(
            &self.db,
            "Dinas B",
            "district_office",
            Some(agency),
            None,
            Some("33.02"),
            now,
        )
        .await
        .expect("district");
        let school_a = institutions::insert(
            &self.db,
            "Sekolah A",
            "school",
            Some(district_a),
            Some("20300001"),
            None,
            now,
        )
        .await
        .expect("school");
        let school_b = institutions::insert(
            &self.db,
            "Sekolah B",
            "school",
            Some(district_b),
            Some("20300002"),
            None,
            now,
        )
        .await
        .expect("school");
        Institutions {
            agency,
            district_a,
            district_b,
            school_a,
            school_b,
        }
    }

    /// Creates an account directly in the database.
    pub async fn user(
        &self,
        role: Role,
        email: &str,
        password: &str,
        institution: Option<InstitutionId>,
    ) -> UserId {
        let hash = password::hash(password.to_string()).await.expect("hash");
        let new_user = users::NewUser {
            name: email.split('@').next().unwrap_or(email),
            email,
            password_hash: &hash,
            role,
            nip: None,
            institution_id: institution,
        };
        users::create(&self.db, new_user, now_unix())
            .await
            .expect("create user")
    }
}

/// The institutions `TestServer::institutions` creates.
#[derive(Clone, Copy, Debug)]
pub struct Institutions {
    pub agency: InstitutionId,
    pub district_a: InstitutionId,
    pub district_b: InstitutionId,
    pub school_a: InstitutionId,
    pub school_b: InstitutionId,
}

/// Longest a test waits for one response (debug build, loaded machine: far above the slowest).
pub const REQUEST_TIMEOUT_SECS: u64 = 120;

/// A browser-like client: keeps cookies, never follows redirects (tests look at them), and sends
/// the site's own `Origin` and `Referer` on posts.
#[derive(Clone)]
pub struct Client {
    pub base: String,
    pub http: reqwest::Client,
    pub jar: Arc<Jar>,
}

impl Client {
    pub fn new(base: &str) -> Client {
        let jar = Arc::new(Jar::default());
        let http = reqwest::Client::builder()
            .cookie_provider(jar.clone())
            .redirect(reqwest::redirect::Policy::none())
            // A request that hangs fails its test with the path in the message, instead of
            // holding the whole run until CI's time limit.
            .timeout(std::time::Duration::from_secs(REQUEST_TIMEOUT_SECS))
            .build()
            .expect("client");
        Client {
            base: base.to_string(),
            http,
            jar,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.http.get(self.url(path)).send().await.expect("GET")
    }

    /// The page's status and body.
    pub async fn page(&self, path: &str) -> (u16, String) {
        let response = self.get(path).await;
        let status = response.status().as_u16();
        (status, response.text().await.unwrap_or_default())
    }

    fn post_headers(&self, from_page: &str, accept: &'static str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(ORIGIN, HeaderValue::from_str(&self.base).expect("origin"));
        headers.insert(
            REFERER,
            HeaderValue::from_str(&self.url(from_page)).expect("referer"),
        );
        headers.insert(ACCEPT, HeaderValue::from_static(accept));
        headers
    }

    /// Posts a form as the hydrated client does (JSON answers).
    pub async fn call(&self, server_fn: &str, form: &[(&str, &str)]) -> reqwest::Response {
        self.http
            .post(self.url(&format!("/api/{server_fn}")))
            .headers(self.post_headers("/", "application/json"))
            .form(form)
            .send()
            .await
            .expect("POST")
    }

    /// Posts a form as a browser with JavaScript off does, from page `from_page`.
    pub async fn submit(
        &self,
        from_page: &str,
        server_fn: &str,
        form: &[(&str, &str)],
    ) -> reqwest::Response {
        self.http
            .post(self.url(&format!("/api/{server_fn}")))
            .headers(self.post_headers(from_page, "text/html,application/xhtml+xml"))
            .form(form)
            .send()
            .await
            .expect("POST")
    }

    /// Posts a urlencoded form to any path, from page `from_page`, accepting `accept`.
    pub async fn post_to(
        &self,
        path: &str,
        from_page: &str,
        accept: &'static str,
        form: &[(&str, &str)],
    ) -> reqwest::Response {
        self.http
            .post(self.url(path))
            .headers(self.post_headers(from_page, accept))
            .form(form)
            .send()
            .await
            .expect("POST")
    }

    /// Uploads one file as field `file` of a multipart form (as a browser with JavaScript off
    /// does), from page `from_page`.
    pub async fn upload(
        &self,
        path: &str,
        from_page: &str,
        file_name: &str,
        content_type: &str,
        bytes: Vec<u8>,
    ) -> reqwest::Response {
        let part = reqwest::multipart::Part::bytes(bytes)
            .file_name(file_name.to_string())
            .mime_str(content_type)
            .expect("content type");
        self.http
            .post(self.url(path))
            .headers(self.post_headers(from_page, "text/html,application/xhtml+xml"))
            .multipart(reqwest::multipart::Form::new().part("file", part))
            .send()
            .await
            .expect("POST upload")
    }

    /// Signs in through the real endpoint and returns the response.
    pub async fn sign_in(&self, email: &str, password: &str) -> reqwest::Response {
        self.call("sign_in", &[("email", email), ("password", password)])
            .await
    }

    /// The value of cookie `name` for this site.
    pub fn cookie(&self, name: &str) -> Option<String> {
        let url = self.base.parse().ok()?;
        let header = self.jar.cookies(&url)?;
        header
            .to_str()
            .ok()?
            .split(';')
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(key, _)| *key == name)
            .map(|(_, value)| value.to_string())
    }

    /// Sets a cookie for this site.
    pub fn set_cookie(&self, name: &str, value: &str) {
        if let Ok(url) = self.base.parse() {
            self.jar
                .add_cookie_str(&format!("{name}={value}; Path=/"), &url);
        }
    }
}

/// The `Location` header of a response.
pub fn location(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get(reqwest::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

/// The error body of a failed server-function call.
pub async fn error_of(response: reqwest::Response) -> app::model::AppError {
    let text = response.text().await.unwrap_or_default();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("not an AppError ({e}): {text}"))
}

/// Runs `n` requests made by `request(i)` at the same instant and returns their responses'
/// statuses and `Retry-After` values.
pub async fn all_at_once<F, Fut>(n: usize, request: F) -> Vec<(u16, Option<u64>)>
where
    F: Fn(usize) -> Fut,
    Fut: std::future::Future<Output = reqwest::Response> + Send + 'static,
{
    let barrier = Arc::new(tokio::sync::Barrier::new(n));
    let mut set = tokio::task::JoinSet::new();
    for i in 0..n {
        let barrier = barrier.clone();
        let response = request(i);
        set.spawn(async move {
            barrier.wait().await;
            let response = response.await;
            let retry = response
                .headers()
                .get("retry-after")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.parse().ok());
            (response.status().as_u16(), retry)
        });
    }
    let mut out = Vec::with_capacity(n);
    while let Some(result) = set.join_next().await {
        out.push(result.expect("task"));
    }
    out
}

/// The message in the error slot of `field` on `page` ("" when empty): what a browser with
/// JavaScript off shows next to the field after a refused post.
pub fn message_of(page: &str, field: &str) -> String {
    let slot = format!("data-error-for=\"{field}\"");
    let Some(at) = page.find(&slot) else {
        panic!("no error slot for {field}: {page}");
    };
    let rest = &page[at..];
    let start = rest.find('>').map(|i| i + 1).unwrap_or(0);
    let text = &rest[start..];
    text[..text.find('<').unwrap_or(text.len())].to_string()
}
