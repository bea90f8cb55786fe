//! Bank statements: an admin uploads the CSV their bank exports, each credit line is matched to a
//! bill by the reference in its description and its amount, the admin reviews what did not match
//! (and matches it by hand, by reference), and only then are the matched lines applied: each
//! confirms its bill as paid, with a receipt, through `pay::confirm`.
//!
//! A line is never applied twice: applying moves it from `matched` to `applied` in the same
//! transaction as the payment (a conditional update), a bill takes one payment (its unique id in
//! `fee_payment`), a line pays one bill (`statement_line_id` is unique), and a line's fingerprint
//! (institution, date, amount, description) is applied at most once, so uploading the same
//! statement again applies nothing new. A line that names two bills, or a bill another line of the
//! statement already took, is left unmatched for the admin.

use super::pay::{self, By, PaidBy, Refused};
use crate::model::fees::{StatementLine, StatementPage};
use crate::model::InstitutionId;
use crate::ssr::csv::read::{self, header_key};
use crate::ssr::db::{begin_write, Db};
use crate::ssr::institutions::SCOPE_CTE;
use sha2::{Digest, Sha256};

/// The largest statement accepted.
pub const MAX_FILE_BYTES: usize = 5 * 1024 * 1024;
/// Most lines in a statement.
pub const MAX_LINES: usize = 20_000;

/// What a column of a statement holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Column {
    Date,
    Description,
    Credit,
    Amount,
    /// `D`/`DB`/`Debit` or `K`/`CR`/`Kredit` beside a plain amount.
    Kind,
}

/// The column a header cell stands for, in the exports of Indonesian banks' internet banking
/// (`Tanggal`, `Keterangan`, `Mutasi`, `Kredit`, `Jumlah`, `CR/DB`) and in English.
fn column_of(header: &str) -> Option<Column> {
    let key = header_key(header);
    let key = key.as_str();
    match key {
        "tanggal" | "tgl" | "date" | "tanggaltransaksi" | "tgltransaksi" | "postingdate"
        | "transactiondate" | "valuedate" => Some(Column::Date),
        "keterangan"
        | "deskripsi"
        | "uraian"
        | "description"
        | "berita"
        | "remark"
        | "remarks"
        | "narasi"
        | "keterangantransaksi"
        | "details" => Some(Column::Description),
        "kredit" | "credit" | "cr" | "mutasikredit" | "masuk" => Some(Column::Credit),
        "jumlah" | "amount" | "nominal" | "mutasi" => Some(Column::Amount),
        "dk" | "d/k" | "crdb" | "cr/db" | "dbcr" | "jenis" | "type" => Some(Column::Kind),
        _ => None,
    }
}

/// Why a statement cannot be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParseError {
    Unreadable,
    /// No date, description and credit (or amount) columns in the header.
    NoColumns,
    TooManyLines,
    /// No credit line at all.
    Empty,
}

impl ParseError {
    pub fn key(self) -> &'static str {
        match self {
            ParseError::Unreadable => "fees.statement_unreadable",
            ParseError::NoColumns => "fees.statement_no_columns",
            ParseError::TooManyLines => "fees.statement_too_many",
            ParseError::Empty => "fees.statement_empty",
        }
    }
}

/// One credit of a statement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Credit {
    /// Its line in the file (the header is line 1).
    pub line: i64,
    pub booked_on: String,
    pub description: String,
    pub amount: i64,
}

/// A whole amount of rupiah as banks write it: `1.500.000`, `1,500,000.00`, `1500000,00`,
/// `Rp 1.500.000`, `1,500,000.00 CR`. A credit is positive; a debit (`-`, `DB`, `D`) negative.
/// Cents other than zero, or anything that is not an amount, give `None`.
pub fn parse_rupiah(text: &str) -> Option<i64> {
    let mut t = text.trim().to_uppercase();
    let mut negative = false;
    for suffix in ["CR", "DB", "K", "D"] {
        if let Some(rest) = t.strip_suffix(suffix) {
            if rest.ends_with(|c: char| c.is_ascii_digit() || c == ' ') {
                negative = suffix.starts_with('D');
                t = rest.trim().to_string();
                break;
            }
        }
    }
    let t = t
        .trim_start_matches("RP")
        .trim_start_matches("IDR")
        .trim()
        .to_string();
    let (t, minus) = match t.strip_prefix('-') {
        Some(rest) => (rest.trim().to_string(), true),
        None => (t, false),
    };
    negative |= minus;
    if t.is_empty()
        || !t
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return None;
    }
    // The decimal separator, if any: the last of `.` and `,` when both are there, else one
    // followed by exactly two digits (a thousands separator is followed by three).
    let last_dot = t.rfind('.');
    let last_comma = t.rfind(',');
    let decimal_at = match (last_dot, last_comma) {
        (Some(d), Some(c)) => Some(d.max(c)),
        (Some(i), None) | (None, Some(i)) => (t.len() - i - 1 == 2).then_some(i),
        (None, None) => None,
    };
    let (whole, cents) = match decimal_at {
        Some(i) => (&t[..i], &t[i + 1..]),
        None => (t.as_str(), ""),
    };
    if !cents.chars().all(|c| c == '0') || cents.len() > 2 {
        return None;
    }
    let digits: String = whole.chars().filter(|c| c.is_ascii_digit()).collect();
    if digits.is_empty() || digits.len() > 15 {
        return None;
    }
    let value: i64 = digits.parse().ok()?;
    Some(if negative { -value } else { value })
}

/// The references of bills in a description: every word (letters and digits between other
/// characters) that is a well-formed reference, each once, in order.
pub fn references_in(description: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for word in description
        .to_uppercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
    {
        if super::is_reference(word) && !found.iter().any(|f| f == word) {
            found.push(word.to_string());
        }
    }
    found
}

/// The credit lines of a statement (debits and lines without an amount are left out).
pub fn parse(bytes: &[u8]) -> Result<Vec<Credit>, ParseError> {
    let text = read::decode(bytes).map_err(|_| ParseError::Unreadable)?;
    // Some banks put the account and period above the table: it starts at the first line whose
    // cells name a date, a description and an amount.
    let mut offset = 0;
    let mut found = false;
    for line in text.split_inclusive('\n') {
        let delimiter = read::detect_delimiter(line);
        let columns: Vec<Option<Column>> = line
            .split(delimiter as char)
            .map(|cell| column_of(cell.trim_matches(|c| c == '"' || c == '\r' || c == '\n')))
            .collect();
        let has = |c: Column| columns.contains(&Some(c));
        if has(Column::Date)
            && has(Column::Description)
            && (has(Column::Credit) || has(Column::Amount))
        {
            found = true;
            break;
        }
        offset += line.len();
    }
    if !found {
        return Err(ParseError::NoColumns);
    }
    let mut table = read::open(&text[offset..]).map_err(|_| ParseError::Unreadable)?;
    let columns: Vec<Option<Column>> = table.headers().iter().map(|h| column_of(h)).collect();
    let header_line = text[..offset].matches('\n').count() as i64;
    let mut credits = Vec::new();
    let mut rows = 0;
    while let Some(row) = table.next_row().map_err(|_| ParseError::Unreadable)? {
        rows += 1;
        if rows > MAX_LINES {
            return Err(ParseError::TooManyLines);
        }
        let cells = row.by_column(&columns);
        let cell = |c: Column| cells.get(&c).map(|v| v.trim()).filter(|v| !v.is_empty());
        let amount = match cell(Column::Credit) {
            Some(credit) => parse_rupiah(credit),
            None => cell(Column::Amount).and_then(parse_rupiah).map(|a| {
                let debit = cell(Column::Kind)
                    .map(|k| k.trim().to_uppercase())
                    .is_some_and(|k| k.starts_with('D'));
                if debit {
                    -a.abs()
                } else {
                    a
                }
            }),
        };
        let Some(amount) = amount.filter(|a| *a > 0) else {
            continue;
        };
        credits.push(Credit {
            line: row.line + header_line,
            booked_on: cell(Column::Date).unwrap_or("").chars().take(40).collect(),
            description: cell(Column::Description)
                .unwrap_or("")
                .chars()
                .take(300)
                .collect(),
            amount,
        });
    }
    if credits.is_empty() {
        return Err(ParseError::Empty);
    }
    Ok(credits)
}

/// The fingerprint of a credit of institution `institution`'s account: the same transfer in two
/// uploads of a statement has the same one.
fn fingerprint(institution: i64, credit: &Credit) -> String {
    let mut hash = Sha256::new();
    hash.update(institution.to_string());
    hash.update([0]);
    hash.update(&credit.booked_on);
    hash.update([0]);
    hash.update(credit.amount.to_string());
    hash.update([0]);
    hash.update(credit.description.trim().to_uppercase());
    hash.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// How a line stands against the bills: the bill it pays, or why none.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Match {
    Bill(i64),
    Problem(&'static str),
}

/// The bill of reference `reference` in `scope` that `amount` would pay, or why not.
async fn bill_for(
    db: &Db,
    scope: InstitutionId,
    reference: &str,
    amount: i64,
) -> Result<Match, sqlx::Error> {
    let row: Option<(i64, i64, String)> = sqlx::query_as(&format!(
        "{SCOPE_CTE} select b.id, b.amount, b.status from fee_bill b \
         join cohort c on c.id = b.cohort_id join program p on p.id = c.program_id \
         where b.reference = $2 and p.organizer_id in (select id from scope)"
    ))
    .bind(scope.0)
    .bind(reference)
    .fetch_optional(db)
    .await?;
    Ok(match row {
        None => Match::Problem("unknown_reference"),
        Some((_, _, status)) if status != "unpaid" => Match::Problem("not_unpaid"),
        Some((_, owed, _)) if owed != amount => Match::Problem("amount_differs"),
        Some((id, _, _)) => Match::Bill(id),
    })
}

/// Whether a transfer with this fingerprint was applied before.
async fn applied_before(db: &Db, fingerprint: &str) -> Result<bool, sqlx::Error> {
    let row: Option<(i64,)> = sqlx::query_as(
        "select id from fee_statement_line where fingerprint = $1 and state = 'applied'",
    )
    .bind(fingerprint)
    .fetch_optional(db)
    .await?;
    Ok(row.is_some())
}

/// Stores statement `credits` of file `file_name` for the admin's institution `scope`, each line
/// matched or not; returns the statement's id.
pub async fn store(
    db: &Db,
    scope: InstitutionId,
    file_name: &str,
    credits: &[Credit],
    by: i64,
    now: i64,
) -> Result<i64, sqlx::Error> {
    // Match first (reads), then write it all in one transaction.
    let mut lines = Vec::with_capacity(credits.len());
    let mut taken: Vec<i64> = Vec::new();
    for credit in credits {
        let print = fingerprint(scope.0, credit);
        let references = references_in(&credit.description);
        let matched = if applied_before(db, &print).await? {
            Match::Problem("applied_before")
        } else {
            match references.as_slice() {
                [] => Match::Problem("no_reference"),
                [one] => bill_for(db, scope, one, credit.amount).await?,
                _ => Match::Problem("two_references"),
            }
        };
        let matched = match matched {
            Match::Bill(bill) if taken.contains(&bill) => Match::Problem("bill_twice"),
            Match::Bill(bill) => {
                taken.push(bill);
                Match::Bill(bill)
            }
            problem => problem,
        };
        lines.push((credit, print, matched));
    }
    let mut tx = begin_write(db).await?;
    let (id,): (i64,) = sqlx::query_as(
        "insert into fee_statement (institution_id, file_name, uploaded_by, uploaded_at) \
         values ($1, $2, $3, $4) returning id",
    )
    .bind(scope.0)
    .bind(file_name)
    .bind(by)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    for (credit, print, matched) in lines {
        let (bill, state, problem) = match matched {
            Match::Bill(bill) => (Some(bill), "matched", None),
            Match::Problem(problem) => (None, "unmatched", Some(problem)),
        };
        sqlx::query(
            "insert into fee_statement_line (statement_id, line_no, booked_on, description, \
             amount, fingerprint, bill_id, state, problem) \
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(id)
        .bind(credit.line)
        .bind(&credit.booked_on)
        .bind(&credit.description)
        .bind(credit.amount)
        .bind(&print)
        .bind(bill)
        .bind(state)
        .bind(problem)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(id)
}

/// Statement `id` if it belongs to an institution within `scope`.
pub async fn in_scope(db: &Db, scope: InstitutionId, id: i64) -> Result<bool, sqlx::Error> {
    let (count,): (i64,) = sqlx::query_as(&format!(
        "{SCOPE_CTE} select count(*) from fee_statement where id = $2 \
         and institution_id in (select id from scope)"
    ))
    .bind(scope.0)
    .bind(id)
    .fetch_one(db)
    .await?;
    Ok(count > 0)
}

/// Statement `id` with its lines, for the review page.
pub async fn page(db: &Db, id: i64) -> Result<StatementPage, sqlx::Error> {
    let (file_name, uploaded_at, applied_at): (String, i64, Option<i64>) = sqlx::query_as(
        "select file_name, uploaded_at, applied_at from fee_statement where id = $1",
    )
    .bind(id)
    .fetch_one(db)
    .await?;
    let lines: Vec<StatementLine> = sqlx::query_as(
        "select l.id, l.line_no, l.booked_on, l.description, l.amount, l.state, l.problem, \
         b.reference, u.name as participant_name from fee_statement_line l \
         left join fee_bill b on b.id = l.bill_id left join app_user u on u.id = b.user_id \
         where l.statement_id = $1 order by l.line_no",
    )
    .bind(id)
    .fetch_all(db)
    .await?;
    Ok(StatementPage {
        id,
        file_name,
        uploaded_at,
        applied_at,
        lines,
    })
}

/// Matches unmatched line `line` of statement `statement` by hand to the bill of `reference`;
/// returns why not when the bill cannot take it (unknown, paid, another amount, or already
/// matched to another line of the statement).
pub async fn match_by_hand(
    db: &Db,
    scope: InstitutionId,
    statement: i64,
    line: i64,
    reference: &str,
) -> Result<Result<(), &'static str>, sqlx::Error> {
    let row: Option<(i64, String)> = sqlx::query_as(
        "select amount, state from fee_statement_line where id = $1 and statement_id = $2",
    )
    .bind(line)
    .bind(statement)
    .fetch_optional(db)
    .await?;
    let Some((amount, state)) = row else {
        return Ok(Err("fees.line_not_found"));
    };
    if state != "unmatched" {
        return Ok(Err("fees.line_not_unmatched"));
    }
    let reference = reference.trim().to_uppercase();
    if !super::is_reference(&reference) {
        return Ok(Err("fees.problem.bad_reference"));
    }
    let bill = match bill_for(db, scope, &reference, amount).await? {
        Match::Bill(bill) => bill,
        Match::Problem(problem) => return Ok(Err(problem_key(problem))),
    };
    let mut tx = begin_write(db).await?;
    let (other,): (i64,) = sqlx::query_as(
        "select count(*) from fee_statement_line where statement_id = $1 and bill_id = $2 \
         and state <> 'unmatched'",
    )
    .bind(statement)
    .bind(bill)
    .fetch_one(&mut *tx)
    .await?;
    if other > 0 {
        return Ok(Err("fees.problem.bill_twice"));
    }
    let changed = sqlx::query(
        "update fee_statement_line set bill_id = $3, state = 'matched', problem = null \
         where id = $1 and statement_id = $2 and state = 'unmatched'",
    )
    .bind(line)
    .bind(statement)
    .bind(bill)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if changed != 1 {
        return Ok(Err("fees.line_not_unmatched"));
    }
    tx.commit().await?;
    Ok(Ok(()))
}

/// The message key of a matching problem.
pub fn problem_key(problem: &str) -> &'static str {
    match problem {
        "no_reference" => "fees.problem.no_reference",
        "two_references" => "fees.problem.two_references",
        "unknown_reference" => "fees.problem.unknown_reference",
        "not_unpaid" => "fees.problem.not_unpaid",
        "amount_differs" => "fees.problem.amount_differs",
        "bill_twice" => "fees.problem.bill_twice",
        "applied_before" => "fees.problem.applied_before",
        _ => "fees.problem.bad_reference",
    }
}

/// What applying a statement did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Applied {
    pub paid: usize,
    /// Matched lines whose bill was paid or waived meanwhile, or whose transfer was applied
    /// before: left unmatched.
    pub refused: usize,
}

/// Applies every matched line of statement `statement`: each confirms its bill (payment and
/// receipt) in a transaction of its own; a line that can no longer pay its bill is left
/// unmatched with the reason.
pub async fn apply(
    db: &Db,
    statement: i64,
    year: i64,
    by: &By<'_>,
    now: i64,
) -> Result<Applied, sqlx::Error> {
    let matched: Vec<(i64, i64)> = sqlx::query_as(
        "select id, bill_id from fee_statement_line \
         where statement_id = $1 and state = 'matched' and bill_id is not null order by line_no",
    )
    .bind(statement)
    .fetch_all(db)
    .await?;
    let mut applied = Applied::default();
    for (line, bill) in matched {
        let paid_by = PaidBy::Statement { line };
        let Some(organiser) = super::organiser_of(db, bill).await? else {
            continue;
        };
        match pay::confirm(db, bill, paid_by, organiser, year, by, now).await? {
            Ok(_) => applied.paid += 1,
            Err(refused) => {
                applied.refused += 1;
                let problem = match refused {
                    Refused::NotUnpaid => "not_unpaid",
                    _ => "applied_before",
                };
                sqlx::query(
                    "update fee_statement_line set state = 'unmatched', bill_id = null, \
                     problem = $2 where id = $1 and state = 'matched'",
                )
                .bind(line)
                .bind(problem)
                .execute(db)
                .await?;
            }
        }
    }
    sqlx::query("update fee_statement set applied_at = $2, applied_by = $3 where id = $1")
        .bind(statement)
        .bind(now)
        .bind(by.id)
        .execute(db)
        .await?;
    Ok(applied)
}

/// The latest statements uploaded within `scope`, newest first.
pub async fn recent(
    db: &Db,
    scope: InstitutionId,
) -> Result<Vec<crate::model::fees::StatementSummary>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SCOPE_CTE} select s.id, s.file_name, s.uploaded_at, s.applied_at, \
         (select count(*) from fee_statement_line l where l.statement_id = s.id) as lines, \
         (select count(*) from fee_statement_line l where l.statement_id = s.id \
         and l.state = 'unmatched') as unmatched \
         from fee_statement s where s.institution_id in (select id from scope) \
         order by s.id desc limit 10"
    ))
    .bind(scope.0)
    .fetch_all(db)
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::codes::FeePayer;

    #[test]
    fn amounts_are_read_as_banks_write_them() {
        for (text, amount) in [
            ("1.500.000", Some(1_500_000)),
            ("1,500,000.00", Some(1_500_000)),
            ("1500000,00", Some(1_500_000)),
            ("1500000.00", Some(1_500_000)),
            ("Rp 750.000", Some(750_000)),
            ("IDR 750,000", Some(750_000)),
            ("1,500,000.00 CR", Some(1_500_000)),
            ("250,000.00 DB", Some(-250_000)),
            ("-50.000", Some(-50_000)),
            ("950", Some(950)),
            ("1.500.000,50", None),
            ("satu juta", None),
            ("", None),
        ] {
            assert_eq!(parse_rupiah(text), amount, "{text}");
        }
    }

    #[test]
    fn references_are_found_between_other_words_each_once() {
        let a = super::super::reference(123, FeePayer::Participant);
        let b = super::super::reference(456, FeePayer::Partner);
        assert_eq!(
            references_in(&format!("TRF/{a}/SRI WAHYUNI")),
            vec![a.clone()]
        );
        assert_eq!(
            references_in(&format!("{} dan {b} {a}", a.to_lowercase())),
            vec![a.clone(), b]
        );
        // A reference with a wrong check digit is no reference.
        let typo = a.replacen("0000123", "0000124", 1);
        assert!(references_in(&typo).is_empty());
    }

    #[test]
    fn a_statement_gives_its_credit_lines_and_skips_the_rest() {
        let csv = "Rekening;1023456789\nPeriode;01/12/2026 - 31/12/2026\n\
                   Tanggal;Keterangan;Cabang;Jumlah;CR/DB\n\
                   02/12/2026;TRSF E-BANKING PMGP000012391 SRI;0001;750.000,00;CR\n\
                   02/12/2026;BIAYA ADM;0001;15.000,00;DB\n\
                   \n\
                   03/12/2026;SETORAN TUNAI;0001;1.000.000,00;CR\n";
        let credits = parse(csv.as_bytes()).expect("parsed");
        assert_eq!(credits.len(), 2);
        assert_eq!(credits[0].amount, 750_000);
        assert_eq!(credits[0].booked_on, "02/12/2026");
        assert!(credits[0].description.contains("PMGP000012391"));
        assert_eq!(credits[0].line, 4);
        assert_eq!(credits[1].amount, 1_000_000);
        assert_eq!(parse(b"a;b\n1;2\n"), Err(ParseError::NoColumns));
        assert_eq!(
            parse(b"Tanggal,Keterangan,Kredit\n01/12/2026,BIAYA,\n"),
            Err(ParseError::Empty)
        );
    }
}
