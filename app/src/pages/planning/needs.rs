//! `/admin/usulan`: training-needs proposals: filters, counts by competency and region, the
//! proposal form (schools and district offices) and the review forms (ancestor institutions).

use super::common::{code_options, competency_options, error_slot, flash_from, label, pager};
use crate::api::planning::list_needs;
use crate::components::{
    filter_form, filter_select, form_message, inline_problem, loaded_or, Field, SelectField,
    SignedInPage, SubmitButton,
};
use crate::i18n::{use_i18n, I18n};
use crate::islands::EnhancedForm;
use crate::model::codes::NeedStatus;
use crate::model::planning::{NeedCount, NeedItem, NeedsView, LEVELS, NEED_STATUSES};
use crate::model::Role;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The needs list, its counts, and the forms to propose and review.
#[component]
pub fn NeedsPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&[Role::Admin] title=i.t("planning.needs_title") children=move |_| {
            let query = use_query_map().get_untracked();
            let status = query.get("status").unwrap_or_default();
            let competency = query.get("kompetensi").unwrap_or_default();
            let region = query.get("wilayah").unwrap_or_default();
            let page = query.get("hal").and_then(|p| p.parse::<i64>().ok()).unwrap_or(1);
            let filters = (status, competency, region);
            let data = Resource::new(
                {
                    let filters = filters.clone();
                    move || (filters.clone(), page)
                },
                |((s, c, r), page)| list_needs(Some(s), Some(c), Some(r), Some(page)),
            );
            view! {
                <section class="panel">
                    <h1>{i.t("planning.needs_title")}</h1>
                    <p class="lead">{i.t("planning.needs_lead")}</p>
                    {loaded_or(i, data, move |i, v| needs_view(i, v, filters.clone()), inline_problem)}
                </section>
            }
        }/>
    }
}

fn needs_view(
    i: I18n,
    v: NeedsView,
    (status, competency, region): (String, String, String),
) -> impl IntoView {
    let filters = [
        ("status", status.as_str()),
        ("kompetensi", competency.as_str()),
        ("wilayah", region.as_str()),
    ];
    let pager = pager(i, "/admin/usulan", &filters, v.list.page, v.list.pages());
    let own = v.own_institution;
    let programs = v.programs.clone();
    let propose = v.can_propose.then(|| propose_form(i, &v));
    view! {
        {filter_form(i, "/admin/usulan".to_string(), "planning.filter", view! {
            {filter_select(i, "status", "planning.status", "planning.all", &status, code_options(i, "need_status", NEED_STATUSES))}
            {filter_select(i, "kompetensi", "planning.competency", "planning.all", &competency, competency_options(&v.competencies))}
            <div class="field">
                <label for="wilayah">{i.t("planning.region_code")}</label>
                <input id="wilayah" name="wilayah" type="text" inputmode="decimal" placeholder="33.02" value=region.clone()/>
            </div>
        })}
        <div class="need-counts">
            {counts_table(i, i.t("planning.by_competency"), v.by_competency)}
            {counts_table(i, i.t("planning.by_region"), v.by_region)}
        </div>
        <p class="summary">{i.t_with("planning.total", &[("total", &v.list.total.to_string())])}</p>
        <ul class="list needs">
            {v.list.items.into_iter().map(|n| need_row(i, n, own, &programs)).collect_view()}
        </ul>
        {pager}
        {propose}
    }
}

fn counts_table(i: I18n, caption: String, rows: Vec<NeedCount>) -> impl IntoView {
    view! {
        <table class="counts">
            <caption>{caption}</caption>
            <thead><tr>
                <th scope="col">{i.t("planning.count_label")}</th>
                <th scope="col">{i.t("planning.count_proposals")}</th>
                <th scope="col">{i.t("planning.count_teachers")}</th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|r| view! {
                    <tr><th scope="row">{r.label}</th><td>{r.proposals}</td><td>{r.teachers}</td></tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

fn need_row(
    i: I18n,
    n: NeedItem,
    own: i64,
    programs: &[crate::model::planning::ProgramChoice],
) -> impl IntoView {
    let id = n.id.to_string();
    let show = flash_from("need_id", &id);
    let reviewable = n.status == NeedStatus::Proposed
        && n.institution_id != crate::model::ids::InstitutionId(own);
    let review = reviewable.then(|| {
        let reason_id = format!("reason-{id}");
        let program_id = format!("program-{id}");
        view! {
            <form class="review-form" method="post" action="/api/review_need">
                {form_message(show)}
                <input type="hidden" name="need_id" value=id.clone()/>
                <div class="field">
                    <label for=reason_id.clone()>{i.t("planning.reject_reason")}</label>
                    <input id=reason_id.clone() name="reason" type="text" aria-describedby=format!("e-{reason_id}")/>
                    {error_slot("reason", format!("e-{reason_id}"), show)}
                </div>
                <div class="field">
                    <label for=program_id.clone()>{i.t("planning.merge_into")}</label>
                    <select id=program_id.clone() name="program_id" aria-describedby=format!("e-{program_id}")>
                        <option value="">{i.t("planning.choose_program")}</option>
                        {programs.iter().map(|p| view! { <option value=p.id>{p.title.clone()}</option> }).collect_view()}
                    </select>
                    {error_slot("program_id", format!("e-{program_id}"), show)}
                </div>
                <div class="actions">
                    <button type="submit" name="decision" value="accept" class="button small">{i.t("planning.accept")}</button>
                    <button type="submit" name="decision" value="reject" class="button secondary small">{i.t("planning.reject")}</button>
                    <button type="submit" name="decision" value="merge" class="button secondary small">{i.t("planning.merge")}</button>
                </div>
            </form>
        }
    });
    view! {
        <li class="need">
            <div class="who">
                <strong>{n.competency_name}</strong>
                <span class=format!("tag status-{}", n.status)>{label(i, "need_status", n.status.as_str())}</span>
                <span class="meta">{n.institution_name}{n.region_code.map(|r| format!(" · {r}"))}</span>
                <span class="meta">{label(i, "level", n.level.as_str())} " · " {i.t_with("planning.teachers", &[("count", &n.teacher_count.to_string())])}</span>
                <p class="justification">{n.justification}</p>
                <span class="meta">{i.t_with("planning.proposed_by", &[("name", &n.proposer_name)])}</span>
                {n.review_reason.map(|r| view! { <span class="meta">{i.t_with("planning.reason_is", &[("reason", &r)])}</span> })}
                {n.program_id.map(|p| view! { <a href=format!("/admin/program/{p}")>{n.program_title.unwrap_or_default()}</a> })}
            </div>
            {review}
        </li>
    }
}

fn propose_form(i: I18n, v: &NeedsView) -> impl IntoView {
    let competencies = v
        .competencies
        .iter()
        .map(|c| (c.id.to_string(), c.name.clone()))
        .collect::<Vec<_>>();
    let levels = LEVELS
        .iter()
        .map(|l| (l.to_string(), label(i, "level", l)))
        .collect::<Vec<_>>();
    view! {
        <section class="subpanel" id="usul">
            <h2>{i.t("planning.propose_title")}</h2>
            <EnhancedForm action="/api/propose_need".to_string() busy_label=i.t("form.busy") offline_message=i.t("form.offline")>
                {form_message(super::common::flash().is_some_and(|f| f.value("need_id").is_none()))}
                <SelectField name="competency_id" label=i.t("planning.competency") options=competencies/>
                <SelectField name="level" label=i.t("planning.level") options=levels/>
                <Field name="teacher_count" label=i.t("planning.teacher_count") kind="number" inputmode="numeric" required=true/>
                <Field name="justification" label=i.t("planning.justification") hint=i.t("planning.justification_hint") required=true/>
                <SubmitButton label=i.t("planning.propose_submit")/>
            </EnhancedForm>
        </section>
    }
}
