//! A table of typed columns in Pamong's one CSV format (`ssr::csv`): whole numbers as digits,
//! decimals with a comma, shares as percentages from 0 to 100 (`71,40`, as the results exports
//! write them) with the column's decimals, text neutralised, a missing value as an empty cell.
//! The title and description are not written: the file is the header and the rows.

use crate::model::dashboards::{Column, ColumnKind, DataTable, Value};
use crate::ssr::csv::{self, Cell};

/// The cell of `value` in a column of `kind`.
pub fn cell(kind: ColumnKind, value: &Value) -> Cell {
    match (kind, value) {
        (_, Value::Missing) => Cell::text(""),
        (_, Value::Text(text)) => Cell::text(text.as_str()),
        (ColumnKind::Percent(places), Value::Int(n)) => {
            Cell::decimal(Some(*n as f64 * 100.0), usize::from(places))
        }
        (ColumnKind::Percent(places), Value::Number(x)) => {
            Cell::decimal(Some(x * 100.0), usize::from(places))
        }
        (_, Value::Int(n)) => Cell::int(*n),
        (ColumnKind::Decimal(places), Value::Number(x)) => {
            Cell::decimal(Some(*x), usize::from(places))
        }
        (ColumnKind::Int, Value::Number(x)) if x.is_finite() => Cell::int(x.round() as i64),
        (_, Value::Number(x)) => Cell::decimal(Some(*x), 2),
    }
}

/// The header record: the columns' labels.
pub fn header(columns: &[Column]) -> Vec<Cell> {
    columns
        .iter()
        .map(|c| Cell::text(c.label.as_str()))
        .collect()
}

/// The record of `row` under `columns`.
pub fn record(columns: &[Column], row: &[Value]) -> Vec<Cell> {
    columns
        .iter()
        .zip(row)
        .map(|(column, value)| cell(column.kind, value))
        .collect()
}

/// The whole file of `table`: the header, then every row.
pub fn write(table: &DataTable) -> Vec<u8> {
    let mut records = Vec::with_capacity(table.rows.len() + 1);
    records.push(header(&table.columns));
    records.extend(table.rows.iter().map(|row| record(&table.columns, row)));
    csv::write(&records)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A table with every kind of column and value, a hostile name among them.
    pub(crate) fn sample() -> DataTable {
        let mut t = DataTable::new(
            "corong",
            "Corong pendaftaran",
            "Berapa peserta sampai di tiap tahap.",
            vec![
                Column::new("Tahap", ColumnKind::Text),
                Column::new("Peserta", ColumnKind::Int),
                Column::new("Rata-rata", ColumnKind::Decimal(2)),
                Column::new("Bagian", ColumnKind::Percent(1)),
            ],
        );
        t.push(vec![
            "Mendaftar".into(),
            61_964.into(),
            Value::Number(1234.567),
            Value::Number(0.714),
        ]);
        t.push(vec![
            "=HYPERLINK(\"http://x.example\")".into(),
            Value::Int(-3),
            Value::Missing,
            Value::Missing,
        ]);
        t
    }

    #[test]
    fn a_table_reads_back_with_numbers_in_the_one_format() {
        let bytes = write(&sample());
        assert!(bytes.starts_with(csv::BYTE_ORDER_MARK));
        let text = std::str::from_utf8(&bytes).expect("UTF-8");
        let mut table = csv::read::open(text).expect("opens");
        assert_eq!(table.headers(), ["Tahap", "Peserta", "Rata-rata", "Bagian"]);
        let first = table.next_row().expect("row").expect("a row");
        assert_eq!(
            first.cells().collect::<Vec<_>>(),
            ["Mendaftar", "61964", "1234,57", "71,4"]
        );
        let second = table.next_row().expect("row").expect("a row");
        assert_eq!(
            second.cells().collect::<Vec<_>>(),
            ["=HYPERLINK(\"http://x.example\")", "-3", "", ""]
        );
        assert!(table.next_row().expect("end").is_none());
        // The hostile text is neutralised in the file itself.
        assert!(text.contains("\"'=HYPERLINK("));
        assert!(text.contains("\r\n"));
    }
}
