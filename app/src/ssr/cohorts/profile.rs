//! The participant profile (`participant_profile`, plus the NIP on `app_user`).
//!
//! The school a profile names by NPSN is only a claim: the participant's verified institution is
//! `app_user.institution_id`, which saving a profile never changes. An admin of that school (see
//! `claims`) or an import of theirs confirms the claim by setting it; agreement-partner
//! eligibility, quotas and admin scope read the verified institution only.

use crate::model::codes::ParticipantCategory;
use crate::model::cohorts::{Profile, SchoolClaim};
use crate::ssr::db::Db;

/// The stored profile of `user` (empty fields where nothing is stored).
pub async fn load(db: &Db, user: i64) -> Result<Profile, sqlx::Error> {
    type Row = (
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<i64>,
        Option<i64>,
        Option<String>,
    );
    type Person = (
        Option<ParticipantCategory>,
        Option<String>,
        Option<String>,
        Option<String>,
    );
    let row: Option<Row> = sqlx::query_as(
        "select u.nip, pp.nuptk, pp.rank, pp.school_npsn, pp.school_name, pp.subject, \
         pp.school_level, pp.region_code, pp.phone, u.institution_id, i.id, i.name from app_user u \
         left join participant_profile pp on pp.user_id = u.id \
         left join institution i on i.npsn = pp.school_npsn and i.kind = 'school' \
         where u.id = $1",
    )
    .bind(user)
    .fetch_optional(db)
    .await?;
    let Some((
        nip,
        nuptk,
        rank,
        npsn,
        school,
        subject,
        level,
        region,
        phone,
        verified,
        school_id,
        school_official,
    )) = row
    else {
        return Ok(Profile::default());
    };
    let person: Option<Person> = sqlx::query_as(
        "select category, position, birth_place, birth_date from participant_profile \
         where user_id = $1",
    )
    .bind(user)
    .fetch_optional(db)
    .await?;
    let (category, position, birth_place, birth_date) = person.unwrap_or_default();
    let claim = match (school_id, school_official) {
        (Some(id), Some(name)) => Some(SchoolClaim {
            name,
            verified: verified == Some(id),
        }),
        _ => None,
    };
    Ok(Profile {
        nip: nip.unwrap_or_default(),
        nuptk: nuptk.unwrap_or_default(),
        rank: rank.unwrap_or_default(),
        school_npsn: npsn.unwrap_or_default(),
        school_name: school.unwrap_or_default(),
        subject: subject.unwrap_or_default(),
        school_level: level.unwrap_or_default(),
        region_code: region.unwrap_or_default(),
        phone: phone.unwrap_or_default(),
        category,
        position: position.unwrap_or_default(),
        birth_place: birth_place.unwrap_or_default(),
        birth_date: birth_date.unwrap_or_default(),
        school: claim,
    })
}

/// Whether another account already has this NIP.
pub async fn nip_taken(db: &Db, user: i64, nip: &str) -> Result<bool, sqlx::Error> {
    let (count,): (i64,) =
        sqlx::query_as("select count(*) from app_user where nip = $1 and id <> $2")
            .bind(nip)
            .bind(user)
            .fetch_one(db)
            .await?;
    Ok(count > 0)
}

/// Whether another account already has this NUPTK.
pub async fn nuptk_taken(db: &Db, user: i64, nuptk: &str) -> Result<bool, sqlx::Error> {
    let (count,): (i64,) = sqlx::query_as(
        "select count(*) from participant_profile where nuptk = $1 and user_id <> $2",
    )
    .bind(nuptk)
    .bind(user)
    .fetch_one(db)
    .await?;
    Ok(count > 0)
}

/// The school `user` claims on their profile when it is not their verified institution.
pub async fn pending_school(db: &Db, user: i64) -> Result<Option<i64>, sqlx::Error> {
    let row: Option<(i64,)> = sqlx::query_as(
        "select i.id from participant_profile pp join app_user u on u.id = pp.user_id \
         join institution i on i.npsn = pp.school_npsn and i.kind = 'school' \
         where pp.user_id = $1 and (u.institution_id is null or u.institution_id <> i.id)",
    )
    .bind(user)
    .fetch_optional(db)
    .await?;
    Ok(row.map(|(id,)| id))
}

/// Stores the profile (validated). The school it names stays a claim: the verified institution
/// is not touched. One transaction whose first statement is a write.
pub async fn save(db: &Db, user: i64, p: &Profile, now: i64) -> Result<(), sqlx::Error> {
    let none_if_empty = |s: &str| (!s.is_empty()).then(|| s.to_string());
    let mut tx = db.begin().await?;
    sqlx::query("update app_user set nip = $1, updated_at = $2 where id = $3")
        .bind(none_if_empty(&p.nip))
        .bind(now)
        .bind(user)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "insert into participant_profile (user_id, nuptk, rank, school_npsn, school_name, subject, \
         school_level, region_code, phone, updated_at, category, position, birth_place, birth_date) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) \
         on conflict (user_id) do update set nuptk = excluded.nuptk, rank = excluded.rank, \
         school_npsn = excluded.school_npsn, school_name = excluded.school_name, \
         subject = excluded.subject, school_level = excluded.school_level, \
         region_code = excluded.region_code, phone = excluded.phone, updated_at = excluded.updated_at, \
         category = excluded.category, position = excluded.position, \
         birth_place = excluded.birth_place, birth_date = excluded.birth_date",
    )
    .bind(user)
    .bind(none_if_empty(&p.nuptk))
    .bind(none_if_empty(&p.rank))
    .bind(none_if_empty(&p.school_npsn))
    .bind(none_if_empty(&p.school_name))
    .bind(none_if_empty(&p.subject))
    .bind(none_if_empty(&p.school_level))
    .bind(none_if_empty(&p.region_code))
    .bind(none_if_empty(&p.phone))
    .bind(now)
    .bind(p.category)
    .bind(none_if_empty(&p.position))
    .bind(none_if_empty(&p.birth_place))
    .bind(none_if_empty(&p.birth_date))
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}
