//! `/mentor`: a mentor's home page.

use crate::api::groups::my_groups;
use crate::components::{inline_problem, loaded_or, SignedInPage};
use crate::i18n::{use_i18n, I18n};
use crate::model::groups::GroupCard;
use crate::model::Role;
use crate::pages::boards::queue_list;
use crate::pages::groups::group_cards;
use crate::pages::quizzes::mentor_gain_links;
use leptos::either::Either;
use leptos::prelude::*;

/// Greeting, the mentor's groups and the work waiting for feedback.
#[component]
pub fn MentorHome() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&[Role::Mentor] title=i.t("home.mentor.title") children=move |user| {
            let groups = Resource::new(|| (), |_| my_groups());
            view! {
                <section class="panel">
                    <h1>{i.t_with("home.greeting", &[("name", &user.name)])}</h1>
                    <p class="lead">{i.t("home.mentor.lead")}</p>
                    <p><a class="button" id="tautan-dasbor" href="/mentor/dasbor">{i.t("dashboard.mentor.link")}</a></p>
                </section>
                <section class="panel">
                    <h2>{i.t("home.mentor.my_groups")}</h2>
                    {loaded_or(i, groups, groups_view, inline_problem)}
                </section>
                <section class="panel">
                    <h2>{i.t("home.mentor.queue")}</h2>
                    {queue_list(i)}
                </section>
            }
        }/>
    }
}

/// The mentor's groups with the links to their cohorts' learning gain.
fn groups_view(i: I18n, list: Vec<GroupCard>) -> impl IntoView {
    if list.is_empty() {
        Either::Left(view! { <p class="empty">{i.t("home.mentor.no_groups")}</p> })
    } else {
        Either::Right(view! {
            {mentor_gain_links(i, &list)}
            {crate::pages::materials::mentor_progress_links(i, &list)}
            {group_cards(i, list)}
        })
    }
}
