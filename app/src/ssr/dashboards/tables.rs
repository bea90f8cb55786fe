//! A cohort's (or a program's merged) figures worded as the tables its dashboard plots: the
//! funnel, attendance and JP, learning gain, mentors, and who the participants are.

use crate::i18n::I18n;
use crate::model::dashboards::figures::{CohortFigures, Count, GAIN_BANDS};
use crate::model::dashboards::view::{Plotted, Section};
use crate::model::dashboards::{Column, ColumnKind, DataTable, Value};
use crate::model::wib;
use std::collections::HashMap;

fn share(part: i64, whole: i64) -> Value {
    if whole > 0 {
        Value::Number(part as f64 / whole as f64)
    } else {
        Value::Missing
    }
}

fn plotted(table: DataTable, column: usize, max: Option<f64>) -> Plotted {
    Plotted { table, column, max }
}

/// The funnel: each step's count and its share of the approved participants.
pub fn funnel(i: I18n, f: &CohortFigures) -> Plotted {
    let mut t = DataTable::new(
        "corong",
        i.t("dashboard.funnel_title"),
        i.t("dashboard.funnel_desc"),
        vec![
            Column::new(i.t("dashboard.col_step"), ColumnKind::Text),
            Column::new(i.t("dashboard.col_participants"), ColumnKind::Int),
            Column::new(i.t("dashboard.col_share_approved"), ColumnKind::Percent(1)),
        ],
    );
    let n = &f.funnel;
    for (key, value) in [
        ("dashboard.step_registered", n.registered),
        ("dashboard.step_approved", n.approved),
        ("dashboard.step_active", n.active),
        ("dashboard.step_post_test", n.post_test_done),
        ("dashboard.step_completed", n.completed),
        ("dashboard.step_certified", n.certified),
    ] {
        t.push(vec![
            i.t(key).into(),
            value.into(),
            share(value, n.approved),
        ]);
    }
    plotted(t, 1, None)
}

/// Attendance per session, plotted as the share of approved participants present.
pub fn sessions(i: I18n, f: &CohortFigures) -> Plotted {
    let mut t = DataTable::new(
        "kehadiran",
        i.t("dashboard.sessions_title"),
        i.t("dashboard.sessions_desc"),
        vec![
            Column::new(i.t("dashboard.col_session"), ColumnKind::Text),
            Column::new(i.t("dashboard.col_rate"), ColumnKind::Percent(1)),
            Column::new(i.t("dashboard.col_date"), ColumnKind::Text),
            Column::new("JP", ColumnKind::Int),
            Column::new(i.t("dashboard.col_present"), ColumnKind::Int),
            Column::new(i.t("dashboard.col_excused"), ColumnKind::Int),
            Column::new(i.t("dashboard.col_absent"), ColumnKind::Int),
        ],
    );
    for s in &f.sessions {
        t.push(vec![
            s.title.clone().into(),
            share(s.attended, f.funnel.approved),
            wib::date_of(s.starts_at).into(),
            s.jp.into(),
            s.attended.into(),
            s.excused.into(),
            s.absent.into(),
        ]);
    }
    plotted(t, 1, Some(1.0))
}

/// Participants by the share of the session JP they attended.
pub fn jp_bands(i: I18n, f: &CohortFigures) -> Plotted {
    let mut t = DataTable::new(
        "jp",
        i.t("dashboard.jp_title"),
        i.t("dashboard.jp_desc"),
        vec![
            Column::new(i.t("dashboard.col_jp_band"), ColumnKind::Text),
            Column::new(i.t("dashboard.col_participants"), ColumnKind::Int),
        ],
    );
    let labels = ["0", "1–25 %", "26–50 %", "51–75 %", "76–99 %", "100 %"];
    for (label, count) in labels.iter().zip(f.jp_bands.iter()) {
        t.push(vec![(*label).into(), (*count).into()]);
    }
    plotted(t, 1, None)
}

/// Hake's categories of individual gain, and the class gain in the description.
pub fn gain_categories(i: I18n, f: &CohortFigures) -> Plotted {
    let g = &f.gain;
    let class = g
        .class_gain
        .map(|x| crate::model::dashboards::format::decimal(i.0, x, 2))
        .unwrap_or_else(|| "–".to_string());
    let mut t = DataTable::new(
        "capaian-kategori",
        i.t("dashboard.gain_title"),
        i.t_with(
            "dashboard.gain_desc",
            &[("class", &class), ("matched", &g.matched.to_string())],
        ),
        vec![
            Column::new(i.t("dashboard.col_category"), ColumnKind::Text),
            Column::new(i.t("dashboard.col_participants"), ColumnKind::Int),
            Column::new(i.t("dashboard.col_share"), ColumnKind::Percent(1)),
        ],
    );
    let gains = g.low + g.medium + g.high;
    for (key, n) in [
        ("dashboard.gain_high", g.high),
        ("dashboard.gain_medium", g.medium),
        ("dashboard.gain_low", g.low),
    ] {
        t.push(vec![i.t(key).into(), n.into(), share(n, gains)]);
    }
    plotted(t, 1, None)
}

/// The distribution of individual gains in bands of 0.1.
pub fn gain_histogram(i: I18n, f: &CohortFigures) -> Plotted {
    let mut t = DataTable::new(
        "capaian-sebaran",
        i.t("dashboard.gain_hist_title"),
        i.t("dashboard.gain_hist_desc"),
        vec![
            Column::new(i.t("dashboard.col_gain_band"), ColumnKind::Text),
            Column::new(i.t("dashboard.col_participants"), ColumnKind::Int),
        ],
    );
    let comma = |x: usize| crate::model::dashboards::format::decimal(i.0, x as f64 / 10.0, 1);
    for band in 0..GAIN_BANDS {
        let label = if band == 0 {
            "< 0".to_string()
        } else {
            format!("{}–{}", comma(band - 1), comma(band))
        };
        let n = f.gain.histogram.get(band).copied().unwrap_or(0);
        t.push(vec![label.into(), n.into()]);
    }
    plotted(t, 1, None)
}

/// Each mentor's workload, plotted as the median first-response time in hours.
pub fn mentors(i: I18n, f: &CohortFigures) -> Plotted {
    let mut t = DataTable::new(
        "mentor",
        i.t("dashboard.mentors_title"),
        i.t("dashboard.mentors_desc"),
        vec![
            Column::new(i.t("dashboard.col_mentor"), ColumnKind::Text),
            Column::new(i.t("dashboard.col_median_hours"), ColumnKind::Decimal(1)),
            Column::new(i.t("dashboard.col_p90_hours"), ColumnKind::Decimal(1)),
            Column::new(i.t("dashboard.col_groups"), ColumnKind::Int),
            Column::new(i.t("dashboard.col_participants"), ColumnKind::Int),
            Column::new(i.t("dashboard.col_open"), ColumnKind::Int),
            Column::new(i.t("dashboard.col_comments"), ColumnKind::Int),
            Column::new(i.t("dashboard.col_comments_per"), ColumnKind::Decimal(2)),
            Column::new(i.t("dashboard.col_index"), ColumnKind::Decimal(1)),
            Column::new(i.t("dashboard.col_predicate"), ColumnKind::Text),
        ],
    );
    let hours = |m: Option<i64>| Value::from(m.map(|m| m as f64 / 60.0));
    for m in &f.mentors {
        let per = if m.participants > 0 {
            Value::Number(m.comments as f64 / m.participants as f64)
        } else {
            Value::Missing
        };
        t.push(vec![
            m.name.clone().into(),
            hours(m.median_response_minutes),
            hours(m.p90_response_minutes),
            m.groups.into(),
            m.participants.into(),
            m.open_items.into(),
            m.comments.into(),
            per,
            Value::from(m.survey_index),
            m.predicate
                .clone()
                .map(Value::Text)
                .unwrap_or(Value::Missing),
        ]);
    }
    plotted(t, 1, None)
}

fn counts(
    key: &str,
    title: String,
    description: String,
    label: String,
    rows: &[Count],
    approved: i64,
    i: I18n,
) -> Plotted {
    let mut t = DataTable::new(
        key,
        title,
        description,
        vec![
            Column::new(label, ColumnKind::Text),
            Column::new(i.t("dashboard.col_participants"), ColumnKind::Int),
            Column::new(i.t("dashboard.col_share"), ColumnKind::Percent(1)),
        ],
    );
    for c in rows {
        let label = match c.label.as_str() {
            "-" => i.t("dashboard.unknown"),
            "*" => i.t("dashboard.others"),
            other => other.to_string(),
        };
        t.push(vec![label.into(), c.count.into(), share(c.count, approved)]);
    }
    plotted(t, 1, None)
}

/// Who the participants are: rank, jenjang, regency, school level, subject.
/// `regions` names regency codes (`33.01` → the district office's name) where known.
pub fn people(i: I18n, f: &CohortFigures, regions: &HashMap<String, String>) -> Vec<Plotted> {
    let approved = f.funnel.approved;
    let mut jenjang: Vec<Count> = Vec::new();
    for c in &f.by_rank {
        let name = crate::model::credit::jenjang_of(&c.label)
            .map(|j| j.name.to_string())
            .unwrap_or_else(|| "-".to_string());
        match jenjang.iter_mut().find(|j| j.label == name) {
            Some(j) => j.count += c.count,
            None => jenjang.push(Count {
                label: name,
                count: c.count,
            }),
        }
    }
    jenjang.retain(|j| j.count > 0 || j.label != "-");
    let regions_named: Vec<Count> = f
        .by_region
        .iter()
        .map(|c| Count {
            label: match regions.get(&c.label) {
                Some(name) => format!("{name} ({})", c.label),
                None if c.label.is_empty() => "-".to_string(),
                None => c.label.clone(),
            },
            count: c.count,
        })
        .collect();
    vec![
        counts(
            "golongan",
            i.t("dashboard.rank_title"),
            i.t("dashboard.rank_desc"),
            i.t("dashboard.col_rank"),
            &f.by_rank,
            approved,
            i,
        ),
        counts(
            "jenjang",
            i.t("dashboard.jenjang_title"),
            i.t("dashboard.jenjang_desc"),
            i.t("dashboard.col_jenjang"),
            &jenjang,
            approved,
            i,
        ),
        counts(
            "wilayah",
            i.t("dashboard.region_title"),
            i.t("dashboard.region_desc"),
            i.t("dashboard.col_region"),
            &regions_named,
            approved,
            i,
        ),
        counts(
            "jenjang-sekolah",
            i.t("dashboard.level_title"),
            i.t("dashboard.level_desc"),
            i.t("dashboard.col_level"),
            &f.by_level,
            approved,
            i,
        ),
        counts(
            "mapel",
            i.t("dashboard.subject_title"),
            i.t("dashboard.subject_desc"),
            i.t("dashboard.col_subject"),
            &f.by_subject,
            approved,
            i,
        ),
    ]
}

/// The sections of a cohort's (or program's) dashboard.
pub fn sections(
    i: I18n,
    f: &CohortFigures,
    regions: &HashMap<String, String>,
    extra_progress: Vec<Plotted>,
) -> Vec<Section> {
    let mut progress = vec![funnel(i, f)];
    progress.extend(extra_progress);
    vec![
        Section {
            title: i.t("dashboard.section_progress"),
            figures: progress,
        },
        Section {
            title: i.t("dashboard.section_attendance"),
            figures: vec![sessions(i, f), jp_bands(i, f)],
        },
        Section {
            title: i.t("dashboard.section_gain"),
            figures: vec![gain_categories(i, f), gain_histogram(i, f)],
        },
        Section {
            title: i.t("dashboard.section_mentors"),
            figures: vec![mentors(i, f)],
        },
        Section {
            title: i.t("dashboard.section_people"),
            figures: people(i, f, regions),
        },
    ]
}
