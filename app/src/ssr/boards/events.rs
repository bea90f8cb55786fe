//! The board event log: every post, revision, comment, status change, score and hidden comment
//! appends one row, in the same transaction as the change. Its id orders a board's history; a
//! live viewer that lost its connection asks for everything after the last id it saw.

use crate::ssr::db::Db;
use sqlx::Any;

/// One event as stored.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct BoardEvent {
    pub id: i64,
    pub board_id: i64,
    pub kind: String,
    pub post_id: Option<i64>,
    pub actor_id: i64,
    pub payload: String,
    pub created_at: i64,
}

/// What happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventKind {
    Post,
    Revision,
    Comment,
    Status,
    Score,
    /// A moderator hid a comment.
    CommentHidden,
}

impl EventKind {
    pub fn code(self) -> &'static str {
        match self {
            EventKind::Post => "post",
            EventKind::Revision => "revision",
            EventKind::Comment => "comment",
            EventKind::Status => "status",
            EventKind::Score => "score",
            EventKind::CommentHidden => "comment_hidden",
        }
    }
}

/// Appends an event inside `tx`; returns its id.
pub async fn append(
    tx: &mut sqlx::Transaction<'_, Any>,
    board: i64,
    kind: EventKind,
    post: Option<i64>,
    actor: i64,
    payload: &serde_json::Value,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let (id,): (i64,) = sqlx::query_as(
        "insert into board_event (board_id, kind, post_id, actor_id, payload, created_at) \
         values ($1, $2, $3, $4, $5, $6) returning id",
    )
    .bind(board)
    .bind(kind.code())
    .bind(post)
    .bind(actor)
    .bind(payload.to_string())
    .bind(now)
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

/// Up to `limit` events of `board` after event `after`, oldest first.
pub async fn since(
    db: &Db,
    board: i64,
    after: i64,
    limit: i64,
) -> Result<Vec<BoardEvent>, sqlx::Error> {
    sqlx::query_as(
        "select id, board_id, kind, post_id, actor_id, payload, created_at from board_event \
         where board_id = $1 and id > $2 order by id limit $3",
    )
    .bind(board)
    .bind(after)
    .bind(limit)
    .fetch_all(db)
    .await
}

/// How many events of `board` after the last one `user` has seen were made by someone else.
pub async fn unread(db: &Db, board: i64, user: i64) -> Result<i64, sqlx::Error> {
    let (n,): (i64,) = sqlx::query_as(
        "select count(*) from board_event e where e.board_id = $1 and e.actor_id <> $2 \
         and e.id > coalesce((select last_event_id from board_read where board_id = $1 \
         and user_id = $2), 0)",
    )
    .bind(board)
    .bind(user)
    .fetch_one(db)
    .await?;
    Ok(n)
}

/// Marks `board` as read by `user` up to event `upto` (never backwards).
pub async fn mark_read(db: &Db, board: i64, user: i64, upto: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into board_read (board_id, user_id, last_event_id) values ($1, $2, $3) \
         on conflict (board_id, user_id) do update set last_event_id = \
         case when excluded.last_event_id > board_read.last_event_id \
         then excluded.last_event_id else board_read.last_event_id end",
    )
    .bind(board)
    .bind(user)
    .bind(upto)
    .execute(db)
    .await?;
    Ok(())
}
