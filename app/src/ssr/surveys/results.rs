//! Results without names: per item the mean and distribution, open comments in the fixed order of
//! the responses' random ids (never the order of answering), an index of the Likert answers as
//! 0–100 with its predicate, and the same index per person across cohorts. A person evaluated
//! sees their own only from [`MIN_RESPONSES`] responses on.

use crate::model::codes::SurveyItemKind;
use crate::model::surveys::{
    Bands, Completion, ItemResult, MentorIndex, SubjectResult, SurveyItem, SurveySummary,
    MIN_RESPONSES,
};
use crate::ssr::db::Db;
use std::collections::BTreeMap;

/// The responses about `subject` in `survey`.
pub async fn responses(db: &Db, survey: i64, subject: i64) -> Result<i64, sqlx::Error> {
    let (count,): (i64,) = sqlx::query_as(
        "select count(*) from survey_response where survey_id = $1 and subject_id = $2",
    )
    .bind(survey)
    .bind(subject)
    .fetch_one(db)
    .await?;
    Ok(count)
}

/// The results about `subject` (named `name`) in `survey`, with `items` of its instrument. With
/// `threshold` (the person evaluated looking), nothing but the count shows below
/// [`MIN_RESPONSES`] responses.
pub async fn subject_result(
    db: &Db,
    survey: i64,
    subject: (i64, String),
    items: &[SurveyItem],
    bands: &Bands,
    threshold: bool,
) -> Result<SubjectResult, sqlx::Error> {
    let count = responses(db, survey, subject.0).await?;
    let needed = if threshold {
        (MIN_RESPONSES - count).max(0)
    } else {
        0
    };
    let mut result = SubjectResult {
        subject_id: subject.0,
        subject_name: subject.1,
        responses: count,
        needed,
        index: None,
        predicate: None,
        items: Vec::new(),
    };
    if needed > 0 {
        return Ok(result);
    }
    let values: Vec<(i64, i64, i64)> = sqlx::query_as(
        "select a.item_id, a.value, count(*) from survey_answer a \
         join survey_response r on r.id = a.response_id \
         where r.survey_id = $1 and r.subject_id = $2 and a.value is not null \
         group by a.item_id, a.value",
    )
    .bind(survey)
    .bind(subject.0)
    .fetch_all(db)
    .await?;
    let texts: Vec<(i64, String)> = sqlx::query_as(
        "select a.item_id, a.text from survey_answer a join survey_response r \
         on r.id = a.response_id where r.survey_id = $1 and r.subject_id = $2 \
         and a.text is not null order by r.id",
    )
    .bind(survey)
    .bind(subject.0)
    .fetch_all(db)
    .await?;
    let (mut share_sum, mut share_count) = (0.0_f64, 0_i64);
    for item in items {
        let counts: BTreeMap<i64, i64> = values
            .iter()
            .filter(|(id, _, _)| *id == item.id)
            .map(|(_, v, n)| (*v, *n))
            .collect();
        let mut out = ItemResult {
            item: item.clone(),
            answers: 0,
            mean: None,
            distribution: Vec::new(),
            comments: Vec::new(),
        };
        match item.kind {
            SurveyItemKind::Text => {
                out.comments = texts
                    .iter()
                    .filter(|(id, _)| *id == item.id)
                    .map(|(_, t)| t.clone())
                    .collect();
                out.answers = out.comments.len() as i64;
            }
            SurveyItemKind::Choice => {
                for (n, option) in item.options.iter().enumerate() {
                    let c = counts.get(&(n as i64 + 1)).copied().unwrap_or(0);
                    out.answers += c;
                    out.distribution.push((option.clone(), c));
                }
            }
            kind => {
                let top = kind.scale().unwrap_or(4);
                let mut sum = 0;
                for point in 1..=top {
                    let c = counts.get(&point).copied().unwrap_or(0);
                    out.answers += c;
                    sum += point * c;
                    out.distribution.push((point.to_string(), c));
                }
                if out.answers > 0 {
                    out.mean = Some(sum as f64 / out.answers as f64);
                    share_sum += sum as f64 * 100.0 / top as f64;
                    share_count += out.answers;
                }
            }
        }
        result.items.push(out);
    }
    if share_count > 0 {
        let index = share_sum / share_count as f64;
        result.index = Some(index);
        result.predicate = Some(bands.predicate(index).to_string());
    }
    Ok(result)
}

/// Who has answered `survey`, for every approved participant: how many of the `of` persons it
/// evaluates they answered for. By name; never joined to any answer.
pub async fn completion(
    db: &Db,
    survey: &SurveySummary,
    of: i64,
) -> Result<Vec<Completion>, sqlx::Error> {
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "select u.name, (select count(*) from survey_answered a where a.survey_id = $1 \
         and a.user_id = u.id) from enrolment e join app_user u on u.id = e.user_id \
         where e.cohort_id = $2 and e.status = 'approved' order by u.name, u.id",
    )
    .bind(survey.id)
    .bind(survey.cohort_id)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(name, answered)| Completion { name, answered, of })
        .collect())
}

/// Per person evaluated (mentors and hosts), survey and scale: the response count, and the sum
/// and count of their Likert answers.
struct Part {
    subject: i64,
    survey: i64,
    responses: i64,
    sum_share: f64,
    answers: i64,
}

async fn parts(db: &Db, filter: &str, bind: i64) -> Result<Vec<Part>, sqlx::Error> {
    let rows: Vec<(i64, i64, String, i64, i64)> = sqlx::query_as(&format!(
        "select r.subject_id, r.survey_id, i.kind, cast(sum(a.value) as bigint), count(a.value) \
         from survey_answer a join survey_response r on r.id = a.response_id \
         join survey_item i on i.id = a.item_id join survey s on s.id = r.survey_id \
         where s.target in ('mentor', 'host') and i.kind in ('likert4', 'likert5') and {filter} \
         group by r.subject_id, r.survey_id, i.kind"
    ))
    .bind(bind)
    .fetch_all(db)
    .await?;
    let counts: Vec<(i64, i64, i64)> = sqlx::query_as(&format!(
        "select r.subject_id, r.survey_id, count(*) from survey_response r \
         join survey s on s.id = r.survey_id where s.target in ('mentor', 'host') and {filter} \
         group by r.subject_id, r.survey_id"
    ))
    .bind(bind)
    .fetch_all(db)
    .await?;
    let mut out: Vec<Part> = counts
        .into_iter()
        .map(|(subject, survey, responses)| Part {
            subject,
            survey,
            responses,
            sum_share: 0.0,
            answers: 0,
        })
        .collect();
    for (subject, survey, kind, sum, count) in rows {
        let top = SurveyItemKind::from_code(&kind)
            .and_then(SurveyItemKind::scale)
            .unwrap_or(4);
        if let Some(part) = out
            .iter_mut()
            .find(|p| p.subject == subject && p.survey == survey)
        {
            part.sum_share += sum as f64 * 100.0 / top as f64;
            part.answers += count;
        }
    }
    Ok(out)
}

/// Sums `parts` per person into their index.
async fn indexes(
    db: &Db,
    parts: Vec<Part>,
    bands: &Bands,
) -> Result<Vec<MentorIndex>, sqlx::Error> {
    let mut by: BTreeMap<i64, (i64, i64, f64, i64)> = BTreeMap::new();
    for p in parts {
        let e = by.entry(p.subject).or_default();
        e.0 += 1;
        e.1 += p.responses;
        e.2 += p.sum_share;
        e.3 += p.answers;
    }
    let mut out = Vec::new();
    for (subject, (surveys, responses, sum, answers)) in by {
        if answers == 0 {
            continue;
        }
        let name: Option<String> = sqlx::query_scalar("select name from app_user where id = $1")
            .bind(subject)
            .fetch_optional(db)
            .await?;
        let index = sum / answers as f64;
        out.push(MentorIndex {
            user_id: subject,
            name: name.unwrap_or_default(),
            surveys,
            responses,
            index,
            predicate: bands.predicate(index).to_string(),
        });
    }
    out.sort_by(|a, b| a.name.cmp(&b.name).then(a.user_id.cmp(&b.user_id)));
    Ok(out)
}

/// Every mentor's and host's index across the cohorts in the subtree of `root`.
pub async fn index_in_scope(
    db: &Db,
    root: crate::model::InstitutionId,
    bands: &Bands,
) -> Result<Vec<MentorIndex>, sqlx::Error> {
    let filter = format!(
        "s.cohort_id in (select c.id from cohort c join program p on p.id = c.program_id \
         where p.organizer_id in ({}))",
        "with recursive scope(id) as (select id from institution where id = $1 union all \
         select i.id from institution i join scope sc on i.parent_id = sc.id) select id from scope"
    );
    let parts = parts(db, &filter, root.0).await?;
    indexes(db, parts, bands).await
}

/// The index of `mentor` across cohorts, over the surveys with at least [`MIN_RESPONSES`]
/// responses about them.
pub async fn own_index(
    db: &Db,
    mentor: i64,
    bands: &Bands,
) -> Result<Option<MentorIndex>, sqlx::Error> {
    let parts: Vec<Part> = parts(db, "r.subject_id = $1", mentor)
        .await?
        .into_iter()
        .filter(|p| p.responses >= MIN_RESPONSES)
        .collect();
    Ok(indexes(db, parts, bands).await?.into_iter().next())
}

/// The surveys about `mentor` (mentor or host target, where they are among the persons
/// evaluated): (survey, title, cohort name, responses about them).
pub async fn about(db: &Db, mentor: i64) -> Result<Vec<(i64, String, String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "select s.id, s.title, c.name, (select count(*) from survey_response r \
         where r.survey_id = s.id and r.subject_id = $1) from survey s \
         join cohort c on c.id = s.cohort_id where (s.target = 'mentor' and ( \
         exists (select 1 from cohort_mentor m where m.cohort_id = s.cohort_id and m.user_id = $1) \
         or exists (select 1 from mentor_group g where g.cohort_id = s.cohort_id \
         and g.mentor_id = $1))) or (s.target = 'host' and exists (select 1 from live_session l \
         where l.cohort_id = s.cohort_id and l.host_user_id = $1)) order by s.opens_at desc, s.id",
    )
    .bind(mentor)
    .fetch_all(db)
    .await
}

/// Every mentor's and host's index over the surveys of one cohort (the admin's cohort dashboard).
pub async fn index_of_cohort(
    db: &Db,
    cohort: i64,
    bands: &Bands,
) -> Result<Vec<MentorIndex>, sqlx::Error> {
    let parts = parts(db, "s.cohort_id = $1", cohort).await?;
    indexes(db, parts, bands).await
}
