//! What participants have done in a cohort, as the completion rules measure it: sessions
//! attended and their JP, the best post-test, work products approved on the boards, coaching
//! cycles written and surveys still to answer. Read for one participant or for a page of them
//! with one query per measure.

use crate::model::completion::Progress;
use crate::ssr::db::Db;
use std::collections::HashMap;

/// `select … where user in (the page)`: the users of `cohort` this page shows, as a subquery on
/// `$1` (cohort), `$2` (limit) and `$3` (offset), in the table's order.
pub const PAGE_USERS: &str =
    "select e.user_id from enrolment e join app_user u on u.id = e.user_id \
     where e.cohort_id = $1 and e.status = 'approved' order by u.name, e.id limit $2 offset $3";

/// The measures of the users `users` (a subquery on `$1` = cohort, and `$2`, `$3` if it pages),
/// keyed by user id; users without any activity get the defaults.
pub async fn of_users(
    db: &Db,
    cohort: i64,
    users: &str,
    limit: i64,
    offset: i64,
) -> Result<HashMap<i64, Progress>, sqlx::Error> {
    let (sessions_total,): (i64,) =
        sqlx::query_as("select count(*) from live_session where cohort_id = $1")
            .bind(cohort)
            .fetch_one(db)
            .await?;
    let (post_tests,): (i64,) = sqlx::query_as(
        "select count(*) from quiz where cohort_id = $1 and kind = 'post' and status <> 'draft'",
    )
    .bind(cohort)
    .fetch_one(db)
    .await?;
    let ids: Vec<(i64,)> = sqlx::query_as(users)
        .bind(cohort)
        .bind(limit)
        .bind(offset)
        .fetch_all(db)
        .await?;
    let mut all: HashMap<i64, Progress> = ids
        .into_iter()
        .map(|(id,)| {
            (
                id,
                Progress {
                    sessions_total,
                    has_post_test: post_tests > 0,
                    ..Progress::default()
                },
            )
        })
        .collect();
    // Each measure as (user, count, figure) for the page's users.
    let page = |sql: String| per_user(db, sql, cohort, limit, offset);
    let attended = page(format!(
        "select a.user_id, count(*), cast(coalesce(sum(s.jp), 0) as bigint) from attendance a \
         join live_session s on s.id = a.session_id \
         where s.cohort_id = $1 and a.status in ('present', 'late') and a.user_id in ({users}) \
         group by a.user_id"
    ))
    .await?;
    for (user, count, jp) in attended {
        if let Some(p) = all.get_mut(&user) {
            p.sessions_attended = count;
            p.jp = jp.unwrap_or(0);
        }
    }
    let post = page(format!(
        "select a.user_id, count(*), max(a.score_milli * 100 / (a.max_points * 1000)) \
         from quiz_attempt a join quiz q on q.id = a.quiz_id \
         where q.cohort_id = $1 and q.kind = 'post' and a.finished_at is not null \
         and a.score_milli is not null and a.max_points > 0 and a.user_id in ({users}) \
         group by a.user_id"
    ))
    .await?;
    for (user, _, best) in post {
        if let Some(p) = all.get_mut(&user) {
            p.post_test_percent = best;
        }
    }
    let products = page(format!(
        "select w.author_id, count(*), cast(null as bigint) from work_post w \
         join board b on b.id = w.board_id \
         where b.cohort_id = $1 and w.status = 'approved' and w.author_id in ({users}) \
         group by w.author_id"
    ))
    .await?;
    for (user, count, _) in products {
        if let Some(p) = all.get_mut(&user) {
            p.approved_products = count;
        }
    }
    let cycles = page(format!(
        "select participant_id, count(*), cast(null as bigint) from coaching_cycle \
         where cohort_id = $1 and participant_id in ({users}) group by participant_id"
    ))
    .await?;
    for (user, count, _) in cycles {
        if let Some(p) = all.get_mut(&user) {
            p.coaching_cycles = count;
        }
    }
    // The fee of a fee-funded program, owed while a bill is not paid or waived (unpaid; or
    // cancelled or refunded and not yet reopened after the enrolment was approved again) or not
    // yet made.
    let owing = page(format!(
        "select e.user_id, count(*), cast(null as bigint) from enrolment e \
         join cohort c on c.id = e.cohort_id join program p on p.id = c.program_id \
         where e.cohort_id = $1 and e.status = 'approved' and p.funding = 'fee' \
         and p.fee_amount > 0 and e.user_id in ({users}) \
         and (not exists (select 1 from fee_bill b where b.enrolment_id = e.id) \
         or exists (select 1 from fee_bill b where b.enrolment_id = e.id \
         and b.status not in ('paid', 'waived'))) \
         group by e.user_id"
    ))
    .await?;
    for (user, _, _) in owing {
        if let Some(p) = all.get_mut(&user) {
            p.fee_unsettled = true;
        }
    }
    Ok(all)
}

/// One measure, `sql` on `$1` = cohort, `$2`, `$3` = the page: (user, count, figure) rows.
async fn per_user(
    db: &Db,
    sql: String,
    cohort: i64,
    limit: i64,
    offset: i64,
) -> Result<Vec<(i64, i64, Option<i64>)>, sqlx::Error> {
    sqlx::query_as(&sql)
        .bind(cohort)
        .bind(limit)
        .bind(offset)
        .fetch_all(db)
        .await
}

/// The measures of one participant of `cohort`.
pub async fn of_user(db: &Db, cohort: i64, user: i64) -> Result<Progress, sqlx::Error> {
    // The same queries, on a "page" that is this one user ($2 = user, $3 unused but bound).
    let one = "select cast($2 as bigint) where cast($3 as bigint) >= 0 and cast($1 as bigint) > 0";
    let mut all = of_users(db, cohort, one, user, 0).await?;
    Ok(all.remove(&user).unwrap_or_default())
}
