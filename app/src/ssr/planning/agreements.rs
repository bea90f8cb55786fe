//! Cooperation agreements (PKS) of a program and their partner institutions.

use crate::model::planning::{AgreementItem, PartnerItem};
use crate::ssr::db::Db;

/// A program's agreements with their partners.
pub async fn of_program(db: &Db, program: i64) -> Result<Vec<AgreementItem>, sqlx::Error> {
    let heads: Vec<(i64, String, String, String)> = sqlx::query_as(
        "select id, number, starts_on, ends_on from agreement where program_id = $1 \
         order by starts_on, id",
    )
    .bind(program)
    .fetch_all(db)
    .await?;
    let partners: Vec<PartnerItem> = sqlx::query_as(
        "select ap.agreement_id, ap.institution_id, i.name as institution_name, ap.quota, \
         ap.seats_taken, ap.funding_share_percent from agreement_partner ap \
         join agreement a on a.id = ap.agreement_id \
         join institution i on i.id = ap.institution_id \
         where a.program_id = $1 order by i.name",
    )
    .bind(program)
    .fetch_all(db)
    .await?;
    Ok(heads
        .into_iter()
        .map(|(id, number, starts_on, ends_on)| AgreementItem {
            id: crate::model::ids::AgreementId(id),
            number,
            starts_on,
            ends_on,
            partners: partners
                .iter()
                .filter(|p| p.agreement_id == crate::model::ids::AgreementId(id))
                .cloned()
                .collect(),
        })
        .collect())
}

/// Stores an agreement; `Err` with a unique violation if the program already has that number.
pub async fn insert(
    db: &Db,
    program: i64,
    number: &str,
    starts_on: &str,
    ends_on: &str,
    created_by: i64,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let (id,): (i64,) = sqlx::query_as(
        "insert into agreement (program_id, number, starts_on, ends_on, created_by, created_at) \
         values ($1, $2, $3, $4, $5, $6) returning id",
    )
    .bind(program)
    .bind(number)
    .bind(starts_on)
    .bind(ends_on)
    .bind(created_by)
    .bind(now)
    .fetch_one(db)
    .await?;
    Ok(id)
}

/// The program of agreement `id`, if it exists.
pub async fn program_of(db: &Db, id: i64) -> Result<Option<i64>, sqlx::Error> {
    let row: Option<(i64,)> = sqlx::query_as("select program_id from agreement where id = $1")
        .bind(id)
        .fetch_optional(db)
        .await?;
    Ok(row.map(|r| r.0))
}

/// Why a partner could not be added.
pub enum AddPartnerError {
    /// The shares of the agreement would exceed 100 %; carries the share already given.
    SharesOver(i64),
    /// The institution is already a partner.
    Duplicate,
    Database(sqlx::Error),
}

impl From<sqlx::Error> for AddPartnerError {
    fn from(e: sqlx::Error) -> Self {
        AddPartnerError::Database(e)
    }
}

/// Adds a partner only if the agreement's shares stay at or below 100 %. The insert is
/// conditional, so two concurrent additions cannot together pass 100.
pub async fn add_partner(
    db: &Db,
    agreement: i64,
    institution: i64,
    quota: i64,
    share: i64,
) -> Result<(), AddPartnerError> {
    let inserted = sqlx::query(
        "insert into agreement_partner (agreement_id, institution_id, quota, seats_taken, \
         funding_share_percent) \
         select $1, $2, $3, 0, $4 where \
         (select coalesce(sum(funding_share_percent), 0) from agreement_partner \
          where agreement_id = $1) + $4 <= 100",
    )
    .bind(agreement)
    .bind(institution)
    .bind(quota)
    .bind(share)
    .execute(db)
    .await;
    match inserted {
        Ok(done) if done.rows_affected() == 1 => Ok(()),
        Ok(_) => {
            let (given,): (i64,) = sqlx::query_as(
                "select cast(coalesce(sum(funding_share_percent), 0) as bigint) \
                 from agreement_partner where agreement_id = $1",
            )
            .bind(agreement)
            .fetch_one(db)
            .await?;
            Err(AddPartnerError::SharesOver(given))
        }
        Err(e) if crate::ssr::db::is_unique_violation(&e) => Err(AddPartnerError::Duplicate),
        Err(e) => Err(AddPartnerError::Database(e)),
    }
}
