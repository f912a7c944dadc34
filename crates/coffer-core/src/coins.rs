//! Coin control for Bitcoin wallets (`coffer utxo`): the unspent coins with their
//! address, label and confirmations; coins or addresses frozen so that coin selection
//! never picks them (`send --from` still may, by name).

use crate::chain::amount;
use crate::clock;
use crate::error::{Error, Result};
use crate::vault::audit::{self, Event, Severity};
use crate::vault::engine::{BtcWallet, keychain_name};
use crate::vault::{Vault, txs, wallets};
use bitcoin::OutPoint;
use rusqlite::Connection;
use serde::Serialize;
use std::str::FromStr as _;

/// One unspent coin.
#[derive(Debug, Serialize)]
pub struct Coin {
    /// `txid:vout`.
    pub outpoint: String,
    /// Amount (BTC).
    pub amount: String,
    /// Amount in satoshis.
    pub amount_sat: u64,
    /// The address it was paid to.
    pub address: String,
    /// `receiving` or `change`.
    pub kind: &'static str,
    /// Derivation index on its branch.
    pub index: u32,
    /// The address's label.
    pub label: Option<String>,
    /// Confirmations (0: in the mempool).
    pub confirmations: u32,
    /// Block height, when confirmed.
    pub height: Option<u32>,
    /// Frozen: the coin itself, or its address.
    pub frozen: bool,
}

/// `utxo list` (and `freeze`/`unfreeze`) output.
#[derive(Debug, Serialize)]
pub struct Coins {
    /// The wallet.
    pub wallet: String,
    /// The coins, largest first.
    pub items: Vec<Coin>,
    /// Their sum (BTC).
    pub total: String,
    /// The sum of those not frozen: what coin selection may use (BTC).
    pub spendable: String,
    /// The frozen coins and addresses (as given to `utxo freeze`).
    pub frozen: Vec<String>,
}

fn address_of(bw: &BtcWallet<'_>, k: bdk_wallet::KeychainKind, index: u32) -> String {
    bw.inner.peek_address(k, index).address.to_string()
}

/// The coins of the wallet as `utxo list` shows them.
fn coins(
    conn: &Connection,
    w: &wallets::WalletRow,
    account: &wallets::AccountRow,
) -> Result<Coins> {
    let frozen = txs::frozen(conn, account.id)?;
    let bw = BtcWallet::open(conn, account)?;
    let tip = bw.inner.latest_checkpoint().height();
    let mut items = vec![];
    for u in bw.inner.list_unspent() {
        let address = address_of(&bw, u.keychain, u.derivation_index);
        let height = match &u.chain_position {
            bdk_wallet::chain::ChainPosition::Confirmed { anchor, .. } => {
                Some(anchor.block_id.height)
            }
            bdk_wallet::chain::ChainPosition::Unconfirmed { .. } => None,
        };
        let label = wallets::find_address_in(conn, &address, Some(&w.name))
            .ok()
            .and_then(|a| a.label);
        items.push(Coin {
            outpoint: u.outpoint.to_string(),
            amount: amount::format_btc(u.txout.value.to_sat()),
            amount_sat: u.txout.value.to_sat(),
            frozen: frozen.contains(&u.outpoint.to_string()) || frozen.contains(&address),
            address,
            kind: keychain_name(u.keychain),
            index: u.derivation_index,
            label,
            confirmations: height.map_or(0, |h| tip.saturating_sub(h) + 1),
            height,
        });
    }
    items.sort_by(|a, b| {
        b.amount_sat
            .cmp(&a.amount_sat)
            .then(a.outpoint.cmp(&b.outpoint))
    });
    let total: u64 = items.iter().map(|c| c.amount_sat).sum();
    let spendable: u64 = items
        .iter()
        .filter(|c| !c.frozen)
        .map(|c| c.amount_sat)
        .sum();
    Ok(Coins {
        wallet: w.name.clone(),
        items,
        total: amount::format_btc(total),
        spendable: amount::format_btc(spendable),
        frozen: frozen.into_iter().collect(),
    })
}

fn btc_account(w: &wallets::WalletRow) -> Result<&wallets::AccountRow> {
    w.accounts
        .iter()
        .find(|a| a.chain == crate::chain::Chain::Btc && a.external_descriptor.is_some())
        .ok_or_else(|| {
            Error::invalid(
                "wallet",
                format!(
                    "wallet '{}' has no Bitcoin account with coins to control",
                    w.name
                ),
            )
        })
}

/// The coins of `wallet` (the only or default one when `None`), or only the frozen ones.
pub fn list(vault: &Vault, wallet: Option<&str>, frozen_only: bool) -> Result<Coins> {
    let conn = vault.read_full()?;
    let w = wallets::resolve(&conn, wallet)?;
    let mut c = coins(&conn, &w, btc_account(&w)?)?;
    if frozen_only {
        c.items.retain(|i| i.frozen);
    }
    Ok(c)
}

/// Freezes (or, with `freeze` false, unfreezes) `targets` (coins `TXID:VOUT` or
/// addresses) of `wallet`, and lists its coins after.
pub fn set_frozen(
    vault: &Vault,
    wallet: Option<&str>,
    targets: &[String],
    freeze: bool,
) -> Result<Coins> {
    let now = clock::now();
    // One decryption of each file: the targets are checked, frozen and the coins
    // listed in the write's transaction (an error there changes nothing).
    vault.write(|conn| {
        let w = wallets::resolve(conn, wallet)?;
        let account = btc_account(&w)?;
        let already = txs::frozen(conn, account.id)?;
        // Every target is checked before anything is written.
        let mut checked = vec![];
        {
            let bw = BtcWallet::open(conn, account)?;
            for t in targets {
                let t = t.trim();
                let target = if let Ok(op) = OutPoint::from_str(t) {
                    let known = bw.inner.get_utxo(op).is_some_and(|u| !u.is_spent);
                    // Unfreezing a coin spent since is fine; freezing one is not.
                    let stale_unfreeze = !freeze && already.contains(&op.to_string());
                    if !known && !stale_unfreeze {
                        return Err(Error::NotFound(format!(
                            "unspent coin {op} of wallet '{}'",
                            w.name
                        )));
                    }
                    op.to_string()
                } else {
                    let rows = wallets::find_addresses(conn, t)?;
                    if rows.is_empty() {
                        return Err(Error::invalid(
                            "target",
                            format!(
                                "'{t}' is neither a coin (TXID:VOUT) nor an address of this vault"
                            ),
                        ));
                    }
                    // The wallet's own row: another wallet may hold the same keys.
                    let row = rows
                        .iter()
                        .find(|r| r.wallet == w.name && r.chain == crate::chain::Chain::Btc)
                        .unwrap_or(&rows[0])
                        .clone();
                    if row.wallet != w.name || row.chain != crate::chain::Chain::Btc {
                        return Err(Error::invalid(
                            "target",
                            format!(
                                "{} is not a Bitcoin address of wallet '{}'",
                                row.address, w.name
                            ),
                        ));
                    }
                    row.address
                };
                if !freeze && !already.contains(&target) {
                    return Err(Error::NotFound(format!("frozen coin or address {target}")));
                }
                checked.push(target);
            }
        }
        for t in &checked {
            txs::set_frozen(conn, account.id, t, freeze, now)?;
        }
        let details = serde_json::json!({ "wallet": w.name, "targets": checked });
        audit::record(
            conn,
            &Event::new(
                if freeze {
                    "utxo_freeze"
                } else {
                    "utxo_unfreeze"
                },
                Severity::Low,
                true,
                details,
            ),
        )?;
        coins(conn, &w, account)
    })
}
