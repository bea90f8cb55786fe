//! The cohort roster: enrolments with their participant, profile and group, filtered and paged.
//!
//! A page is found in two steps, so that a deep page stays cheap on 62,000 rows: the enrolment
//! ids of the page first (joining only what the filters need, walking the
//! `(cohort_id, status, id)` index in order), then the details of those 50 rows.

use crate::model::groups::RosterEntry;
use crate::ssr::db::Db;

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

/// One page of the roster of `cohort` and the number of rows matching the filter.
pub async fn page(
    db: &Db,
    cohort: i64,
    filter: &RosterFilter,
) -> Result<(Vec<RosterEntry>, i64), sqlx::Error> {
    let (from, args) = conditions(cohort, filter);
    let n = args.len();
    let ids_sql = format!(
        "select e.id {from} order by e.id limit ${} offset ${}",
        n + 1,
        n + 2
    );
    let mut ids_query = sqlx::query_as::<_, (i64,)>(&ids_sql);
    for arg in &args {
        ids_query = match arg {
            Arg::Int(v) => ids_query.bind(*v),
            Arg::Text(v) => ids_query.bind(v.clone()),
        };
    }
    let ids: Vec<i64> = ids_query
        .bind(filter.limit)
        .bind(filter.offset)
        .fetch_all(db)
        .await?
        .into_iter()
        .map(|(id,)| id)
        .collect();

    let count_sql = format!("select count(*) {from}");
    let mut count_query = sqlx::query_as::<_, (i64,)>(&count_sql);
    for arg in &args {
        count_query = match arg {
            Arg::Int(v) => count_query.bind(*v),
            Arg::Text(v) => count_query.bind(v.clone()),
        };
    }
    let (total,) = count_query.fetch_one(db).await?;
    if ids.is_empty() {
        return Ok((Vec::new(), total));
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
    Ok((rows.into_iter().map(entry).collect(), total))
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
