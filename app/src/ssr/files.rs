//! Files that must be on disk before the database row pointing at them commits (attachments,
//! uploaded imports). Without a sync, a power cut after the commit could leave a row whose file
//! is empty or missing: the file system may still hold the bytes, and even the new name, only in
//! memory.

use std::path::Path;
use tokio::io::AsyncWriteExt;

/// Writes `bytes` to `path` so that, when this returns, the file is complete on disk under its
/// final name: written under a temporary name and synced (no reader ever sees half a file), then
/// renamed, then the directory synced (the rename is what the directory records). The directory
/// is created if missing.
pub async fn write_synced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .ok_or_else(|| std::io::Error::other("a file path with no directory"))?;
    if tokio::fs::metadata(dir).await.is_err() {
        tokio::fs::create_dir_all(dir).await?;
        if let Some(parent) = dir.parent() {
            sync_dir(parent).await?;
        }
    }
    let part = path.with_extension("part");
    let mut file = tokio::fs::File::create(&part).await?;
    file.write_all(bytes).await?;
    file.sync_all().await?;
    drop(file);
    tokio::fs::rename(&part, path).await?;
    sync_dir(dir).await
}

/// Syncs a directory's entries (the names in it) to disk.
#[cfg(unix)]
async fn sync_dir(dir: &Path) -> std::io::Result<()> {
    tokio::fs::File::open(dir).await?.sync_all().await
}

/// Windows has no directory sync; its file systems journal renames themselves.
#[cfg(not(unix))]
async fn sync_dir(_dir: &Path) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn writes_the_whole_file_under_its_name_and_leaves_no_part() {
        let root =
            std::env::temp_dir().join(format!("pamong_durable_{:016x}", rand::random::<u64>()));
        let path = root.join("sub").join("abc");
        write_synced(&path, b"isi berkas").await.expect("write");
        assert_eq!(tokio::fs::read(&path).await.expect("read"), b"isi berkas");
        assert!(tokio::fs::metadata(path.with_extension("part"))
            .await
            .is_err());
        write_synced(&path, b"lain").await.expect("overwrite");
        assert_eq!(tokio::fs::read(&path).await.expect("read"), b"lain");
        let _ = tokio::fs::remove_dir_all(&root).await;
    }
}
