//! `coffer wallet backend`: the JSON-RPC endpoint of each EVM chain, and `coffer wallet
//! sync`: read balances, token balances, nonces and the receipts of pending transactions
//! from it. Network reads happen before the vault write, so a failing endpoint records
//! nothing.

use crate::chain::btc::rpc::RpcAuth;
use crate::chain::net::{self, Route};
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::sync::{Progress, SyncOptions, SyncReport};
use coffer_core::backends::{self, NewToken};
pub use coffer_core::backends::{BackendView, Backends, Tested, Tokens};

/// `wallet backend` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum BackendCmd {
    /// Set the JSON-RPC endpoint of an EVM chain (checked: eth_chainId must match), or
    /// the Bitcoin Core node of a network (checked: its chain must be that network), or
    /// an Electrum server or an Esplora API of a network (checked: its genesis must be
    /// that network's).
    ///
    /// Examples:
    ///   coffer wallet backend set eth --chain-id 1 --rpc https://eth.example.org
    ///   coffer wallet backend set eth --chain-id 31337 --rpc http://127.0.0.1:8545
    ///   coffer wallet backend set eth --chain-id 1 --explorer https://api.etherscan.io/v2/api --explorer-key-file key.txt
    ///   coffer wallet backend set btc --network regtest --rpc http://127.0.0.1:18443 --rpc-cookie ~/.bitcoin/regtest/.cookie
    ///   coffer wallet backend set btc --network bitcoin --rpc http://127.0.0.1:8332 --rpc-user me --rpc-password-file pw.txt
    ///   coffer wallet backend set btc --network regtest --electrum tcp://127.0.0.1:50001
    ///   coffer wallet backend set btc --network bitcoin --electrum ssl://electrum.example.org:50002
    ///   coffer wallet backend set btc --network bitcoin --electrum ssl://192.168.1.10:50002 --electrum-cert-sha256 HEX
    ///   coffer wallet backend set btc --network bitcoin --electrum tcp://SERVER.onion:50001 --proxy socks5h://127.0.0.1:9050
    ///   coffer wallet backend set btc --network bitcoin --esplora http://192.168.1.10:3002/api
    ///   coffer wallet backend set btc --network bitcoin --esplora https://blockstream.info/api --proxy socks5h://127.0.0.1:9050
    #[command(verbatim_doc_comment)]
    Set(Box<SetArgs>),
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
    #[arg(long, value_name = "URL", required_unless_present_any = ["electrum", "esplora", "explorer"])]
    pub rpc: Option<String>,
    /// eth: an Etherscan-compatible explorer API for history (txlist, txlistinternal,
    /// tokentx), checked (its chain id must match); the JSON-RPC endpoint stays for the rest.
    #[arg(long, value_name = "URL", conflicts_with = "electrum")]
    pub explorer: Option<String>,
    /// eth: the explorer's API key, from FILE (kept in the vault, never printed).
    #[arg(long, value_name = "FILE", requires = "explorer")]
    pub explorer_key_file: Option<std::path::PathBuf>,
    /// btc: an Electrum server instead of a node (tcp://HOST:PORT, or ssl://HOST:PORT
    /// for TLS with the certificate verified).
    #[arg(long, value_name = "URL", conflicts_with_all = ["rpc", "rpc_cookie", "rpc_user"])]
    pub electrum: Option<String>,
    /// btc: an Esplora HTTP API instead of a node (https://HOST[:PORT]/…, with the
    /// certificate verified, or http:// for your own on your network).
    #[arg(long, value_name = "URL", conflicts_with_all = ["rpc", "rpc_cookie", "rpc_user", "electrum", "explorer"])]
    pub esplora: Option<String>,
    /// btc: pin the ssl:// Electrum server's certificate by its SHA-256 fingerprint (64
    /// hex digits; for a self-signed one, e.g. a personal server).
    #[arg(long, value_name = "HEX", requires = "electrum")]
    pub electrum_cert_sha256: Option<String>,
    /// btc: pin the https:// Esplora API's certificate by its SHA-256 fingerprint (64
    /// hex digits; for a self-signed one, e.g. your own server).
    #[arg(
        long,
        value_name = "HEX",
        requires = "esplora",
        conflicts_with = "electrum_cert_sha256"
    )]
    pub esplora_cert_sha256: Option<String>,
    /// Reach the backend through a SOCKS5 proxy, e.g. socks5h://127.0.0.1:9050 (Tor);
    /// the proxy resolves host names.
    #[arg(long, value_name = "URL")]
    pub proxy: Option<String>,
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

/// Runs `coffer wallet backend …`.
pub fn run(ctx: &Ctx, cmd: BackendCmd) -> Result<Backends> {
    let unlocked = ctx.unlock()?;
    let vault = &unlocked.vault;
    match cmd {
        BackendCmd::Set(a) => {
            // Checked before any connection.
            let route = Route {
                proxy: a
                    .proxy
                    .as_deref()
                    .map(|p| net::parse_proxy(p).map(|_| p.trim_end_matches('/').to_string()))
                    .transpose()?,
                cert_sha256: a
                    .electrum_cert_sha256
                    .as_deref()
                    .or(a.esplora_cert_sha256.as_deref())
                    .map(net::parse_fingerprint)
                    .transpose()?,
            };
            set(ctx, vault, *a, &route)?;
        }
        BackendCmd::Remove(a) => match a.chain {
            BackendChain::Eth => backends::remove_eth(vault, a.chain_id)?,
            BackendChain::Btc => {
                let network = a.network.ok_or_else(|| {
                    Error::invalid("network", "a Bitcoin backend is named by --network")
                })?;
                backends::remove_btc(vault, network)?;
            }
        },
        BackendCmd::Test(_) => {
            return Err(Error::Usage(
                "internal: backend test is run by backend::test".into(),
            ));
        }
        BackendCmd::List => {}
    }
    backends::list(&vault.read()?)
}

/// `wallet backend set`: the endpoint is checked (reached along `route`) before it is
/// stored.
fn set(ctx: &Ctx, vault: &coffer_core::vault::Vault, a: SetArgs, route: &Route) -> Result<()> {
    match a.chain {
        BackendChain::Eth => {
            let id = a
                .chain_id
                .ok_or_else(|| Error::invalid("chain-id", "an EVM backend needs --chain-id"))?;
            if a.electrum.is_some() || a.esplora.is_some() {
                return Err(Error::invalid(
                    "rpc",
                    "an EVM backend needs --rpc (--electrum and --esplora are for btc)",
                ));
            }
            if let Some(rpc) = a.rpc.as_deref() {
                backends::set_eth(vault, id, rpc, route)?;
            }
            if let Some(url) = a.explorer.as_deref() {
                let key = match &a.explorer_key_file {
                    Some(f) => Some(ctx.input.secret(
                        Some(f),
                        "the explorer API key",
                        "--explorer-key-file FILE",
                        false,
                    )?),
                    None => None,
                };
                let key = key
                    .as_ref()
                    .map(|k| secrecy::ExposeSecret::expose_secret(k).trim().to_string());
                backends::set_eth_explorer(vault, id, url, key.as_deref())?;
            }
        }
        BackendChain::Btc => {
            let network = a
                .network
                .ok_or_else(|| Error::invalid("network", "a Bitcoin backend needs --network"))?;
            if let Some(url) = &a.electrum {
                return backends::set_btc_electrum(vault, network, url, route);
            }
            if let Some(url) = &a.esplora {
                return backends::set_btc_esplora(vault, network, url, route);
            }
            if route.cert_sha256.is_some() {
                return Err(Error::invalid(
                    "electrum-cert-sha256",
                    "a pinned certificate is for an Electrum server (--electrum ssl://…)",
                ));
            }
            let rpc = a.rpc.as_deref().unwrap_or_default();
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
            backends::set_btc(vault, network, rpc, route, &auth)?;
        }
    }
    Ok(())
}

/// Runs `coffer wallet backend test`.
pub fn test(ctx: &Ctx, a: RemoveArgs) -> Result<Tested> {
    let conn = ctx.unlock()?.vault.read()?;
    match a.chain {
        BackendChain::Btc => {
            let network = a.network.ok_or_else(|| {
                Error::invalid("network", "a Bitcoin backend is named by --network")
            })?;
            backends::test_btc(&conn, network)
        }
        BackendChain::Eth => backends::test_eth(&conn, a.chain_id),
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

/// Runs `coffer wallet token …`.
///
/// `list` reads one snapshot and `remove` is one write; `add` reads one snapshot (the
/// chain's backend, asked for the contract's metadata with no lock held), then writes
/// once; each answers with the list read in its last transaction.
pub fn token(ctx: &Ctx, cmd: TokenCmd) -> Result<Tokens> {
    let unlocked = ctx.unlock()?;
    match cmd {
        TokenCmd::Add(a) => backends::add_token(
            &unlocked.vault,
            NewToken {
                chain_id: a.chain_id,
                address: a.address,
                symbol: a.symbol,
                decimals: a.decimals,
            },
        ),
        TokenCmd::Remove { chain_id, token } => {
            backends::remove_token(&unlocked.vault, chain_id, &token)
        }
        TokenCmd::List { chain_id } => backends::tokens(&unlocked.vault.read()?, chain_id),
    }
}
