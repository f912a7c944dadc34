//! A new user directory is built aside and put in place in one step, so that a user
//! appears whole or not at all whatever the moment a process is killed (`register`,
//! `restore vault`, `restore vault --force`).
//!
//! The directory is built as `users/.staging-<name>-<random>` (not a user name, so never
//! listed or opened as a user), every file and directory synced, then renamed to
//! `users/<name>` with `RENAME_NOREPLACE` (a taken name, even by an empty directory,
//! makes it fail: of two parallel registers of one name, exactly one wins), or swapped
//! with the existing `users/<name>` with `RENAME_EXCHANGE` (at every instant the name
//! holds the old or the new directory). After a swap, the staging name holds the old
//! directory, which is then deleted.
//!
//! A process killed meanwhile leaves a staging directory behind and nothing else: the
//! next `register`, `restore vault` or successful `login` deletes it. Builders hold a
//! shared lock on `users/.staging.lock` while their directory exists; the sweep takes it
//! exclusively without waiting, so it never deletes a directory still being built.

use super::fsio;
use super::profile::{Home, UserPaths};
use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

const PREFIX: &str = ".staging-";
const BUILDERS_LOCK: &str = ".staging.lock";

/// A user directory being built aside; deleted when dropped (an error, or once the
/// directory it replaced has been swapped into its place).
pub struct Staging {
    /// The directory being built.
    pub dir: PathBuf,
    users: PathBuf,
    _builders: fsio::Lock,
}

impl Staging {
    /// Creates an empty private staging directory for user `name` under `home`.
    pub fn create(home: &Home, name: &str) -> Result<Self> {
        let users = home.users_dir();
        fsio::ensure_private_dir(&users)?;
        fsio::sync_parent(&users)?;
        let builders = fsio::lock_shared(&users.join(BUILDERS_LOCK))?;
        let dir = users.join(format!(
            "{PREFIX}{name}-{}",
            hex::encode(fsio::random_bytes::<8>())
        ));
        fsio::ensure_private_dir(&dir)?;
        Ok(Staging {
            dir,
            users,
            _builders: builders,
        })
    }

    /// The paths of the user files inside the staging directory.
    pub fn paths(&self) -> UserPaths {
        UserPaths::in_dir(self.dir.clone())
    }

    /// Puts the built directory in place as the new user `to`. `UserExists` (and the
    /// staging directory deleted) when `to` exists.
    pub fn commit_new(self, to: &Path, name: &str) -> Result<()> {
        fsio::sync_dir(&self.dir)?;
        if !fsio::rename_noreplace(&self.dir, to)? {
            return Err(Error::UserExists(name.to_string()));
        }
        fsio::sync_dir(&self.users)?;
        Ok(())
    }

    /// Swaps the built directory with the existing user directory `to` (the caller holds
    /// that user's lock), then deletes the old directory.
    pub fn commit_replace(self, to: &Path) -> Result<()> {
        fsio::sync_dir(&self.dir)?;
        fsio::rename_exchange(&self.dir, to)?;
        fsio::sync_dir(&self.users)?;
        // Dropping `self` deletes the old directory, now at the staging name.
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Deletes the staging directories that killed processes left in `users` (none when a
/// builder is running: they are left for a later sweep). Best effort: a failure here
/// must not fail the command that sweeps.
pub fn sweep(users: &Path) {
    let Ok(entries) = std::fs::read_dir(users) else {
        return;
    };
    let stale: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(PREFIX))
        .map(|e| e.path())
        .collect();
    if stale.is_empty() {
        return;
    }
    let Ok(Some(_alone)) = fsio::try_lock_exclusive(&users.join(BUILDERS_LOCK)) else {
        return;
    };
    for dir in stale {
        let _ = std::fs::remove_dir_all(&dir);
    }
    let _ = fsio::sync_dir(users);
}
