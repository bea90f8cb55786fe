//! What the admin's list of outgoing e-mail sends to its page.

use crate::model::codes::OutboxStatus;
use serde::{Deserialize, Serialize};

/// One outgoing message as an admin sees it (without its body).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct OutboxEntry {
    pub id: i64,
    pub to_email: String,
    pub to_name: String,
    pub kind: String,
    pub subject: String,
    pub status: OutboxStatus,
    pub attempts: i64,
    pub next_attempt_at: i64,
    pub last_error: Option<String>,
    pub created_at: i64,
    pub sent_at: Option<i64>,
}

/// One page of the outgoing e-mail within an admin's scope, with the counts per status.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OutboxPage {
    pub entries: Vec<OutboxEntry>,
    /// Messages per status (every status, zero included), in `OutboxStatus::ALL` order.
    pub counts: Vec<(OutboxStatus, i64)>,
    /// Messages matching the filter.
    pub total: i64,
    pub page: i64,
    pub page_size: i64,
    /// Whether this server sends e-mail at all (SMTP configured).
    pub smtp_configured: bool,
}
