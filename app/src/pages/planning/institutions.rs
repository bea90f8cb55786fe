//! `/admin/lembaga`: the institution tree in the admin's scope: search, filter, page, add a
//! district office or school, correct a name or region code (`?ubah=<id>`).

use super::common::pager;
use crate::api::planning::list_institutions;
use crate::components::{
    filter_form, filter_select, inline_problem, loaded_or, search_field, Field, FormMessage,
    SelectField, SignedInPage, SubmitButton,
};
use crate::i18n::{use_i18n, I18n};
use crate::islands::EnhancedForm;
use crate::model::planning::{InstitutionItem, InstitutionsView};
use crate::model::Role;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::model::planning::INSTITUTION_KINDS as KINDS;

/// The institution list with its filters, and the create or edit form.
#[component]
pub fn InstitutionsPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&[Role::Admin] title=i.t("planning.institutions_title") children=move |_| {
            let query = use_query_map().get_untracked();
            let search = query.get("q").unwrap_or_default();
            let kind = query.get("jenis").unwrap_or_default();
            let editing = query.get("ubah").and_then(|v| v.parse::<i64>().ok());
            let page = query.get("hal").and_then(|p| p.parse::<i64>().ok()).unwrap_or(1);
            let data = Resource::new(
                {
                    let (search, kind) = (search.clone(), kind.clone());
                    move || (search.clone(), kind.clone(), page)
                },
                |(search, kind, page)| list_institutions(Some(search), Some(kind), Some(page)),
            );
            view! {
                <section class="panel">
                    <h1>{i.t("planning.institutions_title")}</h1>
                    <p class="lead">{i.t("planning.institutions_lead")}</p>
                    {filter_form(i, "/admin/lembaga".to_string(), "planning.filter", view! {
                        {search_field(i, "q", "planning.institutions_search", search.clone())}
                        {filter_select(i, "jenis", "planning.kind", "planning.all", &kind, KINDS.iter().map(|k| (k.to_string(), i.t(&format!("institution.{k}")))).collect())}
                    })}
                    {loaded_or(i, data, move |i, v| view! {
                        {institution_list(i, &v, &search, &kind)}
                        {match editing.and_then(|id| v.list.items.iter().find(|x| x.id == crate::model::ids::InstitutionId(id)).cloned()) {
                            Some(item) => Either::Left(edit_form(i, item)),
                            None => Either::Right(create_form(i, &v)),
                        }}
                    }, inline_problem)}
                </section>
            }
        }/>
    }
}

fn institution_list(i: I18n, v: &InstitutionsView, search: &str, kind: &str) -> impl IntoView {
    let filters = [("q", search), ("jenis", kind)];
    view! {
        <p class="summary">{i.t_with("planning.total", &[("total", &v.list.total.to_string())])}</p>
        <ul class="list institutions">
            {v.list.items.iter().cloned().map(|inst| {
                let edit = super::common::page_link("/admin/lembaga", &[("q", search), ("jenis", kind), ("ubah", &inst.id.to_string())], v.list.page);
                view! {
                    <li class="institution">
                        <div class="who">
                            <strong>{inst.name}</strong>
                            <span class="tag">{i.t(&format!("institution.{}", inst.kind))}</span>
                            {inst.parent_name.map(|p| view! { <span class="meta">{i.t_with("planning.under", &[("parent", &p)])}</span> })}
                            {inst.npsn.map(|n| view! { <span class="meta">"NPSN " {n}</span> })}
                            {inst.region_code.map(|r| view! { <span class="meta">{i.t_with("planning.region_is", &[("code", &r)])}</span> })}
                        </div>
                        <a class="button secondary small" href=edit>{i.t("planning.edit")}</a>
                        {(inst.kind == crate::model::codes::InstitutionKind::School).then(|| crate::pages::activation::school_letters(i, inst.id.to_string()))}
                    </li>
                }
            }).collect_view()}
        </ul>
        {pager(i, "/admin/lembaga", &filters, v.list.page, v.list.pages())}
    }
}

fn create_form(i: I18n, v: &InstitutionsView) -> impl IntoView {
    let parents = v
        .parents
        .iter()
        .map(|p| {
            (
                p.id.to_string(),
                format!("{} ({})", p.name, label_kind(i, p.kind.as_str())),
            )
        })
        .collect::<Vec<_>>();
    view! {
        <section class="subpanel" id="buat">
            <h2>{i.t("planning.institution_create_title")}</h2>
            <p class="hint">{i.t("planning.institution_create_lead")}</p>
            <EnhancedForm action="/api/create_institution".to_string() busy_label=i.t("form.busy") offline_message=i.t("form.offline")>
                <FormMessage/>
                <SelectField name="parent_id" label=i.t("planning.parent") options=parents/>
                <SelectField name="kind" label=i.t("planning.kind") options=vec![
                    ("district_office".to_string(), i.t("institution.district_office")),
                    ("school".to_string(), i.t("institution.school")),
                    ("government_office".to_string(), i.t("institution.government_office")),
                    ("university".to_string(), i.t("institution.university")),
                ]/>
                <Field name="name" label=i.t("planning.institution_name") required=true/>
                <Field name="npsn" label="NPSN".to_string() inputmode="numeric" hint=i.t("planning.npsn_hint")/>
                <Field name="region_code" label=i.t("planning.region_code") inputmode="decimal" hint=i.t("planning.region_hint") required=true/>
                <SubmitButton label=i.t("planning.institution_create_submit")/>
            </EnhancedForm>
        </section>
    }
}

fn edit_form(i: I18n, item: InstitutionItem) -> impl IntoView {
    view! {
        <section class="subpanel" id="ubah">
            <h2>{i.t_with("planning.institution_edit_title", &[("name", &item.name)])}</h2>
            <EnhancedForm action="/api/update_institution".to_string() busy_label=i.t("form.busy") offline_message=i.t("form.offline")>
                <FormMessage/>
                <input type="hidden" name="id" value=item.id/>
                <Field name="name" label=i.t("planning.institution_name") required=true value=item.name.clone()/>
                <Field name="region_code" label=i.t("planning.region_code") inputmode="decimal" hint=i.t("planning.region_hint") required=true value=item.region_code.clone().unwrap_or_default()/>
                <SubmitButton label=i.t("planning.save")/>
            </EnhancedForm>
            <p><a href="/admin/lembaga">{i.t("planning.cancel")}</a></p>
        </section>
    }
}

fn label_kind(i: I18n, kind: &str) -> String {
    i.t(&format!("institution.{kind}"))
}
