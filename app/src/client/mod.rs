//! Browser-only code behind the islands (compiled with the `hydrate` feature only).

pub mod form;
pub mod live;
pub mod quiz;
pub mod unread;
