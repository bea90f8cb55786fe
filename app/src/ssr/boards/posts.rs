//! Work posts: writing one (revision 1), revising it (a new revision; earlier ones stay), the
//! status a mentor moves (submitted → needs revision → revised → approved), and comments, which
//! may answer another comment and be anchored to one block of the revision they were written on,
//! and which a moderator may hide. Each change appends its board event in the same transaction.

use super::events::{self, EventKind};
use super::markdown::{self, BlockAnchor};
use crate::model::codes::NotificationKind;
use crate::ssr::db::Db;
use crate::ssr::notifications::{notify, Notice, Recipients};
use serde_json::json;

/// Longest title, in characters.
pub const MAX_TITLE_CHARS: usize = 200;
/// Longest post body, in characters.
pub const MAX_BODY_CHARS: usize = 100_000;
/// Longest comment, in characters.
pub const MAX_COMMENT_CHARS: usize = 10_000;

pub use crate::model::codes::{PostKind, PostStatus};

/// Why a post or comment was not saved, per field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Invalid {
    TitleMissing,
    TitleTooLong,
    BodyMissing,
    BodyTooLong,
    CommentMissing,
    CommentTooLong,
    /// The anchor is not of the form `b1`, `b2`, …
    AnchorMalformed,
    /// The anchor names no block of the revision.
    NoSuchBlock,
    /// The comment answered is not on this post.
    NoSuchComment,
    /// No such post.
    NoSuchPost,
}

impl Invalid {
    pub fn field(self) -> &'static str {
        match self {
            Invalid::TitleMissing | Invalid::TitleTooLong => "title",
            Invalid::BodyMissing | Invalid::BodyTooLong => "body",
            Invalid::CommentMissing
            | Invalid::CommentTooLong
            | Invalid::AnchorMalformed
            | Invalid::NoSuchBlock
            | Invalid::NoSuchComment
            | Invalid::NoSuchPost => "comment",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Invalid::TitleMissing => "board.title_missing",
            Invalid::TitleTooLong => "board.title_too_long",
            Invalid::BodyMissing => "board.body_missing",
            Invalid::BodyTooLong => "board.body_too_long",
            Invalid::CommentMissing => "board.comment_missing",
            Invalid::CommentTooLong => "board.comment_too_long",
            Invalid::AnchorMalformed => "board.anchor_malformed",
            Invalid::NoSuchBlock => "board.no_such_block",
            Invalid::NoSuchComment => "board.no_such_comment",
            Invalid::NoSuchPost => "board.no_such_post",
        }
    }
}

/// The title, trimmed and checked.
pub fn check_title(title: &str) -> Result<String, Invalid> {
    let title = title.trim();
    if title.is_empty() {
        return Err(Invalid::TitleMissing);
    }
    if title.chars().count() > MAX_TITLE_CHARS {
        return Err(Invalid::TitleTooLong);
    }
    Ok(title.to_string())
}

/// The body, trimmed and checked.
pub fn check_body(body: &str) -> Result<String, Invalid> {
    let body = body.trim();
    if body.is_empty() {
        return Err(Invalid::BodyMissing);
    }
    if body.chars().count() > MAX_BODY_CHARS {
        return Err(Invalid::BodyTooLong);
    }
    Ok(body.to_string())
}

/// The title and body, trimmed and checked (the title's problem first).
pub fn check_post(title: &str, body: &str) -> Result<(String, String), Invalid> {
    Ok((check_title(title)?, check_body(body)?))
}

/// Writes a new post on `board` with its first revision; returns its id, or why the title or
/// body was refused (checked here, so no caller can store an empty or oversized post).
pub async fn create(
    db: &Db,
    board: i64,
    author: i64,
    kind: PostKind,
    title: &str,
    body: &str,
    now: i64,
) -> Result<Result<i64, Invalid>, sqlx::Error> {
    let (title, body) = match check_post(title, body) {
        Ok(checked) => checked,
        Err(invalid) => return Ok(Err(invalid)),
    };
    let (title, body) = (title.as_str(), body.as_str());
    let rendered = markdown::render_blocks(body);
    let status = if kind == PostKind::Announcement {
        PostStatus::Announcement
    } else {
        PostStatus::Submitted
    };
    let mut tx = db.begin().await?;
    let (post,): (i64,) = sqlx::query_as(
        "insert into work_post (board_id, author_id, kind, status, title, revision, created_at, \
         updated_at) values ($1, $2, $3, $4, $5, 1, $6, $6) returning id",
    )
    .bind(board)
    .bind(author)
    .bind(kind.as_str())
    .bind(status.as_str())
    .bind(title)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    insert_revision(&mut tx, post, 1, title, body, &rendered.html, author, now).await?;
    events::append(
        &mut tx,
        board,
        EventKind::Post,
        Some(post),
        author,
        &json!({ "post": post, "title": title, "kind": kind.as_str(), "status": status.as_str() }),
        now,
    )
    .await?;
    if kind == PostKind::Announcement {
        // Told: the approved participants who read the board (its group's, or the cohort's).
        let (cohort, group): (i64, Option<i64>) =
            sqlx::query_as("select cohort_id, group_id from board where id = $1")
                .bind(board)
                .fetch_one(&mut *tx)
                .await?;
        let notice = Notice {
            kind: NotificationKind::Announcement,
            actor: Some(author),
            subject: title,
            detail: "",
            link: format!("/papan/pos/{post}"),
        };
        notify(&mut tx, Recipients::Cohort { cohort, group }, &notice, now).await?;
    }
    tx.commit().await?;
    crate::ssr::mail::wake_worker();
    Ok(Ok(post))
}

#[expect(
    clippy::too_many_arguments,
    reason = "one argument per column of the revision row, written inside the caller's transaction"
)]
async fn insert_revision(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    post: i64,
    number: i64,
    title: &str,
    body: &str,
    html: &str,
    author: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into post_revision (post_id, number, title, body_markdown, body_html, \
         created_by, created_at) values ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(post)
    .bind(number)
    .bind(title)
    .bind(body)
    .bind(html)
    .bind(author)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A post's board, author, status and current revision.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct PostHead {
    pub id: i64,
    pub board_id: i64,
    pub author_id: i64,
    pub kind: PostKind,
    pub status: PostStatus,
    pub title: String,
    pub revision: i64,
    pub first_response_at: Option<i64>,
}

pub async fn head(db: &Db, post: i64) -> Result<Option<PostHead>, sqlx::Error> {
    sqlx::query_as(
        "select id, board_id, author_id, kind, status, title, revision, first_response_at \
         from work_post where id = $1",
    )
    .bind(post)
    .fetch_optional(db)
    .await
}

/// The author's new revision of `post`. A post waiting for its revision becomes "revised".
/// Returns the new revision's number; None when `author` did not write the post or it is
/// approved (an approved post is not changed under its score); `Err` when the title or body is
/// refused.
pub async fn revise(
    db: &Db,
    post: i64,
    author: i64,
    title: &str,
    body: &str,
    now: i64,
) -> Result<Result<Option<i64>, Invalid>, sqlx::Error> {
    let (title, body) = match check_post(title, body) {
        Ok(checked) => checked,
        Err(invalid) => return Ok(Err(invalid)),
    };
    let (title, body) = (title.as_str(), body.as_str());
    let rendered = markdown::render_blocks(body);
    let mut tx = db.begin().await?;
    let row: Option<(i64, i64, PostStatus, i64)> =
        sqlx::query_as("select board_id, author_id, status, revision from work_post where id = $1")
            .bind(post)
            .fetch_optional(&mut *tx)
            .await?;
    let Some((board, owner, status, revision)) = row else {
        return Ok(Ok(None));
    };
    if owner != author || status == PostStatus::Approved {
        return Ok(Ok(None));
    }
    let number = revision + 1;
    let status = match status {
        PostStatus::NeedsRevision => PostStatus::Revised,
        other => other,
    };
    // The revision number in the condition makes two concurrent revisions take turns.
    let changed = sqlx::query(
        "update work_post set title = $1, revision = $2, status = $3, updated_at = $4 \
         where id = $5 and revision = $6",
    )
    .bind(title)
    .bind(number)
    .bind(status.as_str())
    .bind(now)
    .bind(post)
    .bind(revision)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if changed != 1 {
        return Ok(Ok(None));
    }
    insert_revision(
        &mut tx,
        post,
        number,
        title,
        body,
        &rendered.html,
        author,
        now,
    )
    .await?;
    events::append(
        &mut tx,
        board,
        EventKind::Revision,
        Some(post),
        author,
        &json!({ "post": post, "title": title, "revision": number, "status": status.as_str() }),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(Ok(Some(number)))
}

/// Records the first mentor response to `post` if none is recorded yet.
pub(super) async fn first_response(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    post: i64,
    mentor: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "update work_post set first_response_at = $1, first_response_by = $2 \
         where id = $3 and first_response_at is null",
    )
    .bind(now)
    .bind(mentor)
    .bind(post)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A mentor moves `post` to `to`. Returns whether it moved (false: not a move a mentor makes
/// from the post's status now).
pub async fn set_status(
    db: &Db,
    post: i64,
    mentor: i64,
    to: PostStatus,
    now: i64,
) -> Result<bool, sqlx::Error> {
    // Reads, then writes: the write lock first, or another writer in between fails the update.
    let mut tx = crate::ssr::db::begin_write(db).await?;
    let row: Option<(i64, PostStatus, i64, String)> =
        sqlx::query_as("select board_id, status, author_id, title from work_post where id = $1")
            .bind(post)
            .fetch_optional(&mut *tx)
            .await?;
    let Some((board, from, author, title)) = row else {
        return Ok(false);
    };
    if !from.mentor_may_set(to) {
        return Ok(false);
    }
    let changed = sqlx::query(
        "update work_post set status = $1, updated_at = $2 where id = $3 and status = $4",
    )
    .bind(to.as_str())
    .bind(now)
    .bind(post)
    .bind(from.as_str())
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if changed != 1 {
        return Ok(false);
    }
    first_response(&mut tx, post, mentor, now).await?;
    events::append(
        &mut tx,
        board,
        EventKind::Status,
        Some(post),
        mentor,
        &json!({ "post": post, "status": to.as_str() }),
        now,
    )
    .await?;
    let notice = Notice {
        kind: NotificationKind::Status,
        actor: Some(mentor),
        subject: &title,
        detail: to.as_str(),
        link: format!("/papan/pos/{post}"),
    };
    notify(&mut tx, Recipients::Users(&[author]), &notice, now).await?;
    tx.commit().await?;
    crate::ssr::mail::wake_worker();
    Ok(true)
}

/// A comment to write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewComment<'a> {
    pub post: i64,
    pub author: i64,
    /// The author moderates the board (a mentor's first comment is the post's first response).
    pub by_moderator: bool,
    pub parent: Option<i64>,
    pub anchor: Option<BlockAnchor>,
    pub body: &'a str,
}

/// The comment text, trimmed and checked.
pub fn check_comment(body: &str) -> Result<String, Invalid> {
    let body = body.trim();
    if body.is_empty() {
        return Err(Invalid::CommentMissing);
    }
    if body.chars().count() > MAX_COMMENT_CHARS {
        return Err(Invalid::CommentTooLong);
    }
    Ok(body.to_string())
}

/// Writes a comment on the post's current revision; returns its id, or the reason it was refused
/// (empty or too long, checked here).
/// A parent from another post, or an anchor that names no block of the revision, is refused.
pub async fn comment(
    db: &Db,
    new: &NewComment<'_>,
    now: i64,
) -> Result<Result<i64, Invalid>, sqlx::Error> {
    let body = match check_comment(new.body) {
        Ok(body) => body,
        Err(invalid) => return Ok(Err(invalid)),
    };
    let html = markdown::render(&body);
    // It reads before it writes: on SQLite it must hold the write lock from the start.
    let mut tx = crate::ssr::db::begin_write(db).await?;
    let row: Option<(i64, i64, String, i64, String)> = sqlx::query_as(
        "select p.board_id, p.revision, r.body_html, p.author_id, p.title from work_post p \
         join post_revision r on r.post_id = p.id and r.number = p.revision where p.id = $1",
    )
    .bind(new.post)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((board, revision, body_html, post_author, title)) = row else {
        return Ok(Err(Invalid::NoSuchPost));
    };
    if let Some(anchor) = new.anchor {
        if !body_html.contains(&format!("id=\"{anchor}\"")) {
            return Ok(Err(Invalid::NoSuchBlock));
        }
    }
    // Told of the comment: the post's author, and the author of the comment it answers.
    let mut told = vec![post_author];
    if let Some(parent) = new.parent {
        let parent_author: Option<i64> =
            sqlx::query_scalar("select author_id from post_comment where id = $1 and post_id = $2")
                .bind(parent)
                .bind(new.post)
                .fetch_optional(&mut *tx)
                .await?;
        let Some(parent_author) = parent_author else {
            return Ok(Err(Invalid::NoSuchComment));
        };
        told.push(parent_author);
    }
    // Stored in its one spelling, the id of the block on the page.
    let anchor = new.anchor.map(|a| a.to_string());
    let (id,): (i64,) = sqlx::query_as(
        "insert into post_comment (post_id, parent_id, author_id, revision, anchor, \
         body_markdown, body_html, created_at) values ($1, $2, $3, $4, $5, $6, $7, $8) \
         returning id",
    )
    .bind(new.post)
    .bind(new.parent)
    .bind(new.author)
    .bind(revision)
    .bind(anchor.as_deref())
    .bind(&body)
    .bind(&html)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    if new.by_moderator {
        first_response(&mut tx, new.post, new.author, now).await?;
    }
    events::append(
        &mut tx,
        board,
        EventKind::Comment,
        Some(new.post),
        new.author,
        &json!({
            "post": new.post, "comment": id, "parent": new.parent, "anchor": anchor,
            "revision": revision, "html": html,
        }),
        now,
    )
    .await?;
    let notice = Notice {
        kind: NotificationKind::Comment,
        actor: Some(new.author),
        subject: &title,
        detail: "",
        link: format!("/papan/pos/{}?baru={id}#k-{id}", new.post),
    };
    notify(&mut tx, Recipients::Users(&told), &notice, now).await?;
    tx.commit().await?;
    crate::ssr::mail::wake_worker();
    Ok(Ok(id))
}

/// The post comment `id` is on, if it exists.
pub async fn post_of_comment(db: &Db, id: i64) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("select post_id from post_comment where id = $1")
        .bind(id)
        .fetch_optional(db)
        .await
}

/// A moderator hides comment `id` of `post` on `board`: its text stays in the database (the
/// board's history), pages and live events show a placeholder instead. Returns false when it was
/// hidden already (nothing changes then).
pub async fn hide_comment(
    db: &Db,
    board: i64,
    post: i64,
    id: i64,
    moderator: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin().await?;
    let changed = sqlx::query(
        "update post_comment set hidden_at = $1, hidden_by = $2 \
         where id = $3 and post_id = $4 and hidden_at is null",
    )
    .bind(now)
    .bind(moderator)
    .bind(id)
    .bind(post)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if changed != 1 {
        return Ok(false);
    }
    events::append(
        &mut tx,
        board,
        EventKind::CommentHidden,
        Some(post),
        moderator,
        &json!({ "post": post, "comment": id }),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mentors_move_posts_only_along_the_review_cycle() {
        use PostStatus::*;
        assert!(Submitted.mentor_may_set(NeedsRevision));
        assert!(Submitted.mentor_may_set(Approved));
        assert!(Revised.mentor_may_set(Approved));
        assert!(NeedsRevision.mentor_may_set(Approved));
        assert!(Approved.mentor_may_set(NeedsRevision));
        assert!(!Submitted.mentor_may_set(Revised));
        assert!(!NeedsRevision.mentor_may_set(Revised));
        assert!(!Announcement.mentor_may_set(Approved));
        assert!(!Approved.mentor_may_set(Approved));
    }

    #[test]
    fn titles_bodies_and_comments_are_checked_on_characters() {
        assert_eq!(check_post("  ", "x"), Err(Invalid::TitleMissing));
        assert_eq!(check_post("t", " \n"), Err(Invalid::BodyMissing));
        assert_eq!(
            check_post(&"é".repeat(MAX_TITLE_CHARS), "x").map(|(t, _)| t.chars().count()),
            Ok(MAX_TITLE_CHARS)
        );
        assert_eq!(
            check_post(&"é".repeat(MAX_TITLE_CHARS + 1), "x"),
            Err(Invalid::TitleTooLong)
        );
        assert_eq!(check_comment(""), Err(Invalid::CommentMissing));
        assert_eq!(
            check_comment(&"a".repeat(MAX_COMMENT_CHARS + 1)),
            Err(Invalid::CommentTooLong)
        );
        assert_eq!(PostKind::from_code("refleksi"), Some(PostKind::Refleksi));
        assert_eq!(PostKind::from_code("script"), None);
    }
}
