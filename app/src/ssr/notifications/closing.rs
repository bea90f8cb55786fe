//! "A quiz closes within 24 hours": the sweep finds open quizzes whose close time is less than a
//! day away and tells the cohort's approved participants who have not finished an attempt, once
//! per quiz. The marker (`notification_once`, topic `quiz_closing`) is written first in the
//! transaction that writes the notifications: a second process or a restart that finds it
//! (PostgreSQL: waits for the first transaction, then finds it) sends nothing.

use super::{notify, Notice, Recipients};
use crate::model::codes::NotificationKind;
use crate::ssr::db::Db;

/// How long before its close time a quiz's cohort is reminded.
pub const WARNING_SECS: i64 = 24 * 3_600;

/// Sends the reminders of quizzes closing within a day at `now`; returns how many quizzes.
pub async fn sweep(db: &Db, now: i64) -> Result<u64, sqlx::Error> {
    let due: Vec<(i64, String)> = sqlx::query_as(
        "select z.id, z.title from quiz z where z.status = 'open' and z.closes_at > $1 \
         and z.closes_at <= $2 and z.opens_at <= $1 and not exists \
         (select 1 from notification_once o where o.topic = 'quiz_closing' \
         and o.subject_id = z.id) order by z.id limit 500",
    )
    .bind(now)
    .bind(now + WARNING_SECS)
    .fetch_all(db)
    .await?;
    let mut reminded = 0;
    for (quiz, title) in due {
        let mut tx = crate::ssr::db::begin_write(db).await?;
        if !super::claim_once(&mut tx, "quiz_closing", quiz, now).await? {
            tx.rollback().await?;
            continue;
        }
        let notice = Notice {
            kind: NotificationKind::QuizClosing,
            actor: None,
            subject: &title,
            detail: "",
            link: format!("/peserta/kuis/{quiz}"),
        };
        notify(&mut tx, Recipients::QuizUnfinished { quiz }, &notice, now).await?;
        tx.commit().await?;
        reminded += 1;
    }
    if reminded > 0 {
        crate::ssr::mail::wake_worker();
    }
    Ok(reminded)
}
