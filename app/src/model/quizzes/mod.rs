//! The quiz types the server functions and pages share: the question bank, quiz settings, taking
//! a quiz, and results with learning gain.

mod bank;
pub mod forms;
mod quiz;
mod results;
mod take;

pub use bank::*;
pub use quiz::*;
pub use results::*;
pub use take::*;
