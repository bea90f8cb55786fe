//! `/admin/angkatan/:id`: one cohort: dates and seats, mentors, live sessions, registrations.

use super::cohort_sections::{mentors_section, registrations_section, sessions_section};
use super::common::{date_range, day_of, not_found};
use crate::api::cohorts::{get_cohort, list_registrations};
use crate::components::SignedInPage;
use crate::i18n::{use_i18n, I18n};
use crate::model::codes::ProgramStatus;
use crate::model::cohorts::CohortDetail;
use crate::model::{ErrorKind, Role};
use leptos::either::EitherOf3;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The cohort page for its admin; 404 outside their scope.
#[component]
pub fn CohortPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&[Role::Admin] title=i.t("cohort.title") children=move |_| {
            let id = crate::components::route_id();
            let query = use_query_map().get_untracked();
            let status = query.get("status").filter(|s| crate::api::cohorts::STATUSES.contains(&s.as_str())).unwrap_or_else(|| "applied".to_string());
            let page = query.get("hal").and_then(|p| p.parse::<i64>().ok()).unwrap_or(1);
            let detail = Resource::new(move || id, get_cohort);
            let regs = Resource::new(
                {
                    let status = status.clone();
                    move || (id, status.clone(), page)
                },
                |(id, status, page)| list_registrations(id, Some(status), Some(page)),
            );
            view! {
                <Suspense fallback=move || view! { <p>{i.t("form.loading")}</p> }>
                    {move || {
                        let status = status.clone();
                        Suspend::new(async move {
                            match (detail.await, regs.await) {
                                (Ok(d), Ok(r)) => EitherOf3::A(view! {
                                    {header(i, &d)}
                                    {mentors_section(i, &d)}
                                    {sessions_section(i, &d)}
                                    {registrations_section(i, d.cohort.cohort.id.0, &status, r)}
                                }),
                                (Err(e), _) | (_, Err(e)) if e.kind == ErrorKind::NotFound => EitherOf3::B(not_found(i)),
                                (Err(e), _) | (_, Err(e)) => EitherOf3::C(view! { <p class="form-error">{e.message}</p> }),
                            }
                        })
                    }}
                </Suspense>
            }
        }/>
    }
}

fn header(i: I18n, d: &CohortDetail) -> impl IntoView {
    let c = &d.cohort.cohort;
    let base = format!("/admin/angkatan/{}", c.id);
    let seats = i.t_with(
        "cohort.seats",
        &[
            ("taken", &c.seats_taken.to_string()),
            ("quota", &c.quota.to_string()),
        ],
    );
    let waitlist = i.t_with(
        "cohort.waitlist_count",
        &[("count", &d.waitlisted.to_string())],
    );
    let window = i.t_with(
        "cohort.window_long",
        &[
            ("opens", &day_of(i, c.registration_opens_at)),
            ("closes", &day_of(i, c.registration_closes_at)),
        ],
    );
    let status_key = match d.program_status {
        ProgramStatus::Published => "cohort.program_published",
        ProgramStatus::Closed => "cohort.program_is_closed",
        ProgramStatus::Draft => "cohort.program_draft",
    };
    view! {
        <section class="panel cohort-head">
            <p class="eyebrow">{d.cohort.program_title.clone()} " · " {i.t(status_key)}</p>
            <h1>{c.name.clone()}</h1>
            <dl class="facts">
                <dt>{i.t("cohort.dates")}</dt><dd>{date_range(i, &c.starts_on, &c.ends_on)}</dd>
                <dt>{i.t("cohort.registration")}</dt><dd>{window}</dd>
                <dt>{i.t("cohort.quota")}</dt><dd><strong class="seats">{seats}</strong></dd>
                <dt>{i.t("cohort.waitlist")}</dt><dd>{waitlist}</dd>
            </dl>
            <nav class="cohort-links" aria-label=i.t("cohort.tools")>
                <a class="button small" href=format!("{base}/dasbor")>{i.t("dashboard.cohort_link")}</a>
                <a class="button secondary small" href=format!("{base}/impor")>{i.t("cohort.link_import")}</a>
                <a class="button secondary small" href=format!("{base}/peserta")>{i.t("cohort.link_roster")}</a>
                <a class="button secondary small" href=format!("{base}/kelompok")>{i.t("cohort.link_groups")}</a>
                <a class="button secondary small" href=format!("{base}/kuis")>{i.t("quiz.link_from_cohort")}</a>
                <a class="button secondary small" href=format!("{base}/capaian")>{i.t("results.link_gain")}</a>
                <a class="button secondary small" href=format!("{base}/kehadiran")>{i.t("sessions.table_title")}</a>
                <a class="button secondary small" href=format!("{base}/kelulusan")>{i.t("completion.link")}</a>
                <a class="button secondary small" href=format!("{base}/sertifikat")>{i.t("certificates.link_cohort")}</a>
                <a class="button secondary small" href=format!("{base}/tagihan")>{i.t("fees.link_cohort")}</a>
                <a class="button secondary small" href=format!("/materi/angkatan/{}/kemajuan", c.id)>{i.t("materials.progress_link")}</a>
                <a class="button secondary small" href=format!("{base}/survei")>{i.t("survey.link_from_cohort")}</a>
            </nav>
        </section>
    }
}
