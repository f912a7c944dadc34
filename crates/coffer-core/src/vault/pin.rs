//! The transaction PIN: an Argon2id hash inside the vault, checked before signing,
//! revealing a mnemonic or changing security settings, with a failure counter: from the
//! fifth wrong PIN in a row it locks for a time that doubles with each further failure.

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

/// Wrong PINs in a row allowed before the PIN locks.
pub const FREE_FAILURES: u32 = 5;

/// How long the PIN stays locked after `failed` wrong PINs in a row: 30 s after the
/// fifth, doubling with each further one, at most a day.
pub fn lock_secs(failed: u32) -> Option<u64> {
    let over = failed.checked_sub(FREE_FAILURES)?;
    Some((30u64 << over.min(20)).min(24 * 3600))
}

/// The failure counter and lock of the PIN.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct State {
    /// Wrong PINs in a row.
    pub failed: u32,
    /// Until when (Unix seconds) the PIN refuses every attempt.
    pub locked_until: Option<i64>,
}

/// The PIN's failure counter and lock.
pub fn state(conn: &Connection) -> Result<State> {
    Ok(conn
        .query_row(
            "SELECT failed, locked_until FROM pin WHERE id = 1",
            [],
            |r| {
                Ok(State {
                    failed: r.get(0)?,
                    locked_until: r.get(1)?,
                })
            },
        )
        .context("reading the PIN state")?)
}

/// Counts a wrong PIN at `now`; locks the PIN from the fifth in a row.
pub fn record_failure(conn: &Connection, now: i64) -> Result<State> {
    let failed = state(conn)?.failed.saturating_add(1);
    let locked_until = lock_secs(failed).map(|s| now + s as i64);
    conn.execute(
        "UPDATE pin SET failed = ?1, locked_until = ?2 WHERE id = 1",
        rusqlite::params![failed, locked_until],
    )
    .context("counting a wrong PIN")?;
    Ok(State {
        failed,
        locked_until,
    })
}

/// A right PIN: the counter starts again.
pub fn reset(conn: &Connection) -> Result<()> {
    conn.execute(
        "UPDATE pin SET failed = 0, locked_until = NULL WHERE id = 1",
        [],
    )
    .context("resetting the PIN counter")?;
    Ok(())
}

/// Replaces the PIN (hashed with `kdf`); the counter starts again.
pub fn set(conn: &Connection, pin: &str, kdf: &KdfParams) -> Result<()> {
    let hash = kdf.derive(pin.as_bytes())?;
    let kdf_json = serde_json::to_string(kdf).context("serializing PIN KDF")?;
    conn.execute(
        "INSERT OR REPLACE INTO pin (id, kdf, hash, failed, locked_until)
         VALUES (1, ?1, ?2, 0, NULL)",
        rusqlite::params![kdf_json, &hash[..]],
    )
    .context("storing PIN hash")?;
    Ok(())
}

/// The KDF parameters of the stored PIN hash.
pub fn kdf(conn: &Connection) -> Result<KdfParams> {
    let kdf: String = conn
        .query_row("SELECT kdf FROM pin WHERE id = 1", [], |r| r.get(0))
        .context("reading the PIN hash")?;
    Ok(serde_json::from_str(&kdf).context("PIN KDF parameters")?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lock_grows_from_the_fifth_failure() {
        assert_eq!(lock_secs(4), None);
        assert_eq!(lock_secs(5), Some(30));
        assert_eq!(lock_secs(6), Some(60));
        assert_eq!(lock_secs(8), Some(240));
        assert_eq!(lock_secs(40), Some(24 * 3600));
    }
}
