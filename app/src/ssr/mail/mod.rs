//! Outgoing e-mail: a durable outbox. A feature queues a message with [`queue`] inside the
//! transaction of the event that causes it (so it is sent if and only if that transaction
//! commits); the background worker (`worker`) sends it through SMTP later, with retries, and marks
//! it sent. Every message has its own `Message-ID`, kept across retries: a crash between sending
//! and marking produces at most a duplicate the receiver recognises, never a loss.
//!
//! `template` renders the text and HTML parts (every value escaped); `store` holds the queries of
//! the worker and of the admin list.

pub mod store;
pub mod template;
pub mod worker;

use crate::model::{Lang, UserId};
use tokio::sync::Notify;

/// One message to send; its parts are already rendered in the recipient's language.
#[derive(Clone, Debug)]
pub struct Outgoing {
    pub to_email: String,
    pub to_name: String,
    /// The account the message is for, if any: admins see the messages of the accounts in their
    /// scope.
    pub to_user: Option<UserId>,
    /// What the message is about (`activation`, `password_reset`, …), shown to admins.
    pub kind: &'static str,
    /// The language the parts were rendered in.
    pub lang: Lang,
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// Queues `mail` on `conn` (inside the caller's transaction, so it is sent iff the caller
/// commits). Returns the outbox id. Call [`wake_worker`] after the commit to send it at once
/// rather than at the worker's next look (within a second or two).
pub async fn queue(
    conn: &mut sqlx::AnyConnection,
    mail: &Outgoing,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let (id,): (i64,) = sqlx::query_as(
        "insert into outbox_message (message_key, to_email, to_name, to_user_id, kind, lang, \
         subject, body_text, body_html, status, attempts, next_attempt_at, created_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'queued', 0, $10, $10) returning id",
    )
    .bind(new_message_key())
    .bind(mail.to_email.trim())
    .bind(&mail.to_name)
    .bind(mail.to_user.map(|u| u.0))
    .bind(mail.kind)
    .bind(mail.lang.code())
    .bind(&mail.subject)
    .bind(&mail.text)
    .bind(&mail.html)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    Ok(id)
}

/// Queues every message of `mails` on `conn` (inside the caller's transaction), a hundred to a
/// statement: the daily digest queues tens of thousands, and one round trip each would be most
/// of its time on PostgreSQL.
pub async fn queue_many(
    conn: &mut sqlx::AnyConnection,
    mails: &[Outgoing],
    now: i64,
) -> Result<(), sqlx::Error> {
    const COLUMNS: usize = 10;
    for chunk in mails.chunks(100) {
        let mut sql = String::from(
            "insert into outbox_message (message_key, to_email, to_name, to_user_id, kind, lang, \
             subject, body_text, body_html, next_attempt_at, status, attempts, created_at) values ",
        );
        for n in 0..chunk.len() {
            let first = n * COLUMNS;
            if n > 0 {
                sql.push_str(", ");
            }
            sql.push('(');
            for column in 1..=COLUMNS {
                sql.push_str(&format!("${}, ", first + column));
            }
            sql.push_str(&format!("'queued', 0, ${})", first + COLUMNS));
        }
        let mut query = sqlx::query(&sql);
        for mail in chunk {
            query = query
                .bind(new_message_key())
                .bind(mail.to_email.trim().to_string())
                .bind(mail.to_name.clone())
                .bind(mail.to_user.map(|u| u.0))
                .bind(mail.kind)
                .bind(mail.lang.code())
                .bind(mail.subject.clone())
                .bind(mail.text.clone())
                .bind(mail.html.clone())
                .bind(now);
        }
        query.execute(&mut *conn).await?;
    }
    Ok(())
}

/// A fresh message key: 128 random bits in hex, the local part of the message's `Message-ID`.
fn new_message_key() -> String {
    format!("{:032x}", rand::random::<u128>())
}

/// The bell of this process's outbox worker.
static WAKE: Notify = Notify::const_new();

/// Tells this process's worker that messages were queued (call after the commit).
pub fn wake_worker() {
    WAKE.notify_one();
}
