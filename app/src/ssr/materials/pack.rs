//! A module's offline pack: one self-contained HTML file (inline CSS, the resized pictures as
//! base64 `data:` URLs, attachments listed with their size but not embedded) that a phone's
//! browser opens with no connection.
//!
//! The pack is made on demand, never stored. Its size, shown before the download, is computed
//! from the same pieces without reading the pictures: the text is rendered, and each picture
//! counts as the exact length of its `data:` URL, known from the resized copy's stored size.

use crate::i18n::{text, text_with};
use crate::model::materials::size_text;
use crate::model::Lang;
use crate::ssr::mail::template::escape;

/// The start of an embedded picture's address: `data:<type>;base64,`.
fn data_prefix(mime: &str) -> String {
    format!("data:{mime};base64,")
}

/// A picture in a pack: its file id and its resized copy's size in bytes.
#[derive(Clone, Debug)]
pub struct PackPicture {
    pub file_id: i64,
    pub name: String,
    pub mime: String,
    pub small_bytes: i64,
    pub width: i64,
    pub height: i64,
}

/// A unit in a pack.
#[derive(Clone, Debug)]
pub struct PackUnit {
    pub title: String,
    /// Clean HTML of the body (already sanitised).
    pub body_html: String,
    pub pictures: Vec<PackPicture>,
    /// Name and size of each attachment.
    pub attachments: Vec<(String, i64)>,
    pub video: Option<(String, Option<i64>)>,
    /// Not yet open to the reader: listed without its content.
    pub locked: bool,
}

/// A piece of the pack: text, or the place of a picture's `data:` URL.
#[derive(Clone, Debug)]
pub enum Piece {
    Text(String),
    Picture {
        file_id: i64,
        mime: String,
        small_bytes: i64,
    },
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;line-height:1.5;margin:0 auto;\
max-width:46rem;padding:1rem;color:#1b2a27}h1{font-size:1.4rem}h2{font-size:1.2rem;\
border-top:1px solid #cfd8d5;padding-top:1rem}img{max-width:100%;height:auto}\
.meta{color:#51615d;font-size:.9rem}ul{padding-left:1.2rem}";

/// The pieces of a pack of module `title` of program `program`, in `lang`.
pub fn pieces(lang: Lang, program: &str, title: &str, units: &[PackUnit]) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut html = format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{}</title><style>{STYLE}</style></head><body>\
         <p class=\"meta\">{}</p><h1>{}</h1><p class=\"meta\">{}</p>",
        lang.code(),
        escape(title),
        escape(program),
        escape(title),
        escape(&text(lang, "materials.pack_note")),
    );
    for unit in units {
        html.push_str(&format!("<section><h2>{}</h2>", escape(&unit.title)));
        if unit.locked {
            html.push_str(&format!(
                "<p class=\"meta\">{}</p></section>",
                escape(&text(lang, "materials.pack_locked"))
            ));
            continue;
        }
        html.push_str(&unit.body_html);
        if let Some((url, minutes)) = &unit.video {
            let label = match minutes {
                Some(m) => text_with(lang, "materials.video_minutes", &[("n", &m.to_string())]),
                None => text(lang, "materials.video"),
            };
            html.push_str(&format!("<p>{}: {}</p>", escape(&label), escape(url)));
        }
        for picture in &unit.pictures {
            html.push_str("<figure><img src=\"");
            out.push(Piece::Text(std::mem::take(&mut html)));
            out.push(Piece::Picture {
                file_id: picture.file_id,
                mime: picture.mime.clone(),
                small_bytes: picture.small_bytes,
            });
            html.push_str(&format!(
                "\" width=\"{}\" height=\"{}\" alt=\"{}\"><figcaption class=\"meta\">{}</figcaption></figure>",
                picture.width,
                picture.height,
                escape(&picture.name),
                escape(&picture.name)
            ));
        }
        if !unit.attachments.is_empty() {
            html.push_str(&format!(
                "<p>{}</p><ul>",
                escape(&text(lang, "materials.attachments_offline"))
            ));
            for (name, size) in &unit.attachments {
                html.push_str(&format!("<li>{} ({})</li>", escape(name), size_text(*size)));
            }
            html.push_str("</ul>");
        }
        html.push_str("</section>");
    }
    html.push_str("</body></html>");
    out.push(Piece::Text(html));
    out
}

/// Length of the base64 of `n` bytes (padded).
fn base64_len(n: i64) -> i64 {
    (n + 2) / 3 * 4
}

/// The exact size of the pack the pieces make, in bytes.
pub fn size(pieces: &[Piece]) -> i64 {
    pieces
        .iter()
        .map(|p| match p {
            Piece::Text(t) => t.len() as i64,
            Piece::Picture {
                mime, small_bytes, ..
            } => data_prefix(mime).len() as i64 + base64_len(*small_bytes),
        })
        .sum()
}

/// The pack itself, each picture's bytes given by `picture(file_id)` (empty when missing).
pub fn assemble(pieces: &[Piece], picture: impl Fn(i64) -> Vec<u8>) -> String {
    use base64::Engine;
    let mut out = String::new();
    for piece in pieces {
        match piece {
            Piece::Text(t) => out.push_str(t),
            Piece::Picture { file_id, mime, .. } => {
                out.push_str(&data_prefix(mime));
                out.push_str(&base64::engine::general_purpose::STANDARD.encode(picture(*file_id)));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_size_told_before_is_the_size_served() {
        let units = vec![PackUnit {
            title: "Unit <1>".into(),
            body_html: "<p>Isi</p>".into(),
            pictures: vec![PackPicture {
                file_id: 7,
                name: "foto.png".into(),
                mime: "image/png".into(),
                small_bytes: 10,
                width: 4,
                height: 3,
            }],
            attachments: vec![("modul.pdf".into(), 2048)],
            video: Some(("https://video.example/1".into(), Some(12))),
            locked: false,
        }];
        let pieces = pieces(Lang::Id, "Program", "Modul", &units);
        let served = assemble(&pieces, |_| vec![1u8; 10]);
        assert_eq!(served.len() as i64, size(&pieces));
        assert!(served.contains("Unit &lt;1&gt;") && served.contains("modul.pdf (2 kB)"));
    }
}
