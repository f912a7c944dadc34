//! The backends as a service (`wallet backend`, `wallet token`): an endpoint is checked
//! before it is stored (an EVM endpoint's `eth_chainId` must match, a Bitcoin node's
//! chain must be the network), `backend test` probes one now (chain, height, round
//! trip), and `token add` reads an ERC-20 contract's symbol and decimals from the
//! chain's backend with no lock held, then writes once. The SQL stays in the
//! repository [`crate::vault::backends`]; the credentials of a Bitcoin node in
//! [`crate::sync`].

use crate::chain::btc::electrum::{self, ServerInfo};
use crate::chain::btc::rpc::{self as btc_rpc, NodeInfo, RpcAuth};
use crate::chain::eth::rpc::Rpc;
use crate::chain::eth::tx;
use crate::chain::net::Route;
use crate::chain::{Chain, Network};
use crate::clock;
use crate::error::{Error, Result};
use crate::sync::{btc_node, default_chain_id, eth_rpc, find_token, parse_address};
use crate::vault::{Vault, backends};
use serde::Serialize;

/// The configured backends.
#[derive(Debug, Serialize)]
pub struct Backends {
    /// One per chain.
    pub items: Vec<BackendView>,
}

/// One backend.
#[derive(Debug, Serialize)]
pub struct BackendView {
    /// `btc` or `eth`.
    pub chain: Chain,
    /// EVM chain id.
    pub chain_id: Option<u64>,
    /// The Bitcoin network (btc).
    pub network: Option<Network>,
    /// The endpoint.
    pub rpc: String,
    /// What it is: `core-rpc` (a Bitcoin Core node), `electrum` (an Electrum server) or
    /// `json-rpc` (an EVM endpoint).
    pub kind: String,
    /// The SOCKS5 proxy it is reached through (`socks5h://HOST:PORT`), or null: directly.
    pub proxy: Option<String>,
    /// The pinned SHA-256 fingerprint of its TLS certificate, or null: the platform's
    /// trusted CAs decide.
    pub cert_sha256: Option<String>,
    /// The Etherscan-compatible explorer API of an EVM chain (its URL; never the key),
    /// or null.
    pub explorer: Option<String>,
}

fn view(b: backends::Backend) -> BackendView {
    BackendView {
        explorer: None,
        proxy: b.route.proxy.clone(),
        cert_sha256: b.route.cert_sha256.clone(),
        kind: b.kind.name().to_string(),
        chain_id: b.target.chain_id(),
        network: b.target.network(),
        chain: b.chain(),
        rpc: b.url,
    }
}

/// The backends the vault `conn` holds.
pub fn list(conn: &rusqlite::Connection) -> Result<Backends> {
    let mut items = vec![];
    for b in backends::list(conn)? {
        let mut v = view(b);
        if let Some(id) = v.chain_id {
            v.explorer = crate::sync::eth_explorer(conn, id)?.map(|e| e.url().to_string());
        }
        items.push(v);
    }
    Ok(Backends { items })
}

/// Stores the JSON-RPC endpoint of the EVM chain `chain_id` (reached along `route`),
/// once it answered with that chain id.
pub fn set_eth(vault: &Vault, chain_id: u64, url: &str, route: &Route) -> Result<()> {
    // Checked before anything is stored: the endpoint answers, on this chain.
    Rpc::connect(url, route, chain_id)?;
    vault.write_light(|c| {
        backends::set(
            c,
            backends::Target::Evm(chain_id),
            backends::Kind::JsonRpc,
            url,
            route,
            clock::now(),
        )
    })
}

/// Stores an Etherscan-compatible explorer API for the history of the EVM chain
/// `chain_id` (its JSON-RPC endpoint must be set: balances, nonces and sends still go
/// there), once it answered with that chain id; `key` (the API key) is kept in the
/// vault and never printed.
pub fn set_eth_explorer(vault: &Vault, chain_id: u64, url: &str, key: Option<&str>) -> Result<()> {
    let conn = vault.read()?;
    if backends::get(&conn, backends::Target::Evm(chain_id))?.is_none() {
        return Err(Error::Usage(format!(
            "an explorer is used with the JSON-RPC endpoint of chain {chain_id}: give --rpc URL too"
        )));
    }
    let route = backends::route(&conn, backends::Target::Evm(chain_id))?;
    drop(conn);
    crate::chain::eth::explorer::Explorer::connect(url, key, chain_id, &route)?;
    vault.write_light(|c| crate::sync::set_eth_explorer(c, chain_id, Some((url, key))))
}

/// Stores the Bitcoin Core node of `network` and its credentials, once it answered on
/// that network.
pub fn set_btc(
    vault: &Vault,
    network: Network,
    url: &str,
    route: &Route,
    auth: &RpcAuth,
) -> Result<()> {
    btc_rpc::connect(url, route, auth, network)?;
    let json = serde_json::to_string(auth).map_err(anyhow::Error::from)?;
    vault.write_light(|c| crate::sync::set_btc_node(c, network, url, route, &json, clock::now()))
}

/// Stores the Electrum server of `network`, once it answered with that network's
/// genesis header (in place of a Bitcoin node, whose credentials are forgotten), reached
/// along `route` (a proxy; a pinned certificate, for `ssl://` only).
pub fn set_btc_electrum(vault: &Vault, network: Network, url: &str, route: &Route) -> Result<()> {
    electrum::connect(url, route, network)?;
    vault.write_light(|c| crate::sync::set_btc_electrum(c, network, url, route, clock::now()))
}

/// Stores the Esplora API of `network`, once its block 0 is that network's genesis (in
/// place of a Bitcoin node, whose credentials are forgotten); reached directly (its
/// client cannot take a SOCKS5 proxy: refused).
pub fn set_btc_esplora(vault: &Vault, network: Network, url: &str, route: &Route) -> Result<()> {
    let (c, _) = crate::chain::btc::esplora::connect(url, route, network)?;
    let url = c.url().to_string();
    vault.write_light(|conn| {
        backends::set(
            conn,
            backends::Target::Bitcoin(network),
            backends::Kind::Esplora,
            &url,
            route,
            clock::now(),
        )?;
        backends::set_btc_auth(conn, network, None)
    })
}

/// Removes the endpoint of the EVM chain `chain_id` (default: the only EVM backend's).
pub fn remove_eth(vault: &Vault, chain_id: Option<u64>) -> Result<()> {
    let id = match chain_id {
        Some(id) => id,
        None => default_chain_id(&vault.read()?, "removing an EVM backend")?,
    };
    vault.write_light(|c| {
        crate::sync::set_eth_explorer(c, id, None)?;
        backends::remove(c, backends::Target::Evm(id))
    })
}

/// Removes the Bitcoin node of `network` and its credentials.
pub fn remove_btc(vault: &Vault, network: Network) -> Result<()> {
    vault.write_light(|c| crate::sync::remove_btc_node(c, network))
}

/// `wallet backend test` output.
#[derive(Debug, Serialize)]
pub struct Tested {
    /// `eth` or `btc`.
    pub chain: Chain,
    /// The endpoint.
    pub rpc: String,
    /// EVM chain id.
    pub chain_id: Option<u64>,
    /// Bitcoin: the node's version, chain, height, initial block download.
    pub node: Option<NodeInfo>,
    /// EVM: the latest block.
    pub block: Option<u64>,
    /// The round trip of one call (ms).
    pub rtt_ms: u64,
    /// What it is: `core-rpc`, `electrum`, `esplora` or `json-rpc`.
    pub kind: String,
    /// The tip height (the node's height, the server's tip, the latest EVM block).
    pub tip: u64,
    /// Electrum: the server's software, tip and round trip.
    pub server: Option<ServerInfo>,
    /// EVM: how `wallet sync` finds history there: `explorer` (an Etherscan-compatible
    /// API set with `--explorer`), `otterscan` (the node's address index) or
    /// `block-scan` (every block read); null for Bitcoin.
    pub history: Option<String>,
    /// EVM: whether ether moved by contracts (internal transfers) is found; null for
    /// Bitcoin.
    pub internal: Option<bool>,
    /// The SOCKS5 proxy it was reached through, or null: directly.
    pub proxy: Option<String>,
    /// The pinned SHA-256 fingerprint of its TLS certificate, or null.
    pub cert_sha256: Option<String>,
    /// What it can do, asked now.
    pub capabilities: Capabilities,
}

/// What a backend can do, asked when it is tested.
#[derive(Debug, Serialize)]
pub struct Capabilities {
    /// Where history comes from: Bitcoin `blocks` (a node: its blocks are read) or
    /// `address-index` (an Electrum server, an Esplora API); EVM as [`Tested::history`].
    pub history: String,
    /// Whether it answers a fee estimate for 6 blocks now (a node's `estimatesmartfee`,
    /// a server's `blockchain.estimatefee`; EVM: `eth_feeHistory` over the last 6
    /// blocks answers).
    pub fee_estimates: bool,
    /// Whether it tells unconfirmed transactions (a node's mempool, a server's
    /// unconfirmed history; EVM: the pending block or `txpool_status`).
    pub mempool: bool,
    /// EVM: whether internal transfers are found; null for Bitcoin.
    pub internal: Option<bool>,
}

/// Probes the Bitcoin node of `network` now: its version, chain, height, initial block
/// download and the round trip.
pub fn test_btc(conn: &rusqlite::Connection, network: Network) -> Result<Tested> {
    let target = backends::Target::Bitcoin(network);
    if backends::kind(conn, target)? == Some(backends::Kind::Esplora) {
        let url = backends::get(conn, target)?.unwrap_or_default();
        let route = backends::route(conn, target)?;
        let (client, info) = crate::chain::btc::esplora::connect(&url, &route, network)?;
        let capabilities = Capabilities {
            history: "address-index".into(),
            fee_estimates: client.estimate_fee(6).ok().flatten().is_some(),
            // An Esplora API lists a script's unconfirmed transactions with its confirmed
            // ones (`/scripthash/:hash/txs`): not asked separately.
            mempool: true,
            internal: None,
        };
        return Ok(Tested {
            capabilities,
            chain: Chain::Btc,
            rpc: url,
            chain_id: None,
            node: None,
            block: None,
            rtt_ms: info.rtt_ms,
            kind: backends::Kind::Esplora.name().into(),
            tip: info.height,
            server: None,
            history: None,
            internal: None,
            proxy: route.proxy,
            cert_sha256: route.cert_sha256,
        });
    }
    if backends::kind(conn, target)? == Some(backends::Kind::Electrum) {
        let url = backends::get(conn, target)?.unwrap_or_default();
        let route = backends::route(conn, target)?;
        let (mut client, info) = electrum::connect(&url, &route, network)?;
        let capabilities = Capabilities {
            history: "address-index".into(),
            fee_estimates: client.estimate_fee(6).ok().flatten().is_some(),
            // The unconfirmed history of a script (any: an unused one answers []).
            mempool: client
                .call(
                    "blockchain.scripthash.get_mempool",
                    serde_json::json!(["00".repeat(32)]),
                )
                .is_ok_and(|v| v.is_array()),
            internal: None,
        };
        return Ok(Tested {
            capabilities,
            chain: Chain::Btc,
            rpc: url,
            chain_id: None,
            node: None,
            block: None,
            rtt_ms: info.rtt_ms,
            kind: backends::Kind::Electrum.name().into(),
            tip: info.height,
            server: Some(info),
            history: None,
            internal: None,
            proxy: route.proxy,
            cert_sha256: route.cert_sha256,
        });
    }
    let (url, auth) = btc_node(conn, network)?
        .ok_or_else(|| Error::NotFound(format!("a Bitcoin node for {}", network.name())))?;
    let route = backends::route(conn, target)?;
    let (client, info) = btc_rpc::connect(&url, &route, &auth, network)?;
    let capabilities = {
        use bdk_bitcoind_rpc::bitcoincore_rpc::RpcApi as _;
        Capabilities {
            history: "blocks".into(),
            fee_estimates: client
                .estimate_smart_fee(6, None)
                .is_ok_and(|e| e.fee_rate.is_some()),
            mempool: client.get_mempool_info().is_ok(),
            internal: None,
        }
    };
    Ok(Tested {
        capabilities,
        chain: Chain::Btc,
        rpc: url,
        chain_id: None,
        rtt_ms: info.rtt_ms,
        kind: backends::Kind::CoreRpc.name().into(),
        tip: info.height,
        node: Some(info),
        block: None,
        server: None,
        history: None,
        internal: None,
        proxy: route.proxy,
        cert_sha256: route.cert_sha256,
    })
}

/// Probes the endpoint of the EVM chain `chain_id` (default: the only EVM backend's)
/// now: its chain id, latest block and the round trip.
pub fn test_eth(conn: &rusqlite::Connection, chain_id: Option<u64>) -> Result<Tested> {
    let id = match chain_id {
        Some(id) => id,
        None => default_chain_id(conn, "testing an EVM backend")?,
    };
    let url = backends::get(conn, backends::Target::Evm(id))?
        .ok_or_else(|| Error::NotFound(format!("a backend for chain {id}")))?;
    let route = backends::route(conn, backends::Target::Evm(id))?;
    let explorer = crate::sync::eth_explorer(conn, id)?;
    let t0 = std::time::Instant::now();
    let rpc = Rpc::connect(&url, &route, id)?;
    let block = rpc.block_number()?;
    let rtt_ms = t0.elapsed().as_millis() as u64;
    let history = crate::chain::eth::index::probe(&rpc);
    if let Some(e) = &explorer {
        crate::chain::eth::explorer::Explorer::connect(e.url(), e.key(), id, &route)?;
    }
    let (history, internal) = match explorer {
        Some(_) => ("explorer", true),
        None => (history.name(), history.internal),
    };
    let capabilities = Capabilities {
        history: history.into(),
        fee_estimates: rpc
            .call("eth_feeHistory", serde_json::json!(["0x6", "latest", []]))
            .is_ok_and(|v| v.is_object()),
        mempool: rpc
            .call(
                "eth_getBlockByNumber",
                serde_json::json!(["pending", false]),
            )
            .is_ok_and(|v| v.is_object())
            || rpc.call("txpool_status", serde_json::json!([])).is_ok(),
        internal: Some(internal),
    };
    Ok(Tested {
        capabilities,
        chain: Chain::Eth,
        rpc: url,
        chain_id: Some(id),
        node: None,
        block: Some(block),
        rtt_ms,
        kind: backends::Kind::JsonRpc.name().into(),
        tip: block,
        server: None,
        history: Some(history.into()),
        internal: Some(internal),
        proxy: route.proxy,
        cert_sha256: route.cert_sha256,
    })
}

/// The tokens.
#[derive(Debug, Serialize)]
pub struct Tokens {
    /// One per token.
    pub items: Vec<backends::Token>,
}

/// The tokens the vault `conn` holds (of one chain, or all).
pub fn tokens(conn: &rusqlite::Connection, only: Option<u64>) -> Result<Tokens> {
    Ok(Tokens {
        items: backends::tokens(conn, only)?,
    })
}

/// A token to add, as given.
#[derive(Debug, Clone, Default)]
pub struct NewToken {
    /// Its chain id (default: the only EVM backend's).
    pub chain_id: Option<u64>,
    /// The contract address, as typed.
    pub address: String,
    /// Its symbol, checked against the contract when the chain has a backend.
    pub symbol: Option<String>,
    /// Its decimals, checked against the contract when the chain has a backend.
    pub decimals: Option<u8>,
}

/// Adds an ERC-20 token: one snapshot (the chain's backend, asked for the contract's
/// symbol and decimals with no lock held; without a backend both must be given), then
/// one write; answers with the chain's tokens read in that write.
pub fn add_token(vault: &Vault, a: NewToken) -> Result<Tokens> {
    let conn = vault.read()?;
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
                    format!(
                        "{contract} does not answer decimals() and symbol() as an ERC-20 token"
                    ),
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
    drop(conn);
    check_token(&symbol, decimals)?;
    let t = backends::Token {
        chain_id,
        address: contract.to_checksum(None),
        symbol,
        decimals,
    };
    vault.write(|c| {
        backends::add_token(c, &t)?;
        tokens(c, Some(chain_id))
    })
}

/// A token's symbol (1-16 letters, digits, `.`, `_`, `-`) and decimals (at most 36)
/// are usable.
fn check_token(symbol: &str, decimals: u8) -> Result<()> {
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
    Ok(())
}

/// Removes a token (by contract address or symbol) of `chain_id` (default: the only EVM
/// backend's) in one write; answers with the chain's tokens read in it.
pub fn remove_token(vault: &Vault, chain_id: Option<u64>, token: &str) -> Result<Tokens> {
    vault.write(|c| {
        let chain_id = match chain_id {
            Some(id) => id,
            None => default_chain_id(c, "removing a token")?,
        };
        let t = find_token(c, chain_id, token)?;
        backends::remove_token(c, chain_id, &t.address)?;
        tokens(c, Some(chain_id))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usable_tokens() {
        assert!(check_token("USDC", 6).is_ok());
        assert!(check_token("a.b_c-1", 36).is_ok());
        assert!(check_token("", 6).is_err());
        assert!(check_token("TOOLONGSYMBOLNAME", 6).is_err());
        assert!(check_token("US DC", 6).is_err());
        assert!(check_token("USDC", 37).is_err());
    }

    #[test]
    fn a_view_names_a_network_only_for_bitcoin() {
        let v = view(backends::Backend {
            target: backends::Target::Evm(31337),
            kind: backends::Kind::JsonRpc,
            url: "http://x".into(),
            route: Route::direct(),
        });
        assert_eq!((v.chain_id, v.network), (Some(31337), None));
        assert_eq!(v.kind, "json-rpc");
        let v = view(backends::Backend {
            target: backends::Target::Bitcoin(Network::Regtest),
            kind: backends::Kind::Electrum,
            url: "tcp://x:1".into(),
            route: Route::direct(),
        });
        assert_eq!((v.chain_id, v.network), (None, Some(Network::Regtest)));
        assert_eq!(v.kind, "electrum");
    }
}
