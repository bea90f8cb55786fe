//! Server functions of live sessions: the schedule, the host's and the participant's session
//! pages, checking in with a code, the JP record and a cohort's attendance table. Marking the
//! roster and meeting reports post to plain routes (`ssr::sessions::http`): their forms carry
//! one field per participant.

mod read;
mod schedule;
mod write;
pub use read::{
    cohort_attendance, host_session, my_jp_record, participant_session, report_preview,
    CohortAttendance, HostSession, MyJpRecord, ParticipantSession, ReportPreviewFn,
};
pub use schedule::{add_live_session, delete_live_session, AddLiveSession, DeleteLiveSession};
pub use write::{check_in, CheckIn};
