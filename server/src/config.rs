//! Settings: defaults, then an optional `pamong.toml`, then environment variables.
//!
//! Every setting `name` can be set in the file or as `PAMONG_NAME`; `DATABASE_URL` is also read
//! without the prefix. Secrets (the session secret, a database password) never reach the logs.

use app::model::Lang;
use app::ssr::boards::bounds::{BoardLimits, MIB};
use app::ssr::mail::worker::{MailSettings, SmtpSettings, SmtpTls};
use app::ssr::rate::RateLimit;
use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;

/// A value that prints as `***` in logs and debug output.
#[derive(Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The secret itself; call only where it is used.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.0.is_empty() { "(unset)" } else { "***" })
    }
}

/// How log lines are written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    #[default]
    Text,
    Json,
}

/// Everything the server is configured with.
#[derive(Clone, serde::Deserialize)]
#[serde(default)]
pub struct Config {
    /// Address to listen on, e.g. `127.0.0.1:3000`; port 0 picks a free port.
    pub listen: SocketAddr,
    /// `sqlite://…` (default: a file in `data_dir`) or `postgres://…`.
    pub database_url: Option<Secret>,
    /// Directory for the SQLite database and the generated session key.
    pub data_dir: PathBuf,
    /// At least 32 bytes used to sign session cookies; generated and kept in `data_dir` if unset.
    pub session_secret: Option<Secret>,
    /// `id` or `en`: the language of visitors who have not chosen one.
    pub default_language: String,
    /// Mark cookies `Secure` (serve over HTTPS).
    pub secure_cookies: bool,
    /// Seed demo institutions and accounts into an empty database.
    pub demo_data: bool,
    /// The password of every demo account; random (and printed) if unset.
    pub demo_password: Option<Secret>,
    /// Trust `X-Forwarded-For` for the client address (only behind your own proxy).
    pub trust_forwarded_for: bool,
    /// The public origin when a proxy changes `Host`, e.g. `https://pamong.bpsdm.example.go.id`.
    pub public_origin: Option<String>,
    /// Who may read `GET /metrics`: addresses and networks, comma-separated
    /// (`127.0.0.1,::1,10.0.0.0/8`); everyone else gets 404. Empty: nobody.
    pub metrics_allow: String,
    /// `text` or `json`.
    pub log_format: LogFormat,
    /// Wrong passwords per account before each further check waits a growing delay.
    pub sign_in_max_per_account: i64,
    /// Wrong passwords per client address before the address is blocked for the window.
    pub sign_in_max_per_address: i64,
    /// The window for counting attempts, in seconds (also the longest delay).
    pub sign_in_window_secs: i64,
    /// Accounts created (sign-ups, or an admin's new accounts) per client address within the window.
    pub sign_up_max_per_address: i64,
    /// Seconds a request in flight may take to finish after SIGTERM.
    pub shutdown_grace_secs: u64,
    /// Days an activation code stays valid (imported and admin-created accounts, letters).
    pub activation_code_days: i64,
    /// Seconds a session lasts from sign-in, however active it is (then the user signs in again).
    pub session_max_age_secs: i64,
    /// The hour (0–23, WIB) at which the daily digest of notifications is sent.
    pub digest_hour_wib: i64,
    /// Seconds between the checks of a live stream's session and access (sign-out, a role change
    /// or a withdrawal ends the stream within this time).
    pub live_recheck_secs: u64,
    /// Certificate check pages (`/sertifikat/<code>`) one client address may open per minute
    /// (and at once); 0: no limit.
    pub certificate_checks_per_minute: u32,
    /// New board posts one user may make in any minute (0: no limit).
    pub board_posts_per_minute: i64,
    /// New board posts one user may make in any hour (0: no limit).
    pub board_posts_per_hour: i64,
    /// Comments one user may write in any minute (0: no limit).
    pub board_comments_per_minute: i64,
    /// Comments one user may write in any hour (0: no limit).
    pub board_comments_per_hour: i64,
    /// Attachments one user may upload in any minute (0: no limit).
    pub board_uploads_per_minute: i64,
    /// Attachments one user may upload in any hour (0: no limit).
    pub board_uploads_per_hour: i64,
    /// Mebibytes of attachments one user may keep (0: no quota).
    pub storage_per_user_mb: i64,
    /// Mebibytes of attachments the posts of one cohort may keep (0: no quota).
    pub storage_per_cohort_mb: i64,
    /// The base of the links in e-mail, e.g. `https://pamong.bpsdm.example.go.id`; defaults to
    /// `public_origin`, else the listen address.
    pub public_url: Option<String>,
    /// The SMTP server e-mail is sent through; empty (the default): e-mail is not sent, and
    /// admins see the messages as "not sent".
    pub smtp_host: String,
    /// The SMTP port; defaults to 587 for `starttls`, 465 for `tls`, 25 for `none`.
    pub smtp_port: Option<u16>,
    /// The SMTP user name; empty: no authentication.
    pub smtp_username: String,
    pub smtp_password: Option<Secret>,
    /// `starttls` (default), `tls` (TLS from the start) or `none` (a relay on a trusted network).
    pub smtp_tls: SmtpTls,
    /// The sender's address of every e-mail.
    pub mail_from: String,
    /// The sender's name of every e-mail.
    pub mail_from_name: String,
    /// Messages the outbox worker claims at once.
    pub outbox_batch_size: i64,
    /// Messages the outbox worker sends at the same time (and SMTP connections it keeps open).
    pub outbox_concurrency: usize,
    /// Attempts at one message before it is marked failed.
    pub outbox_max_attempts: i64,
    /// Seconds before the second attempt at a message; the pause doubles after each failure.
    pub outbox_retry_first_secs: i64,
    /// The longest pause between attempts, in seconds.
    pub outbox_retry_max_secs: i64,
}

impl Default for Config {
    fn default() -> Self {
        let throttle = app::ssr::throttle::ThrottleSettings::default();
        let boards = BoardLimits::default();
        let mail = MailSettings::default();
        Config {
            listen: SocketAddr::from(([127, 0, 0, 1], 3000)),
            database_url: None,
            data_dir: PathBuf::from("data"),
            session_secret: None,
            default_language: "id".to_string(),
            secure_cookies: false,
            demo_data: false,
            demo_password: None,
            trust_forwarded_for: false,
            public_origin: None,
            metrics_allow: "127.0.0.1,::1".to_string(),
            log_format: LogFormat::Text,
            sign_in_max_per_account: throttle.max_per_account,
            sign_in_max_per_address: throttle.max_per_address,
            sign_in_window_secs: throttle.window_secs,
            sign_up_max_per_address: throttle.sign_up_max_per_address,
            shutdown_grace_secs: 20,
            activation_code_days: app::ssr::activation::DEFAULT_LIFETIME_DAYS,
            session_max_age_secs: 30 * 24 * 60 * 60,
            live_recheck_secs: 60,
            certificate_checks_per_minute: 30,
            digest_hour_wib: 6,
            board_posts_per_minute: boards.posts.per_minute,
            board_posts_per_hour: boards.posts.per_hour,
            board_comments_per_minute: boards.comments.per_minute,
            board_comments_per_hour: boards.comments.per_hour,
            board_uploads_per_minute: boards.uploads.per_minute,
            board_uploads_per_hour: boards.uploads.per_hour,
            storage_per_user_mb: boards.user_quota_bytes / MIB,
            storage_per_cohort_mb: boards.cohort_quota_bytes / MIB,
            public_url: None,
            smtp_host: String::new(),
            smtp_port: None,
            smtp_username: String::new(),
            smtp_password: None,
            smtp_tls: SmtpTls::default(),
            mail_from: mail.from_address,
            mail_from_name: mail.from_name,
            outbox_batch_size: mail.batch_size,
            outbox_concurrency: mail.concurrency,
            outbox_max_attempts: mail.max_attempts,
            outbox_retry_first_secs: mail.retry_first_secs,
            outbox_retry_max_secs: mail.retry_max_secs,
        }
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("listen", &self.listen)
            .field("database_url", &redact_url(&self.database_url()))
            .field("data_dir", &self.data_dir)
            .field("session_secret", &self.session_secret)
            .field("default_language", &self.default_language)
            .field("secure_cookies", &self.secure_cookies)
            .field("demo_data", &self.demo_data)
            .field("demo_password", &self.demo_password)
            .field("trust_forwarded_for", &self.trust_forwarded_for)
            .field("public_origin", &self.public_origin)
            .field("metrics_allow", &self.metrics_allow)
            .field("log_format", &self.log_format)
            .field("sign_in_max_per_account", &self.sign_in_max_per_account)
            .field("sign_in_max_per_address", &self.sign_in_max_per_address)
            .field("sign_in_window_secs", &self.sign_in_window_secs)
            .field("sign_up_max_per_address", &self.sign_up_max_per_address)
            .field("shutdown_grace_secs", &self.shutdown_grace_secs)
            .field("activation_code_days", &self.activation_code_days)
            .field("session_max_age_secs", &self.session_max_age_secs)
            .field("live_recheck_secs", &self.live_recheck_secs)
            .field(
                "certificate_checks_per_minute",
                &self.certificate_checks_per_minute,
            )
            .field("digest_hour_wib", &self.digest_hour_wib)
            .field("board_posts_per_minute", &self.board_posts_per_minute)
            .field("board_posts_per_hour", &self.board_posts_per_hour)
            .field("board_comments_per_minute", &self.board_comments_per_minute)
            .field("board_comments_per_hour", &self.board_comments_per_hour)
            .field("board_uploads_per_minute", &self.board_uploads_per_minute)
            .field("board_uploads_per_hour", &self.board_uploads_per_hour)
            .field("storage_per_user_mb", &self.storage_per_user_mb)
            .field("storage_per_cohort_mb", &self.storage_per_cohort_mb)
            .field("public_url", &self.public_url)
            .field("smtp_host", &self.smtp_host)
            .field("smtp_port", &self.smtp_port)
            .field("smtp_username", &self.smtp_username)
            .field("smtp_password", &self.smtp_password)
            .field("smtp_tls", &self.smtp_tls)
            .field("mail_from", &self.mail_from)
            .field("mail_from_name", &self.mail_from_name)
            .field("outbox_batch_size", &self.outbox_batch_size)
            .field("outbox_concurrency", &self.outbox_concurrency)
            .field("outbox_max_attempts", &self.outbox_max_attempts)
            .field("outbox_retry_first_secs", &self.outbox_retry_first_secs)
            .field("outbox_retry_max_secs", &self.outbox_retry_max_secs)
            .finish()
    }
}

/// Replaces the password in a database URL with `***`.
pub fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    match rest.split_once('@') {
        Some((credentials, host)) => {
            let user = credentials.split(':').next().unwrap_or_default();
            let masked = if credentials.contains(':') {
                format!("{user}:***")
            } else {
                user.to_string()
            };
            format!("{scheme}://{masked}@{host}")
        }
        None => url.to_string(),
    }
}

impl Config {
    /// Loads `pamong.toml` (or the file `PAMONG_CONFIG` names) and the environment.
    pub fn load() -> anyhow::Result<Config> {
        let file = std::env::var("PAMONG_CONFIG").unwrap_or_else(|_| "pamong.toml".to_string());
        let mut builder = config::Config::builder()
            .add_source(
                config::File::with_name(&file)
                    .format(config::FileFormat::Toml)
                    .required(false),
            )
            .add_source(config::Environment::with_prefix("PAMONG").try_parsing(true));
        if let Ok(url) = std::env::var("DATABASE_URL") {
            if std::env::var("PAMONG_DATABASE_URL").is_err() {
                builder = builder.set_override("database_url", url)?;
            }
        }
        // Under `cargo leptos serve` the address comes from Cargo.toml's site-addr.
        if let Ok(addr) = std::env::var("LEPTOS_SITE_ADDR") {
            if std::env::var("PAMONG_LISTEN").is_err() {
                builder = builder.set_default("listen", addr)?;
            }
        }
        Ok(builder.build()?.try_deserialize()?)
    }

    /// The database URL, defaulting to `data_dir/pamong.db`.
    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(url) if !url.expose().is_empty() => url.expose().to_string(),
            _ => format!(
                "sqlite://{}?mode=rwc",
                self.data_dir.join("pamong.db").display()
            ),
        }
    }

    /// The board limits: rates per user and storage quotas.
    pub fn board_limits(&self) -> BoardLimits {
        let rate = |per_minute: i64, per_hour: i64| RateLimit {
            per_minute: per_minute.max(0),
            per_hour: per_hour.max(0),
        };
        BoardLimits {
            posts: rate(self.board_posts_per_minute, self.board_posts_per_hour),
            comments: rate(self.board_comments_per_minute, self.board_comments_per_hour),
            uploads: rate(self.board_uploads_per_minute, self.board_uploads_per_hour),
            user_quota_bytes: self.storage_per_user_mb.max(0).saturating_mul(MIB),
            cohort_quota_bytes: self.storage_per_cohort_mb.max(0).saturating_mul(MIB),
        }
    }

    /// The base of the links in e-mail when the server listens on `listening` (the bound
    /// address, whose port is real even when `listen` asks for port 0).
    pub fn public_url(&self, listening: SocketAddr) -> String {
        self.public_url
            .as_deref()
            .or(self.public_origin.as_deref())
            .map(str::trim)
            .filter(|url| !url.is_empty())
            .map(|url| url.trim_end_matches('/').to_string())
            .unwrap_or_else(|| format!("http://{listening}"))
    }

    /// The outbox worker's settings: SMTP only when `smtp_host` is set.
    pub fn mail_settings(&self) -> MailSettings {
        let host = self.smtp_host.trim();
        let smtp = (!host.is_empty()).then(|| SmtpSettings {
            host: host.to_string(),
            port: self
                .smtp_port
                .unwrap_or_else(|| self.smtp_tls.default_port()),
            username: self.smtp_username.clone(),
            password: self
                .smtp_password
                .as_ref()
                .map(|p| p.expose().to_string())
                .unwrap_or_default(),
            tls: self.smtp_tls,
        });
        MailSettings {
            smtp,
            from_address: self.mail_from.clone(),
            from_name: self.mail_from_name.clone(),
            batch_size: self.outbox_batch_size.max(1),
            concurrency: self.outbox_concurrency.max(1),
            max_attempts: self.outbox_max_attempts.max(1),
            retry_first_secs: self.outbox_retry_first_secs.max(1),
            retry_max_secs: self.outbox_retry_max_secs.max(1),
        }
    }

    /// The settings the app layer reads at request time, on a server listening on `listening`.
    pub fn app_settings(&self, listening: SocketAddr) -> app::ssr::Settings {
        app::ssr::Settings {
            default_lang: Lang::from_code(&self.default_language).unwrap_or_default(),
            secure_cookies: self.secure_cookies,
            sign_in_throttle: app::ssr::throttle::ThrottleSettings {
                window_secs: self.sign_in_window_secs,
                max_per_account: self.sign_in_max_per_account,
                max_per_address: self.sign_in_max_per_address,
                sign_up_max_per_address: self.sign_up_max_per_address,
            },
            trust_forwarded_for: self.trust_forwarded_for,
            public_origin: self.public_origin.clone(),
            live_recheck: std::time::Duration::from_secs(self.live_recheck_secs.max(1)),
            boards: self.board_limits(),
            public_url: self.public_url(listening),
            smtp_configured: !self.smtp_host.trim().is_empty(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_redacted_in_debug_output() {
        let config = Config {
            database_url: Some(Secret::new("postgres://pamong:hunter2@db.internal/pamong")),
            session_secret: Some(Secret::new("x".repeat(40))),
            smtp_password: Some(Secret::new("smtp-hunter3")),
            ..Config::default()
        };
        let printed = format!("{config:?}");
        assert!(!printed.contains("hunter2"), "{printed}");
        assert!(!printed.contains("smtp-hunter3"), "{printed}");
        assert!(!printed.contains(&"x".repeat(40)), "{printed}");
        assert!(
            printed.contains("postgres://pamong:***@db.internal/pamong"),
            "{printed}"
        );
    }

    #[test]
    fn sqlite_is_the_default_database() {
        let config = Config::default();
        assert_eq!(config.database_url(), "sqlite://data/pamong.db?mode=rwc");
        assert_eq!(
            redact_url("sqlite://data/pamong.db"),
            "sqlite://data/pamong.db"
        );
    }
}
