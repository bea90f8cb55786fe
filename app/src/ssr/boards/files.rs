//! Attachments of work posts: which files are accepted (a size cap, and a kind recognised from
//! the bytes that must agree with the name and the declared type), safe display names, generated
//! storage names, and the `post_attachment` rows.
//!
//! Files live under `<data dir>/lampiran/<generated name>`; the name a participant gave is only
//! ever shown and sent back in `Content-Disposition`, never used as a path.

use super::super::db::Db;

/// The largest attachment accepted: a lesson module as PDF or a short clip of teaching media.
pub const MAX_ATTACHMENT_BYTES: usize = 10 * 1024 * 1024;
/// Attachments one post may carry across all its revisions.
pub const MAX_ATTACHMENTS_PER_POST: i64 = 10;
/// Longest display name kept, in characters.
const MAX_NAME_CHARS: usize = 120;

/// A kind of file we accept: how it is served and which name endings belong to it.
#[derive(Debug, PartialEq, Eq)]
pub struct FileKind {
    /// What the bytes are recognised as (`infer`'s extension, or `txt`).
    pub detected: &'static str,
    /// The type it is served with (never the one the browser declared).
    pub mime: &'static str,
    /// Name endings that fit it; the first is added to a name that has none.
    pub extensions: &'static [&'static str],
    /// Other types browsers declare for it.
    pub aliases: &'static [&'static str],
}

const fn kind(
    detected: &'static str,
    mime: &'static str,
    extensions: &'static [&'static str],
    aliases: &'static [&'static str],
) -> FileKind {
    FileKind {
        detected,
        mime,
        extensions,
        aliases,
    }
}

/// Documents, pictures, slides and short media a teacher's work product comes as.
pub const ACCEPTED: &[FileKind] = &[
    kind("pdf", "application/pdf", &["pdf"], &["application/x-pdf"]),
    kind(
        "jpg",
        "image/jpeg",
        &["jpg", "jpeg"],
        &["image/jpg", "image/pjpeg"],
    ),
    kind("png", "image/png", &["png"], &[]),
    kind("webp", "image/webp", &["webp"], &[]),
    kind("gif", "image/gif", &["gif"], &[]),
    kind(
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        &["docx"],
        &[],
    ),
    kind(
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        &["xlsx"],
        &[],
    ),
    kind(
        "pptx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        &["pptx"],
        &[],
    ),
    kind("doc", "application/msword", &["doc"], &[]),
    kind("xls", "application/vnd.ms-excel", &["xls"], &[]),
    kind("ppt", "application/vnd.ms-powerpoint", &["ppt"], &[]),
    kind(
        "odt",
        "application/vnd.oasis.opendocument.text",
        &["odt"],
        &[],
    ),
    kind(
        "ods",
        "application/vnd.oasis.opendocument.spreadsheet",
        &["ods"],
        &[],
    ),
    kind(
        "odp",
        "application/vnd.oasis.opendocument.presentation",
        &["odp"],
        &[],
    ),
    kind("mp4", "video/mp4", &["mp4", "m4v"], &[]),
    kind("mp3", "audio/mpeg", &["mp3"], &["audio/mp3"]),
    kind("m4a", "audio/mp4", &["m4a"], &["audio/x-m4a", "audio/m4a"]),
    kind("txt", "text/plain", &["txt"], &[]),
];

/// The name endings the upload field suggests (`accept`), e.g. `.pdf,.jpg,…`.
pub fn accept_attribute() -> String {
    ACCEPTED
        .iter()
        .flat_map(|k| k.extensions.iter())
        .map(|ext| format!(".{ext}"))
        .collect::<Vec<_>>()
        .join(",")
}

/// Why an upload was refused; each has a message key shown next to the file field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    NoFile,
    TooLarge,
    NotAccepted,
    Mismatch,
    TooMany,
    Closed,
}

impl Refusal {
    pub fn key(self) -> &'static str {
        match self {
            Refusal::NoFile => "board.file_missing",
            Refusal::TooLarge => "board.file_too_large",
            Refusal::NotAccepted => "board.file_not_accepted",
            Refusal::Mismatch => "board.file_mismatch",
            Refusal::TooMany => "board.file_too_many",
            Refusal::Closed => "board.file_closed",
        }
    }
}

/// Whether the bytes read as plain text: valid UTF-8 without control characters other than
/// whitespace (an executable or an unknown binary format fails this).
fn is_plain_text(bytes: &[u8]) -> bool {
    std::str::from_utf8(bytes).is_ok_and(|text| {
        text.chars()
            .all(|c| !c.is_control() || matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
    })
}

/// The name's ending, lowercased (`Modul.PDF` → `pdf`).
fn extension_of(name: &str) -> Option<String> {
    let (stem, ext) = name.rsplit_once('.')?;
    (!stem.is_empty() && !ext.is_empty() && ext.len() <= 8).then(|| ext.to_ascii_lowercase())
}

/// The kind of an upload, recognised from its bytes, refused when the bytes are no accepted kind
/// or disagree with the name's ending or with the type the browser declared.
pub fn recognise(
    file_name: &str,
    declared: &str,
    bytes: &[u8],
) -> Result<&'static FileKind, Refusal> {
    if bytes.is_empty() {
        return Err(Refusal::NoFile);
    }
    let detected = match infer::get(bytes) {
        Some(found) => found.extension(),
        None if is_plain_text(bytes) => "txt",
        None => return Err(Refusal::NotAccepted),
    };
    let Some(kind) = ACCEPTED.iter().find(|k| k.detected == detected) else {
        return Err(Refusal::NotAccepted);
    };
    if let Some(ext) = extension_of(file_name) {
        if !kind.extensions.contains(&ext.as_str()) {
            return Err(Refusal::Mismatch);
        }
    }
    // A declared type we know that names another kind is a mismatch; an unknown or generic one
    // (`application/octet-stream`, which phones often send) says nothing.
    let declared = declared
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    let declared_kind = ACCEPTED
        .iter()
        .find(|k| k.mime == declared || k.aliases.contains(&declared.as_str()));
    if declared_kind.is_some_and(|k| k.detected != kind.detected) {
        return Err(Refusal::Mismatch);
    }
    Ok(kind)
}

/// The name shown for an upload: its last path segment, without control or direction-changing
/// characters or leading dots, at most 120 characters, ending in the kind's extension.
pub fn display_name(raw: &str, kind: &FileKind) -> String {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = last
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let cleaned = cleaned.trim_start_matches(['.', ' ']).to_string();
    let (stem, ext) = match extension_of(&cleaned) {
        Some(ext) if kind.extensions.contains(&ext.as_str()) => {
            let stem_len = cleaned.len() - ext.len() - 1;
            (cleaned[..stem_len].to_string(), ext)
        }
        _ => (cleaned, kind.extensions[0].to_string()),
    };
    let stem: String = stem.chars().take(MAX_NAME_CHARS - ext.len() - 1).collect();
    let stem = stem.trim_end_matches(['.', ' ']);
    if stem.is_empty() {
        format!("lampiran.{ext}")
    } else {
        format!("{stem}.{ext}")
    }
}

/// A fresh storage name: 32 random hex digits, nothing of the user's name in it.
pub fn storage_name() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether `name` is one `storage_name` could have made (checked before it touches a path).
pub fn is_storage_name(name: &str) -> bool {
    name.len() == 32
        && name
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
}

/// One stored attachment.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct AttachmentRow {
    pub id: i64,
    pub post_id: i64,
    pub revision: i64,
    pub file_name: String,
    pub stored_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub created_by: i64,
    pub created_at: i64,
}

const COLUMNS: &str =
    "id, post_id, revision, file_name, stored_name, content_type, size_bytes, created_by, created_at";

/// A new attachment's row.
pub struct NewAttachment<'a> {
    pub post: i64,
    pub revision: i64,
    pub file_name: &'a str,
    pub stored_name: &'a str,
    pub content_type: &'a str,
    pub size_bytes: i64,
    pub sha256: &'a str,
    pub by: i64,
}

/// Adds the row unless the post already has `MAX_ATTACHMENTS_PER_POST`; None when it has.
pub async fn insert(
    db: &Db,
    new: &NewAttachment<'_>,
    now: i64,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "insert into post_attachment \
         (post_id, revision, file_name, stored_name, content_type, size_bytes, sha256, created_by, created_at) \
         select $1, $2, $3, $4, $5, $6, $7, $8, $9 \
         where (select count(*) from post_attachment where post_id = $1) < $10 \
         returning id",
    )
    .bind(new.post)
    .bind(new.revision)
    .bind(new.file_name)
    .bind(new.stored_name)
    .bind(new.content_type)
    .bind(new.size_bytes)
    .bind(new.sha256)
    .bind(new.by)
    .bind(now)
    .bind(MAX_ATTACHMENTS_PER_POST)
    .fetch_optional(db)
    .await
}

/// How many attachments a post has.
pub async fn count(db: &Db, post: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("select count(*) from post_attachment where post_id = $1")
        .bind(post)
        .fetch_one(db)
        .await
}

/// The attachments a revision of the post carries (those added up to it), oldest first.
pub async fn of_revision(
    db: &Db,
    post: i64,
    revision: i64,
) -> Result<Vec<AttachmentRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "select {COLUMNS} from post_attachment where post_id = $1 and revision <= $2 order by id"
    ))
    .bind(post)
    .bind(revision)
    .fetch_all(db)
    .await
}

/// One attachment.
pub async fn get(db: &Db, id: i64) -> Result<Option<AttachmentRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "select {COLUMNS} from post_attachment where id = $1"
    ))
    .bind(id)
    .fetch_optional(db)
    .await
}

/// Removes the row; true when it was there.
pub async fn delete(db: &Db, id: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("delete from post_attachment where id = $1")
        .bind(id)
        .execute(db)
        .await?;
    Ok(done.rows_affected() > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PDF: &[u8] = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n";
    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0";

    #[test]
    fn recognises_kinds_from_bytes_not_names() {
        assert_eq!(
            recognise("modul.pdf", "application/pdf", PDF).map(|k| k.detected),
            Ok("pdf")
        );
        assert_eq!(
            recognise("foto.PNG", "", PNG).map(|k| k.detected),
            Ok("png")
        );
        assert_eq!(
            recognise("catatan.txt", "text/plain", b"Refleksi minggu 1\n").map(|k| k.detected),
            Ok("txt")
        );
        // Phones often declare nothing useful.
        assert_eq!(
            recognise("modul.pdf", "application/octet-stream", PDF).map(|k| k.detected),
            Ok("pdf")
        );
        assert_eq!(recognise("modul", "", PDF).map(|k| k.detected), Ok("pdf"));
    }

    #[test]
    fn refuses_mismatches_and_unknown_kinds() {
        assert_eq!(
            recognise("modul.pdf", "application/pdf", PNG),
            Err(Refusal::Mismatch)
        );
        assert_eq!(
            recognise("foto.png", "application/pdf", PNG),
            Err(Refusal::Mismatch)
        );
        assert_eq!(
            recognise("program.exe", "", b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff"),
            Err(Refusal::NotAccepted)
        );
        assert_eq!(
            recognise("arsip.zip", "", b"PK\x03\x04\x14\0\0\0\x08\0"),
            Err(Refusal::NotAccepted)
        );
        assert_eq!(
            recognise("x.txt", "", b"\0\x01\x02binary"),
            Err(Refusal::NotAccepted)
        );
        assert_eq!(recognise("kosong.pdf", "", b""), Err(Refusal::NoFile));
        // Text with a PDF name is not a PDF.
        assert_eq!(
            recognise("modul.pdf", "", b"just text"),
            Err(Refusal::Mismatch)
        );
    }

    #[test]
    fn display_names_keep_no_path_and_no_control_characters() {
        let pdf = recognise("a.pdf", "", PDF).expect("pdf");
        assert_eq!(display_name("../../etc/passwd.pdf", pdf), "passwd.pdf");
        assert_eq!(
            display_name("..\\..\\windows\\win.ini.pdf", pdf),
            "win.ini.pdf"
        );
        assert_eq!(display_name("...hidden.pdf", pdf), "hidden.pdf");
        assert_eq!(
            display_name("modul\u{202e}fdp.exe", pdf),
            "modulfdp.exe.pdf"
        );
        assert_eq!(display_name("a\nb\r\tc.pdf", pdf), "abc.pdf");
        assert_eq!(display_name("../", pdf), "lampiran.pdf");
        assert_eq!(display_name("", pdf), "lampiran.pdf");
        let long = format!("{}.pdf", "x".repeat(500));
        assert_eq!(display_name(&long, pdf).chars().count(), MAX_NAME_CHARS);
    }

    #[test]
    fn storage_names_are_random_hex() {
        let a = storage_name();
        assert!(is_storage_name(&a));
        assert_ne!(a, storage_name());
        assert!(!is_storage_name("../../etc/passwd"));
        assert!(!is_storage_name(&"A".repeat(32)));
    }
}
