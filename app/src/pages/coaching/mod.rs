//! Coaching log pages (TIRTA): a participant's log, one cycle, and a mentor's overview.
//! Every page is rendered on the server and every form posts to a server function, so the whole
//! log works with JavaScript off.

mod cycle;
mod log;
mod mentor;
mod participant;
mod parts;

pub use cycle::CoachingCyclePage;
pub use log::CoachingLogPage;
pub use mentor::MentorCoachingPage;
pub use participant::ParticipantCoachingPage;
