//! The payment, as a service: plan → authorize → commit, then broadcast. A plan is built
//! on a snapshot of the vault (no lock); the spending policy may hold it for `send
//! confirm` (authorize); the caller's gate (the PIN, a 2FA code: asked by the caller,
//! checked by a closure inside the write) and the signing, the recording as "signed, not
//! yet broadcast" and the audit happen in one write (commit); the broadcast comes after
//! the commit, with no lock held. `btc` pays from a Bitcoin account, `eth` from an
//! Ethereum one (ether and ERC-20 tokens, and their replacements); what is shared by the
//! chains is here.

pub mod btc;
pub mod eth;

use crate::error::{Error, Result};
use std::path::Path;

/// A test-only crash point: on a test vault ([`crate::clock::test_vault`]) with
/// `COFFER_TEST_FAULT=<point>`, the process stops dead there (as a power cut would), to
/// test what it leaves.
pub fn fault(point: &str) {
    if crate::clock::test_vault() && std::env::var("COFFER_TEST_FAULT").is_ok_and(|f| f == point) {
        std::process::abort();
    }
}

/// Writes a file the user named (mode 0600, replacing an older one atomically); a
/// failure is their input's fault, with the reason.
pub fn write_file(path: &Path, text: &str, field: &'static str) -> Result<()> {
    crate::vault::fsio::write_private(path, text.as_bytes())
        .map_err(|e| Error::invalid(field, format!("cannot write {}: {e:#}", path.display())))
}
