//! `/admin/angkatan/:id/kuis`: the quizzes of a cohort, and the form that creates one.

use super::authoring_form::{flash_has, label, wib};
use super::quiz::quiz_fields;
use crate::api::quizzes::quiz_list;
use crate::components::{form_message, loaded, SignedInPage, SubmitButton};
use crate::i18n::{use_i18n, I18n};
use crate::islands::EnhancedForm;
use crate::model::quizzes::QuizzesView;
use crate::model::Role;
use leptos::prelude::*;

/// A cohort's quizzes; 404 when the cohort is not in the admin's scope.
#[component]
pub fn QuizzesPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&[Role::Admin] title=i.t("quiz.list_title") children=move |_| {
            let id = crate::components::route_id();
            let data = Resource::new(move || id, quiz_list);
            loaded(i, data, quizzes_view)
        }/>
    }
}

fn quizzes_view(i: I18n, v: QuizzesView) -> AnyView {
    let cohort = v.cohort_id;
    view! {
        <section class="panel">
            <p><a href=format!("/admin/angkatan/{cohort}")>{i.t("quiz.back_to_cohort")}</a></p>
            <p class="eyebrow">{v.program_title.clone()} " · " {v.cohort_name.clone()}</p>
            <h1>{i.t("quiz.list_title")}</h1>
            <p><a href=format!("/admin/program/{}/soal", v.program_id)>{i.t("quiz.to_bank")}</a></p>
            {v.items.is_empty().then(|| view! { <p class="hint">{i.t("quiz.none_yet")}</p> })}
            <ul class="list quizzes">
                {v.items.into_iter().map(|q| view! {
                    <li class="quiz">
                        <div class="who">
                            <a href=format!("/admin/kuis/{}", q.id)><strong>{q.title}</strong></a>
                            <span class=format!("tag status-{}", q.status)>{label(i, "quiz.status", q.status.as_str())}</span>
                            <span class="meta">{label(i, "quiz.kind", q.kind.as_str())} " · " {label(i, "quiz.selection", q.selection.as_str())}</span>
                            <span class="meta">{wib(q.opens_at)} " – " {wib(q.closes_at)}</span>
                            <span class="meta">{i.t_with("quiz.counts", &[("questions", &q.questions.to_string()), ("attempts", &q.attempts.to_string())])}</span>
                        </div>
                    </li>
                }).collect_view()}
            </ul>
        </section>
        <section class="panel narrow" id="buat">
            <h2>{i.t("quiz.create_title")}</h2>
            <EnhancedForm action="/api/quiz_create".to_string() busy_label=i.t("form.busy") offline_message=i.t("form.offline")>
                {form_message(flash_has("title"))}
                <input type="hidden" name="cohort_id" value=cohort/>
                {quiz_fields(i, None)}
                <SubmitButton label=i.t("quiz.create_submit")/>
            </EnhancedForm>
        </section>
    }
    .into_any()
}
