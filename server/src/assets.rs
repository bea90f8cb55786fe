//! Static assets under a content-addressed path, so that a second page costs only its HTML.
//!
//! The build writes the wasm, its split chunks, the JS glue and the CSS under `pkg/` with fixed
//! names, and the chunks refer to each other by those names. Rather than renaming each file (and
//! rewriting the references inside wasm, which cargo-leptos 0.3.10 gets wrong with split chunks),
//! the whole directory gets one name from its content: at start-up the server hashes every file
//! under `pkg/`, copies the package to `v/<hash>/` beside it, and tells Leptos that the package
//! lives there. Every URL a page or a chunk asks for is then under that path (relative imports
//! resolve inside it), and anything there can be cached for a year without asking again: a new
//! build has a new hash, so a new path. Pages stay uncached; the unversioned `pkg/` path is
//! revalidated; the icons keep their names and are cached for a day.

use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// `Cache-Control` of what is under the versioned path.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// An immutable asset's answer without what only revalidation uses (`last-modified`) or what a
/// browser never asks of a wasm chunk (`accept-ranges`): about 65 bytes on each of the twenty
/// assets a cold page loads, on a teacher's quota.
pub async fn without_validators(
    mut response: axum::response::Response,
) -> axum::response::Response {
    let headers = response.headers_mut();
    headers.remove(http::header::LAST_MODIFIED);
    headers.remove(http::header::ACCEPT_RANGES);
    response
}

/// The version of the files under `pkg`: 16 hex digits of a SHA-256 over every regular file's
/// path (relative to `pkg`) and bytes, in path order. `None` when there is no such directory
/// (tests without a client build).
pub fn version_of(pkg: &Path) -> std::io::Result<Option<String>> {
    if !pkg.is_dir() {
        return Ok(None);
    }
    let mut files = Vec::new();
    collect(pkg, pkg, &mut files)?;
    files.sort();
    let mut hash = Sha256::new();
    for (relative, path) in &files {
        hash.update(relative.as_bytes());
        hash.update([0]);
        hash.update(std::fs::read(path)?);
        hash.update([0]);
    }
    let digest = hash.finalize();
    Ok(Some(
        digest[..8].iter().map(|b| format!("{b:02x}")).collect(),
    ))
}

/// Every regular file under `dir` (links are not followed), with its path relative to `root`.
fn collect(root: &Path, dir: &Path, out: &mut Vec<(String, PathBuf)>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let kind = entry.file_type()?;
        let path = entry.path();
        if kind.is_dir() {
            collect(root, &path, out)?;
        } else if kind.is_file() {
            let relative = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .to_string_lossy()
                .into_owned();
            out.push((relative, path));
        }
    }
    Ok(())
}

/// Copies `pkg` to `versions/<version>` unless it is there already (written under a temporary
/// name and renamed, so a second process starting at once never serves half a copy), and removes
/// the copies of other versions.
pub fn publish(pkg: &Path, versions: &Path, version: &str) -> std::io::Result<()> {
    std::fs::create_dir_all(versions)?;
    let target = versions.join(version);
    if !target.is_dir() {
        let part = versions.join(format!(".{version}.{}", std::process::id()));
        let mut files = Vec::new();
        collect(pkg, pkg, &mut files)?;
        for (relative, path) in files {
            let to = part.join(&relative);
            if let Some(parent) = to.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::copy(&path, &to)?;
        }
        match std::fs::rename(&part, &target) {
            Ok(()) => {}
            // Another process published it first.
            Err(_) if target.is_dir() => std::fs::remove_dir_all(&part)?,
            Err(err) => return Err(err),
        }
    }
    for entry in std::fs::read_dir(versions)? {
        let entry = entry?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let old_version = name.len() == 16 && name.bytes().all(|b| b.is_ascii_hexdigit());
        if old_version && name != version {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
    Ok(())
}

/// Where the versioned copies live, under the site root.
pub const VERSIONS_DIR: &str = "v";

/// Versions the package of `options`: its `site_pkg_dir` becomes `v/<version>` when the package
/// exists and could be copied; unchanged otherwise (logged).
pub fn version_package(options: &mut leptos::config::LeptosOptions) -> Option<String> {
    let root = Path::new(options.site_root.as_ref());
    let pkg = root.join(options.site_pkg_dir.as_ref());
    let version = match version_of(&pkg) {
        Ok(Some(version)) => version,
        Ok(None) => return None,
        Err(err) => {
            tracing::warn!(%err, dir = %pkg.display(), "could not read the client package");
            return None;
        }
    };
    if let Err(err) = publish(&pkg, &root.join(VERSIONS_DIR), &version) {
        tracing::warn!(%err, dir = %pkg.display(), "could not version the client package; assets are revalidated");
        return None;
    }
    options.site_pkg_dir = format!("{VERSIONS_DIR}/{version}").into();
    tracing::info!(version, "client package versioned");
    Some(version)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_version_follows_the_content_and_old_copies_go() {
        let dir = std::env::temp_dir().join(format!("pamong-assets-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let pkg = dir.join("pkg");
        let versions = dir.join("v");
        std::fs::create_dir_all(pkg.join("snippets")).expect("dir");
        std::fs::write(pkg.join("pamong.js"), "a").expect("js");
        std::fs::write(pkg.join("snippets/x.js"), "b").expect("snippet");
        let first = version_of(&pkg).expect("read").expect("a version");
        assert_eq!(first.len(), 16);
        assert_eq!(
            version_of(&pkg).expect("read"),
            Some(first.clone()),
            "stable"
        );
        publish(&pkg, &versions, &first).expect("publish");
        assert_eq!(
            std::fs::read_to_string(versions.join(&first).join("snippets/x.js")).expect("copy"),
            "b"
        );
        std::fs::write(pkg.join("snippets/x.js"), "c").expect("changed");
        let second = version_of(&pkg).expect("read").expect("a version");
        assert_ne!(first, second);
        publish(&pkg, &versions, &second).expect("publish");
        assert!(
            !versions.join(&first).exists(),
            "the old version's copy is gone"
        );
        assert!(versions.join(&second).join("pamong.js").is_file());
        assert_eq!(version_of(&dir.join("none")).expect("read"), None);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
