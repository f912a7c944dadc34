//! `coffer wallet backend`: the JSON-RPC endpoint of each EVM chain, and `coffer wallet
//! sync`: read balances, token balances, nonces and the receipts of pending transactions
//! from it. Network reads happen before the vault write, so a failing endpoint records
//! nothing.

use crate::chain::amount;
use crate::chain::eth::rpc::{self, Rpc};
use crate::chain::eth::scan;
use crate::chain::eth::tx;
use crate::clock;
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::output::{Human, Report};
use crate::vault::backends::{self, EthState};
use crate::vault::{txs, wallets};
use alloy_primitives::{Address, B256, U256};
use serde::Serialize;

/// `wallet backend` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum BackendCmd {
    /// Set the JSON-RPC endpoint of an EVM chain (checked: eth_chainId must match), or
    /// the Bitcoin Core node of a network (checked: its chain must be that network).
    ///
    /// Examples:
    ///   coffer wallet backend set eth --chain-id 1 --rpc https://eth.example.org
    ///   coffer wallet backend set eth --chain-id 31337 --rpc http://127.0.0.1:8545
    ///   coffer wallet backend set btc --network regtest --rpc http://127.0.0.1:18443 --rpc-cookie ~/.bitcoin/regtest/.cookie
    ///   coffer wallet backend set btc --network bitcoin --rpc http://127.0.0.1:8332 --rpc-user me --rpc-password-file pw.txt
    #[command(verbatim_doc_comment)]
    Set(SetArgs),
    /// List the configured endpoints.
    List,
    /// Remove an endpoint.
    Remove(RemoveArgs),
    /// Check an endpoint now: chain, height, (Bitcoin: version, initial block download),
    /// and the round trip.
    ///
    /// Examples:
    ///   coffer wallet backend test btc --network regtest
    ///   coffer wallet backend test eth --chain-id 1
    #[command(verbatim_doc_comment)]
    Test(RemoveArgs),
}

/// Chains with configurable backends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum BackendChain {
    /// An EVM chain, by chain id.
    Eth,
    /// A Bitcoin network, through a Bitcoin Core node.
    Btc,
}

/// Arguments of `wallet backend set`.
#[derive(Debug, clap::Args)]
pub struct SetArgs {
    /// The chain family.
    #[arg(value_enum)]
    pub chain: BackendChain,
    /// EIP-155 chain id (eth).
    #[arg(long, value_name = "ID")]
    pub chain_id: Option<u64>,
    /// The Bitcoin network (btc).
    #[arg(long, value_parser = crate::values::named::<crate::chain::Network>())]
    pub network: Option<crate::chain::Network>,
    /// The JSON-RPC URL (http:// or https://).
    #[arg(long, value_name = "URL")]
    pub rpc: String,
    /// btc: the node's cookie file.
    #[arg(long, value_name = "FILE", conflicts_with = "rpc_user")]
    pub rpc_cookie: Option<std::path::PathBuf>,
    /// btc: rpcuser…
    #[arg(long, value_name = "USER", requires = "rpc_password_file")]
    pub rpc_user: Option<String>,
    /// …and its rpcpassword, from FILE (kept in the vault, never printed).
    #[arg(long, value_name = "FILE", requires = "rpc_user")]
    pub rpc_password_file: Option<std::path::PathBuf>,
}

/// The settings key of a Bitcoin node's credentials.
fn btc_auth_key(network: crate::chain::Network) -> String {
    format!("btc_rpc_auth.{}", network.name())
}

/// The stored Bitcoin node of `network` (URL and credentials), if one is set.
pub fn btc_node(
    conn: &rusqlite::Connection,
    network: crate::chain::Network,
) -> Result<Option<(String, crate::chain::btc::rpc::RpcAuth)>> {
    use rusqlite::OptionalExtension as _;
    let Some(url) = backends::get(conn, "btc", network.name())? else {
        return Ok(None);
    };
    let auth: Option<String> = conn
        .query_row(
            "SELECT value FROM settings WHERE key = ?1",
            [btc_auth_key(network)],
            |r| r.get(0),
        )
        .optional()
        .map_err(anyhow::Error::from)?;
    let auth: crate::chain::btc::rpc::RpcAuth = auth
        .and_then(|a| serde_json::from_str(&a).ok())
        .ok_or_else(|| anyhow::anyhow!("the stored Bitcoin node credentials are unreadable"))?;
    Ok(Some((url, auth)))
}

/// The checked client of the Bitcoin node of `network`, if one is set.
pub fn btc_rpc(
    conn: &rusqlite::Connection,
    network: crate::chain::Network,
) -> Result<Option<bdk_bitcoind_rpc::bitcoincore_rpc::Client>> {
    btc_node(conn, network)?
        .map(|(url, auth)| Ok(crate::chain::btc::rpc::connect(&url, &auth, network)?.0))
        .transpose()
}

/// Arguments of `wallet backend remove`.
#[derive(Debug, clap::Args)]
pub struct RemoveArgs {
    /// The chain family.
    #[arg(value_enum)]
    pub chain: BackendChain,
    /// EIP-155 chain id (eth; default: the only EVM backend's).
    #[arg(long, value_name = "ID")]
    pub chain_id: Option<u64>,
    /// The Bitcoin network (btc).
    #[arg(long, value_parser = crate::values::named::<crate::chain::Network>())]
    pub network: Option<crate::chain::Network>,
}

/// The configured backends.
#[derive(Debug, Serialize)]
pub struct Backends {
    /// One per chain.
    pub items: Vec<BackendView>,
}

/// One backend.
#[derive(Debug, Serialize)]
pub struct BackendView {
    /// `eth`.
    pub chain: String,
    /// EVM chain id.
    pub chain_id: Option<u64>,
    /// The Bitcoin network (btc).
    pub network: Option<String>,
    /// The endpoint.
    pub rpc: String,
}

impl Report for Backends {
    fn human(&self, out: &mut Human) {
        if self.items.is_empty() {
            out.line("No backends; set one with `coffer wallet backend set eth --chain-id ID --rpc URL`.");
            return;
        }
        let rows = self
            .items
            .iter()
            .map(|b| {
                vec![
                    b.chain.clone(),
                    b.chain_id
                        .map(|c| c.to_string())
                        .or_else(|| b.network.clone())
                        .unwrap_or_default(),
                    b.rpc.clone(),
                ]
            })
            .collect();
        out.table(&["chain", "chain id / network", "rpc"], rows);
    }
}

fn view(b: backends::Backend) -> BackendView {
    BackendView {
        chain_id: b.network.parse().ok(),
        network: (b.chain == "btc").then(|| b.network.clone()),
        chain: b.chain,
        rpc: b.url,
    }
}

/// Runs `coffer wallet backend …`.
pub fn run(ctx: &Ctx, cmd: BackendCmd) -> Result<Backends> {
    let unlocked = ctx.unlock()?;
    match cmd {
        BackendCmd::Set(a) => {
            // Checked before anything is stored: the endpoint answers, on this chain.
            match a.chain {
                BackendChain::Eth => {
                    let id = a.chain_id.ok_or_else(|| {
                        Error::invalid("chain-id", "an EVM backend needs --chain-id")
                    })?;
                    Rpc::connect(&a.rpc, id)?;
                    unlocked.vault.write_light(|c| {
                        backends::set(c, "eth", &id.to_string(), &a.rpc, clock::now())
                    })?;
                }
                BackendChain::Btc => {
                    use crate::chain::btc::rpc::{RpcAuth, connect};
                    let network = a.network.ok_or_else(|| {
                        Error::invalid("network", "a Bitcoin backend needs --network")
                    })?;
                    let auth = match (&a.rpc_cookie, &a.rpc_user, &a.rpc_password_file) {
                        (Some(c), _, _) => {
                            RpcAuth::Cookie(std::path::absolute(c).map_err(|e| {
                                Error::invalid("rpc-cookie", format!("{}: {e}", c.display()))
                            })?)
                        }
                        (None, Some(u), Some(f)) => {
                            let p = ctx.input.secret(
                                Some(f),
                                "the RPC password",
                                "--rpc-password-file FILE",
                                false,
                            )?;
                            RpcAuth::UserPass(
                                u.clone(),
                                secrecy::ExposeSecret::expose_secret(&p).to_string(),
                            )
                        }
                        _ => {
                            return Err(Error::invalid(
                                "rpc-cookie",
                                "a Bitcoin node needs --rpc-cookie FILE, or --rpc-user and --rpc-password-file",
                            ));
                        }
                    };
                    connect(&a.rpc, &auth, network)?;
                    let json = serde_json::to_string(&auth).map_err(anyhow::Error::from)?;
                    unlocked.vault.write_light(|c| {
                        backends::set(c, "btc", network.name(), &a.rpc, clock::now())?;
                        c.execute(
                            "INSERT INTO settings (key, value) VALUES (?1, ?2)
                             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                            [btc_auth_key(network), json.clone()],
                        )
                        .map_err(anyhow::Error::from)?;
                        Ok(())
                    })?;
                }
            }
        }
        BackendCmd::Remove(a) => match a.chain {
            BackendChain::Eth => {
                let id = match a.chain_id {
                    Some(id) => id,
                    None => default_chain_id(&unlocked.vault.read()?, "removing an EVM backend")?,
                };
                unlocked
                    .vault
                    .write_light(|c| backends::remove(c, "eth", &id.to_string()))?;
            }
            BackendChain::Btc => {
                let network = a.network.ok_or_else(|| {
                    Error::invalid("network", "a Bitcoin backend is named by --network")
                })?;
                unlocked.vault.write_light(|c| {
                    backends::remove(c, "btc", network.name())?;
                    c.execute(
                        "DELETE FROM settings WHERE key = ?1",
                        [btc_auth_key(network)],
                    )
                    .map_err(anyhow::Error::from)?;
                    Ok(())
                })?;
            }
        },
        BackendCmd::Test(_) => {
            return Err(Error::Usage(
                "internal: backend test is run by backend::test".into(),
            ));
        }
        BackendCmd::List => {}
    }
    let conn = unlocked.vault.read()?;
    Ok(Backends {
        items: backends::list(&conn)?.into_iter().map(view).collect(),
    })
}

/// `wallet backend test` output.
#[derive(Debug, Serialize)]
pub struct Tested {
    /// `eth` or `btc`.
    pub chain: String,
    /// The endpoint.
    pub rpc: String,
    /// EVM chain id.
    pub chain_id: Option<u64>,
    /// Bitcoin: the node's version, chain, height, initial block download.
    pub node: Option<crate::chain::btc::rpc::NodeInfo>,
    /// EVM: the latest block.
    pub block: Option<u64>,
    /// The round trip of one call (ms).
    pub rtt_ms: u64,
}

impl Report for Tested {
    fn human(&self, out: &mut Human) {
        out.kv("Endpoint", &self.rpc);
        if let Some(n) = &self.node {
            out.kv("Node", &n.version);
            out.kv("Chain", &n.chain);
            out.kv("Height", n.height.to_string());
            out.kv(
                "Initial block download",
                if n.initial_block_download {
                    "yes (still syncing)"
                } else {
                    "no"
                },
            );
        }
        if let (Some(id), Some(b)) = (self.chain_id, self.block) {
            out.kv("Chain id", id.to_string());
            out.kv("Latest block", b.to_string());
        }
        out.kv("Round trip", format!("{} ms", self.rtt_ms));
    }
}

/// Runs `coffer wallet backend test`.
pub fn test(ctx: &Ctx, a: RemoveArgs) -> Result<Tested> {
    let conn = ctx.unlock()?.vault.read()?;
    match a.chain {
        BackendChain::Btc => {
            let network = a.network.ok_or_else(|| {
                Error::invalid("network", "a Bitcoin backend is named by --network")
            })?;
            let (url, auth) = btc_node(&conn, network)?
                .ok_or_else(|| Error::NotFound(format!("a Bitcoin node for {}", network.name())))?;
            let (_, info) = crate::chain::btc::rpc::connect(&url, &auth, network)?;
            Ok(Tested {
                chain: "btc".into(),
                rpc: url,
                chain_id: None,
                rtt_ms: info.rtt_ms,
                node: Some(info),
                block: None,
            })
        }
        BackendChain::Eth => {
            let id = match a.chain_id {
                Some(id) => id,
                None => default_chain_id(&conn, "testing an EVM backend")?,
            };
            let url = backends::get(&conn, "eth", &id.to_string())?
                .ok_or_else(|| Error::NotFound(format!("a backend for chain {id}")))?;
            let t0 = std::time::Instant::now();
            let rpc = Rpc::connect(&url, id)?;
            let block = rpc.block_number()?;
            Ok(Tested {
                chain: "eth".into(),
                rpc: url,
                chain_id: Some(id),
                node: None,
                block: Some(block),
                rtt_ms: t0.elapsed().as_millis() as u64,
            })
        }
    }
}

/// The checked JSON-RPC client of `chain_id`, if a backend is set.
pub fn eth_rpc(conn: &rusqlite::Connection, chain_id: u64) -> Result<Option<Rpc>> {
    backends::get(conn, "eth", &chain_id.to_string())?
        .map(|url| Rpc::connect(&url, chain_id))
        .transpose()
}

/// The chain id a command without `--chain-id` acts on: the only EVM backend's. With
/// none, or several, `--chain-id` is needed (the error names the chain ids set).
pub fn default_chain_id(conn: &rusqlite::Connection, needs: &str) -> Result<u64> {
    let ids: Vec<u64> = backends::list(conn)?
        .into_iter()
        .filter(|b| b.chain == "eth")
        .filter_map(|b| b.network.parse().ok())
        .collect();
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

/// Arguments of `wallet sync`.
#[derive(Debug, clap::Args)]
pub struct SyncArgs {
    /// Only this wallet (default: every wallet).
    #[arg(long)]
    pub wallet: Option<String>,
    /// Bitcoin: read blocks from this height on (below the last sync: read them again;
    /// default: where the last sync stopped, the first from the wallet's birth).
    #[arg(long, value_name = "H")]
    pub btc_from_height: Option<u64>,
    /// Ethereum: read transfers from this block on (default: where the last sync
    /// stopped; the first sync starts at the wallet's creation, so a restored or
    /// imported wallet with older history needs this once).
    #[arg(long, value_name = "N")]
    pub eth_from_block: Option<u64>,
    /// Either of the two when only one chain family is synced (a Bitcoin node or an EVM
    /// backend, not both); else a usage error.
    #[arg(long, value_name = "H", conflicts_with_all = ["btc_from_height", "eth_from_block"])]
    pub from_height: Option<u64>,
    /// Unused addresses to watch past the last one handed out (Bitcoin: on each branch,
    /// default 20 or the last one given, and a wider one than before reads the blocks
    /// again from where the first sync began; Ethereum: default 20, past the last
    /// revealed or used address, each sync).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub gap_limit: Option<u32>,
}

/// What `wallet sync` read for one account on one chain.
#[derive(Debug, Serialize)]
pub struct Synced {
    /// The wallet.
    pub wallet: String,
    /// EVM chain id.
    pub chain_id: u64,
    /// The account's first address (index 0).
    pub address: String,
    /// Ether balance of the account: the sum over its addresses (decimal).
    pub balance: String,
    /// The same in wei.
    pub balance_wei: String,
    /// Transactions sent from all its addresses (the sum of their nonces).
    pub nonce: u64,
    /// Unused addresses watched past the last revealed or used one (0 for a
    /// single-address watch-only account).
    pub gap_limit: u32,
    /// The last address index read.
    pub watched_to: u32,
    /// Each revealed address, and each one past them that was found used (now revealed).
    pub addresses: Vec<SyncedAddress>,
    /// The blocks read for transfers (none when already up to date).
    pub scanned: Option<Scanned>,
    /// The node's latest block.
    pub tip: u64,
    /// Transfers found in those blocks (ether and tokens, both directions).
    pub transfers: Vec<Found>,
    /// Token balances.
    pub tokens: Vec<TokenBalance>,
    /// Receipts of transactions that were pending.
    pub receipts: Vec<Receipt>,
}

/// What a sync read for one address of an EVM account.
#[derive(Debug, Serialize)]
pub struct SyncedAddress {
    /// Its index (`m/44'/60'/0'/0/index`).
    pub index: u32,
    /// The address (EIP-55).
    pub address: String,
    /// Its derivation path.
    pub path: String,
    /// Ether (decimal).
    pub balance: String,
    /// The same in wei.
    pub balance_wei: String,
    /// Its nonce (transactions it sent).
    pub nonce: u64,
    /// Its token balances.
    pub tokens: Vec<TokenBalance>,
}

/// A token balance.
#[derive(Debug, Serialize)]
pub struct TokenBalance {
    /// Symbol.
    pub symbol: String,
    /// Contract.
    pub address: String,
    /// Balance (decimal).
    pub balance: String,
    /// The same in base units.
    pub balance_units: String,
}

/// A block range read by `wallet sync`.
#[derive(Debug, Serialize)]
pub struct Scanned {
    /// First block.
    pub from: u64,
    /// Last block.
    pub to: u64,
}

/// A transfer found by `wallet sync`.
#[derive(Debug, Serialize)]
pub struct Found {
    /// Transaction hash.
    pub hash: String,
    /// `receive`, `send` or `self`.
    #[serde(rename = "type")]
    pub kind: String,
    /// `ETH` or the token symbol.
    pub currency: String,
    /// Amount (decimal, positive).
    pub amount: String,
    /// The same in base units (wei or token units).
    pub amount_units: String,
    /// Our address that moved (the sender's for a self-transfer).
    pub address: String,
    /// The other side (for a self-transfer: our receiving address).
    pub counterparty: String,
    /// Block number.
    pub block: u64,
    /// The `Transfer` log's index in its block (token movements; null for ether).
    pub log_index: Option<u64>,
    /// `confirmed` or `failed`.
    pub status: String,
}

/// A receipt of one of our transactions.
#[derive(Debug, Serialize)]
pub struct Receipt {
    /// Transaction hash.
    pub hash: String,
    /// `confirmed`, `failed` or `pending` (not mined yet).
    pub status: String,
    /// Block number.
    pub block: Option<u64>,
    /// Confirmations (blocks since, inclusive).
    pub confirmations: Option<u64>,
    /// Gas used.
    pub gas_used: Option<u64>,
    /// Effective fee: gas used x effective gas price (wei).
    pub fee_wei: Option<String>,
}

/// `wallet sync` output.
#[derive(Debug, Serialize)]
pub struct SyncReport {
    /// One item per EVM account and chain with a backend.
    pub items: Vec<Synced>,
    /// One item per Bitcoin account whose network has a node.
    pub bitcoin: Vec<BtcSynced>,
}

/// What `wallet sync` did for one Bitcoin account.
#[derive(Debug, Serialize)]
pub struct BtcSynced {
    /// The wallet.
    pub wallet: String,
    /// Its network.
    pub network: String,
    /// The node's tip the wallet is now at.
    pub tip: u32,
    /// Blocks read.
    pub blocks: u32,
    /// The first block read, when any was.
    pub from_height: Option<u32>,
    /// Set when blocks already read were read again (`--btc-from-height` below the last
    /// sync, or a wider gap limit): the height it started at.
    pub rescanned_from: Option<u32>,
    /// Transactions of the wallet found in them and in the mempool.
    pub transactions: usize,
    /// Transactions found conflicting with confirmed ones (now `failed`).
    pub failed: Vec<String>,
    /// Payments `send` recorded whose broadcast a crash interrupted (after its commit),
    /// sent through the node now.
    pub broadcast: Vec<String>,
    /// Unused addresses watched past the last revealed one on each branch.
    pub gap_limit: u32,
    /// The last address index watched on each branch.
    pub watched: Watched,
    /// The balance now (confirmed, pending; BTC).
    pub confirmed: String,
    /// Pending.
    pub pending: String,
    /// Whether to say "Paid to a later address?": the window watched moved since it was
    /// last said (people only).
    #[serde(skip)]
    pub gap_hint: bool,
}

/// The last address index a sync watched, per branch.
#[derive(Debug, Serialize)]
pub struct Watched {
    /// Receive addresses (…/0/i).
    pub receive: u32,
    /// Change addresses (…/1/i); null for a single-descriptor wallet.
    pub change: Option<u32>,
}

/// The gap limit of a Bitcoin sync unless `--gap-limit` or an earlier one says otherwise.
pub const DEFAULT_GAP_LIMIT: u32 = 20;

/// How a Bitcoin sync reads the chain.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct BtcSyncOpts {
    /// Read blocks from this height (below the last sync: read them again).
    pub from_height: Option<u64>,
    /// Unused addresses to watch past the last revealed one (kept for later syncs; a
    /// wider one than before reads the blocks again from the first sync's start).
    pub gap_limit: Option<u32>,
    /// Whether the result is shown to a person, who is then told "Paid to a later
    /// address?" when the window watched is new (and it is recorded as said); scripts
    /// (`--json`) and `receive wait` leave the record alone.
    pub for_people: bool,
}

/// How many times a Bitcoin sync reads the node again when another writer moved the
/// wallet's chain, or revealed addresses past the window it watched, while it read.
const SYNC_ATTEMPTS: usize = 3;

/// What a Bitcoin sync read from the node on a snapshot of the vault, with no lock held,
/// to be applied in one vault write (see [`sync_btc`]).
struct BtcFetch {
    /// The account's engine change sets when the snapshot was taken.
    start_rows: Vec<Vec<u8>>,
    /// The wallet's checkpoint then (height, hash).
    start_tip: (u32, bitcoin::BlockHash),
    /// The next address index of each branch once read: past it, addresses revealed
    /// meanwhile (`addr new`) moved the window watched, and the node is read again.
    watched_next: Vec<u32>,
    /// Whether the engine was a rebuilt one (its blocks read again).
    rebuilt: bool,
    /// What the reading added to the engine.
    delta: crate::chain::btc::wallet::EngineDelta,
    gap: u32,
    start: u32,
    first_read: u32,
    rescan: bool,
    blocks: u32,
    stored_start: u32,
    touched: Vec<bitcoin::Txid>,
    failed: Vec<bitcoin::Txid>,
    reorg_from: Option<u32>,
    /// Payments marked as not broadcast yet that the reading looked at (the marks are
    /// cleared), and those it broadcast.
    marks: Vec<String>,
    broadcast: Vec<String>,
}

/// Brings one Bitcoin account up to its node's tip and mempool (bdk_bitcoind_rpc's
/// emitter: blocks connected to the wallet's own checkpoint, so a reorganisation is
/// followed). The node is read with no lock held, on a snapshot of the vault; the result
/// is applied in one vault write, after checking that the wallet's checkpoint is still
/// the one the reading started from (another writer that moved it: read again, from the
/// new state, at most [`SYNC_ATTEMPTS`] times). A failure while reading records nothing.
pub(crate) fn sync_btc(
    unlocked: &crate::context::Unlocked,
    client: &bdk_bitcoind_rpc::bitcoincore_rpc::Client,
    wallet: &wallets::WalletRow,
    account: &wallets::AccountRow,
    opts: BtcSyncOpts,
    progress: &indicatif::ProgressBar,
) -> Result<BtcSynced> {
    use crate::chain::btc::rpc::{node_error, require_synced};
    use bdk_bitcoind_rpc::bitcoincore_rpc::RpcApi as _;
    let info = client.get_blockchain_info().map_err(node_error)?;
    require_synced(&crate::chain::btc::rpc::NodeInfo {
        version: String::new(),
        chain: String::new(),
        height: info.blocks,
        initial_block_download: info.initial_block_download,
        rtt_ms: 0,
    })?;
    let node_tip = u32::try_from(info.blocks).unwrap_or(u32::MAX);
    for _ in 0..SYNC_ATTEMPTS {
        let fetched = fetch_btc(unlocked, client, wallet, account, opts, progress, node_tip)?;
        if let Some(done) = unlocked
            .vault
            .write(|c| apply_btc(c, wallet, account, opts, &fetched))?
        {
            return Ok(done);
        }
        progress.set_position(0);
        progress.set_length(0);
    }
    Err(Error::Backend(format!(
        "the Bitcoin wallet '{}' kept changing while it synced (other coffer commands wrote \
         it {SYNC_ATTEMPTS} times meanwhile): nothing was recorded; run `coffer wallet sync` again",
        wallet.name
    )))
}

/// The reading half of [`sync_btc`]: everything the node says, applied to the wallet of a
/// snapshot (never saved), with no lock held.
fn fetch_btc(
    unlocked: &crate::context::Unlocked,
    client: &bdk_bitcoind_rpc::bitcoincore_rpc::Client,
    wallet: &wallets::WalletRow,
    account: &wallets::AccountRow,
    opts: BtcSyncOpts,
    progress: &indicatif::ProgressBar,
    node_tip: u32,
) -> Result<BtcFetch> {
    use crate::chain::btc::rpc::node_error;
    use crate::chain::btc::wallet::BtcWallet;
    use bdk_bitcoind_rpc::Emitter;
    use bdk_bitcoind_rpc::bitcoincore_rpc::RpcApi as _;
    let height_of = |h: u64| u32::try_from(h).unwrap_or(u32::MAX);
    // A throwaway copy: what the reading writes into it is never saved.
    let c = &unlocked.vault.read_full()?;
    let start_rows = txs::changesets(c, account.id)?;
    let state = txs::btc_sync(c, account.id)?;
    let gap = opts
        .gap_limit
        .or(state.map(|s| s.gap_limit))
        .unwrap_or(DEFAULT_GAP_LIMIT);
    // A wider gap limit than before, or an engine rebuilt from the vault (which lost
    // the real block hashes): the blocks are read again from the first sync's start.
    let rebuilt_key = crate::chain::btc::rebuild::rescan_key(account.id);
    let rebuilt = crate::vault::meta(c, &rebuilt_key)?.is_some();
    let widened =
        rebuilt || matches!((opts.gap_limit, state), (Some(g), Some(s)) if g > s.gap_limit);
    let mut bw = BtcWallet::open_with(c, account, gap)?;
    let start_cp = bw.inner.latest_checkpoint();
    let start_tip = (start_cp.height(), start_cp.hash());
    if rebuilt {
        // The rebuilt engine's blocks are placeholders: forget them, and read the
        // real ones again from the first sync's start.
        bw.truncate_chain(c, 0)?;
    }
    let cp = bw.inner.latest_checkpoint();
    // Where to read from: as asked; the first sync's start again for a wider gap
    // limit; on from the wallet's checkpoint; or, the first time, from the wallet's
    // birth (a day's margin for block times) when coffer made its keys, else genesis.
    let first_start = match state {
        Some(s) => s.start_height,
        None if cp.height() > 0 => 0,
        None => match wallets::birth(c, wallet.id)? {
            Some(b) => height_of(crate::chain::btc::rpc::first_block_at(client, b - 86_400)?),
            None => 0,
        },
    };
    let start = match opts.from_height {
        Some(h) => height_of(h),
        None if widened => first_start,
        None if state.is_none() && cp.height() == 0 => first_start,
        None => cp.height(),
    };
    // Reading again below the checkpoint: the emitter starts from the block before.
    let rescan = start <= cp.height() && (opts.from_height.is_some() || widened);
    let from_cp = if rescan {
        cp.floor_at(start.saturating_sub(1)).unwrap_or(cp.clone())
    } else {
        cp.clone()
    };
    let first_read = start.max(from_cp.height() + 1);
    if node_tip >= first_read {
        progress.inc_length(u64::from(node_tip - first_read + 1));
    }
    let expected: Vec<std::sync::Arc<bitcoin::Transaction>> = bw
        .inner
        .transactions()
        .filter(|t| !t.chain_position.is_confirmed())
        .map(|t| t.tx_node.tx.clone())
        .collect();
    let mut emitter = Emitter::new(client, from_cp, start, expected);
    let mut touched = vec![];
    let mut blocks = 0;
    let mut lowest: Option<u32> = None;
    while let Some(ev) = emitter.next_block().map_err(node_error)? {
        let height = ev.block_height();
        lowest = Some(lowest.map_or(height, |l| l.min(height)));
        for tx in &ev.block.txdata {
            if bw.is_relevant(tx) {
                touched.push(tx.compute_txid());
            }
        }
        bw.inner
            .apply_block_connected_to(&ev.block, height, ev.connected_to())
            .map_err(|e| {
                Error::Backend(format!("the node's block {height} does not connect: {e}"))
            })?;
        blocks += 1;
        progress.inc(1);
    }
    // Blocks read at or below the old tip replaced (or re-read) those: the
    // transactions recorded as confirmed there are looked at again.
    bw.reorg_from = lowest.filter(|l| *l <= cp.height());
    // A node whose chain got shorter (its tip invalidated, nothing in its place yet)
    // emits nothing: our blocks above the last one it still has are forgotten.
    let now_tip = client.get_block_count().map_err(node_error)?;
    let ours = bw.inner.latest_checkpoint();
    let mut agreement = None;
    for cp in ours.iter() {
        if u64::from(cp.height()) <= now_tip
            && client
                .get_block_hash(u64::from(cp.height()))
                .map_err(node_error)?
                == cp.hash()
        {
            agreement = Some(cp.height());
            break;
        }
    }
    if let Some(a) = agreement.filter(|a| *a < ours.height()) {
        bw.truncate_chain(c, a)?;
    }
    let mempool = emitter.mempool().map_err(node_error)?;
    let in_mempool: std::collections::HashSet<bitcoin::Txid> = mempool
        .update
        .iter()
        .map(|(tx, _)| tx.compute_txid())
        .collect();
    for (tx, _) in &mempool.update {
        if bw.is_relevant(tx) {
            touched.push(tx.compute_txid());
        }
    }
    bw.inner.apply_evicted_txs(mempool.evicted.clone());
    bw.inner.apply_unconfirmed_txs(mempool.update);
    // Ours that are neither in a block of the chain nor in the node's mempool (evicted,
    // or their block was replaced): the node says whether they can still confirm.
    let confirmed: std::collections::HashSet<bitcoin::Txid> = bw
        .inner
        .transactions()
        .filter(|t| t.chain_position.is_confirmed())
        .map(|t| t.tx_node.txid)
        .collect();
    let mut orphans: Vec<std::sync::Arc<bitcoin::Transaction>> = vec![];
    for (txid, _) in &mempool.evicted {
        if let Some(t) = bw.inner.tx_graph().get_tx(*txid) {
            orphans.push(t);
        }
    }
    if let Some(h) = bw.reorg_from {
        for t in txs::txids_confirmed_from(c, account.id, h)? {
            if let Ok(id) = t.parse::<bitcoin::Txid>()
                && !confirmed.contains(&id)
                && !in_mempool.contains(&id)
                && let Some(tx) = bw.inner.tx_graph().get_tx(id)
            {
                orphans.push(tx);
            }
        }
    }
    // Payments `send` recorded but never broadcast (a crash between its commit and the
    // broadcast): sent now, unless the node has them; one it refuses is looked at as
    // the others below.
    let marks = txs::unbroadcast(c, account.id)?;
    let mut broadcast = vec![];
    for t in &marks {
        let Ok(id) = t.parse::<bitcoin::Txid>() else {
            continue;
        };
        if confirmed.contains(&id)
            || in_mempool.contains(&id)
            || txs::get(c, account.id, t)?.is_none_or(|r| r.status != "pending")
        {
            continue;
        }
        let Some(tx) = bw.inner.tx_graph().get_tx(id) else {
            continue;
        };
        if client.send_raw_transaction(tx.as_ref()).is_ok() {
            broadcast.push(t.clone());
            touched.push(id);
        } else {
            orphans.push(tx);
        }
    }
    let now_secs = u64::try_from(clock::now()).unwrap_or(0);
    // Seen after its eviction (an eviction at the same second would win).
    let revive_at = mempool
        .evicted
        .iter()
        .map(|(_, t)| *t)
        .fold(now_secs, u64::max)
        + 1;
    let mut failed = vec![];
    let mut revived = vec![];
    for tx in orphans {
        let txid = tx.compute_txid();
        let verdict = client
            .test_mempool_accept(&[tx.as_ref()])
            .map_err(node_error)?;
        let reason = verdict
            .first()
            .and_then(|v| v.reject_reason.clone())
            .unwrap_or_default();
        if reason.contains("missingorspent") || reason.contains("missing-inputs") {
            failed.push(txid);
            bw.inner.apply_evicted_txs([(txid, now_secs)]);
        } else if verdict.first().is_some_and(|v| v.allowed) {
            // Still valid (its block was replaced and the node did not take it back):
            // pending again.
            revived.push((tx.clone(), revive_at));
        }
        touched.push(txid);
    }
    bw.inner.apply_unconfirmed_txs(revived);
    let reorg_from = bw.reorg_from;
    // Stored in the snapshot only, to read back what the reading added.
    bw.save(c, &[], clock::now_ms())?;
    drop(bw);
    let watched_next = [0, 1]
        .into_iter()
        .map(|b| wallets::next_index(c, account.id, b))
        .collect::<Result<Vec<u32>>>()?;
    let delta = crate::chain::btc::wallet::engine_delta(c, account.id, &start_rows)?;
    touched.sort();
    touched.dedup();
    let stored_start = match state {
        Some(s) => s.start_height.min(start),
        None if cp.height() > 0 => 0,
        None => start,
    };
    Ok(BtcFetch {
        start_rows,
        start_tip,
        watched_next,
        rebuilt,
        delta,
        gap,
        start,
        first_read,
        rescan,
        blocks,
        stored_start,
        touched,
        failed,
        reorg_from,
        marks,
        broadcast,
    })
}

/// The recording half of [`sync_btc`], inside the vault write: `None` when another
/// writer moved the wallet's chain (or revealed more addresses than the reading
/// covered) since the snapshot, and the node must be read again.
fn apply_btc(
    c: &rusqlite::Connection,
    wallet: &wallets::WalletRow,
    account: &wallets::AccountRow,
    opts: BtcSyncOpts,
    f: &BtcFetch,
) -> Result<Option<BtcSynced>> {
    use crate::chain::btc::wallet::{BtcWallet, account_network};
    let network = account_network(account)?;
    let gap = f.gap;
    let rebuilt_key = crate::chain::btc::rebuild::rescan_key(account.id);
    let rows = txs::changesets(c, account.id)?;
    if rows != f.start_rows {
        // Another writer changed the engine: still consistent when the chain it holds
        // is the one the reading started from (a payment recorded meanwhile).
        let rebuilt = crate::vault::meta(c, &rebuilt_key)?.is_some();
        let bw = BtcWallet::open_with(c, account, gap)?;
        let cp = bw.inner.latest_checkpoint();
        if rebuilt != f.rebuilt || (cp.height(), cp.hash()) != f.start_tip {
            return Ok(None);
        }
    }
    for (b, watched) in f.watched_next.iter().enumerate() {
        if wallets::next_index(c, account.id, b as u32)? > *watched {
            return Ok(None);
        }
    }
    crate::chain::btc::wallet::apply_engine_delta(c, account.id, &f.delta)?;
    let mut bw = BtcWallet::open_with(c, account, gap)?;
    bw.failed = f.failed.iter().copied().collect();
    bw.reorg_from = f.reorg_from;
    // Ours as the vault's wallet sees them.
    let touched: Vec<bitcoin::Txid> = f
        .touched
        .iter()
        .copied()
        .filter(|t| {
            bw.inner
                .tx_graph()
                .get_tx(*t)
                .is_some_and(|tx| bw.is_relevant(&tx))
        })
        .collect();
    let tip = bw.inner.latest_checkpoint().height();
    bw.save(c, &touched, clock::now_ms())?;
    for t in &f.marks {
        txs::clear_unbroadcast(c, account.id, t)?;
    }
    txs::set_btc_sync(
        c,
        account.id,
        &txs::BtcSync {
            start_height: f.stored_start,
            gap_limit: gap,
            tip_height: tip,
            synced_at: clock::now(),
        },
    )?;
    if f.rebuilt {
        c.execute("DELETE FROM meta WHERE key = ?1", [&rebuilt_key])
            .map_err(|e| anyhow::anyhow!("recording the rescan: {e}"))?;
    }
    let watched = |k: bdk_wallet::KeychainKind| {
        bw.inner
            .derivation_index(k)
            .map_or(gap.saturating_sub(1), |i| i.saturating_add(gap))
    };
    let receive_watched = watched(bdk_wallet::KeychainKind::External);
    // "Paid to a later address?" is said when the window watched is new (the first
    // sync, a wider gap, addresses used or revealed since), not at every sync.
    let hint_key = format!("gap_hint:{}", account.id);
    let window = format!("{gap}:{receive_watched}");
    let gap_hint =
        opts.for_people && crate::vault::meta(c, &hint_key)?.as_deref() != Some(window.as_str());
    if gap_hint {
        crate::vault::set_meta(c, &hint_key, &window)?;
    }
    let b = bw.inner.balance();
    Ok(Some(BtcSynced {
        gap_hint,
        wallet: wallet.name.clone(),
        network: network.name().into(),
        tip,
        blocks: f.blocks,
        from_height: (f.blocks > 0).then_some(f.first_read),
        rescanned_from: (f.rescan || f.rebuilt).then_some(f.start),
        transactions: touched.len(),
        failed: f.failed.iter().map(ToString::to_string).collect(),
        broadcast: f.broadcast.clone(),
        gap_limit: gap,
        watched: Watched {
            receive: receive_watched,
            change: account
                .internal_descriptor
                .is_some()
                .then(|| watched(bdk_wallet::KeychainKind::Internal)),
        },
        confirmed: amount::format_btc(b.confirmed.to_sat()),
        pending: amount::format_btc((b.trusted_pending + b.untrusted_pending).to_sat()),
    }))
}

impl Report for SyncReport {
    fn human(&self, out: &mut Human) {
        if self.items.is_empty() && self.bitcoin.is_empty() {
            out.line("Nothing to sync: no account with a backend (`coffer wallet backend set eth|btc …`).");
            return;
        }
        for b in &self.bitcoin {
            out.kv(
                &format!("{} ({})", b.wallet, b.network),
                format!(
                    "{} BTC confirmed, {} pending; tip {} ({} blocks read, {} transactions)",
                    b.confirmed, b.pending, b.tip, b.blocks, b.transactions
                ),
            );
            if let Some(h) = b.rescanned_from {
                out.kv("  rescanned", format!("from block {h}"));
            }
            for t in &b.failed {
                out.kv(
                    "  failed",
                    format!("{t} (its coins were spent by a confirmed transaction)"),
                );
            }
            out.kv(
                "  watching",
                format!(
                    "receive addresses to #{}{} (gap limit {})",
                    b.watched.receive,
                    b.watched
                        .change
                        .map(|c| format!(", change to #{c}"))
                        .unwrap_or_default(),
                    b.gap_limit
                ),
            );
            if b.gap_hint {
                out.line(format!(
                    "  Paid to a later address? `coffer wallet sync --wallet {} --gap-limit {}` \
                     reads the blocks again with a wider gap.",
                    b.wallet,
                    b.gap_limit.saturating_mul(2).min(10_000)
                ));
            }
        }
        for s in &self.items {
            out.kv(
                &format!("{} (chain {})", s.wallet, s.chain_id),
                format!("{} ETH, nonce {}, {}", s.balance, s.nonce, s.address),
            );
            for t in &s.tokens {
                out.kv(&format!("  {}", t.symbol), &t.balance);
            }
            for a in &s.addresses {
                out.kv(
                    &format!("  #{}", a.index),
                    format!("{} ETH, nonce {}, {}", a.balance, a.nonce, a.address),
                );
            }
            if s.gap_limit > 0 {
                out.kv(
                    "  watching",
                    format!("addresses to #{} (gap limit {})", s.watched_to, s.gap_limit),
                );
            }
            if let Some(sc) = &s.scanned {
                out.kv(
                    "  scanned",
                    format!("blocks {}–{} (tip {})", sc.from, sc.to, s.tip),
                );
            }
            for t in &s.transfers {
                out.kv(
                    &format!("  {}", t.kind),
                    format!(
                        "{} {} {} {} {} {} (block {}){}",
                        t.amount,
                        t.currency,
                        if t.kind == "receive" { "at" } else { "from" },
                        t.address,
                        if t.kind == "receive" { "from" } else { "to" },
                        t.counterparty,
                        t.block,
                        if t.status == "failed" { ", failed" } else { "" }
                    ),
                );
            }
            for r in &s.receipts {
                out.kv(
                    "  receipt",
                    format!(
                        "{} {}{}",
                        r.hash,
                        r.status,
                        r.block
                            .map(|b| format!(" in block {b}"))
                            .unwrap_or_default()
                    ),
                );
            }
        }
    }
}

fn u64_field(v: &serde_json::Value, k: &str) -> Result<u64> {
    let q = rpc::quantity(v.get(k).unwrap_or(&serde_json::Value::Null), k)?;
    u64::try_from(q).map_err(|_| Error::Backend(format!("{k} is too large")))
}

/// What a sync stores for one account on one chain.
struct SyncWrite {
    account_id: i64,
    chain_id: u64,
    states: Vec<EthState>,
    /// Per watched address (revealed, or used).
    address_states: Vec<txs::EthAddressState>,
    /// Used addresses past the last revealed one: revealed by this sync (index, address).
    reveal: Vec<(u32, String)>,
    receipts: Vec<txs::EthReceipt>,
    /// (replacement, original): the original was mined instead of our replacement.
    superseded: Vec<(String, String)>,
    seen: Vec<txs::EthSeen>,
    /// Sends marked as not broadcast yet that this sync looked at (the marks go).
    marks: Vec<String>,
    scanned_to: u64,
    tip: u64,
}

/// What a sync read for one address: ether, nonce and each token's balance.
struct AddressRead {
    index: u32,
    address: Address,
    balance: U256,
    nonce: u64,
    tokens: Vec<U256>,
}

impl AddressRead {
    /// Whether anything ever touched it (ether, a sent transaction, a token).
    fn used(&self) -> bool {
        !self.balance.is_zero() || self.nonce > 0 || self.tokens.iter().any(|t| !t.is_zero())
    }
}

/// Reads ether, nonce and token balances of `address`.
fn read_address(
    rpc: &Rpc,
    index: u32,
    address: Address,
    tokens: &[Address],
) -> Result<AddressRead> {
    let balance = rpc.balance(address)?;
    let nonce = rpc.nonce(address, "latest")?;
    let tokens = tokens
        .iter()
        .map(|c| tx::decode_balance(&rpc.eth_call(*c, &tx::balance_of_data(address))?))
        .collect::<Result<Vec<_>>>()?;
    Ok(AddressRead {
        index,
        address,
        balance,
        nonce,
        tokens,
    })
}

/// The address `index` of an EVM account.
fn eth_address(account: &wallets::AccountRow, index: u32) -> Result<Address> {
    account.addresses(0, index, 1)?[0]
        .parse()
        .map_err(|_| anyhow::anyhow!("a stored Ethereum address is malformed").into())
}

/// The addresses of an EVM account a sync reads: every revealed one (at least the
/// first), then unused ones up to `gap` past the last revealed or used one (a
/// single-address watch-only account: its one address).
fn watch_addresses(
    rpc: &Rpc,
    conn: &rusqlite::Connection,
    account: &wallets::AccountRow,
    tokens: &[Address],
    gap: u32,
) -> Result<(Vec<AddressRead>, u32)> {
    let revealed = wallets::next_index(conn, account.id, 0)?.max(1);
    let single = account.address.is_some();
    let mut reads = vec![];
    for i in 0..if single { 1 } else { revealed } {
        reads.push(read_address(rpc, i, eth_address(account, i)?, tokens)?);
    }
    if single {
        return Ok((reads, 1));
    }
    let mut last = revealed - 1;
    let mut next = revealed;
    while next <= last.saturating_add(gap) && next < 0x8000_0000 {
        let r = read_address(rpc, next, eth_address(account, next)?, tokens)?;
        if r.used() {
            last = next;
        }
        reads.push(r);
        next += 1;
    }
    Ok((reads, revealed))
}

/// A signed sum of movements: the positive and the negative part.
#[derive(Default, Clone, Copy)]
struct Net {
    plus: U256,
    minus: U256,
}

impl Net {
    fn add(&mut self, direction: &str, v: U256) {
        match direction {
            "receive" => self.plus += v,
            "send" => self.minus += v,
            _ => {}
        }
    }

    /// Signed decimal.
    fn text(self) -> String {
        if self.plus >= self.minus {
            (self.plus - self.minus).to_string()
        } else {
            format!("-{}", self.minus - self.plus)
        }
    }
}

/// The sync's `--from-height` split: (Bitcoin height, Ethereum block). `--from-height`
/// alone is for whichever family is synced, and a usage error when both are.
fn start_heights(args: &SyncArgs, eth: bool, btc: bool) -> Result<(Option<u64>, Option<u64>)> {
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

/// Runs `coffer wallet sync`.
pub fn sync(ctx: &Ctx, args: SyncArgs) -> Result<SyncReport> {
    sync_for(ctx, args, ctx.out)
}

/// Runs `coffer wallet sync` for `out` (quiet for `receive watch`'s own syncs).
pub fn sync_for(ctx: &Ctx, args: SyncArgs, out: crate::output::Output) -> Result<SyncReport> {
    let unlocked = ctx.unlock()?;
    let conn = unlocked.vault.read()?;
    let list = match &args.wallet {
        Some(n) => vec![wallets::get(&conn, n)?],
        None => wallets::list(&conn)?,
    };
    let chains: Vec<u64> = backends::list(&conn)?
        .into_iter()
        .filter(|b| b.chain == "eth")
        .filter_map(|b| b.network.parse().ok())
        .collect();
    // Read everything first; write only when every endpoint answered.
    let eth_accounts = list
        .iter()
        .flat_map(|w| w.accounts.iter())
        .filter(|a| a.chain == "eth")
        .count();
    // A progress bar on a terminal (indicatif draws nothing when stderr is not one):
    // one step per account, and one per block read.
    let btc_accounts = list
        .iter()
        .flat_map(|w| w.accounts.iter())
        .filter(|a| a.chain == "btc")
        .count();
    // Which families this sync reads: an EVM account and a backend; a Bitcoin account
    // whose network has a node.
    let eth_synced = eth_accounts > 0 && !chains.is_empty();
    let mut btc_synced = false;
    for a in list
        .iter()
        .flat_map(|w| w.accounts.iter())
        .filter(|a| a.chain == "btc" && a.external_descriptor.is_some())
    {
        let network = crate::chain::btc::wallet::account_network(a)?;
        btc_synced |= backends::get(&conn, "btc", network.name())?.is_some();
    }
    let (btc_from, eth_from) = start_heights(&args, eth_synced, btc_synced)?;
    let gap = args.gap_limit.unwrap_or(DEFAULT_GAP_LIMIT);
    let progress = if eth_accounts + btc_accounts == 0 {
        indicatif::ProgressBar::hidden()
    } else {
        out.progress()
    };
    progress.set_style(
        indicatif::ProgressStyle::with_template("syncing {bar:30} {pos}/{len} blocks {msg}")
            .map_err(|e| anyhow::anyhow!("progress style: {e}"))?,
    );
    let mut items = vec![];
    let mut writes: Vec<SyncWrite> = vec![];
    let now = clock::now();
    for chain_id in chains {
        let Some(rpc) = eth_rpc(&conn, chain_id)? else {
            continue;
        };
        let tip = rpc.block_number()?;
        let tokens = backends::tokens(&conn, Some(chain_id))?;
        let contracts: Vec<Address> = tokens
            .iter()
            .map(|t| {
                t.address
                    .parse()
                    .map_err(|_| anyhow::anyhow!("a stored token address is malformed"))
            })
            .collect::<std::result::Result<_, _>>()?;
        for w in &list {
            for account in w.accounts.iter().filter(|a| a.chain == "eth") {
                progress.set_message(format!("{} on chain {chain_id}", w.name));
                // Every revealed address, and the gap past the last used one.
                let (reads, revealed) = watch_addresses(&rpc, &conn, account, &contracts, gap)?;
                let watched: Vec<Address> = reads.iter().map(|r| r.address).collect();
                // Transfers in the blocks not read yet.
                let from = match (eth_from, txs::eth_sync(&conn, account.id, chain_id)?) {
                    (Some(h), _) => h,
                    (None, Some((scanned, _))) => scanned + 1,
                    // The first sync: from the wallet's creation (an hour's margin for
                    // clocks), found by binary search on block times.
                    (None, None) => scan::first_block_at(
                        &rpc,
                        u64::try_from(w.created_at - 3600).unwrap_or(0),
                        tip,
                    )?,
                };
                if from <= tip {
                    progress.inc_length(tip - from + 1);
                }
                let found =
                    scan::transfers(&rpc, &watched, &contracts, from, tip, || progress.inc(1))?;
                let asset_of = |token: Option<Address>| -> (String, u32) {
                    match token {
                        None => ("ETH".to_string(), 18),
                        Some(c) => tokens
                            .iter()
                            .zip(&contracts)
                            .find(|(_, a)| **a == c)
                            .map(|(tk, _)| (tk.symbol.clone(), u32::from(tk.decimals)))
                            .unwrap_or_else(|| (c.to_checksum(None), 0)),
                    }
                };
                let mut transfers = vec![];
                for t in &found {
                    let (symbol, decimals) = asset_of(t.token);
                    transfers.push(Found {
                        hash: t.hash.to_string(),
                        kind: t.direction.to_string(),
                        currency: symbol,
                        amount: crate::chain::eth::format_units(t.value, decimals),
                        amount_units: t.value.to_string(),
                        address: t.address.to_checksum(None),
                        counterparty: t.counterparty.to_checksum(None),
                        block: t.block,
                        log_index: t.log_index,
                        status: if t.success { "confirmed" } else { "failed" }.into(),
                    });
                }
                // One history row per transaction: the net of its movements in the
                // asset of the first (two token logs to us are summed, never dropped).
                let mut seen: Vec<txs::EthSeen> = vec![];
                let mut hashes: Vec<B256> = found.iter().map(|t| t.hash).collect();
                hashes.dedup();
                let mut done = std::collections::BTreeSet::new();
                for h in hashes {
                    if !done.insert(h) {
                        continue;
                    }
                    let group: Vec<&scan::Transfer> =
                        found.iter().filter(|t| t.hash == h).collect();
                    let first = group[0];
                    let (symbol, _) = asset_of(first.token);
                    let mut net = Net::default();
                    let mut all_self = true;
                    for t in group.iter().filter(|t| t.token == first.token) {
                        all_self &= t.direction == "self";
                        // A failed transaction moved nothing; its fee was still paid.
                        if t.success {
                            net.add(t.direction, t.value);
                        }
                    }
                    let direction = if all_self {
                        "self"
                    } else if net.plus > net.minus {
                        "receive"
                    } else if net.minus > net.plus {
                        "send"
                    } else {
                        first.direction
                    };
                    seen.push(txs::EthSeen {
                        hash: h.to_string(),
                        asset: symbol,
                        direction: direction.to_string(),
                        amount: net.text(),
                        fee: group.iter().find_map(|t| t.fee).map(|f| f.to_string()),
                        status: if first.success { "confirmed" } else { "failed" }.into(),
                        height: first.block,
                        block_time: first.block_time,
                        counterparty: first.counterparty.to_checksum(None),
                        address: first.address.to_checksum(None),
                    });
                }
                // Used addresses past the last revealed one are revealed now.
                let last_used = reads
                    .iter()
                    .filter(|r| r.used() || found.iter().any(|t| t.address == r.address))
                    .map(|r| r.index)
                    .max();
                let reveal: Vec<(u32, String)> = reads
                    .iter()
                    .filter(|r| r.index >= revealed && last_used.is_some_and(|l| r.index <= l))
                    .map(|r| (r.index, r.address.to_checksum(None)))
                    .collect();
                let kept: Vec<&AddressRead> = reads
                    .iter()
                    .filter(|r| r.index < revealed || last_used.is_some_and(|l| r.index <= l))
                    .collect();
                let mut address_states = vec![];
                let mut views = vec![];
                for r in &kept {
                    let a = r.address.to_checksum(None);
                    address_states.push(txs::EthAddressState {
                        chain_id,
                        address: a.clone(),
                        asset: "ETH".into(),
                        balance: r.balance.to_string(),
                        nonce: Some(r.nonce),
                        synced_at: now,
                    });
                    let mut token_rows = vec![];
                    for ((t, c), bal) in tokens.iter().zip(&contracts).zip(&r.tokens) {
                        address_states.push(txs::EthAddressState {
                            chain_id,
                            address: a.clone(),
                            asset: c.to_checksum(None),
                            balance: bal.to_string(),
                            nonce: None,
                            synced_at: now,
                        });
                        token_rows.push(TokenBalance {
                            symbol: t.symbol.clone(),
                            address: t.address.clone(),
                            balance: crate::chain::eth::format_units(*bal, u32::from(t.decimals)),
                            balance_units: bal.to_string(),
                        });
                    }
                    views.push(SyncedAddress {
                        index: r.index,
                        address: a,
                        path: account.address_path(0, r.index),
                        balance: crate::chain::eth::format_units(r.balance, 18),
                        balance_wei: r.balance.to_string(),
                        nonce: r.nonce,
                        tokens: token_rows,
                    });
                }
                // The account's sums over every watched address (a gap address that
                // holds something is kept above, so the sums are the rows' sums).
                let balance = kept.iter().fold(U256::ZERO, |s, r| s + r.balance);
                let nonce: u64 = kept.iter().map(|r| r.nonce).sum();
                let mut states = vec![EthState {
                    chain_id,
                    asset: "ETH".into(),
                    balance: balance.to_string(),
                    nonce: Some(nonce),
                    synced_at: now,
                }];
                let mut token_rows = vec![];
                for (i, t) in tokens.iter().enumerate() {
                    let bal = kept.iter().fold(U256::ZERO, |s, r| s + r.tokens[i]);
                    states.push(EthState {
                        chain_id,
                        asset: t.address.clone(),
                        balance: bal.to_string(),
                        nonce: None,
                        synced_at: now,
                    });
                    token_rows.push(TokenBalance {
                        symbol: t.symbol.clone(),
                        address: t.address.clone(),
                        balance: crate::chain::eth::format_units(bal, u32::from(t.decimals)),
                        balance_units: bal.to_string(),
                    });
                }
                let mut receipts = vec![];
                let mut receipt_writes: Vec<txs::EthReceipt> = vec![];
                // Our pending transactions, and originals we replaced whose replacement is
                // still pending: the chain may have mined the original all the same.
                let replaced = txs::replaced_pending(&conn, account.id, chain_id)?;
                let mut superseded = vec![];
                let hashes = txs::pending_eth(&conn, account.id, chain_id)?
                    .into_iter()
                    .chain(replaced.iter().map(|(o, _)| o.clone()));
                // Sends recorded but never broadcast (the process stopped between the
                // two): sent again when the backend does not know them.
                let marks = txs::unbroadcast(&conn, account.id)?;
                let mut looked = vec![];
                for hash in hashes {
                    let hash = hash.trim_start_matches("0x").to_string();
                    let h: B256 = format!("0x{hash}")
                        .parse()
                        .map_err(|_| anyhow::anyhow!("a stored transaction hash is malformed"))?;
                    let receipt = rpc.receipt(h)?;
                    if marks.contains(&hash) {
                        looked.push(hash.clone());
                    }
                    if receipt.is_none()
                        && marks.contains(&hash)
                        && let Some(raw) = txs::raw_of(&conn, account.id, &hash)?
                    {
                        // Known already ("already known", nonce used): the receipt says.
                        let _ = rpc.send_raw(&raw);
                    }
                    match receipt {
                        None => receipts.push(Receipt {
                            hash: format!("0x{hash}"),
                            status: "pending".into(),
                            block: None,
                            confirmations: None,
                            gas_used: None,
                            fee_wei: None,
                        }),
                        Some(r) => {
                            if let Some((_, by)) = replaced
                                .iter()
                                .find(|(o, _)| o.trim_start_matches("0x") == hash)
                            {
                                superseded.push((by.clone(), format!("0x{hash}")));
                            }
                            let ok = r.get("status").and_then(|s| s.as_str()) == Some("0x1");
                            let block = u64_field(&r, "blockNumber")?;
                            let gas = u64_field(&r, "gasUsed")?;
                            let price = rpc::quantity(
                                r.get("effectiveGasPrice")
                                    .unwrap_or(&serde_json::Value::Null),
                                "effectiveGasPrice",
                            )?;
                            let fee = (U256::from(gas) * price).to_string();
                            let block_time = u64_field(&rpc.block(block, false)?, "timestamp")?;
                            receipt_writes.push(txs::EthReceipt {
                                hash: hash.clone(),
                                success: ok,
                                height: block,
                                block_time,
                                fee: fee.clone(),
                            });
                            receipts.push(Receipt {
                                hash: format!("0x{hash}"),
                                status: if ok { "confirmed" } else { "failed" }.into(),
                                block: Some(block),
                                confirmations: Some(tip.saturating_sub(block) + 1),
                                gas_used: Some(gas),
                                fee_wei: Some(fee),
                            });
                        }
                    }
                }
                let watched_to = reads.last().map_or(0, |r| r.index);
                writes.push(SyncWrite {
                    account_id: account.id,
                    chain_id,
                    states,
                    address_states,
                    reveal,
                    receipts: receipt_writes,
                    superseded,
                    seen,
                    marks: looked,
                    scanned_to: tip.max(from.saturating_sub(1)),
                    tip,
                });
                items.push(Synced {
                    wallet: w.name.clone(),
                    chain_id,
                    address: eth_address(account, 0)?.to_checksum(None),
                    balance: crate::chain::eth::format_units(balance, 18),
                    balance_wei: balance.to_string(),
                    nonce,
                    gap_limit: if account.address.is_some() { 0 } else { gap },
                    watched_to,
                    addresses: views,
                    scanned: (from <= tip).then_some(Scanned { from, to: tip }),
                    tip,
                    transfers,
                    tokens: token_rows,
                    receipts,
                });
            }
        }
    }
    // Bitcoin accounts whose network has a node.
    let mut bitcoin = vec![];
    for w in &list {
        for account in w.accounts.iter().filter(|a| a.chain == "btc") {
            if account.external_descriptor.is_none() {
                continue;
            }
            let network = crate::chain::btc::wallet::account_network(account)?;
            let Some(client) = btc_rpc(&conn, network)? else {
                continue;
            };
            progress.set_message(format!("{} on {}", w.name, network.name()));
            bitcoin.push(sync_btc(
                &unlocked,
                &client,
                w,
                account,
                BtcSyncOpts {
                    from_height: btc_from,
                    gap_limit: args.gap_limit,
                    for_people: out.for_people(),
                },
                &progress,
            )?);
        }
    }
    progress.finish_and_clear();
    let now_ms = clock::now_ms();
    unlocked.vault.write(|c| {
        for w in &writes {
            for m in &w.marks {
                txs::clear_unbroadcast(c, w.account_id, m)?;
            }
            // Revealed inside the write: a parallel `addr new` may have revealed some.
            let next = wallets::next_index(c, w.account_id, 0)?;
            let new: Vec<(u32, String)> = w
                .reveal
                .iter()
                .filter(|(i, _)| *i >= next)
                .cloned()
                .collect();
            if let Some((start, _)) = new.first() {
                let addresses: Vec<String> = new.iter().map(|(_, a)| a.clone()).collect();
                wallets::insert_addresses(
                    c,
                    &wallets::NewAddresses {
                        account_id: w.account_id,
                        change: 0,
                        start: *start,
                        addresses: &addresses,
                        label: None,
                        purpose: None,
                    },
                    now,
                )?;
            }
            for s in &w.states {
                backends::set_eth_state(c, w.account_id, s)?;
            }
            for s in &w.address_states {
                txs::set_eth_address_state(c, w.account_id, s)?;
            }
            for r in &w.receipts {
                txs::set_eth_receipt(c, w.account_id, r)?;
            }
            for (replacement, original) in &w.superseded {
                txs::mark_replaced(c, w.account_id, replacement, original)?;
            }
            for s in &w.seen {
                txs::record_eth_seen(c, w.account_id, w.chain_id, s, now_ms)?;
            }
            txs::refresh_eth_address_usage(c, w.account_id)?;
            txs::set_eth_sync(c, w.account_id, w.chain_id, w.scanned_to, w.tip, now)?;
        }
        Ok(())
    })?;
    Ok(SyncReport { items, bitcoin })
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

/// `wallet token` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum TokenCmd {
    /// Add an ERC-20 token (symbol and decimals read from the contract when a backend is
    /// set for the chain; else both must be given).
    ///
    /// Examples:
    ///   coffer wallet token add --chain-id 1 --address 0xA0b8…eB48
    ///   coffer wallet token add --chain-id 5 --address 0x… --symbol TST --decimals 18
    #[command(verbatim_doc_comment)]
    Add(TokenAddArgs),
    /// List the tokens.
    List {
        /// Only this chain.
        #[arg(long, value_name = "ID")]
        chain_id: Option<u64>,
    },
    /// Remove a token.
    Remove {
        /// Its chain id (default: the only EVM backend's).
        #[arg(long, value_name = "ID")]
        chain_id: Option<u64>,
        /// Its contract address or symbol.
        token: String,
    },
}

/// Arguments of `wallet token add`.
#[derive(Debug, clap::Args)]
pub struct TokenAddArgs {
    /// EIP-155 chain id (default: the only EVM backend's).
    #[arg(long, value_name = "ID")]
    pub chain_id: Option<u64>,
    /// The contract address (EIP-55).
    #[arg(long, value_name = "0x…")]
    pub address: String,
    /// Symbol (checked against the contract when a backend is set).
    #[arg(long)]
    pub symbol: Option<String>,
    /// Decimals (checked against the contract when a backend is set).
    #[arg(long)]
    pub decimals: Option<u8>,
}

/// The tokens.
#[derive(Debug, Serialize)]
pub struct Tokens {
    /// One per token.
    pub items: Vec<backends::Token>,
}

impl Report for Tokens {
    fn human(&self, out: &mut Human) {
        if self.items.is_empty() {
            out.line(
                "No tokens; add one with `coffer wallet token add --chain-id ID --address 0x…`.",
            );
            return;
        }
        let rows = self
            .items
            .iter()
            .map(|t| {
                vec![
                    t.symbol.clone(),
                    t.chain_id.to_string(),
                    t.address.clone(),
                    t.decimals.to_string(),
                ]
            })
            .collect();
        out.table(&["symbol", "chain id", "contract", "decimals"], rows);
    }
}

/// Runs `coffer wallet token …`.
pub fn token(ctx: &Ctx, cmd: TokenCmd) -> Result<Tokens> {
    let unlocked = ctx.unlock()?;
    let conn = unlocked.vault.read()?;
    let only = match cmd {
        TokenCmd::Add(a) => {
            let contract = parse_address(&a.address, "address")?;
            let chain_id = match a.chain_id {
                Some(id) => id,
                None => default_chain_id(&conn, "adding a token")?,
            };
            let (symbol, decimals) = match eth_rpc(&conn, chain_id)? {
                Some(rpc) => {
                    let (d, s) = tx::metadata_calls();
                    let read = tx::decode_metadata(
                        &rpc.eth_call(contract, &d)?,
                        &rpc.eth_call(contract, &s)?,
                    )
                    .map_err(|_| {
                        Error::invalid(
                            "address",
                            format!("{contract} does not answer decimals() and symbol() as an ERC-20 token"),
                        )
                    })?;
                    if a.symbol.as_deref().is_some_and(|s| s != read.1)
                        || a.decimals.is_some_and(|d| d != read.0)
                    {
                        return Err(Error::invalid(
                            "token",
                            format!("the contract says {} with {} decimals", read.1, read.0),
                        ));
                    }
                    (read.1, read.0)
                }
                None => match (a.symbol, a.decimals) {
                    (Some(s), Some(d)) => (s, d),
                    _ => {
                        return Err(Error::invalid(
                            "token",
                            format!(
                                "there is no backend for chain id {} to read the token from: \
                                 give --symbol and --decimals",
                                chain_id
                            ),
                        ));
                    }
                },
            };
            if symbol.is_empty()
                || symbol.len() > 16
                || !symbol
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c))
                || decimals > 36
            {
                return Err(Error::invalid(
                    "token",
                    format!("'{symbol}' with {decimals} decimals is not a usable token"),
                ));
            }
            let t = backends::Token {
                chain_id,
                address: contract.to_checksum(None),
                symbol,
                decimals,
            };
            unlocked.vault.write(|c| backends::add_token(c, &t))?;
            Some(chain_id)
        }
        TokenCmd::Remove { chain_id, token } => {
            let chain_id = match chain_id {
                Some(id) => id,
                None => default_chain_id(&conn, "removing a token")?,
            };
            let t = find_token(&conn, chain_id, &token)?;
            unlocked
                .vault
                .write(|c| backends::remove_token(c, chain_id, &t.address))?;
            Some(chain_id)
        }
        TokenCmd::List { chain_id } => chain_id,
    };
    let conn = unlocked.vault.read()?;
    Ok(Tokens {
        items: backends::tokens(&conn, only)?,
    })
}
