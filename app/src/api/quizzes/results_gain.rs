//! A cohort's learning gain (pre-test, post-test, normalized gain) for staff: admins with the
//! cohort in scope and the cohort's mentors (a mentor who only leads groups sees those groups);
//! anyone else gets the 404 of a missing cohort.

use crate::model::quizzes::GainReport;
use crate::model::{AppError, CohortId, GroupId};
use leptos::prelude::*;

/// The gain of the cohort and of each group, and one page of participants, optionally of one
/// group only.
#[server(endpoint = "cohort_gain")]
pub async fn cohort_gain(
    cohort_id: CohortId,
    group: Option<GroupId>,
    page: Option<i64>,
) -> Result<GainReport, AppError> {
    use super::results_quiz::{base_of, not_found};
    use crate::model::quizzes::RESULTS_PAGE_SIZE;
    use crate::ssr::groups::access;
    use crate::ssr::guard::SignedIn;
    use crate::ssr::quizzes::results::{self, Audience, Who, Window};
    use crate::ssr::{db::internal, state};

    let SignedIn { user } = SignedIn::require().await?;
    let db = &state()?.db;
    let audience = results::audience(db, &user, cohort_id.0)
        .await
        .map_err(|e| internal("gain audience", e))?
        .ok_or_else(not_found)?;
    let cohort = access::heading(db, cohort_id.0)
        .await
        .map_err(|e| internal("gain heading", e))?
        .ok_or_else(not_found)?;
    let (pre_quiz, post_quiz) = results::gain_quizzes(db, cohort_id.0)
        .await
        .map_err(|e| internal("gain quizzes", e))?;
    let quizzes = results::cohort_quizzes(db, cohort_id.0)
        .await
        .map_err(|e| internal("gain quiz list", e))?;
    let visible = results::visible_groups(db, cohort_id.0, audience)
        .await
        .map_err(|e| internal("gain groups", e))?;
    let group = group
        .map(|g| g.0)
        .filter(|g| visible.iter().any(|(id, _)| id == g));
    let (pre, post) = (
        pre_quiz.as_ref().map(|q| q.id.0),
        post_quiz.as_ref().map(|q| q.id.0),
    );
    // The per-group table always shows every group the viewer may see; the filter narrows the
    // participant list.
    let (overall, groups) = results::gain_by_group(
        db,
        cohort_id.0,
        pre,
        post,
        Who {
            audience,
            group: None,
        },
    )
    .await
    .map_err(|e| internal("gain groups", e))?;
    let who = Who { audience, group };
    let total = results::participant_count(db, cohort_id.0, who)
        .await
        .map_err(|e| internal("gain count", e))?;
    let page = page.unwrap_or(1).clamp(1, 100_000);
    let (rows, _) = results::gain_rows(
        db,
        cohort_id.0,
        pre,
        post,
        who,
        Window::Page {
            limit: RESULTS_PAGE_SIZE,
            offset: (page - 1) * RESULTS_PAGE_SIZE,
        },
    )
    .await
    .map_err(|e| internal("gain rows", e))?;
    Ok(GainReport {
        cohort,
        pre_quiz,
        post_quiz,
        quizzes,
        own_groups_only: matches!(audience, Audience::Groups(_)),
        base: base_of(&user),
        overall,
        groups,
        rows,
        total,
        page,
        page_size: RESULTS_PAGE_SIZE,
        group,
    })
}
