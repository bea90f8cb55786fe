//! The participant's progress page (`/peserta/kemajuan`): every cohort they are approved in, with
//! attendance and JP, pre- and post-test and gain, work products, the completion checklist, the
//! decision and the certificate, read through the same functions as the completion page, the
//! learning gain and the development record. Only the caller's own data.

use crate::i18n::text;
use crate::model::completion::checklist;
use crate::model::dashboards::people::{CohortProgress, ParticipantDashboard};
use crate::model::dashboards::{Column, ColumnKind, DataTable, Value};
use crate::model::{CohortId, Lang};
use crate::ssr::completion::{decisions, progress, rules, surveys};
use crate::ssr::db::Db;
use crate::ssr::quizzes::{analysis, results};

/// The progress of `user` in each cohort they are approved in, newest cohort first.
pub async fn lines(db: &Db, user: i64) -> Result<Vec<CohortProgress>, sqlx::Error> {
    let cohorts: Vec<(i64, String, String)> = sqlx::query_as(
        "select c.id, p.title, c.name from enrolment e join cohort c on c.id = e.cohort_id \
         join program p on p.id = c.program_id where e.user_id = $1 and e.status = 'approved' \
         order by c.starts_on desc, c.id desc",
    )
    .bind(user)
    .fetch_all(db)
    .await?;
    let certificates = crate::ssr::record::read::certificates(db, user).await?;
    let mut out = Vec::with_capacity(cohorts.len());
    for (cohort, program_title, cohort_name) in cohorts {
        let in_force = rules::in_force(db, cohort).await?;
        let mut measures = progress::of_user(db, cohort, user).await?;
        measures.surveys_to_answer = surveys::to_answer(db, cohort, user).await?;
        let (pre_percent, post_percent) = results::pre_post_of_user(db, cohort, user).await?;
        let passed = decisions::of_user(db, cohort, user)
            .await?
            .map(|d| d.passed);
        let certificate = certificates
            .iter()
            .find(|(c, _)| *c == cohort)
            .map(|(_, line)| (line.code.clone(), line.number.clone()));
        out.push(CohortProgress {
            cohort_id: CohortId(cohort),
            program_title,
            cohort_name,
            checklist: checklist(&in_force.rules, &measures, CohortId(cohort)),
            rules_set: !in_force.rules.is_empty(),
            progress: measures,
            pre_percent,
            post_percent,
            gain: analysis::normalized_gain(pre_percent, post_percent),
            passed,
            certificate,
        });
    }
    Ok(out)
}

/// The table of `lines`: one row per cohort (the page plots its JP).
pub fn cohorts_table(lang: Lang, lines: &[CohortProgress]) -> DataTable {
    use ColumnKind::{Decimal, Int, Percent, Text};
    let t = |k: &str| text(lang, &format!("dashboard.participant.{k}"));
    let columns = [
        ("col_cohort", Text),
        ("col_sessions_attended", Int),
        ("col_sessions", Int),
        ("col_jp", Int),
        ("col_pre", Percent(1)),
        ("col_post", Percent(1)),
        ("col_gain", Decimal(2)),
        ("col_products", Int),
        ("col_rules_met", Int),
        ("col_rules", Int),
        ("col_result", Text),
    ];
    let mut table = DataTable::new(
        "cohorts",
        t("cohorts_title"),
        t("cohorts_description"),
        columns
            .iter()
            .map(|(label, kind)| Column::new(t(label), *kind))
            .collect(),
    );
    for l in lines {
        let p = &l.progress;
        let result = match (l.passed, l.certificate.is_some()) {
            (Some(true), true) => t("result_certified"),
            (Some(true), false) => t("result_passed"),
            (Some(false), _) => t("result_not_passed"),
            (None, _) => t("result_undecided"),
        };
        let rules = l.checklist.items.len() as i64;
        table.push(vec![
            format!("{} · {}", l.program_title, l.cohort_name).into(),
            p.sessions_attended.into(),
            p.sessions_total.into(),
            p.jp.into(),
            l.pre_percent.map(|x| x / 100.0).into(),
            l.post_percent.map(|x| x / 100.0).into(),
            l.gain.into(),
            p.approved_products.into(),
            if rules > 0 {
                (l.checklist.met_count() as i64).into()
            } else {
                Value::Missing
            },
            rules.into(),
            result.into(),
        ]);
    }
    table
}

/// The progress page of `user`.
pub async fn dashboard(
    db: &Db,
    user: i64,
    lang: Lang,
) -> Result<ParticipantDashboard, sqlx::Error> {
    let lines = lines(db, user).await?;
    Ok(ParticipantDashboard {
        cohorts: cohorts_table(lang, &lines),
        lines,
    })
}
