//! Server functions for mentoring boards: reading boards and posts, writing posts, revisions,
//! comments and statuses, and a mentor's queue.

mod read;
mod rubrics;
mod write;

pub use read::{board_page, mentor_queue, my_boards, post_page};
pub use read::{BoardPageFn, MentorQueue, MyBoards, PostPageFn};
pub use rubrics::{my_rubrics, rubric_page, save_rubric, score_post};
pub use rubrics::{MyRubrics, RubricPageFn, SaveRubric, ScorePost};
pub use write::{add_comment, create_post, hide_comment, revise_post, set_post_status};
pub use write::{AddComment, CreatePost, HideComment, RevisePost, SetPostStatus};

#[cfg(feature = "ssr")]
mod guard {
    use crate::model::{AppError, BoardId, CurrentUser, ErrorKind, PostId};
    use crate::ssr::boards::access::{self, BoardRight, BoardRow};
    use crate::ssr::boards::posts::{self, PostHead};
    use crate::ssr::db::{internal, Db};
    use crate::ssr::msg;
    use crate::ssr::rate::{self, Action};

    /// The 404 of a board (or post) the caller may not know about.
    pub fn not_found() -> AppError {
        AppError::new(ErrorKind::NotFound, msg("board.not_found"))
    }

    /// Board `id` and what `user` may do there, or the 404 that hides it.
    pub async fn board(
        db: &Db,
        user: &CurrentUser,
        id: BoardId,
    ) -> Result<(BoardRow, BoardRight), AppError> {
        access::board_and_right(db, user, id.0)
            .await
            .map_err(|e| internal("board right", e))?
            .ok_or_else(not_found)
    }

    /// Post `id`, once `user` is known to have at least `needed` on its board (404 when they may
    /// not see the board, 403 when they see it but may not do this).
    pub async fn post(
        db: &Db,
        user: &CurrentUser,
        id: PostId,
        needed: BoardRight,
    ) -> Result<(PostHead, BoardRight), AppError> {
        let head = posts::head(db, id.0)
            .await
            .map_err(|e| internal("post head", e))?
            .ok_or_else(not_found)?;
        let (_, right) = board(db, user, BoardId(head.board_id)).await?;
        at_least(right, needed)?;
        Ok((head, right))
    }

    /// Takes one of `user`'s uses of `action` (posting, commenting), or the 429 that says how
    /// long to wait, next to the form.
    pub async fn rate(user: &CurrentUser, action: Action) -> Result<(), AppError> {
        use crate::i18n::text_with;
        use crate::ssr::request::request_lang;
        let state = crate::ssr::state()?;
        let limits = &state.settings.boards;
        let (limit, key) = match action {
            Action::Post => (limits.posts, "board.too_many_posts"),
            Action::Comment => (limits.comments, "board.too_many_comments"),
            Action::Upload => (limits.uploads, "board.too_many_uploads"),
        };
        let taken = rate::take(&state.db, user.id.0, action, limit, state.clock.now())
            .await
            .map_err(|e| internal("rate limit", e))?;
        match taken {
            Ok(()) => Ok(()),
            Err(wait) => {
                let lang = request_lang();
                let message = text_with(lang, key, &[("wait", &rate::wait_text(lang, wait))]);
                tracing::info!(
                    user = user.id.0,
                    action = action.code(),
                    wait,
                    "rate limited"
                );
                Err(AppError {
                    retry_after_secs: Some(wait),
                    ..AppError::new(ErrorKind::TooManyAttempts, message)
                })
            }
        }
    }

    /// `Ok` when `right` reaches `needed`, else 403 (the caller already knows the board).
    pub fn at_least(right: BoardRight, needed: BoardRight) -> Result<(), AppError> {
        if right >= needed {
            Ok(())
        } else {
            Err(AppError::new(ErrorKind::Forbidden, msg("auth.forbidden")))
        }
    }
}
