//! Checking in to a live session with its code (a participant, during the session).

use crate::model::{AppError, LiveSessionId};
use leptos::prelude::*;

/// The participant checks in with the code on the host's screen; a refusal comes back next to
/// the code field, in the participant's language.
#[server(endpoint = "check_in")]
pub async fn check_in(session_id: LiveSessionId, code: String) -> Result<(), AppError> {
    use crate::model::codes::AttendanceStatus;
    use crate::model::{ErrorKind, FieldError};
    use crate::ssr::db::internal;
    use crate::ssr::guard::SignedIn;
    use crate::ssr::sessions::access;
    use crate::ssr::sessions::checkin::{self, Refusal};
    use crate::ssr::{msg, state};
    let SignedIn { user } = SignedIn::require().await?;
    let state = state()?;
    let db = &state.db;
    let session = access::require_participant(db, &user, session_id).await?;
    let now = state.clock.now();
    let done = checkin::check_in(db, user.id.0, &session, &code, now)
        .await
        .map_err(|e| internal("check in", e))?;
    let refusal = match done {
        Ok(status) => {
            tracing::info!(session = session_id.0, user = user.id.0, %status, "checked in");
            let key = if status == AttendanceStatus::Late {
                "sessions.checked_in_late"
            } else {
                "sessions.checked_in"
            };
            crate::ssr::flash::go_to(&format!("/peserta/sesi/{session_id}"), "", key);
            return Ok(());
        }
        Err(refusal) => refusal,
    };
    let (kind, message) = match refusal {
        Refusal::Malformed => (ErrorKind::Invalid, msg("sessions.code_malformed")),
        Refusal::NotOpenYet(at) => (
            ErrorKind::Invalid,
            crate::i18n::text_with(
                crate::ssr::request::request_lang(),
                "sessions.not_open_yet",
                &[("time", &crate::model::wib::date_time_of(at))],
            ),
        ),
        Refusal::Closed => (ErrorKind::Invalid, msg("sessions.closed")),
        Refusal::TooManyTries => (ErrorKind::TooManyAttempts, msg("sessions.too_many_tries")),
        Refusal::Wrong => (ErrorKind::Invalid, msg("sessions.code_wrong")),
        Refusal::Expired => (ErrorKind::Invalid, msg("sessions.code_expired")),
        Refusal::OtherSession(title) => (
            ErrorKind::Invalid,
            crate::i18n::text_with(
                crate::ssr::request::request_lang(),
                "sessions.code_other_session",
                &[("title", &title)],
            ),
        ),
        Refusal::AlreadyIn => (ErrorKind::Conflict, msg("sessions.already_in")),
    };
    let mut error = AppError::new(kind, message.clone());
    error.fields = vec![FieldError {
        field: "code".into(),
        message,
    }];
    Err(error)
}
