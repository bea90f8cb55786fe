//! `/admin/angkatan/:id/peserta`: the cohort roster, paged and filtered on the server.

use super::parts::{cohort_of, profile_line, shown_nip};
use crate::api::groups::cohort_roster;
use crate::components::url::encode_query_value;
use crate::components::{loaded, page_count, pager, pager_open, route_id, SignedInPage};
use crate::i18n::{use_i18n, I18n};
use crate::model::groups::{RosterList, GROUP_SELECT_MAX};
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
    /// A group's name or number, typed (a cohort with many groups).
    group_name: String,
    level: String,
    region: String,
}

impl Filters {
    fn link(&self, cohort: i64, page: i64) -> String {
        format!(
            "/admin/angkatan/{cohort}/peserta?q={}&status={}&kelompok={}&nama_kelompok={}&jenjang={}&wilayah={}&hal={page}",
            encode_query_value(&self.q),
            encode_query_value(&self.status),
            encode_query_value(&self.group),
            encode_query_value(&self.group_name),
            encode_query_value(&self.level),
            encode_query_value(&self.region),
        )
    }
}

fn some(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

/// `n` with thousands grouped as the language writes them (1.000 / 1,000).
fn grouped(i: I18n, n: i64) -> String {
    crate::model::dashboards::format::int(i.0, n)
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
                group_name: query.get("nama_kelompok").unwrap_or_default(),
                level: query.get("jenjang").unwrap_or_default(),
                region: query.get("wilayah").unwrap_or_default(),
            };
            let page = query.get("hal").and_then(|p| p.parse::<i64>().ok()).unwrap_or(1);
            let roster = Resource::new(
                {
                    let filters = filters.clone();
                    move || (filters.clone(), page)
                },
                move |(f, page)| cohort_roster(cohort, some(&f.status), some(&f.q), some(&f.group), some(&f.group_name), some(&f.level), some(&f.region), Some(page)),
            );
            loaded(i, roster, move |i, list| roster_view(i, list, filters.clone()))
        }/>
    }
}

fn roster_view(i: I18n, list: RosterList, filters: Filters) -> impl IntoView {
    let cohort = list.cohort.id;
    let heading = cohort_of(i, &list.cohort.name, &list.cohort.program_title);
    let summary = if list.total_capped {
        i.t_with("group.summary_more", &[("total", &grouped(i, list.total))])
    } else {
        i.t_with("group.summary", &[("total", &grouped(i, list.total))])
    };
    let status = if filters.status.is_empty() {
        "approved".to_string()
    } else {
        filters.status.clone()
    };
    let link = {
        let filters = filters.clone();
        move |n| filters.link(cohort.0, n)
    };
    let nav = if list.total_capped {
        pager_open(i, list.page, list.has_next, link)
    } else {
        pager(i, list.page, page_count(list.total, list.page_size), link)
    };
    let group_field = group_filter(i, &list, &filters);
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
                {group_field}
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

/// The group filter: a select of all groups when the cohort has few, otherwise a select of
/// "all" / "no group" and a text field for a group's name or number, resolved on the server.
/// Plain GET form fields either way, so it works without JavaScript.
fn group_filter(i: I18n, list: &RosterList, filters: &Filters) -> AnyView {
    if list.group_count <= GROUP_SELECT_MAX as i64 {
        let options = list
            .groups
            .iter()
            .map(|(id, name)| {
                let value = id.to_string();
                let selected = filters.group_name.is_empty() && filters.group == value
                    || list.group.as_ref().is_some_and(|(g, _)| g == id);
                view! { <option value=value selected=selected>{name.clone()}</option> }
            })
            .collect_view();
        return view! {
            <div class="field">
                <label for="kelompok">{i.t("group.filter_group")}</label>
                <select id="kelompok" name="kelompok">
                    <option value="" selected=filters.group.is_empty() && list.group.is_none()>{i.t("group.filter_all")}</option>
                    <option value="none" selected=filters.group == "none">{i.t("group.filter_none")}</option>
                    {options}
                </select>
            </div>
        }
        .into_any();
    }
    // The text shown: the group found, else what was typed.
    let typed = match &list.group {
        Some((_, name)) => name.clone(),
        None => filters.group_name.clone(),
    };
    let hint = i.t_with(
        "group.filter_group_hint",
        &[("count", &grouped(i, list.group_count))],
    );
    let current = list.group.as_ref().map(|(_, name)| {
        view! { <p class="hint current-group">{i.t_with("group.filter_group_current", &[("name", name)])}</p> }
    });
    let unknown = list.group_unknown.then(
        || view! { <p class="hint error" role="alert">{i.t("group.filter_group_unknown")}</p> },
    );
    let several = (!list.group_matches.is_empty()).then(|| {
        let links = list
            .group_matches
            .iter()
            .map(|(id, name)| {
                let chosen = Filters {
                    group: id.to_string(),
                    group_name: String::new(),
                    ..filters.clone()
                };
                view! { <li><a href=chosen.link(list.cohort.id.0, 1)>{name.clone()}</a></li> }
            })
            .collect_view();
        view! {
            <div class="hint group-matches">
                <p>{i.t("group.filter_group_several")}</p>
                <ul>{links}</ul>
            </div>
        }
    });
    let only_none = filters.group == "none" && filters.group_name.is_empty();
    view! {
        <div class="field">
            <label for="kelompok">{i.t("group.filter_group")}</label>
            <select id="kelompok" name="kelompok">
                <option value="" selected=!only_none>{i.t("group.filter_all")}</option>
                <option value="none" selected=only_none>{i.t("group.filter_none")}</option>
            </select>
        </div>
        <div class="field">
            <label for="nama_kelompok">{i.t("group.filter_group_name")}</label>
            <input id="nama_kelompok" name="nama_kelompok" type="search" value=typed aria-describedby="nama_kelompok_hint"/>
            <p class="hint" id="nama_kelompok_hint">{hint}</p>
            {current}
            {unknown}
            {several}
        </div>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::grouped;
    use crate::i18n::I18n;
    use crate::model::Lang;

    #[test]
    fn groups_thousands_as_each_language_writes_them() {
        assert_eq!(grouped(I18n(Lang::Id), 1000), "1.000");
        assert_eq!(grouped(I18n(Lang::En), 62000), "62,000");
        assert_eq!(grouped(I18n(Lang::Id), 999), "999");
        assert_eq!(grouped(I18n(Lang::Id), 1_234_567), "1.234.567");
        assert_eq!(grouped(I18n(Lang::En), 0), "0");
    }
}
