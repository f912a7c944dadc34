//! `coffer status`'s own reads: the pending and held transactions (counted, the latest
//! few listed) and each backend's reachability now, probed in parallel and waited for
//! until one deadline (one that does not answer is a line in the status, not a
//! failure), with its last sync.

use crate::chain::asset::{Amount, Asset};
use crate::chain::net::Route;
use crate::chain::{Chain, Network};
use crate::clock;
use crate::error::{Error, Result};
use crate::vault::backends::{self, Target};
use crate::vault::{history, txs};
use serde::Serialize;

/// How many pending and held transactions are listed (the counts are complete).
const LISTED: i64 = 10;

/// A pending or held transaction.
#[derive(Debug, Serialize)]
pub struct OpenTx {
    /// The wallet.
    pub wallet: String,
    /// `btc` or `eth`.
    pub chain: Chain,
    /// The transaction id (hex; `0x…` on EVM chains), or the approval id of a held send.
    pub id: String,
    /// `send`, `receive` or `self`.
    pub direction: String,
    /// `BTC`, `ETH` or a token symbol (resolved once from the stored row).
    #[serde(serialize_with = "crate::chain::asset::symbol")]
    pub asset: Asset,
    /// Net effect on the wallet, signed, as a decimal of the asset.
    pub amount: String,
    /// Net effect in the smallest unit, signed.
    pub amount_units: String,
    /// When it was first seen or held (RFC 3339).
    pub since: String,
    /// Why a send was held (empty for pending ones).
    pub reasons: Vec<String>,
}

/// Transactions of one kind: the total count and the latest few.
#[derive(Debug, Serialize)]
pub struct OpenTxs {
    /// How many there are.
    pub count: u64,
    /// The latest ones (at most 10), newest first.
    pub items: Vec<OpenTx>,
}

/// One backend as the status sees it.
#[derive(Debug, Serialize)]
pub struct BackendStatus {
    /// `btc` or `eth`.
    pub chain: Chain,
    /// The Bitcoin network (btc).
    pub network: Option<Network>,
    /// The EVM chain id (eth).
    pub chain_id: Option<u64>,
    /// The endpoint.
    pub rpc: String,
    /// Whether it answered now, on the right chain (null with `--offline`).
    pub reachable: Option<bool>,
    /// Its best block, when it answered.
    pub height: Option<u64>,
    /// The round trip (ms), when it answered.
    pub rtt_ms: Option<u64>,
    /// Why it did not answer: the error's code and message.
    pub error: Option<BackendError>,
    /// The most recent `wallet sync` of any account on this chain (RFC 3339), if any.
    pub last_sync_at: Option<String>,
    /// How long ago (seconds).
    pub last_sync_age_secs: Option<i64>,
}

/// Why a backend did not answer.
#[derive(Debug, Serialize)]
pub struct BackendError {
    /// The error code (`backend`, `backend_auth`, `invalid_input`, …).
    pub code: String,
    /// What went wrong.
    pub message: String,
}

/// The unconfirmed transactions: how many, and the latest few.
pub fn pending(conn: &rusqlite::Connection, tokens: &[backends::Token]) -> Result<OpenTxs> {
    let (count, rows) = history::pending(conn, tokens, LISTED)?;
    let mut items = vec![];
    for history::PendingRow {
        wallet,
        chain,
        txid,
        direction,
        amount,
        units,
        time_ms,
    } in rows
    {
        items.push(OpenTx {
            id: match chain {
                Chain::Eth => format!("0x{}", hex::encode(&txid)),
                Chain::Btc => hex::encode(&txid),
            },
            wallet,
            chain,
            direction,
            amount: amount.decimal(),
            asset: amount.asset,
            amount_units: units,
            since: clock::rfc3339(time_ms / 1000),
            reasons: vec![],
        });
    }
    Ok(OpenTxs { count, items })
}

/// The sends held for approval: how many, and the latest few.
pub fn held(conn: &rusqlite::Connection) -> Result<OpenTxs> {
    let (count, rows) = crate::vault::approvals::awaiting(conn, LISTED)?;
    let mut items = vec![];
    for a in rows {
        let units = format!("-{}", a.amount);
        let amount = Amount::stored(a.asset, &units, "amount")?;
        items.push(OpenTx {
            id: a.id,
            wallet: a.wallet,
            chain: a.chain,
            direction: "send".into(),
            amount: amount.decimal(),
            asset: amount.asset,
            amount_units: units,
            since: a.created_at,
            reasons: a.reasons,
        });
    }
    Ok(OpenTxs { count, items })
}

/// What to do to check one backend.
enum Probe {
    /// `--offline`.
    Skip,
    /// Nothing to ask: the stored settings are unusable.
    Failed(Error),
    /// A Bitcoin node.
    Btc(String, crate::chain::btc::rpc::RpcAuth, Network, Route),
    /// An Electrum server and the network it must serve.
    Electrum(String, Network, Route),
    /// An Esplora API and the network it must serve.
    Esplora(String, Network, Route),
    /// An EVM endpoint and the chain id it must answer.
    Eth(String, u64, Route),
}

/// What a probe found.
enum Probed {
    Skipped,
    Up { height: u64, rtt_ms: u64 },
    Down(Error),
}

fn probe(p: &Probe) -> Probed {
    let t0 = std::time::Instant::now();
    let found = match p {
        Probe::Skip => return Probed::Skipped,
        Probe::Failed(e) => {
            return Probed::Down(Error::Backend(format!("not checked: {e}")));
        }
        Probe::Btc(url, auth, network, route) => {
            crate::chain::btc::rpc::connect(url, route, auth, *network).map(|(_, info)| info.height)
        }
        Probe::Electrum(url, network, route) => {
            crate::chain::btc::electrum::connect(url, route, *network).map(|(_, info)| info.height)
        }
        Probe::Esplora(url, network, route) => {
            crate::chain::btc::esplora::connect(url, route, *network).map(|(_, info)| info.height)
        }
        Probe::Eth(url, id, route) => {
            crate::chain::eth::rpc::Rpc::connect(url, route, *id).and_then(|rpc| rpc.block_number())
        }
    };
    match found {
        Ok(height) => Probed::Up {
            height,
            rtt_ms: t0.elapsed().as_millis() as u64,
        },
        Err(e) => Probed::Down(e),
    }
}

/// Every backend: asked at once (unless `offline`), each answer waited for until
/// `timeout` seconds from now, with the latest of its chain's `synced` points.
pub fn backends(
    conn: &rusqlite::Connection,
    synced: &[txs::SyncPoint],
    offline: bool,
    timeout: u64,
) -> Result<Vec<BackendStatus>> {
    let list = backends::list(conn)?;
    // What each probe needs, read before the threads start (the connection stays here).
    let mut targets = vec![];
    for b in list {
        let probe = match b.target {
            _ if offline => Probe::Skip,
            Target::Bitcoin(n) if b.kind == backends::Kind::Electrum => {
                Probe::Electrum(b.url.clone(), n, b.route.clone())
            }
            Target::Bitcoin(n) if b.kind == backends::Kind::Esplora => {
                Probe::Esplora(b.url.clone(), n, b.route.clone())
            }
            Target::Bitcoin(n) => match crate::sync::btc_node(conn, n) {
                Ok(Some((url, auth))) => Probe::Btc(url, auth, n, b.route.clone()),
                Ok(None) => {
                    Probe::Failed(Error::NotFound(format!("a Bitcoin node for {}", n.name())))
                }
                Err(e) => Probe::Failed(e),
            },
            Target::Evm(id) => Probe::Eth(b.url.clone(), id, b.route.clone()),
        };
        targets.push((b, probe));
    }
    // Each probe in its own thread; the status waits for all of them until one deadline,
    // and reports a probe still running then as "no answer" (its thread ends with the
    // process).
    let wait = std::time::Duration::from_secs(timeout);
    let deadline = std::time::Instant::now() + wait;
    let receivers: Vec<_> = targets
        .iter_mut()
        .map(|(_, p)| {
            let p = std::mem::replace(p, Probe::Skip);
            let (tx, rx) = std::sync::mpsc::channel();
            std::thread::spawn(move || {
                let _ = tx.send(probe(&p));
            });
            rx
        })
        .collect();
    let results: Vec<Probed> = receivers
        .into_iter()
        .map(|rx| {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            rx.recv_timeout(left).unwrap_or_else(|e| match e {
                std::sync::mpsc::RecvTimeoutError::Timeout => Probed::Down(Error::Backend(
                    format!("no answer within {timeout} s (coffer status --timeout)"),
                )),
                std::sync::mpsc::RecvTimeoutError::Disconnected => {
                    Probed::Down(Error::Internal(anyhow::anyhow!("a backend probe panicked")))
                }
            })
        })
        .collect();
    Ok(targets
        .into_iter()
        .zip(results)
        .map(|((b, _), r)| {
            let last = synced
                .iter()
                .filter(|p| {
                    p.chain == b.chain()
                        && p.network == b.target.network()
                        && p.chain_id == b.target.chain_id()
                })
                .min_by_key(|p| p.age_secs);
            let (reachable, height, rtt_ms, error) = match r {
                Probed::Skipped => (None, None, None, None),
                Probed::Up { height, rtt_ms } => (Some(true), Some(height), Some(rtt_ms), None),
                Probed::Down(e) => (
                    Some(false),
                    None,
                    None,
                    Some(BackendError {
                        code: e.code().to_string(),
                        message: e.to_string(),
                    }),
                ),
            };
            BackendStatus {
                network: b.target.network(),
                chain_id: b.target.chain_id(),
                chain: b.chain(),
                rpc: b.url,
                reachable,
                height,
                rtt_ms,
                error,
                last_sync_at: last.map(|p| p.synced_at.clone()),
                last_sync_age_secs: last.map(|p| p.age_secs),
            }
        })
        .collect())
}
