//! Live sessions (sesi sinkron) and their attendance: the schedule, who may host, rotating
//! check-in codes, roster marking, meeting reports, the JP each participant earns, calendar
//! feeds and reminders, and the plain HTTP routes (join link, CSV export, ICS).

pub mod access;
pub mod calendar;
pub mod checkin;
pub mod codes;
pub mod http;
pub mod jp;
pub mod reminders;
pub mod report;
pub mod roster;
pub mod schedule;

/// A random secret: 32 bytes in hex (check-in secrets, calendar tokens).
pub fn random_secret() -> String {
    format!(
        "{:032x}{:032x}",
        rand::random::<u128>(),
        rand::random::<u128>()
    )
}
