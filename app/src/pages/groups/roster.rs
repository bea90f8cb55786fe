//! `/admin/angkatan/:id/peserta`: the cohort roster, paged and filtered on the server.

use super::parts::{cohort_of, profile_line, shown_nip};
use crate::api::groups::cohort_roster;
use crate::components::url::encode_query_value;
use crate::components::{loaded, page_count, pager, route_id, SignedInPage};
use crate::i18n::{use_i18n, I18n};
use crate::model::groups::RosterList;
use crate::model::identifiers::SCHOOL_LEVELS;
use crate::model::Role;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

const STATUSES: [&str; 5] = ["approved", "applied", "waitlisted", "rejected", "withdrawn"];

/// The roster's filters as they are in the address.
#[derive(Clone, Debug, Default, PartialEq)]
struct Filters {
    q: String,
    status: String,
    group: String,
    level: String,
    region: String,
}

impl Filters {
    fn link(&self, cohort: i64, page: i64) -> String {
        format!(
            "/admin/angkatan/{cohort}/peserta?q={}&status={}&kelompok={}&jenjang={}&wilayah={}&hal={page}",
            encode_query_value(&self.q),
            encode_query_value(&self.status),
            encode_query_value(&self.group),
            encode_query_value(&self.level),
            encode_query_value(&self.region),
        )
    }
}

fn some(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

/// The roster of one cohort for an admin in scope.
#[component]
pub fn RosterPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&[Role::Admin] title=i.t("group.roster_title") children=move |_| {
            let cohort = route_id();
            let query = use_query_map().get_untracked();
            let filters = Filters {
                q: query.get("q").unwrap_or_default(),
                status: query.get("status").unwrap_or_default(),
                group: query.get("kelompok").unwrap_or_default(),
                level: query.get("jenjang").unwrap_or_default(),
                region: query.get("wilayah").unwrap_or_default(),
            };
            let page = query.get("hal").and_then(|p| p.parse::<i64>().ok()).unwrap_or(1);
            let roster = Resource::new(
                {
                    let filters = filters.clone();
                    move || (filters.clone(), page)
                },
                move |(f, page)| cohort_roster(cohort, some(&f.status), some(&f.q), some(&f.group), some(&f.level), some(&f.region), Some(page)),
            );
            loaded(i, roster, move |i, list| roster_view(i, list, filters.clone()))
        }/>
    }
}

fn roster_view(i: I18n, list: RosterList, filters: Filters) -> impl IntoView {
    let cohort = list.cohort.id;
    let heading = cohort_of(i, &list.cohort.name, &list.cohort.program_title);
    let summary = i.t_with("group.summary", &[("total", &list.total.to_string())]);
    let status = if filters.status.is_empty() {
        "approved".to_string()
    } else {
        filters.status.clone()
    };
    let nav = pager(i, list.page, page_count(list.total, list.page_size), {
        let filters = filters.clone();
        move |n| filters.link(cohort.0, n)
    });
    view! {
        <section class="panel">
            <p><a href=format!("/admin/angkatan/{cohort}")>{i.t("group.back_to_cohort")}</a></p>
            <h1>{i.t("group.roster_title")}</h1>
            <p class="lead">{heading}</p>
            <p><a class="button secondary small" href=format!("/admin/angkatan/{cohort}/kelompok")>{i.t("group.to_groups")}</a></p>
            {crate::pages::activation::letters_forms(i, format!("/admin/angkatan/{cohort}"))}
            <form class="filters roster-filters" method="get" action=format!("/admin/angkatan/{cohort}/peserta") role="search">
                <div class="field">
                    <label for="q">{i.t("group.filter_q")}</label>
                    <input id="q" name="q" type="search" value=filters.q.clone()/>
                </div>
                <div class="field">
                    <label for="status">{i.t("group.filter_status")}</label>
                    <select id="status" name="status">
                        {STATUSES.iter().map(|s| view! {
                            <option value=*s selected=status == *s>{i.t(&format!("group.status_{s}"))}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="kelompok">{i.t("group.filter_group")}</label>
                    <select id="kelompok" name="kelompok">
                        <option value="" selected=filters.group.is_empty()>{i.t("group.filter_all")}</option>
                        <option value="none" selected=filters.group == "none">{i.t("group.filter_none")}</option>
                        {list.groups.into_iter().map(|(id, name)| {
                            let value = id.to_string();
                            let selected = filters.group == value;
                            view! { <option value=value selected=selected>{name}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="jenjang">{i.t("group.filter_level")}</label>
                    <select id="jenjang" name="jenjang">
                        <option value="" selected=filters.level.is_empty()>{i.t("group.filter_all")}</option>
                        {SCHOOL_LEVELS.iter().map(|l| view! {
                            <option value=*l selected=filters.level == *l>{*l}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="wilayah">{i.t("group.filter_region")}</label>
                    <input id="wilayah" name="wilayah" type="text" inputmode="decimal" value=filters.region.clone()/>
                </div>
                <button type="submit" class="button secondary">{i.t("group.filter_submit")}</button>
            </form>
            <p class="summary">{summary}</p>
            {if list.entries.is_empty() {
                Either::Left(view! { <p class="empty">{i.t("group.empty")}</p> })
            } else {
                Either::Right(view! {
                    <ul class="roster">
                        {list.entries.into_iter().map(|e| {
                            let line = profile_line(&e);
                            let user = e.user_id;
                                    let no_group = e.group_name.is_none();
                            view! {
                                <li class="roster-row">
                                    <div class="who">
                                        <strong>{e.name}</strong>
                                        {e.nip.map(|nip| view! { <span class="nip">"NIP " {shown_nip(nip)}</span> })}
                                        <span class="email">{crate::components::email_or_dash(e.email.as_deref())}</span>
                                    </div>
                                    <div class="where">
                                        <span>{e.school_name.unwrap_or_else(|| i.t("group.none"))}</span>
                                        <span class="profile">{line}</span>
                                    </div>
                                    <span class="group-badge" class:none=no_group>
                                        {e.group_name.unwrap_or_else(|| i.t("group.filter_none"))}
                                    </span>
                                    {crate::pages::activation::reissue_button(i, cohort, user)}
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
