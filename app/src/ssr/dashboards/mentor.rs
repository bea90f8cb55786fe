//! The mentor's dashboard (`/mentor/dasbor`): only the groups the mentor leads, in any cohort.
//! Their groups' progress (through the completion measures of `ssr::completion`), the posts
//! waiting for their feedback (the queue's condition), their first-response times and comments,
//! and the surveys about them (through `ssr::surveys::results`, never below the minimum of
//! responses). Each figure is a [`DataTable`] that the page plots and the exports write.

use crate::i18n::{text, text_with};
use crate::model::dashboards::figures::percentile;
use crate::model::dashboards::people::MentorDashboardData;
use crate::model::dashboards::{Column, ColumnKind, DataTable, Value};
use crate::model::groups::GroupCard;
use crate::model::surveys::{Bands, MIN_RESPONSES};
use crate::model::Lang;
use crate::ssr::completion::{decisions, progress};
use crate::ssr::db::Db;
use crate::ssr::groups::members;
use crate::ssr::surveys::{results, store};
use std::collections::HashMap;

/// The longest-waiting posts the page lists (the rest are on `/mentor/antrean`).
pub const OLDEST_SHOWN: i64 = 5;

/// The approved members of the groups that mentor `$2` leads in cohort `$1`, as the user
/// subquery of `progress::of_users` and `decisions::of_users` (`$3` is bound there, unused).
const MY_MEMBERS: &str =
    "select e.user_id from enrolment e join mentor_group g on g.id = e.group_id \
     where e.cohort_id = $1 and e.status = 'approved' and g.mentor_id = $2 \
     and cast($3 as bigint) >= 0";

/// Posts waiting for the mentor's feedback: the condition of `ssr::boards::views::queue`.
const WAITING: &str = "w.status in ('submitted', 'revised')";

/// `numerator / denominator` as a share, missing when the denominator is not positive.
fn share(numerator: i64, denominator: i64) -> Value {
    if denominator > 0 {
        Value::Number(numerator as f64 / denominator as f64)
    } else {
        Value::Missing
    }
}

fn group_label(g: &GroupCard) -> String {
    format!("{} · {}", g.name, g.cohort_name)
}

fn new_table(lang: Lang, key: &str, columns: &[(&str, ColumnKind)]) -> DataTable {
    let t = |k: &str| text(lang, &format!("dashboard.mentor.{k}"));
    DataTable::new(
        key,
        t(&format!("{key}_title")),
        t(&format!("{key}_description")),
        columns
            .iter()
            .map(|(label, kind)| Column::new(t(label), *kind))
            .collect(),
    )
}

/// Approved members per group the mentor leads.
async fn member_counts(db: &Db, mentor: i64) -> Result<HashMap<i64, i64>, sqlx::Error> {
    let rows: Vec<(i64, i64)> = sqlx::query_as(
        "select e.group_id, count(*) from enrolment e join mentor_group g on g.id = e.group_id \
         where g.mentor_id = $1 and e.status = 'approved' group by e.group_id",
    )
    .bind(mentor)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().collect())
}

/// What the members of one group have done, summed.
#[derive(Default)]
struct GroupSums {
    members: i64,
    attended_any: i64,
    attended: i64,
    sessions_total: i64,
    has_post_test: bool,
    post_done: i64,
    products: i64,
    passed: i64,
}

/// Per group: members, the share who attended at least one session, the attendance rate over
/// the cohort's sessions, the share with a post-test done, approved work products and passed.
pub async fn groups_table(
    db: &Db,
    mentor: i64,
    lang: Lang,
    groups: &[GroupCard],
) -> Result<DataTable, sqlx::Error> {
    use ColumnKind::{Int, Percent, Text};
    let mut table = new_table(
        lang,
        "groups",
        &[
            ("col_group", Text),
            ("col_members", Int),
            ("col_attended_any", Percent(1)),
            ("col_attendance_rate", Percent(1)),
            ("col_post_test_done", Percent(1)),
            ("col_products", Int),
            ("col_passed", Int),
        ],
    );
    let mut cohorts: Vec<i64> = Vec::new();
    for g in groups {
        if !cohorts.contains(&g.cohort_id.0) {
            cohorts.push(g.cohort_id.0);
        }
    }
    let mut sums: HashMap<i64, GroupSums> = HashMap::new();
    for cohort in cohorts {
        let measures = progress::of_users(db, cohort, MY_MEMBERS, mentor, 0).await?;
        let decided = decisions::of_users(db, cohort, MY_MEMBERS, mentor, 0).await?;
        let placed: Vec<(i64, i64)> = sqlx::query_as(
            "select e.user_id, e.group_id from enrolment e \
             join mentor_group g on g.id = e.group_id \
             where e.cohort_id = $1 and e.status = 'approved' and g.mentor_id = $2",
        )
        .bind(cohort)
        .bind(mentor)
        .fetch_all(db)
        .await?;
        for (user, group) in placed {
            let p = measures.get(&user).cloned().unwrap_or_default();
            let s = sums.entry(group).or_default();
            s.members += 1;
            s.attended_any += i64::from(p.sessions_attended > 0);
            s.attended += p.sessions_attended;
            s.sessions_total = p.sessions_total;
            s.has_post_test = p.has_post_test;
            s.post_done += i64::from(p.post_test_percent.is_some());
            s.products += p.approved_products;
            s.passed += i64::from(decided.get(&user).is_some_and(|d| d.passed));
        }
    }
    for g in groups {
        let s = sums.remove(&g.id.0).unwrap_or_default();
        let with_sessions = if s.sessions_total > 0 { s.members } else { 0 };
        let with_post_test = if s.has_post_test { s.members } else { 0 };
        table.push(vec![
            group_label(g).into(),
            s.members.into(),
            share(s.attended_any, with_sessions),
            share(s.attended, with_sessions * s.sessions_total),
            share(s.post_done, with_post_test),
            s.products.into(),
            s.passed.into(),
        ]);
    }
    Ok(table)
}

/// Per group: posts waiting for the mentor's feedback and how many days the oldest has waited
/// at `now`. Also the total.
pub async fn waiting_table(
    db: &Db,
    mentor: i64,
    lang: Lang,
    groups: &[GroupCard],
    now: i64,
) -> Result<(DataTable, i64), sqlx::Error> {
    use ColumnKind::{Decimal, Int, Text};
    let mut table = new_table(
        lang,
        "waiting",
        &[
            ("col_group", Text),
            ("col_waiting", Int),
            ("col_oldest_days", Decimal(1)),
        ],
    );
    let rows: Vec<(i64, i64, i64)> = sqlx::query_as(&format!(
        "select b.group_id, count(*), min(w.updated_at) from work_post w \
         join board b on b.id = w.board_id join mentor_group g on g.id = b.group_id \
         where g.mentor_id = $1 and {WAITING} group by b.group_id"
    ))
    .bind(mentor)
    .fetch_all(db)
    .await?;
    let by_group: HashMap<i64, (i64, i64)> = rows
        .into_iter()
        .map(|(group, count, oldest)| (group, (count, oldest)))
        .collect();
    let mut total = 0;
    for g in groups {
        let (count, oldest) = match by_group.get(&g.id.0) {
            Some((count, since)) => (
                *count,
                Value::Number((now - since).max(0) as f64 / 86_400.0),
            ),
            None => (0, Value::Missing),
        };
        total += count;
        table.push(vec![group_label(g).into(), count.into(), oldest]);
    }
    Ok((table, total))
}

/// Per group: posts answered, the median and 90th-percentile time (nearest rank, in whole
/// minutes, shown in hours) from a post's creation to its first response, the mentor's comments and comments per member. Also the median
/// and 90th percentile over all groups.
pub async fn response_table(
    db: &Db,
    mentor: i64,
    lang: Lang,
    groups: &[GroupCard],
) -> Result<(DataTable, Option<f64>, Option<f64>), sqlx::Error> {
    use ColumnKind::{Decimal, Int, Text};
    let mut table = new_table(
        lang,
        "response",
        &[
            ("col_group", Text),
            ("col_answered", Int),
            ("col_median_hours", Decimal(1)),
            ("col_p90_hours", Decimal(1)),
            ("col_comments", Int),
            ("col_comments_per_member", Decimal(1)),
        ],
    );
    let delays: Vec<(i64, i64)> = sqlx::query_as(
        "select b.group_id, w.first_response_at - w.created_at from work_post w \
         join board b on b.id = w.board_id join mentor_group g on g.id = b.group_id \
         where g.mentor_id = $1 and w.kind <> 'announcement' and w.first_response_at is not null",
    )
    .bind(mentor)
    .fetch_all(db)
    .await?;
    let comments: HashMap<i64, i64> = sqlx::query_as::<_, (i64, i64)>(
        "select b.group_id, count(*) from post_comment c join work_post w on w.id = c.post_id \
         join board b on b.id = w.board_id join mentor_group g on g.id = b.group_id \
         where g.mentor_id = $1 and c.author_id = $1 and c.hidden_at is null \
         group by b.group_id",
    )
    .bind(mentor)
    .fetch_all(db)
    .await?
    .into_iter()
    .collect();
    let members = member_counts(db, mentor).await?;
    // Whole minutes and nearest-rank percentiles, as the cohort dashboard's mentor workload.
    let minutes = |seconds: i64| seconds.max(0) / 60;
    let hours = |m: Option<i64>| m.map(|m| m as f64 / 60.0);
    let mut all: Vec<i64> = delays.iter().map(|(_, s)| minutes(*s)).collect();
    all.sort_unstable();
    for g in groups {
        let mut mine: Vec<i64> = delays
            .iter()
            .filter(|(group, _)| *group == g.id.0)
            .map(|(_, s)| minutes(*s))
            .collect();
        mine.sort_unstable();
        let written = comments.get(&g.id.0).copied().unwrap_or(0);
        let people = members.get(&g.id.0).copied().unwrap_or(0);
        table.push(vec![
            group_label(g).into(),
            (mine.len() as i64).into(),
            hours(percentile(&mine, 50)).into(),
            hours(percentile(&mine, 90)).into(),
            written.into(),
            (people > 0).then(|| written as f64 / people as f64).into(),
        ]);
    }
    Ok((
        table,
        hours(percentile(&all, 50)),
        hours(percentile(&all, 90)),
    ))
}

/// The bands the institution that organises `cohort` set, or the defaults.
async fn bands_of_cohort(db: &Db, cohort: i64) -> Result<Bands, sqlx::Error> {
    match store::organiser_of(db, cohort).await? {
        Some(org) => store::bands(db, org).await,
        None => Ok(Bands::default()),
    }
}

/// Per survey about the mentor: the responses and, only from [`MIN_RESPONSES`] on, the index
/// and its predicate (below it, how many responses are still needed).
pub async fn surveys_table(db: &Db, mentor: i64, lang: Lang) -> Result<DataTable, sqlx::Error> {
    use ColumnKind::{Decimal, Int, Text};
    let mut table = new_table(
        lang,
        "surveys",
        &[
            ("col_survey", Text),
            ("col_responses", Int),
            ("col_index", Decimal(1)),
            ("col_predicate", Text),
        ],
    );
    let name: String = sqlx::query_scalar("select name from app_user where id = $1")
        .bind(mentor)
        .fetch_optional(db)
        .await?
        .unwrap_or_default();
    for (survey_id, title, cohort_name, responses) in results::about(db, mentor).await? {
        let label = Value::Text(format!("{title} · {cohort_name}"));
        let needed = (MIN_RESPONSES - responses).max(0);
        if needed > 0 {
            let wait = text_with(
                lang,
                "dashboard.mentor.survey_needs_more",
                &[("count", &needed.to_string())],
            );
            table.push(vec![label, responses.into(), Value::Missing, wait.into()]);
            continue;
        }
        let Some(survey) = crate::ssr::surveys::load(db, survey_id).await? else {
            continue;
        };
        let items = store::items(db, survey.instrument_id).await?;
        let bands = bands_of_cohort(db, survey.cohort_id).await?;
        // With the threshold, as the mentor's own results page reads them.
        let result =
            results::subject_result(db, survey_id, (mentor, name.clone()), &items, &bands, true)
                .await?;
        let predicate = match (result.needed, result.predicate.as_deref()) {
            (0, Some(p)) => text(lang, &format!("survey.predicate.{p}")),
            (0, None) => text(lang, "survey.no_index"),
            (n, _) => text_with(
                lang,
                "dashboard.mentor.survey_needs_more",
                &[("count", &n.to_string())],
            ),
        };
        let index = if result.needed == 0 {
            result.index.into()
        } else {
            Value::Missing
        };
        table.push(vec![
            label,
            result.responses.into(),
            index,
            predicate.into(),
        ]);
    }
    Ok(table)
}

/// The whole dashboard of `mentor` at `now`.
pub async fn dashboard(
    db: &Db,
    mentor: i64,
    lang: Lang,
    now: i64,
) -> Result<MentorDashboardData, sqlx::Error> {
    let groups = members::of_mentor(db, mentor).await?;
    let (waiting, waiting_total) = waiting_table(db, mentor, lang, &groups, now).await?;
    let (response, median_hours, p90_hours) = response_table(db, mentor, lang, &groups).await?;
    let institution: Option<Option<i64>> =
        sqlx::query_scalar("select institution_id from app_user where id = $1")
            .bind(mentor)
            .fetch_optional(db)
            .await?;
    let bands = match institution.flatten() {
        Some(org) => store::bands(db, crate::model::InstitutionId(org)).await?,
        None => Bands::default(),
    };
    let oldest_days = waiting
        .series(2)
        .into_iter()
        .map(|(_, days)| days)
        .reduce(f64::max);
    Ok(MentorDashboardData {
        groups: groups_table(db, mentor, lang, &groups).await?,
        waiting,
        response,
        surveys: surveys_table(db, mentor, lang).await?,
        waiting_total,
        oldest_days,
        oldest: crate::ssr::boards::views::queue(db, mentor, OLDEST_SHOWN).await?,
        median_hours,
        p90_hours,
        own_index: results::own_index(db, mentor, &bands).await?,
        min_responses: MIN_RESPONSES,
    })
}

/// The mentor's table `key` (one of `MENTOR_TABLES`), for the exports; `None` for another key.
pub async fn table(
    db: &Db,
    mentor: i64,
    lang: Lang,
    key: &str,
    now: i64,
) -> Result<Option<DataTable>, sqlx::Error> {
    let groups = || members::of_mentor(db, mentor);
    Ok(Some(match key {
        "groups" => groups_table(db, mentor, lang, &groups().await?).await?,
        "waiting" => {
            waiting_table(db, mentor, lang, &groups().await?, now)
                .await?
                .0
        }
        "response" => response_table(db, mentor, lang, &groups().await?).await?.0,
        "surveys" => surveys_table(db, mentor, lang).await?,
        _ => return Ok(None),
    }))
}
