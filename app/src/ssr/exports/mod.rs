//! Dashboard exports (issue #21): every dashboard table as CSV and XLSX, a cohort's participant
//! list as a streamed CSV and an XLSX, and the cohort's printable implementation report as PDF.
//!
//! - [`table_csv`] and [`table_xlsx`] write a [`DataTable`](crate::model::dashboards::DataTable)
//!   (or rows of the same typed columns) in Pamong's one CSV format and as a spreadsheet with
//!   real numbers.
//! - [`participants`] reads a cohort's participant list in keyset chunks.
//! - [`report_pdf`] prints a dashboards `Report` on A4 pages.
//! - [`http`] is the routes; each checks its caller (the dashboards' `export_table` and
//!   `cohort_report` check theirs, the participant list goes through the roster's audience).

pub mod http;
pub mod participants;
pub mod report_pdf;
pub mod table_csv;
pub mod table_xlsx;
