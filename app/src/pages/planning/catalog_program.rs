//! `/katalog/:id`: one published program and its cohorts open for registration; a signed-in
//! participant applies from here, anyone else is asked to sign in first.

use super::common::{flash_from, funding_text, label, wib};
use crate::api::planning::get_catalog_program;
use crate::components::guard::viewer;
use crate::components::{form_message, loaded_or, set_status, Layout};
use crate::i18n::{use_i18n, I18n};
use crate::islands::EnhancedForm;
use crate::model::planning::{CatalogProgramView, CohortItem};
use crate::model::{AppError, ErrorKind, Role};
use leptos::either::EitherOf3;
use leptos::prelude::*;
use leptos_meta::Title;

/// The program's details and open cohorts; drafts and closed programs are 404.
#[component]
pub fn CatalogProgramPage() -> impl IntoView {
    let i = use_i18n();
    let id = crate::components::route_id();
    let data = Resource::new(move || id, get_catalog_program);
    view! {
        <Layout>
            <Title text=i.t("planning.catalog_title")/>
            {loaded_or(i, data, program_view, move |e| problem(i, e))}
        </Layout>
    }
}

/// Why the program cannot be shown (404 for a draft, closed or unknown one), with the way back.
fn problem(i: I18n, e: AppError) -> impl IntoView {
    if e.kind == ErrorKind::NotFound {
        set_status(404);
    }
    view! {
        <section class="panel">
            <p class="form-error">{e.message}</p>
            <p><a href="/katalog">{i.t("planning.back_to_catalog")}</a></p>
        </section>
    }
}

fn program_view(i: I18n, v: CatalogProgramView) -> impl IntoView {
    let p = v.item.program;
    let id = p.id;
    view! {
        <section class="panel">
            <p><a href="/katalog">{i.t("planning.back_to_catalog")}</a></p>
            <h1>{p.title}</h1>
            <p class="description">{p.description}</p>
            <dl class="facts">
                <dt>{i.t("planning.organizer")}</dt><dd>{p.organizer_name}</dd>
                <dt>{i.t("planning.competencies")}</dt><dd>{v.item.competencies.join(", ")}</dd>
                <dt>{i.t("planning.level")}</dt><dd>{label(i, "level", p.level.as_str())}</dd>
                <dt>{i.t("planning.total_jp")}</dt><dd>{p.total_jp} " JP"</dd>
                <dt>{i.t("planning.mode")}</dt><dd>{label(i, "mode", p.mode.as_str())}</dd>
                <dt>{i.t("planning.funding")}</dt><dd>{funding_text(i, p.funding, p.fee_amount)}</dd>
            </dl>
        </section>
        <section class="panel">
            <h2>{i.t("planning.open_cohorts")}</h2>
            {v.open_cohorts.is_empty().then(|| view! { <p class="hint">{i.t("planning.no_open_cohorts")}</p> })}
            <ul class="list open-cohorts">
                {v.open_cohorts.into_iter().map(|c| cohort_item(i, id.0, c)).collect_view()}
            </ul>
        </section>
    }
}

fn cohort_item(i: I18n, program: i64, c: CohortItem) -> impl IntoView {
    let left = (c.quota - c.seats_taken).max(0);
    let action = match viewer() {
        Some(user) if user.role == Role::Participant => EitherOf3::A(view! {
            <EnhancedForm action="/api/apply_to_cohort".to_string() busy_label=i.t("form.busy") offline_message=i.t("form.offline")>
                {form_message(flash_from("cohort_id", &c.id.to_string()))}
                <input type="hidden" name="cohort_id" value=c.id/>
                <button type="submit" class="button">{i.t("planning.apply")}</button>
            </EnhancedForm>
        }),
        Some(_) => EitherOf3::B(view! { <p class="hint">{i.t("planning.participants_only")}</p> }),
        None => EitherOf3::C(view! {
            <p><a class="button" href=format!("/masuk?next=/katalog/{program}")>{i.t("planning.sign_in_to_apply")}</a></p>
        }),
    };
    view! {
        <li class="open-cohort">
            <strong>{c.name}</strong>
            <span class="meta">{c.starts_on} " – " {c.ends_on}</span>
            <span class="meta">{i.t_with("planning.seats_left", &[("left", &left.to_string()), ("quota", &c.quota.to_string())])}</span>
            <span class="meta">{i.t_with("planning.registration_closes", &[("when", &wib(c.registration_closes_at))])}</span>
            {action}
        </li>
    }
}
