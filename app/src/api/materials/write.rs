//! Writing materials: authors create, rename and reorder modules and units and save a unit (each
//! save a revision; "Pratinjau" keeps a draft and shows it rendered without saving); a
//! participant marks a unit done; anyone chooses data-saving mode; an admin sets a program's
//! prerequisite. Each checks the caller's place first (404 outside it, 403 for a reader who does
//! not author), then the input, each refusal next to its field.

use crate::model::{AppError, ModuleId, ProgramId, UnitId};
use leptos::prelude::*;

/// The path of a program's materials for its authors.
#[cfg(feature = "ssr")]
fn program_path(program: i64) -> String {
    format!("/materi/program/{program}")
}

/// The path of a unit's editor.
#[cfg(feature = "ssr")]
fn editor_path(unit: i64) -> String {
    format!("/materi/unit/{unit}/ubah")
}

/// A checked title (required, at most `MAX_TITLE_CHARS`), or the refusal next to `title`.
#[cfg(feature = "ssr")]
fn checked_title(title: &str) -> Result<String, AppError> {
    use crate::ssr::materials::content::MAX_TITLE_CHARS;
    use crate::ssr::validate::Validator;
    let mut v = Validator::new();
    let title = v.required("title", title, MAX_TITLE_CHARS);
    v.finish()?;
    Ok(title)
}

/// An author adds a module to program `program_id`: the program's own (shared by its cohorts),
/// or with `cohort_id` set, one cohort's.
#[server(endpoint = "create_material_module")]
pub async fn create_material_module(
    program_id: ProgramId,
    cohort_id: Option<String>,
    title: String,
) -> Result<(), AppError> {
    use crate::ssr::db::internal;
    use crate::ssr::guard::SignedIn;
    use crate::ssr::materials::content;
    use crate::ssr::{flash, state};
    let SignedIn { user } = SignedIn::require().await?;
    let state = state()?;
    let db = &state.db;
    let cohort = cohort_id
        .as_deref()
        .and_then(|c| c.trim().parse::<i64>().ok());
    if let Some(cohort) = cohort {
        let (program,): (i64,) = sqlx::query_as("select program_id from cohort where id = $1")
            .bind(cohort)
            .fetch_optional(db)
            .await
            .map_err(|e| internal("module cohort", e))?
            .ok_or_else(super::guard::not_found)?;
        if program != program_id.0 {
            return Err(super::guard::not_found());
        }
    }
    super::guard::author(db, &user, program_id.0, cohort).await?;
    let title = checked_title(&title)?;
    let id = content::create_module(
        db,
        program_id.0,
        cohort,
        &title,
        user.id.0,
        state.clock.now(),
    )
    .await
    .map_err(|e| internal("create module", e))?;
    tracing::info!(
        user = user.id.0,
        program = program_id.0,
        module = id,
        "material module created"
    );
    flash::go_to(
        &program_path(program_id.0),
        &format!("#modul-{id}"),
        "materials.module_created",
    );
    Ok(())
}

/// The module `module_id` if the caller authors it: its program.
#[cfg(feature = "ssr")]
async fn authored_module(
    db: &crate::ssr::db::Db,
    user: &crate::model::CurrentUser,
    module: ModuleId,
) -> Result<i64, AppError> {
    use crate::ssr::db::internal;
    use crate::ssr::materials::access;
    let head = access::module_head(db, module.0)
        .await
        .map_err(|e| internal("material module", e))?
        .ok_or_else(super::guard::not_found)?;
    super::guard::author(db, user, head.program_id, head.cohort_id).await?;
    Ok(head.program_id)
}

/// An author renames a module.
#[server(endpoint = "rename_material_module")]
pub async fn rename_material_module(module_id: ModuleId, title: String) -> Result<(), AppError> {
    use crate::ssr::db::internal;
    use crate::ssr::guard::SignedIn;
    use crate::ssr::materials::content;
    use crate::ssr::{flash, state};
    let SignedIn { user } = SignedIn::require().await?;
    let state = state()?;
    let program = authored_module(&state.db, &user, module_id).await?;
    let title = checked_title(&title)?;
    content::rename_module(&state.db, module_id.0, &title, state.clock.now())
        .await
        .map_err(|e| internal("rename module", e))?;
    flash::go_to(
        &program_path(program),
        &format!("#modul-{module_id}"),
        "materials.saved",
    );
    Ok(())
}

/// An author moves a module up (`naik`) or down (`turun`) the program's list.
#[server(endpoint = "move_material_module")]
pub async fn move_material_module(module_id: ModuleId, direction: String) -> Result<(), AppError> {
    use crate::model::ErrorKind;
    use crate::ssr::db::internal;
    use crate::ssr::guard::SignedIn;
    use crate::ssr::materials::content::{self, Direction};
    use crate::ssr::{flash, msg, state};
    let SignedIn { user } = SignedIn::require().await?;
    let state = state()?;
    let program = authored_module(&state.db, &user, module_id).await?;
    let direction = Direction::parse(&direction)
        .ok_or_else(|| AppError::new(ErrorKind::BadRequest, msg("materials.bad_direction")))?;
    content::move_module(&state.db, module_id.0, direction)
        .await
        .map_err(|e| internal("move module", e))?;
    flash::go_to(
        &program_path(program),
        &format!("#modul-{module_id}"),
        "materials.moved",
    );
    Ok(())
}

/// An author adds a unit at the end of a module, then edits it.
#[server(endpoint = "create_material_unit")]
pub async fn create_material_unit(module_id: ModuleId, title: String) -> Result<(), AppError> {
    use crate::ssr::db::internal;
    use crate::ssr::guard::SignedIn;
    use crate::ssr::materials::content;
    use crate::ssr::{flash, state};
    let SignedIn { user } = SignedIn::require().await?;
    let state = state()?;
    authored_module(&state.db, &user, module_id).await?;
    let title = checked_title(&title)?;
    let id = content::create_unit(&state.db, module_id.0, &title, user.id.0, state.clock.now())
        .await
        .map_err(|e| internal("create unit", e))?;
    tracing::info!(
        user = user.id.0,
        module = module_id.0,
        unit = id,
        "material unit created"
    );
    flash::go_to(&editor_path(id), "", "materials.unit_created");
    Ok(())
}

/// An author moves a unit up (`naik`) or down (`turun`) its module.
#[server(endpoint = "move_material_unit")]
pub async fn move_material_unit(unit_id: UnitId, direction: String) -> Result<(), AppError> {
    use crate::model::ErrorKind;
    use crate::ssr::db::internal;
    use crate::ssr::guard::SignedIn;
    use crate::ssr::materials::content::{self, Direction};
    use crate::ssr::{flash, msg, state};
    let SignedIn { user } = SignedIn::require().await?;
    let state = state()?;
    let head = super::guard::unit_author(&state.db, &user, unit_id).await?;
    let direction = Direction::parse(&direction)
        .ok_or_else(|| AppError::new(ErrorKind::BadRequest, msg("materials.bad_direction")))?;
    content::move_unit(&state.db, unit_id.0, direction)
        .await
        .map_err(|e| internal("move unit", e))?;
    flash::go_to(
        &program_path(head.program_id),
        &format!("#modul-{}", head.module_id),
        "materials.moved",
    );
    Ok(())
}

/// An author saves a unit (title, Markdown body, lock, video link): a new revision. With
/// `action = pratinjau` nothing is saved: the typed text is kept as the author's draft and the
/// editor shows it, rendered, with the text still in the form.
#[server(endpoint = "save_material_unit")]
pub async fn save_material_unit(
    unit_id: UnitId,
    title: String,
    body: String,
    locked_until_previous: Option<String>,
    video_url: Option<String>,
    video_minutes: Option<String>,
    action: Option<String>,
) -> Result<(), AppError> {
    use crate::ssr::db::internal;
    use crate::ssr::guard::SignedIn;
    use crate::ssr::materials::content::{self, UnitSave, MAX_BODY_CHARS};
    use crate::ssr::validate::Validator;
    use crate::ssr::{flash, msg, state};
    let SignedIn { user } = SignedIn::require().await?;
    let state = state()?;
    let db = &state.db;
    let head = super::guard::unit_author(db, &user, unit_id).await?;
    let body = body.replace("\r\n", "\n");
    let mut v = Validator::new();
    if body.chars().count() > MAX_BODY_CHARS {
        v.fail_text(
            "body",
            crate::i18n::text_with(
                crate::ssr::request::request_lang(),
                "form.too_long",
                &[("max", &MAX_BODY_CHARS.to_string())],
            ),
        );
    }
    if action.as_deref() == Some("pratinjau") {
        v.finish()?;
        content::keep_draft(
            db,
            head.id,
            user.id.0,
            title.trim(),
            &body,
            state.clock.now(),
        )
        .await
        .map_err(|e| internal("keep draft", e))?;
        flash::set_notice(&editor_path(head.id), msg("materials.preview_ready"));
        leptos_axum::redirect(&format!("{}?pratinjau=1#pratinjau", editor_path(head.id)));
        return Ok(());
    }
    let title = v.required("title", &title, content::MAX_TITLE_CHARS);
    let video_url = video_url
        .map(|u| u.trim().to_string())
        .filter(|u| !u.is_empty());
    if video_url
        .as_deref()
        .is_some_and(|u| !(u.starts_with("https://") || u.starts_with("http://")) || u.len() > 500)
    {
        v.fail("video_url", "materials.bad_video_url");
    }
    let minutes = match video_minutes
        .as_deref()
        .map(str::trim)
        .filter(|m| !m.is_empty())
    {
        None => None,
        Some(text) => match text.parse::<i64>() {
            Ok(n) if (1..=600).contains(&n) => Some(n),
            _ => {
                v.fail("video_minutes", "materials.bad_video_minutes");
                None
            }
        },
    };
    v.finish()?;
    let save = UnitSave {
        title: &title,
        body: &body,
        locked_until_previous: locked_until_previous.is_some(),
        video_url: video_url.as_deref(),
        video_minutes: minutes,
    };
    let number = content::save_unit(db, head.id, &save, user.id.0, state.clock.now())
        .await
        .map_err(|e| internal("save unit", e))?;
    tracing::info!(
        user = user.id.0,
        unit = head.id,
        revision = number,
        "material unit saved"
    );
    flash::go_to(&editor_path(head.id), "", "materials.saved");
    Ok(())
}

/// A participant marks a unit done (refused while it is locked).
#[server(endpoint = "mark_unit_done")]
pub async fn mark_unit_done(unit_id: UnitId) -> Result<(), AppError> {
    use crate::model::ErrorKind;
    use crate::ssr::db::internal;
    use crate::ssr::guard::Participant;
    use crate::ssr::materials::access::{self, Viewer};
    use crate::ssr::materials::progress;
    use crate::ssr::{flash, state};
    let Participant { user } = Participant::require().await?;
    let state = state()?;
    let db = &state.db;
    let (head, viewer) = super::guard::unit(db, &user, unit_id).await?;
    if viewer != Viewer::Participant {
        return Err(super::guard::not_found());
    }
    if let Some(first) = access::blocking_unit(db, &head, user.id.0)
        .await
        .map_err(|e| internal("material lock", e))?
    {
        return Err(AppError::new(
            ErrorKind::Conflict,
            crate::i18n::text_with(
                crate::ssr::request::request_lang(),
                "materials.locked",
                &[("unit", &first)],
            ),
        ));
    }
    progress::done(db, head.id, user.id.0, state.clock.now())
        .await
        .map_err(|e| internal("mark unit done", e))?;
    tracing::info!(user = user.id.0, unit = head.id, "material unit done");
    flash::go_to(
        &format!("/peserta/materi/{unit_id}"),
        "",
        "materials.marked_done",
    );
    Ok(())
}

/// The caller turns data-saving mode on (`enabled = 1`) or off, then goes back to `next`.
#[server(endpoint = "set_data_saving")]
pub async fn set_data_saving(enabled: String, next: Option<String>) -> Result<(), AppError> {
    use crate::ssr::db::internal;
    use crate::ssr::guard::SignedIn;
    use crate::ssr::materials::progress;
    use crate::ssr::request::safe_local_path;
    use crate::ssr::{flash, msg, state};
    let SignedIn { user } = SignedIn::require().await?;
    let state = state()?;
    let on = matches!(enabled.as_str(), "1" | "on" | "true");
    progress::choose_data_saving(&state.db, user.id.0, on, state.clock.now())
        .await
        .map_err(|e| internal("data saving", e))?;
    let next = next
        .as_deref()
        .and_then(safe_local_path)
        .unwrap_or("/akun")
        .to_string();
    let key = if on {
        "materials.data_saving_on"
    } else {
        "materials.data_saving_off"
    };
    let path = next.split(['?', '#']).next().unwrap_or("/").to_string();
    flash::set_notice(&path, msg(key));
    leptos_axum::redirect(&next);
    Ok(())
}

/// An admin sets (or with an empty choice, removes) the program that must be completed before
/// anyone applies to a cohort of program `program_id`.
#[server(endpoint = "set_program_prerequisite")]
pub async fn set_program_prerequisite(
    program_id: ProgramId,
    prerequisite_id: Option<String>,
) -> Result<(), AppError> {
    use crate::ssr::db::internal;
    use crate::ssr::guard::Admin;
    use crate::ssr::validate::Validator;
    use crate::ssr::{flash, scope, state};
    let admin = Admin::require_program(program_id).await?;
    let db = &state()?.db;
    let required = prerequisite_id
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| p.parse::<i64>())
        .transpose()
        .map_err(|_| Validator::field_error("prerequisite_id", "materials.bad_prerequisite"))?;
    if let Some(required) = required {
        let in_scope = scope::program_in_scope(db, admin.scope, ProgramId(required))
            .await
            .map_err(|e| internal("prerequisite scope", e))?;
        if !in_scope || required == program_id.0 || leads_back(db, required, program_id.0).await? {
            return Err(Validator::field_error(
                "prerequisite_id",
                "materials.bad_prerequisite",
            ));
        }
    }
    sqlx::query("update program set prerequisite_program_id = $2 where id = $1")
        .bind(program_id.0)
        .bind(required)
        .execute(db)
        .await
        .map_err(|e| internal("set prerequisite", e))?;
    tracing::info!(
        user = admin.user.id.0,
        program = program_id.0,
        ?required,
        "program prerequisite set"
    );
    flash::go_to(
        &program_path(program_id.0),
        "#prasyarat",
        "materials.prerequisite_saved",
    );
    Ok(())
}

/// Whether following prerequisites from `start` reaches `target` (a cycle would hold everyone).
#[cfg(feature = "ssr")]
async fn leads_back(db: &crate::ssr::db::Db, start: i64, target: i64) -> Result<bool, AppError> {
    use crate::ssr::db::internal;
    let mut at = Some(start);
    for _ in 0..64 {
        let Some(program) = at else {
            return Ok(false);
        };
        if program == target {
            return Ok(true);
        }
        at = sqlx::query_scalar::<_, Option<i64>>(
            "select prerequisite_program_id from program where id = $1",
        )
        .bind(program)
        .fetch_optional(db)
        .await
        .map_err(|e| internal("prerequisite chain", e))?
        .flatten();
    }
    Ok(true)
}
