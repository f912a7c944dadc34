//! `coffer wallet backend`: the JSON-RPC endpoint of each EVM chain, and `coffer wallet
//! sync`: read balances, token balances, nonces and the receipts of pending transactions
//! from it. Network reads happen before the vault write, so a failing endpoint records
//! nothing.

use crate::chain::eth::rpc::Rpc;
use crate::chain::eth::tx;
use crate::clock;
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::output::{Human, Report};
use crate::sync::{
    Progress, SyncOptions, SyncReport, btc_node, default_chain_id, eth_rpc, find_token,
    parse_address,
};
use crate::vault::backends;
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
        chain_id: b.target.chain_id(),
        network: b.target.network().map(|n| n.name().to_string()),
        chain: b.chain().name().to_string(),
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
                        backends::set(c, backends::Target::Evm(id), &a.rpc, clock::now())
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
                        crate::sync::set_btc_node(c, network, &a.rpc, &json, clock::now())
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
                    .write_light(|c| backends::remove(c, backends::Target::Evm(id)))?;
            }
            BackendChain::Btc => {
                let network = a.network.ok_or_else(|| {
                    Error::invalid("network", "a Bitcoin backend is named by --network")
                })?;
                unlocked
                    .vault
                    .write_light(|c| crate::sync::remove_btc_node(c, network))?;
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
            let url = backends::get(&conn, backends::Target::Evm(id))?
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

/// The sync's progress on a terminal: an indicatif bar (on stderr; hidden under `--json`
/// and when stderr is not a terminal).
struct Bar(indicatif::ProgressBar);

impl Progress for Bar {
    fn set_length(&self, len: u64) {
        self.0.set_length(len);
    }
    fn inc_length(&self, delta: u64) {
        self.0.inc_length(delta);
    }
    fn set_position(&self, pos: u64) {
        self.0.set_position(pos);
    }
    fn inc(&self, delta: u64) {
        self.0.inc(delta);
    }
    fn set_message(&self, msg: String) {
        self.0.set_message(msg);
    }
    fn finish(&self) {
        self.0.finish_and_clear();
    }
}

/// Runs `coffer wallet sync`.
pub fn sync(ctx: &Ctx, args: SyncArgs) -> Result<SyncReport> {
    let out = ctx.out;
    let unlocked = ctx.unlock()?;
    let opts = SyncOptions {
        wallet: args.wallet,
        btc_from_height: args.btc_from_height,
        eth_from_block: args.eth_from_block,
        from_height: args.from_height,
        gap_limit: args.gap_limit,
        for_people: out.for_people(),
    };
    crate::sync::sync(&unlocked.vault, &opts, |any| {
        // A progress bar on a terminal (indicatif draws nothing when stderr is not one):
        // one step per account, and one per block read.
        let progress = if any {
            out.progress()
        } else {
            indicatif::ProgressBar::hidden()
        };
        progress.set_style(
            indicatif::ProgressStyle::with_template("syncing {bar:30} {pos}/{len} blocks {msg}")
                .map_err(|e| anyhow::anyhow!("progress style: {e}"))?,
        );
        Ok(Bar(progress))
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
///
/// `list` reads one snapshot and `remove` is one write; `add` reads one snapshot (the
/// chain's backend, asked for the contract's metadata with no lock held), then writes
/// once; each answers with the list read in its last transaction.
pub fn token(ctx: &Ctx, cmd: TokenCmd) -> Result<Tokens> {
    let unlocked = ctx.unlock()?;
    let list = |c: &rusqlite::Connection, only: Option<u64>| {
        Ok(Tokens {
            items: backends::tokens(c, only)?,
        })
    };
    match cmd {
        TokenCmd::Add(a) => {
            let conn = unlocked.vault.read()?;
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
            unlocked.vault.write(|c| {
                backends::add_token(c, &t)?;
                list(c, Some(chain_id))
            })
        }
        TokenCmd::Remove { chain_id, token } => unlocked.vault.write(|c| {
            let chain_id = match chain_id {
                Some(id) => id,
                None => default_chain_id(c, "removing a token")?,
            };
            let t = find_token(c, chain_id, &token)?;
            backends::remove_token(c, chain_id, &t.address)?;
            list(c, Some(chain_id))
        }),
        TokenCmd::List { chain_id } => list(&unlocked.vault.read()?, chain_id),
    }
}
