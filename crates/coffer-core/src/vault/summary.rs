//! `users/<name>/summary`: what `whoami` shows and which session is live, for the
//! commands that need no other vault data (`whoami`), read without decrypting
//! `vault.age`.
//!
//! Every vault write ([`crate::vault::Vault::write`]) leaves one, under the user's lock:
//! the e-mail, the number of wallets and the live session's id (`meta.session_id`), for
//! the one generation of `vault.age` it names by a stamp (inode, size, modification time
//! and the first bytes of the file, whose age header is new at every write). It is
//! encrypted and authenticated (XChaCha20-Poly1305, the stamp as associated data) under
//! a key derived from the vault identity, which only a session (file mode: the file; env
//! mode: the file and its token) or a keyslot yields: nothing in it is readable or
//! forgeable without the vault key.
//!
//! A summary whose stamp is not the vault on disk (a write stopped between the vault and
//! the summary, a vault put in place by hand, a vault written before summaries existed)
//! is ignored: the command decrypts the vault as before. A damaged summary is ignored
//! the same way. So no crash leaves a summary that says anything the vault does not.
//!
//! `logout` does not use it: a logout must change what the vault says (its
//! `meta.session_id`), because a record kept only beside the vault could be deleted or
//! put back by anyone who can write the user's directory, and the ended session would
//! open again. So `logout` is a vault write, and the summary it leaves says so.

use super::crypto;
use super::fsio;
use super::profile::UserPaths;
use crate::error::Result;
use anyhow::Context as _;
use rusqlite::Connection;
use secrecy::SecretString;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// How many bytes of `vault.age` the stamp covers: its age header (under 500 bytes with
/// the wrapped file key of [`super::filekey`] and age's grease stanza; the X25519
/// stanza's ephemeral key, fresh for every file, comes first).
const STAMP_BYTES: usize = 512;

/// The file's name in the user's directory.
const FILE: &str = "summary";

/// What the summary says about the vault generation it names.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Summary {
    /// The user's e-mail (`meta.email`).
    pub email: String,
    /// How many wallets the vault holds.
    pub wallets: i64,
    /// The live session's id (`meta.session_id`: empty when none is live, `None` in a
    /// vault from before session ids, which any session opens).
    pub session_id: Option<String>,
}

impl Summary {
    /// Whether the session `id` is the live one (as `Vault::check_session` decides).
    pub fn is_live(&self, id: &str) -> bool {
        self.session_id.as_deref().is_none_or(|live| live == id)
    }
}

/// The file as stored.
#[derive(Serialize, Deserialize)]
struct Stored {
    v: u32,
    stamp: String,
    nonce: String,
    ct: String,
}

/// Where the summary of `paths` lives.
pub fn path(paths: &UserPaths) -> PathBuf {
    paths.dir.join(FILE)
}

/// The stamp of the `vault.age` and `vault.delta.age` on disk now, `None` when the vault
/// cannot be read (a write that changes only the delta changes the stamp too).
fn stamp(paths: &UserPaths) -> Option<String> {
    use std::io::Read as _;
    use std::os::unix::fs::MetadataExt as _;
    let mut h = crypto::Sha256::new();
    h.update(b"coffer-summary-stamp-v1");
    for (path, required) in [(&paths.vault, true), (&paths.delta, false)] {
        let mut f = match std::fs::File::open(path) {
            Ok(f) => f,
            Err(e) if !required && e.kind() == std::io::ErrorKind::NotFound => {
                h.update(b"none");
                continue;
            }
            Err(_) => return None,
        };
        let m = f.metadata().ok()?;
        let mut head = Vec::with_capacity(STAMP_BYTES);
        (&mut f)
            .take(STAMP_BYTES as u64)
            .read_to_end(&mut head)
            .ok()?;
        for n in [m.dev(), m.ino(), m.size()] {
            h.update(n.to_le_bytes());
        }
        for n in [m.mtime(), m.mtime_nsec()] {
            h.update(n.to_le_bytes());
        }
        h.update(&head);
    }
    Some(hex::encode(h.finish()))
}

fn key(identity: &SecretString) -> zeroize::Zeroizing<[u8; 32]> {
    super::derived_key(b"coffer-summary-key-v1", identity)
}

/// The stamp is bound to the ciphertext; the key is the vault's alone (a user directory
/// is built under another name, then renamed: the name is not bound).
fn aad(stamp: &str) -> Vec<u8> {
    format!("coffer-summary|v1|{stamp}").into_bytes()
}

/// The summary of the vault on disk now: `None` when there is none, it does not
/// decrypt with `identity`, or it names another generation of the vault.
pub fn load(paths: &UserPaths, identity: &SecretString) -> Option<Summary> {
    use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD as B64URL};
    // The file first, then the vault's stamp: a write in between shows as a mismatch.
    let bytes = std::fs::read(path(paths)).ok()?;
    let stored: Stored = serde_json::from_slice(&bytes).ok()?;
    if stored.v != 1 || Some(&stored.stamp) != stamp(paths).as_ref() {
        return None;
    }
    let nonce = B64URL.decode(&stored.nonce).ok()?;
    let nonce = <[u8; 24]>::try_from(nonce.as_slice()).ok()?;
    let ct = B64URL.decode(&stored.ct).ok()?;
    let pt = crypto::xchacha_open(&key(identity), &nonce, &aad(&stored.stamp), &ct)?;
    serde_json::from_slice(&pt).ok()
}

/// Writes `summary` for the vault on disk now, unsynced: a crash may lose it, which
/// only sends the next `whoami` to the vault. The caller holds the user's lock.
fn save(paths: &UserPaths, identity: &SecretString, summary: &Summary) -> Result<()> {
    use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD as B64URL};
    let stamp = stamp(paths).context("reading vault.age for the summary")?;
    let pt =
        zeroize::Zeroizing::new(serde_json::to_vec(summary).context("serializing the summary")?);
    let nonce = fsio::random_bytes::<24>();
    let ct = crypto::xchacha_seal(&key(identity), &nonce, &aad(&stamp), &pt);
    let stored = Stored {
        v: 1,
        stamp,
        nonce: B64URL.encode(nonce),
        ct: B64URL.encode(ct),
    };
    let json = serde_json::to_vec(&stored).context("serializing the summary")?;
    write_fast(&path(paths), &json)?;
    Ok(())
}

/// Replaces `path` by a rename, without syncing: a crash leaves the old file, the new
/// one, or an empty or partial one (which does not decrypt and is ignored).
fn write_fast(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let tmp =
        fsio::write_new_temp(path, bytes).with_context(|| format!("writing {}", path.display()))?;
    let renamed =
        std::fs::rename(&tmp, path).with_context(|| format!("writing {}", path.display()));
    if renamed.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    renamed
}

/// Records the summary of the vault `conn` just saved (the caller holds the user's
/// lock). Best effort: a summary not written only sends the next `whoami` to the vault.
pub fn record(paths: &UserPaths, identity: &SecretString, conn: &Connection) {
    let summary = (|| -> Result<Summary> {
        Ok(Summary {
            email: super::meta(conn, "email")?.unwrap_or_default(),
            wallets: super::wallets::count(conn)?,
            session_id: super::meta(conn, "session_id")?,
        })
    })();
    let saved = summary.and_then(|s| save(paths, identity, &s));
    if saved.is_err() {
        // Whatever is there names an older generation now, or nothing: ignored. Removed
        // all the same, so no reader spends time on it.
        let _ = std::fs::remove_file(path(paths));
    }
}
