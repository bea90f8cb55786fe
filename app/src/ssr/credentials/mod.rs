//! Verifiable credentials (issue #20): each certificate as an Open Badges 3.0 credential signed
//! by its institution's Ed25519 key with an `eddsa-jcs-2022` Data Integrity proof, the
//! institutions' published keys and Bitstring Status List revocation lists, and the checks
//! (offline against saved documents, or online at `/sertifikat/periksa`). See docs/KEYS.md.

pub mod credential;
pub mod http;
pub mod keys;
pub mod proof;
pub mod status_list;
