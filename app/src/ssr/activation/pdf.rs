//! The activation letters as PDF: A4 pages of left-aligned text lines in the built-in Helvetica
//! fonts (every PDF reader has them, so nothing is embedded), wrapped at the margin. The PDF
//! objects, cross-reference table and string escaping are pdf-writer's; what is ours is the
//! layout and the text encoding: WinAnsi (Latin-1 for the accented letters of Indonesian names),
//! a character outside it printed as `?`.

use pdf_writer::{Content, Name, Pdf, Rect, Ref, Str};

/// A4 in points.
const PAGE_WIDTH: f32 = 595.28;
const PAGE_HEIGHT: f32 = 841.89;
/// Left, right and top margin in points.
const MARGIN: f32 = 64.0;

/// One line of a page: its text, its size in points and whether it is bold.
pub type Line = (String, f32, bool);

/// `text` in WinAnsi bytes (pdf-writer escapes them for the string literal).
fn win_ansi(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            ' '..='~' => c as u8,
            '\u{a0}'..='\u{ff}' => c as u32 as u8,
            '\u{2013}' => 0x96,
            '\u{2014}' => 0x97,
            '\u{2018}' => 0x91,
            '\u{2019}' => 0x92,
            '\u{201c}' => 0x93,
            '\u{201d}' => 0x94,
            _ => b'?',
        })
        .collect()
}

/// `text` cut into lines of at most `width` points in Helvetica at `size` (an average letter
/// width, on the safe side), at spaces where there are any.
fn wrap(text: &str, size: f32, width: f32) -> Vec<String> {
    let per_line = ((width / (size * 0.56)) as usize).max(10);
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in text.split(' ') {
        let mut word = word.to_string();
        while word.chars().count() > per_line {
            if !current.is_empty() {
                lines.push(std::mem::take(&mut current));
            }
            let head: String = word.chars().take(per_line).collect();
            word = word.chars().skip(per_line).collect();
            lines.push(head);
        }
        let needed =
            current.chars().count() + usize::from(!current.is_empty()) + word.chars().count();
        if needed > per_line && !current.is_empty() {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(&word);
    }
    lines.push(current);
    lines
}

/// Resource names of the two fonts on every page.
const REGULAR: Name = Name(b"F1");
const BOLD: Name = Name(b"F2");

/// The content stream of one page.
fn page_content(lines: &[Line]) -> Vec<u8> {
    let mut content = Content::new();
    let mut y = PAGE_HEIGHT - MARGIN;
    for (text, size, bold) in lines {
        for part in wrap(text, *size, PAGE_WIDTH - 2.0 * MARGIN) {
            y -= size * 1.4;
            if !part.is_empty() {
                let encoded = win_ansi(&part);
                content
                    .begin_text()
                    .set_font(if *bold { BOLD } else { REGULAR }, *size)
                    .next_line(MARGIN, y)
                    .show(Str(&encoded))
                    .end_text();
            }
        }
    }
    content.finish().into_vec()
}

/// A PDF document with one A4 page per entry of `pages`.
pub fn document(pages: &[Vec<Line>]) -> Vec<u8> {
    // Objects: 1 catalog, 2 page tree, 3 and 4 fonts, then a page and its content per page.
    let catalog = Ref::new(1);
    let tree = Ref::new(2);
    let fonts = [(Ref::new(3), "Helvetica"), (Ref::new(4), "Helvetica-Bold")];
    let page_ids: Vec<Ref> = (0..pages.len())
        .map(|i| Ref::new(5 + 2 * i as i32))
        .collect();
    let mut pdf = Pdf::new();
    pdf.set_version(1, 4);
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree)
        .kids(page_ids.iter().copied())
        .count(pages.len() as i32);
    for (id, name) in fonts {
        pdf.type1_font(id)
            .base_font(Name(name.as_bytes()))
            .encoding_predefined(Name(b"WinAnsiEncoding"));
    }
    for (lines, &id) in pages.iter().zip(&page_ids) {
        let contents = Ref::new(id.get() + 1);
        let mut page = pdf.page(id);
        page.parent(tree)
            .media_box(Rect::new(0.0, 0.0, PAGE_WIDTH, PAGE_HEIGHT))
            .contents(contents);
        page.resources()
            .fonts()
            .pair(REGULAR, fonts[0].0)
            .pair(BOLD, fonts[1].0);
        drop(page);
        pdf.stream(contents, &page_content(lines));
    }
    pdf.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_encoded_in_winansi() {
        assert_eq!(win_ansi("Nyoman Ségara"), b"Nyoman S\xe9gara".to_vec());
        assert_eq!(win_ansi("a – b"), b"a \x96 b".to_vec());
        assert_eq!(win_ansi("王"), b"?".to_vec());
    }

    #[test]
    fn long_text_wraps_at_spaces_and_long_words_are_cut() {
        let lines = wrap(&"kata ".repeat(60), 12.0, 467.0);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| l.chars().count() <= 69), "{lines:?}");
        let cut = wrap(&"x".repeat(200), 12.0, 467.0);
        assert_eq!(cut.concat(), "x".repeat(200));
    }

    #[test]
    fn a_document_has_one_page_per_letter_with_its_text_escaped() {
        let pages = vec![
            vec![("Surat (1)".to_string(), 18.0, true)],
            vec![("Surat 2".to_string(), 12.0, false)],
        ];
        let pdf = document(&pages);
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.starts_with("%PDF-1.4"));
        assert!(text.trim_end().ends_with("%%EOF"));
        let pages_and_tree = text.matches("/Type /Page").count();
        assert_eq!(pages_and_tree - text.matches("/Type /Pages").count(), 2);
        // Balanced parentheses need no escape in a PDF string.
        assert!(text.contains("(Surat (1)) Tj"), "{text}");
        assert!(text.contains("/BaseFont /Helvetica-Bold"));
    }
}
