//! The encrypted database file: `vault.age` is the SQLite database serialized in memory
//! and age-encrypted to the vault identity. Reading decrypts into memory and deserializes;
//! writing serializes, encrypts, and replaces the file atomically while keeping the old
//! generation as `vault.age.prev`. No plaintext database, journal or temp file is ever
//! written to disk.

use super::fsio;
use super::profile::UserPaths;
use super::schema;
use crate::error::{Error, Result};
use anyhow::Context as _;
use rusqlite::{Connection, MAIN_DB};
use std::fs;
use zeroize::Zeroizing;

fn damaged(paths: &UserPaths, reason: impl Into<String>) -> Error {
    Error::VaultDamaged {
        reason: reason.into(),
        dir: paths.dir.clone(),
    }
}

/// Decrypts `vault.age` into a fresh in-memory database and checks its schema version.
pub fn load(paths: &UserPaths, identity: &age::x25519::Identity) -> Result<Connection> {
    let ct = match fs::read(&paths.vault) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(damaged(paths, "vault.age is missing"));
        }
        Err(e) => return Err(damaged(paths, format!("vault.age cannot be read: {e}"))),
    };
    let pt = decrypt(identity, &ct).map_err(|e| {
        damaged(
            paths,
            format!("vault.age does not decrypt ({e}); it was truncated or altered"),
        )
    })?;
    let mut conn = schema::memory_connection()?;
    conn.deserialize_read_exact(MAIN_DB, &pt[..], pt.len(), false)
        .map_err(|e| damaged(paths, format!("the decrypted vault is not a database: {e}")))?;
    let version = conn
        .query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))
        .map_err(|e| damaged(paths, format!("the decrypted vault is not a database: {e}")))?;
    if version > schema::CURRENT {
        return Err(Error::VaultTooNew {
            found: version,
            supported: schema::CURRENT,
        });
    }
    Ok(conn)
}

/// Decrypts a binary age file into one buffer sized up front: no reallocation leaves
/// copies of the plaintext in freed memory, and no armor detection slows the read.
fn decrypt(
    identity: &age::x25519::Identity,
    ct: &[u8],
) -> std::result::Result<Zeroizing<Vec<u8>>, String> {
    use std::io::Read;
    let decryptor = age::Decryptor::new_buffered(ct).map_err(|e| e.to_string())?;
    let mut reader = decryptor
        .decrypt(std::iter::once(identity as &dyn age::Identity))
        .map_err(|e| e.to_string())?;
    let mut pt = Zeroizing::new(Vec::with_capacity(ct.len()));
    reader.read_to_end(&mut pt).map_err(|e| e.to_string())?;
    Ok(pt)
}

/// Serializes `conn`, encrypts it to `recipient` and makes it the current generation.
/// The caller holds the user's lock. At every instant `vault.age` exists and decrypts to
/// the old or the new state.
pub fn save(
    paths: &UserPaths,
    conn: &mut Connection,
    recipient: &age::x25519::Recipient,
) -> Result<()> {
    let ct = {
        let data = conn.serialize(MAIN_DB).context("serializing the vault")?;
        age::encrypt(recipient, &data).context("encrypting the vault")?
    };
    let tmp = fsio::write_temp(&paths.vault, &ct)?;
    if paths.vault.exists() {
        // Keep the old generation: a hard link costs no copy and leaves vault.age in place.
        let prev_tmp = fsio::sibling(&paths.prev, ".tmp");
        fsio::remove_if_exists(&prev_tmp)?;
        fs::hard_link(&paths.vault, &prev_tmp).context("linking the previous generation")?;
        fs::rename(&prev_tmp, &paths.prev).context("keeping vault.age.prev")?;
    }
    fs::rename(&tmp, &paths.vault).context("replacing vault.age")?;
    fsio::sync_parent(&paths.vault)?;
    Ok(())
}
