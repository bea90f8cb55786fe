//! Pamong's server: configuration, database, sessions, middleware, the router that gathers each
//! feature's routes (`app::ssr::*::http`) and starts its background tasks, the demo data, and
//! start-up, as a library so that tests can start a real server on port 0.

pub mod assets;
pub mod commands;
pub mod config;
pub mod db;
pub mod demo;
pub mod handlers;
pub mod metrics;
pub mod middleware;
pub mod ops;
pub mod session_store;
pub mod wasm_preload;

use anyhow::Context;
use app::ssr::boards::http as board_http;
use app::ssr::db::Backend;
use app::ssr::imports::http as imports;
use app::ssr::imports::worker as import_worker;
use app::ssr::quizzes::http as quiz_http;
use app::ssr::quizzes::writer::WriterDatabase;
use app::ssr::{AppState, AppStateParts};
use app::App;
use axum::routing::{get, post};
use axum::Router;
use config::Config;
use leptos::config::LeptosOptions;
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use session_store::DbSessionStore;
use std::net::SocketAddr;
use std::sync::{Arc, OnceLock};
use std::time::Duration;
use tokio::net::TcpListener;
use tower_http::compression::predicate::{DefaultPredicate, NotForContentType, Predicate};
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::services::ServeDir;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tower_sessions::cookie::{Key, SameSite};
use tower_sessions::session_store::ExpiredDeletion;
use tower_sessions::{Expiry, SessionManagerLayer};

/// Name of the session cookie.
pub const SESSION_COOKIE: &str = "pamong_session";

/// The files of `dir` (with their precompressed `.br` and `.gz` beside them) answered with
/// `Cache-Control: cache_control`.
fn cached(
    dir: &str,
    cache_control: &'static str,
) -> tower_http::set_header::SetResponseHeader<ServeDir, http::HeaderValue> {
    tower_http::set_header::SetResponseHeader::overriding(
        ServeDir::new(dir).precompressed_br().precompressed_gzip(),
        http::header::CACHE_CONTROL,
        http::HeaderValue::from_static(cache_control),
    )
}

/// The Leptos options: from cargo-leptos's environment when it runs us, else defaults that match
/// `Cargo.toml`'s `[[workspace.metadata.leptos]]`.
pub fn leptos_options() -> LeptosOptions {
    if std::env::var("LEPTOS_OUTPUT_NAME").is_ok() {
        if let Ok(conf) = leptos::config::get_configuration(None) {
            return conf.leptos_options;
        }
    }
    let site_root = std::env::var("LEPTOS_SITE_ROOT").unwrap_or_else(|_| "target/site".to_string());
    LeptosOptions::builder()
        .output_name("pamong")
        .site_root(site_root)
        .site_pkg_dir("pkg")
        .build()
}

/// The key that signs session cookies: the configured secret, or one generated once and kept in
/// the data directory so that sessions survive a restart.
fn session_key(config: &Config) -> anyhow::Result<Key> {
    if let Some(secret) = config
        .session_secret
        .as_ref()
        .filter(|s| !s.expose().is_empty())
    {
        anyhow::ensure!(
            secret.expose().len() >= 32,
            "session_secret must be at least 32 bytes"
        );
        return Ok(Key::derive_from(secret.expose().as_bytes()));
    }
    let path = config.data_dir.join("session.key");
    if let Ok(bytes) = std::fs::read(&path) {
        if bytes.len() >= 64 {
            return Ok(Key::from(&bytes));
        }
    }
    let key = Key::generate();
    std::fs::create_dir_all(&config.data_dir)
        .with_context(|| format!("creating {}", config.data_dir.display()))?;
    std::fs::write(&path, key.master()).with_context(|| format!("writing {}", path.display()))?;
    Ok(key)
}

/// A server ready to accept connections.
pub struct Server {
    pub listener: TcpListener,
    pub router: Router,
    pub state: AppState,
    pub grace: Duration,
    /// On SQLite, the shared lock on `<database>.lock` that keeps a restore out while serving.
    pub database_lock: Option<ops::DatabaseLock>,
}

impl Server {
    /// The address the server listens on (with the real port when configured with port 0).
    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Serves until `shutdown` completes, then lets requests in flight finish (up to the grace period).
    pub async fn serve(
        self,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let Server {
            listener,
            router,
            grace,
            database_lock: _held_until_served,
            ..
        } = self;
        let (stopping_tx, stopping_rx) = tokio::sync::oneshot::channel::<()>();
        let signal = async move {
            shutdown.await;
            tracing::info!("shutting down: finishing requests in flight");
            let _ = stopping_tx.send(());
        };
        let serve = axum::serve(
            listener,
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(signal);
        let serving = tokio::spawn(async move { serve.await });
        let mut serving = serving;
        tokio::select! {
            result = &mut serving => { result??; }
            _ = async { let _ = stopping_rx.await; tokio::time::sleep(grace).await; } => {
                tracing::warn!("grace period over: closing remaining connections");
                serving.abort();
            }
        }
        Ok(())
    }
}

/// The app's routes, generated once per process.
///
/// Generating them renders the app with resource loading switched off through a process-wide flag
/// in leptos_server: a resource first polled by a page render on another thread while that flag
/// is up waits forever (leptos-rs/leptos#4773). A deployed process builds one server before it
/// serves, but the tests start many servers in one process while others serve pages, and about
/// one test run in a hundred had a page that never answered. Generating once, before any server
/// of the process exists, closes that window.
fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// Connects the database, seeds demo data if asked, and builds the router.
pub async fn build(config: Config) -> anyhow::Result<Server> {
    let database_url = config.database_url();
    let database_lock = match db::sqlite_path(&database_url) {
        Some(path) => Some(ops::DatabaseLock::shared(&path)?),
        None => None,
    };
    let db = db::connect(&database_url).await?;
    // Uploaded and generated files: a directory every process shares.
    let storage = app::ssr::storage::Storage::shared_directory(&config.data_dir);
    if config.demo_data {
        demo::seed_demo(
            &db,
            config
                .demo_password
                .as_ref()
                .map(|s| s.expose().to_string()),
        )
        .await?;
        // Its files live in the data directory, which the accounts' seed does not know.
        demo::materials::seed_materials(&db, &storage).await?;
        // The agency's certificate template and the program's code (certificates are issued
        // once completion decisions exist: `demo::certificates::issue_passed`).
        demo::certificates::seed_template(&db).await?;
    }
    let mut leptos_options = leptos_options();
    let asset_version = assets::version_package(&mut leptos_options);
    // Bound before the settings are made: the links in e-mail default to the real address.
    let listener = listen(config.listen).with_context(|| format!("binding {}", config.listen))?;
    let settings = config.app_settings(listener.local_addr()?);
    app::ssr::mail::template::set_public_url(&settings.public_url);
    if config.demo_data {
        // The demo's passed participants get their certificates, whose QR codes need the address.
        demo::certificates::issue_passed(&db, &storage, &settings.public_url).await?;
    }
    app::ssr::activation::set_lifetime_days(config.activation_code_days);
    let backend = Backend::from_url(&database_url);
    let answer_database = match backend {
        Backend::Sqlite => WriterDatabase::Sqlite(
            db::sqlite_path(&database_url)
                .context("the answer writer needs a SQLite database file, not one in memory")?,
        ),
        Backend::Postgres => WriterDatabase::Postgres(db.clone()),
    };
    let metrics_allow: Vec<String> = config
        .metrics_allow
        .split(',')
        .map(str::trim)
        .filter(|entry| !entry.is_empty())
        .map(str::to_string)
        .collect();
    let answer_groups = prometheus_client::metrics::histogram::Histogram::new(
        prometheus_client::metrics::histogram::exponential_buckets(1.0, 2.0, 12),
    );
    let metrics = Arc::new(metrics::Metrics::new(
        metrics::parse_allow(&metrics_allow)?,
        config.trust_forwarded_for,
        answer_groups.clone(),
    ));
    let state = AppState::new(AppStateParts {
        db: db.clone(),
        settings: Arc::new(settings),
        leptos_options,
        clock: app::ssr::clock::Clock::default(),
        answers: app::ssr::quizzes::writer::AnswerWriter::start_observed(
            answer_database,
            Box::new(move |saves| answer_groups.observe(saves as f64)),
        ),
        quiz_pools: Default::default(),
        boards: app::ssr::boards::live::BoardHub::new(db.clone(), backend),
        dashboards: Default::default(),
        tasks: Default::default(),
        roster: Default::default(),
        storage: storage.clone(),
    });
    if backend == Backend::Postgres {
        tokio::spawn(app::ssr::boards::live::listen_postgres(
            state.boards.clone(),
            database_url.clone(),
        ));
    }
    anyhow::ensure!(
        config.session_max_age_secs > 0,
        "session_max_age_secs must be at least 1"
    );
    let store = DbSessionStore::new(db, config.session_max_age_secs);
    // The maximum age may have been lowered since the stored sessions were written.
    let shortened = store
        .cap_stored()
        .await
        .context("applying session_max_age_secs to stored sessions")?;
    if shortened > 0 {
        tracing::info!(
            sessions = shortened,
            "sessions shortened to the maximum age"
        );
    }
    let sweeper = store.clone();
    let sweeping = state.clone();
    tokio::spawn(async move {
        const EVERY: Duration = Duration::from_secs(600);
        let mut every = tokio::time::interval(EVERY);
        loop {
            every.tick().await;
            let task = app::ssr::tasks::Task::ExpiredSessions;
            let lease = app::ssr::tasks::lease_for(EVERY);
            if !sweeping.tasks.turn(&sweeping.db, task, lease).await {
                continue;
            }
            if let Err(err) = sweeper.delete_expired().await {
                tracing::warn!(%err, "could not delete expired sessions");
            }
        }
    });
    let sessions = SessionManagerLayer::new(store)
        .with_name(SESSION_COOKIE)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(config.secure_cookies)
        .with_expiry(Expiry::OnInactivity(time::Duration::days(14)))
        .with_signed(session_key(&config)?);

    // Bulk enrolment: the worker resumes imports a crash left running, then runs queued ones.
    let import_wake = import_worker::start_worker(state.db.clone(), storage.clone());
    let import_routes = imports::routes(imports::Imports { wake: import_wake });

    // Certificates: the cohort job's worker resumes jobs a crash left running.
    let certificate_routes =
        app::ssr::certificates::http::routes(app::ssr::certificates::http::Certificates {
            wake: app::ssr::certificates::job::start_worker(
                app::ssr::certificates::job::JobContext {
                    db: state.db.clone(),
                    storage: storage.clone(),
                    public_url: state.settings.public_url.clone(),
                },
            ),
            limiter: Arc::new(app::ssr::certificates::check_limit::CheckLimiter::new(
                config.certificate_checks_per_minute,
            )),
        });

    // Outgoing e-mail: the worker sends queued messages (or marks them not sent without SMTP).
    app::ssr::mail::worker::start_worker(
        state.db.clone(),
        state.clock.clone(),
        config.mail_settings(),
    )
    .map_err(|err| anyhow::anyhow!("e-mail settings: {err}"))?;

    // Dashboards: the summary tables are recounted for the cohorts that changed.
    app::ssr::dashboards::refresher::start(state.clone());
    // Quizzes: attempts whose time ran out are finished by the server.
    quiz_http::take::start_sweeper(state.clone());
    // Attempt counters that would start afresh anyway are deleted.
    app::ssr::throttle::start_sweeper(state.clone());
    // Notifications: the daily digest e-mail, and the reminders of quizzes closing within a day.
    anyhow::ensure!(
        (0..24).contains(&config.digest_hour_wib),
        "digest_hour_wib must be an hour from 0 to 23"
    );
    app::ssr::notifications::digest::start_task(state.clone(), config.digest_hour_wib);

    let routes = route_list();
    let site_root = state.leptos_options.site_root.to_string();
    // The package's own directory (`site_pkg_dir` names its versioned link when there is one).
    let pkg_dir = format!("{site_root}/pkg");
    let pages = get(handlers::page)
        .with_state(state.clone())
        .layer(PropagateRequestIdLayer::x_request_id());
    let api = Router::new()
        .route(
            "/api/{*fn_name}",
            post(handlers::server_fn).get(handlers::server_fn),
        )
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::form_errors::translate,
        ));
    // Each feature's plain HTTP routes; their refusals reach browsers as pages (sign-in, or back
    // to the form with the error).
    let feature_routes = Router::new()
        .merge(import_routes)
        .merge(quiz_http::bank::routes())
        .merge(quiz_http::results::routes())
        .merge(quiz_http::take::routes())
        .merge(board_http::live::routes())
        .merge(app::ssr::activation::http::routes())
        .merge(app::ssr::sessions::http::routes())
        .merge(app::ssr::record::http::routes(config.data_dir.clone()))
        .merge(app::ssr::surveys::http::routes())
        .merge(app::ssr::fees::http::routes())
        .merge(app::ssr::exports::http::routes())
        .merge(app::ssr::credentials::http::routes(config.data_dir.clone()))
        .merge(certificate_routes)
        .merge(board_http::files::routes())
        .merge(app::ssr::materials::http::routes())
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            app::ssr::http::answer_browsers,
        ));
    // Under the versioned path, assets never change: a year without asking again.
    let router = match &asset_version {
        Some(version) => {
            let dir = format!("{site_root}/{}/{version}", assets::VERSIONS_DIR);
            Router::new()
                .nest_service(
                    &format!("/{}/{version}", assets::VERSIONS_DIR),
                    cached(&dir, assets::IMMUTABLE),
                )
                .layer(axum::middleware::map_response(assets::without_validators))
        }
        None => Router::new(),
    };
    // Pages, server functions and feature routes send their request id back; the static files
    // (compiled client, icons) do not: on a cold quiz page that is 18 headers a teacher's data
    // plan would pay for, and in production nginx serves those files anyway.
    let dynamic = Router::<AppState>::new()
        .route("/healthz", get(handlers::health))
        .route(
            "/metrics",
            get(metrics::serve).with_state(metrics::MetricsState {
                metrics: metrics.clone(),
                app: state.clone(),
            }),
        )
        .merge(api)
        .merge(feature_routes)
        .leptos_routes_with_handler(routes, get(handlers::page))
        .layer(PropagateRequestIdLayer::x_request_id());
    let router = router
        .merge(dynamic)
        .nest_service("/pkg", cached(&pkg_dir, "no-cache"))
        // The icons and robots.txt keep their names (browsers ask for /favicon.ico): a day.
        .fallback_service(tower_http::set_header::SetResponseHeader::if_not_present(
            ServeDir::new(site_root)
                .precompressed_br()
                .precompressed_gzip()
                .fallback(pages),
            http::header::CACHE_CONTROL,
            http::HeaderValue::from_static("public, max-age=86400"),
        ))
        .layer(sessions)
        .layer(axum::middleware::from_fn(
            middleware::clean_input::clean_input,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::origin::guard,
        ))
        .layer(axum::middleware::from_fn(middleware::security_headers::add))
        .layer(CompressionLayer::new().compress_when(worth_compressing()))
        .layer(axum::middleware::from_fn_with_state(
            metrics.clone(),
            metrics::count,
        ))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(request_span)
                .on_response(DefaultOnResponse::new().level(tracing::Level::INFO)),
        )
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .with_state(state.clone());
    Ok(Server {
        listener,
        router,
        state,
        grace: Duration::from_secs(config.shutdown_grace_secs),
        database_lock,
    })
}

/// A request's log span: its id (also sent back as `X-Request-Id`), method and path (never the
/// query, which may carry what a form sent).
/// Which answers the compression layer compresses: the default's (not pictures, SSE or tiny
/// bodies), and not files that are already compressed (ZIP archives, XLSX workbooks, PDFs):
/// compressing them again costs the server CPU and saves the teacher no bytes.
fn worth_compressing() -> impl Predicate {
    DefaultPredicate::new()
        .and(NotForContentType::const_new("application/zip"))
        .and(NotForContentType::const_new("application/pdf"))
        .and(NotForContentType::const_new(
            "application/vnd.openxmlformats",
        ))
}

fn request_span(request: &http::Request<axum::body::Body>) -> tracing::Span {
    let id = request
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-");
    tracing::info_span!(
        "request",
        request_id = %id,
        method = %request.method(),
        path = %request.uri().path(),
    )
}

/// Connections the kernel holds for the server until it accepts them (capped by the system's
/// `net.core.somaxconn`, 4,096 on current Linux). Tokio's `TcpListener::bind` asks for 1,024: when
/// a cohort's phones connect at once, the connections past that are dropped and their phones try
/// again only after a second (the 1 s outliers of docs/BENCHMARKS.md's quiz bursts, where 1,024
/// connections open at once).
const LISTEN_BACKLOG: u32 = 4096;

/// Binds `addr` as `TcpListener::bind` does (address reuse on Unix), with [`LISTEN_BACKLOG`].
fn listen(addr: SocketAddr) -> std::io::Result<TcpListener> {
    let socket = if addr.is_ipv4() {
        tokio::net::TcpSocket::new_v4()?
    } else {
        tokio::net::TcpSocket::new_v6()?
    };
    #[cfg(unix)]
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    socket.listen(LISTEN_BACKLOG)
}

/// Completes on SIGTERM or Ctrl-C.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}
