//! CSV exports of results for staff: a quiz's participants (`…/kuis/{id}/hasil.csv`) and a
//! cohort's learning gain (`…/angkatan/{id}/capaian.csv`), under `/admin` and `/mentor` alike:
//! both check the caller the same way as the pages (an admin with the cohort in scope, or a
//! mentor of the cohort, who sees only their own groups if they only lead groups). Anyone else
//! gets the 404 of a missing id.
//!
//! The body streams (`ssr::csv::stream`): rows are read [`results::CHUNK`] at a time by id and
//! written as they come, so a cohort of 60,000 never sits in memory. The files are in Pamong's one CSV format
//! (`app::ssr::csv`: `;`, a byte-order mark, decimal commas, times in WIB, no formulas);
//! percentages have two decimals, scores three, gains four.

use crate::model::quizzes::ResultParticipant;
use crate::model::{AppError, CurrentUser, ErrorKind, Lang};
use crate::ssr::csv::stream::{streamed as streamed_csv, Export};
use crate::ssr::csv::Cell;
use crate::ssr::db::internal;
use crate::ssr::guard::SignedIn;
use crate::ssr::quizzes::results::{self, Audience, QuizMeta, Who, Window, CHUNK};
use crate::ssr::request::lang_from_headers;
use crate::ssr::AppState;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use http::HeaderMap;
use serde::Deserialize;

use crate::ssr::http::refusal;

/// The export routes, for merging into the app's router.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/kuis/{id}/hasil.csv", get(quiz_csv))
        .route("/mentor/kuis/{id}/hasil.csv", get(quiz_csv))
        .route("/admin/angkatan/{id}/capaian.csv", get(gain_csv))
        .route("/mentor/angkatan/{id}/capaian.csv", get(gain_csv))
}

/// `?kelompok=` narrows an export to one group.
#[derive(Debug, Default, Deserialize)]
pub struct ExportQuery {
    kelompok: Option<String>,
}

impl ExportQuery {
    fn group(&self) -> Option<i64> {
        self.kelompok.as_deref().and_then(|g| g.trim().parse().ok())
    }
}

/// The 404 of a missing id, which everyone but the cohort's staff gets.
fn not_found(lang: Lang) -> AppError {
    refusal(ErrorKind::NotFound, lang, "results.not_found")
}

/// The signed-in user's audience on `cohort`, or the 404 of a missing id.
async fn audience(
    state: &AppState,
    user: &CurrentUser,
    lang: Lang,
    cohort: Option<i64>,
) -> Result<Audience, AppError> {
    let Some(cohort) = cohort else {
        return Err(not_found(lang));
    };
    match results::audience(&state.db, user, cohort).await {
        Ok(Some(audience)) => Ok(audience),
        Ok(None) => Err(not_found(lang)),
        Err(err) => Err(internal("results export audience", err)),
    }
}

/// The header of a results export: the participant's columns (id, name, email, group), then
/// the columns `more` makes with the text of a key in `lang`.
fn header_with(lang: Lang, more: impl FnOnce(&dyn Fn(&str) -> Cell) -> Vec<Cell>) -> Vec<Cell> {
    let t = |key: &str| Cell::text(crate::i18n::text(lang, key));
    let mut header = vec![
        Cell::text("user_id"),
        t("results.col_name"),
        t("results.col_email"),
        t("results.col_group"),
    ];
    header.extend(more(&t));
    header
}

/// A record of a results export: the participant's cells, then `more`.
fn record_with(who: ResultParticipant, more: impl IntoIterator<Item = Cell>) -> Vec<Cell> {
    let mut record = vec![
        Cell::int(who.user_id.0),
        Cell::text(who.name),
        Cell::text(who.email.unwrap_or_default()),
        Cell::text(who.group_name.unwrap_or_default()),
    ];
    record.extend(more);
    record
}

struct QuizExport {
    state: AppState,
    quiz: QuizMeta,
    who: Who,
    lang: Lang,
}

impl Export for QuizExport {
    const WHAT: &'static str = "results export rows";

    fn header(&self) -> Vec<Cell> {
        header_with(self.lang, |t| {
            vec![
                t("results.col_attempts"),
                t("results.col_attempt"),
                Cell::text("score"),
                Cell::text("max_points"),
                t("results.col_score"),
                t("results.col_band"),
                t("results.col_passed"),
                t("results.col_finished_by"),
                Cell::text("finished_at_wib"),
            ]
        })
    }

    async fn records(&self, after: i64) -> Result<(Vec<Vec<Cell>>, Option<i64>), sqlx::Error> {
        let window = Window::After {
            id: after,
            limit: CHUNK,
        };
        let rows = results::quiz_rows(&self.state.db, &self.quiz, self.who, window).await?;
        let next = rows.iter().map(|r| r.participant.user_id.0).max();
        let records = rows
            .into_iter()
            .map(|r| {
                record_with(
                    r.participant,
                    [
                        Cell::int(r.attempts),
                        Cell::int(r.attempt_number),
                        Cell::decimal(Some(r.score_milli as f64 / 1000.0), 3),
                        Cell::int(r.max_points),
                        Cell::decimal(Some(r.percent), 2),
                        Cell::text(r.band),
                        Cell::int(i64::from(r.passed)),
                        Cell::text(r.finished_by.map(|by| by.as_str()).unwrap_or_default()),
                        Cell::time(r.finished_at),
                    ],
                )
            })
            .collect();
        Ok((records, next))
    }
}

/// `GET /{admin|mentor}/kuis/{id}/hasil.csv`: every counted attempt of the quiz.
async fn quiz_csv(
    State(state): State<AppState>,
    SignedIn { user }: SignedIn,
    headers: HeaderMap,
    Path(quiz_id): Path<i64>,
    Query(query): Query<ExportQuery>,
) -> Result<Response, AppError> {
    let lang = lang_from_headers(&headers, state.settings.default_lang);
    let quiz = results::quiz(&state.db, quiz_id)
        .await
        .map_err(|err| internal("results export quiz", err))?;
    let audience = audience(&state, &user, lang, quiz.as_ref().map(|q| q.cohort_id)).await?;
    let Some(quiz) = quiz else {
        return Err(not_found(lang));
    };
    let export = QuizExport {
        state,
        quiz,
        who: Who {
            audience,
            group: query.group(),
        },
        lang,
    };
    Ok(streamed_csv(&format!("hasil-kuis-{quiz_id}.csv"), export))
}

struct GainExport {
    state: AppState,
    cohort: i64,
    pre: Option<i64>,
    post: Option<i64>,
    who: Who,
    lang: Lang,
}

impl Export for GainExport {
    const WHAT: &'static str = "gain export rows";

    fn header(&self) -> Vec<Cell> {
        header_with(self.lang, |t| {
            vec![
                t("results.col_pre"),
                t("results.col_post"),
                t("results.col_gain"),
                t("results.col_band"),
            ]
        })
    }

    async fn records(&self, after: i64) -> Result<(Vec<Vec<Cell>>, Option<i64>), sqlx::Error> {
        let window = Window::After {
            id: after,
            limit: CHUNK,
        };
        let (rows, next) = results::gain_rows(
            &self.state.db,
            self.cohort,
            self.pre,
            self.post,
            self.who,
            window,
        )
        .await?;
        let records = rows
            .into_iter()
            .map(|r| {
                record_with(
                    r.participant,
                    [
                        Cell::decimal(r.pre, 2),
                        Cell::decimal(r.post, 2),
                        Cell::decimal(r.gain, 4),
                        Cell::text(r.band.unwrap_or_default()),
                    ],
                )
            })
            .collect();
        Ok((records, next))
    }
}

/// `GET /{admin|mentor}/angkatan/{id}/capaian.csv`: every approved participant with pre-test,
/// post-test and normalized gain.
async fn gain_csv(
    State(state): State<AppState>,
    SignedIn { user }: SignedIn,
    headers: HeaderMap,
    Path(cohort): Path<i64>,
    Query(query): Query<ExportQuery>,
) -> Result<Response, AppError> {
    let lang = lang_from_headers(&headers, state.settings.default_lang);
    let audience = audience(&state, &user, lang, Some(cohort)).await?;
    let (pre, post) = results::gain_quizzes(&state.db, cohort)
        .await
        .map_err(|err| internal("gain export quizzes", err))?;
    let export = GainExport {
        state,
        cohort,
        pre: pre.map(|q| q.id.0),
        post: post.map(|q| q.id.0),
        who: Who {
            audience,
            group: query.group(),
        },
        lang,
    };
    Ok(streamed_csv(
        &format!("capaian-angkatan-{cohort}.csv"),
        export,
    ))
}
