//! `/admin/program/:id`: one program: its details, status, edit form, cohorts (angkatan) and
//! cooperation agreements (PKS) with their partners.

use super::common::{error_slot, flash, flash_from, funding_text, label};
use super::program_fields::program_fields;
use crate::api::planning::get_program;
use crate::components::{form_message, loaded_or, set_status, Field, SignedInPage, SubmitButton};
use crate::i18n::{use_i18n, I18n};
use crate::islands::EnhancedForm;
use crate::model::codes::ProgramStatus;
use crate::model::planning::{AgreementItem, InstitutionChoice, ProgramView};
use crate::model::{AppError, ErrorKind, Role};
use leptos::prelude::*;

/// The program page; 404 when the program is not in the admin's scope.
#[component]
pub fn ProgramPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&[Role::Admin] title=i.t("planning.program_page_title") children=move |_| {
            let id = crate::components::route_id();
            let data = Resource::new(move || id, get_program);
            loaded_or(i, data, program_view, problem)
        }/>
    }
}

/// Why the program cannot be shown (404 for one outside the admin's scope).
fn problem(e: AppError) -> impl IntoView {
    if e.kind == ErrorKind::NotFound {
        set_status(404);
    }
    view! { <section class="panel"><p class="form-error">{e.message}</p></section> }
}

fn program_view(i: I18n, v: ProgramView) -> impl IntoView {
    let p = v.program.clone();
    let id = p.id;
    // One form per page region: the flash says which one the user posted.
    let from_edit = flash().is_some_and(|f| f.value("title").is_some());
    let from_status = flash().is_some_and(|f| f.value("status").is_some());
    let next_status = match p.status {
        ProgramStatus::Draft => Some((ProgramStatus::Published, i.t("planning.publish"))),
        ProgramStatus::Published => Some((ProgramStatus::Closed, i.t("planning.close"))),
        ProgramStatus::Closed => None,
    };
    let editable = p.status != ProgramStatus::Closed;
    let competencies = v
        .competencies
        .iter()
        .map(|c| c.name.clone())
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <section class="panel">
            <p><a href="/admin/program">{i.t("planning.back_to_programs")}</a></p>
            <h1>{p.title.clone()}</h1>
            <p><span class=format!("tag status-{}", p.status)>{label(i, "status", p.status.as_str())}</span></p>
            <p class="description">{p.description.clone()}</p>
            <dl class="facts">
                <dt>{i.t("planning.organizer")}</dt><dd>{p.organizer_name.clone()}</dd>
                <dt>{i.t("planning.competencies")}</dt><dd>{competencies}</dd>
                <dt>{i.t("planning.level")}</dt><dd>{label(i, "level", p.level.as_str())}</dd>
                <dt>{i.t("planning.total_jp")}</dt><dd>{p.total_jp} " JP"</dd>
                <dt>{i.t("planning.mode")}</dt><dd>{label(i, "mode", p.mode.as_str())}</dd>
                <dt>{i.t("planning.funding")}</dt><dd>{funding_text(i, p.funding, p.fee_amount)}</dd>
            </dl>
            {next_status.map(|(to, text)| view! {
                <form class="status-form" method="post" action="/api/change_program_status">
                    {form_message(from_status)}
                    <input type="hidden" name="program_id" value=id/>
                    <input type="hidden" name="status" value=to.as_str()/>
                    <button type="submit" class="button">{text}</button>
                    <p class="hint">{i.t(&format!("planning.status_hint_{to}"))}</p>
                </form>
            })}
            {(p.status == ProgramStatus::Published).then(|| view! { <p><a href=format!("/katalog/{id}")>{i.t("planning.view_in_catalog")}</a></p> })}
            <p><a class="button secondary small" href=format!("/admin/program/{id}/soal")>{i.t("bank.link_from_program")}</a></p>
            <p><a class="button secondary small" href=format!("/materi/program/{id}")>{i.t("materials.author_link")}</a></p>
        </section>
        <section class="panel">
            <h2>{i.t("planning.cohorts")}</h2>
            {if v.cohorts.is_empty() { Some(view! { <p class="hint">{i.t("planning.no_cohorts")}</p> }) } else { None }}
            <ul class="list cohorts">
                {v.cohorts.iter().cloned().map(|c| view! {
                    <li>
                        <a href=format!("/admin/angkatan/{}", c.id)><strong>{c.name}</strong></a>
                        <span class="meta">{c.starts_on} " – " {c.ends_on}</span>
                        <span class="meta">{i.t_with("planning.seats", &[("taken", &c.seats_taken.to_string()), ("quota", &c.quota.to_string())])}</span>
                    </li>
                }).collect_view()}
            </ul>
            <p>
                <a class="button secondary" href=format!("/admin/angkatan?program={id}")>{i.t("planning.create_cohort")}</a>
                " "
                <a class="button secondary" href=format!("/admin/program/{id}/dasbor")>{i.t("dashboard.program_page")}</a>
            </p>
        </section>
        {agreements_section(i, id.0, &v.agreements, &v.choices.institutions)}
        {editable.then(|| view! {
            <section class="panel narrow" id="ubah">
                <h2>{i.t("planning.program_edit_title")}</h2>
                <EnhancedForm action="/api/update_program".to_string() busy_label=i.t("form.busy") offline_message=i.t("form.offline")>
                    {form_message(from_edit)}
                    <input type="hidden" name="program_id" value=id/>
                    {program_fields(i, &v.choices, Some(&p), &v.competency_ids)}
                    <SubmitButton label=i.t("planning.save")/>
                </EnhancedForm>
            </section>
        })}
    }
}

fn agreements_section(
    i: I18n,
    program: i64,
    agreements: &[AgreementItem],
    institutions: &[InstitutionChoice],
) -> impl IntoView {
    let from_new = flash().is_some_and(|f| f.value("number").is_some());
    view! {
        <section class="panel" id="pks">
            <h2>{i.t("planning.agreements")}</h2>
            <p class="lead">{i.t("planning.agreements_lead")}</p>
            {agreements.iter().cloned().map(|a| agreement_view(i, a, institutions)).collect_view()}
            <h3>{i.t("planning.agreement_create_title")}</h3>
            <EnhancedForm action="/api/create_agreement".to_string() busy_label=i.t("form.busy") offline_message=i.t("form.offline")>
                {form_message(from_new)}
                <input type="hidden" name="program_id" value=program/>
                <Field name="number" label=i.t("planning.agreement_number") required=true/>
                <Field name="starts_on" label=i.t("planning.starts_on") kind="date" required=true/>
                <Field name="ends_on" label=i.t("planning.ends_on") kind="date" required=true/>
                <SubmitButton label=i.t("planning.agreement_create_submit") secondary=true/>
            </EnhancedForm>
        </section>
    }
}

fn agreement_view(i: I18n, a: AgreementItem, institutions: &[InstitutionChoice]) -> impl IntoView {
    let id = a.id.to_string();
    let show = flash_from("agreement_id", &id);
    let total: i64 = a.partners.iter().map(|p| p.funding_share_percent).sum();
    let field = |name: &str| format!("{name}-{id}");
    view! {
        <article class="agreement">
            <h3>{i.t_with("planning.agreement_heading", &[("number", &a.number)])}</h3>
            <p class="meta">{a.starts_on.clone()} " – " {a.ends_on.clone()} " · " {i.t_with("planning.shares_total", &[("total", &total.to_string())])}</p>
            <table class="partners">
                <thead><tr>
                    <th scope="col">{i.t("planning.partner")}</th>
                    <th scope="col">{i.t("planning.quota_used")}</th>
                    <th scope="col">{i.t("planning.share")}</th>
                </tr></thead>
                <tbody>
                    {a.partners.iter().cloned().map(|p| view! {
                        <tr>
                            <th scope="row">{p.institution_name}</th>
                            <td>{format!("{} / {}", p.seats_taken, p.quota)}</td>
                            <td>{format!("{}%", p.funding_share_percent)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <form class="partner-form" method="post" action="/api/add_agreement_partner">
                {form_message(show)}
                <input type="hidden" name="agreement_id" value=id.clone()/>
                <div class="field">
                    <label for=field("partner")>{i.t("planning.partner")}</label>
                    <select id=field("partner") name="institution_id">
                        {institutions.iter().map(|o| view! { <option value=o.id>{o.name.clone()}</option> }).collect_view()}
                    </select>
                    {error_slot("institution_id", field("e-partner"), show)}
                </div>
                <div class="field">
                    <label for=field("quota")>{i.t("planning.quota")}</label>
                    <input id=field("quota") name="quota" type="number" min="0" inputmode="numeric" required=true/>
                    {error_slot("quota", field("e-quota"), show)}
                </div>
                <div class="field">
                    <label for=field("share")>{i.t("planning.share_percent")}</label>
                    <input id=field("share") name="funding_share_percent" type="number" min="0" max="100" inputmode="numeric" required=true/>
                    {error_slot("funding_share_percent", field("e-share"), show)}
                </div>
                <button type="submit" class="button secondary small">{i.t("planning.partner_add")}</button>
            </form>
        </article>
    }
}
