//! Reading an uploaded CSV file: decoding, cleaning, the delimiter, the header, and the rows
//! with the line a spreadsheet shows for each. What the cells mean is the caller's business.

use super::formula::restore;
use super::BYTE_ORDER_MARK;
use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::Hash;
use std::io::Cursor;

/// Why a file, or a part of it, cannot be read. Callers turn it into their own message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReadError {
    /// The bytes are not UTF-8.
    NotUtf8,
    /// The header line cannot be read.
    Unreadable,
    /// A record cannot be read; the line it is on.
    BrokenLine(u64),
}

impl ReadError {
    /// The line of a record that cannot be read; 0 for the errors that concern the whole file.
    pub fn line(self) -> u64 {
        match self {
            ReadError::BrokenLine(line) => line,
            ReadError::NotUtf8 | ReadError::Unreadable => 0,
        }
    }
}

/// The `required` columns that no header cell stands for (`columns` as `Row::by_column` takes
/// them), in `required`'s order.
pub fn missing_columns<K: Copy + PartialEq>(columns: &[Option<K>], required: &[K]) -> Vec<K> {
    required
        .iter()
        .filter(|c| !columns.contains(&Some(**c)))
        .copied()
        .collect()
}

/// The text of an upload: a UTF-8 byte-order mark stripped, anything that is not UTF-8 refused.
pub fn decode(bytes: &[u8]) -> Result<&str, ReadError> {
    let bytes = bytes.strip_prefix(BYTE_ORDER_MARK).unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|_| ReadError::NotUtf8)
}

/// `;`, `,` or tab: whichever occurs most in the header line (outside quotes); `;` on a tie.
pub fn detect_delimiter(content: &str) -> u8 {
    let header = content.lines().next().unwrap_or_default();
    let mut counts = [(b';', 0usize), (b',', 0), (b'\t', 0)];
    let mut quoted = false;
    for b in header.bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if !quoted {
            for (d, n) in counts.iter_mut() {
                if *d == b {
                    *n += 1;
                }
            }
        }
    }
    counts
        .iter()
        .max_by_key(|(d, n)| (*n, *d == b';'))
        .map(|(d, _)| *d)
        .unwrap_or(b';')
}

/// A header cell as a key to match column names against: trimmed, without a byte-order mark,
/// spaces, `_`, `-` and `.`, lower case (`Nama Sekolah`, `nama_sekolah` and `NAMA-SEKOLAH` all
/// give `namasekolah`).
pub fn header_key(header: &str) -> String {
    header
        .trim()
        .trim_start_matches('\u{feff}')
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-' | '.'))
        .collect::<String>()
        .to_lowercase()
}

/// An open file: its header read, its rows to come.
pub struct Table<'a> {
    reader: ::csv::Reader<Cursor<Cow<'a, [u8]>>>,
    headers: Vec<String>,
    blank: bool,
    lines: LineCounter,
}

/// Opens `content` (from [`decode`], or any text): a leading byte-order mark dropped, control
/// characters removed and line breaks made `\n` (`ssr::text::clean`: a NUL would fail the
/// PostgreSQL writes), the delimiter detected, and the header line read.
pub fn open(content: &str) -> Result<Table<'_>, ReadError> {
    let content = content.strip_prefix('\u{feff}').unwrap_or(content);
    let content = crate::ssr::text::clean(content);
    let blank = content.trim().is_empty();
    let delimiter = detect_delimiter(&content);
    let bytes = match content {
        Cow::Borrowed(text) => Cow::Borrowed(text.as_bytes()),
        Cow::Owned(text) => Cow::Owned(text.into_bytes()),
    };
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(true)
        .from_reader(Cursor::new(bytes));
    let headers = reader
        .headers()
        .map_err(|_| ReadError::Unreadable)?
        .iter()
        .map(str::to_string)
        .collect();
    Ok(Table {
        reader,
        headers,
        blank,
        lines: LineCounter::default(),
    })
}

impl Table<'_> {
    /// The header line's cells, as written.
    pub fn headers(&self) -> &[String] {
        &self.headers
    }

    /// Whether the file holds nothing but white space.
    pub fn is_blank(&self) -> bool {
        self.blank
    }

    /// The next row that is not blank (every cell empty or white space), or `None` at the end.
    pub fn next_row(&mut self) -> Result<Option<Row>, ReadError> {
        let mut record = ::csv::StringRecord::new();
        loop {
            match self.reader.read_record(&mut record) {
                Ok(false) => return Ok(None),
                Ok(true) => {}
                Err(err) => {
                    let line = err.position().map(|p| p.line()).unwrap_or(0);
                    return Err(ReadError::BrokenLine(line));
                }
            }
            if record.iter().all(|cell| cell.trim().is_empty()) {
                continue;
            }
            let bytes = self.reader.get_ref().get_ref();
            let line = record
                .position()
                .map(|p| self.lines.line_at(bytes, p.byte() as usize))
                .unwrap_or(0);
            return Ok(Some(Row { line, record }));
        }
    }
}

/// A row of the file.
#[derive(Clone, Debug)]
pub struct Row {
    /// Its line as a spreadsheet numbers it: the header is line 1, blank lines count.
    pub line: i64,
    record: ::csv::StringRecord,
}

impl Row {
    /// Its cells, in order, each as typed: the quote the writer puts before a formula is taken
    /// off again (`formula::restore`).
    pub fn cells(&self) -> impl Iterator<Item = &str> {
        self.record.iter().map(restore)
    }

    /// Its cells by column, given each header cell's column (`None` for a column not read); the
    /// first of two cells of the same column wins.
    pub fn by_column<K: Copy + Eq + Hash>(&self, columns: &[Option<K>]) -> HashMap<K, &str> {
        let mut cells = HashMap::new();
        for (column, value) in columns.iter().zip(self.cells()) {
            if let Some(column) = column {
                cells.entry(*column).or_insert(value);
            }
        }
        cells
    }
}

/// Line numbers as a spreadsheet shows them, blank lines included (the csv reader's own line
/// count skips blank lines). Offsets only grow, so the whole file is scanned once.
#[derive(Default)]
struct LineCounter {
    offset: usize,
    line: i64,
}

impl LineCounter {
    fn line_at(&mut self, bytes: &[u8], offset: usize) -> i64 {
        // The reader's record position points at any blank lines before the record.
        let mut offset = offset.min(bytes.len());
        while offset < bytes.len() && matches!(bytes[offset], b'\r' | b'\n') {
            offset += 1;
        }
        if offset >= self.offset {
            self.line += bytes[self.offset..offset]
                .iter()
                .filter(|b| **b == b'\n')
                .count() as i64;
            self.offset = offset;
        }
        self.line + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(content: &str) -> (Vec<String>, Vec<(i64, Vec<String>)>) {
        let mut table = open(content).expect("opens");
        let headers = table.headers().to_vec();
        let mut rows = Vec::new();
        while let Some(row) = table.next_row().expect("row") {
            rows.push((row.line, row.cells().map(str::to_string).collect()));
        }
        (headers, rows)
    }

    #[test]
    fn detects_delimiters_and_ignores_quoted_ones() {
        assert_eq!(detect_delimiter("nama;email;npsn"), b';');
        assert_eq!(detect_delimiter("nama,email,npsn"), b',');
        assert_eq!(detect_delimiter("nama\temail\tnpsn"), b'\t');
        assert_eq!(detect_delimiter("\"a;b;c\",email,npsn"), b',');
        assert_eq!(detect_delimiter("nama"), b';');
    }

    #[test]
    fn strips_the_mark_and_refuses_other_encodings() {
        assert_eq!(decode(b"\xEF\xBB\xBFnama"), Ok("nama"));
        assert_eq!(decode(b"nama;Sl\xE9man"), Err(ReadError::NotUtf8));
        let (headers, _) = rows("\u{feff}nama;email\n");
        assert_eq!(headers, ["nama", "email"]);
    }

    #[test]
    fn rows_carry_spreadsheet_lines_and_blank_rows_are_skipped() {
        let (headers, found) = rows(
            "nama,catatan\r\n\
             Sri,\"dua\r\nbaris\"\r\n\
             \r\n\
             , \n\
             Budi,\"a, \"\"b\"\"\"\n",
        );
        assert_eq!(headers, ["nama", "catatan"]);
        assert_eq!(
            found,
            [
                (2, vec!["Sri".to_string(), "dua\nbaris".to_string()]),
                (6, vec!["Budi".to_string(), "a, \"b\"".to_string()]),
            ]
        );
    }

    #[test]
    fn control_characters_go_and_neutralised_cells_read_as_typed() {
        let (_, found) = rows("a\tb\tc\nx\0y\t'=1+1\t'kutip'\n");
        assert_eq!(found[0].1, ["xy", "=1+1", "'kutip'"]);
    }

    #[test]
    fn cells_by_column_keep_the_first_of_a_column() {
        let mut table = open("nama;lain;Nama\nSri;x;Budi\n").expect("opens");
        let columns: Vec<Option<&str>> = table
            .headers()
            .iter()
            .map(|h| (header_key(h) == "nama").then_some("nama"))
            .collect();
        let row = table.next_row().expect("row").expect("a row");
        assert_eq!(row.by_column(&columns).get("nama"), Some(&"Sri"));
        assert!(open("  \n\n").expect("opens").is_blank());
        assert_eq!(header_key(" Nama_Sekolah "), "namasekolah");
    }
}
