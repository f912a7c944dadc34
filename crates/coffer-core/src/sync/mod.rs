//! `wallet sync`: the wallet's accounts brought up to their chains. Ethereum
//! ([`eth`]): every EVM account read on every chain with a backend, then one vault
//! write. Bitcoin ([`btc`]): each account read from its network's node on a snapshot
//! of the vault with no lock held, then applied in one write after re-checking that
//! nothing moved meanwhile. Also the backends a sync talks to: the stored Bitcoin node
//! of a network, the JSON-RPC client of an EVM chain, the default chain id, tokens.
//!
//! Nothing here draws a progress bar: the caller passes a [`Progress`] (a terminal's
//! bar, or [`NoProgress`]).

pub mod btc;
pub mod eth;

pub use btc::{
    BtcSyncOpts, BtcSynced, DEFAULT_GAP_LIMIT, Watched, sync_btc, sync_electrum, sync_esplora,
};
pub use eth::{Found, Receipt, Scanned, Synced, SyncedAddress, TokenBalance};

use crate::chain::eth::rpc::Rpc;
use crate::clock;
use crate::error::{Error, Result};
use crate::vault::{Vault, backends, wallets};
use alloy_primitives::Address;
use serde::Serialize;

/// How a sync shows how far it got: one step per block read, a message per account.
/// The command line implements it with a terminal progress bar.
pub trait Progress: Sync {
    /// Sets the number of steps.
    fn set_length(&self, len: u64);
    /// Adds `delta` steps to do.
    fn inc_length(&self, delta: u64);
    /// Sets the steps done.
    fn set_position(&self, pos: u64);
    /// Marks `delta` steps done.
    fn inc(&self, delta: u64);
    /// Says what is being read.
    fn set_message(&self, msg: String);
    /// The sync is over: the progress is no longer shown.
    fn finish(&self);
    /// A notice to show now (above the progress, on stderr), not when the command ends:
    /// a server that made the sync wait. By default queued with the other notices.
    fn note(&self, msg: String) {
        crate::vault::notice(msg);
    }
}

/// A [`Progress`] that shows nothing.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoProgress;

impl Progress for NoProgress {
    fn set_length(&self, _: u64) {}
    fn inc_length(&self, _: u64) {}
    fn set_position(&self, _: u64) {}
    fn inc(&self, _: u64) {}
    fn set_message(&self, _: String) {}
    fn finish(&self) {}
}

/// Stores the Bitcoin node of `network`: its URL and its credentials (`auth_json`, an
/// [`RpcAuth`](crate::chain::btc::rpc::RpcAuth) as JSON; kept in the vault, never
/// printed).
pub fn set_btc_node(
    c: &rusqlite::Connection,
    network: crate::chain::Network,
    url: &str,
    route: &crate::chain::net::Route,
    auth_json: &str,
    now: i64,
) -> Result<()> {
    backends::set(
        c,
        backends::Target::Bitcoin(network),
        backends::Kind::CoreRpc,
        url,
        route,
        now,
    )?;
    backends::set_btc_auth(c, network, Some(auth_json))
}

/// Stores the Electrum server of `network` (in place of a node: the node's credentials
/// are forgotten).
pub fn set_btc_electrum(
    c: &rusqlite::Connection,
    network: crate::chain::Network,
    url: &str,
    route: &crate::chain::net::Route,
    now: i64,
) -> Result<()> {
    backends::set(
        c,
        backends::Target::Bitcoin(network),
        backends::Kind::Electrum,
        url,
        route,
        now,
    )?;
    backends::set_btc_auth(c, network, None)
}

/// Forgets the Bitcoin node of `network` and its credentials.
pub fn remove_btc_node(c: &rusqlite::Connection, network: crate::chain::Network) -> Result<()> {
    backends::remove(c, backends::Target::Bitcoin(network))?;
    backends::set_btc_auth(c, network, None)
}

/// The stored Bitcoin node of `network` (URL and credentials), if one is set.
pub fn btc_node(
    conn: &rusqlite::Connection,
    network: crate::chain::Network,
) -> Result<Option<(String, crate::chain::btc::rpc::RpcAuth)>> {
    let Some(url) = backends::get(conn, backends::Target::Bitcoin(network))? else {
        return Ok(None);
    };
    let what = match backends::kind(conn, backends::Target::Bitcoin(network))? {
        Some(backends::Kind::Electrum) => Some("an Electrum server"),
        Some(backends::Kind::Esplora) => Some("an Esplora API"),
        _ => None,
    };
    if let Some(what) = what {
        return Err(Error::Usage(format!(
            "the Bitcoin backend of {} is {what} ({url}): this needs a \
             Bitcoin Core node; set one with `coffer wallet backend set btc --network {} \
             --rpc URL …`",
            network.name(),
            network.name()
        )));
    }
    // Credentials that do not decode are damage; their text is never shown.
    let auth: crate::chain::btc::rpc::RpcAuth = backends::btc_auth(conn, network)?
        .and_then(|a| serde_json::from_str(&a).ok())
        .ok_or_else(|| Error::VaultDamaged {
            reason: format!(
                "the stored credentials of the Bitcoin node of {} do not decode",
                network.name()
            ),
            dir: std::path::PathBuf::new(),
        })?;
    Ok(Some((url, auth)))
}

/// Where a Bitcoin account is synced from.
enum BtcSource {
    /// A Bitcoin Core node.
    Node(bdk_bitcoind_rpc::bitcoincore_rpc::Client),
    /// An Electrum server (its URL and how it is reached).
    Electrum(String, crate::chain::net::Route),
    /// An Esplora API (its URL and how it is reached).
    Esplora(String, crate::chain::net::Route),
}

/// The checked client of the Bitcoin node of `network`, if one is set.
pub fn btc_rpc(
    conn: &rusqlite::Connection,
    network: crate::chain::Network,
) -> Result<Option<bdk_bitcoind_rpc::bitcoincore_rpc::Client>> {
    let route = backends::route(conn, backends::Target::Bitcoin(network))?;
    btc_node(conn, network)?
        .map(|(url, auth)| Ok(crate::chain::btc::rpc::connect(&url, &route, &auth, network)?.0))
        .transpose()
}

/// The checked Bitcoin backend of `network` (a node or an Electrum server, by the stored
/// kind), if one is set.
pub fn btc_backend(
    conn: &rusqlite::Connection,
    network: crate::chain::Network,
) -> Result<Option<crate::chain::btc::backend::Backend>> {
    use crate::chain::btc::backend::Backend;
    let target = backends::Target::Bitcoin(network);
    if backends::kind(conn, target)? == Some(backends::Kind::Esplora) {
        let Some(url) = backends::get(conn, target)? else {
            return Ok(None);
        };
        let route = backends::route(conn, target)?;
        let (client, _) = crate::chain::btc::esplora::connect(&url, &route, network)?;
        return Ok(Some(Backend::Esplora(client)));
    }
    if backends::kind(conn, target)? == Some(backends::Kind::Electrum) {
        let Some(url) = backends::get(conn, target)? else {
            return Ok(None);
        };
        let route = backends::route(conn, target)?;
        let (client, _) = crate::chain::btc::electrum::connect(&url, &route, network)?;
        return Ok(Some(Backend::Electrum(
            std::sync::Mutex::new(client),
            url,
            route,
        )));
    }
    Ok(btc_rpc(conn, network)?.map(Backend::Node))
}

/// Brings one Bitcoin account up to `backend`'s tip: [`sync_btc`] through a node,
/// [`sync_electrum`] through an Electrum server.
pub fn sync_through(
    vault: &Vault,
    backend: &crate::chain::btc::backend::Backend,
    wallet: &wallets::WalletRow,
    account: &wallets::AccountRow,
    opts: BtcSyncOpts,
    progress: &dyn Progress,
) -> Result<BtcSynced> {
    match (backend.node(), backend.electrum_url()) {
        (Some(node), _) => sync_btc(vault, None, node, wallet, account, opts, progress),
        (None, Some(url)) => sync_electrum(vault, None, url, wallet, account, opts, progress),
        (None, None) if let Some(api) = backend.esplora() => sync_esplora(
            vault,
            None,
            (api.url(), &crate::chain::net::Route::direct()),
            wallet,
            account,
            opts,
            progress,
        ),
        (None, None) => Err(Error::Internal(anyhow::anyhow!(
            "a Bitcoin backend that is neither a node nor an Electrum server"
        ))),
    }
}

/// The checked JSON-RPC client of `chain_id`, if a backend is set.
pub fn eth_rpc(conn: &rusqlite::Connection, chain_id: u64) -> Result<Option<Rpc>> {
    let route = backends::route(conn, backends::Target::Evm(chain_id))?;
    backends::get(conn, backends::Target::Evm(chain_id))?
        .map(|url| Rpc::connect(&url, &route, chain_id))
        .transpose()
}

/// The settings key of the explorer API of `chain_id`.
fn explorer_key(chain_id: u64) -> String {
    format!("explorer.{chain_id}")
}

/// The explorer API set for `chain_id` (not checked here), if any, reached along the
/// route of the chain's endpoint (its proxy).
pub fn eth_explorer(
    conn: &rusqlite::Connection,
    chain_id: u64,
) -> Result<Option<crate::chain::eth::explorer::Explorer>> {
    let Some(raw) = crate::settings::raw(conn, &explorer_key(chain_id))? else {
        return Ok(None);
    };
    // Never the stored text in the error: it holds the API key.
    let damaged = || Error::VaultDamaged {
        reason: "a stored explorer setting does not decode".into(),
        dir: std::path::PathBuf::new(),
    };
    let v: serde_json::Value = serde_json::from_str(&raw).map_err(|_| damaged())?;
    let url = v["url"].as_str().ok_or_else(damaged)?;
    let route = backends::route(conn, backends::Target::Evm(chain_id))?;
    Ok(Some(crate::chain::eth::explorer::Explorer::new(
        url,
        v["key"].as_str(),
        chain_id,
        &route,
    )))
}

/// Stores (or with `None` forgets) the explorer API of `chain_id` and its key.
pub fn set_eth_explorer(
    conn: &rusqlite::Connection,
    chain_id: u64,
    explorer: Option<(&str, Option<&str>)>,
) -> Result<()> {
    let value =
        explorer.map(|(url, key)| serde_json::json!({ "url": url, "key": key }).to_string());
    crate::settings::set_raw(conn, &explorer_key(chain_id), value.as_deref())
}

/// The chain id a command without `--chain-id` acts on: the only EVM backend's. With
/// none, or several, `--chain-id` is needed (the error names the chain ids set).
pub fn default_chain_id(conn: &rusqlite::Connection, needs: &str) -> Result<u64> {
    let ids = backends::evm_chain_ids(conn)?;
    match ids.as_slice() {
        [only] => Ok(*only),
        [] => Err(Error::Usage(format!(
            "{needs} needs --chain-id (e.g. 1 for mainnet); it is optional once exactly one EVM backend is set"
        ))),
        many => Err(Error::Usage(format!(
            "several EVM backends are set (chain ids {}): choose one with --chain-id",
            many.iter()
                .map(u64::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

/// Parses an EIP-55 (or all-lower/upper-case) address given as `field`.
pub fn parse_address(s: &str, field: &'static str) -> Result<Address> {
    crate::chain::eth::validate_address(s).map_err(|e| match e {
        Error::InvalidInput { message, .. } => Error::invalid(field, message),
        e => e,
    })?;
    s.trim()
        .parse()
        .map_err(|_| Error::invalid(field, format!("'{s}' is not an address")))
}

/// The token given as `--token` (symbol or contract) on `chain_id`.
pub fn find_token(
    conn: &rusqlite::Connection,
    chain_id: u64,
    token: &str,
) -> Result<backends::Token> {
    backends::tokens(conn, Some(chain_id))?
        .into_iter()
        .find(|t| t.symbol.eq_ignore_ascii_case(token) || t.address.eq_ignore_ascii_case(token))
        .ok_or_else(|| {
            Error::NotFound(format!(
                "token {token} on chain id {chain_id} (add it with `coffer wallet token add`)"
            ))
        })
}

/// What a sync reads, and for whom.
#[derive(Debug, Clone, Default)]
pub struct SyncOptions {
    /// Only this wallet (default: every wallet).
    pub wallet: Option<String>,
    /// Bitcoin: read blocks from this height on (below the last sync: read them again;
    /// default: where the last sync stopped, the first from the wallet's birth).
    pub btc_from_height: Option<u64>,
    /// Ethereum: read transfers from this block on (default: where the last sync
    /// stopped; the first sync starts at the wallet's creation).
    pub eth_from_block: Option<u64>,
    /// Either of the two when only one chain family is synced; else a usage error.
    pub from_height: Option<u64>,
    /// Unused addresses to watch past the last one handed out.
    pub gap_limit: Option<u32>,
    /// Whether the result is shown to a person (see [`BtcSyncOpts::for_people`]).
    pub for_people: bool,
}

/// `wallet sync` output.
#[derive(Debug, Serialize)]
pub struct SyncReport {
    /// One item per EVM account and chain with a backend.
    pub items: Vec<Synced>,
    /// One item per Bitcoin account whose network has a node.
    pub bitcoin: Vec<BtcSynced>,
}

/// The sync's `--from-height` split: (Bitcoin height, Ethereum block). `--from-height`
/// alone is for whichever family is synced, and a usage error when both are.
fn start_heights(args: &SyncOptions, eth: bool, btc: bool) -> Result<(Option<u64>, Option<u64>)> {
    match args.from_height {
        None => Ok((args.btc_from_height, args.eth_from_block)),
        Some(_) if eth && btc => Err(Error::Usage(
            "--from-height is ambiguous: this sync reads both Bitcoin and Ethereum; give \
             --btc-from-height H and/or --eth-from-block N"
                .into(),
        )),
        Some(h) if eth => Ok((None, Some(h))),
        Some(h) => Ok((Some(h), None)),
    }
}

/// Runs `wallet sync` on `vault`: reads every Ethereum account first (a failing
/// endpoint records nothing), syncs each Bitcoin account whose network has a node (each
/// in its own write), then records the Ethereum reads in one write. `progress` is
/// called once, told whether there is any account to sync, for the [`Progress`] to use.
pub fn sync<P: Progress>(
    vault: &Vault,
    args: &SyncOptions,
    progress: impl FnOnce(bool) -> Result<P>,
) -> Result<SyncReport> {
    // One snapshot for everything read before the first write, which goes on from it
    // when nothing else wrote meanwhile (an up-to-date sync decrypts the vault once).
    let snapshot = vault.read_full_for_write()?;
    let now = clock::now();
    let read = snapshot.scratch(|conn| {
        let list = match &args.wallet {
            Some(n) => vec![wallets::get(conn, n)?],
            None => wallets::list(conn)?,
        };
        let chains = backends::evm_chain_ids(conn)?;
        // Read everything first; write only when every endpoint answered.
        let eth_accounts = list
            .iter()
            .flat_map(|w| w.accounts.iter())
            .filter(|a| a.chain == crate::chain::Chain::Eth)
            .count();
        // The progress (the command line's bar on a terminal): one step per account, and
        // one per block read.
        let btc_accounts = list
            .iter()
            .flat_map(|w| w.accounts.iter())
            .filter(|a| a.chain == crate::chain::Chain::Btc)
            .count();
        // Bitcoin accounts whose network has a node, with their node.
        let mut btc = vec![];
        for w in &list {
            for account in w
                .accounts
                .iter()
                .filter(|a| a.chain == crate::chain::Chain::Btc)
            {
                if account.external_descriptor.is_none() {
                    continue;
                }
                let network = crate::vault::engine::account_network(account)?;
                let target = backends::Target::Bitcoin(network);
                let kind = backends::kind(conn, target)?;
                if let Some(k @ (backends::Kind::Electrum | backends::Kind::Esplora)) = kind {
                    let url = backends::get(conn, target)?.unwrap_or_default();
                    let route = backends::route(conn, target)?;
                    let source = match k {
                        backends::Kind::Esplora => BtcSource::Esplora(url, route),
                        _ => BtcSource::Electrum(url, route),
                    };
                    btc.push((w.clone(), account.clone(), network, source));
                } else if let Some(client) = btc_rpc(conn, network)? {
                    btc.push((w.clone(), account.clone(), network, BtcSource::Node(client)));
                }
            }
        }
        // Which families this sync reads: an EVM account and a backend; a Bitcoin
        // account whose network has a node.
        let eth_synced = eth_accounts > 0 && !chains.is_empty();
        let (btc_from, eth_from) = start_heights(args, eth_synced, !btc.is_empty())?;
        let gap = args.gap_limit.unwrap_or(DEFAULT_GAP_LIMIT);
        let progress = progress(eth_accounts + btc_accounts > 0)?;
        // A long block scan saves its progress in small writes between its reads.
        let save = |w: &eth::SyncWrite| {
            vault.write_light(|c| eth::record(c, std::slice::from_ref(w), now, clock::now_ms()))
        };
        let (items, writes) = eth::read(conn, &list, chains, eth_from, gap, now, &progress, &save)?;
        Ok((btc, btc_from, progress, items, writes))
    })?;
    let (btc, btc_from, progress, items, writes) = read;
    let mut snapshot = Some(snapshot);
    let mut bitcoin = vec![];
    for (w, account, network, source) in &btc {
        progress.set_message(format!("{} on {}", w.name, network.name()));
        let opts = BtcSyncOpts {
            from_height: btc_from,
            gap_limit: args.gap_limit,
            for_people: args.for_people,
        };
        bitcoin.push(match source {
            BtcSource::Node(client) => {
                sync_btc(vault, snapshot.take(), client, w, account, opts, &progress)?
            }
            BtcSource::Electrum(url, route) => sync_electrum(
                vault,
                snapshot.take(),
                (url, route),
                w,
                account,
                opts,
                &progress,
            )?,
            BtcSource::Esplora(url, route) => sync_esplora(
                vault,
                snapshot.take(),
                (url, route),
                w,
                account,
                opts,
                &progress,
            )?,
        });
    }
    progress.finish();
    if !writes.is_empty() {
        let now_ms = clock::now_ms();
        let record = |c: &rusqlite::Connection| eth::record(c, &writes, now, now_ms);
        match snapshot {
            Some(s) => vault.write_from(s, record)?,
            None => vault.write(record)?,
        }
    }
    Ok(SyncReport { items, bitcoin })
}
