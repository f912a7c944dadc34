//! The inbox: events produced while the vault is locked (failed logins, expired sessions,
//! logouts, `receive import`s), each a small age file encrypted to the vault's public
//! recipient, merged into the vault at the next unlocked write. Nothing in the inbox is
//! readable without the vault identity, but anyone who can write to `inbox/` can post
//! to it: its entries are claims, never facts (audit events are stored as
//! unauthenticated, queued imports count as unconfirmed), and a file that cannot be
//! merged is moved to `inbox/rejected/` and reported, never dropped in silence.

use super::audit::Event;
use super::fsio;
use super::profile::UserPaths;
use crate::clock;
use crate::error::Result;
use anyhow::Context as _;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// Something waiting to be merged into the vault.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Item {
    /// An audit event.
    Audit(Event),
    /// A raw Bitcoin transaction given to `receive import` while the vault was locked.
    BtcTxImport(TxImport),
}

/// A queued `receive import`, applied at the next unlocked write.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TxImport {
    /// The wallet named on the command line, if any.
    pub wallet: Option<String>,
    /// The raw transaction (hex).
    pub hex: String,
    /// The block height the poster claims (kept in the audit log, never applied).
    pub height: Option<u32>,
    /// The block time the poster claims (Unix seconds).
    pub block_time: Option<u64>,
    /// The block hash the poster claims.
    pub block_hash: Option<String>,
}

/// Encrypts `item` to `recipient` and drops it atomically into the inbox.
pub fn post(paths: &UserPaths, recipient: &age::x25519::Recipient, item: &Item) -> Result<()> {
    fsio::ensure_private_dir(&paths.inbox)?;
    let json = serde_json::to_vec(item).context("serializing inbox item")?;
    let ct = age::encrypt(recipient, &json).context("encrypting inbox item")?;
    let name = format!(
        "{:015}-{}.age",
        clock::now_ms(),
        hex::encode(fsio::random_bytes::<8>())
    );
    fsio::write_atomic_unlocked(&paths.inbox.join(name), &ct)?;
    Ok(())
}

/// A decrypted inbox entry and the file it came from.
pub struct Entry {
    /// The inbox file (deleted once merged).
    pub path: PathBuf,
    /// Its content.
    pub item: Item,
}

/// An inbox file that cannot be merged: it does not decrypt with the vault's key
/// (encrypted to another key, for example while profile.json named another recipient,
/// or damaged), or it is not an inbox item. Never dropped in silence: the next unlocked
/// write moves it to `inbox/rejected/` and reports it.
#[derive(Debug, Clone)]
pub struct Rejected {
    /// The inbox file.
    pub path: PathBuf,
    /// Why it cannot be merged.
    pub reason: &'static str,
}

impl Rejected {
    /// The file's name.
    pub fn name(&self) -> String {
        self.path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }
}

/// The inbox as read: what merges, and what does not.
#[derive(Default)]
pub struct Contents {
    /// Entries that decrypt to an item.
    pub entries: Vec<Entry>,
    /// Files that cannot be merged.
    pub rejected: Vec<Rejected>,
}

/// The largest inbox file read (a queued raw transaction is at most a few MB of hex);
/// anything larger is rejected unread.
const MAX_ENTRY: u64 = 16 << 20;

/// Where rejected files are moved.
pub fn rejected_dir(paths: &UserPaths) -> PathBuf {
    paths.inbox.join("rejected")
}

/// Reads every inbox file (`*.age` directly in `inbox/`; temp files of a post under way
/// are not). Files that vanish while read (merged by another writer) are skipped.
pub fn read_all(paths: &UserPaths, identity: &age::x25519::Identity) -> Result<Contents> {
    let dir = match std::fs::read_dir(&paths.inbox) {
        Ok(d) => d,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Contents::default()),
        Err(e) => return Err(anyhow::Error::new(e).context("reading inbox").into()),
    };
    let mut names: Vec<PathBuf> = dir
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "age"))
        .collect();
    names.sort();
    let mut out = Contents::default();
    for path in names {
        match read_one(&path, identity) {
            Ok(Some(item)) => out.entries.push(Entry { path, item }),
            Ok(None) => {}
            Err(reason) => out.rejected.push(Rejected { path, reason }),
        }
    }
    Ok(out)
}

/// One inbox file: its item, `None` when it is gone, or why it cannot be merged.
fn read_one(
    path: &std::path::Path,
    identity: &age::x25519::Identity,
) -> std::result::Result<Option<Item>, &'static str> {
    use std::io::Read as _;
    let meta = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(_) => return Ok(None),
    };
    if !meta.is_file() {
        return Err("not a regular file");
    }
    if meta.len() > MAX_ENTRY {
        return Err("too large for an inbox entry");
    }
    let mut ct = vec![];
    match std::fs::File::open(path) {
        Ok(f) => f
            .take(MAX_ENTRY + 1)
            .read_to_end(&mut ct)
            .map_err(|_| "unreadable")?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(_) => return Err("unreadable"),
    };
    let pt = age::decrypt(identity, &ct).map_err(
        |_| "does not decrypt with this vault's key (encrypted to another key, or damaged)",
    )?;
    let item = serde_json::from_slice::<Item>(&pt).map_err(|_| "not an inbox item")?;
    if let Item::Audit(e) = &item
        && !super::audit::valid_event_id(&e.event_id)
    {
        return Err("an audit event with a malformed id");
    }
    Ok(Some(item))
}

/// Moves rejected files to `inbox/rejected/` (the caller holds the user's lock and has
/// saved the vault that records them). A file already gone is skipped.
pub fn set_aside(paths: &UserPaths, rejected: &[Rejected]) -> Result<()> {
    if rejected.is_empty() {
        return Ok(());
    }
    let dir = rejected_dir(paths);
    fsio::ensure_private_dir(&dir)?;
    for r in rejected {
        match std::fs::rename(&r.path, dir.join(r.name())) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(anyhow::Error::new(e)
                    .context(format!("moving {} aside", r.path.display()))
                    .into());
            }
        }
    }
    fsio::sync_parent(&dir.join("x"))?;
    fsio::sync_parent(&paths.inbox.join("x"))?;
    Ok(())
}
