//! `/admin/angkatan/:id/capaian` and `/mentor/angkatan/:id/capaian`: a cohort's learning gain —
//! pre-test, post-test and normalized gain for the cohort and each group, a paged participant
//! table, and links to each quiz's results. Anyone who may not see it gets the same 404 as for
//! a cohort that does not exist.

use super::results::{
    csv_link, group_filter, group_pager, kind_label, maybe, num, participants_table, results_page,
    results_table,
};
use crate::api::quizzes::cohort_gain;
use crate::components::page_count;
use crate::i18n::I18n;
use crate::model::groups::GroupCard;
use crate::model::quizzes::{gain_level, GainReport, GainRow, GainStats, GroupGain, QuizLink};
use leptos::either::Either;
use leptos::prelude::*;

/// A cohort's learning gain for an admin in scope or a mentor of the cohort.
#[component]
pub fn CohortGainPage() -> impl IntoView {
    results_page("results.gain_title", cohort_gain, gain_view)
}

/// A gain with Hake's level beside it ("0,45 (sedang)").
fn gain_text(i: I18n, g: Option<f64>) -> String {
    match g {
        Some(g) => format!(
            "{} ({})",
            num(i, g, 2),
            i.t(&format!("results.level_{}", gain_level(g)))
        ),
        None => i.t("results.none"),
    }
}

fn quiz_line(i: I18n, base: &str, quiz: Option<&QuizLink>, missing: &str) -> AnyView {
    match quiz {
        Some(q) => {
            let href = format!("{base}/kuis/{}/hasil", q.id);
            view! {
                <li>{kind_label(i, q.kind.as_str())}": "<a href=href>{q.title.clone()}</a></li>
            }
            .into_any()
        }
        None => view! { <li class="empty">{i.t(missing)}</li> }.into_any(),
    }
}

fn stats_view(i: I18n, title: String, s: &GainStats) -> AnyView {
    view! {
        <section class="panel" id="ringkasan">
            <h2>{title}</h2>
            <dl class="facts">
                <dt>{i.t("results.participants_total")}</dt><dd data-stat="participants">{s.participants}</dd>
                <dt>{i.t("results.with_pre")}</dt><dd data-stat="with-pre">{s.with_pre}</dd>
                <dt>{i.t("results.with_post")}</dt><dd data-stat="with-post">{s.with_post}</dd>
                <dt>{i.t("results.matched")}</dt><dd data-stat="matched">{s.matched}</dd>
                <dt>{i.t("results.mean_pre")}</dt><dd data-stat="mean-pre">{maybe(i, s.mean_pre, 1)}</dd>
                <dt>{i.t("results.mean_post")}</dt><dd data-stat="mean-post">{maybe(i, s.mean_post, 1)}</dd>
                <dt>{i.t("results.class_gain")}</dt><dd data-stat="class-gain">{gain_text(i, s.class_gain)}</dd>
                <dt>{i.t("results.mean_gain")}</dt><dd data-stat="mean-gain">{gain_text(i, s.mean_gain)}</dd>
                <dt>{i.t("results.at_ceiling")}</dt><dd data-stat="at-ceiling">{s.at_ceiling}</dd>
            </dl>
        </section>
    }
    .into_any()
}

fn groups_view(i: I18n, groups: Vec<GroupGain>) -> AnyView {
    if groups.is_empty() {
        return ().into_any();
    }
    let rows = groups
        .into_iter()
        .map(|g| {
            view! {
                <tr data-group=g.id.map(|id| id.to_string()).unwrap_or_default()>
                    <th scope="row">{g.name.unwrap_or_else(|| i.t("results.no_group"))}</th>
                    <td>{g.stats.participants}</td>
                    <td>{g.stats.matched}</td>
                    <td>{maybe(i, g.stats.mean_pre, 1)}</td>
                    <td>{maybe(i, g.stats.mean_post, 1)}</td>
                    <td data-stat="class-gain">{maybe(i, g.stats.class_gain, 2)}</td>
                    <td data-stat="mean-gain">{maybe(i, g.stats.mean_gain, 2)}</td>
                </tr>
            }
        })
        .collect_view();
    let table = results_table(
        i,
        "groups",
        &[
            "results.col_group",
            "results.participants_total",
            "results.matched",
            "results.mean_pre",
            "results.mean_post",
            "results.col_class_gain",
            "results.col_mean_gain",
        ],
        rows,
    );
    view! {
        <section class="panel" id="kelompok">
            <h2>{i.t("results.by_group")}</h2>
            {table}
        </section>
    }
    .into_any()
}

fn rows_view(i: I18n, rows: Vec<GainRow>) -> AnyView {
    if rows.is_empty() {
        return view! { <p class="empty">{i.t("results.gain_empty")}</p> }.into_any();
    }
    let rows = rows.into_iter().map(|row| {
        let cells = view! {
            <td data-stat="pre">{maybe(i, row.pre, 1)}</td>
            <td data-stat="post">{maybe(i, row.post, 1)}</td>
            <td data-stat="gain">{maybe(i, row.gain, 2)}</td>
            <td>{row.band.map(|b| i.t(&format!("results.band_{b}"))).unwrap_or_else(|| i.t("results.none"))}</td>
        };
        (row.participant, cells)
    });
    participants_table(
        i,
        &[
            "results.col_pre",
            "results.col_post",
            "results.col_gain",
            "results.col_band",
        ],
        rows,
    )
}

fn gain_view(i: I18n, r: GainReport) -> AnyView {
    let cohort = r.cohort.id;
    let base = r.base.clone();
    let path = format!("{base}/angkatan/{cohort}/capaian");
    let csv = csv_link(&path, r.group);
    let nav = group_pager(i, &path, r.group, r.page, page_count(r.total, r.page_size));
    let back = (base == "/admin").then(|| {
        view! { <p><a href=format!("/admin/angkatan/{cohort}")>{i.t("results.back_to_cohort")}</a></p> }
    });
    let overall_title = if r.own_groups_only {
        i.t("results.overall_own")
    } else {
        i.t("results.overall")
    };
    let filter_groups: Vec<(i64, String)> = r
        .groups
        .iter()
        .filter_map(|g| Some((g.id?.0, g.name.clone()?)))
        .collect();
    let filter = group_filter(i, path, &filter_groups, r.group);
    let quizzes = if r.quizzes.is_empty() {
        Either::Left(view! { <p class="empty">{i.t("results.no_quizzes")}</p> })
    } else {
        Either::Right(view! {
            <ul class="plain-list">
                {r.quizzes.iter().map(|q| {
                    let href = format!("{base}/kuis/{}/hasil", q.id);
                    view! {
                        <li class="row-item">
                            <span class="who"><strong>{q.title.clone()}</strong><span class="meta">{kind_label(i, q.kind.as_str())}</span></span>
                            <a class="button secondary small" href=href>{i.t("results.see_results")}</a>
                        </li>
                    }
                }).collect_view()}
            </ul>
        })
    };
    view! {
        <section class="panel">
            {back}
            <h1>{i.t("results.gain_title")}</h1>
            <p class="lead">{format!("{} · {}", r.cohort.name, r.cohort.program_title)}</p>
            <p>{i.t("results.gain_lead")}</p>
            <ul class="plain-list">
                {quiz_line(i, &base, r.pre_quiz.as_ref(), "results.no_pre")}
                {quiz_line(i, &base, r.post_quiz.as_ref(), "results.no_post")}
            </ul>
            {r.own_groups_only.then(|| view! { <p class="notice">{i.t("results.own_groups_only")}</p> })}
            <p><a class="button secondary small" href=csv>{i.t("results.download_csv")}</a></p>
        </section>
        {stats_view(i, overall_title, &r.overall)}
        {groups_view(i, r.groups)}
        <section class="panel" id="peserta">
            <h2>{i.t("results.participants")}</h2>
            {filter}
            <p class="summary">{i.t_with("results.participants_count", &[("total", &r.total.to_string())])}</p>
            {rows_view(i, r.rows)}
            {nav}
        </section>
        <section class="panel" id="kuis">
            <h2>{i.t("results.quizzes")}</h2>
            {quizzes}
        </section>
    }
    .into_any()
}

/// Links from a mentor's home to the learning gain of each cohort they lead a group in.
pub fn mentor_gain_links(i: I18n, groups: &[GroupCard]) -> AnyView {
    let mut cohorts: Vec<(i64, String, String)> = Vec::new();
    for g in groups {
        if !cohorts.iter().any(|(id, _, _)| *id == g.cohort_id.0) {
            cohorts.push((
                g.cohort_id.0,
                g.cohort_name.clone(),
                g.program_title.clone(),
            ));
        }
    }
    if cohorts.is_empty() {
        return ().into_any();
    }
    view! {
        <nav class="cohort-links" aria-label=i.t("results.mentor_links")>
            {cohorts.into_iter().map(|(id, name, program)| view! {
                <a class="button secondary small" href=format!("/mentor/angkatan/{id}/capaian")>
                    {i.t("results.link_gain")}": "{program.clone()}" · "{name.clone()}
                </a>
                <a class="button secondary small" href=format!("/mentor/angkatan/{id}/kehadiran")>
                    {i.t("sessions.table_title")}": "{program}" · "{name}
                </a>
            }).collect_view()}
        </nav>
    }
    .into_any()
}
