//! `/papan`: the boards the signed-in user sees, with what is new on each.

use super::board_name;
use crate::api::boards::my_boards;
use crate::components::board_cards::board_path;
use crate::components::{loaded, SignedInPage};
use crate::i18n::{use_i18n, I18n};
use crate::model::boards::BoardSummary;
use crate::model::Role;
use leptos::either::Either;
use leptos::prelude::*;

/// Every board of the user's groups and cohorts.
#[component]
pub fn BoardsListPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&Role::ALL title=i.t("board.list_title") children=move |_| {
            let boards = Resource::new(|| (), |_| my_boards());
            view! {
                <section class="panel">
                    <h1>{i.t("board.list_title")}</h1>
                    <p class="lead">{i.t("board.list_lead")}</p>
                    {loaded(i, boards, boards_view)}
                </section>
            }
        }/>
    }
}

fn boards_view(i: I18n, list: Vec<BoardSummary>) -> impl IntoView {
    if list.is_empty() {
        return Either::Left(view! { <p class="empty">{i.t("board.list_empty")}</p> });
    }
    Either::Right(view! {
        <ul class="board-list">
            {list.into_iter().map(|b| {
                let name = board_name(i, &b);
                let posts = i.t_with("board.post_count", &[("n", &b.posts.to_string())]);
                let unread = (b.unread > 0).then(|| {
                    let text = i.t_with("board.unread", &[("n", &b.unread.to_string())]);
                    view! { <span class="badge unread">{text}</span> }
                });
                view! {
                    <li class="board-row">
                        <a href=board_path(b.id)><strong>{name}</strong></a>
                        <span class="meta">{b.cohort_name} " · " {b.program_title}</span>
                        <span class="meta">{posts} " " {unread}</span>
                    </li>
                }
            }).collect_view()}
        </ul>
    })
}
