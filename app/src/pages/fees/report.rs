//! `/admin/kontribusi`: what participant fees brought in within the admin's scope, per program,
//! cohort and cooperation partner, each table with its CSV and XLSX download; and the bank
//! statements uploaded to pay bills by their references.

use crate::api::fees::fee_report;
use crate::components::dates::moment;
use crate::components::plot::TableView;
use crate::components::{loaded, FormMessage, SignedInPage};
use crate::i18n::{use_i18n, I18n};
use crate::model::fees::FeeReportPage as Report;
use crate::model::Role;
use leptos::prelude::*;

/// The fee reports.
#[component]
pub fn FeeReportPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&[Role::Admin] title=i.t("fees.report_title") children=move |_| {
            let data = Resource::new(|| (), |_| fee_report());
            loaded(i, data, body)
        }/>
    }
}

fn body(i: I18n, r: Report) -> impl IntoView {
    let statements = statements_panel(i, r.statements);
    view! {
        <section class="panel">
            <h1>{i.t("fees.report_title")}</h1>
            <FormMessage/>
            <p class="lead">{i.t("fees.report_lead")}</p>
        </section>
        {statements}
        {r.tables.into_iter().map(|table| {
            let key = table.key.clone();
            let empty = table.rows.is_empty();
            view! {
                <section class="panel" id=format!("laporan-{key}")>
                    <h2>{table.title.clone()}</h2>
                    <p class="hint">{table.description.clone()}</p>
                    {if empty {
                        view! { <p class="empty">{i.t("fees.report_empty")}</p> }.into_any()
                    } else {
                        view! { <TableView i=i table=table/> }.into_any()
                    }}
                    <p class="downloads">
                        <a class="button secondary small" href=format!("/admin/kontribusi/{key}.csv")>"CSV"</a>
                        " "
                        <a class="button secondary small" href=format!("/admin/kontribusi/{key}.xlsx")>"XLSX"</a>
                    </p>
                </section>
            }
        }).collect_view()}
    }
}

/// The bank statement upload and the latest statements.
fn statements_panel(
    i: I18n,
    statements: Vec<crate::model::fees::StatementSummary>,
) -> impl IntoView {
    view! {
        <section class="panel" id="mutasi">
            <h2>{i.t("fees.statement_title")}</h2>
            <p class="hint" id="h-file">{i.t("fees.statement_hint")}</p>
            <form method="post" action="/admin/kontribusi/mutasi" enctype="multipart/form-data">
                <div class="field">
                    <label for="f-file">{i.t("fees.statement_file")}</label>
                    <input id="f-file" type="file" name="file" accept=".csv,text/csv" required aria-describedby="h-file e-file"/>
                    <p class="field-error" id="e-file" data-error-for="file">{crate::components::form_field_error("file")}</p>
                </div>
                <button type="submit" class="button secondary">{i.t("fees.statement_upload")}</button>
            </form>
            <ul class="plain-list">
                {statements.into_iter().map(|s| {
                    let state = match s.applied_at {
                        Some(at) => i.t_with("fees.statement_applied_at", &[("time", &moment(i, at))]),
                        None => i.t("fees.statement_waiting"),
                    };
                    view! {
                        <li class="row-item">
                            <span class="who">
                                <a href=format!("/admin/kontribusi/mutasi/{}", s.id)>{s.file_name}</a>
                                <span class="meta">{i.t_with("fees.statement_counts", &[("lines", &s.lines.to_string()), ("unmatched", &s.unmatched.to_string())])} " · " {state}</span>
                            </span>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}
