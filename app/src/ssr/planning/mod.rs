//! Database access for planning: institutions, training-needs proposals, programs, the public
//! catalog and cooperation agreements (PKS).

pub mod agreements;
pub mod catalog;
pub mod institutions;
pub mod needs;
pub mod programs;

/// Rows per page of every planning list.
pub const PAGE_SIZE: i64 = 20;

/// A `like` pattern matching `text` anywhere, lower-cased; `%` (everything) when empty.
pub fn contains_pattern(text: Option<&str>) -> String {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => format!("%{}%", t.to_lowercase()),
        None => "%".to_string(),
    }
}

/// `value` if it is one of `allowed`, else `%` (no filter).
pub fn exact_or_any(value: Option<&str>, allowed: &[&str]) -> String {
    match value {
        Some(v) if allowed.contains(&v) => v.to_string(),
        _ => "%".to_string(),
    }
}

/// The competency name column for the request's language.
pub fn competency_name_column() -> &'static str {
    match super::request::request_lang() {
        crate::model::Lang::En => "name_en",
        _ => "name_id",
    }
}
