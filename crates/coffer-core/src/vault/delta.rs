//! `vault.delta.age`: the pages of the vault database changed since `vault.age` was
//! last written whole, so that a write re-encrypts what it changed rather than the
//! whole vault.
//!
//! A write that runs on the vault read in place ([`super::vfs`]) leaves SQLite's page
//! writes in memory; saving it writes every page that differs from `vault.age` (those
//! of earlier deltas included) as one new delta, renamed into place like every other
//! generation. `vault.age` itself is rewritten (the delta folded in, and the delta
//! retired) when the delta outgrows [`fold_at`] of it, and by every write that
//! decrypts the vault whole. A read opens the delta first, then `vault.age`, and
//! applies the delta only when it names that very `vault.age` ([`stamp`], a hash of
//! its first bytes: the age header is new at every encryption): a delta left behind by
//! a fold, or by a crash between the two renames of one, names an older `vault.age` and
//! is ignored (the fold holds all it held). Opening in that order, a read racing a
//! write sees one generation or the next, never a mix.
//!
//! The delta is an age file encrypted to the vault's recipient, and its plaintext ends
//! in an HMAC under a key derived from the vault key: the recipient is public
//! (`profile.json`, for the inbox), so encryption alone would let anyone who can write
//! the user's directory hand a read pages of their own.

use hmac::{Hmac, Mac as _};
use sha2::{Digest as _, Sha256};
use std::collections::BTreeMap;
use std::fs;
use std::io::{ErrorKind, Read as _};
use std::path::Path;

use super::plain::Plain;

const MAGIC: &[u8; 13] = b"coffer-delta1";

/// How many bytes of `vault.age` its stamp covers: the age header (the X25519 stanza
/// with its fresh ephemeral key, the wrapped file key of [`super::filekey`], age's
/// random grease stanza and the MAC: under 500 bytes) and the payload nonce, and the
/// first ciphertext.
const STAMP_BYTES: u64 = 1024;

/// The pages of a database that differ from its base file, and the database's length.
#[derive(Default)]
pub struct Pages {
    /// SQLite's page size (bytes).
    pub page_size: usize,
    /// The database's length in bytes.
    pub len: u64,
    /// Page number (0-based: offset / page size) to its bytes.
    pub map: BTreeMap<u64, Plain>,
}

impl Pages {
    /// How many bytes the changed pages hold.
    pub fn bytes(&self) -> u64 {
        self.map.len() as u64 * self.page_size as u64
    }
}

/// A delta as read from disk: the stamp of the `vault.age` it applies to, and its pages.
pub struct Delta {
    /// [`stamp`] of the base file.
    pub base: [u8; 32],
    /// The pages.
    pub pages: Pages,
}

/// Shows no page (they hold the vault's plaintext).
impl std::fmt::Debug for Delta {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Delta")
            .field("len", &self.pages.len)
            .field("pages", &self.pages.map.len())
            .finish_non_exhaustive()
    }
}

/// Up to `n` bytes from the start of `file` (fewer when it is shorter): the bytes a
/// stamp covers ([`STAMP_BYTES`]), or an age header to parse (`vfs`).
pub fn prefix(file: &fs::File, n: usize) -> std::io::Result<Vec<u8>> {
    use std::os::unix::fs::FileExt as _;
    let mut head = vec![0u8; n];
    let mut got = 0;
    while got < n {
        match file.read_at(&mut head[got..], got as u64)? {
            0 => break,
            k => got += k,
        }
    }
    head.truncate(got);
    Ok(head)
}

/// The stamp of the age file open as `file`: a hash of its first bytes.
pub fn stamp(file: &fs::File) -> std::io::Result<[u8; 32]> {
    Ok(stamp_of(&prefix(file, STAMP_BYTES as usize)?))
}

/// The stamp of an age file held in memory (see [`stamp`]).
pub fn stamp_of(file: &[u8]) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(b"coffer-delta-base-v1");
    h.update(&file[..file.len().min(STAMP_BYTES as usize)]);
    h.finalize().into()
}

/// The whole database of a vault generation: `plain`, the plaintext of the age file
/// `base` (its ciphertext), with the delta at `delta` over it when that delta names
/// `base`. For tools that read a vault's files themselves (the tests).
pub fn apply(
    plain: &mut Vec<u8>,
    base: &[u8],
    delta: &Path,
    identity: &age::x25519::Identity,
) -> Result<(), String> {
    let Some(d) = load(delta, identity)? else {
        return Ok(());
    };
    if d.base != stamp_of(base) {
        return Ok(());
    }
    plain.resize(d.pages.len as usize, 0);
    let ps = d.pages.page_size;
    for (n, page) in &d.pages.map {
        let at = *n as usize * ps;
        plain[at..at + ps].copy_from_slice(page);
    }
    Ok(())
}

/// When a delta of this many bytes should be folded into a base of `base_len` bytes:
/// an eighth of the base, at least 64 KiB and at most 1 MiB (what every read then
/// decrypts besides the pages it reads).
pub fn fold_at(base_len: u64) -> u64 {
    (base_len / 8).clamp(64 * 1024, 1024 * 1024)
}

/// SQLite's page size, from a database header (`None` when it is not one).
pub fn page_size_of(header: &[u8]) -> Option<usize> {
    if header.len() < 18 || !header.starts_with(b"SQLite format 3\0") {
        return None;
    }
    match u16::from_be_bytes([header[16], header[17]]) {
        1 => Some(65536),
        n if n >= 512 && n.is_power_of_two() => Some(n as usize),
        _ => None,
    }
}

/// The length a database header declares: its page count times its page size, when the
/// page count is valid (SQLite's rule: non-zero, and the change counter equal to the
/// version-valid-for number); `None` otherwise or when it is not a database header.
pub fn declared_len(header: &[u8]) -> Option<u64> {
    let page_size = page_size_of(header)?;
    let word = |at: usize| {
        header
            .get(at..at + 4)
            .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    };
    let pages = word(28)?;
    (pages > 0 && word(24)? == word(92)?).then(|| u64::from(pages) * page_size as u64)
}

fn mac(identity: &age::x25519::Identity) -> Hmac<Sha256> {
    let key = super::derived_key(b"coffer-delta-key-v1", &identity.to_string());
    <Hmac<Sha256>>::new_from_slice(key.as_slice()).expect("HMAC takes any key length")
}

/// The plaintext of a delta: magic, base stamp, length, page size, page count, the
/// pages (number, bytes), and the HMAC of all that.
pub fn encode(base: &[u8; 32], pages: &Pages, identity: &age::x25519::Identity) -> Plain {
    let mut out = Plain::with_capacity(pages.map.len() * (8 + pages.page_size) + 128);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(base);
    out.extend_from_slice(&pages.len.to_le_bytes());
    out.extend_from_slice(&(pages.page_size as u32).to_le_bytes());
    out.extend_from_slice(&(pages.map.len() as u32).to_le_bytes());
    for (n, page) in &pages.map {
        out.extend_from_slice(&n.to_le_bytes());
        out.extend_from_slice(page);
    }
    let mut m = mac(identity);
    m.update(&out);
    let tag = m.finalize().into_bytes();
    out.extend_from_slice(&tag);
    out
}

/// Reads the plaintext of a delta back (its HMAC checked first).
pub fn decode(bytes: &[u8], identity: &age::x25519::Identity) -> Result<Delta, String> {
    let bad = |what: &str| format!("its contents are not a delta ({what})");
    let body_len = bytes
        .len()
        .checked_sub(32)
        .ok_or_else(|| bad("too short"))?;
    let (body, tag) = bytes.split_at(body_len);
    let mut m = mac(identity);
    m.update(body);
    m.verify_slice(tag)
        .map_err(|_| "its authentication does not match this vault's key".to_string())?;
    let mut at = body.strip_prefix(MAGIC).ok_or_else(|| bad("magic"))?;
    let mut take = |n: usize| -> Result<&[u8], String> {
        if at.len() < n {
            return Err(bad("cut short"));
        }
        let (head, rest) = at.split_at(n);
        at = rest;
        Ok(head)
    };
    let base: [u8; 32] = take(32)?.try_into().map_err(|_| bad("stamp"))?;
    let len = u64::from_le_bytes(take(8)?.try_into().map_err(|_| bad("length"))?);
    let page_size = u32::from_le_bytes(take(4)?.try_into().map_err(|_| bad("page size"))?) as usize;
    if !(512..=65536).contains(&page_size) || !page_size.is_power_of_two() {
        return Err(bad("page size"));
    }
    let count = u32::from_le_bytes(take(4)?.try_into().map_err(|_| bad("count"))?);
    let mut map = BTreeMap::new();
    for _ in 0..count {
        let n = u64::from_le_bytes(take(8)?.try_into().map_err(|_| bad("page number"))?);
        if (n + 1) * page_size as u64 > len {
            return Err(bad("a page past the end"));
        }
        map.insert(n, Plain::from(take(page_size)?.to_vec()));
    }
    if !at.is_empty() {
        return Err(bad("trailing bytes"));
    }
    Ok(Delta {
        base,
        pages: Pages {
            page_size,
            len,
            map,
        },
    })
}

/// Reads and checks the delta at `path`: `Ok(None)` when there is none, `Err` with the
/// reason it is damaged.
pub fn load(path: &Path, identity: &age::x25519::Identity) -> Result<Option<Delta>, String> {
    let file = match fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("it cannot be read: {e}")),
    };
    let mut plain = Plain::default();
    let wrap = super::filekey::WrapKey::of(identity);
    age::Decryptor::new_buffered(std::io::BufReader::new(file))
        .and_then(|d| d.decrypt(super::filekey::identities(&wrap, identity).into_iter()))
        .map_err(|e| format!("it does not decrypt ({e})"))?
        .read_to_end(&mut plain)
        .map_err(|e| format!("it does not decrypt ({e})"))?;
    decode(&plain, identity).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pages() -> Pages {
        let mut map = BTreeMap::new();
        map.insert(0, Plain::from(vec![1u8; 4096]));
        map.insert(7, Plain::from(vec![2u8; 4096]));
        Pages {
            page_size: 4096,
            len: 8 * 4096,
            map,
        }
    }

    /// A header declares its database's length while its page count is valid: not once
    /// the change counter and the version-valid-for number differ, nor for what is not a
    /// database header.
    #[test]
    fn a_header_declares_the_database_length() {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE t (a); INSERT INTO t VALUES (randomblob(9000));")
            .unwrap();
        let mut image = conn.serialize(rusqlite::MAIN_DB).unwrap().to_vec();
        assert!(image.len() > 4096);
        assert_eq!(declared_len(&image), Some(image.len() as u64));
        assert_eq!(declared_len(&image[..100]), Some(image.len() as u64));
        assert_eq!(declared_len(&image[..95]), None);
        image[95] ^= 1;
        assert_eq!(declared_len(&image), None);
        image[95] ^= 1;
        image[28..32].copy_from_slice(&[0; 4]);
        assert_eq!(declared_len(&image), None);
        assert_eq!(
            declared_len(b"not a database at all, not even close to one"),
            None
        );
    }

    #[test]
    fn a_delta_reads_back_only_under_its_key_and_whole() {
        let id = age::x25519::Identity::generate();
        let bytes = encode(&[9; 32], &pages(), &id);
        let back = decode(&bytes, &id).unwrap();
        assert_eq!(back.base, [9; 32]);
        assert_eq!(back.pages.len, 8 * 4096);
        assert_eq!(back.pages.map.keys().copied().collect::<Vec<_>>(), [0, 7]);
        assert_eq!(back.pages.map[&7][0], 2);
        // Another vault's key, a changed byte, a cut: refused.
        let other = age::x25519::Identity::generate();
        assert!(
            decode(&bytes, &other)
                .unwrap_err()
                .contains("authentication")
        );
        let mut changed = bytes.to_vec();
        changed[60] ^= 1;
        assert!(decode(&changed, &id).is_err());
        assert!(decode(&bytes[..bytes.len() - 1], &id).is_err());
        // A page past the length it states is refused even when authenticated.
        let mut bad = pages();
        bad.len = 4096;
        assert!(
            decode(&encode(&[9; 32], &bad, &id), &id)
                .unwrap_err()
                .contains("past the end")
        );
    }

    #[test]
    fn the_fold_point_is_an_eighth_of_the_base_within_bounds() {
        assert_eq!(fold_at(100 * 1024), 64 * 1024);
        assert_eq!(fold_at(4 * 1024 * 1024), 512 * 1024);
        assert_eq!(fold_at(40 * 1024 * 1024), 1024 * 1024);
    }

    #[test]
    fn page_size_comes_from_the_header() {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE t (a)").unwrap();
        let image = conn.serialize(rusqlite::MAIN_DB).unwrap();
        assert_eq!(page_size_of(&image), Some(4096));
        assert_eq!(page_size_of(b"not a database at all"), None);
    }
}
