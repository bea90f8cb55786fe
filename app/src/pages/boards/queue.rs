//! `/mentor/antrean`: the posts in a mentor's groups waiting for feedback, longest waiting first
//! (the mentor's home page shows the same list).

use crate::api::boards::mentor_queue;
use crate::components::board_cards::{kind_name, post_path, status_badge};
use crate::components::{loaded, SignedInPage};
use crate::i18n::{use_i18n, I18n};
use crate::model::boards::QueueItem;
use crate::model::Role;
use crate::pages::cohorts::common::moment;
use leptos::either::Either;
use leptos::prelude::*;

/// The mentor's queue as a page.
#[component]
pub fn MentorQueuePage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&[Role::Mentor] title=i.t("board.queue_title") children=move |_| {
            view! {
                <section class="panel">
                    <h1>{i.t("board.queue_title")}</h1>
                    <p class="lead">{i.t("board.queue_lead")}</p>
                    {queue_list(i)}
                </section>
            }
        }/>
    }
}

/// The queue, loaded and listed.
pub fn queue_list(i: I18n) -> impl IntoView {
    let queue = Resource::new(|| (), |_| mentor_queue());
    loaded(i, queue, items_view)
}

fn items_view(i: I18n, items: Vec<QueueItem>) -> impl IntoView {
    if items.is_empty() {
        return Either::Left(view! { <p class="empty">{i.t("board.queue_empty")}</p> });
    }
    Either::Right(view! {
        <ol class="post-list queue">
            {items.into_iter().map(|q| {
                let since = i.t_with("board.waiting_since", &[("when", &moment(i, q.waiting_since))]);
                view! {
                    <li class="post-card">
                        <a class="post-title" href=post_path(q.post.id)>{q.post.title.clone()}</a>
                        <p class="meta">
                            <span>{kind_name(i, q.post.kind)}</span>
                            " · "
                            <span>{q.post.author_name.clone()}</span>
                            " · "
                            <span>{q.group_name} " (" {q.cohort_name} ")"</span>
                        </p>
                        <p class="meta">{status_badge(i, q.post.status)} " " <span>{since}</span></p>
                    </li>
                }
            }).collect_view()}
        </ol>
    })
}
