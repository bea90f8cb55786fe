//! `/papan/:id`: one board, its newest posts and the form to post work (or, for its mentor, an
//! announcement). New posts and changes by others appear live.

use super::{board_name, live};
use crate::api::boards::board_page;
use crate::components::board_cards::{board_path, kind_name, post_card};
use crate::components::{
    loaded, page_count, pager, route_id, Field, FormMessage, SelectField, SignedInPage,
    SubmitButton,
};
use crate::i18n::{use_i18n, I18n};
use crate::islands::EnhancedForm;
use crate::model::boards::BoardPage;
use crate::model::codes::PostKind;
use crate::model::Role;
use crate::pages::quizzes::authoring_form::{flash_has, text_area, typed_or};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// A board with its posts.
#[component]
pub fn BoardViewPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&Role::ALL title=i.t("board.title") children=move |_| {
            let board = route_id();
            let page = use_query_map().get_untracked().get("hal").and_then(|p| p.parse::<i64>().ok());
            let data = Resource::new(move || page, move |page| board_page(board, page));
            loaded(i, data, board_view)
        }/>
    }
}

fn board_view(i: I18n, b: BoardPage) -> impl IntoView {
    let id = b.board.id;
    let name = board_name(i, &b.board);
    let nav = pager(i, b.page, page_count(b.total, b.page_size), move |n| {
        format!("{}?hal={n}", board_path(id))
    });
    let form = b.can_post.then(|| post_form(i, id.0, b.moderates));
    let empty = b.posts.is_empty();
    view! {
        <section class="panel">
            <p><a href="/papan">{i.t("board.all_boards")}</a></p>
            <h1>{name}</h1>
            <p class="lead">{b.board.cohort_name.clone()} " · " {b.board.program_title.clone()}</p>
            {live(i, id.0, b.last_event)}
        </section>
        {form}
        <section class="panel">
            <h2>{i.t("board.posts")}</h2>
            <p class="empty" id="daftar-pos-kosong" hidden=!empty>{i.t("board.no_posts")}</p>
            <ul class="post-list" id="daftar-pos" aria-live="polite" aria-relevant="additions">
                {b.posts.iter().map(|card| post_card(i, card)).collect_view()}
            </ul>
            {nav}
        </section>
    }
}

/// The form for a new post: work of one of the kinds, or an announcement for a moderator.
fn post_form(i: I18n, board: i64, moderates: bool) -> impl IntoView {
    let show = flash_has("title");
    let kinds: Vec<(String, String)> = PostKind::WORK
        .iter()
        .map(|k| (k.to_string(), kind_name(i, *k)))
        .collect();
    let (heading, lead) = if moderates {
        ("board.new_announcement", "board.new_announcement_lead")
    } else {
        ("board.new_post", "board.new_post_lead")
    };
    view! {
        <section class="panel narrow">
            <details open=show>
                <summary><h2>{i.t(heading)}</h2></summary>
                <p class="lead">{i.t(lead)}</p>
                <EnhancedForm action="/api/create_post".to_string() busy_label=i.t("form.busy") offline_message=i.t("form.offline")>
                    <FormMessage/>
                    <input type="hidden" name="board_id" value=board.to_string()/>
                    {if moderates {
                        Either::Left(view! { <input type="hidden" name="kind" value="announcement"/> })
                    } else {
                        Either::Right(view! { <SelectField name="kind" label=i.t("board.kind") options=kinds/> })
                    }}
                    <Field name="title" label=i.t("board.post_title") required=true/>
                    {text_area("body", i.t("board.body"), Some(i.t("board.body_hint")), typed_or("title", "body", String::new()), 10, show)}
                    <SubmitButton label=i.t("board.post_submit")/>
                </EnhancedForm>
            </details>
        </section>
    }
}
