//! The held sends (the `approvals` table) as `coffer status` lists them: how many, and
//! the latest few. (The approval rules and the rest of the table's SQL are the policy's
//! and its repository's.)

use crate::chain::Chain;
use crate::error::Result;
use anyhow::Context as _;
use rusqlite::Connection;

/// A send held for approval, undecoded but for its chain.
#[derive(Debug, Clone)]
pub struct HeldRow {
    /// The approval id.
    pub id: String,
    /// The chain.
    pub chain: Chain,
    /// The wallet.
    pub wallet: String,
    /// The asset as stored.
    pub asset: String,
    /// The amount (unsigned) as stored.
    pub units: String,
    /// When it was held (Unix seconds).
    pub created_at: i64,
    /// Why, as stored (a JSON list of text).
    pub reasons: String,
    /// The EVM chain id.
    pub chain_id: Option<i64>,
}

/// The sends awaiting approval: how many, and the latest `limit` (newest first).
pub fn awaiting(conn: &Connection, limit: i64) -> Result<(u64, Vec<HeldRow>)> {
    let count: i64 = conn
        .query_row(
            "SELECT count(*) FROM approvals WHERE status = 'awaiting_approval'",
            [],
            |r| r.get(0),
        )
        .context("counting held sends")?;
    let mut stmt = conn
        .prepare(
            "SELECT id, chain, wallet, asset, amount, created_at, reasons, chain_id
             FROM approvals WHERE status = 'awaiting_approval'
             ORDER BY created_at DESC, id LIMIT ?1",
        )
        .context("reading held sends")?;
    let rows = stmt
        .query_map([limit], |r| {
            Ok(HeldRow {
                id: r.get(0)?,
                chain: r.get(1)?,
                wallet: r.get(2)?,
                asset: r.get(3)?,
                units: r.get(4)?,
                created_at: r.get(5)?,
                reasons: r.get(6)?,
                chain_id: r.get(7)?,
            })
        })
        .context("reading held sends")?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(crate::error::row_error("approval", "reading held sends"))?;
    Ok((count as u64, rows))
}
