//! `/admin/angkatan/:id/kelulusan` (and read-only `/mentor/angkatan/:id/kelulusan`): a cohort's
//! completion: the rules (the program's, or the cohort's own), every participant's checklist, and
//! the organiser's decision with its reason; overrides are listed with who made them and why.

use super::{decision_text, item_text};
use crate::api::completion::cohort_completion;
use crate::components::dates::day_of;
use crate::components::form::{flash, form_message};
use crate::components::{loaded, pager, SignedInPage};
use crate::i18n::{use_i18n, I18n};
use crate::model::completion::{CohortCompletionTable, CompletionRow, CompletionRules, RuleSource};
use crate::model::Role;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_query_map};

/// A cohort's completion table for its organiser (mentors named on the cohort read it).
#[component]
pub fn CohortCompletionPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&[Role::Admin, Role::Mentor] title=i.t("completion.cohort_title") children=move |_| {
            let id = crate::components::route_id();
            let page = use_query_map().get_untracked().get("hal").and_then(|p| p.parse::<i64>().ok());
            let base = use_location().pathname.get_untracked();
            let data = Resource::new(move || (id, page), |(id, page)| cohort_completion(id, page));
            loaded(i, data, move |i, c| body(i, c, base.clone()))
        }/>
    }
}

fn body(i: I18n, c: CohortCompletionTable, base: String) -> impl IntoView {
    let cohort = c.cohort_id;
    let summary = i.t_with(
        "completion.cohort_summary",
        &[
            ("total", &c.total.to_string()),
            ("passed", &c.passed.to_string()),
            ("not_passed", &c.not_passed.to_string()),
        ],
    );
    let source = match c.source {
        RuleSource::Program => i.t("completion.source_program"),
        RuleSource::Cohort => i.t("completion.source_cohort"),
        RuleSource::None => i.t("completion.source_none"),
    };
    let rules_forms = c.can_decide.then(|| {
        let program = c.program_rules.clone().unwrap_or_default();
        let own = c.cohort_rules.clone();
        view! {
            <section class="panel" id="aturan">
                <h2>{i.t("completion.rules")}</h2>
                <p class="meta">{source.clone()}</p>
                {form_message(flash().and_then(|f| f.value("target").map(str::to_string)).is_some())}
                {rules_form(i, cohort.0, "program", &program, i.t("completion.rules_program"))}
                {rules_form(i, cohort.0, "cohort", &own.clone().unwrap_or(program.clone()), i.t("completion.rules_cohort"))}
                {own.is_some().then(|| view! {
                    <form method="post" action="/api/clear_cohort_completion_rules">
                        <input type="hidden" name="cohort_id" value=cohort.0/>
                        <button type="submit" class="button secondary small">{i.t("completion.rules_clear")}</button>
                    </form>
                })}
            </section>
        }
    });
    let read_only_rules = (!c.can_decide).then(|| view! {
        <section class="panel"><h2>{i.t("completion.rules")}</h2><p class="meta">{source.clone()}</p></section>
    });
    let pass_all = c.can_decide.then(|| {
        view! {
            <form method="post" action="/api/pass_all_met">
                <input type="hidden" name="cohort_id" value=cohort.0/>
                <button type="submit" class="button">{i.t("completion.pass_all_met")}</button>
            </form>
            <p class="hint">{i.t("completion.pass_all_met_hint")}</p>
        }
    });
    let can_decide = c.can_decide;
    let link_base = base.clone();
    let empty = c
        .rows
        .is_empty()
        .then(|| view! { <p class="empty">{i.t("completion.no_participants")}</p> });
    let overrides = (!c.overrides.is_empty()).then(|| view! {
        <section class="panel">
            <h2>{i.t("completion.overrides")}</h2>
            <ul class="plain-list">
                {c.overrides.iter().map(|o| view! {
                    <li>
                        <strong>{o.name.clone()}</strong> " · " {decision_text(i, &o.decision)}
                        <br/><span class="meta">{o.decision.decided_by.clone()} " · " {day_of(i, o.decision.decided_at)}</span>
                        {o.decision.reason.clone().map(|r| view! { <br/><span class="meta">{i.t("completion.reason")} ": " {r}</span> })}
                    </li>
                }).collect_view()}
            </ul>
        </section>
    });
    view! {
        <section class="panel">
            <p class="eyebrow">{c.program_title.clone()}</p>
            <h1>{i.t("completion.cohort_title")} " · " {c.cohort_name.clone()}</h1>
            <p class="summary">{summary}</p>
            <p><a class="link" href=format!("/admin/angkatan/{}/sertifikat", cohort.0)>{i.t("completion.certificates_link")}</a></p>
            {pass_all}
        </section>
        {rules_forms}
        {read_only_rules}
        <section class="panel" id="peserta">
            <h2>{i.t("completion.participants")}</h2>
            {empty}
            <ul class="plain-list completion-rows">
                {c.rows.into_iter().map(|r| row(i, r, can_decide)).collect_view()}
            </ul>
            {pager(i, c.page, c.pages, move |n| format!("{link_base}?hal={n}#peserta"))}
        </section>
        {overrides}
    }
}

fn rules_form(
    i: I18n,
    cohort: i64,
    target: &'static str,
    r: &CompletionRules,
    title: String,
) -> impl IntoView {
    let value = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
    let field = move |name: &'static str, label: String, current: String| {
        let id = format!("f-{target}-{name}");
        view! {
            <div class="field">
                <label for=id.clone()>{label}</label>
                <input id=id name=name type="number" inputmode="numeric" min="0" value=current/>
            </div>
        }
    };
    let surveys_id = format!("f-{target}-require_surveys");
    let fee_id = format!("f-{target}-require_fee_settled");
    view! {
        <form method="post" action="/api/save_completion_rules" class="rules-form">
            <h3>{title}</h3>
            <input type="hidden" name="cohort_id" value=cohort/>
            <input type="hidden" name="target" value=target/>
            {field("min_attendance_percent", i.t("completion.min_attendance_percent"), value(r.min_attendance_percent))}
            {field("min_jp", i.t("completion.min_jp"), value(r.min_jp))}
            {field("min_post_test_percent", i.t("completion.min_post_test_percent"), value(r.min_post_test_percent))}
            {field("min_approved_products", i.t("completion.min_approved_products"), value(r.min_approved_products))}
            {field("min_coaching_cycles", i.t("completion.min_coaching_cycles"), value(r.min_coaching_cycles))}
            <div class="field check-field">
                <input id=surveys_id.clone() type="checkbox" name="require_surveys" value="1" checked=r.require_surveys/>
                <label for=surveys_id>{i.t("completion.require_surveys")}</label>
            </div>
            <div class="field check-field">
                <input id=fee_id.clone() type="checkbox" name="require_fee_settled" value="1" checked=r.require_fee_settled/>
                <label for=fee_id>{i.t("completion.require_fee_settled")}</label>
            </div>
            <p class="hint">{i.t("completion.rules_hint")}</p>
            <button type="submit" class="button secondary">{i.t("completion.rules_save")}</button>
        </form>
    }
}

fn row(i: I18n, r: CompletionRow, can_decide: bool) -> impl IntoView {
    let met = r.checklist.all_met();
    let counts = i.t_with(
        "completion.row_met",
        &[
            ("met", &r.checklist.met_count().to_string()),
            ("total", &r.checklist.items.len().to_string()),
        ],
    );
    let missing: Vec<String> = r
        .checklist
        .items
        .iter()
        .filter(|item| !item.met)
        .map(|item| {
            format!(
                "{}: {}",
                i.t(item.requirement.label_key()),
                item_text(i, item)
            )
        })
        .collect();
    let decision = r.decision.clone().map(|d| {
        let by = format!("{} · {}", d.decided_by, day_of(i, d.decided_at));
        view! {
            <span class=if d.passed { "badge ok" } else { "badge warn" }>{decision_text(i, &d)}</span>
            <span class="meta">{by}</span>
            {d.reason.clone().map(|reason| view! { <span class="meta">{i.t("completion.reason")} ": " {reason}</span> })}
        }
    });
    let enrolment = r.enrolment_id.0;
    // The reason's error belongs to the row its form came from.
    let mine = flash()
        .and_then(|f| f.value("enrolment_id").map(str::to_string))
        .is_some_and(|v| v == enrolment.to_string());
    let reason_error = mine
        .then(|| flash().and_then(|f| f.field_error("reason").map(str::to_string)))
        .flatten();
    let reason_id = format!("reason-{enrolment}");
    let error_id = format!("e-reason-{enrolment}");
    let decide = can_decide.then(|| view! {
        <form method="post" action="/api/record_completion" class="decide">
            <input type="hidden" name="enrolment_id" value=enrolment/>
            <label for=reason_id.clone() class="visually-hidden">{i.t("completion.reason")}</label>
            <input id=reason_id name="reason" type="text" placeholder=i.t("completion.reason_placeholder")
                aria-invalid=reason_error.is_some().then_some("true") aria-describedby=error_id.clone()/>
            <p class="field-error" id=error_id>{reason_error}</p>
            <button type="submit" name="passed" value="1" class="button small">{i.t("completion.decide_pass")}</button>
            <button type="submit" name="passed" value="0" class="button secondary small">{i.t("completion.decide_fail")}</button>
        </form>
    });
    view! {
        <li class="registration">
            <div class="who">
                <strong>{r.name}</strong>
                {r.nip.map(|n| view! { <span class="meta">"NIP " {n}</span> })}
                <span class=if met { "badge ok" } else { "badge" }>{counts}</span>
                {missing.into_iter().map(|m| view! { <span class="meta">"✗ " {m}</span> }).collect_view()}
                {decision}
            </div>
            {decide}
        </li>
    }
}
