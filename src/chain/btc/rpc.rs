//! A Bitcoin Core node over JSON-RPC (the bitcoincore-rpc client that bdk_bitcoind_rpc
//! uses): connection with a cookie file or user and password, and the check that the
//! node's chain is the wallet's network.

use crate::chain::Network;
use crate::error::{Error, Result};
use bdk_bitcoind_rpc::bitcoincore_rpc::{self, Auth, Client, RpcApi as _};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// How to authenticate to the node (stored in the vault; never printed).
#[derive(Clone, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RpcAuth {
    /// The node's `.cookie` file.
    Cookie(PathBuf),
    /// `rpcuser` and `rpcpassword`.
    UserPass(String, String),
}

impl std::fmt::Debug for RpcAuth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RpcAuth::Cookie(p) => write!(f, "Cookie({})", p.display()),
            RpcAuth::UserPass(u, _) => write!(f, "UserPass({u}, <redacted>)"),
        }
    }
}

/// The name `getblockchaininfo.chain` gives a network.
pub fn chain_name(n: Network) -> &'static str {
    match n {
        Network::Bitcoin => "main",
        Network::Testnet => "test",
        Network::Testnet4 => "testnet4",
        Network::Signet => "signet",
        Network::Regtest => "regtest",
    }
}

fn backend(e: bitcoincore_rpc::Error) -> Error {
    Error::Backend(format!("the Bitcoin node: {e}"))
}

/// What `backend test` reports of a node.
#[derive(Debug, Clone, Serialize)]
pub struct NodeInfo {
    /// `subversion`, e.g. `/Satoshi:31.99.0/`.
    pub version: String,
    /// Its chain (`main`, `test`, `testnet4`, `signet`, `regtest`).
    pub chain: String,
    /// Its best height.
    pub height: u64,
    /// Whether it is still in initial block download.
    pub initial_block_download: bool,
    /// The round trip of one call (ms).
    pub rtt_ms: u64,
}

/// A client of the node at `url`, checked: it answers, on the chain of `network`.
pub fn connect(url: &str, auth: &RpcAuth, network: Network) -> Result<(Client, NodeInfo)> {
    crate::chain::eth::rpc::check_url(url)?;
    let auth = match auth {
        RpcAuth::Cookie(p) => Auth::CookieFile(p.clone()),
        RpcAuth::UserPass(u, p) => Auth::UserPass(u.clone(), p.clone()),
    };
    let client = Client::new(url, auth).map_err(backend)?;
    let t0 = std::time::Instant::now();
    let info = client.get_blockchain_info().map_err(backend)?;
    let rtt_ms = t0.elapsed().as_millis() as u64;
    let chain = chain_name_of(&info.chain);
    if chain != chain_name(network) {
        return Err(Error::Backend(format!(
            "the node at {url} is on chain '{chain}', not {} ({})",
            network.name(),
            chain_name(network)
        )));
    }
    let version = client
        .get_network_info()
        .map(|n| n.subversion)
        .unwrap_or_default();
    Ok((
        client,
        NodeInfo {
            version,
            chain: chain.to_string(),
            height: info.blocks,
            initial_block_download: info.initial_block_download,
            rtt_ms,
        },
    ))
}

fn chain_name_of(n: &bitcoin::Network) -> &'static str {
    match n {
        bitcoin::Network::Bitcoin => "main",
        bitcoin::Network::Testnet => "test",
        bitcoin::Network::Testnet4 => "testnet4",
        bitcoin::Network::Signet => "signet",
        _ => "regtest",
    }
}
