//! Bulk enrolment: CSV upload, background import with live progress, and its report.

mod job;
mod upload;

pub use job::ImportJobPage;
pub use upload::ImportPage;
