//! Comments on a cycle: the mentor's (or an admin's) feedback and the participant's answers,
//! one flat thread, oldest first. Plain text, shown escaped with its line breaks.

use super::cycles::{clean, excerpt};
use crate::ssr::db::Db;

/// Longest comment, in characters.
pub const MAX_COMMENT_CHARS: usize = 4_000;

/// Why a comment was refused (always next to its text area, `body`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Invalid {
    Missing,
    TooLong,
}

impl Invalid {
    pub fn key(self) -> &'static str {
        match self {
            Invalid::Missing => "coaching.comment_missing",
            Invalid::TooLong => "coaching.comment_too_long",
        }
    }
}

/// The comment trimmed, with plain `\n` line ends, or why it is refused.
pub fn check(body: &str) -> Result<String, Invalid> {
    let body = clean(body);
    if body.is_empty() {
        Err(Invalid::Missing)
    } else if body.chars().count() > MAX_COMMENT_CHARS {
        Err(Invalid::TooLong)
    } else {
        Ok(body)
    }
}

/// Adds a comment (already checked) by `author` to cycle `cycle`; returns its id. The cycle's
/// participant and the mentors of their group are notified in the same transaction (the
/// author left out).
pub async fn add(
    db: &Db,
    cycle: i64,
    author: i64,
    body: &str,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let mut tx = db.begin().await?;
    let (id,): (i64,) = sqlx::query_as(
        "insert into coaching_comment (cycle_id, author_id, body, created_at) \
         values ($1, $2, $3, $4) returning id",
    )
    .bind(cycle)
    .bind(author)
    .bind(body)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    let (participant, goal): (i64, String) =
        sqlx::query_as("select participant_id, goal from coaching_cycle where id = $1")
            .bind(cycle)
            .fetch_one(&mut *tx)
            .await?;
    let mut told: Vec<i64> = sqlx::query_scalar(
        "select g.mentor_id from coaching_cycle y join enrolment e \
         on e.cohort_id = y.cohort_id and e.user_id = y.participant_id \
         join mentor_group g on g.id = e.group_id where y.id = $1 and g.mentor_id is not null",
    )
    .bind(cycle)
    .fetch_all(&mut *tx)
    .await?;
    told.push(participant);
    let subject = excerpt(&goal, 80);
    let notice = crate::ssr::notifications::Notice {
        kind: crate::model::codes::NotificationKind::Coaching,
        actor: Some(author),
        subject: &subject,
        detail: "",
        link: format!("/coaching/{cycle}?baru={id}#k-{id}"),
    };
    crate::ssr::notifications::notify(
        &mut tx,
        crate::ssr::notifications::Recipients::Users(&told),
        &notice,
        now,
    )
    .await?;
    tx.commit().await?;
    crate::ssr::mail::wake_worker();
    Ok(id)
}

/// One comment with its author.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct CommentRow {
    pub id: i64,
    pub author_id: i64,
    pub author_name: String,
    /// The author's role code (`mentor`, `admin`, `participant`).
    pub author_role: String,
    pub body: String,
    pub created_at: i64,
}

/// The comments of cycle `cycle`, oldest first.
pub async fn of_cycle(db: &Db, cycle: i64) -> Result<Vec<CommentRow>, sqlx::Error> {
    sqlx::query_as(
        "select k.id, k.author_id, u.name as author_name, u.role as author_role, k.body, \
         k.created_at from coaching_comment k join app_user u on u.id = k.author_id \
         where k.cycle_id = $1 order by k.created_at, k.id",
    )
    .bind(cycle)
    .fetch_all(db)
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_are_required_and_bounded() {
        assert_eq!(check(" \r\n "), Err(Invalid::Missing));
        assert_eq!(
            check(&"k".repeat(MAX_COMMENT_CHARS + 1)),
            Err(Invalid::TooLong)
        );
        assert_eq!(
            check(" Bagus.\r\nLanjutkan. "),
            Ok("Bagus.\nLanjutkan.".into())
        );
    }
}
