//! Routes: one module per page or group of pages.

pub mod account;
pub mod admin;
pub mod errors;
pub mod home;
pub mod sign_in;
pub mod sign_up;
