//! A tower-sessions store on Pamong's own database (SQLite or PostgreSQL through one `AnyPool`).
//!
//! tower-sessions does the session handling (ids, cookies, rotation, expiry); the published sqlx
//! stores each bind one concrete backend, so this small store adapts it to the `Any` pool.
//!
//! Besides tower-sessions' expiry on inactivity, a signed-in session has an absolute lifetime:
//! the store never writes an `expires_at` later than the sign-in time plus the maximum age. Every
//! reader of the table (the store's `load`, the one-query user lookup, the quiz answer writer's
//! in-group check) already refuses a row whose `expires_at` has passed, so they all honour it.

use app::ssr::auth::{SESSION_EPOCH, SESSION_SIGNED_IN, SESSION_USER};
use app::ssr::db::{now_unix, Db};
use async_trait::async_trait;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion, SessionStore};

/// Sessions in the `session` table, as JSON.
#[derive(Clone, Debug)]
pub struct DbSessionStore {
    db: Db,
    /// Seconds a session may last from sign-in, however active.
    max_age_secs: i64,
}

impl DbSessionStore {
    pub fn new(db: Db, max_age_secs: i64) -> Self {
        DbSessionStore { db, max_age_secs }
    }

    /// Applies the maximum age to the sessions already stored (at start-up: the setting may have
    /// been lowered since they were written). Returns how many were shortened.
    pub async fn cap_stored(&self) -> Result<u64, sqlx::Error> {
        let done = sqlx::query(
            "update session set expires_at = signed_in_at + $1 \
             where signed_in_at is not null and expires_at > signed_in_at + $1",
        )
        .bind(self.max_age_secs)
        .execute(&self.db)
        .await?;
        Ok(done.rows_affected())
    }
}

/// What writing a record whose id is already stored does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum OnConflict {
    /// Nothing (a new session's id collided: draw another).
    Nothing,
    /// Replace the data, the copies beside it and the expiry.
    Update,
}

fn backend(err: sqlx::Error) -> session_store::Error {
    session_store::Error::Backend(err.to_string())
}

/// The signed-in user's id, session epoch and sign-in time held in `record`, copied into their
/// own columns so that `users::by_session` reads a request's session and user in one query.
fn signed_in(record: &Record) -> (Option<i64>, Option<i64>, Option<i64>) {
    let number = |key: &str| record.data.get(key).and_then(serde_json::Value::as_i64);
    (
        number(SESSION_USER),
        number(SESSION_EPOCH),
        number(SESSION_SIGNED_IN),
    )
}

impl DbSessionStore {
    /// Inserts `record` (with its signed-in user copied into columns), and on an existing id does
    /// what `on_conflict` says; returns the rows written.
    async fn write(&self, record: &Record, on_conflict: OnConflict) -> session_store::Result<u64> {
        let data = serde_json::to_string(&record.data)
            .map_err(|e| session_store::Error::Encode(e.to_string()))?;
        let (user_id, user_epoch, signed_in_at) = signed_in(record);
        let mut expires_at = record.expiry_date.unix_timestamp();
        if let Some(at) = signed_in_at {
            expires_at = expires_at.min(at.saturating_add(self.max_age_secs));
        }
        let insert =
            "insert into session (id, data, expires_at, user_id, user_epoch, signed_in_at) \
             values ($1, $2, $3, $4, $5, $6) on conflict (id)";
        // A session written before `signed_in_at` existed (no sign-in time in its data) keeps the
        // time the migration gave it, and its expiry is capped from that.
        let sql = match on_conflict {
            OnConflict::Nothing => format!("{insert} do nothing"),
            OnConflict::Update => format!(
                "{insert} do update set data = excluded.data, \
                 expires_at = case \
                   when coalesce(excluded.signed_in_at, session.signed_in_at) + $7 < excluded.expires_at \
                   then coalesce(excluded.signed_in_at, session.signed_in_at) + $7 \
                   else excluded.expires_at end, \
                 user_id = excluded.user_id, user_epoch = excluded.user_epoch, \
                 signed_in_at = coalesce(excluded.signed_in_at, session.signed_in_at)"
            ),
        };
        let mut query = sqlx::query(&sql)
            .bind(record.id.to_string())
            .bind(data)
            .bind(expires_at)
            .bind(user_id)
            .bind(user_epoch)
            .bind(signed_in_at);
        if on_conflict == OnConflict::Update {
            query = query.bind(self.max_age_secs);
        }
        let written = query.execute(&self.db).await.map_err(backend)?;
        Ok(written.rows_affected())
    }
}

#[async_trait]
impl SessionStore for DbSessionStore {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        // A 128-bit random id practically never collides; if it does, draw again.
        while self.write(record, OnConflict::Nothing).await? != 1 {
            record.id = Id::default();
        }
        Ok(())
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        self.write(record, OnConflict::Update).await?;
        Ok(())
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let row: Option<(String, i64)> = sqlx::query_as(
            "select data, expires_at from session where id = $1 and expires_at > $2",
        )
        .bind(id.to_string())
        .bind(now_unix())
        .fetch_optional(&self.db)
        .await
        .map_err(backend)?;
        let Some((data, expires_at)) = row else {
            return Ok(None);
        };
        let data =
            serde_json::from_str(&data).map_err(|e| session_store::Error::Decode(e.to_string()))?;
        let expiry_date = time::OffsetDateTime::from_unix_timestamp(expires_at)
            .map_err(|e| session_store::Error::Decode(e.to_string()))?;
        Ok(Some(Record {
            id: *id,
            data,
            expiry_date,
        }))
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        sqlx::query("delete from session where id = $1")
            .bind(id.to_string())
            .execute(&self.db)
            .await
            .map_err(backend)?;
        Ok(())
    }
}

#[async_trait]
impl ExpiredDeletion for DbSessionStore {
    async fn delete_expired(&self) -> session_store::Result<()> {
        sqlx::query("delete from session where expires_at <= $1")
            .bind(now_unix())
            .execute(&self.db)
            .await
            .map_err(backend)?;
        Ok(())
    }
}

/// How many sessions are stored (for tests).
pub async fn count(db: &Db) -> Result<i64, sqlx::Error> {
    let (n,): (i64,) = sqlx::query_as("select count(*) from session")
        .fetch_one(db)
        .await?;
    Ok(n)
}
