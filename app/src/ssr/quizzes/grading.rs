//! Automatic grading of one answer, without the database: single choice and true/false (all or
//! nothing), multiple choice with partial credit, short answers matched after normalizing case,
//! spaces and accents. Scores are thousandths of a point.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// How a question is answered (the stored `question.kind`).
pub use crate::model::codes::QuestionKind as Kind;

/// One option of a question: its id, its text and whether it is correct (for a short-answer
/// question every option is an accepted answer).
#[derive(Clone, Debug)]
pub struct KeyOption {
    pub id: i64,
    pub label: String,
    pub correct: bool,
}

/// Lower-case, accents removed, inner runs of spaces made one, ends trimmed.
pub fn normalize_text(text: &str) -> String {
    let plain: String = text
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect();
    plain.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The option ids in a stored choice answer (`"12"` or `"12,15"`); anything else is dropped.
pub fn chosen_ids(answer: &str) -> Vec<i64> {
    let mut ids: Vec<i64> = answer
        .split(',')
        .filter_map(|part| part.trim().parse().ok())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// The score of `answer` (None: not answered) in thousandths of a point, out of `points`.
///
/// Multiple choice: the share of correct options chosen minus the share of wrong options
/// chosen, never below zero (so choosing everything earns nothing).
pub fn score_milli(kind: Kind, points: i64, options: &[KeyOption], answer: Option<&str>) -> i64 {
    let full = points * 1000;
    let Some(answer) = answer.filter(|a| !a.trim().is_empty()) else {
        return 0;
    };
    match kind {
        Kind::Single | Kind::TrueFalse => {
            let chosen = chosen_ids(answer);
            let right = chosen.len() == 1 && options.iter().any(|o| o.correct && o.id == chosen[0]);
            if right {
                full
            } else {
                0
            }
        }
        Kind::Multiple => {
            let chosen = chosen_ids(answer);
            let correct = options.iter().filter(|o| o.correct).count() as i64;
            let wrong = options.len() as i64 - correct;
            let mut right_chosen = 0i64;
            let mut wrong_chosen = 0i64;
            for id in &chosen {
                match options.iter().find(|o| o.id == *id) {
                    Some(o) if o.correct => right_chosen += 1,
                    Some(_) => wrong_chosen += 1,
                    None => {}
                }
            }
            if correct == 0 {
                return 0;
            }
            // Work in thousandths of the full mark to stay in integers.
            let gained = right_chosen * full / correct;
            let lost = if wrong > 0 {
                wrong_chosen * full / wrong
            } else {
                0
            };
            (gained - lost).clamp(0, full)
        }
        Kind::Short => {
            let given = normalize_text(answer);
            if options
                .iter()
                .any(|o| !given.is_empty() && normalize_text(&o.label) == given)
            {
                full
            } else {
                0
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(correct: &[bool]) -> Vec<KeyOption> {
        correct
            .iter()
            .enumerate()
            .map(|(i, c)| KeyOption {
                id: 10 + i as i64,
                label: format!("o{i}"),
                correct: *c,
            })
            .collect()
    }

    #[test]
    fn single_choice_is_all_or_nothing() {
        let o = opts(&[false, true, false]);
        assert_eq!(score_milli(Kind::Single, 2, &o, Some("11")), 2000);
        assert_eq!(score_milli(Kind::Single, 2, &o, Some("10")), 0);
        assert_eq!(score_milli(Kind::Single, 2, &o, Some("10,11")), 0);
        assert_eq!(score_milli(Kind::Single, 2, &o, None), 0);
        assert_eq!(score_milli(Kind::Single, 2, &o, Some("rubbish")), 0);
    }

    #[test]
    fn multiple_choice_gives_partial_credit_and_never_below_zero() {
        // Two right (10, 11), two wrong (12, 13).
        let o = opts(&[true, true, false, false]);
        assert_eq!(score_milli(Kind::Multiple, 1, &o, Some("10,11")), 1000);
        assert_eq!(score_milli(Kind::Multiple, 1, &o, Some("10")), 500);
        assert_eq!(score_milli(Kind::Multiple, 1, &o, Some("10,12")), 0);
        assert_eq!(score_milli(Kind::Multiple, 1, &o, Some("10,11,12")), 500);
        assert_eq!(score_milli(Kind::Multiple, 1, &o, Some("10,11,12,13")), 0);
        assert_eq!(score_milli(Kind::Multiple, 1, &o, Some("12,13")), 0);
        // Repeated ids count once.
        assert_eq!(score_milli(Kind::Multiple, 1, &o, Some("10,10")), 500);
    }

    #[test]
    fn short_answers_ignore_case_spaces_and_accents() {
        let accepted = vec![KeyOption {
            id: 1,
            label: "Ki Hajar Dewantara".into(),
            correct: true,
        }];
        for given in [
            "ki hajar dewantara",
            "  KI   HAJAR dewantara ",
            "Kí Hajár Dewantara",
        ] {
            assert_eq!(
                score_milli(Kind::Short, 1, &accepted, Some(given)),
                1000,
                "{given}"
            );
        }
        assert_eq!(score_milli(Kind::Short, 1, &accepted, Some("Dewantara")), 0);
        assert_eq!(score_milli(Kind::Short, 1, &accepted, Some("   ")), 0);
    }

    #[test]
    fn normalizing_keeps_letters_and_digits() {
        assert_eq!(normalize_text("Élève  2\tÇA"), "eleve 2 ca");
    }
}
