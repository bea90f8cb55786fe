//! Live-session pages: the host's screen (check-in code, roster, meeting reports), a report to
//! confirm, the participant's session page with check-in, their JP record, and a cohort's
//! attendance table.

mod host;
mod participant;
mod parts;
mod record;
mod report;
mod table;
pub use host::HostSessionPage;
pub use participant::ParticipantSessionPage;
pub use record::JpRecordPage;
pub use report::ReportPage;
pub use table::CohortAttendancePage;
