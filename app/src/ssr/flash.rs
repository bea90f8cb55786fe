//! Encoding of the one-shot flash cookie (see `model::Flash`).

use crate::model::Flash;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use http::HeaderValue;

/// Name of the flash cookie.
pub const FLASH_COOKIE: &str = "pamong_flash";

/// Browsers keep cookies up to about 4 KiB: a flash larger than this drops its values.
const MAX_COOKIE_VALUE: usize = 3500;

/// The `Set-Cookie` header that stores `flash` for the next page render.
pub fn set_cookie(flash: &Flash, secure: bool) -> Option<HeaderValue> {
    let mut json = serde_json::to_vec(flash).ok()?;
    if URL_SAFE_NO_PAD.encode(&json).len() > MAX_COOKIE_VALUE {
        let slim = Flash {
            values: Vec::new(),
            ..flash.clone()
        };
        json = serde_json::to_vec(&slim).ok()?;
    }
    let value = URL_SAFE_NO_PAD.encode(json);
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{FLASH_COOKIE}={value}; Path=/; Max-Age=120; HttpOnly; SameSite=Lax{secure}"
    ))
    .ok()
}

/// The `Set-Cookie` header that removes the flash once shown.
pub fn clear_cookie() -> HeaderValue {
    HeaderValue::from_static("pamong_flash=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax")
}

/// Decodes a flash cookie value; anything malformed is ignored.
pub fn decode(value: &str) -> Option<Flash> {
    let json = URL_SAFE_NO_PAD.decode(value).ok()?;
    serde_json::from_slice(&json).ok()
}

/// Sends the browser of the current server function to `path` (then `suffix`: a query or a
/// fragment) with the notice `notice_key` shown there.
pub fn go_to(path: &str, suffix: &str, notice_key: &str) {
    set_notice(path, super::msg(notice_key));
    leptos_axum::redirect(&format!("{path}{suffix}"));
}

/// Queues a notice for the page the current server function redirects to.
pub fn set_notice(path: &str, notice: String) {
    let secure = super::state()
        .map(|s| s.settings.secure_cookies)
        .unwrap_or(false);
    let flash = Flash {
        path: path.to_string(),
        notice: Some(notice),
        ..Flash::default()
    };
    if let (Some(header), Some(response)) = (
        set_cookie(&flash, secure),
        leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
    ) {
        response.append_header(http::header::SET_COOKIE, header);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AppError, ErrorKind};

    #[test]
    fn round_trips_and_drops_values_when_too_large() {
        let flash = Flash {
            path: "/masuk".into(),
            values: vec![("email".into(), "guru@sekolah.sch.id".into())],
            error: Some(AppError::new(ErrorKind::Invalid, "Periksa isian")),
            notice: None,
        };
        let header = set_cookie(&flash, false).expect("cookie");
        let value = header
            .to_str()
            .unwrap_or_default()
            .split(';')
            .next()
            .unwrap_or_default();
        let encoded = value.trim_start_matches("pamong_flash=");
        assert_eq!(decode(encoded), Some(flash.clone()));

        let huge = Flash {
            values: vec![("bio".into(), "x".repeat(10_000))],
            ..flash
        };
        let header = set_cookie(&huge, true).expect("cookie");
        let text = header.to_str().unwrap_or_default();
        assert!(text.len() < 4000 && text.ends_with("; Secure"));
        assert_eq!(
            decode(
                text.split(';')
                    .next()
                    .unwrap_or_default()
                    .trim_start_matches("pamong_flash=")
            )
            .map(|f| f.values.len()),
            Some(0)
        );
        assert_eq!(decode("not base64 !"), None);
    }
}
