//! The participant's side of a quiz: the quiz before starting, a page of an attempt, the result,
//! and the quizzes of their cohort. Only the attempt's owner ever reads it; anyone else gets the
//! same 404 as for an attempt that does not exist.

use crate::model::quizzes::{AttemptOutcome, AttemptSheet, CohortQuiz, QuizBeforeStart};
use crate::model::{AppError, AttemptId, CohortId, QuizId};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
fn not_found() -> AppError {
    AppError::new(
        crate::model::ErrorKind::NotFound,
        crate::ssr::msg("take.not_found"),
    )
}

/// A quiz before starting: its rules and the participant's attempts.
#[server(endpoint = "quiz_intro")]
pub async fn quiz_intro(quiz_id: QuizId) -> Result<QuizBeforeStart, AppError> {
    use crate::ssr::guard::Participant;
    use crate::ssr::quizzes::take_views;
    use crate::ssr::{db::internal, state};
    let Participant { user } = Participant::require().await?;
    let state = state()?;
    take_views::intro(&state.db, user.id.0, quiz_id.0, state.clock.now())
        .await
        .map_err(|e| internal("quiz intro", e))?
        .ok_or_else(not_found)
}

/// One page of the participant's attempt (finished first if its time ran out).
#[server(endpoint = "attempt_page")]
pub async fn attempt_page(
    attempt_id: AttemptId,
    page: Option<i64>,
) -> Result<AttemptSheet, AppError> {
    use crate::ssr::guard::Participant;
    use crate::ssr::quizzes::take_views;
    use crate::ssr::{db::internal, state};
    let Participant { user } = Participant::require().await?;
    let state = state()?;
    take_views::page(
        &state.db,
        user.id.0,
        attempt_id.0,
        page.unwrap_or(1),
        state.clock.now(),
    )
    .await
    .map_err(|e| internal("attempt page", e))?
    .ok_or_else(not_found)
}

/// The result of the participant's attempt, as the quiz's review setting allows.
#[server(endpoint = "attempt_result")]
pub async fn attempt_result(attempt_id: AttemptId) -> Result<AttemptOutcome, AppError> {
    use crate::ssr::guard::Participant;
    use crate::ssr::quizzes::take_views;
    use crate::ssr::{db::internal, state};
    let Participant { user } = Participant::require().await?;
    let state = state()?;
    take_views::result(&state.db, user.id.0, attempt_id.0, state.clock.now())
        .await
        .map_err(|e| internal("attempt result", e))?
        .ok_or_else(not_found)
}

/// The quizzes of a cohort the participant is approved in (empty otherwise).
#[server(endpoint = "my_cohort_quizzes")]
pub async fn my_cohort_quizzes(cohort_id: CohortId) -> Result<Vec<CohortQuiz>, AppError> {
    use crate::ssr::cohorts::participant::is_participant;
    use crate::ssr::guard::Participant;
    use crate::ssr::quizzes::take_views;
    use crate::ssr::{db::internal, state};
    let Participant { user } = Participant::require().await?;
    let db = &state()?.db;
    if !is_participant(db, user.id.0, cohort_id.0)
        .await
        .map_err(|e| internal("cohort membership", e))?
    {
        return Ok(Vec::new());
    }
    take_views::cohort_quizzes(db, user.id.0, cohort_id.0)
        .await
        .map_err(|e| internal("cohort quizzes", e))
}
