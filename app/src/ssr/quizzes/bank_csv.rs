//! The question bank as CSV: the export, the template, and the import's parser. Pure: bytes in,
//! checked questions or row-numbered messages out, nothing touches the database.
//!
//! The file is read and written by `ssr::csv` (its format: `;`, `,` or tab read, `;` written;
//! UTF-8 with or without BOM read, with one written). Columns (one question a row, header first,
//! header names in Indonesian or English):
//!
//! | column | meaning |
//! |---|---|
//! | `jenis` | `pilihan_ganda` (single), `pilihan_ganda_kompleks` (multiple), `benar_salah` (truefalse), `isian_singkat` (short); the English codes work too |
//! | `pertanyaan` | the prompt |
//! | `opsi_1` … `opsi_6` | the options of a choice question (ignored for true/false and short answers) |
//! | `kunci` | choice: the number(s) of the correct option(s), `2` or `1,3` (letters `a`–`f` work too); true/false: `benar` or `salah`; short answer: the accepted answers separated by `\|` |
//! | `poin` | 1–100, empty = 1 |
//! | `tag` | competency tags separated by commas |
//! | `umpan_balik` | feedback shown after the quiz (optional) |
//!
//! The export neutralises text a spreadsheet would run as a formula (a prompt `=1+1` is written
//! `'=1+1`, see `ssr::csv::formula`), and the import takes that quote off again, so an export
//! reads back unchanged. A cell typed by hand as `'=1+1` is shown by spreadsheets as `=1+1`, and
//! is read as that too.

use super::bank::{check_question, field, true_false_options, QuestionDraft, ValidQuestion};
use crate::i18n::{text, text_with};
use crate::model::quizzes::{tag_list, OptionRow, QuestionRow, MAX_OPTIONS};
use crate::model::Lang;
use crate::ssr::csv::read;
use crate::ssr::csv::{self, Cell};
use std::collections::HashMap;

/// The columns, in the order the export and the template write them.
pub const COLUMNS: [&str; 12] = [
    "jenis",
    "pertanyaan",
    "opsi_1",
    "opsi_2",
    "opsi_3",
    "opsi_4",
    "opsi_5",
    "opsi_6",
    "kunci",
    "poin",
    "tag",
    "umpan_balik",
];

/// Columns a file must have.
const REQUIRED: [&str; 3] = ["jenis", "pertanyaan", "kunci"];

/// Most questions in one file.
pub const MAX_ROWS: usize = 1000;
/// Largest file accepted.
pub const MAX_FILE_BYTES: usize = 2 * 1024 * 1024;

/// A problem with one cell of the file; `line` is the spreadsheet's line (header = 1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowProblem {
    pub line: i64,
    pub column: &'static str,
    pub message: String,
}

impl RowProblem {
    /// "Baris 3, kolom kunci: …" in `lang`.
    pub fn describe(&self, lang: Lang) -> String {
        text_with(
            lang,
            "bank.csv_row_error",
            &[
                ("line", &self.line.to_string()),
                ("column", self.column),
                ("message", &self.message),
            ],
        )
    }
}

/// Why an import saves nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportProblem {
    /// The file as a whole cannot be read.
    File(String),
    /// These rows are wrong (every one of them is listed).
    Rows(Vec<RowProblem>),
}

fn column_of(header: &str) -> Option<&'static str> {
    let key = read::header_key(header);
    for prefix in ["opsi", "pilihan", "option", "choice"] {
        if let Some(n) = key.strip_prefix(prefix) {
            return match n {
                "1" => Some("opsi_1"),
                "2" => Some("opsi_2"),
                "3" => Some("opsi_3"),
                "4" => Some("opsi_4"),
                "5" => Some("opsi_5"),
                "6" => Some("opsi_6"),
                _ => None,
            };
        }
    }
    Some(match key.as_str() {
        "jenis" | "jenissoal" | "tipe" | "kind" | "type" | "questiontype" => "jenis",
        "pertanyaan" | "soal" | "teks" | "prompt" | "question" | "questiontext" => "pertanyaan",
        "kunci" | "kuncijawaban" | "jawaban" | "key" | "answer" | "answerkey" | "correct" => {
            "kunci"
        }
        "poin" | "skor" | "bobot" | "points" | "point" | "score" => "poin",
        "tag" | "tags" | "kompetensi" | "competency" | "competencies" => "tag",
        "umpanbalik" | "pembahasan" | "feedback" | "explanation" => "umpan_balik",
        _ => return None,
    })
}

/// The stored kind of a `jenis` cell.
fn kind_of(value: &str) -> Option<&'static str> {
    let key: String = value
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-' | '/'))
        .collect::<String>()
        .to_lowercase();
    Some(match key.as_str() {
        "single" | "pilihanganda" | "pg" | "singlechoice" => "single",
        "multiple" | "pilihangandakompleks" | "pgk" | "multiplechoice" => "multiple",
        "truefalse" | "benarsalah" | "bs" => "truefalse",
        "short" | "isiansingkat" | "isian" | "shortanswer" => "short",
        _ => return None,
    })
}

/// The `jenis` code the export writes for a stored kind.
fn kind_code(kind: &str) -> &'static str {
    match kind {
        "single" => "pilihan_ganda",
        "multiple" => "pilihan_ganda_kompleks",
        "truefalse" => "benar_salah",
        _ => "isian_singkat",
    }
}

/// The column a question check's field is reported in.
fn column_for(form_field: &str) -> &'static str {
    match form_field {
        field::KIND => "jenis",
        field::PROMPT => "pertanyaan",
        field::FEEDBACK => "umpan_balik",
        field::TAGS => "tag",
        field::POINTS => "poin",
        field::OPTIONS => "opsi",
        _ => "kunci",
    }
}

/// The option numbers of a choice key (`2`, `1,3`, `a c`), or `None` if a part is not 1–6/a–f.
fn key_numbers(key: &str) -> Option<Vec<usize>> {
    let mut numbers = Vec::new();
    for part in key
        .split([',', ';', ' ', '|', '/', '+'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let n = match part.to_lowercase().as_str() {
            "a" => 1,
            "b" => 2,
            "c" => 3,
            "d" => 4,
            "e" => 5,
            "f" => 6,
            digits => digits.parse::<usize>().ok()?,
        };
        if !(1..=MAX_OPTIONS).contains(&n) {
            return None;
        }
        numbers.push(n);
    }
    (!numbers.is_empty()).then_some(numbers)
}

/// The answer of a true/false key.
fn truth_of(key: &str) -> Option<bool> {
    match key.trim().to_lowercase().as_str() {
        "benar" | "true" | "b" | "t" | "ya" | "yes" => Some(true),
        "salah" | "false" | "s" | "f" | "tidak" | "no" => Some(false),
        _ => None,
    }
}

/// Reads a whole file: every row checked, every problem reported with its line. Any problem
/// means nothing is to be saved.
pub fn parse(bytes: &[u8], lang: Lang) -> Result<Vec<ValidQuestion>, ImportProblem> {
    let content =
        read::decode(bytes).map_err(|_| ImportProblem::File(text(lang, "bank.csv_not_utf8")))?;
    let mut table =
        read::open(content).map_err(|_| ImportProblem::File(text(lang, "bank.csv_unreadable")))?;
    if table.is_blank() {
        return Err(ImportProblem::File(text(lang, "bank.csv_empty")));
    }
    let index: Vec<Option<&'static str>> = table.headers().iter().map(|h| column_of(h)).collect();
    let missing = read::missing_columns(&index, &REQUIRED);
    if !missing.is_empty() {
        return Err(ImportProblem::File(text_with(
            lang,
            "bank.csv_missing_columns",
            &[("columns", &missing.join(", "))],
        )));
    }
    let mut questions = Vec::new();
    let mut problems = Vec::new();
    while let Some(row) = table.next_row().map_err(|err| {
        ImportProblem::File(text_with(
            lang,
            "bank.csv_broken_line",
            &[("line", &err.line().to_string())],
        ))
    })? {
        if questions.len() + problems.len() >= MAX_ROWS {
            return Err(ImportProblem::File(text_with(
                lang,
                "bank.csv_too_many_rows",
                &[("max", &MAX_ROWS.to_string())],
            )));
        }
        // The cells come as typed: the quote the export put before a formula is off again.
        match check_row(&row.by_column(&index), lang) {
            Ok(question) => questions.push(question),
            Err(found) => problems.extend(found.into_iter().map(|(column, message)| RowProblem {
                line: row.line,
                column,
                message,
            })),
        }
    }
    if !problems.is_empty() {
        return Err(ImportProblem::Rows(problems));
    }
    if questions.is_empty() {
        return Err(ImportProblem::File(text(lang, "bank.csv_empty")));
    }
    Ok(questions)
}

/// Checks one row, given its cells by column.
fn check_row(
    cells: &HashMap<&'static str, &str>,
    lang: Lang,
) -> Result<ValidQuestion, Vec<(&'static str, String)>> {
    let cell = |name: &str| cells.get(name).copied().unwrap_or_default();
    let kind_cell = cell("jenis");
    let Some(kind) = kind_of(kind_cell) else {
        return Err(vec![(
            "jenis",
            text_with(
                lang,
                "bank.csv_kind_invalid",
                &[("value", kind_cell.trim())],
            ),
        )]);
    };
    let key = cell("kunci").trim();
    let mut errors = Vec::new();
    let options = match kind {
        "single" | "multiple" => {
            let mut options: Vec<(String, bool)> = COLUMNS[2..8]
                .iter()
                .map(|c| (cell(c).to_string(), false))
                .collect();
            match key_numbers(key) {
                Some(numbers) => {
                    for n in numbers {
                        options[n - 1].1 = true;
                    }
                }
                None if key.is_empty() => {
                    errors.push(("kunci", text(lang, "bank.csv_key_missing")));
                }
                None => errors.push(("kunci", text(lang, "bank.csv_key_invalid"))),
            }
            options
        }
        "truefalse" => {
            let answer = truth_of(key);
            if answer.is_none() {
                errors.push(("kunci", text(lang, "bank.csv_key_truefalse")));
            }
            true_false_options(answer)
        }
        _ => key
            .split('|')
            .map(|answer| (answer.to_string(), true))
            .collect(),
    };
    let draft = QuestionDraft {
        kind: kind.to_string(),
        prompt: cell("pertanyaan").to_string(),
        feedback: cell("umpan_balik").to_string(),
        tags: cell("tag").to_string(),
        points: cell("poin").to_string(),
        options,
    };
    match check_question(&draft, lang) {
        Ok(question) if errors.is_empty() => Ok(question),
        Ok(_) => Err(errors),
        Err(found) => {
            for (form_field, message) in found {
                let column = column_for(form_field);
                if !errors.iter().any(|(c, _)| *c == column) {
                    errors.push((column, message));
                }
            }
            Err(errors)
        }
    }
}

fn header() -> Vec<Cell> {
    COLUMNS.iter().map(|c| Cell::text(*c)).collect()
}

/// One question as a row of the file.
fn row_of(question: &QuestionRow, options: &[OptionRow]) -> Vec<Cell> {
    let mut opsi = vec![String::new(); MAX_OPTIONS];
    let key = match question.kind.as_str() {
        "single" | "multiple" => {
            for (n, option) in options.iter().take(MAX_OPTIONS).enumerate() {
                opsi[n] = option.label.clone();
            }
            options
                .iter()
                .take(MAX_OPTIONS)
                .enumerate()
                .filter(|(_, o)| o.correct != 0)
                .map(|(n, _)| (n + 1).to_string())
                .collect::<Vec<_>>()
                .join(",")
        }
        "truefalse" => {
            opsi[0] = super::bank::TRUE_LABEL.to_string();
            opsi[1] = super::bank::FALSE_LABEL.to_string();
            let is_true = options.first().is_some_and(|o| o.correct != 0);
            if is_true { "benar" } else { "salah" }.to_string()
        }
        _ => options
            .iter()
            .map(|o| o.label.clone())
            .collect::<Vec<_>>()
            .join("|"),
    };
    let mut row = vec![
        Cell::text(kind_code(question.kind.as_str())),
        Cell::text(question.prompt.as_str()),
    ];
    row.extend(opsi.into_iter().map(Cell::text));
    row.push(Cell::text(key));
    row.push(Cell::int(question.points));
    row.push(Cell::text(tag_list(&question.tags).join(", ")));
    row.push(Cell::text(question.feedback.as_str()));
    row
}

/// The bank as a file the import reads back unchanged.
pub fn export(questions: &[(QuestionRow, Vec<OptionRow>)]) -> Vec<u8> {
    let mut records = vec![header()];
    records.extend(questions.iter().map(|(q, o)| row_of(q, o)));
    csv::write(&records)
}

/// One example row of the template: kind, prompt, options (up to `MAX_OPTIONS`), key, points, tags,
/// feedback.
type Example = (
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

/// The template's examples, one of each kind.
const EXAMPLES: [Example; 4] = [
    (
        "pilihan_ganda",
        "Manakah yang merupakan contoh sumber belajar digital?",
        &[
            "Papan tulis",
            "Video pembelajaran daring",
            "Kapur",
            "Buku tulis",
        ],
        "2",
        "1",
        "literasi-digital",
        "Video daring adalah sumber belajar digital.",
    ),
    (
        "pilihan_ganda_kompleks",
        "Pilih semua kata sandi yang kuat.",
        &["123456", "Gur#Sl4mat!2027", "password", "t4Man-B4ca_9"],
        "2,4",
        "2",
        "keamanan-digital",
        "",
    ),
    (
        "benar_salah",
        "Semua informasi di media sosial sudah pasti benar.",
        &[],
        "salah",
        "1",
        "literasi-digital, hots",
        "Informasi perlu diperiksa ke sumber lain.",
    ),
    (
        "isian_singkat",
        "Singkatan dari Teknologi Informasi dan Komunikasi adalah …",
        &[],
        "TIK|ICT",
        "1",
        "tik",
        "",
    ),
];

/// The template: the header and one example of each kind.
pub fn template() -> Vec<u8> {
    let mut records = vec![header()];
    for (kind, prompt, options, key, points, tags, feedback) in EXAMPLES {
        let mut row = vec![Cell::text(kind), Cell::text(prompt)];
        row.extend((0..MAX_OPTIONS).map(|i| Cell::text(options.get(i).copied().unwrap_or(""))));
        row.extend([key, points, tags, feedback].map(Cell::text));
        records.push(row);
    }
    csv::write(&records)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Options as the parser returns them: text and whether it is a key.
    fn options(pairs: &[(&str, bool)]) -> Vec<(String, bool)> {
        pairs
            .iter()
            .map(|&(text, key)| (text.to_string(), key))
            .collect()
    }

    fn rows(problem: Result<Vec<ValidQuestion>, ImportProblem>) -> Vec<(i64, &'static str)> {
        match problem {
            Err(ImportProblem::Rows(rows)) => rows.iter().map(|r| (r.line, r.column)).collect(),
            other => panic!("expected row problems, got {other:?}"),
        }
    }

    #[test]
    fn the_template_reads_back_as_four_questions_of_every_kind() {
        let questions = parse(&template(), Lang::Id).expect("template parses");
        let kinds: Vec<&str> = questions.iter().map(|q| q.kind.as_str()).collect();
        assert_eq!(kinds, ["single", "multiple", "truefalse", "short"]);
        assert_eq!(
            questions[0].options[1],
            ("Video pembelajaran daring".to_string(), true)
        );
        assert_eq!(questions[1].options.iter().filter(|o| o.1).count(), 2);
        assert_eq!(questions[2].options[1], ("Salah".to_string(), true));
        assert_eq!(questions[2].tags, ",literasi-digital,hots,");
        assert_eq!(
            questions[3].options,
            options(&[("TIK", true), ("ICT", true)])
        );
    }

    #[test]
    fn english_headers_commas_and_tabs_are_accepted() {
        let comma = "Type,Question,Option 1,Option 2,Key,Points,Tags\n\
                     single,\"Ibu kota, Indonesia?\",Jakarta,Bandung,a,3,\"geo, umum\"\n";
        let q = parse(comma.as_bytes(), Lang::En).expect("parses");
        assert_eq!(q[0].prompt, "Ibu kota, Indonesia?");
        assert_eq!(q[0].options[0], ("Jakarta".to_string(), true));
        assert_eq!((q[0].points, q[0].tags.as_str()), (3, ",geo,umum,"));
        let tab = "jenis\tpertanyaan\tkunci\nbs\tBumi itu bulat.\tbenar\n";
        let q = parse(tab.as_bytes(), Lang::Id).expect("parses");
        assert_eq!(q[0].options[0], ("Benar".to_string(), true));
    }

    #[test]
    fn every_bad_row_is_reported_with_its_line_and_column() {
        let file = "jenis;pertanyaan;opsi_1;opsi_2;kunci;poin\n\
                    pilihan_ganda;Benar;A;B;1;1\n\
                    \n\
                    pilihan_ganda;Dua kunci;A;B;1,2;1\n\
                    esai;Jenis salah;;;x;1\n\
                    pilihan_ganda;Kunci kosong;A;B;3;1\n\
                    benar_salah;Tanpa kunci;;;mungkin;1\n\
                    isian_singkat;;;;jawab;500\n";
        assert_eq!(
            rows(parse(file.as_bytes(), Lang::Id)),
            [
                (4, "kunci"),
                (5, "jenis"),
                (6, "kunci"),
                (7, "kunci"),
                (8, "pertanyaan"),
                (8, "poin"),
            ]
        );
        let problem = RowProblem {
            line: 4,
            column: "kunci",
            message: "x".into(),
        };
        assert!(problem.describe(Lang::Id).contains('4'));
    }

    #[test]
    fn unreadable_files_say_why() {
        assert!(matches!(
            parse(b"\xff\xfe", Lang::Id),
            Err(ImportProblem::File(_))
        ));
        assert!(
            matches!(parse(b"nama;email\nx;y\n", Lang::Id), Err(ImportProblem::File(m)) if m.contains("jenis"))
        );
        assert!(matches!(
            parse(b"jenis;pertanyaan;kunci\n", Lang::Id),
            Err(ImportProblem::File(_))
        ));
    }

    /// A live question of program 1 in the bank, worth one point and without feedback.
    fn question(id: i64, kind: &str, prompt: String, tags: &str) -> QuestionRow {
        QuestionRow {
            id: crate::model::ids::QuestionId(id),
            program_id: crate::model::ids::ProgramId(1),
            kind: kind.parse().expect("a question kind"),
            prompt,
            feedback: String::new(),
            tags: tags.into(),
            points: 1,
            archived: 0,
        }
    }

    /// An option of an exported question; its id is its position.
    fn option(position: i64, label: &str, correct: bool) -> OptionRow {
        OptionRow {
            id: position,
            position,
            label: label.into(),
            correct: i64::from(correct),
        }
    }

    #[test]
    fn formulas_are_neutralised_in_the_export_and_read_back_as_typed() {
        let question = |id: i64, kind: &str, prompt: &str| QuestionRow {
            feedback: "+62 812 (WA)".into(),
            points: 2,
            ..question(id, kind, prompt.into(), "")
        };
        let bank = vec![
            (
                question(1, "single", "=HYPERLINK(\"http://x.example\",\"klik\")"),
                vec![option(1, "-5", true), option(2, "@SUM(A1)", false)],
            ),
            (
                question(2, "short", "'=1+1 ditulis dengan kutip"),
                vec![option(1, "-2", true), option(2, "dua", true)],
            ),
        ];
        let file = export(&bank);
        let text = String::from_utf8_lossy(&file);
        assert!(text.contains("\"'=HYPERLINK(\"\"http"), "{text}");
        assert!(text.contains(";'-5;'@SUM(A1);"), "{text}");
        assert!(text.contains(";''=1+1 ditulis"), "{text}");
        assert!(text.contains(";'-2|dua;2;"), "{text}");
        assert!(!text.contains(";=") && !text.contains(";-") && !text.contains(";+"));
        let back = parse(&file, Lang::Id).expect("round trip");
        assert_eq!(back[0].prompt, bank[0].0.prompt);
        assert_eq!(back[0].feedback, "+62 812 (WA)");
        assert_eq!(
            back[0].options,
            options(&[("-5", true), ("@SUM(A1)", false)])
        );
        assert_eq!(back[1].prompt, "'=1+1 ditulis dengan kutip");
        assert_eq!(back[1].options, options(&[("-2", true), ("dua", true)]));
    }

    #[test]
    fn an_export_reads_back_as_the_same_questions() {
        let question = |id: i64, kind: &str, tags: &str| QuestionRow {
            feedback: "Lihat modul 2.".into(),
            points: id,
            ..question(id, kind, format!("Soal {id}; dengan \"kutip\""), tags)
        };
        let bank = vec![
            (
                question(1, "single", ",ict,"),
                vec![option(1, "A; a", false), option(2, "B", true)],
            ),
            (
                question(2, "multiple", ""),
                vec![
                    option(1, "A", true),
                    option(2, "B", false),
                    option(3, "C", true),
                ],
            ),
            (
                question(3, "truefalse", ",x,y,"),
                vec![option(1, "Benar", true), option(2, "Salah", false)],
            ),
            (
                question(4, "short", ",ict,"),
                vec![option(1, "dua", true), option(2, "2", true)],
            ),
        ];
        let back = parse(&export(&bank), Lang::Id).expect("round trip");
        assert_eq!(back.len(), 4);
        for ((row, options), valid) in bank.iter().zip(&back) {
            assert_eq!(valid.kind, row.kind.as_str());
            assert_eq!(valid.prompt, row.prompt);
            assert_eq!(valid.feedback, row.feedback);
            assert_eq!(valid.tags, row.tags);
            assert_eq!(valid.points, row.points);
            let expected: Vec<(String, bool)> = options
                .iter()
                .map(|o| (o.label.clone(), o.correct != 0))
                .collect();
            assert_eq!(valid.options, expected);
        }
    }
}
