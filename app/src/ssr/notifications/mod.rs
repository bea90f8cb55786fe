//! In-app notifications: [`notify`] writes one row per recipient inside the transaction of the
//! event (so a notification exists iff its event committed) and, for recipients who chose
//! `email` for its kind, queues the e-mail in the same transaction; `digest` sends the daily
//! e-mail of everyone who chose `digest`; `closing` tells a cohort once that a quiz closes within
//! a day; `store` holds the queries of the list, the bell and the preferences; `mail` renders the
//! messages.

pub mod closing;
pub mod digest;
pub mod mail;
pub mod store;

use crate::model::codes::NotificationKind;
use crate::model::{Lang, UserId};
use std::fmt::Write as _;

/// Who is told. Every variant leaves out the actor of the event.
#[derive(Clone, Copy, Debug)]
pub enum Recipients<'a> {
    /// These accounts.
    Users(&'a [i64]),
    /// The approved participants of a cohort; of one group only when `group` is given.
    Cohort { cohort: i64, group: Option<i64> },
    /// The approved participants of a quiz's cohort who have not finished an attempt of it.
    QuizUnfinished { quiz: i64 },
}

impl Recipients<'_> {
    /// A subquery selecting the recipients' ids. Only integers are written into it.
    fn subquery(&self) -> Option<String> {
        match *self {
            Recipients::Users(ids) => {
                if ids.is_empty() {
                    return None;
                }
                let mut list = String::new();
                for (n, id) in ids.iter().enumerate() {
                    if n > 0 {
                        list.push(',');
                    }
                    let _ = write!(list, "{id}");
                }
                Some(format!("select id from app_user where id in ({list})"))
            }
            Recipients::Cohort { cohort, group } => Some(match group {
                Some(group) => format!(
                    "select user_id from enrolment where cohort_id = {cohort} \
                     and status = 'approved' and group_id = {group}"
                ),
                None => format!(
                    "select user_id from enrolment where cohort_id = {cohort} \
                     and status = 'approved'"
                ),
            }),
            Recipients::QuizUnfinished { quiz } => Some(format!(
                "select e.user_id from enrolment e join quiz z on z.cohort_id = e.cohort_id \
                 where z.id = {quiz} and e.status = 'approved' and not exists \
                 (select 1 from quiz_attempt a where a.quiz_id = z.id and a.user_id = e.user_id \
                 and a.finished_at is not null)"
            )),
        }
    }
}

/// What happened, for [`notify`].
#[derive(Clone, Debug)]
pub struct Notice<'a> {
    pub kind: NotificationKind,
    /// Who did it (never told themself); None for the system (a sweep).
    pub actor: Option<i64>,
    /// The title of what it is about (a post, a quiz, a cohort).
    pub subject: &'a str,
    /// A code completing it (a post's new status, a registration's decision), or "".
    pub detail: &'a str,
    /// The path to open (`/papan/pos/12#k-40`).
    pub link: String,
}

/// The channel of kind `$1` for the account `u` with its preference row `p` (left-joined): the
/// chosen one, else the role's default (`NotificationChannel::default_for`).
const CHANNEL: &str =
    "coalesce(p.channel, case when u.role = 'participant' then 'digest' else 'app' end)";

/// Notifies `to` (the actor left out) of `notice`, inside the caller's transaction `conn`: one
/// row each, marked for the daily digest for those who chose it; and one e-mail queued at once
/// for each who chose `email` and has an address. Returns how many were notified. Call
/// `crate::ssr::mail::wake_worker` after the commit to send the e-mails at once.
pub async fn notify(
    conn: &mut sqlx::AnyConnection,
    to: Recipients<'_>,
    notice: &Notice<'_>,
    now: i64,
) -> Result<u64, sqlx::Error> {
    let Some(recipients) = to.subquery() else {
        return Ok(0);
    };
    let actor = notice.actor.unwrap_or(0);
    let notified = sqlx::query(&format!(
        "insert into notification (user_id, kind, actor_id, subject, detail, link, created_at, \
         digest_pending, emailed_at) \
         select u.id, $1, $2, $3, $4, $5, $6, \
         case when {CHANNEL} = 'digest' then 1 else 0 end, \
         case when {CHANNEL} = 'email' and u.email is not null then $6 else null end \
         from app_user u left join notification_pref p on p.user_id = u.id and p.kind = $1 \
         where u.id in ({recipients}) and u.id <> $7"
    ))
    .bind(notice.kind)
    .bind(notice.actor)
    .bind(notice.subject)
    .bind(notice.detail)
    .bind(&notice.link)
    .bind(now)
    .bind(actor)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if notified == 0 {
        return Ok(0);
    }
    let at_once: Vec<(i64, String, String)> = sqlx::query_as(&format!(
        "select u.id, u.name, u.email from app_user u \
         left join notification_pref p on p.user_id = u.id and p.kind = $1 \
         where u.id in ({recipients}) and u.id <> $2 and u.email is not null \
         and {CHANNEL} = 'email'"
    ))
    .bind(notice.kind)
    .bind(actor)
    .fetch_all(&mut *conn)
    .await?;
    if !at_once.is_empty() {
        let actor_name: Option<String> = match notice.actor {
            Some(actor) => {
                sqlx::query_scalar("select name from app_user where id = $1")
                    .bind(actor)
                    .fetch_optional(&mut *conn)
                    .await?
            }
            None => None,
        };
        let lang = mail_lang();
        let sentence = crate::components::notifications::describe(
            lang,
            notice.kind,
            actor_name.as_deref(),
            notice.subject,
            notice.detail,
        );
        let messages: Vec<_> = at_once
            .iter()
            .map(|(id, name, email)| {
                mail::notice_mail(lang, UserId(*id), name, email, &sentence, &notice.link)
            })
            .collect();
        crate::ssr::mail::queue_many(conn, &messages, now).await?;
    }
    Ok(notified)
}

/// The language of notification e-mails: the server's default (accounts keep no language).
fn mail_lang() -> Lang {
    leptos::prelude::use_context::<crate::ssr::AppState>()
        .map(|state| state.settings.default_lang)
        .unwrap_or_default()
}

/// Claims the one sending of `topic` about `subject_id` in `tx` (a `notification_once` row):
/// `true` for the first caller; `false` when a sweep (in this process or another) already sent it.
/// Written first in the transaction that writes the notifications, so both commit or neither.
pub async fn claim_once(
    tx: &mut sqlx::AnyConnection,
    topic: &str,
    subject_id: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let first = sqlx::query(
        "insert into notification_once (topic, subject_id, created_at) \
         values ($1, $2, $3) on conflict (topic, subject_id) do nothing",
    )
    .bind(topic)
    .bind(subject_id)
    .bind(now)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    Ok(first > 0)
}
