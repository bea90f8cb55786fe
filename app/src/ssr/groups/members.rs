//! What a mentor sees: their groups, with cohort, program and member count.

use crate::model::groups::GroupCard;
use crate::ssr::db::Db;

#[derive(sqlx::FromRow)]
struct CardRow {
    id: i64,
    name: String,
    capacity: i64,
    members: i64,
    mentor_name: Option<String>,
    cohort_id: i64,
    cohort_name: String,
    program_title: String,
}

const CARD_SELECT: &str = "select g.id, g.name, g.capacity, \
     (select count(*) from enrolment e where e.group_id = g.id) as members, \
     u.name as mentor_name, c.id as cohort_id, c.name as cohort_name, p.title as program_title \
     from mentor_group g join cohort c on c.id = g.cohort_id join program p on p.id = c.program_id \
     left join app_user u on u.id = g.mentor_id";

fn card(r: CardRow) -> GroupCard {
    GroupCard {
        id: crate::model::ids::GroupId(r.id),
        name: r.name,
        capacity: r.capacity,
        members: r.members,
        mentor_name: r.mentor_name,
        cohort_id: crate::model::ids::CohortId(r.cohort_id),
        cohort_name: r.cohort_name,
        program_title: r.program_title,
    }
}

/// The groups `mentor` leads, newest cohort first.
pub async fn of_mentor(db: &Db, mentor: i64) -> Result<Vec<GroupCard>, sqlx::Error> {
    let rows: Vec<CardRow> = sqlx::query_as(&format!(
        "{CARD_SELECT} where g.mentor_id = $1 order by c.starts_on desc, c.id desc, g.id"
    ))
    .bind(mentor)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(card).collect())
}

/// Group `group` as a card.
pub async fn card_of(db: &Db, group: i64) -> Result<Option<GroupCard>, sqlx::Error> {
    let row: Option<CardRow> = sqlx::query_as(&format!("{CARD_SELECT} where g.id = $1"))
        .bind(group)
        .fetch_optional(db)
        .await?;
    Ok(row.map(card))
}
