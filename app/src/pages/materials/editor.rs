//! `/materi/unit/:id/ubah`: a unit's editor: title, Markdown body, lock, video link; "Simpan"
//! saves a revision, "Pratinjau" shows the typed text rendered without saving it (and keeps it in
//! the form); pictures and attachments are uploaded here; the revision history links each old
//! body (`/materi/revisi/:id`).

use super::{program_path, unit_path};
use crate::api::materials::{material_revision, unit_editor};
use crate::components::{form_message, loaded, route_id, SignedInPage};
use crate::i18n::{use_i18n, I18n};
use crate::model::materials::{size_text, RevisionPage, UnitEditor, UnitFile};
use crate::model::{Role, UnitId};
use crate::pages::cohorts::common::moment;
use crate::pages::quizzes::authoring_form::{error_slot, flash_has, text_area, typed_or};
use leptos::prelude::*;

/// `/materi/unit/:id/ubah`: editing a unit.
#[component]
pub fn UnitEditorPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&[Role::Admin, Role::Mentor] title=i.t("materials.editor_title") children=move |_| {
            let unit: UnitId = route_id();
            let preview = leptos_router::hooks::use_query_map()
                .get_untracked()
                .get("pratinjau")
                .is_some();
            let data = Resource::new(move || (unit, preview), |(unit, preview)| unit_editor(unit, preview));
            loaded(i, data, editor_view)
        }/>
    }
}

fn editor_view(i: I18n, e: UnitEditor) -> impl IntoView {
    // The body field marks this form's flash after a refused save.
    let show = flash_has("body");
    let title = typed_or("body", "title", e.title.clone());
    let body = typed_or("body", "body", e.body.clone());
    let video_url = typed_or("body", "video_url", e.video_url.clone());
    let video_minutes = typed_or("body", "video_minutes", e.video_minutes.clone());
    let preview = e.preview_html.clone().map(|html| {
        view! {
            <section class="panel preview" id="pratinjau">
                <h2>{i.t("materials.preview")}</h2>
                <p class="hint">{i.t("materials.preview_hint")}</p>
                <div class="unit-body" inner_html=html></div>
            </section>
        }
    });
    let revisions = e
        .revisions
        .iter()
        .map(|r| {
            let label = i.t_with("materials.revision_n", &[("n", &r.number.to_string())]);
            view! {
                <li>
                    <a href=format!("/materi/revisi/{}", r.id)>{label}</a>
                    " · " {r.author_name.clone()} " · " {moment(i, r.created_at)}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="panel">
            <p><a href=program_path(e.program_id)>{i.t("materials.back_program")}</a>
                " · " <a href=unit_path(e.id)>{i.t("materials.view_unit")}</a></p>
            <p class="eyebrow">{e.module_title.clone()}</p>
            <h1>{e.title.clone()}</h1>
        </section>
        {preview}
        <section class="panel narrow" id="ubah">
            <form method="post" action="/api/save_material_unit">
                {form_message(show)}
                <input type="hidden" name="unit_id" value=e.id/>
                <div class="field">
                    <label for="f-title">{i.t("materials.title")}</label>
                    <input id="f-title" name="title" value=title required=true maxlength="200"/>
                    {error_slot("title", show)}
                </div>
                {text_area("body", i.t("materials.body"), Some(i.t("materials.body_hint")), body, 16, show)}
                <div class="field">
                    <label>
                        <input type="checkbox" name="locked_until_previous" value="1" checked=e.locked_until_previous/>
                        " " {i.t("materials.lock_label")}
                    </label>
                </div>
                <div class="field">
                    <label for="f-video_url">{i.t("materials.video_url")}</label>
                    <p class="hint">{i.t("materials.video_url_hint")}</p>
                    <input id="f-video_url" name="video_url" type="url" value=video_url/>
                    {error_slot("video_url", show)}
                </div>
                <div class="field">
                    <label for="f-video_minutes">{i.t("materials.video_minutes_label")}</label>
                    <input id="f-video_minutes" name="video_minutes" inputmode="numeric" value=video_minutes/>
                    {error_slot("video_minutes", show)}
                </div>
                <button type="submit" name="action" value="simpan" class="button">{i.t("materials.save")}</button>
                " "
                <button type="submit" name="action" value="pratinjau" class="button secondary" formnovalidate=true>{i.t("materials.preview_button")}</button>
            </form>
        </section>
        {upload_form(i, e.id, true, &e.pictures, &e.attachment_accept)}
        {upload_form(i, e.id, false, &e.attachments, &e.attachment_accept)}
        <section class="panel" id="riwayat">
            <h2>{i.t("materials.history")}</h2>
            <ol class="plain-list">{revisions}</ol>
        </section>
    }
}

/// The upload form for pictures (`picture`) or attachments, with the files already there.
fn upload_form(
    i: I18n,
    unit: UnitId,
    picture: bool,
    files: &[UnitFile],
    attachment_accept: &str,
) -> impl IntoView {
    let (anchor, heading, field, accept, route) = if picture {
        (
            "gambar",
            i.t("materials.pictures"),
            "picture",
            "image/jpeg,image/png,image/webp".to_string(),
            format!("/materi/unit/{unit}/gambar"),
        )
    } else {
        (
            "lampiran",
            i.t("materials.attachments"),
            "attachment",
            attachment_accept.to_string(),
            format!("/materi/unit/{unit}/lampiran"),
        )
    };
    let hint = if picture {
        i.t("materials.picture_hint")
    } else {
        i.t("materials.attachment_hint")
    };
    let id = format!("f-{field}");
    let list = files
        .iter()
        .map(|f| {
            let size = match f.small_bytes {
                Some(small) => i.t_with(
                    "materials.picture_sizes",
                    &[
                        ("small", &size_text(small)),
                        ("original", &size_text(f.size_bytes)),
                    ],
                ),
                None => size_text(f.size_bytes),
            };
            view! {
                <li>
                    <a href=format!("/materi/berkas/{}", f.id)>{f.file_name.clone()}</a>
                    " " <span class="meta">{format!("({size})")}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="panel narrow" id=anchor>
            <h2>{heading.clone()}</h2>
            <ul class="plain-list">{list}</ul>
            <form method="post" action=route enctype="multipart/form-data">
                <div class="field">
                    <label for=id.clone()>{i.t("materials.choose_file")}</label>
                    <p class="hint">{hint}</p>
                    <input id=id type="file" name="file" accept=accept required=true/>
                    {error_slot(field, true)}
                </div>
                <button type="submit" class="button">{i.t("materials.upload")}</button>
            </form>
        </section>
    }
}

/// `/materi/revisi/:id`: an old body of a unit, as saved then.
#[component]
pub fn RevisionViewPage() -> impl IntoView {
    let i = use_i18n();
    view! {
        <SignedInPage roles=&[Role::Admin, Role::Mentor] title=i.t("materials.revision_title") children=move |_| {
            let revision = route_id();
            let data = Resource::new(move || revision, material_revision);
            loaded(i, data, revision_view)
        }/>
    }
}

fn revision_view(i: I18n, r: RevisionPage) -> impl IntoView {
    let heading = i.t_with("materials.revision_n", &[("n", &r.number.to_string())]);
    view! {
        <section class="panel">
            <p><a href=format!("/materi/unit/{}/ubah#riwayat", r.unit_id)>{i.t("materials.back_editor")}</a></p>
            <p class="eyebrow">{heading}</p>
            <h1>{r.title.clone()}</h1>
            <p class="meta">{r.author_name.clone()} " · " {moment(i, r.created_at)}</p>
            <div class="unit-body" inner_html=r.body_html.clone()></div>
        </section>
        <section class="panel">
            <h2>{i.t("materials.markdown_source")}</h2>
            <pre class="markdown-source">{r.body.clone()}</pre>
        </section>
    }
}
