//! Facts about the request being served: language, client address, cookies, safe redirect targets.

use crate::i18n;
use crate::model::Lang;
use http::request::Parts;
use http::HeaderMap;
use std::net::SocketAddr;

/// Name of the cookie that holds the chosen interface language.
pub const LANG_COOKIE: &str = "lang";

/// The value of cookie `name` in `headers`.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

/// The language chosen by cookie, else `default`.
pub fn lang_from_headers(headers: &HeaderMap, default: Lang) -> Lang {
    cookie(headers, LANG_COOKIE)
        .and_then(Lang::from_code)
        .unwrap_or(default)
}

/// The language of the current request (inside a render or a server function).
pub fn request_lang() -> Lang {
    let default = super::state()
        .map(|s| s.settings.default_lang)
        .unwrap_or_default();
    leptos::prelude::use_context::<Parts>()
        .map(|parts| lang_from_headers(&parts.headers, default))
        .unwrap_or(default)
}

/// The text for `key` in the current request's language.
pub fn msg(key: &str) -> String {
    i18n::text(request_lang(), key)
}

/// The address failed sign-ins are counted against.
pub fn client_address(parts: &Parts, trust_forwarded_for: bool) -> String {
    if trust_forwarded_for {
        if let Some(first) = parts
            .headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
        {
            return first.trim().to_string();
        }
    }
    parts
        .extensions
        .get::<axum::extract::ConnectInfo<SocketAddr>>()
        .map(|info| info.0.ip().to_string())
        .unwrap_or_else(|| "unknown".to_string())
}

/// `target` if it is a path on this site (so a `next=` parameter cannot send users elsewhere).
pub fn safe_local_path(target: &str) -> Option<&str> {
    let ok = target.starts_with('/')
        && !target.starts_with("//")
        && !target.contains('\\')
        && !target.chars().any(char::is_control);
    ok.then_some(target)
}

/// Whether the request came from a plain HTML form (JavaScript off) rather than the wasm client.
pub fn is_plain_form_post(headers: &HeaderMap) -> bool {
    headers
        .get(http::header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_cookies_and_language() {
        let mut headers = HeaderMap::new();
        headers.insert(
            http::header::COOKIE,
            http::HeaderValue::from_static("a=1; lang=en; b=2"),
        );
        assert_eq!(cookie(&headers, "b"), Some("2"));
        assert_eq!(lang_from_headers(&headers, Lang::Id), Lang::En);
        assert_eq!(lang_from_headers(&HeaderMap::new(), Lang::Id), Lang::Id);
    }

    #[test]
    fn only_local_paths_are_redirect_targets() {
        assert_eq!(safe_local_path("/peserta"), Some("/peserta"));
        assert_eq!(safe_local_path("//evil.example"), None);
        assert_eq!(safe_local_path("https://evil.example"), None);
        assert_eq!(safe_local_path("/\\evil.example"), None);
    }
}
