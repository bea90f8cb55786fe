//! Markdown to HTML that is safe to show: raw HTML in the source is shown as text, and the
//! rendered HTML is cleaned again by ammonia (which also keeps only http, https and mailto
//! links). Images load only from this site's own attachments: an image from anywhere else would
//! tell that host who read the post and when (a tracking pixel), so it becomes a plain link to
//! its address. Post bodies are split into their top-level blocks, each wrapped with an id (`b1`,
//! `b2`, …) that comments anchor to, named by [`BlockAnchor`].

use pulldown_cmark::{html, CowStr, Event, Options, Parser, Tag, TagEnd};
use std::borrow::Cow;

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

/// Whether an image at `url` may be loaded by readers' browsers: only this site's own
/// attachments, `/papan/lampiran/{id}` (a download that checks the reader's right, as the post
/// page does).
pub fn is_own_image(url: &str) -> bool {
    url.strip_prefix("/papan/lampiran/")
        .is_some_and(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()))
}

fn cleaner() -> ammonia::Builder<'static> {
    let mut builder = ammonia::Builder::default();
    builder
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .link_rel(Some("noopener noreferrer nofollow ugc"))
        // The events below already turned other images into links; this holds even if one slips
        // through (an image without a source loads nothing).
        .attribute_filter(|element, attribute, value| match (element, attribute) {
            ("img", "src") if !is_own_image(value) => None,
            _ => Some(Cow::Borrowed(value)),
        });
    builder
}

/// What an image in the source became.
enum Image {
    /// Ours: shown as an image.
    Own,
    /// From elsewhere: a link to its address, whose text is the image's description (or, when
    /// it has none, the address).
    Link { url: String, has_text: bool },
    /// From elsewhere inside a link or another image: only its description is kept as text.
    Text,
}

/// The Markdown events with raw HTML turned into plain text and images from other hosts turned
/// into links (or, inside a link, into their description).
struct SafeEvents<'a> {
    parser: Parser<'a>,
    /// Images open now, innermost last.
    images: Vec<Image>,
    /// Links (and images) open now: an image inside one cannot become a link itself.
    inside_link: usize,
    /// An event to give out before reading on.
    pending: Option<Event<'a>>,
}

impl<'a> Iterator for SafeEvents<'a> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        if let Some(event) = self.pending.take() {
            return Some(event);
        }
        loop {
            let event = self.parser.next()?;
            return Some(match event {
                Event::Html(raw) | Event::InlineHtml(raw) => self.text(raw),
                Event::Text(text) => self.text(text),
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    self.inside_link += 1;
                    Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    })
                }
                Event::End(TagEnd::Link) => {
                    self.inside_link = self.inside_link.saturating_sub(1);
                    Event::End(TagEnd::Link)
                }
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    let (image, event) = if is_own_image(&dest_url) {
                        let tag = Tag::Image {
                            link_type,
                            dest_url,
                            title,
                            id,
                        };
                        (Image::Own, Some(Event::Start(tag)))
                    } else if self.inside_link > 0 {
                        (Image::Text, None)
                    } else {
                        let url = dest_url.to_string();
                        let tag = Tag::Link {
                            link_type,
                            dest_url,
                            title,
                            id,
                        };
                        let image = Image::Link {
                            url,
                            has_text: false,
                        };
                        (image, Some(Event::Start(tag)))
                    };
                    self.inside_link += 1;
                    self.images.push(image);
                    match event {
                        Some(event) => event,
                        None => continue,
                    }
                }
                Event::End(TagEnd::Image) => {
                    self.inside_link = self.inside_link.saturating_sub(1);
                    match self.images.pop() {
                        Some(Image::Own) | None => Event::End(TagEnd::Image),
                        Some(Image::Text) => continue,
                        Some(Image::Link { url, has_text }) => {
                            if has_text {
                                Event::End(TagEnd::Link)
                            } else {
                                self.pending = Some(Event::End(TagEnd::Link));
                                Event::Text(CowStr::from(url))
                            }
                        }
                    }
                }
                other => other,
            });
        }
    }
}

impl<'a> SafeEvents<'a> {
    /// Text (raw HTML included, as text), noting that the innermost image has a description.
    fn text(&mut self, text: CowStr<'a>) -> Event<'a> {
        if let Some(Image::Link { has_text, .. }) = self.images.last_mut() {
            *has_text |= !text.trim().is_empty();
        }
        Event::Text(text)
    }
}

/// The Markdown events, made safe (see [`SafeEvents`]).
fn events(markdown: &str) -> impl Iterator<Item = Event<'_>> {
    SafeEvents {
        parser: Parser::new_ext(markdown, options()),
        images: Vec::new(),
        inside_link: 0,
        pending: None,
    }
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

    #[test]
    fn images_load_only_from_our_attachments() {
        let html = render("![piksel](https://tracker.example/p.png)");
        assert!(!html.contains("<img"), "{html}");
        assert!(
            html.contains("<a href=\"https://tracker.example/p.png\"")
                && html.contains(">piksel</a>"),
            "{html}"
        );
        // Without a description the link shows its address.
        let html = render("![](https://tracker.example/p.png)");
        assert!(
            !html.contains("<img") && html.contains(">https://tracker.example/p.png</a>"),
            "{html}"
        );
        // Protocol-relative, backslash and reference forms are other hosts too.
        for source in [
            "![x](//tracker.example/p.png)",
            "![x](/\\tracker.example/p.png)",
            "![x][p]\n\n[p]: https://tracker.example/p.png",
            "![x](/papan/lampiran/1/../../x)",
            "![x](http://127.0.0.1/papan/lampiran/1)",
        ] {
            let html = render(source);
            assert!(!html.contains("<img"), "{source}: {html}");
        }
        // Inside a link the image keeps only its description.
        let html = render("[![x](https://tracker.example/p.png)](https://example.id/)");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains(">x</a>"), "{html}");
        assert_eq!(html.matches("<a ").count(), 1, "{html}");
        // Our own attachment stays an image, in comments and in post bodies.
        let html = render("![modul](/papan/lampiran/12)");
        assert!(
            html.contains("<img src=\"/papan/lampiran/12\" alt=\"modul\">"),
            "{html}"
        );
        let body =
            render_blocks("Gambar:\n\n![a](/papan/lampiran/3) ![b](https://x.example/b.gif)");
        assert!(
            body.html.contains("<img src=\"/papan/lampiran/3\""),
            "{}",
            body.html
        );
        assert!(
            !body.html.contains("x.example/b.gif\" alt"),
            "{}",
            body.html
        );
        assert_eq!(body.html.matches("<img").count(), 1, "{}", body.html);
    }
}
