//! Surveys (issue #20 items 1–4): instruments and their two ready templates (`store`), the
//! answers a participant gives (`answer`), results without names and the mentor index
//! (`results`), invitations and reminders of follow-up surveys (`followup`), and the plain HTTP
//! routes of every form and the CSV export (`http`). Who may see a survey is decided here.

pub mod answer;
pub mod followup;
pub mod http;
pub mod results;
pub mod store;

use crate::model::codes::{SurveyKind, SurveyTarget};
use crate::model::surveys::{MissingSurvey, SurveySummary};
use crate::model::{AppError, CurrentUser, ErrorKind, InstitutionId, Role};
use crate::ssr::db::{internal, Db};

/// The 404 of a survey the caller may not see (ids are not confirmed to exist).
pub fn not_found() -> AppError {
    AppError::new(ErrorKind::NotFound, crate::ssr::msg("survey.not_found"))
}

type SurveyRow = (
    i64,
    i64,
    String,
    SurveyKind,
    SurveyTarget,
    i64,
    i64,
    i64,
    i64,
    String,
);

const SURVEY_COLUMNS: &str = "s.id, s.cohort_id, s.title, s.kind, s.target, s.required, \
     s.opens_at, s.closes_at, s.instrument_id, i.title";

fn summary(row: SurveyRow) -> SurveySummary {
    let (
        id,
        cohort_id,
        title,
        kind,
        target,
        required,
        opens_at,
        closes_at,
        instrument_id,
        instrument_title,
    ) = row;
    SurveySummary {
        id,
        cohort_id,
        title,
        kind,
        target,
        required: required != 0,
        opens_at,
        closes_at,
        instrument_id,
        instrument_title,
    }
}

/// The survey `id`, if it exists.
pub async fn load(db: &Db, id: i64) -> Result<Option<SurveySummary>, sqlx::Error> {
    let row: Option<SurveyRow> = sqlx::query_as(&format!(
        "select {SURVEY_COLUMNS} from survey s join survey_instrument i on i.id = s.instrument_id \
         where s.id = $1"
    ))
    .bind(id)
    .fetch_optional(db)
    .await?;
    Ok(row.map(summary))
}

/// The surveys of a cohort, by opening time.
pub async fn of_cohort(db: &Db, cohort: i64) -> Result<Vec<SurveySummary>, sqlx::Error> {
    let rows: Vec<SurveyRow> = sqlx::query_as(&format!(
        "select {SURVEY_COLUMNS} from survey s join survey_instrument i on i.id = s.instrument_id \
         where s.cohort_id = $1 order by s.opens_at, s.id"
    ))
    .bind(cohort)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(summary).collect())
}

/// The survey if the admin has its cohort in scope, else the 404.
pub async fn require_admin(
    db: &Db,
    scope: InstitutionId,
    id: i64,
) -> Result<SurveySummary, AppError> {
    let fail = |e| internal("survey access", e);
    let survey = load(db, id).await.map_err(fail)?.ok_or_else(not_found)?;
    if crate::ssr::scope::cohort_in_scope(db, scope, crate::model::CohortId(survey.cohort_id))
        .await
        .map_err(fail)?
    {
        Ok(survey)
    } else {
        Err(not_found())
    }
}

/// The survey if `user` is an approved participant of its cohort and it has opened, else the 404.
pub async fn require_participant(
    db: &Db,
    user: &CurrentUser,
    id: i64,
    now: i64,
) -> Result<SurveySummary, AppError> {
    let fail = |e| internal("survey access", e);
    let survey = load(db, id).await.map_err(fail)?.ok_or_else(not_found)?;
    let member = user.role == Role::Participant
        && crate::ssr::sessions::access::is_participant(db, user.id.0, survey.cohort_id)
            .await
            .map_err(fail)?;
    if member && survey.opens_at <= now {
        Ok(survey)
    } else {
        Err(not_found())
    }
}

/// The persons a survey evaluates, by name: (user id, name), or `(0, organiser)` for the
/// organiser (its name: the institution that organises the program).
pub async fn subjects(db: &Db, survey: &SurveySummary) -> Result<Vec<(i64, String)>, sqlx::Error> {
    match survey.target {
        SurveyTarget::Organiser => {
            let name: Option<String> = sqlx::query_scalar(
                "select n.name from cohort c join program p on p.id = c.program_id \
                 join institution n on n.id = p.organizer_id where c.id = $1",
            )
            .bind(survey.cohort_id)
            .fetch_optional(db)
            .await?;
            Ok(vec![(0, name.unwrap_or_default())])
        }
        SurveyTarget::Mentor => {
            sqlx::query_as(
                "select u.id, u.name from app_user u where u.id in \
                 (select user_id from cohort_mentor where cohort_id = $1 union \
                 select mentor_id from mentor_group where cohort_id = $1 and mentor_id is not null) \
                 order by u.name, u.id",
            )
            .bind(survey.cohort_id)
            .fetch_all(db)
            .await
        }
        SurveyTarget::Host => {
            sqlx::query_as(
                "select u.id, u.name from app_user u where u.id in \
                 (select host_user_id from live_session where cohort_id = $1 \
                 and host_user_id is not null) order by u.name, u.id",
            )
            .bind(survey.cohort_id)
            .fetch_all(db)
            .await
        }
    }
}

/// The persons evaluated for whom `user` has answered `survey`.
pub async fn answered_for(db: &Db, survey: i64, user: i64) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "select subject_id from survey_answered where survey_id = $1 and user_id = $2",
    )
    .bind(survey)
    .bind(user)
    .fetch_all(db)
    .await
}

/// The server's time: the app's clock when called inside a request (tests move it), else the
/// system's.
fn clock_now() -> i64 {
    leptos::prelude::use_context::<crate::ssr::AppState>()
        .map(|state| state.clock.now())
        .unwrap_or_else(crate::ssr::db::now_unix)
}

/// Every survey of `cohort` that is open now, or closed but required for completion, which
/// `user` has not answered for every person it evaluates; each with the form of the first
/// person still to evaluate. For the completion checklist.
pub async fn missing_required(
    db: &Db,
    cohort: i64,
    user: i64,
) -> Result<Vec<MissingSurvey>, sqlx::Error> {
    missing_at(db, cohort, user, clock_now()).await
}

/// [`missing_required`] at `now`.
pub async fn missing_at(
    db: &Db,
    cohort: i64,
    user: i64,
    now: i64,
) -> Result<Vec<MissingSurvey>, sqlx::Error> {
    let mut missing = Vec::new();
    for survey in of_cohort(db, cohort).await? {
        let open = survey.opens_at <= now && now < survey.closes_at;
        let closed_required = survey.closes_at <= now && survey.required;
        if !open && !closed_required {
            continue;
        }
        let done = answered_for(db, survey.id, user).await?;
        let first_missing = subjects(db, &survey)
            .await?
            .into_iter()
            .find(|(id, _)| !done.contains(id));
        if let Some((subject, _)) = first_missing {
            missing.push(MissingSurvey {
                title: survey.title.clone(),
                href: format!("/peserta/survei/{}/{subject}", survey.id),
            });
        }
    }
    Ok(missing)
}
