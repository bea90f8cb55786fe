//! What a mentor sees first: the participants of each group they lead, with how far their
//! coaching logs have come and how many cycles wait for feedback.

use crate::ssr::db::Db;

/// One participant of a mentor's group and their log in that group's cohort.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct MemberLog {
    pub group_id: i64,
    pub participant_id: i64,
    pub participant_name: String,
    pub cycles: i64,
    /// When a cycle of theirs was last written or edited.
    pub last_update: Option<i64>,
    /// Cycles nobody but the participant has commented on since they were last written.
    pub awaiting: i64,
}

/// The approved members of every group `mentor` leads, with their logs, by group then name.
pub async fn members_of_mentor(db: &Db, mentor: i64) -> Result<Vec<MemberLog>, sqlx::Error> {
    sqlx::query_as(
        "select g.id as group_id, u.id as participant_id, u.name as participant_name, \
         (select count(*) from coaching_cycle y where y.cohort_id = g.cohort_id \
          and y.participant_id = u.id) as cycles, \
         (select max(y.updated_at) from coaching_cycle y where y.cohort_id = g.cohort_id \
          and y.participant_id = u.id) as last_update, \
         (select count(*) from coaching_cycle y where y.cohort_id = g.cohort_id \
          and y.participant_id = u.id and not exists (select 1 from coaching_comment k \
          where k.cycle_id = y.id and k.author_id <> y.participant_id \
          and k.created_at >= y.updated_at)) as awaiting \
         from mentor_group g join enrolment e on e.group_id = g.id and e.status = 'approved' \
         join app_user u on u.id = e.user_id \
         where g.mentor_id = $1 and e.cohort_id = g.cohort_id \
         order by g.id, u.name, u.id",
    )
    .bind(mentor)
    .fetch_all(db)
    .await
}
