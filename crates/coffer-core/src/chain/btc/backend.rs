//! One Bitcoin backend, whichever kind is stored: a Bitcoin Core node (JSON-RPC) or an
//! Electrum server. What sending, fee levels and `receive` need of it (broadcast, a fee
//! estimate, a transaction lookup), so the services do not ask which kind they talk to
//! (liana's `BitcoinInterface`, in the small).

use super::{electrum, esplora};
use crate::error::{Error, Result};
use bdk_bitcoind_rpc::bitcoincore_rpc::{self, RpcApi as _, jsonrpc};
use bitcoin::Transaction;
use std::sync::Mutex;

/// A Bitcoin Core node's RPC client.
pub type NodeClient = bitcoincore_rpc::Client;

/// A connected, checked Bitcoin backend.
pub enum Backend {
    /// A Bitcoin Core node.
    Node(NodeClient),
    /// An Electrum server (one connection, its URL and how it is reached).
    Electrum(Mutex<electrum::Client>, String, crate::chain::net::Route),
    /// An Esplora HTTP API (checked: its genesis is the network's).
    Esplora(esplora::Client),
}

/// Why a broadcast did not happen.
#[derive(Debug)]
pub enum SendFailure {
    /// The backend refused the transaction (its reason; exit 7): it will not relay it.
    Refused(Error),
    /// The backend could not be asked (or its answer was lost): it may have it.
    Unreachable(Error),
}

impl Backend {
    /// The node, when this is one (what only a node can tell: mempool ancestors, UTXOs).
    pub fn node(&self) -> Option<&NodeClient> {
        match self {
            Backend::Node(n) => Some(n),
            Backend::Electrum(..) | Backend::Esplora(_) => None,
        }
    }

    /// The Electrum server's URL, when this is one.
    pub fn electrum_url(&self) -> Option<(&str, &crate::chain::net::Route)> {
        match self {
            Backend::Node(_) | Backend::Esplora(_) => None,
            Backend::Electrum(_, url, route) => Some((url, route)),
        }
    }

    /// The Esplora API, when this is one.
    pub fn esplora(&self) -> Option<&esplora::Client> {
        match self {
            Backend::Esplora(c) => Some(c),
            _ => None,
        }
    }

    /// What to call it in a message: `node`, `Electrum server` or `Esplora API`.
    pub fn noun(&self) -> &'static str {
        match self {
            Backend::Node(_) => "node",
            Backend::Electrum(..) => "Electrum server",
            Backend::Esplora(_) => "Esplora API",
        }
    }

    fn electrum(&self) -> Option<std::sync::MutexGuard<'_, electrum::Client>> {
        match self {
            Backend::Node(_) | Backend::Esplora(_) => None,
            Backend::Electrum(c, ..) => Some(lock(c)),
        }
    }

    /// Sends `tx` to the network.
    pub fn broadcast(&self, tx: &Transaction) -> std::result::Result<(), SendFailure> {
        let n = match self {
            Backend::Electrum(c, ..) => {
                return match lock(c).broadcast(tx) {
                    Ok(Ok(())) => Ok(()),
                    Ok(Err(reason)) => Err(SendFailure::Refused(Error::Backend(format!(
                        "the Electrum server refused the transaction: {reason}"
                    )))),
                    Err(e) => Err(SendFailure::Unreachable(e)),
                };
            }
            Backend::Esplora(c) => {
                return match c.broadcast(tx) {
                    Ok(Ok(())) => Ok(()),
                    Ok(Err(reason)) => Err(SendFailure::Refused(Error::Backend(format!(
                        "the Esplora API refused the transaction: {}",
                        reason.trim()
                    )))),
                    Err(e) => Err(SendFailure::Unreachable(e)),
                };
            }
            Backend::Node(n) => n,
        };
        match n.send_raw_transaction(tx) {
            Ok(_) => Ok(()),
            Err(e @ bitcoincore_rpc::Error::JsonRpc(jsonrpc::Error::Rpc(_))) => {
                Err(SendFailure::Refused(super::rpc::refused(e)))
            }
            Err(e) => Err(SendFailure::Unreachable(super::rpc::node_error(e))),
        }
    }

    /// The fee rate (sat/vB, at least 1) to confirm within `target` blocks, `None` when
    /// the backend has no estimate (a node's `estimatesmartfee` without a rate, an
    /// Electrum server's -1).
    pub fn fee_estimate(&self, target: u16) -> Result<Option<f64>> {
        let n = match self {
            Backend::Electrum(c, ..) => {
                let mut c = lock(c);
                return c.estimate_fee(target);
            }
            Backend::Esplora(c) => return c.estimate_fee(target),
            Backend::Node(n) => n,
        };
        let est = n
            .estimate_smart_fee(target, None)
            .map_err(super::rpc::node_error)?;
        // BTC per 1,000 vbytes → sat per vbyte, at least 1.
        Ok(est
            .fee_rate
            .map(|per_kvb| (per_kvb.to_sat() as f64 / 1000.0).max(1.0)))
    }

    /// Whether the backend knows `txid` unconfirmed (its mempool).
    pub fn in_mempool(&self, txid: bitcoin::Txid) -> Result<bool> {
        let n = match self {
            Backend::Electrum(c, ..) => {
                let mut c = lock(c);
                return Ok(c.transaction(txid)?.is_some_and(|t| t.block_hash.is_none()));
            }
            Backend::Esplora(c) => return c.in_mempool(txid),
            Backend::Node(n) => n,
        };
        let entry: std::result::Result<serde_json::Value, _> =
            n.call("getmempoolentry", &[serde_json::json!(txid.to_string())]);
        match entry {
            Ok(_) => Ok(true),
            // -5: not in the mempool.
            Err(bitcoincore_rpc::Error::JsonRpc(jsonrpc::Error::Rpc(r))) if r.code == -5 => {
                Ok(false)
            }
            Err(e) => Err(super::rpc::node_error(e)),
        }
    }

    /// An Electrum server's view of `txid` (`None`: it does not know it); on a node,
    /// `None` always (its callers ask the node in their own way).
    pub fn electrum_transaction(&self, txid: bitcoin::Txid) -> Result<Option<electrum::KnownTx>> {
        match self.electrum() {
            Some(mut c) => c.transaction(txid),
            None => Ok(None),
        }
    }

    /// The tip height.
    pub fn tip(&self) -> Result<u64> {
        let n = match self {
            Backend::Electrum(c, ..) => {
                let mut c = lock(c);
                return c.tip();
            }
            Backend::Esplora(c) => return c.tip(),
            Backend::Node(n) => n,
        };
        n.get_block_count().map_err(super::rpc::node_error)
    }
}

/// The Electrum client behind its lock (a poisoned lock: the client a panicked thread
/// used; its stream is still usable).
fn lock(c: &Mutex<electrum::Client>) -> std::sync::MutexGuard<'_, electrum::Client> {
    c.lock().unwrap_or_else(|p| p.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};
    use std::io::{BufRead, BufReader, Write};

    /// A fake Electrum server on 127.0.0.1 for one connection: `answer` gives each
    /// request's `result` (or `error`) by its method and params.
    fn fake(answer: fn(&str, &Value) -> Value) -> String {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = l.local_addr().unwrap().port();
        std::thread::spawn(move || {
            let (s, _) = l.accept().unwrap();
            let mut w = s.try_clone().unwrap();
            for line in BufReader::new(s).lines().map_while(|l| l.ok()) {
                let req: Value = serde_json::from_str(&line).unwrap();
                let method = req["method"].as_str().unwrap().to_string();
                let mut reply = answer(&method, &req["params"]);
                reply["id"] = req["id"].clone();
                reply["jsonrpc"] = json!("2.0");
                if w.write_all(format!("{reply}\n").as_bytes()).is_err() {
                    return;
                }
            }
        });
        format!("tcp://127.0.0.1:{port}")
    }

    fn backend(url: &str) -> Backend {
        let route = crate::chain::net::Route::direct();
        Backend::Electrum(
            Mutex::new(electrum::Client::connect(url, &route).unwrap()),
            url.to_string(),
            route,
        )
    }

    #[test]
    fn an_electrum_fee_estimate_is_read_as_sat_per_vbyte() {
        let url = fake(|method, params| match method {
            "server.version" => json!({ "result": ["FakeX 1.0", "1.4"] }),
            // 0.00012 BTC/kvB for 6 blocks; none (-1) for any other target.
            "blockchain.estimatefee" if params[0] == 6 => json!({ "result": 0.00012 }),
            "blockchain.estimatefee" => json!({ "result": -1 }),
            _ => json!({ "error": { "code": -32601, "message": "unknown method" } }),
        });
        let b = backend(&url);
        assert_eq!(b.fee_estimate(6).unwrap(), Some(12.0));
        assert_eq!(b.fee_estimate(144).unwrap(), None);
        assert_eq!(b.noun(), "Electrum server");
        assert!(b.node().is_none());
    }

    #[test]
    fn an_electrum_refusal_is_a_refusal_and_a_bad_answer_is_not() {
        let url = fake(|method, _| match method {
            "server.version" => json!({ "result": ["FakeX 1.0", "1.4"] }),
            "blockchain.transaction.broadcast" => json!({ "error": { "code": 1,
                "message": "the transaction was rejected by network rules.\n\nmin relay fee not met\n" } }),
            _ => json!({ "result": null }),
        });
        let tx = bitcoin::Transaction {
            version: bitcoin::transaction::Version::TWO,
            lock_time: bitcoin::absolute::LockTime::ZERO,
            input: vec![],
            output: vec![],
        };
        match backend(&url).broadcast(&tx) {
            Err(SendFailure::Refused(e)) => {
                assert_eq!(e.code(), "backend");
                assert!(e.to_string().contains("min relay fee not met"), "{e}");
            }
            other => panic!("not a refusal: {other:?}"),
        }
        // A server that accepts it but answers with another txid: a bad answer, which
        // leaves the broadcast in doubt (the sync sends it again).
        let url = fake(|method, _| match method {
            "server.version" => json!({ "result": ["FakeX 1.0", "1.4"] }),
            _ => json!({ "result": "00".repeat(32) }),
        });
        assert!(matches!(
            backend(&url).broadcast(&tx),
            Err(SendFailure::Unreachable(_))
        ));
    }
}
