//! Admins add a question to a program's bank.
use crate::model::quizzes::forms::QuestionForm;
use crate::model::{AppError, ProgramId};
use leptos::prelude::*;

/// Adds the question `form` to program `program_id`'s bank (in scope).
#[server(endpoint = "bank_create_question")]
pub async fn bank_create_question(
    program_id: ProgramId,
    #[server(flatten)] form: QuestionForm,
) -> Result<(), AppError> {
    use super::bank_form::{bank_path, check};
    use crate::ssr::db::{internal, now_unix};
    use crate::ssr::guard::Admin;
    use crate::ssr::quizzes::bank;
    use crate::ssr::{flash, state};
    let admin = Admin::require_program(program_id).await?.user;
    let db = &state()?.db;
    let valid = check(form)?;
    let id = bank::insert(db, program_id.0, &valid, admin.id.0, now_unix())
        .await
        .map_err(|e| internal("insert question", e))?;
    tracing::info!(
        admin = admin.id.0,
        program = program_id.0,
        question = id,
        "question created"
    );
    flash::go_to(&bank_path(program_id), "", "bank.created");
    Ok(())
}
