//! What the board pages show, shared by the server functions and the pages.

use crate::model::codes::{PostKind, PostStatus};
use crate::model::ids::{AttachmentId, BoardId, CohortId, CommentId, PostId};
use serde::{Deserialize, Serialize};

/// A board as its list shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardSummary {
    pub id: BoardId,
    pub cohort_id: CohortId,
    pub cohort_name: String,
    pub program_title: String,
    /// None: the cohort's announcement board.
    pub group_name: Option<String>,
    pub posts: i64,
    /// Events by others since the viewer last opened the board.
    pub unread: i64,
}

/// One post in a board's list (and the card a live event replaces).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostCard {
    pub id: PostId,
    pub board_id: BoardId,
    pub title: String,
    pub kind: PostKind,
    pub status: PostStatus,
    pub author_name: String,
    pub revision: i64,
    pub comments: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

/// A board with one page of its posts, newest activity first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardPage {
    pub board: BoardSummary,
    /// The viewer may post work (participants of the group) or announcements (moderators).
    pub can_post: bool,
    pub moderates: bool,
    pub posts: Vec<PostCard>,
    pub total: i64,
    pub page: i64,
    pub page_size: i64,
    /// The newest event when the page was read: the live stream starts after it.
    pub last_event: i64,
}

/// One comment on a post.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentItem {
    pub id: CommentId,
    pub parent_id: Option<CommentId>,
    /// Who wrote the comment this one answers (shown when the two are on different pages).
    pub parent_author: Option<String>,
    pub author_name: String,
    /// The author moderates the board (a mentor or an admin): shown with a badge.
    pub by_staff: bool,
    pub revision: i64,
    /// The block (`b3`) the comment is anchored to.
    pub anchor: Option<String>,
    /// Rendered from Markdown and sanitized when saved; empty once hidden.
    pub body_html: String,
    /// A moderator hid it: a placeholder is shown instead of its text.
    pub hidden: bool,
    pub created_at: i64,
}

/// One revision of a post in its history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevisionLink {
    pub number: i64,
    pub created_at: i64,
}

/// A post with the revision asked for, its history and one page of its comments.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostPage {
    pub board: BoardSummary,
    pub post: PostCard,
    /// The revision shown (the current one unless an earlier one was asked for).
    pub shown_revision: i64,
    pub shown_title: String,
    /// The shown revision's sanitized HTML, each top-level block a `div.blok` with an id.
    pub body_html: String,
    pub revisions: Vec<RevisionLink>,
    /// One page of the comments, oldest first: page 1 holds the newest.
    pub comments: Vec<CommentItem>,
    /// The page shown (1: the newest comments).
    pub comment_page: i64,
    /// Comments per page.
    pub comment_page_size: i64,
    /// Comments on the post in all.
    pub comment_total: i64,
    /// The comment the form answers (`?balas=`), when it is on this post: its id and author.
    pub replying_to: Option<(i64, String)>,
    /// The viewer wrote the post (and may revise it while it is not approved).
    pub mine: bool,
    pub moderates: bool,
    pub can_comment: bool,
    /// The statuses a moderator may move the post to now (empty for everyone else).
    pub status_choices: Vec<PostStatus>,
    /// The current revision's Markdown, for the author's revision form.
    pub markdown: Option<String>,
    /// The files the shown revision carries.
    pub attachments: Vec<AttachmentItem>,
    /// The author's upload form, while they may still add files.
    pub attach: Option<AttachForm>,
    /// The author and moderators see the post's rubric scores; other participants do not.
    pub sees_scores: bool,
    /// The post's scores, newest first (empty for those who do not see them).
    pub scores: Vec<ScoreView>,
    /// A moderator's scoring form, when the program has a rubric.
    pub scoring: Option<ScoringForm>,
    pub last_event: i64,
}

/// One attached file as the post page lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentItem {
    pub id: AttachmentId,
    /// The sanitized name the author gave (shown, and offered when downloading).
    pub file_name: String,
    pub size_bytes: i64,
    /// Its kind, as a short label (`PDF`, `DOCX`).
    pub kind_label: String,
    /// The revision it was added with.
    pub revision: i64,
    /// The author may still remove it (it belongs to the current revision).
    pub removable: bool,
}

/// What the upload form tells the author.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachForm {
    /// The `accept` attribute: the name endings of the accepted kinds.
    pub accept: String,
    pub max_megabytes: i64,
    /// Files the post may still take.
    pub remaining: i64,
}

/// A post waiting for its mentor's feedback.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueItem {
    pub post: PostCard,
    pub group_name: String,
    pub cohort_name: String,
    /// Since when it waits: its creation, or its latest revision after a revision request.
    pub waiting_since: i64,
}

pub mod rubrics;
pub use rubrics::*;
