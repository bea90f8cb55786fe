//! `/admin/kontribusi`: what participant fees brought in within the admin's scope, per program,
//! cohort and cooperation partner, each table with its CSV and XLSX download.

use crate::api::fees::fee_report;
use crate::components::plot::TableView;
use crate::components::{loaded, SignedInPage};
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
    view! {
        <section class="panel">
            <h1>{i.t("fees.report_title")}</h1>
            <p class="lead">{i.t("fees.report_lead")}</p>
        </section>
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
