//! The checks of the quiz settings form, and the scope check every quiz function makes first.

use crate::model::codes::QuizKind;
use crate::model::quizzes::forms::QuizForm;
use crate::model::quizzes::{QuizSettings, QUIZ_KINDS, REVIEWS, SELECTIONS};
use crate::model::wib;
use crate::model::{AppError, CohortId, CurrentUser, ErrorKind, QuizId};
use crate::ssr::quizzes::authoring::{self, Outcome};
use crate::ssr::quizzes::bank::normalize_tags;
use crate::ssr::validate::Validator;
use crate::ssr::{msg, state};

/// A whole number in `min..=max`; `default` when empty.
fn number(
    check: &mut Validator,
    field: &str,
    value: &str,
    (min, max): (i64, i64),
    default: Option<i64>,
) -> i64 {
    let value = value.trim();
    if value.is_empty() {
        if let Some(d) = default {
            return d;
        }
        check.fail(field, "form.required");
        return min;
    }
    match value.parse::<i64>() {
        Ok(n) if (min..=max).contains(&n) => n,
        _ => {
            check.fail_text(
                field,
                crate::i18n::text_with(
                    crate::ssr::request::request_lang(),
                    "quiz.number_range",
                    &[("min", &min.to_string()), ("max", &max.to_string())],
                ),
            );
            min
        }
    }
}

fn choice(check: &mut Validator, field: &str, value: &str, allowed: &[&str]) -> String {
    if !allowed.contains(&value) {
        check.fail(field, "quiz.choose_one");
    }
    value.to_string()
}

/// A WIB date and time as Unix seconds; an empty time is `default_minutes` after midnight.
fn instant(
    check: &mut Validator,
    date_field: &str,
    time_field: &str,
    date: &str,
    time: &str,
    default_minutes: i64,
) -> Option<i64> {
    let day = if date.trim().is_empty() {
        check.fail(date_field, "form.required");
        None
    } else {
        let day = wib::parse_date(date);
        if day.is_none() {
            check.fail(date_field, "quiz.date_invalid");
        }
        day
    };
    let minutes = if time.trim().is_empty() {
        Some(default_minutes)
    } else {
        let minutes = wib::parse_time(time);
        if minutes.is_none() {
            check.fail(time_field, "quiz.time_invalid");
        }
        minutes
    };
    Some(wib::start_of_day(day?) + minutes? * 60)
}

/// Checks the settings form; every message lands next to its field.
pub fn check(form: QuizForm) -> Result<QuizSettings, AppError> {
    let mut check = Validator::new();
    let title = check.required("title", &form.title, 200);
    let kind = choice(&mut check, "kind", &form.kind, QUIZ_KINDS);
    let selection = choice(&mut check, "selection", &form.selection, SELECTIONS);
    let random = selection == "random";
    let random_count = if random {
        number(
            &mut check,
            "random_count",
            &form.random_count,
            (1, 200),
            None,
        )
    } else {
        0
    };
    let random_tags = if random {
        match normalize_tags(&form.random_tags) {
            Ok(tags) => tags,
            Err(key) => {
                check.fail("random_tags", key);
                String::new()
            }
        }
    } else {
        String::new()
    };
    let time_limit_minutes = number(
        &mut check,
        "time_limit_minutes",
        &form.time_limit_minutes,
        (0, 600),
        Some(0),
    );
    let opens_at = instant(
        &mut check,
        "opens_on",
        "opens_time",
        &form.opens_on,
        &form.opens_time,
        0,
    );
    let closes_at = instant(
        &mut check,
        "closes_on",
        "closes_time",
        &form.closes_on,
        &form.closes_time,
        23 * 60 + 59,
    );
    if let (Some(opens), Some(closes)) = (opens_at, closes_at) {
        if closes <= opens {
            check.fail("closes_on", "quiz.closes_before_opens");
        }
    }
    let max_attempts = number(
        &mut check,
        "max_attempts",
        &form.max_attempts,
        (1, 20),
        Some(1),
    );
    let pass_percent = number(
        &mut check,
        "pass_percent",
        &form.pass_percent,
        (0, 100),
        Some(65),
    );
    let review = choice(&mut check, "review", &form.review, REVIEWS);
    let questions_per_page = number(
        &mut check,
        "questions_per_page",
        &form.questions_per_page,
        (1, 50),
        Some(5),
    );
    check.finish()?;
    let kind = QuizKind::from_code(&kind).expect("a kind that passed the check is a quiz kind");
    let selection = crate::model::codes::QuestionSelection::from_code(&selection)
        .expect("a selection that passed the check is a selection");
    let review = crate::model::codes::ReviewSetting::from_code(&review)
        .expect("a review setting that passed the check is one");
    Ok(QuizSettings {
        title,
        kind,
        selection,
        random_count,
        random_tags,
        shuffle_questions: i64::from(form.shuffle_questions.is_some()),
        shuffle_options: i64::from(form.shuffle_options.is_some()),
        time_limit_minutes,
        opens_at: opens_at.unwrap_or_default(),
        closes_at: closes_at.unwrap_or_default(),
        max_attempts,
        pass_percent,
        review,
        questions_per_page,
    })
}

/// The admin and the cohort of quiz `id`, if the cohort is in their scope (else 404).
pub async fn quiz_scope(id: QuizId) -> Result<(CurrentUser, CohortId), AppError> {
    use crate::ssr::db::internal;
    use crate::ssr::guard::Admin;
    let admin = Admin::require().await?;
    let db = &state()?.db;
    let not_found = || AppError::new(ErrorKind::NotFound, msg("quiz.not_found"));
    let cohort = authoring::cohort_of(db, id.0)
        .await
        .map_err(|e| internal("quiz cohort", e))?
        .map(CohortId)
        .ok_or_else(not_found)?;
    crate::ssr::scope::require_cohort(db, admin.scope, cohort)
        .await
        .map_err(|_| not_found())?;
    Ok((admin.user, cohort))
}

/// `Ok` for `Outcome::Done`, else the message that says why not.
pub fn outcome(result: Outcome) -> Result<(), AppError> {
    let conflict = |message: String| Err(AppError::new(ErrorKind::Conflict, message));
    match result {
        Outcome::Done => Ok(()),
        Outcome::Archived => conflict(msg("quiz.archived_no_edit")),
        Outcome::Locked => conflict(msg("quiz.locked")),
        Outcome::NoQuestions => conflict(msg("quiz.open_needs_questions")),
        Outcome::NotDraft => conflict(msg("quiz.open_only_draft")),
        Outcome::PoolTooSmall { pool, need } => conflict(crate::i18n::text_with(
            crate::ssr::request::request_lang(),
            "quiz.pool_too_small",
            &[("pool", &pool.to_string()), ("need", &need.to_string())],
        )),
    }
}

/// The page of quiz `id`.
pub fn quiz_path(id: QuizId) -> String {
    format!("/admin/kuis/{id}")
}
