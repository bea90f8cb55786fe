//! Facts about the request being served: language, client address, cookies, safe redirect targets.

use crate::i18n;
use crate::model::Lang;
use http::request::Parts;
use http::HeaderMap;
use std::net::{IpAddr, Ipv6Addr, SocketAddr};

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

/// The address attempts are counted against. Directly, the connection's peer; behind the proxy
/// `trust_forwarded_for` names, the address that proxy appended to `X-Forwarded-For`: the last
/// entry, since every entry before it is whatever the client chose to send. An IPv6 address
/// counts as its /64 network, which is what one subscriber is given.
pub fn client_address(parts: &Parts, trust_forwarded_for: bool) -> String {
    let peer = parts
        .extensions
        .get::<axum::extract::ConnectInfo<SocketAddr>>()
        .map(|info| info.0.ip());
    trust_forwarded_for
        .then(|| last_forwarded_for(&parts.headers))
        .flatten()
        .or(peer)
        .map_or_else(|| "unknown".to_string(), counted_address)
}

/// The current request's [`client_address`] (inside a render or a server function).
pub fn request_address() -> String {
    let trust = super::state().is_ok_and(|s| s.settings.trust_forwarded_for);
    leptos::prelude::use_context::<Parts>().map_or_else(
        || "unknown".to_string(),
        |parts| client_address(&parts, trust),
    )
}

/// The address the trusted proxy appended to `X-Forwarded-For` (see [`client_address`]).
pub fn forwarded_client(headers: &HeaderMap) -> Option<IpAddr> {
    last_forwarded_for(headers)
}

/// The last entry of the last `X-Forwarded-For` header, if it is an address (some proxies add
/// the port).
fn last_forwarded_for(headers: &HeaderMap) -> Option<IpAddr> {
    let header = headers.get_all("x-forwarded-for").iter().next_back()?;
    let entry = header.to_str().ok()?.rsplit(',').next()?.trim();
    entry
        .parse::<IpAddr>()
        .ok()
        .or_else(|| entry.parse::<SocketAddr>().ok().map(|a| a.ip()))
}

fn counted_address(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let [a, b, c, d, ..] = v6.segments();
                format!("{}/64", Ipv6Addr::new(a, b, c, d, 0, 0, 0, 0))
            }
        },
    }
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

/// Whether the client takes a page for an answer: a browser's navigation or form post (`Accept`
/// names `text/html`), or a client that takes anything (`*/*`, or no `Accept`). Scripts that name
/// what they read (the quiz island's `text/plain`, `application/json`, an event stream's
/// `text/event-stream`) get the status and the message instead of a redirect.
pub fn takes_pages(headers: &HeaderMap) -> bool {
    match headers
        .get(http::header::ACCEPT)
        .and_then(|v| v.to_str().ok())
    {
        None => true,
        Some(accept) => accept.contains("text/html") || accept.contains("*/*"),
    }
}

/// The path of the page the request came from (`Referer`), if it is on this site.
pub fn referer_path(headers: &HeaderMap) -> Option<String> {
    let referer = headers.get(http::header::REFERER)?.to_str().ok()?;
    let after_scheme = referer
        .split_once("://")
        .map(|(_, rest)| rest)
        .unwrap_or(referer);
    let path_start = after_scheme.find('/')?;
    let path = &after_scheme[path_start..];
    safe_local_path(path).map(str::to_string)
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
    fn referer_becomes_a_local_path() {
        let mut headers = HeaderMap::new();
        headers.insert(
            http::header::REFERER,
            http::HeaderValue::from_static("http://127.0.0.1:3000/masuk?next=%2Fadmin"),
        );
        assert_eq!(
            referer_path(&headers).as_deref(),
            Some("/masuk?next=%2Fadmin")
        );
    }

    #[test]
    fn pages_go_to_browsers_and_to_clients_that_take_anything() {
        let accept = |value: &'static str| {
            let mut headers = HeaderMap::new();
            headers.insert(http::header::ACCEPT, http::HeaderValue::from_static(value));
            takes_pages(&headers)
        };
        assert!(takes_pages(&HeaderMap::new()));
        assert!(accept("text/html,application/xhtml+xml"));
        assert!(accept("*/*"));
        assert!(!accept("text/plain"));
        assert!(!accept("application/json"));
        assert!(!accept("text/event-stream"));
    }

    fn parts(peer: &str, forwarded_for: &[&str]) -> Parts {
        let mut builder = http::Request::builder();
        for value in forwarded_for {
            builder = builder.header("x-forwarded-for", *value);
        }
        let (mut parts, ()) = builder.body(()).expect("request").into_parts();
        let peer: SocketAddr = peer.parse().expect("peer");
        parts.extensions.insert(axum::extract::ConnectInfo(peer));
        parts
    }

    #[test]
    fn the_counted_address_is_the_one_the_trusted_proxy_appended() {
        let spoofed = parts("10.0.0.2:4000", &["6.6.6.6, 198.51.100.7"]);
        assert_eq!(client_address(&spoofed, true), "198.51.100.7");
        assert_eq!(
            client_address(&spoofed, false),
            "10.0.0.2",
            "without trust the header is ignored"
        );
        let two_headers = parts("10.0.0.2:4000", &["6.6.6.6", "7.7.7.7, 198.51.100.8"]);
        assert_eq!(client_address(&two_headers, true), "198.51.100.8");
        let with_port = parts("10.0.0.2:4000", &["198.51.100.9:51000"]);
        assert_eq!(client_address(&with_port, true), "198.51.100.9");
        let garbage = parts("10.0.0.2:4000", &["198.51.100.7, not-an-address"]);
        assert_eq!(
            client_address(&garbage, true),
            "10.0.0.2",
            "an unreadable last entry falls back to the peer, never to an earlier entry"
        );
        assert_eq!(
            client_address(&parts("10.0.0.2:4000", &[]), true),
            "10.0.0.2"
        );
    }

    #[test]
    fn an_ipv6_client_counts_as_its_64_network() {
        let a = parts("[2001:db8:1:2:aaaa::1]:4000", &[]);
        let b = parts("[2001:db8:1:2:bbbb::2]:4000", &[]);
        assert_eq!(client_address(&a, false), "2001:db8:1:2::/64");
        assert_eq!(client_address(&a, false), client_address(&b, false));
        let mapped = parts("[::ffff:192.0.2.1]:4000", &[]);
        assert_eq!(client_address(&mapped, false), "192.0.2.1");
    }

    #[test]
    fn only_local_paths_are_redirect_targets() {
        assert_eq!(safe_local_path("/peserta"), Some("/peserta"));
        assert_eq!(safe_local_path("//evil.example"), None);
        assert_eq!(safe_local_path("https://evil.example"), None);
        assert_eq!(safe_local_path("/\\evil.example"), None);
    }
}
