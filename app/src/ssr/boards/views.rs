//! What the board pages read: the boards a user sees (made on first sight), a board's posts, one
//! post with its revisions and a page of its comments, and a mentor's queue of posts waiting for
//! feedback.

use crate::model::boards::{
    AttachForm, AttachmentItem, BoardSummary, CommentItem, PostCard, QueueItem, RevisionLink,
};
use crate::model::{CurrentUser, Role};
use crate::ssr::db::Db;
use crate::ssr::institutions::SCOPE_CTE;

/// The SQL that picks a user's cohorts and groups. `$1` is the user (or, for an admin, the root
/// of their scope); every statement built from it starts with `prefix`.
struct Reach {
    prefix: &'static str,
    /// Cohorts whose announcement board the user sees: one column, named `cohort_id` (the board
    /// statements select `x.cohort_id` from it).
    cohorts: &'static str,
    /// Groups whose board the user sees.
    groups: &'static str,
}

fn reach(user: &CurrentUser) -> Option<(Reach, i64)> {
    match user.role {
        Role::Participant => Some((
            Reach {
                prefix: "",
                cohorts:
                    "select cohort_id from enrolment where user_id = $1 and status = 'approved'",
                groups:
                    "select group_id from enrolment where user_id = $1 and status = 'approved' \
                         and group_id is not null",
            },
            user.id.0,
        )),
        Role::Mentor => Some((
            Reach {
                prefix: "",
                cohorts: "select cohort_id from cohort_mentor where user_id = $1 \
                          union select cohort_id from mentor_group where mentor_id = $1",
                groups: "select id from mentor_group where mentor_id = $1",
            },
            user.id.0,
        )),
        Role::Admin => user.institution_id.map(|root| {
            (
                Reach {
                    prefix: SCOPE_CTE,
                    cohorts: "select c.id as cohort_id from cohort c \
                              join program p on p.id = c.program_id \
                              where p.organizer_id in (select id from scope)",
                    groups: "select g.id from mentor_group g join cohort c on c.id = g.cohort_id \
                             join program p on p.id = c.program_id \
                             where p.organizer_id in (select id from scope)",
                },
                root.0,
            )
        }),
    }
}

/// The columns of a [`BoardSummary`], for the viewer `$2`.
const SUMMARY_COLUMNS: &str = "b.id, b.cohort_id, c.name, p.title, g.name, \
     (select count(*) from work_post w where w.board_id = b.id), \
     (select count(*) from board_event e where e.board_id = b.id and e.actor_id <> $2 \
      and e.id > coalesce((select r.last_event_id from board_read r where r.board_id = b.id \
      and r.user_id = $2), 0))";
const SUMMARY_JOINS: &str = "from board b join cohort c on c.id = b.cohort_id \
     join program p on p.id = c.program_id left join mentor_group g on g.id = b.group_id";

type SummaryRow = (i64, i64, String, String, Option<String>, i64, i64);

fn summary(
    (id, cohort_id, cohort_name, program_title, group_name, posts, unread): SummaryRow,
) -> BoardSummary {
    BoardSummary {
        id: crate::model::ids::BoardId(id),
        cohort_id: crate::model::ids::CohortId(cohort_id),
        cohort_name,
        program_title,
        group_name,
        posts,
        unread,
    }
}

/// Every board `user` sees, announcement boards first within a cohort, newest cohort first. The
/// boards of their cohorts and groups are made here if they do not exist yet (up to `limit`).
pub async fn boards_of(
    db: &Db,
    user: &CurrentUser,
    now: i64,
    limit: i64,
) -> Result<Vec<BoardSummary>, sqlx::Error> {
    let Some((reach, subject)) = reach(user) else {
        return Ok(Vec::new());
    };
    let Reach {
        prefix,
        cohorts,
        groups,
    } = reach;
    // `where true` keeps SQLite from reading `on conflict` as part of the select.
    sqlx::query(&format!(
        "{prefix} insert into board (cohort_id, group_id, created_at) \
         select x.cohort_id, null, $2 from ({cohorts}) x where true \
         on conflict (cohort_id) where group_id is null do nothing"
    ))
    .bind(subject)
    .bind(now)
    .execute(db)
    .await?;
    sqlx::query(&format!(
        "{prefix} insert into board (cohort_id, group_id, created_at) \
         select mg.cohort_id, mg.id, $2 from mentor_group mg where mg.id in ({groups}) \
         on conflict (group_id) where group_id is not null do nothing"
    ))
    .bind(subject)
    .bind(now)
    .execute(db)
    .await?;
    let rows: Vec<SummaryRow> = sqlx::query_as(&format!(
        "{prefix} select {SUMMARY_COLUMNS} {SUMMARY_JOINS} \
         where (b.group_id is null and b.cohort_id in ({cohorts})) or b.group_id in ({groups}) \
         order by b.cohort_id desc, b.group_id is not null, g.name limit $3"
    ))
    .bind(subject)
    .bind(user.id.0)
    .bind(limit)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(summary).collect())
}

/// How many events by others `user` has not seen on all their boards, counted up to `cap` (the
/// navigation shows "99+" beyond). Boards not made yet have no events, so nothing is made here.
pub async fn unread_total(db: &Db, user: &CurrentUser, cap: i64) -> Result<i64, sqlx::Error> {
    let Some((reach, subject)) = reach(user) else {
        return Ok(0);
    };
    let Reach {
        prefix,
        cohorts,
        groups,
    } = reach;
    let (n,): (i64,) = sqlx::query_as(&format!(
        "{prefix} select count(*) from (select 1 from board_event e join board b on b.id = e.board_id \
         where ((b.group_id is null and b.cohort_id in ({cohorts})) or b.group_id in ({groups})) \
         and e.actor_id <> $2 and e.id > coalesce((select r.last_event_id from board_read r \
         where r.board_id = b.id and r.user_id = $2), 0) limit $3) unread"
    ))
    .bind(subject)
    .bind(user.id.0)
    .bind(cap)
    .fetch_one(db)
    .await?;
    Ok(n)
}

/// The navigation's count: `unread_total`, less the unread events of the board being viewed
/// (its page marks it read as it renders).
pub async fn unread_for_navigation(
    db: &Db,
    user: &CurrentUser,
    cap: i64,
    viewing: Option<i64>,
) -> Result<i64, sqlx::Error> {
    let total = unread_total(db, user, cap).await?;
    match viewing {
        Some(board) => Ok((total - super::events::unread(db, board, user.id.0).await?).max(0)),
        None => Ok(total),
    }
}

/// Board `board` as `viewer` sees it in lists.
pub async fn board_summary(
    db: &Db,
    board: i64,
    viewer: i64,
) -> Result<Option<BoardSummary>, sqlx::Error> {
    let row: Option<SummaryRow> = sqlx::query_as(&format!(
        "select {SUMMARY_COLUMNS} {SUMMARY_JOINS} where b.id = $1"
    ))
    .bind(board)
    .bind(viewer)
    .fetch_optional(db)
    .await?;
    Ok(row.map(summary))
}

/// The columns of a [`PostCard`] over `work_post w` joined to its author `u`.
const CARD_COLUMNS: &str = "w.id, w.board_id, w.title, w.kind, w.status, u.name as author_name, \
     w.revision, (select count(*) from post_comment k where k.post_id = w.id) as comments, \
     w.created_at, w.updated_at";
const CARD_FROM: &str = "from work_post w join app_user u on u.id = w.author_id";

#[derive(sqlx::FromRow)]
struct CardRow {
    id: i64,
    board_id: i64,
    title: String,
    kind: crate::model::codes::PostKind,
    status: crate::model::codes::PostStatus,
    author_name: String,
    revision: i64,
    comments: i64,
    created_at: i64,
    updated_at: i64,
}

impl From<CardRow> for PostCard {
    fn from(r: CardRow) -> Self {
        PostCard {
            id: crate::model::ids::PostId(r.id),
            board_id: crate::model::ids::BoardId(r.board_id),
            title: r.title,
            kind: r.kind,
            status: r.status,
            author_name: r.author_name,
            revision: r.revision,
            comments: r.comments,
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }
}

/// One page of the posts of `board`, latest activity first, and how many there are.
pub async fn posts(
    db: &Db,
    board: i64,
    limit: i64,
    offset: i64,
) -> Result<(Vec<PostCard>, i64), sqlx::Error> {
    let rows: Vec<CardRow> = sqlx::query_as(&format!(
        "select {CARD_COLUMNS} {CARD_FROM} where w.board_id = $1 \
         order by w.updated_at desc, w.id desc limit $2 offset $3"
    ))
    .bind(board)
    .bind(limit)
    .bind(offset)
    .fetch_all(db)
    .await?;
    let (total,): (i64,) = sqlx::query_as("select count(*) from work_post where board_id = $1")
        .bind(board)
        .fetch_one(db)
        .await?;
    Ok((rows.into_iter().map(PostCard::from).collect(), total))
}

/// The card of post `post`.
pub async fn card(db: &Db, post: i64) -> Result<Option<PostCard>, sqlx::Error> {
    let row: Option<CardRow> = sqlx::query_as(&format!(
        "select {CARD_COLUMNS} {CARD_FROM} where w.id = $1"
    ))
    .bind(post)
    .fetch_optional(db)
    .await?;
    Ok(row.map(PostCard::from))
}

/// The newest event id of `board` (0 when none).
pub async fn last_event(db: &Db, board: i64) -> Result<i64, sqlx::Error> {
    let (id,): (Option<i64>,) =
        sqlx::query_as("select max(id) from board_event where board_id = $1")
            .bind(board)
            .fetch_one(db)
            .await?;
    Ok(id.unwrap_or(0))
}

/// A revision's title, Markdown and sanitized HTML.
pub async fn revision(
    db: &Db,
    post: i64,
    number: i64,
) -> Result<Option<(String, String, String)>, sqlx::Error> {
    sqlx::query_as(
        "select title, body_markdown, body_html from post_revision \
         where post_id = $1 and number = $2",
    )
    .bind(post)
    .bind(number)
    .fetch_optional(db)
    .await
}

/// The revisions of `post`, first to last.
pub async fn revisions(db: &Db, post: i64) -> Result<Vec<RevisionLink>, sqlx::Error> {
    let rows: Vec<(i64, i64)> = sqlx::query_as(
        "select number, created_at from post_revision where post_id = $1 order by number",
    )
    .bind(post)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(number, created_at)| RevisionLink { number, created_at })
        .collect())
}

#[derive(sqlx::FromRow)]
struct CommentRow {
    id: i64,
    parent_id: Option<i64>,
    parent_author: Option<String>,
    author_name: String,
    author_role: String,
    revision: i64,
    anchor: Option<String>,
    body_html: String,
    hidden_at: Option<i64>,
    created_at: i64,
}

impl From<CommentRow> for CommentItem {
    fn from(r: CommentRow) -> Self {
        CommentItem {
            id: crate::model::ids::CommentId(r.id),
            parent_id: r.parent_id.map(crate::model::ids::CommentId),
            parent_author: r.parent_author,
            author_name: r.author_name,
            by_staff: r.author_role != Role::Participant.code(),
            revision: r.revision,
            anchor: r.anchor,
            body_html: r.body_html,
            hidden: r.hidden_at.is_some(),
            created_at: r.created_at,
        }
    }
}

/// A hidden comment's text never leaves the database: its body reads as empty.
const COMMENT_SELECT: &str = "select k.id, k.parent_id, pu.name as parent_author, \
     u.name as author_name, u.role as author_role, k.revision, k.anchor, \
     case when k.hidden_at is null then k.body_html else '' end as body_html, k.hidden_at, \
     k.created_at from post_comment k join app_user u on u.id = k.author_id \
     left join post_comment pk on pk.id = k.parent_id left join app_user pu on pu.id = pk.author_id";

/// One page of the comments on `post`: the `limit` comments after skipping the `offset` newest
/// ones, oldest first.
pub async fn comments_page(
    db: &Db,
    post: i64,
    limit: i64,
    offset: i64,
) -> Result<Vec<CommentItem>, sqlx::Error> {
    let rows: Vec<CommentRow> = sqlx::query_as(&format!(
        "{COMMENT_SELECT} where k.post_id = $1 order by k.id desc limit $2 offset $3"
    ))
    .bind(post)
    .bind(limit)
    .bind(offset)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().rev().map(CommentItem::from).collect())
}

/// Comment `id`.
pub async fn comment(db: &Db, id: i64) -> Result<Option<CommentItem>, sqlx::Error> {
    let row: Option<CommentRow> = sqlx::query_as(&format!("{COMMENT_SELECT} where k.id = $1"))
        .bind(id)
        .fetch_optional(db)
        .await?;
    Ok(row.map(CommentItem::from))
}

/// Comment `id` if it is on `post`.
pub async fn comment_on_post(
    db: &Db,
    post: i64,
    id: i64,
) -> Result<Option<CommentItem>, sqlx::Error> {
    let row: Option<CommentRow> = sqlx::query_as(&format!(
        "{COMMENT_SELECT} where k.id = $1 and k.post_id = $2"
    ))
    .bind(id)
    .bind(post)
    .fetch_optional(db)
    .await?;
    Ok(row.map(CommentItem::from))
}

/// How many comments on `post` are newer than comment `id` (which page shows it).
pub async fn comments_newer_than(db: &Db, post: i64, id: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("select count(*) from post_comment where post_id = $1 and id > $2")
        .bind(post)
        .bind(id)
        .fetch_one(db)
        .await
}

#[derive(sqlx::FromRow)]
struct QueueRow {
    #[sqlx(flatten)]
    card: CardRow,
    group_name: String,
    cohort_name: String,
}

/// Posts on the boards of `mentor`'s groups waiting for feedback (submitted or revised), the
/// longest waiting first.
pub async fn queue(db: &Db, mentor: i64, limit: i64) -> Result<Vec<QueueItem>, sqlx::Error> {
    let rows: Vec<QueueRow> = sqlx::query_as(&format!(
        "select {CARD_COLUMNS}, g.name as group_name, c.name as cohort_name {CARD_FROM} \
         join board b on b.id = w.board_id join mentor_group g on g.id = b.group_id \
         join cohort c on c.id = b.cohort_id \
         where g.mentor_id = $1 and w.status in ('submitted', 'revised') \
         order by w.updated_at, w.id limit $2"
    ))
    .bind(mentor)
    .bind(limit)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| QueueItem {
            waiting_since: r.card.updated_at,
            post: r.card.into(),
            group_name: r.group_name,
            cohort_name: r.cohort_name,
        })
        .collect())
}

/// The files revision `shown` of a post carries; those of the `current` revision are removable
/// when `author_may_change`.
pub async fn attachments(
    db: &Db,
    post: i64,
    shown: i64,
    current: i64,
    author_may_change: bool,
) -> Result<Vec<AttachmentItem>, sqlx::Error> {
    use super::files::ACCEPTED;
    let rows = super::files::of_revision(db, post, shown).await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let kind_label = ACCEPTED
                .iter()
                .find(|k| k.mime == row.content_type)
                .map(|k| k.extensions[0].to_ascii_uppercase())
                .unwrap_or_default();
            AttachmentItem {
                id: crate::model::ids::AttachmentId(row.id),
                removable: author_may_change && row.revision == current && shown == current,
                file_name: row.file_name,
                size_bytes: row.size_bytes,
                kind_label,
                revision: row.revision,
            }
        })
        .collect())
}

/// The upload form's limits for a post that already has `attached` files.
pub fn attach_form(attached: i64) -> AttachForm {
    use super::files::{accept_attribute, MAX_ATTACHMENTS_PER_POST, MAX_ATTACHMENT_BYTES};
    AttachForm {
        accept: accept_attribute(),
        max_megabytes: (MAX_ATTACHMENT_BYTES / (1024 * 1024)) as i64,
        remaining: (MAX_ATTACHMENTS_PER_POST - attached).max(0),
    }
}
