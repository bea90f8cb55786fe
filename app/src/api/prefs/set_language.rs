//! The language switch: a cookie, then back to the page the visitor was on.

use crate::model::AppError;
use leptos::prelude::*;

/// Stores `lang` (`id` or `en`) for a year and returns to `next`.
#[server(endpoint = "set_language")]
pub async fn set_language(lang: String, next: Option<String>) -> Result<(), AppError> {
    use crate::model::{ErrorKind, Lang};
    use crate::ssr::request::{safe_local_path, LANG_COOKIE};
    use crate::ssr::{msg, state};

    let Some(lang) = Lang::from_code(&lang) else {
        return Err(AppError::new(ErrorKind::Invalid, msg("lang.unknown")));
    };
    let secure = if state()?.settings.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    let cookie = format!(
        "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax{secure}",
        lang.code()
    );
    if let (Ok(value), Some(response)) = (
        http::HeaderValue::from_str(&cookie),
        use_context::<leptos_axum::ResponseOptions>(),
    ) {
        response.append_header(http::header::SET_COOKIE, value);
    }
    leptos_axum::redirect(next.as_deref().and_then(safe_local_path).unwrap_or("/"));
    Ok(())
}
