//! `/admin/kontribusi/mutasi/:id`: an uploaded bank statement's credit lines, each matched to a
//! bill by its reference and amount or shown with why not; an unmatched line can be matched by
//! hand (by reference); applying pays every matched bill, with its receipt.

use crate::api::fees::fee_statement;
use crate::components::dates::moment;
use crate::components::{loaded, FormMessage, SignedInPage};
use crate::i18n::{use_i18n, I18n};
use crate::model::fees::{StatementLine, StatementPage as Statement};
use crate::model::Role;
use crate::pages::planning::common::rupiah;
use leptos::prelude::*;

/// The review page of one statement.
#[component]
pub fn StatementPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&[Role::Admin] title=i.t("fees.statement_review") children=move |_| {
            let id: i64 = crate::components::route_id();
            let data = Resource::new(move || id, fee_statement);
            loaded(i, data, body)
        }/>
    }
}

fn line_view(i: I18n, statement: i64, l: StatementLine) -> impl IntoView {
    let (badge, text) = match l.state.as_str() {
        "applied" => ("badge status-approved", i.t("fees.line_applied")),
        "matched" => ("badge status-applied", i.t("fees.line_matched_state")),
        _ => ("badge status-waitlisted", i.t("fees.line_unmatched")),
    };
    let bill = l
        .reference
        .clone()
        .map(|r| format!("{r} · {}", l.participant_name.clone().unwrap_or_default()));
    let problem = l
        .problem
        .as_deref()
        .map(|p| i.t(&format!("fees.problem.{p}")));
    let field = format!("reference-{}", l.id);
    let input_id = format!("f-{field}");
    let error_id = format!("e-{field}");
    let by_hand = (l.state == "unmatched").then(|| {
        view! {
            <form method="post" action=format!("/admin/kontribusi/mutasi/{statement}/baris/{}", l.id) class="inline-form">
                <div class="field">
                    <label for=input_id.clone()>{i.t("fees.match_reference")}</label>
                    <input id=input_id type="text" name="reference" autocomplete="off" spellcheck="false" aria-describedby=error_id.clone()/>
                    <p class="field-error" id=error_id data-error-for=field.clone()>{crate::components::form_field_error(&field)}</p>
                </div>
                <button type="submit" class="button secondary small">{i.t("fees.match_by_hand")}</button>
            </form>
        }
    });
    view! {
        <li class="row-item" id=format!("baris-{}", l.id)>
            <span class="who">
                <strong>{rupiah(l.amount)}</strong>
                <span>{l.description}</span>
                <span class="meta">{i.t_with("fees.line_at", &[("line", &l.line_no.to_string()), ("date", &l.booked_on)])}</span>
                {bill.map(|b| view! { <span class="meta">{b}</span> })}
                {problem.map(|p| view! { <span class="meta">{p}</span> })}
            </span>
            <span class=badge>{text}</span>
            {by_hand}
        </li>
    }
}

fn body(i: I18n, s: Statement) -> impl IntoView {
    let id = s.id;
    let matched = s.lines.iter().filter(|l| l.state == "matched").count();
    let apply = (matched > 0).then(|| {
        view! {
            <form method="post" action=format!("/admin/kontribusi/mutasi/{id}/terapkan")>
                <p class="hint">{i.t_with("fees.apply_hint", &[("count", &matched.to_string())])}</p>
                <button type="submit" class="button">{i.t("fees.apply")}</button>
            </form>
        }
    });
    let state = match s.applied_at {
        Some(at) => i.t_with("fees.statement_applied_at", &[("time", &moment(i, at))]),
        None => i.t("fees.statement_waiting"),
    };
    view! {
        <section class="panel">
            <p class="eyebrow"><a href="/admin/kontribusi#mutasi">{i.t("fees.report_title")}</a></p>
            <h1>{i.t("fees.statement_review")}</h1>
            <FormMessage/>
            <p class="lead">{s.file_name.clone()} " · " {moment(i, s.uploaded_at)} " · " {state}</p>
            {apply}
        </section>
        <section class="panel">
            <h2>{i.t("fees.statement_lines")}</h2>
            <ul class="plain-list">
                {s.lines.into_iter().map(|l| line_view(i, id, l)).collect_view()}
            </ul>
        </section>
    }
}
