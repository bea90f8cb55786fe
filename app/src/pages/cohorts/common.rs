//! Small views shared by the cohort pages: dates, status badges, the "not found" panel, a pager.

use crate::api::cohorts::{status_key, wib};
use crate::i18n::I18n;
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

/// Previous / page n of m / next links; `link(n)` is the address of page n.
pub fn pager(
    i: I18n,
    page: i64,
    total: i64,
    page_size: i64,
    link: impl Fn(i64) -> String,
) -> impl IntoView {
    let pages = ((total + page_size - 1) / page_size).max(1);
    let prev =
        (page > 1).then(|| view! { <a rel="prev" href=link(page - 1)>{i.t("accounts.prev")}</a> });
    let next = (page < pages)
        .then(|| view! { <a rel="next" href=link(page + 1)>{i.t("accounts.next")}</a> });
    let position = i.t_with(
        "accounts.page_of",
        &[("page", &page.to_string()), ("pages", &pages.to_string())],
    );
    view! { <nav class="pager" aria-label=i.t("accounts.pages")>{prev}<span>{position}</span>{next}</nav> }
}
