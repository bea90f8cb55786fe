//! The credit rules for a teacher's promotion (DOMAIN §4): the legacy bands by training length,
//! the 2023 conversion, and the rank steps; the rule set is chosen by the date of the period.
//!
//! Everything here is a pure function. Credit is kept in thousandths (`Credit`) so that sums and
//! comparisons are exact; the official assessment is the government's, so every figure shown from
//! here is marked as an estimate.

use crate::model::identifiers::{parse_rank, Rank, RANKS};
use serde::{Deserialize, Serialize};
use std::fmt;

/// An amount of credit (angka kredit), in thousandths.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Credit(pub i64);

impl Credit {
    pub const ZERO: Credit = Credit(0);

    /// `units` whole credits.
    pub const fn whole(units: i64) -> Credit {
        Credit(units * 1000)
    }

    /// The value as a decimal number (for display only).
    pub fn as_f64(self) -> f64 {
        self.0 as f64 / 1000.0
    }
}

impl std::ops::Add for Credit {
    type Output = Credit;
    fn add(self, other: Credit) -> Credit {
        Credit(self.0 + other.0)
    }
}

impl std::iter::Sum for Credit {
    fn sum<I: Iterator<Item = Credit>>(iter: I) -> Credit {
        iter.fold(Credit::ZERO, |a, b| a + b)
    }
}

/// Written as Indonesian documents write it: a decimal comma, no trailing zeros (`0,15`, `18,75`, `2`).
impl fmt::Display for Credit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let value = self.0.unsigned_abs();
        let (whole, fraction) = (value / 1000, value % 1000);
        if fraction == 0 {
            write!(f, "{sign}{whole}")
        } else {
            let digits = format!("{fraction:03}");
            write!(f, "{sign}{whole},{}", digits.trim_end_matches('0'))
        }
    }
}

/// Which regulation a period falls under.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RuleSet {
    /// PermenPAN-RB 16/2009 with Permendiknas 35/2010: credit per activity (DUPAK), before 2023.
    Legacy2009,
    /// PermenPAN-RB 1/2023 with PerBKN 3/2023: credit from the yearly performance rating.
    Current2023,
}

/// The first year the 2023 rules apply to.
pub const CURRENT_RULES_FROM_YEAR: i32 = 2023;

/// The rule set for a period that starts on `date` (`YYYY-MM-DD`, or just the year in front).
/// A date that cannot be read is treated as current.
pub fn rule_set_for(date: &str) -> RuleSet {
    match date.get(..4).and_then(|year| year.parse::<i32>().ok()) {
        Some(year) if year < CURRENT_RULES_FROM_YEAR => RuleSet::Legacy2009,
        _ => RuleSet::Current2023,
    }
}

/// A teacher's part in a collective activity under 30 hours (seminar, workshop).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CollectiveRole {
    /// A seminar or short training as a participant: 0.1.
    Participant,
    /// A seminar as a speaker: 0.2.
    Speaker,
    /// A KKG/MGMP workshop package: 0.15.
    WorkshopPackage,
}

/// The hours under which a training counts as a collective activity.
pub const LEGACY_MINIMUM_TRAINING_HOURS: i64 = 30;

/// The legacy bands for a functional training by its length (Buku 5 Pedoman Penilaian PKB 2016,
/// Tabel 1): `(from hours, to hours inclusive, credit)`; the last band has no upper end.
pub const LEGACY_TRAINING_BANDS: [(i64, Option<i64>, Credit); 6] = [
    (30, Some(80), Credit::whole(1)),
    (81, Some(180), Credit::whole(2)),
    (181, Some(480), Credit::whole(3)),
    (481, Some(640), Credit::whole(6)),
    (641, Some(960), Credit::whole(9)),
    (961, None, Credit::whole(15)),
];

/// Legacy credit (pengembangan diri) for one training of `hours` hours (the certificate's JP).
/// Under 30 hours it is a collective activity, worth what `role` is worth.
pub fn legacy_training_credit(hours: i64, role: CollectiveRole) -> Credit {
    if hours < LEGACY_MINIMUM_TRAINING_HOURS {
        return collective_activity_credit(role);
    }
    LEGACY_TRAINING_BANDS
        .iter()
        .find(|(from, to, _)| hours >= *from && to.is_none_or(|to| hours <= to))
        .map(|(_, _, credit)| *credit)
        .unwrap_or(Credit::ZERO)
}

/// Legacy credit for a collective activity.
pub fn collective_activity_credit(role: CollectiveRole) -> Credit {
    match role {
        CollectiveRole::Participant => Credit(100),
        CollectiveRole::Speaker => Credit(200),
        CollectiveRole::WorkshopPackage => Credit(150),
    }
}

/// What the legacy rules ask for one rank step (degree holders).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LegacyStep {
    pub from: &'static str,
    pub to: &'static str,
    /// The cumulative credit a teacher holds at the next rank.
    pub cumulative_at_next: Credit,
    /// The credit the step needs.
    pub needed: Credit,
    /// Of which at least this much from self-development (pengembangan diri).
    pub self_development_minimum: Credit,
    /// And at least this much from publications or innovative works.
    pub publications_minimum: Credit,
}

/// The legacy rank steps, lowest first.
pub const LEGACY_STEPS: [LegacyStep; 8] = [
    legacy_step("III/a", "III/b", 150, 50, 3, 0),
    legacy_step("III/b", "III/c", 200, 50, 3, 4),
    legacy_step("III/c", "III/d", 300, 100, 3, 6),
    legacy_step("III/d", "IV/a", 400, 100, 4, 8),
    legacy_step("IV/a", "IV/b", 550, 150, 4, 12),
    legacy_step("IV/b", "IV/c", 700, 150, 4, 12),
    legacy_step("IV/c", "IV/d", 850, 150, 5, 14),
    legacy_step("IV/d", "IV/e", 1050, 200, 5, 20),
];

const fn legacy_step(
    from: &'static str,
    to: &'static str,
    cumulative: i64,
    needed: i64,
    self_development: i64,
    publications: i64,
) -> LegacyStep {
    LegacyStep {
        from,
        to,
        cumulative_at_next: Credit::whole(cumulative),
        needed: Credit::whole(needed),
        self_development_minimum: Credit::whole(self_development),
        publications_minimum: Credit::whole(publications),
    }
}

/// The legacy step up from `rank` (written in any form `parse_rank` reads); none from IV/e.
pub fn legacy_step_from(rank: &str) -> Option<LegacyStep> {
    let rank = parse_rank(rank).ok()?;
    LEGACY_STEPS.iter().find(|s| s.from == rank.code).copied()
}

/// A yearly performance rating (predikat kinerja) under the 2023 rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Rating {
    SangatBaik,
    Baik,
    /// "Butuh Perbaikan" (also written "Cukup").
    ButuhPerbaikan,
    Kurang,
    SangatKurang,
}

impl Rating {
    /// The share of the yearly coefficient, in percent.
    pub fn percent(self) -> i64 {
        match self {
            Rating::SangatBaik => 150,
            Rating::Baik => 100,
            Rating::ButuhPerbaikan => 75,
            Rating::Kurang => 50,
            Rating::SangatKurang => 25,
        }
    }

    /// The rating's Indonesian name.
    pub fn label(self) -> &'static str {
        match self {
            Rating::SangatBaik => "Sangat Baik",
            Rating::Baik => "Baik",
            Rating::ButuhPerbaikan => "Butuh Perbaikan",
            Rating::Kurang => "Kurang",
            Rating::SangatKurang => "Sangat Kurang",
        }
    }
}

/// A jenjang of the teachers' functional position under the 2023 rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Jenjang {
    pub name: &'static str,
    /// The lowest and highest rank of the jenjang.
    pub ranks: (&'static str, &'static str),
    /// The yearly coefficient, in tenths (12.5 is 125).
    pub coefficient_tenths: i64,
    /// Credit needed for the next rank within the jenjang.
    pub needed_for_next_rank: Credit,
    /// Credit needed for the next jenjang; none for the highest.
    pub needed_for_next_jenjang: Option<Credit>,
}

/// The jenjang, lowest first (Ahli Utama's coefficient is marked [U] in DOMAIN: unconfirmed).
pub const JENJANG: [Jenjang; 4] = [
    Jenjang {
        name: "Ahli Pertama",
        ranks: ("III/a", "III/b"),
        coefficient_tenths: 125,
        needed_for_next_rank: Credit::whole(50),
        needed_for_next_jenjang: Some(Credit::whole(100)),
    },
    Jenjang {
        name: "Ahli Muda",
        ranks: ("III/c", "III/d"),
        coefficient_tenths: 250,
        needed_for_next_rank: Credit::whole(100),
        needed_for_next_jenjang: Some(Credit::whole(200)),
    },
    Jenjang {
        name: "Ahli Madya",
        ranks: ("IV/a", "IV/c"),
        coefficient_tenths: 375,
        needed_for_next_rank: Credit::whole(150),
        needed_for_next_jenjang: Some(Credit::whole(450)),
    },
    Jenjang {
        name: "Ahli Utama",
        ranks: ("IV/d", "IV/e"),
        coefficient_tenths: 500,
        needed_for_next_rank: Credit::whole(200),
        needed_for_next_jenjang: None,
    },
];

/// The jenjang of `rank` (written in any form `parse_rank` reads).
pub fn jenjang_of(rank: &str) -> Option<Jenjang> {
    let rank: Rank = parse_rank(rank).ok()?;
    let position = |code: &str| RANKS.iter().position(|r| r.code == code);
    let at = position(rank.code)?;
    JENJANG.iter().copied().find(|j| {
        matches!((position(j.ranks.0), position(j.ranks.1)), (Some(lo), Some(hi)) if lo <= at && at <= hi)
    })
}

/// Credit under the 2023 rules for `months` months (1–12) of a year rated `rating` in `jenjang`:
/// rating % × yearly coefficient × months / 12, rounded half up to a thousandth.
pub fn current_credit(rating: Rating, jenjang: &Jenjang, months: i64) -> Credit {
    let months = months.clamp(0, 12);
    // coefficient (tenths) × percent × months / 12 gives thousandths exactly, before rounding:
    // (c / 10) × (p / 100) × (m / 12) × 1000 = c × p × m / 12.
    let numerator = jenjang.coefficient_tenths * rating.percent() * months;
    Credit((numerator * 2 + 12) / 24)
}

/// What one finished training contributes toward the next rank, by the rules of its period.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TrainingContribution {
    /// Legacy rules: this much self-development credit.
    LegacyCredit(Credit),
    /// 2023 rules: no credit of its own; the certificate is evidence of competence development
    /// (it counts toward the 20 JP a year and the performance rating).
    Evidence,
}

/// What a training of `jp` JP that ended on `ended_on` (`YYYY-MM-DD`) contributes.
pub fn training_contribution(ended_on: &str, jp: i64) -> TrainingContribution {
    match rule_set_for(ended_on) {
        RuleSet::Legacy2009 => TrainingContribution::LegacyCredit(legacy_training_credit(
            jp,
            CollectiveRole::Participant,
        )),
        RuleSet::Current2023 => TrainingContribution::Evidence,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rule_set_changes_on_the_first_of_january_2023() {
        assert_eq!(rule_set_for("2022-12-31"), RuleSet::Legacy2009);
        assert_eq!(rule_set_for("2023-01-01"), RuleSet::Current2023);
        assert_eq!(rule_set_for("2016"), RuleSet::Legacy2009);
        assert_eq!(rule_set_for("2026-12-05"), RuleSet::Current2023);
        assert_eq!(rule_set_for(""), RuleSet::Current2023);
    }

    #[test]
    fn every_legacy_band_edge_gives_its_credit() {
        let p = CollectiveRole::Participant;
        let cases = [
            (0, 100),
            (29, 100),
            (30, 1000),
            (80, 1000),
            (81, 2000),
            (180, 2000),
            (181, 3000),
            (480, 3000),
            (481, 6000),
            (640, 6000),
            (641, 9000),
            (960, 9000),
            (961, 15000),
            (5000, 15000),
        ];
        for (hours, thousandths) in cases {
            assert_eq!(
                legacy_training_credit(hours, p),
                Credit(thousandths),
                "{hours} hours"
            );
        }
    }

    #[test]
    fn short_activities_count_by_the_teachers_part() {
        assert_eq!(
            legacy_training_credit(8, CollectiveRole::Speaker),
            Credit(200)
        );
        assert_eq!(
            legacy_training_credit(29, CollectiveRole::WorkshopPackage),
            Credit(150)
        );
        // From 30 hours the role no longer matters: the band does.
        assert_eq!(
            legacy_training_credit(30, CollectiveRole::Speaker),
            Credit(1000)
        );
    }

    #[test]
    fn every_legacy_step_is_in_the_table() {
        let expected = [
            ("III/a", "III/b", 150, 50, 3, 0),
            ("III/b", "III/c", 200, 50, 3, 4),
            ("III/c", "III/d", 300, 100, 3, 6),
            ("III/d", "IV/a", 400, 100, 4, 8),
            ("IV/a", "IV/b", 550, 150, 4, 12),
            ("IV/b", "IV/c", 700, 150, 4, 12),
            ("IV/c", "IV/d", 850, 150, 5, 14),
            ("IV/d", "IV/e", 1050, 200, 5, 20),
        ];
        for (from, to, cumulative, needed, pd, pi) in expected {
            let step = legacy_step_from(from).expect(from);
            assert_eq!(step.to, to);
            assert_eq!(step.cumulative_at_next, Credit::whole(cumulative));
            assert_eq!(step.needed, Credit::whole(needed));
            assert_eq!(step.self_development_minimum, Credit::whole(pd));
            assert_eq!(step.publications_minimum, Credit::whole(pi));
        }
        assert_eq!(legacy_step_from("IV/e"), None);
        assert_eq!(legacy_step_from("3b").map(|s| s.to), Some("III/c"));
        assert_eq!(legacy_step_from("II/d"), None);
    }

    #[test]
    fn each_step_needs_the_difference_of_cumulative_credit() {
        // The table's own arithmetic: what a step needs is the next rank's cumulative minus this one's.
        for pair in LEGACY_STEPS.windows(2) {
            assert_eq!(
                pair[1].cumulative_at_next.0 - pair[0].cumulative_at_next.0,
                pair[1].needed.0,
                "{} → {}",
                pair[1].from,
                pair[1].to
            );
        }
    }

    #[test]
    fn every_rank_has_its_jenjang() {
        let expected = [
            ("III/a", "Ahli Pertama"),
            ("III/b", "Ahli Pertama"),
            ("III/c", "Ahli Muda"),
            ("III/d", "Ahli Muda"),
            ("IV/a", "Ahli Madya"),
            ("IV/b", "Ahli Madya"),
            ("IV/c", "Ahli Madya"),
            ("IV/d", "Ahli Utama"),
            ("IV/e", "Ahli Utama"),
        ];
        for (rank, name) in expected {
            assert_eq!(jenjang_of(rank).map(|j| j.name), Some(name), "{rank}");
        }
        assert_eq!(jenjang_of("II/a"), None);
        // The jenjang agrees with the ranks table.
        for rank in RANKS {
            assert_eq!(jenjang_of(rank.code).map(|j| j.name), Some(rank.jenjang));
        }
    }

    #[test]
    fn a_full_year_gives_rating_times_coefficient() {
        let cases = [
            ("III/a", Rating::SangatBaik, 18_750),
            ("III/a", Rating::Baik, 12_500),
            ("III/b", Rating::ButuhPerbaikan, 9_375),
            ("III/a", Rating::Kurang, 6_250),
            ("III/a", Rating::SangatKurang, 3_125),
            ("III/c", Rating::Baik, 25_000),
            ("III/d", Rating::SangatBaik, 37_500),
            ("IV/a", Rating::Baik, 37_500),
            ("IV/c", Rating::SangatBaik, 56_250),
            ("IV/d", Rating::Baik, 50_000),
            ("IV/e", Rating::SangatKurang, 12_500),
        ];
        for (rank, rating, thousandths) in cases {
            let jenjang = jenjang_of(rank).expect(rank);
            assert_eq!(
                current_credit(rating, &jenjang, 12),
                Credit(thousandths),
                "{rank} {rating:?}"
            );
        }
    }

    #[test]
    fn part_of_a_year_is_prorated_and_rounded_half_up() {
        let madya = jenjang_of("IV/b").expect("madya");
        // 37.5 × 75 % × 5 / 12 = 11.71875 → 11.719.
        assert_eq!(
            current_credit(Rating::ButuhPerbaikan, &madya, 5),
            Credit(11_719)
        );
        let pertama = jenjang_of("III/a").expect("pertama");
        // 12.5 × 100 % × 1 / 12 = 1.041666… → 1.042.
        assert_eq!(current_credit(Rating::Baik, &pertama, 1), Credit(1_042));
        // 12.5 × 25 % × 7 / 12 = 1.822916… → 1.823.
        assert_eq!(
            current_credit(Rating::SangatKurang, &pertama, 7),
            Credit(1_823)
        );
        assert_eq!(current_credit(Rating::Baik, &pertama, 0), Credit::ZERO);
        // Months are a share of one year.
        assert_eq!(
            current_credit(Rating::Baik, &pertama, 14),
            current_credit(Rating::Baik, &pertama, 12)
        );
    }

    #[test]
    fn the_jenjang_table_holds_domain_values() {
        let names: Vec<_> = JENJANG.iter().map(|j| j.name).collect();
        assert_eq!(
            names,
            ["Ahli Pertama", "Ahli Muda", "Ahli Madya", "Ahli Utama"]
        );
        let needed: Vec<_> = JENJANG
            .iter()
            .map(|j| (j.needed_for_next_rank, j.needed_for_next_jenjang))
            .collect();
        assert_eq!(
            needed,
            [
                (Credit::whole(50), Some(Credit::whole(100))),
                (Credit::whole(100), Some(Credit::whole(200))),
                (Credit::whole(150), Some(Credit::whole(450))),
                (Credit::whole(200), None),
            ]
        );
    }

    #[test]
    fn a_training_contributes_by_the_rules_of_its_period() {
        assert_eq!(
            training_contribution("2022-11-30", 32),
            TrainingContribution::LegacyCredit(Credit::whole(1))
        );
        assert_eq!(
            training_contribution("2022-06-01", 12),
            TrainingContribution::LegacyCredit(Credit(100))
        );
        assert_eq!(
            training_contribution("2023-01-02", 500),
            TrainingContribution::Evidence
        );
    }

    #[test]
    fn credit_is_written_with_a_decimal_comma() {
        assert_eq!(Credit(150).to_string(), "0,15");
        assert_eq!(Credit(18_750).to_string(), "18,75");
        assert_eq!(Credit(2_000).to_string(), "2");
        assert_eq!(Credit(11_719).to_string(), "11,719");
        assert_eq!(Credit(-500).to_string(), "-0,5");
        assert_eq!(
            [Credit(100), Credit(150)].into_iter().sum::<Credit>(),
            Credit(250)
        );
    }
}
