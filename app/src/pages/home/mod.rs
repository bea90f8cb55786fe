//! The home page of each role, where sign-in lands.

mod admin;
mod mentor;
mod participant;

pub use admin::AdminHome;
pub use mentor::MentorHome;
pub use participant::ParticipantHome;
