//! Demo data for a fresh installation (`demo_data = true`): the institutions, accounts, programs
//! and cohorts (`seed`), a rubric (`rubrics`) and a coaching log (`coaching`), a module of learning materials (`materials`), a
//! fee-funded program with two teachers' bills (`fees`) the end-to-end specs and a first look at
//! Pamong rely on.

pub mod certificates;
pub mod coaching;
pub mod completion;
pub mod fees;
pub mod materials;
pub mod rubrics;
pub mod seed;
pub mod sessions;
pub mod surveys;

pub use seed::seed_demo;
