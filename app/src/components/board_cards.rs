//! The pieces of board pages that live events also carry: a post's card, its status badge and one
//! comment with its replies. The board pages and the live stream (`ssr::boards::live`) render
//! these same functions, so a comment that arrives live looks exactly like one rendered with the
//! page.

use super::dates::moment;
use crate::i18n::I18n;
use crate::model::boards::{CommentItem, PostCard};
use crate::model::codes::{PostKind, PostStatus};
use crate::model::{BoardId, PostId};
use leptos::prelude::*;

/// The path of a post's page.
pub fn post_path(post: PostId) -> String {
    format!("/papan/pos/{post}")
}

/// The path of a board's page.
pub fn board_path(board: BoardId) -> String {
    format!("/papan/{board}")
}

/// A post's review status as a coloured label.
pub fn status_badge(i: I18n, status: PostStatus) -> impl IntoView {
    let class = format!("badge post-{status}");
    view! { <span class=class>{i.t(&format!("board.status.{status}"))}</span> }
}

/// The name of a work kind.
pub fn kind_name(i: I18n, kind: PostKind) -> String {
    i.t(&format!("board.kind.{kind}"))
}

/// One post in a board's list; its id `pos-N` is what live events replace.
pub fn post_card(i: I18n, card: &PostCard) -> impl IntoView {
    let id = format!("pos-{}", card.id);
    let comments = i.t_with("board.comment_count", &[("n", &card.comments.to_string())]);
    let revision = (card.revision > 1)
        .then(|| i.t_with("board.revision_n", &[("n", &card.revision.to_string())]));
    view! {
        <li id=id class="post-card">
            <a class="post-title" href=post_path(card.id)>{card.title.clone()}</a>
            <p class="meta">
                <span>{kind_name(i, card.kind)}</span>
                " · "
                <span>{card.author_name.clone()}</span>
                " · "
                <span>{moment(i, card.created_at)}</span>
            </p>
            <p class="meta">
                {(card.kind != PostKind::Announcement).then(|| status_badge(i, card.status))}
                " "
                <span>{comments}</span>
                {revision.map(|r| view! { " · " <span>{r}</span> })}
            </p>
        </li>
    }
}

/// The list holding the replies to comment `id` (live replies are added to it).
pub fn replies_id(comment: i64) -> String {
    format!("k-{comment}-balasan")
}

/// The list holding a post's comments on the whole post.
pub fn thread_id(post: i64) -> String {
    format!("p{post}-komentar")
}

/// The list holding the comments anchored to block `block` of revision `revision` of a post.
pub fn block_thread_id(post: i64, revision: i64, block: &str) -> String {
    format!("p{post}-r{revision}-{block}-komentar")
}

/// The id of a comment's text (a hidden comment's text is replaced by its placeholder live).
pub fn comment_body_id(comment: i64) -> String {
    format!("k-{comment}-isi")
}

/// A comment's text, or the placeholder of a comment a moderator hid.
pub fn comment_body(i: I18n, comment: &CommentItem) -> AnyView {
    let id = comment_body_id(comment.id.0);
    if comment.hidden {
        view! {
            <div class="comment-body hidden-comment" id=id>
                <p><em>{i.t("board.comment_hidden")}</em></p>
            </div>
        }
        .into_any()
    } else {
        view! { <div class="comment-body" id=id inner_html=comment.body_html.clone()></div> }
            .into_any()
    }
}

/// What a page adds to a comment beyond what the live stream (one rendering for every viewer)
/// carries.
#[derive(Default)]
pub struct CommentExtras {
    /// "In reply to X", for a reply shown apart from the comment it answers (another page).
    pub reply_note: Option<String>,
    /// A moderator's controls (hiding the comment).
    pub moderation: Option<AnyView>,
}

/// One comment and, nested under it, `replies` (already rendered), as the live stream renders it
/// for every viewer alike.
#[cfg(feature = "ssr")]
pub fn comment_item(
    i: I18n,
    post: i64,
    current_revision: i64,
    comment: &CommentItem,
    replies: AnyView,
) -> AnyView {
    comment_item_with(
        i,
        post,
        current_revision,
        comment,
        replies,
        CommentExtras::default(),
    )
}

/// [`comment_item`] with what only the page shows.
pub fn comment_item_with(
    i: I18n,
    post: i64,
    current_revision: i64,
    comment: &CommentItem,
    replies: AnyView,
    extras: CommentExtras,
) -> AnyView {
    let id = format!("k-{}", comment.id);
    let class = if comment.by_staff {
        "comment staff"
    } else {
        "comment"
    };
    let older = (comment.revision != current_revision)
        .then(|| i.t_with("board.on_revision", &[("n", &comment.revision.to_string())]));
    let reply = format!(
        "{}?balas={}#tulis-komentar",
        post_path(PostId(post)),
        comment.id
    );
    view! {
        <li id=id class=class>
            <p class="meta">
                <strong>{comment.author_name.clone()}</strong>
                {comment.by_staff.then(|| view! { " " <span class="badge staff">{i.t("board.staff")}</span> })}
                " · "
                <span>{moment(i, comment.created_at)}</span>
                {older.map(|o| view! { " · " <span>{o}</span> })}
                {extras.reply_note.map(|note| view! { " · " <span>{note}</span> })}
            </p>
            {comment_body(i, comment)}
            <a class="reply" href=reply>{i.t("board.reply")}</a>
            {extras.moderation}
            <ul class="replies" id=replies_id(comment.id.0)>{replies}</ul>
        </li>
    }
    .into_any()
}
