//! `/materi/angkatan/:id/kemajuan`: units done per module by each participant of a cohort, for
//! its admins (everyone) and mentors (the participants of their groups).

use super::program_path;
use crate::api::materials::cohort_material_progress;
use crate::components::{loaded, route_id, SignedInPage};
use crate::i18n::{use_i18n, I18n};
use crate::model::materials::CohortProgress;
use crate::model::Role;
use leptos::prelude::*;

/// `/materi/angkatan/:id/kemajuan`: a cohort's progress through its materials.
#[component]
pub fn CohortProgressPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&[Role::Admin, Role::Mentor] title=i.t("materials.progress_title") children=move |_| {
            let cohort = route_id();
            let data = Resource::new(move || cohort, cohort_material_progress);
            loaded(i, data, progress_view)
        }/>
    }
}

fn progress_view(i: I18n, p: CohortProgress) -> impl IntoView {
    let empty = p
        .participants
        .is_empty()
        .then(|| view! { <p class="empty">{i.t("materials.no_participants")}</p> });
    let totals: Vec<i64> = p.modules.iter().map(|(_, n)| *n).collect();
    view! {
        <section class="panel">
            <p><a href=program_path(p.program_id)>{i.t("materials.author_link")}</a></p>
            <p class="eyebrow">{p.program_title.clone()}</p>
            <h1>{i.t_with("materials.progress_heading", &[("cohort", &p.cohort_name)])}</h1>
            {empty}
            <div class="table-wrap" tabindex="0" role="region" aria-label=i.t("core.scroll_table")>
                <table class="progress-table">
                    <thead>
                        <tr>
                            <th scope="col">{i.t("materials.participant")}</th>
                            {p.modules.iter().map(|(title, _)| view! { <th scope="col">{title.clone()}</th> }).collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {p.participants.iter().map(|row| view! {
                            <tr id=format!("peserta-{}", row.participant_id)>
                                <th scope="row">
                                    {row.name.clone()}
                                    {row.group_name.clone().map(|g| view! { <span class="meta">" · " {g}</span> })}
                                </th>
                                {row.done.iter().zip(totals.iter()).map(|(done, total)| view! {
                                    <td>{format!("{done}/{total}")}</td>
                                }).collect_view()}
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// Links from a mentor's home to the materials progress of each cohort they have a group in.
pub fn mentor_progress_links(i: I18n, groups: &[crate::model::groups::GroupCard]) -> AnyView {
    let mut cohorts: Vec<(i64, String)> = Vec::new();
    for g in groups {
        if !cohorts.iter().any(|(id, _)| *id == g.cohort_id.0) {
            cohorts.push((g.cohort_id.0, g.cohort_name.clone()));
        }
    }
    if cohorts.is_empty() {
        return ().into_any();
    }
    view! {
        <nav class="cohort-links" aria-label=i.t("materials.progress_link")>
            {cohorts.into_iter().map(|(id, name)| view! {
                <a class="button secondary small" href=format!("/materi/angkatan/{id}/kemajuan")>
                    {i.t("materials.progress_link")}": "{name}
                </a>
            }).collect_view()}
        </nav>
    }
    .into_any()
}
