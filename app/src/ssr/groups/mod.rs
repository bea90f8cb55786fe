//! Database access for mentor groups and cohort rosters.

pub mod access;
pub mod assign;
pub mod counts;
pub mod find;
pub mod manage;
pub mod members;
pub mod page_cache;
pub mod plan;
pub mod roster;
