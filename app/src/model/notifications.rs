//! What the notification list, the bell and the preferences page send to their pages.

use crate::model::codes::{NotificationChannel, NotificationKind};
use crate::model::NotificationId;
use serde::{Deserialize, Serialize};

/// One notification as its recipient sees it. The text is made from these parts when shown, in
/// the reader's language (`crate::components::notifications::describe`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct NotificationRow {
    pub id: NotificationId,
    pub kind: NotificationKind,
    /// Who did it (None: the system, or an account since removed).
    pub actor_name: Option<String>,
    /// The title of what it is about: a post, a quiz, a cohort, a coaching cycle's goal.
    pub subject: String,
    /// A code completing it: a post's new status, a registration's decision.
    pub detail: String,
    /// The path to open.
    pub link: String,
    pub created_at: i64,
    pub read_at: Option<i64>,
}

/// One page of a person's notifications, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationPage {
    pub items: Vec<NotificationRow>,
    /// Unread notifications in all (capped at the bell's cap).
    pub unread: i64,
    /// Notifications in all.
    pub total: i64,
    pub page: i64,
    pub page_size: i64,
}

/// A person's channel for each kind, and whether they chose it or it is their role's default.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationPrefs {
    /// The channel of a kind they have not chosen (by role).
    pub default: NotificationChannel,
    /// Every kind, in `NotificationKind::ALL` order, with its channel.
    pub channels: Vec<(NotificationKind, NotificationChannel)>,
    /// Whether the account has an e-mail address (without one, nothing is e-mailed).
    pub has_email: bool,
}

/// The preferences form: one field per kind, named by its code, holding a channel's code
/// (checked by the server; a kind left out keeps its channel).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationPrefsForm {
    #[serde(default)]
    pub registration: Option<String>,
    #[serde(default)]
    pub quiz_opened: Option<String>,
    #[serde(default)]
    pub quiz_closing: Option<String>,
    #[serde(default)]
    pub comment: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub score: Option<String>,
    #[serde(default)]
    pub coaching: Option<String>,
    #[serde(default)]
    pub announcement: Option<String>,
    #[serde(default)]
    pub session_reminder: Option<String>,
    #[serde(default)]
    pub survey: Option<String>,
}

impl NotificationPrefsForm {
    /// The posted channel code of `kind`, if any.
    pub fn posted(&self, kind: NotificationKind) -> Option<&str> {
        let value = match kind {
            NotificationKind::Registration => &self.registration,
            NotificationKind::QuizOpened => &self.quiz_opened,
            NotificationKind::QuizClosing => &self.quiz_closing,
            NotificationKind::Comment => &self.comment,
            NotificationKind::Status => &self.status,
            NotificationKind::Score => &self.score,
            NotificationKind::Coaching => &self.coaching,
            NotificationKind::Announcement => &self.announcement,
            NotificationKind::SessionReminder => &self.session_reminder,
            NotificationKind::Survey => &self.survey,
        };
        value.as_deref().map(str::trim).filter(|v| !v.is_empty())
    }
}
