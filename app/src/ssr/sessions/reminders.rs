//! Reminders of live sessions through the notification channel each participant chose: a day
//! before (when the session is less than 24 hours away) and an hour before. Sent once per
//! session and kind of reminder: the marker (`notification_once`, topics `session_day` and
//! `session_hour`) is written first in the transaction that writes the notifications, so a second
//! process or a restart that finds it sends nothing. A session added less than an hour before it
//! starts gets only the hour's reminder.

use crate::model::codes::NotificationKind;
use crate::ssr::db::{begin_write, Db};
use crate::ssr::notifications::{claim_once, notify, Notice, Recipients};

/// The reminders: topic, how long before the start, and the notice's detail.
const REMINDERS: [(&str, i64, &str); 2] = [
    ("session_hour", 3_600, "hour"),
    ("session_day", 24 * 3_600, "day"),
];

/// Sends the reminders due at `now`; returns how many sessions were reminded.
pub async fn sweep(db: &Db, now: i64) -> Result<u64, sqlx::Error> {
    let mut reminded = 0;
    for (topic, before, detail) in REMINDERS {
        // The day's reminder is not sent once the hour's is due.
        let from = if topic == "session_day" {
            now + 3_600
        } else {
            now
        };
        let due: Vec<(i64, i64, String)> = sqlx::query_as(
            "select s.id, s.cohort_id, s.title from live_session s where s.starts_at > $1 \
             and s.starts_at <= $2 and not exists (select 1 from notification_once o \
             where o.topic = $3 and o.subject_id = s.id) order by s.starts_at limit 200",
        )
        .bind(from)
        .bind(now + before)
        .bind(topic)
        .fetch_all(db)
        .await?;
        for (session, cohort, title) in due {
            let mut tx = begin_write(db).await?;
            if !claim_once(&mut tx, topic, session, now).await? {
                tx.rollback().await?;
                continue;
            }
            let notice = Notice {
                kind: NotificationKind::SessionReminder,
                actor: None,
                subject: &title,
                detail,
                link: format!("/peserta/sesi/{session}"),
            };
            notify(
                &mut tx,
                Recipients::Cohort {
                    cohort,
                    group: None,
                },
                &notice,
                now,
            )
            .await?;
            tx.commit().await?;
            reminded += 1;
        }
    }
    if reminded > 0 {
        crate::ssr::mail::wake_worker();
    }
    Ok(reminded)
}
