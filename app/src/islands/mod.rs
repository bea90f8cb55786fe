//! Islands: the only components that ship to the browser as wasm. Everything else is rendered on
//! the server and costs a teacher no JavaScript.

mod board_live;
mod enhanced_form;
mod import_progress;
mod quiz_saver;
mod unread_badge;

pub use board_live::{BoardLive, LiveLabels};
pub use enhanced_form::EnhancedForm;
pub use import_progress::{ImportProgressBar, ProgressLabels};
pub use quiz_saver::{QuizSaver, SaverLabels};
pub use unread_badge::{badge_text, UnreadBadge};
