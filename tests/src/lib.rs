//! Helpers for Pamong's integration tests: a real server on port 0 with a fresh database per test,
//! on SQLite by default or on PostgreSQL when `PAMONG_TEST_DATABASE_URL` is a `postgres://` URL.

pub mod bench_sessions;
pub mod board_support;
pub mod certificates_support;
pub mod coaching_support;
pub mod completion_support;
pub mod credentials_support;
pub mod exports_support;
pub mod fixtures;
pub mod harness;
pub mod import_support;
pub mod materials_support;
pub mod process;
pub mod quiz_results_support;
pub mod quiz_support;
pub mod registration_support;
pub mod sessions_support;
pub mod smtp_sink;
pub mod surveys_support;
pub mod xss;
