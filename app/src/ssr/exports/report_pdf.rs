//! A dashboards [`Report`] printed as PDF: A4 portrait pages with the title, the facts as label
//! and value lines, then each table with its title and description. A table runs on over as many
//! pages as it needs, its title (marked as continued) and header row repeated at the top of each;
//! numbers are written as the reader writes them (`model::dashboards::format`) and right-aligned;
//! every page has its number ("Halaman 2 dari 5") at the foot.
//!
//! The font is the certificates' DejaVu Sans subset (`ssr::pdf::font`); like them, the same
//! report always gives the same bytes (no dates, no `/ID`).

use crate::i18n::text_with;
use crate::model::dashboards::format;
use crate::model::dashboards::{ColumnKind, DataTable};
use crate::model::Lang;
use crate::ssr::dashboards::Report;
use crate::ssr::pdf::deflate;
use crate::ssr::pdf::font::{Glyphs, DEJAVU_SANS};
use pdf_writer::types::TextRenderingMode;
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str};

/// A4 portrait in points.
const WIDTH: f32 = 595.28;
const HEIGHT: f32 = 841.89;
/// Left and right margins; the first baseline's distance from the top; the lowest a row may
/// reach.
const SIDE: f32 = 48.0;
const TOP: f32 = 60.0;
const BOTTOM: f32 = 56.0;
/// The page-number line's baseline.
const FOOTER: f32 = 30.0;

const FONT_NAME: Name = Name(b"F1");

/// The size of a table's text, its row height and the padding in a cell.
const CELL_SIZE: f32 = 8.0;
const ROW: f32 = 13.0;
const PAD: f32 = 4.0;

#[derive(Clone, Copy, PartialEq)]
enum Align {
    Left,
    Right,
}

/// The document being laid out: the pages done, the one being drawn and where its next line
/// goes.
struct Doc<'f> {
    glyphs: Glyphs<'f>,
    pages: Vec<Content>,
    page: Content,
    y: f32,
}

impl<'f> Doc<'f> {
    fn new(glyphs: Glyphs<'f>) -> Doc<'f> {
        Doc {
            glyphs,
            pages: Vec::new(),
            page: Content::new(),
            y: HEIGHT - TOP,
        }
    }

    fn usable(&self) -> f32 {
        WIDTH - 2.0 * SIDE
    }

    fn new_page(&mut self) {
        let done = std::mem::replace(&mut self.page, Content::new());
        self.pages.push(done);
        self.y = HEIGHT - TOP;
    }

    /// Starts a new page unless `height` more fits on this one.
    fn ensure(&mut self, height: f32) -> bool {
        if self.y - height < BOTTOM {
            self.new_page();
            true
        } else {
            false
        }
    }

    /// Draws `text` with its baseline at `y`; bold is the outline stroked as well.
    fn text(&mut self, text: &str, x: f32, y: f32, size: f32, bold: bool, align: Align) {
        if text.is_empty() {
            return;
        }
        let width = self.glyphs.width(text, size);
        let left = match align {
            Align::Left => x,
            Align::Right => x - width,
        };
        let encoded = self.glyphs.encode(text);
        self.page.begin_text().set_font(FONT_NAME, size);
        if bold {
            self.page
                .set_text_rendering_mode(TextRenderingMode::FillStroke)
                .set_line_width(size * 0.03);
        } else {
            self.page.set_text_rendering_mode(TextRenderingMode::Fill);
        }
        self.page.next_line(left, y).show(Str(&encoded)).end_text();
    }

    /// Wrapped lines of `text` from the current position, at `x` in `width`.
    fn paragraph(&mut self, text: &str, x: f32, width: f32, size: f32, bold: bool) {
        let leading = size * 1.3;
        for line in self.glyphs.wrap(text, size, width) {
            self.ensure(leading);
            let y = self.y - size;
            self.text(&line, x, y, size, bold, Align::Left);
            self.y -= leading;
        }
    }
}

/// The widths of `table`'s columns filling the usable width: each column's widest cell or
/// header word, shared out in proportion.
fn column_widths(glyphs: &Glyphs<'_>, table: &DataTable, lang: Lang, usable: f32) -> Vec<f32> {
    let natural: Vec<f32> = table
        .columns
        .iter()
        .enumerate()
        .map(|(i, column)| {
            let header = column
                .label
                .split(' ')
                .map(|w| glyphs.width(w, CELL_SIZE))
                .fold(0.0, f32::max)
                .max(glyphs.width(&column.label, CELL_SIZE) / 2.0);
            let cells = table
                .rows
                .iter()
                .filter_map(|row| row.get(i))
                .map(|v| glyphs.width(&format::value(lang, v, column.kind), CELL_SIZE))
                .fold(0.0, f32::max);
            header.max(cells).max(16.0) + 2.0 * PAD
        })
        .collect();
    let total: f32 = natural.iter().sum();
    if total <= 0.0 {
        return natural;
    }
    natural.iter().map(|w| w * usable / total).collect()
}

/// Draws the header row of a table whose columns are `widths` wide, at the current position.
fn header_row(doc: &mut Doc<'_>, table: &DataTable, widths: &[f32]) {
    let lines: Vec<Vec<String>> = table
        .columns
        .iter()
        .zip(widths)
        .map(|(c, w)| {
            let mut lines = doc.glyphs.wrap(&c.label, CELL_SIZE, w - 2.0 * PAD);
            lines.truncate(2);
            lines
        })
        .collect();
    let count = lines.iter().map(Vec::len).max().unwrap_or(1) as f32;
    let height = count * (CELL_SIZE + 2.0) + 2.0 * PAD;
    let top = doc.y;
    let usable = doc.usable();
    doc.page
        .set_fill_gray(0.88)
        .rect(SIDE, top - height, usable, height)
        .fill_nonzero()
        .set_fill_gray(0.0)
        .set_stroke_gray(0.0);
    let mut x = SIDE;
    for ((column, lines), width) in table.columns.iter().zip(&lines).zip(widths) {
        for (k, line) in lines.iter().enumerate() {
            let y = top - PAD - CELL_SIZE - k as f32 * (CELL_SIZE + 2.0);
            let line = doc.glyphs.truncate(line, CELL_SIZE, width - 2.0 * PAD);
            match column.kind {
                ColumnKind::Text => doc.text(&line, x + PAD, y, CELL_SIZE, true, Align::Left),
                _ => doc.text(&line, x + width - PAD, y, CELL_SIZE, true, Align::Right),
            }
        }
        x += width;
    }
    doc.y -= height;
}

/// The title line of a table (with the word for "continued" on later pages).
fn table_title(doc: &mut Doc<'_>, title: &str) {
    doc.y -= 12.0;
    let y = doc.y;
    let line = doc.glyphs.truncate(title, 11.0, doc.usable());
    doc.text(&line, SIDE, y, 11.0, true, Align::Left);
    doc.y -= 7.0;
}

/// Draws `table`: title, description, header, rows, over as many pages as it takes.
fn draw_table(doc: &mut Doc<'_>, table: &DataTable, lang: Lang) {
    let widths = column_widths(&doc.glyphs, table, lang, doc.usable());
    let continued = format!(
        "{} {}",
        table.title,
        crate::i18n::text(lang, "exports.continued")
    );
    // The title, description, header and a first row stay together.
    let description_lines = doc.glyphs.wrap(&table.description, 9.0, doc.usable()).len() as f32;
    doc.ensure(30.0 + description_lines * 11.7 + 2.0 * ROW + 16.0);
    doc.y -= 10.0;
    table_title(doc, &table.title);
    if !table.description.is_empty() {
        let usable = doc.usable();
        doc.paragraph(&table.description, SIDE, usable, 9.0, false);
        doc.y -= 4.0;
    }
    header_row(doc, table, &widths);
    if table.rows.is_empty() {
        let y = doc.y - ROW + 4.0;
        let empty = crate::i18n::text(lang, "exports.empty_table");
        doc.text(&empty, SIDE + PAD, y, CELL_SIZE, false, Align::Left);
        doc.y -= ROW;
        return;
    }
    for row in &table.rows {
        if doc.ensure(ROW) {
            table_title(doc, &continued);
            header_row(doc, table, &widths);
        }
        let baseline = doc.y - ROW + 4.0;
        let mut x = SIDE;
        for ((column, value), width) in table.columns.iter().zip(row).zip(&widths) {
            let shown = format::value(lang, value, column.kind);
            let shown = doc.glyphs.truncate(&shown, CELL_SIZE, width - 2.0 * PAD);
            match column.kind {
                ColumnKind::Text => {
                    doc.text(&shown, x + PAD, baseline, CELL_SIZE, false, Align::Left)
                }
                _ => doc.text(
                    &shown,
                    x + width - PAD,
                    baseline,
                    CELL_SIZE,
                    false,
                    Align::Right,
                ),
            }
            x += width;
        }
        doc.y -= ROW;
        let y = doc.y;
        doc.page
            .set_stroke_gray(0.8)
            .set_line_width(0.4)
            .move_to(SIDE, y)
            .line_to(WIDTH - SIDE, y)
            .stroke()
            .set_stroke_gray(0.0);
    }
}

/// The report as PDF bytes, its numbers written for `lang`.
pub fn render(report: &Report, lang: Lang) -> Vec<u8> {
    render_with(DEJAVU_SANS, report, lang).unwrap_or_default()
}

fn render_with(font: &[u8], report: &Report, lang: Lang) -> Option<Vec<u8>> {
    let mut doc = Doc::new(Glyphs::new(font)?);
    let usable = doc.usable();

    doc.paragraph(&report.title, SIDE, usable, 16.0, true);
    doc.y -= 4.0;
    let y = doc.y;
    doc.page
        .set_line_width(1.0)
        .move_to(SIDE, y)
        .line_to(WIDTH - SIDE, y)
        .stroke();
    doc.y -= 14.0;

    let label_width = 170.0;
    for (label, value) in &report.facts {
        let lines = doc.glyphs.wrap(value, 9.5, usable - label_width);
        doc.ensure(lines.len() as f32 * 12.5);
        let y = doc.y - 9.5;
        let label = doc.glyphs.truncate(label, 9.5, label_width - 8.0);
        doc.text(&label, SIDE, y, 9.5, true, Align::Left);
        for (k, line) in lines.iter().enumerate() {
            let y = doc.y - 9.5 - k as f32 * 12.5;
            doc.text(line, SIDE + label_width, y, 9.5, false, Align::Left);
        }
        doc.y -= lines.len() as f32 * 12.5;
    }

    for table in &report.tables {
        draw_table(&mut doc, table, lang);
    }
    doc.new_page();

    // Page numbers, now that the count is known.
    let Doc {
        mut glyphs,
        mut pages,
        ..
    } = doc;
    let count = pages.len();
    for (i, page) in pages.iter_mut().enumerate() {
        let number = text_with(
            lang,
            "exports.page_of",
            &[
                ("page", &(i + 1).to_string()),
                ("pages", &count.to_string()),
            ],
        );
        let title = glyphs.truncate(&report.title, 7.5, usable * 0.7);
        for (text, x, align) in [
            (title, SIDE, Align::Left),
            (number, WIDTH - SIDE, Align::Right),
        ] {
            let width = glyphs.width(&text, 7.5);
            let left = if align == Align::Right { x - width } else { x };
            let encoded = glyphs.encode(&text);
            page.set_fill_gray(0.35)
                .begin_text()
                .set_font(FONT_NAME, 7.5)
                .set_text_rendering_mode(TextRenderingMode::Fill)
                .next_line(left, FOOTER)
                .show(Str(&encoded))
                .end_text()
                .set_fill_gray(0.0);
        }
    }
    let contents: Vec<Vec<u8>> = pages.into_iter().map(|p| p.finish().into_vec()).collect();
    write_document(&glyphs, font, &contents)
}

/// The PDF objects: catalog, page tree, the font (ids 3 to 7), then each page and its content.
fn write_document(glyphs: &Glyphs<'_>, font: &[u8], contents: &[Vec<u8>]) -> Option<Vec<u8>> {
    let catalog = Ref::new(1);
    let tree = Ref::new(2);
    let type0 = Ref::new(3);
    let page_ref = |i: usize| Ref::new(8 + 2 * i as i32);
    let content_ref = |i: usize| Ref::new(9 + 2 * i as i32);

    let mut pdf = Pdf::new();
    pdf.set_version(1, 7);
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree)
        .kids((0..contents.len()).map(page_ref))
        .count(i32::try_from(contents.len()).ok()?);
    glyphs.write(&mut pdf, font, type0)?;
    for (i, content) in contents.iter().enumerate() {
        let mut page = pdf.page(page_ref(i));
        page.parent(tree)
            .media_box(Rect::new(0.0, 0.0, WIDTH, HEIGHT))
            .contents(content_ref(i));
        page.resources().fonts().pair(FONT_NAME, type0);
        page.finish();
        pdf.stream(content_ref(i), &deflate(content))
            .filter(Filter::FlateDecode);
    }
    Some(pdf.finish())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::dashboards::{Column, Value};

    fn report(rows: usize) -> Report {
        let mut table = DataTable::new(
            "peserta",
            "Capaian peserta",
            "Pre-test, post-test dan n-gain tiap peserta yang disetujui.",
            vec![
                Column::new("Nama peserta", ColumnKind::Text),
                Column::new("Sesi dihadiri", ColumnKind::Int),
                Column::new("N-gain", ColumnKind::Decimal(2)),
                Column::new("Post-test", ColumnKind::Percent(1)),
            ],
        );
        for i in 0..rows {
            table.push(vec![
                Value::Text(format!("Peserta Ñandú {i}")),
                Value::Int(i as i64 * 1000),
                if i % 7 == 0 {
                    Value::Missing
                } else {
                    Value::Number(i as f64 / 300.0)
                },
                Value::Number(0.714),
            ]);
        }
        Report {
            title: "Laporan Pelaksanaan Angkatan I".to_string(),
            facts: vec![
                ("Program".to_string(), "Literasi Digital".to_string()),
                ("Peserta".to_string(), "61.964".to_string()),
            ],
            tables: vec![table, DataTable::new("kosong", "Kosong", "", vec![])],
        }
    }

    /// The pages a PDF says it has, after checking that its cross-reference table points at
    /// every object it lists.
    fn checked_pages(pdf: &[u8]) -> usize {
        // Offsets are in bytes: the streams are binary, so only the ASCII tail is read as text.
        let text = String::from_utf8_lossy(pdf);
        assert!(pdf.starts_with(b"%PDF-1.7"));
        assert!(text.trim_end().ends_with("%%EOF"));
        let at = pdf
            .windows(9)
            .rposition(|w| w == b"startxref")
            .expect("startxref");
        let start: usize = std::str::from_utf8(&pdf[at + 9..])
            .ok()
            .and_then(|t| t.split_whitespace().next())
            .and_then(|n| n.parse().ok())
            .expect("startxref offset");
        let xref = std::str::from_utf8(&pdf[start..]).expect("an ASCII xref table");
        assert!(xref.starts_with("xref"), "startxref points at the table");
        let mut lines = xref.lines().skip(1);
        let header = lines.next().expect("subsection");
        let count: usize = header
            .split_whitespace()
            .nth(1)
            .and_then(|n| n.parse().ok())
            .expect("count");
        for (id, line) in lines.take(count).enumerate().skip(1) {
            let offset: usize = line[..10].parse().expect("offset");
            assert!(
                pdf[offset..].starts_with(format!("{id} 0 obj").as_bytes()),
                "object {id} at {offset}"
            );
        }
        let pages = text.matches("/Type /Page").count() - text.matches("/Type /Pages").count();
        let declared: usize = text
            .split("/Count ")
            .nth(1)
            .and_then(|t| t.split(|c: char| !c.is_ascii_digit()).next())
            .and_then(|n| n.parse().ok())
            .expect("/Count");
        assert_eq!(pages, declared);
        declared
    }

    #[test]
    fn a_long_table_runs_over_several_valid_pages() {
        let pdf = render(&report(300), Lang::Id);
        let pages = checked_pages(&pdf);
        // About 55 rows fit on a page.
        assert!((5..=8).contains(&pages), "{pages} pages");
        assert!(String::from_utf8_lossy(&pdf).contains("/FontFile2"));
        // The same report gives the same bytes.
        assert_eq!(render(&report(300), Lang::Id), pdf);
    }

    #[test]
    fn a_short_report_is_one_page() {
        assert_eq!(checked_pages(&render(&report(3), Lang::En)), 1);
    }
}
