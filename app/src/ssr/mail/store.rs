//! The outbox's queries: the worker's claims and marks, and the admin's list.

use crate::model::codes::OutboxStatus;
use crate::model::outbox::OutboxEntry;
use crate::model::InstitutionId;
use crate::ssr::db::{Backend, Db};
use crate::ssr::institutions::SCOPE_CTE;

/// A message a worker holds under its lease, with everything it needs to send it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Claimed {
    pub id: i64,
    pub message_key: String,
    pub to_email: String,
    pub to_name: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    /// Attempts so far, this one included.
    pub attempts: i64,
}

/// What makes a message claimable at `$2`: queued, due, and held by no live lease.
const CLAIMABLE: &str = "status = 'queued' and next_attempt_at <= $2 \
                         and (lease_until is null or lease_until <= $2)";

/// Claims up to `limit` due messages for `owner` until `now + lease_secs`, oldest first, counting
/// the attempt. One conditional update: two workers never hold one message (on PostgreSQL the
/// rows another worker is claiming are skipped, not waited for).
pub async fn claim_batch(
    db: &Db,
    backend: Backend,
    owner: &str,
    now: i64,
    lease_secs: i64,
    limit: i64,
) -> Result<Vec<Claimed>, sqlx::Error> {
    let lock = match backend {
        Backend::Postgres => " for update skip locked",
        Backend::Sqlite => "",
    };
    sqlx::query_as(&format!(
        "update outbox_message set lease_owner = $1, lease_until = $2 + $3, \
         attempts = attempts + 1 \
         where id in (select id from outbox_message where {CLAIMABLE} \
         order by next_attempt_at, id limit $4{lock}) and {CLAIMABLE} \
         returning id, message_key, to_email, to_name, subject, body_text, body_html, attempts"
    ))
    .bind(owner)
    .bind(now)
    .bind(lease_secs)
    .bind(limit)
    .fetch_all(db)
    .await
}

/// Marks the messages `ids` that `owner` holds as sent at `now`. Returns how many were marked.
pub async fn mark_sent(db: &Db, ids: &[i64], owner: &str, now: i64) -> Result<u64, sqlx::Error> {
    if ids.is_empty() {
        return Ok(0);
    }
    let mut tx = db.begin().await?;
    let mut marked = 0;
    for id in ids {
        marked += sqlx::query(
            "update outbox_message set status = 'sent', sent_at = $3, last_error = null, \
             lease_owner = null, lease_until = null \
             where id = $1 and lease_owner = $2 and status = 'queued'",
        )
        .bind(id)
        .bind(owner)
        .bind(now)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    }
    tx.commit().await?;
    Ok(marked)
}

/// Records a failed attempt on message `id` held by `owner`: it is tried again at `retry_at`, or,
/// when that is `None` (its last attempt), it is marked failed.
pub async fn mark_failed_attempt(
    db: &Db,
    id: i64,
    owner: &str,
    error: &str,
    retry_at: Option<i64>,
) -> Result<(), sqlx::Error> {
    let (status, next) = match retry_at {
        Some(at) => (OutboxStatus::Queued, Some(at)),
        None => (OutboxStatus::Failed, None),
    };
    sqlx::query(
        "update outbox_message set status = $3, next_attempt_at = coalesce($4, next_attempt_at), \
         last_error = $5, lease_owner = null, lease_until = null \
         where id = $1 and lease_owner = $2 and status = 'queued'",
    )
    .bind(id)
    .bind(owner)
    .bind(status)
    .bind(next)
    .bind(error)
    .execute(db)
    .await?;
    Ok(())
}

/// Gives back message `id` that `owner` claimed but did not try to send (its lease was running
/// out): queued again at once, the attempt not counted.
pub async fn release(db: &Db, id: i64, owner: &str) -> Result<(), sqlx::Error> {
    sqlx::query(
        "update outbox_message set attempts = attempts - 1, lease_owner = null, lease_until = null \
         where id = $1 and lease_owner = $2 and status = 'queued'",
    )
    .bind(id)
    .bind(owner)
    .execute(db)
    .await?;
    Ok(())
}

/// Marks every due queued message not sent (SMTP is not configured). Returns how many.
pub async fn mark_not_sent(db: &Db, now: i64) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query(
        "update outbox_message set status = 'not_sent', lease_owner = null, lease_until = null \
         where status = 'queued' and next_attempt_at <= $1 \
         and (lease_until is null or lease_until <= $1)",
    )
    .bind(now)
    .execute(db)
    .await?
    .rows_affected())
}

/// The condition limiting messages to an admin's scope (`$1` the admin's institution): a
/// top-level admin sees every message, others those to accounts within their institution's
/// subtree.
fn scope_clause(top_level: bool) -> &'static str {
    if top_level {
        "1 = 1"
    } else {
        "m.to_user_id in (select u.id from app_user u \
         where u.institution_id in (select id from scope))"
    }
}

/// A page of the messages within an admin's scope, newest first, with `status` if given, and the
/// number of messages that match.
pub async fn list_in_scope(
    db: &Db,
    root: InstitutionId,
    top_level: bool,
    status: Option<OutboxStatus>,
    limit: i64,
    offset: i64,
) -> Result<(Vec<OutboxEntry>, i64), sqlx::Error> {
    let status = status.map(OutboxStatus::as_str).unwrap_or("%");
    let condition = format!("{} and m.status like $2", scope_clause(top_level));
    let entries = sqlx::query_as(&format!(
        "{SCOPE_CTE} select m.id, m.to_email, m.to_name, m.kind, m.subject, m.status, m.attempts, \
         m.next_attempt_at, m.last_error, m.created_at, m.sent_at from outbox_message m \
         where {condition} order by m.created_at desc, m.id desc limit $3 offset $4"
    ))
    .bind(root.0)
    .bind(status)
    .bind(limit)
    .bind(offset)
    .fetch_all(db)
    .await?;
    let (total,): (i64,) = sqlx::query_as(&format!(
        "{SCOPE_CTE} select count(*) from outbox_message m where {condition}"
    ))
    .bind(root.0)
    .bind(status)
    .fetch_one(db)
    .await?;
    Ok((entries, total))
}

/// Messages per status within an admin's scope: every status, in `OutboxStatus::ALL` order.
pub async fn count_by_status_in_scope(
    db: &Db,
    root: InstitutionId,
    top_level: bool,
) -> Result<Vec<(OutboxStatus, i64)>, sqlx::Error> {
    let rows: Vec<(OutboxStatus, i64)> = sqlx::query_as(&format!(
        "{SCOPE_CTE} select m.status, count(*) from outbox_message m where {} group by m.status",
        scope_clause(top_level)
    ))
    .bind(root.0)
    .fetch_all(db)
    .await?;
    Ok(OutboxStatus::ALL
        .iter()
        .map(|status| {
            let count = rows
                .iter()
                .find(|(s, _)| s == status)
                .map_or(0, |(_, n)| *n);
            (*status, count)
        })
        .collect())
}
