//! Quizzes on the server: the question bank and quiz settings (authoring), attempts and the
//! answer writer (taking), grading, and results for staff.

pub mod analysis;
pub mod attempts;
pub mod authoring;
pub mod bank;
pub mod bank_csv;
pub mod grading;
pub mod http;
pub mod results;
pub mod take_views;
pub mod writer;
