//! `coffer labels`: BIP-329 label export and import (JSON Lines), the interchange format
//! of Sparrow and other wallets. Transaction and address labels round-trip; xpub
//! records carry the wallet name; `output` records carry whether a coin may be spent
//! (`spendable: false` is a frozen coin); Ethereum uses the same record shape. Every
//! record names the wallet it belongs to by its `origin` (the descriptor with each key
//! reduced to its origin), and an import applies a record only to that wallet.
//!
//! The records, origins and the import are `coffer_core::labels`; this is the command
//! line over them.

use crate::context::Ctx;
use crate::error::{Error, Result};
use coffer_core::labels::{self, LabelsExported, LabelsImported, Parsed};
use std::path::PathBuf;

/// Runs `coffer labels export`.
pub fn export(ctx: &Ctx, wallet: Option<&str>, out: Option<&PathBuf>) -> Result<LabelsExported> {
    let conn = ctx.unlock()?.vault.read_full()?;
    let (records, text) = labels::export(&conn, wallet)?;
    if let Some(p) = out {
        crate::vault::fsio::write_private(p, text.as_bytes())
            .map_err(|e| Error::invalid("out", format!("cannot write {}: {e:#}", p.display())))?;
    }
    Ok(LabelsExported {
        records,
        file: out.map(|p| p.display().to_string()),
        content: out.is_none().then_some(text),
    })
}

/// Runs `coffer labels import`: the file is read and checked before the vault is
/// unlocked.
pub fn import(ctx: &Ctx, file: &PathBuf, partial: bool) -> Result<LabelsImported> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| Error::invalid("file", format!("cannot read {}: {e}", file.display())))?;
    let parsed = Parsed::read(&text, partial)?;
    let unlocked = ctx.unlock()?;
    // One decryption of each file: the coins (from the wallet engine) are read in the
    // write's transaction, which changes only labels and frozen rows.
    labels::import(&unlocked.vault, parsed)
}
