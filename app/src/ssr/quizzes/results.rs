//! Results for staff, read from the database: a quiz's participants and item analysis, and a
//! cohort's learning gain. The database ranks, filters, pages and sums; `analysis` turns the sums
//! into statistics. Nothing here loads a whole cohort: pages read their 50 rows in two steps
//! (the participant ids of the page, then only their attempts), aggregates are one `group by`,
//! and exports walk the rows in chunks of [`CHUNK`] by id.
//!
//! Which attempt counts for a participant: on a pre-test the FIRST finished attempt (what they
//! knew before the training); on a post-test or a practice quiz the BEST finished attempt
//! (highest score, the earlier one on a tie). Attempts with no maximum (`max_points = 0`) are
//! ignored. Only approved participants of the quiz's cohort are counted.
//!
//! The cohort's pre-test is its first quiz of kind `pre` (by opening time; drafts only if there
//! is nothing else), its post-test the last quiz of kind `post`.

use super::analysis::{self, BandThresholds, GainAccumulator, ItemSums, ItemThresholds};
use crate::model::codes::QuizKind;
use crate::model::quizzes::{
    GainRow, GainStats, GroupGain, ItemRow, QuizLink, QuizResultRow, QuizSummary, ResultParticipant,
};
use crate::ssr::db::Db;
use sqlx::any::{AnyArguments, AnyRow};
use sqlx::query::QueryAs;
use sqlx::{Any, FromRow};

/// Rows an export reads at a time.
pub const CHUNK: i64 = 1000;

pub use crate::ssr::groups::access::{audience, Audience};

impl Audience {
    /// The mentor id the SQL filters on; 0 for everyone.
    pub(crate) fn mentor(self) -> i64 {
        match self {
            Audience::Cohort => 0,
            Audience::Groups(mentor) => mentor,
        }
    }
}

/// Which participants of a cohort a result reads: the audience and an optional group.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Who {
    pub audience: Audience,
    pub group: Option<i64>,
}

/// `sql` on the participants of `quiz` in `who`, with `$1` quiz, `$2` cohort, `$3` mentor and
/// `$4` group bound: the numbering of [`counted_from`] and `who_clause(3, 4)`.
fn quiz_query<'q, O>(
    sql: &'q str,
    quiz: &QuizMeta,
    who: Who,
) -> QueryAs<'q, Any, O, AnyArguments<'q>>
where
    O: for<'r> FromRow<'r, AnyRow>,
{
    sqlx::query_as(sql)
        .bind(quiz.link.id)
        .bind(quiz.cohort_id)
        .bind(who.audience.mentor())
        .bind(who.group.unwrap_or(0))
}

/// `sql` on the participants of `cohort` in `who`, with `$1` cohort, `$2` mentor and `$3` group
/// bound: the numbering of `who_clause(2, 3)`.
fn cohort_query<'q, O>(sql: &'q str, cohort: i64, who: Who) -> QueryAs<'q, Any, O, AnyArguments<'q>>
where
    O: for<'r> FromRow<'r, AnyRow>,
{
    sqlx::query_as(sql)
        .bind(cohort)
        .bind(who.audience.mentor())
        .bind(who.group.unwrap_or(0))
}

/// The enrolment conditions of [`Who`] on alias `e`, with the mentor at `$m` and the group at
/// `$g`. Other cohort-wide lists (the dashboards' participant export) filter the same way.
pub(crate) fn who_clause(m: usize, g: usize) -> String {
    format!(
        "e.status = 'approved' \
         and (${m} = 0 or e.group_id in (select id from mentor_group where mentor_id = ${m})) \
         and (${g} = 0 or e.group_id = ${g})"
    )
}

/// A quiz with what its results need.
#[derive(Clone, Debug, PartialEq)]
pub struct QuizMeta {
    pub link: QuizLink,
    pub cohort_id: i64,
    pub pass_percent: i64,
}

impl QuizMeta {
    /// Whether the first finished attempt counts (a pre-test) rather than the best.
    pub fn counts_first(&self) -> bool {
        self.link.kind == QuizKind::Pre
    }
}

/// Quiz `id`, if it exists.
pub async fn quiz(db: &Db, id: i64) -> Result<Option<QuizMeta>, sqlx::Error> {
    let row: Option<(i64, String, QuizKind, i64, i64)> =
        sqlx::query_as("select id, title, kind, cohort_id, pass_percent from quiz where id = $1")
            .bind(id)
            .fetch_optional(db)
            .await?;
    Ok(
        row.map(|(id, title, kind, cohort_id, pass_percent)| QuizMeta {
            link: QuizLink {
                id: crate::model::ids::QuizId(id),
                title,
                kind,
            },
            cohort_id,
            pass_percent,
        }),
    )
}

/// The quizzes of `cohort`, in opening order.
pub async fn cohort_quizzes(db: &Db, cohort: i64) -> Result<Vec<QuizLink>, sqlx::Error> {
    let rows: Vec<(i64, String, QuizKind)> = sqlx::query_as(
        "select id, title, kind from quiz where cohort_id = $1 order by opens_at, id",
    )
    .bind(cohort)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, title, kind)| QuizLink {
            id: crate::model::ids::QuizId(id),
            title,
            kind,
        })
        .collect())
}

/// The cohort's pre-test and post-test (see the module's note on which).
pub async fn gain_quizzes(
    db: &Db,
    cohort: i64,
) -> Result<(Option<QuizLink>, Option<QuizLink>), sqlx::Error> {
    let pick = |order: &'static str| {
        format!(
            "select id, title, kind from quiz where cohort_id = $1 and kind = $2 \
             order by case when status = 'draft' then 1 else 0 end, {order} limit 1"
        )
    };
    let pre: Option<(i64, String, QuizKind)> = sqlx::query_as(&pick("opens_at, id"))
        .bind(cohort)
        .bind("pre")
        .fetch_optional(db)
        .await?;
    let post: Option<(i64, String, QuizKind)> = sqlx::query_as(&pick("opens_at desc, id desc"))
        .bind(cohort)
        .bind("post")
        .fetch_optional(db)
        .await?;
    let link = |(id, title, kind)| QuizLink {
        id: crate::model::ids::QuizId(id),
        title,
        kind,
    };
    Ok((pre.map(link), post.map(link)))
}

/// The counted attempt of each participant of quiz `$q` (optionally only the users in
/// `users`, a list of ids read from the database), as the CTE `{name}`.
fn counted_cte(name: &str, q: usize, first: bool, users: Option<&str>) -> String {
    let order = if first {
        "a.number, a.id"
    } else {
        "coalesce(a.score_milli, 0) desc, a.number, a.id"
    };
    let only = users
        .map(|list| format!(" and a.user_id in ({list})"))
        .unwrap_or_default();
    format!(
        "{name} as (select * from (select a.id, a.user_id, a.number, \
         coalesce(a.score_milli, 0) as score_milli, a.max_points, a.passed, a.finished_at, \
         a.finished_by, \
         row_number() over (partition by a.user_id order by {order}) as rn, \
         count(*) over (partition by a.user_id) as attempts \
         from quiz_attempt a where a.quiz_id = ${q} and a.finished_at is not null \
         and a.max_points > 0{only}) t where t.rn = 1)"
    )
}

/// An attempt's percentage in SQL (alias `c`), as a double on both databases.
const PERCENT: &str =
    "cast(c.score_milli as double precision) / cast(c.max_points * 10 as double precision)";

/// Whether an attempt (alias `c`) passed: as graded, or by the pass mark at `$p` if the grade
/// did not say.
fn passed_sql(p: usize) -> String {
    format!(
        "coalesce(c.passed, case when c.score_milli * 100 >= ${p} * c.max_points * 1000 \
         then 1 else 0 end)"
    )
}

/// Counted attempts of approved participants in `who`: `from counted c join enrolment e …`.
/// Placeholders: $1 quiz, $2 cohort, $3 mentor, $4 group.
fn counted_from() -> String {
    format!(
        "from counted c join enrolment e on e.user_id = c.user_id and e.cohort_id = $2 \
         where {}",
        who_clause(3, 4)
    )
}

/// The summary query's row: finished and passed attempts, the mean percentage, and how many
/// reached at least 90, 75, 65 and 55 percent.
type SummaryRow = (i64, i64, Option<f64>, i64, i64, i64, i64);

/// The summary of quiz `quiz` over the participants in `who`.
pub async fn quiz_summary(db: &Db, quiz: &QuizMeta, who: Who) -> Result<QuizSummary, sqlx::Error> {
    let cte = counted_cte("counted", 1, quiz.counts_first(), None);
    let from = counted_from();
    let t = BandThresholds::default();
    let band_sums = [t.sangat_baik, t.baik, t.cukup, t.kurang]
        .iter()
        .map(|lower| {
            format!("cast(coalesce(sum(case when {PERCENT} >= {lower:.6} then 1 else 0 end), 0) as bigint)")
        })
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "with {cte} select count(*), \
         cast(coalesce(sum(case when {} = 1 then 1 else 0 end), 0) as bigint), \
         avg({PERCENT}), {band_sums} {from}",
        passed_sql(5)
    );
    let (finished, passed, mean, b90, b75, b65, b55): SummaryRow = quiz_query(&sql, quiz, who)
        .bind(quiz.pass_percent)
        .fetch_one(db)
        .await?;
    // The median: the middle one or two percentages, found by the database.
    let median = if finished == 0 {
        None
    } else {
        let values: Vec<(f64,)> = quiz_query(
            &format!("with {cte} select {PERCENT} as p {from} order by p limit $5 offset $6"),
            quiz,
            who,
        )
        .bind(2 - finished % 2)
        .bind((finished - 1) / 2)
        .fetch_all(db)
        .await?;
        analysis::median(&values.into_iter().map(|(v,)| v).collect::<Vec<_>>())
    };
    let bands = vec![
        ("sangat_baik".to_string(), b90),
        ("baik".to_string(), b75 - b90),
        ("cukup".to_string(), b65 - b75),
        ("kurang".to_string(), b55 - b65),
        ("sangat_kurang".to_string(), finished - b55),
    ];
    Ok(QuizSummary {
        finished,
        passed,
        mean_percent: mean,
        median_percent: median,
        pass_rate: (finished > 0).then(|| passed as f64 / finished as f64),
        bands,
    })
}

/// Which participant ids to read: a page in name order, or the next chunk after an id.
#[derive(Clone, Copy, Debug)]
pub enum Window {
    Page { limit: i64, offset: i64 },
    After { id: i64, limit: i64 },
}

impl Window {
    /// The extra condition, the order and the limit (placeholders from `$n`).
    fn sql(self, n: usize, id: &str) -> String {
        match self {
            Window::Page { .. } => {
                format!("order by u.name, {id} limit ${n} offset ${}", n + 1)
            }
            Window::After { .. } => format!("and {id} > ${n} order by {id} limit ${}", n + 1),
        }
    }

    fn binds(self) -> (i64, i64) {
        match self {
            Window::Page { limit, offset } => (limit, offset),
            Window::After { id, limit } => (id, limit),
        }
    }
}

/// Comma-separated ids for an `in (…)` list. The ids are integers read from the database, so
/// listing them inline is safe.
fn id_list(ids: &[i64]) -> String {
    ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
}

#[derive(sqlx::FromRow)]
struct ResultRow {
    #[sqlx(flatten)]
    participant: ResultParticipant,
    attempts: i64,
    number: i64,
    score_milli: i64,
    max_points: i64,
    passed: i64,
    finished_at: i64,
    finished_by: Option<crate::model::codes::Finisher>,
}

/// The counted attempts of a window of participants of `quiz`: a page in name order, or an
/// export's next chunk in user-id order.
pub async fn quiz_rows(
    db: &Db,
    quiz: &QuizMeta,
    who: Who,
    window: Window,
) -> Result<Vec<QuizResultRow>, sqlx::Error> {
    let (a, b) = window.binds();
    let ids: Vec<(i64,)> = quiz_query(
        &format!(
            "select e.user_id from enrolment e join app_user u on u.id = e.user_id \
         where e.cohort_id = $2 and {} \
         and exists (select 1 from quiz_attempt a where a.quiz_id = $1 and a.user_id = e.user_id \
         and a.finished_at is not null and a.max_points > 0) {}",
            who_clause(3, 4),
            window.sql(5, "(e.user_id)")
        ),
        quiz,
        who,
    )
    .bind(a)
    .bind(b)
    .fetch_all(db)
    .await?;
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i64> = ids.into_iter().map(|(id,)| id).collect();
    let list = id_list(&ids);
    let order = match window {
        Window::Page { .. } => "u.name, c.user_id",
        Window::After { .. } => "c.user_id asc",
    };
    let rows: Vec<ResultRow> = sqlx::query_as(&format!(
        "with {} select c.user_id, u.name, u.email, g.name as group_name, c.attempts, c.number, \
         c.score_milli, c.max_points, {} as passed, c.finished_at, c.finished_by \
         from counted c join app_user u on u.id = c.user_id \
         join enrolment e on e.user_id = c.user_id and e.cohort_id = $2 \
         left join mentor_group g on g.id = e.group_id order by {order}",
        counted_cte("counted", 1, quiz.counts_first(), Some(&list)),
        passed_sql(3)
    ))
    .bind(quiz.link.id)
    .bind(quiz.cohort_id)
    .bind(quiz.pass_percent)
    .fetch_all(db)
    .await?;
    let bands = BandThresholds::default();
    Ok(rows
        .into_iter()
        .map(|r| {
            let percent = analysis::percent(r.score_milli, r.max_points).unwrap_or(0.0);
            QuizResultRow {
                participant: r.participant,
                attempts: r.attempts,
                attempt_number: r.number,
                score_milli: r.score_milli,
                max_points: r.max_points,
                percent,
                band: bands.band(percent).key().to_string(),
                passed: r.passed == 1,
                finished_at: r.finished_at,
                finished_by: r.finished_by,
            }
        })
        .collect())
}

#[derive(sqlx::FromRow)]
struct ItemSumRow {
    question_id: i64,
    position: Option<i64>,
    prompt: String,
    points: i64,
    n: i64,
    sum_milli: i64,
    upper_n: i64,
    upper_sum_milli: i64,
    lower_n: i64,
    lower_sum_milli: i64,
    sum_x: f64,
    sum_x2: f64,
    sum_y: f64,
    sum_y2: f64,
    sum_xy: f64,
}

/// The item analysis of `quiz` over the counted attempts of the participants in `who`: one
/// aggregate query, ranking attempts by total score for the upper and lower 27 %.
pub async fn item_analysis(
    db: &Db,
    quiz: &QuizMeta,
    who: Who,
    finished: i64,
) -> Result<Vec<ItemRow>, sqlx::Error> {
    if finished == 0 {
        return Ok(Vec::new());
    }
    let k = analysis::extreme_group_size(finished);
    let x = "cast(coalesce(i.score_milli, 0) as double precision) \
             / cast(q.points * 1000 as double precision)";
    let y = "cast(r.score_milli as double precision) / cast(r.max_points * 10 as double precision)";
    let sql = format!(
        "with {cte}, ranked as (select c.id, c.score_milli, c.max_points, \
         row_number() over (order by c.score_milli desc, c.id) as pos {from}) \
         select i.question_id, qq.position, q.prompt, q.points, count(*) as n, \
         cast(coalesce(sum(coalesce(i.score_milli, 0)), 0) as bigint) as sum_milli, \
         cast(coalesce(sum(case when r.pos <= $5 then 1 else 0 end), 0) as bigint) as upper_n, \
         cast(coalesce(sum(case when r.pos <= $5 then coalesce(i.score_milli, 0) else 0 end), 0) \
         as bigint) as upper_sum_milli, \
         cast(coalesce(sum(case when r.pos > $6 then 1 else 0 end), 0) as bigint) as lower_n, \
         cast(coalesce(sum(case when r.pos > $6 then coalesce(i.score_milli, 0) else 0 end), 0) \
         as bigint) as lower_sum_milli, \
         sum({x}) as sum_x, sum(({x}) * ({x})) as sum_x2, sum({y}) as sum_y, \
         sum(({y}) * ({y})) as sum_y2, sum(({x}) * ({y})) as sum_xy \
         from attempt_item i join ranked r on r.id = i.attempt_id \
         join question q on q.id = i.question_id \
         left join quiz_question qq on qq.quiz_id = $1 and qq.question_id = i.question_id \
         group by i.question_id, qq.position, q.prompt, q.points \
         order by qq.position, i.question_id",
        cte = counted_cte("counted", 1, quiz.counts_first(), None),
        from = counted_from(),
    );
    let rows: Vec<ItemSumRow> = quiz_query(&sql, quiz, who)
        .bind(k)
        .bind(finished - k)
        .fetch_all(db)
        .await?;
    let thresholds = ItemThresholds::default();
    Ok(rows
        .into_iter()
        .map(|r| {
            let stats = analysis::item_stats(&ItemSums {
                points: r.points,
                n: r.n,
                sum_milli: r.sum_milli,
                upper_n: r.upper_n,
                upper_sum_milli: r.upper_sum_milli,
                lower_n: r.lower_n,
                lower_sum_milli: r.lower_sum_milli,
                sum_x: r.sum_x,
                sum_x2: r.sum_x2,
                sum_y: r.sum_y,
                sum_y2: r.sum_y2,
                sum_xy: r.sum_xy,
            });
            ItemRow {
                question_id: crate::model::ids::QuestionId(r.question_id),
                position: r.position,
                prompt: crate::ssr::text::shorten(&r.prompt, 90),
                points: r.points,
                answered: r.n,
                difficulty: stats.difficulty,
                discrimination: stats.discrimination,
                correlation: stats.correlation,
                flags: thresholds
                    .flags(&stats)
                    .into_iter()
                    .map(|f| f.key().to_string())
                    .collect(),
            }
        })
        .collect())
}

/// The groups of `cohort` that `audience` may see, for the group filter.
pub async fn visible_groups(
    db: &Db,
    cohort: i64,
    audience: Audience,
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "select id, name from mentor_group where cohort_id = $1 \
         and ($2 = 0 or mentor_id = $2) order by name, id",
    )
    .bind(cohort)
    .bind(audience.mentor())
    .fetch_all(db)
    .await
}

/// The pre-test (first finished attempt) and post-test (best) CTEs `pre` and `post`, quiz ids at
/// `$p` and `$q` (0 when the cohort has no such quiz: no rows).
fn gain_ctes(p: usize, q: usize, users: Option<&str>) -> String {
    format!(
        "{}, {}",
        counted_cte("pre", p, true, users),
        counted_cte("post", q, false, users)
    )
}

const PRE: &str =
    "cast(pre.score_milli as double precision) / cast(pre.max_points * 10 as double precision)";
const POST: &str =
    "cast(post.score_milli as double precision) / cast(post.max_points * 10 as double precision)";

#[derive(sqlx::FromRow)]
struct GainSumRow {
    group_id: Option<i64>,
    group_name: Option<String>,
    participants: i64,
    with_pre: i64,
    with_post: i64,
    matched: i64,
    sum_pre: Option<f64>,
    sum_post: Option<f64>,
    gains: i64,
    sum_gain: Option<f64>,
    at_ceiling: i64,
}

/// Learning gain of the participants of `cohort` in `who`, per group and over all of them, in
/// one aggregate query. A participant at 100 % on the pre-test has no gain (see `analysis`).
pub async fn gain_by_group(
    db: &Db,
    cohort: i64,
    pre_quiz: Option<i64>,
    post_quiz: Option<i64>,
    who: Who,
) -> Result<(GainStats, Vec<GroupGain>), sqlx::Error> {
    let both = "pre.user_id is not null and post.user_id is not null";
    let below = "pre.score_milli < pre.max_points * 1000";
    let sql = format!(
        "with {ctes} select e.group_id, g.name as group_name, count(*) as participants, \
         cast(coalesce(sum(case when pre.user_id is not null then 1 else 0 end), 0) as bigint) \
         as with_pre, \
         cast(coalesce(sum(case when post.user_id is not null then 1 else 0 end), 0) as bigint) \
         as with_post, \
         cast(coalesce(sum(case when {both} then 1 else 0 end), 0) as bigint) as matched, \
         sum(case when {both} then {PRE} end) as sum_pre, \
         sum(case when {both} then {POST} end) as sum_post, \
         cast(coalesce(sum(case when {both} and {below} then 1 else 0 end), 0) as bigint) as gains, \
         sum(case when {both} and {below} then ({POST} - {PRE}) / (100.0 - {PRE}) end) \
         as sum_gain, \
         cast(coalesce(sum(case when {both} and not ({below}) then 1 else 0 end), 0) as bigint) \
         as at_ceiling \
         from enrolment e left join mentor_group g on g.id = e.group_id \
         left join pre on pre.user_id = e.user_id left join post on post.user_id = e.user_id \
         where e.cohort_id = $1 and {who} \
         group by e.group_id, g.name order by g.name, e.group_id",
        ctes = gain_ctes(4, 5, None),
        who = who_clause(2, 3),
    );
    let rows: Vec<GainSumRow> = cohort_query(&sql, cohort, who)
        .bind(pre_quiz.unwrap_or(0))
        .bind(post_quiz.unwrap_or(0))
        .fetch_all(db)
        .await?;
    let mut overall = GainAccumulator::default();
    let mut groups = Vec::with_capacity(rows.len());
    for r in rows {
        let acc = GainAccumulator {
            participants: r.participants,
            with_pre: r.with_pre,
            with_post: r.with_post,
            matched: r.matched,
            sum_pre: r.sum_pre.unwrap_or(0.0),
            sum_post: r.sum_post.unwrap_or(0.0),
            gains: r.gains,
            sum_gain: r.sum_gain.unwrap_or(0.0),
            at_ceiling: r.at_ceiling,
        };
        overall.merge(&acc);
        groups.push(GroupGain {
            id: r.group_id.map(crate::model::ids::GroupId),
            name: r.group_name,
            stats: acc.summary(),
        });
    }
    Ok((overall.summary(), groups))
}

/// The number of approved participants of `cohort` in `who`.
pub async fn participant_count(db: &Db, cohort: i64, who: Who) -> Result<i64, sqlx::Error> {
    let (total,): (i64,) = cohort_query(
        &format!(
            "select count(*) from enrolment e where e.cohort_id = $1 and {}",
            who_clause(2, 3)
        ),
        cohort,
        who,
    )
    .fetch_one(db)
    .await?;
    Ok(total)
}

#[derive(sqlx::FromRow)]
struct GainRowDb {
    #[sqlx(flatten)]
    participant: ResultParticipant,
    pre_milli: Option<i64>,
    pre_max: Option<i64>,
    post_milli: Option<i64>,
    post_max: Option<i64>,
}

/// A window of participants of `cohort` with their pre, post and gain: a page in name order,
/// or an export's next chunk in enrolment-id order. Returns the rows and the last enrolment id.
pub async fn gain_rows(
    db: &Db,
    cohort: i64,
    pre_quiz: Option<i64>,
    post_quiz: Option<i64>,
    who: Who,
    window: Window,
) -> Result<(Vec<GainRow>, Option<i64>), sqlx::Error> {
    let (a, b) = window.binds();
    let ids: Vec<(i64, i64)> = cohort_query(
        &format!(
            "select e.id, e.user_id from enrolment e join app_user u on u.id = e.user_id \
         where e.cohort_id = $1 and {} {}",
            who_clause(2, 3),
            window.sql(4, "(e.id)")
        ),
        cohort,
        who,
    )
    .bind(a)
    .bind(b)
    .fetch_all(db)
    .await?;
    let Some(last) = ids.iter().map(|(id, _)| *id).max() else {
        return Ok((Vec::new(), None));
    };
    let enrolments = id_list(&ids.iter().map(|(id, _)| *id).collect::<Vec<_>>());
    let users = id_list(&ids.iter().map(|(_, user)| *user).collect::<Vec<_>>());
    let order = match window {
        Window::Page { .. } => "u.name, e.id",
        Window::After { .. } => "e.id asc",
    };
    let rows: Vec<GainRowDb> = sqlx::query_as(&format!(
        "with {} select e.user_id, u.name, u.email, g.name as group_name, \
         pre.score_milli as pre_milli, pre.max_points as pre_max, \
         post.score_milli as post_milli, post.max_points as post_max \
         from enrolment e join app_user u on u.id = e.user_id \
         left join mentor_group g on g.id = e.group_id \
         left join pre on pre.user_id = e.user_id left join post on post.user_id = e.user_id \
         where e.id in ({enrolments}) order by {order}",
        gain_ctes(1, 2, Some(&users))
    ))
    .bind(pre_quiz.unwrap_or(0))
    .bind(post_quiz.unwrap_or(0))
    .fetch_all(db)
    .await?;
    let bands = BandThresholds::default();
    let pct = |milli: Option<i64>, max: Option<i64>| analysis::percent(milli?, max?);
    let rows = rows
        .into_iter()
        .map(|r| {
            let pre = pct(r.pre_milli, r.pre_max);
            let post = pct(r.post_milli, r.post_max);
            GainRow {
                participant: r.participant,
                pre,
                post,
                gain: analysis::normalized_gain(pre, post),
                band: post.map(|p| bands.band(p).key().to_string()),
            }
        })
        .collect();
    Ok((rows, Some(last)))
}

/// The pre-test and post-test percentages (first and best finished attempt, as the gain pages
/// count them) of every approved participant of `cohort` who took at least one of them: what
/// the dashboards' gain distribution is drawn from.
pub async fn percentages_of_cohort(
    db: &Db,
    cohort: i64,
    pre_quiz: Option<i64>,
    post_quiz: Option<i64>,
) -> Result<Vec<(Option<f64>, Option<f64>)>, sqlx::Error> {
    sqlx::query_as(&format!(
        "with {ctes} select case when pre.user_id is null then null else {PRE} end, \
         case when post.user_id is null then null else {POST} end \
         from enrolment e left join pre on pre.user_id = e.user_id \
         left join post on post.user_id = e.user_id \
         where e.cohort_id = $1 and e.status = 'approved' \
         and (pre.user_id is not null or post.user_id is not null)",
        ctes = gain_ctes(2, 3, None),
    ))
    .bind(cohort)
    .bind(pre_quiz.unwrap_or(0))
    .bind(post_quiz.unwrap_or(0))
    .fetch_all(db)
    .await
}

/// A participant's counted pre-test and post-test: score (milli-points) and maximum of each.
type PrePostRow = (Option<i64>, Option<i64>, Option<i64>, Option<i64>);

/// The counted pre-test and post-test of one participant of `cohort`, in percent (the same
/// attempts the gain counts: the first finished pre-test, the best finished post-test), for the
/// participant's own progress page. The caller has checked that `user` is in the cohort.
pub async fn pre_post_of_user(
    db: &Db,
    cohort: i64,
    user: i64,
) -> Result<(Option<f64>, Option<f64>), sqlx::Error> {
    let (pre_quiz, post_quiz) = gain_quizzes(db, cohort).await?;
    if pre_quiz.is_none() && post_quiz.is_none() {
        return Ok((None, None));
    }
    let row: Option<PrePostRow> = sqlx::query_as(&format!(
        "with {} select pre.score_milli, pre.max_points, post.score_milli, post.max_points \
         from (select cast($3 as bigint) as user_id) me \
         left join pre on pre.user_id = me.user_id left join post on post.user_id = me.user_id",
        gain_ctes(1, 2, Some(&user.to_string()))
    ))
    .bind(pre_quiz.map(|q| q.id.0).unwrap_or(0))
    .bind(post_quiz.map(|q| q.id.0).unwrap_or(0))
    .bind(user)
    .fetch_optional(db)
    .await?;
    let pct = |milli: Option<i64>, max: Option<i64>| analysis::percent(milli?, max?);
    Ok(row
        .map(|(pre_milli, pre_max, post_milli, post_max)| {
            (pct(pre_milli, pre_max), pct(post_milli, post_max))
        })
        .unwrap_or((None, None)))
}
