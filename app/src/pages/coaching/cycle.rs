//! `/coaching/:id`: one TIRTA cycle, its four parts and the comment thread (oldest first). Its
//! owner edits the parts (the comments stay); the owner, their mentor and admins comment.

use super::parts::{cohort_label, part_fields, participant_path, plain_text, PARTS};
use crate::api::coaching::coaching_cycle;
use crate::components::{form_message, loaded, route_id, SignedInPage, SubmitButton};
use crate::i18n::{use_i18n, I18n};
use crate::islands::EnhancedForm;
use crate::model::coaching::{CycleComment, CyclePage};
use crate::model::Role;
use crate::pages::cohorts::common::moment;
use crate::pages::quizzes::authoring_form::{flash_has, text_area, typed_or};
use leptos::prelude::*;

/// `/coaching/:id`: one cycle with its comments.
#[component]
pub fn CoachingCyclePage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&Role::ALL title=i.t("coaching.cycle_title") children=move |_| {
            let cycle = route_id();
            let data = Resource::new(move || cycle, coaching_cycle);
            loaded(i, data, cycle_view)
        }/>
    }
}

fn cycle_view(i: I18n, c: CyclePage) -> impl IntoView {
    let (back_href, back_label) = if c.mine {
        (
            format!("/peserta/coaching?angkatan={}", c.cohort.id),
            i.t("coaching.back_mine"),
        )
    } else {
        (
            participant_path(c.participant_id, c.cohort.id),
            i.t_with(
                "coaching.back_participant",
                &[("name", &c.participant_name)],
            ),
        )
    };
    let heading = i.t_with("coaching.cycle_n", &[("n", &c.number.to_string())]);
    let started = i.t_with("coaching.started", &[("when", &moment(i, c.created_at))]);
    let updated = (c.updated_at > c.created_at)
        .then(|| i.t_with("coaching.updated", &[("when", &moment(i, c.updated_at))]));
    let texts = [
        c.parts.goal.clone(),
        c.parts.identification.clone(),
        c.parts.action_plan.clone(),
        c.parts.commitment.clone(),
    ];
    let parts = PARTS
        .into_iter()
        .zip(texts.clone())
        .map(|((name, label, _), text)| {
            view! {
                <section class="coaching-part" id=format!("bagian-{name}")>
                    <h2>{i.t(label)}</h2>
                    {plain_text(text)}
                </section>
            }
        })
        .collect_view();
    let edit = c.mine.then(|| edit_form(i, c.id.0, texts));
    let comment_form = c.can_comment.then(|| comment_form(i, &c));
    let empty = c.comments.is_empty();
    let comments = c.comments.iter().map(|k| comment_item(i, k)).collect_view();
    view! {
        <section class="panel">
            <p><a href=back_href>{back_label}</a></p>
            <h1>{heading}</h1>
            <p class="lead">{c.participant_name.clone()} " · " {cohort_label(&c.cohort)}</p>
            <p class="meta">
                <span>{started}</span>
                {updated.map(|u| view! { " · " <span>{u}</span> })}
            </p>
            {parts}
        </section>
        {edit}
        <section class="panel" id="komentar">
            <h2>{i.t("coaching.comments")}</h2>
            {empty.then(|| view! { <p class="empty">{i.t("coaching.no_comments")}</p> })}
            <ul class="thread" id=format!("siklus-{}-komentar", c.id)>{comments}</ul>
        </section>
        {comment_form}
    }
}

/// One comment: author, role, time and the text as written.
fn comment_item(i: I18n, k: &CycleComment) -> impl IntoView {
    let class = if k.by_owner {
        "comment"
    } else {
        "comment staff"
    };
    let role = i.t(&format!("role.{}", k.author_role));
    let badge = if k.by_owner { "badge" } else { "badge staff" };
    view! {
        <li id=format!("k-{}", k.id) class=class>
            <p class="meta">
                <strong>{k.author_name.clone()}</strong>
                " "
                <span class=badge>{role}</span>
                " · "
                <span>{moment(i, k.created_at)}</span>
            </p>
            {plain_text(k.body.clone())}
        </li>
    }
}

/// The owner's form to rewrite the four parts, filled with what is stored (or what they typed
/// when a save was refused).
fn edit_form(i: I18n, cycle: i64, current: [String; 4]) -> impl IntoView {
    let show = flash_has("goal");
    view! {
        <section class="panel narrow" id="ubah-siklus">
            <details open=show>
                <summary><h2>{i.t("coaching.edit")}</h2></summary>
                <p class="lead">{i.t("coaching.edit_lead")}</p>
                <EnhancedForm action="/api/update_coaching_cycle".to_string() busy_label=i.t("form.busy") offline_message=i.t("form.offline")>
                    {form_message(show)}
                    <input type="hidden" name="cycle_id" value=cycle.to_string()/>
                    {part_fields(i, current, show)}
                    <SubmitButton label=i.t("coaching.edit_submit")/>
                </EnhancedForm>
            </details>
        </section>
    }
}

fn comment_form(i: I18n, c: &CyclePage) -> impl IntoView {
    // Only the comment form has a `body` field: it marks this form's flash.
    let show = flash_has("body");
    let cycle = c.id;
    let hint = if c.mine {
        "coaching.comment_hint_owner"
    } else {
        "coaching.comment_hint_staff"
    };
    view! {
        <section class="panel narrow" id="tulis-komentar">
            <h2>{i.t("coaching.write_comment")}</h2>
            <EnhancedForm action="/api/add_coaching_comment".to_string() busy_label=i.t("form.busy") offline_message=i.t("form.offline")>
                {form_message(show)}
                <input type="hidden" name="cycle_id" value=cycle.to_string()/>
                {text_area("body", i.t("coaching.comment"), Some(i.t(hint)), typed_or("body", "body", String::new()), 4, show)}
                <SubmitButton label=i.t("coaching.comment_submit")/>
            </EnhancedForm>
        </section>
    }
}
