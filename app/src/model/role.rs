//! The three roles of Pamong and where each one lands after signing in.

use serde::{Deserialize, Serialize};

/// What a signed-in person may do. Stored as its `code()` in the database.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    /// Penyelenggara: runs programs for an institution and the institutions below it.
    Admin,
    /// Mentor / pengampu / widyaiswara: coaches groups of participants.
    Mentor,
    /// Peserta: a teacher taking part in training.
    Participant,
}

impl Role {
    /// Every role, most powerful first.
    pub const ALL: [Role; 3] = [Role::Admin, Role::Mentor, Role::Participant];

    /// The value stored in `app_user.role`.
    pub fn code(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Mentor => "mentor",
            Role::Participant => "participant",
        }
    }

    /// Parses a stored or submitted role code.
    pub fn from_code(code: &str) -> Option<Role> {
        match code {
            "admin" => Some(Role::Admin),
            "mentor" => Some(Role::Mentor),
            "participant" => Some(Role::Participant),
            _ => None,
        }
    }

    /// The path of this role's home page.
    pub fn home_path(self) -> &'static str {
        match self {
            Role::Admin => "/admin",
            Role::Mentor => "/mentor",
            Role::Participant => "/peserta",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_homes_differ() {
        for role in Role::ALL {
            assert_eq!(Role::from_code(role.code()), Some(role));
        }
        assert_eq!(Role::from_code("root"), None);
        let homes: std::collections::HashSet<_> = Role::ALL.iter().map(|r| r.home_path()).collect();
        assert_eq!(homes.len(), 3);
    }
}
