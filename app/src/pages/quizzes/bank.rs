//! `/admin/program/:id/soal`: a program's question bank (filter, page, create, CSV import and
//! export) and `/admin/soal/:id`: one question (edit, copy, archive).

use super::authoring_form::{
    error_slot, excerpt, field_error, flash, flash_has, label, text_area, typed_all, typed_or,
};
use crate::api::quizzes::{bank_get_question, bank_list_questions};
use crate::components::{
    filter_form, filter_select, form_message, loaded, pager, search_field, Field, SelectField,
    SignedInPage, SubmitButton,
};
use crate::i18n::{use_i18n, I18n};
use crate::islands::EnhancedForm;
use crate::model::quizzes::{
    tag_list, BankView, OptionRow, QuestionItem, QuestionRow, QuestionView, MAX_OPTIONS,
    QUESTION_KINDS,
};
use crate::model::Role;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The bank of a program; 404 when the program is not in the admin's scope.
#[component]
pub fn BankPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&[Role::Admin] title=i.t("bank.title") children=move |_| {
            let id = crate::components::route_id();
            let query = use_query_map().get_untracked();
            let tag = query.get("tag").unwrap_or_default();
            let kind = query.get("jenis").unwrap_or_default();
            let archived = query.get("arsip").unwrap_or_default();
            let page = query.get("hal").and_then(|p| p.parse::<i64>().ok()).unwrap_or(1);
            let data = Resource::new(
                {
                    let (tag, kind, archived) = (tag.clone(), kind.clone(), archived.clone());
                    move || (tag.clone(), kind.clone(), archived.clone(), page)
                },
                move |(tag, kind, archived, page)| {
                    bank_list_questions(id, Some(tag), Some(kind), Some(archived), Some(page))
                },
            );
            loaded(i, data, move |i, v| bank_view(i, v, (tag.clone(), kind.clone(), archived.clone())))
        }/>
    }
}

fn bank_view(i: I18n, v: BankView, (tag, kind, archived): (String, String, String)) -> AnyView {
    let id = v.program_id;
    let base = format!("/admin/program/{id}/soal");
    let link = {
        let (base, tag, kind, archived) =
            (base.clone(), tag.clone(), kind.clone(), archived.clone());
        move |n: i64| {
            let mut query = Vec::new();
            for (key, value) in [("tag", &tag), ("jenis", &kind), ("arsip", &archived)] {
                if !value.is_empty() {
                    query.push(format!(
                        "{key}={}",
                        crate::components::url::encode_query_value(value)
                    ));
                }
            }
            if n > 1 {
                query.push(format!("hal={n}"));
            }
            if query.is_empty() {
                base.clone()
            } else {
                format!("{base}?{}", query.join("&"))
            }
        }
    };
    let pager = pager(i, v.list.page, v.list.pages(), link);
    let from_create = flash_has("prompt");
    let from_import = !from_create && flash().is_some_and(|f| f.field_error("file").is_some());
    let row_errors: Vec<String> = if from_import {
        flash()
            .and_then(|f| f.error)
            .map(|e| {
                e.fields
                    .into_iter()
                    .filter(|f| f.field == "row")
                    .map(|f| f.message)
                    .collect()
            })
            .unwrap_or_default()
    } else {
        Vec::new()
    };
    view! {
        <section class="panel">
            <p><a href=format!("/admin/program/{id}")>{i.t("bank.back_to_program")}</a></p>
            <p class="eyebrow">{v.program_title.clone()}</p>
            <h1>{i.t("bank.title")}</h1>
            {filter_form(i, base.clone(), "bank.filter", view! {
                {search_field(i, "tag", "bank.filter_tag", tag.clone())}
                {filter_select(i, "jenis", "bank.kind", "bank.all_kinds", &kind, QUESTION_KINDS.iter().map(|k| (k.to_string(), label(i, "bank.kind", k))).collect())}
                <div class="field">
                    <label for="arsip">{i.t("bank.filter_state")}</label>
                    <select id="arsip" name="arsip">
                        <option value="" selected=archived != "1">{i.t("bank.state_active")}</option>
                        <option value="1" selected=archived == "1">{i.t("bank.state_archived")}</option>
                    </select>
                </div>
            })}
            <p class="summary">{i.t_with("bank.total", &[("total", &v.list.total.to_string())])}</p>
            <ul class="list questions">
                {v.list.items.into_iter().map(|QuestionItem { id, question: q }| view! {
                    <li class="question" id=format!("soal-{id}")>
                        <div class="who">
                            <a href=format!("/admin/soal/{id}")><strong>{excerpt(&q.prompt, 160)}</strong></a>
                            <span class="tag">{label(i, "bank.kind", q.kind.as_str())}</span>
                            <span class="meta">{i.t_with("bank.points_n", &[("points", &q.points.to_string())])}</span>
                            <span class="meta">{tag_list(&q.tags).join(", ")}</span>
                        </div>
                    </li>
                }).collect_view()}
            </ul>
            {pager}
        </section>
        <section class="panel narrow" id="impor">
            <h2>{i.t("bank.csv_title")}</h2>
            <p><a class="button secondary small" href=format!("{base}.csv") download="">{i.t("bank.export")}</a>
               " " <a href=format!("{base}/templat.csv") download="">{i.t("bank.template")}</a></p>
            <p class="hint">{i.t("bank.csv_format")}</p>
            <form method="post" action=format!("{base}/impor") enctype="multipart/form-data">
                {form_message(from_import)}
                <div class="field">
                    <label for="f-file">{i.t("bank.import_file")}</label>
                    <input id="f-file" name="file" type="file" accept=".csv,.tsv,.txt,text/csv" required=true aria-describedby="e-file"/>
                    {error_slot("file", from_import)}
                </div>
                {(!row_errors.is_empty()).then(|| view! {
                    <ul class="import-errors" data-error-for="row">
                        {row_errors.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
                    </ul>
                })}
                <button type="submit" class="button secondary">{i.t("bank.import_submit")}</button>
            </form>
        </section>
        <section class="panel narrow" id="buat">
            <h2>{i.t("bank.create_title")}</h2>
            <EnhancedForm action="/api/bank_create_question".to_string() busy_label=i.t("form.busy") offline_message=i.t("form.offline")>
                {form_message(from_create)}
                <input type="hidden" name="program_id" value=id/>
                {question_fields(i, None, &[])}
                <SubmitButton label=i.t("bank.create_submit")/>
            </EnhancedForm>
        </section>
    }
    .into_any()
}

/// The fields of the question form, filled from the flash or from `question` when editing.
fn question_fields(i: I18n, question: Option<&QuestionRow>, options: &[OptionRow]) -> AnyView {
    let show = flash_has("prompt");
    let kind = question
        .map(|q| q.kind.to_string())
        .unwrap_or_else(|| "single".to_string());
    let choice = matches!(kind.as_str(), "single" | "multiple");
    let option_value = |n: usize| {
        let stored = if choice {
            options.get(n).map(|o| o.label.clone()).unwrap_or_default()
        } else {
            String::new()
        };
        typed_or("prompt", &format!("option_{}", n + 1), stored)
    };
    let correct: Vec<String> = typed_all("prompt", "correct[]").unwrap_or_else(|| {
        if choice {
            options
                .iter()
                .enumerate()
                .filter(|(_, o)| o.correct != 0)
                .map(|(n, _)| (n + 1).to_string())
                .collect()
        } else {
            Vec::new()
        }
    });
    let tf = typed_or(
        "prompt",
        "tf_answer",
        if kind == "truefalse" {
            match options.first() {
                Some(o) if o.correct != 0 => "benar".to_string(),
                Some(_) => "salah".to_string(),
                None => String::new(),
            }
        } else {
            String::new()
        },
    );
    let answers = typed_or(
        "prompt",
        "answers",
        if kind == "short" {
            options
                .iter()
                .map(|o| o.label.clone())
                .collect::<Vec<_>>()
                .join("\n")
        } else {
            String::new()
        },
    );
    let kinds = QUESTION_KINDS
        .iter()
        .map(|k| (k.to_string(), label(i, "bank.kind", k)))
        .collect::<Vec<_>>();
    let options_error = field_error("options", show);
    view! {
        <SelectField name="kind" label=i.t("bank.kind") options=kinds selected=kind.clone()/>
        {text_area("prompt", i.t("bank.prompt"), None, typed_or("prompt", "prompt", question.map(|q| q.prompt.clone()).unwrap_or_default()), 4, show)}
        <fieldset class="field options" aria-describedby="e-options e-correct">
            <legend>{i.t("bank.options")}</legend>
            <p class="hint">{i.t("bank.options_hint")}</p>
            {(0..MAX_OPTIONS).map(|n| {
                let number = (n + 1).to_string();
                let ticked = correct.contains(&number);
                view! {
                    <div class="option-row">
                        <label class="check" for=format!("f-correct-{number}")>
                            <input id=format!("f-correct-{number}") type="checkbox" name="correct[]" value=number.clone() checked=ticked/>
                            {i.t("bank.correct")}
                        </label>
                        <label class="visually-hidden" for=format!("f-option_{number}")>{i.t_with("bank.option_n", &[("n", &number)])}</label>
                        <input id=format!("f-option_{number}") name=format!("option_{number}") type="text"
                            placeholder=i.t_with("bank.option_n", &[("n", &number)]) value=option_value(n)/>
                    </div>
                }
            }).collect_view()}
            <p class="field-error" id="e-options" data-error-for="options">{options_error}</p>
            {error_slot("correct", show)}
        </fieldset>
        <fieldset class="field" aria-describedby="e-tf_answer">
            <legend>{i.t("bank.tf_answer")}</legend>
            <p class="hint">{i.t("bank.tf_hint")}</p>
            <label class="check" for="f-tf-benar">
                <input id="f-tf-benar" type="radio" name="tf_answer" value="benar" checked=tf == "benar"/>
                {i.t("bank.true")}
            </label>
            <label class="check" for="f-tf-salah">
                <input id="f-tf-salah" type="radio" name="tf_answer" value="salah" checked=tf == "salah"/>
                {i.t("bank.false")}
            </label>
            {error_slot("tf_answer", show)}
        </fieldset>
        {text_area("answers", i.t("bank.answers"), Some(i.t("bank.answers_hint")), answers, 3, show)}
        <Field name="points" label=i.t("bank.points") kind="number" inputmode="numeric" hint=i.t("bank.points_hint")
            value=question.map(|q| q.points.to_string()).unwrap_or_else(|| "1".to_string())/>
        <Field name="tags" label=i.t("bank.tags") hint=i.t("bank.tags_hint")
            value=question.map(|q| tag_list(&q.tags).join(", ")).unwrap_or_default()/>
        {text_area("feedback", i.t("bank.feedback"), Some(i.t("bank.feedback_hint")), typed_or("prompt", "feedback", question.map(|q| q.feedback.clone()).unwrap_or_default()), 3, show)}
    }
    .into_any()
}

/// One question: edit (unless locked or archived), copy, archive.
#[component]
pub fn QuestionPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&[Role::Admin] title=i.t("bank.question_title") children=move |_| {
            let id = crate::components::route_id();
            let data = Resource::new(move || id, bank_get_question);
            loaded(i, data, question_view)
        }/>
    }
}

fn question_view(i: I18n, v: QuestionView) -> AnyView {
    let q = v.question.clone();
    let id = q.id;
    let archived = q.archived != 0;
    let editable = !archived && !v.locked;
    let from_edit = flash_has("prompt");
    let from_action = !from_edit && flash().is_some_and(|f| f.error.is_some());
    view! {
        <section class="panel">
            <p><a href=format!("/admin/program/{}/soal", q.program_id)>{i.t("bank.back_to_bank")}</a></p>
            <p class="eyebrow">{v.program_title.clone()}</p>
            <h1>{i.t("bank.question_title")} " #" {id.to_string()}</h1>
            {form_message(from_action)}
            <p>
                <span class="tag">{label(i, "bank.kind", q.kind.as_str())}</span>
                {archived.then(|| view! { " " <span class="tag status-archived">{i.t("bank.state_archived")}</span> })}
            </p>
            <p class="description">{q.prompt.clone()}</p>
            <ol class="options">
                {v.options.iter().map(|o| view! {
                    <li class={if o.correct != 0 { "correct" } else { "" }}>
                        {o.label.clone()}
                        {(o.correct != 0).then(|| view! { " " <strong>{format!("({})", i.t("bank.correct"))}</strong> })}
                    </li>
                }).collect_view()}
            </ol>
            {v.locked.then(|| view! { <p class="hint locked" role="note">{i.t("bank.locked")}</p> })}
            <div class="actions">
                <form method="post" action="/api/bank_copy_question" class="inline-form">
                    <input type="hidden" name="question_id" value=id/>
                    <button type="submit" class="button secondary small">{i.t("bank.copy")}</button>
                </form>
                {(!archived).then(|| view! {
                    <form method="post" action="/api/bank_archive_question" class="inline-form">
                        <input type="hidden" name="question_id" value=id/>
                        <button type="submit" class="button secondary small">{i.t("bank.archive")}</button>
                    </form>
                })}
            </div>
        </section>
        {editable.then(|| view! {
            <section class="panel narrow" id="ubah">
                <h2>{i.t("bank.edit_title")}</h2>
                <EnhancedForm action="/api/bank_update_question".to_string() busy_label=i.t("form.busy") offline_message=i.t("form.offline")>
                    {form_message(from_edit)}
                    <input type="hidden" name="question_id" value=id/>
                    {question_fields(i, Some(&q), &v.options)}
                    <SubmitButton label=i.t("bank.save")/>
                </EnhancedForm>
            </section>
        })}
    }
    .into_any()
}
