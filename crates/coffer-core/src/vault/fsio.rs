//! File-system primitives for the vault: private directories and files, atomic durable
//! replacement (temp file, fsync, rename, fsync of the directory), files the user names
//! (`--out`), the sweep of temp files left by crashed writers, and exclusive locks.
//!
//! Temp files. A file written without the user's lock ([`NewFile`]: session files,
//! inbox entries, backups, `--out` files) is first written with no name at all (Linux
//! `O_TMPFILE`): a crash while it is written leaves nothing. Complete and synced, it is
//! linked as `<name>.<12 hex>-<pid>.tmp` and renamed over `<name>` at once; only a
//! crash between those two calls leaves that temp file, and [`sweep_stale_temps`]
//! removes it later (at once when the writer's process is gone, else after
//! [`STALE_AFTER`]), overwriting small ones (session files hold the vault key) first.
//! Where `O_TMPFILE` is not available the same temp name is written directly.

use anyhow::Context as _;
use std::ffi::OsStr;
use std::fs::{self, File, OpenOptions};
use std::io::{Seek as _, Write};
use std::os::unix::fs::{DirBuilderExt, FileTypeExt as _, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

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
    let file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .with_context(|| format!("creating {}", path.display()))?;
    // The mode given to open() was filtered by the umask: set it exactly.
    file.set_permissions(fs::Permissions::from_mode(0o600))
        .with_context(|| format!("setting permissions of {}", path.display()))?;
    Ok(file)
}

/// Writes `bytes` to a new temp file named for `path` (see [`temp_name`]; mode 0600, not
/// synced) and returns its name; a failed write leaves nothing behind.
pub fn write_new_temp(path: &Path, bytes: &[u8]) -> std::io::Result<PathBuf> {
    let tmp = temp_name(path);
    let written = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&tmp)
        .and_then(|mut f| f.write_all(bytes));
    if let Err(e) = written {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    Ok(tmp)
}

/// Writes `bytes` to `path.tmp`, fsyncs it and returns the temp path (not yet renamed).
/// The fixed name suits files written under the user's lock: a crashed writer's leftover
/// is simply replaced by the next one.
pub fn write_temp(path: &Path, bytes: &[u8]) -> anyhow::Result<PathBuf> {
    let tmp = sibling(path, ".tmp");
    write_synced(&tmp, bytes)?;
    Ok(tmp)
}

/// [`write_temp`] for contents written piece by piece by `fill` (through a buffer).
pub fn write_temp_with(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> anyhow::Result<PathBuf> {
    let tmp = sibling(path, ".tmp");
    let mut out = std::io::BufWriter::with_capacity(256 * 1024, create_private(&tmp)?);
    fill(&mut out).with_context(|| format!("writing {}", tmp.display()))?;
    let f = out
        .into_inner()
        .map_err(|e| e.into_error())
        .with_context(|| format!("writing {}", tmp.display()))?;
    f.sync_all()
        .with_context(|| format!("syncing {}", tmp.display()))?;
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
/// entries, backups): each writer has its own temp file (see [`NewFile`]), so parallel
/// writers never collide; the last rename wins. Mode 0600 whatever the umask.
pub fn write_atomic_unlocked(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let mut f = NewFile::create(path)?;
    f.write_all(bytes)
        .with_context(|| format!("writing {}", path.display()))?;
    f.commit()
}

/// How long a temp file may sit before [`sweep_stale_temps`] removes it even though its
/// writer's process may still exist (a writer holds one for milliseconds; this also
/// covers process ids that were reused, and temp files of older coffer versions).
pub const STALE_AFTER: Duration = Duration::from_secs(10 * 60);

/// Temp files up to this size are overwritten with zeros before they are removed: the
/// session files (which hold the vault key) are far smaller; backups are encrypted.
const WIPE_MAX: u64 = 64 * 1024;

/// A file being written in place of `target`, invisible until [`NewFile::commit`]
/// renames it over `target` (durably: file and directory are synced). Dropped without
/// a commit, it leaves nothing behind. Mode 0600 whatever the umask.
pub struct NewFile {
    file: File,
    target: PathBuf,
    /// The temp name (`<target>.<hex>-<pid>.tmp`): written directly, or given to the
    /// anonymous file at commit.
    tmp: PathBuf,
    /// Whether `file` has no name yet (`O_TMPFILE`).
    anonymous: bool,
    /// Whether `tmp` exists and is this writer's (removed on drop).
    named: bool,
}

impl NewFile {
    /// Starts writing a new version of `target` (whose directory must exist).
    pub fn create(target: &Path) -> anyhow::Result<Self> {
        let tmp = temp_name(target);
        if let Some(file) = open_anonymous(target) {
            return Ok(NewFile {
                file,
                target: target.to_path_buf(),
                tmp,
                anonymous: true,
                named: false,
            });
        }
        let file = create_private(&tmp)
            .map_err(|e| anyhow::anyhow!("creating {}: {}", target.display(), e.root_cause()))?;
        Ok(NewFile {
            file,
            target: target.to_path_buf(),
            tmp,
            anonymous: false,
            named: true,
        })
    }

    /// Syncs the content and renames it over the target.
    pub fn commit(mut self) -> anyhow::Result<()> {
        self.file
            .sync_all()
            .with_context(|| format!("syncing {}", self.tmp.display()))?;
        if self.anonymous {
            self.give_name()?;
        }
        fs::rename(&self.tmp, &self.target)
            .with_context(|| format!("renaming into {}", self.target.display()))?;
        self.named = false;
        sync_parent(&self.target)
    }

    /// Links the anonymous file as `tmp`; where /proc is missing, copies it there.
    fn give_name(&mut self) -> anyhow::Result<()> {
        if link_anonymous(&self.file, &self.tmp) {
            self.named = true;
            return Ok(());
        }
        let mut copy = create_private(&self.tmp)?;
        self.named = true;
        self.file
            .rewind()
            .and_then(|()| std::io::copy(&mut self.file, &mut copy))
            .and_then(|_| copy.sync_all())
            .with_context(|| format!("writing {}", self.tmp.display()))
    }
}

impl Write for NewFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.file.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
    }
}

impl Drop for NewFile {
    fn drop(&mut self) {
        if self.named {
            discard(&self.tmp);
        }
    }
}

/// `<target>.<12 hex>-<pid>.tmp`: unique per writer, recognised by [`sweep_stale_temps`].
pub(crate) fn temp_name(target: &Path) -> PathBuf {
    sibling(
        target,
        &format!(
            ".{}-{}.tmp",
            hex::encode(random_bytes::<6>()),
            std::process::id()
        ),
    )
}

/// An unnamed file (mode 0600) in the directory of `target`, where the kernel and the
/// file system support `O_TMPFILE`.
#[cfg(target_os = "linux")]
fn open_anonymous(target: &Path) -> Option<File> {
    use rustix::fs::{Mode, OFlags};
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let fd = rustix::fs::open(
        dir,
        OFlags::TMPFILE | OFlags::RDWR | OFlags::CLOEXEC,
        Mode::from_raw_mode(0o600),
    )
    .ok()?;
    let file = File::from(fd);
    // The mode given to open() was filtered by the umask: set it exactly.
    file.set_permissions(fs::Permissions::from_mode(0o600))
        .ok()?;
    Some(file)
}

#[cfg(not(target_os = "linux"))]
fn open_anonymous(_target: &Path) -> Option<File> {
    None
}

/// Gives the anonymous `file` the name `tmp` (via /proc/self/fd, which needs no
/// privilege, unlike `AT_EMPTY_PATH`).
#[cfg(target_os = "linux")]
fn link_anonymous(file: &File, tmp: &Path) -> bool {
    use std::os::fd::AsRawFd as _;
    let proc_path = format!("/proc/self/fd/{}", file.as_raw_fd());
    rustix::fs::linkat(
        rustix::fs::CWD,
        proc_path.as_str(),
        rustix::fs::CWD,
        tmp,
        rustix::fs::AtFlags::SYMLINK_FOLLOW,
    )
    .is_ok()
}

#[cfg(not(target_os = "linux"))]
fn link_anonymous(_file: &File, _tmp: &Path) -> bool {
    false
}

/// Removes a temp file, overwriting it with zeros first when it is small enough to be
/// a session file. Best effort: a file that cannot be removed stays for the next sweep.
fn discard(path: &Path) {
    if let Ok(meta) = fs::symlink_metadata(path)
        && meta.is_file()
        && meta.len() <= WIPE_MAX
        && let Ok(mut f) = OpenOptions::new().write(true).open(path)
    {
        let _ = f
            .write_all(&vec![0u8; meta.len() as usize])
            .and_then(|()| f.sync_all());
    }
    let _ = fs::remove_file(path);
}

/// If `name` is a temp file of coffer's (`<base>.<12 hex>-<pid>.tmp`, or
/// `<base>.<12 hex>.tmp` from before the pid was part of it): its base and writer pid.
fn parse_temp_name(name: &str) -> Option<(&str, Option<u32>)> {
    let stem = name.strip_suffix(".tmp")?;
    let (base, tag) = stem.rsplit_once('.')?;
    let (hex_part, pid) = match tag.split_once('-') {
        Some((h, p)) => (
            h,
            Some(
                p.parse::<u32>()
                    .ok()
                    .filter(|_| p.bytes().all(|b| b.is_ascii_digit()))?,
            ),
        ),
        None => (tag, None),
    };
    let is_hex = hex_part.len() == 12
        && hex_part
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    (is_hex && !base.is_empty()).then_some((base, pid))
}

/// Whether process `pid` may still be running (`None`: cannot tell).
fn process_alive(pid: u32) -> Option<bool> {
    if !Path::new("/proc/self").exists() {
        return None;
    }
    Some(Path::new("/proc").join(pid.to_string()).exists())
}

/// Removes the temp files in `dir` that crashed writers left (see the module docs), of
/// the targets whose file name `ours` accepts: any in coffer's own directories, only
/// known names in a directory of the user's. A temp file is stale when the process that
/// wrote it is gone, or when it is older than [`STALE_AFTER`]. Small ones are
/// overwritten with zeros first. Best effort, never an error; returns how many went.
pub fn sweep_stale_temps(dir: &Path, ours: impl Fn(&str) -> bool) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let now = SystemTime::now();
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some((b, pid)) = name.to_str().and_then(parse_temp_name) else {
            continue;
        };
        if !ours(b) {
            continue;
        }
        let Ok(meta) = entry.metadata() else {
            continue;
        };
        if !meta.is_file() {
            continue;
        }
        let old = meta
            .modified()
            .ok()
            .and_then(|m| now.duration_since(m).ok())
            .is_some_and(|age| age >= STALE_AFTER);
        let writer_gone = pid.and_then(process_alive) == Some(false);
        if old || writer_gone {
            discard(&entry.path());
            removed += 1;
        }
    }
    removed
}

/// Writes a file the user named (`--out`): see [`OutFile`].
pub fn write_private(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let mut f = OutFile::create(path)?;
    f.write_all(bytes)
        .with_context(|| format!("writing {}", path.display()))?;
    f.commit()
}

/// A file the user named (`--out`). A new or existing regular file (or one a symbolic
/// link points to) is replaced atomically by a new file of mode 0600, whatever the
/// umask and the old file's mode: an export, a PSBT or a signed transaction is nobody
/// else's business, and a failed write leaves the old file as it was. A device or FIFO
/// (`/dev/stdout`, a named pipe) is written in place.
pub enum OutFile {
    /// A regular file, replaced at commit.
    New(NewFile),
    /// A device or FIFO, written in place.
    Device(File),
}

impl OutFile {
    /// Opens `path` for writing.
    pub fn create(path: &Path) -> anyhow::Result<Self> {
        let link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
        let target = match fs::metadata(path) {
            Ok(m) if m.is_dir() => anyhow::bail!("{} is a directory", path.display()),
            Ok(m) if is_device(&m) => {
                let f = OpenOptions::new()
                    .write(true)
                    .open(path)
                    .with_context(|| format!("opening {}", path.display()))?;
                return Ok(OutFile::Device(f));
            }
            Ok(_) if link => {
                fs::canonicalize(path).with_context(|| format!("resolving {}", path.display()))?
            }
            Err(e) if link && e.kind() == std::io::ErrorKind::NotFound => {
                anyhow::bail!("{} is a symbolic link to nothing", path.display())
            }
            _ => path.to_path_buf(),
        };
        let dir = match target.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        if let Some(name) = target.file_name() {
            sweep_stale_temps(dir, |b| OsStr::new(b) == name);
        }
        Ok(OutFile::New(NewFile::create(&target)?))
    }

    /// Finishes the file: the atomic replacement, or a flush for a device.
    pub fn commit(self) -> anyhow::Result<()> {
        match self {
            OutFile::New(f) => f.commit(),
            OutFile::Device(mut f) => Ok(f.flush()?),
        }
    }
}

fn is_device(m: &fs::Metadata) -> bool {
    let t = m.file_type();
    t.is_char_device() || t.is_block_device() || t.is_fifo() || t.is_socket()
}

impl Write for OutFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            OutFile::New(f) => f.write(buf),
            OutFile::Device(f) => f.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            OutFile::New(f) => f.flush(),
            OutFile::Device(f) => f.flush(),
        }
    }
}

/// Fsyncs the directory holding `path`, so a rename in it survives a crash.
pub fn sync_parent(path: &Path) -> anyhow::Result<()> {
    let dir = match path.parent().context("path has no parent")? {
        d if d.as_os_str().is_empty() => Path::new("."),
        d => d,
    };
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

/// Swaps the files or directories `a` and `b` in one step: at every instant each path holds one
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temp_names_are_recognised() {
        let t = temp_name(Path::new("/x/alice.session"));
        let name = t.file_name().unwrap().to_str().unwrap();
        assert_eq!(
            parse_temp_name(name),
            Some(("alice.session", Some(std::process::id())))
        );
        assert_eq!(
            parse_temp_name("a.age.0123456789ab.tmp"),
            Some(("a.age", None))
        );
        for other in [
            "notes.tmp",
            "a.0123456789ab",
            "a.0123456789AB-1.tmp",
            "a.0123456789ab-.tmp",
            "a.0123456789ab-x.tmp",
            "a.0123456789abc-1.tmp",
            ".0123456789ab-1.tmp",
            "vault.age.tmp",
        ] {
            assert_eq!(parse_temp_name(other), None, "{other}");
        }
    }

    #[test]
    fn a_new_file_is_private_and_invisible_until_committed() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("f");
        std::fs::write(&target, "old").unwrap();
        std::fs::set_permissions(&target, fs::Permissions::from_mode(0o644)).unwrap();
        let mut f = NewFile::create(&target).unwrap();
        f.write_all(b"new").unwrap();
        // Nothing named yet besides the old file (O_TMPFILE), or one temp file.
        assert!(fs::read_dir(dir.path()).unwrap().count() <= 2);
        assert_eq!(fs::read(&target).unwrap(), b"old");
        f.commit().unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"new");
        assert_eq!(
            fs::metadata(&target).unwrap().permissions().mode() & 0o777,
            0o600
        );
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
        // Dropped without a commit: nothing is left, the old file stays.
        let mut f = NewFile::create(&target).unwrap();
        f.write_all(b"lost").unwrap();
        drop(f);
        assert_eq!(fs::read(&target).unwrap(), b"new");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
