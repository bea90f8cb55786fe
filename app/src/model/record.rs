//! A teacher's development record (rekam jejak pengembangan): trainings, JP per year against the
//! 20 JP a year, certificates, and the credit they contribute under the rules of their period,
//! always marked as an estimate.

use crate::model::credit::{Credit, Jenjang, LegacyStep, RuleSet};
use crate::model::sessions::JpYear;
use crate::model::CohortId;
use serde::{Deserialize, Serialize};

/// A certificate as the record lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateLine {
    pub code: String,
    pub number: String,
    pub issued_on: String,
    pub jp: i64,
    /// `valid` or `revoked`.
    pub status: String,
    pub pdf_bytes: Option<i64>,
}

/// One training (a cohort the teacher was approved in).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrainingLine {
    pub cohort_id: CohortId,
    pub program_title: String,
    pub cohort_name: String,
    pub starts_on: String,
    pub ends_on: String,
    /// The program's JP (what a certificate carries).
    pub program_jp: i64,
    /// `Some(true)` passed, `Some(false)` not passed, `None` not decided yet.
    pub passed: Option<bool>,
    pub certificate: Option<CertificateLine>,
    /// Which rules the training's period falls under.
    pub rule_set: RuleSet,
    /// Legacy credit it contributes (certified trainings of periods before 2023 only).
    pub legacy_credit: Option<Credit>,
}

/// The whole record of one teacher.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DevelopmentRecord {
    pub name: String,
    pub nip: Option<String>,
    pub rank: Option<String>,
    pub current_year: i64,
    pub yearly_minimum: i64,
    /// JP from attended sessions, per year (newest first).
    pub years: Vec<JpYear>,
    /// JP of certificates, per year of issue (newest first): (year, JP).
    pub certified_jp: Vec<(i64, i64)>,
    pub trainings: Vec<TrainingLine>,
    /// The sum of legacy credit of certified trainings before 2023.
    pub legacy_credit_total: Credit,
    /// What the legacy rules asked for the step up from the teacher's rank.
    pub legacy_step: Option<StepInfo>,
    /// The teacher's jenjang under the 2023 rules, with its coefficient and what the next rank needs.
    pub jenjang: Option<JenjangInfo>,
}

/// A legacy rank step, as the record shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepInfo {
    pub from: String,
    pub to: String,
    pub needed: Credit,
    pub self_development_minimum: Credit,
    pub publications_minimum: Credit,
}

impl From<LegacyStep> for StepInfo {
    fn from(s: LegacyStep) -> StepInfo {
        StepInfo {
            from: s.from.to_string(),
            to: s.to.to_string(),
            needed: s.needed,
            self_development_minimum: s.self_development_minimum,
            publications_minimum: s.publications_minimum,
        }
    }
}

/// A jenjang under the 2023 rules, as the record shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JenjangInfo {
    pub name: String,
    /// The yearly coefficient, in tenths.
    pub coefficient_tenths: i64,
    pub needed_for_next_rank: Credit,
    pub needed_for_next_jenjang: Option<Credit>,
    /// What a year rated "Baik" earns (100 % of the coefficient).
    pub good_year: Credit,
}

impl From<Jenjang> for JenjangInfo {
    fn from(j: Jenjang) -> JenjangInfo {
        JenjangInfo {
            name: j.name.to_string(),
            coefficient_tenths: j.coefficient_tenths,
            needed_for_next_rank: j.needed_for_next_rank,
            needed_for_next_jenjang: j.needed_for_next_jenjang,
            good_year: crate::model::credit::current_credit(
                crate::model::credit::Rating::Baik,
                &j,
                12,
            ),
        }
    }
}
