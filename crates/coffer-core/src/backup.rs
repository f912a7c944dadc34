//! Backups as a service: making one ([`create`]: snapshot, encryption with no lock,
//! the record, the inside-home warning, partial parts), verifying a backup file
//! ([`verify`]: decryption in memory, the checks, the `.verified` record) and restoring
//! from one ([`restore`]: a new user from a full backup, a merge into a vault, a wallet
//! from its phrase). The steps of making a backup file (snapshot, encryption, records,
//! automatic backups) are the vault's own operation in [`crate::vault::backup`],
//! re-exported here.

pub use crate::vault::backup::*;

use crate::clock;
use crate::error::Result;
use rusqlite::Connection;
use serde::Serialize;
use std::path::{Path, PathBuf};

pub mod create;
pub mod restore;
pub mod verify;

/// One backup as listed.
#[derive(Debug, Serialize)]
pub struct Listed {
    /// The file.
    pub path: String,
    /// When it was made (RFC 3339), if recorded.
    pub created_at: Option<String>,
    /// `full`.
    pub kind: Option<String>,
    /// Size in bytes (0 when the file is gone).
    pub size: u64,
    /// Whether the file is still there.
    pub exists: bool,
    /// How it is protected, if recorded.
    pub protection: Option<String>,
    /// When `backup verify` last checked this very file (unchanged since), if it did.
    pub last_verified: Option<String>,
    /// Its result: true when every check passed.
    pub verified_ok: Option<bool>,
    /// True for a path recorded relative to a directory nobody noted (before issue 19):
    /// it cannot be located, and `exists`, `size` and `last_verified` are as seen from
    /// the current directory, which may not be the one it was made in.
    pub path_relative: bool,
}

/// `backup list` output.
#[derive(Debug, Serialize)]
pub struct Listing {
    /// The backups, newest first.
    pub items: Vec<Listed>,
}

/// The backups the vault recorded and those in the default directory, newest first.
pub fn list_for(
    conn: &Connection,
    paths: &crate::vault::profile::UserPaths,
) -> Result<Vec<Listed>> {
    let mut items: Vec<Listed> = vec![];
    for crate::vault::backup::Recorded {
        path,
        created_at: at,
        kind,
        protection,
    } in crate::vault::backup::recorded(conn)?
    {
        let meta = std::fs::metadata(&path).ok();
        let v = verify::last_verified(Path::new(&path));
        items.push(Listed {
            path_relative: Path::new(&path).is_relative(),
            exists: meta.is_some(),
            size: meta.map_or(0, |m| m.len()),
            path,
            created_at: Some(clock::rfc3339(at)),
            kind: Some(kind),
            protection: Some(protection),
            last_verified: v.as_ref().map(|v| v.verified_at.clone()),
            verified_ok: v.map(|v| v.ok),
        });
    }
    let dir = paths.dir.join("backups");
    if let Ok(entries) = std::fs::read_dir(&dir) {
        let mut found: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "age"))
            .collect();
        found.sort();
        for p in found.into_iter().rev() {
            let s = p.display().to_string();
            if items.iter().any(|i| i.path == s) {
                continue;
            }
            let v = verify::last_verified(&p);
            items.push(Listed {
                size: std::fs::metadata(&p).map_or(0, |m| m.len()),
                exists: true,
                path: s,
                created_at: None,
                kind: None,
                protection: None,
                last_verified: v.as_ref().map(|v| v.verified_at.clone()),
                verified_ok: v.map(|v| v.ok),
                path_relative: false,
            });
        }
    }
    Ok(items)
}
