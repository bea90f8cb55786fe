//! A figure: title, description, the plot, and the table it was drawn from (folded, so a phone
//! shows the plot first), with links to the table's exports.

use super::bars::{bar_geometry, BarPlot};
use crate::i18n::I18n;
use crate::model::dashboards::{format, ColumnKind, DataTable};
use leptos::prelude::*;

/// The table as HTML: numbers right-aligned in the reader's format.
#[component]
pub fn TableView(i: I18n, table: DataTable) -> impl IntoView {
    let kinds: Vec<ColumnKind> = table.columns.iter().map(|c| c.kind).collect();
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=i.t("core.scroll_table")>
            <table class="data">
                <caption class="visually-hidden">{table.title.clone()}</caption>
                <thead>
                    <tr>
                        {table.columns.iter().map(|c| {
                            let class = if c.kind == ColumnKind::Text { "" } else { "num" };
                            view! { <th scope="col" class=class>{c.label.clone()}</th> }
                        }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {table.rows.iter().map(|row| view! {
                        <tr>
                            {row.iter().zip(kinds.iter()).map(|(v, k)| {
                                let class = if *k == ColumnKind::Text { "" } else { "num" };
                                view! { <td class=class>{format::value(i.0, v, *k)}</td> }
                            }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// A plotted table: bars of column `column` (scaled to `max` if given, else to the largest
/// value), the table beneath, and CSV/XLSX links at `export` (a path without the extension).
#[component]
pub fn Figure(
    i: I18n,
    table: DataTable,
    column: usize,
    #[prop(optional)] max: Option<f64>,
    #[prop(optional)] export: Option<String>,
    /// A query string (`?program=3`) the export links carry, or empty.
    #[prop(optional, into)]
    export_query: String,
) -> impl IntoView {
    let rows = bar_geometry(i.0, &table, column, max);
    let empty = rows.is_empty();
    let id = format!("plot-{}", table.key);
    let figure_id = id.clone();
    let title = table.title.clone();
    let description = table.description.clone();
    view! {
        <figure class="figure" id=figure_id aria-live="polite">
            <figcaption>
                <h3>{title.clone()}</h3>
                <p class="hint">{description.clone()}</p>
            </figcaption>
            {if empty {
                view! { <p class="empty">{i.t("dashboard.no_data")}</p> }.into_any()
            } else {
                view! { <BarPlot id=id title=title description=description rows=rows/> }.into_any()
            }}
            <details class="figure-table">
                <summary>{i.t("dashboard.show_table")}</summary>
                <TableView i=i table=table/>
            </details>
            {export.map(move |path| view! {
                <p class="exports">
                    <a href=format!("{path}.csv{export_query}") download="">{i.t("dashboard.export_csv")}</a>
                    " · "
                    <a href=format!("{path}.xlsx{export_query}") download="">{i.t("dashboard.export_xlsx")}</a>
                </p>
            })}
        </figure>
    }
}
