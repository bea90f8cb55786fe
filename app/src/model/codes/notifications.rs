//! Notification codes: what a notification is about, and how its recipient wants that kind.

code_enum!(
    /// What happened (issue #18 item 4); later issues add session reminders and certificates.
    NotificationKind {
        /// An admin decided the recipient's registration (`detail`: `approved` or `rejected`).
        Registration = "registration",
        /// A quiz of the recipient's cohort opened.
        QuizOpened = "quiz_opened",
        /// A quiz of the recipient's cohort closes within 24 hours.
        QuizClosing = "quiz_closing",
        /// Someone commented on the recipient's work (or answered their comment).
        Comment = "comment",
        /// A mentor moved the recipient's work along its review (`detail`: the new status).
        Status = "status",
        /// A mentor scored the recipient's work with a rubric.
        Score = "score",
        /// A comment on a coaching cycle the recipient takes part in.
        Coaching = "coaching",
        /// A new announcement on a board the recipient reads.
        Announcement = "announcement",
        /// A live session of the recipient's cohort starts within a day (`detail`: `day`) or
        /// within the hour (`detail`: `hour`).
        SessionReminder = "session_reminder",
        /// A follow-up survey of the recipient's cohort opened (`detail`: `invite`) or closes
        /// soon (`detail`: `reminder`).
        Survey = "survey",
    }
);

code_enum!(
    /// How a person is told of one kind of notification, besides the list in the app.
    NotificationChannel {
        /// In the app only.
        App = "app",
        /// An e-mail at once.
        Email = "email",
        /// One e-mail a day with everything new.
        Digest = "digest",
    }
);

impl NotificationChannel {
    /// The channel of a kind a person has not chosen: one daily e-mail for participants (a
    /// cheap phone gets one e-mail, not thirty), the app only for staff.
    pub fn default_for(role: crate::model::Role) -> NotificationChannel {
        match role {
            crate::model::Role::Participant => NotificationChannel::Digest,
            _ => NotificationChannel::App,
        }
    }
}
