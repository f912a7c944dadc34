//! File-system primitives for the vault: private directories and files, atomic durable
//! replacement (temp file, fsync, rename, fsync of the directory) and exclusive locks.

use anyhow::Context as _;
use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// Creates `dir` and its missing parents with mode 0700 (and tightens an existing one).
pub fn ensure_private_dir(dir: &Path) -> anyhow::Result<()> {
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .with_context(|| format!("creating {}", dir.display()))?;
    fs::set_permissions(dir, fs::Permissions::from_mode(0o700))
        .with_context(|| format!("setting permissions of {}", dir.display()))
}

/// Opens `path` for a new temp write: any leftover from a crashed writer is removed first.
fn create_private(path: &Path) -> anyhow::Result<File> {
    match fs::remove_file(path) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(e).with_context(|| format!("removing {}", path.display())),
    }
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .with_context(|| format!("creating {}", path.display()))
}

/// Writes `bytes` to `path.tmp`, fsyncs it and returns the temp path (not yet renamed).
/// The fixed name suits files written under the user's lock: a crashed writer's leftover
/// is simply replaced by the next one.
pub fn write_temp(path: &Path, bytes: &[u8]) -> anyhow::Result<PathBuf> {
    let tmp = sibling(path, ".tmp");
    write_synced(&tmp, bytes)?;
    Ok(tmp)
}

fn write_synced(tmp: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let mut f = create_private(tmp)?;
    f.write_all(bytes)
        .with_context(|| format!("writing {}", tmp.display()))?;
    f.sync_all()
        .with_context(|| format!("syncing {}", tmp.display()))
}

/// Atomically and durably replaces `path` with `bytes` (mode 0600). The caller holds the
/// user's lock.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let tmp = write_temp(path, bytes)?;
    fs::rename(&tmp, path).with_context(|| format!("renaming into {}", path.display()))?;
    sync_parent(path)
}

/// Like [`write_atomic`] for files written without a lock (session files, inbox
/// entries): each writer uses its own temp name, so parallel writers never collide;
/// the last rename wins.
pub fn write_atomic_unlocked(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let tmp = sibling(path, &format!(".{}.tmp", hex::encode(random_bytes::<6>())));
    let result = write_synced(&tmp, bytes).and_then(|()| {
        fs::rename(&tmp, path).with_context(|| format!("renaming into {}", path.display()))
    });
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result?;
    sync_parent(path)
}

/// Fsyncs the directory holding `path`, so a rename in it survives a crash.
pub fn sync_parent(path: &Path) -> anyhow::Result<()> {
    let dir = path.parent().context("path has no parent")?;
    File::open(dir)
        .and_then(|d| d.sync_all())
        .with_context(|| format!("syncing directory {}", dir.display()))
}

/// `path` with `suffix` appended to its file name.
pub fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// An exclusive advisory lock, released when dropped (or when the process dies).
pub struct Lock {
    _file: File,
}

fn open_lock_file(path: &Path) -> anyhow::Result<File> {
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .open(path)
        .with_context(|| format!("opening lock file {}", path.display()))
}

/// Whether the locked `file` is still the one at `path`: a user's directory replaced
/// by `restore vault --force` brings its own lock file, and a lock taken on the old
/// one (now outside the user's directory) guards nothing.
fn still_at(file: &File, path: &Path) -> anyhow::Result<bool> {
    use std::os::unix::fs::MetadataExt as _;
    let held = file.metadata().context("reading the lock file")?;
    Ok(match fs::metadata(path) {
        Ok(now) => now.dev() == held.dev() && now.ino() == held.ino(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
        Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
    })
}

/// Blocks until the exclusive lock on `path` (created 0600 if missing) is held.
pub fn lock_exclusive(path: &Path) -> anyhow::Result<Lock> {
    // Each retry follows a replacement of the directory by another process.
    for _ in 0..100 {
        let file = open_lock_file(path)?;
        file.lock()
            .with_context(|| format!("locking {}", path.display()))?;
        if still_at(&file, path)? {
            return Ok(Lock { _file: file });
        }
    }
    anyhow::bail!("{} keeps being replaced", path.display())
}

/// Blocks until a shared lock on `path` (created 0600 if missing) is held.
pub fn lock_shared(path: &Path) -> anyhow::Result<Lock> {
    let file = open_lock_file(path)?;
    file.lock_shared()
        .with_context(|| format!("locking {}", path.display()))?;
    Ok(Lock { _file: file })
}

/// The exclusive lock on `path` if nobody holds any lock on it now (never blocks).
pub fn try_lock_exclusive(path: &Path) -> anyhow::Result<Option<Lock>> {
    let file = open_lock_file(path)?;
    match file.try_lock() {
        Ok(()) => Ok(Some(Lock { _file: file })),
        Err(fs::TryLockError::WouldBlock) => Ok(None),
        Err(fs::TryLockError::Error(e)) => {
            Err(e).with_context(|| format!("locking {}", path.display()))
        }
    }
}

/// Fsyncs the directory `dir` (its entries survive a crash).
pub fn sync_dir(dir: &Path) -> anyhow::Result<()> {
    File::open(dir)
        .and_then(|d| d.sync_all())
        .with_context(|| format!("syncing directory {}", dir.display()))
}

/// Renames `from` to `to` unless `to` exists (even as an empty directory): then
/// `Ok(false)` and nothing changed. One step: two processes cannot both win.
pub fn rename_noreplace(from: &Path, to: &Path) -> anyhow::Result<bool> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    match renameat_with(CWD, from, CWD, to, RenameFlags::NOREPLACE) {
        Ok(()) => Ok(true),
        Err(rustix::io::Errno::EXIST) => Ok(false),
        // A file system without renameat2 flags: a plain rename refuses a non-empty
        // target directory (and `from` is never empty).
        Err(rustix::io::Errno::INVAL | rustix::io::Errno::NOSYS) => match fs::rename(from, to) {
            Ok(()) => Ok(true),
            Err(e)
                if matches!(
                    rustix::io::Errno::from_io_error(&e),
                    Some(rustix::io::Errno::NOTEMPTY | rustix::io::Errno::EXIST)
                ) =>
            {
                Ok(false)
            }
            Err(e) => Err(e).with_context(|| format!("renaming into {}", to.display())),
        },
        Err(e) => {
            Err(std::io::Error::from(e)).with_context(|| format!("renaming into {}", to.display()))
        }
    }
}

/// Swaps the directories `a` and `b` in one step: at every instant each path holds one
/// of the two.
pub fn rename_exchange(a: &Path, b: &Path) -> anyhow::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE)
        .map_err(std::io::Error::from)
        .with_context(|| {
            format!(
                "swapping {} and {} (this file system may not support an atomic exchange)",
                a.display(),
                b.display()
            )
        })
}

/// Hard-links every file below `from` (symbolic links as they are) into the new
/// directory `to`, recreating the directories (mode 0700), each synced once filled;
/// a file that cannot be linked is copied.
pub fn link_tree(from: &Path, to: &Path) -> anyhow::Result<()> {
    fs::DirBuilder::new()
        .mode(0o700)
        .create(to)
        .with_context(|| format!("creating {}", to.display()))?;
    for entry in fs::read_dir(from).with_context(|| format!("reading {}", from.display()))? {
        let entry = entry.with_context(|| format!("reading {}", from.display()))?;
        let (src, dst) = (entry.path(), to.join(entry.file_name()));
        if entry.file_type().context("reading a file type")?.is_dir() {
            link_tree(&src, &dst)?;
        } else if fs::hard_link(&src, &dst).is_err() {
            fs::copy(&src, &dst).with_context(|| format!("copying {}", src.display()))?;
        }
    }
    sync_dir(to)
}

/// Removes a file, treating "already gone" as success.
pub fn remove_if_exists(path: &Path) -> anyhow::Result<bool> {
    match fs::remove_file(path) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e).with_context(|| format!("removing {}", path.display())),
    }
}

/// Fills a buffer from the OS random source.
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut b = [0u8; N];
    getrandom::fill(&mut b).expect("the OS random source must be available");
    b
}
