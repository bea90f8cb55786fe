//! `/peserta`: a teacher's home page: invitations to answer, their cohorts and applications, a
//! prompt to complete the profile, and the way to the catalog.

use crate::api::cohorts::participant_overview;
use crate::components::{FormMessage, SignedInPage};
use crate::i18n::use_i18n;
use crate::model::codes::EnrolmentStatus;
use crate::model::Role;
use crate::pages::cohorts::applications::application_list;
use crate::pages::cohorts::invitations::invitation_list;
use leptos::prelude::*;

/// Greeting, the teacher's trainings and next steps.
#[component]
pub fn ParticipantHome() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&[Role::Participant] title=i.t("home.participant.title") children=move |user| {
            let overview = Resource::new(|| (), |_| participant_overview());
            view! {
                <section class="panel">
                    <h1>{i.t_with("home.greeting", &[("name", &user.name)])}</h1>
                    <p class="lead">{i.t("home.participant.lead")}</p>
                </section>
                <Suspense fallback=move || view! { <p>{i.t("form.loading")}</p> }>
                    {move || Suspend::new(async move {
                        let data = overview.await.ok();
                        let complete = data.as_ref().map(|d| d.profile_complete).unwrap_or(true);
                        let (apps, invitations) = data.map(|d| (d.applications, d.invitations)).unwrap_or_default();
                        let (mine, pending): (Vec<_>, Vec<_>) = apps.into_iter().partition(|a| a.status == EnrolmentStatus::Approved);
                        let pending: Vec<_> = pending.into_iter().filter(|a| matches!(a.status, EnrolmentStatus::Applied | EnrolmentStatus::Waitlisted)).collect();
                        let prompt = (!complete).then(|| view! {
                            <section class="panel prompt">
                                <p>{i.t("cohort.home_profile_prompt")}</p>
                                <a class="button" href="/peserta/profil">{i.t("cohort.home_complete_profile")}</a>
                            </section>
                        });
                        let no_trainings = mine.is_empty().then(|| view! { <p class="empty">{i.t("home.participant.no_trainings")}</p> });
                        let pending_view = (!pending.is_empty()).then(|| view! {
                            <section class="panel">
                                <h2>{i.t("cohort.home_pending")}</h2>
                                {application_list(i, pending)}
                            </section>
                        });
                        let invitations_view = (!invitations.is_empty()).then(|| view! {
                            <section class="panel invitations">
                                <h2>{i.t("cohort.invitations_title")}</h2>
                                <p>{i.t("cohort.invitations_lead")}</p>
                                <FormMessage/>
                                {invitation_list(i, invitations)}
                            </section>
                        });
                        view! {
                            {invitations_view}
                            {prompt}
                            <section class="panel">
                                <h2>{i.t("home.participant.my_trainings")}</h2>
                                {no_trainings}
                                <ul class="plain-list">
                                    {mine.into_iter().map(|a| view! {
                                        <li class="row-item">
                                            <span class="who"><strong>{a.program_title}</strong><span>{a.cohort_name}</span></span>
                                            <a class="button small" href=format!("/peserta/angkatan/{}", a.cohort_id)>{i.t("cohort.open_cohort")}</a>
                                        </li>
                                    }).collect_view()}
                                </ul>
                            </section>
                            {pending_view}
                        }
                    })}
                </Suspense>
                <section class="panel">
                    <h2>{i.t("home.participant.next_steps")}</h2>
                    <ul class="steps">
                        <li><a href="/peserta/profil">{i.t("home.participant.step_profile")}</a></li>
                        <li><a href="/katalog">{i.t("home.participant.step_catalog")}</a></li>
                        <li><a href="/peserta/kemajuan">{i.t("dashboard.participant.link")}</a></li>
                        <li><a href="/peserta/jp">{i.t("sessions.jp_title")}</a></li>
                        <li><a href="/peserta/rekam-jejak">{i.t("record.link")}</a></li>
                        <li><a href="/peserta/sertifikat">{i.t("certificates.link_mine")}</a></li>
                        <li><a href="/peserta/tagihan">{i.t("fees.link_mine")}</a></li>
                        <li>{i.t("home.participant.step_pretest")}</li>
                    </ul>
                </section>
            }
        }/>
    }
}
