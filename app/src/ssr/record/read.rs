//! Assembling a teacher's development record from their enrolments, decisions, certificates and
//! attended sessions.

use crate::model::credit::{self, Credit, RuleSet, TrainingContribution};
use crate::model::record::{CertificateLine, DevelopmentRecord, TrainingLine};
use crate::model::CohortId;
use crate::ssr::db::Db;
use crate::ssr::sessions::jp;

type TrainingRow = (i64, String, String, String, String, i64, Option<i64>);
type CertificateRow = (i64, String, String, i64, String, Option<i64>, String);

/// The valid certificates of `user`, with their cohort: (cohort, line).
pub async fn certificates(db: &Db, user: i64) -> Result<Vec<(i64, CertificateLine)>, sqlx::Error> {
    let rows: Vec<CertificateRow> = sqlx::query_as(
        "select cohort_id, code, number, issued_at, status, pdf_bytes, facts from certificate \
         where user_id = $1 and status = 'valid' order by issued_at desc, id desc",
    )
    .bind(user)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(cohort, code, number, issued_at, status, pdf_bytes, facts)| {
                let facts: Option<crate::model::certificates::CertificateFacts> =
                    serde_json::from_str(&facts).ok();
                (
                    cohort,
                    CertificateLine {
                        code,
                        number,
                        issued_on: facts
                            .as_ref()
                            .map(|f| f.issued_on.clone())
                            .unwrap_or_else(|| crate::model::wib::date_of(issued_at)),
                        jp: facts.as_ref().map(|f| f.jp).unwrap_or(0),
                        status,
                        pdf_bytes,
                    },
                )
            },
        )
        .collect())
}

/// The development record of `user` at `now`.
pub async fn development_record(
    db: &Db,
    user: i64,
    now: i64,
) -> Result<DevelopmentRecord, sqlx::Error> {
    let (name, nip, rank): (String, Option<String>, Option<String>) = sqlx::query_as(
        "select u.name, u.nip, p.rank from app_user u \
         left join participant_profile p on p.user_id = u.id where u.id = $1",
    )
    .bind(user)
    .fetch_one(db)
    .await?;
    let rows: Vec<TrainingRow> = sqlx::query_as(
        "select c.id, p.title, c.name, c.starts_on, c.ends_on, p.total_jp, d.passed \
         from enrolment e join cohort c on c.id = e.cohort_id join program p on p.id = c.program_id \
         left join completion_decision d on d.enrolment_id = e.id \
         where e.user_id = $1 and e.status = 'approved' order by c.starts_on desc, c.id desc",
    )
    .bind(user)
    .fetch_all(db)
    .await?;
    let mut certificates = certificates(db, user).await?;
    let mut trainings = Vec::with_capacity(rows.len());
    for (cohort, program_title, cohort_name, starts_on, ends_on, program_jp, passed) in rows {
        let certificate = certificates
            .iter()
            .position(|(c, _)| *c == cohort)
            .map(|at| certificates.remove(at).1);
        let rule_set = credit::rule_set_for(&ends_on);
        let legacy_credit = certificate
            .as_ref()
            .and_then(|c| match credit::training_contribution(&ends_on, c.jp) {
                TrainingContribution::LegacyCredit(credit) => Some(credit),
                TrainingContribution::Evidence => None,
            });
        trainings.push(TrainingLine {
            cohort_id: CohortId(cohort),
            program_title,
            cohort_name,
            starts_on,
            ends_on,
            program_jp,
            passed: passed.map(|p| p != 0),
            certificate,
            rule_set,
            legacy_credit,
        });
    }
    let legacy_credit_total: Credit = trainings.iter().filter_map(|t| t.legacy_credit).sum();
    let mut certified_jp: Vec<(i64, i64)> = Vec::new();
    for line in trainings.iter().filter_map(|t| t.certificate.as_ref()) {
        let year = line
            .issued_on
            .get(..4)
            .and_then(|y| y.parse().ok())
            .unwrap_or(0);
        match certified_jp.iter_mut().find(|(y, _)| *y == year) {
            Some((_, jp)) => *jp += line.jp,
            None => certified_jp.push((year, line.jp)),
        }
    }
    certified_jp.sort_by_key(|(year, _)| std::cmp::Reverse(*year));
    let rank_code = rank.clone().unwrap_or_default();
    let legacy_only =
        trainings.iter().all(|t| t.rule_set == RuleSet::Legacy2009) && !trainings.is_empty();
    Ok(DevelopmentRecord {
        name,
        nip,
        rank,
        current_year: jp::year_of(now),
        yearly_minimum: jp::YEARLY_MINIMUM,
        years: jp::record(db, user, now).await?,
        certified_jp,
        trainings,
        legacy_credit_total,
        legacy_step: credit::legacy_step_from(&rank_code)
            .filter(|_| legacy_only || legacy_credit_total > Credit::ZERO)
            .map(Into::into),
        jenjang: credit::jenjang_of(&rank_code).map(Into::into),
    })
}
