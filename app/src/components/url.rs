//! URLs of the page being rendered, and percent-encoding of query values.

use leptos::prelude::GetUntracked;

/// Percent-encodes `text` for use in a query string; `/` is kept, which is safe in a query value.
pub fn encode_query_value(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The current path with its query string (`/admin/pengguna?q=sri`).
pub fn current_path_and_query() -> String {
    let location = leptos_router::hooks::use_location();
    let path = location.pathname.get_untracked();
    let search = location.search.get_untracked();
    let search = search.trim_start_matches('?');
    if search.is_empty() {
        path
    } else {
        format!("{path}?{search}")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn encodes_reserved_bytes() {
        assert_eq!(
            super::encode_query_value("/admin/pengguna?q=a b&x"),
            "/admin/pengguna%3Fq%3Da%20b%26x"
        );
        assert_eq!(super::encode_query_value("Sri Wahyuni"), "Sri%20Wahyuni");
    }
}
