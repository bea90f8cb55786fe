//! What the results server functions send to the pages: a quiz's results with its item analysis,
//! and a cohort's learning gain. Percentages are 0–100; gains are fractions (0.5 = half of what
//! was left to learn). Bands and flags travel as stable names (`sangat_baik`, `too_easy`) that
//! the pages translate.

use crate::model::codes::{Finisher, QuizKind};
use crate::model::groups::CohortHeading;
use crate::model::ids::{GroupId, QuestionId, QuizId, UserId};
use serde::{Deserialize, Serialize};

/// Hake's level of a normalized gain: `high` ≥ 0.7, `medium` ≥ 0.3, `low` below.
pub fn gain_level(g: f64) -> &'static str {
    if g >= 0.7 {
        "high"
    } else if g >= 0.3 {
        "medium"
    } else {
        "low"
    }
}

/// Rows per participant page.
pub const RESULTS_PAGE_SIZE: i64 = 50;

/// A quiz as headings and links name it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuizLink {
    pub id: QuizId,
    pub title: String,
    /// `pre`, `post` or `practice`.
    pub kind: QuizKind,
}

/// The participants of a quiz taken together, over each one's counted attempt.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct QuizSummary {
    /// Participants with at least one finished attempt.
    pub finished: i64,
    pub passed: i64,
    pub mean_percent: Option<f64>,
    pub median_percent: Option<f64>,
    /// `passed / finished`, 0–1.
    pub pass_rate: Option<f64>,
    /// How many counted attempts fall in each band, best band first.
    pub bands: Vec<(String, i64)>,
}

/// Who a row of a results table is about: the participant and their group.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ResultParticipant {
    pub user_id: UserId,
    pub name: String,
    /// `None` for an account without an e-mail address.
    pub email: Option<String>,
    pub group_name: Option<String>,
}

/// One participant's counted attempt: the first finished one on a pre-test, the best one
/// otherwise.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuizResultRow {
    #[serde(flatten)]
    pub participant: ResultParticipant,
    /// Finished attempts of this participant.
    pub attempts: i64,
    /// The number of the counted attempt.
    pub attempt_number: i64,
    pub score_milli: i64,
    pub max_points: i64,
    pub percent: f64,
    pub band: String,
    pub passed: bool,
    pub finished_at: i64,
    pub finished_by: Option<Finisher>,
}

/// One question's statistics over the counted attempts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ItemRow {
    pub question_id: QuestionId,
    pub position: Option<i64>,
    /// The question's prompt, shortened for a table.
    pub prompt: String,
    pub points: i64,
    /// Counted attempts that held the question.
    pub answered: i64,
    /// Difficulty index p, 0–1 (higher is easier).
    pub difficulty: Option<f64>,
    /// Upper-27 % minus lower-27 % discrimination, −1 to 1.
    pub discrimination: Option<f64>,
    /// Item–total correlation (point-biserial for right/wrong items).
    pub correlation: Option<f64>,
    /// `too_easy`, `too_hard`, `low_discrimination`, `negative_discrimination`.
    pub flags: Vec<String>,
}

/// A quiz's results page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuizReport {
    pub quiz: QuizLink,
    pub pass_percent: i64,
    pub cohort: CohortHeading,
    /// `pre`-test: the first attempt counts; otherwise the best one.
    pub counts_first_attempt: bool,
    /// A mentor who sees only the participants of the groups they lead.
    pub own_groups_only: bool,
    /// `/admin` or `/mentor`: where this viewer's links go.
    pub base: String,
    pub summary: QuizSummary,
    pub items: Vec<ItemRow>,
    pub rows: Vec<QuizResultRow>,
    pub total: i64,
    pub page: i64,
    pub page_size: i64,
    /// The groups (id, name) this viewer may filter by.
    pub groups: Vec<(i64, String)>,
    pub group: Option<i64>,
}

/// Learning gain of a set of participants. Means are over the participants who took both
/// tests, so that pre and post compare the same people.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GainStats {
    pub participants: i64,
    pub with_pre: i64,
    pub with_post: i64,
    pub matched: i64,
    pub mean_pre: Option<f64>,
    pub mean_post: Option<f64>,
    /// Hake's class gain ⟨g⟩ from the mean pre and post (shown first); none when the mean pre is
    /// 100 % or nobody matched.
    pub class_gain: Option<f64>,
    /// The mean of individual gains over `gains` participants (those below 100 % on the pre-test).
    pub mean_gain: Option<f64>,
    pub gains: i64,
    /// Matched participants who scored 100 % on the pre-test: no gain is defined for them.
    pub at_ceiling: i64,
}

/// One group's learning gain; `id` none for participants without a group.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupGain {
    pub id: Option<GroupId>,
    pub name: Option<String>,
    pub stats: GainStats,
}

/// One participant's pre- and post-test and gain.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GainRow {
    #[serde(flatten)]
    pub participant: ResultParticipant,
    pub pre: Option<f64>,
    pub post: Option<f64>,
    pub gain: Option<f64>,
    /// The post-test's band.
    pub band: Option<String>,
}

/// A cohort's learning-gain page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GainReport {
    pub cohort: CohortHeading,
    pub pre_quiz: Option<QuizLink>,
    pub post_quiz: Option<QuizLink>,
    /// Every quiz of the cohort, for links to their results.
    pub quizzes: Vec<QuizLink>,
    pub own_groups_only: bool,
    pub base: String,
    /// All participants this viewer may see.
    pub overall: GainStats,
    pub groups: Vec<GroupGain>,
    pub rows: Vec<GainRow>,
    pub total: i64,
    pub page: i64,
    pub page_size: i64,
    pub group: Option<i64>,
}
