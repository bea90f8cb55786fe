//! `/peserta/pendaftaran`: the participant's applications: status, reason, waitlist place, withdraw.

use super::common::{date_range, status_badge};
use crate::api::cohorts::my_applications;
use crate::components::{inline_problem, loaded_or, FormMessage, SignedInPage};
use crate::i18n::{use_i18n, I18n};
use crate::model::codes::EnrolmentStatus;
use crate::model::cohorts::Application;
use crate::model::Role;
use leptos::prelude::*;

/// The participant's applications, newest first.
#[component]
pub fn MyApplicationsPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&[Role::Participant] title=i.t("cohort.applications_title") children=move |_| {
            let list = Resource::new(|| (), |_| my_applications());
            view! {
                <section class="panel">
                    <h1>{i.t("cohort.applications_title")}</h1>
                    <FormMessage/>
                    {loaded_or(i, list, application_list, inline_problem)}
                    <p><a class="button secondary" href="/katalog">{i.t("cohort.to_catalog")}</a></p>
                </section>
            }
        }/>
    }
}

/// The list of applications (also used on the participant's home page).
pub fn application_list(i: I18n, apps: Vec<Application>) -> impl IntoView {
    let empty = apps
        .is_empty()
        .then(|| view! { <p class="empty">{i.t("cohort.no_applications")}</p> });
    view! {
        {empty}
        <ul class="plain-list applications">
            {apps.into_iter().map(|a| {
                let position = a.waitlist_position.map(|p| view! {
                    <span class="meta">{i.t_with("cohort.waitlist_position", &[("position", &p.to_string())])}</span>
                });
                let open = (a.status == EnrolmentStatus::Approved).then(|| view! {
                    <a class="button small" href=format!("/peserta/angkatan/{}", a.cohort_id)>{i.t("cohort.open_cohort")}</a>
                });
                let withdraw = matches!(a.status, EnrolmentStatus::Applied | EnrolmentStatus::Approved | EnrolmentStatus::Waitlisted).then(|| view! {
                    <form method="post" action="/api/withdraw_application">
                        <input type="hidden" name="enrolment_id" value=a.id/>
                        <button type="submit" class="button secondary small">{i.t("cohort.withdraw")}</button>
                    </form>
                });
                view! {
                    <li class="application">
                        <div class="who">
                            <strong>{a.program_title}</strong>
                            <span>{a.cohort_name}</span>
                            <span class="meta">{date_range(i, &a.starts_on, &a.ends_on)}</span>
                            {status_badge(i, a.status)}
                            {position}
                            {a.reason.map(|r| view! { <span class="meta">{i.t("cohort.reason")} ": " {r}</span> })}
                        </div>
                        <div class="actions">{open}{withdraw}</div>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}
