//! A certificate as an Open Badges 3.0 `OpenBadgeCredential` (W3C Verifiable Credentials 2.0
//! data model) signed by its institution: made from the certificate's frozen facts on first
//! request, stored in `certificate.credential` (later downloads give the same bytes), and checked
//! either against saved documents (offline, [`verify_offline`]) or against this server's keys
//! and certificates ([`check_online`]).

use super::keys::{self, key_document_path, KeyError, KeyStore};
use super::proof::{self, ProofFailure};
use super::status_list::{self, LIST_BITS};
use crate::model::certificates::CertificateFacts;
use crate::model::credentials::{CheckResult, CredentialSummary};
use crate::model::wib;
use crate::ssr::db::{begin_write, Db};
use serde_json::{json, Value};

/// The Open Badges 3.0 JSON-LD context.
pub const OB3_CONTEXT: &str = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
/// The Verifiable Credentials 2.0 context.
pub const VC2_CONTEXT: &str = "https://www.w3.org/ns/credentials/v2";

/// `YYYY-MM-DDTHH:MM:SSZ` of instant `unix`.
pub fn rfc3339(unix: i64) -> String {
    let days = unix.div_euclid(86_400);
    let secs = unix.rem_euclid(86_400);
    // `date_of` works in WIB: shift back to read the UTC date.
    let date = wib::date_of(days * 86_400 - wib::WIB_OFFSET + 3600 * 12);
    format!(
        "{date}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

/// Where things live on the site whose public address is `base` (no trailing slash).
#[derive(Clone, Debug)]
pub struct Site {
    pub base: String,
}

impl Site {
    pub fn new(base: &str) -> Site {
        Site {
            base: base.trim_end_matches('/').to_string(),
        }
    }

    /// The institution's key document, also its issuer id.
    pub fn issuer_id(&self, institution: i64) -> String {
        format!("{}{}", self.base, key_document_path(institution))
    }

    pub fn status_list_url(&self, institution: i64, list: u64) -> String {
        format!("{}{}", self.base, status_list::list_path(institution, list))
    }
}

/// The unsigned credential of a certificate: its facts, issued at `issued_at`, at `index` of its
/// institution's status lists.
pub fn unsigned_credential(
    site: &Site,
    facts: &CertificateFacts,
    issued_at: i64,
    index: u64,
) -> Value {
    let institution = facts.institution_id;
    let check_page = format!("{}/sertifikat/{}", site.base, facts.code);
    let description = format!(
        "Sertifikat nomor {} · {} · {} s.d. {} · {} · {} JP",
        facts.number, facts.cohort_name, facts.starts_on, facts.ends_on, facts.place, facts.jp
    );
    let mut identifiers = vec![json!({
        "type": "IdentityObject",
        "identityType": "name",
        "hashed": false,
        "identityHash": facts.participant_name,
    })];
    if let Some(nip) = &facts.nip {
        identifiers.push(json!({
            "type": "IdentityObject",
            "identityType": "identifier",
            "hashed": false,
            "identityHash": nip,
        }));
    }
    let list = index / LIST_BITS;
    json!({
        "@context": [VC2_CONTEXT, OB3_CONTEXT],
        "id": check_page,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": facts.training_title,
        "description": description,
        "issuer": {
            "id": site.issuer_id(institution),
            "type": ["Profile"],
            "name": facts.institution_name,
            "url": site.base,
        },
        "validFrom": rfc3339(issued_at),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": identifiers,
            "achievement": {
                "id": format!("{check_page}#pelatihan"),
                "type": ["Achievement"],
                "achievementType": "Certificate",
                "name": facts.training_title,
                "description": description,
                "criteria": {
                    "narrative": format!(
                        "Menyelesaikan {} ({}), {} JP, dengan hasil: {}",
                        facts.training_title, facts.cohort_name, facts.jp, facts.result
                    ),
                },
                "creditsAvailable": facts.jp,
            },
            "creditsEarned": facts.jp,
            "activityStartDate": format!("{}T00:00:00+07:00", facts.starts_on),
            "activityEndDate": format!("{}T23:59:59+07:00", facts.ends_on),
            "result": [{ "type": ["Result"], "value": facts.result }],
        },
        "credentialStatus": status_list::entry(&site.status_list_url(institution, list), index),
    })
}

/// What went wrong while making a credential.
#[derive(Debug, thiserror::Error)]
pub enum IssueError {
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("key: {0}")]
    Key(#[from] KeyError),
    #[error("the certificate's facts cannot be read: {0}")]
    Facts(serde_json::Error),
    #[error("signing: {0}")]
    Sign(#[from] proof::SignError),
}

/// The certificate row fields a credential is made from.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct CertificateHead {
    pub id: i64,
    pub code: String,
    pub institution_id: i64,
    pub cohort_id: i64,
    pub user_id: i64,
    pub facts: String,
    pub issued_at: i64,
    pub credential: Option<String>,
    pub status: String,
}

/// The certificate whose check code is `code`.
pub async fn certificate_by_code(
    db: &Db,
    code: &str,
) -> Result<Option<CertificateHead>, sqlx::Error> {
    sqlx::query_as(
        "select id, code, institution_id, cohort_id, user_id, facts, issued_at, credential, status \
         from certificate where code = $1",
    )
    .bind(code)
    .fetch_optional(db)
    .await
}

/// The signed credential of certificate `head`: the stored one, or one made, signed with the
/// institution's current key, and stored now. Simultaneous first requests make one credential:
/// the write lock (SQLite) or the row lock (PostgreSQL) is taken before the stored value is read,
/// and the status-list index comes from the institution's counter in the same transaction.
pub async fn credential_for(
    db: &Db,
    store: &KeyStore,
    site: &Site,
    head: &CertificateHead,
    now: i64,
) -> Result<String, IssueError> {
    if let Some(done) = &head.credential {
        return Ok(done.clone());
    }
    let facts: CertificateFacts = serde_json::from_str(&head.facts).map_err(IssueError::Facts)?;
    let (key_row, secret) = store.current(db, head.institution_id, now).await?;
    let mut tx = begin_write(db).await?;
    // A write first: it takes the lock that orders simultaneous first requests.
    sqlx::query("update certificate set credential = credential where id = $1")
        .bind(head.id)
        .execute(&mut *tx)
        .await?;
    let (stored,): (Option<String>,) =
        sqlx::query_as("select credential from certificate where id = $1")
            .bind(head.id)
            .fetch_one(&mut *tx)
            .await?;
    if let Some(stored) = stored {
        tx.commit().await?;
        return Ok(stored);
    }
    sqlx::query(
        "insert into credential_status_counter (institution_id, next_index, created_at) \
         values ($1, 0, $2) on conflict (institution_id) do nothing",
    )
    .bind(head.institution_id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let (next,): (i64,) = sqlx::query_as(
        "update credential_status_counter set next_index = next_index + 1 \
         where institution_id = $1 returning next_index",
    )
    .bind(head.institution_id)
    .fetch_one(&mut *tx)
    .await?;
    let index = u64::try_from(next - 1).unwrap_or_default();
    let unsigned = unsigned_credential(site, &facts, head.issued_at, index);
    let method = format!(
        "{}#{}",
        site.issuer_id(head.institution_id),
        key_row.public_key
    );
    let signed = proof::sign(&unsigned, &secret, &method, Some(&rfc3339(now)))?;
    let text = serde_json::to_string_pretty(&signed).map_err(proof::SignError::from)?;
    sqlx::query("update certificate set credential = $1, status_list_index = $2 where id = $3")
        .bind(&text)
        .bind(next - 1)
        .bind(head.id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    tracing::info!(
        certificate = head.id,
        index,
        key = %key_row.public_key,
        "credential made"
    );
    Ok(text)
}

/// The facts a credential states, read from it (after its proof verified).
pub fn summary(credential: &Value) -> CredentialSummary {
    let text = |v: Option<&Value>| v.and_then(Value::as_str).unwrap_or_default().to_string();
    let subject = credential.get("credentialSubject");
    let identifiers = subject
        .and_then(|s| s.get("identifier"))
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let identity = |kind: &str| {
        identifiers
            .iter()
            .find(|i| i.get("identityType").and_then(Value::as_str) == Some(kind))
            .and_then(|i| i.get("identityHash"))
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    let issuer = credential.get("issuer");
    CredentialSummary {
        participant_name: identity("name").unwrap_or_default(),
        nip: identity("identifier"),
        training: text(
            subject
                .and_then(|s| s.get("achievement"))
                .and_then(|a| a.get("name")),
        ),
        description: text(credential.get("description")),
        institution: text(issuer.and_then(|i| i.get("name"))),
        issued: text(credential.get("validFrom")),
        jp: subject
            .and_then(|s| s.get("creditsEarned"))
            .and_then(Value::as_i64),
        result: subject
            .and_then(|s| s.get("result"))
            .and_then(Value::as_array)
            .and_then(|r| r.first())
            .and_then(|r| r.get("value"))
            .and_then(Value::as_str)
            .map(str::to_string),
    }
}

/// The issuer id of a credential (`issuer` as a string, or its `id`).
fn issuer_id(credential: &Value) -> Option<&str> {
    match credential.get("issuer")? {
        Value::String(id) => Some(id),
        other => other.get("id")?.as_str(),
    }
}

/// The revocation entry of a credential: its list's URL and its index there.
pub fn revocation_entry(credential: &Value) -> Option<(String, u64)> {
    let entries = match credential.get("credentialStatus")? {
        Value::Array(items) => items.clone(),
        other => vec![other.clone()],
    };
    entries.iter().find_map(|e| {
        (e.get("type")?.as_str()? == "BitstringStatusListEntry"
            && e.get("statusPurpose")?.as_str()? == "revocation")
            .then_some(())?;
        let url = e.get("statusListCredential")?.as_str()?.to_string();
        let index = e.get("statusListIndex")?.as_str()?.parse().ok()?;
        Some((url, index))
    })
}

/// Why a credential could not be checked at all (as opposed to a verdict about it).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CheckError {
    #[error("the file is not a JSON credential with a Data Integrity proof")]
    NotACredential,
    #[error("the key document is not a JSON controller document")]
    BadKeyDocument,
    #[error("the status list is not a signed BitstringStatusListCredential of this issuer")]
    BadStatusList,
    #[error("the status list is {got}, but the credential's list is {wanted}")]
    WrongStatusList { wanted: String, got: String },
    #[error("the credential has no revocation status entry")]
    NoStatusEntry,
}

/// Parses a credential file: a JSON object with a proof.
pub fn parse_credential(bytes: &[u8]) -> Result<Value, CheckError> {
    let value: Value = serde_json::from_slice(bytes).map_err(|_| CheckError::NotACredential)?;
    if value.get("proof").is_some_and(Value::is_object) && value.get("type").is_some() {
        Ok(value)
    } else {
        Err(CheckError::NotACredential)
    }
}

/// Why a signed document is not genuine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum NotGenuine {
    Tampered,
    UnknownIssuer,
}

impl From<NotGenuine> for CheckResult {
    fn from(reason: NotGenuine) -> CheckResult {
        match reason {
            NotGenuine::Tampered => CheckResult::Tampered,
            NotGenuine::UnknownIssuer => CheckResult::UnknownIssuer,
        }
    }
}

/// Checks the proof of `document` against `keys` (verification method id, controller, key),
/// and that the key's controller is the issuer the document names.
fn genuine(
    document: &Value,
    keys: &[(String, String, ed25519_dalek::VerifyingKey)],
) -> Result<(), NotGenuine> {
    let method = proof::verification_method(document).unwrap_or_default();
    let found = keys.iter().find(|(id, _, _)| id == method);
    match proof::verify(document, |_| found.map(|(_, _, key)| *key)) {
        Ok(()) => {}
        Err(ProofFailure::UnknownKey) => return Err(NotGenuine::UnknownIssuer),
        Err(ProofFailure::BadSignature | ProofFailure::Malformed) => {
            return Err(NotGenuine::Tampered)
        }
    }
    match (found, issuer_id(document)) {
        (Some((_, controller, _)), Some(issuer)) if controller == issuer => Ok(()),
        _ => Err(NotGenuine::UnknownIssuer),
    }
}

/// Checks a credential offline, against a saved key document (the institution's `kunci.json`)
/// and a saved status list credential: unknown issuer, tampered, revoked or valid. The status
/// list's own proof is checked against the same key document.
pub fn verify_offline(
    credential: &[u8],
    key_document: &[u8],
    status_list: &[u8],
) -> Result<CheckResult, CheckError> {
    let credential = parse_credential(credential)?;
    let key_document: Value =
        serde_json::from_slice(key_document).map_err(|_| CheckError::BadKeyDocument)?;
    let keys = keys::keys_of_document(&key_document);
    if let Err(verdict) = genuine(&credential, &keys) {
        return Ok(verdict.into());
    }
    let (url, index) = revocation_entry(&credential).ok_or(CheckError::NoStatusEntry)?;
    let list: Value = serde_json::from_slice(status_list).map_err(|_| CheckError::BadStatusList)?;
    genuine(&list, &keys).map_err(|_| CheckError::BadStatusList)?;
    let list_id = list.get("id").and_then(Value::as_str).unwrap_or_default();
    if list_id != url {
        return Err(CheckError::WrongStatusList {
            wanted: url,
            got: list_id.to_string(),
        });
    }
    let subject = list.get("credentialSubject");
    let purpose = subject
        .and_then(|s| s.get("statusPurpose"))
        .and_then(Value::as_str);
    let encoded = subject
        .and_then(|s| s.get("encodedList"))
        .and_then(Value::as_str)
        .ok_or(CheckError::BadStatusList)?;
    if purpose != Some("revocation") {
        return Err(CheckError::BadStatusList);
    }
    let revoked = status_list::bit(encoded, index).ok_or(CheckError::BadStatusList)?;
    let summary = summary(&credential);
    Ok(if revoked {
        CheckResult::Revoked {
            summary,
            on: None,
            reason: None,
        }
    } else {
        CheckResult::Valid { summary }
    })
}

/// Checks an uploaded credential against this server: its key must be one an institution here
/// published (else unknown issuer), the proof must hold (else tampered), and its certificate's
/// status here decides revoked or valid (with the date and reason of a revocation).
pub async fn check_online(db: &Db, credential: &Value) -> Result<CheckResult, sqlx::Error> {
    let method = proof::verification_method(credential).unwrap_or_default();
    let Some(institution) = keys::institution_of_key_url(method) else {
        return Ok(CheckResult::UnknownIssuer);
    };
    let Some((document, public_key)) = method.split_once('#') else {
        return Ok(CheckResult::UnknownIssuer);
    };
    let Some(row) = keys::find(db, institution, public_key).await? else {
        return Ok(CheckResult::UnknownIssuer);
    };
    let Some(key) = proof::parse_public_key_multibase(&row.public_key) else {
        return Ok(CheckResult::UnknownIssuer);
    };
    let known = [(method.to_string(), document.to_string(), key)];
    if let Err(verdict) = genuine(credential, &known) {
        return Ok(verdict.into());
    }
    let summary = summary(credential);
    let Some((url, index)) = revocation_entry(credential) else {
        return Ok(CheckResult::Tampered);
    };
    let list: u64 = url
        .rsplit('/')
        .next()
        .and_then(|f| f.strip_suffix(".json"))
        .and_then(|n| n.parse().ok())
        .unwrap_or_default();
    let Some(absolute) = list
        .checked_mul(LIST_BITS)
        .and_then(|start| start.checked_add(index))
        .and_then(|i| i64::try_from(i).ok())
    else {
        return Ok(CheckResult::Valid { summary });
    };
    let found: Option<(String, Option<i64>, Option<String>)> = sqlx::query_as(
        "select status, revoked_at, revoked_reason from certificate \
         where institution_id = $1 and status_list_index = $2",
    )
    .bind(institution)
    .bind(absolute)
    .fetch_optional(db)
    .await?;
    Ok(match found {
        Some((status, at, reason)) if status == "revoked" => CheckResult::Revoked {
            summary,
            on: at.map(wib::date_of),
            reason,
        },
        _ => CheckResult::Valid { summary },
    })
}

/// The revoked indexes of list `list` of an institution, within the list.
pub async fn revoked_in_list(
    db: &Db,
    institution: i64,
    list: u64,
) -> Result<Vec<u64>, sqlx::Error> {
    let start = i64::try_from(list * LIST_BITS).unwrap_or(i64::MAX);
    let rows: Vec<(i64,)> = sqlx::query_as(
        "select status_list_index from certificate where institution_id = $1 \
         and status = 'revoked' and status_list_index >= $2 and status_list_index < $3 \
         order by status_list_index",
    )
    .bind(institution)
    .bind(start)
    .bind(start.saturating_add(LIST_BITS as i64))
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(i,)| u64::try_from(i).ok())
        .map(|i| i % LIST_BITS)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_written_in_utc() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_796_000_000), "2026-11-30T00:53:20Z");
    }
}
