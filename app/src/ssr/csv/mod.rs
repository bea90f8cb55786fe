//! Pamong's one CSV format: every CSV file the server writes or reads goes through this module.
//!
//! # Files Pamong writes
//!
//! Every export (quiz results, learning gain, the question bank and its template, the
//! participant import's template and report) is written by [`write`] in one format, chosen for
//! the people who open them: admins and mentors in Indonesia, double-clicking the file into Excel
//! or LibreOffice Calc set to the Indonesian locale.
//!
//! - **UTF-8 with a byte-order mark.** Without the mark, Excel reads a CSV in the machine's
//!   legacy code page, and `Ñ`, `é` or `—` in a name turn into mojibake.
//! - **`;` between cells.** In the Indonesian locale `,` is the decimal separator, so the list
//!   separator, which Excel splits a CSV on when it opens it, is `;`. A comma-separated file
//!   opens as one column of text.
//! - **CRLF after every record; quotes as in RFC 4180.** A cell holding `;`, `"` or a line break
//!   is put in double quotes, its quotes doubled; a line break inside a cell stays `\n`.
//! - **A rectangle.** Every record has as many cells as the widest one; shorter ones (the
//!   summary lines of the import report) end in empty cells.
//! - **Decimal comma.** A number with decimals that we computed (a score `4,500`, a percentage
//!   `80,00`, a learning gain `-0,5000`) is written with `,`, so that the spreadsheet reads it
//!   as a number. With a decimal point it would read `80.00` as text and `4.500` as four
//!   thousand five hundred. Whole numbers are plain digits, never with a thousands separator.
//! - **Times in WIB, the zone named in the cell:** `2027-01-11 09:30 WIB`, to the minute
//!   (`api::cohorts::wib`, UTC+7, where Pamong keeps its calendar: cohort dates, live
//!   sessions, quiz windows). The cell is text, so the zone stays with the time when a row is
//!   copied elsewhere, and it sorts as it reads.
//! - **No formulas.** A text cell a spreadsheet would run as a formula (starting with `=`, `+`,
//!   `-`, `@`, a tab or a carriage return) gets a `'` in front ([`formula`]). Numbers and times
//!   we formatted ourselves are [`Cell`]s of their own and written as they are, so a negative
//!   gain stays a number the spreadsheet can sum. Anything a person typed is a [`Cell::text`].
//!
//! [`download`] is the HTTP answer for every such file: `text/csv; charset=utf-8`, an
//! attachment, no caching without asking; [`stream::streamed`] is that answer for a file written
//! while its rows are read.
//!
//! # Files Pamong reads
//!
//! Uploads (the participant import, the question bank import) go through [`read`], which
//! accepts what spreadsheets in any locale save:
//!
//! - UTF-8 with or without a byte-order mark; anything else is refused ([`ReadError::NotUtf8`]).
//! - The delimiter is whichever of `;`, `,` and tab occurs most in the header line, outside
//!   quotes (`;` on a tie). Any line ends, quotes as in RFC 4180.
//! - Control characters other than tab and newline are removed and line breaks become `\n`
//!   before anything is parsed (`ssr::text::clean`).
//! - Rows whose cells are all blank are skipped; a row may have fewer or more cells than the
//!   header. Each row carries its line as the spreadsheet numbers it (the header is line 1,
//!   blank lines and line breaks inside cells count), for the callers' messages.
//! - A cell the writer neutralised reads back as typed (`'=1+1` gives `=1+1`), so an export of
//!   the question bank imports back unchanged.

pub mod download;
pub mod formula;
pub mod read;
pub mod stream;
pub mod write;

pub use download::download;
pub use read::ReadError;
pub use write::{write, write_rows, Cell};

/// The UTF-8 byte-order mark every written file starts with.
pub const BYTE_ORDER_MARK: &[u8] = b"\xEF\xBB\xBF";

/// The cell delimiter of every written file.
pub const DELIMITER: u8 = b';';

/// The name of the time zone written after every time.
pub const TIME_ZONE: &str = "WIB";
