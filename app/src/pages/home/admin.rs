//! `/admin`: an admin's (penyelenggara's) home page.

use crate::api::admin::admin_overview;
use crate::api::planning::planning_overview;
use crate::components::{inline_problem, loaded_or, SignedInPage};
use crate::i18n::{use_i18n, I18n};
use crate::model::accounts::ScopeOverview;
use crate::model::Role;
use leptos::prelude::*;

/// Greeting, counts of accounts per role, and the institutions in the admin's scope.
#[component]
pub fn AdminHome() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&[Role::Admin] title=i.t("home.admin.title") children=move |user| {
            let overview = Resource::new(|| (), |_| admin_overview());
            let planning = Resource::new(|| (), |_| planning_overview());
            view! {
                <section class="panel">
                    <h1>{i.t_with("home.greeting", &[("name", &user.name)])}</h1>
                    <p class="lead">{i.t("home.admin.lead")}</p>
                </section>
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        planning.await.ok().map(|p| view! {
                            <section class="panel">
                                <h2>{i.t("planning.home_title")}</h2>
                                <ul class="stats">
                                    <li><a href="/admin/usulan?status=proposed"><span class="stat">{p.proposed_needs}</span> <span>{i.t("planning.home_needs")}</span></a></li>
                                    <li><a href="/admin/program?status=draft"><span class="stat">{p.programs_draft}</span> <span>{i.t("planning.home_draft")}</span></a></li>
                                    <li><a href="/admin/program?status=published"><span class="stat">{p.programs_published}</span> <span>{i.t("planning.home_published")}</span></a></li>
                                    <li><a href="/admin/program?status=closed"><span class="stat">{p.programs_closed}</span> <span>{i.t("planning.home_closed")}</span></a></li>
                                    <li><a href="/admin/angkatan"><span class="stat">{p.cohorts}</span> <span>{i.t("planning.home_cohorts")}</span></a></li>
                                </ul>
                                <p class="actions">
                                    <a class="button" href="/admin/dasbor">{i.t("dashboard.home_link")}</a>
                                    " "
                                    <a class="button secondary" href="/admin/program#buat">{i.t("planning.home_new_program")}</a>
                                    " "
                                    <a class="button secondary" href="/admin/lembaga">{i.t("planning.home_institutions")}</a>
                                    " "
                                    <a class="button secondary" href="/admin/sertifikat/templat">{i.t("certificates.link_template")}</a>
                                </p>
                            </section>
                        })
                    })}
                </Suspense>
                {loaded_or(i, overview, overview_view, inline_problem)}
            }
        }/>
    }
}

/// The accounts per role in the admin's scope and its institutions.
fn overview_view(i: I18n, o: ScopeOverview) -> impl IntoView {
    view! {
        <section class="panel">
            <h2>{o.institution_name}</h2>
            <ul class="stats">
                {Role::ALL.iter().map(|role| {
                    let count = o.counts.iter().find(|(r, _)| r == role).map(|(_, c)| *c).unwrap_or(0);
                    view! {
                        <li>
                            <span class="stat">{count}</span>
                            <span>{i.t(&format!("home.admin.count_{}", role.code()))}</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <p class="actions">
                <a class="button" href="/admin/pengguna">{i.t("home.admin.manage_accounts")}</a>
                " "
                <a class="button secondary" href="/admin/klaim-sekolah">{i.t("cohort.claims_link")}</a>
                " "
                <a class="button secondary" href="/admin/audit">{i.t("audit.home_link")}</a>
                " "
                <a class="button secondary" href="/admin/kontribusi">{i.t("fees.link_report")}</a>
            </p>
        </section>
        <section class="panel">
            <h2>{i.t("home.admin.institutions")}</h2>
            <ul class="list">
                {o.institutions.into_iter().map(|inst| view! {
                    <li>
                        <span>{inst.name}</span>
                        <span class="tag">{i.t(&format!("institution.{}", inst.kind))}</span>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}
