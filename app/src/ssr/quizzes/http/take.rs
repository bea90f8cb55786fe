//! Taking a quiz over HTTP: start (or resume) an attempt, save answers (the background saves of
//! the quiz island, and the page-by-page form posts that work without JavaScript), finish it
//! exactly once, and the sweep that finishes attempts whose time ran out.
//!
//! Browsers get redirects with a message; other clients (the island's background saves, tests,
//! load generators) get plain status codes: 303 on success, 409 when the attempt is closed, 404
//! when it is not theirs.

use crate::model::{AppError, CurrentUser, ErrorKind, Flash, Lang};
use crate::ssr::db::internal;
use crate::ssr::guard::Participant;
use crate::ssr::quizzes::attempts::{self, Finisher, StartRefused};
use crate::ssr::quizzes::writer::{AnswerSave, Caller, SaveOutcome, SaveRefused};
use crate::ssr::request::{is_plain_form_post, lang_from_headers};
use crate::ssr::{flash, AppState};
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::post;
use axum::Router;
use http::{header, HeaderMap, StatusCode};
use std::time::Duration;
use tower_sessions::Session;

use crate::ssr::http::{plain as text, redirect, refusal};

/// Most answers one save request may carry (a device coming back online sends its queue).
const MAX_SAVES_PER_REQUEST: usize = 200;
/// Longest typed answer kept.
const MAX_ANSWER_CHARS: usize = 2000;

/// The quiz-taking routes, for merging into the app's router.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/peserta/kuis/{id}/mulai", post(start))
        .route("/peserta/upaya/{id}", post(page_form))
        .route("/peserta/upaya/{id}/jawab", post(save))
        .route("/peserta/upaya/{id}/selesai", post(finish))
}

/// Every few seconds, finishes attempts whose deadline plus grace has passed (in the one process
/// holding [`Task::OverdueAttempts`](crate::ssr::tasks::Task::OverdueAttempts)).
pub fn start_sweeper(state: AppState) {
    tokio::spawn(async move {
        const EVERY: Duration = Duration::from_secs(5);
        let mut every = tokio::time::interval(EVERY);
        loop {
            every.tick().await;
            let task = crate::ssr::tasks::Task::OverdueAttempts;
            if !state
                .tasks
                .turn(&state.db, task, crate::ssr::tasks::lease_for(EVERY))
                .await
            {
                continue;
            }
            match attempts::finish_overdue(&state.db, state.clock.now()).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(finished = n, "attempts finished by their deadline"),
                Err(err) => tracing::warn!(%err, "could not finish overdue attempts"),
            }
        }
    });
}

/// A redirect to `to` that shows `notice` there once.
fn redirect_with_notice(state: &AppState, to: &str, notice: String) -> Response {
    let mut response = redirect(to);
    let note = Flash {
        path: to.split('?').next().unwrap_or(to).to_string(),
        values: Vec::new(),
        error: None,
        notice: Some(notice),
    };
    if let Some(cookie) = flash::set_cookie(&note, state.settings.secure_cookies) {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    response
}

/// The participant taking the quiz. Anyone else signed in is told that the quiz or attempt does
/// not exist, as a participant of another cohort is.
fn taker(guard: Result<Participant, AppError>, lang: Lang) -> Result<CurrentUser, AppError> {
    match guard {
        Ok(Participant { user }) => Ok(user),
        Err(refused) if refused.kind == ErrorKind::Forbidden => Err(not_found(lang)),
        Err(refused) => Err(refused),
    }
}

/// The 404 of an attempt that is not the caller's.
fn not_found(lang: Lang) -> AppError {
    refusal(ErrorKind::NotFound, lang, "take.not_found")
}

/// `POST /peserta/kuis/{id}/mulai`: starts an attempt, or resumes the one in progress.
async fn start(
    State(state): State<AppState>,
    guard: Result<Participant, AppError>,
    headers: HeaderMap,
    Path(quiz_id): Path<i64>,
) -> Result<Response, AppError> {
    let intro = format!("/peserta/kuis/{quiz_id}");
    let lang = lang_from_headers(&headers, state.settings.default_lang);
    let user = taker(guard, lang)?;
    let started = attempts::start(
        &state.db,
        &state.quiz_pools,
        user.id.0,
        quiz_id,
        state.clock.now(),
    )
    .await
    .map_err(|err| internal("start attempt", err))?;
    match started {
        Ok(attempt) => Ok(redirect(&format!("/peserta/upaya/{attempt}"))),
        Err(StartRefused::NotFound) => Err(refusal(
            ErrorKind::NotFound,
            lang,
            StartRefused::NotFound.key(),
        )),
        Err(refused) if is_plain_form_post(&headers) => Ok(redirect_with_notice(
            &state,
            &intro,
            crate::i18n::text(lang, refused.key()),
        )),
        Err(refused) => Err(refusal(ErrorKind::Conflict, lang, refused.key())),
    }
}

/// One `a={question}:{seq}:{answer}` field.
fn parse_entry(value: &str) -> Option<AnswerSave> {
    let (question, rest) = value.split_once(':')?;
    let (seq, answer) = rest.split_once(':')?;
    let question_id = question.trim().parse().ok()?;
    let seq: i64 = seq.trim().parse().ok()?;
    if seq <= 0 {
        return None;
    }
    Some(AnswerSave {
        question_id,
        seq,
        answer: answer.chars().take(MAX_ANSWER_CHARS).collect(),
    })
}

/// `POST /peserta/upaya/{id}/jawab`: saves one or more answers; answers only after the commit.
async fn save(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    Path(attempt_id): Path<i64>,
    body: Bytes,
) -> Result<Response, AppError> {
    let lang = lang_from_headers(&headers, state.settings.default_lang);
    // The writer checks the session with the rest of its group (one query for all); without a
    // session id, the full check answers now.
    let caller = match session.id().filter(|_| !session.is_modified()) {
        Some(id) => Caller::Session(id.to_string()),
        None => {
            let user = taker(Participant::of_session(&state, &session, lang).await, lang)?;
            Caller::User(user.id.0)
        }
    };
    let mut saves = Vec::new();
    for (key, value) in form_urlencoded::parse(&body[..]) {
        if key != "a" {
            continue;
        }
        match parse_entry(&value) {
            Some(save) if saves.len() < MAX_SAVES_PER_REQUEST => saves.push(save),
            _ => return Err(AppError::new(ErrorKind::BadRequest, "bad answer field")),
        }
    }
    if saves.is_empty() {
        return Err(AppError::new(ErrorKind::BadRequest, "no answers"));
    }
    let now = state.clock.now();
    let mut result = state
        .answers
        .save(attempt_id, caller, saves.clone(), now)
        .await;
    if let Ok(Err(SaveRefused::SignedOut)) = result {
        // The full check gives the right refusal (and ends a session whose epoch is stale); a
        // session it accepts after all (a row written before its user was copied beside the data)
        // saves as that user.
        let user = taker(Participant::of_session(&state, &session, lang).await, lang)?;
        result = state
            .answers
            .save(attempt_id, Caller::User(user.id.0), saves.clone(), now)
            .await;
    }
    match result {
        Ok(Ok(outcomes)) => {
            let mut body = String::with_capacity(outcomes.len() * 16);
            for (save, outcome) in saves.iter().zip(outcomes) {
                let word = match outcome {
                    SaveOutcome::Saved => "saved",
                    SaveOutcome::Stale => "stale",
                };
                body.push_str(&format!("{}:{}:{word}\n", save.question_id, save.seq));
            }
            Ok(text(StatusCode::OK, body))
        }
        Ok(Err(SaveRefused::SignedOut)) => Err(refusal(
            ErrorKind::Unauthenticated,
            lang,
            "auth.sign_in_required",
        )),
        Ok(Err(SaveRefused::NotFound)) => Err(not_found(lang)),
        Ok(Err(SaveRefused::Closed)) => {
            Err(refusal(ErrorKind::Conflict, lang, "take.attempt_closed"))
        }
        Err(err) => Err(internal("save answers", err)),
    }
}

/// The answers of a JavaScript-off page post: every question shown on the page (`shown`) gets the
/// values of its `q{id}` fields joined by `,` (none: cleared).
fn page_answers(fields: &[(String, String)], seq: i64) -> Vec<AnswerSave> {
    let mut saves: Vec<AnswerSave> = Vec::new();
    for (key, value) in fields {
        if key != "shown" {
            continue;
        }
        let Ok(question_id) = value.parse::<i64>() else {
            continue;
        };
        let field = format!("q{question_id}");
        let answer = fields
            .iter()
            .filter(|(k, v)| *k == field && !v.trim().is_empty())
            .map(|(_, v)| v.trim().chars().take(MAX_ANSWER_CHARS).collect::<String>())
            .collect::<Vec<_>>()
            .join(",");
        saves.push(AnswerSave {
            question_id,
            seq,
            answer,
        });
    }
    saves
}

/// `POST /peserta/upaya/{id}`: the page form without JavaScript. Saves the page's answers, then
/// goes to the page asked for (`aksi` = `kembali`, `lanjut`, `simpan`, `kumpulkan`).
async fn page_form(
    State(state): State<AppState>,
    guard: Result<Participant, AppError>,
    headers: HeaderMap,
    Path(attempt_id): Path<i64>,
    body: Bytes,
) -> Result<Response, AppError> {
    let page_path = format!("/peserta/upaya/{attempt_id}");
    let lang = lang_from_headers(&headers, state.settings.default_lang);
    let user = taker(guard, lang)?;
    let fields: Vec<(String, String)> = form_urlencoded::parse(&body[..]).into_owned().collect();
    let field = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    let page: i64 = field("hal").and_then(|v| v.parse().ok()).unwrap_or(1);
    let seq: i64 = field("seq")
        .and_then(|v| v.parse().ok())
        .filter(|s| *s > 0)
        .unwrap_or(1);
    let saves = page_answers(&fields, seq);
    let result = if saves.is_empty() {
        Ok(Ok(Vec::new()))
    } else {
        state
            .answers
            .save(
                attempt_id,
                Caller::User(user.id.0),
                saves,
                state.clock.now(),
            )
            .await
    };
    let results = format!("/peserta/upaya/{attempt_id}/hasil");
    match result {
        Ok(Ok(_)) => {}
        Ok(Err(SaveRefused::SignedOut)) => {
            return Err(refusal(
                ErrorKind::Unauthenticated,
                lang,
                "auth.sign_in_required",
            ))
        }
        Ok(Err(SaveRefused::NotFound)) => return Err(not_found(lang)),
        Ok(Err(SaveRefused::Closed)) => {
            return Ok(redirect_with_notice(
                &state,
                &results,
                crate::i18n::text(lang, "take.attempt_closed"),
            ))
        }
        Err(err) => return Err(internal("save page", err)),
    }
    let to = match field("aksi").unwrap_or("simpan") {
        "kembali" => format!("{page_path}?hal={}", (page - 1).max(1)),
        "lanjut" => format!("{page_path}?hal={}", page + 1),
        "kumpulkan" => format!("{page_path}/kumpulkan"),
        other => match other
            .strip_prefix("hal-")
            .and_then(|n| n.parse::<i64>().ok())
        {
            Some(n) => format!("{page_path}?hal={n}"),
            None => {
                return Ok(redirect_with_notice(
                    &state,
                    &format!("{page_path}?hal={page}"),
                    crate::i18n::text(lang, "take.saved"),
                ))
            }
        },
    };
    Ok(redirect(&to))
}

/// `POST /peserta/upaya/{id}/selesai`: finishes the attempt. Exactly one call finishes it; the
/// others are told it was already handed in.
async fn finish(
    State(state): State<AppState>,
    guard: Result<Participant, AppError>,
    headers: HeaderMap,
    Path(attempt_id): Path<i64>,
) -> Result<Response, AppError> {
    let lang: Lang = lang_from_headers(&headers, state.settings.default_lang);
    let user = taker(guard, lang)?;
    let now = state.clock.now();
    let owner = attempts::attempt_owner(&state.db, attempt_id)
        .await
        .map_err(|err| internal("attempt owner", err))?;
    let deadline = match owner {
        Some((owner, _, _, deadline)) if owner == user.id.0 => deadline,
        _ => return Err(not_found(lang)),
    };
    let by = if now > deadline {
        Finisher::Deadline
    } else {
        Finisher::Participant
    };
    let results = format!("/peserta/upaya/{attempt_id}/hasil");
    match attempts::finish(&state.db, attempt_id, now, by).await {
        Ok(true) => Ok(redirect(&results)),
        Ok(false) if is_plain_form_post(&headers) => Ok(redirect_with_notice(
            &state,
            &results,
            crate::i18n::text(lang, "take.already_finished"),
        )),
        Ok(false) => Err(refusal(ErrorKind::Conflict, lang, "take.already_finished")),
        Err(err) => Err(internal("finish attempt", err)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answer_fields_keep_colons_in_typed_answers() {
        let save = parse_entry("12:3:jam 10:30").expect("parses");
        assert_eq!(save.question_id, 12);
        assert_eq!(save.seq, 3);
        assert_eq!(save.answer, "jam 10:30");
        assert!(parse_entry("12:0:x").is_none());
        assert!(parse_entry("12:x").is_none());
        assert!(parse_entry("a:1:x").is_none());
    }

    #[test]
    fn a_page_post_clears_questions_shown_but_left_empty() {
        let fields: Vec<(String, String)> = [
            ("shown", "5"),
            ("q5", "51"),
            ("q5", "53"),
            ("shown", "6"),
            ("shown", "7"),
            ("q7", "  Jakarta "),
            ("q9", "99"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let saves = page_answers(&fields, 4);
        let got: Vec<(i64, &str)> = saves
            .iter()
            .map(|s| (s.question_id, s.answer.as_str()))
            .collect();
        assert_eq!(got, vec![(5, "51,53"), (6, ""), (7, "Jakarta")]);
        assert!(saves.iter().all(|s| s.seq == 4));
    }
}
