//! The checks of the question form, and the scope check every question function makes first.

use crate::model::quizzes::forms::QuestionForm;
use crate::model::{AppError, CurrentUser, ErrorKind, FieldError, ProgramId, QuestionId};
use crate::ssr::quizzes::bank::{
    self, check_question, true_false_options, QuestionDraft, ValidQuestion,
};
use crate::ssr::{msg, state};

/// Checks the form; every message lands next to its field.
pub fn check(form: QuestionForm) -> Result<ValidQuestion, AppError> {
    let options = match form.kind.as_str() {
        "single" | "multiple" => form
            .options()
            .into_iter()
            .enumerate()
            .map(|(n, label)| (label.to_string(), form.correct.contains(&(n as i64 + 1))))
            .collect(),
        "truefalse" => true_false_options(match form.tf_answer.as_str() {
            "benar" => Some(true),
            "salah" => Some(false),
            _ => None,
        }),
        "short" => form
            .answers
            .lines()
            .map(|answer| (answer.to_string(), true))
            .collect(),
        _ => Vec::new(),
    };
    let draft = QuestionDraft {
        kind: form.kind,
        prompt: form.prompt,
        feedback: form.feedback,
        tags: form.tags,
        points: form.points,
        options,
    };
    check_question(&draft, crate::ssr::request::request_lang()).map_err(|errors| {
        AppError::invalid(
            msg("form.check_fields"),
            errors
                .into_iter()
                .map(|(field, message)| FieldError {
                    field: field.to_string(),
                    message,
                })
                .collect(),
        )
    })
}

/// The admin, and the program of question `id`, if the program is in their scope (else 404).
pub async fn question_scope(id: QuestionId) -> Result<(CurrentUser, ProgramId), AppError> {
    use crate::ssr::db::internal;
    use crate::ssr::guard::Admin;
    let admin = Admin::require().await?;
    let db = &state()?.db;
    let not_found = || AppError::new(ErrorKind::NotFound, msg("bank.not_found"));
    let program = bank::program_of(db, id.0)
        .await
        .map_err(|e| internal("question program", e))?
        .map(ProgramId)
        .ok_or_else(not_found)?;
    crate::ssr::scope::require_program(db, admin.scope, program)
        .await
        .map_err(|_| not_found())?;
    Ok((admin.user, program))
}

/// The bank page of program `program`.
pub fn bank_path(program: ProgramId) -> String {
    format!("/admin/program/{program}/soal")
}
