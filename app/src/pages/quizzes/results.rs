//! `/admin/kuis/:id/hasil` and `/mentor/kuis/:id/hasil`: a quiz's results for staff — summary,
//! pass bands, item analysis with plain-language flags, and a paged participant table. Anyone
//! who may not see them gets the same 404 as for a quiz that does not exist.

use crate::api::quizzes::quiz_results;
use crate::components::{filter_select, loaded, page_count, pager, route_id, SignedInPage};
use crate::i18n::{use_i18n, I18n};
use crate::model::codes::Finisher;
use crate::model::quizzes::{ItemRow, QuizReport, QuizResultRow, ResultParticipant};
use crate::model::{AppError, GroupId, Lang, Role};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::future::Future;

/// `value` with `decimals` places, with a decimal comma in Indonesian.
pub(crate) fn num(i: I18n, value: f64, decimals: usize) -> String {
    let text = format!("{value:.decimals$}");
    match i.0 {
        Lang::Id => text.replace('.', ","),
        Lang::En => text,
    }
}

/// An optional number, or a dash.
pub(crate) fn maybe(i: I18n, value: Option<f64>, decimals: usize) -> String {
    value
        .map(|v| num(i, v, decimals))
        .unwrap_or_else(|| i.t("results.none"))
}

/// The label of a quiz kind.
pub(crate) fn kind_label(i: I18n, kind: &str) -> String {
    match kind {
        "pre" => i.t("results.kind_pre"),
        "post" => i.t("results.kind_post"),
        _ => i.t("results.kind_practice"),
    }
}

/// The page's `kelompok` and `hal` query values.
pub(crate) fn group_and_page() -> (Option<i64>, i64) {
    let query = use_query_map().get_untracked();
    let group = query.get("kelompok").and_then(|g| g.parse::<i64>().ok());
    let page = query
        .get("hal")
        .and_then(|p| p.parse::<i64>().ok())
        .unwrap_or(1);
    (group, page)
}

/// The CSV download of the results page at `path`, for the same group as the page.
pub(crate) fn csv_link(path: &str, group: Option<i64>) -> String {
    match group {
        Some(g) => format!("{path}.csv?kelompok={g}"),
        None => format!("{path}.csv"),
    }
}

/// The pager of the results page at `path` (page `page` of `pages`), keeping its group.
pub(crate) fn group_pager(
    i: I18n,
    path: &str,
    group: Option<i64>,
    page: i64,
    pages: i64,
) -> AnyView {
    let group_query = group.map(|g| format!("kelompok={g}&")).unwrap_or_default();
    pager(i, page, pages, |n| format!("{path}?{group_query}hal={n}"))
}

/// The group filter: a plain GET form that works without JavaScript.
pub(crate) fn group_filter(
    i: I18n,
    action: String,
    groups: &[(i64, String)],
    current: Option<i64>,
) -> AnyView {
    if groups.is_empty() {
        return ().into_any();
    }
    let current = current.map(|id| id.to_string()).unwrap_or_default();
    let options = groups
        .iter()
        .map(|(id, name)| (id.to_string(), name.clone()))
        .collect();
    view! {
        <form class="filters" method="get" action=action>
            {filter_select(i, "kelompok", "results.filter_group", "results.filter_all", &current, options)}
            <button type="submit" class="button secondary">{i.t("results.filter_submit")}</button>
        </form>
    }
    .into_any()
}

/// A results table that scrolls sideways on a narrow screen: column headings are the texts of
/// `columns`, then `rows`. `class` names the table beside `counts`.
pub(crate) fn results_table(
    i: I18n,
    class: &'static str,
    columns: &[&str],
    rows: impl IntoView + 'static,
) -> AnyView {
    let headings = columns
        .iter()
        .map(|key| view! { <th scope="col">{i.t(key)}</th> })
        .collect_view();
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=i.t("core.scroll_table")>
            <table class=format!("counts {class}")>
                <thead>
                    <tr>{headings}</tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

/// A results page's report on the item the route names, for the page's group and page number:
/// `load(id, group, page)`, then `show` (a signed-in page, titled by the key `title`).
pub(crate) fn results_page<Id, T, Fut, V>(
    title: &str,
    load: fn(Id, Option<GroupId>, Option<i64>) -> Fut,
    show: fn(I18n, T) -> V,
) -> impl IntoView
where
    Id: std::str::FromStr + Default + Copy + Send + Sync + 'static,
    T: Clone + Serialize + DeserializeOwned + Send + Sync + 'static,
    Fut: Future<Output = Result<T, AppError>> + Send + 'static,
    V: IntoView + 'static,
{
    let i = use_i18n();
    view! {
        <SignedInPage roles=&Role::ALL title=i.t(title) children=move |_| {
            let id = route_id();
            let (group, page) = group_and_page();
            let report = Resource::new(move || (group, page), move |(group, page)| load(id, group.map(GroupId), Some(page)));
            loaded(i, report, show)
        }/>
    }
}

/// A quiz's results for an admin in scope or a mentor of its cohort.
#[component]
pub fn QuizResultsPage() -> impl IntoView {
    results_page("results.page_title", quiz_results, report_view)
}

fn report_view(i: I18n, r: QuizReport) -> AnyView {
    let quiz = r.quiz.id;
    let base = r.base.clone();
    let cohort = r.cohort.id;
    let path = format!("{base}/kuis/{quiz}/hasil");
    let csv = csv_link(&path, r.group);
    let nav = group_pager(i, &path, r.group, r.page, page_count(r.total, r.page_size));
    let heading = format!(
        "{} · {} · {}",
        kind_label(i, r.quiz.kind.as_str()),
        r.cohort.name,
        r.cohort.program_title
    );
    let counting = if r.counts_first_attempt {
        i.t("results.counts_first")
    } else {
        i.t("results.counts_best")
    };
    let s = &r.summary;
    let pass_rate = s
        .pass_rate
        .map(|rate| {
            i.t_with(
                "results.pass_rate_value",
                &[
                    ("rate", &format!("{} %", num(i, rate * 100.0, 1))),
                    ("passed", &s.passed.to_string()),
                    ("finished", &s.finished.to_string()),
                ],
            )
        })
        .unwrap_or_else(|| i.t("results.none"));
    let filter = group_filter(i, path, &r.groups, r.group);
    view! {
        <section class="panel">
            <p><a href=format!("{base}/angkatan/{cohort}/capaian")>{i.t("results.back_to_gain")}</a></p>
            <h1>{i.t_with("results.quiz_title", &[("title", &r.quiz.title)])}</h1>
            <p class="lead">{heading}</p>
            <p>{counting}</p>
            {r.own_groups_only.then(|| view! { <p class="notice">{i.t("results.own_groups_only")}</p> })}
            {filter}
            <p><a class="button secondary small" href=csv>{i.t("results.download_csv")}</a></p>
        </section>
        <section class="panel" id="ringkasan">
            <h2>{i.t("results.summary")}</h2>
            <dl class="facts">
                <dt>{i.t("results.finished")}</dt><dd data-stat="finished">{s.finished}</dd>
                <dt>{i.t("results.mean")}</dt><dd data-stat="mean">{maybe(i, s.mean_percent, 1)}</dd>
                <dt>{i.t("results.median")}</dt><dd data-stat="median">{maybe(i, s.median_percent, 1)}</dd>
                <dt>{i.t("results.pass_rate")}</dt><dd data-stat="pass-rate">{pass_rate}</dd>
                <dt>{i.t("results.pass_mark")}</dt><dd>{format!("{} %", r.pass_percent)}</dd>
            </dl>
            <table class="counts">
                <caption>{i.t("results.bands")}</caption>
                <tbody>
                    {s.bands.iter().map(|(band, count)| view! {
                        <tr><th scope="row">{i.t(&format!("results.band_{band}"))}</th><td data-band=band.clone()>{*count}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
        {items_view(i, r.items)}
        <section class="panel" id="peserta">
            <h2>{i.t("results.participants")}</h2>
            <p class="summary">{i.t_with("results.participants_count", &[("total", &r.total.to_string())])}</p>
            {if r.rows.is_empty() {
                Either::Left(view! { <p class="empty">{i.t("results.empty")}</p> })
            } else {
                Either::Right(quiz_participants(i, r.rows))
            }}
            {nav}
        </section>
    }
    .into_any()
}

fn items_view(i: I18n, items: Vec<ItemRow>) -> AnyView {
    let body = if items.is_empty() {
        Either::Left(view! { <p class="empty">{i.t("results.no_items")}</p> })
    } else {
        let rows = items
            .into_iter()
            .enumerate()
            .map(|(n, item)| {
                let flags = item
                    .flags
                    .iter()
                    .map(|f| i.t(&format!("results.flag_{f}")))
                    .collect::<Vec<_>>()
                    .join("; ");
                view! {
                    <tr data-question=item.question_id.to_string()>
                        <td>{item.position.map(|p| p + 1).unwrap_or(n as i64 + 1)}</td>
                        <th scope="row">{item.prompt}</th>
                        <td>{item.points}</td>
                        <td>{item.answered}</td>
                        <td data-stat="difficulty">{maybe(i, item.difficulty, 2)}</td>
                        <td data-stat="discrimination">{maybe(i, item.discrimination, 2)}</td>
                        <td>{maybe(i, item.correlation, 2)}</td>
                        <td class="flags">{flags}</td>
                    </tr>
                }
            })
            .collect_view();
        Either::Right(results_table(
            i,
            "items",
            &[
                "results.col_no",
                "results.col_question",
                "results.col_points",
                "results.col_answered",
                "results.col_difficulty",
                "results.col_discrimination",
                "results.col_correlation",
                "results.col_flags",
            ],
            rows,
        ))
    };
    view! {
        <section class="panel" id="butir">
            <h2>{i.t("results.items")}</h2>
            <p class="lead">{i.t("results.items_lead")}</p>
            {body}
        </section>
    }
    .into_any()
}

/// The participants table of a results page: name and email, group, then the `more` columns;
/// each row is a participant with its other cells.
pub(crate) fn participants_table<C: IntoView + 'static>(
    i: I18n,
    more: &[&str],
    rows: impl IntoIterator<Item = (ResultParticipant, C)>,
) -> AnyView {
    let columns: Vec<&str> = ["results.col_name", "results.col_group"]
        .into_iter()
        .chain(more.iter().copied())
        .collect();
    let rows = rows
        .into_iter()
        .map(|(p, cells)| {
            view! {
                <tr data-user=p.user_id.to_string()>
                    <th scope="row"><span>{p.name}</span><br/><span class="meta">{crate::components::email_or_dash(p.email.as_deref())}</span></th>
                    <td>{p.group_name.unwrap_or_else(|| i.t("results.no_group"))}</td>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    results_table(i, "participants", &columns, rows)
}

fn quiz_participants(i: I18n, rows: Vec<QuizResultRow>) -> AnyView {
    let rows = rows.into_iter().map(|row| {
        let passed = if row.passed {
            i.t("results.passed_yes")
        } else {
            i.t("results.passed_no")
        };
        let ended = match row.finished_by {
            Some(Finisher::Deadline) => i.t("results.finished_by_deadline"),
            Some(_) => i.t("results.finished_by_participant"),
            None => i.t("results.none"),
        };
        let cells = view! {
            <td>{row.attempts}</td>
            <td data-stat="score">{num(i, row.percent, 1)}</td>
            <td>{i.t(&format!("results.band_{}", row.band))}</td>
            <td>{passed}</td>
            <td>{ended}</td>
        };
        (row.participant, cells)
    });
    participants_table(
        i,
        &[
            "results.col_attempts",
            "results.col_score",
            "results.col_band",
            "results.col_passed",
            "results.col_finished_by",
        ],
        rows,
    )
}
