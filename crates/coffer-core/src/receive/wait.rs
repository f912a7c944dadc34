//! `receive wait`: sync rounds every interval until a payment to an address (or to the
//! wallet) of at least an amount has its confirmations, counted from the tip; on Bitcoin
//! from the wallet engine after a node sync, on an EVM chain from history after a sync.
//! Each round says on the caller's `say` how close the best candidate is (when that
//! changed); the timeout ends it with [`Error::Timeout`].

use super::watch::{self, Event};
use crate::chain::asset::{self, Asset, NetworkId};
use crate::chain::{Chain, amount};
use crate::clock;
use crate::error::{Error, Result};
use crate::vault::engine as btc_wallet;
use crate::vault::{Vault, backends, wallets};
use serde::Serialize;

/// What `receive wait` waits for.
#[derive(Debug, Clone)]
pub struct WaitRequest {
    /// The wallet (default: the only one).
    pub wallet: Option<String>,
    /// Only a payment to this address of the wallet.
    pub address: Option<String>,
    /// At least this much (decimal: BTC, or ETH / the token's unit).
    pub amount: Option<String>,
    /// The chain (default: btc when the wallet has it, else eth).
    pub chain: Option<Chain>,
    /// EVM chain id (default: the only EVM backend's).
    pub chain_id: Option<u64>,
    /// Ethereum: a payment of this token (its symbol) instead of ether.
    pub token: Option<String>,
    /// Confirmations needed.
    pub confirmations: u32,
    /// Seconds before giving up.
    pub timeout: u64,
    /// Seconds between rounds (at least 1).
    pub interval: u64,
}

/// The payment `receive wait` saw.
#[derive(Debug, Serialize)]
pub struct Arrived {
    /// The wallet.
    pub wallet: String,
    /// The transaction.
    pub txid: String,
    /// What it paid (to --address, else to the wallet), in `currency`.
    pub amount: String,
    /// The same in sat (null on Ethereum: see `amount_units`).
    pub amount_sat: Option<u64>,
    /// Its confirmations now.
    pub confirmations: u32,
    /// Its block, if mined.
    pub height: Option<u32>,
    /// `btc` or `eth`.
    pub chain: Chain,
    /// The Bitcoin network, or the EVM chain id as text.
    pub network: NetworkId,
    /// The amount in the smallest unit (sat, wei, token units), as a string.
    pub amount_units: String,
    /// `BTC`, `ETH` or the token symbol.
    #[serde(rename = "currency", serialize_with = "asset::symbol")]
    pub asset: Asset,
    /// Our address it paid.
    pub address: Option<String>,
}

impl Arrived {
    /// The event `--exec` gets: `confirmed` (or `payment` when 0 confirmations were asked).
    pub fn event(&self, wanted: u32) -> Event {
        Event {
            event: if wanted == 0 { "payment" } else { "confirmed" },
            wallet: self.wallet.clone(),
            chain: self.chain,
            network: self.network,
            chain_id: self.network.chain_id(),
            txid: self.txid.clone(),
            address: self.address.clone(),
            amount: self.amount.clone(),
            amount_units: self.amount_units.clone(),
            asset: self.asset.clone(),
            confirmations: u64::from(self.confirmations),
            height: self.height.map(u64::from),
            time: clock::rfc3339(clock::now()),
        }
    }
}

/// Runs `receive wait` until the payment came (or the timeout). `unlock` opens the
/// vault (the Bitcoin rounds keep the first; the Ethereum ones open it at each step, as
/// a sync does); `say` gets the progress lines for people.
pub fn wait(
    req: &WaitRequest,
    unlock: &mut dyn FnMut() -> Result<Vault>,
    say: &mut dyn FnMut(&str),
) -> Result<Arrived> {
    use bdk_wallet::chain::ChainPosition;
    let (timeout, interval) = (req.timeout, req.interval);
    let vault = unlock()?;
    let conn = vault.read()?;
    let w = wallets::resolve(&conn, req.wallet.as_deref())?;
    if w.account_for(req.chain)?.chain == Chain::Eth {
        drop(conn);
        drop(vault);
        return wait_eth(req, &w, unlock, say);
    }
    if req.chain_id.is_some() || req.token.is_some() {
        return Err(Error::invalid(
            if req.token.is_some() {
                "token"
            } else {
                "chain-id"
            },
            "is for Ethereum (--chain eth)",
        ));
    }
    let min_sat = match &req.amount {
        Some(a) => amount::parse_btc(a, "amount")?,
        None => 1,
    };
    let account = w.account_for(Some(Chain::Btc))?.clone();
    let network = btc_wallet::account_network(&account)?;
    let script = match &req.address {
        Some(a) => {
            let rows = wallets::find_addresses(&conn, a)?;
            if rows.is_empty() {
                return Err(Error::NotFound(format!(
                    "address {} in this vault",
                    a.trim()
                )));
            }
            // Another wallet may hold the same keys: this wallet's row is the one.
            if !rows.iter().any(|r| r.wallet == w.name) {
                return Err(Error::invalid(
                    "address",
                    format!("{a} is not an address of wallet '{}'", w.name),
                ));
            }
            Some(
                a.parse::<bitcoin::Address<bitcoin::address::NetworkUnchecked>>()
                    .map_err(|_| {
                        Error::invalid("address", format!("'{a}' is not a Bitcoin address"))
                    })?
                    .assume_checked()
                    .script_pubkey(),
            )
        }
        None => None,
    };
    let node = crate::sync::btc_backend(&conn, network)?.ok_or_else(|| {
        Error::invalid(
            "wallet",
            format!(
                "no Bitcoin node or Electrum server for {}: set one with `coffer wallet backend set btc`",
                network.name()
            ),
        )
    })?;
    drop(conn);
    let started = std::time::Instant::now();
    // Progress for people, one line each time something changes (the result is apart).
    let what = match (&req.amount, &req.address) {
        (Some(a), Some(to)) => format!("{a} BTC to {to}"),
        (Some(a), None) => format!("{a} BTC to wallet {}", w.name),
        (None, Some(to)) => format!("a payment to {to}"),
        (None, None) => format!("a payment to wallet {}", w.name),
    };
    say(&format!(
        "coffer: waiting for {what} with {} confirmation(s), up to {} s\n",
        req.confirmations, timeout
    ));
    let mut last_said = String::new();
    loop {
        crate::sync::sync_through(
            &vault,
            &node,
            &w,
            &account,
            crate::sync::BtcSyncOpts::default(),
            &crate::sync::NoProgress,
        )?;
        let conn = vault.read_full()?;
        let bw = btc_wallet::BtcWallet::open(&conn, &account)?;
        let tip = bw.inner.latest_checkpoint().height();
        let mut closest: Option<(String, u32)> = None;
        for t in bw.inner.transactions() {
            let paid: u64 = t
                .tx_node
                .tx
                .output
                .iter()
                .filter(|o| match &script {
                    Some(s) => &o.script_pubkey == s,
                    None => bw.inner.is_mine(o.script_pubkey.clone()),
                })
                .map(|o| o.value.to_sat())
                .sum();
            let (confirmations, height) = match &t.chain_position {
                ChainPosition::Confirmed { anchor, .. } => (
                    tip.saturating_sub(anchor.block_id.height) + 1,
                    Some(anchor.block_id.height),
                ),
                ChainPosition::Unconfirmed { .. } => (0, None),
            };
            // Money the wallet sends to itself (change) is no payment.
            let spends_ours = t.tx_node.tx.input.iter().any(|i| {
                bw.inner.get_utxo(i.previous_output).is_some()
                    || bw
                        .inner
                        .tx_graph()
                        .get_txout(i.previous_output)
                        .is_some_and(|o| bw.inner.is_mine(o.script_pubkey.clone()))
            });
            if paid >= min_sat
                && !spends_ours
                && closest.as_ref().is_none_or(|(_, c)| confirmations > *c)
            {
                closest = Some((t.tx_node.txid.to_string(), confirmations));
            }
            if paid >= min_sat && !spends_ours && confirmations >= req.confirmations {
                let address = t
                    .tx_node
                    .tx
                    .output
                    .iter()
                    .find(|o| match &script {
                        Some(s) => &o.script_pubkey == s,
                        None => bw.inner.is_mine(o.script_pubkey.clone()),
                    })
                    .and_then(|o| {
                        bitcoin::Address::from_script(&o.script_pubkey, network.to_bitcoin()).ok()
                    })
                    .map(|a| a.to_string());
                return Ok(Arrived {
                    wallet: w.name.clone(),
                    txid: t.tx_node.txid.to_string(),
                    amount: amount::format_btc(paid),
                    amount_sat: Some(paid),
                    confirmations,
                    height,
                    chain: Chain::Btc,
                    network: NetworkId::Bitcoin(network),
                    amount_units: paid.to_string(),
                    asset: Asset::Bitcoin { network },
                    address,
                });
            }
        }
        drop(bw);
        let closest = closest.map(|(txid, c)| (txid, u64::from(c)));
        next_round(
            u64::from(tip),
            closest,
            req.confirmations,
            &mut last_said,
            started,
            (timeout, interval),
            say,
        )?;
    }
}

/// The progress line of a round: how close the best candidate is.
fn round_line(tip: u64, closest: Option<&(String, u64)>, needed: u32) -> String {
    match closest {
        Some((txid, c)) => {
            format!("coffer: block {tip}: {txid} has {c} of {needed} confirmation(s)\n")
        }
        None => format!("coffer: block {tip}: nothing yet\n"),
    }
}

/// The end of one round of `receive wait`: says how close the best candidate is (only
/// when that changed), then gives up at the timeout (exit 10) or sleeps until the next
/// round.
fn next_round(
    tip: u64,
    closest: Option<(String, u64)>,
    needed: u32,
    last_said: &mut String,
    started: std::time::Instant,
    (timeout, interval): (u64, u64),
    say: &mut dyn FnMut(&str),
) -> Result<()> {
    let said = round_line(tip, closest.as_ref(), needed);
    if said != *last_said {
        say(&said);
        *last_said = said;
    }
    let waited = started.elapsed().as_secs();
    if waited >= timeout {
        return Err(Error::Timeout {
            waited_secs: waited,
        });
    }
    std::thread::sleep(std::time::Duration::from_secs(
        interval.min(timeout - waited),
    ));
    Ok(())
}

/// `receive wait` on an EVM chain: syncs the wallet every interval until history holds a
/// mined payment to it (or to the address) of at least the amount with its confirmations.
fn wait_eth(
    req: &WaitRequest,
    w: &wallets::WalletRow,
    unlock: &mut dyn FnMut() -> Result<Vault>,
    say: &mut dyn FnMut(&str),
) -> Result<Arrived> {
    let (timeout, interval) = (req.timeout, req.interval);
    let (chain_id, currency, decimals) = {
        let vault = unlock()?;
        let conn = vault.read()?;
        let chain_id = match req.chain_id {
            Some(id) => id,
            None => crate::sync::default_chain_id(&conn, "receive wait on Ethereum")?,
        };
        if crate::sync::eth_rpc(&conn, chain_id)?.is_none() {
            return Err(Error::invalid(
                "wallet",
                format!(
                    "no EVM backend for chain {chain_id}: set one with `coffer wallet backend set eth`"
                ),
            ));
        }
        match &req.token {
            None => (chain_id, "ETH".to_string(), 18u32),
            Some(sym) => {
                let t = backends::tokens(&conn, Some(chain_id))?
                    .into_iter()
                    .find(|t| t.symbol.eq_ignore_ascii_case(sym.trim()))
                    .ok_or_else(|| {
                        Error::NotFound(format!("token {} on chain {chain_id}", sym.trim()))
                    })?;
                (chain_id, t.symbol, u32::from(t.decimals))
            }
        }
    };
    let min = match &req.amount {
        Some(a) => amount::parse_units(a, decimals, "amount")?,
        None => 1,
    };
    let address = match &req.address {
        Some(a) => {
            let parsed = crate::sync::parse_address(a, "address")?;
            let vault = unlock()?;
            let conn = vault.read()?;
            let rows = wallets::find_addresses(&conn, &parsed.to_checksum(None))?;
            if !rows.iter().any(|r| r.wallet == w.name) {
                return Err(Error::invalid(
                    "address",
                    format!("{a} is not an address of wallet '{}'", w.name),
                ));
            }
            Some(parsed.to_checksum(None))
        }
        None => None,
    };
    let what = format!(
        "{} {currency} to {}",
        req.amount.as_deref().unwrap_or("a payment in"),
        address.as_deref().unwrap_or(&format!("wallet {}", w.name))
    );
    say(&format!(
        "coffer: waiting for {what} on chain {chain_id} with {} confirmation(s), up to {timeout} s\n",
        req.confirmations
    ));
    let started = std::time::Instant::now();
    let list = vec![w.clone()];
    let mut last_said = String::new();
    loop {
        let report = unlock().and_then(|vault| {
            crate::sync::sync(
                &vault,
                &crate::sync::SyncOptions {
                    wallet: Some(w.name.clone()),
                    ..Default::default()
                },
                |_| Ok(crate::sync::NoProgress),
            )
        })?;
        let tip = report
            .items
            .iter()
            .find(|i| i.chain_id == chain_id)
            .map_or(0, |i| i.tip);
        let vault = unlock()?;
        let conn = vault.read()?;
        let mut closest: Option<(String, u64)> = None;
        for i in watch::incoming(&conn, &list)? {
            let fits = i.live
                && i.amount.asset.network() == NetworkId::Evm(chain_id)
                && i.amount.asset.symbol() == currency
                && i.amount.abs_units() >= alloy_primitives::U256::from(min)
                && address.as_deref().is_none_or(|a| {
                    i.address
                        .as_deref()
                        .is_some_and(|b| b.eq_ignore_ascii_case(a))
                });
            if !fits {
                continue;
            }
            let c = i.confirmations();
            if c >= u64::from(req.confirmations) {
                let e = watch::event("confirmed", &i, i.address.clone());
                return Ok(Arrived {
                    wallet: e.wallet,
                    txid: e.txid,
                    amount: e.amount,
                    amount_sat: None,
                    confirmations: u32::try_from(c).unwrap_or(u32::MAX),
                    height: e.height.map(|h| u32::try_from(h).unwrap_or(u32::MAX)),
                    chain: e.chain,
                    network: e.network,
                    amount_units: e.amount_units,
                    asset: e.asset,
                    address: e.address,
                });
            }
            if closest.as_ref().is_none_or(|(_, b)| c > *b) {
                closest = Some((i.txid.clone(), c));
            }
        }
        next_round(
            tip,
            closest,
            req.confirmations,
            &mut last_said,
            started,
            (timeout, interval),
            say,
        )?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_lines_name_the_closest_payment() {
        assert_eq!(
            round_line(812, Some(&("ab".into(), 2)), 3),
            "coffer: block 812: ab has 2 of 3 confirmation(s)\n"
        );
        assert_eq!(round_line(7, None, 1), "coffer: block 7: nothing yet\n");
    }

    #[test]
    fn the_hook_event_of_an_arrival() {
        let a = Arrived {
            wallet: "w".into(),
            txid: "0xab".into(),
            amount: "1".into(),
            amount_sat: None,
            confirmations: 2,
            height: Some(9),
            chain: Chain::Eth,
            network: NetworkId::Evm(31337),
            amount_units: "1000000000000000000".into(),
            asset: Asset::Ether { chain_id: 31337 },
            address: None,
        };
        let e = a.event(2);
        assert_eq!(
            (e.event, e.chain_id, e.height),
            ("confirmed", Some(31337), Some(9))
        );
        assert_eq!(a.event(0).event, "payment");
    }
}
