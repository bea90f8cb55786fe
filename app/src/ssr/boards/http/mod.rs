//! Boards over plain HTTP: attachments (`files`) and the live streams (`live`).

pub mod files;
pub mod live;
