//! A tower-sessions store on Pamong's own database (SQLite or PostgreSQL through one `AnyPool`).
//!
//! tower-sessions does the session handling (ids, cookies, rotation, expiry); the published sqlx
//! stores each bind one concrete backend, so this small store adapts it to the `Any` pool.

use app::ssr::auth::{SESSION_EPOCH, SESSION_USER};
use app::ssr::db::{now_unix, Db};
use async_trait::async_trait;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion, SessionStore};

/// Sessions in the `session` table, as JSON.
#[derive(Clone, Debug)]
pub struct DbSessionStore {
    db: Db,
}

impl DbSessionStore {
    pub fn new(db: Db) -> Self {
        DbSessionStore { db }
    }
}

fn backend(err: sqlx::Error) -> session_store::Error {
    session_store::Error::Backend(err.to_string())
}

/// The signed-in user's id and session epoch held in `record`, copied into their own columns so
/// that `users::by_session` reads a request's session and user in one query.
fn signed_in(record: &Record) -> (Option<i64>, Option<i64>) {
    let number = |key: &str| record.data.get(key).and_then(serde_json::Value::as_i64);
    (number(SESSION_USER), number(SESSION_EPOCH))
}

impl DbSessionStore {
    /// Inserts `record` (with its signed-in user copied into columns), and on an existing id does
    /// `on_conflict`; returns the rows written.
    async fn write(&self, record: &Record, on_conflict: &str) -> session_store::Result<u64> {
        let data = serde_json::to_string(&record.data)
            .map_err(|e| session_store::Error::Encode(e.to_string()))?;
        let (user_id, user_epoch) = signed_in(record);
        let written = sqlx::query(&format!(
            "insert into session (id, data, expires_at, user_id, user_epoch) \
             values ($1, $2, $3, $4, $5) on conflict (id) {on_conflict}"
        ))
        .bind(record.id.to_string())
        .bind(data)
        .bind(record.expiry_date.unix_timestamp())
        .bind(user_id)
        .bind(user_epoch)
        .execute(&self.db)
        .await
        .map_err(backend)?;
        Ok(written.rows_affected())
    }
}

#[async_trait]
impl SessionStore for DbSessionStore {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        // A 128-bit random id practically never collides; if it does, draw again.
        while self.write(record, "do nothing").await? != 1 {
            record.id = Id::default();
        }
        Ok(())
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        self.write(
            record,
            "do update set data = excluded.data, expires_at = excluded.expires_at, \
             user_id = excluded.user_id, user_epoch = excluded.user_epoch",
        )
        .await?;
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
