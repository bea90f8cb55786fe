//! Small views shared by the cohort pages: dates, status badges, the "not found" panel.

use crate::api::cohorts::status_key;
use crate::i18n::I18n;
use crate::model::wib;
use crate::model::Lang;
use leptos::prelude::*;

/// `11 Jan 2027` in the page's language.
pub fn date(i: I18n, iso: &str) -> String {
    wib::pretty_date(iso, i.0 == Lang::En)
}

/// `11 Jan 2027 – 19 Feb 2027`.
pub fn date_range(i: I18n, from: &str, to: &str) -> String {
    format!("{} – {}", date(i, from), date(i, to))
}

/// The day of instant `unix` in WIB, for people.
pub fn day_of(i: I18n, unix: i64) -> String {
    date(i, &wib::date_of(unix))
}

/// `11 Jan 2027, 09:30 WIB`.
pub fn moment(i: I18n, unix: i64) -> String {
    let full = wib::date_time_of(unix);
    let (day, time) = full.split_once(' ').unwrap_or((full.as_str(), ""));
    format!("{}, {time} WIB", date(i, day))
}

/// A registration status as a coloured label.
pub fn status_badge(i: I18n, status: &str) -> impl IntoView {
    let class = format!("badge status-{status}");
    view! { <span class=class>{i.t(status_key(status))}</span> }
}

/// The panel shown (with status 404) for an id the viewer may not see.
pub fn not_found(i: I18n) -> impl IntoView {
    crate::components::set_status(404);
    view! {
        <section class="panel problem">
            <h1>{i.t("error.not_found.title")}</h1>
            <p>{i.t("error.not_found.body")}</p>
        </section>
    }
}
