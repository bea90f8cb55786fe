//! Revocation lists as W3C Bitstring Status List v1.0 credentials: one bit per credential of an
//! institution, set when its certificate is revoked. A list holds [`LIST_BITS`] indexes (the
//! spec's 16 KB minimum); index `i` is list `i / LIST_BITS`, bit `i % LIST_BITS`, counted from
//! the left-most (most significant) bit of the first byte. `encodedList` is `u` + base64url (no
//! padding) of the GZIP of the bitstring.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use flate2::Compression;
use serde_json::{json, Value};
use std::io::{Read, Write};

/// Indexes per list: 16 KB of bits, the smallest list the spec allows (herd privacy).
pub const LIST_BITS: u64 = 131_072;

/// The largest bitstring a saved list may inflate to (a bomb is refused).
const MAX_BYTES: u64 = 16 * 1024 * 1024;

/// The path of an institution's list `list`.
pub fn list_path(institution: i64, list: u64) -> String {
    format!("/sertifikat/status/{institution}/{list}.json")
}

/// A bitstring with the bits at `set` (indexes within the list) on, compressed and encoded.
pub fn encode(set: impl IntoIterator<Item = u64>) -> String {
    let mut bits = vec![0u8; (LIST_BITS / 8) as usize];
    for index in set {
        if index < LIST_BITS {
            bits[(index / 8) as usize] |= 0x80 >> (index % 8);
        }
    }
    let mut gzip = GzEncoder::new(Vec::new(), Compression::best());
    // Writing to memory cannot fail.
    let _ = gzip.write_all(&bits);
    let compressed = gzip.finish().unwrap_or_default();
    format!("u{}", URL_SAFE_NO_PAD.encode(compressed))
}

/// Whether bit `index` of an `encodedList` is on; `None` if it cannot be read or is too short.
pub fn bit(encoded: &str, index: u64) -> Option<bool> {
    let compressed = URL_SAFE_NO_PAD.decode(encoded.strip_prefix('u')?).ok()?;
    let mut bits = Vec::new();
    GzDecoder::new(compressed.as_slice())
        .take(MAX_BYTES)
        .read_to_end(&mut bits)
        .ok()?;
    let byte = bits.get(usize::try_from(index / 8).ok()?)?;
    Some(byte & (0x80 >> (index % 8)) != 0)
}

/// The unsigned `BitstringStatusListCredential` of list `url` by `issuer`, revoking `revoked`.
/// It has no time in it: the same revocations give the same bytes (and the same ETag).
pub fn list_credential(url: &str, issuer: &str, revoked: &[u64]) -> Value {
    json!({
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer,
        "credentialSubject": {
            "id": format!("{url}#list"),
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": encode(revoked.iter().copied()),
        },
    })
}

/// The `credentialStatus` entry of the credential at `index` in list `url`.
pub fn entry(url: &str, index: u64) -> Value {
    json!({
        "id": format!("{url}#{}", index % LIST_BITS),
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": (index % LIST_BITS).to_string(),
        "statusListCredential": url,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bits_read_back_where_they_were_set_and_nowhere_else() {
        let encoded = encode([0, 7, 8, 131_071]);
        assert!(encoded.starts_with("uH4sI"), "gzip magic: {encoded}");
        for (index, on) in [(0, true), (1, false), (7, true), (8, true), (9, false)] {
            assert_eq!(bit(&encoded, index), Some(on), "{index}");
        }
        assert_eq!(bit(&encoded, 131_071), Some(true));
        assert_eq!(bit(&encoded, 131_072), None, "past the list");
        assert_eq!(bit("not-multibase", 0), None);
        // The empty list is small: a verifier downloads a few hundred bytes.
        assert!(encode([]).len() < 400);
    }

    #[test]
    fn the_spec_example_list_is_all_zero() {
        // Bitstring Status List v1.0, example 2: 16 KB of zeros.
        let example = "uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA";
        assert_eq!(bit(example, 0), Some(false));
        assert_eq!(bit(example, 131_071), Some(false));
    }
}
