//! The three admin dashboards put together from the summary tables: the agency overview, a
//! program (its cohorts' figures merged) and a cohort.

use super::{read, tables};
use crate::i18n::I18n;
use crate::model::dashboards::figures::{CohortFigures, Count};
use crate::model::dashboards::format;
use crate::model::dashboards::view::{
    AgencyOverview, Dashboard, OverviewFilter, Plotted, Section, Tile,
};
use crate::model::dashboards::{Column, ColumnKind, DataTable, Value};
use crate::model::wib;
use crate::model::AppError;
use crate::ssr::db::{internal, Db};

fn share(part: i64, whole: i64) -> Value {
    if whole > 0 {
        Value::Number(part as f64 / whole as f64)
    } else {
        Value::Missing
    }
}

fn percent_text(i: I18n, part: i64, whole: i64) -> String {
    if whole > 0 {
        format::percent(i.0, part as f64 / whole as f64, 1)
    } else {
        "–".to_string()
    }
}

/// The regency names of the figures' region codes.
async fn names_of(
    db: &Db,
    f: &CohortFigures,
) -> Result<std::collections::HashMap<String, String>, AppError> {
    let codes: Vec<String> = f.by_region.iter().map(|c| c.label.clone()).collect();
    read::region_names(db, &codes)
        .await
        .map_err(|e| internal("dashboard region names", e))
}

fn tiles(i: I18n, f: &CohortFigures) -> Vec<Tile> {
    let n = &f.funnel;
    vec![
        Tile {
            label: i.t("dashboard.tile_approved"),
            value: format::int(i.0, n.approved),
        },
        Tile {
            label: i.t("dashboard.tile_active_week"),
            value: format::int(i.0, n.active_week),
        },
        Tile {
            label: i.t("dashboard.tile_completion"),
            value: percent_text(i, n.completed, n.approved),
        },
        Tile {
            label: i.t("dashboard.tile_certified"),
            value: format::int(i.0, n.certified),
        },
        Tile {
            label: i.t("dashboard.tile_jp"),
            value: format::int(i.0, f.jp_delivered),
        },
        Tile {
            label: i.t("dashboard.tile_class_gain"),
            value: f
                .gain
                .class_gain
                .map(|g| format::decimal(i.0, g, 2))
                .unwrap_or_else(|| "–".to_string()),
        },
    ]
}

/// A cohort's dashboard (the caller has checked the scope).
pub async fn cohort(db: &Db, i: I18n, cohort: i64) -> Result<Option<Dashboard>, AppError> {
    let heading: Option<(String, String, i64, String, String)> = sqlx::query_as(
        "select c.name, p.title, p.id, c.starts_on, c.ends_on from cohort c \
         join program p on p.id = c.program_id where c.id = $1",
    )
    .bind(cohort)
    .fetch_optional(db)
    .await
    .map_err(|e| internal("dashboard cohort", e))?;
    let Some((name, program, program_id, starts, ends)) = heading else {
        return Ok(None);
    };
    let figures = read::snapshot(db, cohort)
        .await
        .map_err(|e| internal("dashboard snapshot", e))?;
    let refreshed_at = figures.as_ref().map(|f| f.refreshed_at);
    let f = figures.unwrap_or_default();
    let regions = names_of(db, &f).await?;
    let english = i.0 == crate::model::Lang::En;
    Ok(Some(Dashboard {
        title: i.t_with("dashboard.cohort_title", &[("name", &name)]),
        subtitle: format!(
            "{program} · {} – {}",
            wib::pretty_date(&starts, english),
            wib::pretty_date(&ends, english)
        ),
        tiles: tiles(i, &f),
        sections: tables::sections(i, &f, &regions, Vec::new()),
        refreshed_at,
        export_base: format!("/admin/angkatan/{cohort}/dasbor"),
        export_query: String::new(),
        links: vec![
            (
                i.t("dashboard.link_program"),
                format!("/admin/program/{program_id}/dasbor"),
            ),
            (
                i.t("dashboard.link_report"),
                format!("/admin/angkatan/{cohort}/laporan.pdf"),
            ),
            (
                i.t("dashboard.link_participants_csv"),
                format!("/admin/angkatan/{cohort}/dasbor/peserta.csv"),
            ),
            (
                i.t("dashboard.link_participants_xlsx"),
                format!("/admin/angkatan/{cohort}/dasbor/peserta.xlsx"),
            ),
            (
                i.t("dashboard.link_roster"),
                format!("/admin/angkatan/{cohort}/peserta"),
            ),
        ],
    }))
}

/// Adds `other` (the figures of cohort `cohort_name`) into `sum`, a program's total.
pub fn merge(sum: &mut CohortFigures, other: &CohortFigures, cohort_name: &str) {
    sum.refreshed_at = if sum.refreshed_at == 0 {
        other.refreshed_at
    } else {
        sum.refreshed_at.min(other.refreshed_at)
    };
    sum.funnel.add(&other.funnel);
    sum.jp_delivered += other.jp_delivered;
    if sum.jp_bands.len() < other.jp_bands.len() {
        sum.jp_bands.resize(other.jp_bands.len(), 0);
    }
    for (s, o) in sum.jp_bands.iter_mut().zip(other.jp_bands.iter()) {
        *s += o;
    }
    for s in &other.sessions {
        let mut s = s.clone();
        s.title = format!("{cohort_name}: {}", s.title);
        sum.sessions.push(s);
    }
    let (g, o) = (&mut sum.gain, &other.gain);
    let weighted = |a: Option<f64>, n: i64, b: Option<f64>, m: i64| match (a, b) {
        (Some(a), Some(b)) if n + m > 0 => Some((a * n as f64 + b * m as f64) / (n + m) as f64),
        (None, b) => b,
        (a, None) => a,
        _ => None,
    };
    g.mean_pre = weighted(g.mean_pre, g.matched, o.mean_pre, o.matched);
    g.mean_post = weighted(g.mean_post, g.matched, o.mean_post, o.matched);
    g.class_gain = crate::ssr::quizzes::analysis::normalized_gain(g.mean_pre, g.mean_post);
    g.matched += o.matched;
    g.with_pre += o.with_pre;
    g.with_post += o.with_post;
    g.low += o.low;
    g.medium += o.medium;
    g.high += o.high;
    g.at_ceiling += o.at_ceiling;
    if g.histogram.len() < o.histogram.len() {
        g.histogram.resize(o.histogram.len(), 0);
    }
    for (s, o) in g.histogram.iter_mut().zip(o.histogram.iter()) {
        *s += o;
    }
    for m in &other.mentors {
        let mut m = m.clone();
        m.name = format!("{} ({cohort_name})", m.name);
        sum.mentors.push(m);
    }
    let add = |into: &mut Vec<Count>, from: &[Count]| {
        for c in from {
            match into.iter_mut().find(|x| x.label == c.label) {
                Some(x) => x.count += c.count,
                None => into.push(c.clone()),
            }
        }
    };
    add(&mut sum.by_rank, &other.by_rank);
    add(&mut sum.by_region, &other.by_region);
    add(&mut sum.by_level, &other.by_level);
    add(&mut sum.by_subject, &other.by_subject);
    sum.by_region
        .sort_by(|a, b| b.count.cmp(&a.count).then(a.label.cmp(&b.label)));
    sum.by_level
        .sort_by(|a, b| b.count.cmp(&a.count).then(a.label.cmp(&b.label)));
    sum.by_subject
        .sort_by(|a, b| b.count.cmp(&a.count).then(a.label.cmp(&b.label)));
}

/// A program's dashboard: its cohorts' figures merged, and a table of the cohorts.
pub async fn program(db: &Db, i: I18n, program: i64) -> Result<Option<Dashboard>, AppError> {
    let heading: Option<(String, i64)> =
        sqlx::query_as("select title, total_jp from program where id = $1")
            .bind(program)
            .fetch_optional(db)
            .await
            .map_err(|e| internal("dashboard program", e))?;
    let Some((title, total_jp)) = heading else {
        return Ok(None);
    };
    let cohorts = read::program_snapshots(db, program)
        .await
        .map_err(|e| internal("dashboard program snapshots", e))?;
    let mut sum = CohortFigures::default();
    let mut per_cohort = DataTable::new(
        "angkatan",
        i.t("dashboard.cohorts_title"),
        i.t("dashboard.cohorts_desc"),
        vec![
            Column::new(i.t("dashboard.col_cohort"), ColumnKind::Text),
            Column::new(i.t("dashboard.col_completion"), ColumnKind::Percent(1)),
            Column::new(i.t("dashboard.col_approved"), ColumnKind::Int),
            Column::new(i.t("dashboard.col_active_week"), ColumnKind::Int),
            Column::new(i.t("dashboard.col_completed"), ColumnKind::Int),
            Column::new(i.t("dashboard.col_certified"), ColumnKind::Int),
            Column::new("JP", ColumnKind::Int),
        ],
    );
    let mut counted_any = false;
    let mut links = Vec::new();
    for (id, name, figures) in &cohorts {
        links.push((name.clone(), format!("/admin/angkatan/{id}/dasbor")));
        let Some(f) = figures else {
            per_cohort.push(vec![
                name.clone().into(),
                Value::Missing,
                Value::Missing,
                Value::Missing,
                Value::Missing,
                Value::Missing,
                Value::Missing,
            ]);
            continue;
        };
        counted_any = true;
        merge(&mut sum, f, name);
        per_cohort.push(vec![
            name.clone().into(),
            share(f.funnel.completed, f.funnel.approved),
            f.funnel.approved.into(),
            f.funnel.active_week.into(),
            f.funnel.completed.into(),
            f.funnel.certified.into(),
            f.jp_delivered.into(),
        ]);
    }
    let regions = names_of(db, &sum).await?;
    let refreshed_at = counted_any.then_some(sum.refreshed_at);
    let per_cohort = Plotted {
        table: per_cohort,
        column: 1,
        max: Some(1.0),
    };
    Ok(Some(Dashboard {
        title: i.t_with("dashboard.program_title", &[("name", &title)]),
        subtitle: i.t_with(
            "dashboard.program_subtitle",
            &[
                ("cohorts", &format::int(i.0, cohorts.len() as i64)),
                ("jp", &format::int(i.0, total_jp)),
            ],
        ),
        tiles: tiles(i, &sum),
        sections: tables::sections(i, &sum, &regions, vec![per_cohort]),
        refreshed_at,
        export_base: format!("/admin/program/{program}/dasbor"),
        export_query: String::new(),
        links,
    }))
}

/// The agency overview for an admin whose scope is `root`.
pub async fn agency(
    db: &Db,
    i: I18n,
    root: i64,
    filter: OverviewFilter,
    today: &str,
) -> Result<AgencyOverview, AppError> {
    let fail = |e| internal("dashboard overview", e);
    let programs = read::sums(db, root, &filter, "program")
        .await
        .map_err(fail)?;
    let regions = read::sums(db, root, &filter, "region")
        .await
        .map_err(fail)?;
    let running = read::programs_running(db, root, &filter, today)
        .await
        .map_err(fail)?;
    let needs = read::needs_against_delivery(db, root, &filter, i.0 == crate::model::Lang::En)
        .await
        .map_err(fail)?;
    let refreshed_at = read::oldest_refresh(db, root).await.map_err(fail)?;
    let (program_choices, institution_choices) =
        read::filter_choices(db, root).await.map_err(fail)?;
    let scope_name: Option<String> =
        sqlx::query_scalar("select name from institution where id = $1")
            .bind(root)
            .fetch_optional(db)
            .await
            .map_err(fail)?;

    let mut total = CohortFigures::default();
    for p in &programs {
        total.funnel.add(&p.funnel);
        total.jp_delivered += p.jp;
    }
    let n = &total.funnel;
    let tiles = vec![
        Tile {
            label: i.t("dashboard.tile_programs_running"),
            value: format::int(i.0, running),
        },
        Tile {
            label: i.t("dashboard.tile_approved"),
            value: format::int(i.0, n.approved),
        },
        Tile {
            label: i.t("dashboard.tile_active_week"),
            value: format::int(i.0, n.active_week),
        },
        Tile {
            label: i.t("dashboard.tile_completion"),
            value: percent_text(i, n.completed, n.approved),
        },
        Tile {
            label: i.t("dashboard.tile_certified"),
            value: format::int(i.0, n.certified),
        },
        Tile {
            label: i.t("dashboard.tile_jp"),
            value: format::int(i.0, total.jp_delivered),
        },
    ];

    let mut by_program = DataTable::new(
        "program",
        i.t("dashboard.programs_title"),
        i.t("dashboard.programs_desc"),
        vec![
            Column::new(i.t("dashboard.col_program"), ColumnKind::Text),
            Column::new(i.t("dashboard.col_completion"), ColumnKind::Percent(1)),
            Column::new(i.t("dashboard.col_cohorts"), ColumnKind::Int),
            Column::new(i.t("dashboard.col_approved"), ColumnKind::Int),
            Column::new(i.t("dashboard.col_active_week"), ColumnKind::Int),
            Column::new(i.t("dashboard.col_completed"), ColumnKind::Int),
            Column::new(i.t("dashboard.col_certified"), ColumnKind::Int),
            Column::new("JP", ColumnKind::Int),
        ],
    );
    for p in &programs {
        by_program.push(vec![
            p.label.clone().into(),
            share(p.funnel.completed, p.funnel.approved),
            p.cohorts.into(),
            p.funnel.approved.into(),
            p.funnel.active_week.into(),
            p.funnel.completed.into(),
            p.funnel.certified.into(),
            p.jp.into(),
        ]);
    }
    let codes: Vec<String> = regions.iter().map(|r| r.key.clone()).collect();
    let names = read::region_names(db, &codes).await.map_err(fail)?;
    let mut by_region = DataTable::new(
        "wilayah",
        i.t("dashboard.regions_title"),
        i.t("dashboard.regions_desc"),
        vec![
            Column::new(i.t("dashboard.col_region"), ColumnKind::Text),
            Column::new(i.t("dashboard.col_approved"), ColumnKind::Int),
            Column::new(i.t("dashboard.col_completed"), ColumnKind::Int),
            Column::new(i.t("dashboard.col_completion"), ColumnKind::Percent(1)),
            Column::new("JP", ColumnKind::Int),
        ],
    );
    let mut regions = regions;
    regions.sort_by(|a, b| {
        b.funnel
            .approved
            .cmp(&a.funnel.approved)
            .then(a.key.cmp(&b.key))
    });
    for r in &regions {
        let label = match names.get(&r.key) {
            Some(name) => format!("{name} ({})", r.key),
            None if r.key.is_empty() => i.t("dashboard.unknown"),
            None => r.key.clone(),
        };
        by_region.push(vec![
            label.into(),
            r.funnel.approved.into(),
            r.funnel.completed.into(),
            share(r.funnel.completed, r.funnel.approved),
            r.jp.into(),
        ]);
    }
    let mut by_need = DataTable::new(
        "kebutuhan",
        i.t("dashboard.needs_title"),
        i.t("dashboard.needs_desc"),
        vec![
            Column::new(i.t("dashboard.col_competency"), ColumnKind::Text),
            Column::new(i.t("dashboard.col_coverage"), ColumnKind::Percent(1)),
            Column::new(i.t("dashboard.col_needs"), ColumnKind::Int),
            Column::new(i.t("dashboard.col_teachers_proposed"), ColumnKind::Int),
            Column::new(i.t("dashboard.col_programs_delivered"), ColumnKind::Int),
            Column::new(i.t("dashboard.col_approved"), ColumnKind::Int),
            Column::new(i.t("dashboard.col_completed"), ColumnKind::Int),
        ],
    );
    for (label, count, teachers, delivered, approved, completed) in needs {
        by_need.push(vec![
            label.into(),
            share(approved.min(teachers), teachers),
            count.into(),
            teachers.into(),
            delivered.into(),
            approved.into(),
            completed.into(),
        ]);
    }
    let query = filter.query();
    let links = programs
        .iter()
        .filter_map(|p| {
            p.key
                .parse::<i64>()
                .ok()
                .map(|id| (p.label.clone(), format!("/admin/program/{id}/dasbor")))
        })
        .collect();
    Ok(AgencyOverview {
        dashboard: Dashboard {
            title: i.t("dashboard.agency_title"),
            subtitle: scope_name.unwrap_or_default(),
            tiles,
            sections: vec![
                Section {
                    title: i.t("dashboard.section_progress"),
                    figures: vec![tables::funnel(i, &total)],
                },
                Section {
                    title: i.t("dashboard.section_programs"),
                    figures: vec![Plotted {
                        table: by_program,
                        column: 1,
                        max: Some(1.0),
                    }],
                },
                Section {
                    title: i.t("dashboard.section_regions"),
                    figures: vec![Plotted {
                        table: by_region,
                        column: 1,
                        max: None,
                    }],
                },
                Section {
                    title: i.t("dashboard.section_needs"),
                    figures: vec![Plotted {
                        table: by_need,
                        column: 1,
                        max: Some(1.0),
                    }],
                },
            ],
            refreshed_at,
            export_base: "/admin/dasbor/ekspor".to_string(),
            export_query: query,
            links,
        },
        filter,
        programs: program_choices,
        institutions: institution_choices,
    })
}
