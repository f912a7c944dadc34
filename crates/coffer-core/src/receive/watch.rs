//! `receive watch`: the incoming transactions the vault records (`Incoming`), the events
//! (`payment`, `confirmed`, `replaced`) found by comparing them with what the watch knew,
//! and the watch loop (a sync every interval, until a count of events or a timeout).
//!
//! The events come from the vault's history after each `wallet sync`: what the vault
//! already held when the watch started is the baseline and is not announced again, so a
//! restarted watch announces only what its first sync brings. The caller shows each
//! event (and runs its hook) through a callback; this module prints nothing.

use crate::chain::Chain;
use crate::chain::asset::{self, Amount, Asset, NetworkId};
use crate::clock;
use crate::error::{Error, Result};
use crate::vault::{Vault, backends, txs, wallets};
use serde::Serialize;
use std::collections::HashMap;

/// One notification: a line of `receive watch`, the environment of `--exec`.
#[derive(Debug, Clone, Serialize)]
pub struct Event {
    /// `payment`, `confirmed` or `replaced`.
    pub event: &'static str,
    /// The wallet.
    pub wallet: String,
    /// `btc` or `eth`.
    pub chain: Chain,
    /// The Bitcoin network's name, or the EVM chain id as text.
    pub network: NetworkId,
    /// The EVM chain id (null for Bitcoin).
    pub chain_id: Option<u64>,
    /// The transaction (`0x…` on EVM chains).
    pub txid: String,
    /// Our address it paid (null when not known).
    pub address: Option<String>,
    /// What it paid us (decimal).
    pub amount: String,
    /// The same in the smallest unit, as a string.
    pub amount_units: String,
    /// `BTC`, `ETH` or the token symbol.
    #[serde(rename = "currency", serialize_with = "asset::symbol")]
    pub asset: Asset,
    /// Its confirmations now (0 in the mempool, or when replaced).
    pub confirmations: u64,
    /// Its block, once mined.
    pub height: Option<u64>,
    /// When coffer saw it (RFC 3339).
    pub time: String,
}

impl Event {
    /// `sat` or `wei` (a token's base unit is called `units`).
    pub fn units_name(&self) -> &'static str {
        match self.asset {
            Asset::Bitcoin { .. } => "sat",
            Asset::Ether { .. } => "wei",
            Asset::Erc20 { .. } => "units",
        }
    }
}

/// What `receive watch` is asked to do.
#[derive(Debug, Clone)]
pub struct WatchOptions {
    /// Only this wallet (default: every wallet).
    pub wallet: Option<String>,
    /// Confirmations for the `confirmed` event.
    pub confirmations: u64,
    /// Seconds between syncs (at least 1).
    pub interval: u64,
    /// Stop after this many events.
    pub count: Option<u64>,
    /// Stop after this many seconds.
    pub timeout: Option<u64>,
}

/// An incoming transaction as the vault records it.
pub(crate) struct Incoming {
    pub(crate) account_id: i64,
    pub(crate) wallet: String,
    pub(crate) txid: String,
    /// What it paid us (its asset resolved once from the stored row).
    pub(crate) amount: Amount,
    pub(crate) live: bool,
    pub(crate) height: Option<u64>,
    pub(crate) address: Option<String>,
    pub(crate) tip: Option<u64>,
}

impl Incoming {
    pub(crate) fn confirmations(&self) -> u64 {
        confirmations(self.live, self.height, self.tip)
    }
}

/// Confirmations of a transaction from its block and the tip: none unless it is live
/// (pending or confirmed) and mined; 1 when the tip is not known.
fn confirmations(live: bool, height: Option<u64>, tip: Option<u64>) -> u64 {
    match (live, height, tip) {
        (true, Some(h), Some(t)) => t.saturating_sub(h) + 1,
        (true, Some(_), None) => 1,
        _ => 0,
    }
}

/// Every incoming transaction of the wallets' accounts (receive rows of history).
pub(crate) fn incoming(
    conn: &rusqlite::Connection,
    list: &[wallets::WalletRow],
) -> Result<Vec<Incoming>> {
    let tokens = backends::tokens(conn, None)?;
    let mut out = vec![];
    for w in list {
        for a in &w.accounts {
            let btc_tip = match a.chain {
                Chain::Btc => txs::btc_sync(conn, a.id)?.map(|s| u64::from(s.tip_height)),
                Chain::Eth => None,
            };
            for txs::Received {
                txid,
                amount,
                status,
                height,
                address,
            } in txs::received(conn, a.id, &tokens)?
            {
                let asset = amount.asset.clone();
                let (tip, txid) = match asset.network() {
                    NetworkId::Bitcoin(_) => (btc_tip, hex::encode(&txid)),
                    NetworkId::Evm(id) => (
                        txs::eth_sync(conn, a.id, id)?.map(|(_, t)| t),
                        format!("0x{}", hex::encode(&txid)),
                    ),
                };
                out.push(Incoming {
                    account_id: a.id,
                    wallet: w.name.clone(),
                    txid,
                    amount: Amount::unsigned(asset, amount.abs_units()),
                    live: status.counted(),
                    height: height.map(|h| h as u64),
                    address,
                    tip,
                });
            }
        }
    }
    Ok(out)
}

/// What the watch remembers of a transaction.
struct Tracked {
    live: bool,
    confirmed: bool,
    address: Option<String>,
}

/// What the watch knew: each transaction by account and id.
#[derive(Default)]
struct Known(HashMap<(i64, String), Tracked>);

/// Our first address a Bitcoin transaction pays (history does not store it).
fn btc_address(
    conn: &rusqlite::Connection,
    list: &[wallets::WalletRow],
    i: &Incoming,
) -> Option<String> {
    let account = list
        .iter()
        .flat_map(|w| w.accounts.iter())
        .find(|a| a.id == i.account_id)?;
    let bw = crate::vault::engine::BtcWallet::open(conn, account).ok()?;
    let txid = i.txid.parse().ok()?;
    bw.record(txid)?.our_addresses.into_iter().next()
}

/// The event `kind` of an incoming transaction, seen now.
pub(crate) fn event(kind: &'static str, i: &Incoming, address: Option<String>) -> Event {
    let network = i.amount.asset.network();
    Event {
        event: kind,
        wallet: i.wallet.clone(),
        chain: network.chain(),
        network,
        chain_id: network.chain_id(),
        txid: i.txid.clone(),
        address,
        amount: i.amount.decimal(),
        amount_units: i.amount.abs_units().to_string(),
        asset: i.amount.asset.clone(),
        confirmations: if kind == "replaced" {
            0
        } else {
            i.confirmations()
        },
        height: if kind == "replaced" { None } else { i.height },
        time: clock::rfc3339(clock::now()),
    }
}

/// Compares the vault's incoming transactions with what the watch knew: the new events.
fn compare(
    conn: &rusqlite::Connection,
    list: &[wallets::WalletRow],
    known: &mut Known,
    confirmations: u64,
    announce: bool,
) -> Result<Vec<Event>> {
    let mut events = vec![];
    for i in incoming(conn, list)? {
        let key = (i.account_id, i.txid.clone());
        let reached = i.live && i.confirmations() >= confirmations;
        match known.0.get_mut(&key) {
            None => {
                let mut address = i.address.clone();
                if announce && i.live {
                    if address.is_none() && i.amount.asset.network().chain() == Chain::Btc {
                        address = btc_address(conn, list, &i);
                    }
                    events.push(event("payment", &i, address.clone()));
                    if reached {
                        events.push(event("confirmed", &i, address.clone()));
                    }
                }
                known.0.insert(
                    key,
                    Tracked {
                        live: i.live,
                        confirmed: reached,
                        address,
                    },
                );
            }
            Some(t) => {
                if t.live && !i.live {
                    if t.address.is_none() && i.amount.asset.network().chain() == Chain::Btc {
                        t.address = btc_address(conn, list, &i);
                    }
                    events.push(event("replaced", &i, t.address.clone()));
                } else if reached && !t.confirmed {
                    if t.address.is_none() {
                        t.address = i.address.clone();
                        if t.address.is_none() && i.amount.asset.network().chain() == Chain::Btc {
                            t.address = btc_address(conn, list, &i);
                        }
                    }
                    events.push(event("confirmed", &i, t.address.clone()));
                }
                t.live = i.live;
                // Back in the mempool after a reorganisation: announced again once it
                // has its confirmations.
                t.confirmed = reached;
            }
        }
    }
    Ok(events)
}

/// Runs `receive watch`: syncs every interval and hands each new event to `on_event`
/// until `count` events or the timeout. `unlock` opens the vault (once per step, as the
/// session may end meanwhile); `on_event` shows the event and says whether anyone is
/// still reading (`false` ends the watch, successfully); `say` gets the lines for people
/// meanwhile (a sync that failed and is retried).
pub fn watch(
    opts: &WatchOptions,
    unlock: &mut dyn FnMut() -> Result<Vault>,
    on_event: &mut dyn FnMut(&Event) -> Result<bool>,
    say: &mut dyn FnMut(&str),
) -> Result<()> {
    let list = {
        let vault = unlock()?;
        let conn = vault.read()?;
        match &opts.wallet {
            Some(n) => vec![wallets::get(&conn, n)?],
            None => wallets::list(&conn)?,
        }
    };
    // The baseline: what the vault already knew.
    let mut known = Known::default();
    {
        let vault = unlock()?;
        let conn = vault.read()?;
        compare(&conn, &list, &mut known, opts.confirmations, false)?;
    }
    let started = std::time::Instant::now();
    let mut printed = 0u64;
    let mut first = true;
    loop {
        let synced = unlock().and_then(|vault| {
            crate::sync::sync(
                &vault,
                &crate::sync::SyncOptions {
                    wallet: opts.wallet.clone(),
                    ..Default::default()
                },
                |_| Ok(crate::sync::NoProgress),
            )
        });
        match synced {
            Ok(r) if first && r.items.is_empty() && r.bitcoin.is_empty() => {
                return Err(Error::invalid(
                    "wallet",
                    "nothing to watch: no account has a backend (`coffer wallet backend set eth|btc …`)",
                ));
            }
            Ok(_) => {}
            // A backend that stops answering is retried at the next interval.
            Err(e) if !first => {
                say(&crate::text::sanitize(&format!(
                    "coffer: sync failed, retrying: {e}\n"
                )));
            }
            Err(e) => return Err(e),
        }
        first = false;
        let events = {
            let vault = unlock()?;
            // With the wallet engine: a Bitcoin payment's address comes from it.
            let conn = vault.read_full()?;
            compare(&conn, &list, &mut known, opts.confirmations, true)?
        };
        for e in events {
            // Whoever read the events has gone (`receive watch | head -1`): done.
            if !on_event(&e)? {
                return Ok(());
            }
            printed += 1;
            if opts.count.is_some_and(|n| printed >= n) {
                return Ok(());
            }
        }
        let waited = started.elapsed().as_secs();
        if let Some(t) = opts.timeout {
            if waited >= t {
                return Ok(());
            }
            std::thread::sleep(std::time::Duration::from_secs(
                opts.interval.min(t - waited),
            ));
        } else {
            std::thread::sleep(std::time::Duration::from_secs(opts.interval));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confirmations_count_from_the_tip() {
        assert_eq!(confirmations(true, Some(100), Some(100)), 1);
        assert_eq!(confirmations(true, Some(100), Some(105)), 6);
        assert_eq!(confirmations(true, Some(100), None), 1);
        assert_eq!(confirmations(true, None, Some(100)), 0);
        // Replaced or dropped: none, whatever its block said.
        assert_eq!(confirmations(false, Some(100), Some(105)), 0);
        // A tip behind the block (a reorganisation under way) still counts one.
        assert_eq!(confirmations(true, Some(100), Some(99)), 1);
    }
}
