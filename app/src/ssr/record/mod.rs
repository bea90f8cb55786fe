//! A teacher's development record on the server: assembling it, the evidence portfolio (one ZIP
//! per teacher for the promotion dossier), and the streamed ZIP of a cohort's certificates.

pub mod http;
pub mod portfolio;
pub mod read;
pub mod zip_stream;
