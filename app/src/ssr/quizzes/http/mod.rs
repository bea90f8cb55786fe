//! Quizzes over plain HTTP: taking a quiz (`take`, with the sweep that finishes overdue attempts),
//! the question bank's CSV import and export (`bank`), and the results exports (`results`).

pub mod bank;
pub mod results;
pub mod take;
