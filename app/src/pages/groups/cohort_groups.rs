//! `/admin/angkatan/:id/kelompok`: mentor groups, automatic assignment, moves.

use super::parts::cohort_of;
use crate::api::groups::cohort_groups;
use crate::components::{
    form_message, loaded, page_count, pager, route_id, Field, SelectField, SignedInPage,
    SubmitButton,
};
use crate::i18n::{use_i18n, I18n};
use crate::islands::EnhancedForm;
use crate::model::groups::{GroupSummary, GroupsOverview, MentorOption};
use crate::model::{Flash, Role};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The groups of one cohort and the forms that shape them.
#[component]
pub fn GroupsPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&[Role::Admin] title=i.t("group.title") children=move |_| {
            let cohort = route_id();
            let page = use_query_map().get_untracked().get("hal").and_then(|p| p.parse::<i64>().ok()).unwrap_or(1);
            let overview = Resource::new(move || page, move |page| cohort_groups(cohort, Some(page)));
            loaded(i, overview, groups_view)
        }/>
    }
}

/// The flash error's message if it belongs to a form with these fields (or, for `fields` empty,
/// to no field at all: refusals such as "the group still has members").
fn message_for(fields: &[&str]) -> Option<String> {
    let error = use_context::<Flash>()?.error?;
    let mine = if fields.is_empty() {
        error.fields.is_empty()
    } else {
        error
            .fields
            .iter()
            .any(|f| fields.contains(&f.field.as_str()))
    };
    mine.then_some(error.message)
}

/// The form-level message slot, showing the flash error only when it came from the form with
/// these fields.
fn message_slot(fields: &[&str]) -> impl IntoView {
    form_message(message_for(fields).is_some())
}

fn mentor_choices(i: I18n, mentors: &[MentorOption]) -> Vec<(String, String)> {
    std::iter::once((String::new(), i.t("group.no_mentor")))
        .chain(mentors.iter().map(|m| {
            (
                m.id.to_string(),
                format!(
                    "{} ({})",
                    m.name,
                    crate::components::email_or_dash(m.email.as_deref())
                ),
            )
        }))
        .collect()
}

fn groups_view(i: I18n, o: GroupsOverview) -> impl IntoView {
    let cohort = o.cohort.id;
    let [assign_cohort, move_cohort, create_cohort, many_cohort] =
        std::array::from_fn(|_| cohort.to_string());
    let heading = cohort_of(i, &o.cohort.name, &o.cohort.program_title);
    let stats = i.t_with(
        "group.stats",
        &[
            ("approved", &o.approved.to_string()),
            ("unassigned", &o.unassigned.to_string()),
            ("capacity", &o.total_capacity.to_string()),
        ],
    );
    let nav = pager(
        i,
        o.page,
        page_count(o.total_groups, o.page_size),
        move |n| format!("/admin/angkatan/{cohort}/kelompok?hal={n}"),
    );
    let mentors = mentor_choices(i, &o.mentors);
    let targets: Vec<(String, String)> =
        std::iter::once((String::new(), i.t("group.out_of_group")))
            .chain(
                o.all_groups
                    .iter()
                    .map(|(id, name)| (id.to_string(), name.clone())),
            )
            .collect();
    let row_error = message_for(&["new_capacity", "new_mentor_id"]).or_else(|| message_for(&[]));
    let row_fields = use_context::<Flash>()
        .and_then(|f| f.error)
        .map(|e| {
            e.fields
                .into_iter()
                .filter(|f| f.field.starts_with("new_"))
                .map(|f| f.message)
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    view! {
        <section class="panel">
            <p><a href=format!("/admin/angkatan/{cohort}")>{i.t("group.back_to_cohort")}</a></p>
            <h1>{i.t("group.title")}</h1>
            <p class="lead">{heading}</p>
            <p class="summary">{stats}</p>
            <p><a class="button secondary small" href=format!("/admin/angkatan/{cohort}/peserta")>{i.t("group.to_roster")}</a></p>
            <p class="form-error" role="alert">{row_error}</p>
            {row_fields.into_iter().map(|m| view! { <p class="field-error">{m}</p> }).collect_view()}
            {if o.groups.is_empty() {
                Either::Left(view! { <p class="empty">{i.t("group.no_groups_yet")}</p> })
            } else {
                let rows = o.groups.into_iter().map(|g| group_row(i, g, &o.mentors)).collect_view();
                Either::Right(view! { <ul class="groups">{rows}</ul> })
            }}
            {nav}
        </section>
        <section class="panel narrow">
            <h2>{i.t("group.assign_title")}</h2>
            <p class="lead">{i.t("group.assign_lead")}</p>
            <EnhancedForm action="/api/assign_groups".to_string() busy_label=i.t("form.busy") offline_message=i.t("form.offline")>
                <input type="hidden" name="cohort_id" value=assign_cohort/>
                <SubmitButton label=i.t("group.assign_submit")/>
            </EnhancedForm>
        </section>
        <section class="panel narrow">
            <h2>{i.t("group.move_title")}</h2>
            <p class="lead">{i.t("group.move_lead")}</p>
            <EnhancedForm action="/api/move_participant".to_string() busy_label=i.t("form.busy") offline_message=i.t("form.offline")>
                {message_slot(&["participant", "group_id"])}
                <input type="hidden" name="cohort_id" value=move_cohort/>
                <Field name="participant" label=i.t("group.participant") required=true/>
                <SelectField name="group_id" label=i.t("group.target") options=targets/>
                <SubmitButton label=i.t("group.move_submit")/>
            </EnhancedForm>
        </section>
        <section class="panel narrow">
            <h2>{i.t("group.create_title")}</h2>
            <EnhancedForm action="/api/create_group".to_string() busy_label=i.t("form.busy") offline_message=i.t("form.offline")>
                {message_slot(&["name", "mentor_id", "capacity"])}
                <input type="hidden" name="cohort_id" value=create_cohort/>
                <Field name="name" label=i.t("group.name") required=true/>
                <SelectField name="mentor_id" label=i.t("group.mentor") options=mentors/>
                <Field name="capacity" label=i.t("group.capacity") kind="number" inputmode="numeric" required=true/>
                <SubmitButton label=i.t("group.create_submit")/>
            </EnhancedForm>
        </section>
        <section class="panel narrow">
            <h2>{i.t("group.create_many_title")}</h2>
            <p class="lead">{i.t("group.create_many_lead")}</p>
            <EnhancedForm action="/api/create_groups".to_string() busy_label=i.t("form.busy") offline_message=i.t("form.offline")>
                {message_slot(&["prefix", "count", "each_capacity"])}
                <input type="hidden" name="cohort_id" value=many_cohort/>
                <Field name="prefix" label=i.t("group.prefix") value=i.t("group.prefix_default") required=true/>
                <Field name="count" label=i.t("group.count") kind="number" inputmode="numeric" required=true/>
                <Field name="each_capacity" label=i.t("group.capacity") kind="number" inputmode="numeric" required=true/>
                <SubmitButton label=i.t("group.create_many_submit")/>
            </EnhancedForm>
        </section>
    }
}

fn group_row(i: I18n, g: GroupSummary, mentors: &[MentorOption]) -> impl IntoView {
    let id = g.id.to_string();
    let mentor_field = format!("mentor-{}", g.id);
    let capacity_field = format!("capacity-{}", g.id);
    let count = i.t_with(
        "group.members_of",
        &[
            ("members", &g.members.to_string()),
            ("capacity", &g.capacity.to_string()),
        ],
    );
    let current = g.mentor_id;
    let full = g.members >= g.capacity;
    view! {
        <li class="group" class:full=full>
            <div class="group-head">
                <a href=format!("/mentor/kelompok/{}", g.id)><strong>{g.name}</strong></a>
                <span class="group-count">{count}</span>
                <span class="group-mentor">{g.mentor_name.unwrap_or_else(|| i.t("group.no_mentor"))}</span>
            </div>
            <form class="group-edit" method="post" action="/api/update_group">
                <input type="hidden" name="group_id" value=id.clone()/>
                <label for=mentor_field.clone()>{i.t("group.mentor")}</label>
                <select id=mentor_field name="new_mentor_id">
                    <option value="" selected=current.is_none()>{i.t("group.no_mentor")}</option>
                    {mentors.iter().map(|m| view! {
                        <option value=m.id.to_string() selected=current == Some(m.id)>{m.name.clone()}</option>
                    }).collect_view()}
                </select>
                <label for=capacity_field.clone()>{i.t("group.capacity")}</label>
                <input id=capacity_field name="new_capacity" type="number" inputmode="numeric" min="1" value=g.capacity.to_string()/>
                <button type="submit" class="button secondary small">{i.t("group.save")}</button>
            </form>
            {(g.members == 0).then(|| view! {
                <form class="group-delete" method="post" action="/api/delete_group">
                    <input type="hidden" name="group_id" value=id/>
                    <button type="submit" class="button secondary small danger">{i.t("group.delete")}</button>
                </form>
            })}
        </li>
    }
}
