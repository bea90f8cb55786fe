//! What the quiz-authoring server functions send to the pages.

use super::bank::QuestionSummary;
use crate::model::codes::{QuestionKind, QuestionSelection, QuizKind, QuizStatus, ReviewSetting};
use crate::model::ids::{CohortId, ProgramId, QuestionId, QuizId};
use serde::{Deserialize, Serialize};

/// Pre-test, post-test, practice.
pub const QUIZ_KINDS: &[&str] = QuizKind::CODES;
/// Questions picked by hand, or drawn at random from a tagged pool.
pub const SELECTIONS: &[&str] = QuestionSelection::CODES;
/// What a participant sees after finishing: nothing, the score, or the answers too.
pub const REVIEWS: &[&str] = ReviewSetting::CODES;
/// Quiz statuses, in the order a quiz moves through them.
pub const QUIZ_STATUSES: &[&str] = QuizStatus::CODES;

/// A quiz in a cohort's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct QuizItem {
    pub id: QuizId,
    pub title: String,
    pub kind: QuizKind,
    pub selection: QuestionSelection,
    pub status: QuizStatus,
    pub opens_at: i64,
    pub closes_at: i64,
    pub questions: i64,
    pub attempts: i64,
}

/// A quiz's settings, as an admin sets them in the form (once checked) and as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct QuizSettings {
    pub title: String,
    pub kind: QuizKind,
    pub selection: QuestionSelection,
    pub random_count: i64,
    /// Stored form: `,tag1,tag2,` or empty (any tag).
    pub random_tags: String,
    /// 1 when each attempt gets the questions in its own order, else 0.
    pub shuffle_questions: i64,
    /// 1 when each attempt gets a choice question's options in its own order, else 0.
    pub shuffle_options: i64,
    pub time_limit_minutes: i64,
    pub opens_at: i64,
    pub closes_at: i64,
    pub max_attempts: i64,
    pub pass_percent: i64,
    pub review: ReviewSetting,
    pub questions_per_page: i64,
}

/// A quiz: its settings (on the wire one flat object with its other fields) and its state.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct QuizRow {
    pub id: QuizId,
    pub cohort_id: CohortId,
    #[serde(flatten)]
    #[cfg_attr(feature = "ssr", sqlx(flatten))]
    pub settings: QuizSettings,
    pub status: QuizStatus,
    /// Changes with every settings change: the version a prepared pool belongs to.
    pub updated_at: i64,
}

/// A question of a quiz, in order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct QuizQuestionItem {
    pub question_id: QuestionId,
    pub position: i64,
    #[serde(flatten)]
    #[cfg_attr(feature = "ssr", sqlx(flatten))]
    pub question: QuestionSummary,
}

/// A bank question that may be added to a fixed quiz.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct BankChoice {
    pub id: QuestionId,
    pub kind: QuestionKind,
    pub prompt: String,
    pub tags: String,
}

/// A cohort's quiz page: the cohort and its quizzes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuizzesView {
    pub cohort_id: CohortId,
    pub cohort_name: String,
    pub program_id: ProgramId,
    pub program_title: String,
    pub items: Vec<QuizItem>,
}

/// One quiz: its settings, questions, what may be added, and how many attempts it has.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuizView {
    pub quiz: QuizRow,
    pub cohort_name: String,
    pub program_id: ProgramId,
    pub questions: Vec<QuizQuestionItem>,
    pub bank: Vec<BankChoice>,
    pub attempts: i64,
}
