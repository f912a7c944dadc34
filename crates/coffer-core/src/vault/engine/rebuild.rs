//! Rebuilding the wallet engine's state (bdk change sets and raw transactions) from the
//! vault itself, when `engine.age` is lost: deleted, damaged, or not the generation the
//! vault expects (an older `vault.age` put back). The vault records every account's
//! descriptors, the addresses handed out and each transaction's status and block; the
//! raw transactions come from whatever engine files still decrypt (content-addressed:
//! a transaction is used only for a txid the vault records). What cannot be recovered
//! that way is read again by the next `wallet sync`.

use super::{BtcWallet, Confirmation};
use crate::error::Result;
use crate::vault::{self, txs, wallets};
use bitcoin::{Transaction, Txid};
use rusqlite::Connection;
use std::collections::HashMap;

/// What [`rebuild_engine`] did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Rebuilt {
    /// Bitcoin accounts rebuilt.
    pub accounts: usize,
    /// Transactions restored into the engine.
    pub transactions: usize,
    /// Transactions the vault records whose raw form was not found: the next sync
    /// reads them again (until then the vault's balance and history rows are kept).
    pub missing: usize,
}

/// The `meta` key that makes the next `wallet sync` of an account read again from where
/// its first sync began.
pub fn rescan_key(account_id: i64) -> String {
    format!("btc_rescan:{account_id}")
}

/// Rebuilds the engine of every Bitcoin account into the (empty) attached engine:
/// descriptors and revealed addresses from the account rows, then each confirmed
/// transaction at its recorded height and each pending one in the order first seen,
/// then the chain tip where the wallet had got to. The results are saved through
/// [`BtcWallet::save`], as any change. Accounts that were synced from a backend read
/// their blocks again at the next sync (the real block hashes were in the lost state).
pub fn rebuild_engine(conn: &Connection, salvage: &[Vec<u8>], now_ms: i64) -> Result<Rebuilt> {
    let raw: HashMap<Txid, Transaction> = salvage
        .iter()
        .filter_map(|r| bitcoin::consensus::deserialize::<Transaction>(r).ok())
        .map(|tx| (tx.compute_txid(), tx))
        .collect();
    let mut out = Rebuilt::default();
    let accounts = wallets::all_accounts(conn)?;
    for account in accounts
        .iter()
        .filter(|a| a.chain == crate::chain::Chain::Btc && a.external_descriptor.is_some())
    {
        let before = txs::balance(conn, account.id)?;
        let mut w = BtcWallet::open(conn, account)?;
        let mut touched = vec![];
        let mut missing = 0;
        for known in txs::live(conn, account.id)? {
            let tx = known
                .txid
                .parse::<Txid>()
                .ok()
                .and_then(|t| raw.get(&t).map(|tx| (t, tx)));
            let Some((txid, tx)) = tx else {
                missing += 1;
                continue;
            };
            let confirmation = known.confirmed.map(|(height, time)| Confirmation {
                height,
                time,
                hash: None,
            });
            let seen = u64::try_from(known.first_seen_ms / 1000).unwrap_or(0);
            w.apply_tx(tx.clone(), confirmation, seen);
            touched.push(txid);
        }
        if let Some(tip) = before.tip_height {
            w.extend_tip(tip);
        }
        w.save(conn, &touched, now_ms)?;
        if missing > 0 {
            // The engine cannot count what it lacks: the vault's own figures stay until
            // a sync has read the missing transactions again.
            txs::set_balance(conn, account.id, &before)?;
        }
        if txs::btc_sync(conn, account.id)?.is_some() {
            vault::set_meta(conn, &rescan_key(account.id), "1")?;
        }
        out.accounts += 1;
        out.transactions += touched.len();
        out.missing += missing;
    }
    Ok(out)
}
