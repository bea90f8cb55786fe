//! The application state shared by page rendering and every server function.

use super::db::Db;
use super::throttle::ThrottleSettings;
use crate::model::{AppError, ErrorKind, Lang};
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use std::sync::Arc;

/// Settings the app layer needs at request time (the server loads them).
#[derive(Clone, Debug)]
pub struct Settings {
    /// Language of a visitor who has not chosen one.
    pub default_lang: Lang,
    /// Mark cookies `Secure` (set when Pamong is served over HTTPS).
    pub secure_cookies: bool,
    /// Limits on failed sign-ins.
    pub sign_in_throttle: ThrottleSettings,
    /// Take the client address from `X-Forwarded-For` (only behind a trusted proxy).
    pub trust_forwarded_for: bool,
    /// The site's public origin (`https://pamong.example.id`) when a proxy rewrites `Host`.
    pub public_origin: Option<String>,
    /// How often a live stream checks again that its viewer is signed in and may still read.
    pub live_recheck: std::time::Duration,
    /// How often users may post, comment and upload on boards, and their storage quotas.
    pub boards: super::boards::bounds::BoardLimits,
    /// The base of the absolute links in e-mail (`https://pamong.example.id`, no trailing slash).
    pub public_url: String,
    /// Whether e-mail is sent at all (SMTP configured); admins are told when it is not.
    pub smtp_configured: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            default_lang: Lang::Id,
            secure_cookies: false,
            sign_in_throttle: ThrottleSettings::default(),
            trust_forwarded_for: false,
            public_origin: None,
            live_recheck: std::time::Duration::from_secs(60),
            boards: super::boards::bounds::BoardLimits::default(),
            public_url: super::mail::template::DEFAULT_PUBLIC_URL.to_string(),
            smtp_configured: false,
        }
    }
}

/// Everything a request handler may need. Axum and Leptos clone it for every request, so it is
/// one shared allocation: a clone is one reference count, whatever the state holds.
#[derive(Clone, Debug)]
pub struct AppState(Arc<AppStateParts>);

impl AppState {
    pub fn new(parts: AppStateParts) -> AppState {
        AppState(Arc::new(parts))
    }
}

impl std::ops::Deref for AppState {
    type Target = AppStateParts;

    fn deref(&self) -> &AppStateParts {
        &self.0
    }
}

/// What [`AppState`] holds.
#[derive(Debug)]
pub struct AppStateParts {
    pub db: Db,
    pub settings: Arc<Settings>,
    pub leptos_options: LeptosOptions,
    /// The time every deadline is checked against.
    pub clock: super::clock::Clock,
    /// Saves quiz answers in group commits.
    pub answers: super::quizzes::writer::AnswerWriter,
    /// Quiz question pools read ahead of start storms.
    pub quiz_pools: super::quizzes::attempts::QuizPools,
    /// Fans board events out to live viewers.
    pub boards: super::boards::live::BoardHub,
    /// Agency overviews put together in the last few seconds.
    pub dashboards: super::dashboards::cache::OverviewCache,
    /// This process's leases on the periodic background tasks.
    pub tasks: super::tasks::Tasks,
    /// Where big rosters' pages start, and filters' first matches, kept a few seconds.
    pub roster: super::groups::page_cache::RosterCache,
    /// Uploaded and generated files (attachments, unit files, certificates, import files).
    pub storage: super::storage::Storage,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// The state, from the Leptos context the server provides to every render and server function.
pub fn state() -> Result<AppState, AppError> {
    leptos::prelude::use_context::<AppState>().ok_or_else(|| {
        AppError::new(
            ErrorKind::Internal,
            "Terjadi gangguan. Coba lagi sebentar lagi.",
        )
    })
}
