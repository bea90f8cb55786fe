//! Pieces the planning pages share: the pager, names of levels/modes/statuses, money and dates,
//! and error slots for fields that are not a plain `Field`.

use crate::components::url::encode_query_value;
use crate::i18n::I18n;
use crate::model::codes::Funding;
use crate::model::planning::Competency;
use leptos::prelude::*;

/// `path?key=value&…&hal=n` with the non-empty filters kept.
pub fn page_link(path: &str, filters: &[(&str, &str)], page: i64) -> String {
    let mut query: Vec<String> = filters
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", encode_query_value(v)))
        .collect();
    if page > 1 {
        query.push(format!("hal={page}"));
    }
    if query.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{}", query.join("&"))
    }
}

/// The shared pager, with links that keep the list's filters.
pub fn pager(i: I18n, path: &str, filters: &[(&str, &str)], page: i64, pages: i64) -> AnyView {
    crate::components::pager(i, page, pages, |n| page_link(path, filters, n))
}

/// The codes of a planning code list (`level`, `mode`, `status`, `need_status`) with their
/// names, as the options of a `filter_select`.
pub fn code_options(i: I18n, list: &str, codes: &[&str]) -> Vec<(String, String)> {
    codes
        .iter()
        .map(|code| (code.to_string(), label(i, list, code)))
        .collect()
}

/// The competencies (code, name), as the options of a `filter_select`.
pub fn competency_options(competencies: &[Competency]) -> Vec<(String, String)> {
    competencies
        .iter()
        .map(|c| (c.code.clone(), c.name.clone()))
        .collect()
}

/// The name of a code from one of the planning code lists (`level`, `mode`, `funding`, `status`,
/// `need_status`).
pub fn label(i: I18n, list: &str, code: &str) -> String {
    i.t(&format!("planning.{list}_{code}"))
}

/// Rupiah with dots between thousands: `Rp1.500.000`.
pub fn rupiah(amount: i64) -> String {
    let digits = amount.abs().to_string();
    let mut out = String::new();
    for (n, c) in digits.chars().enumerate() {
        if n > 0 && (digits.len() - n).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    format!("Rp{}{out}", if amount < 0 { "-" } else { "" })
}

/// How a program is funded, with the fee when there is one.
pub fn funding_text(i: I18n, funding: Funding, fee: Option<i64>) -> String {
    match (funding, fee) {
        (Funding::Fee, Some(fee)) => {
            format!(
                "{} ({})",
                label(i, "funding", funding.as_str()),
                rupiah(fee)
            )
        }
        _ => label(i, "funding", funding.as_str()),
    }
}

/// A Unix time as `YYYY-MM-DD HH:MM WIB` (Western Indonesian Time, UTC+7).
pub fn wib(unix: i64) -> String {
    format!("{} WIB", crate::model::wib::date_time_of(unix))
}

pub use crate::components::flash;

/// Whether the flash came from the form whose hidden `key` field was `value` (one of many
/// same-named forms on a page, e.g. one review form per proposal).
pub fn flash_from(key: &str, value: &str) -> bool {
    flash().is_some_and(|f| f.value(key) == Some(value))
}

/// The error slot for `field`, filled from the flash when `show` (the flash is for this form).
pub fn error_slot(field: &'static str, id: String, show: bool) -> impl IntoView {
    let message = show
        .then(|| flash().and_then(|f| f.field_error(field).map(str::to_string)))
        .flatten();
    view! { <p class="field-error" id=id data-error-for=field>{message}</p> }
}

#[cfg(test)]
mod tests {
    use super::{rupiah, wib};

    #[test]
    fn money_and_times_read_the_indonesian_way() {
        assert_eq!(rupiah(1_500_000), "Rp1.500.000");
        assert_eq!(rupiah(950), "Rp950");
        assert_eq!(wib(0), "1970-01-01 07:00 WIB");
        assert_eq!(wib(1_798_736_400), "2027-01-01 00:00 WIB");
    }
}
