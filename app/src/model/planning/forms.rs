//! The program form as posted. A server function takes it flattened, so every field keeps its
//! own name in the form (`title`, `competencies[]`, `organizer_id`), the names the pages render
//! and the validation messages point at.

use crate::model::form_values::{number_list, optional_number};
use serde::{Deserialize, Serialize};

/// A program's form (`create_program`, `update_program`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ProgramForm {
    pub title: String,
    pub description: String,
    /// The ids of the ticked competencies.
    #[serde(default, deserialize_with = "number_list")]
    pub competencies: Vec<i64>,
    pub level: String,
    /// Lesson hours (JP); dots and spaces between thousands are allowed.
    pub total_jp: String,
    pub mode: String,
    pub funding: String,
    #[serde(default)]
    pub fee_amount: String,
    /// The organizing institution; the admin's own when absent.
    #[serde(default, deserialize_with = "optional_number")]
    pub organizer_id: Option<i64>,
}
