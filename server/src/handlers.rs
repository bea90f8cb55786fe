//! The axum handlers around Leptos: pages (with the viewer, language and flash), server
//! functions, and the health check.

use crate::middleware::security_headers;
use app::components::guard::{UnreadNotifications, UnreadOnBoards, Viewer};
use app::i18n::I18n;
use app::shell;
use app::ssr::auth::load_session_user;
use app::ssr::flash::{self, FLASH_COOKIE};
use app::ssr::request::{cookie, lang_from_headers};
use app::ssr::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::response::{IntoResponse, Response};
use http::{header, HeaderValue, StatusCode};
use leptos::prelude::provide_context;
use tower_sessions::Session;

/// Renders a page (or the 404 page): resolves who is asking, in which language, and any flash left for this path.
pub async fn page(State(state): State<AppState>, session: Session, request: Request) -> Response {
    let lang = lang_from_headers(request.headers(), state.settings.default_lang);
    let viewer = match load_session_user(&session, &state.db).await {
        Ok(viewer) => viewer,
        Err(err) => {
            tracing::error!(?err, "could not load the session user");
            None
        }
    };
    let unread = match &viewer {
        Some(user) => unread_for_navigation(&state, user, request.uri().path())
            .await
            .unwrap_or_else(|err| {
                tracing::warn!(%err, "could not count unread board events");
                UnreadOnBoards::default()
            }),
        None => UnreadOnBoards::default(),
    };
    let notifications = match &viewer {
        Some(user) => app::ssr::notifications::store::unread(
            &state.db,
            user.id.0,
            app::components::layout::UNREAD_CAP,
        )
        .await
        .unwrap_or_else(|err| {
            tracing::warn!(%err, "could not count unread notifications");
            0
        }),
        None => 0,
    };
    let flash_cookie = cookie(request.headers(), FLASH_COOKIE).map(str::to_string);
    let path = request.uri().path().to_string();
    let page_flash = flash_cookie
        .as_deref()
        .and_then(flash::decode)
        .filter(|f| f.path == path);
    let error_status = page_flash
        .as_ref()
        .and_then(|f| f.error.as_ref())
        .map(|e| e.kind.status());

    // One nonce per page: Leptos writes it on its hydration scripts, and the policy allows only
    // scripts that carry it (besides the site's own files).
    let nonce = leptos::nonce::Nonce::new();
    let context_nonce = nonce.clone();
    let context_state = state.clone();
    // Every page renders completely before the first byte (status codes and redirects work, and
    // nothing depends on JavaScript to stream in), so no per-route mode lookup is needed.
    let render = leptos_axum::render_app_async_with_context(
        move || {
            provide_context(context_state.clone());
            provide_context(context_nonce.clone());
            provide_context(I18n(lang));
            provide_context(Viewer(viewer.clone()));
            provide_context(unread);
            provide_context(UnreadNotifications(notifications));
            if let Some(flash) = page_flash.clone() {
                provide_context(flash);
            }
        },
        {
            let options = state.leptos_options.clone();
            move || shell(options.clone())
        },
    );
    let response = render(request).await;
    // The page is rendered completely (async mode), so rewriting it costs one copy of a few kB.
    let (parts, body) = response.into_parts();
    let body = match axum::body::to_bytes(body, 8 * 1024 * 1024).await {
        Ok(bytes) => match std::str::from_utf8(&bytes)
            .ok()
            .and_then(|html| crate::wasm_preload::script_only_wasm_preload(html, &nonce))
        {
            Some(html) => Body::from(html),
            None => Body::from(bytes),
        },
        Err(err) => {
            tracing::error!(%err, "could not read the rendered page");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let mut response = Response::from_parts(parts, body);
    response.headers_mut().remove(header::CONTENT_LENGTH);
    // `<Redirect/>` answers 302 only to clients that accept HTML; a page redirect is a redirect
    // for every client.
    if response.headers().contains_key(header::LOCATION) && response.status().is_success() {
        *response.status_mut() = StatusCode::FOUND;
        response
            .headers_mut()
            .remove(leptos::server_fn::redirect::REDIRECT_HEADER);
    }
    let headers = response.headers_mut();
    if let Ok(policy) = HeaderValue::from_str(&security_headers::page_policy(&nonce)) {
        headers.insert(header::CONTENT_SECURITY_POLICY, policy);
    }
    // Pages show personal data: never cache them in shared caches.
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-cache"),
    );
    if flash_cookie.is_some() {
        headers.append(header::SET_COOKIE, flash::clear_cookie());
    }
    // A form shown again with its error answers like the failed post would have.
    if let Some(code) = error_status {
        if response.status() == StatusCode::OK {
            *response.status_mut() = StatusCode::from_u16(code).unwrap_or(StatusCode::BAD_REQUEST);
        }
    }
    response
}

/// The unread board events the navigation shows to `user`. A board's own page (or one of its
/// posts) marks the board read as it renders, so that board is left out of the count here.
async fn unread_for_navigation(
    state: &AppState,
    user: &app::model::CurrentUser,
    path: &str,
) -> Result<UnreadOnBoards, sqlx::Error> {
    use app::ssr::boards::{access, posts, views};
    let number = |text: &str| {
        (!text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()))
            .then(|| text.parse::<i64>().ok())
            .flatten()
    };
    let board = match path.strip_prefix("/papan/") {
        Some(rest) => match rest.strip_prefix("pos/") {
            Some(post) => match number(post) {
                Some(post) => posts::head(&state.db, post).await?.map(|p| p.board_id),
                None => None,
            },
            None => number(rest),
        },
        None => None,
    };
    let viewing = match board {
        Some(board) => access::board_and_right(&state.db, user, board)
            .await?
            .map(|_| board),
        None => None,
    };
    let count = views::unread_for_navigation(
        &state.db,
        user,
        app::components::layout::UNREAD_CAP,
        viewing,
    )
    .await?;
    Ok(UnreadOnBoards { count, viewing })
}

/// Runs a server function with the app state in its context.
pub async fn server_fn(State(state): State<AppState>, request: Request<Body>) -> impl IntoResponse {
    leptos_axum::handle_server_fns_with_context(move || provide_context(state.clone()), request)
        .await
}

/// `GET /healthz`: 200 when the database answers, 503 otherwise.
pub async fn health(State(state): State<AppState>) -> Response {
    match sqlx::query_scalar::<_, i64>("select 1")
        .fetch_one(&state.db)
        .await
    {
        Ok(_) => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "application/json")],
            r#"{"status":"ok","database":"ok"}"#,
        )
            .into_response(),
        Err(err) => {
            tracing::error!(%err, "health check: database unavailable");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                [(header::CONTENT_TYPE, "application/json")],
                r#"{"status":"error","database":"unavailable"}"#,
            )
                .into_response()
        }
    }
}
