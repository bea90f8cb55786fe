//! Signed-in sessions made directly in the database for the load benchmarks (`seed_quiz_bench`,
//! `seed_board_bench`): signing in through `/masuk` runs argon2 once per account, which would
//! measure the password hash instead of the feature. A session made here is what a sign-in
//! leaves: a `session` row holding tower-sessions' record data, and a cookie value signed with the
//! server's key exactly as tower-sessions' signed cookie controller signs it.

use tower_sessions::cookie::{Cookie, CookieJar, Key};
use tower_sessions::session::Id;

/// The server's session expiry (`Expiry::OnInactivity(14 days)` in `server::build`).
pub const SESSION_SECS: i64 = 14 * 86_400;

/// The key the server would sign cookies with for `data_dir`: read from `session.key`, or
/// generated and written there (as `server::session_key` does). The server must then run with
/// this data directory and no `session_secret`.
pub fn session_key(data_dir: &std::path::Path) -> anyhow::Result<Key> {
    let path = data_dir.join("session.key");
    if let Ok(bytes) = std::fs::read(&path) {
        if bytes.len() >= 64 {
            return Ok(Key::from(&bytes));
        }
    }
    let key = Key::generate();
    std::fs::create_dir_all(data_dir)?;
    std::fs::write(&path, key.master())?;
    Ok(key)
}

/// The cookie value tower-sessions' signed controller would send for session `id`.
pub fn signed_cookie_value(key: &Key, id: Id) -> anyhow::Result<String> {
    let mut jar = CookieJar::new();
    jar.signed_mut(key)
        .add(Cookie::new(server::SESSION_COOKIE, id.to_string()));
    jar.get(server::SESSION_COOKIE)
        .map(|c| c.value().to_string())
        .ok_or_else(|| anyhow::anyhow!("the signed jar lost the cookie"))
}
