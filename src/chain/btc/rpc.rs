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

/// A node's failure as coffer's error: wrong credentials (HTTP 401) are
/// `backend_auth` (exit 3); an unreachable node, a timeout, an unreadable cookie file or
/// an error answer are `backend` (exit 7), with the node's own message.
pub fn node_error(e: bitcoincore_rpc::Error) -> Error {
    use bitcoincore_rpc::jsonrpc::{self, simple_http};
    match &e {
        bitcoincore_rpc::Error::JsonRpc(jsonrpc::Error::Rpc(r)) => Error::Backend(format!(
            "the Bitcoin node answered an error: {} (code {})",
            r.message, r.code
        )),
        bitcoincore_rpc::Error::JsonRpc(jsonrpc::Error::Transport(t)) => {
            match t.downcast_ref::<simple_http::Error>() {
                Some(simple_http::Error::HttpErrorCode(401 | 403)) => Error::BackendAuth(
                    "the Bitcoin node refused the credentials (HTTP 401): check --rpc-cookie, \
                     or --rpc-user and --rpc-password-file"
                        .into(),
                ),
                Some(simple_http::Error::SocketError(io)) => {
                    Error::Backend(format!("cannot reach the Bitcoin node: {io}"))
                }
                _ => Error::Backend(format!("the Bitcoin node: {t}")),
            }
        }
        bitcoincore_rpc::Error::Io(io) => Error::Backend(format!(
            "cannot read the node's cookie file: {io} (is the node running? it rewrites the \
             cookie at each start)"
        )),
        _ => Error::Backend(format!("the Bitcoin node: {e}")),
    }
}

/// A broadcast the node did not take: its reason (`insufficient fee`,
/// `bad-txns-inputs-missingorspent`, …), or why it could not be asked.
pub fn refused(e: bitcoincore_rpc::Error) -> Error {
    use bitcoincore_rpc::jsonrpc;
    match &e {
        bitcoincore_rpc::Error::JsonRpc(jsonrpc::Error::Rpc(r)) => Error::Backend(format!(
            "the node refused the transaction: {} (code {})",
            r.message, r.code
        )),
        _ => node_error(e),
    }
}

/// Fails while the node is still in initial block download: its view of the chain (and
/// of our coins) is incomplete.
pub fn require_synced(info: &NodeInfo) -> Result<()> {
    if info.initial_block_download {
        return Err(Error::Backend(format!(
            "the Bitcoin node is still in initial block download (at block {}); \
             sync again when it has caught up",
            info.height
        )));
    }
    Ok(())
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
    let (user, pass) = auth.get_user_pass().map_err(node_error)?;
    let transport = bitcoincore_rpc::jsonrpc::simple_http::SimpleHttpTransport::builder()
        .url(url)
        .map_err(|e| Error::invalid("rpc", format!("not a usable node URL: {e}")))?
        .timeout(std::time::Duration::from_secs(
            crate::chain::eth::rpc::timeout(),
        ));
    let transport = match user {
        Some(u) => transport.auth(u, pass),
        None => transport,
    };
    let client = Client::from_jsonrpc(bitcoincore_rpc::jsonrpc::Client::with_transport(
        transport.build(),
    ));
    let t0 = std::time::Instant::now();
    let info = client.get_blockchain_info().map_err(node_error)?;
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

/// The first block whose time is at or after `time` (Unix seconds), or the tip's height
/// plus one when none is, by binary search over block times (which are not strictly
/// ordered: callers leave a margin).
pub fn first_block_at(client: &Client, time: i64) -> Result<u64> {
    let time_of = |h: u64| -> Result<i64> {
        let hash = client.get_block_hash(h).map_err(node_error)?;
        let header = client.get_block_header_info(&hash).map_err(node_error)?;
        Ok(header.time as i64)
    };
    let tip = client.get_block_count().map_err(node_error)?;
    let (mut lo, mut hi) = (0u64, tip + 1);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if time_of(mid)? < time {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    Ok(lo)
}
