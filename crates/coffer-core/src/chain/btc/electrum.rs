//! The Electrum protocol (line-delimited JSON-RPC over TCP) as far as a backend check
//! needs it: `server.version`, the genesis header (`blockchain.block.header` 0, which must
//! be the network's) and the tip (`blockchain.headers.subscribe`), over `tcp://host:port`
//! or `ssl://host:port` (TLS, see [`crate::chain::net`]), directly or through a SOCKS5
//! proxy. Every failure to connect, a certificate not trusted, a malformed answer or a
//! server on another chain is `backend` (exit 7).

use super::super::Network;
use crate::chain::net::{self, Route};
use crate::error::{Error, Result};
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Write};
use std::time::{Duration, Instant};

/// What an Electrum server told about itself.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ServerInfo {
    /// Its software (`server.version`), e.g. `ElectrumX 1.20.0`.
    pub version: String,
    /// Its tip height.
    pub height: u64,
    /// The round trip of the checks (ms).
    pub rtt_ms: u64,
}

/// An Electrum server's address: TLS or not, host, port.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    /// `ssl://` (TLS) rather than `tcp://`.
    pub tls: bool,
    /// The host name or IP address (no brackets).
    pub host: String,
    /// The port.
    pub port: u16,
}

/// Checks an Electrum server URL's form: `tcp://HOST:PORT` or `ssl://HOST:PORT`;
/// anything else is `invalid_input`.
pub fn parse_url(url: &str) -> Result<Address> {
    let bad = || {
        Error::invalid(
            "electrum",
            format!("{url}: an Electrum server is tcp://HOST:PORT or ssl://HOST:PORT"),
        )
    };
    let (tls, rest) = if let Some(r) = url.strip_prefix("tcp://") {
        (false, r)
    } else if let Some(r) = url.strip_prefix("ssl://") {
        (true, r)
    } else {
        return Err(bad());
    };
    let (host, port) = net::host_port(rest.trim_end_matches('/')).ok_or_else(bad)?;
    Ok(Address { tls, host, port })
}

/// A connection to the Electrum server at `url` along `route` (through its proxy; TLS
/// for `ssl://`, the certificate verified or pinned), for any Electrum client
/// (electrum-client's `RawClient::from`). Times out after `COFFER_RPC_TIMEOUT` seconds.
pub fn open(url: &str, route: &Route) -> Result<net::Stream> {
    let a = parse_url(url)?;
    if route.cert_sha256.is_some() && !a.tls {
        return Err(Error::Usage(format!(
            "{url}: a pinned certificate is for a TLS server (ssl://)"
        )));
    }
    let timeout = Duration::from_secs(crate::chain::eth::rpc::timeout());
    let what = format!("Electrum server {url}");
    let sock = net::tcp(&a.host, a.port, route.proxy.as_deref(), timeout, &what)?;
    if a.tls {
        net::tls(sock, &a.host, route.cert_sha256.as_deref(), &what)
    } else {
        Ok(net::Stream::Plain(sock))
    }
}

/// electrum-client's client (what BDK's Electrum sync takes) over [`open`]'s connection
/// (the route's proxy, TLS, the pinned certificate), after the `server.version` hello
/// that opens every session.
pub type RawClient = bdk_electrum::electrum_client::raw_client::RawClient<net::Stream>;

/// A [`RawClient`] of the Electrum server at `url`, along `route`, said hello to.
pub fn raw_client(url: &str, route: &Route) -> Result<RawClient> {
    use bdk_electrum::electrum_client::ElectrumApi as _;
    let c = RawClient::from(open(url, route)?);
    c.protocol_version()
        .map_err(|e| Error::Backend(format!("Electrum server {url}: {e}")))?;
    Ok(c)
}

/// The most requests of one batch sent to an Electrum server at a time: a server that
/// throttles a session (ElectrumX past its `COST_SOFT_LIMIT`) delays each request and
/// answers "server busy" to those a batch left waiting past its `REQUEST_TIMEOUT`
/// (30 s by default); small batches keep each wait short.
pub const BATCH: usize = 20;

/// How long a sync goes on asking a busy server again, in all (seconds).
const BUSY_BUDGET_SECS: u64 = 300;

/// bdk_electrum's client over a [`RawClient`], paced for a public server's per-session
/// limits: batches are sent [`BATCH`] requests at a time; an answer "server busy"
/// (ElectrumX's -102, a request that waited past its timeout), "excessive resource
/// usage" (-101, after which it disconnects) or a closed connection is asked again on a
/// new connection after a pause that doubles from 2 s up to 30 s (none on a test vault),
/// for at most `BUSY_BUDGET_SECS` in all; `on_wait` is told each time (a notice for the
/// user, shown as it happens). Counts the requests sent.
pub struct Paced<'a> {
    url: String,
    route: Route,
    inner: std::sync::Mutex<RawClient>,
    requests: std::sync::atomic::AtomicU64,
    waited: std::sync::Mutex<Duration>,
    on_wait: Box<dyn Fn(String) + Send + Sync + 'a>,
    /// Transactions the caller holds already (never fetched ahead).
    known: std::sync::Mutex<std::collections::HashSet<bitcoin::Txid>>,
    /// Transactions of the script histories read, fetched ahead in batches (bdk's
    /// client asks for them one at a time), until asked for.
    ahead: std::sync::Mutex<std::collections::HashMap<bitcoin::Txid, Vec<u8>>>,
}

type EResult<T> = std::result::Result<T, bdk_electrum::electrum_client::Error>;

/// Whether an Electrum error is the server (or the link) asking to slow down: worth
/// asking again on a new connection after a pause.
fn busy(e: &bdk_electrum::electrum_client::Error) -> bool {
    use bdk_electrum::electrum_client::Error as E;
    match e {
        E::Protocol(v) => {
            let code = v.get("code").and_then(Value::as_i64);
            let text = v.to_string();
            matches!(code, Some(-102 | -101))
                || text.contains("server busy")
                || text.contains("excessive resource usage")
        }
        E::IOError(_) | E::SharedIOError(_) | E::Mpsc | E::CouldntLockReader => true,
        E::AllAttemptsErrored(all) => all.iter().any(busy),
        _ => false,
    }
}

impl<'a> Paced<'a> {
    /// A paced client of the Electrum server at `url` along `route`, said hello to.
    pub fn connect(
        url: &str,
        route: &Route,
        on_wait: Box<dyn Fn(String) + Send + Sync + 'a>,
    ) -> Result<Paced<'a>> {
        Ok(Paced {
            url: url.to_string(),
            route: route.clone(),
            inner: std::sync::Mutex::new(raw_client(url, route)?),
            requests: 0.into(),
            waited: std::sync::Mutex::new(Duration::ZERO),
            on_wait,
            known: Default::default(),
            ahead: Default::default(),
        })
    }

    /// Transactions the caller holds already: those in a script's history are not
    /// fetched ahead.
    pub fn known(&self, txids: impl IntoIterator<Item = bitcoin::Txid>) {
        self.known
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend(txids);
    }

    /// Fetches ahead, in batches, the transactions of `histories` neither known nor
    /// fetched yet.
    fn fetch_ahead(
        &self,
        histories: &[Vec<bdk_electrum::electrum_client::GetHistoryRes>],
    ) -> EResult<()> {
        let missing: Vec<bitcoin::Txid> = {
            let known = self.known.lock().unwrap_or_else(|e| e.into_inner());
            let ahead = self.ahead.lock().unwrap_or_else(|e| e.into_inner());
            let mut seen = std::collections::HashSet::new();
            histories
                .iter()
                .flatten()
                .map(|h| h.tx_hash)
                .filter(|t| !known.contains(t) && !ahead.contains_key(t) && seen.insert(*t))
                .collect()
        };
        let raws = self.chunked(missing.clone(), |c, t| {
            use bdk_electrum::electrum_client::ElectrumApi as _;
            c.batch_transaction_get_raw(t.iter())
        })?;
        let mut ahead = self.ahead.lock().unwrap_or_else(|e| e.into_inner());
        ahead.extend(missing.into_iter().zip(raws));
        Ok(())
    }

    /// The requests sent so far (each one of a batch counted).
    pub fn requests(&self) -> u64 {
        self.requests.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// `f` on the connection (`n` requests), asked again on a new connection while the
    /// server is busy, within the budget.
    fn paced<T>(&self, n: usize, f: impl Fn(&RawClient) -> EResult<T>) -> EResult<T> {
        use std::sync::atomic::Ordering;
        let mut pause = Duration::from_secs(2);
        loop {
            self.requests.fetch_add(n as u64, Ordering::Relaxed);
            let r = {
                let c = self.inner.lock().unwrap_or_else(|e| e.into_inner());
                f(&c)
            };
            let e = match r {
                Err(e) if busy(&e) => e,
                r => return r,
            };
            let mut waited = self.waited.lock().unwrap_or_else(|e| e.into_inner());
            if *waited + pause > Duration::from_secs(BUSY_BUDGET_SECS) {
                return Err(bdk_electrum::electrum_client::Error::Message(format!(
                    "{e} (still busy after waiting {} s in all)",
                    waited.as_secs()
                )));
            }
            (self.on_wait)(format!(
                "Electrum server {}: {e}; asking again in {} s on a new connection",
                self.url,
                pause.as_secs()
            ));
            if !crate::clock::test_vault() {
                std::thread::sleep(pause);
            }
            *waited += pause;
            drop(waited);
            pause = (pause * 2).min(Duration::from_secs(30));
            let fresh = raw_client(&self.url, &self.route)
                .map_err(|e| bdk_electrum::electrum_client::Error::Message(e.to_string()))?;
            *self.inner.lock().unwrap_or_else(|e| e.into_inner()) = fresh;
        }
    }

    /// A batch call `f` over `items`, [`BATCH`] at a time, each chunk paced.
    fn chunked<I: Clone, T>(
        &self,
        items: Vec<I>,
        f: impl Fn(&RawClient, &[I]) -> EResult<Vec<T>>,
    ) -> EResult<Vec<T>> {
        let mut out = Vec::with_capacity(items.len());
        for chunk in items.chunks(BATCH) {
            out.extend(self.paced(chunk.len(), |c| f(c, chunk))?);
        }
        Ok(out)
    }
}

mod paced_api {
    use super::{EResult, Paced};
    use bdk_electrum::electrum_client::{
        Batch, ElectrumApi, GetHeadersRes, GetHistoryRes, GetMerkleRes, ListUnspentRes, Param,
        RawHeaderNotification, ServerFeaturesRes, TxidFromPosRes,
    };
    use bdk_electrum::electrum_client::{
        BroadcastPackageRes, EstimationMode, GetBalanceRes, MempoolInfoRes, ScriptStatus,
    };
    use bitcoin::{Script, Txid};
    use std::borrow::Borrow;

    /// Every call through [`Paced::paced`]; batches through [`Paced::chunked`].
    impl ElectrumApi for Paced<'_> {
        fn raw_call(
            &self,
            method_name: &str,
            params: impl IntoIterator<Item = Param>,
        ) -> EResult<serde_json::Value> {
            let params: Vec<Param> = params.into_iter().collect();
            self.paced(1, |c| c.raw_call(method_name, params.clone()))
        }
        fn batch_call(&self, batch: &Batch) -> EResult<Vec<serde_json::Value>> {
            let n = batch.iter().count();
            self.paced(n, |c| c.batch_call(batch))
        }
        fn block_headers_subscribe_raw(&self) -> EResult<RawHeaderNotification> {
            self.paced(1, |c| c.block_headers_subscribe_raw())
        }
        fn block_headers_pop_raw(&self) -> EResult<Option<RawHeaderNotification>> {
            self.inner
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .block_headers_pop_raw()
        }
        fn block_header_raw(&self, height: usize) -> EResult<Vec<u8>> {
            self.paced(1, |c| c.block_header_raw(height))
        }
        fn block_headers(&self, start_height: usize, count: usize) -> EResult<GetHeadersRes> {
            self.paced(1, |c| c.block_headers(start_height, count))
        }
        fn estimate_fee(&self, number: usize, mode: Option<EstimationMode>) -> EResult<f64> {
            self.paced(1, |c| c.estimate_fee(number, mode))
        }
        fn relay_fee(&self) -> EResult<f64> {
            self.paced(1, |c| c.relay_fee())
        }
        fn script_subscribe(&self, script: &Script) -> EResult<Option<ScriptStatus>> {
            self.paced(1, |c| c.script_subscribe(script))
        }
        fn batch_script_subscribe<'s, I>(&self, scripts: I) -> EResult<Vec<Option<ScriptStatus>>>
        where
            I: IntoIterator + Clone,
            I::Item: Borrow<&'s Script>,
        {
            let v: Vec<&'s Script> = scripts.into_iter().map(|s| *s.borrow()).collect();
            self.chunked(v, |c, s| c.batch_script_subscribe(s.iter().copied()))
        }
        fn script_unsubscribe(&self, script: &Script) -> EResult<bool> {
            self.paced(1, |c| c.script_unsubscribe(script))
        }
        fn script_pop(&self, script: &Script) -> EResult<Option<ScriptStatus>> {
            self.inner
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .script_pop(script)
        }
        fn script_get_balance(&self, script: &Script) -> EResult<GetBalanceRes> {
            self.paced(1, |c| c.script_get_balance(script))
        }
        fn batch_script_get_balance<'s, I>(&self, scripts: I) -> EResult<Vec<GetBalanceRes>>
        where
            I: IntoIterator + Clone,
            I::Item: Borrow<&'s Script>,
        {
            let v: Vec<&'s Script> = scripts.into_iter().map(|s| *s.borrow()).collect();
            self.chunked(v, |c, s| c.batch_script_get_balance(s.iter().copied()))
        }
        fn script_get_history(&self, script: &Script) -> EResult<Vec<GetHistoryRes>> {
            self.paced(1, |c| c.script_get_history(script))
        }
        fn batch_script_get_history<'s, I>(&self, scripts: I) -> EResult<Vec<Vec<GetHistoryRes>>>
        where
            I: IntoIterator + Clone,
            I::Item: Borrow<&'s Script>,
        {
            let v: Vec<&'s Script> = scripts.into_iter().map(|s| *s.borrow()).collect();
            let histories =
                self.chunked(v, |c, s| c.batch_script_get_history(s.iter().copied()))?;
            self.fetch_ahead(&histories)?;
            Ok(histories)
        }
        fn script_list_unspent(&self, script: &Script) -> EResult<Vec<ListUnspentRes>> {
            self.paced(1, |c| c.script_list_unspent(script))
        }
        fn batch_script_list_unspent<'s, I>(&self, scripts: I) -> EResult<Vec<Vec<ListUnspentRes>>>
        where
            I: IntoIterator + Clone,
            I::Item: Borrow<&'s Script>,
        {
            let v: Vec<&'s Script> = scripts.into_iter().map(|s| *s.borrow()).collect();
            self.chunked(v, |c, s| c.batch_script_list_unspent(s.iter().copied()))
        }
        fn transaction_get_raw(&self, txid: &Txid) -> EResult<Vec<u8>> {
            let ahead = self
                .ahead
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .remove(txid);
            if let Some(raw) = ahead {
                return Ok(raw);
            }
            self.paced(1, |c| c.transaction_get_raw(txid))
        }
        fn batch_transaction_get_raw<'t, I>(&self, txids: I) -> EResult<Vec<Vec<u8>>>
        where
            I: IntoIterator + Clone,
            I::Item: Borrow<&'t Txid>,
        {
            let v: Vec<&'t Txid> = txids.into_iter().map(|t| *t.borrow()).collect();
            self.chunked(v, |c, t| c.batch_transaction_get_raw(t.iter().copied()))
        }
        fn batch_block_header_raw<I>(&self, heights: I) -> EResult<Vec<Vec<u8>>>
        where
            I: IntoIterator + Clone,
            I::Item: Borrow<u32>,
        {
            let v: Vec<u32> = heights.into_iter().map(|h| *h.borrow()).collect();
            self.chunked(v, |c, h| c.batch_block_header_raw(h.iter().copied()))
        }
        fn batch_estimate_fee<I>(&self, numbers: I) -> EResult<Vec<f64>>
        where
            I: IntoIterator + Clone,
            I::Item: Borrow<usize>,
        {
            let v: Vec<usize> = numbers.into_iter().map(|n| *n.borrow()).collect();
            self.chunked(v, |c, n| c.batch_estimate_fee(n.iter().copied()))
        }
        fn transaction_broadcast_raw(&self, raw_tx: &[u8]) -> EResult<Txid> {
            // Never sent twice: a broadcast is not retried.
            self.inner
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .transaction_broadcast_raw(raw_tx)
        }
        fn transaction_broadcast_package_raw<T: AsRef<[u8]>>(
            &self,
            raw_txs: &[T],
        ) -> EResult<BroadcastPackageRes> {
            self.inner
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .transaction_broadcast_package_raw(raw_txs)
        }
        fn transaction_get_merkle(&self, txid: &Txid, height: usize) -> EResult<GetMerkleRes> {
            self.paced(1, |c| c.transaction_get_merkle(txid, height))
        }
        fn batch_transaction_get_merkle<I>(
            &self,
            txids_and_heights: I,
        ) -> EResult<Vec<GetMerkleRes>>
        where
            I: IntoIterator + Clone,
            I::Item: Borrow<(Txid, usize)>,
        {
            let v: Vec<(Txid, usize)> =
                txids_and_heights.into_iter().map(|t| *t.borrow()).collect();
            self.chunked(v, |c, t| c.batch_transaction_get_merkle(t.iter()))
        }
        fn txid_from_pos(&self, height: usize, tx_pos: usize) -> EResult<Txid> {
            self.paced(1, |c| c.txid_from_pos(height, tx_pos))
        }
        fn txid_from_pos_with_merkle(
            &self,
            height: usize,
            tx_pos: usize,
        ) -> EResult<TxidFromPosRes> {
            self.paced(1, |c| c.txid_from_pos_with_merkle(height, tx_pos))
        }
        fn server_features(&self) -> EResult<ServerFeaturesRes> {
            self.paced(1, |c| c.server_features())
        }
        fn mempool_get_info(&self) -> EResult<MempoolInfoRes> {
            self.paced(1, |c| c.mempool_get_info())
        }
        fn ping(&self) -> EResult<()> {
            self.paced(1, |c| c.ping())
        }
        fn calls_made(&self) -> EResult<usize> {
            Ok(usize::try_from(self.requests()).unwrap_or(usize::MAX))
        }
    }
}

/// One connection to an Electrum server.
pub struct Client {
    reader: BufReader<net::Stream>,
    url: String,
    next_id: u64,
    /// The server's software, from `server.version` (sent once per session).
    version: String,
    /// The server refused a verbose `blockchain.transaction.get` (electrs): it is not
    /// asked again for the rest of this client's life.
    verbose_refused: bool,
}

impl Client {
    /// Connects along `route` (timeout: `COFFER_RPC_TIMEOUT` seconds, default 10) and
    /// says hello.
    pub fn connect(url: &str, route: &Route) -> Result<Client> {
        let stream = open(url, route)?;
        let mut c = Client {
            reader: BufReader::new(stream),
            url: url.to_string(),
            next_id: 0,
            version: String::new(),
            verbose_refused: false,
        };
        let v = c.call("server.version", json!(["coffer", "1.4"]))?;
        c.version = v
            .get(0)
            .and_then(Value::as_str)
            .ok_or_else(|| c.bad("a malformed answer to server.version"))?
            .to_string();
        Ok(c)
    }

    fn bad(&self, what: impl std::fmt::Display) -> Error {
        Error::Backend(format!("Electrum server {}: {what}", self.url))
    }

    /// One call; an error answer or a malformed one is `backend`.
    pub fn call(&mut self, method: &str, params: Value) -> Result<Value> {
        self.answer(method, params)?
            .map_err(|m| self.bad(format!("{method}: {m}")))
    }

    /// The hash of the header at `height`.
    fn header_hash(&mut self, height: u64) -> Result<bitcoin::BlockHash> {
        Ok(self.header(height)?.block_hash())
    }

    /// The header at `height`.
    fn header(&mut self, height: u64) -> Result<bitcoin::block::Header> {
        let v = self.call("blockchain.block.header", json!([height]))?;
        v.as_str()
            .and_then(|h| bitcoin::consensus::encode::deserialize_hex(h).ok())
            .ok_or_else(|| self.bad(format!("a malformed header at height {height}")))
    }

    /// The tip height.
    pub fn tip(&mut self) -> Result<u64> {
        let v = self.call("blockchain.headers.subscribe", json!([]))?;
        v.get("height")
            .and_then(Value::as_u64)
            .ok_or_else(|| self.bad("a malformed tip"))
    }
}

/// Connects to the Electrum server at `url` and checks it serves `network` (its genesis
/// header is the network's; else `backend`): its software, tip and the round trip.
pub fn connect(url: &str, route: &Route, network: Network) -> Result<(Client, ServerInfo)> {
    let t0 = Instant::now();
    let mut c = Client::connect(url, route)?;
    let genesis = bitcoin::blockdata::constants::genesis_block(network.to_bitcoin()).block_hash();
    let theirs = c.header_hash(0)?;
    if theirs != genesis {
        return Err(c.bad(format!(
            "it serves another chain than {} (genesis {theirs})",
            network.name()
        )));
    }
    let version = c.version.clone();
    let height = c.tip()?;
    let rtt_ms = t0.elapsed().as_millis() as u64;
    Ok((
        c,
        ServerInfo {
            version,
            height,
            rtt_ms,
        },
    ))
}

/// What a send, a fee estimate and a transaction lookup need (issue 21: sending, fees and
/// `receive` through an Electrum server).
impl Client {
    /// One call whose error answer is the server's word, not a failure of the link:
    /// `Ok(Err(message))` for an error answer; a closed connection, a timeout or a
    /// malformed line is `backend`.
    pub fn answer(
        &mut self,
        method: &str,
        params: Value,
    ) -> Result<std::result::Result<Value, String>> {
        self.next_id += 1;
        let id = self.next_id;
        let req = json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params });
        let stream = self.reader.get_mut();
        stream
            .write_all(format!("{req}\n").as_bytes())
            .map_err(|e| self.bad(e))?;
        loop {
            let mut line = String::new();
            let n = self.reader.read_line(&mut line).map_err(|e| self.bad(e))?;
            if n == 0 {
                return Err(self.bad("the connection was closed"));
            }
            let v: Value = serde_json::from_str(&line)
                .map_err(|_| self.bad(format!("a malformed answer to {method}")))?;
            if v.get("id").and_then(Value::as_u64) != Some(id) {
                continue;
            }
            if let Some(e) = v.get("error").filter(|e| !e.is_null()) {
                // ElectrumX answers an object with a message; electrs (Blockstream's)
                // a bare string.
                let message = e
                    .as_str()
                    .or_else(|| e.get("message").and_then(Value::as_str))
                    .map_or_else(|| e.to_string(), str::to_string);
                return Ok(Err(message));
            }
            return v
                .get("result")
                .cloned()
                .map(Ok)
                .ok_or_else(|| self.bad(format!("no result for {method}")));
        }
    }

    /// `blockchain.transaction.broadcast`: `Ok(Err(reason))` when the server refuses it
    /// (the reason its node gave, without the transaction's hex ElectrumX appends).
    pub fn broadcast(
        &mut self,
        tx: &bitcoin::Transaction,
    ) -> Result<std::result::Result<(), String>> {
        let hex = bitcoin::consensus::encode::serialize_hex(tx);
        Ok(
            match self.answer("blockchain.transaction.broadcast", json!([hex]))? {
                Ok(v) if v.as_str() == Some(tx.compute_txid().to_string().as_str()) => Ok(()),
                Ok(v) => {
                    return Err(self.bad(format!(
                        "a malformed answer to blockchain.transaction.broadcast: {v}"
                    )));
                }
                Err(message) => Err(refusal_reason(&message)),
            },
        )
    }

    /// `blockchain.estimatefee` for `target` blocks in sat/vB, `None` when the server has
    /// no estimate (it answers -1).
    pub fn estimate_fee(&mut self, target: u16) -> Result<Option<f64>> {
        let v = self.call("blockchain.estimatefee", json!([target]))?;
        let per_kvb = v
            .as_f64()
            .ok_or_else(|| self.bad(format!("a malformed fee estimate: {v}")))?;
        Ok(btc_per_kvb_to_sat_vb(per_kvb))
    }

    /// `blockchain.transaction.get` (verbose): the transaction, its block hash and its
    /// confirmations when the server knows it (its mempool, or a block of its chain),
    /// else `None` (its not-found answer). A server that refuses verbose transactions
    /// (electrs) is asked the Electrum-protocol way instead (`Client::transaction_plain`),
    /// for the rest of this client's life. Any other error answer is `backend`.
    pub fn transaction(&mut self, txid: bitcoin::Txid) -> Result<Option<KnownTx>> {
        if self.verbose_refused {
            return self.transaction_plain(txid);
        }
        let v = match self.answer(
            "blockchain.transaction.get",
            json!([txid.to_string(), true]),
        )? {
            Ok(v) => v,
            Err(m) if not_found(&m) => return Ok(None),
            Err(m) if verbose_unsupported(&m) => {
                self.verbose_refused = true;
                return self.transaction_plain(txid);
            }
            Err(m) => return Err(self.bad(format!("blockchain.transaction.get: {m}"))),
        };
        let tx: Option<bitcoin::Transaction> = v
            .get("hex")
            .and_then(Value::as_str)
            .and_then(|h| bitcoin::consensus::encode::deserialize_hex(h).ok());
        let Some(tx) = tx.filter(|t| t.compute_txid() == txid) else {
            return Err(self.bad(format!("a malformed transaction {txid}")));
        };
        let block_hash = match v.get("blockhash").and_then(Value::as_str) {
            Some(h) => Some(
                h.parse::<bitcoin::BlockHash>()
                    .map_err(|_| self.bad(format!("a malformed block hash for {txid}")))?,
            ),
            None => None,
        };
        let confirmations = v.get("confirmations").and_then(Value::as_u64).unwrap_or(0);
        // A block with no confirmation: one its node's chain left (a reorganisation;
        // its -txindex keeps it), and the mempool does not have it either.
        if block_hash.is_some() && confirmations == 0 {
            return Ok(None);
        }
        Ok(Some(KnownTx {
            tx,
            block_hash,
            confirmations,
            block_time: v.get("blocktime").and_then(Value::as_u64),
        }))
    }

    /// A transaction the Electrum-protocol way, for a server without verbose
    /// transactions: the raw transaction (`blockchain.transaction.get`), its height from
    /// the history of its first spendable output's script (`blockchain.scripthash.get_history`:
    /// above 0 confirmed, 0 or -1 in the mempool, absent unknown), its block's hash and time
    /// from the header at that height, checked against the transaction's merkle proof
    /// (`blockchain.transaction.get_merkle`), and its confirmations from the tip.
    fn transaction_plain(&mut self, txid: bitcoin::Txid) -> Result<Option<KnownTx>> {
        let v = match self.answer(
            "blockchain.transaction.get",
            json!([txid.to_string(), false]),
        )? {
            Ok(v) => v,
            Err(m) if not_found(&m) => return Ok(None),
            Err(m) => return Err(self.bad(format!("blockchain.transaction.get: {m}"))),
        };
        let tx: Option<bitcoin::Transaction> = v
            .as_str()
            .and_then(|h| bitcoin::consensus::encode::deserialize_hex(h).ok());
        let Some(tx) = tx.filter(|t| t.compute_txid() == txid) else {
            return Err(self.bad(format!("a malformed transaction {txid}")));
        };
        // An output an Electrum server indexes (not an OP_RETURN); a transaction without
        // one cannot be placed and is said unknown.
        let Some(script) = tx
            .output
            .iter()
            .map(|o| &o.script_pubkey)
            .find(|s| !s.is_op_return())
        else {
            return Ok(None);
        };
        let v = self.call(
            "blockchain.scripthash.get_history",
            json!([script_hash(script)]),
        )?;
        let list = v
            .as_array()
            .ok_or_else(|| self.bad("a malformed answer to blockchain.scripthash.get_history"))?;
        let id = txid.to_string();
        let Some(entry) = list
            .iter()
            .find(|e| e.get("tx_hash").and_then(Value::as_str) == Some(id.as_str()))
        else {
            return Ok(None);
        };
        let height = entry
            .get("height")
            .and_then(Value::as_i64)
            .ok_or_else(|| self.bad(format!("a malformed history entry for {txid}")))?;
        if height <= 0 {
            return Ok(Some(KnownTx {
                tx,
                block_hash: None,
                confirmations: 0,
                block_time: None,
            }));
        }
        let height = height as u64;
        let header = self.header(height)?;
        let proof = self.call("blockchain.transaction.get_merkle", json!([id, height]))?;
        if merkle_root(txid, &proof) != Some(header.merkle_root.to_raw_hash()) {
            return Err(self.bad(format!(
                "the merkle proof of {txid} does not match the block at height {height}"
            )));
        }
        let tip = self.tip()?;
        Ok(Some(KnownTx {
            tx,
            block_hash: Some(header.block_hash()),
            confirmations: tip.saturating_sub(height) + 1,
            block_time: Some(u64::from(header.time)),
        }))
    }
}

/// Whether an Electrum server's error answer to `blockchain.transaction.get` says it does
/// not know the transaction: ElectrumX passes its node's error on (code -5, "No such
/// mempool or blockchain transaction", or "No such mempool transaction" without
/// -txindex), as romanz's electrs does for what its index misses; Blockstream's electrs
/// says "missing transaction".
fn not_found(message: &str) -> bool {
    let m = message.to_ascii_lowercase();
    m.contains("no such mempool") || m.contains("missing transaction")
}

/// Whether an error answer is a refusal of verbose transactions (Blockstream's electrs:
/// "verbose transactions are currently unsupported").
fn verbose_unsupported(message: &str) -> bool {
    let m = message.to_ascii_lowercase();
    m.contains("verbose") && (m.contains("unsupported") || m.contains("not supported"))
}

/// The Electrum script hash of `script`: its SHA-256, bytes reversed, in hex.
fn script_hash(script: &bitcoin::Script) -> String {
    use bitcoin::hashes::{Hash as _, sha256};
    let mut h = sha256::Hash::hash(script.as_bytes()).to_byte_array();
    h.reverse();
    hex::encode(h)
}

/// The merkle root a `blockchain.transaction.get_merkle` answer (`merkle`: the branch in
/// hex, `pos`: the transaction's index in its block) gives for `txid`, `None` when malformed.
fn merkle_root(txid: bitcoin::Txid, proof: &Value) -> Option<bitcoin::hashes::sha256d::Hash> {
    use bitcoin::hashes::{Hash as _, sha256d};
    let mut pos = proof.get("pos")?.as_u64()?;
    let mut cur = txid.to_raw_hash();
    for b in proof.get("merkle")?.as_array()? {
        let b: sha256d::Hash = b.as_str()?.parse().ok()?;
        let mut data = Vec::with_capacity(64);
        if pos & 1 == 1 {
            data.extend_from_slice(b.as_byte_array());
            data.extend_from_slice(cur.as_byte_array());
        } else {
            data.extend_from_slice(cur.as_byte_array());
            data.extend_from_slice(b.as_byte_array());
        }
        cur = sha256d::Hash::hash(&data);
        pos >>= 1;
    }
    Some(cur)
}

impl Client {
    /// Whether the coin `o` is spent in the server's view (by a block or its mempool):
    /// its transaction is known and the coin is not among its script's unspent outputs
    /// (`blockchain.scripthash.listunspent`). A coin of a transaction the server does
    /// not know is not said to be spent.
    pub fn coin_spent(&mut self, o: bitcoin::OutPoint) -> Result<bool> {
        let Some(prev) = self.transaction(o.txid)? else {
            return Ok(false);
        };
        let Some(out) = prev.tx.output.get(o.vout as usize) else {
            return Ok(false);
        };
        let hash = script_hash(&out.script_pubkey);
        let v = self.call("blockchain.scripthash.listunspent", json!([hash]))?;
        let list = v
            .as_array()
            .ok_or_else(|| self.bad("a malformed answer to blockchain.scripthash.listunspent"))?;
        let txid = o.txid.to_string();
        let unspent = list.iter().any(|u| {
            u.get("tx_hash").and_then(Value::as_str) == Some(txid.as_str())
                && u.get("tx_pos").and_then(Value::as_u64) == Some(u64::from(o.vout))
        });
        Ok(!unspent)
    }
}

/// A transaction an Electrum server knows.
#[derive(Debug, Clone)]
pub struct KnownTx {
    /// The transaction.
    pub tx: bitcoin::Transaction,
    /// Its block, when confirmed.
    pub block_hash: Option<bitcoin::BlockHash>,
    /// Its confirmations (0 in the mempool).
    pub confirmations: u64,
    /// Its block's time (UNIX seconds), when confirmed.
    pub block_time: Option<u64>,
}

/// An Electrum fee estimate (BTC per 1,000 vbytes; -1 or less: none) in sat/vB, at least 1.
pub fn btc_per_kvb_to_sat_vb(per_kvb: f64) -> Option<f64> {
    (per_kvb.is_finite() && per_kvb > 0.0).then(|| (per_kvb * 1e8 / 1000.0).max(1.0))
}

/// The reason in a server's refusal of a broadcast: its lines without the transaction's
/// hex (ElectrumX appends it in brackets) and without blank ones.
fn refusal_reason(message: &str) -> String {
    let lines: Vec<&str> = message
        .lines()
        .map(str::trim)
        .filter(|l| {
            let hex = l.starts_with('[') && l.len() > 100;
            !l.is_empty() && !hex
        })
        .collect();
    lines.join(": ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_tcp_or_ssl() {
        let a = |tls: bool, host: &str, port: u16| Address {
            tls,
            host: host.into(),
            port,
        };
        assert_eq!(
            parse_url("tcp://127.0.0.1:50001").unwrap(),
            a(false, "127.0.0.1", 50001)
        );
        assert_eq!(
            parse_url("tcp://host.onion:50001/").unwrap(),
            a(false, "host.onion", 50001)
        );
        assert_eq!(
            parse_url("ssl://e.example:50002").unwrap(),
            a(true, "e.example", 50002)
        );
        assert_eq!(
            parse_url("ssl://[::1]:50002").unwrap(),
            a(true, "::1", 50002)
        );
        for bad in [
            "http://h:1",
            "tcp://h",
            "tcp://:1",
            "tcp://h:x",
            "h:50001",
            "ssl://h",
        ] {
            assert_eq!(parse_url(bad).unwrap_err().code(), "invalid_input", "{bad}");
        }
    }

    #[test]
    fn a_fee_estimate_is_converted_to_sat_per_vbyte() {
        // 0.00012 BTC/kvB = 12,000 sat per 1,000 vB = 12 sat/vB.
        assert_eq!(btc_per_kvb_to_sat_vb(0.00012), Some(12.0));
        assert_eq!(btc_per_kvb_to_sat_vb(0.000025), Some(2.5));
        // Below 1 sat/vB: 1 (the relay floor).
        assert_eq!(btc_per_kvb_to_sat_vb(0.000001), Some(1.0));
        // ElectrumX says -1 when its node has no estimate (regtest).
        assert_eq!(btc_per_kvb_to_sat_vb(-1.0), None);
        assert_eq!(btc_per_kvb_to_sat_vb(0.0), None);
    }

    #[test]
    fn only_a_not_found_answer_means_an_unknown_transaction() {
        // ElectrumX (its node's -5), with and without -txindex; Blockstream's electrs.
        assert!(not_found(
            "daemon error: DaemonError({'code': -5, 'message': 'No such mempool or \
             blockchain transaction. Use gettransaction for wallet transactions.'})"
        ));
        assert!(not_found(
            "No such mempool transaction. Use -txindex or provide a block hash."
        ));
        assert!(not_found("missing transaction"));
        for other in [
            "server busy - request timed out",
            "excessive resource usage",
            "verbose transactions are currently unsupported",
            "daemon error: DaemonError({'code': -28, 'message': 'Loading block index…'})",
        ] {
            assert!(!not_found(other), "{other}");
        }
        assert!(verbose_unsupported(
            "verbose transactions are currently unsupported"
        ));
        assert!(!verbose_unsupported("missing transaction"));
    }

    #[test]
    fn a_merkle_branch_gives_the_root() {
        use bitcoin::hashes::{Hash as _, sha256d};
        let txid: bitcoin::Txid = "11".repeat(32).parse().unwrap();
        let other: sha256d::Hash = "22".repeat(32).parse().unwrap();
        let pair = |a: &sha256d::Hash, b: &sha256d::Hash| {
            sha256d::Hash::hash(&[a.as_byte_array().as_slice(), b.as_byte_array()].concat())
        };
        let t = txid.to_raw_hash();
        let left = json!({ "merkle": ["22".repeat(32)], "pos": 0 });
        assert_eq!(merkle_root(txid, &left), Some(pair(&t, &other)));
        let right = json!({ "merkle": ["22".repeat(32)], "pos": 1 });
        assert_eq!(merkle_root(txid, &right), Some(pair(&other, &t)));
        assert_eq!(
            merkle_root(txid, &json!({ "merkle": ["zz"], "pos": 0 })),
            None
        );
        // The only transaction of its block: its own id.
        assert_eq!(
            merkle_root(txid, &json!({ "merkle": [], "pos": 0 })),
            Some(t)
        );
    }

    #[test]
    fn a_refusal_keeps_the_reason_not_the_hex() {
        let hex = "02".repeat(100);
        let m = format!(
            "the transaction was rejected by network rules.\n\nbad-txns-inputs-missingorspent\n[{hex}]"
        );
        assert_eq!(
            refusal_reason(&m),
            "the transaction was rejected by network rules.: bad-txns-inputs-missingorspent"
        );
    }
}
