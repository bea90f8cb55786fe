//! What a participant reads: the facts that decide an application, their applications and the
//! cohorts they are enrolled in.

use super::seats::{self, Partner};
use crate::model::codes::EnrolmentStatus;
use crate::model::cohorts::{Application, CohortForParticipant};
use crate::ssr::db::Db;

/// Whether `user` is an approved participant of `cohort`.
pub async fn is_participant(db: &Db, user: i64, cohort: i64) -> Result<bool, sqlx::Error> {
    let (n,): (i64,) = sqlx::query_as(
        "select count(*) from enrolment where cohort_id = $1 and user_id = $2 \
         and status = 'approved'",
    )
    .bind(cohort)
    .bind(user)
    .fetch_one(db)
    .await?;
    Ok(n > 0)
}

/// The facts an application is decided on, read before any write.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct CohortFacts {
    pub program_id: i64,
    pub program_status: String,
    pub registration_opens_at: i64,
    pub registration_closes_at: i64,
}

/// The cohort's program status and registration window.
pub async fn cohort_facts(db: &Db, cohort: i64) -> Result<Option<CohortFacts>, sqlx::Error> {
    sqlx::query_as(
        "select c.program_id, p.status as program_status, c.registration_opens_at, \
         c.registration_closes_at from cohort c join program p on p.id = c.program_id where c.id = $1",
    )
    .bind(cohort)
    .fetch_optional(db)
    .await
}

/// The participant's existing enrolment in the cohort: (id, status).
pub async fn existing(
    db: &Db,
    cohort: i64,
    user: i64,
) -> Result<Option<(i64, String)>, sqlx::Error> {
    sqlx::query_as("select id, status from enrolment where cohort_id = $1 and user_id = $2")
        .bind(cohort)
        .bind(user)
        .fetch_optional(db)
        .await
}

/// Whether the program has any cooperation agreement.
pub async fn has_agreements(db: &Db, program: i64) -> Result<bool, sqlx::Error> {
    let (count,): (i64,) = sqlx::query_as(
        "select count(*) from agreement_partner ap join agreement a on a.id = ap.agreement_id \
         where a.program_id = $1",
    )
    .bind(program)
    .fetch_one(db)
    .await?;
    Ok(count > 0)
}

/// The partner of the program's agreements whose subtree holds `institution`: the nearest one.
pub async fn partner_for(
    db: &Db,
    program: i64,
    institution: i64,
) -> Result<Option<Partner>, sqlx::Error> {
    let row: Option<(i64, i64)> = sqlx::query_as(
        "with recursive up(id, parent_id, depth) as ( \
           select id, parent_id, 0 from institution where id = $1 \
           union all \
           select i.id, i.parent_id, up.depth + 1 from institution i join up on i.id = up.parent_id) \
         select ap.agreement_id, ap.institution_id from agreement_partner ap \
         join agreement a on a.id = ap.agreement_id join up on up.id = ap.institution_id \
         where a.program_id = $2 order by up.depth, ap.agreement_id limit 1",
    )
    .bind(institution)
    .bind(program)
    .fetch_optional(db)
    .await?;
    Ok(row.map(|(agreement_id, institution_id)| Partner {
        agreement_id,
        institution_id,
    }))
}

/// The participant's applications, newest first, with waitlist positions.
pub async fn applications(db: &Db, user: i64) -> Result<Vec<Application>, sqlx::Error> {
    type Row = (
        i64,
        i64,
        String,
        String,
        String,
        String,
        EnrolmentStatus,
        Option<String>,
    );
    let rows: Vec<Row> = sqlx::query_as(
        "select e.id, c.id, c.name, p.title, c.starts_on, c.ends_on, e.status, e.reason \
         from enrolment e join cohort c on c.id = e.cohort_id join program p on p.id = c.program_id \
         where e.user_id = $1 order by e.created_at desc, e.id desc limit 200",
    )
    .bind(user)
    .fetch_all(db)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for (id, cohort_id, cohort_name, program_title, starts_on, ends_on, status, reason) in rows {
        let waitlist_position = if status == EnrolmentStatus::Waitlisted {
            Some(seats::waitlist_position(db, id).await?)
        } else {
            None
        };
        out.push(Application {
            id: crate::model::ids::EnrolmentId(id),
            cohort_id: crate::model::ids::CohortId(cohort_id),
            cohort_name,
            program_title,
            starts_on,
            ends_on,
            status,
            reason,
            waitlist_position,
        });
    }
    Ok(out)
}

/// The cohort as its approved participant `user` sees it; `None` unless they are approved in it.
pub async fn enrolled_cohort(
    db: &Db,
    cohort: i64,
    user: i64,
) -> Result<Option<CohortForParticipant>, sqlx::Error> {
    let row: Option<CohortForParticipant> = sqlx::query_as(
        "select c.name as cohort_name, p.title as program_title, \
         p.description as program_description, p.total_jp, c.starts_on, c.ends_on, \
         g.name as group_name, m.name as group_mentor \
         from enrolment e join cohort c on c.id = e.cohort_id join program p on p.id = c.program_id \
         left join mentor_group g on g.id = e.group_id left join app_user m on m.id = g.mentor_id \
         where e.cohort_id = $1 and e.user_id = $2 and e.status = 'approved'",
    )
    .bind(cohort)
    .bind(user)
    .fetch_optional(db)
    .await?;
    let Some(mut enrolled) = row else {
        return Ok(None);
    };
    enrolled.sessions = crate::ssr::sessions::schedule::of_cohort(db, cohort).await?;
    Ok(Some(enrolled))
}
