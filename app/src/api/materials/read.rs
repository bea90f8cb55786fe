//! Reading materials: a cohort's modules with the reader's progress, one unit, the authors'
//! views (a program's modules, a unit's editor, an old revision) and a cohort's progress table.

use crate::model::materials::{
    CohortMaterials, CohortProgress, ProgramMaterials, RevisionPage, UnitEditor, UnitPage,
};
use crate::model::{AppError, CohortId, ProgramId, RevisionId, UnitId};
use leptos::prelude::*;

/// Cohort `cohort_id`'s modules (the program's and its own) with the reader's progress and each
/// module's offline pack size; for its approved participants, mentors and admins.
#[server(name = CohortMaterialsFn, endpoint = "cohort_materials")]
pub async fn cohort_materials(cohort_id: CohortId) -> Result<CohortMaterials, AppError> {
    use crate::model::materials::{ModuleSummary, UnitSummary};
    use crate::model::ModuleId;
    use crate::ssr::db::internal;
    use crate::ssr::guard::SignedIn;
    use crate::ssr::materials::access::{ModuleHead, Viewer};
    use crate::ssr::materials::{content, progress, views};
    use crate::ssr::request::request_lang;
    use crate::ssr::state;
    use std::collections::HashMap;
    let SignedIn { user } = SignedIn::require().await?;
    let db = &state()?.db;
    let fail = |e| internal("cohort materials", e);
    let (program, viewer) = super::guard::cohort(db, &user, cohort_id).await?;
    let participant = viewer == Viewer::Participant;
    let modules = content::modules_of_cohort(db, program, cohort_id.0)
        .await
        .map_err(fail)?;
    let units = content::units_of_program(db, program).await.map_err(fail)?;
    let mine: HashMap<i64, (bool, bool)> = if participant {
        progress::of_user_in_program(db, user.id.0, program)
            .await
            .map_err(fail)?
    } else {
        HashMap::new()
    };
    let lang = request_lang();
    let mut shown = Vec::with_capacity(modules.len());
    for module in modules {
        let own: Vec<_> = units
            .iter()
            .filter(|u| u.module_id == module.id)
            .cloned()
            .collect();
        let done_of = |id: i64| mine.get(&id).is_some_and(|p| p.1);
        let locks = views::locks(&own, done_of, participant);
        let head = ModuleHead {
            id: module.id,
            program_id: program,
            cohort_id: module.cohort_id,
            title: module.title.clone(),
        };
        let pieces = views::pack_pieces(db, lang, &head, user.id.0, participant)
            .await
            .map_err(fail)?;
        shown.push(ModuleSummary {
            id: ModuleId(module.id),
            title: module.title,
            cohort_id: module.cohort_id.map(CohortId),
            cohort_name: module.cohort_name,
            done: own.iter().filter(|u| done_of(u.id)).count() as i64,
            units: own
                .iter()
                .zip(locks)
                .map(|(u, locked)| UnitSummary {
                    id: UnitId(u.id),
                    title: u.title.clone(),
                    locked_until_previous: u.locked_until_previous != 0,
                    locked,
                    opened: mine.contains_key(&u.id),
                    done: done_of(u.id),
                })
                .collect(),
            pack_bytes: crate::ssr::materials::pack::size(&pieces),
        });
    }
    Ok(CohortMaterials {
        cohort_id,
        program_id: ProgramId(program),
        modules: shown,
        can_edit: viewer == Viewer::Author,
    })
}

/// One unit for its reader. A participant's first visit records when they opened it; a unit
/// that waits for the one before it is refused until that one is done.
#[server(endpoint = "material_unit")]
pub async fn material_unit(unit_id: UnitId) -> Result<UnitPage, AppError> {
    use crate::model::{ErrorKind, ModuleId};
    use crate::ssr::boards::markdown;
    use crate::ssr::db::internal;
    use crate::ssr::guard::SignedIn;
    use crate::ssr::materials::access::{self, Viewer};
    use crate::ssr::materials::{content, files, progress, views};
    use crate::ssr::request::request_lang;
    use crate::ssr::state;
    let SignedIn { user } = SignedIn::require().await?;
    let state = state()?;
    let db = &state.db;
    let fail = |e| internal("material unit", e);
    let (head, viewer) = super::guard::unit(db, &user, unit_id).await?;
    let participant = viewer == Viewer::Participant;
    if participant {
        if let Some(first) = access::blocking_unit(db, &head, user.id.0)
            .await
            .map_err(fail)?
        {
            return Err(AppError::new(
                ErrorKind::Conflict,
                crate::i18n::text_with(request_lang(), "materials.locked", &[("unit", &first)]),
            ));
        }
        progress::opened(db, head.id, user.id.0, state.clock.now())
            .await
            .map_err(fail)?;
    }
    let row = content::unit(db, head.id)
        .await
        .map_err(fail)?
        .ok_or_else(super::guard::not_found)?;
    let siblings = content::units_of_module(db, head.module_id)
        .await
        .map_err(fail)?;
    let at = siblings.iter().position(|u| u.id == head.id);
    let previous = at
        .and_then(|n| n.checked_sub(1))
        .and_then(|n| siblings.get(n))
        .map(|u| UnitId(u.id));
    let next = at.and_then(|n| siblings.get(n + 1)).map(|u| UnitId(u.id));
    let done = if participant {
        progress::of_user_in_program(db, user.id.0, head.program_id)
            .await
            .map_err(fail)?
            .get(&head.id)
            .is_some_and(|p| p.1)
    } else {
        false
    };
    let choice = progress::data_saving_choice(db, user.id.0)
        .await
        .map_err(fail)?;
    let header = use_context::<http::request::Parts>().and_then(|parts| {
        parts
            .headers
            .get("save-data")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    });
    let rows = files::of_unit(db, head.id).await.map_err(fail)?;
    let (pictures, attachments) = files::split(&rows);
    let cohort_id = if participant {
        access::own_cohort_of_program(db, user.id.0, head.program_id, head.cohort_id)
            .await
            .map_err(fail)?
    } else {
        head.cohort_id
    };
    let video = views::video(&row);
    Ok(UnitPage {
        id: unit_id,
        title: row.title,
        module_id: ModuleId(head.module_id),
        module_title: head.module_title,
        cohort_id: cohort_id.map(CohortId),
        body_html: markdown::render(&row.body),
        pictures,
        attachments,
        video_minutes: video.as_ref().and_then(|v| v.1),
        video_url: video.map(|v| v.0),
        participant,
        done,
        data_saving: progress::data_saving(choice, header.as_deref()),
        previous,
        next,
        can_edit: viewer == Viewer::Author,
    })
}

/// A program's modules and units for their authors (an admin in scope, the mentors of its
/// cohorts: a mentor sees the cohort modules of their own cohorts).
#[server(name = ProgramMaterialsFn, endpoint = "program_materials")]
pub async fn program_materials(program_id: ProgramId) -> Result<ProgramMaterials, AppError> {
    use crate::model::materials::{AuthorModule, AuthorUnit, Choice};
    use crate::model::{ModuleId, Role};
    use crate::ssr::db::internal;
    use crate::ssr::guard::SignedIn;
    use crate::ssr::institutions::SCOPE_CTE;
    use crate::ssr::materials::access::{self, Viewer};
    use crate::ssr::materials::{content, views};
    use crate::ssr::state;
    let SignedIn { user } = SignedIn::require().await?;
    let db = &state()?.db;
    let fail = |e| internal("program materials", e);
    super::guard::author(db, &user, program_id.0, None).await?;
    let title = views::program_title(db, program_id.0).await.map_err(fail)?;
    let cohorts: Vec<(i64, String)> =
        sqlx::query_as("select id, name from cohort where program_id = $1 order by starts_on, id")
            .bind(program_id.0)
            .fetch_all(db)
            .await
            .map_err(fail)?;
    let mut mine = Vec::new();
    for (id, name) in cohorts {
        if access::viewer(db, &user, program_id.0, Some(id))
            .await
            .map_err(fail)?
            == Some(Viewer::Author)
        {
            mine.push(Choice { id, name });
        }
    }
    let units = content::units_of_program(db, program_id.0)
        .await
        .map_err(fail)?;
    let modules = content::modules_of_program(db, program_id.0)
        .await
        .map_err(fail)?
        .into_iter()
        .filter(|m| m.cohort_id.is_none_or(|c| mine.iter().any(|k| k.id == c)))
        .map(|m| AuthorModule {
            id: ModuleId(m.id),
            units: units
                .iter()
                .filter(|u| u.module_id == m.id)
                .map(|u| AuthorUnit {
                    id: UnitId(u.id),
                    title: u.title.clone(),
                    locked_until_previous: u.locked_until_previous != 0,
                    revision: u.revision,
                })
                .collect(),
            title: m.title,
            cohort_id: m.cohort_id.map(CohortId),
            cohort_name: m.cohort_name,
        })
        .collect();
    let is_admin = user.role == Role::Admin;
    let programs = match (is_admin, user.institution_id) {
        (true, Some(root)) => {
            let rows: Vec<(i64, String)> = sqlx::query_as(&format!(
                "{SCOPE_CTE} select id, title from program where organizer_id in (select id from scope) \
                 and id <> $2 order by title, id"
            ))
            .bind(root.0)
            .bind(program_id.0)
            .fetch_all(db)
            .await
            .map_err(fail)?;
            rows.into_iter()
                .map(|(id, name)| Choice { id, name })
                .collect()
        }
        _ => Vec::new(),
    };
    let (prerequisite,): (Option<i64>,) =
        sqlx::query_as("select prerequisite_program_id from program where id = $1")
            .bind(program_id.0)
            .fetch_one(db)
            .await
            .map_err(fail)?;
    Ok(ProgramMaterials {
        program_id,
        program_title: title,
        modules,
        cohorts: mine,
        is_admin,
        programs,
        prerequisite: prerequisite.map(ProgramId),
    })
}

/// A unit in its editor: what is stored, or (with `preview`) the author's draft and its
/// rendering; the revisions, newest first; the files.
#[server(name = UnitEditorFn, endpoint = "unit_editor")]
pub async fn unit_editor(unit_id: UnitId, preview: bool) -> Result<UnitEditor, AppError> {
    use crate::model::materials::RevisionSummary;
    use crate::ssr::boards::markdown;
    use crate::ssr::db::internal;
    use crate::ssr::guard::SignedIn;
    use crate::ssr::materials::{content, files};
    use crate::ssr::state;
    let SignedIn { user } = SignedIn::require().await?;
    let db = &state()?.db;
    let fail = |e| internal("unit editor", e);
    let head = super::guard::unit_author(db, &user, unit_id).await?;
    let row = content::unit(db, head.id)
        .await
        .map_err(fail)?
        .ok_or_else(super::guard::not_found)?;
    let draft = if preview {
        content::draft(db, head.id, user.id.0).await.map_err(fail)?
    } else {
        None
    };
    let preview_html = draft.as_ref().map(|(_, body)| markdown::render(body));
    let (title, body) = draft.unwrap_or((row.title.clone(), row.body.clone()));
    let revisions = content::revisions(db, head.id)
        .await
        .map_err(fail)?
        .into_iter()
        .map(|r| RevisionSummary {
            id: RevisionId(r.id),
            number: r.number,
            author_name: r.author_name,
            created_at: r.created_at,
        })
        .collect();
    let rows = files::of_unit(db, head.id).await.map_err(fail)?;
    let (pictures, attachments) = files::split(&rows);
    Ok(UnitEditor {
        id: unit_id,
        program_id: ProgramId(head.program_id),
        module_title: head.module_title,
        title,
        body,
        locked_until_previous: row.locked_until_previous != 0,
        video_url: row.video_url.unwrap_or_default(),
        video_minutes: row.video_minutes.map(|m| m.to_string()).unwrap_or_default(),
        preview_html,
        revisions,
        pictures,
        attachments,
        attachment_accept: crate::ssr::boards::files::accept_attribute(),
    })
}

/// An old revision of a unit, for its authors.
#[server(endpoint = "material_revision")]
pub async fn material_revision(revision_id: RevisionId) -> Result<RevisionPage, AppError> {
    use crate::ssr::boards::markdown;
    use crate::ssr::db::internal;
    use crate::ssr::guard::SignedIn;
    use crate::ssr::materials::content;
    use crate::ssr::state;
    let SignedIn { user } = SignedIn::require().await?;
    let db = &state()?.db;
    let row = content::revision(db, revision_id.0)
        .await
        .map_err(|e| internal("material revision", e))?
        .ok_or_else(super::guard::not_found)?;
    super::guard::unit_author(db, &user, UnitId(row.unit_id)).await?;
    Ok(RevisionPage {
        id: revision_id,
        unit_id: UnitId(row.unit_id),
        number: row.number,
        title: row.title,
        body_html: markdown::render(&row.body),
        body: row.body,
        author_name: row.author_name,
        created_at: row.created_at,
    })
}

/// Units done per module by each participant of cohort `cohort_id`: an admin in scope sees
/// everyone approved, a mentor the participants of the groups they lead.
#[server(endpoint = "cohort_material_progress")]
pub async fn cohort_material_progress(cohort_id: CohortId) -> Result<CohortProgress, AppError> {
    use crate::model::materials::ParticipantProgress;
    use crate::model::{Role, UserId};
    use crate::ssr::db::internal;
    use crate::ssr::guard::Staff;
    use crate::ssr::materials::{content, progress, views};
    use crate::ssr::state;
    let Staff { user } = Staff::require().await?;
    let db = &state()?.db;
    let fail = |e| internal("cohort material progress", e);
    let (program, _) = super::guard::cohort(db, &user, cohort_id).await?;
    let mentor = if user.role == Role::Mentor {
        user.id.0
    } else {
        0
    };
    let people: Vec<(i64, String, Option<String>)> = sqlx::query_as(
        "select u.id, u.name, g.name from enrolment e join app_user u on u.id = e.user_id \
         left join mentor_group g on g.id = e.group_id \
         where e.cohort_id = $1 and e.status = 'approved' and ($2 = 0 or g.mentor_id = $2) \
         order by g.name, u.name, u.id",
    )
    .bind(cohort_id.0)
    .bind(mentor)
    .fetch_all(db)
    .await
    .map_err(fail)?;
    let modules = content::modules_of_cohort(db, program, cohort_id.0)
        .await
        .map_err(fail)?;
    let units = content::units_of_program(db, program).await.map_err(fail)?;
    let done = progress::done_per_module(db, program, cohort_id.0)
        .await
        .map_err(fail)?;
    let cohort_name: String = sqlx::query_scalar("select name from cohort where id = $1")
        .bind(cohort_id.0)
        .fetch_one(db)
        .await
        .map_err(fail)?;
    Ok(CohortProgress {
        cohort_id,
        cohort_name,
        program_id: ProgramId(program),
        program_title: views::program_title(db, program).await.map_err(fail)?,
        participants: people
            .into_iter()
            .map(|(id, name, group_name)| ParticipantProgress {
                participant_id: UserId(id),
                name,
                group_name,
                done: modules
                    .iter()
                    .map(|m| done.get(&(id, m.id)).copied().unwrap_or(0))
                    .collect(),
            })
            .collect(),
        modules: modules
            .into_iter()
            .map(|m| {
                let count = units.iter().filter(|u| u.module_id == m.id).count() as i64;
                (m.title, count)
            })
            .collect(),
    })
}

/// Whether data-saving mode is on for the caller now: their choice, else the browser's
/// `Save-Data: on`.
#[server(endpoint = "data_saving_setting")]
pub async fn data_saving_setting() -> Result<bool, AppError> {
    use crate::ssr::db::internal;
    use crate::ssr::guard::SignedIn;
    use crate::ssr::materials::progress;
    use crate::ssr::state;
    let SignedIn { user } = SignedIn::require().await?;
    let choice = progress::data_saving_choice(&state()?.db, user.id.0)
        .await
        .map_err(|e| internal("data saving", e))?;
    let header = use_context::<http::request::Parts>().and_then(|parts| {
        parts
            .headers
            .get("save-data")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    });
    Ok(progress::data_saving(choice, header.as_deref()))
}
