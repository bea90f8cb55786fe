//! What every dashboard page shows: its title, when the figures were counted, headline tiles,
//! links, then its sections of plotted tables.

use crate::components::plot::Figure;
use crate::i18n::I18n;
use crate::model::dashboards::view::Dashboard;
use crate::model::wib;
use leptos::prelude::*;

/// The dashboard's heading panel and sections; `controls` (a filter form) goes under the heading.
pub fn dashboard_body(i: I18n, d: Dashboard, controls: Option<AnyView>) -> impl IntoView {
    let as_of = match d.refreshed_at {
        Some(at) => i.t_with(
            "dashboard.as_of",
            &[("time", &format!("{} WIB", wib::date_time_of(at)))],
        ),
        None => i.t("dashboard.not_counted"),
    };
    let base = d.export_base.clone();
    let query = d.export_query.clone();
    view! {
        <section class="panel dashboard-head">
            <h1>{d.title}</h1>
            <p class="lead">{d.subtitle}</p>
            <p class="meta" id="dasbor-waktu">{as_of}</p>
            {controls}
            <ul class="stats" id="dasbor-ringkas">
                {d.tiles.into_iter().map(|t| view! {
                    <li><span class="stat">{t.value}</span> <span>{t.label}</span></li>
                }).collect_view()}
            </ul>
            {(!d.links.is_empty()).then(|| view! {
                <p class="actions dashboard-links">
                    {d.links.into_iter().map(|(label, href)| view! {
                        <a class="button secondary small" href=href>{label}</a>" "
                    }).collect_view()}
                </p>
            })}
        </section>
        {d.sections.into_iter().map(|s| {
            let base = base.clone();
            let query = query.clone();
            view! {
                <section class="panel">
                    <h2>{s.title}</h2>
                    <div class="dashboard-grid">
                        {s.figures.into_iter().map(|p| {
                            let export = format!("{base}/{}", p.table.key);
                            match p.max {
                                Some(max) => view! {
                                    <Figure i=i table=p.table column=p.column max=max export=export export_query=query.clone()/>
                                }.into_any(),
                                None => view! {
                                    <Figure i=i table=p.table column=p.column export=export export_query=query.clone()/>
                                }.into_any(),
                            }
                        }).collect_view()}
                    </div>
                </section>
            }
        }).collect_view()}
    }
}
