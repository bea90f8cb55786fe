//! `/papan/pos/:id`: one work post. Its body is shown block by block, each with the comments
//! anchored to it; below are the comments on the whole post, threaded. Comments come a page at a
//! time, the newest page first (`?komentar=N` for older pages), so that a long thread neither
//! slows the page nor makes it too large. The author revises the post (earlier revisions stay
//! readable with `?versi=N`); a mentor moves its status and may hide a comment. `?balas=N` and
//! `?bagian=bN` aim the comment form at a comment or a block without JavaScript.

use super::attachments::attachment_section;
use super::scoring::{score_section, scoring_form};
use super::{board_name, live};
use crate::api::boards::post_page;
use crate::components::board_cards::{
    block_thread_id, board_path, comment_item_with, kind_name, post_path, status_badge, thread_id,
    CommentExtras,
};
use crate::components::{
    form_message, loaded, route_id, Field, SelectField, SignedInPage, SubmitButton,
};
use crate::i18n::{use_i18n, I18n};
use crate::islands::EnhancedForm;
use crate::model::boards::{CommentItem, PostPage};
use crate::model::codes::{PostKind, PostStatus};
use crate::model::ids::{CommentId, RubricId};
use crate::model::Role;
use crate::pages::cohorts::common::moment;
use crate::pages::quizzes::authoring_form::{flash_has, text_area, typed_or};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use std::collections::{HashMap, HashSet};

/// A post with its comments and forms.
#[component]
pub fn PostViewPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&Role::ALL title=i.t("board.post_page_title") children=move |_| {
            let post = route_id();
            let query = use_query_map().get_untracked();
            let number = |key: &str| query.get(key).and_then(|v| v.parse::<i64>().ok());
            let revision = number("versi");
            let rubric = query.get("rubrik").and_then(|v| v.parse::<RubricId>().ok());
            let comment_page = number("komentar");
            let reply_to = query.get("balas").and_then(|v| v.parse::<CommentId>().ok());
            let target = Target {
                block: query.get("bagian").filter(|b| is_block_id(b)),
                fresh: number("baru"),
            };
            let data = Resource::new(
                move || (revision, rubric, comment_page, reply_to),
                move |(revision, rubric, comment_page, reply_to)| {
                    post_page(post, revision, rubric, comment_page, reply_to)
                },
            );
            loaded(i, data, move |i, p| post_view(i, p, target.clone()))
        }/>
    }
}

/// What the comment form answers, from the query string (the comment answered, `?balas=`, is
/// looked up by the server: it may be on another page of comments).
#[derive(Clone, Debug, Default)]
struct Target {
    block: Option<String>,
    /// The comment just written (highlighted).
    fresh: Option<i64>,
}

fn is_block_id(text: &str) -> bool {
    text.strip_prefix('b')
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// The sanitized body cut at each top-level block (`<div class="blok" id="bN">`), with its id.
fn blocks(html: &str) -> Vec<(Option<String>, String)> {
    const MARK: &str = "<div class=\"blok\" id=\"";
    let starts: Vec<usize> = html.match_indices(MARK).map(|(at, _)| at).collect();
    if starts.is_empty() {
        return vec![(None, html.to_string())];
    }
    let mut out = Vec::with_capacity(starts.len());
    if starts[0] > 0 {
        out.push((None, html[..starts[0]].to_string()));
    }
    for (n, &start) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(html.len());
        let part = &html[start..end];
        let id = part[MARK.len()..]
            .split('"')
            .next()
            .filter(|id| is_block_id(id))
            .map(str::to_string);
        out.push((id, part.to_string()));
    }
    out
}

/// How the comments of one page are rendered.
#[derive(Clone, Copy)]
struct Threads<'a> {
    i: I18n,
    post: i64,
    current: i64,
    /// The page of comments shown (hiding a comment comes back to it).
    page: i64,
    moderates: bool,
    /// Replies under the comment they answer, when both are on this page.
    replies: &'a HashMap<i64, Vec<&'a CommentItem>>,
}

/// A moderator's button that hides `comment` (a plain form: it works without JavaScript).
fn hide_form(i: I18n, comment: &CommentItem, page: i64) -> AnyView {
    let label = i.t_with("board.hide_comment_of", &[("name", &comment.author_name)]);
    view! {
        <form method="post" action="/api/hide_comment" class="inline">
            <input type="hidden" name="comment_id" value=comment.id.to_string()/>
            <input type="hidden" name="comment_page" value=page.to_string()/>
            <button type="submit" class="link danger" aria-label=label>{i.t("board.hide_comment")}</button>
        </form>
    }
    .into_any()
}

/// Renders `comment` and, under it, its replies on this page (any depth). `top`: it is shown at
/// the top of a thread, so if it answers a comment, that one is on another page.
fn thread(t: Threads<'_>, comment: &CommentItem, top: bool) -> AnyView {
    let nested = t
        .replies
        .get(&comment.id.0)
        .map(|list| {
            list.iter()
                .map(|reply| thread(t, reply, false))
                .collect_view()
                .into_any()
        })
        .unwrap_or_else(|| ().into_any());
    let reply_note = comment
        .parent_author
        .as_deref()
        .filter(|_| top && comment.parent_id.is_some())
        .map(|name| t.i.t_with("board.in_reply_to", &[("name", name)]));
    let extras = CommentExtras {
        reply_note,
        moderation: (t.moderates && !comment.hidden).then(|| hide_form(t.i, comment, t.page)),
    };
    comment_item_with(t.i, t.post, t.current, comment, nested, extras)
}

fn post_view(i: I18n, p: PostPage, target: Target) -> impl IntoView {
    let post = p.post.id;
    let current = p.post.revision;
    let shown = p.shown_revision;
    let parts = blocks(&p.body_html);
    let block_ids: Vec<String> = parts.iter().filter_map(|(id, _)| id.clone()).collect();
    // Replies under their parent when it is on this page; top-level comments under their block
    // (when written on the revision shown) or on the whole post, as are replies whose parent is
    // on another page.
    let on_page: HashSet<CommentId> = p.comments.iter().map(|c| c.id).collect();
    let mut replies: HashMap<i64, Vec<&CommentItem>> = HashMap::new();
    let mut on_block: HashMap<&str, Vec<&CommentItem>> = HashMap::new();
    let mut on_post: Vec<&CommentItem> = Vec::new();
    for c in &p.comments {
        match (c.parent_id, c.anchor.as_deref()) {
            (Some(parent), _) if on_page.contains(&parent) => {
                replies.entry(parent.0).or_default().push(c)
            }
            (Some(_), _) => on_post.push(c),
            (None, Some(block)) if c.revision == shown && block_ids.iter().any(|b| b == block) => {
                on_block.entry(block).or_default().push(c)
            }
            _ => on_post.push(c),
        }
    }
    let may_comment_blocks = p.can_comment && shown == current;
    let t = Threads {
        i,
        post: post.0,
        current,
        page: p.comment_page,
        moderates: p.moderates,
        replies: &replies,
    };
    // Live comments go into the lists of the newest page only: older pages are history.
    let newest = p.comment_page == 1;
    let body = parts
        .iter()
        .map(|(id, html)| {
            let anchored = id.as_deref().map(|block| {
                let list = on_block
                    .get(block)
                    .map(|list| list.iter().map(|c| thread(t, c, true)).collect_view());
                let link = may_comment_blocks.then(|| {
                    let href = format!("{}?bagian={block}#tulis-komentar", post_path(post));
                    view! { <a class="comment-block" href=href>{i.t("board.comment_block")}</a> }
                });
                view! {
                    {link}
                    <ul class="anchored" id=newest.then(|| block_thread_id(post.0, shown, block))>{list}</ul>
                }
            });
            view! { <div class="blok-wrap" inner_html=html.clone()></div> {anchored} }
        })
        .collect_view();
    let general = on_post.iter().map(|c| thread(t, c, true)).collect_view();
    let pager = comment_pager(i, &p);
    let older = (shown != current).then(|| {
        let text = i.t_with("board.older_revision", &[("n", &shown.to_string())]);
        view! { <p class="notice">{text} " " <a href=post_path(post)>{i.t("board.see_current")}</a></p> }
    });
    let history = (p.revisions.len() > 1).then(|| {
        view! {
            <details class="revisions">
                <summary>{i.t("board.history")}</summary>
                <ol>
                    {p.revisions.iter().map(|r| {
                        let label = i.t_with("board.revision_n", &[("n", &r.number.to_string())]);
                        let when = moment(i, r.created_at);
                        let href = format!("{}?versi={}", post_path(post), r.number);
                        let here = (r.number == shown).then_some("page");
                        view! { <li><a href=href aria-current=here>{label}</a> " · " {when}</li> }
                    }).collect_view()}
                </ol>
            </details>
        }
    });
    let status_form =
        (!p.status_choices.is_empty()).then(|| status_form(i, post.0, &p.status_choices));
    let revise = (p.mine && p.post.status != PostStatus::Approved)
        .then(|| {
            p.markdown
                .clone()
                .map(|md| revise_form(i, post.0, p.post.title.clone(), md))
        })
        .flatten();
    let comment_form = p.can_comment.then(|| comment_form(i, &p, &target));
    let fresh = target.fresh.map(|id| format!("#k-{id}"));
    let board = p.board.id;
    view! {
        <section class="panel post">
            <p><a href=board_path(board)>{board_name(i, &p.board)}</a></p>
            <h1>{p.shown_title.clone()}</h1>
            <p class="meta">
                <span>{kind_name(i, p.post.kind)}</span>
                " · "
                <span>{p.post.author_name.clone()}</span>
                " · "
                <span>{moment(i, p.post.created_at)}</span>
                " · "
                <span>{i.t_with("board.revision_n", &[("n", &shown.to_string())])}</span>
            </p>
            {(p.post.kind != PostKind::Announcement).then(|| view! {
                <p><span id=format!("status-{post}")>{status_badge(i, p.post.status)}</span></p>
            })}
            <p class="notice" id=format!("versi-baru-{post}") hidden=true>
                {i.t("board.new_version")} " " <a href=post_path(post)>{i.t("board.reload")}</a>
            </p>
            {older}
            {live(i, board.0, p.last_event)}
            <div class="post-body">{body}</div>
            {history}
        </section>
        {attachment_section(i, &p)}
        {score_section(i, &p)}
        {status_form}
        {scoring_form(i, &p)}
        {revise}
        <section class="panel" id="komentar">
            <h2>{i.t("board.comments")}</h2>
            {pager.older}
            <p class="empty" id=format!("{}-kosong", thread_id(post.0)) hidden=p.comment_total > 0>{i.t("board.no_comments")}</p>
            <ul class="thread" id=newest.then(|| thread_id(post.0)) data-fresh=fresh aria-live="polite" aria-relevant="additions">{general}</ul>
            {pager.newer}
        </section>
        {comment_form}
    }
}

/// The links to older and newer pages of comments.
struct Pager {
    older: Option<AnyView>,
    newer: Option<AnyView>,
}

fn comment_pager(i: I18n, p: &PostPage) -> Pager {
    let page = p.comment_page;
    let size = p.comment_page_size.max(1);
    let total = p.comment_total;
    let href = |n: i64| {
        let mut query = Vec::new();
        if p.shown_revision != p.post.revision {
            query.push(format!("versi={}", p.shown_revision));
        }
        if n > 1 {
            query.push(format!("komentar={n}"));
        }
        let query = if query.is_empty() {
            String::new()
        } else {
            format!("?{}", query.join("&"))
        };
        format!("{}{query}#komentar", post_path(p.post.id))
    };
    let older_count = (total - page * size).max(0);
    let older = (total > size).then(|| {
        let shown_from = total - (page * size).min(total) + 1;
        let shown_to = total - (page - 1) * size;
        let range = i.t_with(
            "board.comments_range",
            &[
                ("from", &shown_from.to_string()),
                ("to", &shown_to.to_string()),
                ("total", &total.to_string()),
            ],
        );
        let link = (older_count > 0).then(|| {
            let label = i.t_with("board.older_comments", &[("n", &older_count.to_string())]);
            view! { " " <a href=href(page + 1) rel="prev">{label}</a> }
        });
        view! { <p class="pager"><span class="meta">{range}</span>{link}</p> }.into_any()
    });
    let newer = (page > 1).then(|| {
        view! {
            <p class="pager">
                <a href=href(page - 1) rel="next">{i.t("board.newer_comments")}</a>
                " · "
                <a href=href(1)>{i.t("board.newest_comments")}</a>
            </p>
        }
        .into_any()
    });
    Pager { older, newer }
}

fn comment_form(i: I18n, p: &PostPage, target: &Target) -> impl IntoView {
    let post = p.post.id;
    let show = flash_has("anchor");
    let parent = p.replying_to.as_ref().map(|(id, _)| *id);
    let block = target
        .block
        .clone()
        .filter(|_| p.shown_revision == p.post.revision);
    let aim = match (&p.replying_to, &block) {
        (Some((_, who)), _) => Some(i.t_with("board.replying_to", &[("name", who)])),
        (None, Some(b)) => Some(i.t_with(
            "board.commenting_block",
            &[("n", b.trim_start_matches('b'))],
        )),
        _ => None,
    };
    view! {
        <section class="panel narrow" id="tulis-komentar">
            <h2>{i.t("board.write_comment")}</h2>
            {aim.map(|text| view! {
                <p class="notice">{text} " " <a href=format!("{}#tulis-komentar", post_path(post))>{i.t("board.cancel_aim")}</a></p>
            })}
            <EnhancedForm action="/api/add_comment".to_string() busy_label=i.t("form.busy") offline_message=i.t("form.offline")>
                {form_message(show)}
                <input type="hidden" name="post_id" value=post.to_string()/>
                <input type="hidden" name="parent_id" value=parent.map(|p| p.to_string()).unwrap_or_default()/>
                <input type="hidden" name="anchor" value=block.unwrap_or_default()/>
                {text_area("body", i.t("board.comment"), Some(i.t("board.comment_hint")), typed_or("post_id", "body", String::new()), 4, show)}
                <SubmitButton label=i.t("board.comment_submit")/>
            </EnhancedForm>
        </section>
    }
}

fn status_form(i: I18n, post: i64, choices: &[PostStatus]) -> impl IntoView {
    let options: Vec<(String, String)> = choices
        .iter()
        .map(|c| (c.to_string(), i.t(&format!("board.set.{c}"))))
        .collect();
    view! {
        <section class="panel narrow">
            <h2>{i.t("board.review")}</h2>
            <EnhancedForm action="/api/set_post_status".to_string() busy_label=i.t("form.busy") offline_message=i.t("form.offline")>
                {form_message(flash_has("status"))}
                <input type="hidden" name="post_id" value=post.to_string()/>
                <SelectField name="status" label=i.t("board.new_status") options/>
                <SubmitButton label=i.t("board.status_submit")/>
            </EnhancedForm>
        </section>
    }
}

fn revise_form(i: I18n, post: i64, title: String, markdown: String) -> impl IntoView {
    let show = flash_has("title");
    view! {
        <section class="panel narrow">
            <details open=show>
                <summary><h2>{i.t("board.revise")}</h2></summary>
                <p class="lead">{i.t("board.revise_lead")}</p>
                <EnhancedForm action="/api/revise_post".to_string() busy_label=i.t("form.busy") offline_message=i.t("form.offline")>
                    {form_message(show)}
                    <input type="hidden" name="post_id" value=post.to_string()/>
                    <Field name="title" label=i.t("board.post_title") value=title required=true/>
                    {text_area("body", i.t("board.body"), Some(i.t("board.body_hint")), typed_or("title", "body", markdown), 12, show)}
                    <SubmitButton label=i.t("board.revise_submit")/>
                </EnhancedForm>
            </details>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_body_is_cut_at_each_block_with_its_id() {
        let html = "<div class=\"blok\" id=\"b1\"><p>a</p></div>\n<div class=\"blok\" id=\"b2\"><ul><li>b</li></ul></div>\n";
        let parts = blocks(html);
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].0.as_deref(), Some("b1"));
        assert_eq!(parts[1].0.as_deref(), Some("b2"));
        assert_eq!(
            parts.iter().map(|(_, h)| h.as_str()).collect::<String>(),
            html
        );
        assert_eq!(blocks("<p>x</p>"), vec![(None, "<p>x</p>".to_string())]);
        assert!(
            is_block_id("b12") && !is_block_id("b") && !is_block_id("x1") && !is_block_id("b1\"")
        );
    }
}
