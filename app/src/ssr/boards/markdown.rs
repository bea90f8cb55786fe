//! Markdown to HTML that is safe to show: raw HTML in the source is shown as text, and the
//! rendered HTML is cleaned again by ammonia (which also keeps only http, https and mailto
//! links). Post bodies are split into their top-level blocks, each wrapped with an id (`b1`,
//! `b2`, …) that comments anchor to.

use pulldown_cmark::{html, Event, Options, Parser};

/// A post body rendered for showing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RenderedBody {
    pub html: String,
    /// How many top-level blocks (anchors `b1` to `b{blocks}`).
    pub blocks: usize,
}

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS
}

fn cleaner() -> ammonia::Builder<'static> {
    let mut builder = ammonia::Builder::default();
    builder
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .link_rel(Some("noopener noreferrer nofollow ugc"));
    builder
}

/// The Markdown events with raw HTML turned into plain text.
fn events(markdown: &str) -> impl Iterator<Item = Event<'_>> {
    Parser::new_ext(markdown, options()).map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        other => other,
    })
}

/// A comment or short text: one piece of clean HTML.
pub fn render(markdown: &str) -> String {
    let mut raw = String::new();
    html::push_html(&mut raw, events(markdown));
    cleaner().clean(&raw).to_string()
}

/// A post body: each top-level block cleaned on its own and wrapped in
/// `<div class="blok" id="b{n}">`.
pub fn render_blocks(markdown: &str) -> RenderedBody {
    let cleaner = cleaner();
    let mut out = String::new();
    let mut block: Vec<Event<'_>> = Vec::new();
    let mut depth = 0usize;
    let mut blocks = 0usize;
    for event in events(markdown) {
        match &event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        block.push(event);
        if depth == 0 {
            blocks += 1;
            let mut raw = String::new();
            html::push_html(&mut raw, block.drain(..));
            out.push_str(&format!(
                "<div class=\"blok\" id=\"b{blocks}\">{}</div>",
                cleaner.clean(&raw)
            ));
        }
    }
    RenderedBody { html: out, blocks }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_get_anchors_in_order() {
        let body = render_blocks("# Judul\n\nParagraf satu.\n\n- a\n- b\n\n---\n");
        assert_eq!(body.blocks, 4);
        assert!(body
            .html
            .starts_with("<div class=\"blok\" id=\"b1\"><h1>Judul</h1>"));
        assert!(body.html.contains("id=\"b3\"><ul>"));
        assert!(body.html.contains("id=\"b4\"><hr>"));
    }

    #[test]
    fn raw_html_is_shown_as_text_and_bad_links_lose_their_target() {
        let html = render("<script>alert(1)</script> <img src=x onerror=alert(1)>");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        let html = render("klik [x](javascript:alert(1)) lalu <b onclick=alert(1)>tebal</b>");
        assert!(html.starts_with("<p>klik <a"), "{html}");
        assert!(!html.contains("href=\"javascript"), "{html}");
        assert!(!html.contains("<b "), "{html}");
        let html = render("[ok](https://example.id/a?b=1)");
        assert!(html.contains("href=\"https://example.id/a?b=1\""), "{html}");
        assert!(
            html.contains("rel=\"noopener noreferrer nofollow ugc\""),
            "{html}"
        );
    }
}
