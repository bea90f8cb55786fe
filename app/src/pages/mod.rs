//! Routes: one module per page or group of pages.

pub mod account;
pub mod activation;
pub mod admin;
pub mod boards;
pub mod coaching;
pub mod cohorts;
pub mod completion;
pub mod credentials;
pub mod dashboards;
pub mod errors;
pub mod fees;
pub mod groups;
pub mod home;
pub mod imports;
pub mod materials;
pub mod notifications;
pub mod password_reset;
pub mod planning;
pub mod quizzes;
pub mod record;
pub mod sessions;
pub mod sign_in;
pub mod sign_up;
pub mod surveys;
