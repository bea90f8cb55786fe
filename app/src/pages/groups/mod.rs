//! Mentor groups and cohort rosters.

mod cohort_groups;
mod mentor_group;
mod parts;
mod roster;

pub use cohort_groups::GroupsPage;
pub use mentor_group::MentorGroupPage;
pub(crate) use parts::group_cards;
pub use roster::RosterPage;
