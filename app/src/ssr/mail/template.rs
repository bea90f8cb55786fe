//! The parts of an e-mail: a plain-text part and a light HTML part built from the same heading,
//! paragraphs and action link, every value escaped; and absolute links to the site.

use crate::i18n::text;
use crate::model::Lang;
use std::sync::RwLock;

/// The public base URL used when no server has set one (a development server's address).
pub const DEFAULT_PUBLIC_URL: &str = "http://127.0.0.1:3000";

/// The public base URL of this process, set by the server at start-up.
static PUBLIC_URL: RwLock<Option<String>> = RwLock::new(None);

/// Sets the public base URL links are made from (`https://pamong.example.id`).
pub fn set_public_url(url: &str) {
    if let Ok(mut slot) = PUBLIC_URL.write() {
        *slot = Some(url.trim_end_matches('/').to_string());
    }
}

/// The absolute URL of `path` on the site: the public base URL of the server handling the request
/// (setting `public_url`), else the one the process was started with.
pub fn link(path: &str) -> String {
    let base = leptos::prelude::use_context::<crate::ssr::AppState>()
        .map(|state| state.settings.public_url.clone())
        .filter(|url| !url.is_empty())
        .or_else(|| PUBLIC_URL.read().ok().and_then(|url| url.clone()))
        .unwrap_or_else(|| DEFAULT_PUBLIC_URL.to_string());
    let base = base.trim_end_matches('/');
    if path.starts_with('/') {
        format!("{base}{path}")
    } else {
        format!("{base}/{path}")
    }
}

/// `text` with the characters that mean something in HTML replaced by entities.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// The text and HTML parts of a message in `lang`: a heading, paragraphs, and an optional action
/// (its label and absolute URL), with the footer that says where the message comes from. Callers
/// pass plain text: every value is escaped here.
pub fn layout(
    lang: Lang,
    heading: &str,
    paragraphs: &[String],
    action: Option<(&str, &str)>,
) -> (String, String) {
    let footer = text(lang, "mail.footer");
    let mut plain = format!("{heading}\n\n");
    for paragraph in paragraphs {
        plain.push_str(paragraph);
        plain.push_str("\n\n");
    }
    if let Some((label, url)) = action {
        plain.push_str(&format!("{label}:\n{url}\n\n"));
    }
    plain.push_str("-- \n");
    plain.push_str(&footer);
    plain.push('\n');

    let mut html = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title></head>\
         <body style=\"font-family:sans-serif;line-height:1.5;color:#1b1b1b;max-width:36em\">\
         <h1 style=\"font-size:1.3em;color:#0f5c4c\">{}</h1>",
        lang.code(),
        escape(heading),
        escape(heading)
    );
    for paragraph in paragraphs {
        html.push_str(&format!("<p>{}</p>", escape(paragraph)));
    }
    if let Some((label, url)) = action {
        let url = escape(url);
        html.push_str(&format!(
            "<p><a href=\"{url}\" style=\"display:inline-block;padding:.6em 1.2em;\
             background:#0f5c4c;color:#fff;text-decoration:none;border-radius:4px\">{}</a></p>\
             <p style=\"font-size:.9em\">{url}</p>",
            escape(label)
        ));
    }
    html.push_str(&format!(
        "<hr><p style=\"font-size:.85em;color:#555\">{}</p></body></html>\n",
        escape(&footer)
    ));
    (plain, html)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_is_escaped_in_the_html_part_and_kept_in_the_text_part() {
        let name = "<script>alert('x')</script> & \"co\"";
        let (plain, html) = layout(
            Lang::Id,
            &format!("Halo {name}"),
            &[format!("Akun {name} siap.")],
            Some(("Buka <b>", "https://pamong.example/a?x=1&y=\"2\"")),
        );
        assert!(plain.contains(name), "{plain}");
        assert!(!html.contains("<script>"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
        assert!(
            html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;co&quot;"),
            "{html}"
        );
        assert!(
            html.contains("href=\"https://pamong.example/a?x=1&amp;y=&quot;2&quot;\""),
            "{html}"
        );
        assert!(
            html.starts_with("<!DOCTYPE html>\n<html lang=\"id\">"),
            "{html}"
        );
    }

    #[test]
    fn links_are_absolute() {
        let made = link("/aktivasi?kode=1");
        assert!(made.starts_with("http"), "{made}");
        assert!(made.ends_with("/aktivasi?kode=1"), "{made}");
        assert!(!made.contains("//aktivasi"), "{made}");
    }
}
