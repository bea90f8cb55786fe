//! Server functions, one `verb_noun` per file. Each one checks who is calling before anything else.

pub mod admin;
pub mod auth;
pub mod boards;
pub mod coaching;
pub mod cohorts;
pub mod completion;
pub mod dashboards;
pub mod fees;
pub mod groups;
pub mod imports;
pub mod materials;
pub mod notifications;
pub mod planning;
pub mod prefs;
pub mod quizzes;
pub mod record;
pub mod sessions;
pub mod surveys;
