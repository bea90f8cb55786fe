//! A quiz's results for staff: admins with the cohort in scope and the cohort's mentors (a mentor
//! who only leads groups sees those groups); anyone else gets the 404 of a missing quiz.

use crate::model::quizzes::QuizReport;
use crate::model::{AppError, GroupId, QuizId};
use leptos::prelude::*;

/// The 404 of every refused or missing result, so that ids are not confirmed to exist.
#[cfg(feature = "ssr")]
pub(crate) fn not_found() -> AppError {
    use crate::model::ErrorKind;
    AppError::new(ErrorKind::NotFound, crate::ssr::msg("results.not_found"))
}

/// `/admin` or `/mentor`: where the caller's result links go.
#[cfg(feature = "ssr")]
pub(crate) fn base_of(user: &crate::model::CurrentUser) -> String {
    match user.role {
        crate::model::Role::Admin => "/admin".to_string(),
        _ => "/mentor".to_string(),
    }
}

/// The summary, item analysis and one page of participants of quiz `quiz_id`, optionally of one
/// group only.
#[server(endpoint = "quiz_results")]
pub async fn quiz_results(
    quiz_id: QuizId,
    group: Option<GroupId>,
    page: Option<i64>,
) -> Result<QuizReport, AppError> {
    use crate::model::quizzes::RESULTS_PAGE_SIZE;
    use crate::ssr::groups::access;
    use crate::ssr::guard::SignedIn;
    use crate::ssr::quizzes::results::{self, Audience, Who, Window};
    use crate::ssr::{db::internal, state};

    let SignedIn { user } = SignedIn::require().await?;
    let db = &state()?.db;
    let quiz = results::quiz(db, quiz_id.0)
        .await
        .map_err(|e| internal("results quiz", e))?
        .ok_or_else(not_found)?;
    let audience = results::audience(db, &user, quiz.cohort_id)
        .await
        .map_err(|e| internal("results audience", e))?
        .ok_or_else(not_found)?;
    let cohort = access::heading(db, quiz.cohort_id)
        .await
        .map_err(|e| internal("results heading", e))?
        .ok_or_else(not_found)?;
    let groups = results::visible_groups(db, quiz.cohort_id, audience)
        .await
        .map_err(|e| internal("results groups", e))?;
    let group = group
        .map(|g| g.0)
        .filter(|g| groups.iter().any(|(id, _)| id == g));
    let who = Who { audience, group };
    let summary = results::quiz_summary(db, &quiz, who)
        .await
        .map_err(|e| internal("results summary", e))?;
    let items = results::item_analysis(db, &quiz, who, summary.finished)
        .await
        .map_err(|e| internal("results items", e))?;
    let page = page.unwrap_or(1).clamp(1, 100_000);
    let rows = results::quiz_rows(
        db,
        &quiz,
        who,
        Window::Page {
            limit: RESULTS_PAGE_SIZE,
            offset: (page - 1) * RESULTS_PAGE_SIZE,
        },
    )
    .await
    .map_err(|e| internal("results rows", e))?;
    Ok(QuizReport {
        counts_first_attempt: quiz.counts_first(),
        pass_percent: quiz.pass_percent,
        quiz: quiz.link,
        cohort,
        own_groups_only: matches!(audience, Audience::Groups(_)),
        base: base_of(&user),
        total: summary.finished,
        summary,
        items,
        rows,
        page,
        page_size: RESULTS_PAGE_SIZE,
        groups,
        group,
    })
}
