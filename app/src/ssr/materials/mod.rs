//! Learning materials (issue #19): modules and units per program, shared by its cohorts (a cohort
//! may add its own), with revisions, pictures and attachments, each participant's progress, the
//! program prerequisite rule, data-saving mode and offline packs.

pub mod access;
pub mod content;
pub mod files;
pub mod http;
pub mod pack;
pub mod pictures;
pub mod progress;
pub mod store;
pub mod views;
