//! The XSS payload corpus (`fixtures/xss_payloads.txt`) and a checker that parses HTML the way a
//! browser does (html5ever via `scraper`) and reports everything in it that could run script.

use std::collections::HashSet;
use std::fmt;

use scraper::{ElementRef, Html};

/// The corpus, one payload a line; see the file's header for the format.
const CORPUS: &str = include_str!("../fixtures/xss_payloads.txt");

/// How much of an element's outer HTML a finding quotes.
const SNIPPET_CHARS: usize = 120;

/// Attributes whose value the browser treats as a URL it may navigate to, load or run.
/// (`xlink:href` on SVG and MathML arrives as `href` in the xlink namespace; on HTML elements it
/// keeps its whole name.)
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "xlink:href",
    "src",
    "action",
    "formaction",
    "data",
    "poster",
    "background",
    "codebase",
    "dynsrc",
    "lowsrc",
];

/// Elements that run or embed active content whatever their attributes.
const ACTIVE_ELEMENTS: &[&str] = &[
    "iframe", "frame", "frameset", "object", "embed", "applet", "base",
];

/// `data:` URLs that only ever hold a raster image.
const SAFE_DATA_PREFIXES: &[&str] = &[
    "data:image/png",
    "data:image/jpeg",
    "data:image/gif",
    "data:image/webp",
];

/// Every payload of the corpus: comment lines (`#…`) and blank lines skipped, and the two
/// characters `\n` turned into a newline.
pub fn payloads() -> Vec<String> {
    CORPUS
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(|line| line.replace("\\n", "\n"))
        .collect()
}

/// Something in a page that could run script.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Finding {
    /// What it is and where, with a snippet of the element, e.g.
    /// `event handler onerror on img: <img src="x" onerror="alert(1)">`.
    pub what: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.what)
    }
}

/// Everything in `html` (a whole document or a fragment) that could execute script, in document
/// order.
///
/// A fragment is parsed as the contents of a `<body>` (as `innerHTML` would) and, since it ends
/// up inside a real page, also as a document of its own: only there do `<body onload>` (whose
/// attributes a browser moves to the page's body) or `<frameset>` take effect. The second parse
/// adds only what the first did not find.
pub fn findings(html: &str) -> Vec<Finding> {
    if is_document(html) {
        return findings_in(&Html::parse_document(html));
    }
    let mut out = findings_in(&Html::parse_fragment(html));
    let mut seen: HashSet<Finding> = out.iter().cloned().collect();
    for finding in findings_in(&Html::parse_document(html)) {
        if seen.insert(finding.clone()) {
            out.push(finding);
        }
    }
    out
}

fn findings_in(parsed: &Html) -> Vec<Finding> {
    let mut out = Vec::new();
    // Walk from the root rather than over the whole arena: the tree builder leaves detached nodes
    // behind (adoption agency, foster parenting) that are not part of the page. Template contents
    // are children of their `<template>` here, so inert markup is reported too (on purpose).
    for node in parsed.tree.root().descendants() {
        if let Some(element) = ElementRef::wrap(node) {
            check_element(element, &mut out);
        }
    }
    out
}

/// The findings of `page` that `baseline` (the same page rendered without hostile input) does not
/// have: the page's own hydration scripts appear in both and are ignored.
pub fn new_findings(baseline: &str, page: &str) -> Vec<Finding> {
    let known: HashSet<String> = findings(baseline)
        .into_iter()
        .map(|finding| finding.what)
        .collect();
    findings(page)
        .into_iter()
        .filter(|finding| !known.contains(&finding.what))
        .collect()
}

/// A whole document starts with a doctype or `<html>`; anything else is parsed as the contents of
/// a `<body>`.
fn is_document(html: &str) -> bool {
    let start = html.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    let head: String = start
        .chars()
        .take(9)
        .collect::<String>()
        .to_ascii_lowercase();
    head.starts_with("<!doctype") || head.starts_with("<html")
}

fn check_element(element: ElementRef<'_>, out: &mut Vec<Finding>) {
    let value = element.value();
    let name = value.name();
    let lower = name.to_ascii_lowercase();
    let mut report = |what: String| out.push(Finding { what });

    match lower.as_str() {
        "script" => report(describe_script(element)),
        active if ACTIVE_ELEMENTS.contains(&active) => {
            report(format!("{name} element: {}", snippet(element)))
        }
        "meta"
            if attr_ci(element, "http-equiv")
                .is_some_and(|v| v.trim().eq_ignore_ascii_case("refresh")) =>
        {
            report(format!("meta refresh: {}", snippet(element)))
        }
        "link" => {
            let rel = attr_ci(element, "rel").unwrap_or("");
            if rel
                .split_ascii_whitespace()
                .any(|token| token.eq_ignore_ascii_case("import"))
            {
                report(format!("link rel=import: {}", snippet(element)));
            } else if let Some(href) = attr_ci(element, "href") {
                if !is_same_site(href) {
                    report(format!(
                        "link to another site ({href:?}): {}",
                        snippet(element)
                    ));
                }
            }
        }
        "style" => {
            let text: String = element.text().collect();
            if let Some(danger) = css_danger(&text, true) {
                report(format!("style element with {danger}: {}", snippet(element)));
            }
        }
        "animate" | "set" | "animatetransform" | "animatemotion" => {
            if let Some(target) = attr_ci(element, "attributeName") {
                let target = target.trim().to_ascii_lowercase();
                if target == "href" || target == "xlink:href" || target.starts_with("on") {
                    report(format!(
                        "SVG {name} animating {target}: {}",
                        snippet(element)
                    ));
                }
            }
        }
        _ => {}
    }

    for (attr, attr_value) in value.attrs() {
        let attr_lower = attr.to_ascii_lowercase();
        if attr_lower.starts_with("on") {
            report(format!(
                "event handler {attr} on {name}: {}",
                snippet(element)
            ));
        } else if attr_lower == "srcdoc" {
            report(format!("srcdoc on {name}: {}", snippet(element)));
        } else if URL_ATTRIBUTES.contains(&attr_lower.as_str()) {
            if let Some(scheme) = dangerous_url(attr_value) {
                report(format!(
                    "{scheme} URL in {attr} of {name}: {}",
                    snippet(element)
                ));
            }
        } else if attr_lower == "style" {
            if let Some(danger) = css_danger(attr_value, false) {
                report(format!(
                    "style attribute with {danger} on {name}: {}",
                    snippet(element)
                ));
            }
        }
    }
}

/// A script is identified by its `src` (or SVG `href`) and its trimmed text, not by its markup,
/// so the same script in a baseline and a page compares equal. Long texts are shortened but keep
/// a hash of the whole text, so two different long scripts never compare equal.
fn describe_script(element: ElementRef<'_>) -> String {
    let src = attr_ci(element, "src").or_else(|| attr_ci(element, "href"));
    let src = src.map(|s| format!(" src={s:?}")).unwrap_or_default();
    let text: String = element.text().collect();
    let text = text.trim();
    let shown = if text.chars().count() <= SNIPPET_CHARS {
        one_line(text)
    } else {
        format!(
            "{}… ({} chars, fnv {:016x})",
            one_line(&text.chars().take(SNIPPET_CHARS).collect::<String>()),
            text.chars().count(),
            fnv1a(text)
        )
    };
    format!("script element{src}: {shown}")
}

/// The value of an attribute, its name compared ASCII case-insensitively (SVG attributes such as
/// `attributeName` keep their camel case after parsing).
fn attr_ci<'a>(element: ElementRef<'a>, name: &str) -> Option<&'a str> {
    element
        .value()
        .attrs()
        .find(|(attr, _)| attr.eq_ignore_ascii_case(name))
        .map(|(_, value)| value)
}

/// A URL as the browser's scheme check sees it: ASCII whitespace and control characters removed
/// (browsers drop tabs and newlines anywhere and strip the rest at the ends), lowercased.
fn normalize_url(value: &str) -> String {
    value
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control())
        .collect::<String>()
        .to_ascii_lowercase()
}

/// The scheme of a URL that can run script or hold a document, if it is one.
fn dangerous_url(value: &str) -> Option<&'static str> {
    let url = normalize_url(value);
    if url.starts_with("javascript:") {
        Some("javascript:")
    } else if url.starts_with("vbscript:") {
        Some("vbscript:")
    } else if url.starts_with("data:")
        && !SAFE_DATA_PREFIXES.iter().any(|prefix| {
            url.strip_prefix(prefix)
                .is_some_and(|rest| rest.starts_with(',') || rest.starts_with(';'))
        })
    {
        Some("data:")
    } else {
        None
    }
}

/// Whether a `<link href>` stays on the page's own site: a path (`/…`, `./…`, `…`), a query or
/// a fragment, but not a protocol-relative `//host` (or `/\host`, which browsers read the same).
fn is_same_site(href: &str) -> bool {
    let href = normalize_url(href);
    if href.starts_with("//") || href.starts_with('\\') || href.starts_with("/\\") {
        return false;
    }
    let end = href.find(['/', '?', '#']).unwrap_or(href.len());
    !href[..end].contains(':')
}

/// What in a piece of CSS (a stylesheet when `sheet`, else a `style` attribute) could run script
/// or pull in more CSS, after comments, escapes and whitespace are taken out.
fn css_danger(css: &str, sheet: bool) -> Option<&'static str> {
    let css = normalize_css(css);
    if css.contains("expression(") {
        Some("CSS expression()")
    } else if css.contains("javascript:") {
        Some("a javascript: URL")
    } else if css.contains("vbscript:") {
        Some("a vbscript: URL")
    } else if css.contains("-moz-binding") {
        Some("-moz-binding")
    } else if sheet && css.contains("@import") {
        Some("@import")
    } else {
        None
    }
}

/// CSS with `/* comments */` removed, escapes (`\65 `, `\e`) decoded, whitespace and control
/// characters removed, and lowercased.
fn normalize_css(css: &str) -> String {
    let mut without_comments = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        without_comments.push_str(&rest[..start]);
        rest = match rest[start + 2..].find("*/") {
            Some(end) => &rest[start + 2 + end + 2..],
            None => "",
        };
    }
    without_comments.push_str(rest);

    let mut decoded = String::with_capacity(without_comments.len());
    let mut chars = without_comments.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            decoded.push(c);
            continue;
        }
        let mut hex = String::new();
        while hex.len() < 6 {
            match chars.peek() {
                Some(h) if h.is_ascii_hexdigit() => {
                    hex.push(*h);
                    chars.next();
                }
                _ => break,
            }
        }
        if hex.is_empty() {
            // `\x` stands for `x` itself.
            if let Some(next) = chars.next() {
                decoded.push(next);
            }
        } else {
            if chars.peek().is_some_and(|w| w.is_ascii_whitespace()) {
                chars.next();
            }
            let code = u32::from_str_radix(&hex, 16).unwrap_or(0xFFFD);
            decoded.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
        }
    }

    decoded
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_lowercase()
}

/// The element's outer HTML on one line, cut to about [`SNIPPET_CHARS`] characters.
fn snippet(element: ElementRef<'_>) -> String {
    let html = element.html();
    if html.chars().count() <= SNIPPET_CHARS {
        one_line(&html)
    } else {
        format!(
            "{}…",
            one_line(&html.chars().take(SNIPPET_CHARS).collect::<String>())
        )
    }
}

fn one_line(text: &str) -> String {
    text.replace(['\n', '\r', '\t'], " ")
}

/// 64-bit FNV-1a, enough to tell two long script texts apart in a finding.
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_found(html: &str, needle: &str) {
        let found = findings(html);
        assert!(
            found.iter().any(|f| f.what.contains(needle)),
            "expected a finding containing {needle:?} in {html:?}, got {found:#?}"
        );
    }

    fn assert_clean(html: &str) {
        let found = findings(html);
        assert!(
            found.is_empty(),
            "expected {html:?} to be clean, got {found:#?}"
        );
    }

    #[test]
    fn corpus_is_large_and_has_no_duplicates() {
        let all = payloads();
        assert!(all.len() >= 100, "only {} payloads", all.len());
        let mut seen = HashSet::new();
        for payload in &all {
            assert!(!payload.trim().is_empty());
            assert!(!payload.starts_with('#'), "{payload:?}");
            assert!(seen.insert(payload), "duplicate payload {payload:?}");
        }
        assert!(
            all.iter().any(|p| p.contains('\n')),
            "`\\n` should become a newline"
        );
        assert!(all.iter().all(|p| !p.contains("\\n")));
    }

    #[test]
    fn hostile_samples_are_found() {
        assert_found("<script>alert(1)</script>", "script element: alert(1)");
        assert_found(
            "<img src=x onerror=alert(1)>",
            "event handler onerror on img",
        );
        assert_found(
            r#"<a href="&#106;avascript:alert(1)">x</a>"#,
            "javascript: URL in href of a",
        );
        assert_found(
            "<a href=\"java\tscript:alert(1)\">x</a>",
            "javascript: URL in href of a",
        );
        assert_found(
            r#"<a href="java&#10;script:alert(1)">x</a>"#,
            "javascript: URL in href of a",
        );
        assert_found(
            r#"<iframe srcdoc="<script>alert(1)</script>"></iframe>"#,
            "srcdoc on iframe",
        );
        assert_found(
            r#"<iframe srcdoc="<script>alert(1)</script>"></iframe>"#,
            "iframe element",
        );
        assert_found(
            r#"<svg><animate attributeName=href values="javascript:alert(1)"/></svg>"#,
            "SVG animate animating href",
        );
        assert_found(
            r#"<svg><set attributeName="onmouseover" to="alert(1)"/></svg>"#,
            "SVG set animating onmouseover",
        );
        assert_found(
            r#"<meta http-equiv="refresh" content="0;url=javascript:alert(1)">"#,
            "meta refresh",
        );
        assert_found(
            r#"<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>"#,
            "javascript: URL in href of a",
        );
        assert_found(
            r#"<form><button formaction="javascript:alert(1)">x</button></form>"#,
            "javascript: URL in formaction of button",
        );
        assert_found(
            r#"<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>"#,
            "data: URL in href of a",
        );
        assert_found(r#"<a href="VBScript:alert(1)">x</a>"#, "vbscript: URL");
        assert_found(r#"<object data="x.swf"></object>"#, "object element");
        assert_found(r#"<embed src="x.swf">"#, "embed element");
        assert_found(r#"<base href="https://evil.example/">"#, "base element");
        assert_found(
            r#"<link rel="stylesheet" href="https://evil.example/x.css">"#,
            "link to another site",
        );
        assert_found(
            r#"<link rel="stylesheet" href="//evil.example/x.css">"#,
            "link",
        );
        assert_found(r#"<link rel="import" href="/x.html">"#, "link rel=import");
        assert_found(
            "<style>@import 'x.css';</style>",
            "style element with @import",
        );
        assert_found(
            "<style>body{width:expr/**/ession(alert(1))}</style>",
            "CSS expression()",
        );
        assert_found(
            r#"<div style="background:url('javascript:alert(1)')">x</div>"#,
            "style attribute with a javascript: URL on div",
        );
        assert_found(
            r#"<div style="x:\65 xpression(alert(1))">x</div>"#,
            "CSS expression()",
        );
        // Parser differentials: these are only found because the text is parsed like a browser.
        assert_found(
            r#"<noscript><p title="</noscript><img src=x onerror=alert(1)>">"#,
            "event handler onerror on img",
        );
        assert_found(
            "<svg><style><img src=x onerror=alert(1)></style></svg>",
            "event handler onerror on img",
        );
        assert_found("<svg><script>alert(1)</script></svg>", "script element");
        assert_found(
            "<IMG SRC=x OnErRoR=alert(1)>",
            "event handler onerror on img",
        );
    }

    #[test]
    fn fragments_are_also_read_as_a_page() {
        assert_found("<body onload=alert(1)>", "event handler onload on body");
        assert_found(
            r#"<frameset><frame src="javascript:alert(1)"></frameset>"#,
            "javascript: URL in src of frame",
        );
        assert_eq!(findings("<img src=x onerror=alert(1)>").len(), 1);
    }

    #[test]
    fn markdown_output_of_every_payload_is_clean() {
        use app::ssr::boards::markdown::{render, render_blocks};
        for payload in payloads() {
            for html in [render(&payload), render_blocks(&payload).html] {
                let found = findings(&html);
                assert!(
                    found.is_empty(),
                    "{payload:?} rendered as {html:?}: {found:#?}"
                );
            }
        }
    }

    #[test]
    fn whole_documents_are_checked() {
        let page = "  <!DOCTYPE html><html><head><title>t</title></head>\
                    <body onload=alert(1)><p>x</p></body></html>";
        assert!(is_document(page));
        assert!(!is_document("<p>x</p>"));
        assert_found(page, "event handler onload on body");
    }

    #[test]
    fn harmless_html_is_clean() {
        assert_clean(
            r#"<p>Hello <a href="https://example.org" rel="noopener">x</a> <code>&lt;script&gt;</code></p>"#,
        );
        assert_clean("<p>&lt;img src=x onerror=alert(1)&gt;</p>");
        assert_clean("&lt;img src=x onerror=alert(1)&gt;");
        assert_clean("<p>Teks dengan javascript:alert(1) di tengahnya.</p>");
        assert_clean(r#"<a title="javascript:alert(1)" href="/papan/1">x</a>"#);
        assert_clean(r#"<img src="data:image/png;base64,iVBORw0KGgo=" alt="x">"#);
        assert_clean(r#"<img src="/gambar/x.webp" alt="onerror=alert(1)">"#);
        assert_clean(r#"<link rel="stylesheet" href="/pkg/pamong.css">"#);
        assert_clean(r#"<link rel="modulepreload" href="pkg/pamong.js">"#);
        assert_clean(r#"<meta name="viewport" content="width=device-width">"#);
        assert_clean("<style>body{scroll-behavior:smooth;background:url(/a.png)}</style>");
        assert_clean(r#"<div style="color:red;background:url(/a.png)">x</div>"#);
        assert_clean(r#"<form method="post" action="/masuk"><button>Masuk</button></form>"#);
        assert_clean("<pre><code>&lt;script&gt;alert(1)&lt;/script&gt;</code></pre>");
    }

    #[test]
    fn new_findings_ignores_what_the_baseline_has() {
        let baseline = r#"<!DOCTYPE html><html><head><script type="module">import('/pkg/pamong.js').then(m => m.hydrate())</script></head><body><p>Halo</p></body></html>"#;
        assert_eq!(findings(baseline).len(), 1);
        let page = r#"<!DOCTYPE html><html><head><script type="module">
            import('/pkg/pamong.js').then(m => m.hydrate())
        </script></head><body><p>Halo &lt;script&gt;</p></body></html>"#;
        assert!(new_findings(baseline, page).is_empty());

        let hostile = r#"<!DOCTYPE html><html><head><script type="module">import('/pkg/pamong.js').then(m => m.hydrate())</script></head><body><p>Halo <img src=x onerror=alert(1)></p></body></html>"#;
        let new = new_findings(baseline, hostile);
        assert_eq!(new.len(), 1, "{new:#?}");
        assert!(new[0].what.starts_with("event handler onerror on img"));
    }

    #[test]
    fn long_scripts_that_differ_late_do_not_compare_equal() {
        let a = format!("<script>{}A</script>", "x".repeat(300));
        let b = format!("<script>{}B</script>", "x".repeat(300));
        assert_eq!(new_findings(&a, &b).len(), 1);
        assert!(new_findings(&a, &a).is_empty());
    }
}
