//! `/admin/kuis/:id`: one quiz: status (open, archive), its questions (choose and order for a
//! fixed quiz; the frozen pool of a random one) and its settings.

use super::authoring_form::{error_slot, excerpt, flash, flash_has, label, typed_or, wib};
use crate::api::quizzes::quiz_get;
use crate::components::{form_message, loaded, Field, SelectField, SignedInPage, SubmitButton};
use crate::i18n::{use_i18n, I18n};
use crate::islands::EnhancedForm;
use crate::model::codes::{QuestionSelection, QuizStatus};
use crate::model::quizzes::tag_list;
use crate::model::quizzes::{QuizSettings, QuizView, QUIZ_KINDS, REVIEWS, SELECTIONS};
use crate::model::wib as wib_time;
use crate::model::Role;
use leptos::prelude::*;

/// One quiz; 404 when its cohort is not in the admin's scope.
#[component]
pub fn QuizPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&[Role::Admin] title=i.t("quiz.title") children=move |_| {
            let id = crate::components::route_id();
            let data = Resource::new(move || id, quiz_get);
            loaded(i, data, quiz_view)
        }/>
    }
}

/// The fields of the settings form, filled from the flash or from `quiz` when editing.
pub fn quiz_fields(i: I18n, quiz: Option<&QuizSettings>) -> AnyView {
    let options = |list: &[&str], prefix: &str| {
        list.iter()
            .map(|c| (c.to_string(), label(i, prefix, c)))
            .collect::<Vec<_>>()
    };
    let value = |f: &dyn Fn(&QuizSettings) -> String, default: &str| {
        quiz.map(f).unwrap_or_else(|| default.to_string())
    };
    let ticked =
        |name: &str, stored: Option<bool>| match flash().filter(|f| f.value("title").is_some()) {
            Some(f) => f.value(name).is_some(),
            None => stored.unwrap_or(true),
        };
    let shuffle_q = ticked("shuffle_questions", quiz.map(|q| q.shuffle_questions != 0));
    let shuffle_o = ticked("shuffle_options", quiz.map(|q| q.shuffle_options != 0));
    let date = |unix: i64| wib_time::date_of(unix);
    let time = |unix: i64| {
        wib_time::date_time_of(unix)
            .split(' ')
            .nth(1)
            .unwrap_or_default()
            .to_string()
    };
    view! {
        <Field name="title" label=i.t("quiz.field_title") required=true value=value(&|q| q.title.clone(), "")/>
        <SelectField name="kind" label=i.t("quiz.kind") options=options(QUIZ_KINDS, "quiz.kind") selected=value(&|q| q.kind.to_string(), "pre")/>
        <SelectField name="selection" label=i.t("quiz.selection") options=options(SELECTIONS, "quiz.selection") selected=value(&|q| q.selection.to_string(), "fixed")/>
        <Field name="random_count" label=i.t("quiz.random_count") kind="number" inputmode="numeric" hint=i.t("quiz.random_count_hint")
            value=value(&|q| if q.random_count > 0 { q.random_count.to_string() } else { String::new() }, "")/>
        <Field name="random_tags" label=i.t("quiz.random_tags") hint=i.t("quiz.random_tags_hint")
            value=value(&|q| tag_list(&q.random_tags).join(", "), "")/>
        <fieldset class="field checkboxes">
            <legend>{i.t("quiz.shuffle")}</legend>
            <label class="check" for="f-shuffle_questions">
                <input id="f-shuffle_questions" type="checkbox" name="shuffle_questions" value="1" checked=shuffle_q/>
                {i.t("quiz.shuffle_questions")}
            </label>
            <label class="check" for="f-shuffle_options">
                <input id="f-shuffle_options" type="checkbox" name="shuffle_options" value="1" checked=shuffle_o/>
                {i.t("quiz.shuffle_options")}
            </label>
        </fieldset>
        <Field name="time_limit_minutes" label=i.t("quiz.time_limit") kind="number" inputmode="numeric" hint=i.t("quiz.time_limit_hint")
            value=value(&|q| q.time_limit_minutes.to_string(), "0")/>
        <div class="field-pair">
            <Field name="opens_on" label=i.t("quiz.opens_on") kind="date" required=true value=value(&|q| date(q.opens_at), "")/>
            <Field name="opens_time" label=i.t("quiz.opens_time") kind="time" value=value(&|q| time(q.opens_at), "07:00")/>
        </div>
        <div class="field-pair">
            <Field name="closes_on" label=i.t("quiz.closes_on") kind="date" required=true value=value(&|q| date(q.closes_at), "")/>
            <Field name="closes_time" label=i.t("quiz.closes_time") kind="time" value=value(&|q| time(q.closes_at), "23:59")/>
        </div>
        <p class="hint">{i.t("quiz.wib_hint")}</p>
        <Field name="max_attempts" label=i.t("quiz.max_attempts") kind="number" inputmode="numeric" value=value(&|q| q.max_attempts.to_string(), "1")/>
        <Field name="pass_percent" label=i.t("quiz.pass_percent") kind="number" inputmode="numeric" hint=i.t("quiz.pass_percent_hint") value=value(&|q| q.pass_percent.to_string(), "65")/>
        <SelectField name="review" label=i.t("quiz.review") options=options(REVIEWS, "quiz.review") selected=value(&|q| q.review.to_string(), "score")/>
        <Field name="questions_per_page" label=i.t("quiz.questions_per_page") kind="number" inputmode="numeric" value=value(&|q| q.questions_per_page.to_string(), "5")/>
    }
    .into_any()
}

fn quiz_view(i: I18n, v: QuizView) -> AnyView {
    let q = v.quiz.clone();
    let id = q.id;
    let from_settings = flash_has("title");
    let from_add =
        flash_has("question_id") && flash().is_some_and(|f| f.value("direction").is_none());
    let from_other = !from_settings && !from_add && flash().is_some_and(|f| f.error.is_some());
    let fixed = q.settings.selection == QuestionSelection::Fixed;
    let questions_editable = fixed
        && (q.status == QuizStatus::Draft || (q.status == QuizStatus::Open && v.attempts == 0));
    let locked = q.status == QuizStatus::Open && v.attempts > 0;
    let choose_hint = typed_or("question_id", "question_id", String::new());
    let draw = if fixed {
        i.t("quiz.selection_fixed")
    } else {
        i.t_with(
            "quiz.draw",
            &[
                ("count", &q.settings.random_count.to_string()),
                ("tags", &{
                    let tags = tag_list(&q.settings.random_tags).join(", ");
                    if tags.is_empty() {
                        i.t("quiz.any_tag")
                    } else {
                        tags
                    }
                }),
            ],
        )
    };
    view! {
        <section class="panel">
            <p><a href=format!("/admin/angkatan/{}/kuis", q.cohort_id)>{i.t("quiz.back_to_list")}</a></p>
            <p class="eyebrow">{v.cohort_name.clone()}</p>
            <h1>{q.settings.title.clone()}</h1>
            {form_message(from_other)}
            <p><span class=format!("tag status-{}", q.status)>{label(i, "quiz.status", q.status.as_str())}</span></p>
            <dl class="facts">
                <dt>{i.t("quiz.kind")}</dt><dd>{label(i, "quiz.kind", q.settings.kind.as_str())}</dd>
                <dt>{i.t("quiz.selection")}</dt><dd>{draw}</dd>
                <dt>{i.t("quiz.window")}</dt><dd>{wib(q.settings.opens_at)} " – " {wib(q.settings.closes_at)}</dd>
                <dt>{i.t("quiz.time_limit")}</dt><dd>{if q.settings.time_limit_minutes == 0 { i.t("quiz.no_limit") } else { i.t_with("quiz.minutes", &[("n", &q.settings.time_limit_minutes.to_string())]) }}</dd>
                <dt>{i.t("quiz.max_attempts")}</dt><dd>{q.settings.max_attempts}</dd>
                <dt>{i.t("quiz.pass_percent")}</dt><dd>{format!("{}%", q.settings.pass_percent)}</dd>
                <dt>{i.t("quiz.review")}</dt><dd>{label(i, "quiz.review", q.settings.review.as_str())}</dd>
                <dt>{i.t("quiz.attempts")}</dt><dd>{v.attempts}</dd>
            </dl>
            {(v.attempts > 0).then(|| view! {
                <p><a class="button secondary small" href=format!("/admin/kuis/{}/hasil", q.id)>{i.t("results.page_title")}</a></p>
            })}
            <div class="actions">
                {(q.status == QuizStatus::Draft).then(|| view! {
                    <form method="post" action="/api/quiz_open" class="inline-form">
                        <input type="hidden" name="quiz_id" value=id/>
                        <button type="submit" class="button">{i.t("quiz.open")}</button>
                        <p class="hint">{i.t("quiz.open_hint")}</p>
                    </form>
                })}
                {(q.status != QuizStatus::Archived).then(|| view! {
                    <form method="post" action="/api/quiz_archive" class="inline-form">
                        <input type="hidden" name="quiz_id" value=id/>
                        <button type="submit" class="button secondary small">{i.t("quiz.archive")}</button>
                    </form>
                })}
            </div>
        </section>
        <section class="panel" id="soal-kuis">
            <h2>{if fixed { i.t("quiz.questions") } else { i.t("quiz.pool") }}</h2>
            {(!fixed && q.status == QuizStatus::Draft).then(|| view! { <p class="hint">{i.t("quiz.pool_hint")}</p> })}
            {(fixed && v.questions.is_empty()).then(|| view! { <p class="hint">{i.t("quiz.no_questions")}</p> })}
            <ol class="list quiz-questions">
                {v.questions.iter().map(|item| {
                    let qid = item.question_id;
                    let item = &item.question;
                    view! {
                        <li>
                            <a href=format!("/admin/soal/{qid}")>{excerpt(&item.prompt, 140)}</a>
                            " " <span class="tag">{label(i, "bank.kind", item.kind.as_str())}</span>
                            <span class="meta">{i.t_with("bank.points_n", &[("points", &item.points.to_string())])}</span>
                            {(item.archived != 0).then(|| view! { <span class="tag status-archived">{i.t("bank.state_archived")}</span> })}
                            {questions_editable.then(|| view! {
                                <span class="row-actions">
                                    {move_question_form(i, id, qid, "up")}
                                    {move_question_form(i, id, qid, "down")}
                                    <form method="post" action="/api/quiz_remove_question" class="inline-form">
                                        <input type="hidden" name="quiz_id" value=id/>
                                        <input type="hidden" name="question_id" value=qid/>
                                        <button type="submit" class="button secondary small">{i.t("quiz.remove")}</button>
                                    </form>
                                </span>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ol>
            {(questions_editable && !v.bank.is_empty()).then(|| view! {
                <form method="post" action="/api/quiz_add_question" class="add-question">
                    {form_message(from_add)}
                    <input type="hidden" name="quiz_id" value=id/>
                    <div class="field">
                        <label for="f-question_id">{i.t("quiz.add_question")}</label>
                        <select id="f-question_id" name="question_id" aria-describedby="e-question_id">
                            {v.bank.iter().map(|b| {
                                let tags = tag_list(&b.tags).join(", ");
                                let text = format!("#{} · {} · {}{}", b.id, label(i, "bank.kind", b.kind.as_str()), excerpt(&b.prompt, 90),
                                    if tags.is_empty() { String::new() } else { format!(" [{tags}]") });
                                view! { <option value=b.id selected=choose_hint == b.id.to_string()>{text}</option> }
                            }).collect_view()}
                        </select>
                        {error_slot("question_id", from_add)}
                    </div>
                    <button type="submit" class="button secondary">{i.t("quiz.add_submit")}</button>
                </form>
            })}
            {(questions_editable && v.bank.is_empty()).then(|| view! {
                <p class="hint"><a href=format!("/admin/program/{}/soal", v.program_id)>{i.t("quiz.bank_empty")}</a></p>
            })}
        </section>
        {(q.status != QuizStatus::Archived).then(|| view! {
            <section class="panel narrow" id="pengaturan">
                <h2>{i.t("quiz.settings")}</h2>
                {locked.then(|| view! { <p class="hint locked" role="note">{i.t("quiz.locked_hint")}</p> })}
                <EnhancedForm action="/api/quiz_update".to_string() busy_label=i.t("form.busy") offline_message=i.t("form.offline")>
                    {form_message(from_settings)}
                    <input type="hidden" name="quiz_id" value=id/>
                    {quiz_fields(i, Some(&q.settings))}
                    <SubmitButton label=i.t("quiz.save")/>
                </EnhancedForm>
            </section>
        })}
    }
    .into_any()
}

/// The button that moves question `question` of quiz `quiz` one place `direction` (`up` or
/// `down`), as an arrow with a spoken label.
fn move_question_form(
    i: I18n,
    quiz: crate::model::ids::QuizId,
    question: crate::model::ids::QuestionId,
    direction: &'static str,
) -> impl IntoView {
    let (label_key, arrow) = match direction {
        "up" => ("quiz.move_up", "↑"),
        _ => ("quiz.move_down", "↓"),
    };
    view! {
        <form method="post" action="/api/quiz_move_question" class="inline-form">
            <input type="hidden" name="quiz_id" value=quiz/>
            <input type="hidden" name="question_id" value=question/>
            <input type="hidden" name="direction" value=direction/>
            <button type="submit" class="button secondary small" aria-label=i.t(label_key)>{arrow}</button>
        </form>
    }
}
