//! Server functions of completion: a participant's checklist, a cohort's completion table, the
//! rules of a program or cohort, and the organiser's decisions.

#![expect(
    clippy::too_many_arguments,
    reason = "a form without JavaScript posts one field per input, and each is an argument of save_completion_rules (and of its client stub)"
)]

use crate::model::completion::{CohortCompletionTable, ParticipantCompletion};
use crate::model::{AppError, CohortId, EnrolmentId};
use leptos::prelude::*;

/// Rows of the cohort completion table per page.
pub const PAGE_SIZE: i64 = 100;

/// The caller's own checklist in cohort `cohort_id` (approved participants only; 404 otherwise).
#[server(endpoint = "my_completion")]
pub async fn my_completion(cohort_id: CohortId) -> Result<ParticipantCompletion, AppError> {
    use crate::model::completion::checklist;
    use crate::ssr::completion::{decisions, progress, rules};
    use crate::ssr::db::internal;
    use crate::ssr::groups::access::{heading, not_found};
    use crate::ssr::guard::Participant;
    use crate::ssr::sessions::access::is_participant;
    use crate::ssr::state;
    let Participant { user } = Participant::require().await?;
    let db = &state()?.db;
    let fail = |e| internal("my completion", e);
    let cohort = cohort_id.0;
    if !is_participant(db, user.id.0, cohort).await.map_err(fail)? {
        return Err(not_found());
    }
    let head = heading(db, cohort)
        .await
        .map_err(fail)?
        .ok_or_else(not_found)?;
    let in_force = rules::in_force(db, cohort).await.map_err(fail)?;
    let mut progress = progress::of_user(db, cohort, user.id.0)
        .await
        .map_err(fail)?;
    progress.surveys_to_answer = crate::ssr::completion::surveys::to_answer(db, cohort, user.id.0)
        .await
        .map_err(fail)?;
    let decision = decisions::of_user(db, cohort, user.id.0)
        .await
        .map_err(fail)?;
    let certificate: Option<(String,)> = sqlx::query_as(
        "select code from certificate where cohort_id = $1 and user_id = $2 and status = 'valid'",
    )
    .bind(cohort)
    .bind(user.id.0)
    .fetch_optional(db)
    .await
    .map_err(fail)?;
    Ok(ParticipantCompletion {
        cohort_id,
        cohort_name: head.name,
        program_title: head.program_title,
        rules_set: !in_force.rules.is_empty(),
        checklist: checklist(&in_force.rules, &progress, cohort_id),
        progress,
        decision,
        certificate_code: certificate.map(|(c,)| c),
    })
}

/// The completion table of a cohort (an admin with the cohort in scope, or a mentor named on it).
#[server(endpoint = "cohort_completion")]
pub async fn cohort_completion(
    cohort_id: CohortId,
    page: Option<i64>,
) -> Result<CohortCompletionTable, AppError> {
    use crate::model::completion::{checklist, CompletionRow};
    use crate::model::{Role, UserId};
    use crate::ssr::completion::{decisions, progress, rules};
    use crate::ssr::db::internal;
    use crate::ssr::groups::access::{audience, heading, not_found, Audience};
    use crate::ssr::guard::SignedIn;
    use crate::ssr::state;
    let SignedIn { user } = SignedIn::require().await?;
    let db = &state()?.db;
    let fail = |e| internal("cohort completion", e);
    let cohort = cohort_id.0;
    if audience(db, &user, cohort).await.map_err(fail)? != Some(Audience::Cohort) {
        return Err(not_found());
    }
    let head = heading(db, cohort)
        .await
        .map_err(fail)?
        .ok_or_else(not_found)?;
    let in_force = rules::in_force(db, cohort).await.map_err(fail)?;
    let (total,): (i64,) = sqlx::query_as(
        "select count(*) from enrolment where cohort_id = $1 and status = 'approved'",
    )
    .bind(cohort)
    .fetch_one(db)
    .await
    .map_err(fail)?;
    let pages = ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1);
    let page = page.unwrap_or(1).clamp(1, pages);
    let offset = (page - 1) * PAGE_SIZE;
    let users = progress::PAGE_USERS;
    let mut measures = progress::of_users(db, cohort, users, PAGE_SIZE, offset)
        .await
        .map_err(fail)?;
    let mut decided = decisions::of_users(db, cohort, users, PAGE_SIZE, offset)
        .await
        .map_err(fail)?;
    let people: Vec<(i64, i64, String, Option<String>)> = sqlx::query_as(
        "select e.id, u.id, u.name, u.nip from enrolment e join app_user u on u.id = e.user_id \
         where e.cohort_id = $1 and e.status = 'approved' order by u.name, e.id limit $2 offset $3",
    )
    .bind(cohort)
    .bind(PAGE_SIZE)
    .bind(offset)
    .fetch_all(db)
    .await
    .map_err(fail)?;
    let mut rows = Vec::with_capacity(people.len());
    for (enrolment, user_id, name, nip) in people {
        let mut p = measures.remove(&user_id).unwrap_or_default();
        if in_force.rules.require_surveys {
            p.surveys_to_answer = crate::ssr::completion::surveys::to_answer(db, cohort, user_id)
                .await
                .map_err(fail)?;
        }
        rows.push(CompletionRow {
            enrolment_id: EnrolmentId(enrolment),
            user_id: UserId(user_id),
            name,
            nip,
            checklist: checklist(&in_force.rules, &p, cohort_id),
            decision: decided.remove(&user_id),
        });
    }
    let met = rows.iter().filter(|r| r.checklist.all_met()).count() as i64;
    let (passed, not_passed) = decisions::counts(db, cohort).await.map_err(fail)?;
    let overrides = decisions::overrides(db, cohort, 20).await.map_err(fail)?;
    Ok(CohortCompletionTable {
        cohort_id,
        cohort_name: head.name,
        program_title: head.program_title,
        program_rules: in_force.program,
        cohort_rules: in_force.cohort,
        source: in_force.source,
        rows,
        page,
        pages,
        total,
        met,
        passed,
        not_passed,
        can_decide: user.role == Role::Admin,
        overrides,
    })
}

/// Sets the completion rules of the cohort's program (`target` = `program`) or of the cohort
/// alone (`target` = `cohort`); an empty field is not asked for.
#[server(endpoint = "save_completion_rules")]
pub async fn save_completion_rules(
    cohort_id: CohortId,
    target: String,
    #[server(default)] min_attendance_percent: String,
    #[server(default)] min_jp: String,
    #[server(default)] min_post_test_percent: String,
    #[server(default)] min_approved_products: String,
    #[server(default)] require_surveys: Option<String>,
    #[server(default)] min_coaching_cycles: String,
    #[server(default)] require_fee_settled: Option<String>,
) -> Result<(), AppError> {
    use crate::model::completion::CompletionRules;
    use crate::ssr::completion::rules::{self, Owner};
    use crate::ssr::db::internal;
    use crate::ssr::guard::Admin;
    use crate::ssr::state;
    use crate::ssr::validate::Validator;
    let admin = Admin::require_cohort(cohort_id).await?;
    let state = state()?;
    let db = &state.db;
    let mut check = Validator::new();
    let mut number = |field: &str, value: &str, max: i64| -> Option<i64> {
        let value = value.trim();
        if value.is_empty() {
            return None;
        }
        match value.parse::<i64>() {
            Ok(n) if (0..=max).contains(&n) => Some(n),
            _ => {
                check.fail(
                    field,
                    if max == 100 {
                        "completion.percent_invalid"
                    } else {
                        "completion.count_invalid"
                    },
                );
                None
            }
        }
    };
    let rules_typed = CompletionRules {
        min_attendance_percent: number("min_attendance_percent", &min_attendance_percent, 100),
        min_jp: number("min_jp", &min_jp, 10_000),
        min_post_test_percent: number("min_post_test_percent", &min_post_test_percent, 100),
        min_approved_products: number("min_approved_products", &min_approved_products, 100),
        require_surveys: require_surveys.is_some_and(|v| !v.is_empty()),
        min_coaching_cycles: number("min_coaching_cycles", &min_coaching_cycles, 100),
        require_fee_settled: require_fee_settled.is_some_and(|v| !v.is_empty()),
    };
    let owner = match target.as_str() {
        "program" => {
            let program = rules::program_of(db, cohort_id.0)
                .await
                .map_err(|e| internal("rules program", e))?
                .ok_or_else(crate::ssr::groups::access::not_found)?;
            Some(Owner::Program(program))
        }
        "cohort" => Some(Owner::Cohort(cohort_id.0)),
        _ => {
            check.fail("target", "completion.target_invalid");
            None
        }
    };
    check.finish()?;
    let Some(owner) = owner else {
        return Err(internal("save_completion_rules", "checked above"));
    };
    rules::save(db, owner, &rules_typed, admin.user.id.0, state.clock.now())
        .await
        .map_err(|e| internal("save rules", e))?;
    Ok(())
}

/// Drops the cohort's own rules: the program's apply again.
#[server(endpoint = "clear_cohort_completion_rules")]
pub async fn clear_cohort_completion_rules(cohort_id: CohortId) -> Result<(), AppError> {
    use crate::ssr::completion::rules;
    use crate::ssr::db::internal;
    use crate::ssr::guard::Admin;
    use crate::ssr::state;
    Admin::require_cohort(cohort_id).await?;
    rules::clear_cohort(&state()?.db, cohort_id.0)
        .await
        .map_err(|e| internal("clear rules", e))
}

/// Records the decision on one enrolment: `passed` is `1` or `0`. A decision against the
/// checklist needs a reason.
#[server(endpoint = "record_completion")]
pub async fn record_completion(
    enrolment_id: EnrolmentId,
    passed: String,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    use crate::ssr::completion::{decisions, progress, rules};
    use crate::ssr::db::internal;
    use crate::ssr::guard::Admin;
    use crate::ssr::state;
    use crate::ssr::validate::Validator;
    let fail = |e| internal("record completion", e);
    // An admin first: anyone else learns nothing about the id.
    let admin = Admin::require().await?;
    let state = state()?;
    let db = &state.db;
    let row: Option<(i64, i64)> = sqlx::query_as(
        "select cohort_id, user_id from enrolment where id = $1 and status = 'approved'",
    )
    .bind(enrolment_id.0)
    .fetch_optional(db)
    .await
    .map_err(fail)?;
    let (cohort, user) = row.ok_or_else(crate::ssr::groups::access::not_found)?;
    crate::ssr::scope::require_cohort(db, admin.scope, CohortId(cohort)).await?;
    let mut check = Validator::new();
    let passed = match passed.trim() {
        "1" => Some(true),
        "0" => Some(false),
        _ => {
            check.fail("passed", "completion.passed_invalid");
            None
        }
    };
    let reason = check.optional("reason", &reason, 500);
    let in_force = rules::in_force(db, cohort).await.map_err(fail)?;
    let mut p = progress::of_user(db, cohort, user).await.map_err(fail)?;
    p.surveys_to_answer = crate::ssr::completion::surveys::to_answer(db, cohort, user)
        .await
        .map_err(fail)?;
    let met = crate::model::completion::checklist(&in_force.rules, &p, CohortId(cohort)).all_met();
    if passed.is_some_and(|passed| passed != met) && reason.is_none() {
        check.fail("reason", "completion.reason_needed");
    }
    check.finish()?;
    let Some(passed) = passed else {
        return Err(internal("record_completion", "checked above"));
    };
    decisions::record(
        db,
        &decisions::NewDecision {
            enrolment: enrolment_id.0,
            cohort,
            user,
            passed,
            checklist_met: met,
            reason: reason.as_deref(),
            by: admin.user.id.0,
            now: state.clock.now(),
        },
        Some(&crate::ssr::audit::Actor::current(&admin.user)),
    )
    .await
    .map_err(fail)
}

/// Records "passed" for every participant of the cohort whose checklist is all met and who has
/// no decision yet. Returns how many were recorded.
#[server(endpoint = "pass_all_met")]
pub async fn pass_all_met(cohort_id: CohortId) -> Result<i64, AppError> {
    use crate::ssr::completion::{decisions, progress, rules};
    use crate::ssr::db::internal;
    use crate::ssr::guard::Admin;
    use crate::ssr::state;
    let admin = Admin::require_cohort(cohort_id).await?;
    let state = state()?;
    let db = &state.db;
    let fail = |e| internal("pass all met", e);
    let cohort = cohort_id.0;
    let in_force = rules::in_force(db, cohort).await.map_err(fail)?;
    let undecided = "select e.user_id from enrolment e where e.cohort_id = $1 \
         and e.status = 'approved' and cast($2 as bigint) >= 0 and cast($3 as bigint) >= 0 \
         and not exists (select 1 from completion_decision d where d.enrolment_id = e.id)";
    let measures = progress::of_users(db, cohort, undecided, 0, 0)
        .await
        .map_err(fail)?;
    let enrolments: Vec<(i64, i64)> = sqlx::query_as(
        "select id, user_id from enrolment where cohort_id = $1 and status = 'approved'",
    )
    .bind(cohort)
    .fetch_all(db)
    .await
    .map_err(fail)?;
    let now = state.clock.now();
    let actor = crate::ssr::audit::Actor::current(&admin.user);
    let mut recorded = 0;
    for (enrolment, user) in enrolments {
        let Some(mut p) = measures.get(&user).cloned() else {
            continue;
        };
        if in_force.rules.require_surveys {
            p.surveys_to_answer = crate::ssr::completion::surveys::to_answer(db, cohort, user)
                .await
                .map_err(fail)?;
        }
        if !crate::model::completion::checklist(&in_force.rules, &p, cohort_id).all_met() {
            continue;
        }
        decisions::record(
            db,
            &decisions::NewDecision {
                enrolment,
                cohort,
                user,
                passed: true,
                checklist_met: true,
                reason: None,
                by: admin.user.id.0,
                now,
            },
            Some(&actor),
        )
        .await
        .map_err(fail)?;
        recorded += 1;
    }
    Ok(recorded)
}
