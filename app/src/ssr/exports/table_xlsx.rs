//! A table of typed columns as an XLSX workbook (rust_xlsxwriter): one sheet named after the
//! title, the title and description in the workbook's properties, a bold header row that stays
//! in view, numbers as real numbers with number formats (whole numbers `#,##0`, decimals with
//! the column's places, shares as `0.0%`), text as text (never a formula: a string cell is not
//! run), a missing value as an empty cell, and column widths that fit the contents.
//!
//! [`Sheet`] writes row by row, so that a long list can be fed in chunks to a worksheet in
//! constant-memory mode (each finished row goes to a temporary file).

use crate::model::dashboards::{Column, ColumnKind, DataTable, Value};
use rust_xlsxwriter::{DocProperties, Format, FormatAlign, Workbook, Worksheet, XlsxError};

/// The longest sheet name Excel accepts.
const SHEET_NAME_MAX: usize = 31;

/// Column widths in characters: never narrower than this, never wider than that.
const MIN_WIDTH: usize = 6;
const MAX_WIDTH: usize = 60;

/// The MIME type of an XLSX file.
pub const CONTENT_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// `title` as a sheet name: the characters Excel refuses (`[]:*?/\`) become spaces, quotes are
/// taken off both ends, at most 31 characters; `Data` when nothing is left.
pub fn sheet_name(title: &str) -> String {
    let cleaned: String = title
        .chars()
        .map(|c| {
            if matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\') || c.is_control() {
                ' '
            } else {
                c
            }
        })
        .collect();
    let cut: String = cleaned
        .trim()
        .trim_matches('\'')
        .chars()
        .take(SHEET_NAME_MAX)
        .collect();
    let cut = cut.trim().trim_matches('\'').trim().to_string();
    if cut.is_empty() || cut.eq_ignore_ascii_case("history") {
        "Data".to_string()
    } else {
        cut
    }
}

/// The number format of a column's numbers; `None` for text.
fn number_format(kind: ColumnKind) -> Option<String> {
    let places = |p: u8| {
        if p == 0 {
            String::new()
        } else {
            format!(".{}", "0".repeat(usize::from(p)))
        }
    };
    match kind {
        ColumnKind::Text => None,
        ColumnKind::Int => Some("#,##0".to_string()),
        ColumnKind::Decimal(p) => Some(format!("#,##0{}", places(p))),
        ColumnKind::Percent(p) => Some(format!("0{}%", places(p))),
    }
}

/// A workbook whose properties carry `title` and `description`.
pub fn workbook(title: &str, description: &str) -> Workbook {
    let mut workbook = Workbook::new();
    workbook.set_properties(
        &DocProperties::new()
            .set_title(title)
            .set_subject(title)
            .set_comment(description)
            .set_author("Pamong"),
    );
    workbook
}

/// A sheet being written: its columns, their formats and the next row.
pub struct Sheet {
    columns: Vec<Column>,
    formats: Vec<Format>,
    next_row: u32,
}

impl Sheet {
    /// Starts `sheet`: its name from `title`, column widths (characters), the bold header row
    /// frozen at the top. In constant-memory mode this must come before any row.
    pub fn begin(
        sheet: &mut Worksheet,
        title: &str,
        columns: &[Column],
        widths: &[usize],
    ) -> Result<Sheet, XlsxError> {
        sheet.set_name(sheet_name(title))?;
        for (i, width) in widths.iter().enumerate() {
            let col = u16::try_from(i).map_err(|_| XlsxError::RowColumnLimitError)?;
            sheet.set_column_width(col, (*width).clamp(MIN_WIDTH, MAX_WIDTH) as f64 + 1.0)?;
        }
        let bold = Format::new().set_bold().set_text_wrap();
        for (i, column) in columns.iter().enumerate() {
            let col = u16::try_from(i).map_err(|_| XlsxError::RowColumnLimitError)?;
            let header = match column.kind {
                ColumnKind::Text => bold.clone(),
                _ => bold.clone().set_align(FormatAlign::Right),
            };
            sheet.write_string_with_format(0, col, &column.label, &header)?;
        }
        sheet.set_freeze_panes(1, 0)?;
        let formats = columns
            .iter()
            .map(|c| match number_format(c.kind) {
                Some(f) => Format::new().set_num_format(f),
                None => Format::new(),
            })
            .collect();
        Ok(Sheet {
            columns: columns.to_vec(),
            formats,
            next_row: 1,
        })
    }

    /// Writes `row` (one value per column) below the last.
    pub fn push(&mut self, sheet: &mut Worksheet, row: &[Value]) -> Result<(), XlsxError> {
        let r = self.next_row;
        for (i, (column, value)) in self.columns.iter().zip(row).enumerate() {
            let col = u16::try_from(i).map_err(|_| XlsxError::RowColumnLimitError)?;
            let format = &self.formats[i];
            match (column.kind, value) {
                (_, Value::Missing) => {}
                (_, Value::Text(text)) => {
                    sheet.write_string(r, col, text)?;
                }
                (_, Value::Int(n)) => {
                    sheet.write_number_with_format(r, col, *n as f64, format)?;
                }
                (_, Value::Number(x)) if x.is_finite() => {
                    sheet.write_number_with_format(r, col, *x, format)?;
                }
                (_, Value::Number(_)) => {}
            }
        }
        self.next_row += 1;
        Ok(())
    }

    /// Puts a filter on the header once every row is written.
    pub fn finish(self, sheet: &mut Worksheet) -> Result<(), XlsxError> {
        if self.next_row > 1 && !self.columns.is_empty() {
            let last = u16::try_from(self.columns.len() - 1).unwrap_or(u16::MAX);
            sheet.autofilter(0, 0, self.next_row - 1, last)?;
        }
        Ok(())
    }
}

/// The width in characters a column of `table` needs: its longest label or value as the page
/// would show it.
fn widths(table: &DataTable) -> Vec<usize> {
    table
        .columns
        .iter()
        .enumerate()
        .map(|(i, column)| {
            let longest = table
                .rows
                .iter()
                .filter_map(|row| row.get(i))
                .map(|v| {
                    crate::model::dashboards::format::value(crate::model::Lang::En, v, column.kind)
                        .chars()
                        .count()
                })
                .max()
                .unwrap_or(0);
            // A header wraps onto two lines before it widens its column much.
            let label = column.label.chars().count();
            longest.max(label.div_ceil(2)).max(label.min(12))
        })
        .collect()
}

/// The whole workbook of `table`.
pub fn write(table: &DataTable) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = workbook(&table.title, &table.description);
    let sheet = workbook.add_worksheet();
    let mut writer = Sheet::begin(sheet, &table.title, &table.columns, &widths(table))?;
    for row in &table.rows {
        writer.push(sheet, row)?;
    }
    writer.finish(sheet)?;
    workbook.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{Data, Reader, Xlsx};

    #[test]
    fn sheet_names_are_what_excel_accepts() {
        assert_eq!(sheet_name("Corong pendaftaran"), "Corong pendaftaran");
        assert_eq!(
            sheet_name("Gain: pre/post [angkatan]"),
            "Gain  pre post  angkatan"
        );
        let long = sheet_name("Capaian belajar per kelompok bimbingan angkatan dua belas");
        assert_eq!(long.chars().count(), 31);
        assert_eq!(sheet_name("'?'"), "Data");
        assert_eq!(
            sheet_name("Ñandú é ü üü 1234567890 1234567890 123")
                .chars()
                .count(),
            31
        );
    }

    #[test]
    fn a_table_reads_back_with_numbers_as_numbers_and_text_as_text() {
        let table = super::super::table_csv::tests::sample();
        let bytes = write(&table).expect("xlsx");
        let mut book: Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).expect("opens");
        assert_eq!(book.sheet_names(), ["Corong pendaftaran"]);
        let range = book.worksheet_range("Corong pendaftaran").expect("sheet");
        let rows: Vec<Vec<Data>> = range.rows().map(|r| r.to_vec()).collect();
        assert_eq!(
            rows[0],
            [
                Data::String("Tahap".into()),
                Data::String("Peserta".into()),
                Data::String("Rata-rata".into()),
                Data::String("Bagian".into()),
            ]
        );
        assert_eq!(rows[1][0], Data::String("Mendaftar".into()));
        assert_eq!(rows[1][1], Data::Float(61_964.0));
        assert_eq!(rows[1][2], Data::Float(1234.567));
        assert_eq!(rows[1][3], Data::Float(0.714));
        assert_eq!(
            rows[2][0],
            Data::String("=HYPERLINK(\"http://x.example\")".into())
        );
        assert_eq!(rows[2][1], Data::Float(-3.0));
        assert_eq!(rows[2][2], Data::Empty);
        assert_eq!(rows[2][3], Data::Empty);
        assert_eq!(rows.len(), 3);
        // No formula anywhere: the hostile name is a string.
        let formulas = book
            .worksheet_formula("Corong pendaftaran")
            .expect("formulas");
        assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()));
    }

    #[test]
    fn number_formats_follow_the_column_kind() {
        assert_eq!(
            number_format(ColumnKind::Percent(1)).as_deref(),
            Some("0.0%")
        );
        assert_eq!(number_format(ColumnKind::Percent(0)).as_deref(), Some("0%"));
        assert_eq!(
            number_format(ColumnKind::Decimal(2)).as_deref(),
            Some("#,##0.00")
        );
        assert_eq!(number_format(ColumnKind::Int).as_deref(), Some("#,##0"));
        assert_eq!(number_format(ColumnKind::Text), None);
    }
}
