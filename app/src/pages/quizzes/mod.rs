//! Quizzes: authoring (the question bank of a program, the quizzes of a cohort), taking, and
//! results for staff.

pub(crate) mod authoring_form;
mod bank;
mod gain;
mod quiz;
#[expect(
    clippy::module_inception,
    reason = "the cohort's quiz list page is `quizzes.rs`, as the other page files are named"
)]
mod quizzes;
pub(crate) mod results;
mod take;

pub use bank::{BankPage, QuestionPage};
pub use gain::{mentor_gain_links, CohortGainPage};
pub use quiz::QuizPage;
pub use quizzes::QuizzesPage;
pub use results::QuizResultsPage;
pub use take::{AttemptPage, AttemptResultPage, CohortQuizList, QuizIntroPage, SubmitAttemptPage};
