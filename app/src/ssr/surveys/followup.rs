//! Follow-up surveys through the notification channel each participant chose: an invitation when
//! one opens, and a reminder [`REMIND_BEFORE_SECS`] before it closes to those who have not
//! answered. Each is sent once per survey: the marker (`notification_once`, topics
//! `survey_invite` and `survey_reminder`) is written first in the transaction that writes the
//! notifications, as the live-session reminders do.

use crate::model::codes::NotificationKind;
use crate::ssr::db::{begin_write, Db};
use crate::ssr::notifications::{claim_once, notify, Notice, Recipients};

/// How long before a follow-up survey closes its reminder goes out.
pub const REMIND_BEFORE_SECS: i64 = 2 * 86_400;

/// Sends the invitations and reminders due at `now`; returns how many were sent (per survey).
pub async fn sweep(db: &Db, now: i64) -> Result<u64, sqlx::Error> {
    let mut sent = 0;
    for (topic, detail) in [("survey_invite", "invite"), ("survey_reminder", "reminder")] {
        let from = if detail == "invite" {
            "s.opens_at <= $1"
        } else {
            "s.closes_at - $3 <= $1"
        };
        let due: Vec<(i64, i64, String)> = sqlx::query_as(&format!(
            "select s.id, s.cohort_id, s.title from survey s where s.kind = 'follow_up' \
             and {from} and s.closes_at > $1 and $3 >= 0 and not exists (select 1 from \
             notification_once o where o.topic = $2 and o.subject_id = s.id) \
             order by s.opens_at limit 200"
        ))
        .bind(now)
        .bind(topic)
        .bind(REMIND_BEFORE_SECS)
        .fetch_all(db)
        .await?;
        for (survey, cohort, title) in due {
            let mut tx = begin_write(db).await?;
            if !claim_once(&mut tx, topic, survey, now).await? {
                tx.rollback().await?;
                continue;
            }
            let notice = Notice {
                kind: NotificationKind::Survey,
                actor: None,
                subject: &title,
                detail,
                link: "/peserta/survei".to_string(),
            };
            if detail == "invite" {
                let to = Recipients::Cohort {
                    cohort,
                    group: None,
                };
                notify(&mut tx, to, &notice, now).await?;
            } else {
                // Those who have answered for nobody yet (a follow-up is mostly about the
                // organiser: one answer each).
                let waiting: Vec<i64> = sqlx::query_scalar(
                    "select e.user_id from enrolment e where e.cohort_id = $1 \
                     and e.status = 'approved' and not exists (select 1 from survey_answered a \
                     where a.survey_id = $2 and a.user_id = e.user_id)",
                )
                .bind(cohort)
                .bind(survey)
                .fetch_all(&mut *tx)
                .await?;
                notify(&mut tx, Recipients::Users(&waiting), &notice, now).await?;
            }
            tx.commit().await?;
            sent += 1;
        }
    }
    if sent > 0 {
        crate::ssr::mail::wake_worker();
    }
    Ok(sent)
}
