//! Payment notifications: `receive watch` (one event per line: `payment`, `confirmed`,
//! `replaced`) and the `--exec` hook it and `receive wait` run, like Bitcoin Core's
//! `-walletnotify`.
//!
//! The events come from the vault's history after each `wallet sync`: what the vault
//! already held when the watch started is the baseline and is not announced again, so a
//! restarted watch announces only what its first sync brings.

use crate::chain::amount;
use crate::clock;
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::vault::{backends, txs, wallets};
use serde::Serialize;
use std::collections::HashMap;

/// Arguments of `receive watch`.
#[derive(Debug, clap::Args)]
pub struct WatchArgs {
    /// Only this wallet (default: every wallet).
    #[arg(long)]
    pub wallet: Option<String>,
    /// Confirmations for the `confirmed` event.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u64).range(1..))]
    pub confirmations: u64,
    /// How often to sync.
    #[arg(long, default_value = "5s", value_name = "DURATION")]
    pub interval: String,
    /// Stop (exit 0) after this many events.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub count: Option<u64>,
    /// Stop (exit 0) after this long, e.g. 30s, 10m, 2h (default: until stopped).
    #[arg(long, value_name = "DURATION")]
    pub timeout: Option<String>,
    /// Run this command through `sh -c` for each event (environment: COFFER_EVENT,
    /// COFFER_TXID, … see the README).
    #[arg(long, value_name = "CMD")]
    pub exec: Option<String>,
}

/// One notification: a line of `receive watch`, the environment of `--exec`.
#[derive(Debug, Clone, Serialize)]
pub struct Event {
    /// `payment`, `confirmed` or `replaced`.
    pub event: &'static str,
    /// The wallet.
    pub wallet: String,
    /// `btc` or `eth`.
    pub chain: &'static str,
    /// The Bitcoin network's name, or the EVM chain id as text.
    pub network: String,
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
    pub currency: String,
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
        match (self.chain, self.currency.as_str()) {
            ("btc", _) => "sat",
            (_, "ETH") => "wei",
            _ => "units",
        }
    }

    /// The one-line human form.
    pub fn human_line(&self) -> String {
        let to = self
            .address
            .as_deref()
            .map(|a| format!(" to {a}"))
            .unwrap_or_default();
        let conf = match self.event {
            "replaced" => "replaced or dropped".to_string(),
            _ => format!("{} confirmation(s)", self.confirmations),
        };
        crate::output::sanitize(&format!(
            "{} {:<9} {} {} {} {}{to} ({conf}) {}",
            self.time, self.event, self.wallet, self.network, self.amount, self.currency, self.txid
        ))
    }
}

impl crate::output::StreamEvent for Event {
    fn human_line(&self) -> String {
        Event::human_line(self)
    }
}

/// Environment variables never handed to the hook: every inherited `COFFER_*` but
/// [`KEPT_VARS`], and any name holding one of these words.
const SECRET_VARS: &[&str] = &["PASSWORD", "PASSPHRASE", "SESSION", "TOTP", "PIN", "SECRET"];

/// coffer's own variables a hook keeps (so a `coffer` call in it finds the same vault).
const KEPT_VARS: &[&str] = &["COFFER_HOME", "COFFER_USER"];

/// Runs `cmd` through `sh -c` with the event in its environment; its stdout goes to
/// coffer's stderr (stdout carries coffer's own output). A failure is a notice on stderr:
/// it never changes coffer's exit code.
pub fn run_hook(cmd: &str, e: &Event) {
    use std::os::fd::AsFd as _;
    let mut c = std::process::Command::new("sh");
    c.arg("-c").arg(cmd).stdin(std::process::Stdio::null());
    // Nothing of coffer's own configuration or secrets reaches the hook.
    for (k, _) in std::env::vars_os() {
        let name = k.to_string_lossy().to_ascii_uppercase();
        if (name.starts_with("COFFER_") && !KEPT_VARS.contains(&name.as_str()))
            || SECRET_VARS.iter().any(|s| name.contains(s))
        {
            c.env_remove(&k);
        }
    }
    c.env("COFFER_EVENT", e.event)
        .env("COFFER_WALLET", &e.wallet)
        .env("COFFER_CHAIN", e.chain)
        .env("COFFER_NETWORK", &e.network)
        .env(
            "COFFER_CHAIN_ID",
            e.chain_id.map(|i| i.to_string()).unwrap_or_default(),
        )
        .env("COFFER_TXID", &e.txid)
        .env("COFFER_ADDRESS", e.address.as_deref().unwrap_or(""))
        .env("COFFER_AMOUNT", &e.amount)
        .env("COFFER_AMOUNT_UNITS", &e.amount_units)
        .env("COFFER_UNITS", e.units_name())
        .env("COFFER_CURRENCY", &e.currency)
        .env("COFFER_CONFIRMATIONS", e.confirmations.to_string())
        .env(
            "COFFER_HEIGHT",
            e.height.map(|h| h.to_string()).unwrap_or_default(),
        )
        .env("COFFER_TIME", &e.time);
    if let Ok(fd) = std::io::stderr().as_fd().try_clone_to_owned() {
        c.stdout(std::process::Stdio::from(fd));
    }
    let failed = match c.status() {
        Ok(s) if s.success() => None,
        Ok(s) => Some(match s.code() {
            Some(code) => format!("exited with status {code}"),
            None => "was killed by a signal".to_string(),
        }),
        Err(err) => Some(format!("could not start ({err})")),
    };
    if let Some(why) = failed {
        crate::output::write_stderr(&crate::output::sanitize(&format!(
            "coffer: the --exec command {why} ({} {})\n",
            e.event, e.txid
        )));
    }
}

/// An incoming transaction as the vault records it.
struct Incoming {
    account_id: i64,
    wallet: String,
    chain: &'static str,
    network: String,
    chain_id: Option<u64>,
    txid: String,
    currency: String,
    units: u128,
    decimals: u32,
    live: bool,
    height: Option<u64>,
    address: Option<String>,
    tip: Option<u64>,
}

impl Incoming {
    fn confirmations(&self) -> u64 {
        match (self.live, self.height, self.tip) {
            (true, Some(h), Some(t)) => t.saturating_sub(h) + 1,
            (true, Some(_), None) => 1,
            _ => 0,
        }
    }
}

/// Every incoming transaction of the wallets' accounts (receive rows of history).
fn incoming(conn: &rusqlite::Connection, list: &[wallets::WalletRow]) -> Result<Vec<Incoming>> {
    let tokens = backends::tokens(conn, None)?;
    let mut out = vec![];
    for w in list {
        for a in &w.accounts {
            let chain: &'static str = if a.chain == crate::chain::Chain::Btc {
                "btc"
            } else {
                "eth"
            };
            let btc_network = if chain == "btc" {
                Some(crate::vault::engine::account_network(a)?.name().to_string())
            } else {
                None
            };
            let btc_tip = match chain {
                "btc" => txs::btc_sync(conn, a.id)?.map(|s| u64::from(s.tip_height)),
                _ => None,
            };
            for txs::Received {
                txid,
                asset,
                amount: amt,
                status,
                height,
                address,
                chain_id,
            } in txs::received(conn, a.id)?
            {
                let units: u128 = txs::stored::<i128>(&amt, "transaction amount")?.unsigned_abs();
                let chain_id = chain_id.map(|c| c as u64);
                let (network, tip, txid, decimals) = match chain {
                    "btc" => (
                        btc_network.clone().unwrap_or_default(),
                        btc_tip,
                        hex::encode(&txid),
                        8,
                    ),
                    _ => {
                        let id = chain_id.unwrap_or(0);
                        let tip = txs::eth_sync(conn, a.id, id)?.map(|(_, t)| t);
                        let decimals = if asset == "ETH" {
                            18
                        } else {
                            tokens
                                .iter()
                                .find(|t| t.chain_id == id && t.symbol == asset)
                                .map_or(0, |t| u32::from(t.decimals))
                        };
                        (
                            id.to_string(),
                            tip,
                            format!("0x{}", hex::encode(&txid)),
                            decimals,
                        )
                    }
                };
                out.push(Incoming {
                    account_id: a.id,
                    wallet: w.name.clone(),
                    chain,
                    network,
                    chain_id: if chain == "eth" { chain_id } else { None },
                    txid,
                    currency: asset,
                    units,
                    decimals,
                    live: status == "pending" || status == "confirmed",
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

fn event(kind: &'static str, i: &Incoming, address: Option<String>) -> Event {
    Event {
        event: kind,
        wallet: i.wallet.clone(),
        chain: i.chain,
        network: i.network.clone(),
        chain_id: i.chain_id,
        txid: i.txid.clone(),
        address,
        amount: if i.chain == "btc" {
            amount::format_btc(u64::try_from(i.units).unwrap_or(u64::MAX))
        } else {
            amount::format_units(i.units, i.decimals, false)
        },
        amount_units: i.units.to_string(),
        currency: i.currency.clone(),
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
    known: &mut HashMap<(i64, String), Tracked>,
    confirmations: u64,
    announce: bool,
) -> Result<Vec<Event>> {
    let mut events = vec![];
    for i in incoming(conn, list)? {
        let key = (i.account_id, i.txid.clone());
        let reached = i.live && i.confirmations() >= confirmations;
        match known.get_mut(&key) {
            None => {
                let mut address = i.address.clone();
                if announce && i.live {
                    if address.is_none() && i.chain == "btc" {
                        address = btc_address(conn, list, &i);
                    }
                    events.push(event("payment", &i, address.clone()));
                    if reached {
                        events.push(event("confirmed", &i, address.clone()));
                    }
                }
                known.insert(
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
                    if t.address.is_none() && i.chain == "btc" {
                        t.address = btc_address(conn, list, &i);
                    }
                    events.push(event("replaced", &i, t.address.clone()));
                } else if reached && !t.confirmed {
                    if t.address.is_none() {
                        t.address = i.address.clone();
                        if t.address.is_none() && i.chain == "btc" {
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

/// Runs `coffer receive watch`: prints each event as it comes (one JSON object per line
/// with --json) until --count events or --timeout.
pub fn watch(ctx: &Ctx, args: WatchArgs) -> Result<()> {
    let interval = clock::parse_duration(&args.interval)?.max(1);
    let timeout = args
        .timeout
        .as_deref()
        .map(clock::parse_duration)
        .transpose()?;
    let unlocked = ctx.unlock()?;
    let list = {
        let conn = unlocked.vault.read()?;
        match &args.wallet {
            Some(n) => vec![wallets::get(&conn, n)?],
            None => wallets::list(&conn)?,
        }
    };
    drop(unlocked);
    // The baseline: what the vault already knew.
    let mut known = HashMap::new();
    {
        let unlocked = ctx.unlock()?;
        let conn = unlocked.vault.read()?;
        compare(&conn, &list, &mut known, args.confirmations, false)?;
    }
    let started = std::time::Instant::now();
    let mut printed = 0u64;
    let mut first = true;
    loop {
        let synced = ctx.unlock().and_then(|u| {
            crate::sync::sync(
                &u.vault,
                &crate::sync::SyncOptions {
                    wallet: args.wallet.clone(),
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
                crate::output::write_stderr(&crate::output::sanitize(&format!(
                    "coffer: sync failed, retrying: {e}\n"
                )));
            }
            Err(e) => return Err(e),
        }
        first = false;
        let events = {
            let unlocked = ctx.unlock()?;
            // With the wallet engine: a Bitcoin payment's address comes from it.
            let conn = unlocked.vault.read_full()?;
            compare(&conn, &list, &mut known, args.confirmations, true)?
        };
        for e in events {
            let reader_there = ctx.out.event(&e).map_err(|err| {
                Error::Internal(anyhow::Error::new(err).context("writing output"))
            })?;
            // Whoever read the events has gone (`receive watch | head -1`): done.
            if !reader_there {
                return Ok(());
            }
            if let Some(cmd) = &args.exec {
                run_hook(cmd, &e);
            }
            printed += 1;
            if args.count.is_some_and(|n| printed >= n) {
                return Ok(());
            }
        }
        let waited = started.elapsed().as_secs();
        if let Some(t) = timeout {
            if waited >= t {
                return Ok(());
            }
            std::thread::sleep(std::time::Duration::from_secs(interval.min(t - waited)));
        } else {
            std::thread::sleep(std::time::Duration::from_secs(interval));
        }
    }
}

/// `receive wait` on an EVM chain: syncs the wallet every interval until history holds a
/// mined payment to it (or to --address) of at least --amount with --confirmations.
pub(crate) fn wait_eth(
    ctx: &Ctx,
    args: &super::WaitArgs,
    w: &wallets::WalletRow,
    timeout: u64,
    interval: u64,
) -> Result<super::Arrived> {
    let (chain_id, currency, decimals) = {
        let unlocked = ctx.unlock()?;
        let conn = unlocked.vault.read()?;
        let chain_id = match args.chain_id {
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
        match &args.token {
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
    let min = match &args.amount {
        Some(a) => amount::parse_units(a, decimals, "amount")?,
        None => 1,
    };
    let address = match &args.address {
        Some(a) => {
            let parsed = crate::sync::parse_address(a, "address")?;
            let unlocked = ctx.unlock()?;
            let conn = unlocked.vault.read()?;
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
        args.amount.as_deref().unwrap_or("a payment in"),
        address.as_deref().unwrap_or(&format!("wallet {}", w.name))
    );
    crate::output::write_stderr(&format!(
        "coffer: waiting for {what} on chain {chain_id} with {} confirmation(s), up to {timeout} s\n",
        args.confirmations
    ));
    let started = std::time::Instant::now();
    let list = vec![w.clone()];
    let mut last_said = String::new();
    loop {
        let report = ctx.unlock().and_then(|u| {
            crate::sync::sync(
                &u.vault,
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
        let unlocked = ctx.unlock()?;
        let conn = unlocked.vault.read()?;
        let mut closest: Option<(String, u64)> = None;
        for i in incoming(&conn, &list)? {
            let fits = i.chain == "eth"
                && i.live
                && i.chain_id == Some(chain_id)
                && i.currency == currency
                && i.units >= min
                && address.as_deref().is_none_or(|a| {
                    i.address
                        .as_deref()
                        .is_some_and(|b| b.eq_ignore_ascii_case(a))
                });
            if !fits {
                continue;
            }
            let c = i.confirmations();
            if c >= u64::from(args.confirmations) {
                let e = event("confirmed", &i, i.address.clone());
                return Ok(super::Arrived {
                    wallet: e.wallet,
                    txid: e.txid,
                    amount: e.amount,
                    amount_sat: None,
                    confirmations: u32::try_from(c).unwrap_or(u32::MAX),
                    height: e.height.map(|h| u32::try_from(h).unwrap_or(u32::MAX)),
                    chain: "eth",
                    network: e.network,
                    amount_units: e.amount_units,
                    currency: e.currency,
                    address: e.address,
                });
            }
            if closest.as_ref().is_none_or(|(_, b)| c > *b) {
                closest = Some((i.txid.clone(), c));
            }
        }
        super::next_round(
            tip,
            closest,
            args.confirmations,
            &mut last_said,
            started,
            (timeout, interval),
        )?;
    }
}
