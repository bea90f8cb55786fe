//! The signed-in person's own notifications: the list, the bell's count, marking read, and the
//! channel per kind. Each server function reads and writes the caller's rows only.

mod list_notifications;
mod mark_read;
mod notification_prefs;

pub use list_notifications::{list_notifications, unread_notifications};
pub use mark_read::{mark_all_notifications_read, mark_notification_read};
pub use notification_prefs::{notification_prefs, set_notification_prefs};
