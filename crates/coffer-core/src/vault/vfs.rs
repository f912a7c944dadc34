//! Reading `vault.age` without decrypting all of it: a read-only SQLite VFS over the
//! age file. age's STREAM payload is a sequence of 64 KiB chunks, each authenticated on
//! its own with a nonce that counts chunks, so any chunk can be decrypted (and checked)
//! without the others. SQLite asks this VFS for pages by offset; the VFS decrypts the
//! chunks that hold them, keeps the last few in memory, and never writes: a read
//! command's cost follows the pages its queries touch, not the size of the vault. The
//! pages of the vault's delta ([`super::delta`]) lie over the file's; a connection
//! opened by [`open_write`] keeps SQLite's page writes over them too, in memory, for
//! the write to save as the next delta.
//!
//! The plaintext exists only in memory (this process's chunk cache and SQLite's page
//! cache, both bounded); there is no journal, temp file or WAL (`immutable=1`; every
//! other file SQLite would open here is refused, and connections keep temp storage in
//! memory). The file is opened once: a write that renames a new `vault.age` into place
//! meanwhile does not change what this connection reads.
//!
//! The length SQLite sees is the payload's, authenticated when the connection opens, so
//! a cut or lengthened file is refused at once: the database header in the first chunk
//! (which every read decrypts anyway) must declare as many pages as the file's size
//! holds; when it does not (or is not a database's), the last chunk is decrypted as the
//! last, as age authenticates a length. Either way the last chunk is decrypted only when
//! a query needs its pages: a small read decrypts one chunk fewer. A chunk
//! that does not decrypt later is recorded ([`take_damage`]) and fails the read; the
//! command reports the vault as damaged. Chunks the read never touches are not checked
//! by it: every write that decrypts the whole vault checks them, and so does a fold.
//!
//! age reads each file's header and checks it; the chunks are decrypted here, in place
//! in the cache's buffers, as age's STREAM defines them ([`Payload`]).
//!
//! The unsafe FFI of a VFS stays inside the `sqlite-vfs` crate.

use super::delta::{Delta, Pages};
use super::plain::Plain;
use crate::error::{Error, Result};
use rusqlite::{Connection, OpenFlags};
use sqlite_vfs::{DatabaseHandle, LockKind, OpenAccess, OpenKind, OpenOptions, Vfs, WalDisabled};
use std::collections::{HashMap, VecDeque};
use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;
use zeroize::Zeroizing;

/// The name the VFS is registered under.
const NAME: &str = "coffer-age";

/// Size of an age STREAM chunk's plaintext and of its authentication tag.
const CHUNK: u64 = 64 * 1024;
const TAG: u64 = 16;

/// The first bytes of a file read to parse its age header: enough for a header of a few
/// recipients (a vault file's is under 500 bytes; a test keeps it so), and read again
/// whole up to [`LONG_HEADER`] when age finds the header cut.
const HEADER_BUF: usize = 4096;
const LONG_HEADER: usize = 1024 * 1024;

/// Decrypted chunks kept per open file: 4 MiB, so a query that walks the whole vault
/// (an export) holds no more than this and SQLite's own page cache.
const CACHED_CHUNKS: usize = 64;

/// Where the payload chunks of an age file whose first bytes are `head` start: after the
/// header's MAC line (`--- ` and its base64) and the payload's 16-byte nonce. `None`
/// when the MAC line is not among them (an unusually long header, or damage). Only a
/// MAC line starts with `--- ` (stanza lines start with `-> `, their bodies are
/// base64); a wrong answer could only make every chunk fail its authentication.
fn payload_start(head: &[u8]) -> Option<u64> {
    let mac = head.windows(5).position(|w| w == b"\n--- ")?;
    let end = head[mac + 1..].iter().position(|&b| b == b'\n')?;
    Some((mac + 1 + end + 1) as u64 + 16)
}

/// An age file's payload, decrypted chunk by chunk in place: age's STREAM (RFC 8439
/// ChaCha20-Poly1305 under the payload key, age's own derivation from the file key and
/// the payload nonce), chunk `i` of 64 KiB under the nonce `i` (11 bytes, big-endian)
/// then the last-chunk flag. age's own reader decrypts each chunk into a buffer of its
/// own and copies it out (two fresh 64 KiB buffers and a copy per chunk, a tenth of a
/// small read in page faults); this reads the ciphertext straight into the buffer that
/// keeps the plaintext. Which chunk is the last follows from the file's length, so a
/// file cut or lengthened fails as age fails it: its last chunk does not decrypt as
/// the last one, and a chunk past the real end does not decrypt at all.
struct Payload {
    file: fs::File,
    /// Where the first chunk starts.
    start: u64,
    /// The file's length.
    len: u64,
    /// The payload key.
    key: Zeroizing<[u8; 32]>,
}

impl Payload {
    /// The chunks the file's length holds (age writes one, empty, for no plaintext).
    fn chunks(&self) -> u64 {
        self.len
            .saturating_sub(self.start)
            .div_ceil(CHUNK + TAG)
            .max(1)
    }

    /// The plaintext length the file's length gives (authenticated once its last chunk
    /// decrypts as the last one).
    fn plain_len(&self) -> u64 {
        self.len
            .saturating_sub(self.start)
            .saturating_sub(self.chunks() * TAG)
    }

    /// Decrypts chunk `index` into `out` (its previous bytes overwritten): checked
    /// against its tag, as the last chunk when it is the file's last.
    fn decrypt(&self, index: u64, out: &mut Plain) -> std::io::Result<()> {
        use std::os::unix::fs::FileExt as _;
        let last = index + 1 == self.chunks();
        let at = self.start.saturating_add(index.saturating_mul(CHUNK + TAG));
        let n = self.len.saturating_sub(at).min(CHUNK + TAG) as usize;
        let tag = TAG as usize;
        if n < tag {
            return Err(std::io::Error::new(
                ErrorKind::InvalidData,
                "age file is truncated",
            ));
        }
        out.clear();
        out.resize(n, 0);
        self.file.read_exact_at(&mut out[..], at)?;
        // age's STREAM nonce: the chunk's index (11 bytes), then 1 for the last chunk.
        let nonce = ((u128::from(index) << 8) | u128::from(last)).to_be_bytes();
        let nonce: [u8; 12] = nonce[4..].try_into().expect("12 of the 16 bytes");
        let plain = super::crypto::chacha_open_in_place(&self.key, nonce, &mut out[..])
            .ok_or_else(|| {
                let n = self.chunks();
                let what = if last { ", the last," } else { "" };
                std::io::Error::new(
                    ErrorKind::InvalidData,
                    format!("chunk {} of {n}{what} is invalid", index + 1),
                )
            })?;
        out.truncate(plain);
        Ok(())
    }
}

/// Where the payload of the age file whose first bytes are `head` starts, and its key,
/// for one of `identities`: age reads the header and checks its MAC under the file key
/// the identity unwraps; the payload key is derived from that file key and the payload
/// nonce as age derives it.
fn payload_key(
    head: &[u8],
    identities: [&dyn age::Identity; 2],
) -> std::result::Result<(u64, Zeroizing<[u8; 32]>), String> {
    let [first, second] = identities.map(super::filekey::Remembering::new);
    age::Decryptor::new_buffered(head)
        .and_then(|d| {
            d.decrypt([&first as &dyn age::Identity, &second as &dyn age::Identity].into_iter())
                .map(drop)
        })
        .map_err(|e| e.to_string())?;
    let file_key = first
        .take()
        .or_else(|| second.take())
        .ok_or("age opened the header with no key")?;
    let start = payload_start(head).ok_or("the age header has no MAC line")?;
    let nonce = usize::try_from(start)
        .ok()
        .and_then(|s| head.get(s - 16..s))
        .ok_or("the age file is truncated")?;
    let key = age_core::primitives::hkdf(nonce, b"payload", &file_key[..]);
    Ok((start, Zeroizing::new(key)))
}

/// One open encrypted database: its age payload, plaintext length, chunk cache, and the
/// pages a delta ([`super::delta`]) or this connection's writes put over it.
struct Encrypted {
    payload: Payload,
    /// The length of the base file's plaintext.
    base_len: u64,
    /// The user's directory, for the error a damaged chunk becomes.
    dir: PathBuf,
    /// Which file, for the message.
    name: String,
    cache: HashMap<u64, Plain>,
    order: VecDeque<u64>,
    lock: LockKind,
    /// How many chunks were decrypted, reported at close to the test hook's file.
    decrypted: u64,
    report: Option<PathBuf>,
    /// The pages over the base, and the database's length (shared with [`written`]
    /// for a connection opened by [`open_write`]).
    overlay: Arc<Mutex<Overlay>>,
    /// Opened by [`open_write`]: SQLite's writes go to the overlay.
    writable: Option<String>,
}

/// What a connection opened by [`open_write`] wrote, over which base file.
#[derive(Default)]
pub struct Overlay {
    /// The changed pages (a delta's, then this connection's) and the database length.
    pub pages: Pages,
    /// The stamp of the base file ([`super::delta::stamp`]).
    pub base: [u8; 32],
    /// The base file's plaintext length.
    pub base_len: u64,
}

/// The test hook that counts decrypted chunks: with `COFFER_TEST_COUNT_CHUNKS=<file>`,
/// a process working on a test vault (see [`crate::clock::test_vault`]) appends, when it
/// closes a file read through this VFS, one line `<file name> <chunks decrypted>
/// <chunks in the file>` to `<file>`. Ignored otherwise.
pub const TEST_COUNT_CHUNKS: &str = "COFFER_TEST_COUNT_CHUNKS";

impl Drop for Encrypted {
    fn drop(&mut self) {
        use std::io::Write as _;
        if let Some(key) = &self.writable
            && let Ok(mut w) = written().lock()
        {
            w.remove(key);
        }
        if let Some(log) = &self.report {
            let line = format!(
                "{} {} {}\n",
                self.name,
                self.decrypted,
                self.base_len.div_ceil(CHUNK)
            );
            let _ = fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(log)
                .and_then(|mut f| f.write_all(line.as_bytes()));
        }
    }
}

impl Encrypted {
    /// The plaintext of chunk `index` (decrypted and checked, or from the cache).
    fn chunk(&mut self, index: u64) -> std::io::Result<&[u8]> {
        if !self.cache.contains_key(&index) {
            // The buffer of the chunk it replaces, when the cache is full: overwritten
            // whole by this chunk's plaintext (or zeroized on the way out if the read
            // fails), instead of one zeroized and a new one allocated (an export walks
            // hundreds of chunks).
            let reused = if self.order.len() == CACHED_CHUNKS {
                self.order
                    .pop_front()
                    .and_then(|old| self.cache.remove(&old))
            } else {
                None
            };
            let mut data = reused.unwrap_or_default();
            if data.capacity() == 0 {
                data.reserve_exact((CHUNK + TAG) as usize);
            }
            self.payload.decrypt(index, &mut data)?;
            self.decrypted += 1;
            self.order.push_back(index);
            self.cache.insert(index, data);
        }
        Ok(&self.cache[&index])
    }
}

impl DatabaseHandle for Encrypted {
    type WalIndex = WalDisabled;

    fn size(&self) -> std::io::Result<u64> {
        Ok(self.overlay()?.pages.len)
    }

    fn read_exact_at(&mut self, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
        let overlay = Arc::clone(&self.overlay);
        let overlay = overlay
            .lock()
            .map_err(|_| std::io::Error::other("the vault overlay was poisoned"))?;
        let (len, ps) = (overlay.pages.len, overlay.pages.page_size as u64);
        let base_len = self.base_len;
        let end = offset.saturating_add(buf.len() as u64);
        let mut at = offset;
        while at < end.min(len) {
            let page = at / ps;
            // Up to the end of this page (the overlay's unit), of the read and of the base.
            let stop = ((page + 1) * ps).min(end).min(len);
            let from = (at - offset) as usize;
            if let Some(p) = overlay.pages.map.get(&page) {
                let within = (at - page * ps) as usize;
                let n = (stop - at) as usize;
                buf[from..from + n].copy_from_slice(&p[within..within + n]);
                at = stop;
                continue;
            }
            if at >= base_len {
                // Never written since the base: SQLite reads only pages it wrote.
                buf[from..from + (stop - at) as usize].fill(0);
                at = stop;
                continue;
            }
            let index = at / CHUNK;
            let within = (at % CHUNK) as usize;
            let chunk = match self.chunk(index) {
                Ok(c) => c,
                Err(e) => {
                    record_damage(
                        &self.dir,
                        format!(
                            "{} does not decrypt ({e}); it was truncated or altered",
                            self.name
                        ),
                    );
                    return Err(e);
                }
            };
            let n = (chunk.len() - within).min((stop.min(base_len) - at) as usize);
            buf[from..from + n].copy_from_slice(&chunk[within..within + n]);
            at += n as u64;
        }
        if end > len {
            // SQLite's contract: a read past the end zero-fills the rest.
            let from = len.saturating_sub(offset) as usize;
            buf[from..].fill(0);
            return Err(std::io::Error::new(ErrorKind::UnexpectedEof, "short read"));
        }
        Ok(())
    }

    fn write_all_at(&mut self, buf: &[u8], offset: u64) -> std::io::Result<()> {
        if self.writable.is_none() {
            return Err(read_only());
        }
        let mut overlay = self.overlay()?;
        let ps = overlay.pages.page_size;
        if buf.len() != ps || !offset.is_multiple_of(ps as u64) {
            // SQLite writes a database file in whole pages of the size it was made with.
            return Err(std::io::Error::other(format!(
                "a write of {} bytes at {offset} is not one page of {ps}",
                buf.len()
            )));
        }
        let page = offset / ps as u64;
        overlay.pages.map.insert(page, Plain::from(buf.to_vec()));
        overlay.pages.len = overlay.pages.len.max(offset + ps as u64);
        Ok(())
    }

    fn sync(&mut self, _: bool) -> std::io::Result<()> {
        // Nothing is on disk until the write saves the delta.
        Ok(())
    }

    fn set_len(&mut self, size: u64) -> std::io::Result<()> {
        if self.writable.is_none() {
            return Err(read_only());
        }
        let mut overlay = self.overlay()?;
        let ps = overlay.pages.page_size as u64;
        overlay.pages.map.retain(|n, _| n * ps < size);
        overlay.pages.len = size;
        Ok(())
    }

    fn lock(&mut self, lock: LockKind) -> std::io::Result<bool> {
        // Immutable: the open file is one generation that nothing changes.
        self.lock = lock;
        Ok(true)
    }

    fn reserved(&mut self) -> std::io::Result<bool> {
        Ok(false)
    }

    fn current_lock(&self) -> std::io::Result<LockKind> {
        Ok(self.lock)
    }

    fn wal_index(&self, _: bool) -> std::io::Result<WalDisabled> {
        Ok(WalDisabled)
    }
}

impl Encrypted {
    fn overlay(&self) -> std::io::Result<std::sync::MutexGuard<'_, Overlay>> {
        self.overlay
            .lock()
            .map_err(|_| std::io::Error::other("the vault overlay was poisoned"))
    }
}

fn read_only() -> std::io::Error {
    std::io::Error::other("the encrypted vault is opened read-only")
}

/// The overlays of the connections opened by [`open_write`], by their database name.
fn written() -> &'static Mutex<HashMap<String, Arc<Mutex<Overlay>>>> {
    static WRITTEN: OnceLock<Mutex<HashMap<String, Arc<Mutex<Overlay>>>>> = OnceLock::new();
    WRITTEN.get_or_init(Default::default)
}

/// What `conn` (opened by [`open_write`]) has written over its base file; `None` for any
/// other connection.
pub fn overlay_of(conn: &Connection) -> Option<Arc<Mutex<Overlay>>> {
    let name = conn.path()?;
    let key = name.rsplit('/').next()?;
    written().lock().ok()?.get(key).cloned()
}

/// The files opened and waiting for SQLite to ask for them by name.
fn pending() -> &'static Mutex<HashMap<String, Encrypted>> {
    static PENDING: OnceLock<Mutex<HashMap<String, Encrypted>>> = OnceLock::new();
    PENDING.get_or_init(Default::default)
}

/// What the last chunk that did not decrypt said, and whose it was.
fn damage() -> &'static Mutex<Option<(String, PathBuf)>> {
    static DAMAGE: OnceLock<Mutex<Option<(String, PathBuf)>>> = OnceLock::new();
    DAMAGE.get_or_init(Default::default)
}

fn record_damage(dir: &Path, reason: String) {
    if let Ok(mut d) = damage().lock() {
        *d = Some((reason, dir.to_path_buf()));
    }
}

/// The damage a read through this VFS met, if any (taken: asked once). A command that
/// failed with an internal error after it is reported as the damaged vault it is.
pub fn take_damage() -> Option<Error> {
    let (reason, dir) = damage().lock().ok()?.take()?;
    Some(Error::VaultDamaged { reason, dir })
}

/// `err`, or the damage a read met when `err` is the internal error it caused.
pub fn explain(err: Error) -> Error {
    match err {
        Error::Internal(_) => take_damage().unwrap_or(err),
        other => other,
    }
}

struct AgeVfs;

impl Vfs for AgeVfs {
    type Handle = Encrypted;

    fn open(&self, db: &str, opts: OpenOptions) -> std::io::Result<Encrypted> {
        if opts.kind != OpenKind::MainDb {
            // No journal, temp file or WAL: nothing of the vault is ever written here.
            return Err(std::io::Error::other(
                "only the encrypted vault itself opens here",
            ));
        }
        let handle = pending()
            .lock()
            .map_err(|_| std::io::Error::other("poisoned"))?
            .remove(db)
            .ok_or_else(|| std::io::Error::new(ErrorKind::NotFound, "no such encrypted file"))?;
        if opts.access != OpenAccess::Read && handle.writable.is_none() {
            return Err(read_only());
        }
        Ok(handle)
    }

    fn delete(&self, _: &str) -> std::io::Result<()> {
        Err(read_only())
    }

    fn exists(&self, _: &str) -> std::io::Result<bool> {
        Ok(false)
    }

    fn temporary_name(&self) -> String {
        "coffer-age-temporary".into()
    }

    fn random(&self, buffer: &mut [i8]) {
        let mut bytes = vec![0u8; buffer.len()];
        // SQLite uses these for temp names and the like: none are made here.
        let _ = getrandom::fill(&mut bytes);
        for (b, r) in buffer.iter_mut().zip(bytes) {
            *b = r as i8;
        }
    }

    fn sleep(&self, duration: Duration) -> Duration {
        std::thread::sleep(duration);
        duration
    }

    fn access(&self, _: &str, write: bool) -> std::io::Result<bool> {
        Ok(!write)
    }
}

fn register() -> Result<()> {
    static REGISTERED: OnceLock<std::result::Result<(), String>> = OnceLock::new();
    REGISTERED
        .get_or_init(|| sqlite_vfs::register(NAME, AgeVfs, false).map_err(|e| format!("{e:?}")))
        .clone()
        .map_err(|e| anyhow::anyhow!("registering the encrypted-vault VFS: {e}").into())
}

/// Opens the age file at `path` (its header, and its last chunk to learn and check the
/// length) as a read-only SQLite database, with `delta`'s pages over it when the delta
/// names this very file. Errors are the reason the file is damaged, for the caller to
/// report (a missing file is `NotFound`).
pub fn open(
    path: &Path,
    dir: &Path,
    identity: &age::x25519::Identity,
    delta: Option<Delta>,
) -> std::result::Result<Connection, OpenError> {
    let key = prepare(path, dir, identity, delta, false)?;
    connect(
        &key,
        format!("file:{key}?immutable=1"),
        OpenFlags::SQLITE_OPEN_READ_ONLY,
        "PRAGMA temp_store = MEMORY; PRAGMA query_only = ON;",
    )
}

/// [`open`] for a write: SQLite's page writes stay in memory, over the base file and
/// `delta` (see [`overlay_of`]); nothing reaches the disk until the caller saves them.
/// The rollback journal is kept in memory, and the caller holds the user's lock.
pub fn open_write(
    path: &Path,
    dir: &Path,
    identity: &age::x25519::Identity,
    delta: Option<Delta>,
) -> std::result::Result<Connection, OpenError> {
    let key = prepare(path, dir, identity, delta, true)?;
    connect(
        &key,
        format!("file:{key}"),
        OpenFlags::SQLITE_OPEN_READ_WRITE,
        "PRAGMA locking_mode = EXCLUSIVE; PRAGMA journal_mode = MEMORY;
         PRAGMA synchronous = OFF; PRAGMA temp_store = MEMORY;",
    )
}

/// Opens the handle left under `key` by [`prepare`] as a connection (`uri`, `access`),
/// configured by `pragmas`.
fn connect(
    key: &str,
    uri: String,
    access: OpenFlags,
    pragmas: &str,
) -> std::result::Result<Connection, OpenError> {
    let opened = Connection::open_with_flags_and_vfs(
        uri,
        access | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        NAME,
    );
    unclaimed(key);
    let conn =
        opened.map_err(|e| OpenError::Other(anyhow::anyhow!("opening the vault: {e}").into()))?;
    conn.execute_batch(pragmas)
        .map_err(|e| OpenError::Other(anyhow::anyhow!("configuring the vault: {e}").into()))?;
    Ok(conn)
}

/// Attaches the age file at `path` to `conn` (opened by [`open`]) as the database
/// `schema`, read in place the same way.
pub fn attach(
    conn: &Connection,
    path: &Path,
    dir: &Path,
    identity: &age::x25519::Identity,
    schema: &str,
) -> std::result::Result<(), OpenError> {
    let key = prepare(path, dir, identity, None, false)?;
    let attached = conn.execute(
        &format!("ATTACH DATABASE ?1 AS {schema}"),
        [format!("file:{key}?vfs={NAME}&immutable=1")],
    );
    unclaimed(&key);
    attached
        .map(|_| ())
        .map_err(|e| OpenError::Other(anyhow::anyhow!("attaching {schema}: {e}").into()))
}

/// Opens the age file at `path` and leaves its handle for the VFS to take when SQLite
/// opens the name returned.
fn prepare(
    path: &Path,
    dir: &Path,
    identity: &age::x25519::Identity,
    delta: Option<Delta>,
    writable: bool,
) -> std::result::Result<String, OpenError> {
    register().map_err(OpenError::Other)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let file = fs::File::open(path).map_err(OpenError::Io)?;
    let file_len = file.metadata().map_err(OpenError::Io)?.len();
    let mut head = super::delta::prefix(&file, HEADER_BUF).map_err(OpenError::Io)?;
    let base = super::delta::stamp_of(&head);
    let wrap = super::filekey::WrapKey::of(identity);
    let ids = super::filekey::identities(&wrap, identity);
    let (start, key) = match payload_key(&head, ids) {
        Ok(k) => k,
        // A header longer than the first read (not one coffer writes).
        Err(_) if head.len() == HEADER_BUF => {
            head = super::delta::prefix(&file, LONG_HEADER).map_err(OpenError::Io)?;
            payload_key(&head, ids).map_err(OpenError::Damaged)?
        }
        Err(e) => return Err(OpenError::Damaged(e)),
    };
    let file = Payload {
        file,
        start,
        len: file_len,
        key,
    };
    // The length the file's size gives, until the first chunk vouches for it.
    let sized = file.plain_len();
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let key = format!(
        "coffer-age-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    );
    let mut handle = Encrypted {
        payload: file,
        base_len: sized,
        dir: dir.to_path_buf(),
        name,
        cache: HashMap::new(),
        order: VecDeque::new(),
        lock: LockKind::None,
        decrypted: 0,
        report: crate::clock::test_vault()
            .then(|| std::env::var_os(TEST_COUNT_CHUNKS).map(PathBuf::from))
            .flatten(),
        overlay: Arc::default(),
        writable: writable.then(|| key.clone()),
    };
    let damaged = |e: std::io::Error| OpenError::Damaged(e.to_string());
    // The database's header (in the first chunk, authenticated by its decryption) must
    // declare the pages the file's size holds: a cut or lengthened file does not, nor
    // does a file that is not a database; those are authenticated by their last chunk
    // (and a first chunk that does not decrypt fails the first read).
    let vouched =
        sized > 0 && handle.chunk(0).ok().and_then(super::delta::declared_len) == Some(sized);
    if !vouched {
        let last = handle.payload.chunks() - 1;
        if !handle.cache.contains_key(&last) {
            handle
                .payload
                .decrypt(last, &mut Plain::default())
                .map_err(damaged)?;
        }
    }
    let base_len = handle.base_len;
    let pages = match delta {
        // A delta applies only to the base it names (see `delta`): any other is one a
        // later write of the whole vault already holds.
        Some(d) if d.base == base => d.pages,
        _ => {
            let page_size = if base_len == 0 {
                4096
            } else {
                let first = handle
                    .chunk(0)
                    .map_err(|e| OpenError::Damaged(e.to_string()))?;
                super::delta::page_size_of(first).unwrap_or(4096)
            };
            Pages {
                page_size,
                len: base_len,
                map: Default::default(),
            }
        }
    };
    handle.overlay = Arc::new(Mutex::new(Overlay {
        pages,
        base,
        base_len,
    }));
    if writable {
        written()
            .lock()
            .map_err(|_| OpenError::Other(anyhow::anyhow!("poisoned").into()))?
            .insert(key.clone(), Arc::clone(&handle.overlay));
    }
    pending()
        .lock()
        .map_err(|_| OpenError::Other(anyhow::anyhow!("poisoned").into()))?
        .insert(key.clone(), handle);
    Ok(key)
}

/// A handle SQLite did not take (it failed before opening the file) is dropped.
fn unclaimed(key: &str) {
    if let Ok(mut p) = pending().lock() {
        p.remove(key);
    }
}

/// Why [`open`] failed.
#[derive(Debug)]
pub enum OpenError {
    /// The file cannot be opened.
    Io(std::io::Error),
    /// It is not an age file for this identity, or its length does not authenticate.
    Damaged(String),
    /// Anything else (a bug).
    Other(Error),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encrypt(data: &[u8], to: &age::x25519::Recipient) -> Vec<u8> {
        encrypt_to(data, &[to])
    }

    /// `data` as an age file for all of `recipients`, in their order.
    fn encrypt_to(data: &[u8], recipients: &[&dyn age::Recipient]) -> Vec<u8> {
        use std::io::Write as _;
        let enc = age::Encryptor::with_recipients(recipients.iter().copied()).unwrap();
        let mut out = vec![];
        let mut w = enc.wrap_output(&mut out).unwrap();
        w.write_all(data).unwrap();
        w.finish().unwrap();
        out
    }

    /// A database of several hundred KiB (many chunks), encrypted, read back through the
    /// VFS: the same rows, and a chunk altered in the middle fails the query that needs
    /// it, recorded as damage, while a query that does not touch it still answers.
    #[test]
    fn reads_pages_through_the_encrypted_file_and_catches_an_altered_chunk() {
        let id = age::x25519::Identity::generate();
        let dir = tempfile::tempdir().unwrap();
        let (image, bytes) = chunky(&id.to_public());
        let path = dir.path().join("vault.age");
        fs::write(&path, &bytes).unwrap();

        let conn = open(&path, dir.path(), &id, None).unwrap();
        assert_eq!(big_rows(&conn), 4000);
        let sum: i64 = conn
            .query_row("SELECT sum(length(v)) FROM big", [], |r| r.get(0))
            .unwrap();
        assert_eq!(sum, 4000 * 200);
        // Read-only: nothing is written, not even a temp table on disk.
        assert!(conn.execute_batch("CREATE TABLE x (a)").is_err());
        drop(conn);

        // Alter one byte in the third chunk from the end.
        let at = bytes.len() - 3 * (CHUNK + TAG) as usize;
        damage_stays_where_it_is(&path, &id, bytes.clone(), at);

        // A file cut at a chunk boundary is refused at open.
        let cut = bytes.len() - (CHUNK + TAG) as usize;
        fs::write(&path, &encrypt(&image, &id.to_public())[..cut]).unwrap();
        assert!(matches!(
            open(&path, dir.path(), &id, None),
            Err(OpenError::Damaged(_))
        ));
        // Another identity's key opens nothing.
        let other = age::x25519::Identity::generate();
        fs::write(&path, encrypt(&image, &id.to_public())).unwrap();
        assert!(matches!(
            open(&path, dir.path(), &other, None),
            Err(OpenError::Damaged(_))
        ));
    }

    /// The rows of `chunky`'s table `big` (4,000 when every chunk it needs decrypts).
    fn big_rows(conn: &Connection) -> i64 {
        conn.query_row("SELECT count(*) FROM big", [], |r| r.get(0))
            .unwrap()
    }

    /// An image of several chunks (`small` on the first pages, `big` after) and its age
    /// file.
    fn chunky(to: &age::x25519::Recipient) -> (Vec<u8>, Vec<u8>) {
        let mut plain = Connection::open_in_memory().unwrap();
        plain
            .execute_batch(
                "CREATE TABLE small (k INTEGER PRIMARY KEY, v TEXT);
                 INSERT INTO small VALUES (1, 'one');
                 CREATE TABLE big (k INTEGER PRIMARY KEY, v BLOB);
                 WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 4000)
                 INSERT INTO big SELECT i, randomblob(200) FROM n;",
            )
            .unwrap();
        let image = plain.serialize(rusqlite::MAIN_DB).unwrap().to_vec();
        let bytes = encrypt(&image, to);
        (image, bytes)
    }

    /// A header longer than the first read (the file's key wrapped for 60 recipients,
    /// ours last: over 4 KiB) is read again whole, and the file opens and answers.
    #[test]
    fn a_header_longer_than_the_first_read_still_opens() {
        let id = age::x25519::Identity::generate();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("vault.age");
        let (image, _) = chunky(&id.to_public());
        let others: Vec<age::x25519::Recipient> = (0..59)
            .map(|_| age::x25519::Identity::generate().to_public())
            .collect();
        let ours = id.to_public();
        let recipients: Vec<&dyn age::Recipient> = others
            .iter()
            .chain(std::iter::once(&ours))
            .map(|r| r as &dyn age::Recipient)
            .collect();
        let bytes = encrypt_to(&image, &recipients);
        let header = payload_start(&bytes).unwrap();
        assert!(header > HEADER_BUF as u64, "a header of {header} bytes");
        fs::write(&path, &bytes).unwrap();
        let conn = open(&path, dir.path(), &id, None).unwrap();
        assert_eq!(big_rows(&conn), 4000);
    }

    /// The open takes the length from the database header in the first chunk, and a
    /// read decrypts the chunks it needs and no other: a file altered in its last chunk
    /// opens, answers queries on the first pages and in the middle, and fails (as
    /// damage) only the query that reads the last chunk.
    #[test]
    fn the_last_chunk_is_decrypted_only_by_a_read_that_needs_it() {
        let id = age::x25519::Identity::generate();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("vault.age");
        let (image, bytes) = chunky(&id.to_public());
        assert_eq!(
            super::super::delta::declared_len(&image),
            Some(image.len() as u64)
        );
        assert!(image.len() as u64 > 4 * CHUNK);
        let last = bytes.len() - 5;
        damage_stays_where_it_is(&path, &id, bytes, last);
    }

    /// `bytes` (a [`chunky`] file) with the byte at `at` altered, written to `path`:
    /// it opens, the first pages and a row in a middle chunk answer without damage,
    /// and the query that reads the altered chunk fails, recorded as damage.
    fn damage_stays_where_it_is(
        path: &Path,
        id: &age::x25519::Identity,
        mut bytes: Vec<u8>,
        at: usize,
    ) {
        // The damage slot is the process's: one test at a time looks at it.
        static SLOT: Mutex<()> = Mutex::new(());
        let _slot = SLOT.lock().unwrap_or_else(|e| e.into_inner());
        bytes[at] ^= 1;
        fs::write(path, &bytes).unwrap();
        let _ = take_damage();
        let dir = path.parent().unwrap();
        let conn = open(path, dir, id, None).unwrap();
        let v: String = conn
            .query_row("SELECT v FROM small WHERE k = 1", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, "one");
        // A row in a middle chunk: reaching it decrypts that chunk only.
        let n: i64 = conn
            .query_row("SELECT length(v) FROM big WHERE k = 2000", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 200);
        assert!(take_damage().is_none());
        assert!(
            conn.query_row("SELECT sum(length(v)) FROM big", [], |r| r.get::<_, i64>(0))
                .is_err()
        );
        assert!(matches!(take_damage(), Some(Error::VaultDamaged { .. })));
    }

    /// A file cut short or made longer (within a chunk, at a chunk's end, by a whole
    /// chunk) no longer matches its header and is refused at open, as age refuses it;
    /// a database whose header does not vouch for its length (bytes after its last page)
    /// is authenticated by its last chunk and read as before.
    #[test]
    fn a_cut_or_lengthened_file_is_refused_at_open() {
        let id = age::x25519::Identity::generate();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("vault.age");
        let (mut image, bytes) = chunky(&id.to_public());
        let whole = (CHUNK + TAG) as usize;
        let mut longer = bytes.clone();
        longer.extend_from_slice(&bytes[bytes.len() - whole..]);
        for altered in [
            bytes[..bytes.len() - 1].to_vec(),
            bytes[..bytes.len() - whole].to_vec(),
            bytes[..bytes.len() - whole - 1].to_vec(),
            [&bytes[..], &[0u8]].concat(),
            [&bytes[..], &vec![7u8; whole]].concat(),
            longer,
        ] {
            fs::write(&path, &altered).unwrap();
            assert!(
                matches!(
                    open(&path, dir.path(), &id, None),
                    Err(OpenError::Damaged(_))
                ),
                "{} bytes of {}",
                altered.len(),
                bytes.len()
            );
        }
        image.extend_from_slice(&[0u8; 100]);
        fs::write(&path, encrypt(&image, &id.to_public())).unwrap();
        let conn = open(&path, dir.path(), &id, None).unwrap();
        assert_eq!(big_rows(&conn), 4000);
    }

    /// Every chunk of age files of every kind of end (empty, short, a chunk less one,
    /// whole chunks, one byte more), written by age for the X25519 key alone or with the
    /// wrapped file key too, decrypts in place to the plaintext, and the file's length
    /// gives the plaintext's; a file cut at a chunk boundary, or lengthened by a copy of
    /// its last chunk, fails at its last chunk.
    #[test]
    fn every_chunk_decrypts_in_place_and_the_end_is_authenticated() {
        let id = age::x25519::Identity::generate();
        let wrap = super::super::filekey::WrapKey::of(&id);
        let c = CHUNK as usize;
        for size in [0, 1, 100, c - 1, c, c + 1, 2 * c, 3 * c + 7] {
            let data: Vec<u8> = (0..size).map(|i| (i * 7 + 3) as u8).collect();
            let wrapped = encrypt_to(&data, &[&id.to_public(), &wrap]);
            for bytes in [encrypt(&data, &id.to_public()), wrapped] {
                let dir = tempfile::tempdir().unwrap();
                let path = dir.path().join("f.age");
                let payload = |bytes: &[u8]| {
                    fs::write(&path, bytes).unwrap();
                    let file = fs::File::open(&path).unwrap();
                    let head = super::super::delta::prefix(&file, HEADER_BUF).unwrap();
                    let ids = super::super::filekey::identities(&wrap, &id);
                    let (start, key) = payload_key(&head, ids).unwrap();
                    Payload {
                        file,
                        start,
                        len: bytes.len() as u64,
                        key,
                    }
                };
                let p = payload(&bytes);
                let chunks = (size as u64).div_ceil(CHUNK).max(1);
                assert_eq!((p.chunks(), p.plain_len()), (chunks, size as u64));
                let mut plain = vec![];
                let mut out = Plain::default();
                for i in 0..chunks {
                    p.decrypt(i, &mut out).unwrap();
                    plain.extend_from_slice(&out);
                }
                assert_eq!(plain, data, "size {size}");
                // No chunk past the end.
                assert!(p.decrypt(chunks, &mut out).is_err());
                if size > c {
                    let cut = bytes.len() - (size % c).max(1) - TAG as usize;
                    let p = payload(&bytes[..cut]);
                    assert!(p.decrypt(p.chunks() - 1, &mut out).is_err(), "size {size}");
                    // The chunks before it still decrypt.
                    assert_eq!(p.decrypt(0, &mut out).is_ok(), p.chunks() > 1);
                    let tail = &bytes[p.start as usize + (chunks as usize - 1) * (c + 16)..];
                    let p = payload(&[&bytes[..], tail].concat());
                    assert!(p.decrypt(chunks - 1, &mut out).is_err(), "size {size}");
                    assert!(p.decrypt(chunks, &mut out).is_err(), "size {size}");
                }
            }
        }
    }
}
