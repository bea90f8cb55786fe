//! A small PDF writer for the activation letters: A4 pages of left-aligned text lines in the
//! built-in Helvetica fonts (every PDF reader has them, so nothing is embedded), wrapped at the
//! margin. Text is encoded in WinAnsi (Latin-1 for the accented letters of Indonesian names);
//! a character outside it prints as `?`. No dependency: a letter is a few text lines, and the
//! format's objects for that are short.

/// A4 in points.
const PAGE_WIDTH: f32 = 595.28;
const PAGE_HEIGHT: f32 = 841.89;
/// Left, right and top margin in points.
const MARGIN: f32 = 64.0;

/// One line of a page: its text, its size in points and whether it is bold.
pub type Line = (String, f32, bool);

/// `text` in WinAnsi bytes, escaped for a PDF string literal.
fn pdf_string(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() + 2);
    out.push(b'(');
    for c in text.chars() {
        let byte = match c {
            '(' | ')' | '\\' => {
                out.push(b'\\');
                c as u8
            }
            ' '..='~' => c as u8,
            '\u{a0}'..='\u{ff}' => c as u32 as u8,
            '\u{2013}' => 0x96,
            '\u{2014}' => 0x97,
            '\u{2018}' => 0x91,
            '\u{2019}' => 0x92,
            '\u{201c}' => 0x93,
            '\u{201d}' => 0x94,
            _ => b'?',
        };
        out.push(byte);
    }
    out.push(b')');
    out
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

/// The content stream of one page.
fn page_content(lines: &[Line]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut y = PAGE_HEIGHT - MARGIN;
    for (text, size, bold) in lines {
        for part in wrap(text, *size, PAGE_WIDTH - 2.0 * MARGIN) {
            y -= size * 1.4;
            if !part.is_empty() {
                let font = if *bold { "F2" } else { "F1" };
                out.extend_from_slice(
                    format!("BT /{font} {size:.1} Tf {MARGIN:.2} {y:.2} Td ").as_bytes(),
                );
                out.extend_from_slice(&pdf_string(&part));
                out.extend_from_slice(b" Tj ET\n");
            }
        }
    }
    out
}

/// A PDF document with one A4 page per entry of `pages`.
pub fn document(pages: &[Vec<Line>]) -> Vec<u8> {
    // Objects: 1 catalog, 2 page tree, 3 and 4 fonts, then a page and its content per page.
    let page_ids: Vec<usize> = (0..pages.len()).map(|i| 5 + 2 * i).collect();
    let mut objects: Vec<Vec<u8>> = Vec::with_capacity(4 + 2 * pages.len());
    objects.push(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
    let kids: Vec<String> = page_ids.iter().map(|id| format!("{id} 0 R")).collect();
    objects.push(
        format!(
            "<< /Type /Pages /Kids [{}] /Count {} >>",
            kids.join(" "),
            pages.len()
        )
        .into_bytes(),
    );
    for font in ["Helvetica", "Helvetica-Bold"] {
        objects.push(
            format!(
                "<< /Type /Font /Subtype /Type1 /BaseFont /{font} /Encoding /WinAnsiEncoding >>"
            )
            .into_bytes(),
        );
    }
    for (lines, id) in pages.iter().zip(&page_ids) {
        objects.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] \
                 /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents {} 0 R >>",
                id + 1
            )
            .into_bytes(),
        );
        let content = page_content(lines);
        let mut stream = format!("<< /Length {} >>\nstream\n", content.len()).into_bytes();
        stream.extend_from_slice(&content);
        stream.extend_from_slice(b"\nendstream");
        objects.push(stream);
    }

    let mut out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::with_capacity(objects.len());
    for (i, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(object);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped_and_encoded_in_winansi() {
        assert_eq!(pdf_string("a(b)c\\"), b"(a\\(b\\)c\\\\)".to_vec());
        assert_eq!(pdf_string("Nyoman Ségara"), b"(Nyoman S\xe9gara)".to_vec());
        assert_eq!(pdf_string("王"), b"(?)".to_vec());
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
    fn a_document_has_one_page_per_letter_and_a_correct_cross_reference_table() {
        let pages = vec![
            vec![("Surat (1)".to_string(), 18.0, true)],
            vec![("Surat 2".to_string(), 12.0, false)],
        ];
        let pdf = document(&pages);
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.starts_with("%PDF-1.4"));
        assert!(text.ends_with("%%EOF\n"));
        assert_eq!(text.matches("/Type /Page ").count(), 2);
        assert!(text.contains("(Surat \\(1\\)) Tj"));
        // Every offset in the table points at its object.
        let at = pdf
            .windows(10)
            .rposition(|w| w == b"startxref\n")
            .expect("startxref")
            + 10;
        let tail = std::str::from_utf8(&pdf[at..]).expect("ascii");
        let start: usize = tail
            .lines()
            .next()
            .and_then(|s| s.parse().ok())
            .expect("offset");
        assert!(pdf[start..].starts_with(b"xref"));
        let table = std::str::from_utf8(&pdf[start..]).expect("ascii");
        for (n, line) in table.lines().skip(3).take(8).enumerate() {
            let offset: usize = line[..10].parse().expect("offset");
            assert!(
                pdf[offset..].starts_with(format!("{} 0 obj", n + 1).as_bytes()),
                "object {}",
                n + 1
            );
        }
    }
}
