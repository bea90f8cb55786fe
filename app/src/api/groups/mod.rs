//! Server functions for mentor groups and cohort rosters.

mod assign;
mod manage;
mod mentor;
mod roster;

pub use assign::{assign_groups, move_participant, AssignGroups, MoveParticipant};
pub use manage::{
    cohort_groups, create_group, create_groups, delete_group, update_group, CohortGroups,
    CreateGroup, CreateGroups, DeleteGroup, UpdateGroup,
};
pub use mentor::{group_members, my_groups, GroupMembers, MyGroups};
pub use roster::{cohort_roster, CohortRoster};

/// A text in the request's language with placeholders filled.
#[cfg(feature = "ssr")]
fn text_with(key: &str, args: &[(&str, &str)]) -> String {
    crate::i18n::text_with(crate::ssr::request::request_lang(), key, args)
}
