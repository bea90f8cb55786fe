//! Reading the summary tables: a cohort's stored figures, and the overview's sums over the
//! cohorts in an admin's scope, filtered by period, program, region and institution.

use crate::model::dashboards::figures::{CohortFigures, Funnel};
use crate::model::dashboards::view::OverviewFilter;
use crate::ssr::db::Db;
use crate::ssr::institutions::SCOPE_CTE;
use std::collections::HashMap;

/// The stored figures of `cohort`, if counted yet.
pub async fn snapshot(db: &Db, cohort: i64) -> Result<Option<CohortFigures>, sqlx::Error> {
    let body: Option<String> =
        sqlx::query_scalar("select body from dashboard_cohort_snapshot where cohort_id = $1")
            .bind(cohort)
            .fetch_optional(db)
            .await?;
    Ok(body.and_then(|b| serde_json::from_str(&b).ok()))
}

/// The stored figures of every cohort of `program`, with the cohort's id and name, in start order.
pub async fn program_snapshots(
    db: &Db,
    program: i64,
) -> Result<Vec<(i64, String, Option<CohortFigures>)>, sqlx::Error> {
    let rows: Vec<(i64, String, Option<String>)> = sqlx::query_as(
        "select c.id, c.name, s.body from cohort c \
         left join dashboard_cohort_snapshot s on s.cohort_id = c.id \
         where c.program_id = $1 order by c.starts_on, c.id",
    )
    .bind(program)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, body)| (id, name, body.and_then(|b| serde_json::from_str(&b).ok())))
        .collect())
}

/// The names of regency codes: the district office placed there, where there is one.
pub async fn region_names(
    db: &Db,
    codes: &[String],
) -> Result<HashMap<String, String>, sqlx::Error> {
    if codes.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(String, String)> = sqlx::query_as(
        "select region_code, min(name) from institution where kind = 'district_office' \
         and region_code is not null group by region_code",
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .filter(|(code, _)| codes.contains(code))
        .collect())
}

/// One group of the overview's sums: its key (program id, regency code), label and figures.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Summed {
    pub key: String,
    pub label: String,
    pub cohorts: i64,
    pub funnel: Funnel,
    pub jp: i64,
}

/// The `where` conditions of the overview's filter over `c` (cohort), `p` (program) and `f`
/// (fact), binding from `$2` ($1 is the admin's scope root). Returns the SQL and the values.
fn conditions(filter: &OverviewFilter) -> (String, Vec<FilterArg>) {
    let mut sql = String::from("p.organizer_id in (select id from scope)");
    let mut args = Vec::new();
    if let Some(from) = &filter.from {
        args.push(FilterArg::Text(from.clone()));
        sql.push_str(&format!(" and c.ends_on >= ${}", args.len() + 1));
    }
    if let Some(to) = &filter.to {
        args.push(FilterArg::Text(to.clone()));
        sql.push_str(&format!(" and c.starts_on <= ${}", args.len() + 1));
    }
    if let Some(program) = filter.program {
        args.push(FilterArg::Int(program));
        sql.push_str(&format!(" and p.id = ${}", args.len() + 1));
    }
    if let Some(region) = &filter.region {
        args.push(FilterArg::Text(format!("{region}%")));
        sql.push_str(&format!(" and f.region_code like ${}", args.len() + 1));
    }
    if let Some(institution) = filter.institution {
        args.push(FilterArg::Int(institution));
        sql.push_str(&format!(
            " and p.organizer_id in (with recursive sub(id) as (select id from institution \
             where id = ${n} union all select i.id from institution i join sub s \
             on i.parent_id = s.id) select id from sub)",
            n = args.len() + 1
        ));
    }
    (sql, args)
}

enum FilterArg {
    Int(i64),
    Text(String),
}

#[derive(sqlx::FromRow)]
struct SumRow {
    key: String,
    label: String,
    cohorts: i64,
    registered: i64,
    approved: i64,
    active: i64,
    active_week: i64,
    post_test_done: i64,
    completed: i64,
    certified: i64,
    jp: i64,
}

/// The facts of the cohorts in scope of `root` matching `filter`, summed per `by`: `program`
/// or `region`.
pub async fn sums(
    db: &Db,
    root: i64,
    filter: &OverviewFilter,
    by: &str,
) -> Result<Vec<Summed>, sqlx::Error> {
    let (key, label) = match by {
        "program" => ("cast(p.id as text)", "p.title"),
        _ => ("f.region_code", "f.region_code"),
    };
    let (conditions, args) = conditions(filter);
    let sql = format!(
        "{SCOPE_CTE} select {key} as key, {label} as label, count(distinct c.id) as cohorts, \
         cast(sum(f.registered) as bigint) as registered, cast(sum(f.approved) as bigint) as approved, \
         cast(sum(f.active) as bigint) as active, cast(sum(f.active_week) as bigint) as active_week, \
         cast(sum(f.post_test_done) as bigint) as post_test_done, \
         cast(sum(f.completed) as bigint) as completed, cast(sum(f.certified) as bigint) as certified, \
         cast(sum(f.jp_delivered) as bigint) as jp \
         from dashboard_cohort_fact f join cohort c on c.id = f.cohort_id \
         join program p on p.id = c.program_id where {conditions} \
         group by {key}, {label} order by {label}"
    );
    let mut query = sqlx::query_as::<_, SumRow>(&sql).bind(root);
    for arg in args {
        query = match arg {
            FilterArg::Int(v) => query.bind(v),
            FilterArg::Text(v) => query.bind(v),
        };
    }
    Ok(query
        .fetch_all(db)
        .await?
        .into_iter()
        .map(|r| Summed {
            key: r.key,
            label: r.label,
            cohorts: r.cohorts,
            funnel: Funnel {
                registered: r.registered,
                approved: r.approved,
                active: r.active,
                active_week: r.active_week,
                post_test_done: r.post_test_done,
                completed: r.completed,
                certified: r.certified,
            },
            jp: r.jp,
        })
        .collect())
}

/// Programs in scope with a cohort running on `today` (`YYYY-MM-DD`), under the filter's
/// program and institution.
pub async fn programs_running(
    db: &Db,
    root: i64,
    filter: &OverviewFilter,
    today: &str,
) -> Result<i64, sqlx::Error> {
    let only_region = OverviewFilter {
        region: None,
        from: None,
        to: None,
        ..filter.clone()
    };
    let (conditions, args) = conditions(&only_region);
    let n = args.len() + 2;
    let sql = format!(
        "{SCOPE_CTE} select count(distinct p.id) from cohort c join program p on p.id = c.program_id \
         where {conditions} and c.starts_on <= ${n} and c.ends_on >= ${n}"
    );
    let mut query = sqlx::query_as::<_, (i64,)>(&sql).bind(root);
    for arg in args {
        query = match arg {
            FilterArg::Int(v) => query.bind(v),
            FilterArg::Text(v) => query.bind(v),
        };
    }
    Ok(query.bind(today.to_string()).fetch_one(db).await?.0)
}

/// Training needs proposed in scope against what was delivered, per competency: (competency,
/// needs, teachers proposed, programs with a cohort in the filter, approved, completed).
pub async fn needs_against_delivery(
    db: &Db,
    root: i64,
    filter: &OverviewFilter,
    english: bool,
) -> Result<Vec<(String, i64, i64, i64, i64, i64)>, sqlx::Error> {
    let name = if english { "k.name_en" } else { "k.name_id" };
    let needs: Vec<(i64, String, i64, i64)> = sqlx::query_as(&format!(
        "{SCOPE_CTE} select k.id, {name}, count(*), cast(sum(n.teacher_count) as bigint) \
         from training_need n join competency k on k.id = n.competency_id \
         where n.institution_id in (select id from scope) and n.status <> 'rejected' \
         group by k.id, {name} order by {name}"
    ))
    .bind(root)
    .fetch_all(db)
    .await?;
    let (conditions, args) = conditions(filter);
    let sql = format!(
        "{SCOPE_CTE} select pc.competency_id, count(distinct p.id), \
         cast(coalesce(sum(f.approved), 0) as bigint), cast(coalesce(sum(f.completed), 0) as bigint) \
         from program_competency pc join program p on p.id = pc.program_id \
         join cohort c on c.program_id = p.id join dashboard_cohort_fact f on f.cohort_id = c.id \
         where {conditions} group by pc.competency_id"
    );
    let mut query = sqlx::query_as::<_, (i64, i64, i64, i64)>(&sql).bind(root);
    for arg in args {
        query = match arg {
            FilterArg::Int(v) => query.bind(v),
            FilterArg::Text(v) => query.bind(v),
        };
    }
    let delivered = query.fetch_all(db).await?;
    Ok(needs
        .into_iter()
        .map(|(id, label, count, teachers)| {
            let d = delivered.iter().find(|d| d.0 == id);
            (
                label,
                count,
                teachers,
                d.map(|d| d.1).unwrap_or(0),
                d.map(|d| d.2).unwrap_or(0),
                d.map(|d| d.3).unwrap_or(0),
            )
        })
        .collect())
}

/// When the oldest figure in scope was counted (for "as of" under the overview).
pub async fn oldest_refresh(db: &Db, root: i64) -> Result<Option<i64>, sqlx::Error> {
    let (at,): (Option<i64>,) = sqlx::query_as(&format!(
        "{SCOPE_CTE} select min(s.refreshed_at) from dashboard_cohort_snapshot s \
         join cohort c on c.id = s.cohort_id join program p on p.id = c.program_id \
         where p.organizer_id in (select id from scope)"
    ))
    .bind(root)
    .fetch_one(db)
    .await?;
    Ok(at)
}

/// Programs and organising institutions in scope, for the filter form.
pub async fn filter_choices(
    db: &Db,
    root: i64,
) -> Result<(Vec<(i64, String)>, Vec<(i64, String)>), sqlx::Error> {
    let programs: Vec<(i64, String)> = sqlx::query_as(&format!(
        "{SCOPE_CTE} select id, title from program where organizer_id in (select id from scope) \
         and status <> 'draft' order by title, id"
    ))
    .bind(root)
    .fetch_all(db)
    .await?;
    let institutions: Vec<(i64, String)> = sqlx::query_as(&format!(
        "{SCOPE_CTE} select i.id, i.name from institution i where i.id in (select id from scope) \
         and exists (select 1 from program p where p.organizer_id = i.id) order by i.name, i.id"
    ))
    .bind(root)
    .fetch_all(db)
    .await?;
    Ok((programs, institutions))
}
