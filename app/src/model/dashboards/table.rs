//! [`DataTable`]: one table of figures with its title, description and typed columns. Every plot
//! is drawn from one, shows it beneath for screen readers and copying, and every export writes one.

use serde::{Deserialize, Serialize};

/// How a column's values are written and summed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ColumnKind {
    /// Words: a name, a rank, a region.
    Text,
    /// A whole number: a count, JP.
    Int,
    /// A number with this many decimals (a score, a gain, an index).
    Decimal(u8),
    /// A share from 0 to 1, written as a percentage with this many decimals.
    Percent(u8),
}

/// One column: its heading (already in the reader's language) and kind.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Column {
    pub label: String,
    pub kind: ColumnKind,
}

impl Column {
    pub fn new(label: impl Into<String>, kind: ColumnKind) -> Column {
        Column {
            label: label.into(),
            kind,
        }
    }
}

/// One cell. `Missing` is a figure that does not exist yet (no post-test taken), never zero.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Value {
    Text(String),
    Int(i64),
    Number(f64),
    Missing,
}

impl Value {
    /// The value as a number, for plotting and sums; `None` for text and missing values.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Int(n) => Some(*n as f64),
            Value::Number(x) if x.is_finite() => Some(*x),
            _ => None,
        }
    }
}

impl From<&str> for Value {
    fn from(text: &str) -> Value {
        Value::Text(text.to_string())
    }
}

impl From<String> for Value {
    fn from(text: String) -> Value {
        Value::Text(text)
    }
}

impl From<i64> for Value {
    fn from(n: i64) -> Value {
        Value::Int(n)
    }
}

impl From<Option<f64>> for Value {
    fn from(x: Option<f64>) -> Value {
        x.map(Value::Number).unwrap_or(Value::Missing)
    }
}

/// A table of figures. `key` names it in URLs and file names (`funnel`, `gain-categories`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DataTable {
    pub key: String,
    pub title: String,
    /// One or two sentences saying what the table shows: the plot's description too.
    pub description: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Value>>,
}

impl DataTable {
    pub fn new(
        key: impl Into<String>,
        title: impl Into<String>,
        description: impl Into<String>,
        columns: Vec<Column>,
    ) -> DataTable {
        DataTable {
            key: key.into(),
            title: title.into(),
            description: description.into(),
            columns,
            rows: Vec::new(),
        }
    }

    /// Adds a row; it must have one value per column.
    pub fn push(&mut self, row: Vec<Value>) {
        debug_assert_eq!(row.len(), self.columns.len(), "row width of {}", self.key);
        self.rows.push(row);
    }

    /// The text of the first column and the number in column `index` of every row: what a bar
    /// plot draws. Rows whose value is missing are left out.
    pub fn series(&self, index: usize) -> Vec<(String, f64)> {
        self.rows
            .iter()
            .filter_map(|row| {
                let label = match row.first()? {
                    Value::Text(t) => t.clone(),
                    Value::Int(n) => n.to_string(),
                    _ => String::new(),
                };
                Some((label, row.get(index)?.as_f64()?))
            })
            .collect()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn series_skips_missing_values_and_keeps_order() {
        let mut t = DataTable::new(
            "k",
            "T",
            "D",
            vec![
                Column::new("a", ColumnKind::Text),
                Column::new("b", ColumnKind::Int),
            ],
        );
        t.push(vec!["x".into(), 3.into()]);
        t.push(vec!["y".into(), Value::Missing]);
        t.push(vec!["z".into(), Value::Number(1.5)]);
        assert_eq!(
            t.series(1),
            vec![("x".to_string(), 3.0), ("z".to_string(), 1.5)]
        );
    }
}
