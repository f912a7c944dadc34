//! The labels repository: the labels of transactions and addresses, read per account
//! for a BIP-329 export, and the rows a label names (by transaction id or address) with
//! their current label, for an import. The BIP-329 service (`crate::labels`) keeps the
//! format and the rules.

use crate::error::Result;
use crate::vault::wallets;
use anyhow::Context as _;
use rusqlite::{Connection, params};

/// The labelled transactions of an account, in history order: (txid as stored, label).
pub fn tx_labels(conn: &Connection, account_id: i64) -> Result<Vec<(Vec<u8>, String)>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT txid, label FROM transactions
             WHERE account_id = ?1 AND label IS NOT NULL ORDER BY id",
        )
        .context("reading labels")?;
    let rows = stmt
        .query_map([account_id], |r| {
            Ok((r.get::<_, Vec<u8>>(0)?, r.get::<_, String>(1)?))
        })
        .context("reading labels")?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .context("reading labels")
        .map_err(Into::into)
}

/// The labelled addresses of an account, receive then change, by index: (address,
/// label).
pub fn address_labels(conn: &Connection, account_id: i64) -> Result<Vec<(String, String)>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT address, label FROM addresses
             WHERE account_id = ?1 AND label IS NOT NULL ORDER BY change, idx",
        )
        .context("reading labels")?;
    let rows = stmt
        .query_map([account_id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })
        .context("reading labels")?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .context("reading labels")
        .map_err(Into::into)
}

/// What a label names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Labelled {
    /// A transaction (by its id).
    Tx,
    /// An address.
    Addr,
}

/// A row a label goes to.
#[derive(Debug, Clone)]
pub struct Target {
    table: &'static str,
    /// The row's ID in its table.
    pub id: i64,
    /// The account it belongs to.
    pub account_id: i64,
    /// Its label now.
    pub current: Option<String>,
}

/// Every row of the vault holding `reference`: a transaction id (hex, `0x` or not) or an
/// address.
pub fn targets(conn: &Connection, kind: Labelled, reference: &str) -> Result<Vec<Target>> {
    use rusqlite::types::Value;
    let (table, sql, key) = match kind {
        Labelled::Tx => {
            // By `UNIQUE (account_id, txid)`; text that is no hex names no transaction.
            let Ok(bytes) = hex::decode(reference.trim().trim_start_matches("0x")) else {
                return Ok(vec![]);
            };
            (
                "transactions",
                format!(
                    "SELECT id, account_id, label FROM transactions WHERE {} ORDER BY id",
                    super::txs::ANY_ACCOUNT_TXID
                ),
                Value::Blob(bytes),
            )
        }
        Labelled::Addr => (
            "addresses",
            format!(
                "SELECT id, account_id, label FROM addresses WHERE {} ORDER BY id",
                wallets::ADDRESS_IS
            ),
            Value::Text(reference.trim().to_string()),
        ),
    };
    let mut stmt = conn
        .prepare(&sql)
        .context("looking up a label's reference")?;
    let rows = stmt
        .query_map([key], |row| {
            Ok(Target {
                table,
                id: row.get(0)?,
                account_id: row.get(1)?,
                current: row.get(2)?,
            })
        })
        .context("looking up a label's reference")?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .context("looking up a label's reference")
        .map_err(Into::into)
}

/// Sets (or, with `None`, clears) the label of a target row.
pub fn set_label(conn: &Connection, t: &Target, label: Option<&str>) -> Result<()> {
    conn.execute(
        &format!("UPDATE {} SET label = ?2 WHERE id = ?1", t.table),
        params![t.id, label],
    )
    .context("importing label")?;
    Ok(())
}
