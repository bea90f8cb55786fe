//! A cohort's participant list for the dashboards' export: every approved participant the caller
//! may see (the roster's audience: the whole cohort, or a group mentor's own groups), with their
//! profile, group, attendance, pre-test, post-test, learning gain, completion decision and
//! certificate, read in keyset chunks by enrolment id so that no export holds the cohort.
//!
//! Attendance counts the cohort's live sessions marked present or late, and their JP. Pre-test,
//! post-test and gain are the results' own (`quizzes::results::gain_rows`: the first finished
//! pre-test attempt, the best post-test, Hake's normalized gain); the decision is the recorded
//! completion decision; the certificate is the newest valid one of the enrolment.

use crate::i18n::text;
use crate::model::dashboards::{Column, ColumnKind, Value};
use crate::model::identifiers::parse_rank;
use crate::model::nip::Nip;
use crate::model::Lang;
use crate::ssr::db::Db;
use crate::ssr::quizzes::results::{self, who_clause, Who, Window};
use std::collections::HashMap;

/// A participant's pre-test %, post-test % and normalized gain.
type PrePostGain = (Option<f64>, Option<f64>, Option<f64>);

/// Rows read at a time (the results exports' chunk).
pub const CHUNK: i64 = results::CHUNK;

/// What a participant list reads: the cohort, who among its participants, and its pre-test and
/// post-test (if it has them).
#[derive(Clone, Copy, Debug)]
pub struct List {
    pub cohort: i64,
    pub who: Who,
    pub pre: Option<i64>,
    pub post: Option<i64>,
}

/// The list of `cohort` for `who`, with the cohort's pre-test and post-test found.
pub async fn list(db: &Db, cohort: i64, who: Who) -> Result<List, sqlx::Error> {
    let (pre, post) = results::gain_quizzes(db, cohort).await?;
    Ok(List {
        cohort,
        who,
        pre: pre.map(|q| q.id.0),
        post: post.map(|q| q.id.0),
    })
}

/// The columns of the list, headed in `lang`, and their widths in characters for a sheet.
pub fn columns(lang: Lang) -> Vec<(Column, usize)> {
    let c = |key: &str, kind: ColumnKind, width: usize| (Column::new(text(lang, key), kind), width);
    vec![
        c("exports.col_name", ColumnKind::Text, 28),
        c("exports.col_nip", ColumnKind::Text, 22),
        c("exports.col_rank", ColumnKind::Text, 26),
        c("exports.col_jenjang", ColumnKind::Text, 14),
        c("exports.col_region", ColumnKind::Text, 12),
        c("exports.col_school_level", ColumnKind::Text, 10),
        c("exports.col_subject", ColumnKind::Text, 20),
        c("exports.col_group", ColumnKind::Text, 16),
        c("exports.col_sessions", ColumnKind::Int, 10),
        c("exports.col_jp", ColumnKind::Int, 10),
        c("exports.col_pre", ColumnKind::Percent(2), 11),
        c("exports.col_post", ColumnKind::Percent(2), 11),
        c("exports.col_gain", ColumnKind::Decimal(4), 10),
        c("exports.col_decision", ColumnKind::Text, 14),
        c("exports.col_certificate", ColumnKind::Text, 28),
    ]
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    user_id: i64,
    name: String,
    nip: Option<String>,
    rank: Option<String>,
    region_code: Option<String>,
    school_level: Option<String>,
    subject: Option<String>,
    group_name: Option<String>,
    sessions: i64,
    jp: i64,
    passed: Option<i64>,
    certificate: Option<String>,
}

/// Sessions of the cohort the participant (alias `e`) attended, as `{what}` over them.
fn attended(what: &str) -> String {
    format!(
        "cast((select {what} from attendance a join live_session s on s.id = a.session_id \
         where a.user_id = e.user_id and s.cohort_id = e.cohort_id \
         and a.status in ('present', 'late')) as bigint)"
    )
}

/// Text, or missing when there is none.
fn text_or_missing(value: Option<String>) -> Value {
    match value {
        Some(t) if !t.trim().is_empty() => Value::Text(t),
        _ => Value::Missing,
    }
}

/// The regency/city part (`PP.KK`) of a region code.
fn regency(code: &str) -> String {
    code.split('.').take(2).collect::<Vec<_>>().join(".")
}

/// The participants after enrolment id `after` (at most `limit`), as rows of [`columns`], and
/// the last enrolment id read.
pub async fn chunk(
    db: &Db,
    list: &List,
    lang: Lang,
    after: i64,
    limit: i64,
) -> Result<(Vec<Vec<Value>>, Option<i64>), sqlx::Error> {
    let sql = format!(
        "select e.id, e.user_id, u.name, u.nip, p.rank, p.region_code, p.school_level, \
         p.subject, g.name as group_name, {sessions} as sessions, {jp} as jp, d.passed, \
         (select k.number from certificate k where k.enrolment_id = e.id and k.status = 'valid' \
          order by k.version desc, k.id desc limit 1) as certificate \
         from enrolment e join app_user u on u.id = e.user_id \
         left join participant_profile p on p.user_id = e.user_id \
         left join mentor_group g on g.id = e.group_id \
         left join completion_decision d on d.enrolment_id = e.id \
         where e.cohort_id = $1 and {who} and e.id > $4 order by e.id limit $5",
        sessions = attended("count(*)"),
        jp = attended("coalesce(sum(s.jp), 0)"),
        who = who_clause(2, 3),
    );
    let rows: Vec<Row> = sqlx::query_as(&sql)
        .bind(list.cohort)
        .bind(list.who.audience.mentor())
        .bind(list.who.group.unwrap_or(0))
        .bind(after)
        .bind(limit)
        .fetch_all(db)
        .await?;
    let Some(last) = rows.iter().map(|r| r.id).max() else {
        return Ok((Vec::new(), None));
    };
    // The same window of enrolments through the results' gain machinery.
    let (gains, _) = results::gain_rows(
        db,
        list.cohort,
        list.pre,
        list.post,
        list.who,
        Window::After { id: after, limit },
    )
    .await?;
    let gains: HashMap<i64, PrePostGain> = gains
        .into_iter()
        .map(|g| (g.participant.user_id.0, (g.pre, g.post, g.gain)))
        .collect();
    let share = |percent: Option<f64>| Value::from(percent.map(|p| p / 100.0));
    let passed = text(lang, "completion.passed");
    let not_passed = text(lang, "completion.not_passed");
    let out = rows
        .into_iter()
        .map(|r| {
            let (pre, post, gain) = gains.get(&r.user_id).copied().unwrap_or_default();
            let rank = r.rank.as_deref().map(str::trim).filter(|t| !t.is_empty());
            let parsed = rank.and_then(|t| parse_rank(t).ok());
            vec![
                Value::Text(r.name),
                text_or_missing(
                    r.nip
                        .map(|n| Nip::parse(&n).map_or(n.clone(), |n| n.formatted())),
                ),
                match (parsed, rank) {
                    (Some(p), _) => Value::Text(format!("{}, {}", p.title, p.code)),
                    (None, raw) => text_or_missing(raw.map(str::to_string)),
                },
                text_or_missing(parsed.map(|p| p.jenjang.to_string())),
                text_or_missing(r.region_code.as_deref().map(regency)),
                text_or_missing(r.school_level),
                text_or_missing(r.subject),
                text_or_missing(r.group_name),
                Value::Int(r.sessions),
                Value::Int(r.jp),
                share(pre),
                share(post),
                Value::from(gain),
                match r.passed {
                    Some(1) => Value::Text(passed.clone()),
                    Some(_) => Value::Text(not_passed.clone()),
                    None => Value::Missing,
                },
                text_or_missing(r.certificate),
            ]
        })
        .collect();
    Ok((out, Some(last)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regencies_are_the_first_two_parts() {
        assert_eq!(regency("33.10.05"), "33.10");
        assert_eq!(regency("33.10"), "33.10");
        assert_eq!(regency("33"), "33");
    }

    #[test]
    fn every_column_has_a_heading_in_both_languages() {
        for lang in [Lang::Id, Lang::En] {
            for (column, _) in columns(lang) {
                assert!(!column.label.starts_with('['), "{}", column.label);
            }
        }
    }
}
