//! Server-only code: state, database access, sessions, authorization, and the plain HTTP routes
//! of each feature (`*/http`). Never compiled to wasm.

pub mod activation;
pub mod audit;
pub mod auth;
pub mod boards;
pub mod certificates;
pub mod clock;
pub mod coaching;
pub mod cohorts;
pub mod completion;
pub mod credentials;
pub mod csv;
pub mod dashboards;
pub mod db;
pub mod exports;
pub mod files;
pub mod flash;
pub mod groups;
pub mod guard;
pub mod http;
pub mod imports;
pub mod institutions;
pub mod mail;
pub mod materials;
pub mod notifications;
pub mod password;
pub mod password_reset;
pub mod pdf;
pub mod planning;
pub mod quizzes;
pub mod rate;
pub mod record;
pub mod request;
pub mod scope;
pub mod sessions;
pub mod state;
pub mod storage;
pub mod surveys;
pub mod tasks;
pub mod text;
pub mod throttle;
pub mod users;
pub mod validate;

pub use auth::current_user;
pub use request::msg;
pub use state::{state, AppState, AppStateParts, Settings};
