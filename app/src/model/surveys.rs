//! What the survey pages send: instruments and their items, a cohort's surveys, a participant's
//! open surveys and answer form, results without names, the mentor index and its bands, and what
//! the completion checklist asks of surveys.

use super::codes::{SurveyItemKind, SurveyKind, SurveyTarget};
use serde::{Deserialize, Serialize};

/// The fewest responses about a person before they see any aggregate of them.
pub const MIN_RESPONSES: i64 = 5;

/// A survey a participant still has to answer, for the completion checklist.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissingSurvey {
    pub title: String,
    /// The form to answer it (for the first person not yet evaluated).
    pub href: String,
}

/// One item of an instrument.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyItem {
    pub id: i64,
    pub position: i64,
    pub kind: SurveyItemKind,
    pub prompt: String,
    /// The options of a single choice (empty for other kinds).
    pub options: Vec<String>,
    pub required: bool,
}

impl SurveyItem {
    /// The form field of the item's answer.
    pub fn field(&self) -> String {
        format!("i{}", self.id)
    }
}

/// An instrument in the admin's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstrumentSummary {
    pub id: i64,
    pub title: String,
    pub items: i64,
    /// Surveys that use it.
    pub surveys: i64,
}

/// The lower bounds (0–100) of the predicates of the index; below `poor_from`: sangat kurang.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bands {
    pub very_good_from: i64,
    pub good_from: i64,
    pub fair_from: i64,
    pub poor_from: i64,
}

impl Default for Bands {
    /// DOMAIN §6: 90–100 sangat baik, 75–89 baik, 65–74 cukup, 55–64 kurang, ≤ 54 sangat kurang.
    fn default() -> Bands {
        Bands {
            very_good_from: 90,
            good_from: 75,
            fair_from: 65,
            poor_from: 55,
        }
    }
}

impl Bands {
    /// The predicate's code (`very_good`, `good`, `fair`, `poor`, `very_poor`) of an index;
    /// the index is rounded to a whole number first, as it is shown.
    pub fn predicate(&self, index: f64) -> &'static str {
        let whole = index.round() as i64;
        if whole >= self.very_good_from {
            "very_good"
        } else if whole >= self.good_from {
            "good"
        } else if whole >= self.fair_from {
            "fair"
        } else if whole >= self.poor_from {
            "poor"
        } else {
            "very_poor"
        }
    }

    /// Whether the bounds fall strictly from 100 down to above 0.
    pub fn valid(&self) -> bool {
        100 >= self.very_good_from
            && self.very_good_from > self.good_from
            && self.good_from > self.fair_from
            && self.fair_from > self.poor_from
            && self.poor_from > 0
    }
}

/// `/admin/survei`: the institution's instruments and its bands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstrumentsPage {
    pub instruments: Vec<InstrumentSummary>,
    pub bands: Bands,
}

/// `/admin/instrumen/:id`: an instrument and its items in order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstrumentPage {
    pub id: i64,
    pub title: String,
    pub items: Vec<SurveyItem>,
    /// Responses exist: the items can no longer change.
    pub locked: bool,
}

/// A survey of a cohort, for its staff.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveySummary {
    pub id: i64,
    pub cohort_id: i64,
    pub title: String,
    pub kind: SurveyKind,
    pub target: SurveyTarget,
    pub required: bool,
    pub opens_at: i64,
    pub closes_at: i64,
    pub instrument_id: i64,
    pub instrument_title: String,
}

/// `/admin/angkatan/:id/survei`: a cohort's surveys, and what a new one may use.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CohortSurveysPage {
    pub cohort_id: i64,
    pub cohort_name: String,
    pub program_title: String,
    pub surveys: Vec<SurveySummary>,
    /// Instruments in the admin's scope: (id, title).
    pub instruments: Vec<(i64, String)>,
}

/// One survey a participant may answer, for one person evaluated.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MySurvey {
    pub survey_id: i64,
    pub title: String,
    pub cohort_name: String,
    /// The person evaluated (0: the organiser).
    pub subject_id: i64,
    pub subject_name: String,
    pub closes_at: i64,
    pub answered: bool,
}

/// `/peserta/survei`: the participant's open surveys.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MySurveysPage {
    pub items: Vec<MySurvey>,
}

/// `/peserta/survei/:id/:subject`: the form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerPage {
    pub survey_id: i64,
    pub title: String,
    pub cohort_name: String,
    pub subject_id: i64,
    pub subject_name: String,
    pub closes_at: i64,
    pub items: Vec<SurveyItem>,
    pub answered: bool,
    pub open: bool,
}

/// The answers to one item about one person, without names.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ItemResult {
    pub item: SurveyItem,
    pub answers: i64,
    /// Likert items: the mean.
    pub mean: Option<f64>,
    /// Likert and choice items: (label, count) for each point or option.
    pub distribution: Vec<(String, i64)>,
    /// Open items: the texts, in a fixed order that is not the order of answering.
    pub comments: Vec<String>,
}

/// The results about one person (or the organiser).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SubjectResult {
    pub subject_id: i64,
    pub subject_name: String,
    pub responses: i64,
    /// Responses still needed before the person evaluated sees anything (mentor view).
    pub needed: i64,
    /// The mean of the Likert answers as 0–100 (each answer as its share of the scale's top).
    pub index: Option<f64>,
    /// The predicate's code of the index.
    pub predicate: Option<String>,
    /// Empty while `needed > 0`.
    pub items: Vec<ItemResult>,
}

/// Who has answered, for completion (admin only; never beside answers).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Completion {
    pub name: String,
    /// How many persons evaluated they have answered for, of `of`.
    pub answered: i64,
    pub of: i64,
}

/// `/admin/survei/:id` and `/mentor/survei/:id`: a survey's results.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResultsPage {
    pub survey: SurveySummary,
    pub cohort_name: String,
    pub subjects: Vec<SubjectResult>,
    /// Participants and their completion (admin only; empty for a mentor).
    pub completion: Vec<Completion>,
    pub admin: bool,
}

/// A person's index across cohorts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MentorIndex {
    pub user_id: i64,
    pub name: String,
    pub surveys: i64,
    pub responses: i64,
    pub index: f64,
    pub predicate: String,
}

/// `/admin/survei/indeks`: every person's index across cohorts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MentorIndexPage {
    pub rows: Vec<MentorIndex>,
    pub bands: Bands,
}

/// A survey about the mentor, in their list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MentorSurveyLine {
    pub survey_id: i64,
    pub title: String,
    pub cohort_name: String,
    pub responses: i64,
    /// Responses still needed before the results show (0: they show).
    pub needed: i64,
}

/// `/mentor/survei`: the surveys about the mentor, and their index over those with enough
/// responses.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MentorSurveysPage {
    pub surveys: Vec<MentorSurveyLine>,
    pub index: Option<MentorIndex>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_bands_give_domain_predicates_at_every_edge() {
        let b = Bands::default();
        assert!(b.valid());
        for (index, code) in [
            (100.0, "very_good"),
            (90.0, "very_good"),
            (89.4, "good"),
            (75.0, "good"),
            (74.0, "fair"),
            (65.0, "fair"),
            (64.0, "poor"),
            (55.0, "poor"),
            (54.0, "very_poor"),
            (0.0, "very_poor"),
        ] {
            assert_eq!(b.predicate(index), code, "{index}");
        }
        let bad = Bands {
            very_good_from: 70,
            ..b
        };
        assert!(!bad.valid());
    }
}
