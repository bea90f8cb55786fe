//! Completion of a cohort on the server: the rules in force (the program's, or the cohort's own),
//! what each participant has done as the rules measure it, and the organiser's decisions.

pub mod decisions;
pub mod progress;
pub mod rules;
pub mod surveys;
