//! A dashboard as the server hands it to its page: headline figures, then plotted tables, all
//! already worded in the reader's language.

use super::table::DataTable;
use serde::{Deserialize, Serialize};

/// A headline figure: a label and its value as text (`61.964`, `71,4 %`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tile {
    pub label: String,
    pub value: String,
}

/// A table and how to plot it: bars of column `column`, scaled to `max` (1 for shares) or to
/// the largest value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Plotted {
    pub table: DataTable,
    pub column: usize,
    pub max: Option<f64>,
}

/// A titled part of a dashboard.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub title: String,
    pub figures: Vec<Plotted>,
}

/// The agency overview's filters, as given in the query string (all optional).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverviewFilter {
    /// `YYYY-MM-DD`: cohorts running on or after this day.
    pub from: Option<String>,
    /// `YYYY-MM-DD`: cohorts running on or before this day.
    pub to: Option<String>,
    pub program: Option<i64>,
    /// A region code prefix (`33` or `33.01`).
    pub region: Option<String>,
    /// An organising institution within the admin's scope.
    pub institution: Option<i64>,
}

impl OverviewFilter {
    /// The filter as a query string (`?from=…&program=…`), empty when nothing is set.
    pub fn query(&self) -> String {
        let mut parts = Vec::new();
        if let Some(v) = &self.from {
            parts.push(format!("from={v}"));
        }
        if let Some(v) = &self.to {
            parts.push(format!("to={v}"));
        }
        if let Some(v) = self.program {
            parts.push(format!("program={v}"));
        }
        if let Some(v) = &self.region {
            parts.push(format!("region={v}"));
        }
        if let Some(v) = self.institution {
            parts.push(format!("institution={v}"));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }
}

/// A dashboard page's content.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Dashboard {
    pub title: String,
    /// A line under the title (the program of a cohort, the admin's institution).
    pub subtitle: String,
    pub tiles: Vec<Tile>,
    pub sections: Vec<Section>,
    /// When the oldest figure shown was counted (Unix seconds); none before the first count.
    pub refreshed_at: Option<i64>,
    /// Where the tables' exports live (`/admin/angkatan/12/dasbor`), without the key.
    pub export_base: String,
    /// The filters to carry into export links (`?program=3`), empty if none.
    pub export_query: String,
    /// Links to the dashboards below this one: (label, href).
    pub links: Vec<(String, String)>,
}

impl Dashboard {
    /// The table with key `key`.
    pub fn table(&self, key: &str) -> Option<&DataTable> {
        self.sections
            .iter()
            .flat_map(|s| s.figures.iter())
            .map(|p| &p.table)
            .find(|t| t.key == key)
    }
}

/// The agency overview: a dashboard plus the choices its filter form offers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AgencyOverview {
    pub dashboard: Dashboard,
    pub filter: OverviewFilter,
    pub programs: Vec<(i64, String)>,
    pub institutions: Vec<(i64, String)>,
}
