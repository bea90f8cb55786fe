//! Writing in a coaching log: a participant starts a cycle or edits one of theirs; the owner,
//! their mentor or an admin comments. Each checks the caller's place in the log first (404 for
//! anyone outside it), then the text, each refusal next to its own field.

pub use crate::model::coaching::CycleParts;
use crate::model::{AppError, CohortId, CycleId};
use leptos::prelude::*;

/// The four parts checked, or every refused part next to its field.
#[cfg(feature = "ssr")]
fn checked_parts(posted: &CycleParts) -> Result<CycleParts, AppError> {
    use crate::model::FieldError;
    use crate::ssr::coaching::cycles::{check, Draft};
    use crate::ssr::msg;
    let draft = Draft {
        goal: &posted.goal,
        identification: &posted.identification,
        action_plan: &posted.action_plan,
        commitment: &posted.commitment,
    };
    check(draft).map_err(|refused| {
        let fields = refused
            .into_iter()
            .map(|invalid| FieldError {
                field: invalid.field().to_string(),
                message: msg(invalid.key()),
            })
            .collect();
        AppError::invalid(msg("form.check_fields"), fields)
    })
}

/// The path of a cycle's page.
#[cfg(feature = "ssr")]
fn cycle_path(id: CycleId) -> String {
    format!("/coaching/{id}")
}

/// A participant starts a new cycle in cohort `cohort_id` (one they are enrolled in).
#[server(endpoint = "create_coaching_cycle")]
pub async fn create_coaching_cycle(
    cohort_id: CohortId,
    #[server(flatten)] parts: CycleParts,
) -> Result<(), AppError> {
    use crate::model::ErrorKind;
    use crate::ssr::coaching::cycles::{self, Created};
    use crate::ssr::db::internal;
    use crate::ssr::guard::SignedIn;
    use crate::ssr::{msg, state};
    let SignedIn { user } = SignedIn::require().await?;
    let state = state()?;
    let db = &state.db;
    let reader = super::guard::log(db, &user, user.id, cohort_id).await?;
    if !reader.owns() {
        return Err(super::guard::not_found());
    }
    let parts = checked_parts(&parts)?;
    let created = cycles::create(db, cohort_id.0, user.id.0, &parts, state.clock.now())
        .await
        .map_err(|e| internal("create coaching cycle", e))?;
    let (id, number) = match created {
        Created::Saved { id, number } => (id, number),
        // Withdrawn between the check above and the write.
        Created::NotEnrolled => return Err(super::guard::not_found()),
        Created::Busy => {
            return Err(AppError::new(ErrorKind::Conflict, msg("coaching.busy")));
        }
    };
    tracing::info!(
        user = user.id.0,
        cohort = cohort_id.0,
        cycle = id,
        number,
        "coaching cycle started"
    );
    crate::ssr::flash::go_to(&cycle_path(CycleId(id)), "", "coaching.created");
    Ok(())
}

/// The owner rewrites the four parts of their cycle; its comments stay.
#[server(endpoint = "update_coaching_cycle")]
pub async fn update_coaching_cycle(
    cycle_id: CycleId,
    #[server(flatten)] parts: CycleParts,
) -> Result<(), AppError> {
    use crate::model::ErrorKind;
    use crate::ssr::coaching::cycles;
    use crate::ssr::db::internal;
    use crate::ssr::guard::SignedIn;
    use crate::ssr::{msg, state};
    let SignedIn { user } = SignedIn::require().await?;
    let state = state()?;
    let db = &state.db;
    let (head, reader) = super::guard::cycle(db, &user, cycle_id).await?;
    if !reader.owns() {
        return Err(AppError::new(
            ErrorKind::Forbidden,
            msg("coaching.not_owner"),
        ));
    }
    let parts = checked_parts(&parts)?;
    let found = cycles::update(db, head.id, user.id.0, &parts, state.clock.now())
        .await
        .map_err(|e| internal("update coaching cycle", e))?;
    if !found {
        return Err(super::guard::not_found());
    }
    tracing::info!(user = user.id.0, cycle = head.id, "coaching cycle edited");
    crate::ssr::flash::go_to(&cycle_path(cycle_id), "", "coaching.saved");
    Ok(())
}

/// A comment on a cycle by its owner, their mentor or an admin.
#[server(endpoint = "add_coaching_comment")]
pub async fn add_coaching_comment(cycle_id: CycleId, body: String) -> Result<(), AppError> {
    use crate::ssr::coaching::comments;
    use crate::ssr::db::internal;
    use crate::ssr::guard::SignedIn;
    use crate::ssr::state;
    use crate::ssr::validate::Validator;
    let SignedIn { user } = SignedIn::require().await?;
    let state = state()?;
    let db = &state.db;
    let (head, _) = super::guard::cycle(db, &user, cycle_id).await?;
    let body = comments::check(&body).map_err(|r| Validator::field_error("body", r.key()))?;
    let id = comments::add(db, head.id, user.id.0, &body, state.clock.now())
        .await
        .map_err(|e| internal("coaching comment", e))?;
    tracing::info!(
        user = user.id.0,
        cycle = head.id,
        comment = id,
        "coaching comment written"
    );
    // The query makes the browser load the page again (a hash alone would not) and marks it.
    crate::ssr::flash::go_to(
        &cycle_path(cycle_id),
        &format!("?baru={id}#k-{id}"),
        "coaching.commented",
    );
    Ok(())
}
