//! What the question-bank server functions send to the pages.

use crate::model::codes::QuestionKind;
use crate::model::ids::{ProgramId, QuestionId};
use serde::{Deserialize, Serialize};

pub use crate::model::planning::Paged;

/// Question kinds, stored as their code: one correct option, one or more correct options,
/// true/false, and a short typed answer.
pub const QUESTION_KINDS: &[&str] = QuestionKind::CODES;
/// Most options (or accepted answers in the form) a question has.
pub const MAX_OPTIONS: usize = 6;
/// Questions per page of the bank.
pub const BANK_PAGE_SIZE: i64 = 25;

/// What a list shows of a bank question: in the bank's list and in a quiz's questions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct QuestionSummary {
    pub kind: QuestionKind,
    pub prompt: String,
    /// Stored form: `,ict,hots,` (or empty).
    pub tags: String,
    pub points: i64,
    pub archived: i64,
}

/// A question in the bank's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct QuestionItem {
    pub id: QuestionId,
    #[serde(flatten)]
    #[cfg_attr(feature = "ssr", sqlx(flatten))]
    pub question: QuestionSummary,
}

/// A question's fields.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct QuestionRow {
    pub id: QuestionId,
    pub program_id: ProgramId,
    pub kind: QuestionKind,
    pub prompt: String,
    pub feedback: String,
    pub tags: String,
    pub points: i64,
    pub archived: i64,
}

/// An option of a choice question, or an accepted answer of a short-answer question.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct OptionRow {
    pub id: i64,
    pub position: i64,
    pub label: String,
    pub correct: i64,
}

/// The bank page: the program, and a filtered page of its questions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BankView {
    pub program_id: ProgramId,
    pub program_title: String,
    pub list: Paged<QuestionItem>,
}

/// One question with its options, and whether it may still be edited.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuestionView {
    pub question: QuestionRow,
    pub options: Vec<OptionRow>,
    pub program_title: String,
    /// Used by an open quiz or already answered: archive or copy only.
    pub locked: bool,
}

/// The tags of a stored tag list (`,ict,hots,` → `["ict", "hots"]`).
pub fn tag_list(stored: &str) -> Vec<String> {
    stored
        .split(',')
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}
