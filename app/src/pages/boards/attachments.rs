//! The files of a post on its page: each a download link with its kind and size, and for the
//! author a plain multipart upload form (it works without JavaScript) and a remove button for
//! files added to the current revision.

use crate::i18n::I18n;
use crate::model::boards::{AttachForm, AttachmentItem, PostPage};
use crate::pages::quizzes::authoring_form::flash;
use crate::pages::quizzes::results::num;
use leptos::prelude::*;

/// A size as people read it: `850 kB`, `1,4 MB` (the decimal mark of the language).
pub fn size_label(i: I18n, bytes: i64) -> String {
    if bytes < 1024 * 1024 {
        format!("{} kB", (bytes + 1023) / 1024)
    } else {
        format!("{} MB", num(i, bytes as f64 / (1024.0 * 1024.0), 1))
    }
}

/// The section, when the post has files or its author may add some.
pub fn attachment_section(i: I18n, p: &PostPage) -> Option<impl IntoView> {
    // A refusal when the form is gone (the post was approved meanwhile) still shows here.
    let orphan_error = p
        .attach
        .is_none()
        .then(|| flash().and_then(|f| f.field_error("file").map(str::to_string)))
        .flatten();
    if p.attachments.is_empty() && p.attach.is_none() && orphan_error.is_none() {
        return None;
    }
    let orphan_error = orphan_error.map(|message| {
        view! { <p class="field-error" id="e-file" data-error-for="file" role="alert">{message}</p> }
    });
    let list = p
        .attachments
        .iter()
        .map(|a| attachment_row(i, a))
        .collect_view();
    let empty = p
        .attachments
        .is_empty()
        .then(|| view! { <p class="empty">{i.t("board.no_files")}</p> });
    let form = p
        .attach
        .clone()
        .map(|limits| upload_form(i, p.post.id.0, limits));
    Some(view! {
        <section class="panel" id="lampiran">
            <h2>{i.t("board.files")}</h2>
            {orphan_error}
            {empty}
            <ul class="files">{list}</ul>
            {form}
        </section>
    })
}

fn attachment_row(i: I18n, a: &AttachmentItem) -> impl IntoView {
    let href = format!("/papan/lampiran/{}", a.id);
    let about = format!("{} · {}", a.kind_label, size_label(i, a.size_bytes));
    let remove = a.removable.then(|| {
        let action = format!("/papan/lampiran/{}/hapus", a.id);
        let label = i.t_with("board.file_remove_named", &[("name", &a.file_name)]);
        view! {
            <form method="post" action=action class="inline">
                <button type="submit" class="link danger" aria-label=label>{i.t("board.file_remove")}</button>
            </form>
        }
    });
    view! {
        <li id=format!("lampiran-{}", a.id)>
            <a href=href download=a.file_name.clone()>{a.file_name.clone()}</a>
            " "
            <span class="meta">{about}</span>
            {remove}
        </li>
    }
}

fn upload_form(i: I18n, post: i64, limits: AttachForm) -> impl IntoView {
    let error = flash().and_then(|f| f.field_error("file").map(str::to_string));
    let action = format!("/papan/pos/{post}/lampiran");
    let hint = i.t_with(
        "board.file_hint",
        &[
            ("mb", &limits.max_megabytes.to_string()),
            ("n", &limits.remaining.to_string()),
        ],
    );
    if limits.remaining == 0 {
        return view! { <p class="hint">{i.t("board.file_too_many")}</p> }.into_any();
    }
    view! {
        <form method="post" action=action enctype="multipart/form-data" class="upload">
            <div class="field">
                <label for="f-file">{i.t("board.file_add")}</label>
                <p class="hint" id="h-file">{hint}</p>
                <input
                    id="f-file"
                    name="file"
                    type="file"
                    accept=limits.accept
                    required=true
                    aria-invalid=error.is_some().then_some("true")
                    aria-describedby="h-file e-file"
                />
                <p class="field-error" id="e-file" data-error-for="file" role="alert">{error}</p>
            </div>
            <button type="submit" class="button secondary">{i.t("board.file_upload")}</button>
        </form>
    }
    .into_any()
}
