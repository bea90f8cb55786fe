//! Mentoring boards: the boards a user sees, one board's posts, one post with its comments, and
//! the mentor's queue. Every page works with JavaScript off; the `BoardLive` island adds what
//! others write while the page is open.

mod attachments;
mod board;
mod list;
mod post;
mod queue;
mod rubrics;
mod scoring;

pub use board::BoardViewPage;
pub use list::BoardsListPage;
pub use post::PostViewPage;
pub use queue::{queue_list, MentorQueuePage};
pub use rubrics::{RubricPage, RubricsPage};

use crate::i18n::I18n;
use crate::islands::{BoardLive, LiveLabels};
use leptos::prelude::*;

/// The live-stream island of a page showing board `board` as of event `after`.
fn live(i: I18n, board: i64, after: i64) -> impl IntoView {
    let labels = LiveLabels {
        live: i.t("board.live_on"),
        reconnecting: i.t("board.live_off"),
    };
    view! { <BoardLive board=board after=after labels=labels/> }
}

/// "Group X · Cohort Y" or "Announcements · Cohort Y".
fn board_name(i: I18n, board: &crate::model::boards::BoardSummary) -> String {
    match &board.group_name {
        Some(group) => i.t_with("board.group_board", &[("group", group)]),
        None => i.t("board.cohort_board"),
    }
}
