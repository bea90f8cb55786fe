//! Dates and times for people, in the page's language and in WIB (`11 Jan 2027, 09:30 WIB`).

use crate::i18n::I18n;
use crate::model::wib;
use crate::model::Lang;

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
