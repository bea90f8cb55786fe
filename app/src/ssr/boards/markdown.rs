//! Markdown to HTML that is safe to show: raw HTML in the source is shown as text, and the
//! rendered HTML is cleaned again by ammonia (which also keeps only http, https and mailto
//! links). Post bodies are split into their top-level blocks, each wrapped with an id (`b1`,
//! `b2`, …) that comments anchor to, named by [`BlockAnchor`].

use pulldown_cmark::{html, Event, Options, Parser};

/// A post body rendered for showing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RenderedBody {
    pub html: String,
    /// How many top-level blocks (anchors `b1` to `b{blocks}`).
    pub blocks: usize,
}

/// The block of a post body a comment is anchored to: `b1`, `b2`, … Only that form parses, so
/// the database holds one spelling per block (never `b+1`, `b01` or ` b1`), the one the page's
/// block ids use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BlockAnchor(u32);

impl BlockAnchor {
    /// Far more blocks than a body of the longest allowed length can have.
    pub const MAX: u32 = 99_999;

    /// Block `n` (1-based), if it is in range.
    pub fn new(n: u32) -> Option<BlockAnchor> {
        (1..=Self::MAX).contains(&n).then_some(BlockAnchor(n))
    }

    /// `b` and the block's number in decimal digits, without sign or leading zero.
    pub fn parse(text: &str) -> Option<BlockAnchor> {
        let digits = text.strip_prefix('b')?;
        let canonical = !digits.is_empty()
            && digits.len() <= 5
            && digits.bytes().all(|b| b.is_ascii_digit())
            && !digits.starts_with('0');
        if !canonical {
            return None;
        }
        digits.parse().ok().and_then(BlockAnchor::new)
    }

    /// The block's number, from 1.
    pub fn number(self) -> u32 {
        self.0
    }
}

impl std::fmt::Display for BlockAnchor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "b{}", self.0)
    }
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
    fn anchors_parse_only_in_their_one_spelling() {
        for good in ["b1", "b9", "b42", "b99999"] {
            let anchor = BlockAnchor::parse(good).expect(good);
            assert_eq!(anchor.to_string(), good);
        }
        assert_eq!(BlockAnchor::parse("b42").map(BlockAnchor::number), Some(42));
        for bad in [
            "",
            "b",
            "b0",
            "b01",
            "b+1",
            "b-1",
            " b1",
            "b1 ",
            "B1",
            "1",
            "b1x",
            "bb1",
            "b１",
            "b100000",
            "b4294967297",
        ] {
            assert_eq!(BlockAnchor::parse(bad), None, "{bad:?}");
        }
        assert_eq!(BlockAnchor::new(0), None);
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
