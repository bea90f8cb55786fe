//! Server functions for quizzes: authoring (bank and quiz settings), taking, and results.

mod take;

pub use take::{
    attempt_page, attempt_result, my_cohort_quizzes, quiz_intro, AttemptPage, AttemptResult,
    MyCohortQuizzes, QuizIntro,
};
mod results_gain;
mod results_quiz;
pub use results_gain::{cohort_gain, CohortGain};
pub use results_quiz::{quiz_results, QuizResults};

// Authoring: the question bank and quiz settings.
mod bank_archive_question;
mod bank_copy_question;
mod bank_create_question;
#[cfg(feature = "ssr")]
mod bank_form;
mod bank_get_question;
mod bank_list_questions;
mod bank_update_question;
mod quiz_create;
#[cfg(feature = "ssr")]
mod quiz_form;
mod quiz_get;
mod quiz_list;
mod quiz_questions;
mod quiz_status;
mod quiz_update;
pub use bank_archive_question::{bank_archive_question, BankArchiveQuestion};
pub use bank_copy_question::{bank_copy_question, BankCopyQuestion};
pub use bank_create_question::{bank_create_question, BankCreateQuestion};
pub use bank_get_question::{bank_get_question, BankGetQuestion};
pub use bank_list_questions::{bank_list_questions, BankListQuestions};
pub use bank_update_question::{bank_update_question, BankUpdateQuestion};
pub use quiz_create::{quiz_create, QuizCreate};
pub use quiz_get::{quiz_get, QuizGet};
pub use quiz_list::{quiz_list, QuizList};
pub use quiz_questions::{
    quiz_add_question, quiz_move_question, quiz_remove_question, QuizAddQuestion, QuizMoveQuestion,
    QuizRemoveQuestion,
};
pub use quiz_status::{quiz_archive, quiz_open, QuizArchive, QuizOpen};
pub use quiz_update::{quiz_update, QuizUpdate};
