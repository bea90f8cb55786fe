//! DejaVu Sans embedded as a TrueType CID font cut down by typst's `subsetter` to the glyphs a
//! document uses, with a ToUnicode map so that its text can be searched and copied. Glyphs are
//! numbered in the order the document first uses them, so the same text gives the same bytes.

use super::deflate;
use pdf_writer::types::{CidFontType, FontFlags, SystemInfo};
use pdf_writer::{Filter, Finish, Name, Pdf, Rect, Ref, Str};
use std::collections::BTreeMap;

/// DejaVu Sans (Bitstream Vera license with DejaVu changes: see `DejaVuSans-LICENSE.txt`).
pub static DEJAVU_SANS: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");

/// The font, the glyphs used so far (renumbered for the subset) and their widths.
pub struct Glyphs<'f> {
    face: ttf_parser::Face<'f>,
    remapper: subsetter::GlyphRemapper,
    /// New glyph id → (advance in font units, the text it stands for).
    used: BTreeMap<u16, (u16, char)>,
    units: f32,
}

impl<'f> Glyphs<'f> {
    /// The glyphs of `font` (TrueType), none used yet; `None` when the font cannot be read.
    pub fn new(font: &'f [u8]) -> Option<Glyphs<'f>> {
        let face = ttf_parser::Face::parse(font, 0).ok()?;
        let units = f32::from(face.units_per_em());
        let mut remapper = subsetter::GlyphRemapper::new();
        // Glyph 0 (.notdef) stays glyph 0.
        remapper.remap(0);
        Some(Glyphs {
            face,
            remapper,
            used: BTreeMap::new(),
            units,
        })
    }

    fn glyph(&self, c: char) -> u16 {
        self.face.glyph_index(c).map_or(0, |g| g.0)
    }

    /// The width of `text` at `size` points.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let units: u32 = text
            .chars()
            .map(|c| {
                let g = ttf_parser::GlyphId(self.glyph(c));
                u32::from(self.face.glyph_hor_advance(g).unwrap_or(0))
            })
            .sum();
        units as f32 * size / self.units
    }

    /// `text` cut into lines no wider than `width` at `size`, at spaces (a word wider than the
    /// line stays whole on a line of its own).
    pub fn wrap(&self, text: &str, size: f32, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        let mut current = String::new();
        for word in text.split(' ') {
            let candidate = if current.is_empty() {
                word.to_string()
            } else {
                format!("{current} {word}")
            };
            if !current.is_empty() && self.width(&candidate, size) > width {
                lines.push(std::mem::replace(&mut current, word.to_string()));
            } else {
                current = candidate;
            }
        }
        lines.push(current);
        lines
    }

    /// `text` at `size` cut to fit `width`, with an ellipsis when something was cut.
    pub fn truncate(&self, text: &str, size: f32, width: f32) -> String {
        if self.width(text, size) <= width {
            return text.to_string();
        }
        let ellipsis = '\u{2026}';
        let room = width - self.width("\u{2026}", size);
        let mut out = String::new();
        for c in text.chars() {
            out.push(c);
            if self.width(&out, size) > room {
                out.pop();
                break;
            }
        }
        out.truncate(out.trim_end().len());
        out.push(ellipsis);
        out
    }

    /// `text` as the two-byte codes (new glyph ids) a content stream shows.
    pub fn encode(&mut self, text: &str) -> Vec<u8> {
        let mut out = Vec::with_capacity(text.len() * 2);
        for c in text.chars() {
            let old = self.glyph(c);
            let new = self.remapper.remap(old);
            let advance = self
                .face
                .glyph_hor_advance(ttf_parser::GlyphId(old))
                .unwrap_or(0);
            self.used.entry(new).or_insert((advance, c));
            out.extend_from_slice(&new.to_be_bytes());
        }
        out
    }

    /// Writes the font objects for the glyphs used: the Type 0 font at `first` (the one pages
    /// name in their resources), then its CID font, descriptor, subset font file and ToUnicode
    /// map at the four ids after it. `font` is the file [`Glyphs::new`] read.
    pub fn write(&self, pdf: &mut Pdf, font: &[u8], first: Ref) -> Option<()> {
        let type0 = first;
        let cid = Ref::new(first.get() + 1);
        let descriptor = Ref::new(first.get() + 2);
        let font_file = Ref::new(first.get() + 3);
        let to_unicode = Ref::new(first.get() + 4);
        let base_font = Name(b"AAAAAA+DejaVuSans");
        let system = SystemInfo {
            registry: Str(b"Adobe"),
            ordering: Str(b"Identity"),
            supplement: 0,
        };
        pdf.type0_font(type0)
            .base_font(base_font)
            .encoding_predefined(Name(b"Identity-H"))
            .descendant_font(cid)
            .to_unicode(to_unicode);
        let scale = 1000.0 / self.units;
        let mut cid_font = pdf.cid_font(cid);
        cid_font
            .subtype(CidFontType::Type2)
            .base_font(base_font)
            .system_info(system)
            .font_descriptor(descriptor)
            .default_width(0.0)
            .cid_to_gid_map_predefined(Name(b"Identity"));
        {
            let mut widths = cid_font.widths();
            for (&gid, &(advance, _)) in &self.used {
                widths.consecutive(gid, [f32::from(advance) * scale]);
            }
        }
        cid_font.finish();
        let face = &self.face;
        let bbox = face.global_bounding_box();
        pdf.font_descriptor(descriptor)
            .name(base_font)
            .flags(FontFlags::NON_SYMBOLIC)
            .bbox(Rect::new(
                f32::from(bbox.x_min) * scale,
                f32::from(bbox.y_min) * scale,
                f32::from(bbox.x_max) * scale,
                f32::from(bbox.y_max) * scale,
            ))
            .italic_angle(0.0)
            .ascent(f32::from(face.ascender()) * scale)
            .descent(f32::from(face.descender()) * scale)
            .cap_height(f32::from(face.capital_height().unwrap_or(face.ascender())) * scale)
            .stem_v(80.0)
            .font_file2(font_file);
        let subset = subsetter::subset(font, 0, &self.remapper).ok()?;
        pdf.stream(font_file, &deflate(&subset))
            .filter(Filter::FlateDecode)
            .pair(Name(b"Length1"), subset.len() as i32);
        let mut cmap = pdf_writer::types::UnicodeCmap::new(Name(b"Custom"), system);
        for (&gid, &(_, c)) in &self.used {
            if gid != 0 {
                cmap.pair(gid, c);
            }
        }
        let cmap = cmap.finish();
        pdf.cmap(to_unicode, &deflate(&cmap))
            .filter(Filter::FlateDecode);
        Some(())
    }
}
