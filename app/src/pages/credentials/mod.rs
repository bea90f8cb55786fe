//! Credential pages: the public check page where anyone uploads a certificate's signed
//! credential and is told whether it is valid, tampered, revoked or from an unknown issuer.

mod check;
pub use check::CredentialCheckPage;
