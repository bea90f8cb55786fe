//! An uploaded enrolment CSV: its columns, and the validation of every row (with in-file
//! duplicates), all in memory, before anything touches the database. The file itself (encoding,
//! delimiter, line numbers) is read by `ssr::csv::read`.

use crate::i18n::{text, text_with};
use crate::model::identifiers::{
    parse_npsn, parse_nuptk, parse_phone, parse_rank, parse_region_code, parse_school_level,
    IdentifierError,
};
use crate::model::nip::NipError;
use crate::model::{Lang, Nip};
use crate::ssr::csv::read;
use crate::ssr::validate::is_valid_email;
use std::collections::HashMap;

/// The template's columns, in order (Indonesian names; the report names columns the same way).
pub const COLUMNS: [&str; 11] = [
    "nama",
    "email",
    "nip",
    "nuptk",
    "golongan",
    "npsn",
    "nama_sekolah",
    "jenjang_sekolah",
    "mata_pelajaran",
    "kode_wilayah",
    "no_hp",
];

/// Columns a file must have.
const REQUIRED_COLUMNS: [&str; 4] = ["nama", "email", "npsn", "jenjang_sekolah"];

/// Longest name, school name and subject accepted.
const MAX_TEXT: usize = 200;

/// A column of the file, from its header: Indonesian names, English aliases, any case, with or
/// without spaces and underscores.
fn column_of(header: &str) -> Option<&'static str> {
    let key = read::header_key(header);
    Some(match key.as_str() {
        "nama" | "namalengkap" | "name" | "fullname" => "nama",
        "email" | "surel" | "alamatemail" | "emailaddress" => "email",
        "nip" => "nip",
        "nuptk" => "nuptk",
        "golongan" | "golonganruang" | "pangkatgolongan" | "rank" | "grade" => "golongan",
        "npsn" | "npsnsekolah" | "schoolnpsn" => "npsn",
        "namasekolah" | "sekolah" | "satuanpendidikan" | "school" | "schoolname" => "nama_sekolah",
        "jenjangsekolah" | "jenjang" | "jenjangpendidikan" | "schoollevel" | "level" => {
            "jenjang_sekolah"
        }
        "matapelajaran" | "mapel" | "subject" => "mata_pelajaran",
        "kodewilayah" | "wilayah" | "regioncode" | "region" => "kode_wilayah",
        "nohp" | "nomorhp" | "hp" | "telepon" | "notelepon" | "phone" | "mobile" => "no_hp",
        _ => return None,
    })
}

/// One row that passed validation: what the database pass needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidRow {
    pub name: String,
    pub email: String,
    pub nip: Option<String>,
    pub nuptk: Option<String>,
    pub rank: Option<&'static str>,
    pub npsn: String,
    pub school_name: Option<String>,
    pub school_level: &'static str,
    pub subject: Option<String>,
    pub region_code: Option<String>,
    pub phone: Option<String>,
}

/// A problem with one cell (or the whole row, `field` = `baris`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    pub field: &'static str,
    pub message: String,
}

/// A data row: its line in the spreadsheet (header = line 1) and its outcome.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub line: i64,
    pub outcome: Result<ValidRow, Vec<RowError>>,
}

/// Why a file cannot be read at all (the job fails with this message).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileError(pub String);

/// Strips a UTF-8 byte-order mark and refuses anything that is not UTF-8.
pub fn decode(bytes: &[u8], lang: Lang) -> Result<&str, FileError> {
    read::decode(bytes).map_err(|_| FileError(text(lang, "import.not_utf8")))
}

/// Reads and validates every row of `content` (see `ssr::csv` for how it is read).
pub fn parse(content: &str, lang: Lang) -> Result<Vec<Row>, FileError> {
    let mut table = read::open(content).map_err(|_| FileError(text(lang, "import.unreadable")))?;
    let index: Vec<Option<&'static str>> = table.headers().iter().map(|h| column_of(h)).collect();
    let missing = read::missing_columns(&index, &REQUIRED_COLUMNS);
    if missing.is_empty() && table.headers().is_empty() {
        return Err(FileError(text(lang, "import.empty")));
    }
    if !missing.is_empty() {
        return Err(FileError(text_with(
            lang,
            "import.missing_columns",
            &[("columns", &missing.join(", "))],
        )));
    }
    let mut rows = Vec::new();
    let mut seen = Seen::default();
    while let Some(row) = table.next_row().map_err(|err| {
        FileError(text_with(
            lang,
            "import.broken_line",
            &[("line", &err.line().to_string())],
        ))
    })? {
        let cells = row.by_column(&index);
        let outcome = validate(&cells, lang).and_then(|valid| seen.check(valid, row.line, lang));
        rows.push(Row {
            line: row.line,
            outcome,
        });
    }
    Ok(rows)
}

/// Keys of earlier valid rows, to find duplicates within the file.
#[derive(Default)]
struct Seen {
    email: HashMap<String, i64>,
    nip: HashMap<String, i64>,
    nuptk: HashMap<String, i64>,
}

impl Seen {
    fn check(&mut self, row: ValidRow, line: i64, lang: Lang) -> Result<ValidRow, Vec<RowError>> {
        let mut errors = Vec::new();
        let mut dup = |field: &'static str, earlier: Option<&i64>| {
            if let Some(earlier) = earlier {
                errors.push(RowError {
                    field,
                    message: text_with(
                        lang,
                        "import.duplicate_in_file",
                        &[("line", &earlier.to_string())],
                    ),
                });
            }
        };
        dup("email", self.email.get(&row.email));
        dup("nip", row.nip.as_ref().and_then(|n| self.nip.get(n)));
        dup("nuptk", row.nuptk.as_ref().and_then(|n| self.nuptk.get(n)));
        if !errors.is_empty() {
            return Err(errors);
        }
        self.email.insert(row.email.clone(), line);
        if let Some(nip) = &row.nip {
            self.nip.insert(nip.clone(), line);
        }
        if let Some(nuptk) = &row.nuptk {
            self.nuptk.insert(nuptk.clone(), line);
        }
        Ok(row)
    }
}

fn identifier_message(lang: Lang, err: IdentifierError) -> String {
    let count = err.count().map(|n| n.to_string()).unwrap_or_default();
    text_with(lang, err.message_key(), &[("count", &count)])
}

fn nip_message(lang: Lang, err: NipError) -> String {
    let count = match err {
        NipError::WrongLength(n) => n.to_string(),
        _ => String::new(),
    };
    text_with(lang, err.message_key(), &[("count", &count)])
}

/// Validates one row's cells.
fn validate(cells: &HashMap<&'static str, &str>, lang: Lang) -> Result<ValidRow, Vec<RowError>> {
    let mut errors = Vec::new();
    let cell = |name: &str| cells.get(name).map(|v| v.trim()).unwrap_or_default();
    let mut fail = |field: &'static str, message: String| errors.push(RowError { field, message });
    let optional_text = |value: &str| (!value.is_empty()).then(|| value.to_string());

    let name = cell("nama").to_string();
    if name.is_empty() {
        fail("nama", text(lang, "form.required"));
    } else if name.chars().count() > MAX_TEXT {
        fail(
            "nama",
            text_with(lang, "form.too_long", &[("max", &MAX_TEXT.to_string())]),
        );
    }
    let email = cell("email").to_lowercase();
    if email.is_empty() {
        fail("email", text(lang, "form.required"));
    } else if !is_valid_email(&email) {
        fail("email", text(lang, "form.email_invalid"));
    }
    let nip = match cell("nip") {
        "" => None,
        value => match Nip::parse(value) {
            Ok(nip) => Some(nip.as_str().to_string()),
            Err(err) => {
                fail("nip", nip_message(lang, err));
                None
            }
        },
    };
    // An identifier cell: empty is `None` (and an error when the column is required), anything
    // else must parse, or the cell gets the parser's message.
    let mut identifier =
        |field: &'static str,
         required: bool,
         parse: &dyn Fn(&str) -> Result<String, IdentifierError>| {
            let message = match cell(field) {
                "" if required => text(lang, "form.required"),
                "" => return None,
                value => match parse(value) {
                    Ok(v) => return Some(v),
                    Err(err) => identifier_message(lang, err),
                },
            };
            errors.push(RowError { field, message });
            None
        };
    let nuptk = identifier("nuptk", false, &parse_nuptk);
    let rank = identifier("golongan", false, &|v| {
        parse_rank(v).map(|r| r.code.to_string())
    });
    let region_code = identifier("kode_wilayah", false, &parse_region_code);
    let phone = identifier("no_hp", false, &parse_phone);
    let npsn = identifier("npsn", true, &parse_npsn);
    let level = identifier("jenjang_sekolah", true, &|v| {
        parse_school_level(v).map(str::to_string)
    });
    let mut long = |field: &'static str| {
        let value = cell(field);
        if value.chars().count() > MAX_TEXT {
            errors.push(RowError {
                field,
                message: text_with(lang, "form.too_long", &[("max", &MAX_TEXT.to_string())]),
            });
        }
        optional_text(value)
    };
    let school_name = long("nama_sekolah");
    let subject = long("mata_pelajaran");
    if !errors.is_empty() {
        return Err(errors);
    }
    let (Some(npsn), Some(level)) = (npsn, level) else {
        return Err(errors);
    };
    Ok(ValidRow {
        name,
        email,
        nip,
        nuptk,
        rank: rank.and_then(|r| parse_rank(&r).ok()).map(|r| r.code),
        npsn,
        school_name,
        school_level: parse_school_level(&level).unwrap_or("SD"),
        subject,
        region_code,
        phone,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "nama;email;nip;nuptk;golongan;npsn;nama_sekolah;jenjang_sekolah;mata_pelajaran;kode_wilayah;no_hp";

    #[test]
    fn matches_headers_loosely() {
        assert_eq!(column_of("Nama Sekolah"), Some("nama_sekolah"));
        assert_eq!(column_of("\u{feff}NAMA"), Some("nama"));
        assert_eq!(column_of("E-mail"), Some("email"));
        assert_eq!(column_of("School level"), Some("jenjang_sekolah"));
        assert_eq!(column_of("kolom lain"), None);
    }

    #[test]
    fn validates_rows_with_line_numbers_and_duplicates() {
        let file = format!(
            "{HEADER}\n\
             Sri Wahyuni;sri@guru.id;198609262015052001;;III/b;20300001;SMPN 1;SMP;IPA;33.01;0812-3456-7890\n\
             ;bukan-email;123;12;V/z;1;;TK;;3;021\n\
             \n\
             Budi;SRI@guru.id;;;;20300001;;SD;;;\n"
        );
        let rows = parse(&file, Lang::Id).expect("readable");
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].line, 2);
        let first = rows[0].outcome.as_ref().expect("valid");
        assert_eq!(first.rank, Some("III/b"));
        assert_eq!(first.phone.as_deref(), Some("081234567890"));
        let bad = rows[1].outcome.as_ref().expect_err("invalid");
        let fields: Vec<_> = bad.iter().map(|e| e.field).collect();
        for field in [
            "nama",
            "email",
            "nip",
            "nuptk",
            "golongan",
            "npsn",
            "jenjang_sekolah",
            "kode_wilayah",
            "no_hp",
        ] {
            assert!(fields.contains(&field), "{field}: {bad:?}");
        }
        assert_eq!(rows[2].line, 5);
        let dup = rows[2].outcome.as_ref().expect_err("duplicate");
        assert!(dup[0].message.contains("baris 2"), "{dup:?}");
    }

    #[test]
    fn refuses_files_it_cannot_read() {
        assert_eq!(decode(b"\xEF\xBB\xBFnama", Lang::Id), Ok("nama"));
        assert!(decode(b"nama;Sl\xE9man", Lang::Id).is_err());
        let missing = parse("nama,email\nA,a@b.id\n", Lang::Id).expect_err("columns");
        assert!(missing.0.contains("npsn"), "{}", missing.0);
    }
}
