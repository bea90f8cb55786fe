//! `/mentor/kelompok/:id`: a group and its members, for its mentor (or an admin in scope);
//! anyone else, of any role, gets the same 404 as for a group that does not exist.

use super::parts::{cohort_of, profile_line};
use crate::api::groups::group_members;
use crate::components::{loaded, page_count, pager, route_id, SignedInPage};
use crate::i18n::{use_i18n, I18n};
use crate::model::groups::MemberList;
use crate::model::Role;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The members of one group with their school and how to reach them.
#[component]
pub fn MentorGroupPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&Role::ALL title=i.t("group.title") children=move |_| {
            let group = route_id();
            let page = use_query_map().get_untracked().get("hal").and_then(|p| p.parse::<i64>().ok()).unwrap_or(1);
            let members = Resource::new(move || page, move |page| group_members(group, Some(page)));
            loaded(i, members, members_view)
        }/>
    }
}

fn members_view(i: I18n, list: MemberList) -> impl IntoView {
    let group = list.group.id;
    let title = i.t_with("group.mentor_title", &[("name", &list.group.name)]);
    let heading = cohort_of(i, &list.group.cohort_name, &list.group.program_title);
    let count = i.t_with(
        "group.members_of",
        &[
            ("members", &list.group.members.to_string()),
            ("capacity", &list.group.capacity.to_string()),
        ],
    );
    let nav = pager(
        i,
        list.page,
        page_count(list.total, list.page_size),
        move |n| format!("/mentor/kelompok/{group}?hal={n}"),
    );
    view! {
        <section class="panel">
            <h1>{title}</h1>
            <p class="lead">{heading}</p>
            <p class="summary">
                {count}
                {list.group.mentor_name.map(|m| view! { " · " {i.t("group.col_mentor")} ": " {m} })}
            </p>
            {if list.members.is_empty() {
                Either::Left(view! { <p class="empty">{i.t("group.empty")}</p> })
            } else {
                Either::Right(view! {
                    <ul class="roster members">
                        {list.members.into_iter().map(|m| {
                            let line = profile_line(&m);
                            let mail = m.email.map(|email| {
                                let href = format!("mailto:{email}");
                                view! { <a href=href>{email}</a> }
                            });
                            view! {
                                <li class="roster-row">
                                    <div class="who">
                                        <strong>{m.name}</strong>
                                        <span>{m.school_name.unwrap_or_else(|| i.t("group.none"))}</span>
                                        <span class="profile">{line}</span>
                                    </div>
                                    <div class="contact">
                                        {mail}
                                        {m.phone.map(|p| {
                                            let tel = format!("tel:{p}");
                                            view! { <a href=tel>{p}</a> }
                                        })}
                                    </div>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                })
            }}
            {nav}
        </section>
    }
}
