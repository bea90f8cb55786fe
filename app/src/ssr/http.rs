//! The plain HTTP answers the non-Leptos routes share (CSV downloads, uploads, quiz saves): a
//! short text with a status, a redirect, a CSV attachment, and the signed-in admin or the refusal.

use crate::model::{CurrentUser, InstitutionId, Lang, Role};
use crate::ssr::auth::load_session_user;
use crate::ssr::AppState;
use axum::response::{IntoResponse, Response};
use http::{header, HeaderValue, StatusCode};
use tower_sessions::Session;

/// A short plain-text answer (a refusal's message, or the outcome of saves); never cached.
pub fn plain(status: StatusCode, message: String) -> Response {
    (
        status,
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        message,
    )
        .into_response()
}

/// `303 See Other` to `to`.
pub fn redirect(to: &str) -> Response {
    (
        StatusCode::SEE_OTHER,
        [(
            header::LOCATION,
            HeaderValue::from_str(to).unwrap_or(HeaderValue::from_static("/")),
        )],
    )
        .into_response()
}

/// `303` back to `page` (followed by `fragment`) with `message` next to field `field`: the flash
/// cookie carries it to the form, as it does for a refused server-function form.
pub fn back_with_field_error(
    state: &AppState,
    page: &str,
    fragment: &str,
    field: &str,
    message: String,
) -> Response {
    let flash = crate::model::Flash {
        path: page.to_string(),
        values: Vec::new(),
        error: Some(crate::model::AppError::invalid(
            message.clone(),
            vec![crate::model::FieldError {
                field: field.to_string(),
                message,
            }],
        )),
        notice: None,
    };
    with_flash(state, redirect(&format!("{page}{fragment}")), &flash)
}

/// `response` carrying `flash` for the page it leads to.
pub fn with_flash(
    state: &AppState,
    mut response: Response,
    flash: &crate::model::Flash,
) -> Response {
    if let Some(cookie) = crate::ssr::flash::set_cookie(flash, state.settings.secure_cookies) {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    response
}

/// To the sign-in page, coming back to `path` afterwards.
pub fn sign_in_first(path: &str) -> Response {
    let next = crate::components::url::encode_query_value(path);
    redirect(&format!("/masuk?next={next}"))
}

/// Logs an internal failure and answers 500.
pub fn internal(context: &str, err: impl std::fmt::Display) -> Response {
    tracing::error!(%err, "{context}");
    StatusCode::INTERNAL_SERVER_ERROR.into_response()
}

/// A CSV file to download as `name`.
pub fn csv_download(name: &str, body: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "private, no-cache".to_string()),
        ],
        body,
    )
        .into_response()
}

/// The signed-in admin and the root of their scope, or the response that refuses: sign in first
/// for a visitor, 403 for another role. The caller still checks the thing asked for is in scope.
pub async fn signed_in_admin(
    state: &AppState,
    session: &Session,
    lang: Lang,
    path: &str,
) -> Result<(CurrentUser, InstitutionId), Response> {
    let user = load_session_user(session, &state.db)
        .await
        .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())?;
    let Some(user) = user else {
        return Err(sign_in_first(path));
    };
    match user.institution_id.filter(|_| user.role == Role::Admin) {
        Some(root) => Ok((user, root)),
        None => Err(plain(
            StatusCode::FORBIDDEN,
            crate::i18n::text(lang, "auth.forbidden"),
        )),
    }
}
