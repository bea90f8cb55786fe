//! Data Integrity proofs with the `eddsa-jcs-2022` cryptosuite (W3C Data Integrity EdDSA
//! Cryptosuites v1.0, §3.3), and the Multikey encodings of Ed25519 keys.
//!
//! Signing: the proof options get the document's `@context`; the hash data is
//! SHA-256(JCS(proof options)) followed by SHA-256(JCS(document without proof)); the Ed25519
//! signature of that is the `proofValue`, base58btc multibase (`z…`). Verifying undoes it in the
//! spec's order. JCS is RFC 8785 (`serde_json_canonicalizer`).

use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

/// The proof type of every Data Integrity proof.
pub const PROOF_TYPE: &str = "DataIntegrityProof";
/// The cryptosuite Pamong signs with.
pub const CRYPTOSUITE: &str = "eddsa-jcs-2022";
/// What the proofs assert: the issuer states the credential.
pub const PROOF_PURPOSE: &str = "assertionMethod";

/// Multicodec prefix (varint) of an Ed25519 public key: `ed01`.
const ED25519_PUBLIC: [u8; 2] = [0xed, 0x01];
/// Multicodec prefix (varint) of an Ed25519 private key: `8026`.
const ED25519_PRIVATE: [u8; 2] = [0x80, 0x26];

/// An institution's Ed25519 secret key. It never prints (`Debug` shows only the public key),
/// and dalek zeroes its bytes when it is dropped.
pub struct SecretKey(SigningKey);

impl std::fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "SecretKey(public {}, secret withheld)",
            public_key_multibase(&self.0.verifying_key())
        )
    }
}

impl SecretKey {
    /// A new key from the operating system's random source.
    pub fn generate() -> SecretKey {
        let seed: [u8; 32] = rand::random();
        SecretKey(SigningKey::from_bytes(&seed))
    }

    /// The key written as [`SecretKey::to_multibase`] wrote it.
    pub fn from_multibase(text: &str) -> Option<SecretKey> {
        let bytes = decode_base58btc(text.trim())?;
        let seed: [u8; 32] = bytes.strip_prefix(&ED25519_PRIVATE)?.try_into().ok()?;
        Some(SecretKey(SigningKey::from_bytes(&seed)))
    }

    /// The secret as a Multikey `secretKeyMultibase` (`z` + base58btc of `8026` + seed): what the
    /// key file holds. Only the key store calls this, to write the file.
    pub fn to_multibase(&self) -> String {
        let mut bytes = ED25519_PRIVATE.to_vec();
        bytes.extend_from_slice(self.0.as_bytes());
        format!("z{}", bs58::encode(bytes).into_string())
    }

    pub fn public(&self) -> VerifyingKey {
        self.0.verifying_key()
    }

    /// The public key as a Multikey `publicKeyMultibase`.
    pub fn public_multibase(&self) -> String {
        public_key_multibase(&self.0.verifying_key())
    }

    fn sign(&self, data: &[u8]) -> Signature {
        self.0.sign(data)
    }
}

/// `z` + base58btc of `ed01` + the 32 key bytes (Multikey, CID 1.0 §2.2.2).
pub fn public_key_multibase(key: &VerifyingKey) -> String {
    let mut bytes = ED25519_PUBLIC.to_vec();
    bytes.extend_from_slice(key.as_bytes());
    format!("z{}", bs58::encode(bytes).into_string())
}

/// The Ed25519 key of a `publicKeyMultibase`, if it is one.
pub fn parse_public_key_multibase(text: &str) -> Option<VerifyingKey> {
    let bytes = decode_base58btc(text)?;
    let key: [u8; 32] = bytes.strip_prefix(&ED25519_PUBLIC)?.try_into().ok()?;
    VerifyingKey::from_bytes(&key).ok()
}

fn decode_base58btc(text: &str) -> Option<Vec<u8>> {
    bs58::decode(text.strip_prefix('z')?).into_vec().ok()
}

/// Why a proof cannot be made.
#[derive(Debug, thiserror::Error)]
pub enum SignError {
    #[error("only a JSON object can be signed")]
    NotAnObject,
    #[error("canonicalization failed: {0}")]
    Canonical(#[from] serde_json::Error),
}

/// Why a proof does not verify.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProofFailure {
    /// No single Data Integrity proof of this cryptosuite, or an unreadable one.
    Malformed,
    /// The verification method is not a key the resolver knows.
    UnknownKey,
    /// The signature does not match the document and proof options (changed after signing).
    BadSignature,
}

/// SHA-256(JCS(proof config)) ‖ SHA-256(JCS(document)).
fn hash_data(proof_config: &Value, document: &Value) -> Result<Vec<u8>, serde_json::Error> {
    let config = serde_json_canonicalizer::to_vec(proof_config)?;
    let doc = serde_json_canonicalizer::to_vec(document)?;
    let mut data = Sha256::digest(&config).to_vec();
    data.extend_from_slice(&Sha256::digest(&doc));
    Ok(data)
}

/// `document` with an `eddsa-jcs-2022` proof by `key` added, naming `verification_method`
/// (and `created`, an XML Schema dateTime, when given).
pub fn sign(
    document: &Value,
    key: &SecretKey,
    verification_method: &str,
    created: Option<&str>,
) -> Result<Value, SignError> {
    let Value::Object(fields) = document else {
        return Err(SignError::NotAnObject);
    };
    let mut unsecured = fields.clone();
    unsecured.remove("proof");
    let unsecured = Value::Object(unsecured);
    let mut proof = Map::new();
    proof.insert("type".into(), PROOF_TYPE.into());
    proof.insert("cryptosuite".into(), CRYPTOSUITE.into());
    if let Some(created) = created {
        proof.insert("created".into(), created.into());
    }
    proof.insert("verificationMethod".into(), verification_method.into());
    proof.insert("proofPurpose".into(), PROOF_PURPOSE.into());
    if let Some(context) = fields.get("@context") {
        proof.insert("@context".into(), context.clone());
    }
    let proof_config = Value::Object(proof.clone());
    let signature = key.sign(&hash_data(&proof_config, &unsecured)?);
    proof.insert(
        "proofValue".into(),
        format!("z{}", bs58::encode(signature.to_bytes()).into_string()).into(),
    );
    let Value::Object(mut secured) = unsecured else {
        return Err(SignError::NotAnObject);
    };
    secured.insert("proof".into(), Value::Object(proof));
    Ok(Value::Object(secured))
}

/// The `verificationMethod` the proof of `secured` names, if it has one proof.
pub fn verification_method(secured: &Value) -> Option<&str> {
    secured.get("proof")?.get("verificationMethod")?.as_str()
}

/// Checks the `eddsa-jcs-2022` proof of `secured`, with the key `resolve` gives for its
/// verification method (`None`: a key it does not know).
pub fn verify(
    secured: &Value,
    resolve: impl FnOnce(&str) -> Option<VerifyingKey>,
) -> Result<(), ProofFailure> {
    let Value::Object(fields) = secured else {
        return Err(ProofFailure::Malformed);
    };
    let Some(Value::Object(proof)) = fields.get("proof") else {
        return Err(ProofFailure::Malformed);
    };
    let mut unsecured = fields.clone();
    unsecured.remove("proof");
    let mut options = proof.clone();
    let proof_value = options
        .remove("proofValue")
        .and_then(|v| v.as_str().map(str::to_string))
        .ok_or(ProofFailure::Malformed)?;
    if options.get("type").and_then(Value::as_str) != Some(PROOF_TYPE)
        || options.get("cryptosuite").and_then(Value::as_str) != Some(CRYPTOSUITE)
    {
        return Err(ProofFailure::Malformed);
    }
    if options.get("proofPurpose").and_then(Value::as_str) != Some(PROOF_PURPOSE) {
        return Err(ProofFailure::BadSignature);
    }
    let method = options
        .get("verificationMethod")
        .and_then(Value::as_str)
        .ok_or(ProofFailure::Malformed)?
        .to_string();
    let signature: [u8; 64] = decode_base58btc(&proof_value)
        .and_then(|bytes| bytes.try_into().ok())
        .ok_or(ProofFailure::Malformed)?;
    // The proof's context must be where the document's begins; it then stands for the document's.
    if let Some(proof_context) = options.get("@context") {
        let as_list = |v: &Value| match v {
            Value::Array(items) => items.clone(),
            other => vec![other.clone()],
        };
        let wanted = as_list(proof_context);
        let has = fields.get("@context").map(as_list).unwrap_or_default();
        if !has.starts_with(&wanted) {
            return Err(ProofFailure::BadSignature);
        }
        unsecured.insert("@context".into(), proof_context.clone());
    }
    let key = resolve(&method).ok_or(ProofFailure::UnknownKey)?;
    let data = hash_data(&Value::Object(options), &Value::Object(unsecured))
        .map_err(|_| ProofFailure::Malformed)?;
    key.verify_strict(&data, &Signature::from_bytes(&signature))
        .map_err(|_| ProofFailure::BadSignature)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The key pair of the spec's test vectors (vc-di-eddsa `TestVectors/keyPair.json`).
    const VECTOR_PUBLIC: &str = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2";
    const VECTOR_SECRET: &str = "z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq";

    fn alumni() -> Value {
        json!({
            "@context": [
                "https://www.w3.org/ns/credentials/v2",
                "https://www.w3.org/ns/credentials/examples/v2"
            ],
            "id": "urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33",
            "type": ["VerifiableCredential", "AlumniCredential"],
            "name": "Alumni Credential",
            "description": "A minimum viable example of an Alumni Credential.",
            "issuer": "https://vc.example/issuers/5678",
            "validFrom": "2023-01-01T00:00:00Z",
            "credentialSubject": {
                "id": "did:example:abcdefgh",
                "alumniOf": "The School of Examples"
            }
        })
    }

    fn vector_method() -> String {
        format!("did:key:{VECTOR_PUBLIC}#{VECTOR_PUBLIC}")
    }

    #[test]
    fn reproduces_the_specs_test_vector() {
        let key = SecretKey::from_multibase(VECTOR_SECRET).expect("vector key");
        assert_eq!(key.public_multibase(), VECTOR_PUBLIC);
        assert_eq!(key.to_multibase(), VECTOR_SECRET);
        let signed = sign(
            &alumni(),
            &key,
            &vector_method(),
            Some("2023-02-24T23:36:38Z"),
        )
        .expect("sign");
        // TestVectors/eddsa-jcs-2022/sigBTC58JCS.txt
        assert_eq!(
            signed["proof"]["proofValue"],
            "z2HnFSSPPBzR36zdDgK8PbEHeXbR56YF24jwMpt3R1eHXQzJDMWS93FCzpvJpwTWd3GAVFuUfjoJdcnTMuVor51aX"
        );
        let public = parse_public_key_multibase(VECTOR_PUBLIC).expect("public");
        assert_eq!(verify(&signed, |_| Some(public)), Ok(()));
    }

    #[test]
    fn a_round_trip_verifies_and_any_change_or_other_key_fails() {
        let key = SecretKey::generate();
        let method = format!("https://pamong.test/kunci.json#{}", key.public_multibase());
        let signed = sign(&alumni(), &key, &method, None).expect("sign");
        let public = key.public();
        assert_eq!(verify(&signed, |m| (m == method).then_some(public)), Ok(()));

        // One character of the content changed.
        let text = serde_json::to_string(&signed).expect("text");
        let changed = text.replacen("School of Examples", "School of Exampled", 1);
        let changed: Value = serde_json::from_str(&changed).expect("json");
        assert_eq!(
            verify(&changed, |_| Some(public)),
            Err(ProofFailure::BadSignature)
        );

        // Another key cannot stand in for the signer's.
        let other = SecretKey::generate().public();
        assert_eq!(
            verify(&signed, |_| Some(other)),
            Err(ProofFailure::BadSignature)
        );
        assert_eq!(verify(&signed, |_| None), Err(ProofFailure::UnknownKey));

        // The proof's own options are signed too.
        let mut moved = signed.clone();
        moved["proof"]["proofPurpose"] = "authentication".into();
        assert_eq!(
            verify(&moved, |_| Some(public)),
            Err(ProofFailure::BadSignature)
        );
        let mut no_proof = signed;
        no_proof
            .as_object_mut()
            .map(|o| o.remove("proof"))
            .expect("object");
        assert_eq!(
            verify(&no_proof, |_| Some(public)),
            Err(ProofFailure::Malformed)
        );
    }

    #[test]
    fn the_secret_never_prints() {
        let key = SecretKey::generate();
        let secret = key.to_multibase();
        let shown = format!("{key:?} {key:#?}");
        assert!(!shown.contains(&secret[1..]), "{shown}");
        assert!(shown.contains(&key.public_multibase()));
    }
}
