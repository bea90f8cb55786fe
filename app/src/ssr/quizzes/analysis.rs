//! The arithmetic of results for staff, free of the database: scores as percentages, pass bands,
//! classical item analysis (difficulty, upper–lower discrimination, item–total correlation) and
//! learning gain (Hake's normalized gain). The SQL in `results` only sums; every definition lives
//! here, so that the unit tests below pin it down.
//!
//! Definitions:
//! - **Percentage** of an attempt: `score_milli / (max_points × 1000) × 100`.
//! - **Difficulty index p** of an item: mean item score ÷ item points, over the participants whose
//!   counted attempt holds the item (0 = nobody earned anything, 1 = everyone earned full marks).
//! - **Discrimination D**: participants are ranked by total score (ties broken by attempt id); the
//!   upper and lower groups are the top and bottom 27 % (`round(0.27 n)`, at least one, only when
//!   n ≥ 2); D = mean item fraction in the upper group − mean item fraction in the lower group.
//! - **Item–total correlation** (point-biserial for right/wrong items): Pearson's r between the
//!   item fraction and the total percentage; none when either does not vary.
//! - **Normalized gain** of a participant, on percentages: `g = (post − pre) / (100 − pre)`
//!   (Hake 1998). None when pre or post is missing, and none when pre = 100 % (nothing left to
//!   gain: counted apart as "at ceiling"). g may be negative when post < pre.
//! - **Class gain** (what Hake reports, and what the pages show first):
//!   `⟨g⟩ = (mean post − mean pre) / (100 − mean pre)` over participants with both tests; the
//!   mean of individual gains is shown beside it.

/// The pass bands of DOMAIN.md §6: the lowest percentage of each band, highest band first.
/// Bounds are inclusive and percentages are not rounded first (89.5 % is *baik*).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BandThresholds {
    pub sangat_baik: f64,
    pub baik: f64,
    pub cukup: f64,
    pub kurang: f64,
}

impl Default for BandThresholds {
    /// 90–100 sangat baik; 75–89 baik; 65–74 cukup; 55–64 kurang; ≤ 54 sangat kurang.
    fn default() -> Self {
        BandThresholds {
            sangat_baik: 90.0,
            baik: 75.0,
            cukup: 65.0,
            kurang: 55.0,
        }
    }
}

/// A pass band.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Band {
    SangatBaik,
    Baik,
    Cukup,
    Kurang,
    SangatKurang,
}

impl Band {
    /// Every band, best first.
    pub const ALL: [Band; 5] = [
        Band::SangatBaik,
        Band::Baik,
        Band::Cukup,
        Band::Kurang,
        Band::SangatKurang,
    ];

    /// The stable name pages and CSV files use (`sangat_baik`, …).
    pub fn key(self) -> &'static str {
        match self {
            Band::SangatBaik => "sangat_baik",
            Band::Baik => "baik",
            Band::Cukup => "cukup",
            Band::Kurang => "kurang",
            Band::SangatKurang => "sangat_kurang",
        }
    }
}

impl BandThresholds {
    /// The band of `percent`.
    pub fn band(&self, percent: f64) -> Band {
        if percent >= self.sangat_baik {
            Band::SangatBaik
        } else if percent >= self.baik {
            Band::Baik
        } else if percent >= self.cukup {
            Band::Cukup
        } else if percent >= self.kurang {
            Band::Kurang
        } else {
            Band::SangatKurang
        }
    }
}

/// An attempt's score as a percentage of its maximum; none when the maximum is not positive.
pub fn percent(score_milli: i64, max_points: i64) -> Option<f64> {
    (max_points > 0).then(|| score_milli as f64 / (max_points as f64 * 10.0))
}

/// Hake's normalized gain of one participant, on percentages (see the module's definitions).
pub fn normalized_gain(pre: Option<f64>, post: Option<f64>) -> Option<f64> {
    let (pre, post) = (pre?, post?);
    (pre < 100.0).then(|| (post - pre) / (100.0 - pre))
}

/// Hake's bands for a gain (defined with the wire types so that pages can name them too).
pub use crate::model::quizzes::gain_level;
use crate::model::quizzes::GainStats;

/// Learning gain of a set of participants, added one at a time so that 60,000 rows can stream
/// through it in constant memory.
#[derive(Clone, Debug, Default, PartialEq)]
/// The fields are the running sums, public so that the database can fill them from `sum(…)`
/// over a whole group at once.
pub struct GainAccumulator {
    pub participants: i64,
    pub with_pre: i64,
    pub with_post: i64,
    /// Participants with both tests.
    pub matched: i64,
    /// Sums of the matched participants' percentages.
    pub sum_pre: f64,
    pub sum_post: f64,
    /// Matched participants below 100 % on the pre-test, and the sum of their gains.
    pub gains: i64,
    pub sum_gain: f64,
    pub at_ceiling: i64,
}

impl GainAccumulator {
    /// Counts one participant with their pre- and post-test percentages.
    pub fn add(&mut self, pre: Option<f64>, post: Option<f64>) {
        self.participants += 1;
        self.with_pre += i64::from(pre.is_some());
        self.with_post += i64::from(post.is_some());
        if let (Some(a), Some(b)) = (pre, post) {
            self.matched += 1;
            self.sum_pre += a;
            self.sum_post += b;
            match normalized_gain(pre, post) {
                Some(g) => {
                    self.gains += 1;
                    self.sum_gain += g;
                }
                None => self.at_ceiling += 1,
            }
        }
    }

    /// Adds everyone counted by `other` (a group into its cohort).
    pub fn merge(&mut self, other: &GainAccumulator) {
        self.participants += other.participants;
        self.with_pre += other.with_pre;
        self.with_post += other.with_post;
        self.matched += other.matched;
        self.sum_pre += other.sum_pre;
        self.sum_post += other.sum_post;
        self.gains += other.gains;
        self.sum_gain += other.sum_gain;
        self.at_ceiling += other.at_ceiling;
    }

    /// The summary of everyone added so far, as the pages receive it: means are over `matched`
    /// participants (both tests), so that pre and post compare the same people.
    pub fn summary(&self) -> GainStats {
        let mean = |sum: f64, n: i64| (n > 0).then(|| sum / n as f64);
        let mean_pre = mean(self.sum_pre, self.matched);
        let mean_post = mean(self.sum_post, self.matched);
        GainStats {
            participants: self.participants,
            with_pre: self.with_pre,
            with_post: self.with_post,
            matched: self.matched,
            mean_pre,
            mean_post,
            class_gain: normalized_gain(mean_pre, mean_post),
            mean_gain: mean(self.sum_gain, self.gains),
            gains: self.gains,
            at_ceiling: self.at_ceiling,
        }
    }
}

/// The size of each of the upper and lower groups for `n` ranked participants: 27 %, rounded,
/// at least one; zero below two participants (nothing to compare).
pub fn extreme_group_size(n: i64) -> i64 {
    if n < 2 {
        0
    } else {
        ((n as f64 * 0.27).round() as i64).clamp(1, n / 2)
    }
}

/// What the database sums for one item over the counted attempts. `x` is the item fraction
/// (item score ÷ item points), `y` the attempt's total percentage.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ItemSums {
    pub points: i64,
    pub n: i64,
    pub sum_milli: i64,
    pub upper_n: i64,
    pub upper_sum_milli: i64,
    pub lower_n: i64,
    pub lower_sum_milli: i64,
    pub sum_x: f64,
    pub sum_x2: f64,
    pub sum_y: f64,
    pub sum_y2: f64,
    pub sum_xy: f64,
}

/// Difficulty, discrimination and item–total correlation of one item.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ItemStats {
    pub difficulty: Option<f64>,
    pub discrimination: Option<f64>,
    pub correlation: Option<f64>,
}

/// Where an item's statistics call for a second look. Defaults: p > 0.90 too easy, p < 0.20 too
/// hard, D < 0.20 low discrimination (Ebel's "poor"), D < 0 negative (check the key).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ItemThresholds {
    pub too_easy_above: f64,
    pub too_hard_below: f64,
    pub low_discrimination_below: f64,
}

impl Default for ItemThresholds {
    fn default() -> Self {
        ItemThresholds {
            too_easy_above: 0.90,
            too_hard_below: 0.20,
            low_discrimination_below: 0.20,
        }
    }
}

/// A plain-language flag on an item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemFlag {
    TooEasy,
    TooHard,
    LowDiscrimination,
    NegativeDiscrimination,
}

impl ItemFlag {
    /// The stable name pages and CSV files use.
    pub fn key(self) -> &'static str {
        match self {
            ItemFlag::TooEasy => "too_easy",
            ItemFlag::TooHard => "too_hard",
            ItemFlag::LowDiscrimination => "low_discrimination",
            ItemFlag::NegativeDiscrimination => "negative_discrimination",
        }
    }
}

impl ItemThresholds {
    /// The flags `stats` earns, most urgent first.
    pub fn flags(&self, stats: &ItemStats) -> Vec<ItemFlag> {
        let mut flags = Vec::new();
        if let Some(d) = stats.discrimination {
            if d < 0.0 {
                flags.push(ItemFlag::NegativeDiscrimination);
            } else if d < self.low_discrimination_below {
                flags.push(ItemFlag::LowDiscrimination);
            }
        }
        if let Some(p) = stats.difficulty {
            if p > self.too_easy_above {
                flags.push(ItemFlag::TooEasy);
            } else if p < self.too_hard_below {
                flags.push(ItemFlag::TooHard);
            }
        }
        flags
    }
}

/// The statistics of one item from its sums.
pub fn item_stats(s: &ItemSums) -> ItemStats {
    let full = (s.points * 1000) as f64;
    let fraction = |sum: i64, n: i64| (n > 0 && full > 0.0).then(|| sum as f64 / n as f64 / full);
    let difficulty = fraction(s.sum_milli, s.n);
    let discrimination = match (
        fraction(s.upper_sum_milli, s.upper_n),
        fraction(s.lower_sum_milli, s.lower_n),
    ) {
        (Some(upper), Some(lower)) => Some(upper - lower),
        _ => None,
    };
    let correlation = (s.n >= 2)
        .then(|| {
            let n = s.n as f64;
            let cov = n * s.sum_xy - s.sum_x * s.sum_y;
            let var_x = n * s.sum_x2 - s.sum_x * s.sum_x;
            let var_y = n * s.sum_y2 - s.sum_y * s.sum_y;
            // Sums of equal values can leave a rounding crumb instead of zero.
            (var_x > 1e-9 && var_y > 1e-9).then(|| cov / (var_x * var_y).sqrt())
        })
        .flatten();
    ItemStats {
        difficulty,
        discrimination,
        correlation,
    }
}

/// One participant's counted attempt, for computing item sums in memory (the reference the SQL
/// aggregation follows; used by tests and small quizzes).
#[derive(Clone, Debug, PartialEq)]
pub struct ScoredAttempt {
    pub attempt_id: i64,
    pub score_milli: i64,
    pub max_points: i64,
    /// (question id, question points, item score in thousandths).
    pub items: Vec<(i64, i64, i64)>,
}

/// The sums of every item, keyed by question id, ranking attempts by total score (highest
/// first, ties by attempt id) for the upper and lower groups.
pub fn item_sums(attempts: &[ScoredAttempt]) -> std::collections::BTreeMap<i64, ItemSums> {
    let mut ranked: Vec<&ScoredAttempt> = attempts.iter().collect();
    ranked.sort_by_key(|a| (std::cmp::Reverse(a.score_milli), a.attempt_id));
    let n = ranked.len() as i64;
    let k = extreme_group_size(n);
    let mut sums = std::collections::BTreeMap::<i64, ItemSums>::new();
    for (rank, attempt) in ranked.iter().enumerate() {
        let rank = rank as i64 + 1;
        let y = percent(attempt.score_milli, attempt.max_points).unwrap_or(0.0);
        for &(question, points, milli) in &attempt.items {
            let s = sums.entry(question).or_default();
            s.points = points;
            s.n += 1;
            s.sum_milli += milli;
            if rank <= k {
                s.upper_n += 1;
                s.upper_sum_milli += milli;
            }
            if rank > n - k {
                s.lower_n += 1;
                s.lower_sum_milli += milli;
            }
            let x = if points > 0 {
                milli as f64 / (points * 1000) as f64
            } else {
                0.0
            };
            s.sum_x += x;
            s.sum_x2 += x * x;
            s.sum_y += y;
            s.sum_y2 += y * y;
            s.sum_xy += x * y;
        }
    }
    sums
}

/// The median of `values` (sorted or not); none when empty.
pub fn median(values: &[f64]) -> Option<f64> {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let n = v.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(v[n / 2]),
        _ => Some((v[n / 2 - 1] + v[n / 2]) / 2.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-9)
    }

    #[test]
    fn bands_follow_the_domain_defaults_with_inclusive_lower_bounds() {
        let t = BandThresholds::default();
        assert_eq!(t.band(100.0), Band::SangatBaik);
        assert_eq!(t.band(90.0), Band::SangatBaik);
        assert_eq!(t.band(89.9), Band::Baik);
        assert_eq!(t.band(75.0), Band::Baik);
        assert_eq!(t.band(74.0), Band::Cukup);
        assert_eq!(t.band(65.0), Band::Cukup);
        assert_eq!(t.band(64.99), Band::Kurang);
        assert_eq!(t.band(55.0), Band::Kurang);
        assert_eq!(t.band(54.0), Band::SangatKurang);
        assert_eq!(t.band(0.0), Band::SangatKurang);
        let strict = BandThresholds {
            sangat_baik: 95.0,
            ..BandThresholds::default()
        };
        assert_eq!(strict.band(92.0), Band::Baik);
        assert_eq!(Band::SangatKurang.key(), "sangat_kurang");
    }

    #[test]
    fn percent_of_thousandths() {
        assert!(close(percent(3_500, 5), 70.0));
        assert!(close(percent(5_000, 5), 100.0));
        assert_eq!(percent(5_000, 5), Some(100.0), "exact at full marks");
        assert_eq!(percent(0, 0), None);
    }

    #[test]
    fn normalized_gain_and_its_edges() {
        // 40 → 70: gained 30 of the 60 that were left.
        assert!(close(normalized_gain(Some(40.0), Some(70.0)), 0.5));
        assert!(close(normalized_gain(Some(0.0), Some(100.0)), 1.0));
        // Falling back is a negative gain.
        assert!(close(normalized_gain(Some(50.0), Some(40.0)), -0.2));
        // Nothing left to gain, or a test missing: no gain.
        assert_eq!(normalized_gain(Some(100.0), Some(100.0)), None);
        assert_eq!(normalized_gain(Some(100.0), Some(80.0)), None);
        assert_eq!(normalized_gain(None, Some(80.0)), None);
        assert_eq!(normalized_gain(Some(20.0), None), None);
        assert_eq!(gain_level(0.7), "high");
        assert_eq!(gain_level(0.5), "medium");
        assert_eq!(gain_level(0.1), "low");
    }

    #[test]
    fn class_gain_and_mean_of_gains_differ_as_computed_by_hand() {
        // A: 40 → 70 (g = 0.5); B: 80 → 90 (g = 0.5); C: 100 → 100 (ceiling);
        // D: pre only; E: post only; F: neither.
        let mut acc = GainAccumulator::default();
        acc.add(Some(40.0), Some(70.0));
        acc.add(Some(80.0), Some(90.0));
        acc.add(Some(100.0), Some(100.0));
        acc.add(Some(30.0), None);
        acc.add(None, Some(60.0));
        acc.add(None, None);
        let s = acc.summary();
        assert_eq!(s.participants, 6);
        assert_eq!((s.with_pre, s.with_post, s.matched), (4, 4, 3));
        assert_eq!((s.gains, s.at_ceiling), (2, 1));
        // Means over A, B, C: pre 220/3, post 260/3.
        assert!(close(s.mean_pre, 220.0 / 3.0));
        assert!(close(s.mean_post, 260.0 / 3.0));
        // ⟨g⟩ = (260/3 − 220/3) / (100 − 220/3) = (40/3) / (80/3) = 0.5.
        assert!(close(s.class_gain, 0.5));
        assert!(close(s.mean_gain, 0.5));

        let mut acc = GainAccumulator::default();
        acc.add(Some(0.0), Some(50.0)); // g = 0.5
        acc.add(Some(90.0), Some(60.0)); // g = -3
        let s = acc.summary();
        // ⟨g⟩ = (55 − 45) / (100 − 45) = 10/55; mean of gains = (0.5 − 3) / 2 = −1.25.
        assert!(close(s.class_gain, 10.0 / 55.0));
        assert!(close(s.mean_gain, -1.25));

        let mut merged = GainAccumulator::default();
        let mut first = GainAccumulator::default();
        first.add(Some(0.0), Some(50.0));
        let mut second = GainAccumulator::default();
        second.add(Some(90.0), Some(60.0));
        merged.merge(&first);
        merged.merge(&second);
        assert_eq!(merged, acc);

        let empty = GainAccumulator::default().summary();
        assert_eq!(empty.class_gain, None);
        assert_eq!(empty.mean_gain, None);
    }

    #[test]
    fn group_size_is_27_percent_rounded() {
        assert_eq!(extreme_group_size(0), 0);
        assert_eq!(extreme_group_size(1), 0);
        assert_eq!(extreme_group_size(2), 1);
        assert_eq!(extreme_group_size(4), 1);
        assert_eq!(extreme_group_size(10), 3);
        assert_eq!(extreme_group_size(100), 27);
        assert_eq!(extreme_group_size(60_000), 16_200);
    }

    /// Ten participants, three one-point items (full or no credit), with totals of
    /// 3, 3, 3, 2, 2, 2, 1, 1, 1 and 0 points. The upper group (k = 3) is attempts 1–3, the lower
    /// is attempts 8–10.
    fn dataset() -> Vec<ScoredAttempt> {
        // item answers per attempt: (q1, q2, q3)
        let answers = [
            (1, 1, 1),
            (1, 1, 1),
            (1, 1, 1),
            (1, 1, 0),
            (1, 1, 0),
            (1, 0, 1),
            (1, 0, 0),
            (0, 0, 1),
            (1, 0, 0),
            (0, 0, 0),
        ];
        answers
            .iter()
            .enumerate()
            .map(|(i, &(a, b, c))| ScoredAttempt {
                attempt_id: i as i64 + 1,
                score_milli: (a + b + c) * 1000,
                max_points: 3,
                items: vec![(10, 1, a * 1000), (11, 1, b * 1000), (12, 1, c * 1000)],
            })
            .collect()
    }

    #[test]
    fn difficulty_and_discrimination_by_hand() {
        let sums = item_sums(&dataset());
        let t = ItemThresholds::default();
        // q1: 8 of 10 right → p = 0.8; upper 3/3, lower (8, 9, 10) 1/3 → D = 2/3.
        let q1 = item_stats(&sums[&10]);
        assert!(close(q1.difficulty, 0.8));
        assert!(close(q1.discrimination, 2.0 / 3.0));
        assert!(t.flags(&q1).is_empty());
        // q2: 5 of 10 → p = 0.5; upper 3/3, lower 0/3 → D = 1.
        let q2 = item_stats(&sums[&11]);
        assert!(close(q2.difficulty, 0.5));
        assert!(close(q2.discrimination, 1.0));
        // q3: 5 of 10 → p = 0.5; upper 3/3, lower 1/3 (attempt 8) → D = 2/3.
        let q3 = item_stats(&sums[&12]);
        assert!(close(q3.difficulty, 0.5));
        assert!(close(q3.discrimination, 2.0 / 3.0));
    }

    #[test]
    fn item_total_correlation_by_hand() {
        // Four participants, two items of two points: x = item fraction, y = total %.
        // A: 2,2 → y 100; B: 2,0 → 50; C: 0,2 → 50; D: 0,0 → 0.
        let attempts: Vec<ScoredAttempt> = [(2, 2), (2, 0), (0, 2), (0, 0)]
            .iter()
            .enumerate()
            .map(|(i, &(a, b))| ScoredAttempt {
                attempt_id: i as i64 + 1,
                score_milli: (a + b) * 1000,
                max_points: 4,
                items: vec![(1, 2, a * 1000), (2, 2, b * 1000)],
            })
            .collect();
        let sums = item_sums(&attempts);
        // x = 1,1,0,0 and y = 100,50,50,0: mean x 0.5, mean y 50, cov = 25/… → r = 1/√2.
        let s = item_stats(&sums[&1]);
        assert!(close(s.correlation, std::f64::consts::FRAC_1_SQRT_2));
        // k = 1: upper is A (x = 1), lower is D (x = 0).
        assert!(close(s.discrimination, 1.0));
        // An item everyone got right has no correlation (x does not vary).
        let flat = ItemSums {
            points: 1,
            n: 3,
            sum_milli: 3000,
            sum_x: 3.0,
            sum_x2: 3.0,
            sum_y: 150.0,
            sum_y2: 8_500.0,
            sum_xy: 150.0,
            ..ItemSums::default()
        };
        assert_eq!(item_stats(&flat).correlation, None);
    }

    #[test]
    fn flags_in_plain_terms() {
        let t = ItemThresholds::default();
        let easy = ItemStats {
            difficulty: Some(0.95),
            discrimination: Some(0.05),
            correlation: None,
        };
        assert_eq!(
            t.flags(&easy),
            vec![ItemFlag::LowDiscrimination, ItemFlag::TooEasy]
        );
        let wrong_key = ItemStats {
            difficulty: Some(0.1),
            discrimination: Some(-0.3),
            correlation: None,
        };
        assert_eq!(
            t.flags(&wrong_key),
            vec![ItemFlag::NegativeDiscrimination, ItemFlag::TooHard]
        );
        // A single participant: no discrimination, no flag for it.
        let one = item_stats(&ItemSums {
            points: 1,
            n: 1,
            sum_milli: 1000,
            ..ItemSums::default()
        });
        assert_eq!(one.discrimination, None);
        assert_eq!(t.flags(&one), vec![ItemFlag::TooEasy]);
    }

    #[test]
    fn partial_credit_difficulty() {
        // Three participants on a 2-point item: 2, 1.5 and 0.5 points → mean 4/3 of 2 → p = 2/3.
        let s = ItemSums {
            points: 2,
            n: 3,
            sum_milli: 4_000,
            ..ItemSums::default()
        };
        assert!(close(item_stats(&s).difficulty, 2.0 / 3.0));
    }

    #[test]
    fn median_of_odd_and_even() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), Some(2.5));
    }
}
