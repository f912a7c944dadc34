//! Verifying a backup: decryption in memory (with a passphrase or age identities given
//! as values), the checks of its header, snapshot, schema, counts and keys, and the
//! record of the result kept next to the file (`FILE.verified`). Nothing here touches
//! the live vault.

use super::{Counts, Header, MAGIC, counts, record_path};
use crate::chain::{Network, btc, eth};
use crate::clock;
use crate::error::{Error, Result};
use crate::vault::plain::Plain;
use crate::vault::{fsio, schema, store, wallets};
use anyhow::Context as _;
use rusqlite::{Connection, MAIN_DB};
use serde::{Deserialize, Serialize};
use sha2::Digest as _;
use std::io::Read as _;
use std::path::Path;

/// One check of `backup verify`.
#[derive(Debug, Serialize)]
pub struct Check {
    /// What was checked.
    pub check: String,
    /// Whether it passed.
    pub ok: bool,
    /// Details.
    pub detail: String,
}

/// What `backup verify` found.
#[derive(Debug, Serialize)]
pub struct Verified {
    /// The file.
    pub file: String,
    /// Whether every check passed: always true, since a backup that fails a check is
    /// the error `backup_invalid` (with the checks).
    pub ok: bool,
    /// The header.
    pub header: Header,
    /// Each check.
    pub checks: Vec<Check>,
    /// Where the result was recorded for `backup list` (`FILE.verified`, next to the
    /// backup; never in the vault), or null when that place is not writable.
    pub recorded: Option<String>,
}

/// The result of the last `backup verify` of a file, kept next to it as `FILE.verified`
/// (no secret in it): `backup list` shows it while the file is unchanged.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct VerifyRecord {
    /// SHA-256 of the backup file verified.
    pub file_sha256: String,
    /// When (RFC 3339).
    pub verified_at: String,
    /// Whether every check passed.
    pub ok: bool,
    /// The checks that failed.
    pub failed: Vec<String>,
    /// The coffer that verified it.
    pub coffer_version: String,
}

/// The SHA-256 of a file (hex), if it reads.
pub fn file_sha256(file: &Path) -> Option<String> {
    let mut f = std::fs::File::open(file).ok()?;
    let mut h = sha2::Sha256::new();
    std::io::copy(&mut f, &mut h).ok()?;
    Some(hex::encode(h.finalize()))
}

/// The last verification of `file`, if recorded and the file is unchanged since.
pub fn last_verified(file: &Path) -> Option<VerifyRecord> {
    let r: VerifyRecord = serde_json::from_slice(&std::fs::read(record_path(file)).ok()?).ok()?;
    (file_sha256(file)? == r.file_sha256).then_some(r)
}

/// An encrypted backup read from its file: an age file, to a passphrase or to recipients.
pub struct Sealed {
    ct: Vec<u8>,
    scrypt: bool,
}

/// What opens a backup.
pub enum Key {
    /// The passphrase of a backup made to one.
    Passphrase(secrecy::SecretString),
    /// age X25519 identities, for a backup made to recipients.
    Identities(Vec<age::x25519::Identity>),
}

/// Decrypts the backup at `file` in memory: with the passphrase `passphrase` asks for
/// when it is made to one, else with the age identities in the file `identity`.
pub fn decrypt(
    file: &Path,
    passphrase: impl FnOnce() -> Result<secrecy::SecretString>,
    identity: Option<&Path>,
) -> Result<Plain> {
    let sealed = read_sealed(file)?;
    let key = if sealed.needs_passphrase() {
        Key::Passphrase(passphrase()?)
    } else {
        let file = identity.ok_or_else(|| Error::InputRequired {
            what: "an age identity".into(),
            hint: "this backup is encrypted to age recipients: pass --identity FILE".into(),
        })?;
        Key::Identities(read_identities(file)?)
    };
    sealed.open(key)
}

/// A decrypted backup that passed every check, for restoring from: its plaintext,
/// header and checks, and where the snapshot is in the plaintext.
pub type Opened = (Plain, Inspected, Parts);

/// [`decrypt`], then [`inspect_usable`]: a backup to restore from.
pub fn open_verified(
    file: &Path,
    passphrase: impl FnOnce() -> Result<secrecy::SecretString>,
    identity: Option<&Path>,
) -> Result<Opened> {
    let plain = decrypt(file, passphrase, identity)?;
    let (i, parts) = inspect_usable(&plain)?;
    Ok((plain, i, parts))
}

/// Reads an encrypted backup (not decrypted yet: [`Sealed::needs_passphrase`] tells the
/// caller which [`Key`] to ask for).
pub fn read_sealed(path: &Path) -> Result<Sealed> {
    let ct = std::fs::read(path)
        .map_err(|e| Error::invalid("file", format!("cannot read {}: {e}", path.display())))?;
    let scrypt = decryptor(&ct)?.is_scrypt();
    Ok(Sealed { ct, scrypt })
}

fn decryptor(ct: &[u8]) -> Result<age::Decryptor<&[u8]>> {
    age::Decryptor::new_buffered(ct)
        .map_err(|e| Error::BackupInvalid(format!("not an age file ({e})")))
}

/// The age identities (`AGE-SECRET-KEY-1…` lines) of an identity file.
pub fn read_identities(file: &Path) -> Result<Vec<age::x25519::Identity>> {
    let text =
        zeroize::Zeroizing::new(std::fs::read_to_string(file).map_err(|e| {
            Error::invalid("identity", format!("cannot read {}: {e}", file.display()))
        })?);
    let ids: Vec<age::x25519::Identity> = text
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("AGE-SECRET-KEY-"))
        .filter_map(|l| l.parse().ok())
        .collect();
    if ids.is_empty() {
        return Err(Error::invalid(
            "identity",
            "no AGE-SECRET-KEY-1… line in the file",
        ));
    }
    Ok(ids)
}

impl Sealed {
    /// Whether it is encrypted to a passphrase (else to age recipients).
    pub fn needs_passphrase(&self) -> bool {
        self.scrypt
    }

    /// Decrypts it in memory.
    pub fn open(&self, key: Key) -> Result<Plain> {
        let decryptor = decryptor(&self.ct)?;
        let mut reader = match key {
            Key::Passphrase(p) => {
                let mut id = age::scrypt::Identity::new(p);
                id.set_max_work_factor(22);
                decryptor
                    .decrypt(std::iter::once(&id as &dyn age::Identity))
                    .map_err(|e| match e {
                        age::DecryptError::DecryptionFailed | age::DecryptError::NoMatchingKeys => {
                            Error::WrongPassphrase
                        }
                        e => Error::BackupInvalid(e.to_string()),
                    })?
            }
            Key::Identities(ids) => decryptor
                .decrypt(ids.iter().map(|i| i as &dyn age::Identity))
                .map_err(|e| match e {
                    age::DecryptError::NoMatchingKeys => Error::WrongPassphrase,
                    e => Error::BackupInvalid(e.to_string()),
                })?,
        };
        let mut plain = Plain::with_capacity(self.ct.len());
        reader
            .read_to_end(&mut plain)
            .map_err(|e| Error::BackupInvalid(format!("it was truncated or altered ({e})")))?;
        Ok(plain)
    }
}

/// A decrypted backup: its header and checks.
pub struct Inspected {
    /// The header.
    pub header: Header,
    /// Each check.
    pub checks: Vec<Check>,
}

/// Where the databases are in a decrypted backup: the vault's, and the wallet engine's
/// (full backups since format 2).
#[derive(Debug, Clone)]
pub struct Parts {
    vault: std::ops::Range<usize>,
    engine: Option<std::ops::Range<usize>>,
}

/// Opens the snapshot's databases in memory: the vault as `main`, the engine (if any)
/// attached as `engine`.
fn open_snapshot(plain: &[u8], parts: &Parts, read_only: bool) -> Result<Connection> {
    let bad = |e: rusqlite::Error| Error::BackupInvalid(format!("the snapshot does not open: {e}"));
    let db = &plain[parts.vault.clone()];
    let mut conn = schema::memory_connection()?;
    conn.deserialize_read_exact(MAIN_DB, db, db.len(), read_only)
        .map_err(bad)?;
    if let Some(r) = &parts.engine {
        store::attach_empty_engine(&conn)?;
        let e = &plain[r.clone()];
        conn.deserialize_read_exact(store::ENGINE, e, e.len(), read_only)
            .map_err(bad)?;
    }
    Ok(conn)
}

/// Parses and checks a decrypted backup; returns where its databases are in `plain`.
pub fn inspect(plain: &[u8]) -> Result<(Inspected, Parts)> {
    let bad = |m: &str| Error::BackupInvalid(m.to_string());
    let rest = plain
        .strip_prefix(MAGIC)
        .ok_or_else(|| bad("not a coffer backup"))?;
    let nl = rest
        .iter()
        .position(|b| *b == b'\n')
        .ok_or_else(|| bad("its header is cut"))?;
    let header: Header = serde_json::from_slice(&rest[..nl])
        .map_err(|e| Error::BackupInvalid(format!("its header is unreadable: {e}")))?;
    let start = MAGIC.len() + nl + 1;
    let engine_size = usize::try_from(header.engine_size.unwrap_or(0))
        .ok()
        .filter(|n| *n <= plain.len() - start)
        .ok_or_else(|| bad("its engine section is cut"))?;
    let parts = Parts {
        vault: start..plain.len() - engine_size,
        engine: header
            .engine_size
            .map(|_| plain.len() - engine_size..plain.len()),
    };
    let db = &plain[parts.vault.clone()];
    let mut checks = vec![];
    let mut check = |name: &str, ok: bool, detail: String| {
        checks.push(Check {
            check: name.into(),
            ok,
            detail,
        })
    };
    let digest = hex::encode(sha2::Sha256::digest(db));
    check(
        "snapshot hash",
        digest == header.sha256,
        format!("SHA-256 {}", &digest[..16]),
    );
    if let (Some(r), Some(want)) = (&parts.engine, &header.engine_sha256) {
        let digest = hex::encode(sha2::Sha256::digest(&plain[r.clone()]));
        check(
            "engine snapshot hash",
            &digest == want,
            format!("SHA-256 {}", &digest[..16]),
        );
    }
    let opened = open_snapshot(plain, &parts, false).ok();
    let integrity: String = match &opened {
        Some(conn) => {
            let one = |db: &str| crate::vault::store::integrity(conn, db);
            match (one("main"), parts.engine.as_ref().map(|_| one("engine"))) {
                (m, None) => m,
                (m, Some(e)) if m == "ok" && e == "ok" => m,
                (m, Some(e)) => format!("vault: {m}; engine: {e}"),
            }
        }
        None => "not a database".into(),
    };
    check("database integrity", integrity == "ok", integrity.clone());
    match opened {
        Some(mut conn) if integrity == "ok" => {
            check_content(&mut conn, &header, parts.engine.is_some(), &mut check)
        }
        _ => {}
    }
    Ok((Inspected { header, checks }, parts))
}

/// The checks of a snapshot that opens: its schema version, its tables (after bringing a
/// copy to the current schema), its counts and its wallets' keys. Whatever a crafted
/// or damaged snapshot makes fail is a failed check, never an error: each check stops
/// at the first that fails, since the next ones read what it vouches for.
fn check_content(
    conn: &mut Connection,
    header: &Header,
    has_engine: bool,
    check: &mut impl FnMut(&str, bool, String),
) {
    let v = schema::version(conn).unwrap_or(-1);
    let version_ok = v == header.schema_version && (1..=schema::CURRENT).contains(&v);
    check(
        "schema version",
        version_ok,
        format!("{v} (this coffer reads 1 to {})", schema::CURRENT),
    );
    if !version_ok {
        return;
    }
    if let Err(why) = current_schema(conn, has_engine) {
        check("tables", false, why);
        return;
    }
    check("tables", true, "coffer's tables and columns".into());
    let c: Counts = match counts(conn) {
        Ok(c) => c,
        Err(e) => return check("counts", false, e.cause()),
    };
    check(
        "counts",
        c == header.counts,
        format!(
            "{} wallets, {} addresses, {} transactions, {} labels",
            c.wallets, c.addresses, c.transactions, c.labels
        ),
    );
    let list = match wallets::list(conn) {
        Ok(l) => l,
        Err(e) => return check("wallets", false, e.cause()),
    };
    for w in list {
        let (ok, detail) = keys_match(conn, &w).unwrap_or_else(|e| (false, e.cause()));
        check(&format!("keys of wallet {}", w.name), ok, detail);
    }
}

/// Brings an opened snapshot to the current schema (in memory) and checks that it has
/// coffer's tables; else says why not.
fn current_schema(conn: &mut Connection, has_engine: bool) -> std::result::Result<(), String> {
    schema::migrate(conn)
        .map_err(|e| format!("it does not migrate to this coffer's schema: {}", e.cause()))?;
    schema::check_shape(conn, "main")?;
    schema::check_types(conn, "main")?;
    if has_engine {
        schema::check_shape(conn, "engine")
            .and_then(|()| schema::check_types(conn, "engine"))
            .map_err(|e| format!("the engine: {e}"))?;
    }
    Ok(())
}

/// A verified backup's databases, opened and brought to the current schema (which
/// [`inspect`] checked they can be).
pub fn open_current(plain: &[u8], parts: &Parts) -> Result<Connection> {
    let mut conn = open_snapshot(plain, parts, false)?;
    current_schema(&mut conn, parts.engine.is_some())
        .map_err(|why| Error::BackupInvalid(format!("its snapshot: {why}")))?;
    Ok(conn)
}

/// Inspects a decrypted backup to restore from: the error `backup_invalid` unless it
/// passes every check.
pub fn inspect_usable(plain: &[u8]) -> Result<(Inspected, Parts)> {
    let (i, parts) = inspect(plain)?;
    if let Some(c) = i.checks.iter().find(|c| !c.ok) {
        return Err(Error::BackupInvalid(format!(
            "check '{}' failed ({}): nothing was restored",
            c.check, c.detail
        )));
    }
    Ok((i, parts))
}

/// `backup verify` of the decrypted backup `plain` read from `file`: every check in
/// memory, the result recorded next to the file (never in the vault, which stays
/// untouched); the error `backup_invalid` (with the checks) when one fails.
pub fn verify(file: &Path, plain: &[u8]) -> Result<Verified> {
    let (i, _) = inspect(plain)?;
    let ok = i.checks.iter().all(|c| c.ok);
    // The result goes next to the backup, never into the vault (which stays untouched).
    let recorded = file_sha256(file).and_then(|sha| {
        let record = VerifyRecord {
            file_sha256: sha,
            verified_at: clock::rfc3339(clock::now()),
            ok,
            failed: i
                .checks
                .iter()
                .filter(|c| !c.ok)
                .map(|c| c.check.clone())
                .collect(),
            coffer_version: env!("CARGO_PKG_VERSION").into(),
        };
        let path = record_path(file);
        let json = serde_json::to_vec_pretty(&record).ok()?;
        fsio::write_private(&path, &json).ok()?;
        Some(path.display().to_string())
    });
    if !ok {
        let failed: Vec<String> = i
            .checks
            .iter()
            .filter(|c| !c.ok)
            .map(|c| format!("{} ({})", c.check, c.detail))
            .collect();
        return Err(Error::BackupUnusable {
            failed: failed.join("; "),
            details: Box::new(serde_json::json!({
                "checks": serde_json::to_value(&i.checks).context("serializing the checks")?,
                "recorded": recorded,
            })),
        });
    }
    Ok(Verified {
        file: file.display().to_string(),
        ok,
        header: i.header,
        checks: i.checks,
        recorded,
    })
}

/// Re-derives a hot wallet's fingerprint and first addresses from its mnemonic and
/// compares them with what the backup stores.
fn keys_match(conn: &Connection, w: &wallets::WalletRow) -> Result<(bool, String)> {
    let Some(secret) = wallets::secret(conn, w.id)? else {
        return Ok((true, "watch-only: no keys to check".into()));
    };
    let Ok(seed) = secret.seed() else {
        return Ok((false, "the stored mnemonic is not valid".into()));
    };
    let secp = bitcoin::secp256k1::Secp256k1::new();
    let mut checked = 0;
    for a in &w.accounts {
        let stored = wallets::stored_address(conn, a.id, 0, 0);
        let derived = if a.chain == crate::chain::Chain::Eth {
            let master = btc::master(&seed[..], Network::Bitcoin)?;
            eth::derive_address(&secp, &master, 0)?.to_checksum(None)
        } else {
            let network: Network = a.network.unwrap_or(Network::Bitcoin);
            let master = btc::master(&seed[..], network)?;
            let fp = master.fingerprint(&secp).to_string();
            if a.fingerprint.as_deref() != Some(fp.as_str()) {
                return Ok((
                    false,
                    format!("master fingerprint {fp} differs from the stored one"),
                ));
            }
            match a.addresses(0, 0, 1) {
                Ok(mut v) => v.remove(0),
                Err(_) => continue,
            }
        };
        if let Some(s) = stored {
            if !s.eq_ignore_ascii_case(&derived) {
                return Ok((
                    false,
                    format!("{} address 0 differs from the keys", a.chain),
                ));
            }
            checked += 1;
        }
    }
    Ok((
        true,
        format!("fingerprint and {checked} first address(es) re-derived"),
    ))
}
