//! `/papan/pos/:id`: one work post. Its body is shown block by block, each with the comments
//! anchored to it; below are the comments on the whole post, threaded. The author revises it
//! (earlier revisions stay readable with `?versi=N`); a mentor moves its status. `?balas=N` and
//! `?bagian=bN` aim the comment form at a comment or a block without JavaScript.

use super::attachments::attachment_section;
use super::parts::{
    block_thread_id, board_path, comment_item, kind_name, post_path, status_badge, thread_id,
};
use super::scoring::{score_section, scoring_form};
use super::{board_name, live};
use crate::api::boards::{post_page, CommentItem, PostPage};
use crate::components::{load_problem, route_id};
use crate::components::{Field, Layout, RequireRole, SelectField, SubmitButton};
use crate::i18n::{use_i18n, I18n};
use crate::islands::EnhancedForm;
use crate::model::Role;
use crate::pages::cohorts::common::moment;
use crate::pages::quizzes::authoring_form::{flash, flash_has, text_area, typed_or};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use std::collections::HashMap;

/// A post with its comments and forms.
#[component]
pub fn PostViewPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <Layout>
            <Title text=i.t("board.post_page_title")/>
            <RequireRole roles=&Role::ALL children=move |_| {
                let post = route_id();
                let query = use_query_map().get_untracked();
                let number = |key: &str| query.get(key).and_then(|v| v.parse::<i64>().ok());
                let revision = number("versi");
                let rubric = number("rubrik");
                let target = Target {
                    parent: number("balas"),
                    block: query.get("bagian").filter(|b| is_block_id(b)),
                    fresh: number("baru"),
                };
                let data = Resource::new(
                    move || (revision, rubric),
                    move |(revision, rubric)| post_page(post, revision, rubric),
                );
                view! {
                    <Suspense fallback=move || view! { <p>{i.t("form.loading")}</p> }>
                        {move || {
                            let target = target.clone();
                            Suspend::new(async move {
                                match data.await {
                                    Ok(p) => Either::Left(post_view(i, p, target)),
                                    Err(e) => Either::Right(load_problem(e)),
                                }
                            })
                        }}
                    </Suspense>
                }
            }/>
        </Layout>
    }
}

/// What the comment form answers, from the query string.
#[derive(Clone, Debug, Default)]
struct Target {
    parent: Option<i64>,
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

/// Renders `comment` and, under it, its replies (any depth).
fn thread(
    i: I18n,
    post: i64,
    current: i64,
    comment: &CommentItem,
    replies: &HashMap<i64, Vec<&CommentItem>>,
) -> AnyView {
    let nested = replies
        .get(&comment.id)
        .map(|list| {
            list.iter()
                .map(|reply| thread(i, post, current, reply, replies))
                .collect_view()
                .into_any()
        })
        .unwrap_or_else(|| ().into_any());
    comment_item(i, post, current, comment, nested)
}

fn post_view(i: I18n, p: PostPage, target: Target) -> impl IntoView {
    let post = p.post.id;
    let current = p.post.revision;
    let shown = p.shown_revision;
    let parts = blocks(&p.body_html);
    let block_ids: Vec<String> = parts.iter().filter_map(|(id, _)| id.clone()).collect();
    // Replies under their parent; top-level comments under their block (when written on the
    // revision shown) or on the whole post.
    let mut replies: HashMap<i64, Vec<&CommentItem>> = HashMap::new();
    let mut on_block: HashMap<&str, Vec<&CommentItem>> = HashMap::new();
    let mut on_post: Vec<&CommentItem> = Vec::new();
    for c in &p.comments {
        match (c.parent_id, c.anchor.as_deref()) {
            (Some(parent), _) => replies.entry(parent).or_default().push(c),
            (None, Some(block)) if c.revision == shown && block_ids.iter().any(|b| b == block) => {
                on_block.entry(block).or_default().push(c)
            }
            _ => on_post.push(c),
        }
    }
    let may_comment_blocks = p.can_comment && shown == current;
    let body = parts
        .iter()
        .map(|(id, html)| {
            let anchored = id.as_deref().map(|block| {
                let list = on_block.get(block).map(|list| {
                    list.iter()
                        .map(|c| thread(i, post, current, c, &replies))
                        .collect_view()
                });
                let link = may_comment_blocks.then(|| {
                    let href = format!("{}?bagian={block}#tulis-komentar", post_path(post));
                    view! { <a class="comment-block" href=href>{i.t("board.comment_block")}</a> }
                });
                view! {
                    {link}
                    <ul class="anchored" id=block_thread_id(post, shown, block)>{list}</ul>
                }
            });
            view! { <div class="blok-wrap" inner_html=html.clone()></div> {anchored} }
        })
        .collect_view();
    let general = on_post
        .iter()
        .map(|c| thread(i, post, current, c, &replies))
        .collect_view();
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
        (!p.status_choices.is_empty()).then(|| status_form(i, post, &p.status_choices));
    let revise = (p.mine && p.post.status != "approved")
        .then(|| {
            p.markdown
                .clone()
                .map(|md| revise_form(i, post, p.post.title.clone(), md))
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
                <span>{kind_name(i, &p.post.kind)}</span>
                " · "
                <span>{p.post.author_name.clone()}</span>
                " · "
                <span>{moment(i, p.post.created_at)}</span>
                " · "
                <span>{i.t_with("board.revision_n", &[("n", &shown.to_string())])}</span>
            </p>
            {(p.post.kind != "announcement").then(|| view! {
                <p><span id=format!("status-{post}")>{status_badge(i, &p.post.status)}</span></p>
            })}
            <p class="notice" id=format!("versi-baru-{post}") hidden=true>
                {i.t("board.new_version")} " " <a href=post_path(post)>{i.t("board.reload")}</a>
            </p>
            {older}
            {live(i, board, p.last_event)}
            <div class="post-body">{body}</div>
            {history}
        </section>
        {attachment_section(i, &p)}
        {score_section(i, &p)}
        {status_form}
        {scoring_form(i, &p)}
        {revise}
        <section class="panel">
            <h2>{i.t("board.comments")}</h2>
            <p class="empty" id=format!("{}-kosong", thread_id(post)) hidden=!p.comments.is_empty()>{i.t("board.no_comments")}</p>
            <ul class="thread" id=thread_id(post) data-fresh=fresh>{general}</ul>
        </section>
        {comment_form}
    }
}

fn comment_form(i: I18n, p: &PostPage, target: &Target) -> impl IntoView {
    let post = p.post.id;
    let show = flash_has("anchor");
    let parent = target
        .parent
        .filter(|id| p.comments.iter().any(|c| c.id == *id));
    let block = target
        .block
        .clone()
        .filter(|_| p.shown_revision == p.post.revision);
    let aim = match (&parent, &block) {
        (Some(id), _) => {
            let who = p
                .comments
                .iter()
                .find(|c| c.id == *id)
                .map(|c| c.author_name.clone())
                .unwrap_or_default();
            Some(i.t_with("board.replying_to", &[("name", &who)]))
        }
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

/// The form-level message slot, holding the flash's message when `mine` (the flash came from
/// this form: a page has several).
pub(super) fn form_message(mine: bool) -> impl IntoView {
    let message = flash()
        .and_then(|f| f.error)
        .filter(|_| mine)
        .map(|e| e.message);
    view! { <p class="form-error" data-error-for="_form" role="alert">{message}</p> }
}

fn status_form(i: I18n, post: i64, choices: &[String]) -> impl IntoView {
    let options: Vec<(String, String)> = choices
        .iter()
        .map(|c| (c.clone(), i.t(&format!("board.set.{c}"))))
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
