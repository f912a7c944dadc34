//! The encrypted database files. `vault.age` is the SQLite database serialized in memory
//! and age-encrypted to the vault identity. `engine.age`, encrypted the same way, holds
//! the wallet engine's own state (bdk change sets and raw Bitcoin transactions), which
//! read commands never need: it is attached as the schema `engine` only by the commands
//! that run a wallet engine and by every write, so that reads decrypt half as much.
//! The vault records which generation of `engine.age` belongs to it; a write stores the
//! engine (when it changed) before the vault, each keeping its previous generation
//! (`*.prev`), so a crash between the two leaves a vault whose engine is still there,
//! and any number of crashes in a row too: `engine.age` is rotated into `.prev` only
//! when it is the generation the vault expects. An engine that is lost all the same
//! (deleted, damaged, an old `vault.age` put back) is reported as
//! [`EngineLoad::Lost`] and rebuilt from the vault (see [`crate::vault::Vault`]).
//! A write that needs no engine runs on `vault.age` opened in place and saves the pages
//! it changed as `vault.delta.age` ([`super::delta`]); the others decrypt into memory,
//! deserialize, and write whole. No plaintext database, journal or temp file is ever
//! written to disk.

use super::delta::Delta;
use super::filekey::WrapKey;
use super::fsio;
use super::profile::UserPaths;
use super::schema;
use crate::error::{Error, Result};
use anyhow::Context as _;
use rusqlite::{Connection, MAIN_DB, OptionalExtension as _};
use std::ffi::CStr;
use std::fs;
use std::path::Path;

/// Schema name of the attached wallet-engine database.
pub const ENGINE: &CStr = c"engine";

fn damaged(paths: &UserPaths, reason: impl Into<String>) -> Error {
    Error::VaultDamaged {
        reason: reason.into(),
        dir: paths.dir.clone(),
    }
}

/// The test hook that counts decryptions: with `COFFER_TEST_COUNT_DECRYPTS=<file>`, a
/// process working on a test vault (as for `COFFER_TEST_NOW`, see
/// [`crate::clock::test_vault`]) appends the name of every file it decrypts
/// (`vault.age`, `engine.age`, ...) to `<file>`, one line each. Ignored otherwise.
pub const TEST_COUNT_DECRYPTS: &str = "COFFER_TEST_COUNT_DECRYPTS";

fn count_decryption(name: &str) {
    use std::io::Write as _;
    if !crate::clock::test_vault() {
        return;
    }
    let Some(log) = std::env::var_os(TEST_COUNT_DECRYPTS) else {
        return;
    };
    // One append per line: lines of parallel processes never interleave.
    let _ = fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(log)
        .and_then(|mut f| f.write_all(format!("{name}\n").as_bytes()));
}

/// Decrypts the age file at `path` into the database `schema` of `conn`, with `delta`'s
/// pages over it when the delta names that file.
fn decrypt_file(
    paths: &UserPaths,
    path: &Path,
    identity: &age::x25519::Identity,
    conn: &mut Connection,
    schema: &CStr,
    delta: Option<Delta>,
) -> Result<()> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // Streamed from the file: no buffer holds the whole ciphertext.
    let file = match fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(damaged(paths, format!("{name} is missing")));
        }
        Err(e) => return Err(damaged(paths, format!("{name} cannot be read: {e}"))),
    };
    count_decryption(&name);
    decrypt_into(conn, identity, &file, schema, delta).map_err(|e| {
        damaged(
            paths,
            format!("{name} does not decrypt ({e}); it was truncated or altered"),
        )
    })
}

/// Decrypts `vault.age` into a fresh in-memory database and checks its schema version.
/// The engine is not attached (see [`attach_engine`]).
pub fn load(paths: &UserPaths, identity: &age::x25519::Identity) -> Result<Connection> {
    let mut conn = schema::memory_connection()?;
    let delta = load_delta(paths, identity)?;
    decrypt_file(paths, &paths.vault, identity, &mut conn, MAIN_DB, delta)?;
    let version = conn
        .query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))
        .map_err(|e| damaged(paths, format!("the decrypted vault is not a database: {e}")))?;
    if version > schema::CURRENT {
        return Err(Error::VaultTooNew {
            found: version,
            supported: schema::CURRENT,
        });
    }
    if version < 1 {
        // Every vault coffer writes has its schema: this one is some other database.
        return Err(damaged(
            paths,
            "vault.age decrypts to a database without coffer's schema",
        ));
    }
    cache_whole(&conn, "main")?;
    Ok(conn)
}

/// The delta of `vault.age` ([`super::delta`]), read before `vault.age` itself; `None`
/// when there is none. One that does not decrypt or authenticate is damage.
fn load_delta(paths: &UserPaths, identity: &age::x25519::Identity) -> Result<Option<Delta>> {
    super::delta::load(&paths.delta, identity)
        .map_err(|e| damaged(paths, format!("vault.delta.age is damaged: {e}")))
}

/// Opens `vault.age` read-only through the encrypted-file VFS ([`super::vfs`]): only the
/// chunks a query touches are decrypted (and the delta, whole). Its schema version is
/// not checked here (an older vault is read whole and migrated in memory: see
/// [`crate::vault::Vault::read`]).
pub fn open_read(paths: &UserPaths, identity: &age::x25519::Identity) -> Result<Connection> {
    count_decryption("vault.age");
    let delta = load_delta(paths, identity)?;
    super::vfs::open(&paths.vault, &paths.dir, identity, delta).map_err(|e| open_error(paths, e))
}

/// [`open_read`] for a write (the caller holds the user's lock): the change's page writes
/// stay in memory until [`save`] writes them as the new delta.
pub fn open_write(paths: &UserPaths, identity: &age::x25519::Identity) -> Result<Connection> {
    count_decryption("vault.age");
    let delta = load_delta(paths, identity)?;
    super::vfs::open_write(&paths.vault, &paths.dir, identity, delta)
        .map_err(|e| open_error(paths, e))
}

fn open_error(paths: &UserPaths, e: super::vfs::OpenError) -> Error {
    use super::vfs::OpenError;
    let name = "vault.age";
    match e {
        OpenError::Io(e) if e.kind() == std::io::ErrorKind::NotFound => {
            damaged(paths, format!("{name} is missing"))
        }
        OpenError::Io(e) => damaged(paths, format!("{name} cannot be read: {e}")),
        OpenError::Damaged(e) => damaged(
            paths,
            format!("{name} does not decrypt ({e}); it was truncated or altered"),
        ),
        OpenError::Other(e) => e,
    }
}

/// The generation of the attached engine (`None` when it records none or cannot be
/// read).
fn attached_generation(conn: &Connection) -> Option<String> {
    conn.query_row(
        "SELECT value FROM engine.engine_meta WHERE key = 'generation'",
        [],
        |r| r.get(0),
    )
    .optional()
    .unwrap_or(None)
}

/// Attaches the wallet engine to a vault opened by [`open_read`], read in place the
/// same way: `engine.age`, else `engine.age.prev`, whichever is the generation the
/// vault expects. `false` when neither is (or the vault expects none): the caller reads
/// the vault whole ([`attach_engine`] rebuilds a lost engine), nothing attached.
pub fn attach_engine_in_place(
    conn: &Connection,
    paths: &UserPaths,
    identity: &age::x25519::Identity,
) -> Result<bool> {
    let Some(expected) = super::meta(conn, "engine_generation")? else {
        return Ok(false);
    };
    for path in [&paths.engine, &paths.engine_prev] {
        if !path.exists() {
            continue;
        }
        count_decryption(&path.file_name().unwrap_or_default().to_string_lossy());
        if super::vfs::attach(conn, path, &paths.dir, identity, "engine").is_err() {
            continue;
        }
        let found = attached_generation(conn);
        if found.as_deref() == Some(expected.as_str())
            && super::schema::check_shape(conn, "engine").is_ok()
        {
            return Ok(true);
        }
        conn.execute_batch("DETACH DATABASE engine")
            .context("detaching the engine")?;
    }
    Ok(false)
}

/// Whether `identity` opens `vault.age` (its header only: cheap).
pub fn opens(paths: &UserPaths, identity: &age::x25519::Identity) -> bool {
    fs::File::open(&paths.vault).is_ok_and(|f| open_stream(&f, identity).is_ok())
}

/// Whether the engine database is attached to `conn`.
pub fn engine_attached(conn: &Connection) -> Result<bool> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM pragma_database_list WHERE name = 'engine'",
            [],
            |_| Ok(()),
        )
        .optional()
        .context("listing databases")?
        .is_some())
}

/// Attaches an empty engine database (a new vault, or one from before the split).
pub fn attach_empty_engine(conn: &Connection) -> Result<()> {
    if !engine_attached(conn)? {
        conn.execute_batch(
            "ATTACH DATABASE ':memory:' AS engine;
             CREATE TEMP TABLE IF NOT EXISTS engine_loaded (counter INTEGER, source TEXT);
             DELETE FROM temp.engine_loaded;",
        )
        .context("attaching the engine")?;
    }
    Ok(())
}

/// The engine's commit counter (the database header's file change counter, which
/// SQLite increments at every committed write), or None for a database never written.
fn engine_counter(conn: &mut Connection) -> Result<Option<i64>> {
    let data = conn.serialize(ENGINE).context("reading the engine")?;
    Ok(data
        .get(24..28)
        .map(|b| i64::from(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))))
}

/// Where the attached engine came from: `engine.age` ([`CURRENT_FILE`]), `engine.age.prev`
/// after a write that stopped between the two files, or nowhere.
const CURRENT_FILE: &str = "current";

fn mark_loaded(conn: &mut Connection, source: &str) -> Result<()> {
    let counter = engine_counter(conn)?;
    conn.execute_batch("DELETE FROM temp.engine_loaded")
        .context("recording the engine")?;
    conn.execute(
        "INSERT INTO temp.engine_loaded (counter, source) VALUES (?1, ?2)",
        rusqlite::params![counter, source],
    )
    .context("recording the engine")?;
    Ok(())
}

/// What [`attach_engine`] found.
#[derive(Debug)]
pub enum EngineLoad {
    /// The generation the vault expects is attached (or an empty engine, when the vault
    /// expects none).
    Loaded,
    /// Neither `engine.age` nor `engine.age.prev` holds the generation the vault expects
    /// (both gone, damaged, or from other writes): an empty engine is attached, which
    /// must be rebuilt from the vault before use. `salvage` holds the raw transactions
    /// (consensus encoding) found in whichever engine files still decrypt: content-
    /// addressed, so they are usable for the transactions the vault itself records.
    Lost {
        /// Why, for the user.
        reason: String,
        /// Raw transactions from the engine files that decrypt.
        salvage: Vec<Vec<u8>>,
    },
}

/// Attaches the engine generation the vault expects: `engine.age`, or `engine.age.prev`
/// when a write stopped between the two files. A vault that expects none gets an empty
/// engine; a vault whose engine is lost gets an empty one too, and [`EngineLoad::Lost`].
pub fn attach_engine(
    conn: &mut Connection,
    paths: &UserPaths,
    identity: &age::x25519::Identity,
) -> Result<EngineLoad> {
    if engine_attached(conn)? {
        return Ok(EngineLoad::Loaded);
    }
    let expected = super::meta(conn, "engine_generation").map_err(|e| {
        damaged(
            paths,
            format!(
                "vault.age decrypts, but its meta table cannot be read ({})",
                e.cause()
            ),
        )
    })?;
    let Some(expected) = expected else {
        attach_empty_engine(conn)?;
        mark_loaded(conn, "none")?;
        return Ok(EngineLoad::Loaded);
    };
    attach_empty_engine(conn)?;
    let mut problems = vec![];
    let mut salvage = vec![];
    for (path, source) in [(&paths.engine, CURRENT_FILE), (&paths.engine_prev, "prev")] {
        if !path.exists() {
            continue;
        }
        if let Err(e) = decrypt_file(paths, path, identity, conn, ENGINE, None) {
            problems.push(e.to_string());
            continue;
        }
        let found = attached_generation(conn);
        if found.as_deref() == Some(expected.as_str()) {
            mark_loaded(conn, source)?;
            return Ok(EngineLoad::Loaded);
        }
        salvage.extend(salvage_raw(conn));
    }
    // Start again from an empty engine (deserializing replaced the attached one).
    conn.execute_batch("DETACH DATABASE engine")
        .context("detaching the engine")?;
    attach_empty_engine(conn)?;
    schema::create_engine_tables(conn)?;
    problems.push(
        match (paths.engine.exists(), paths.engine_prev.exists()) {
            (false, false) => "engine.age and engine.age.prev are missing",
            _ => "neither engine.age nor engine.age.prev is the generation vault.age expects",
        }
        .into(),
    );
    Ok(EngineLoad::Lost {
        reason: problems.join("; "),
        salvage,
    })
}

/// The raw transactions of the attached engine, whatever its generation (an engine of
/// another schema yields none).
fn salvage_raw(conn: &Connection) -> Vec<Vec<u8>> {
    let Ok(mut stmt) = conn.prepare("SELECT raw FROM engine.btc_txs") else {
        return vec![];
    };
    stmt.query_map([], |r| r.get::<_, Vec<u8>>(0))
        .map(|rows| rows.filter_map(|r| r.ok()).collect())
        .unwrap_or_default()
}

/// Writes `data` encrypted to `recipient` (and, when given, to `wrap`, the vault key's
/// wrapping key: see [`super::filekey`]) as the current generation at `path`. With
/// `keep_current`, the generation now at `path` becomes `prev`; without, `prev` stays as
/// it is (the file at `path` is not one anybody expects). At every instant `path`
/// exists and decrypts to the old or the new state.
fn write_generation(
    path: &Path,
    prev: &Path,
    data: &[u8],
    recipient: &age::x25519::Recipient,
    wrap: Option<&WrapKey>,
    keep_current: bool,
) -> Result<()> {
    write_generation_to(
        path,
        prev,
        data,
        std::slice::from_ref(recipient),
        wrap,
        keep_current,
    )
}

/// [`write_generation`] encrypted to every one of `recipients`.
fn write_generation_to(
    path: &Path,
    prev: &Path,
    data: &[u8],
    recipients: &[age::x25519::Recipient],
    wrap: Option<&WrapKey>,
    keep_current: bool,
) -> Result<()> {
    write_generation_with(path, prev, recipients, wrap, keep_current, |w| {
        w.write_all(data)
    })
}

/// [`write_generation_to`] for a plaintext that `write` writes piece by piece: it is
/// encrypted as it comes, and never held whole.
fn write_generation_with(
    path: &Path,
    prev: &Path,
    recipients: &[age::x25519::Recipient],
    wrap: Option<&WrapKey>,
    keep_current: bool,
    write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> Result<()> {
    let tmp = fsio::write_temp_with(path, |out| {
        let to = recipients
            .iter()
            .map(|r| r as &dyn age::Recipient)
            .chain(wrap.map(|w| w as &dyn age::Recipient));
        let encryptor = age::Encryptor::with_recipients(to)
            .map_err(|e| std::io::Error::other(format!("encrypting the vault: {e}")))?;
        let mut w = encryptor.wrap_output(out)?;
        write(&mut w)?;
        w.finish()?;
        Ok(())
    })?;
    if keep_current && path.exists() {
        // Keep the old generation: a hard link costs no copy and leaves `path` in place.
        let prev_tmp = fsio::sibling(prev, ".tmp");
        fsio::remove_if_exists(&prev_tmp)?;
        fs::hard_link(path, &prev_tmp).context("linking the previous generation")?;
        fs::rename(&prev_tmp, prev).context("keeping the previous generation")?;
    }
    fs::rename(&tmp, path).context("replacing the vault")?;
    fsio::sync_parent(path)?;
    Ok(())
}

/// Writes `vault.age` whole from its base and `overlay` (the delta folded in), streamed
/// page by page (the plaintext is never held whole), then retires the delta.
fn fold(
    paths: &UserPaths,
    overlay: &super::vfs::Overlay,
    identity: &age::x25519::Identity,
    recipient: &age::x25519::Recipient,
) -> Result<()> {
    use std::io::Read as _;
    let file = fs::File::open(&paths.vault).context("opening vault.age")?;
    if super::delta::stamp(&file).context("reading vault.age")? != overlay.base {
        // The lock is held: nothing replaces vault.age meanwhile.
        return Err(anyhow::anyhow!("vault.age changed during a write").into());
    }
    let mut base = open_stream(&file, identity)
        .map_err(|e| damaged(paths, format!("vault.age does not decrypt ({e})")))?;
    let pages = &overlay.pages;
    let ps = pages.page_size as u64;
    write_generation_with(
        &paths.vault,
        &paths.prev,
        std::slice::from_ref(recipient),
        Some(&WrapKey::of(identity)),
        true,
        |w| {
            let mut page = super::plain::Plain::from(vec![0u8; ps as usize]);
            for n in 0..pages.len.div_ceil(ps) {
                let in_base = n * ps < overlay.base_len;
                if in_base {
                    // Read in order, whether or not the delta replaces it.
                    base.read_exact(&mut page)?;
                } else {
                    page.fill(0);
                }
                w.write_all(pages.map.get(&n).map_or(&page[..], |p| &p[..]))?;
            }
            Ok(())
        },
    )?;
    retire_delta(paths)
}

/// Makes `conn` the current generation: first the engine, when it is attached and
/// changed since it was loaded (under a new generation id that the vault records),
/// then the vault. A vault opened by [`open_write`] saves the pages it changed as the
/// new delta (signed with `identity`'s key) until the delta outgrows
/// [`super::delta::fold_at`]; then, and for a vault decrypted whole, `vault.age` is
/// written whole and the delta retired. The caller holds the user's lock.
pub fn save(
    paths: &UserPaths,
    conn: &mut Connection,
    recipient: &age::x25519::Recipient,
    identity: Option<&age::x25519::Identity>,
) -> Result<()> {
    let wrap = identity.map(WrapKey::of);
    save_engine(paths, conn, recipient, wrap.as_ref())?;
    if let (Some(overlay), Some(identity)) = (super::vfs::overlay_of(conn), identity) {
        let o = overlay
            .lock()
            .map_err(|_| anyhow::anyhow!("the vault overlay was poisoned"))?;
        if o.pages.map.is_empty() && o.pages.len == o.base_len {
            // Nothing differs from vault.age: there is no delta to write.
            return retire_delta(paths);
        }
        if o.pages.bytes() > fold_limit(o.base_len) {
            return fold(paths, &o, identity, recipient);
        }
        let plain = super::delta::encode(&o.base, &o.pages, identity);
        // The current delta becomes the previous generation's.
        return write_generation(
            &paths.delta,
            &paths.delta_prev,
            &plain,
            recipient,
            wrap.as_ref(),
            true,
        );
    }
    let data = conn.serialize(MAIN_DB).context("serializing the vault")?;
    write_generation(
        &paths.vault,
        &paths.prev,
        &data,
        recipient,
        wrap.as_ref(),
        true,
    )?;
    retire_delta(paths)
}

/// The test hook that makes every write in place fold its delta into `vault.age`:
/// `COFFER_TEST_FOLD=1` on a test vault (see [`crate::clock::test_vault`]). Ignored
/// otherwise.
pub const TEST_FOLD: &str = "COFFER_TEST_FOLD";

fn fold_limit(base_len: u64) -> u64 {
    if crate::clock::test_vault() && std::env::var(TEST_FOLD).is_ok_and(|v| v == "1") {
        return 0;
    }
    super::delta::fold_at(base_len)
}

/// After `vault.age` was written whole: the delta (of the generation now in
/// `vault.age.prev`) becomes `vault.delta.age.prev`. Left in place by a crash, it names
/// an older `vault.age` and is ignored.
fn retire_delta(paths: &UserPaths) -> Result<()> {
    if paths.delta.exists() {
        fs::rename(&paths.delta, &paths.delta_prev).context("retiring the vault delta")?;
        fsio::sync_parent(&paths.delta)?;
    }
    Ok(())
}

/// Stores the attached engine when it changed since it was loaded.
fn save_engine(
    paths: &UserPaths,
    conn: &mut Connection,
    recipient: &age::x25519::Recipient,
    wrap: Option<&WrapKey>,
) -> Result<()> {
    if !engine_attached(conn)? {
        return Ok(());
    }
    let loaded: Option<(Option<i64>, Option<String>)> = conn
        .query_row("SELECT counter, source FROM temp.engine_loaded", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()
        .context("reading the engine state")?;
    let (counter, source) = loaded.unzip();
    if counter == Some(engine_counter(conn)?) {
        return Ok(());
    }
    let generation = hex::encode(fsio::random_bytes::<16>());
    conn.execute(
        "INSERT OR REPLACE INTO engine.engine_meta (key, value) VALUES ('generation', ?1)",
        [&generation],
    )
    .context("recording the engine generation")?;
    super::set_meta(conn, "engine_generation", &generation)?;
    {
        // `engine.age` becomes the previous generation only when it is the one
        // this vault expects. When it is not (a write stopped between the two
        // files left it, and the vault's own generation is `engine.age.prev`),
        // it is simply replaced: rotating it would push out the only generation
        // the vault on disk can open, and a second crash would lose both.
        let keep_current = source.flatten().as_deref() == Some(CURRENT_FILE);
        let data = conn.serialize(ENGINE).context("serializing the engine")?;
        write_generation(
            &paths.engine,
            &paths.engine_prev,
            &data,
            recipient,
            wrap,
            keep_current,
        )?;
    }
    mark_loaded(conn, CURRENT_FILE)
}

/// Writes the attached engine (unchanged, under its generation) and the vault again,
/// encrypted to `recipients` (and `wrap`, when given): the steps of a vault key rotation
/// (`security rekey`).
/// With `rotate`, the files now in place become the `.prev` generations; without, the
/// `.prev` files are left as they are (the caller removes them). The caller holds the
/// user's lock.
pub fn rewrite_to(
    paths: &UserPaths,
    conn: &mut Connection,
    recipients: &[age::x25519::Recipient],
    wrap: Option<&WrapKey>,
    rotate: bool,
) -> Result<()> {
    if engine_attached(conn)? {
        let data = conn.serialize(ENGINE).context("serializing the engine")?;
        write_generation_to(
            &paths.engine,
            &paths.engine_prev,
            &data,
            recipients,
            wrap,
            rotate,
        )?;
    }
    let data = conn.serialize(MAIN_DB).context("serializing the vault")?;
    write_generation_to(&paths.vault, &paths.prev, &data, recipients, wrap, rotate)?;
    // The deltas are under the old key and name older generations: they go.
    fsio::remove_if_exists(&paths.delta)?;
    fsio::remove_if_exists(&paths.delta_prev)?;
    fsio::sync_parent(&paths.vault)?;
    Ok(())
}

/// Size of an age STREAM chunk's plaintext and of its authentication tag.
const AGE_CHUNK: u64 = 64 * 1024;
const AGE_TAG: u64 = 16;

/// Below this many plaintext bytes per thread, one thread decrypts the whole vault.
const PARALLEL_MIN: u64 = 16 * AGE_CHUNK;

/// Reads a file by position (`pread`), so that several readers share one open file
/// (and therefore one generation of the vault, even if it is replaced meanwhile).
struct At<'a> {
    file: &'a fs::File,
    pos: u64,
}

impl std::io::Read for At<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        use std::os::unix::fs::FileExt as _;
        let n = self.file.read_at(buf, self.pos)?;
        self.pos += n as u64;
        Ok(n)
    }
}

impl std::io::Seek for At<'_> {
    fn seek(&mut self, to: std::io::SeekFrom) -> std::io::Result<u64> {
        use std::io::SeekFrom;
        let base = match to {
            SeekFrom::Start(o) => Some(o),
            SeekFrom::End(o) => self.file.metadata()?.len().checked_add_signed(o),
            SeekFrom::Current(o) => self.pos.checked_add_signed(o),
        };
        self.pos = base.ok_or_else(|| {
            std::io::Error::new(std::io::ErrorKind::InvalidInput, "seek out of range")
        })?;
        Ok(self.pos)
    }
}

type Plaintext<'a> = age::stream::StreamReader<std::io::BufReader<At<'a>>>;

/// Opens the age stream of `file` (header parsed, file key unwrapped by `identity`,
/// through its wrapping key when the file has that stanza: see [`super::filekey`]).
fn open_stream<'a>(
    file: &'a fs::File,
    identity: &age::x25519::Identity,
) -> std::result::Result<Plaintext<'a>, String> {
    let input =
        std::io::BufReader::with_capacity((AGE_CHUNK + AGE_TAG) as usize, At { file, pos: 0 });
    let wrap = WrapKey::of(identity);
    age::Decryptor::new_buffered(input)
        .and_then(|d| d.decrypt(super::filekey::identities(&wrap, identity).into_iter()))
        .map_err(|e| e.to_string())
}

/// Hands SQLite's buffer to [`fill`]: rusqlite reads the whole database with one
/// `read_exact` into the buffer it allocated. With a delta, the buffer is the delta's
/// length and its pages are copied over the base.
struct Fill<'a> {
    file: &'a fs::File,
    identity: &'a age::x25519::Identity,
    base_len: u64,
    delta: Option<Delta>,
}

impl Fill<'_> {
    fn len(&self) -> u64 {
        self.delta.as_ref().map_or(self.base_len, |d| d.pages.len)
    }
}

impl std::io::Read for Fill<'_> {
    fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
        Err(std::io::Error::other("the vault is read whole"))
    }

    fn read_exact(&mut self, buf: &mut [u8]) -> std::io::Result<()> {
        if buf.len() as u64 != self.len() {
            return Err(std::io::Error::other("the vault is read whole"));
        }
        let base = self.base_len as usize;
        if buf.len() >= base {
            fill(self.file, self.identity, &mut buf[..base]).map_err(std::io::Error::other)?;
            buf[base..].fill(0);
        } else {
            // The delta cut the database shorter than its base.
            let mut whole = super::plain::Plain::from(vec![0u8; base]);
            fill(self.file, self.identity, &mut whole).map_err(std::io::Error::other)?;
            let n = buf.len();
            buf.copy_from_slice(&whole[..n]);
        }
        if let Some(d) = &self.delta {
            let ps = d.pages.page_size;
            for (n, page) in &d.pages.map {
                let at = *n as usize * ps;
                buf[at..at + ps].copy_from_slice(page);
            }
        }
        Ok(())
    }
}

/// Decrypts the age file straight into `buf` (its plaintext length), in as many
/// threads as there are cores (at most four): the stream's chunks are independent, so
/// each thread opens the stream, seeks to its share (a chunk boundary) and decrypts it.
/// The last share must end at the authenticated end of the stream.
fn fill(
    file: &fs::File,
    identity: &age::x25519::Identity,
    buf: &mut [u8],
) -> std::result::Result<(), String> {
    use std::io::{Read as _, Seek as _, SeekFrom};
    let len = buf.len() as u64;
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get() as u64);
    let threads = cores.min(4).min(len / PARALLEL_MIN).max(1);
    let share = (len / threads).div_ceil(AGE_CHUNK) * AGE_CHUNK;
    let one = |start: u64, part: &mut [u8], last: bool| {
        let mut r = open_stream(file, identity)?;
        if start > 0 {
            r.seek(SeekFrom::Start(start)).map_err(|e| e.to_string())?;
        }
        r.read_exact(part).map_err(|e| e.to_string())?;
        if last {
            match r.read(&mut [0u8; 1]) {
                Ok(0) => {}
                Ok(_) => return Err("the payload is longer than its size says".into()),
                Err(e) => return Err(e.to_string()),
            }
        }
        Ok(())
    };
    if threads == 1 {
        return one(0, buf, true);
    }
    let parts: Vec<&mut [u8]> = buf.chunks_mut(share as usize).collect();
    let n = parts.len();
    std::thread::scope(|s| {
        let handles: Vec<_> = parts
            .into_iter()
            .enumerate()
            .map(|(i, part)| s.spawn(move || one(i as u64 * share, part, i + 1 == n)))
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err("a decryption thread failed".into()))
            })
            .collect::<std::result::Result<Vec<()>, String>>()
    })?;
    Ok(())
}

/// Decrypts a binary age file straight into SQLite's own buffer: the plaintext exists
/// once (plus age's zeroized chunk buffers), with no intermediate copy and no armor
/// detection. The length SQLite needs is the stream's, authenticated by decrypting
/// the last chunk as the last (so a file cut at a chunk boundary is refused too).
fn decrypt_into(
    conn: &mut Connection,
    identity: &age::x25519::Identity,
    file: &fs::File,
    schema: &CStr,
    delta: Option<Delta>,
) -> std::result::Result<(), String> {
    use std::io::{Seek as _, SeekFrom};
    let base_len = open_stream(file, identity)?
        .seek(SeekFrom::End(0))
        .map_err(|e| e.to_string())?;
    let stamp = super::delta::stamp(file).map_err(|e| e.to_string())?;
    // A delta applies only to the base it names (see `delta`).
    let delta = delta.filter(|d| d.base == stamp);
    let fill = Fill {
        file,
        identity,
        base_len,
        delta,
    };
    let len_usize = usize::try_from(fill.len()).map_err(|_| "the vault is too large")?;
    conn.deserialize_read_exact(schema, fill, len_usize, false)
        .map_err(|e| e.to_string())?;
    // The database is in memory already: a write's changed pages stay in SQLite's page
    // cache until it commits, instead of being spilled to the in-memory database (and
    // journalled, and read back) whenever they pass the 2 MB cache. A first sync of
    // 100,000 transactions saved in 3.1 s instead of 4.0 s. (Its cache is sized once it
    // is known to be a database: [`cache_whole`].)
    let name = schema.to_str().map_err(|e| e.to_string())?;
    conn.execute_batch(&format!("PRAGMA {name}.cache_spill = OFF"))
        .map_err(|e| e.to_string())
}

/// Sizes SQLite's page cache of the database `schema` of `conn`, decrypted whole into
/// memory, to hold all of it (SQLite's default is 2 MB): a page read once is not
/// evicted and copied from the in-memory database again at the next statement.
/// Updating the usage of 100,000 addresses in a first sync took 110 ms instead of 150
/// ms (10,000: 9.4 ms either way). The cost is at most one more copy of the database in
/// memory, for the pages a command reads. The vault only: the engine's tables are read
/// once, whole, when the wallet engine loads, and cached whole they raised a one-transaction
/// import's peak at 100,000 from 380 to 421 MiB for nothing.
fn cache_whole(conn: &Connection, schema: &str) -> Result<()> {
    let pragma = |p: &str| -> Result<i64> {
        Ok(conn
            .query_row(&format!("PRAGMA {schema}.{p}"), [], |r| r.get(0))
            .with_context(|| format!("reading the {p} of {schema}"))?)
    };
    let kib = pragma("page_count")? * pragma("page_size")? / 1024 + 1024;
    conn.execute_batch(&format!("PRAGMA {schema}.cache_size = -{kib}"))
        .with_context(|| format!("sizing the cache of {schema}"))?;
    Ok(())
}

/// SQLite's integrity check of the attached database `db` (`main`, `engine`) of
/// `conn`: `ok`, or what it found (or why it could not run).
pub fn integrity(conn: &rusqlite::Connection, db: &str) -> String {
    conn.query_row(&format!("PRAGMA {db}.integrity_check"), [], |r| r.get(0))
        .unwrap_or_else(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A vault saved in a fresh directory: one table `t` of 3,000 rows of `size` random
    /// bytes (`v`), its key, and the connection it was saved from.
    fn saved_vault(
        size: usize,
    ) -> (
        tempfile::TempDir,
        UserPaths,
        age::x25519::Identity,
        Connection,
    ) {
        let dir = tempfile::tempdir().unwrap();
        let paths = UserPaths::in_dir(dir.path().to_path_buf());
        let id = age::x25519::Identity::generate();
        let mut conn = schema::memory_connection().unwrap();
        conn.execute_batch(&format!(
            "PRAGMA user_version = 1;
             CREATE TABLE t (k INTEGER PRIMARY KEY, v BLOB);
             WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)
             INSERT INTO t SELECT i, randomblob({size}) FROM n;"
        ))
        .unwrap();
        save(&paths, &mut conn, &id.to_public(), None).unwrap();
        (dir, paths, id, conn)
    }

    /// A vault decrypted whole keeps its changed pages and every page it read in
    /// SQLite's cache: no spill, and a cache as large as the database.
    #[test]
    fn a_vault_loaded_whole_caches_the_whole_database() {
        let (_dir, paths, id, mut conn) = saved_vault(1000);
        let size = conn.serialize(MAIN_DB).unwrap().len() as i64;
        let loaded = load(&paths, &id).unwrap();
        let pragma = |p: &str| -> i64 { loaded.query_row(p, [], |r| r.get(0)).unwrap() };
        assert_eq!(pragma("PRAGMA main.cache_spill"), 0);
        let cache_kib = -pragma("PRAGMA main.cache_size");
        assert!(cache_kib * 1024 >= size, "{cache_kib} KiB for {size} bytes");
    }

    /// A write on the vault in place leaves `vault.age` as it was and saves the pages it
    /// changed as the delta, which reads (in place and whole) then see; a write past the
    /// fold point writes `vault.age` whole and retires the delta; a delta that names an
    /// older `vault.age` is ignored, and one forged under the public recipient (without
    /// the vault key for its HMAC) is damage.
    #[test]
    fn a_write_in_place_saves_a_delta_that_reads_see_and_a_fold_retires() {
        let (_dir, paths, id, _) = saved_vault(300);
        let to = id.to_public();
        let base = fs::read(&paths.vault).unwrap();
        let rows = |c: &Connection| -> (i64, i64) {
            c.query_row("SELECT count(*), sum(length(v)) FROM t", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap()
        };
        let both = || {
            (
                rows(&open_read(&paths, &id).unwrap()),
                rows(&load(&paths, &id).unwrap()),
            )
        };
        let write = |size: i64| {
            let mut c = open_write(&paths, &id).unwrap();
            let tx = c.transaction().unwrap();
            tx.execute("INSERT INTO t (v) VALUES (randomblob(?1))", [size])
                .unwrap();
            tx.commit().unwrap();
            save(&paths, &mut c, &to, Some(&id)).unwrap();
        };
        // A change rolled back writes nothing.
        {
            let mut c = open_write(&paths, &id).unwrap();
            let tx = c.transaction().unwrap();
            tx.execute("DELETE FROM t", []).unwrap();
            drop(tx);
            save(&paths, &mut c, &to, Some(&id)).unwrap();
            assert!(!paths.delta.exists());
        }

        write(100);
        assert_eq!(fs::read(&paths.vault).unwrap(), base, "vault.age untouched");
        assert!(paths.delta.exists() && !paths.delta_prev.exists());
        let small = fs::metadata(&paths.delta).unwrap().len();
        assert!(small < 64 * 1024, "{small}");
        assert_eq!(both(), ((3001, 900_100), (3001, 900_100)));
        write(100);
        assert!(paths.delta_prev.exists());
        assert_eq!(both().0, (3002, 900_200));

        // Past the fold point (an eighth of the base): vault.age is written whole.
        write(200_000);
        assert_ne!(fs::read(&paths.vault).unwrap(), base);
        assert!(!paths.delta.exists() && paths.delta_prev.exists());
        assert_eq!(both(), ((3003, 1_100_200), (3003, 1_100_200)));

        // The retired delta names the older vault.age: put back, it is ignored.
        fs::copy(&paths.delta_prev, &paths.delta).unwrap();
        assert_eq!(both(), ((3003, 1_100_200), (3003, 1_100_200)));
        write(100);
        assert_eq!(both().1, (3004, 1_100_300));

        // A delta encrypted to the (public) recipient without the vault key's HMAC.
        let mut forged = vec![];
        {
            use std::io::Write as _;
            let enc = age::Encryptor::with_recipients(std::iter::once(&to as &dyn age::Recipient))
                .unwrap();
            let mut w = enc.wrap_output(&mut forged).unwrap();
            w.write_all(&[0u8; 5000]).unwrap();
            w.finish().unwrap();
        }
        fs::write(&paths.delta, &forged).unwrap();
        for r in [open_read(&paths, &id).err(), load(&paths, &id).err()] {
            match r {
                Some(Error::VaultDamaged { reason, .. }) => {
                    assert!(reason.contains("vault.delta.age"), "{reason}")
                }
                other => panic!("{other:?}"),
            }
        }
    }

    /// Every length around chunk and thread-share edges decrypts to the same bytes;
    /// a file cut at a chunk boundary or one byte short is refused.
    #[test]
    fn decrypts_whole_and_refuses_cut_files() {
        let id = age::x25519::Identity::generate();
        let c = AGE_CHUNK as usize;
        let big = PARALLEL_MIN as usize * 4;
        for len in [
            1,
            c - 1,
            c,
            c + 1,
            3 * c,
            big - 1,
            big,
            big + 1,
            big + c + 7,
        ] {
            let pt: Vec<u8> = (0..len).map(|i| (i * 7 + i / 65_536) as u8).collect();
            let ct = age::encrypt(&id.to_public(), &pt).unwrap();
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("v.age");
            std::fs::write(&path, &ct).unwrap();
            let mut conn = Connection::open_in_memory().unwrap();
            let file = fs::File::open(&path).unwrap();
            // Not a database, but the bytes are what SQLite got.
            let r = decrypt_into(&mut conn, &id, &file, MAIN_DB, None);
            assert!(r.is_ok(), "len {len}: {r:?}");
            let data = conn.serialize(MAIN_DB).unwrap();
            assert_eq!(&data[..], &pt[..], "len {len}");
            // Cut at a chunk boundary, and one byte short.
            let header = ct.len() - len - len.div_ceil(c) * 16;
            for cut in [header + c + 16, ct.len() - 1] {
                if cut >= ct.len() {
                    continue;
                }
                std::fs::write(&path, &ct[..cut]).unwrap();
                let file = fs::File::open(&path).unwrap();
                let mut conn = Connection::open_in_memory().unwrap();
                assert!(
                    decrypt_into(&mut conn, &id, &file, MAIN_DB, None).is_err(),
                    "len {len} cut {cut}"
                );
            }
        }
    }
}
