//! Reading boards: the boards a user sees, one board's posts, one post with its comments, and the
//! mentor's queue. Opening a board or a post marks the board read.

use crate::model::boards::{BoardPage, BoardSummary, PostPage, QueueItem};
use crate::model::{AppError, BoardId, CommentId, PostId, RubricId};
use leptos::prelude::*;

/// Posts per page of a board.
#[cfg(feature = "ssr")]
const POSTS_PER_PAGE: i64 = 30;
/// Comments per page of a post. A comment is at most 10,000 characters, and the heaviest
/// Markdown (a link per few characters) renders about 9 bytes per character: a page of comments
/// stays under 2 MB however many comments the post has, far below the server's 8 MiB page limit.
#[cfg(feature = "ssr")]
pub const COMMENTS_PER_PAGE: i64 = 20;

/// The boards the signed-in user sees, with unread counts.
#[server(endpoint = "my_boards")]
pub async fn my_boards() -> Result<Vec<BoardSummary>, AppError> {
    use crate::ssr::boards::views;
    use crate::ssr::db::{internal, now_unix};
    use crate::ssr::guard::SignedIn;
    use crate::ssr::state;
    let SignedIn { user } = SignedIn::require().await?;
    views::boards_of(&state()?.db, &user, now_unix(), 500)
        .await
        .map_err(|e| internal("boards of user", e))
}

/// One page of a board's posts, latest activity first.
#[server(name = BoardPageFn, endpoint = "board_page")]
pub async fn board_page(board_id: BoardId, page: Option<i64>) -> Result<BoardPage, AppError> {
    use crate::ssr::boards::access::BoardRight;
    use crate::ssr::boards::{events, views};
    use crate::ssr::db::internal;
    use crate::ssr::guard::SignedIn;
    use crate::ssr::state;
    let SignedIn { user } = SignedIn::require().await?;
    let db = &state()?.db;
    let (board, right) = super::guard::board(db, &user, board_id).await?;
    let fail = |e| internal("board page", e);
    let last_event = views::last_event(db, board.id).await.map_err(fail)?;
    let summary = views::board_summary(db, board.id, user.id.0)
        .await
        .map_err(fail)?
        .ok_or_else(super::guard::not_found)?;
    let page = page.unwrap_or(1).clamp(1, 100_000);
    let (posts, total) = views::posts(db, board.id, POSTS_PER_PAGE, (page - 1) * POSTS_PER_PAGE)
        .await
        .map_err(fail)?;
    events::mark_read(db, board.id, user.id.0, last_event)
        .await
        .map_err(fail)?;
    Ok(BoardPage {
        board: summary,
        can_post: right >= BoardRight::Post,
        moderates: right >= BoardRight::Moderate,
        posts,
        total,
        page,
        page_size: POSTS_PER_PAGE,
        last_event,
    })
}

/// A post, its revision `revision` (the current one when None), its history, page
/// `comment_page` of its comments (1, the newest, when None), files and scores; for a moderator,
/// the scoring form with rubric `rubric` (else the newest). `reply_to` names the comment the
/// comment form answers.
#[server(name = PostPageFn, endpoint = "post_page")]
pub async fn post_page(
    post_id: PostId,
    revision: Option<i64>,
    rubric: Option<RubricId>,
    comment_page: Option<i64>,
    reply_to: Option<CommentId>,
) -> Result<PostPage, AppError> {
    use crate::ssr::boards::access::BoardRight;
    use crate::ssr::boards::posts::{self, PostKind, PostStatus};
    use crate::ssr::boards::{events, rubrics, views};
    use crate::ssr::db::internal;
    use crate::ssr::guard::SignedIn;
    use crate::ssr::state;
    let SignedIn { user } = SignedIn::require().await?;
    let db = &state()?.db;
    let fail = |e| internal("post page", e);
    let post = views::card(db, post_id.0)
        .await
        .map_err(fail)?
        .ok_or_else(super::guard::not_found)?;
    let (board, right) = super::guard::board(db, &user, post.board_id).await?;
    let summary = views::board_summary(db, board.id, user.id.0)
        .await
        .map_err(fail)?
        .ok_or_else(super::guard::not_found)?;
    let shown = revision
        .filter(|n| (1..=post.revision).contains(n))
        .unwrap_or(post.revision);
    let (shown_title, markdown, body_html) = views::revision(db, post.id.0, shown)
        .await
        .map_err(fail)?
        .ok_or_else(super::guard::not_found)?;
    let mine = posts::head(db, post.id.0)
        .await
        .map_err(fail)?
        .is_some_and(|head| head.author_id == user.id.0);
    let markdown = if mine && shown == post.revision {
        Some(markdown)
    } else {
        None
    };
    let moderates = right >= BoardRight::Moderate;
    let status_choices = if moderates {
        let from = post.status;
        PostStatus::ALL
            .iter()
            .copied()
            .filter(|to| from.mentor_may_set(*to))
            .collect()
    } else {
        Vec::new()
    };
    let last_event = views::last_event(db, board.id).await.map_err(fail)?;
    let revisions = views::revisions(db, post.id.0).await.map_err(fail)?;
    let comment_total = post.comments;
    let last_page = ((comment_total + COMMENTS_PER_PAGE - 1) / COMMENTS_PER_PAGE).max(1);
    let comment_page = comment_page.unwrap_or(1).clamp(1, last_page);
    let comments = views::comments_page(
        db,
        post.id.0,
        COMMENTS_PER_PAGE,
        (comment_page - 1) * COMMENTS_PER_PAGE,
    )
    .await
    .map_err(fail)?;
    let replying_to = match reply_to {
        Some(id) if right >= BoardRight::Post => views::comment_on_post(db, post.id.0, id.0)
            .await
            .map_err(fail)?
            .map(|c| (c.id.0, c.author_name)),
        _ => None,
    };
    let may_attach = mine && post.status != PostStatus::Approved;
    let attachments = views::attachments(db, post.id.0, shown, post.revision, may_attach)
        .await
        .map_err(fail)?;
    let attach = may_attach.then(|| views::attach_form(attachments.len() as i64));
    let attach = attach.filter(|form| form.remaining > 0 || !attachments.is_empty());
    let sees_scores = mine || moderates;
    let scores = if sees_scores {
        rubrics::scores(db, post.id.0).await.map_err(fail)?
    } else {
        Vec::new()
    };
    let scoring = if moderates && post.kind != PostKind::Announcement {
        scoring_form(db, post.id.0, rubric).await.map_err(fail)?
    } else {
        None
    };
    events::mark_read(db, board.id, user.id.0, last_event)
        .await
        .map_err(fail)?;
    Ok(PostPage {
        board: summary,
        post,
        shown_revision: shown,
        shown_title,
        body_html,
        revisions,
        comments,
        comment_page,
        comment_page_size: COMMENTS_PER_PAGE,
        comment_total,
        replying_to,
        mine,
        moderates,
        can_comment: right >= BoardRight::Post,
        status_choices,
        markdown,
        attachments,
        attach,
        sees_scores,
        scores,
        scoring,
        last_event,
    })
}

/// The scoring form of a post: its program's rubrics, with `chosen` (else the newest) open.
#[cfg(feature = "ssr")]
async fn scoring_form(
    db: &crate::ssr::db::Db,
    post: i64,
    chosen: Option<RubricId>,
) -> Result<Option<crate::model::boards::ScoringForm>, sqlx::Error> {
    use crate::ssr::boards::rubrics;
    let Some(program) = rubrics::program_of_post(db, post).await? else {
        return Ok(None);
    };
    let list = rubrics::of_program(db, program).await?;
    let Some(pick) = chosen
        .filter(|id| list.iter().any(|r| r.id == *id))
        .or_else(|| list.first().map(|r| r.id))
    else {
        return Ok(None);
    };
    Ok(rubrics::get(db, pick.0)
        .await?
        .map(|rubric| crate::model::boards::ScoringForm {
            rubrics: list,
            rubric,
        }))
}

/// The signed-in mentor's posts waiting for feedback, longest waiting first.
#[server(endpoint = "mentor_queue")]
pub async fn mentor_queue() -> Result<Vec<QueueItem>, AppError> {
    use crate::ssr::boards::views;
    use crate::ssr::db::internal;
    use crate::ssr::guard::Mentor;
    use crate::ssr::state;
    let Mentor { user } = Mentor::require().await?;
    views::queue(&state()?.db, user.id.0, 200)
        .await
        .map_err(|e| internal("mentor queue", e))
}
