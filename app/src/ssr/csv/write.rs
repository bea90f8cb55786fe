//! Writing CSV files in the one format of [`super`]: cells ([`Cell`]), and records to bytes
//! ([`write`] for a whole file, [`write_rows`] for the rest of a streamed one).

use super::formula::neutralise;
use super::{BYTE_ORDER_MARK, DELIMITER, TIME_ZONE};
use crate::model::wib;
use std::borrow::Cow;

/// One cell of a CSV file.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell(CellKind);

#[derive(Clone, Debug, PartialEq)]
enum CellKind {
    /// Text, from a person or from us: neutralised when written.
    Text(String),
    /// A number or a time we formatted ourselves: written as it is.
    Formatted(String),
}

impl Cell {
    /// Text (a name, a prompt, a message, a heading).
    pub fn text(value: impl Into<String>) -> Cell {
        Cell(CellKind::Text(value.into()))
    }

    /// A whole number: plain digits, no thousands separator.
    pub fn int(value: i64) -> Cell {
        Cell(CellKind::Formatted(value.to_string()))
    }

    /// A number with `places` decimals and a decimal comma (`80,00`, `-0,5000`); empty when there
    /// is none.
    pub fn decimal(value: Option<f64>, places: usize) -> Cell {
        match value {
            Some(v) if v.is_finite() => Cell(CellKind::Formatted(
                format!("{v:.places$}").replace('.', ","),
            )),
            _ => Cell::text(""),
        }
    }

    /// An instant (unix seconds) as the local time to the minute with its zone named:
    /// `2027-01-11 09:30 WIB`.
    pub fn time(unix: i64) -> Cell {
        Cell(CellKind::Formatted(format!(
            "{} {TIME_ZONE}",
            wib::date_time_of(unix)
        )))
    }

    /// The characters written to the file for this cell (before CSV quoting).
    pub fn written(&self) -> Cow<'_, str> {
        match &self.0 {
            CellKind::Text(text) => neutralise(text),
            CellKind::Formatted(formatted) => Cow::Borrowed(formatted),
        }
    }
}

impl From<String> for Cell {
    fn from(value: String) -> Cell {
        Cell::text(value)
    }
}

impl From<&str> for Cell {
    fn from(value: &str) -> Cell {
        Cell::text(value)
    }
}

/// A whole file: the byte-order mark, then `records`.
pub fn write<R: AsRef<[Cell]>>(records: &[R]) -> Vec<u8> {
    let mut out = BYTE_ORDER_MARK.to_vec();
    append(&mut out, records);
    out
}

/// `records` as the continuation of a file that [`write`] began (no byte-order mark): the chunks
/// of a streamed export after its header.
pub fn write_rows<R: AsRef<[Cell]>>(records: &[R]) -> Vec<u8> {
    let mut out = Vec::new();
    append(&mut out, records);
    out
}

/// Appends `records` to `out`: `;` between cells, CRLF after each record, quotes where needed,
/// every cell through [`Cell::written`], and records shorter than the widest padded with empty
/// cells so that the file opens as a rectangle.
fn append<R: AsRef<[Cell]>>(out: &mut Vec<u8>, records: &[R]) {
    let width = records.iter().map(|r| r.as_ref().len()).max().unwrap_or(0);
    let mut writer = ::csv::WriterBuilder::new()
        .delimiter(DELIMITER)
        .terminator(::csv::Terminator::CRLF)
        .from_writer(out);
    for record in records {
        let cells = record.as_ref();
        let written = cells
            .iter()
            .map(|cell| cell.written())
            .chain(std::iter::repeat_n(Cow::Borrowed(""), width - cells.len()));
        // Writing to memory cannot fail, and every record has the same length.
        if writer
            .write_record(written.map(|cell| cell.into_owned()))
            .is_err()
        {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn our_numbers_stay_numbers_and_text_never_does() {
        assert_eq!(Cell::int(-3).written(), "-3");
        assert_eq!(Cell::decimal(Some(-0.25), 4).written(), "-0,2500");
        assert_eq!(Cell::decimal(Some(4.5), 3).written(), "4,500");
        assert_eq!(Cell::decimal(Some(80.0), 0).written(), "80");
        assert_eq!(Cell::decimal(None, 2).written(), "");
        assert_eq!(Cell::decimal(Some(f64::NAN), 2).written(), "");
        assert_eq!(Cell::text("-3").written(), "'-3");
    }

    #[test]
    fn times_are_local_to_the_minute_with_the_zone_named() {
        // 2026-12-03 20:30:59 UTC is the next morning in WIB.
        assert_eq!(
            Cell::time(1_796_329_800 + 59).written(),
            "2026-12-04 03:30 WIB"
        );
    }

    #[test]
    fn files_start_with_the_mark_use_semicolons_crlf_and_quote_where_needed() {
        let records = vec![
            vec![
                Cell::text("nama"),
                Cell::text("nilai"),
                Cell::text("catatan"),
            ],
            vec![
                Cell::text("=1+1; \"x\""),
                Cell::decimal(Some(-1.5), 2),
                Cell::text("dua\nbaris"),
            ],
            vec![Cell::text("Ñ")],
        ];
        let bytes = write(&records);
        assert_eq!(
            String::from_utf8(bytes).expect("UTF-8"),
            "\u{feff}nama;nilai;catatan\r\n\
             \"'=1+1; \"\"x\"\"\";-1,50;\"dua\nbaris\"\r\n\
             Ñ;;\r\n"
        );
        assert_eq!(write_rows(&[vec![Cell::int(1)]]), b"1\r\n");
    }
}
