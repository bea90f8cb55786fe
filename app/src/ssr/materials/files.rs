//! Pictures and attachments of units: their rows, and where their bytes live.
//!
//! Files are kept in the app's storage (area `Materials`) under a generated name (the boards' storage names; the name
//! the author gave is only shown). A picture keeps its original (downloadable) and its resized
//! copy, which is what pages and offline packs show.

use crate::model::materials::UnitFile;
use crate::model::MaterialFileId;
use crate::ssr::boards::files::is_storage_name;
use crate::ssr::db::Db;
use std::path::{Path, PathBuf};

/// Attachments and pictures one unit may carry.
pub const MAX_FILES_PER_UNIT: i64 = 20;

/// Where a shared-directory storage keeps unit files: `<data dir>/materi`.
pub fn material_dir(data_dir: &Path) -> PathBuf {
    data_dir.join(crate::ssr::storage::Area::Materials.folder())
}

/// A stored file's row.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct FileRow {
    pub id: i64,
    pub unit_id: i64,
    pub kind: String,
    pub file_name: String,
    pub stored_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub small_name: Option<String>,
    pub small_bytes: Option<i64>,
    pub small_type: Option<String>,
    pub width: Option<i64>,
    pub height: Option<i64>,
}

impl FileRow {
    /// The row as the pages show it.
    pub fn shown(&self) -> UnitFile {
        UnitFile {
            id: MaterialFileId(self.id),
            file_name: self.file_name.clone(),
            content_type: self.content_type.clone(),
            size_bytes: self.size_bytes,
            small_bytes: self.small_bytes,
            width: self.width,
            height: self.height,
        }
    }

    /// The stored name of the original, if it is one we generate.
    pub fn original_name(&self) -> Option<&str> {
        is_storage_name(&self.stored_name).then_some(self.stored_name.as_str())
    }

    /// The stored name of the resized copy of a picture.
    pub fn small_stored_name(&self) -> Option<&str> {
        self.small_name.as_deref().filter(|n| is_storage_name(n))
    }
}

const COLUMNS: &str = "id, unit_id, kind, file_name, stored_name, content_type, size_bytes, \
     small_name, small_bytes, small_type, width, height";

/// A new file's row.
pub struct NewFile<'a> {
    pub unit: i64,
    pub picture: bool,
    pub file_name: &'a str,
    pub stored_name: &'a str,
    pub content_type: &'a str,
    pub size_bytes: i64,
    pub sha256: &'a str,
    /// A picture's light copy: stored name, type, size, width and height.
    pub small: Option<(&'a str, &'a str, i64, i64, i64)>,
    pub by: i64,
}

/// Adds the row unless the unit has [`MAX_FILES_PER_UNIT`] already; None when it has.
pub async fn insert(db: &Db, new: &NewFile<'_>, now: i64) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "insert into material_file (unit_id, kind, file_name, stored_name, content_type, size_bytes, \
         sha256, small_name, small_type, small_bytes, width, height, created_by, created_at) \
         select $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14 \
         where (select count(*) from material_file where unit_id = $1) < $15 returning id",
    )
    .bind(new.unit)
    .bind(if new.picture { "picture" } else { "attachment" })
    .bind(new.file_name)
    .bind(new.stored_name)
    .bind(new.content_type)
    .bind(new.size_bytes)
    .bind(new.sha256)
    .bind(new.small.map(|s| s.0))
    .bind(new.small.map(|s| s.1))
    .bind(new.small.map(|s| s.2))
    .bind(new.small.map(|s| s.3))
    .bind(new.small.map(|s| s.4))
    .bind(new.by)
    .bind(now)
    .bind(MAX_FILES_PER_UNIT)
    .fetch_optional(db)
    .await
}

/// A unit's files, oldest first.
pub async fn of_unit(db: &Db, unit: i64) -> Result<Vec<FileRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "select {COLUMNS} from material_file where unit_id = $1 order by id"
    ))
    .bind(unit)
    .fetch_all(db)
    .await
}

/// The files of every unit of a module, in unit order then oldest first.
pub async fn of_module(db: &Db, module: i64) -> Result<Vec<FileRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "select {COLUMNS} from material_file where unit_id in \
         (select id from material_unit where module_id = $1) order by unit_id, id"
    ))
    .bind(module)
    .fetch_all(db)
    .await
}

/// One file.
pub async fn get(db: &Db, id: i64) -> Result<Option<FileRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "select {COLUMNS} from material_file where id = $1"
    ))
    .bind(id)
    .fetch_optional(db)
    .await
}

/// A unit's files split into pictures and attachments, as the pages show them.
pub fn split(rows: &[FileRow]) -> (Vec<UnitFile>, Vec<UnitFile>) {
    let pictures = rows
        .iter()
        .filter(|r| r.kind == "picture")
        .map(FileRow::shown)
        .collect();
    let attachments = rows
        .iter()
        .filter(|r| r.kind != "picture")
        .map(FileRow::shown)
        .collect();
    (pictures, attachments)
}
