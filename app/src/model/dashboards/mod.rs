//! Dashboard figures: what the server counts for admins, mentors and participants, as tables
//! that pages draw as plots and that exports write as CSV, XLSX or a printed report.

pub mod figures;
pub mod format;
pub mod people;
pub mod table;
pub mod view;

pub use table::{Column, ColumnKind, DataTable, Value};
