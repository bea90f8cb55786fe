//! Preferences a visitor can set without an account.

mod set_language;

pub use set_language::{set_language, SetLanguage};
