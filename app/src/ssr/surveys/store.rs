//! Instruments and their items (the builder), the two ready templates of DOMAIN §6, creating a
//! survey of a cohort, and the index bands of an institution.

use crate::model::codes::{SurveyItemKind, SurveyKind, SurveyTarget};
use crate::model::surveys::{Bands, InstrumentSummary, SurveyItem};
use crate::model::InstitutionId;
use crate::ssr::db::Db;
use crate::ssr::institutions::SCOPE_CTE;

/// A ready template: its title and items (kind, prompt, required).
pub struct Template {
    pub code: &'static str,
    pub title: &'static str,
    pub items: &'static [(SurveyItemKind, &'static str, bool)],
}

/// The evaluation of a mentor or speaker (widyaiswara) and of the organiser, DOMAIN §6.
pub const TEMPLATES: [Template; 2] = [
    Template {
        code: "mentor",
        title: "Evaluasi Mentor / Narasumber",
        items: &[
            (SurveyItemKind::Likert4, "Penguasaan materi", true),
            (
                SurveyItemKind::Likert4,
                "Ketepatan waktu dan kehadiran",
                true,
            ),
            (
                SurveyItemKind::Likert4,
                "Sistematika penyajian materi",
                true,
            ),
            (
                SurveyItemKind::Likert4,
                "Penggunaan metode dan media pembelajaran",
                true,
            ),
            (
                SurveyItemKind::Likert4,
                "Cara menjawab pertanyaan peserta",
                true,
            ),
            (
                SurveyItemKind::Likert4,
                "Penggunaan bahasa yang baik dan mudah dipahami",
                true,
            ),
            (
                SurveyItemKind::Likert4,
                "Kemampuan memotivasi peserta",
                true,
            ),
            (
                SurveyItemKind::Likert4,
                "Kerja sama dengan peserta dan panitia",
                true,
            ),
            (
                SurveyItemKind::Text,
                "Saran dan komentar untuk mentor",
                false,
            ),
        ],
    },
    Template {
        code: "organiser",
        title: "Evaluasi Penyelenggaraan",
        items: &[
            (
                SurveyItemKind::Likert4,
                "Kelayakan sarana dan prasarana (termasuk platform daring)",
                true,
            ),
            (
                SurveyItemKind::Likert4,
                "Kesesuaian pelaksanaan dengan jadwal dan rencana",
                true,
            ),
            (
                SurveyItemKind::Likert4,
                "Kualitas bahan ajar dan materi",
                true,
            ),
            (
                SurveyItemKind::Likert4,
                "Pelayanan panitia kepada peserta",
                true,
            ),
            (
                SurveyItemKind::Likert4,
                "Ketertiban administrasi penyelenggaraan",
                true,
            ),
            (
                SurveyItemKind::Text,
                "Saran dan komentar untuk penyelenggara",
                false,
            ),
        ],
    },
];

/// Whether instrument `id` belongs to an institution in the subtree of `root`.
pub async fn instrument_in_scope(
    db: &Db,
    root: InstitutionId,
    id: i64,
) -> Result<bool, sqlx::Error> {
    let (count,): (i64,) = sqlx::query_as(&format!(
        "{SCOPE_CTE} select count(*) from survey_instrument where id = $2 \
         and institution_id in (select id from scope)"
    ))
    .bind(root.0)
    .bind(id)
    .fetch_one(db)
    .await?;
    Ok(count > 0)
}

/// The instruments in the subtree of `root`, by title.
pub async fn instruments(
    db: &Db,
    root: InstitutionId,
) -> Result<Vec<InstrumentSummary>, sqlx::Error> {
    let rows: Vec<(i64, String, i64, i64)> = sqlx::query_as(&format!(
        "{SCOPE_CTE} select i.id, i.title, \
         (select count(*) from survey_item t where t.instrument_id = i.id), \
         (select count(*) from survey s where s.instrument_id = i.id) \
         from survey_instrument i where i.institution_id in (select id from scope) \
         order by i.title, i.id"
    ))
    .bind(root.0)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, title, items, surveys)| InstrumentSummary {
            id,
            title,
            items,
            surveys,
        })
        .collect())
}

/// A new instrument of `institution`; returns its id.
pub async fn create_instrument(
    db: &Db,
    institution: InstitutionId,
    title: &str,
    by: i64,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "insert into survey_instrument (institution_id, title, created_by, created_at, updated_at) \
         values ($1, $2, $3, $4, $4) returning id",
    )
    .bind(institution.0)
    .bind(title)
    .bind(by)
    .bind(now)
    .fetch_one(db)
    .await
}

/// A new instrument made from template `code` (see [`TEMPLATES`]); None for an unknown code.
pub async fn from_template(
    db: &Db,
    institution: InstitutionId,
    code: &str,
    by: i64,
    now: i64,
) -> Result<Option<i64>, sqlx::Error> {
    let Some(template) = TEMPLATES.iter().find(|t| t.code == code) else {
        return Ok(None);
    };
    let id = create_instrument(db, institution, template.title, by, now).await?;
    for (kind, prompt, required) in template.items {
        add_item(db, id, *kind, prompt, &[], *required, now).await?;
    }
    Ok(Some(id))
}

/// The instrument's title, if it exists.
pub async fn title(db: &Db, id: i64) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("select title from survey_instrument where id = $1")
        .bind(id)
        .fetch_optional(db)
        .await
}

/// The items of an instrument, in order.
pub async fn items(db: &Db, instrument: i64) -> Result<Vec<SurveyItem>, sqlx::Error> {
    let rows: Vec<(i64, i64, SurveyItemKind, String, String, i64)> = sqlx::query_as(
        "select id, position, kind, prompt, options, required from survey_item \
         where instrument_id = $1 order by position, id",
    )
    .bind(instrument)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(id, position, kind, prompt, options, required)| SurveyItem {
                id,
                position,
                kind,
                prompt,
                options: options
                    .lines()
                    .map(str::trim)
                    .filter(|o| !o.is_empty())
                    .map(str::to_string)
                    .collect(),
                required: required != 0,
            },
        )
        .collect())
}

/// Whether any survey using the instrument has a response (its items are then fixed).
pub async fn locked(db: &Db, instrument: i64) -> Result<bool, sqlx::Error> {
    let (count,): (i64,) = sqlx::query_as(
        "select count(*) from survey_response r join survey s on s.id = r.survey_id \
         where s.instrument_id = $1",
    )
    .bind(instrument)
    .fetch_one(db)
    .await?;
    Ok(count > 0)
}

/// Appends an item to an instrument.
pub async fn add_item(
    db: &Db,
    instrument: i64,
    kind: SurveyItemKind,
    prompt: &str,
    options: &[String],
    required: bool,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "insert into survey_item (instrument_id, position, kind, prompt, options, required, \
         created_at) values ($1, (select coalesce(max(position), 0) + 1 from survey_item \
         where instrument_id = $1), $2, $3, $4, $5, $6) returning id",
    )
    .bind(instrument)
    .bind(kind)
    .bind(prompt)
    .bind(options.join("\n"))
    .bind(i64::from(required))
    .bind(now)
    .fetch_one(db)
    .await
}

/// Removes an item of an instrument; false when it is not one of its items.
pub async fn remove_item(db: &Db, instrument: i64, item: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("delete from survey_item where id = $1 and instrument_id = $2")
        .bind(item)
        .bind(instrument)
        .execute(db)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// Moves an item one place up (`up`) or down; false when it is not one of its items.
pub async fn move_item(db: &Db, instrument: i64, item: i64, up: bool) -> Result<bool, sqlx::Error> {
    let list = items(db, instrument).await?;
    let Some(at) = list.iter().position(|i| i.id == item) else {
        return Ok(false);
    };
    let other = if up { at.checked_sub(1) } else { Some(at + 1) };
    let Some(other) = other.filter(|o| *o < list.len()) else {
        return Ok(true);
    };
    let mut tx = crate::ssr::db::begin_write(db).await?;
    // Positions are rewritten 1..n in the new order, so equal positions never linger.
    let mut order: Vec<i64> = list.iter().map(|i| i.id).collect();
    order.swap(at, other);
    for (n, id) in order.iter().enumerate() {
        sqlx::query("update survey_item set position = $1 where id = $2")
            .bind(n as i64 + 1)
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(true)
}

/// A new survey of a cohort.
pub struct NewSurvey<'a> {
    pub cohort: i64,
    pub instrument: i64,
    pub title: &'a str,
    pub kind: SurveyKind,
    pub target: SurveyTarget,
    pub required: bool,
    pub opens_at: i64,
    pub closes_at: i64,
}

/// Creates a survey; returns its id.
pub async fn create_survey(
    db: &Db,
    new: &NewSurvey<'_>,
    by: i64,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "insert into survey (cohort_id, instrument_id, title, kind, target, required, opens_at, \
         closes_at, created_by, created_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
         returning id",
    )
    .bind(new.cohort)
    .bind(new.instrument)
    .bind(new.title)
    .bind(new.kind)
    .bind(new.target)
    .bind(i64::from(new.required))
    .bind(new.opens_at)
    .bind(new.closes_at)
    .bind(by)
    .bind(now)
    .fetch_one(db)
    .await
}

/// The bands of `institution`, or of the nearest institution above it that set them, or the
/// defaults of DOMAIN §6.
pub async fn bands(db: &Db, institution: InstitutionId) -> Result<Bands, sqlx::Error> {
    let mut at = Some(institution.0);
    // Institution trees are a few levels deep; the bound only guards against a cycle.
    for _ in 0..16 {
        let Some(id) = at else { break };
        let row: Option<(i64, i64, i64, i64)> = sqlx::query_as(
            "select very_good_from, good_from, fair_from, poor_from from survey_band \
             where institution_id = $1",
        )
        .bind(id)
        .fetch_optional(db)
        .await?;
        if let Some((very_good_from, good_from, fair_from, poor_from)) = row {
            return Ok(Bands {
                very_good_from,
                good_from,
                fair_from,
                poor_from,
            });
        }
        at =
            sqlx::query_scalar::<_, Option<i64>>("select parent_id from institution where id = $1")
                .bind(id)
                .fetch_optional(db)
                .await?
                .flatten();
    }
    Ok(Bands::default())
}

/// Stores the bands of `institution`.
pub async fn set_bands(
    db: &Db,
    institution: InstitutionId,
    bands: &Bands,
    by: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into survey_band (institution_id, very_good_from, good_from, fair_from, \
         poor_from, updated_by, created_at) values ($1, $2, $3, $4, $5, $6, $7) \
         on conflict (institution_id) do update set very_good_from = excluded.very_good_from, \
         good_from = excluded.good_from, fair_from = excluded.fair_from, \
         poor_from = excluded.poor_from, updated_by = excluded.updated_by",
    )
    .bind(institution.0)
    .bind(bands.very_good_from)
    .bind(bands.good_from)
    .bind(bands.fair_from)
    .bind(bands.poor_from)
    .bind(by)
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

/// The institution organising the cohort's program.
pub async fn organiser_of(db: &Db, cohort: i64) -> Result<Option<InstitutionId>, sqlx::Error> {
    let id: Option<i64> = sqlx::query_scalar(
        "select p.organizer_id from cohort c join program p on p.id = c.program_id where c.id = $1",
    )
    .bind(cohort)
    .fetch_optional(db)
    .await?;
    Ok(id.map(InstitutionId))
}
