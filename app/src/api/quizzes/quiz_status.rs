//! A quiz moves draft → open → archived. Opening prepares it for a start storm.

use crate::model::{AppError, QuizId};
use leptos::prelude::*;

/// Opens draft quiz `quiz_id`: a fixed quiz needs a question; a random quiz has its whole pool
/// of matching questions frozen into its question list, which must hold at least the number
/// drawn. Nothing changes when it cannot open.
#[server(endpoint = "quiz_open")]
pub async fn quiz_open(quiz_id: QuizId) -> Result<(), AppError> {
    use super::quiz_form::{outcome, quiz_path, quiz_scope};
    use crate::ssr::db::{internal, now_unix};
    use crate::ssr::quizzes::authoring;
    use crate::ssr::{flash, state};
    let (admin, _) = quiz_scope(quiz_id).await?;
    let actor = crate::ssr::audit::Actor::current(&admin);
    let state = state()?;
    let db = &state.db;
    outcome(
        authoring::open(db, quiz_id.0, admin.id.0, now_unix(), Some(&actor))
            .await
            .map_err(|e| internal("open quiz", e))?,
    )?;
    tracing::info!(admin = admin.id.0, quiz = quiz_id.0, "quiz opened");
    // Read the question pool into memory now, before the first of thousands of starts.
    if let Err(err) = crate::ssr::quizzes::attempts::prepare(db, &state.quiz_pools, quiz_id.0).await
    {
        tracing::warn!(%err, quiz = quiz_id.0, "could not prepare the quiz's pool");
    }
    flash::go_to(&quiz_path(quiz_id), "", "quiz.opened");
    Ok(())
}

/// Archives quiz `quiz_id` (draft or open): it takes no new attempts.
#[server(endpoint = "quiz_archive")]
pub async fn quiz_archive(quiz_id: QuizId) -> Result<(), AppError> {
    use super::quiz_form::{quiz_path, quiz_scope};
    use crate::ssr::db::{internal, now_unix};
    use crate::ssr::quizzes::authoring;
    use crate::ssr::{flash, state};
    let (admin, _) = quiz_scope(quiz_id).await?;
    let db = &state()?.db;
    let actor = crate::ssr::audit::Actor::current(&admin);
    if authoring::archive(db, quiz_id.0, now_unix(), &actor)
        .await
        .map_err(|e| internal("archive quiz", e))?
    {
        tracing::info!(admin = admin.id.0, quiz = quiz_id.0, "quiz archived");
    }
    flash::go_to(&quiz_path(quiz_id), "", "quiz.archived");
    Ok(())
}
