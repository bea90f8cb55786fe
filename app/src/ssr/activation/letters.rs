//! Activation letters for teachers without e-mail: an admin chooses a cohort or a school, and
//! every participant there who has not activated (no password yet) gets a *fresh* code, since
//! only a code being issued exists in plaintext. The letters come as a CSV file (for a mail
//! merge) or a PDF (one A4 page each, `pdf`).

use super::super::csv::{self, Cell};
use super::super::db::Db;
use crate::i18n::{text, text_with};
use crate::model::activation::format_code;
use crate::model::{Lang, UserId};

/// Whose letters to print.
#[derive(Clone, Copy, Debug)]
pub enum Audience {
    /// Approved participants of a cohort.
    Cohort(i64),
    /// Participants whose verified institution is a school.
    School(i64),
}

/// One letter.
#[derive(Clone, Debug)]
pub struct Letter {
    pub name: String,
    pub nip: Option<String>,
    pub nuptk: Option<String>,
    pub email: Option<String>,
    /// As printed (`K7QX-M3PA-2F`).
    pub code: String,
    pub expires_at: i64,
}

impl Letter {
    /// What the teacher types as their account: the NIP, else the NUPTK, else the e-mail.
    pub fn identifier(&self) -> String {
        self.nip
            .clone()
            .or_else(|| self.nuptk.clone())
            .or_else(|| self.email.clone())
            .unwrap_or_default()
    }
}

type PersonRow = (i64, String, Option<String>, Option<String>, Option<String>);

/// The most letters one PDF holds (a page each, made in memory): a whole cohort of the
/// e-bimtek's size is printed per school, or merged from the CSV.
pub const MAX_PDF_LETTERS: i64 = 2_000;

/// The rows of `audience` who have not activated: the filter and its id.
fn audience_filter(audience: Audience) -> (&'static str, i64) {
    match audience {
        Audience::Cohort(cohort) => (
            "u.id in (select user_id from enrolment where cohort_id = $1 and status = 'approved')",
            cohort,
        ),
        Audience::School(school) => ("u.institution_id = $1", school),
    }
}

/// How many letters `audience` would get now.
pub async fn count_pending(db: &Db, audience: Audience) -> Result<i64, sqlx::Error> {
    let (filter, id) = audience_filter(audience);
    let (count,): (i64,) = sqlx::query_as(&format!(
        "select count(*) from app_user u where {filter} and u.role = 'participant' \
         and u.password_hash = ''"
    ))
    .bind(id)
    .fetch_one(db)
    .await?;
    Ok(count)
}

/// Issues fresh codes for everyone in `audience` who has not activated, and returns their
/// letters, by name. The codes are issued in one transaction: all of them work, or none.
pub async fn issue_letters(
    db: &Db,
    audience: Audience,
    now: i64,
) -> Result<Vec<Letter>, sqlx::Error> {
    let (filter, id) = audience_filter(audience);
    let people: Vec<PersonRow> = sqlx::query_as(&format!(
        "select u.id, u.name, u.nip, p.nuptk, u.email from app_user u \
         left join participant_profile p on p.user_id = u.id \
         where {filter} and u.role = 'participant' and u.password_hash = '' \
         order by u.name, u.id"
    ))
    .bind(id)
    .fetch_all(db)
    .await?;
    let mut tx = db.begin().await?;
    let ids: Vec<UserId> = people.iter().map(|p| UserId(p.0)).collect();
    let codes = super::issue_many(&mut tx, &ids, now).await?;
    tx.commit().await?;
    let expires_at = now + super::lifetime_secs();
    Ok(people
        .into_iter()
        .zip(codes)
        .map(|((_, name, nip, nuptk, email), code)| Letter {
            name,
            nip,
            nuptk,
            email,
            code: format_code(&code),
            expires_at,
        })
        .collect())
}

/// The date a code is valid until, for people.
pub fn until(lang: Lang, expires_at: i64) -> String {
    crate::model::wib::pretty_date(&crate::model::wib::date_of(expires_at), lang == Lang::En)
}

/// The letters as a CSV file in Pamong's one format: name, NIP, NUPTK, e-mail, code, the address
/// to open, and the last valid day.
pub fn letters_csv(lang: Lang, letters: &[Letter], address: &str) -> Vec<u8> {
    let mut records: Vec<Vec<Cell>> = Vec::with_capacity(letters.len() + 1);
    records.push(
        [
            "activation.col_name",
            "activation.col_nip",
            "activation.col_nuptk",
            "activation.col_email",
            "activation.col_code",
            "activation.col_address",
            "activation.col_until",
        ]
        .iter()
        .map(|key| Cell::text(text(lang, key)))
        .collect(),
    );
    for letter in letters {
        records.push(vec![
            Cell::text(letter.name.as_str()),
            Cell::text(letter.nip.clone().unwrap_or_default()),
            Cell::text(letter.nuptk.clone().unwrap_or_default()),
            Cell::text(letter.email.clone().unwrap_or_default()),
            Cell::text(letter.code.as_str()),
            Cell::text(address),
            Cell::text(until(lang, letter.expires_at)),
        ]);
    }
    csv::write(&records)
}

/// The lines of one printed letter: (text, size in points, bold).
pub fn letter_lines(lang: Lang, letter: &Letter, address: &str) -> Vec<(String, f32, bool)> {
    let t = |key: &str| text(lang, key);
    vec![
        (t("activation.letter_title"), 18.0, true),
        (String::new(), 12.0, false),
        (t("activation.letter_to"), 12.0, false),
        (letter.name.clone(), 12.0, true),
        (String::new(), 12.0, false),
        (t("activation.letter_intro"), 12.0, false),
        (String::new(), 12.0, false),
        (
            text_with(lang, "activation.letter_step1", &[("address", address)]),
            12.0,
            false,
        ),
        (t("activation.letter_step2"), 12.0, false),
        (t("activation.letter_step3"), 12.0, false),
        (String::new(), 12.0, false),
        (
            format!(
                "{}: {}",
                t("activation.letter_identifier"),
                letter.identifier()
            ),
            14.0,
            false,
        ),
        (
            format!("{}: {}", t("activation.letter_code"), letter.code),
            18.0,
            true,
        ),
        (
            format!(
                "{}: {}",
                t("activation.letter_until"),
                until(lang, letter.expires_at)
            ),
            12.0,
            false,
        ),
        (String::new(), 12.0, false),
        (t("activation.letter_note"), 10.0, false),
    ]
}
