//! What checking a verifiable credential found: the verdict and the facts the credential states,
//! as the check page (`/sertifikat/periksa`) and the verifier command show them.

use serde::{Deserialize, Serialize};

/// The facts a signed certificate credential states, read from the credential itself.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CredentialSummary {
    pub participant_name: String,
    pub nip: Option<String>,
    pub training: String,
    /// The description: certificate number, cohort, dates and place.
    pub description: String,
    pub institution: String,
    /// `validFrom`, as written (an RFC 3339 time).
    pub issued: String,
    pub jp: Option<i64>,
    pub result: Option<String>,
}

/// What a check of one credential found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "verdict", rename_all = "snake_case")]
pub enum CheckResult {
    /// Signed by a key the institution published, unchanged, and not revoked.
    Valid { summary: CredentialSummary },
    /// The signature does not match the content: something was changed after signing.
    Tampered,
    /// Genuine, but the institution revoked it (`on`: `YYYY-MM-DD`, WIB, when known).
    Revoked {
        summary: CredentialSummary,
        on: Option<String>,
        reason: Option<String>,
    },
    /// Signed by a key this Pamong (or the saved key document) does not publish.
    UnknownIssuer,
}

impl CheckResult {
    /// The short code of the verdict (`valid`, `tampered`, `revoked`, `unknown_issuer`).
    pub fn code(&self) -> &'static str {
        match self {
            CheckResult::Valid { .. } => "valid",
            CheckResult::Tampered => "tampered",
            CheckResult::Revoked { .. } => "revoked",
            CheckResult::UnknownIssuer => "unknown_issuer",
        }
    }
}

/// The flash value that carries a check's result from the upload to the check page.
pub const RESULT_FIELD: &str = "hasil";

/// The result a check left in the flash for the check page.
pub fn result_of(flash: &super::Flash) -> Option<CheckResult> {
    flash
        .value(RESULT_FIELD)
        .and_then(|json| serde_json::from_str(json).ok())
}
