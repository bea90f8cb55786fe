//! Every CSV file Pamong writes (exports, reports, templates) goes through [`write`], which
//! neutralises text cells against formula injection: a spreadsheet runs a cell that starts with
//! `=`, `+`, `-` or `@` as a formula (and some strip a leading tab or carriage return first), so
//! a participant named `=HYPERLINK(…)` would otherwise become a live link, or worse, on the
//! admin's machine. Such a cell gets a single quote in front (OWASP's advice), which spreadsheets
//! take as "this is text" and do not show.
//!
//! Numbers we compute ourselves (`Cell::int`, `Cell::decimal`) are written as they are: they are
//! formatted from Rust numbers, so they hold only digits, a sign and a point, and a negative one
//! (a learning gain of `-0.2500`) must stay a number the spreadsheet can sum. Anything a person
//! typed is a [`Cell::text`] and always neutralised.

use std::borrow::Cow;

/// One cell of a CSV file.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell(CellKind);

#[derive(Clone, Debug, PartialEq)]
enum CellKind {
    /// Text, from a person or from us: neutralised when written.
    Text(String),
    /// A number we formatted ourselves: written as is.
    Number(String),
}

impl Cell {
    /// Text (a name, a prompt, a message, a heading).
    pub fn text(value: impl Into<String>) -> Cell {
        Cell(CellKind::Text(value.into()))
    }

    /// A whole number.
    pub fn int(value: i64) -> Cell {
        Cell(CellKind::Number(value.to_string()))
    }

    /// A number with `places` decimals and a decimal point; empty when there is none.
    pub fn decimal(value: Option<f64>, places: usize) -> Cell {
        match value {
            Some(v) if v.is_finite() => Cell(CellKind::Number(format!("{v:.places$}"))),
            _ => Cell::text(""),
        }
    }

    /// The characters written to the file for this cell (before CSV quoting).
    pub fn written(&self) -> Cow<'_, str> {
        match &self.0 {
            CellKind::Text(text) => neutralise(text),
            CellKind::Number(number) => Cow::Borrowed(number),
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

/// Whether a spreadsheet could read a cell starting with `c` as a formula.
fn is_trigger(c: char) -> bool {
    matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r')
}

/// Whether `text` needs a quote in front: it starts with a formula character, or with quotes
/// followed by one (so that [`restore`] can tell our quote from one the author typed).
fn needs_quote(text: &str) -> bool {
    text.trim_start_matches('\'')
        .chars()
        .next()
        .is_some_and(is_trigger)
}

/// `text` as it is safe to write into a CSV cell: with a `'` in front when a spreadsheet would
/// read it as a formula.
pub fn neutralise(text: &str) -> Cow<'_, str> {
    if needs_quote(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// The text [`neutralise`] was given, from a cell it wrote: the quote it added is taken off.
/// For any string `s`, `restore(&neutralise(s)) == s`. A cell written by hand as `'=x` (which
/// a spreadsheet shows as `=x`) also reads as `=x`.
pub fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_quote(rest) => rest,
        _ => cell,
    }
}

/// How a file is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Style {
    pub delimiter: u8,
    /// Start with a UTF-8 byte-order mark.
    pub byte_order_mark: bool,
    /// End lines with CRLF (else LF).
    pub crlf: bool,
}

/// Semicolons and a byte-order mark: what spreadsheet programs in Indonesia open without asking
/// (the decimal comma makes them expect `;`). For files people edit and upload again.
pub const SPREADSHEET: Style = Style {
    delimiter: b';',
    byte_order_mark: true,
    crlf: true,
};

/// Commas, no byte-order mark: for exports that scripts read as well as spreadsheets.
pub const PLAIN: Style = Style {
    delimiter: b',',
    byte_order_mark: false,
    crlf: false,
};

/// Writes `records` as CSV in `style` (quoting where needed), every cell through
/// [`Cell::written`].
pub fn write<R: AsRef<[Cell]>>(records: &[R], style: Style) -> Vec<u8> {
    let mut out = if style.byte_order_mark {
        b"\xEF\xBB\xBF".to_vec()
    } else {
        Vec::new()
    };
    let mut writer = csv::WriterBuilder::new()
        .delimiter(style.delimiter)
        .flexible(true)
        .terminator(if style.crlf {
            csv::Terminator::CRLF
        } else {
            csv::Terminator::Any(b'\n')
        })
        .from_writer(&mut out);
    for record in records {
        let cells = record
            .as_ref()
            .iter()
            .map(|cell| cell.written().into_owned());
        // Writing to memory fails only on unequal record lengths, which `flexible` allows.
        if writer.write_record(cells).is_err() {
            break;
        }
    }
    drop(writer);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_characters_get_a_quote_and_other_text_does_not() {
        for hostile in [
            "=HYPERLINK(\"http://x.example\",\"klik\")",
            "+62 812 3456",
            "-2+3",
            "@SUM(A1:A9)",
            "\t=1+1",
            "\r=1+1",
            "'=1+1",
            "''@x",
        ] {
            assert_eq!(neutralise(hostile), format!("'{hostile}"), "{hostile:?}");
        }
        for harmless in [
            "Sri Wahyuni",
            "",
            "'",
            "'kutip'",
            "1+1",
            " =1",
            "a=b",
            "0812",
        ] {
            assert_eq!(neutralise(harmless), harmless, "{harmless:?}");
        }
    }

    #[test]
    fn restore_undoes_neutralise_for_every_string() {
        let parts = ["", "'", "''", "=", "+", "-", "@", "\t", "\r", "a", " ", "1"];
        for a in parts {
            for b in parts {
                for c in parts {
                    let s = format!("{a}{b}{c}");
                    assert_eq!(restore(&neutralise(&s)), s, "{s:?}");
                }
            }
        }
    }

    #[test]
    fn our_numbers_stay_numbers_and_text_never_does() {
        assert_eq!(Cell::int(-3).written(), "-3");
        assert_eq!(Cell::decimal(Some(-0.25), 4).written(), "-0.2500");
        assert_eq!(Cell::decimal(None, 2).written(), "");
        assert_eq!(Cell::decimal(Some(f64::NAN), 2).written(), "");
        assert_eq!(Cell::text("-3").written(), "'-3");
    }

    #[test]
    fn files_read_back_as_the_neutralised_cells() {
        let records = vec![
            vec![Cell::text("nama"), Cell::text("nilai")],
            vec![Cell::text("=1+1; \"x\""), Cell::decimal(Some(-1.5), 2)],
        ];
        for style in [SPREADSHEET, PLAIN] {
            let bytes = write(&records, style);
            assert_eq!(bytes.starts_with(b"\xEF\xBB\xBF"), style.byte_order_mark);
            let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
            let mut reader = csv::ReaderBuilder::new()
                .delimiter(style.delimiter)
                .has_headers(false)
                .from_reader(body);
            let rows: Vec<Vec<String>> = reader
                .records()
                .map(|r| r.expect("record").iter().map(str::to_string).collect())
                .collect();
            assert_eq!(rows[1], ["'=1+1; \"x\"", "-1.50"]);
            assert_eq!(body.ends_with(b"\r\n"), style.crlf);
        }
    }
}
