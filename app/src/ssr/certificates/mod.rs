//! Certificates (issue #20): the institution's template, numbers without gaps, the facts frozen at
//! issue, the stored PDF, corrections and revocations, the cohort job, and the plain HTTP pages
//! (`http`): the public check page, downloads, and the admin's and participant's pages.
//!
//! Issuing is two steps. First one transaction raises the institution's counter for the year
//! and inserts the certificate rows with their numbers and frozen facts (so a number is taken
//! only by a certificate that exists: no gap, no duplicate). Then each PDF is rendered from the
//! stored facts, stored in the app's storage (area `Certificates`) and recorded on its row. The PDF is a pure
//! function of the facts (and the institution's logo), so a row a crash left without its file
//! gets it from whoever comes next: the cohort job, or the first download.

pub mod check_limit;
pub mod http;
pub mod job;
pub mod number;
pub mod pages;
pub mod pdf;

use crate::model::certificates::CertificateFacts;
use crate::ssr::db::{begin_write, Db};
use crate::ssr::storage::{Area, Storage};
use std::path::{Path, PathBuf};

/// Where a shared-directory storage keeps PDFs and logos: `<data dir>/sertifikat`.
pub fn certificate_dir(data_dir: &Path) -> PathBuf {
    data_dir.join(Area::Certificates.folder())
}

/// The institution's certificate template, as stored.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Template {
    pub institution_id: i64,
    pub number_format: String,
    pub signatory_name: String,
    pub signatory_nip: Option<String>,
    pub signatory_title: String,
    pub signing_city: String,
    pub logo_stored_name: Option<String>,
    pub logo_content_type: Option<String>,
}

/// The template of `institution`, if it has one.
pub async fn template(db: &Db, institution: i64) -> Result<Option<Template>, sqlx::Error> {
    sqlx::query_as(
        "select institution_id, number_format, signatory_name, signatory_nip, signatory_title, \
         signing_city, logo_stored_name, logo_content_type from certificate_template \
         where institution_id = $1",
    )
    .bind(institution)
    .fetch_optional(db)
    .await
}

/// The fields an admin saves (the logo has its own form).
pub struct TemplateFields<'a> {
    pub number_format: &'a str,
    pub signatory_name: &'a str,
    pub signatory_nip: Option<&'a str>,
    pub signatory_title: &'a str,
    pub signing_city: &'a str,
}

/// Saves `institution`'s template fields, keeping its logo.
pub async fn save_template(
    db: &Db,
    institution: i64,
    fields: &TemplateFields<'_>,
    by: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into certificate_template (institution_id, number_format, signatory_name, \
         signatory_nip, signatory_title, signing_city, updated_by, updated_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict (institution_id) do update set \
         number_format = excluded.number_format, signatory_name = excluded.signatory_name, \
         signatory_nip = excluded.signatory_nip, signatory_title = excluded.signatory_title, \
         signing_city = excluded.signing_city, updated_by = excluded.updated_by, \
         updated_at = excluded.updated_at",
    )
    .bind(institution)
    .bind(fields.number_format.trim())
    .bind(fields.signatory_name.trim())
    .bind(fields.signatory_nip)
    .bind(fields.signatory_title.trim())
    .bind(fields.signing_city.trim())
    .bind(by)
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

/// The longest side of a stored logo, in pixels (it prints about 2 cm high).
pub const LOGO_MAX_SIDE: u32 = 320;
/// The largest logo file accepted.
pub const LOGO_MAX_BYTES: usize = 2 * 1024 * 1024;

/// A PNG or JPEG made into the stored logo: at most [`LOGO_MAX_SIDE`] pixels, transparency on
/// white, a baseline RGB JPEG (which a PDF embeds as it is). `None` when it is not a picture.
pub fn prepare_logo(bytes: &[u8]) -> Option<pdf::Logo> {
    let format = image::guess_format(bytes).ok()?;
    if !matches!(format, image::ImageFormat::Png | image::ImageFormat::Jpeg) {
        return None;
    }
    let picture = image::load_from_memory_with_format(bytes, format).ok()?;
    let picture = if picture.width().max(picture.height()) > LOGO_MAX_SIDE {
        picture.resize(
            LOGO_MAX_SIDE,
            LOGO_MAX_SIDE,
            image::imageops::FilterType::Triangle,
        )
    } else {
        picture
    };
    let rgba = picture.to_rgba8();
    let mut rgb = image::RgbImage::new(rgba.width(), rgba.height());
    for (x, y, p) in rgba.enumerate_pixels() {
        let a = u16::from(p[3]);
        let blend = |c: u8| ((u16::from(c) * a + 255 * (255 - a)) / 255) as u8;
        rgb.put_pixel(x, y, image::Rgb([blend(p[0]), blend(p[1]), blend(p[2])]));
    }
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 88)
        .encode_image(&rgb)
        .ok()?;
    Some(pdf::Logo {
        jpeg,
        width: rgb.width(),
        height: rgb.height(),
    })
}

/// Stores `logo` as `institution`'s and returns the stored name.
pub async fn save_logo(
    db: &Db,
    storage: &Storage,
    institution: i64,
    logo: &pdf::Logo,
    by: i64,
    now: i64,
) -> Result<String, anyhow::Error> {
    let name = format!(
        "logo-{institution}-{}x{}-{:016x}.jpg",
        logo.width,
        logo.height,
        rand::random::<u64>()
    );
    storage.put(Area::Certificates, &name, &logo.jpeg).await?;
    let changed = sqlx::query(
        "update certificate_template set logo_stored_name = $2, logo_content_type = 'image/jpeg', \
         updated_by = $3, updated_at = $4 where institution_id = $1",
    )
    .bind(institution)
    .bind(&name)
    .bind(by)
    .bind(now)
    .execute(db)
    .await?
    .rows_affected();
    anyhow::ensure!(changed == 1, "no template to hold the logo");
    Ok(name)
}

/// The stored logo named `name` (its size is in its name).
pub async fn load_logo(storage: &Storage, name: &str) -> Option<pdf::Logo> {
    let size = name.strip_prefix("logo-")?.split('-').nth(1)?;
    let (w, h) = size.split_once('x')?;
    let (width, height) = (w.parse().ok()?, h.parse().ok()?);
    if name.contains(['/', '\\']) || name.contains("..") {
        return None;
    }
    let jpeg = storage.read(Area::Certificates, name).await.ok()?;
    Some(pdf::Logo {
        jpeg,
        width,
        height,
    })
}

/// A fresh check code: 16 characters of Crockford's base32 (80 random bits from the operating
/// system's generator), so that codes cannot be guessed or listed.
pub fn new_code() -> String {
    use rand::RngCore;
    const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let mut bytes = [0u8; 10];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let mut bits: u128 = 0;
    for b in bytes {
        bits = (bits << 8) | u128::from(b);
    }
    (0..16)
        .map(|i| ALPHABET[((bits >> (75 - 5 * i)) & 31) as usize] as char)
        .collect()
}

/// Whether `code` has the shape of a check code (checked before any database look-up).
pub fn is_code(code: &str) -> bool {
    code.len() == 16
        && code
            .bytes()
            .all(|b| b.is_ascii_digit() || (b.is_ascii_uppercase() && !b"ILOU".contains(&b)))
}

/// The public check address of `code`.
pub fn check_url(public_url: &str, code: &str) -> String {
    format!("{}/sertifikat/{code}", public_url.trim_end_matches('/'))
}

/// Why a certificate cannot be issued: the key of the message the admin sees.
#[derive(Debug)]
pub enum IssueError {
    /// The enrolment is not one with a decision `passed`.
    NotPassed,
    /// It already has a valid certificate.
    AlreadyIssued,
    /// The organiser has no template yet.
    NoTemplate,
    /// The number format prints the program's code and the program has none.
    NoProgramCode,
    /// The certificate to correct or revoke is not valid (any more).
    NotValid,
    Database(sqlx::Error),
    Storage(std::io::Error),
}

impl IssueError {
    pub fn message_key(&self) -> &'static str {
        match self {
            IssueError::NotPassed => "certificates.not_passed",
            IssueError::AlreadyIssued => "certificates.already_issued",
            IssueError::NoTemplate => "certificates.no_template",
            IssueError::NoProgramCode => "certificates.no_program_code",
            IssueError::NotValid => "certificates.not_valid",
            IssueError::Database(_) | IssueError::Storage(_) => "error.internal",
        }
    }
}

impl From<sqlx::Error> for IssueError {
    fn from(err: sqlx::Error) -> Self {
        if crate::ssr::db::is_unique_violation(&err) {
            IssueError::AlreadyIssued
        } else {
            IssueError::Database(err)
        }
    }
}

impl std::fmt::Display for IssueError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            IssueError::Database(err) => write!(f, "database: {err}"),
            IssueError::Storage(err) => write!(f, "storage: {err}"),
            other => f.write_str(other.message_key()),
        }
    }
}

/// One passed enrolment with what its certificate will say, before it has a number.
#[derive(Clone, Debug)]
pub struct Candidate {
    pub enrolment_id: i64,
    pub cohort_id: i64,
    pub user_id: i64,
    pub program_code: Option<String>,
    /// Every fact but the code, number, version, signatory and date, which issue fills in.
    pub facts: CertificateFacts,
}

/// A passed enrolment's row with what its certificate prints.
#[derive(sqlx::FromRow)]
struct CandidateRow {
    enrolment_id: i64,
    cohort_id: i64,
    user_id: i64,
    program_code: Option<String>,
    institution_id: i64,
    institution_name: String,
    training_title: String,
    cohort_name: String,
    starts_on: String,
    ends_on: String,
    jp: i64,
    participant_name: String,
    nip: Option<String>,
    birth_place: Option<String>,
    birth_date: Option<String>,
    rank: Option<String>,
    position: Option<String>,
    school_name: Option<String>,
    user_institution: Option<String>,
}

/// The facts of passed enrolments, read from the profile, program and cohort as they are now.
const CANDIDATES: &str = "select e.id as enrolment_id, e.cohort_id as cohort_id, \
     e.user_id as user_id, p.code as program_code, p.organizer_id as institution_id, \
     i.name as institution_name, p.title as training_title, c.name as cohort_name, \
     c.starts_on as starts_on, c.ends_on as ends_on, p.total_jp as jp, \
     u.name as participant_name, u.nip as nip, pp.birth_place as birth_place, \
     pp.birth_date as birth_date, pp.rank as rank, pp.position as position, \
     pp.school_name as school_name, ui.name as user_institution \
     from enrolment e join completion_decision d on d.enrolment_id = e.id and d.passed = 1 \
     join cohort c on c.id = e.cohort_id join program p on p.id = c.program_id \
     join institution i on i.id = p.organizer_id join app_user u on u.id = e.user_id \
     left join participant_profile pp on pp.user_id = u.id \
     left join institution ui on ui.id = u.institution_id ";

fn non_empty(value: Option<String>) -> Option<String> {
    value
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

fn candidate(row: CandidateRow, place: &str) -> Candidate {
    let CandidateRow {
        enrolment_id,
        cohort_id,
        user_id,
        program_code,
        institution_id,
        institution_name,
        training_title,
        cohort_name,
        starts_on,
        ends_on,
        jp,
        participant_name,
        nip,
        birth_place,
        birth_date,
        rank,
        position,
        school_name,
        user_institution,
    } = row;
    Candidate {
        enrolment_id,
        cohort_id,
        user_id,
        program_code: non_empty(program_code),
        facts: CertificateFacts {
            code: String::new(),
            number: String::new(),
            version: 1,
            institution_id,
            institution_name,
            training_title,
            cohort_name,
            starts_on,
            ends_on,
            place: place.to_string(),
            participant_name,
            nip: non_empty(nip),
            birth_place: non_empty(birth_place),
            birth_date: non_empty(birth_date),
            rank: non_empty(rank),
            position: non_empty(position),
            participant_institution: non_empty(school_name).or(non_empty(user_institution)),
            result: "Lulus".to_string(),
            // The program's JP, as announced and planned: the certificate states the training's
            // length, the same for everyone who passed (attendance is a completion rule).
            jp,
            signatory_name: String::new(),
            signatory_nip: None,
            signatory_title: String::new(),
            signing_city: String::new(),
            issued_on: String::new(),
        },
    }
}

/// Where cohort `cohort` was held: the cities of its in-person (or hybrid) sessions, or "Daring".
pub async fn place_of(db: &Db, cohort: i64) -> Result<String, sqlx::Error> {
    let cities: Vec<(String,)> = sqlx::query_as(
        "select distinct trim(city) from live_session where cohort_id = $1 \
         and mode in ('in_person', 'hybrid') and city is not null and trim(city) <> '' \
         order by 1",
    )
    .bind(cohort)
    .fetch_all(db)
    .await?;
    Ok(if cities.is_empty() {
        "Daring".to_string()
    } else {
        cities
            .into_iter()
            .map(|(c,)| c)
            .collect::<Vec<_>>()
            .join(", ")
    })
}

/// The candidate of enrolment `enrolment`, if it passed.
pub async fn candidate_of(db: &Db, enrolment: i64) -> Result<Option<Candidate>, sqlx::Error> {
    let row: Option<CandidateRow> = sqlx::query_as(&format!("{CANDIDATES} where e.id = $1"))
        .bind(enrolment)
        .fetch_optional(db)
        .await?;
    match row {
        Some(row) => {
            let place = place_of(db, row.cohort_id).await?;
            Ok(Some(candidate(row, &place)))
        }
        None => Ok(None),
    }
}

/// Up to `limit` passed enrolments of `cohort` after enrolment `after` without a valid
/// certificate, in enrolment order.
pub async fn waiting_in_cohort(
    db: &Db,
    cohort: i64,
    after: i64,
    limit: i64,
) -> Result<Vec<Candidate>, sqlx::Error> {
    let rows: Vec<CandidateRow> = sqlx::query_as(&format!(
        "{CANDIDATES} where e.cohort_id = $1 and e.id > $2 and not exists (select 1 \
         from certificate k where k.enrolment_id = e.id and k.status = 'valid') \
         order by e.id limit $3"
    ))
    .bind(cohort)
    .bind(after)
    .bind(limit)
    .fetch_all(db)
    .await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let place = place_of(db, cohort).await?;
    Ok(rows.into_iter().map(|r| candidate(r, &place)).collect())
}

/// A certificate as issued: its row's id and its facts.
#[derive(Clone, Debug)]
pub struct Issued {
    pub id: i64,
    pub enrolment_id: i64,
    pub facts: CertificateFacts,
}

/// A valid certificate being replaced, and why.
pub struct Replacing<'a> {
    pub id: i64,
    pub version: i64,
    pub reason: &'a str,
}

/// Numbers and inserts certificates for `candidates` (all of one institution) in one transaction:
/// the counter of the institution and year is raised by their count and each gets the next
/// number. With `replacing`, the old certificate is revoked in the same transaction and the one
/// candidate becomes its next version. Nothing is written if any of them already holds a valid
/// certificate. With `audit`, each certificate (or the correction) is recorded in the audit log
/// in the same transaction.
pub async fn insert_issued(
    db: &Db,
    template: &Template,
    candidates: Vec<Candidate>,
    replacing: Option<Replacing<'_>>,
    issued_by: i64,
    now: i64,
    audit: Option<&crate::ssr::audit::Actor>,
) -> Result<Vec<Issued>, IssueError> {
    if candidates.is_empty() {
        return Ok(Vec::new());
    }
    let uses_code = number::uses_program_code(&template.number_format);
    if uses_code && candidates.iter().any(|c| c.program_code.is_none()) {
        return Err(IssueError::NoProgramCode);
    }
    let issued_on = crate::model::wib::date_of(now);
    let year: i64 = issued_on[..4].parse().unwrap_or(1970);
    let month: u32 = issued_on[5..7].parse().unwrap_or(1);
    let institution = template.institution_id;
    let count = candidates.len() as i64;
    let mut tx = begin_write(db).await?;
    let mut version = 1;
    let mut replaces_id = None;
    if let Some(old) = &replacing {
        let revoked = sqlx::query(
            "update certificate set status = 'revoked', revoked_at = $2, revoked_reason = $3, \
             revoked_by = $4 where id = $1 and status = 'valid'",
        )
        .bind(old.id)
        .bind(now)
        .bind(old.reason)
        .bind(issued_by)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if revoked != 1 {
            return Err(IssueError::NotValid);
        }
        version = old.version + 1;
        replaces_id = Some(old.id);
    }
    let (last,): (i64,) = sqlx::query_as(
        "insert into certificate_counter (institution_id, year, last_seq) values ($1, $2, $3) \
         on conflict (institution_id, year) do update \
         set last_seq = certificate_counter.last_seq + excluded.last_seq returning last_seq",
    )
    .bind(institution)
    .bind(year)
    .bind(count)
    .fetch_one(&mut *tx)
    .await?;
    let first = last - count + 1;
    let mut issued = Vec::with_capacity(candidates.len());
    for (i, candidate) in candidates.into_iter().enumerate() {
        let seq = first + i as i64;
        let number = number::render(
            &template.number_format,
            &number::NumberParts {
                seq,
                year,
                month,
                program_code: candidate.program_code.as_deref().unwrap_or(""),
            },
        )
        .map_err(|_| IssueError::NoTemplate)?;
        let mut facts = candidate.facts;
        facts.code = new_code();
        facts.number = number;
        facts.version = version;
        facts.signatory_name = template.signatory_name.clone();
        facts.signatory_nip = template.signatory_nip.clone();
        facts.signatory_title = template.signatory_title.clone();
        facts.signing_city = template.signing_city.clone();
        facts.issued_on = issued_on.clone();
        let json = serde_json::to_string(&facts)
            .map_err(|e| IssueError::Database(sqlx::Error::Encode(Box::new(e))))?;
        let (id,): (i64,) = sqlx::query_as(
            "insert into certificate (code, number, institution_id, year, seq, cohort_id, \
             user_id, enrolment_id, version, replaces_id, facts, issued_by, issued_at) \
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) returning id",
        )
        .bind(&facts.code)
        .bind(&facts.number)
        .bind(institution)
        .bind(year)
        .bind(seq)
        .bind(candidate.cohort_id)
        .bind(candidate.user_id)
        .bind(candidate.enrolment_id)
        .bind(version)
        .bind(replaces_id)
        .bind(&json)
        .bind(issued_by)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        if let Some(actor) = audit {
            let entry = issue_entry(id, &facts, replacing.as_ref(), candidate.cohort_id);
            crate::ssr::audit::record(&mut tx, actor, entry, now).await?;
        }
        issued.push(Issued {
            id,
            enrolment_id: candidate.enrolment_id,
            facts,
        });
    }
    tx.commit().await?;
    Ok(issued)
}

/// The audit entry of certificate `id` with `facts`, issued, or replacing a revoked one.
fn issue_entry(
    id: i64,
    facts: &CertificateFacts,
    replacing: Option<&Replacing<'_>>,
    cohort: i64,
) -> crate::ssr::audit::Entry {
    use crate::model::audit::{AuditAction, AuditSubject};
    use crate::ssr::audit::{Entry, Scope};
    let summary = format!("{} · {}", facts.participant_name, facts.number);
    match replacing {
        Some(old) => Entry::new(
            AuditAction::CertificateCorrect,
            AuditSubject::Certificate,
            id,
            format!("{summary} · {}", old.reason),
            Scope::Cohort(cohort),
        )
        .change(Some(&format!("#{}", old.id)), &format!("#{id}")),
        None => Entry::new(
            AuditAction::CertificateIssue,
            AuditSubject::Certificate,
            id,
            summary,
            Scope::Cohort(cohort),
        )
        .change(None, "valid"),
    }
}

/// Renders the PDF of `facts`, stores it in `storage` and records it on certificate `id` (a row
/// that already has its file keeps it). Returns the PDF's size.
pub async fn store_pdf(
    db: &Db,
    storage: &Storage,
    id: i64,
    facts: &CertificateFacts,
    logo: Option<&pdf::Logo>,
    public_url: &str,
) -> Result<usize, IssueError> {
    let bytes = {
        let facts = facts.clone();
        let logo = logo.cloned();
        let url = check_url(public_url, &facts.code);
        tokio::task::spawn_blocking(move || pdf::render(&facts, logo.as_ref(), &url))
            .await
            .map_err(|e| IssueError::Storage(std::io::Error::other(e)))?
    };
    let name = format!("{}.pdf", facts.code);
    storage
        .put(Area::Certificates, &name, &bytes)
        .await
        .map_err(IssueError::Storage)?;
    let digest = {
        use sha2::Digest;
        let hash = sha2::Sha256::digest(&bytes);
        hash.iter().map(|b| format!("{b:02x}")).collect::<String>()
    };
    sqlx::query(
        "update certificate set pdf_stored_name = $2, pdf_bytes = $3, pdf_sha256 = $4 \
         where id = $1 and pdf_stored_name is null",
    )
    .bind(id)
    .bind(&name)
    .bind(bytes.len() as i64)
    .bind(&digest)
    .execute(db)
    .await?;
    Ok(bytes.len())
}

/// The logo of `template`, if it has one on disk.
pub async fn template_logo(storage: &Storage, template: &Template) -> Option<pdf::Logo> {
    match &template.logo_stored_name {
        Some(name) => load_logo(storage, name).await,
        None => None,
    }
}

/// Issues the certificate of enrolment `enrolment` (which must have passed and hold no valid
/// certificate): numbered, its facts frozen, its PDF stored in `storage` (see
/// [`certificate_dir`]). The demo seed and the admin's button (recorded in the audit log by
/// `audit`) call this.
pub async fn issue_one(
    db: &Db,
    storage: &Storage,
    public_url: &str,
    enrolment: i64,
    issued_by: i64,
    now: i64,
    audit: Option<&crate::ssr::audit::Actor>,
) -> Result<Issued, IssueError> {
    let candidate = candidate_of(db, enrolment)
        .await?
        .ok_or(IssueError::NotPassed)?;
    let template = template(db, candidate.facts.institution_id)
        .await?
        .ok_or(IssueError::NoTemplate)?;
    let issued = insert_issued(db, &template, vec![candidate], None, issued_by, now, audit)
        .await?
        .pop()
        .ok_or(IssueError::NotPassed)?;
    let logo = template_logo(storage, &template).await;
    store_pdf(
        db,
        storage,
        issued.id,
        &issued.facts,
        logo.as_ref(),
        public_url,
    )
    .await?;
    Ok(issued)
}

/// Corrects valid certificate `id`: a new version with the facts as they are now (and a new
/// number and code), and the old one revoked with `reason`, in one transaction with its audit
/// entry by `by`.
pub async fn correct(
    db: &Db,
    storage: &Storage,
    public_url: &str,
    id: i64,
    reason: &str,
    by: &crate::ssr::audit::Actor,
    now: i64,
) -> Result<Issued, IssueError> {
    let old: Option<(i64, i64, String)> =
        sqlx::query_as("select enrolment_id, version, status from certificate where id = $1")
            .bind(id)
            .fetch_optional(db)
            .await?;
    let Some((enrolment, version, status)) = old else {
        return Err(IssueError::NotValid);
    };
    if status != "valid" {
        return Err(IssueError::NotValid);
    }
    let candidate = candidate_of(db, enrolment)
        .await?
        .ok_or(IssueError::NotPassed)?;
    let template = template(db, candidate.facts.institution_id)
        .await?
        .ok_or(IssueError::NoTemplate)?;
    let replacing = Replacing {
        id,
        version,
        reason,
    };
    let issued = insert_issued(
        db,
        &template,
        vec![candidate],
        Some(replacing),
        by.id,
        now,
        Some(by),
    )
    .await?
    .pop()
    .ok_or(IssueError::NotPassed)?;
    let logo = template_logo(storage, &template).await;
    store_pdf(
        db,
        storage,
        issued.id,
        &issued.facts,
        logo.as_ref(),
        public_url,
    )
    .await?;
    Ok(issued)
}

/// Revokes valid certificate `id` with `reason`, recorded in the audit log by `by`.
pub async fn revoke(
    db: &Db,
    id: i64,
    reason: &str,
    by: &crate::ssr::audit::Actor,
    now: i64,
) -> Result<(), IssueError> {
    use crate::model::audit::{AuditAction, AuditSubject};
    use crate::ssr::audit::{Entry, Scope};
    let mut tx = db.begin().await?;
    let changed = sqlx::query(
        "update certificate set status = 'revoked', revoked_at = $2, revoked_reason = $3, \
         revoked_by = $4 where id = $1 and status = 'valid'",
    )
    .bind(id)
    .bind(now)
    .bind(reason)
    .bind(by.id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if changed != 1 {
        return Err(IssueError::NotValid);
    }
    let (name, number, cohort): (String, String, i64) = sqlx::query_as(
        "select u.name, k.number, k.cohort_id from certificate k \
         join app_user u on u.id = k.user_id where k.id = $1",
    )
    .bind(id)
    .fetch_one(&mut *tx)
    .await?;
    let summary = format!("{name} · {number} · {reason}");
    let entry = Entry::new(
        AuditAction::CertificateRevoke,
        AuditSubject::Certificate,
        id,
        summary,
        Scope::Cohort(cohort),
    );
    crate::ssr::audit::record(&mut tx, by, entry.change(Some("valid"), "revoked"), now).await?;
    tx.commit().await?;
    Ok(())
}

/// A stored certificate as the pages show it.
#[derive(Clone, Debug)]
pub struct Stored {
    pub id: i64,
    pub cohort_id: i64,
    pub user_id: i64,
    pub institution_id: i64,
    pub status: String,
    pub revoked_at: Option<i64>,
    pub revoked_reason: Option<String>,
    pub pdf_stored_name: Option<String>,
    pub pdf_bytes: Option<i64>,
    pub facts: CertificateFacts,
    /// The certificate that replaced this one, if a correction did.
    pub replaced_by: Option<String>,
}

type StoredRow = (
    i64,
    i64,
    i64,
    i64,
    String,
    Option<i64>,
    Option<String>,
    Option<String>,
    Option<i64>,
    String,
    Option<String>,
);

const STORED: &str = "select k.id, k.cohort_id, k.user_id, k.institution_id, k.status, \
     k.revoked_at, k.revoked_reason, k.pdf_stored_name, k.pdf_bytes, k.facts, \
     (select n.code from certificate n where n.replaces_id = k.id) from certificate k ";

fn stored(row: StoredRow) -> Option<Stored> {
    let facts = serde_json::from_str(&row.9).ok()?;
    Some(Stored {
        id: row.0,
        cohort_id: row.1,
        user_id: row.2,
        institution_id: row.3,
        status: row.4,
        revoked_at: row.5,
        revoked_reason: row.6,
        pdf_stored_name: row.7,
        pdf_bytes: row.8,
        facts,
        replaced_by: row.10,
    })
}

/// The certificate with check code `code`.
pub async fn by_code(db: &Db, code: &str) -> Result<Option<Stored>, sqlx::Error> {
    let row: Option<StoredRow> = sqlx::query_as(&format!("{STORED} where k.code = $1"))
        .bind(code)
        .fetch_optional(db)
        .await?;
    Ok(row.and_then(stored))
}

/// The certificate with id `id`.
pub async fn by_id(db: &Db, id: i64) -> Result<Option<Stored>, sqlx::Error> {
    let row: Option<StoredRow> = sqlx::query_as(&format!("{STORED} where k.id = $1"))
        .bind(id)
        .fetch_optional(db)
        .await?;
    Ok(row.and_then(stored))
}

/// Every certificate of `user`, newest first.
pub async fn of_user(db: &Db, user: i64) -> Result<Vec<Stored>, sqlx::Error> {
    let rows: Vec<StoredRow> =
        sqlx::query_as(&format!("{STORED} where k.user_id = $1 order by k.id desc"))
            .bind(user)
            .fetch_all(db)
            .await?;
    Ok(rows.into_iter().filter_map(stored).collect())
}

/// The stored PDF of `cert`, rendering and storing it first if a crash left it without one.
pub async fn pdf_bytes(
    db: &Db,
    storage: &Storage,
    public_url: &str,
    cert: &Stored,
) -> Result<Vec<u8>, IssueError> {
    if let Some(name) = &cert.pdf_stored_name {
        return storage
            .read(Area::Certificates, name)
            .await
            .map_err(IssueError::Storage);
    }
    let template = template(db, cert.institution_id).await?;
    let logo = match &template {
        Some(t) => template_logo(storage, t).await,
        None => None,
    };
    store_pdf(db, storage, cert.id, &cert.facts, logo.as_ref(), public_url).await?;
    storage
        .read(Area::Certificates, &format!("{}.pdf", cert.facts.code))
        .await
        .map_err(IssueError::Storage)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_sixteen_crockford_characters_and_differ() {
        let a = new_code();
        let b = new_code();
        assert!(is_code(&a), "{a}");
        assert_ne!(a, b);
        assert!(!is_code("0000000000000000I"));
        assert!(!is_code("000000000000000I"));
        assert!(!is_code("abcdefghjkmnpqrs"));
    }

    #[test]
    fn a_logo_becomes_a_small_jpeg() {
        let mut png = Vec::new();
        image::RgbaImage::from_pixel(800, 400, image::Rgba([10, 120, 200, 128]))
            .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
            .expect("png");
        let logo = prepare_logo(&png).expect("logo");
        assert_eq!((logo.width, logo.height), (320, 160));
        assert!(logo.jpeg.starts_with(&[0xff, 0xd8]));
        assert!(prepare_logo(b"GIF89a not a logo").is_none());
    }
}
