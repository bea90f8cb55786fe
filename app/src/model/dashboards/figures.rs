//! The figures a cohort's dashboard shows, as the refresher counts them and stores them (JSON in
//! `dashboard_cohort_snapshot`): numbers only, so that a page words them in its reader's language.

use serde::{Deserialize, Serialize};

/// The participant funnel, each step a subset of the one before (except `registered`, which
/// counts every application whatever became of it).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Funnel {
    pub registered: i64,
    pub approved: i64,
    /// Approved participants who attended a session, started a quiz or posted work.
    pub active: i64,
    /// Of those, the ones who did so in the 7 days before the count.
    pub active_week: i64,
    pub post_test_done: i64,
    pub completed: i64,
    pub certified: i64,
}

impl Funnel {
    pub fn add(&mut self, other: &Funnel) {
        self.registered += other.registered;
        self.approved += other.approved;
        self.active += other.active;
        self.active_week += other.active_week;
        self.post_test_done += other.post_test_done;
        self.completed += other.completed;
        self.certified += other.certified;
    }
}

/// One live session's attendance.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionFigure {
    pub title: String,
    pub starts_at: i64,
    pub jp: i64,
    /// Present or late.
    pub attended: i64,
    pub excused: i64,
    pub absent: i64,
}

/// Pre/post learning gain: individual gains by band of width 0.1 (index 0 is below zero, 1 is
/// 0–0.1 … 10 is 0.9–1.0), Hake's categories, and the class gain.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GainFigures {
    pub matched: i64,
    pub with_pre: i64,
    pub with_post: i64,
    pub mean_pre: Option<f64>,
    pub mean_post: Option<f64>,
    pub class_gain: Option<f64>,
    pub low: i64,
    pub medium: i64,
    pub high: i64,
    /// Matched participants at 100 % on the pre-test (no gain defined).
    pub at_ceiling: i64,
    pub histogram: Vec<i64>,
}

/// Bands of the gain histogram: below 0, then ten bands of 0.1.
pub const GAIN_BANDS: usize = 11;

/// The histogram band of gain `g`.
pub fn gain_band(g: f64) -> usize {
    if g < 0.0 {
        0
    } else {
        ((g * 10.0).floor() as usize).min(9) + 1
    }
}

/// A mentor's workload in a cohort.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MentorFigure {
    pub user_id: i64,
    pub name: String,
    pub groups: i64,
    pub participants: i64,
    /// Work products of their participants waiting for review (submitted or revised).
    pub open_items: i64,
    /// First-response times in minutes over their participants' posts that had one.
    pub responses: i64,
    pub median_response_minutes: Option<i64>,
    pub p90_response_minutes: Option<i64>,
    pub comments: i64,
    /// The survey index (0–100) over this cohort's surveys about them with enough responses.
    pub survey_index: Option<f64>,
    pub predicate: Option<String>,
}

/// A count of approved participants under a label (a rank, a regency code, a level, a subject).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Count {
    pub label: String,
    pub count: i64,
}

/// Everything a cohort's dashboard shows.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CohortFigures {
    pub refreshed_at: i64,
    pub funnel: Funnel,
    pub jp_delivered: i64,
    /// Participants by share of the cohort's session JP attended: 0, 1–25 %, 26–50 %, 51–75 %,
    /// 76–99 %, 100 % (empty when the cohort has no JP-bearing session).
    pub jp_bands: Vec<i64>,
    pub sessions: Vec<SessionFigure>,
    pub gain: GainFigures,
    pub mentors: Vec<MentorFigure>,
    /// Rank codes (`III/a` …, `-` for none), in rank order.
    pub by_rank: Vec<Count>,
    /// Regency codes (`PP.KK`), most participants first.
    pub by_region: Vec<Count>,
    pub by_level: Vec<Count>,
    /// The most common subjects, then the rest under `*`.
    pub by_subject: Vec<Count>,
}

/// The band of `attended` JP out of `total` for [`CohortFigures::jp_bands`].
pub fn jp_band(attended: i64, total: i64) -> usize {
    if attended <= 0 || total <= 0 {
        0
    } else if attended >= total {
        5
    } else {
        let share = attended * 100 / total;
        match share {
            0..=25 => 1,
            26..=50 => 2,
            51..=75 => 3,
            _ => 4,
        }
    }
}

/// Nearest-rank percentile `p` (0–100) of sorted `values`.
pub fn percentile(sorted: &[i64], p: u32) -> Option<i64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = (p as usize * sorted.len()).div_ceil(100).max(1);
    sorted.get(rank - 1).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_and_percentiles_at_their_edges() {
        assert_eq!(gain_band(-0.01), 0);
        assert_eq!(gain_band(0.0), 1);
        assert_eq!(gain_band(0.3), 4);
        assert_eq!(gain_band(1.0), 10);
        assert_eq!(jp_band(0, 10), 0);
        assert_eq!(jp_band(2, 8), 1);
        assert_eq!(jp_band(3, 8), 2);
        assert_eq!(jp_band(7, 8), 4);
        assert_eq!(jp_band(8, 8), 5);
        let v = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        assert_eq!(percentile(&v, 50), Some(5));
        assert_eq!(percentile(&v, 90), Some(9));
        assert_eq!(percentile(&[7], 90), Some(7));
        assert_eq!(percentile(&[], 50), None);
        assert_eq!(percentile(&[10, 20, 30], 50), Some(20));
    }
}
