//! The quiz attempt's status bar. Without JavaScript it shows the deadline and a hint that answers
//! are saved with each button; hydrated, it stores every answer on the device first, sends it in
//! the background until the server acknowledges it, shows saved / waiting / offline, and counts
//! down from the server's deadline (never the device's clock), handing in when time is up.
//!
//! The markup is static: the browser code (`client::quiz`) writes into it directly, which keeps
//! this island's wasm chunk small enough for the quiz page's 100 kB budget.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The status bar's texts, in the page's language (islands carry no locale table).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaverLabels {
    /// Shown until hydration: answers are saved with each button press.
    pub js_off: String,
    pub saved: String,
    /// `{count}` is the number of answers not yet acknowledged.
    pub waiting: String,
    pub offline: String,
    pub closed: String,
    pub time_left: String,
    /// The deadline as a wall-clock time, for the server-rendered page.
    pub deadline: String,
    pub offline_nav: String,
}

/// The status bar of attempt `attempt_id`. `seconds_left` is the server's deadline minus the
/// server's time when the page was made.
#[island(lazy)]
pub fn QuizSaver(
    attempt_id: i64,
    next_seq: i64,
    seconds_left: i64,
    timed: bool,
    labels: SaverLabels,
) -> impl IntoView {
    let hint = labels.js_off.clone();
    let deadline = labels.deadline.clone();
    #[cfg(feature = "hydrate")]
    crate::client::count_hydrated_island();
    #[cfg(feature = "hydrate")]
    crate::client::quiz::start(crate::client::quiz::Setup {
        attempt_id,
        next_seq,
        seconds_left,
        timed,
        labels,
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = (attempt_id, next_seq, seconds_left, labels);
    view! {
        <div class="quiz-status" role="status" aria-live="polite">
            <p class="save-state" data-save-state="static">{hint}</p>
            {timed.then(|| view! { <p class="quiz-timer">{deadline}</p> })}
            <p class="quiz-notice"></p>
        </div>
    }
}
