//! The TOTP second factor (RFC 6238: HMAC-SHA-1, 6 digits, 30-second steps, the form
//! every authenticator app reads), computed by totp-rs. The secret lives in the vault;
//! a code is accepted for its own step or an adjacent one (clock skew), and only once
//! (a step at or before the last accepted one is a replay). One-time backup codes are
//! kept as SHA-256 hashes.

use crate::error::{Error, Result};
use anyhow::Context as _;
use rusqlite::{Connection, OptionalExtension as _, params};
use secrecy::{ExposeSecret as _, SecretString};
use sha2::Digest as _;

/// Seconds per step.
pub const STEP: u64 = 30;

/// The stored second factor.
#[derive(Debug)]
pub struct Stored {
    /// The secret, base32.
    pub secret: SecretString,
    /// Whether it is on (false: waiting for the first code).
    pub enabled: bool,
    /// The last accepted step.
    pub last_step: Option<u64>,
}

/// The RFC 6238 generator for `secret` (raw bytes), labelled for `account`.
pub fn generator(secret: &[u8], account: &str) -> Result<totp_rs::Totp> {
    totp_rs::Builder::new()
        .with_algorithm(totp_rs::Algorithm::SHA1)
        .with_digits(6)
        .with_step_duration(STEP)
        .with_skew(1)
        .with_secret(secret.to_vec())
        .with_account_name(account)
        .with_issuer(Some("coffer"))
        .build()
        .map_err(|e| anyhow::anyhow!("TOTP: {e}").into())
}

/// The raw bytes of a base32 secret.
pub fn secret_bytes(base32: &SecretString) -> Result<zeroize::Zeroizing<Vec<u8>>> {
    let s = totp_rs::Secret::try_from_base32(base32.expose_secret())
        .map_err(|e| anyhow::anyhow!("the stored TOTP secret is malformed: {e}"))?;
    Ok(zeroize::Zeroizing::new(s.as_ref().to_vec()))
}

/// The second factor, if one is stored (pending or on).
pub fn stored(conn: &Connection) -> Result<Option<Stored>> {
    Ok(conn
        .query_row(
            "SELECT secret, enabled, last_step FROM totp WHERE id = 1",
            [],
            |r| {
                Ok(Stored {
                    secret: SecretString::from(r.get::<_, String>(0)?),
                    enabled: r.get::<_, i64>(1)? != 0,
                    last_step: r.get::<_, Option<i64>>(2)?.map(|s| s as u64),
                })
            },
        )
        .optional()
        .context("reading the second factor")?)
}

/// Whether 2FA is on.
pub fn enabled(conn: &Connection) -> Result<bool> {
    Ok(stored(conn)?.is_some_and(|s| s.enabled))
}

/// Stores a new pending secret (replacing a pending one).
pub fn begin(conn: &Connection, secret_base32: &str, now: i64) -> Result<()> {
    conn.execute(
        "INSERT OR REPLACE INTO totp (id, secret, enabled, last_step, created_at)
         VALUES (1, ?1, 0, NULL, ?2)",
        params![secret_base32, now],
    )
    .context("storing the second factor")?;
    Ok(())
}

/// The step a code matches at `now` (its own or an adjacent one), if any.
pub fn matching_step(s: &Stored, account: &str, code: &str, now: i64) -> Result<Option<u64>> {
    let code = code.trim();
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(None);
    }
    let g = generator(&secret_bytes(&s.secret)?, account)?;
    Ok(g.check(code, now.max(0) as u64))
}

/// Checks a code at `now` and, when it is right and not a replay, records its step.
pub fn accept(conn: &Connection, account: &str, code: &str, now: i64) -> Result<()> {
    let s =
        stored(conn)?.ok_or_else(|| Error::invalid("code", "two-factor authentication is off"))?;
    let Some(step) = matching_step(&s, account, code, now)? else {
        return Err(Error::WrongTotp {
            reason: "the code does not match".into(),
        });
    };
    if s.last_step.is_some_and(|last| step <= last) {
        return Err(Error::WrongTotp {
            reason: "the code was already used; wait for the next one".into(),
        });
    }
    conn.execute("UPDATE totp SET last_step = ?1 WHERE id = 1", [step as i64])
        .context("recording the code")?;
    Ok(())
}

fn code_hash(account: &str, code: &str) -> Vec<u8> {
    let normalized: String = code
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    sha2::Sha256::digest(format!("coffer-backup-code\0{account}\0{normalized}")).to_vec()
}

/// Turns 2FA on with `codes` as the one-time backup codes.
pub fn enable(conn: &Connection, account: &str, codes: &[SecretString], now: i64) -> Result<()> {
    conn.execute(
        "UPDATE totp SET enabled = 1, enabled_at = ?1 WHERE id = 1",
        [now],
    )
    .context("turning the second factor on")?;
    conn.execute("DELETE FROM totp_backup_codes", [])
        .context("storing backup codes")?;
    for c in codes {
        conn.execute(
            "INSERT INTO totp_backup_codes (hash) VALUES (?1)",
            [code_hash(account, c.expose_secret())],
        )
        .context("storing backup codes")?;
    }
    Ok(())
}

/// Uses a backup code: true (and it is spent) when it is one not used yet.
pub fn use_backup_code(conn: &Connection, account: &str, code: &str, now: i64) -> Result<bool> {
    let n = conn
        .execute(
            "UPDATE totp_backup_codes SET used_at = ?2 WHERE hash = ?1 AND used_at IS NULL",
            params![code_hash(account, code), now],
        )
        .context("using a backup code")?;
    Ok(n == 1)
}

/// Backup codes not used yet.
pub fn backup_codes_left(conn: &Connection) -> Result<u32> {
    Ok(conn
        .query_row(
            "SELECT count(*) FROM totp_backup_codes WHERE used_at IS NULL",
            [],
            |r| r.get(0),
        )
        .context("counting backup codes")?)
}

/// Turns 2FA off and forgets the secret and the backup codes.
pub fn disable(conn: &Connection) -> Result<()> {
    conn.execute_batch("DELETE FROM totp; DELETE FROM totp_backup_codes;")
        .context("turning the second factor off")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 appendix B, SHA-1 (8 digits there; the same HMAC truncated to 6 digits
    /// is the code apps show): the 20-byte ASCII secret "12345678901234567890".
    #[test]
    fn rfc6238_vectors() {
        let eight = totp_rs::Builder::new()
            .with_algorithm(totp_rs::Algorithm::SHA1)
            .with_digits(8)
            .with_secret(b"12345678901234567890".to_vec())
            .build()
            .unwrap();
        for (t, code) in [
            (59, "94287082"),
            (1_111_111_109, "07081804"),
            (1_111_111_111, "14050471"),
            (1_234_567_890, "89005924"),
            (2_000_000_000, "69279037"),
            (20_000_000_000, "65353130"),
        ] {
            assert_eq!(eight.generate(t).to_string(), code, "T={t}");
            // The 6-digit code is the last six digits of the same truncation.
            let six = generator(b"12345678901234567890", "alice").unwrap();
            assert_eq!(six.generate(t).to_string(), code[2..], "T={t}");
        }
    }
}

/// A second factor as given: a code from the app, or a backup code.
#[derive(Debug)]
pub enum Second {
    /// A current TOTP code.
    Code(SecretString),
    /// One of the one-time backup codes.
    Backup(SecretString),
}

/// Checks and spends a second factor at `now` (a code's step, or a backup code).
pub fn spend(conn: &Connection, account: &str, second: &Second, now: i64) -> Result<()> {
    match second {
        Second::Code(c) => accept(conn, account, c.expose_secret(), now),
        Second::Backup(b) => {
            if use_backup_code(conn, account, b.expose_secret(), now)? {
                Ok(())
            } else {
                Err(Error::WrongTotp {
                    reason: "not an unused backup code".into(),
                })
            }
        }
    }
}
