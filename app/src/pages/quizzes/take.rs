//! The participant's quiz pages: `/peserta/kuis/:id` (rules and start), `/peserta/upaya/:id`
//! (one page of questions in a plain form, enhanced by the `QuizSaver` island),
//! `/peserta/upaya/:id/kumpulkan` (confirm handing in) and `/peserta/upaya/:id/hasil` (result).

use crate::api::quizzes::{attempt_page, attempt_result, quiz_intro};
use crate::components::{loaded, route_id, SignedInPage};
use crate::i18n::{use_i18n, I18n};
use crate::islands::{QuizSaver, SaverLabels};
use crate::model::codes::{Finisher, QuestionKind};
use crate::model::quizzes::{AttemptOutcome, AttemptQuestion, AttemptSheet, QuizBeforeStart};
use crate::model::wib;
use crate::model::Role;
use crate::pages::cohorts::common::moment;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The time of day of `unix` in WIB (`10:45`).
fn clock_of(unix: i64) -> String {
    let full = wib::date_time_of(unix);
    full.split_once(' ')
        .map(|(_, t)| t.to_string())
        .unwrap_or(full)
}

fn kind_label(i: I18n, kind: &str) -> String {
    i.t(match kind {
        "pre" => "take.kind_pre",
        "post" => "take.kind_post",
        _ => "take.kind_practice",
    })
}

/// A score for people: no decimals when whole, else one, with the page language's decimal mark.
fn percent_text(i: I18n, p: f64) -> String {
    super::results::num(i, p, if p.fract() == 0.0 { 0 } else { 1 })
}

/// `/peserta/kuis/:id`.
#[component]
pub fn QuizIntroPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&[Role::Participant] title=i.t("take.cohort_quizzes") children=move |_| {
            let id = route_id();
            loaded(i, Resource::new(move || id, quiz_intro), intro_view)
        }/>
    }
}

fn intro_view(i: I18n, q: QuizBeforeStart) -> impl IntoView {
    let window = i.t_with(
        "take.window",
        &[
            ("opens", &moment(i, q.opens_at)),
            ("closes", &moment(i, q.closes_at)),
        ],
    );
    let limit = if q.time_limit_minutes > 0 {
        i.t_with(
            "take.time_limit",
            &[("minutes", &q.time_limit_minutes.to_string())],
        )
    } else {
        i.t("take.no_time_limit")
    };
    let used = q.attempts.len().to_string();
    let action = format!("/peserta/kuis/{}/mulai", q.id);
    let button = match (q.open_attempt, q.blocked.clone()) {
        (Some(_), _) => Some(i.t("take.resume")),
        (None, None) => Some(i.t("take.start")),
        (None, Some(_)) => None,
    };
    view! {
        <section class="panel">
            <p class="eyebrow">{q.cohort_name.clone()} " · " {kind_label(i, q.kind.as_str())}</p>
            <h1>{q.title.clone()}</h1>
            <ul class="facts-list">
                <li>{window}</li>
                <li>{limit}</li>
                <li>{i.t_with("take.questions", &[("count", &q.question_count.to_string())])}</li>
                <li>{i.t_with("take.attempts_allowed", &[("used", &used), ("max", &q.max_attempts.to_string())])}</li>
                <li>{i.t_with("take.pass_mark", &[("percent", &q.pass_percent.to_string())])}</li>
            </ul>
            {q.blocked.map(|key| view! { <p class="notice">{i.t(&key)}</p> })}
            {button.map(|label| view! {
                <form method="post" action=action>
                    <button type="submit" class="button">{label}</button>
                </form>
            })}
        </section>
        {(!q.attempts.is_empty()).then(|| view! {
            <section class="panel">
                <h2>{i.t("take.your_attempts")}</h2>
                <ul class="plain-list">
                    {q.attempts.into_iter().map(|a| {
                        let label = i.t_with("take.attempt_number", &[("number", &a.number.to_string())]);
                        let detail = match (a.finished_at, a.percent) {
                            (None, _) => i.t("take.in_progress"),
                            (Some(_), Some(p)) => i.t_with("take.score", &[("percent", &percent_text(i, p))]),
                            (Some(_), None) => i.t("take.score_hidden"),
                        };
                        let link = a.finished_at.map(|_| {
                            let href = format!("/peserta/upaya/{}/hasil", a.id);
                            view! { <a href=href>{i.t("take.see_result")}</a> }
                        });
                        view! { <li class="row-item"><span class="who"><strong>{label}</strong><span class="meta">{detail}</span></span>{link}</li> }
                    }).collect_view()}
                </ul>
            </section>
        })}
    }
}

/// `/peserta/upaya/:id?hal=N`.
#[component]
pub fn AttemptPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&[Role::Participant] title=i.t("take.cohort_quizzes") children=move |_| {
            let id = route_id();
            let page = use_query_map()
                .get_untracked()
                .get("hal")
                .and_then(|p| p.parse::<i64>().ok());
            loaded(i, Resource::new(move || (id, page), |(id, page)| attempt_page(id, page)), sheet_view)
        }/>
    }
}

fn question_view(i: I18n, q: AttemptQuestion) -> impl IntoView {
    let name = format!("q{}", q.id);
    let chosen: Vec<String> = q
        .answer
        .as_deref()
        .unwrap_or("")
        .split(',')
        .map(|s| s.trim().to_string())
        .collect();
    let heading = i.t_with("take.question_of", &[("number", &q.number.to_string())]);
    let points = i.t_with("take.points", &[("points", &q.points.to_string())]);
    let hint = match q.kind {
        QuestionKind::Multiple => i.t("take.choose_many"),
        QuestionKind::Short => String::new(),
        QuestionKind::Single | QuestionKind::TrueFalse => i.t("take.choose_one"),
    };
    let body = if q.kind == QuestionKind::Short {
        Either::Left(view! {
            <label class="field">
                <span>{i.t("take.type_answer")}</span>
                <input type="text" name=name.clone() value=q.answer.clone().unwrap_or_default()
                    maxlength="200" autocomplete="off"/>
            </label>
        })
    } else {
        let input_type = if q.kind == QuestionKind::Multiple {
            "checkbox"
        } else {
            "radio"
        };
        Either::Right(view! {
            <ul class="choices">
                {q.options.into_iter().map(|(id, label)| {
                    let value = id.to_string();
                    let checked = chosen.contains(&value);
                    view! {
                        <li>
                            <label class="choice">
                                <input type=input_type name=name.clone() value=value checked=checked/>
                                <span>{label}</span>
                            </label>
                        </li>
                    }
                }).collect_view()}
            </ul>
        })
    };
    view! {
        <fieldset class="question" id=format!("soal-{}", q.id)>
            <legend><span class="q-number">{heading}</span> " · " <span class="meta">{points}</span></legend>
            <p class="q-prompt">{q.prompt}</p>
            {(!hint.is_empty()).then(|| view! { <p class="meta">{hint}</p> })}
            <input type="hidden" name="shown" value=q.id.to_string()/>
            {body}
        </fieldset>
    }
}

fn sheet_view(i: I18n, s: AttemptSheet) -> AnyView {
    if s.finished {
        // Time ran out (or it was handed in elsewhere): the result says so.
        let href = format!("/peserta/upaya/{}/hasil", s.attempt_id);
        return view! {
            <section class="panel">
                <h1>{s.quiz_title}</h1>
                <p class="notice">{i.t("take.attempt_closed")}</p>
                <a class="button" href=href>{i.t("take.see_result")}</a>
            </section>
        }
        .into_any();
    }
    let action = format!("/peserta/upaya/{}", s.attempt_id);
    let seconds_left = s.deadline_at - s.server_now;
    // Attempts without a time limit still end when the quiz closes; count down the last day only.
    let timed = seconds_left <= 24 * 3600;
    let labels = SaverLabels {
        js_off: i.t("take.js_off_hint"),
        saved: i.t("take.status_saved"),
        waiting: i.t("take.status_waiting"),
        offline: i.t("take.status_offline"),
        closed: i.t("take.status_closed"),
        time_left: i.t("take.time_left"),
        deadline: i.t_with("take.deadline", &[("time", &clock_of(s.deadline_at))]),
        offline_nav: i.t("take.offline_nav"),
    };
    let progress = i.t_with(
        "take.answered_of",
        &[
            ("answered", &s.answered.to_string()),
            ("total", &s.total.to_string()),
        ],
    );
    let page_of = i.t_with(
        "take.page_of",
        &[
            ("page", &s.page.to_string()),
            ("pages", &s.pages.to_string()),
        ],
    );
    let last = s.page >= s.pages;
    view! {
        <section class="panel quiz-sheet">
            <h1>{s.quiz_title}</h1>
            <p class="meta">{page_of} " · " {progress}</p>
            <QuizSaver attempt_id=s.attempt_id.0 next_seq=s.next_seq seconds_left=seconds_left
                timed=timed labels=labels/>
            <form id="quiz-form" method="post" action=action>
                <input type="hidden" name="hal" value=s.page.to_string()/>
                <input type="hidden" name="seq" value=s.next_seq.to_string()/>
                {s.questions.into_iter().map(|q| question_view(i, q)).collect_view()}
                <div class="quiz-nav">
                    {(s.page > 1).then(|| view! {
                        <button type="submit" name="aksi" value="kembali" class="button secondary">{i.t("take.prev")}</button>
                    })}
                    <button type="submit" name="aksi" value="simpan" class="button secondary">{i.t("take.save")}</button>
                    {if last {
                        Either::Left(view! {
                            <button type="submit" name="aksi" value="kumpulkan" class="button">{i.t("take.to_submit")}</button>
                        })
                    } else {
                        Either::Right(view! {
                            <button type="submit" name="aksi" value="lanjut" class="button">{i.t("take.next")}</button>
                        })
                    }}
                </div>
                <nav class="quiz-pages" aria-label=i.t("take.go_to_page")>
                    {(1..=s.pages).map(|n| {
                        let current = (n == s.page).then_some("page");
                        view! { <button type="submit" name="aksi" value=format!("hal-{n}") class="page-chip" aria-current=current>{n}</button> }
                    }).collect_view()}
                </nav>
            </form>
        </section>
    }
    .into_any()
}

/// `/peserta/upaya/:id/kumpulkan`: how many questions are unanswered, and the hand-in button.
#[component]
pub fn SubmitAttemptPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&[Role::Participant] title=i.t("take.submit_title") children=move |_| {
            let id = route_id();
            loaded(i, Resource::new(move || id, |id| attempt_page(id, Some(1))), submit_view)
        }/>
    }
}

fn submit_view(i: I18n, s: AttemptSheet) -> AnyView {
    if s.finished {
        return sheet_view(i, s);
    }
    let unanswered = s.total - s.answered;
    let action = format!("/peserta/upaya/{}/selesai", s.attempt_id);
    let back = format!("/peserta/upaya/{}?hal={}", s.attempt_id, s.pages);
    view! {
        <section class="panel">
            <h1>{i.t("take.submit_title")}</h1>
            <p class="lead">{s.quiz_title}</p>
            {if unanswered > 0 {
                Either::Left(view! { <p class="notice">{i.t_with("take.submit_unanswered", &[("count", &unanswered.to_string())])}</p> })
            } else {
                Either::Right(view! { <p>{i.t("take.submit_all_answered")}</p> })
            }}
            <p>{i.t("take.submit_warning")}</p>
            <form method="post" action=action>
                <button type="submit" class="button">{i.t("take.submit")}</button>
            </form>
            <p><a href=back>{i.t("take.back_to_questions")}</a></p>
        </section>
    }
    .into_any()
}

/// `/peserta/upaya/:id/hasil`.
#[component]
pub fn AttemptResultPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&[Role::Participant] title=i.t("take.review") children=move |_| {
            let id = route_id();
            loaded(i, Resource::new(move || id, attempt_result), result_view)
        }/>
    }
}

fn result_view(i: I18n, r: AttemptOutcome) -> AnyView {
    let back = format!("/peserta/kuis/{}", r.quiz_id);
    if !r.finished {
        let resume = format!("/peserta/upaya/{}", r.attempt_id);
        return view! {
            <section class="panel">
                <h1>{r.quiz_title}</h1>
                <p>{i.t("take.not_finished")}</p>
                <a class="button" href=resume>{i.t("take.resume")}</a>
            </section>
        }
        .into_any();
    }
    let how = if r.finished_by == Some(Finisher::Deadline) {
        i.t("take.finished_by_deadline")
    } else {
        i.t_with(
            "take.finished_by_participant",
            &[(
                "time",
                &r.finished_at.map(|t| moment(i, t)).unwrap_or_default(),
            )],
        )
    };
    let answered = i.t_with(
        "take.answered_of",
        &[
            ("answered", &r.answered.to_string()),
            ("total", &r.total.to_string()),
        ],
    );
    let score = match (r.percent, r.score_milli) {
        (Some(p), Some(s)) => {
            let points = i.t_with(
                "take.points_of",
                &[
                    ("score", &percent_text(i, s as f64 / 1000.0)),
                    ("max", &r.max_points.to_string()),
                ],
            );
            let verdict = match r.passed {
                Some(true) => {
                    view! { <span class="badge status-approved">{i.t("take.passed")}</span> }
                        .into_any()
                }
                _ => view! { <span class="badge status-rejected">{i.t("take.not_passed")}</span> }
                    .into_any(),
            };
            Either::Left(view! {
                <p class="score-big" data-score=format!("{p:.1}")>{i.t_with("take.score", &[("percent", &percent_text(i, p))])}</p>
                <p>{points} " · " {verdict}</p>
            })
        }
        _ => Either::Right(view! { <p>{i.t("take.score_hidden")}</p> }),
    };
    view! {
        <section class="panel">
            <p class="eyebrow">{i.t_with("take.attempt_number", &[("number", &r.number.to_string())])}</p>
            <h1>{i.t_with("take.result_title", &[("quiz", &r.quiz_title)])}</h1>
            {score}
            <p class="meta" data-finished-by=r.finished_by.map(|by| by.as_str()).unwrap_or_default()>{how}</p>
            <p class="meta">{answered}</p>
            <p><a href=back>{i.t("take.back_to_quiz")}</a></p>
        </section>
        {(!r.review.is_empty()).then(|| view! {
            <section class="panel">
                <h2>{i.t("take.review")}</h2>
                <ol class="review">
                    {r.review.into_iter().map(|item| {
                        let mark = format!("{} / {}", percent_text(i, item.score_milli as f64 / 1000.0), item.points);
                        let answer = if item.kind == QuestionKind::Short {
                            Either::Left(view! {
                                <p>{i.t("take.your_answer")} ": " {item.typed.unwrap_or_else(|| i.t("take.no_answer"))}</p>
                                <p>{i.t("take.correct_answer")} ": " {item.accepted.join(" / ")}</p>
                            })
                        } else {
                            Either::Right(view! {
                                <ul class="choices review-choices">
                                    {item.options.into_iter().map(|(label, chosen, correct)| {
                                        let class = match (chosen, correct) {
                                            (true, true) => "chosen correct",
                                            (true, false) => "chosen wrong",
                                            (false, true) => "correct",
                                            _ => "",
                                        };
                                        view! { <li class=class>{label}{chosen.then_some(" ✓")}</li> }
                                    }).collect_view()}
                                </ul>
                            })
                        };
                        view! {
                            <li>
                                <p class="q-prompt">{item.prompt}</p>
                                {answer}
                                <p class="meta">{mark}</p>
                                {(!item.feedback.is_empty()).then(|| view! { <p class="feedback">{item.feedback}</p> })}
                            </li>
                        }
                    }).collect_view()}
                </ol>
            </section>
        })}
    }
    .into_any()
}

/// The quizzes of a cohort on the participant's cohort page.
#[component]
pub fn CohortQuizList(cohort_id: crate::model::CohortId) -> impl IntoView {
    let i = use_i18n();
    let quizzes = Resource::new(move || cohort_id, crate::api::quizzes::my_cohort_quizzes);
    view! {
        <section class="panel">
            <h2>{i.t("take.cohort_quizzes")}</h2>
            <Suspense fallback=move || view! { <p>{i.t("form.loading")}</p> }>
                {move || Suspend::new(async move {
                    let list = quizzes.await.unwrap_or_default();
                    if list.is_empty() {
                        return Either::Left(view! { <p class="empty">{i.t("take.no_quizzes")}</p> });
                    }
                    Either::Right(view! {
                        <ul class="plain-list">
                            {list.into_iter().map(|q| {
                                let href = format!("/peserta/kuis/{}", q.id);
                                let meta = format!("{} · {}", kind_label(i, q.kind.as_str()), moment(i, q.closes_at));
                                let best = q.best_percent.map(|p| i.t_with("take.best", &[("percent", &percent_text(i, p))]));
                                view! {
                                    <li class="row-item">
                                        <span class="who"><strong>{q.title}</strong><span class="meta">{meta}</span>{best.map(|b| view! { <span class="meta">{b}</span> })}</span>
                                        <a class="button small" href=href>{i.t("take.start")}</a>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    })
                })}
            </Suspense>
        </section>
    }
}
