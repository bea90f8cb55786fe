//! The plain HTTP routes of surveys: every form of the builder, creating a survey, the bands,
//! answering (one field per item, so a plain form that works without JavaScript), and a
//! survey's results as CSV. A refused form goes back to its page with the messages next to the
//! fields and everything typed kept (the flash cookie).

use super::answer::{self, ItemProblem};
use super::{require_admin, require_participant, results, store};
use crate::model::codes::{SurveyItemKind, SurveyKind, SurveyTarget};
use crate::model::surveys::Bands;
use crate::model::{AppError, CohortId, ErrorKind, FieldError, Flash, Lang};
use crate::ssr::csv::{self, Cell};
use crate::ssr::db::internal;
use crate::ssr::guard::{Admin, Participant};
use crate::ssr::http::{
    form_field as field, form_fields, go_with_notice, redirect, refusal, with_flash,
};
use crate::ssr::request::lang_from_headers;
use crate::ssr::AppState;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use http::HeaderMap;

/// The survey routes, for merging into the app's router.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/survei/instrumen", post(new_instrument))
        .route("/admin/survei/templat", post(new_from_template))
        .route("/admin/survei/predikat", post(save_bands))
        .route("/admin/instrumen/{id}/butir", post(add_item))
        .route(
            "/admin/instrumen/{id}/butir/{item}/{action}",
            post(change_item),
        )
        .route("/admin/angkatan/{id}/survei", post(new_survey))
        .route("/admin/survei/{id}/hasil.csv", get(results_csv))
        .route("/survei/{id}/{subject}/jawab", post(answer))
}

/// Back to `page` with each problem's message next to its field, and the typed `values` kept.
fn back_with_problems(
    state: &AppState,
    page: &str,
    lang: Lang,
    problems: &[ItemProblem],
    values: Vec<(String, String)>,
) -> Response {
    let fields = problems
        .iter()
        .map(|p| FieldError {
            field: p.field.clone(),
            message: crate::i18n::text(lang, p.key),
        })
        .collect();
    let flash = Flash {
        path: page.split(['?', '#']).next().unwrap_or(page).to_string(),
        values,
        error: Some(AppError::invalid(
            crate::i18n::text(lang, "survey.check_fields"),
            fields,
        )),
        notice: None,
    };
    with_flash(state, redirect(page), &flash)
}

fn problem(field: &str, key: &'static str) -> ItemProblem {
    ItemProblem {
        field: field.to_string(),
        key,
    }
}

/// A title between 1 and `max` characters, or the problem.
fn title_of(value: &str, field_name: &str, max: usize, problems: &mut Vec<ItemProblem>) -> String {
    let title = value.trim().to_string();
    if title.is_empty() {
        problems.push(problem(field_name, "form.required"));
    } else if title.chars().count() > max {
        problems.push(problem(field_name, "survey.too_long"));
    }
    title
}

/// `POST /admin/survei/instrumen`: a new empty instrument (`title`).
async fn new_instrument(
    State(state): State<AppState>,
    admin: Admin,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let lang = lang_from_headers(&headers, state.settings.default_lang);
    let fields = form_fields(&body);
    let mut problems = Vec::new();
    let title = title_of(field(&fields, "title"), "title", 160, &mut problems);
    if !problems.is_empty() {
        return back_with_problems(&state, "/admin/survei", lang, &problems, fields);
    }
    match store::create_instrument(
        &state.db,
        admin.scope,
        &title,
        admin.user.id.0,
        state.clock.now(),
    )
    .await
    {
        Ok(id) => redirect(&format!("/admin/instrumen/{id}")),
        Err(err) => internal("new instrument", err).into_response(),
    }
}

/// `POST /admin/survei/templat`: a new instrument from a ready template (`template`).
async fn new_from_template(
    State(state): State<AppState>,
    admin: Admin,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let lang = lang_from_headers(&headers, state.settings.default_lang);
    let fields = form_fields(&body);
    let made = store::from_template(
        &state.db,
        admin.scope,
        field(&fields, "template"),
        admin.user.id.0,
        state.clock.now(),
    )
    .await;
    match made {
        Ok(Some(id)) => {
            tracing::info!(
                admin = admin.user.id.0,
                instrument = id,
                "instrument from template"
            );
            go_with_notice(
                &state,
                &format!("/admin/instrumen/{id}"),
                lang,
                "survey.template_made",
            )
        }
        Ok(None) => {
            refusal(ErrorKind::Invalid, lang, "survey.template_unknown").back_to("/admin/survei")
        }
        Err(err) => internal("instrument from template", err).into_response(),
    }
}

/// `POST /admin/survei/predikat`: the lower bounds of the predicates for the admin's
/// institution.
async fn save_bands(
    State(state): State<AppState>,
    admin: Admin,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let lang = lang_from_headers(&headers, state.settings.default_lang);
    let fields = form_fields(&body);
    let mut problems = Vec::new();
    let mut number = |name: &str| match field(&fields, name).trim().parse::<i64>() {
        Ok(n) if (1..=100).contains(&n) => n,
        _ => {
            problems.push(problem(name, "survey.band_invalid"));
            0
        }
    };
    let bands = Bands {
        very_good_from: number("very_good_from"),
        good_from: number("good_from"),
        fair_from: number("fair_from"),
        poor_from: number("poor_from"),
    };
    if problems.is_empty() && !bands.valid() {
        problems.push(problem("very_good_from", "survey.bands_order"));
    }
    let page = "/admin/survei#predikat";
    if !problems.is_empty() {
        return back_with_problems(&state, page, lang, &problems, fields);
    }
    match store::set_bands(
        &state.db,
        admin.scope,
        &bands,
        admin.user.id.0,
        state.clock.now(),
    )
    .await
    {
        Ok(()) => go_with_notice(&state, page, lang, "survey.bands_saved"),
        Err(err) => internal("save bands", err).into_response(),
    }
}

/// The instrument if the admin has it in scope and no response fixes its items, else the
/// refusal (404 out of scope, 409 when fixed).
async fn editable(state: &AppState, admin: &Admin, id: i64, lang: Lang) -> Result<(), Response> {
    let db = &state.db;
    let fail = |e| internal("instrument access", e).into_response();
    if !store::instrument_in_scope(db, admin.scope, id)
        .await
        .map_err(fail)?
    {
        return Err(super::not_found().into_response());
    }
    if store::locked(db, id).await.map_err(fail)? {
        return Err(
            refusal(ErrorKind::Conflict, lang, "survey.instrument_locked")
                .back_to(format!("/admin/instrumen/{id}")),
        );
    }
    Ok(())
}

/// `POST /admin/instrumen/{id}/butir`: appends an item (`kind`, `prompt`, `options` one per
/// line for a single choice, `required`).
async fn add_item(
    State(state): State<AppState>,
    admin: Admin,
    headers: HeaderMap,
    Path(id): Path<i64>,
    body: Bytes,
) -> Response {
    let lang = lang_from_headers(&headers, state.settings.default_lang);
    if let Err(refused) = editable(&state, &admin, id, lang).await {
        return refused;
    }
    let fields = form_fields(&body);
    let mut problems = Vec::new();
    let prompt = title_of(field(&fields, "prompt"), "prompt", 300, &mut problems);
    let kind = SurveyItemKind::from_code(field(&fields, "kind").trim());
    if kind.is_none() {
        problems.push(problem("kind", "survey.kind_invalid"));
    }
    let options: Vec<String> = field(&fields, "options")
        .lines()
        .map(str::trim)
        .filter(|o| !o.is_empty())
        .map(|o| o.chars().take(120).collect())
        .collect();
    if kind == Some(SurveyItemKind::Choice) && !(2..=10).contains(&options.len()) {
        problems.push(problem("options", "survey.options_invalid"));
    }
    let page = format!("/admin/instrumen/{id}");
    let Some(kind) = kind.filter(|_| problems.is_empty()) else {
        return back_with_problems(
            &state,
            &format!("{page}#butir-baru"),
            lang,
            &problems,
            fields,
        );
    };
    let options = if kind == SurveyItemKind::Choice {
        options
    } else {
        Vec::new()
    };
    let required = !field(&fields, "required").is_empty();
    match store::add_item(
        &state.db,
        id,
        kind,
        &prompt,
        &options,
        required,
        state.clock.now(),
    )
    .await
    {
        Ok(_) => go_with_notice(
            &state,
            &format!("{page}#butir-baru"),
            lang,
            "survey.item_added",
        ),
        Err(err) => internal("add item", err).into_response(),
    }
}

/// `POST /admin/instrumen/{id}/butir/{item}/{naik|turun|hapus}`: moves or removes an item.
async fn change_item(
    State(state): State<AppState>,
    admin: Admin,
    headers: HeaderMap,
    Path((id, item, action)): Path<(i64, i64, String)>,
) -> Response {
    let lang = lang_from_headers(&headers, state.settings.default_lang);
    if let Err(refused) = editable(&state, &admin, id, lang).await {
        return refused;
    }
    let db = &state.db;
    let done = match action.as_str() {
        "naik" => store::move_item(db, id, item, true).await,
        "turun" => store::move_item(db, id, item, false).await,
        "hapus" => store::remove_item(db, id, item).await,
        _ => Ok(false),
    };
    match done {
        Ok(true) => redirect(&format!("/admin/instrumen/{id}#butir")),
        Ok(false) => super::not_found().into_response(),
        Err(err) => internal("change item", err).into_response(),
    }
}

/// A date (`YYYY-MM-DD`) and time (`HH:MM`, WIB) as an instant, or the problem.
fn instant(
    fields: &[(String, String)],
    date: &str,
    time: &str,
    problems: &mut Vec<ItemProblem>,
) -> Option<i64> {
    let day = crate::model::wib::parse_date(field(fields, date));
    if day.is_none() {
        problems.push(problem(date, "survey.date_invalid"));
    }
    let minute = crate::model::wib::parse_time(field(fields, time));
    if minute.is_none() {
        problems.push(problem(time, "survey.time_invalid"));
    }
    Some(crate::model::wib::start_of_day(day?) + minute? * 60)
}

/// `POST /admin/angkatan/{id}/survei`: gives a survey to the cohort (`instrument_id`, `title`,
/// `kind`, `target`, `required`, `opens_date`/`opens_time`, `closes_date`/`closes_time`).
async fn new_survey(
    State(state): State<AppState>,
    admin: Admin,
    headers: HeaderMap,
    Path(cohort): Path<i64>,
    body: Bytes,
) -> Response {
    let lang = lang_from_headers(&headers, state.settings.default_lang);
    let db = &state.db;
    if let Err(refused) = crate::ssr::scope::require_cohort(db, admin.scope, CohortId(cohort)).await
    {
        return refused.into_response();
    }
    let fields = form_fields(&body);
    let mut problems = Vec::new();
    let title = title_of(field(&fields, "title"), "title", 160, &mut problems);
    let instrument = field(&fields, "instrument_id").trim().parse::<i64>().ok();
    let in_scope = match instrument {
        Some(i) => match store::instrument_in_scope(db, admin.scope, i).await {
            Ok(found) => found,
            Err(err) => return internal("survey instrument", err).into_response(),
        },
        None => false,
    };
    if !in_scope {
        problems.push(problem("instrument_id", "survey.instrument_invalid"));
    }
    let kind = SurveyKind::from_code(field(&fields, "kind").trim());
    if kind.is_none() {
        problems.push(problem("kind", "survey.kind_invalid"));
    }
    let target = SurveyTarget::from_code(field(&fields, "target").trim());
    if target.is_none() {
        problems.push(problem("target", "survey.target_invalid"));
    }
    let opens = instant(&fields, "opens_date", "opens_time", &mut problems);
    let closes = instant(&fields, "closes_date", "closes_time", &mut problems);
    if let (Some(o), Some(c)) = (opens, closes) {
        if c <= o {
            problems.push(problem("closes_date", "survey.closes_before_opens"));
        }
    }
    let page = format!("/admin/angkatan/{cohort}/survei");
    let (Some(instrument), Some(kind), Some(target), Some(opens_at), Some(closes_at), true) =
        (instrument, kind, target, opens, closes, problems.is_empty())
    else {
        return back_with_problems(&state, &format!("{page}#baru"), lang, &problems, fields);
    };
    let new = store::NewSurvey {
        cohort,
        instrument,
        title: &title,
        kind,
        target,
        required: !field(&fields, "required").is_empty(),
        opens_at,
        closes_at,
    };
    match store::create_survey(db, &new, admin.user.id.0, state.clock.now()).await {
        Ok(id) => {
            tracing::info!(admin = admin.user.id.0, cohort, survey = id, "survey given");
            go_with_notice(&state, &page, lang, "survey.created")
        }
        Err(err) => internal("new survey", err).into_response(),
    }
}

/// `POST /survei/{id}/{subject}/jawab`: a participant of the cohort answers, once per person
/// evaluated, while the survey is open. Fields `i<item id>`.
async fn answer(
    State(state): State<AppState>,
    Participant { user }: Participant,
    headers: HeaderMap,
    Path((id, subject)): Path<(i64, i64)>,
    body: Bytes,
) -> Response {
    let lang = lang_from_headers(&headers, state.settings.default_lang);
    let db = &state.db;
    let now = state.clock.now();
    let survey = match require_participant(db, &user, id, now).await {
        Ok(survey) => survey,
        Err(refused) => return refused.into_response(),
    };
    let subjects = match super::subjects(db, &survey).await {
        Ok(s) => s,
        Err(err) => return internal("survey subjects", err).into_response(),
    };
    if !subjects.iter().any(|(s, _)| *s == subject) {
        return super::not_found().into_response();
    }
    let page = format!("/peserta/survei/{id}/{subject}");
    if now >= survey.closes_at {
        return refusal(ErrorKind::Invalid, lang, "survey.closed").back_to(page);
    }
    let items = match store::items(db, survey.instrument_id).await {
        Ok(items) => items,
        Err(err) => return internal("survey items", err).into_response(),
    };
    let fields = form_fields(&body);
    let answers = match answer::check(&items, &fields) {
        Ok(answers) => answers,
        Err(problems) => {
            let kept = fields
                .into_iter()
                .filter(|(k, _)| k.starts_with('i'))
                .collect();
            return back_with_problems(&state, &page, lang, &problems, kept);
        }
    };
    match answer::store(db, id, subject, user.id.0, &answers, now).await {
        Ok(true) => {
            tracing::info!(survey = id, "survey answered");
            go_with_notice(&state, "/peserta/survei", lang, "survey.thanks")
        }
        Ok(false) => refusal(ErrorKind::Conflict, lang, "survey.already_answered").back_to(page),
        Err(err) => internal("store answers", err).into_response(),
    }
}

/// `GET /admin/survei/{id}/hasil.csv`: per person evaluated and item, the count, mean and
/// distribution; then the open comments, without names.
async fn results_csv(
    State(state): State<AppState>,
    admin: Admin,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let lang = lang_from_headers(&headers, state.settings.default_lang);
    let db = &state.db;
    let survey = require_admin(db, admin.scope, id).await?;
    let fail = |e| internal("survey export", e);
    let items = store::items(db, survey.instrument_id).await.map_err(fail)?;
    let bands = match store::organiser_of(db, survey.cohort_id)
        .await
        .map_err(fail)?
    {
        Some(org) => store::bands(db, org).await.map_err(fail)?,
        None => Bands::default(),
    };
    let text = |key: &str| crate::i18n::text(lang, key);
    let mut records = vec![vec![
        Cell::text(text("survey.csv_subject")),
        Cell::text(text("survey.csv_item")),
        Cell::text(text("survey.csv_prompt")),
        Cell::text(text("survey.csv_answers")),
        Cell::text(text("survey.csv_mean")),
        Cell::text(text("survey.csv_distribution")),
        Cell::text(text("survey.csv_comment")),
    ]];
    for subject in super::subjects(db, &survey).await.map_err(fail)? {
        let r = results::subject_result(db, id, subject, &items, &bands, false)
            .await
            .map_err(fail)?;
        let index = r
            .index
            .map(|x| {
                format!(
                    "{x:.1} ({})",
                    text(&format!(
                        "survey.predicate.{}",
                        r.predicate.clone().unwrap_or_default()
                    ))
                )
            })
            .unwrap_or_default();
        records.push(vec![
            Cell::text(r.subject_name.clone()),
            Cell::text(text("survey.csv_index")),
            Cell::text(index),
            Cell::int(r.responses),
            Cell::text(""),
            Cell::text(""),
            Cell::text(""),
        ]);
        for (n, item) in r.items.iter().enumerate() {
            let distribution = item
                .distribution
                .iter()
                .map(|(label, count)| format!("{label}: {count}"))
                .collect::<Vec<_>>()
                .join("; ");
            if item.item.kind == SurveyItemKind::Text {
                for comment in &item.comments {
                    records.push(vec![
                        Cell::text(r.subject_name.clone()),
                        Cell::int(n as i64 + 1),
                        Cell::text(item.item.prompt.clone()),
                        Cell::int(item.answers),
                        Cell::text(""),
                        Cell::text(""),
                        Cell::text(comment.clone()),
                    ]);
                }
                continue;
            }
            records.push(vec![
                Cell::text(r.subject_name.clone()),
                Cell::int(n as i64 + 1),
                Cell::text(item.item.prompt.clone()),
                Cell::int(item.answers),
                Cell::decimal(item.mean, 2),
                Cell::text(distribution),
                Cell::text(""),
            ]);
        }
    }
    Ok(csv::download(
        &format!("survei-{id}-hasil.csv"),
        csv::write(&records),
    ))
}
