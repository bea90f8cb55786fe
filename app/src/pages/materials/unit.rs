//! `/peserta/materi/:id`: one unit: its text, pictures (in data-saving mode a link that says
//! how much tapping it costs, instead of the picture), attachments with their sizes, a video
//! link, and the participant's "Tandai selesai".

use super::{editor_path, unit_path};
use crate::api::materials::material_unit;
use crate::components::{loaded, route_id, SignedInPage};
use crate::i18n::{use_i18n, I18n};
use crate::model::materials::{size_text, UnitFile, UnitPage};
use crate::model::Role;
use leptos::either::Either;
use leptos::prelude::*;

/// `/peserta/materi/:id`: a unit for its reader.
#[component]
pub fn UnitViewPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&Role::ALL title=i.t("materials.unit_title") children=move |_| {
            let unit = route_id();
            let data = Resource::new(move || unit, material_unit);
            loaded(i, data, unit_view)
        }/>
    }
}

fn unit_view(i: I18n, u: UnitPage) -> impl IntoView {
    let back = match (u.participant, u.cohort_id) {
        (true, Some(cohort)) => Some((
            format!("/peserta/angkatan/{cohort}#materi"),
            i.t("materials.back_cohort"),
        )),
        _ => None,
    };
    let edit = u
        .can_edit
        .then(|| view! { <p><a href=editor_path(u.id)>{i.t("materials.edit_unit")}</a></p> });
    let video = u.video_url.clone().map(|url| {
        let label = match u.video_minutes {
            Some(n) => i.t_with("materials.video_minutes", &[("n", &n.to_string())]),
            None => i.t("materials.video"),
        };
        view! {
            <p class="video-link">
                <a href=url rel="noopener noreferrer" target="_blank">{label}</a>
                " "
                <span class="meta">{i.t("materials.video_hint")}</span>
            </p>
        }
    });
    let pictures = (!u.pictures.is_empty()).then(|| {
        let saving = u.data_saving;
        view! {
            <section class="unit-pictures" id="gambar">
                <h2>{i.t("materials.pictures")}</h2>
                {u.pictures.iter().map(|p| picture(i, p, saving)).collect_view()}
            </section>
        }
    });
    let attachments = (!u.attachments.is_empty()).then(|| {
        view! {
            <section id="lampiran">
                <h2>{i.t("materials.attachments")}</h2>
                <ul class="plain-list">
                    {u.attachments.iter().map(|a| view! {
                        <li>
                            <a href=format!("/materi/berkas/{}", a.id)>{a.file_name.clone()}</a>
                            " "
                            <span class="meta">{format!("({})", size_text(a.size_bytes))}</span>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        }
    });
    let done = u.participant.then(|| {
        if u.done {
            Either::Left(view! { <p class="badge done-badge">{i.t("materials.state_done")}</p> })
        } else {
            Either::Right(view! {
                <form method="post" action="/api/mark_unit_done" class="done-form">
                    <input type="hidden" name="unit_id" value=u.id/>
                    <button type="submit" class="button">{i.t("materials.mark_done")}</button>
                </form>
            })
        }
    });
    let saving = data_saving_form(i, u.data_saving, unit_path(u.id));
    let nav = view! {
        <nav class="unit-nav">
            {u.previous.map(|p| view! { <a href=unit_path(p)>{i.t("materials.previous")}</a> " " })}
            {u.next.map(|n| view! { <a href=unit_path(n)>{i.t("materials.next")}</a> })}
        </nav>
    };
    view! {
        <article class="panel unit">
            {back.map(|(href, label)| view! { <p><a href=href>{label}</a></p> })}
            {edit}
            <p class="eyebrow">{u.module_title.clone()}</p>
            <h1>{u.title.clone()}</h1>
            {saving}
            <div class="unit-body" inner_html=u.body_html.clone()></div>
            {video}
            {pictures}
            {attachments}
            {done}
            {nav}
        </article>
    }
}

/// A picture: the resized copy, or in data-saving mode a link to it that says its size; the
/// original is always a download away.
fn picture(i: I18n, p: &UnitFile, saving: bool) -> impl IntoView {
    let small = format!("/materi/berkas/{}/kecil", p.id);
    let original = format!("/materi/berkas/{}", p.id);
    let small_size = size_text(p.small_bytes.unwrap_or(p.size_bytes));
    let original_label = i.t_with("materials.original", &[("size", &size_text(p.size_bytes))]);
    let shown = if saving {
        Either::Left(view! {
            <a class="picture-link" href=small>
                {i.t_with("materials.tap_to_load", &[("size", &small_size)])}
            </a>
        })
    } else {
        Either::Right(view! {
            <img src=small alt=p.file_name.clone() loading="lazy"
                width=p.width.map(|w| w.to_string()) height=p.height.map(|h| h.to_string())/>
        })
    };
    view! {
        <figure class="unit-picture">
            {shown}
            <figcaption class="meta">
                {p.file_name.clone()} " · " <a href=original>{original_label}</a>
            </figcaption>
        </figure>
    }
}

/// The data-saving switch: the state now and a button that turns it the other way, then comes
/// back to `next`.
fn data_saving_form(i: I18n, on: bool, next: String) -> impl IntoView {
    let (value, label, state) = if on {
        (
            "0",
            i.t("materials.data_saving_turn_off"),
            i.t("materials.data_saving_is_on"),
        )
    } else {
        (
            "1",
            i.t("materials.data_saving_turn_on"),
            i.t("materials.data_saving_is_off"),
        )
    };
    view! {
        <form method="post" action="/api/set_data_saving" class="data-saving">
            <input type="hidden" name="enabled" value=value/>
            <input type="hidden" name="next" value=next/>
            <span class="meta">{state}</span>
            " "
            <button type="submit" class="button small secondary">{label}</button>
        </form>
    }
}

/// Data-saving mode on the account page (`/akun`).
#[component]
pub fn DataSavingSetting() -> impl IntoView {
    let i = use_i18n();
    let data = Resource::new(|| (), |_| crate::api::materials::data_saving_setting());
    view! {
        <section class="panel narrow" id="hemat-data">
            <h2>{i.t("materials.data_saving")}</h2>
            <p class="hint">{i.t("materials.data_saving_hint")}</p>
            <Suspense fallback=move || view! { <p>{i.t("form.loading")}</p> }>
                {move || Suspend::new(async move {
                    data.await.ok().map(|on| data_saving_form(i, on, "/akun#hemat-data".to_string()))
                })}
            </Suspense>
        </section>
    }
}
