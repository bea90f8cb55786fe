//! Reading surveys: the admin's instruments and bands, one instrument, a cohort's surveys, the
//! participant's open surveys and a form, the results (admin, or the person evaluated from five
//! responses on), the mentor index and the mentor's own surveys. Each checks the caller first.

use crate::model::surveys::{
    AnswerPage, CohortSurveysPage, InstrumentPage, InstrumentsPage, MentorIndexPage,
    MentorSurveysPage, MySurveysPage, ResultsPage,
};
use crate::model::AppError;
use leptos::prelude::*;

/// The instruments in the admin's scope and the bands of their institution.
#[server(endpoint = "survey_instruments")]
pub async fn survey_instruments() -> Result<InstrumentsPage, AppError> {
    use crate::ssr::db::internal;
    use crate::ssr::guard::Admin;
    use crate::ssr::surveys::store;
    let admin = Admin::require().await?;
    let db = &crate::ssr::state()?.db;
    let fail = |e| internal("survey instruments", e);
    Ok(InstrumentsPage {
        instruments: store::instruments(db, admin.scope).await.map_err(fail)?,
        bands: store::bands(db, admin.scope).await.map_err(fail)?,
    })
}

/// One instrument in the admin's scope, with its items.
#[server(endpoint = "survey_instrument")]
pub async fn survey_instrument(id: i64) -> Result<InstrumentPage, AppError> {
    use crate::ssr::db::internal;
    use crate::ssr::guard::Admin;
    use crate::ssr::surveys::{not_found, store};
    let admin = Admin::require().await?;
    let db = &crate::ssr::state()?.db;
    let fail = |e| internal("survey instrument", e);
    if !store::instrument_in_scope(db, admin.scope, id)
        .await
        .map_err(fail)?
    {
        return Err(not_found());
    }
    Ok(InstrumentPage {
        id,
        title: store::title(db, id)
            .await
            .map_err(fail)?
            .unwrap_or_default(),
        items: store::items(db, id).await.map_err(fail)?,
        locked: store::locked(db, id).await.map_err(fail)?,
    })
}

/// A cohort's surveys and the instruments a new one may use (admin with the cohort in scope).
#[server(endpoint = "cohort_surveys")]
pub async fn cohort_surveys(cohort_id: i64) -> Result<CohortSurveysPage, AppError> {
    use crate::model::CohortId;
    use crate::ssr::db::internal;
    use crate::ssr::guard::Admin;
    use crate::ssr::surveys::{of_cohort, store};
    let admin = Admin::require_cohort(CohortId(cohort_id)).await?;
    let db = &crate::ssr::state()?.db;
    let fail = |e| internal("cohort surveys", e);
    let (cohort_name, program_title): (String, String) = sqlx::query_as(
        "select c.name, p.title from cohort c join program p on p.id = c.program_id \
         where c.id = $1",
    )
    .bind(cohort_id)
    .fetch_one(db)
    .await
    .map_err(fail)?;
    Ok(CohortSurveysPage {
        cohort_id,
        cohort_name,
        program_title,
        surveys: of_cohort(db, cohort_id).await.map_err(fail)?,
        instruments: store::instruments(db, admin.scope)
            .await
            .map_err(fail)?
            .into_iter()
            .map(|i| (i.id, i.title))
            .collect(),
    })
}

/// The participant's surveys that are open now, one line per person evaluated.
#[server(endpoint = "my_surveys")]
pub async fn my_surveys() -> Result<MySurveysPage, AppError> {
    use crate::model::surveys::MySurvey;
    use crate::ssr::db::internal;
    use crate::ssr::guard::Participant;
    use crate::ssr::surveys::{answered_for, load, subjects};
    let Participant { user } = Participant::require().await?;
    let state = crate::ssr::state()?;
    let db = &state.db;
    let now = state.clock.now();
    let fail = |e| internal("my surveys", e);
    let open: Vec<(i64, String)> = sqlx::query_as(
        "select s.id, c.name from survey s join cohort c on c.id = s.cohort_id \
         join enrolment e on e.cohort_id = s.cohort_id and e.user_id = $1 \
         and e.status = 'approved' where s.opens_at <= $2 and s.closes_at > $2 \
         order by s.closes_at, s.id",
    )
    .bind(user.id.0)
    .bind(now)
    .fetch_all(db)
    .await
    .map_err(fail)?;
    let mut items = Vec::new();
    for (id, cohort_name) in open {
        let Some(survey) = load(db, id).await.map_err(fail)? else {
            continue;
        };
        let done = answered_for(db, id, user.id.0).await.map_err(fail)?;
        for (subject_id, subject_name) in subjects(db, &survey).await.map_err(fail)? {
            items.push(MySurvey {
                survey_id: id,
                title: survey.title.clone(),
                cohort_name: cohort_name.clone(),
                subject_id,
                subject_name,
                closes_at: survey.closes_at,
                answered: done.contains(&subject_id),
            });
        }
    }
    Ok(MySurveysPage { items })
}

/// The form of a survey about one person, for a participant of its cohort.
#[server(endpoint = "survey_form")]
pub async fn survey_form(survey_id: i64, subject_id: i64) -> Result<AnswerPage, AppError> {
    use crate::ssr::db::internal;
    use crate::ssr::guard::Participant;
    use crate::ssr::surveys::{answered_for, not_found, require_participant, store, subjects};
    let Participant { user } = Participant::require().await?;
    let state = crate::ssr::state()?;
    let db = &state.db;
    let now = state.clock.now();
    let fail = |e| internal("survey form", e);
    let survey = require_participant(db, &user, survey_id, now).await?;
    let subject_name = subjects(db, &survey)
        .await
        .map_err(fail)?
        .into_iter()
        .find(|(id, _)| *id == subject_id)
        .map(|(_, name)| name)
        .ok_or_else(not_found)?;
    let cohort_name: String = sqlx::query_scalar("select name from cohort where id = $1")
        .bind(survey.cohort_id)
        .fetch_one(db)
        .await
        .map_err(fail)?;
    Ok(AnswerPage {
        survey_id,
        title: survey.title.clone(),
        cohort_name,
        subject_id,
        subject_name,
        closes_at: survey.closes_at,
        items: store::items(db, survey.instrument_id).await.map_err(fail)?,
        answered: answered_for(db, survey_id, user.id.0)
            .await
            .map_err(fail)?
            .contains(&subject_id),
        open: now < survey.closes_at,
    })
}

/// A survey's results: for an admin with its cohort in scope, everyone evaluated and who has
/// answered; for a mentor, only the results about them, and only from five responses on.
#[server(endpoint = "survey_results")]
pub async fn survey_results(survey_id: i64) -> Result<ResultsPage, AppError> {
    use crate::model::surveys::Bands;
    use crate::model::Role;
    use crate::ssr::db::internal;
    use crate::ssr::guard::{Admin, Staff};
    use crate::ssr::surveys::{load, not_found, require_admin, results, store, subjects};
    let Staff { user } = Staff::require().await?;
    let db = &crate::ssr::state()?.db;
    let fail = |e| internal("survey results", e);
    let admin = user.role == Role::Admin;
    let survey = if admin {
        let Admin { scope, .. } = Admin::require().await?;
        require_admin(db, scope, survey_id).await?
    } else {
        load(db, survey_id)
            .await
            .map_err(fail)?
            .ok_or_else(not_found)?
    };
    let mut people = subjects(db, &survey).await.map_err(fail)?;
    if !admin {
        people.retain(|(id, _)| *id == user.id.0);
        if people.is_empty() {
            return Err(not_found());
        }
    }
    let items = store::items(db, survey.instrument_id).await.map_err(fail)?;
    let bands = match store::organiser_of(db, survey.cohort_id)
        .await
        .map_err(fail)?
    {
        Some(org) => store::bands(db, org).await.map_err(fail)?,
        None => Bands::default(),
    };
    let of = people.len() as i64;
    let mut subjects_out = Vec::new();
    for person in people {
        subjects_out.push(
            results::subject_result(db, survey_id, person, &items, &bands, !admin)
                .await
                .map_err(fail)?,
        );
    }
    let completion = if admin {
        results::completion(db, &survey, of).await.map_err(fail)?
    } else {
        Vec::new()
    };
    let cohort_name: String = sqlx::query_scalar("select name from cohort where id = $1")
        .bind(survey.cohort_id)
        .fetch_one(db)
        .await
        .map_err(fail)?;
    Ok(ResultsPage {
        survey,
        cohort_name,
        subjects: subjects_out,
        completion,
        admin,
    })
}

/// Every mentor's and host's index across the cohorts in the admin's scope.
#[server(endpoint = "mentor_index")]
pub async fn mentor_index() -> Result<MentorIndexPage, AppError> {
    use crate::ssr::db::internal;
    use crate::ssr::guard::Admin;
    use crate::ssr::surveys::{results, store};
    let admin = Admin::require().await?;
    let db = &crate::ssr::state()?.db;
    let fail = |e| internal("mentor index", e);
    let bands = store::bands(db, admin.scope).await.map_err(fail)?;
    Ok(MentorIndexPage {
        rows: results::index_in_scope(db, admin.scope, &bands)
            .await
            .map_err(fail)?,
        bands,
    })
}

/// The surveys about the calling mentor and their own index (from surveys with five responses
/// or more about them).
#[server(endpoint = "mentor_surveys")]
pub async fn mentor_surveys() -> Result<MentorSurveysPage, AppError> {
    use crate::model::surveys::{Bands, MentorSurveyLine, MIN_RESPONSES};
    use crate::ssr::db::internal;
    use crate::ssr::guard::Mentor;
    use crate::ssr::surveys::{results, store};
    let Mentor { user } = Mentor::require().await?;
    let db = &crate::ssr::state()?.db;
    let fail = |e| internal("mentor surveys", e);
    let bands = match user.institution_id {
        Some(org) => store::bands(db, org).await.map_err(fail)?,
        None => Bands::default(),
    };
    let surveys = results::about(db, user.id.0)
        .await
        .map_err(fail)?
        .into_iter()
        .map(
            |(survey_id, title, cohort_name, responses)| MentorSurveyLine {
                survey_id,
                title,
                cohort_name,
                responses,
                needed: (MIN_RESPONSES - responses).max(0),
            },
        )
        .collect();
    Ok(MentorSurveysPage {
        surveys,
        index: results::own_index(db, user.id.0, &bands)
            .await
            .map_err(fail)?,
    })
}
