//! Keeping an uploaded picture or attachment of a unit: the board's rules decide what is
//! accepted (size cap, kind recognised from the bytes, safe display name, generated storage
//! name); a picture must also decode as JPEG, PNG or WebP and is kept with its resized copy.
//! Files are stored (durably) before the row that points at them commits.

use super::files::{self, NewFile};
use super::pictures::{self, NotPicture};
use crate::ssr::boards::files::{display_name, recognise, storage_name, Refusal};
use crate::ssr::db::Db;
use crate::ssr::storage::{Area, Storage};
use sha2::{Digest, Sha256};

/// Why a file was not kept.
#[derive(Debug)]
pub enum NotKept {
    /// By the board's upload rules.
    Refused(Refusal),
    /// Not a picture we can show (on the picture field).
    NotPicture(NotPicture),
    /// The unit has its most files.
    TooMany,
    /// Writing or storing failed.
    Failed(String),
}

impl NotKept {
    /// The message key shown next to the field.
    pub fn key(&self) -> &'static str {
        match self {
            NotKept::Refused(refusal) => refusal.key(),
            NotKept::NotPicture(not) => not.key(),
            NotKept::TooMany => "materials.too_many_files",
            NotKept::Failed(_) => "error.internal",
        }
    }
}

/// An uploaded file.
pub struct Upload<'a> {
    pub name: &'a str,
    pub declared: &'a str,
    pub bytes: Vec<u8>,
}

/// Keeps `upload` as a picture (`picture`) or an attachment of `unit` in `storage`; its row id.
pub async fn keep(
    db: &Db,
    storage: &Storage,
    unit: i64,
    by: i64,
    upload: Upload<'_>,
    picture: bool,
    now: i64,
) -> Result<i64, NotKept> {
    let kind = match recognise(upload.name, upload.declared, &upload.bytes) {
        Ok(kind) => kind,
        // Bytes that are no accepted kind at all are "not a picture" on the picture field.
        Err(Refusal::NotAccepted | Refusal::Mismatch) if picture => {
            return Err(NotKept::NotPicture(NotPicture::Unreadable))
        }
        Err(refusal) => return Err(NotKept::Refused(refusal)),
    };
    if picture && !matches!(kind.detected, "jpg" | "png" | "webp") {
        return Err(NotKept::NotPicture(NotPicture::Unreadable));
    }
    let small = if picture {
        Some(
            pictures::shrink(upload.bytes.clone())
                .await
                .map_err(NotKept::NotPicture)?,
        )
    } else {
        None
    };
    let fail = |e: std::io::Error| NotKept::Failed(e.to_string());
    let file_name = display_name(upload.name, kind);
    let stored_name = storage_name();
    let sha = Sha256::digest(&upload.bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<String>();
    storage
        .put(Area::Materials, &stored_name, &upload.bytes)
        .await
        .map_err(fail)?;
    let small_name = storage_name();
    let mut written = vec![stored_name.as_str()];
    if let Some(small) = &small {
        if let Err(err) = storage
            .put(Area::Materials, &small_name, &small.bytes)
            .await
        {
            remove_all(storage, &written).await;
            return Err(fail(err));
        }
        written.push(small_name.as_str());
    }
    let new = NewFile {
        unit,
        picture,
        file_name: &file_name,
        stored_name: &stored_name,
        content_type: kind.mime,
        size_bytes: upload.bytes.len() as i64,
        sha256: &sha,
        small: small.as_ref().map(|s| {
            (
                small_name.as_str(),
                s.mime,
                s.bytes.len() as i64,
                i64::from(s.width),
                i64::from(s.height),
            )
        }),
        by,
    };
    match files::insert(db, &new, now).await {
        Ok(Some(id)) => Ok(id),
        Ok(None) => {
            remove_all(storage, &written).await;
            Err(NotKept::TooMany)
        }
        Err(err) => {
            remove_all(storage, &written).await;
            Err(NotKept::Failed(err.to_string()))
        }
    }
}

async fn remove_all(storage: &Storage, names: &[&str]) {
    for name in names {
        storage.remove(Area::Materials, name).await;
    }
}
