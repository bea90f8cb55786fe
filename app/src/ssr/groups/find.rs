//! Finding a cohort's group by what a reader typed: its name, part of it, or its number
//! ("17" for "Kelompok 17"), so that a cohort of 1,240 groups needs no list of them all.

use crate::ssr::db::Db;

/// At most this many groups are offered when a text names several.
pub const MATCHES_SHOWN: usize = 10;

/// What a group text named.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Found {
    One(i64, String),
    /// Several groups (at most `MATCHES_SHOWN`), none of them by its whole name.
    Several(Vec<(i64, String)>),
    Nothing,
}

/// `like` pattern, wildcards in `text` taken literally, between `before` and `after`.
fn pattern(before: &str, text: &str, after: &str) -> String {
    let escaped = text
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("{before}{escaped}{after}")
}

/// The groups of `cohort` (only those `mentor` leads, if given) whose lower-cased name is `like`
/// `pattern`, by id, at most `limit`.
async fn named_like(
    db: &Db,
    cohort: i64,
    mentor: Option<i64>,
    pattern: &str,
    limit: usize,
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    let led = if mentor.is_some() {
        " and mentor_id = $4"
    } else {
        ""
    };
    let sql = format!(
        "select id, name from mentor_group where cohort_id = $1 \
         and lower(name) like $2 escape '\\'{led} order by id limit $3"
    );
    let query = sqlx::query_as(&sql)
        .bind(cohort)
        .bind(pattern.to_string())
        .bind(limit as i64);
    match mentor {
        Some(m) => query.bind(m).fetch_all(db).await,
        None => query.fetch_all(db).await,
    }
}

/// The group of `cohort` that `text` names: the one with that name (any case), else the one
/// whose name ends in that number, else the one whose name contains the text.
pub async fn group(
    db: &Db,
    cohort: i64,
    mentor: Option<i64>,
    text: &str,
) -> Result<Found, sqlx::Error> {
    let text = text.trim().to_lowercase();
    if text.is_empty() {
        return Ok(Found::Nothing);
    }
    let mut tries = vec![pattern("", &text, "")];
    if text.chars().all(|c| c.is_ascii_digit()) {
        tries.push(pattern("% ", &text, ""));
    }
    tries.push(pattern("%", &text, "%"));
    for like in &tries {
        let mut rows = named_like(db, cohort, mentor, like, MATCHES_SHOWN).await?;
        match rows.len() {
            0 => continue,
            1 => {
                let (id, name) = rows.remove(0);
                return Ok(Found::One(id, name));
            }
            _ => return Ok(Found::Several(rows)),
        }
    }
    Ok(Found::Nothing)
}

/// The name of group `id` if it belongs to `cohort` (and is led by `mentor`, if given).
pub async fn by_id(
    db: &Db,
    cohort: i64,
    mentor: Option<i64>,
    id: i64,
) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(String, Option<i64>)> =
        sqlx::query_as("select name, mentor_id from mentor_group where id = $1 and cohort_id = $2")
            .bind(id)
            .bind(cohort)
            .fetch_optional(db)
            .await?;
    Ok(row
        .filter(|(_, led_by)| mentor.is_none() || *led_by == mentor)
        .map(|(name, _)| name))
}

/// The groups of `cohort` (those `mentor` leads, if given) by id, at most `limit`.
pub async fn first(
    db: &Db,
    cohort: i64,
    mentor: Option<i64>,
    limit: usize,
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    named_like(db, cohort, mentor, "%", limit).await
}

/// How many groups `cohort` has (that `mentor` leads, if given).
pub async fn count(db: &Db, cohort: i64, mentor: Option<i64>) -> Result<i64, sqlx::Error> {
    let (n,): (i64,) = match mentor {
        Some(m) => {
            sqlx::query_as(
                "select count(*) from mentor_group where cohort_id = $1 and mentor_id = $2",
            )
            .bind(cohort)
            .bind(m)
            .fetch_one(db)
            .await?
        }
        None => {
            sqlx::query_as("select count(*) from mentor_group where cohort_id = $1")
                .bind(cohort)
                .fetch_one(db)
                .await?
        }
    };
    Ok(n)
}
