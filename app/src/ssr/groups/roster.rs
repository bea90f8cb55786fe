//! The cohort roster: enrolments with their participant, profile and group, filtered and paged.
//!
//! A page is found in two steps, so that a deep page stays cheap on 62,000 rows: the enrolment
//! ids of the page first (joining only what the filters need, walking the
//! `(cohort_id, status, id)` index in order), then the details of those 50 rows. The unfiltered
//! total is the kept count (`counts`); a filtered one is counted up to `ROSTER_COUNT_BOUND` rows.
//! Where each unfiltered page starts, and a filter's first matches, are kept a few seconds
//! ([`page_cache`](super::page_cache)): page 620 is then one index seek, and page 3 of a filter
//! no join at all.

use crate::model::groups::{RosterEntry, ROSTER_COUNT_BOUND};
use crate::ssr::db::Db;
use crate::ssr::groups::counts;
use crate::ssr::groups::page_cache::{RosterCache, Version};
use std::sync::Arc;
use std::time::Instant;

/// Which group a roster row must be in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GroupFilter {
    Any,
    NoGroup,
    Group(i64),
}

/// The roster's filters and page.
#[derive(Clone, Debug)]
pub struct RosterFilter {
    pub status: String,
    /// Lower-cased; matches name, e-mail or NIP.
    pub search: Option<String>,
    pub group: GroupFilter,
    pub school_level: Option<String>,
    /// A region code prefix such as `33` or `33.01`.
    pub region: Option<String>,
    /// Only the members of the groups this mentor leads (a mentor who is not named on the cohort).
    pub mentor: Option<i64>,
    pub limit: i64,
    pub offset: i64,
}

impl RosterFilter {
    /// What tells this filter's matches apart from another's in the cache (everything but the
    /// page): the mentor too, so that one mentor's matches never serve another.
    fn cache_key(&self, cohort: i64) -> String {
        format!(
            "{cohort}|{}|match|{:?}|{:?}|{:?}|{:?}|{:?}",
            self.status, self.search, self.group, self.school_level, self.region, self.mentor
        )
    }

    /// Whether rows are chosen by more than cohort and status.
    fn narrows(&self) -> bool {
        self.search.is_some()
            || self.group != GroupFilter::Any
            || self.school_level.is_some()
            || self.region.is_some()
            || self.mentor.is_some()
    }
}

/// One page of a roster and what the pager needs.
#[derive(Debug)]
pub struct RosterPage {
    pub entries: Vec<RosterEntry>,
    /// Rows matching the filter: exact, or `ROSTER_COUNT_BOUND` when `capped`.
    pub total: i64,
    pub capped: bool,
    pub has_next: bool,
}

/// A bound value of a query built at run time.
enum Arg {
    Int(i64),
    Text(String),
}

/// `like` pattern for `text` anywhere, with the wildcards in it taken literally.
fn contains_pattern(text: &str) -> String {
    let escaped = text
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

/// The `from … where …` part and its arguments ($1 is the cohort).
fn conditions(cohort: i64, filter: &RosterFilter) -> (String, Vec<Arg>) {
    let mut args = vec![Arg::Int(cohort), Arg::Text(filter.status.clone())];
    let mut joins = String::new();
    let mut clauses = vec!["e.cohort_id = $1".to_string(), "e.status = $2".to_string()];
    if let Some(search) = &filter.search {
        joins.push_str(" join app_user u on u.id = e.user_id");
        args.push(Arg::Text(contains_pattern(search)));
        let n = args.len();
        let digits: String = search.chars().filter(char::is_ascii_digit).collect();
        if digits.len() >= 4 {
            args.push(Arg::Text(contains_pattern(&digits)));
            clauses.push(format!(
                "(lower(u.name) like ${n} escape '\\' or u.email like ${n} escape '\\' \
                 or u.nip like ${} escape '\\')",
                n + 1
            ));
        } else {
            clauses.push(format!(
                "(lower(u.name) like ${n} escape '\\' or u.email like ${n} escape '\\')"
            ));
        }
    }
    if let Some(mentor) = filter.mentor {
        args.push(Arg::Int(mentor));
        clauses.push(format!(
            "e.group_id in (select id from mentor_group where cohort_id = $1 and mentor_id = ${})",
            args.len()
        ));
    }
    match filter.group {
        GroupFilter::Any => {}
        GroupFilter::NoGroup => clauses.push("e.group_id is null".to_string()),
        GroupFilter::Group(id) => {
            args.push(Arg::Int(id));
            clauses.push(format!("e.group_id = ${}", args.len()));
        }
    }
    if filter.school_level.is_some() || filter.region.is_some() {
        joins.push_str(" join participant_profile p on p.user_id = e.user_id");
    }
    if let Some(level) = &filter.school_level {
        args.push(Arg::Text(level.clone()));
        clauses.push(format!("p.school_level = ${}", args.len()));
    }
    if let Some(region) = &filter.region {
        args.push(Arg::Text(format!(
            "{}%",
            region.replace(['%', '_', '\\'], "")
        )));
        clauses.push(format!("p.region_code like ${}", args.len()));
    }
    (
        format!("from enrolment e{joins} where {}", clauses.join(" and ")),
        args,
    )
}

#[derive(sqlx::FromRow)]
struct Row {
    enrolment_id: i64,
    user_id: i64,
    name: String,
    email: Option<String>,
    nip: Option<String>,
    school_name: Option<String>,
    school_level: Option<String>,
    subject: Option<String>,
    region_code: Option<String>,
    phone: Option<String>,
    group_id: Option<i64>,
    group_name: Option<String>,
}

fn bind_all<'q, O>(
    mut query: sqlx::query::QueryAs<'q, sqlx::Any, O, sqlx::any::AnyArguments<'q>>,
    args: &[Arg],
) -> sqlx::query::QueryAs<'q, sqlx::Any, O, sqlx::any::AnyArguments<'q>> {
    for arg in args {
        query = match arg {
            Arg::Int(v) => query.bind(*v),
            Arg::Text(v) => query.bind(v.clone()),
        };
    }
    query
}

/// The ids of the rows matching `from`/`args`, in order, at most `limit` after skipping `offset`.
async fn ids(
    db: &Db,
    from: &str,
    args: &[Arg],
    limit: i64,
    offset: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    let n = args.len();
    let sql = format!(
        "select e.id {from} order by e.id limit ${} offset ${}",
        n + 1,
        n + 2
    );
    Ok(bind_all(sqlx::query_as::<_, (i64,)>(&sql), args)
        .bind(limit)
        .bind(offset)
        .fetch_all(db)
        .await?
        .into_iter()
        .map(|(id,)| id)
        .collect())
}

/// The first id of every `size` rows matching `from`/`args`, in order: where each page starts.
async fn page_starts(
    db: &Db,
    from: &str,
    args: &[Arg],
    size: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    let n = args.len();
    let sql = format!(
        "select id from (select e.id, row_number() over (order by e.id) as r {from}) numbered \
         where (r - 1) % ${} = 0 order by id",
        n + 1
    );
    Ok(bind_all(sqlx::query_as::<_, (i64,)>(&sql), args)
        .bind(size.max(1))
        .fetch_all(db)
        .await?
        .into_iter()
        .map(|(id,)| id)
        .collect())
}

/// The newest change the database noted for `cohort` (see [`page_cache`](super::page_cache)).
async fn newest_change(db: &Db, cohort: i64) -> Result<Option<i64>, sqlx::Error> {
    let (id,): (Option<i64>,) =
        sqlx::query_as("select max(id) from dashboard_change where cohort_id = $1")
            .bind(cohort)
            .fetch_one(db)
            .await?;
    Ok(id)
}

/// At most `limit` ids matching `from`/`args` from `start` on, in order.
async fn ids_from(
    db: &Db,
    from: &str,
    args: &[Arg],
    start: i64,
    limit: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    let n = args.len();
    let sql = format!(
        "select e.id {from} and e.id >= ${} order by e.id limit ${}",
        n + 1,
        n + 2
    );
    Ok(bind_all(sqlx::query_as::<_, (i64,)>(&sql), args)
        .bind(start)
        .bind(limit)
        .fetch_all(db)
        .await?
        .into_iter()
        .map(|(id,)| id)
        .collect())
}

/// One page of the roster of `cohort`, with the number of rows matching the filter.
///
/// Unfiltered, the total is the kept count, and a page starts at its kept first id. Filtered, a
/// page within the first `ROSTER_COUNT_BOUND` rows comes from those rows' ids, read in one
/// query (or kept from a moment ago): their number is the total, or "more than" when the bound
/// is passed; a page past them knows the total is more than the bound, or exactly what precedes
/// it and is on it when it is the last.
pub async fn page(
    db: &Db,
    cache: &RosterCache,
    cohort: i64,
    filter: &RosterFilter,
) -> Result<RosterPage, sqlx::Error> {
    let (from, args) = conditions(cohort, filter);
    let limit = filter.limit.max(0);
    let offset = filter.offset.max(0);
    let (mut ids, total, capped, has_next);
    if !filter.narrows() {
        total = counts::enrolments(db, cohort, &filter.status).await?;
        capped = false;
        if limit > 0 && offset % limit == 0 {
            let version: Version = (total, newest_change(db, cohort).await?);
            let key = format!("{cohort}|{}|starts|{limit}", filter.status);
            let now = Instant::now();
            let starts = match cache.get(&key, version, now) {
                Some(starts) => starts,
                None => {
                    let starts = Arc::new(page_starts(db, &from, &args, limit).await?);
                    cache.put(key, version, starts.clone(), now);
                    starts
                }
            };
            // One row more than the page: whether a next page exists.
            ids = match starts.get((offset / limit) as usize) {
                Some(start) => ids_from(db, &from, &args, *start, limit + 1).await?,
                None => Vec::new(),
            };
        } else {
            ids = self::ids(db, &from, &args, limit + 1, offset).await?;
        }
        has_next = ids.len() as i64 > limit;
    } else if offset < ROSTER_COUNT_BOUND {
        let version: Version = (
            counts::enrolments(db, cohort, &filter.status).await?,
            newest_change(db, cohort).await?,
        );
        let key = filter.cache_key(cohort);
        let now = Instant::now();
        let first = match cache.get(&key, version, now) {
            Some(first) => first,
            None => {
                let first = Arc::new(self::ids(db, &from, &args, ROSTER_COUNT_BOUND + 1, 0).await?);
                cache.put(key, version, first.clone(), now);
                first
            }
        };
        let found = first.len() as i64;
        capped = found > ROSTER_COUNT_BOUND;
        total = found.min(ROSTER_COUNT_BOUND);
        has_next = found > offset + limit;
        ids = first
            .iter()
            .skip(offset as usize)
            .take(limit as usize)
            .copied()
            .collect();
    } else {
        ids = self::ids(db, &from, &args, limit + 1, offset).await?;
        has_next = ids.len() as i64 > limit;
        if ids.is_empty() {
            let count_sql = format!(
                "select count(*) from (select 1 {from} limit {}) bounded",
                ROSTER_COUNT_BOUND + 1
            );
            let (counted,) = bind_all(sqlx::query_as::<_, (i64,)>(&count_sql), &args)
                .fetch_one(db)
                .await?;
            capped = counted > ROSTER_COUNT_BOUND;
            total = counted.min(ROSTER_COUNT_BOUND);
        } else if has_next {
            (total, capped) = (ROSTER_COUNT_BOUND, true);
        } else {
            (total, capped) = (offset + ids.len() as i64, false);
        }
    }
    ids.truncate(limit as usize);
    if ids.is_empty() {
        return Ok(RosterPage {
            entries: Vec::new(),
            total,
            capped,
            has_next,
        });
    }

    // The ids are integers read from the database, so listing them inline is safe.
    let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "select e.id as enrolment_id, u.id as user_id, u.name, u.email, u.nip, p.school_name, \
         p.school_level, p.subject, p.region_code, p.phone, e.group_id, g.name as group_name \
         from enrolment e join app_user u on u.id = e.user_id \
         left join participant_profile p on p.user_id = e.user_id \
         left join mentor_group g on g.id = e.group_id \
         where e.id in ({list}) order by e.id"
    ))
    .fetch_all(db)
    .await?;
    Ok(RosterPage {
        entries: rows.into_iter().map(entry).collect(),
        total,
        capped,
        has_next,
    })
}

/// The exact number of rows matching the filter (for a filter known to match few, such as one
/// group's members).
pub async fn count(db: &Db, cohort: i64, filter: &RosterFilter) -> Result<i64, sqlx::Error> {
    let (from, args) = conditions(cohort, filter);
    let (n,) = bind_all(
        sqlx::query_as::<_, (i64,)>(&format!("select count(*) {from}")),
        &args,
    )
    .fetch_one(db)
    .await?;
    Ok(n)
}

fn entry(r: Row) -> RosterEntry {
    RosterEntry {
        enrolment_id: crate::model::ids::EnrolmentId(r.enrolment_id),
        user_id: crate::model::ids::UserId(r.user_id),
        name: r.name,
        email: r.email,
        nip: r.nip,
        school_name: r.school_name,
        school_level: r.school_level,
        subject: r.subject,
        region_code: r.region_code,
        phone: r.phone,
        group_id: r.group_id.map(crate::model::ids::GroupId),
        group_name: r.group_name,
    }
}
