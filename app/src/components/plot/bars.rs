//! Horizontal bar plots: one labelled bar per row of a table, its value written at the bar's end.
//! Labels sit above their bar so that long names (a regency, a competency) fit a 360 px phone.

use crate::model::dashboards::{format, ColumnKind, DataTable};
use crate::model::Lang;
use leptos::prelude::*;

/// The plot's own width in SVG units: drawn 1:1 on a 360 px phone, scaled up beside it.
const WIDTH: f64 = 340.0;
/// Height of one row: a label line and a bar.
const ROW: f64 = 34.0;
const BAR: f64 = 12.0;
/// Room kept right of the longest bar for its value.
const VALUE_ROOM: f64 = 92.0;

/// Longest label drawn in full on a 360 px phone; longer ones end in "…" (the table beneath
/// the plot keeps the whole text).
const LABEL_CHARS: usize = 56;

/// `label` cut to [`LABEL_CHARS`].
fn fitted(label: String) -> String {
    if label.chars().count() <= LABEL_CHARS {
        label
    } else {
        let mut cut: String = label.chars().take(LABEL_CHARS - 1).collect();
        cut.push('…');
        cut
    }
}

/// One bar: its label, its length as a share of the longest (0..=1) and its value as text.
#[derive(Clone, Debug, PartialEq)]
pub struct BarRow {
    pub label: String,
    pub share: f64,
    pub value: String,
}

/// The bars of column `column` of `table` (labels from the first column), scaled to the largest
/// value, or to `max` when given (a share of 1 for percentages). Negative values draw as empty bars.
pub fn bar_geometry(lang: Lang, table: &DataTable, column: usize, max: Option<f64>) -> Vec<BarRow> {
    let kind = table
        .columns
        .get(column)
        .map(|c| c.kind)
        .unwrap_or(ColumnKind::Int);
    let series = table.series(column);
    let top = max.unwrap_or_else(|| series.iter().map(|(_, v)| *v).fold(0.0, f64::max));
    series
        .into_iter()
        .map(|(label, v)| BarRow {
            label: fitted(label),
            share: if top > 0.0 {
                (v / top).clamp(0.0, 1.0)
            } else {
                0.0
            },
            value: match kind {
                ColumnKind::Int => format::int(lang, v.round() as i64),
                ColumnKind::Decimal(p) => format::decimal(lang, v, p),
                ColumnKind::Percent(p) => format::percent(lang, v, p),
                ColumnKind::Text => String::new(),
            },
        })
        .collect()
}

/// The SVG of a bar plot; `id` names its `<title>`/`<desc>` for `aria-labelledby`.
#[component]
pub fn BarPlot(id: String, title: String, description: String, rows: Vec<BarRow>) -> impl IntoView {
    let height = (rows.len() as f64 * ROW).max(ROW) + 4.0;
    let span = WIDTH - VALUE_ROOM;
    let title_id = format!("{id}-judul");
    let desc_id = format!("{id}-uraian");
    let labelled = format!("{title_id} {desc_id}");
    view! {
        <svg
            class="plot"
            viewBox=format!("0 0 {WIDTH} {height}")
            role="img"
            aria-labelledby=labelled
            preserveAspectRatio="xMinYMin meet"
        >
            <title id=title_id>{title}</title>
            <desc id=desc_id>{description}</desc>
            {rows
                .into_iter()
                .enumerate()
                .map(|(n, row)| {
                    let top = n as f64 * ROW;
                    let length = (row.share * span).max(if row.share > 0.0 { 1.5 } else { 0.0 });
                    view! {
                        <g class="bar-row">
                            <text class="bar-label" x="0" y=format!("{:.1}", top + 12.0)>{row.label}</text>
                            <rect class="bar-track" x="0" y=format!("{:.1}", top + 17.0)
                                width=format!("{span:.1}") height=format!("{BAR}") rx="2"/>
                            <rect class="bar" x="0" y=format!("{:.1}", top + 17.0)
                                width=format!("{length:.1}") height=format!("{BAR}") rx="2"/>
                            <text class="bar-value" x=format!("{:.1}", span + 6.0)
                                y=format!("{:.1}", top + 27.5)>{row.value}</text>
                        </g>
                    }
                })
                .collect_view()}
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::dashboards::{Column, Value};

    #[test]
    fn bars_scale_to_the_largest_value_or_the_given_maximum() {
        let mut t = DataTable::new(
            "k",
            "T",
            "D",
            vec![
                Column::new("x", ColumnKind::Text),
                Column::new("n", ColumnKind::Int),
                Column::new("p", ColumnKind::Percent(1)),
            ],
        );
        t.push(vec!["a".into(), 2000.into(), Value::Number(0.5)]);
        t.push(vec!["b".into(), 500.into(), Value::Number(0.25)]);
        t.push(vec!["c".into(), Value::Missing, Value::Number(-0.1)]);
        let counts = bar_geometry(Lang::Id, &t, 1, None);
        assert_eq!(counts.len(), 2);
        assert_eq!(counts[0].share, 1.0);
        assert_eq!(counts[1].share, 0.25);
        assert_eq!(counts[0].value, "2.000");
        let shares = bar_geometry(Lang::Id, &t, 2, Some(1.0));
        assert_eq!(shares[0].share, 0.5);
        assert_eq!(shares[0].value, "50,0 %");
        assert_eq!(shares[2].share, 0.0);
    }
}
