//! Completion of a cohort: the rules a participant must meet, what they have done so far, the
//! checklist that compares the two, and the organiser's decision (passed or not, with a reason).

use crate::model::{CohortId, EnrolmentId, UserId};
use serde::{Deserialize, Serialize};

/// What a participant must meet to complete. `None` is not asked for.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompletionRules {
    /// The share of the cohort's sessions attended (present or late), in percent.
    pub min_attendance_percent: Option<i64>,
    /// The JP earned from attended sessions.
    pub min_jp: Option<i64>,
    /// The best post-test score, in percent.
    pub min_post_test_percent: Option<i64>,
    /// Work products approved by a mentor on the board.
    pub min_approved_products: Option<i64>,
    /// Every survey of the cohort answered.
    pub require_surveys: bool,
    /// Coaching cycles written.
    pub min_coaching_cycles: Option<i64>,
    /// The fee settled: every bill of the enrolment paid or waived (fee-funded programs).
    #[serde(default)]
    pub require_fee_settled: bool,
}

impl CompletionRules {
    /// Whether no rule is set at all.
    pub fn is_empty(&self) -> bool {
        *self == CompletionRules::default()
    }
}

/// Where a cohort's rules come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RuleSource {
    /// The program's rules, shared by its cohorts.
    Program,
    /// The cohort's own rules, in place of the program's.
    Cohort,
    /// Neither has rules yet.
    None,
}

/// A survey still to answer, with where to answer it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyToAnswer {
    pub title: String,
    pub href: String,
}

/// What one participant has done in a cohort, as the rules measure it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    pub sessions_total: i64,
    pub sessions_attended: i64,
    pub jp: i64,
    /// The best finished post-test attempt, in percent; none without one.
    pub post_test_percent: Option<i64>,
    /// Whether the cohort has a post-test at all.
    pub has_post_test: bool,
    pub approved_products: i64,
    pub surveys_to_answer: Vec<SurveyToAnswer>,
    pub coaching_cycles: i64,
    /// Whether the fee of a fee-funded program is still owed: a bill unpaid, or not yet made.
    #[serde(default)]
    pub fee_unsettled: bool,
}

impl Progress {
    /// The share of the cohort's sessions attended, in percent (rounded down); 100 without sessions.
    pub fn attendance_percent(&self) -> i64 {
        if self.sessions_total == 0 {
            100
        } else {
            self.sessions_attended * 100 / self.sessions_total
        }
    }
}

/// One requirement of the checklist.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Requirement {
    Attendance,
    Jp,
    PostTest,
    WorkProducts,
    Surveys,
    CoachingCycles,
    Fee,
}

impl Requirement {
    /// The i18n key of its name.
    pub fn label_key(self) -> &'static str {
        match self {
            Requirement::Attendance => "completion.req_attendance",
            Requirement::Jp => "completion.req_jp",
            Requirement::PostTest => "completion.req_post_test",
            Requirement::WorkProducts => "completion.req_products",
            Requirement::Surveys => "completion.req_surveys",
            Requirement::CoachingCycles => "completion.req_coaching",
            Requirement::Fee => "completion.req_fee",
        }
    }
}

/// One line of the checklist: what is asked, what is done, and where to go to do it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckItem {
    pub requirement: Requirement,
    pub met: bool,
    /// The figure asked for (percent, JP, count); 0 for surveys.
    pub required: i64,
    /// The figure reached; for surveys, how many are still to answer.
    pub reached: i64,
    /// Where the participant does what is missing.
    pub href: String,
    /// The surveys still to answer (for `Surveys`).
    pub surveys: Vec<SurveyToAnswer>,
}

/// The whole checklist of one participant.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checklist {
    pub items: Vec<CheckItem>,
}

impl Checklist {
    /// Whether every rule is met (true when there are none).
    pub fn all_met(&self) -> bool {
        self.items.iter().all(|i| i.met)
    }

    /// How many rules are met.
    pub fn met_count(&self) -> usize {
        self.items.iter().filter(|i| i.met).count()
    }
}

fn item(requirement: Requirement, required: i64, reached: i64, href: String) -> CheckItem {
    CheckItem {
        requirement,
        met: reached >= required,
        required,
        reached,
        href,
        surveys: Vec::new(),
    }
}

/// Compares `progress` with `rules`, in a fixed order; `cohort` builds the links.
pub fn checklist(rules: &CompletionRules, progress: &Progress, cohort: CohortId) -> Checklist {
    let cohort_page = format!("/peserta/angkatan/{}", cohort.0);
    let mut items = Vec::new();
    if let Some(min) = rules.min_attendance_percent {
        items.push(item(
            Requirement::Attendance,
            min,
            progress.attendance_percent(),
            "/peserta/jp".to_string(),
        ));
    }
    if let Some(min) = rules.min_jp {
        items.push(item(
            Requirement::Jp,
            min,
            progress.jp,
            "/peserta/jp".to_string(),
        ));
    }
    if let Some(min) = rules.min_post_test_percent {
        let mut post_test = item(
            Requirement::PostTest,
            min,
            progress.post_test_percent.unwrap_or(0),
            cohort_page.clone(),
        );
        // Without a finished attempt the rule is unmet, whatever the limit (also at 0).
        post_test.met &= progress.post_test_percent.is_some();
        items.push(post_test);
    }
    if let Some(min) = rules.min_approved_products {
        items.push(item(
            Requirement::WorkProducts,
            min,
            progress.approved_products,
            cohort_page.clone(),
        ));
    }
    if let Some(min) = rules.min_coaching_cycles {
        items.push(item(
            Requirement::CoachingCycles,
            min,
            progress.coaching_cycles,
            cohort_page,
        ));
    }
    if rules.require_surveys {
        let missing = progress.surveys_to_answer.len() as i64;
        items.push(CheckItem {
            requirement: Requirement::Surveys,
            met: missing == 0,
            required: 0,
            reached: missing,
            href: progress
                .surveys_to_answer
                .first()
                .map(|s| s.href.clone())
                .unwrap_or_else(|| "/peserta/survei".to_string()),
            surveys: progress.surveys_to_answer.clone(),
        });
    }
    if rules.require_fee_settled {
        let owed = i64::from(progress.fee_unsettled);
        items.push(CheckItem {
            requirement: Requirement::Fee,
            met: owed == 0,
            required: 0,
            reached: owed,
            href: "/peserta/tagihan".to_string(),
            surveys: Vec::new(),
        });
    }
    Checklist { items }
}

/// The organiser's decision on one enrolment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    pub passed: bool,
    /// Whether the checklist was all met when the decision was made.
    pub checklist_met: bool,
    /// The decision differs from the checklist: an override, with its reason.
    pub against_checklist: bool,
    pub reason: Option<String>,
    pub decided_by: String,
    pub decided_at: i64,
}

/// A participant's own completion page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParticipantCompletion {
    pub cohort_id: CohortId,
    pub cohort_name: String,
    pub program_title: String,
    pub rules_set: bool,
    pub checklist: Checklist,
    pub progress: Progress,
    pub decision: Option<Decision>,
    /// The public check code of the participant's valid certificate, once issued.
    pub certificate_code: Option<String>,
}

/// One row of a cohort's completion table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompletionRow {
    pub enrolment_id: EnrolmentId,
    pub user_id: UserId,
    pub name: String,
    pub nip: Option<String>,
    pub checklist: Checklist,
    pub decision: Option<Decision>,
}

/// A cohort's completion table for its organiser.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CohortCompletionTable {
    pub cohort_id: CohortId,
    pub cohort_name: String,
    pub program_title: String,
    pub program_rules: Option<CompletionRules>,
    pub cohort_rules: Option<CompletionRules>,
    pub source: RuleSource,
    pub rows: Vec<CompletionRow>,
    pub page: i64,
    pub pages: i64,
    pub total: i64,
    pub met: i64,
    pub passed: i64,
    pub not_passed: i64,
    /// Whether the caller may change rules and record decisions (an admin), or only read (a mentor).
    pub can_decide: bool,
    /// The latest decisions against the checklist, newest first.
    pub overrides: Vec<DecisionHistoryLine>,
}

/// A recorded decision, newest first, for the history list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionHistoryLine {
    pub name: String,
    pub decision: Decision,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn progress() -> Progress {
        Progress {
            sessions_total: 4,
            sessions_attended: 3,
            jp: 6,
            post_test_percent: Some(70),
            has_post_test: true,
            approved_products: 1,
            surveys_to_answer: vec![],
            coaching_cycles: 2,
            fee_unsettled: false,
        }
    }

    fn every_rule() -> CompletionRules {
        CompletionRules {
            min_attendance_percent: Some(75),
            min_jp: Some(6),
            min_post_test_percent: Some(70),
            min_approved_products: Some(1),
            require_surveys: true,
            min_coaching_cycles: Some(2),
            require_fee_settled: true,
        }
    }

    #[test]
    fn no_rules_make_an_empty_checklist_that_is_met() {
        let list = checklist(&CompletionRules::default(), &progress(), CohortId(1));
        assert!(list.items.is_empty());
        assert!(list.all_met());
    }

    #[test]
    fn each_rule_met_at_its_edge() {
        let list = checklist(&every_rule(), &progress(), CohortId(7));
        assert_eq!(list.items.len(), 7);
        assert!(list.all_met(), "{list:?}");
    }

    #[test]
    fn each_rule_unmet_one_below_its_edge() {
        type Change = Box<dyn Fn(&mut Progress)>;
        let cases: Vec<(Requirement, Change)> = vec![
            (
                Requirement::Attendance,
                Box::new(|p| p.sessions_attended = 2),
            ),
            (Requirement::Jp, Box::new(|p| p.jp = 5)),
            (
                Requirement::PostTest,
                Box::new(|p| p.post_test_percent = Some(69)),
            ),
            (
                Requirement::WorkProducts,
                Box::new(|p| p.approved_products = 0),
            ),
            (
                Requirement::Surveys,
                Box::new(|p| {
                    p.surveys_to_answer = vec![SurveyToAnswer {
                        title: "Evaluasi mentor".into(),
                        href: "/peserta/survei/3".into(),
                    }]
                }),
            ),
            (
                Requirement::CoachingCycles,
                Box::new(|p| p.coaching_cycles = 1),
            ),
            (Requirement::Fee, Box::new(|p| p.fee_unsettled = true)),
        ];
        for (requirement, change) in cases {
            let mut p = progress();
            change(&mut p);
            let list = checklist(&every_rule(), &p, CohortId(7));
            let unmet: Vec<_> = list
                .items
                .iter()
                .filter(|i| !i.met)
                .map(|i| i.requirement)
                .collect();
            assert_eq!(unmet, vec![requirement]);
            assert!(!list.all_met());
            assert_eq!(list.met_count(), 6);
        }
    }

    #[test]
    fn a_missing_post_test_attempt_is_unmet_even_at_zero() {
        let mut p = progress();
        p.post_test_percent = None;
        let rules = CompletionRules {
            min_post_test_percent: Some(0),
            ..Default::default()
        };
        let list = checklist(&rules, &p, CohortId(1));
        assert!(!list.items[0].met);
    }

    #[test]
    fn an_unanswered_survey_links_to_it() {
        let mut p = progress();
        p.surveys_to_answer = vec![SurveyToAnswer {
            title: "Evaluasi penyelenggara".into(),
            href: "/peserta/survei/9".into(),
        }];
        let rules = CompletionRules {
            require_surveys: true,
            ..Default::default()
        };
        let list = checklist(&rules, &p, CohortId(1));
        assert_eq!(list.items[0].href, "/peserta/survei/9");
        assert_eq!(list.items[0].reached, 1);
    }

    #[test]
    fn attendance_without_sessions_is_complete() {
        let p = Progress::default();
        assert_eq!(p.attendance_percent(), 100);
        let p = Progress {
            sessions_total: 3,
            sessions_attended: 2,
            ..Default::default()
        };
        assert_eq!(p.attendance_percent(), 66);
    }
}
