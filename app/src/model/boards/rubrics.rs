//! What rubric pages and a post's scores show, shared by the server functions and the pages.

use crate::model::ids::{ProgramId, RubricId};
use serde::{Deserialize, Serialize};

/// Most levels a rubric has (columns), and most criteria (rows): what one form can hold.
pub const MAX_LEVELS: usize = 5;
pub const MAX_CRITERIA: usize = 8;

/// One level of a criterion: its label and what it is worth.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LevelView {
    pub id: i64,
    pub label: String,
    pub points: i64,
}

/// One criterion (a row) with its levels, lowest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CriterionView {
    pub id: i64,
    pub title: String,
    pub description: String,
    pub levels: Vec<LevelView>,
}

/// A rubric of a program.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RubricView {
    pub id: RubricId,
    pub program_id: ProgramId,
    pub program_title: String,
    pub title: String,
    pub criteria: Vec<CriterionView>,
    /// The sum of each criterion's highest points.
    pub max_points: i64,
    /// Scores given with it: once used, it no longer changes.
    pub scores: i64,
}

/// A rubric in a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RubricLink {
    pub id: RubricId,
    pub title: String,
    pub criteria: i64,
    pub max_points: i64,
    pub scores: i64,
}

/// A program the user may write rubrics for, with its rubrics.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgramRubrics {
    pub program_id: ProgramId,
    pub program_title: String,
    pub rubrics: Vec<RubricLink>,
}

/// The level one criterion was given in a score.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreLine {
    pub criterion: String,
    /// The label of the level given, as the rubric's author wrote it (free text, not a code).
    pub level: String,
    pub points: i64,
    pub max_points: i64,
}

/// A mentor's rubric score of one revision of a post.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreView {
    pub id: i64,
    pub revision: i64,
    pub rubric_title: String,
    pub scorer_name: String,
    pub total_points: i64,
    pub max_points: i64,
    pub note: String,
    pub created_at: i64,
    pub lines: Vec<ScoreLine>,
}

/// What a moderator's scoring form offers: the program's rubrics and the one chosen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoringForm {
    pub rubrics: Vec<RubricLink>,
    pub rubric: RubricView,
}
