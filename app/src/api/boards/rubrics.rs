//! Server functions of rubrics: the programs a user writes rubrics for, one rubric, saving one
//! (a fixed grid of up to 5 levels × 8 criteria, so the form works without JavaScript), and a
//! mentor's score of a post with one.

// The macro's client stub drops attributes on the function, hence the module-wide expectation.
#![expect(
    clippy::too_many_arguments,
    reason = "a form without JavaScript posts one field per cell of the grid, and each is an argument of save_rubric and score_post (and of their client stubs)"
)]

use crate::model::boards::{ProgramRubrics, RubricView};
use crate::model::{AppError, PostId, RubricId};
use leptos::prelude::*;

/// The programs the signed-in admin or mentor writes rubrics for, with their rubrics.
#[server(endpoint = "my_rubrics")]
pub async fn my_rubrics() -> Result<Vec<ProgramRubrics>, AppError> {
    use crate::ssr::boards::rubrics;
    use crate::ssr::db::internal;
    use crate::ssr::guard::Staff;
    use crate::ssr::state;
    let Staff { user } = Staff::require().await?;
    rubrics::programs_of(&state()?.db, &user, 100)
        .await
        .map_err(|e| internal("rubric programs", e))
}

/// The rubric's 404 (also for one the caller may not see).
#[cfg(feature = "ssr")]
fn not_found() -> AppError {
    use crate::model::ErrorKind;
    AppError::new(ErrorKind::NotFound, crate::ssr::msg("rubric.not_found"))
}

/// One rubric, for those who may write rubrics for its program.
#[server(name = RubricPageFn, endpoint = "rubric_page")]
pub async fn rubric_page(rubric_id: RubricId) -> Result<RubricView, AppError> {
    use crate::ssr::boards::rubrics;
    use crate::ssr::db::internal;
    use crate::ssr::guard::Staff;
    use crate::ssr::state;
    let Staff { user } = Staff::require().await?;
    let db = &state()?.db;
    let rubric = rubrics::get(db, rubric_id.0)
        .await
        .map_err(|e| internal("rubric", e))?
        .ok_or_else(not_found)?;
    if !rubrics::may_author(db, &user, rubric.program_id.0)
        .await
        .map_err(|e| internal("rubric author", e))?
    {
        return Err(not_found());
    }
    Ok(rubric)
}

/// The draft the form describes, or the messages next to its fields.
#[cfg(feature = "ssr")]
fn check_draft(
    title: &str,
    levels: [(&str, &str); crate::model::boards::MAX_LEVELS],
    criteria: [(&str, &str); crate::model::boards::MAX_CRITERIA],
) -> Result<crate::ssr::boards::rubrics::Draft, AppError> {
    use crate::ssr::validate::Validator;
    let mut check = Validator::new();
    let title = check.required("title", title, 200);
    let mut kept_levels: Vec<(String, i64)> = Vec::new();
    let mut level_refused = false;
    for (n, (label, points)) in levels.iter().enumerate() {
        let (label, points) = (label.trim(), points.trim());
        let (label_field, points_field) = (format!("l{}", n + 1), format!("p{}", n + 1));
        if label.is_empty() && points.is_empty() {
            continue;
        }
        if label.is_empty() {
            check.fail(&label_field, "rubric.level_label_missing");
            level_refused = true;
            continue;
        }
        if label.chars().count() > 60 {
            check.fail(&label_field, "rubric.level_label_long");
            level_refused = true;
        }
        match points.parse::<i64>() {
            Ok(value) if (0..=1000).contains(&value) => {
                if kept_levels
                    .last()
                    .is_some_and(|(_, before)| *before >= value)
                {
                    check.fail(&points_field, "rubric.points_ascending");
                    level_refused = true;
                }
                kept_levels.push((label.to_string(), value));
            }
            _ => {
                check.fail(&points_field, "rubric.points_invalid");
                level_refused = true;
            }
        }
    }
    if kept_levels.len() < 2 && !level_refused {
        check.fail("l1", "rubric.levels_too_few");
    }
    let mut kept_criteria: Vec<(String, String)> = Vec::new();
    for (n, (name, description)) in criteria.iter().enumerate() {
        let (name, description) = (name.trim(), description.trim());
        let (name_field, description_field) = (format!("c{}", n + 1), format!("d{}", n + 1));
        if name.is_empty() {
            if !description.is_empty() {
                check.fail(&name_field, "rubric.criterion_missing");
            }
            continue;
        }
        if name.chars().count() > 200 {
            check.fail(&name_field, "rubric.criterion_long");
        }
        if description.chars().count() > 500 {
            check.fail(&description_field, "rubric.description_long");
        }
        kept_criteria.push((name.to_string(), description.to_string()));
    }
    if kept_criteria.is_empty() {
        check.fail("c1", "rubric.criteria_too_few");
    }
    check.finish()?;
    Ok(crate::ssr::boards::rubrics::Draft {
        title,
        levels: kept_levels,
        criteria: kept_criteria,
    })
}

/// Creates a rubric of `program_id` (when `rubric_id` is empty) or replaces one not used yet.
#[server(endpoint = "save_rubric")]
pub async fn save_rubric(
    rubric_id: String,
    program_id: String,
    title: String,
    l1: String,
    p1: String,
    l2: String,
    p2: String,
    l3: String,
    p3: String,
    l4: String,
    p4: String,
    l5: String,
    p5: String,
    c1: String,
    d1: String,
    c2: String,
    d2: String,
    c3: String,
    d3: String,
    c4: String,
    d4: String,
    c5: String,
    d5: String,
    c6: String,
    d6: String,
    c7: String,
    d7: String,
    c8: String,
    d8: String,
) -> Result<(), AppError> {
    use crate::model::ErrorKind;
    use crate::ssr::boards::rubrics;
    use crate::ssr::db::{internal, now_unix};
    use crate::ssr::guard::Staff;
    use crate::ssr::validate::Validator;
    use crate::ssr::{msg, state};
    let Staff { user } = Staff::require().await?;
    let db = &state()?.db;
    let existing = match rubric_id.trim() {
        "" => None,
        text => Some(
            rubrics::get(db, text.parse::<i64>().map_err(|_| not_found())?)
                .await
                .map_err(|e| internal("rubric", e))?
                .ok_or_else(not_found)?,
        ),
    };
    let program = match &existing {
        Some(rubric) => rubric.program_id,
        None => crate::model::ids::ProgramId(
            program_id
                .trim()
                .parse::<i64>()
                .map_err(|_| Validator::field_error("program_id", "rubric.program_missing"))?,
        ),
    };
    if !rubrics::may_author(db, &user, program.0)
        .await
        .map_err(|e| internal("rubric author", e))?
    {
        return Err(match existing {
            Some(_) => not_found(),
            None => Validator::field_error("program_id", "rubric.program_missing"),
        });
    }
    let draft = check_draft(
        &title,
        [(&l1, &p1), (&l2, &p2), (&l3, &p3), (&l4, &p4), (&l5, &p5)]
            .map(|(a, b)| (a.as_str(), b.as_str())),
        [
            (&c1, &d1),
            (&c2, &d2),
            (&c3, &d3),
            (&c4, &d4),
            (&c5, &d5),
            (&c6, &d6),
            (&c7, &d7),
            (&c8, &d8),
        ]
        .map(|(a, b)| (a.as_str(), b.as_str())),
    )?;
    let id = match existing {
        None => rubrics::create(db, program.0, user.id.0, &draft, now_unix())
            .await
            .map_err(|e| internal("create rubric", e))?,
        Some(rubric) => {
            if !rubrics::replace(db, rubric.id.0, &draft, now_unix())
                .await
                .map_err(|e| internal("replace rubric", e))?
            {
                return Err(AppError::new(ErrorKind::Conflict, msg("rubric.locked")));
            }
            rubric.id.0
        }
    };
    tracing::info!(
        user = user.id.0,
        rubric = id,
        program = program.0,
        "rubric saved"
    );
    crate::ssr::flash::go_to(&format!("/rubrik/{id}"), "", "rubric.saved");
    Ok(())
}

/// A mentor (or admin) scores the post's current revision with a rubric of its program; `kN` is
/// the level chosen for the rubric's N-th criterion.
#[server(endpoint = "score_post")]
pub async fn score_post(
    post_id: PostId,
    rubric_id: RubricId,
    note: String,
    k1: Option<String>,
    k2: Option<String>,
    k3: Option<String>,
    k4: Option<String>,
    k5: Option<String>,
    k6: Option<String>,
    k7: Option<String>,
    k8: Option<String>,
) -> Result<(), AppError> {
    use crate::ssr::boards::access::BoardRight;
    use crate::ssr::boards::rubrics::{self, NewScore};
    use crate::ssr::db::{internal, now_unix};
    use crate::ssr::guard::SignedIn;
    use crate::ssr::state;
    use crate::ssr::validate::Validator;
    let SignedIn { user } = SignedIn::require().await?;
    let state = state()?;
    let db = &state.db;
    let (head, _) = super::guard::post(db, &user, post_id, BoardRight::Moderate).await?;
    let program = rubrics::program_of_post(db, post_id.0)
        .await
        .map_err(|e| internal("post program", e))?;
    let rubric = rubrics::get(db, rubric_id.0)
        .await
        .map_err(|e| internal("rubric", e))?
        .filter(|r| Some(r.program_id.0) == program)
        .ok_or_else(|| Validator::field_error("rubric_id", "rubric.not_of_program"))?;
    if note.chars().count() > 2000 {
        return Err(Validator::field_error("note", "rubric.note_long"));
    }
    let levels = [k1, k2, k3, k4, k5, k6, k7, k8]
        .into_iter()
        .map(|k| k.and_then(|v| v.trim().parse::<i64>().ok()))
        .collect();
    let new = NewScore {
        post: post_id.0,
        rubric: &rubric,
        by: user.id.0,
        levels,
        note: note.trim(),
    };
    let id = rubrics::score(db, &new, now_unix())
        .await
        .map_err(|e| internal("score post", e))?
        .map_err(|unscored| {
            Validator::field_error(&format!("k{}", unscored.0.max(1)), "rubric.level_missing")
        })?;
    tracing::info!(
        user = user.id.0,
        post = post_id.0,
        score = id,
        "post scored"
    );
    state.boards.changed(head.board_id).await;
    // The query makes the browser load the page again (a hash alone would not).
    crate::ssr::flash::go_to(
        &format!("/papan/pos/{post_id}"),
        &format!("?dinilai={id}#nilai"),
        "rubric.scored",
    );
    Ok(())
}
