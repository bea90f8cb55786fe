//! Rotating check-in codes. A session's code is six digits derived from its secret and the
//! current step of [`STEP_SECS`] seconds, so nothing is stored per code and every server process
//! shows and accepts the same one. The code on the host's screen is accepted during its step and
//! the next (a teacher typing slowly is not refused); older codes are recognised as expired for
//! [`EXPIRED_STEPS`] steps, so the message says "expired", not "wrong".

use sha2::{Digest, Sha256};

/// Seconds a code is shown before the next replaces it.
pub const STEP_SECS: i64 = 40;
/// Steps back in which an old code is still recognised (and refused as expired): 30 minutes.
pub const EXPIRED_STEPS: i64 = 45;

/// What a typed code is for a session at a moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeCheck {
    /// The code shown now or in the step before.
    Valid,
    /// A code this session showed earlier.
    Expired,
    /// Not a code of this session.
    Wrong,
}

/// The step that holds `now`.
pub fn step_of(now: i64) -> i64 {
    now.div_euclid(STEP_SECS)
}

/// The code of `session` in `step`.
pub fn code_at(secret: &str, session: i64, step: i64) -> String {
    let digest = Sha256::new()
        .chain_update(secret.as_bytes())
        .chain_update(b":")
        .chain_update(session.to_be_bytes())
        .chain_update(step.to_be_bytes())
        .finalize();
    let n = u32::from_be_bytes([digest[0], digest[1], digest[2], digest[3]]) % 1_000_000;
    format!("{n:06}")
}

/// The code shown now, and the moment the next replaces it.
pub fn current(secret: &str, session: i64, now: i64) -> (String, i64) {
    let step = step_of(now);
    (code_at(secret, session, step), (step + 1) * STEP_SECS)
}

/// What the participant typed, as digits only (spaces and dashes dropped); `None` if anything
/// else is in it or it is not six digits.
pub fn normalise(typed: &str) -> Option<String> {
    let digits: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    (digits.len() == 6 && digits.bytes().all(|b| b.is_ascii_digit())).then_some(digits)
}

/// Checks a normalised code against `session` at `now`.
pub fn check(secret: &str, session: i64, code: &str, now: i64) -> CodeCheck {
    let step = step_of(now);
    if code == code_at(secret, session, step) || code == code_at(secret, session, step - 1) {
        return CodeCheck::Valid;
    }
    if (2..=EXPIRED_STEPS).any(|back| code == code_at(secret, session, step - back)) {
        return CodeCheck::Expired;
    }
    CodeCheck::Wrong
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "0123456789abcdef0123456789abcdef";

    #[test]
    fn a_code_is_valid_in_its_step_and_the_next_then_expired() {
        let now = 1_800_000_000;
        let (code, next) = current(SECRET, 7, now);
        assert_eq!(code.len(), 6);
        assert!(next > now && next - now <= STEP_SECS);
        assert_eq!(check(SECRET, 7, &code, now), CodeCheck::Valid);
        assert_eq!(check(SECRET, 7, &code, next), CodeCheck::Valid);
        let later = next + STEP_SECS;
        // A later step's code may collide by chance (one in a million); the test's values do not.
        assert_eq!(check(SECRET, 7, &code, later), CodeCheck::Expired);
        assert_eq!(
            check(SECRET, 7, &code, now + STEP_SECS * (EXPIRED_STEPS + 2)),
            CodeCheck::Wrong
        );
    }

    #[test]
    fn codes_differ_by_session_and_secret() {
        let now = 1_800_000_000;
        let (a, _) = current(SECRET, 7, now);
        let (b, _) = current(SECRET, 8, now);
        let (c, _) = current("another secret", 7, now);
        assert_ne!(a, b);
        assert_ne!(a, c);
        assert_eq!(check(SECRET, 8, &a, now), CodeCheck::Wrong);
    }

    #[test]
    fn typed_codes_are_normalised() {
        assert_eq!(normalise(" 123 456 ").as_deref(), Some("123456"));
        assert_eq!(normalise("123-456").as_deref(), Some("123456"));
        assert_eq!(normalise("12345"), None);
        assert_eq!(normalise("12345a"), None);
        assert_eq!(normalise("１２３４５６"), None);
    }
}
