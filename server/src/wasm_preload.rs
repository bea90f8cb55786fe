//! Keeps a browser with JavaScript off from downloading the wasm bundle.
//!
//! Leptos's `HydrationScripts` writes `<link rel="preload" href="/pkg/….wasm">`, and Chromium
//! fetches a preload even when scripts are disabled: 65 kB for nothing on a teacher's quota. The
//! link is replaced by a one-line script that adds the very same preload, so a browser with
//! JavaScript still starts the download in parallel with the page, and one without never does.
//! The script carries the page's Content-Security-Policy nonce, like Leptos's own scripts.

/// Rewrites the wasm preload tag of a rendered page, if there is one; the script carries `nonce`
/// (a CSP nonce: URL-safe base64, checked here all the same).
pub fn script_only_wasm_preload(html: &str, nonce: &str) -> Option<String> {
    let start = html.find(r#"<link rel="preload" href=""#)?;
    let end = start + html[start..].find('>')? + 1;
    let tag = &html[start..end];
    let href_start = tag.find(r#"href=""#)? + 6;
    let href = &tag[href_start..href_start + tag[href_start..].find('"')?];
    let safe = href.starts_with('/')
        && href.ends_with(".wasm")
        && href
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"/._-".contains(&b));
    let nonce_safe = nonce
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"-_".contains(&b));
    if !safe || !nonce_safe {
        return None;
    }
    let script = format!(
        "<script nonce=\"{nonce}\">(function(){{var l=document.createElement('link');l.rel='preload';l.as='fetch';\
         l.type='application/wasm';l.crossOrigin='anonymous';l.href='{href}';document.head.appendChild(l)}})()</script>"
    );
    Some(format!("{}{script}{}", &html[..start], &html[end..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_wasm_preload_with_a_script() {
        let html = r#"<head><link rel="modulepreload" href="/pkg/pamong.js"><link rel="preload" href="/pkg/pamong.wasm" as="fetch" type="application/wasm" crossorigin="x"><script type="module">go()</script></head>"#;
        let out = script_only_wasm_preload(html, "bm9uY2U").expect("rewritten");
        assert!(!out.contains(r#"<link rel="preload""#), "{out}");
        assert!(out.contains("l.href='/pkg/pamong.wasm'"), "{out}");
        assert!(out.contains(r#"<script nonce="bm9uY2U">"#), "{out}");
        assert!(out.contains(r#"<link rel="modulepreload" href="/pkg/pamong.js">"#));
        assert!(out.ends_with(r#"<script type="module">go()</script></head>"#));
    }

    #[test]
    fn leaves_other_pages_and_odd_urls_alone() {
        assert_eq!(script_only_wasm_preload("<p>no preload</p>", "n"), None);
        assert_eq!(
            script_only_wasm_preload(
                r#"<link rel="preload" href="/x.wasm'+alert(1)+'" as="fetch">"#,
                "n"
            ),
            None
        );
        assert_eq!(
            script_only_wasm_preload(
                r#"<link rel="preload" href="/pkg/pamong.wasm" as="fetch">"#,
                "n\"><script>x"
            ),
            None
        );
    }
}
