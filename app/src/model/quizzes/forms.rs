//! The quiz authoring forms as posted: a quiz's settings and a bank question. A server function
//! takes each flattened, so every field keeps its own name in the form (`title`, `option_1`,
//! `correct[]`), the names the pages render and the validation messages point at.

use crate::model::form_values::{number_list, optional_text};
use serde::{Deserialize, Serialize};

/// A quiz's settings form (`quiz_create`, `quiz_update`). Dates are WIB (`YYYY-MM-DD`, times
/// `HH:MM`); an empty field takes its default when checked.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct QuizForm {
    pub title: String,
    pub kind: String,
    pub selection: String,
    #[serde(default)]
    pub random_count: String,
    #[serde(default)]
    pub random_tags: String,
    /// Present when ticked.
    #[serde(default, deserialize_with = "optional_text")]
    pub shuffle_questions: Option<String>,
    /// Present when ticked.
    #[serde(default, deserialize_with = "optional_text")]
    pub shuffle_options: Option<String>,
    #[serde(default)]
    pub time_limit_minutes: String,
    #[serde(default)]
    pub opens_on: String,
    #[serde(default)]
    pub opens_time: String,
    #[serde(default)]
    pub closes_on: String,
    #[serde(default)]
    pub closes_time: String,
    #[serde(default)]
    pub max_attempts: String,
    #[serde(default)]
    pub pass_percent: String,
    #[serde(default)]
    pub review: String,
    #[serde(default)]
    pub questions_per_page: String,
}

/// A bank question's form (`bank_create_question`, `bank_update_question`): `correct[]` are the
/// numbers of the correct options (choice kinds), `tf_answer` is `benar`/`salah`, `answers` are
/// the accepted short answers, one a line.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct QuestionForm {
    pub kind: String,
    pub prompt: String,
    #[serde(default)]
    pub feedback: String,
    #[serde(default)]
    pub tags: String,
    #[serde(default)]
    pub points: String,
    #[serde(default)]
    pub option_1: String,
    #[serde(default)]
    pub option_2: String,
    #[serde(default)]
    pub option_3: String,
    #[serde(default)]
    pub option_4: String,
    #[serde(default)]
    pub option_5: String,
    #[serde(default)]
    pub option_6: String,
    #[serde(default, deserialize_with = "number_list")]
    pub correct: Vec<i64>,
    #[serde(default)]
    pub tf_answer: String,
    #[serde(default)]
    pub answers: String,
}

impl QuestionForm {
    /// The six option fields in order.
    pub fn options(&self) -> [&str; 6] {
        [
            &self.option_1,
            &self.option_2,
            &self.option_3,
            &self.option_4,
            &self.option_5,
            &self.option_6,
        ]
    }
}
