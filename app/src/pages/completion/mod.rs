//! Completion pages: a participant's checklist in a cohort, and a cohort's completion table with
//! its rules and the organiser's decisions.

mod cohort;
mod participant;
pub use cohort::CohortCompletionPage;
pub use participant::MyCompletionPage;

use crate::i18n::I18n;
use crate::model::completion::{CheckItem, Decision, Requirement};

/// What one checklist line says: what is asked and what is reached.
pub fn item_text(i: I18n, item: &CheckItem) -> String {
    let (required, reached) = (item.required.to_string(), item.reached.to_string());
    let args = [
        ("required", required.as_str()),
        ("reached", reached.as_str()),
    ];
    match item.requirement {
        Requirement::Attendance => i.t_with("completion.item_attendance", &args),
        Requirement::Jp => i.t_with("completion.item_jp", &args),
        Requirement::PostTest => i.t_with("completion.item_post_test", &args),
        Requirement::WorkProducts => i.t_with("completion.item_products", &args),
        Requirement::CoachingCycles => i.t_with("completion.item_coaching", &args),
        Requirement::Surveys if item.met => i.t("completion.item_surveys_done"),
        Requirement::Surveys => i.t_with("completion.item_surveys", &args),
        Requirement::Fee if item.met => i.t("completion.item_fee_done"),
        Requirement::Fee => i.t("completion.item_fee"),
    }
}

/// A decision in words: passed or not, and whether it overrode the checklist.
pub fn decision_text(i: I18n, d: &Decision) -> String {
    let mut text = if d.passed {
        i.t("completion.passed")
    } else {
        i.t("completion.not_passed")
    };
    if d.against_checklist {
        text.push_str(" · ");
        text.push_str(&i.t("completion.override"));
    }
    text
}
