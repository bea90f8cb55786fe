//! A cohort's modules with their units and the reader's progress ("x of y done"), each module's
//! offline pack with its size; shown on the participant's cohort page.

use super::{program_path, unit_path};
use crate::api::materials::cohort_materials;
use crate::components::inline_problem;
use crate::i18n::{use_i18n, I18n};
use crate::model::materials::{size_text, CohortMaterials, ModuleSummary};
use crate::model::CohortId;
use leptos::either::Either;
use leptos::prelude::*;

/// The "Materi" panel of cohort `cohort_id`.
#[component]
pub fn CohortMaterialsList(cohort_id: CohortId) -> impl IntoView {
    let i = use_i18n();
    let data = Resource::new(move || cohort_id, cohort_materials);
    view! {
        <section class="panel" id="materi">
            <h2>{i.t("materials.heading")}</h2>
            <Suspense fallback=move || view! { <p>{i.t("form.loading")}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(m) => Either::Left(modules(i, m)),
                        Err(e) => Either::Right(inline_problem(e)),
                    }
                })}
            </Suspense>
        </section>
    }
}

fn modules(i: I18n, m: CohortMaterials) -> impl IntoView {
    let staff = m.can_edit.then(|| {
        let progress = format!("/materi/angkatan/{}/kemajuan", m.cohort_id);
        view! {
            <p>
                <a href=program_path(m.program_id)>{i.t("materials.author_link")}</a>
                " · "
                <a href=progress>{i.t("materials.progress_link")}</a>
            </p>
        }
    });
    let empty = m
        .modules
        .is_empty()
        .then(|| view! { <p class="empty">{i.t("materials.no_modules")}</p> });
    view! {
        {staff}
        {empty}
        {m.modules.into_iter().map(|module| module_view(i, module)).collect_view()}
    }
}

fn module_view(i: I18n, module: ModuleSummary) -> impl IntoView {
    let total = module.units.len().to_string();
    let progress = i.t_with(
        "materials.done_of",
        &[("done", &module.done.to_string()), ("total", &total)],
    );
    let own = module
        .cohort_name
        .map(|c| view! { " " <span class="badge">{c}</span> });
    let pack = format!("/materi/modul/{}/paket", module.id);
    let pack_label = i.t_with(
        "materials.pack_download",
        &[("size", &size_text(module.pack_bytes))],
    );
    view! {
        <div class="material-module" id=format!("modul-{}", module.id)>
            <h3>{module.title.clone()}{own}</h3>
            <p class="meta">{progress}</p>
            <ol class="plain-list">
                {module.units.into_iter().map(|u| {
                    let state = if u.done {
                        Some(i.t("materials.state_done"))
                    } else if u.locked {
                        Some(i.t("materials.state_locked"))
                    } else {
                        None
                    };
                    let title = if u.locked {
                        Either::Left(view! { <span>{u.title}</span> })
                    } else {
                        Either::Right(view! { <a href=unit_path(u.id)>{u.title}</a> })
                    };
                    view! {
                        <li class="row-item unit-item" class:done=u.done>
                            {title}
                            {state.map(|s| view! { " " <span class="badge">{s}</span> })}
                        </li>
                    }
                }).collect_view()}
            </ol>
            <p><a href=pack download="">{pack_label}</a></p>
        </div>
    }
}
