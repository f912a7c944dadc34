//! The inbox: events produced while the vault is locked (failed logins, expired sessions,
//! logouts, later offline imports), each a small age file encrypted to the vault's public
//! recipient, merged into the vault at the next unlocked write. Nothing is lost while
//! locked, and nothing in the inbox is readable without the vault identity.

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
    /// Block height, when confirmed.
    pub height: Option<u32>,
    /// Block time (Unix seconds), when confirmed.
    pub block_time: Option<u64>,
    /// Block hash, when known.
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

/// Reads every complete inbox file that decrypts under `identity`. Files that do not
/// (foreign or damaged) are left in place and reported in the second value.
pub fn read_all(
    paths: &UserPaths,
    identity: &age::x25519::Identity,
) -> Result<(Vec<Entry>, usize)> {
    let dir = match std::fs::read_dir(&paths.inbox) {
        Ok(d) => d,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok((vec![], 0)),
        Err(e) => return Err(anyhow::Error::new(e).context("reading inbox").into()),
    };
    let mut names: Vec<PathBuf> = dir
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "age"))
        .collect();
    names.sort();
    let mut out = vec![];
    let mut unreadable = 0;
    for path in names {
        let Ok(ct) = std::fs::read(&path) else {
            continue;
        };
        let item = age::decrypt(identity, &ct)
            .ok()
            .and_then(|pt| serde_json::from_slice::<Item>(&pt).ok());
        match item {
            Some(item) => out.push(Entry { path, item }),
            None => unreadable += 1,
        }
    }
    Ok((out, unreadable))
}
