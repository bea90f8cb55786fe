//! Coaching log data (TIRTA cycles and their comments): reads, writes and who may see them.

pub mod access;
pub mod comments;
pub mod cycles;
pub mod overview;
