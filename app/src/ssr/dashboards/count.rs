//! Counting one cohort's dashboard figures from the data itself: the refresher's work, a few
//! aggregate queries per cohort (never one per participant).

use crate::model::dashboards::figures::{
    gain_band, jp_band, percentile, CohortFigures, Count, Funnel, GainFigures, MentorFigure,
    SessionFigure, GAIN_BANDS,
};
use crate::model::identifiers::RANKS;
use crate::model::quizzes::gain_level;
use crate::ssr::db::Db;
use crate::ssr::quizzes::analysis::normalized_gain;
use std::collections::BTreeMap;

/// Subjects named one by one before the rest are summed as `*`.
const TOP_SUBJECTS: usize = 12;

/// A cohort's figures: the whole dashboard, and the funnel and JP per regency for the overview.
pub struct Counted {
    pub figures: CohortFigures,
    pub by_region: Vec<(String, Funnel, i64)>,
}

/// The regency (`PP.KK`) of a profile's region code in SQL, '' when there is none.
const REGENCY: &str = "coalesce(substr(p.region_code, 1, 5), '')";

/// Users of `$1` (the cohort) active since `$2`, as (user, last activity).
const ACTIVITY: &str = "select user_id, max(at) as last_at from ( \
     select a.user_id, a.updated_at as at from attendance a join live_session s on s.id = a.session_id \
     where s.cohort_id = $1 and a.status in ('present', 'late') \
     union all select t.user_id, t.started_at from quiz_attempt t join quiz q on q.id = t.quiz_id \
     where q.cohort_id = $1 \
     union all select w.author_id, w.created_at from work_post w join board b on b.id = w.board_id \
     where b.cohort_id = $1 and w.status <> 'announcement') x group by user_id";

#[derive(sqlx::FromRow)]
struct RegionRow {
    region: String,
    approved: i64,
    active: i64,
    active_week: i64,
    post_test_done: i64,
    completed: i64,
    certified: i64,
    jp: i64,
}

/// Counts every figure of `cohort` as of `now`.
pub async fn cohort(db: &Db, cohort: i64, now: i64) -> Result<Counted, sqlx::Error> {
    let week_ago = now - 7 * 86_400;
    let rows: Vec<RegionRow> = sqlx::query_as(&format!(
        "select {REGENCY} as region, count(*) as approved, \
         cast(coalesce(sum(case when act.user_id is not null then 1 else 0 end), 0) as bigint) as active, \
         cast(coalesce(sum(case when act.last_at >= $2 then 1 else 0 end), 0) as bigint) as active_week, \
         cast(coalesce(sum(case when pt.user_id is not null then 1 else 0 end), 0) as bigint) as post_test_done, \
         cast(coalesce(sum(case when d.passed = 1 then 1 else 0 end), 0) as bigint) as completed, \
         cast(coalesce(sum(case when c.user_id is not null then 1 else 0 end), 0) as bigint) as certified, \
         cast(coalesce(sum(j.jp), 0) as bigint) as jp \
         from enrolment e left join participant_profile p on p.user_id = e.user_id \
         left join ({ACTIVITY}) act on act.user_id = e.user_id \
         left join (select distinct t.user_id from quiz_attempt t join quiz q on q.id = t.quiz_id \
           where q.cohort_id = $1 and q.kind = 'post' and t.finished_at is not null) pt \
           on pt.user_id = e.user_id \
         left join completion_decision d on d.enrolment_id = e.id \
         left join (select distinct user_id from certificate where cohort_id = $1 \
           and status = 'valid') c on c.user_id = e.user_id \
         left join (select a.user_id, sum(s.jp) as jp from attendance a \
           join live_session s on s.id = a.session_id where s.cohort_id = $1 \
           and a.status in ('present', 'late') group by a.user_id) j on j.user_id = e.user_id \
         where e.cohort_id = $1 and e.status = 'approved' group by {REGENCY}"
    ))
    .bind(cohort)
    .bind(week_ago)
    .fetch_all(db)
    .await?;
    let registered: Vec<(String, i64)> = sqlx::query_as(&format!(
        "select {REGENCY}, count(*) from enrolment e \
         left join participant_profile p on p.user_id = e.user_id \
         where e.cohort_id = $1 group by {REGENCY}"
    ))
    .bind(cohort)
    .fetch_all(db)
    .await?;

    let mut regions: BTreeMap<String, (Funnel, i64)> = BTreeMap::new();
    for (region, count) in registered {
        regions.entry(region).or_default().0.registered = count;
    }
    for r in rows {
        let entry = regions.entry(r.region).or_default();
        entry.0.approved = r.approved;
        entry.0.active = r.active;
        entry.0.active_week = r.active_week;
        entry.0.post_test_done = r.post_test_done;
        entry.0.completed = r.completed;
        entry.0.certified = r.certified;
        entry.1 = r.jp;
    }
    let mut figures = CohortFigures {
        refreshed_at: now,
        ..CohortFigures::default()
    };
    for (funnel, jp) in regions.values() {
        figures.funnel.add(funnel);
        figures.jp_delivered += jp;
    }
    let mut by_region: Vec<Count> = regions
        .iter()
        .filter(|(_, (f, _))| f.approved > 0)
        .map(|(code, (f, _))| Count {
            label: code.clone(),
            count: f.approved,
        })
        .collect();
    by_region.sort_by(|a, b| b.count.cmp(&a.count).then(a.label.cmp(&b.label)));
    figures.by_region = by_region;

    figures.sessions = sessions(db, cohort).await?;
    figures.jp_bands = jp_bands(db, cohort, figures.funnel.approved).await?;
    figures.gain = gain(db, cohort).await?;
    figures.mentors = mentors(db, cohort).await?;
    let (by_rank, by_level, by_subject) = profiles(db, cohort).await?;
    figures.by_rank = by_rank;
    figures.by_level = by_level;
    figures.by_subject = by_subject;

    Ok(Counted {
        figures,
        by_region: regions
            .into_iter()
            .map(|(code, (funnel, jp))| (code, funnel, jp))
            .collect(),
    })
}

async fn sessions(db: &Db, cohort: i64) -> Result<Vec<SessionFigure>, sqlx::Error> {
    let rows: Vec<(String, i64, i64, i64, i64, i64)> = sqlx::query_as(
        "select s.title, s.starts_at, s.jp, \
         cast(coalesce(sum(case when a.status in ('present', 'late') then 1 else 0 end), 0) as bigint), \
         cast(coalesce(sum(case when a.status = 'excused' then 1 else 0 end), 0) as bigint), \
         cast(coalesce(sum(case when a.status = 'absent' then 1 else 0 end), 0) as bigint) \
         from live_session s left join attendance a on a.session_id = s.id \
         where s.cohort_id = $1 group by s.id, s.title, s.starts_at, s.jp order by s.starts_at, s.id",
    )
    .bind(cohort)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(title, starts_at, jp, attended, excused, absent)| SessionFigure {
                title,
                starts_at,
                jp,
                attended,
                excused,
                absent,
            },
        )
        .collect())
}

/// Approved participants by the share of the cohort's session JP they attended.
async fn jp_bands(db: &Db, cohort: i64, approved: i64) -> Result<Vec<i64>, sqlx::Error> {
    let (total,): (i64,) = sqlx::query_as(
        "select cast(coalesce(sum(jp), 0) as bigint) from live_session where cohort_id = $1",
    )
    .bind(cohort)
    .fetch_one(db)
    .await?;
    if total == 0 {
        return Ok(Vec::new());
    }
    let per_user: Vec<(i64, i64)> = sqlx::query_as(
        "select cast(sum(s.jp) as bigint), count(*) from attendance a \
         join live_session s on s.id = a.session_id \
         join enrolment e on e.cohort_id = s.cohort_id and e.user_id = a.user_id \
         where s.cohort_id = $1 and e.status = 'approved' and a.status in ('present', 'late') \
         group by a.user_id",
    )
    .bind(cohort)
    .fetch_all(db)
    .await?;
    let mut bands = vec![0; 6];
    for (jp, _) in &per_user {
        bands[jp_band(*jp, total)] += 1;
    }
    // Participants who attended nothing are not in the query.
    bands[0] += (approved - per_user.len() as i64).max(0);
    Ok(bands)
}

async fn gain(db: &Db, cohort: i64) -> Result<GainFigures, sqlx::Error> {
    use crate::ssr::quizzes::results;
    let (pre, post) = results::gain_quizzes(db, cohort).await?;
    let pairs =
        results::percentages_of_cohort(db, cohort, pre.map(|q| q.id.0), post.map(|q| q.id.0))
            .await?;
    let mut g = GainFigures {
        histogram: vec![0; GAIN_BANDS],
        ..GainFigures::default()
    };
    let (mut sum_pre, mut sum_post) = (0.0, 0.0);
    for (a, b) in pairs {
        g.with_pre += i64::from(a.is_some());
        g.with_post += i64::from(b.is_some());
        let (Some(a), Some(b)) = (a, b) else {
            continue;
        };
        g.matched += 1;
        sum_pre += a;
        sum_post += b;
        match normalized_gain(Some(a), Some(b)) {
            Some(gain) => {
                g.histogram[gain_band(gain)] += 1;
                match gain_level(gain) {
                    "high" => g.high += 1,
                    "medium" => g.medium += 1,
                    _ => g.low += 1,
                }
            }
            None => g.at_ceiling += 1,
        }
    }
    if g.matched > 0 {
        let (mean_pre, mean_post) = (sum_pre / g.matched as f64, sum_post / g.matched as f64);
        g.mean_pre = Some(mean_pre);
        g.mean_post = Some(mean_post);
        g.class_gain = normalized_gain(Some(mean_pre), Some(mean_post));
    }
    Ok(g)
}

async fn mentors(db: &Db, cohort: i64) -> Result<Vec<MentorFigure>, sqlx::Error> {
    let base: Vec<(i64, String, i64, i64)> = sqlx::query_as(
        "select g.mentor_id, u.name, count(distinct g.id), \
         cast(coalesce(sum(case when e.status = 'approved' then 1 else 0 end), 0) as bigint) \
         from mentor_group g join app_user u on u.id = g.mentor_id \
         left join enrolment e on e.group_id = g.id \
         where g.cohort_id = $1 and g.mentor_id is not null group by g.mentor_id, u.name \
         order by u.name, g.mentor_id",
    )
    .bind(cohort)
    .fetch_all(db)
    .await?;
    // Work products (never announcements) of each mentor's group members on the cohort's boards.
    let posts: Vec<(i64, String, i64, Option<i64>)> = sqlx::query_as(
        "select g.mentor_id, w.status, w.created_at, w.first_response_at from work_post w \
         join board b on b.id = w.board_id join enrolment e on e.cohort_id = b.cohort_id \
         and e.user_id = w.author_id join mentor_group g on g.id = e.group_id \
         where b.cohort_id = $1 and w.status <> 'announcement' and g.mentor_id is not null",
    )
    .bind(cohort)
    .fetch_all(db)
    .await?;
    let comments: Vec<(i64, i64)> = sqlx::query_as(
        "select c.author_id, count(*) from post_comment c join work_post w on w.id = c.post_id \
         join board b on b.id = w.board_id where b.cohort_id = $1 group by c.author_id",
    )
    .bind(cohort)
    .fetch_all(db)
    .await?;
    let organiser = crate::ssr::surveys::store::organiser_of(db, cohort).await?;
    let indexes = match organiser {
        Some(inst) => {
            let bands = crate::ssr::surveys::store::bands(db, inst).await?;
            crate::ssr::surveys::results::index_of_cohort(db, cohort, &bands).await?
        }
        None => Vec::new(),
    };
    let mut out = Vec::with_capacity(base.len());
    for (user_id, name, groups, participants) in base {
        let mine = posts.iter().filter(|p| p.0 == user_id);
        let open_items = mine
            .clone()
            .filter(|p| p.1 == "submitted" || p.1 == "revised")
            .count() as i64;
        let mut minutes: Vec<i64> = mine
            .filter_map(|p| p.3.map(|first| ((first - p.2).max(0)) / 60))
            .collect();
        minutes.sort_unstable();
        let index = indexes.iter().find(|i| i.user_id == user_id);
        out.push(MentorFigure {
            user_id,
            name,
            groups,
            participants,
            open_items,
            responses: minutes.len() as i64,
            median_response_minutes: percentile(&minutes, 50),
            p90_response_minutes: percentile(&minutes, 90),
            comments: comments
                .iter()
                .find(|c| c.0 == user_id)
                .map(|c| c.1)
                .unwrap_or(0),
            survey_index: index.map(|i| i.index),
            predicate: index.map(|i| i.predicate.clone()),
        });
    }
    Ok(out)
}

/// Approved participants by rank (in rank order), school level and subject.
async fn profiles(
    db: &Db,
    cohort: i64,
) -> Result<(Vec<Count>, Vec<Count>, Vec<Count>), sqlx::Error> {
    let by = |column: &str| {
        format!(
            "select coalesce(p.{column}, ''), count(*) from enrolment e \
             left join participant_profile p on p.user_id = e.user_id \
             where e.cohort_id = $1 and e.status = 'approved' group by p.{column}"
        )
    };
    let ranks: Vec<(String, i64)> = sqlx::query_as(&by("rank"))
        .bind(cohort)
        .fetch_all(db)
        .await?;
    let levels: Vec<(String, i64)> = sqlx::query_as(&by("school_level"))
        .bind(cohort)
        .fetch_all(db)
        .await?;
    let subjects: Vec<(String, i64)> = sqlx::query_as(&by("subject"))
        .bind(cohort)
        .fetch_all(db)
        .await?;

    // Ranks in their order, whatever form they were written in; unknown ones as '-'.
    let mut by_rank: Vec<Count> = RANKS
        .iter()
        .map(|r| Count {
            label: r.code.to_string(),
            count: 0,
        })
        .collect();
    let mut none = 0;
    for (rank, count) in ranks {
        match crate::model::identifiers::parse_rank(&rank) {
            Ok(r) => {
                if let Some(c) = by_rank.iter_mut().find(|c| c.label == r.code) {
                    c.count += count;
                }
            }
            Err(_) => none += count,
        }
    }
    if none > 0 {
        by_rank.push(Count {
            label: "-".to_string(),
            count: none,
        });
    }

    let counts = |rows: Vec<(String, i64)>| -> Vec<Count> {
        let mut v: Vec<Count> = rows
            .into_iter()
            .map(|(label, count)| Count {
                label: if label.trim().is_empty() {
                    "-".to_string()
                } else {
                    label
                },
                count,
            })
            .collect();
        v.sort_by(|a, b| b.count.cmp(&a.count).then(a.label.cmp(&b.label)));
        v
    };
    let by_level = counts(levels);
    let mut by_subject = counts(subjects);
    if by_subject.len() > TOP_SUBJECTS {
        let rest: i64 = by_subject[TOP_SUBJECTS..].iter().map(|c| c.count).sum();
        by_subject.truncate(TOP_SUBJECTS);
        by_subject.push(Count {
            label: "*".to_string(),
            count: rest,
        });
    }
    Ok((by_rank, by_level, by_subject))
}
