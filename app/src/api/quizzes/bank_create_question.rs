//! Admins add a question to a program's bank.
// Server functions take one argument per form field; the client stub has them too.
#![allow(clippy::too_many_arguments)]

use crate::model::AppError;
use leptos::prelude::*;

/// Adds a question to program `program_id`'s bank (in scope). `correct[]` are the numbers of
/// the correct options (choice kinds), `tf_answer` is `benar`/`salah`, `answers` are the accepted
/// short answers, one a line.
#[server(endpoint = "bank_create_question")]
pub async fn bank_create_question(
    program_id: i64,
    kind: String,
    prompt: String,
    #[server(default)] feedback: String,
    #[server(default)] tags: String,
    #[server(default)] points: String,
    #[server(default)] option_1: String,
    #[server(default)] option_2: String,
    #[server(default)] option_3: String,
    #[server(default)] option_4: String,
    #[server(default)] option_5: String,
    #[server(default)] option_6: String,
    correct: Option<Vec<i64>>,
    #[server(default)] tf_answer: String,
    #[server(default)] answers: String,
) -> Result<(), AppError> {
    use super::bank_form::{bank_path, check, QuestionForm};
    use crate::ssr::db::{internal, now_unix};
    use crate::ssr::guard::Admin;
    use crate::ssr::quizzes::bank;
    use crate::ssr::{flash, msg, state};
    let Admin {
        user: admin,
        scope: root,
    } = Admin::require().await?;
    let db = &state()?.db;
    crate::ssr::scope::require_program(db, root, program_id).await?;
    let valid = check(QuestionForm {
        kind,
        prompt,
        feedback,
        tags,
        points,
        options: [option_1, option_2, option_3, option_4, option_5, option_6],
        correct: correct.unwrap_or_default(),
        tf_answer,
        answers,
    })?;
    let id = bank::insert(db, program_id, &valid, admin.id.0, now_unix())
        .await
        .map_err(|e| internal("insert question", e))?;
    tracing::info!(
        admin = admin.id.0,
        program = program_id,
        question = id,
        "question created"
    );
    let path = bank_path(program_id);
    flash::set_notice(&path, msg("bank.created"));
    leptos_axum::redirect(&path);
    Ok(())
}
