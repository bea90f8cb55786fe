//! Writing on boards: a new post, a revision by its author, a comment (a reply, or anchored to
//! one block of the post), a mentor's status change, and a moderator hiding a comment. Each
//! checks the caller's right on the board first, then tells the live hub the board changed. New
//! posts and comments count against the writer's rate limits.

use crate::model::{AppError, BoardId, CommentId, PostId};
use leptos::prelude::*;

/// A refusal of the data layer as the message next to its field.
#[cfg(feature = "ssr")]
fn invalid(reason: crate::ssr::boards::posts::Invalid) -> AppError {
    crate::ssr::validate::Validator::field_error(reason.field(), reason.key())
}

/// Checks a post's title and body, each next to its own field.
#[cfg(feature = "ssr")]
fn check_title_and_body(check: &mut crate::ssr::validate::Validator, title: &str, body: &str) {
    use crate::ssr::boards::posts;
    for refused in [
        posts::check_title(title).err(),
        posts::check_body(body).err(),
    ]
    .into_iter()
    .flatten()
    {
        check.fail(refused.field(), refused.key());
    }
}

/// Posts work (a participant on their group's board) or an announcement (a moderator).
#[server(endpoint = "create_post")]
pub async fn create_post(
    board_id: BoardId,
    kind: String,
    title: String,
    body: String,
) -> Result<(), AppError> {
    use crate::ssr::boards::access::BoardRight;
    use crate::ssr::boards::posts::{self, PostKind};
    use crate::ssr::db::{internal, now_unix};
    use crate::ssr::guard::SignedIn;
    use crate::ssr::state;
    use crate::ssr::validate::Validator;
    let SignedIn { user } = SignedIn::require().await?;
    let state = state()?;
    let db = &state.db;
    let (board, right) = super::guard::board(db, &user, board_id).await?;
    super::guard::at_least(right, BoardRight::Post)?;
    let mut check = Validator::new();
    // Moderators post announcements; participants post one of the work kinds.
    let kind = if right >= BoardRight::Moderate {
        Some(PostKind::Announcement)
    } else {
        PostKind::from_code(kind.trim()).filter(|k| PostKind::WORK.contains(k))
    };
    if kind.is_none() {
        check.fail("kind", "board.kind_invalid");
    }
    check_title_and_body(&mut check, &title, &body);
    check.finish()?;
    super::guard::rate(&user, crate::ssr::rate::Action::Post).await?;
    let kind = kind.unwrap_or(PostKind::Other);
    let post = posts::create(db, board.id, user.id.0, kind, &title, &body, now_unix())
        .await
        .map_err(|e| internal("create post", e))?
        .map_err(invalid)?;
    tracing::info!(user = user.id.0, board = board.id, post, "work posted");
    state.boards.changed(board.id).await;
    crate::ssr::flash::go_to(&format!("/papan/pos/{post}"), "", "board.posted");
    Ok(())
}

/// The author's new revision of their post (not once it is approved).
#[server(endpoint = "revise_post")]
pub async fn revise_post(post_id: PostId, title: String, body: String) -> Result<(), AppError> {
    use crate::model::ErrorKind;
    use crate::ssr::boards::access::BoardRight;
    use crate::ssr::boards::posts;
    use crate::ssr::db::{internal, now_unix};
    use crate::ssr::guard::SignedIn;
    use crate::ssr::validate::Validator;
    use crate::ssr::{msg, state};
    let SignedIn { user } = SignedIn::require().await?;
    let state = state()?;
    let db = &state.db;
    let (head, _) = super::guard::post(db, &user, post_id, BoardRight::Post).await?;
    if head.author_id != user.id.0 {
        return Err(AppError::new(ErrorKind::Forbidden, msg("board.not_author")));
    }
    let mut check = Validator::new();
    check_title_and_body(&mut check, &title, &body);
    check.finish()?;
    let revised = posts::revise(db, post_id.0, user.id.0, &title, &body, now_unix())
        .await
        .map_err(|e| internal("revise post", e))?
        .map_err(invalid)?;
    let Some(number) = revised else {
        return Err(AppError::new(
            ErrorKind::Conflict,
            msg("board.revise_refused"),
        ));
    };
    tracing::info!(
        user = user.id.0,
        post = post_id.0,
        revision = number,
        "post revised"
    );
    state.boards.changed(head.board_id).await;
    crate::ssr::flash::go_to(&format!("/papan/pos/{post_id}"), "", "board.revised");
    Ok(())
}

/// A comment on a post: `parent_id` answers another comment, `anchor` (`b3`) ties it to one block.
#[server(endpoint = "add_comment")]
pub async fn add_comment(
    post_id: PostId,
    parent_id: String,
    anchor: String,
    body: String,
) -> Result<(), AppError> {
    use crate::ssr::boards::access::BoardRight;
    use crate::ssr::boards::markdown::BlockAnchor;
    use crate::ssr::boards::posts::{self, NewComment};
    use crate::ssr::db::{internal, now_unix};
    use crate::ssr::guard::SignedIn;
    use crate::ssr::state;
    use crate::ssr::validate::Validator;
    let SignedIn { user } = SignedIn::require().await?;
    let state = state()?;
    let db = &state.db;
    let (head, right) = super::guard::post(db, &user, post_id, BoardRight::Post).await?;
    let parent = match parent_id.trim() {
        "" => None,
        text => Some(
            text.parse::<i64>()
                .map_err(|_| Validator::field_error("body", posts::Invalid::NoSuchComment.key()))?,
        ),
    };
    // The block's id as the page names it (`b3`); anything else is refused, never stored.
    let anchor = match anchor.trim() {
        "" => None,
        text => Some(BlockAnchor::parse(text).ok_or_else(|| {
            Validator::field_error("body", posts::Invalid::AnchorMalformed.key())
        })?),
    };
    // An empty or oversized comment is refused before it counts against the rate limit.
    posts::check_comment(&body).map_err(|reason| Validator::field_error("body", reason.key()))?;
    super::guard::rate(&user, crate::ssr::rate::Action::Comment).await?;
    let new = NewComment {
        post: post_id.0,
        author: user.id.0,
        by_moderator: right >= BoardRight::Moderate,
        parent,
        anchor,
        body: &body,
    };
    let id = posts::comment(db, &new, now_unix())
        .await
        .map_err(|e| internal("comment", e))?
        // Every refusal belongs next to the comment's text area, `body`.
        .map_err(|reason| Validator::field_error("body", reason.key()))?;
    tracing::info!(
        user = user.id.0,
        post = post_id.0,
        comment = id,
        "comment written"
    );
    state.boards.changed(head.board_id).await;
    // The query makes the browser load the page again (a hash alone would not) and marks the comment.
    crate::ssr::flash::go_to(
        &format!("/papan/pos/{post_id}"),
        &format!("?baru={id}#k-{id}"),
        "board.commented",
    );
    Ok(())
}

/// A mentor (or admin) moves a post along the review cycle.
#[server(endpoint = "set_post_status")]
pub async fn set_post_status(post_id: PostId, status: String) -> Result<(), AppError> {
    use crate::model::ErrorKind;
    use crate::ssr::boards::access::BoardRight;
    use crate::ssr::boards::posts::{self, PostStatus};
    use crate::ssr::db::{internal, now_unix};
    use crate::ssr::guard::SignedIn;
    use crate::ssr::validate::Validator;
    use crate::ssr::{msg, state};
    let SignedIn { user } = SignedIn::require().await?;
    let state = state()?;
    let db = &state.db;
    let (head, _) = super::guard::post(db, &user, post_id, BoardRight::Moderate).await?;
    let Some(to) = PostStatus::from_code(status.trim()) else {
        return Err(Validator::field_error("status", "board.status_invalid"));
    };
    let moved = posts::set_status(db, post_id.0, user.id.0, to, now_unix())
        .await
        .map_err(|e| internal("set post status", e))?;
    if !moved {
        return Err(AppError::new(
            ErrorKind::Conflict,
            msg("board.status_refused"),
        ));
    }
    tracing::info!(
        user = user.id.0,
        post = post_id.0,
        status = to.as_str(),
        "post status set"
    );
    state.boards.changed(head.board_id).await;
    crate::ssr::flash::go_to(&format!("/papan/pos/{post_id}"), "", "board.status_set");
    Ok(())
}

/// A moderator (the group's mentor, or an admin in scope) hides a comment: everyone then sees a
/// placeholder instead of its text, which stays in the database. `comment_page` is the page of
/// comments the form was on, to go back to.
#[server(endpoint = "hide_comment")]
pub async fn hide_comment(
    comment_id: CommentId,
    comment_page: Option<i64>,
) -> Result<(), AppError> {
    use crate::ssr::boards::access::BoardRight;
    use crate::ssr::boards::posts;
    use crate::ssr::db::{internal, now_unix};
    use crate::ssr::guard::SignedIn;
    use crate::ssr::state;
    let SignedIn { user } = SignedIn::require().await?;
    let state = state()?;
    let db = &state.db;
    let post_id = posts::post_of_comment(db, comment_id.0)
        .await
        .map_err(|e| internal("comment post", e))?
        .map(PostId)
        .ok_or_else(super::guard::not_found)?;
    let (head, _) = super::guard::post(db, &user, post_id, BoardRight::Moderate).await?;
    let hidden = posts::hide_comment(
        db,
        head.board_id,
        post_id.0,
        comment_id.0,
        user.id.0,
        now_unix(),
    )
    .await
    .map_err(|e| internal("hide comment", e))?;
    if hidden {
        tracing::info!(
            user = user.id.0,
            post = post_id.0,
            comment = comment_id.0,
            "comment hidden"
        );
        state.boards.changed(head.board_id).await;
    }
    let page = comment_page
        .filter(|p| *p > 1)
        .map(|p| format!("?komentar={p}"))
        .unwrap_or_default();
    crate::ssr::flash::go_to(
        &format!("/papan/pos/{post_id}"),
        &format!("{page}#k-{comment_id}"),
        "board.comment_hidden_done",
    );
    Ok(())
}
