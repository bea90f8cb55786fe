//! Who may do what on a board. A participant reads and posts on their own group's board and
//! reads their cohort's announcement board; a mentor moderates the boards of the groups they
//! mentor (and the announcement board of a cohort they mentor); an admin moderates every board
//! of a cohort in their scope. Everyone else is told the board does not exist.

use crate::model::{CurrentUser, Role};
use crate::ssr::db::Db;
use crate::ssr::groups::access::mentors_cohort;
use crate::ssr::scope;

/// What a user may do on one board, from least to most.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum BoardRight {
    /// Read posts and comments, and follow the live stream.
    Read,
    /// Also post work and comment.
    Post,
    /// Also set statuses, score with rubrics and post announcements.
    Moderate,
}

/// A board and the cohort and group it belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BoardRow {
    pub id: i64,
    pub cohort_id: i64,
    pub group_id: Option<i64>,
}

/// The board `id`, if it exists.
pub async fn board(db: &Db, id: i64) -> Result<Option<BoardRow>, sqlx::Error> {
    let row: Option<(i64, i64, Option<i64>)> =
        sqlx::query_as("select id, cohort_id, group_id from board where id = $1")
            .bind(id)
            .fetch_optional(db)
            .await?;
    Ok(row.map(|(id, cohort_id, group_id)| BoardRow {
        id,
        cohort_id,
        group_id,
    }))
}

/// Board `id` and what `user` may do there; None when it does not exist or they may do nothing
/// there (the two look the same to them).
pub async fn board_and_right(
    db: &Db,
    user: &CurrentUser,
    id: i64,
) -> Result<Option<(BoardRow, BoardRight)>, sqlx::Error> {
    let Some(board) = self::board(db, id).await? else {
        return Ok(None);
    };
    Ok(right(db, user, &board).await?.map(|right| (board, right)))
}

/// What `user` may do on `board`; None: nothing (not even know it exists).
pub async fn right(
    db: &Db,
    user: &CurrentUser,
    board: &BoardRow,
) -> Result<Option<BoardRight>, sqlx::Error> {
    match user.role {
        Role::Admin => Ok(match user.institution_id {
            Some(root) => scope::cohort_in_scope(db, root, crate::model::CohortId(board.cohort_id))
                .await?
                .then_some(BoardRight::Moderate),
            None => None,
        }),
        Role::Mentor => {
            let mentors = match board.group_id {
                Some(group) => {
                    let (n,): (i64,) = sqlx::query_as(
                        "select count(*) from mentor_group where id = $1 and mentor_id = $2",
                    )
                    .bind(group)
                    .bind(user.id.0)
                    .fetch_one(db)
                    .await?;
                    n > 0
                }
                None => mentors_cohort(db, user.id.0, board.cohort_id).await?,
            };
            Ok(mentors.then_some(BoardRight::Moderate))
        }
        Role::Participant => {
            let row: Option<(Option<i64>,)> = sqlx::query_as(
                "select group_id from enrolment where cohort_id = $1 and user_id = $2 \
                 and status = 'approved'",
            )
            .bind(board.cohort_id)
            .bind(user.id.0)
            .fetch_optional(db)
            .await?;
            Ok(match (row, board.group_id) {
                (None, _) => None,
                (Some(_), None) => Some(BoardRight::Read),
                (Some((Some(mine),)), Some(group)) if mine == group => Some(BoardRight::Post),
                (Some(_), Some(_)) => None,
            })
        }
    }
}

/// The board of group `group`, made on first use.
pub async fn group_board(db: &Db, group: i64, now: i64) -> Result<Option<i64>, sqlx::Error> {
    let Some((cohort,)) =
        sqlx::query_as::<_, (i64,)>("select cohort_id from mentor_group where id = $1")
            .bind(group)
            .fetch_optional(db)
            .await?
    else {
        return Ok(None);
    };
    sqlx::query(
        "insert into board (cohort_id, group_id, created_at) values ($1, $2, $3) \
         on conflict (group_id) where group_id is not null do nothing",
    )
    .bind(cohort)
    .bind(group)
    .bind(now)
    .execute(db)
    .await?;
    let (id,): (i64,) = sqlx::query_as("select id from board where group_id = $1")
        .bind(group)
        .fetch_one(db)
        .await?;
    Ok(Some(id))
}

/// The announcement board of cohort `cohort`, made on first use.
pub async fn cohort_board(db: &Db, cohort: i64, now: i64) -> Result<i64, sqlx::Error> {
    sqlx::query(
        "insert into board (cohort_id, group_id, created_at) values ($1, null, $2) \
         on conflict (cohort_id) where group_id is null do nothing",
    )
    .bind(cohort)
    .bind(now)
    .execute(db)
    .await?;
    let (id,): (i64,) =
        sqlx::query_as("select id from board where cohort_id = $1 and group_id is null")
            .bind(cohort)
            .fetch_one(db)
            .await?;
    Ok(id)
}
