//! Database access for mentoring boards (issue #5): who may use a board, work posts with their
//! revisions, comments, the status a mentor moves, and the event log live viewers follow.

pub mod access;
pub mod bounds;
pub mod events;
pub mod files;
pub mod http;
pub mod live;
pub mod markdown;
pub mod posts;
pub mod rubrics;
pub mod streams;
pub mod views;
