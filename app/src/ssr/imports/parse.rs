//! An uploaded enrolment CSV: its columns, and the validation of every row (with in-file
//! duplicates), all in memory, before anything touches the database. The file itself (encoding,
//! delimiter, line numbers) is read by `ssr::csv::read`.

use crate::i18n::{text, text_with};
use crate::model::codes::ParticipantCategory;
use crate::model::identifiers::{
    parse_birth_date, parse_npsn, parse_nuptk, parse_phone, parse_rank, parse_region_code,
    parse_school_level, IdentifierError,
};
use crate::model::nip::NipError;
use crate::model::{Lang, Nip};
use crate::ssr::csv::read;
use crate::ssr::validate::{birth_date_mismatch, is_valid_email};
use std::collections::HashMap;

/// The template's columns, in order (Indonesian names; the report names columns the same way).
/// The last four came with issue #18; files without them import as before.
pub const COLUMNS: [&str; 15] = [
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
    "kategori",
    "jabatan",
    "tempat_lahir",
    "tanggal_lahir",
];

/// Columns a file must have. An e-mail, NPSN and school level are needed only in some rows (a
/// row without e-mail gives a NIP or NUPTK; a school only where the category means one), so a
/// missing column is reported row by row where it matters.
const REQUIRED_COLUMNS: [&str; 1] = ["nama"];

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
        "kategori" | "kategoripeserta" | "category" => "kategori",
        "jabatan" | "position" | "jobtitle" => "jabatan",
        "tempatlahir" | "placeofbirth" | "birthplace" => "tempat_lahir",
        "tanggallahir" | "tgllahir" | "dateofbirth" | "birthdate" => "tanggal_lahir",
        _ => return None,
    })
}

/// One row that passed validation: what the database pass needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidRow {
    pub name: String,
    /// `None` in a row that identifies the person by NIP or NUPTK only.
    pub email: Option<String>,
    pub nip: Option<String>,
    pub nuptk: Option<String>,
    pub rank: Option<&'static str>,
    /// Given (and required) where the category means one school.
    pub npsn: Option<String>,
    pub school_name: Option<String>,
    pub school_level: Option<&'static str>,
    pub subject: Option<String>,
    pub region_code: Option<String>,
    pub phone: Option<String>,
    pub category: Option<ParticipantCategory>,
    pub position: Option<String>,
    pub birth_place: Option<String>,
    /// `YYYY-MM-DD`.
    pub birth_date: Option<String>,
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
        dup("email", row.email.as_ref().and_then(|e| self.email.get(e)));
        dup("nip", row.nip.as_ref().and_then(|n| self.nip.get(n)));
        dup("nuptk", row.nuptk.as_ref().and_then(|n| self.nuptk.get(n)));
        if !errors.is_empty() {
            return Err(errors);
        }
        if let Some(email) = &row.email {
            self.email.insert(email.clone(), line);
        }
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
    if !email.is_empty() && !is_valid_email(&email) {
        fail("email", text(lang, "form.email_invalid"));
    }
    let email = (!email.is_empty()).then_some(email);
    let nip = match cell("nip") {
        "" => None,
        value => match Nip::parse(value) {
            Ok(nip) => Some(nip),
            Err(err) => {
                fail("nip", nip_message(lang, err));
                None
            }
        },
    };
    let category = match cell("kategori") {
        "" => None,
        value => {
            let category = ParticipantCategory::parse_loose(value);
            if category.is_none() {
                fail("kategori", text(lang, "import.category_unknown"));
            }
            category
        }
    };
    // Teachers and principals work at one school; a row without a category is read as a teacher
    // (an unknown category gets its own message only).
    let needs_school = match category {
        Some(category) => category.needs_school(),
        None => cell("kategori").is_empty(),
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
    let npsn = identifier("npsn", needs_school, &parse_npsn);
    let level = identifier("jenjang_sekolah", needs_school, &|v| {
        parse_school_level(v).map(str::to_string)
    });
    let birth_date = identifier("tanggal_lahir", false, &parse_birth_date);
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
    let position = long("jabatan");
    let birth_place = long("tempat_lahir");
    if let (Some(nip), Some(date)) = (&nip, &birth_date) {
        if let Some(message) = birth_date_mismatch(lang, nip, date) {
            errors.push(RowError {
                field: "tanggal_lahir",
                message,
            });
        }
    }
    // Without an e-mail, the NIP or NUPTK is how the person is found again (and activated).
    let identity_refused = errors
        .iter()
        .any(|e| e.field == "nip" || e.field == "nuptk");
    if email.is_none() && nip.is_none() && nuptk.is_none() && !identity_refused {
        errors.push(RowError {
            field: "email",
            message: text(lang, "import.no_identity"),
        });
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(ValidRow {
        name,
        email,
        nip: nip.map(|n| n.as_str().to_string()),
        nuptk,
        rank: rank.and_then(|r| parse_rank(&r).ok()).map(|r| r.code),
        npsn,
        school_name,
        school_level: level.and_then(|l| parse_school_level(&l).ok()),
        subject,
        region_code,
        phone,
        category,
        position,
        birth_place,
        birth_date,
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
        // Every column of this file but the two free-text ones.
        for field in HEADER
            .split(';')
            .filter(|c| !["nama_sekolah", "mata_pelajaran"].contains(c))
        {
            assert!(fields.contains(&field), "{field}: {bad:?}");
        }
        assert_eq!(rows[2].line, 5);
        let dup = rows[2].outcome.as_ref().expect_err("duplicate");
        assert!(dup[0].message.contains("baris 2"), "{dup:?}");
    }

    #[test]
    fn rules_follow_the_category_and_the_nip_birth_date() {
        let file =
            "nama;email;nip;npsn;jenjang_sekolah;kategori;jabatan;tempat_lahir;tanggal_lahir\n\
             Pengawas;;198609262015051001;;;Pengawas Sekolah;Pengawas SMP;Sleman;26-09-1986\n\
             Guru;;;;;;;;\n\
             Salah;;198609262015051002;20300001;SMP;guru;;;1986-09-27\n\
             Kepala;k@x.id;;;;kepala sekolah;;;\n\
             Lain;l@x.id;;;;murid;;;\n";
        let rows = parse(file, Lang::Id).expect("readable");
        let ok = rows[0]
            .outcome
            .as_ref()
            .expect("a supervisor needs no school");
        assert_eq!(ok.email, None);
        assert_eq!(ok.category, Some(ParticipantCategory::Supervisor));
        assert_eq!(ok.birth_date.as_deref(), Some("1986-09-26"));
        assert_eq!(ok.npsn, None);
        let fields = |i: usize| -> Vec<&str> {
            rows[i]
                .outcome
                .as_ref()
                .expect_err("invalid")
                .iter()
                .map(|e| e.field)
                .collect()
        };
        assert_eq!(fields(1), ["npsn", "jenjang_sekolah", "email"]);
        assert_eq!(fields(2), ["tanggal_lahir"]);
        let mismatch = &rows[2].outcome.as_ref().expect_err("mismatch")[0].message;
        assert!(mismatch.contains("1986-09-26"), "{mismatch}");
        assert_eq!(fields(3), ["npsn", "jenjang_sekolah"]);
        assert_eq!(fields(4), ["kategori"]);
    }

    #[test]
    fn refuses_files_it_cannot_read() {
        assert_eq!(decode(b"\xEF\xBB\xBFnama", Lang::Id), Ok("nama"));
        assert!(decode(b"nama;Sl\xE9man", Lang::Id).is_err());
        let missing = parse("email,npsn\na@b.id,20300001\n", Lang::Id).expect_err("columns");
        assert!(missing.0.contains("nama"), "{}", missing.0);
    }
}
