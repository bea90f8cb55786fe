//! What the server functions and the raw routes both compute from the rows: which units are
//! locked for a reader, and the pieces of a module's offline pack.

use super::access::ModuleHead;
use super::content::{self, UnitRow};
use super::files::{self, FileRow};
use super::pack::{self, PackPicture, PackUnit, Piece};
use super::progress;
use crate::model::Lang;
use crate::ssr::boards::markdown;
use crate::ssr::db::Db;
use std::collections::HashMap;

/// For each unit of one module (in order), whether it is locked for the reader: it waits for the
/// unit before it and that one is not done. Authors (`participant` false) are never held.
pub fn locks(units: &[UnitRow], done: impl Fn(i64) -> bool, participant: bool) -> Vec<bool> {
    units
        .iter()
        .enumerate()
        .map(|(n, unit)| {
            participant && unit.locked_until_previous != 0 && n > 0 && !done(units[n - 1].id)
        })
        .collect()
}

/// The title of program `program`.
pub async fn program_title(db: &Db, program: i64) -> Result<String, sqlx::Error> {
    sqlx::query_scalar("select title from program where id = $1")
        .bind(program)
        .fetch_one(db)
        .await
}

/// A unit's video link, if it has one: its address and length in minutes.
pub fn video(unit: &UnitRow) -> Option<(String, Option<i64>)> {
    unit.video_url
        .clone()
        .filter(|u| !u.is_empty())
        .map(|u| (u, unit.video_minutes))
}

/// The pieces of module `module`'s pack for `user` (a participant sees locked units as locked).
pub async fn pack_pieces(
    db: &Db,
    lang: Lang,
    module: &ModuleHead,
    user: i64,
    participant: bool,
) -> Result<Vec<Piece>, sqlx::Error> {
    let program = program_title(db, module.program_id).await?;
    let units = content::units_of_module(db, module.id).await?;
    let done: HashMap<i64, (bool, bool)> = if participant {
        progress::of_user_in_program(db, user, module.program_id).await?
    } else {
        HashMap::new()
    };
    let locked = locks(&units, |id| done.get(&id).is_some_and(|p| p.1), participant);
    let all_files = files::of_module(db, module.id).await?;
    let pack_units: Vec<PackUnit> = units
        .iter()
        .zip(locked)
        .map(|(unit, locked)| {
            let own: Vec<&FileRow> = all_files.iter().filter(|f| f.unit_id == unit.id).collect();
            PackUnit {
                title: unit.title.clone(),
                body_html: markdown::render(&unit.body),
                pictures: own
                    .iter()
                    .filter(|f| f.kind == "picture")
                    .map(|f| PackPicture {
                        file_id: f.id,
                        name: f.file_name.clone(),
                        mime: f
                            .small_type
                            .clone()
                            .unwrap_or_else(|| "image/jpeg".to_string()),
                        small_bytes: f.small_bytes.unwrap_or_default(),
                        width: f.width.unwrap_or_default(),
                        height: f.height.unwrap_or_default(),
                    })
                    .collect(),
                attachments: own
                    .iter()
                    .filter(|f| f.kind != "picture")
                    .map(|f| (f.file_name.clone(), f.size_bytes))
                    .collect(),
                video: video(unit),
                locked,
            }
        })
        .collect();
    Ok(pack::pieces(lang, &program, &module.title, &pack_units))
}
