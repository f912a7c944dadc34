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

fn damaged(paths: &UserPaths, reason: impl Into<String>) -> Error {
    Error::VaultDamaged {
        reason: reason.into(),
        dir: paths.dir.clone(),
    }
}

/// Decrypts `vault.age` into a fresh in-memory database and checks its schema version.
pub fn load(paths: &UserPaths, identity: &age::x25519::Identity) -> Result<Connection> {
    // Streamed from the file: no buffer holds the whole ciphertext.
    let file = match fs::File::open(&paths.vault) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(damaged(paths, "vault.age is missing"));
        }
        Err(e) => return Err(damaged(paths, format!("vault.age cannot be read: {e}"))),
    };
    let size = file
        .metadata()
        .map_err(|e| damaged(paths, format!("vault.age cannot be read: {e}")))?
        .len();
    let input = std::io::BufReader::with_capacity(AGE_CHUNK + AGE_TAG, file);
    let mut conn = schema::memory_connection()?;
    decrypt_into(&mut conn, identity, input, size).map_err(|e| {
        damaged(
            paths,
            format!("vault.age does not decrypt ({e}); it was truncated or altered"),
        )
    })?;
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

/// Size of an age STREAM chunk's plaintext and of its authentication tag.
const AGE_CHUNK: usize = 64 * 1024;
const AGE_TAG: usize = 16;

/// The plaintext length of an age payload whose chunks take `body` bytes: every chunk
/// but the last holds a full [`AGE_CHUNK`], and each carries a tag.
fn plaintext_len(body: usize) -> Option<usize> {
    let chunks = body.div_ceil(AGE_CHUNK + AGE_TAG).max(1);
    body.checked_sub(chunks * AGE_TAG)
}

/// A buffered reader that counts what it has handed out.
struct Counting<'a, R> {
    inner: R,
    read: &'a std::cell::Cell<usize>,
}

impl<R: std::io::BufRead> std::io::Read for Counting<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.set(self.read.get() + n);
        Ok(n)
    }
}

impl<R: std::io::BufRead> std::io::BufRead for Counting<'_, R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, n: usize) {
        self.read.set(self.read.get() + n);
        self.inner.consume(n);
    }
}

/// Decrypts a binary age file of `size` bytes straight into SQLite's own buffer: the
/// plaintext exists once (plus age's zeroized chunk buffer), with no intermediate copy
/// and no armor detection. The length SQLite needs comes from the ciphertext's size; a
/// final read must then see the authenticated end of the stream, so a file cut at a
/// chunk boundary is refused too.
fn decrypt_into(
    conn: &mut Connection,
    identity: &age::x25519::Identity,
    input: impl std::io::BufRead,
    size: u64,
) -> std::result::Result<(), String> {
    use std::io::Read;
    let read = std::cell::Cell::new(0);
    let decryptor = age::Decryptor::new_buffered(Counting {
        inner: input,
        read: &read,
    })
    .map_err(|e| e.to_string())?;
    // The header and the payload nonce are consumed; the chunks follow.
    let body = usize::try_from(size)
        .ok()
        .and_then(|s| s.checked_sub(read.get()))
        .ok_or("the payload is truncated")?;
    let len = plaintext_len(body).ok_or("the payload is truncated")?;
    let mut reader = decryptor
        .decrypt(std::iter::once(identity as &dyn age::Identity))
        .map_err(|e| e.to_string())?;
    conn.deserialize_read_exact(MAIN_DB, &mut reader, len, false)
        .map_err(|e| e.to_string())?;
    match reader.read(&mut [0u8; 1]) {
        Ok(0) => Ok(()),
        Ok(_) => Err("the payload is longer than its size says".into()),
        Err(e) => Err(e.to_string()),
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plaintext_len_matches_age_for_chunk_edges() {
        let id = age::x25519::Identity::generate();
        for len in [0, 1, AGE_CHUNK - 1, AGE_CHUNK, AGE_CHUNK + 1, 3 * AGE_CHUNK] {
            let pt = vec![7u8; len];
            let ct = age::encrypt(&id.to_public(), &pt).unwrap();
            let read = std::cell::Cell::new(0);
            age::Decryptor::new_buffered(Counting {
                inner: &ct[..],
                read: &read,
            })
            .unwrap();
            assert_eq!(plaintext_len(ct.len() - read.get()), Some(len), "len {len}");
        }
        assert_eq!(plaintext_len(15), None);
    }
}
