//! Who is calling: the session's user, and signing in and out of a session. What a caller may do
//! is checked by the guards (`ssr::guard`).

use super::db::internal;
use super::{state, users};
use crate::model::{AppError, CurrentUser, UserId};
use tower_sessions::Session;

/// Session key of the signed-in user's id.
pub const SESSION_USER: &str = "uid";
/// Session key of the user's session epoch at sign-in; a changed password or role bumps the
/// stored epoch and so ends every older session.
pub const SESSION_EPOCH: &str = "epoch";
/// Session key of the time (unix seconds) the user signed in: the session store ends a session
/// `session_max_age_secs` after it, however active the session has been.
pub const SESSION_SIGNED_IN: &str = "signed_in";

/// The session of the current request.
pub async fn session() -> Result<Session, AppError> {
    leptos_axum::extract::<Session>()
        .await
        .map_err(|e| internal("no session layer", e))
}

/// The user signed in to `session`, if the session is still valid.
pub async fn load_session_user(
    session: &Session,
    db: &super::db::Db,
) -> Result<Option<CurrentUser>, AppError> {
    // One query for the session and its user, unless this request changed the session (its row is
    // then behind the record in memory). A miss takes the full path below, which also ends a
    // session whose epoch is stale.
    if !session.is_modified() {
        if let Some(session_id) = session.id() {
            let user = users::by_session(db, &session_id.to_string(), super::db::now_unix())
                .await
                .map_err(|e| internal("load session user", e))?;
            if user.is_some() {
                return Ok(user);
            }
        }
    }
    let id: Option<i64> = session
        .get(SESSION_USER)
        .await
        .map_err(|e| internal("session read", e))?;
    let Some(id) = id else { return Ok(None) };
    let epoch: Option<i64> = session
        .get(SESSION_EPOCH)
        .await
        .map_err(|e| internal("session read", e))?;
    match users::current(db, UserId(id))
        .await
        .map_err(|e| internal("load user", e))?
    {
        Some((user, current_epoch)) if Some(current_epoch) == epoch => Ok(Some(user)),
        _ => {
            // The account is gone or its password/role changed: this session ends here.
            session
                .flush()
                .await
                .map_err(|e| internal("session flush", e))?;
            Ok(None)
        }
    }
}

/// The signed-in user, if any.
pub async fn current_user() -> Result<Option<CurrentUser>, AppError> {
    let state = state()?;
    let session = session().await?;
    load_session_user(&session, &state.db).await
}

/// Signs this browser in as `id` (whose password was just set, at session epoch `epoch`) and
/// sends it to the role's home page with the notice `notice_key`.
pub async fn enter_after_new_password(
    id: UserId,
    epoch: i64,
    notice_key: &str,
) -> Result<(), AppError> {
    let state = state()?;
    let session = session().await?;
    start_session(&session, id, epoch).await?;
    let (user, _) = users::current(&state.db, id)
        .await
        .map_err(|e| internal("load user", e))?
        .ok_or_else(|| internal("new password", "user vanished"))?;
    let home = user.role.home_path();
    super::flash::set_notice(home, super::msg(notice_key));
    leptos_axum::redirect(home);
    Ok(())
}

/// Starts an authenticated session: a fresh session id (no fixation), then the user.
pub async fn start_session(session: &Session, id: UserId, epoch: i64) -> Result<(), AppError> {
    session
        .cycle_id()
        .await
        .map_err(|e| internal("session cycle", e))?;
    session
        .insert(SESSION_USER, id.0)
        .await
        .map_err(|e| internal("session write", e))?;
    session
        .insert(SESSION_EPOCH, epoch)
        .await
        .map_err(|e| internal("session write", e))?;
    session
        .insert(SESSION_SIGNED_IN, super::db::now_unix())
        .await
        .map_err(|e| internal("session write", e))?;
    Ok(())
}
