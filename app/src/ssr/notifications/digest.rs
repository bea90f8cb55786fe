//! The daily digest: one e-mail per person with the notifications that wait for it
//! (`digest_pending`), then none of them waits any more.
//!
//! People are taken in batches by id. A batch is claimed by one conditional update (`… set
//! digest_pending = 0 … where digest_pending = 1 … returning`) in the transaction that queues its
//! e-mails, so each notification goes into exactly one digest: a rerun finds nothing, and a second
//! process running at the same time waits for the batch's row locks (PostgreSQL) or the write
//! lock (SQLite) and then finds the rows claimed. Notifications read in the app before the run
//! are claimed but not sent. The background task ([`start_task`]) runs it once a day at the
//! configured hour (WIB).

use super::mail::digest_mail;
use crate::components::notifications::describe;
use crate::model::codes::NotificationKind;
use crate::model::wib::WIB_OFFSET;
use crate::model::{Lang, UserId};
use crate::ssr::db::Db;
use std::collections::HashMap;
use std::fmt::Write as _;

/// People per batch (one transaction each).
const BATCH: i64 = 1_000;

/// What one run did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DigestRun {
    /// E-mails queued.
    pub emails: u64,
    /// Notifications taken out of the waiting list (sent, or read before).
    pub notifications: u64,
}

#[derive(sqlx::FromRow)]
struct Waiting {
    user_id: i64,
    kind: NotificationKind,
    actor_id: Option<i64>,
    subject: String,
    detail: String,
    read_at: Option<i64>,
    id: i64,
}

/// Sends the digest of everyone with notifications waiting, in `lang`, at `now`.
pub async fn run(db: &Db, lang: Lang, now: i64) -> Result<DigestRun, sqlx::Error> {
    let mut done = DigestRun::default();
    let mut after = 0i64;
    loop {
        let people: Vec<i64> = sqlx::query_scalar(
            "select distinct user_id from notification where digest_pending = 1 \
             and user_id > $1 order by user_id limit $2",
        )
        .bind(after)
        .bind(BATCH)
        .fetch_all(db)
        .await?;
        let Some(last) = people.last().copied() else {
            break;
        };
        after = last;
        let batch = batch(db, &people, lang, now).await?;
        done.emails += batch.emails;
        done.notifications += batch.notifications;
        if (people.len() as i64) < BATCH {
            break;
        }
    }
    if done.emails > 0 {
        crate::ssr::mail::wake_worker();
    }
    Ok(done)
}

/// Claims and sends the waiting notifications of `people`, in one transaction.
async fn batch(db: &Db, people: &[i64], lang: Lang, now: i64) -> Result<DigestRun, sqlx::Error> {
    let mut ids = String::new();
    for (n, id) in people.iter().enumerate() {
        if n > 0 {
            ids.push(',');
        }
        let _ = write!(ids, "{id}");
    }
    let mut tx = crate::ssr::db::begin_write(db).await?;
    // The claim comes first: it is the write that makes a second runner wait, then find nothing.
    let mut claimed: Vec<Waiting> = sqlx::query_as(&format!(
        "update notification set digest_pending = 0, \
         emailed_at = case when read_at is null then $1 else emailed_at end \
         where digest_pending = 1 and user_id in ({ids}) \
         returning user_id, kind, actor_id, subject, detail, read_at, id"
    ))
    .bind(now)
    .fetch_all(&mut *tx)
    .await?;
    let notifications = claimed.len() as u64;
    claimed.retain(|n| n.read_at.is_none());
    claimed.sort_by_key(|n| (n.user_id, n.id));
    let mut names = ids.clone();
    for actor in claimed.iter().filter_map(|n| n.actor_id) {
        let _ = write!(names, ",{actor}");
    }
    let accounts: HashMap<i64, (String, Option<String>)> =
        sqlx::query_as::<_, (i64, String, Option<String>)>(&format!(
            "select id, name, email from app_user where id in ({names})"
        ))
        .fetch_all(&mut *tx)
        .await?
        .into_iter()
        .map(|(id, name, email)| (id, (name, email)))
        .collect();
    let mut messages = Vec::new();
    let mut start = 0;
    while start < claimed.len() {
        let user = claimed[start].user_id;
        let end = claimed[start..]
            .iter()
            .position(|n| n.user_id != user)
            .map_or(claimed.len(), |p| start + p);
        if let Some((name, Some(email))) = accounts.get(&user) {
            let sentences: Vec<String> = claimed[start..end]
                .iter()
                .map(|n| {
                    let actor = n
                        .actor_id
                        .and_then(|a| accounts.get(&a))
                        .map(|(name, _)| name.as_str());
                    describe(lang, n.kind, actor, &n.subject, &n.detail)
                })
                .collect();
            messages.push(digest_mail(lang, UserId(user), name, email, &sentences));
        }
        start = end;
    }
    crate::ssr::mail::queue_many(&mut tx, &messages, now).await?;
    tx.commit().await?;
    Ok(DigestRun {
        emails: messages.len() as u64,
        notifications,
    })
}

/// The WIB day number and hour of instant `now`.
fn wib_day_and_hour(now: i64) -> (i64, i64) {
    let local = now + WIB_OFFSET;
    (local.div_euclid(86_400), local.rem_euclid(86_400) / 3_600)
}

/// Runs the digest once a day at `hour` (WIB) or at the first look after it, and every minute the
/// sweeps of quizzes closing within a day and of live sessions starting soon. A day's run is recorded in `notification_once`
/// after it completes, so a restart the same day does not run it again. One process at a time
/// runs these passes (it holds [`Task::Notifications`](crate::ssr::tasks::Task::Notifications));
/// were two to run the digest at once, they would still send nothing twice (see the module's
/// comment).
pub fn start_task(state: crate::ssr::AppState, hour: i64) {
    tokio::spawn(async move {
        const EVERY: std::time::Duration = std::time::Duration::from_secs(60);
        let mut every = tokio::time::interval(EVERY);
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            every.tick().await;
            let task = crate::ssr::tasks::Task::Notifications;
            if !state
                .tasks
                .turn(&state.db, task, crate::ssr::tasks::lease_for(EVERY))
                .await
            {
                continue;
            }
            let now = state.clock.now();
            if let Err(err) = super::closing::sweep(&state.db, now).await {
                tracing::warn!(%err, "could not sweep the quizzes closing soon");
            }
            if let Err(err) = crate::ssr::sessions::reminders::sweep(&state.db, now).await {
                tracing::warn!(%err, "could not send the live-session reminders");
            }
            if let Err(err) = crate::ssr::surveys::followup::sweep(&state.db, now).await {
                tracing::warn!(%err, "could not send the follow-up survey invitations");
            }
            let (day, now_hour) = wib_day_and_hour(now);
            if now_hour < hour {
                continue;
            }
            match ran_on(&state.db, day).await {
                Ok(true) => continue,
                Ok(false) => {}
                Err(err) => {
                    tracing::warn!(%err, "could not read the digest's last day");
                    continue;
                }
            }
            match run(&state.db, state.settings.default_lang, now).await {
                Ok(done) => {
                    tracing::info!(
                        emails = done.emails,
                        notifications = done.notifications,
                        "daily digest sent"
                    );
                    if let Err(err) = mark_ran(&state.db, day, now).await {
                        tracing::warn!(%err, "could not record the digest's day");
                    }
                }
                Err(err) => tracing::warn!(%err, "daily digest failed; trying again"),
            }
        }
    });
}

async fn ran_on(db: &Db, day: i64) -> Result<bool, sqlx::Error> {
    let (n,): (i64,) = sqlx::query_as(
        "select count(*) from notification_once where topic = 'digest' and subject_id = $1",
    )
    .bind(day)
    .fetch_one(db)
    .await?;
    Ok(n > 0)
}

async fn mark_ran(db: &Db, day: i64, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into notification_once (topic, subject_id, created_at) values ('digest', $1, $2) \
         on conflict (topic, subject_id) do nothing",
    )
    .bind(day)
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_day_and_hour_are_those_of_jakarta() {
        // 2027-01-10 23:00 UTC is 2027-01-11 06:00 WIB.
        let instant = 1_799_622_000;
        let (day, hour) = wib_day_and_hour(instant);
        assert_eq!(hour, 6);
        assert_eq!(
            crate::model::wib::date_of(day * 86_400 - WIB_OFFSET),
            "2027-01-11"
        );
    }
}
