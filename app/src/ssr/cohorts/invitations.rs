//! Invitations to a cohort. An import writes one when a row matches a participant outside the
//! uploading admin's scope (`ssr::imports::context`): nothing of that person reaches the cohort
//! until they accept on their home page (`seats::accept_invitation` enrols them) or decline.

use crate::model::cohorts::Invitation;
use crate::ssr::db::Db;

/// The participant's invitations still waiting for an answer, oldest first.
pub async fn pending(db: &Db, user: i64) -> Result<Vec<Invitation>, sqlx::Error> {
    sqlx::query_as(
        "select ci.id, c.id as cohort_id, c.name as cohort_name, p.title as program_title, \
         o.name as organizer, c.starts_on, c.ends_on from cohort_invitation ci \
         join cohort c on c.id = ci.cohort_id join program p on p.id = c.program_id \
         join institution o on o.id = p.organizer_id \
         where ci.user_id = $1 and ci.status = 'pending' order by ci.id limit 50",
    )
    .bind(user)
    .fetch_all(db)
    .await
}

/// An invitation of `user` (anyone else's reads as missing): its cohort, the cohort's program,
/// its status and the admin who sent it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct InvitationFacts {
    pub cohort_id: i64,
    pub program_id: i64,
    pub status: String,
    pub invited_by: Option<i64>,
}

/// The facts of invitation `id` if it is `user`'s.
pub async fn facts(db: &Db, id: i64, user: i64) -> Result<Option<InvitationFacts>, sqlx::Error> {
    sqlx::query_as(
        "select ci.cohort_id, c.program_id, ci.status, ci.invited_by from cohort_invitation ci \
         join cohort c on c.id = ci.cohort_id where ci.id = $1 and ci.user_id = $2",
    )
    .bind(id)
    .bind(user)
    .fetch_optional(db)
    .await
}

/// Declines invitation `id` of `user`; `false` if it was not pending (already answered).
pub async fn decline(db: &Db, id: i64, user: i64, now: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "update cohort_invitation set status = 'declined', decided_at = $3 \
         where id = $1 and user_id = $2 and status = 'pending'",
    )
    .bind(id)
    .bind(user)
    .bind(now)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}
