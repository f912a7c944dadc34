//! The transaction PIN: an Argon2id hash inside the vault, checked before signing,
//! revealing a mnemonic or changing security settings. (Lock-out after repeated
//! failures comes with the security issue; failures are audited already.)

use super::kdf::KdfParams;
use crate::error::Result;
use anyhow::Context as _;
use rusqlite::Connection;

/// Whether `pin` matches the stored hash.
pub fn verify(conn: &Connection, pin: &str) -> Result<bool> {
    let (kdf, hash): (String, Vec<u8>) = conn
        .query_row("SELECT kdf, hash FROM pin WHERE id = 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .context("reading the PIN hash")?;
    let kdf: KdfParams = serde_json::from_str(&kdf).context("PIN KDF parameters")?;
    let derived = kdf.derive(pin.as_bytes())?;
    Ok(derived.len() == hash.len()
        && derived
            .iter()
            .zip(&hash)
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0)
}
