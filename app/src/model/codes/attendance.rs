//! Live-session and attendance codes: how a session meets, and how a participant attended.

code_enum!(
    /// Where a live session happens.
    SessionMode {
        /// On a meeting service (Zoom, Google Meet, BigBlueButton): an https link.
        Online = "online",
        /// In a room: a venue and a city.
        InPerson = "in_person",
        /// Both: a room, and a link for those who cannot come.
        Hybrid = "hybrid",
    }
);

code_enum!(
    /// A participant's attendance of one session.
    AttendanceStatus {
        /// Attended (checked in, marked by the host, or minutes at the program's threshold).
        Present = "present",
        /// Attended, but came late: still credited.
        Late = "late",
        /// Did not attend, with the host's leave.
        Excused = "excused",
        /// Did not attend.
        Absent = "absent",
    }
);

impl AttendanceStatus {
    /// Whether the session's JP are credited for this status.
    pub fn earns_jp(self) -> bool {
        matches!(self, AttendanceStatus::Present | AttendanceStatus::Late)
    }
}

code_enum!(
    /// What set an attendance row last.
    AttendanceSource {
        /// The participant typed or scanned the session's check-in code.
        Code = "code",
        /// The host or a mentor marked the roster.
        Roster = "roster",
        /// An imported meeting report.
        Report = "report",
    }
);
