//! The audit log, server side: [`record`] writes an entry inside the transaction of the action it
//! records (an action that rolls back leaves none; a committed one always has its entry), and
//! [`list`] reads a page within an admin's scope. Nothing here updates or deletes an entry, and
//! the database refuses it to anyone who tries (see the `audit` migration).

pub mod list;

use super::request::client_address;
use super::AppState;
use crate::model::audit::{AuditAction, AuditSubject};
use crate::model::CurrentUser;
use axum::extract::FromRequestParts;
use http::request::Parts;
use sqlx::AnyConnection;

/// Longest summary kept (characters); a longer one is cut.
const SUMMARY_CHARS: usize = 300;

/// Who acts, as they were at the time, and the client address the request came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    pub id: i64,
    pub name: String,
    /// The role's code.
    pub role: String,
    pub address: String,
}

impl Actor {
    /// `user` acting from `address`.
    pub fn new(user: &CurrentUser, address: String) -> Actor {
        Actor {
            id: user.id.0,
            name: user.name.clone(),
            role: user.role.code().to_string(),
            address,
        }
    }

    /// `user` as the caller of the current server function (its client address).
    pub fn current(user: &CurrentUser) -> Actor {
        Actor::new(user, super::request::request_address())
    }

    /// The actor of the latest entry of `action` on `subject` `id`: a background job that carries
    /// out what an admin asked for (an import, a cohort's certificates) records its work in the
    /// name of whoever asked, from where they asked.
    pub async fn of_entry(
        conn: &mut AnyConnection,
        action: AuditAction,
        subject: AuditSubject,
        id: i64,
    ) -> Result<Option<Actor>, sqlx::Error> {
        let row: Option<(i64, String, String, String)> = sqlx::query_as(
            "select actor_id, actor_name, actor_role, address from audit_entry \
             where subject_kind = $1 and subject_id = $2 and action = $3 order by id desc limit 1",
        )
        .bind(subject.code())
        .bind(id)
        .bind(action.code())
        .fetch_optional(&mut *conn)
        .await?;
        Ok(row.map(|(id, name, role, address)| Actor {
            id,
            name,
            role,
            address,
        }))
    }
}

/// The client address of a raw route's request (what [`Actor::new`] takes there): the
/// connection's peer, or the trusted proxy's entry (see [`client_address`]).
#[derive(Clone, Debug)]
pub struct Origin(pub String);

impl FromRequestParts<AppState> for Origin {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Origin, Self::Rejection> {
        Ok(Origin(client_address(
            parts,
            state.settings.trust_forwarded_for,
        )))
    }
}

/// Whose admins may read an entry: the institution the subject belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// This institution (none: only a top-level admin reads it).
    Institution(Option<i64>),
    /// The institution organizing the cohort's program.
    Cohort(i64),
    /// The account's institution.
    User(i64),
}

/// One action to record.
#[derive(Clone, Debug)]
pub struct Entry {
    pub action: AuditAction,
    pub subject: AuditSubject,
    pub subject_id: i64,
    /// Who or what (a name, a title, a file), in a few words.
    pub summary: String,
    /// The value before and after, as codes or short values.
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    pub scope: Scope,
}

impl Entry {
    /// An entry without old and new values.
    pub fn new(
        action: AuditAction,
        subject: AuditSubject,
        subject_id: i64,
        summary: impl Into<String>,
        scope: Scope,
    ) -> Entry {
        Entry {
            action,
            subject,
            subject_id,
            summary: summary.into(),
            old_value: None,
            new_value: None,
            scope,
        }
    }

    /// This entry with the value before (if any) and after.
    pub fn change(mut self, old: Option<&str>, new: &str) -> Entry {
        self.old_value = old.map(str::to_string);
        self.new_value = Some(new.to_string());
        self
    }
}

/// Records `entry` by `actor` at `now` on `conn`: the transaction of the action itself.
pub async fn record(
    conn: &mut AnyConnection,
    actor: &Actor,
    entry: Entry,
    now: i64,
) -> Result<(), sqlx::Error> {
    let (scope_sql, scope_id) = match entry.scope {
        Scope::Institution(id) => ("$12", id),
        Scope::Cohort(id) => (
            "(select p.organizer_id from cohort c join program p on p.id = c.program_id \
             where c.id = $12)",
            Some(id),
        ),
        Scope::User(id) => (
            "(select institution_id from app_user where id = $12)",
            Some(id),
        ),
    };
    let summary: String = entry.summary.chars().take(SUMMARY_CHARS).collect();
    sqlx::query(&format!(
        "insert into audit_entry (created_at, actor_id, actor_name, actor_role, action, \
         subject_kind, subject_id, summary, old_value, new_value, address, institution_id) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, {scope_sql})"
    ))
    .bind(now)
    .bind(actor.id)
    .bind(&actor.name)
    .bind(&actor.role)
    .bind(entry.action.code())
    .bind(entry.subject.code())
    .bind(entry.subject_id)
    .bind(summary)
    .bind(entry.old_value)
    .bind(entry.new_value)
    .bind(&actor.address)
    .bind(scope_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// `name <email>`, or the name alone for an account without an e-mail.
pub fn person(name: &str, email: Option<&str>) -> String {
    match email {
        Some(email) => format!("{name} <{email}>"),
        None => name.to_string(),
    }
}
