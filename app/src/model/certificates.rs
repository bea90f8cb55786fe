//! What a certificate says: the facts printed on it, frozen when it is issued.

use serde::{Deserialize, Serialize};

/// Everything a certificate carries (DOMAIN §5), as stored in `certificate.facts` at issue.
///
/// A later change of the person's profile does not alter it: a correction issues a new version.
/// Dates are `YYYY-MM-DD` (WIB).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateFacts {
    /// The public check code (`/sertifikat/<code>`), unguessable.
    pub code: String,
    /// The number from the institution's template, e.g. `00042/BPSDM/LITDIG/2026`.
    pub number: String,
    pub version: i64,
    pub institution_id: i64,
    pub institution_name: String,
    pub training_title: String,
    pub cohort_name: String,
    pub starts_on: String,
    pub ends_on: String,
    /// Where it was held: the cities of in-person sessions, or "Daring" (online).
    pub place: String,
    pub participant_name: String,
    pub nip: Option<String>,
    pub birth_place: Option<String>,
    pub birth_date: Option<String>,
    pub rank: Option<String>,
    pub position: Option<String>,
    /// The participant's own institution (school or office).
    pub participant_institution: Option<String>,
    /// The result as printed, e.g. "Lulus dengan predikat Baik (86)".
    pub result: String,
    pub jp: i64,
    pub signatory_name: String,
    pub signatory_nip: Option<String>,
    pub signatory_title: String,
    pub signing_city: String,
    pub issued_on: String,
}
