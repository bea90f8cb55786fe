//! What the quiz-taking server functions send to the participant's pages.

use crate::model::codes::{Finisher, QuestionKind, QuizKind};
use crate::model::ids::{AttemptId, CohortId, QuestionId, QuizId};
use serde::{Deserialize, Serialize};

/// A quiz as a participant sees it before starting.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuizBeforeStart {
    pub id: QuizId,
    pub cohort_id: CohortId,
    pub cohort_name: String,
    pub title: String,
    /// `pre`, `post` or `practice`.
    pub kind: QuizKind,
    pub opens_at: i64,
    pub closes_at: i64,
    pub time_limit_minutes: i64,
    pub max_attempts: i64,
    pub pass_percent: i64,
    pub question_count: i64,
    /// The participant's attempts, oldest first.
    pub attempts: Vec<AttemptSummary>,
    /// The attempt in progress, to resume.
    pub open_attempt: Option<i64>,
    /// Why a new attempt cannot start (a locale key), if it cannot.
    pub blocked: Option<String>,
    pub now: i64,
}

/// One attempt in a list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AttemptSummary {
    pub id: AttemptId,
    pub number: i64,
    pub started_at: i64,
    pub finished_at: Option<i64>,
    /// Percent with one decimal, when finished and the review setting shows scores.
    pub percent: Option<f64>,
    pub passed: Option<bool>,
}

/// One question on an attempt page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AttemptQuestion {
    pub id: QuestionId,
    pub number: i64,
    pub kind: QuestionKind,
    pub prompt: String,
    pub points: i64,
    /// (option id, label) in this attempt's order; empty for short answers.
    pub options: Vec<(i64, String)>,
    /// The saved answer: option ids joined by `,`, or the text.
    pub answer: Option<String>,
}

/// One page of an attempt in progress.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AttemptSheet {
    pub attempt_id: AttemptId,
    pub quiz_id: QuizId,
    pub quiz_title: String,
    pub page: i64,
    pub pages: i64,
    pub questions: Vec<AttemptQuestion>,
    /// Questions answered in the whole attempt, and their number.
    pub answered: i64,
    pub total: i64,
    /// The server's deadline and the server's time when the page was made: the countdown never
    /// depends on the device's clock.
    pub deadline_at: i64,
    pub server_now: i64,
    /// The sequence number the next answer must carry (one above the highest stored).
    pub next_seq: i64,
    /// The attempt has finished (by the participant or the deadline): the page sends to results.
    pub finished: bool,
}

/// One question in the review after finishing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReviewItem {
    pub number: i64,
    pub prompt: String,
    pub kind: QuestionKind,
    /// (label, chosen by the participant, correct).
    pub options: Vec<(String, bool, bool)>,
    /// A short answer as typed, and the accepted answers.
    pub typed: Option<String>,
    pub accepted: Vec<String>,
    pub score_milli: i64,
    pub points: i64,
    pub feedback: String,
}

/// The result of a finished attempt, as the quiz's review setting allows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AttemptOutcome {
    pub attempt_id: AttemptId,
    pub quiz_id: QuizId,
    pub quiz_title: String,
    pub number: i64,
    pub finished: bool,
    pub finished_by: Option<Finisher>,
    pub finished_at: Option<i64>,
    pub answered: i64,
    pub total: i64,
    /// Shown when the review setting is `score` or `answers`.
    pub score_milli: Option<i64>,
    pub max_points: i64,
    pub percent: Option<f64>,
    pub passed: Option<bool>,
    pub pass_percent: i64,
    /// Shown when the review setting is `answers`.
    pub review: Vec<ReviewItem>,
}

/// A quiz on the participant's cohort page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CohortQuiz {
    pub id: QuizId,
    pub title: String,
    pub kind: QuizKind,
    pub opens_at: i64,
    pub closes_at: i64,
    pub attempts: i64,
    pub best_percent: Option<f64>,
}
