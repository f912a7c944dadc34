//! An Esplora HTTP API (issue 21: the real networks without a node of your own), through
//! bdk_esplora's async client (esplora-client 0.12 over reqwest 0.12: rustls 0.23 with
//! coffer's certificate check, SOCKS5), driven by a current-thread tokio runtime of its
//! own so that the rest of coffer stays blocking: the genesis check, the tip, fee
//! estimates, broadcast and the scans. `https://` checks the certificate with the
//! platform's verifier or a pinned fingerprint (as an Electrum server's `ssl://`); a
//! `socks5h://` proxy resolves the host name and carries every request. (Its blocking
//! client is not used: its TLS is rustls 0.21, with open advisories, and it speaks only
//! HTTP CONNECT proxies.)

use crate::chain::Network;
use crate::chain::net::Route;
use crate::error::{Error, Result};
use bdk_esplora::EsploraAsyncExt as _;
use bdk_esplora::esplora_client::{self, AsyncClient};
use std::time::Instant;

/// What an Esplora API told about itself.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ServerInfo {
    /// What it is: `esplora`.
    pub version: String,
    /// Its tip height.
    pub height: u64,
    /// The round trip of the checks (ms).
    pub rtt_ms: u64,
}

/// A transaction an Esplora API knows, and its block (height, hash, time) if confirmed.
pub struct KnownTx {
    /// The transaction.
    pub tx: bitcoin::Transaction,
    /// Its block: height, hash, time (Unix seconds, when told).
    pub block: Option<(u32, bitcoin::BlockHash, Option<u64>)>,
}

/// Checks an Esplora URL's form: `http://` or `https://`, a host, no query.
pub fn parse_url(url: &str) -> Result<&str> {
    let bad = || {
        Error::invalid(
            "esplora",
            format!("{url}: an Esplora API is https://HOST[:PORT]/… or http://HOST[:PORT]/…"),
        )
    };
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(bad)?;
    if rest.is_empty() || rest.starts_with('/') || rest.contains(['?', '#', ' ', '@']) {
        return Err(bad());
    }
    Ok(url.trim_end_matches('/'))
}

/// The route an Esplora API can take: directly or through a `socks5h://` proxy; a
/// pinned certificate only for `https://`.
pub fn check_route(url: &str, route: &Route) -> Result<()> {
    if let Some(p) = &route.proxy {
        crate::chain::net::parse_proxy(p)?;
    }
    if route.cert_sha256.is_some() && !url.starts_with("https://") {
        return Err(Error::invalid(
            "esplora-cert-sha256",
            "a pinned certificate is for an https:// Esplora API (or an Electrum server's \
             ssl://)",
        ));
    }
    Ok(())
}

/// A checked Esplora API.
pub struct Client {
    url: String,
    pin: Option<String>,
    via: String,
    rt: tokio::runtime::Runtime,
    inner: AsyncClient,
    /// The fingerprint of the certificate it refused (https://), if it refused one.
    seen: crate::chain::net::Refused,
}

/// Connects to the Esplora API at `url` (through `route`'s proxy, with its pinned
/// certificate) and checks that it serves `network` (the hash of its block 0 is the
/// network's genesis).
pub fn connect(url: &str, route: &Route, network: Network) -> Result<(Client, ServerInfo)> {
    let url = parse_url(url)?.to_string();
    check_route(&url, route)?;
    let what = format!("Esplora API {url}");
    let (tls, seen) = crate::chain::net::tls_config(route.cert_sha256.as_deref(), &what)?;
    let setup = |e: reqwest::Error| Error::Backend(format!("{what}: {e}"));
    // A request may take `COFFER_RPC_TIMEOUT` seconds (default 10), as with the other
    // backends; redirects are not followed; no proxy but the backend's own (none from
    // the environment).
    let mut b = reqwest::Client::builder()
        .use_preconfigured_tls(tls)
        .timeout(std::time::Duration::from_secs(
            crate::chain::eth::rpc::timeout(),
        ))
        .redirect(reqwest::redirect::Policy::none())
        .http1_only()
        .no_proxy();
    if let Some(p) = &route.proxy {
        b = b.proxy(reqwest::Proxy::all(p.as_str()).map_err(setup)?);
    }
    let http = b.build().map_err(setup)?;
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::Backend(format!("{what}: {e}")))?;
    let c = Client {
        inner: AsyncClient::from_client(url.clone(), http),
        via: route
            .proxy
            .as_deref()
            .map(|p| format!(" (through {p})"))
            .unwrap_or_default(),
        pin: route.cert_sha256.clone(),
        url,
        rt,
        seen,
    };
    let t0 = Instant::now();
    let genesis = bitcoin::blockdata::constants::genesis_block(network.to_bitcoin()).block_hash();
    let theirs = c.run(c.inner.get_block_hash(0))?;
    if theirs != genesis {
        return Err(c.bad(format!(
            "it serves another chain than {} (genesis {theirs})",
            network.name()
        )));
    }
    let height = c.tip()?;
    let rtt_ms = t0.elapsed().as_millis() as u64;
    Ok((
        c,
        ServerInfo {
            version: "esplora".into(),
            height,
            rtt_ms,
        },
    ))
}

impl Client {
    /// Its URL.
    pub fn url(&self) -> &str {
        &self.url
    }

    fn bad(&self, what: impl std::fmt::Display) -> Error {
        Error::Backend(format!("Esplora API {}{}: {what}", self.url, self.via))
    }

    /// An esplora-client error as coffer reports it: a refused certificate with its
    /// fingerprint and what to do, else the error in words.
    fn error(&self, e: &esplora_client::Error) -> Error {
        if let Some(seen) = (self.seen)() {
            let what = format!("Esplora API {}", self.url);
            return crate::chain::net::tls_refusal(
                &what,
                self.pin.as_deref(),
                &seen,
                "--esplora-cert-sha256",
            );
        }
        self.bad(describe(e))
    }

    /// Runs one request to its end.
    fn run<T>(
        &self,
        f: impl std::future::Future<Output = std::result::Result<T, esplora_client::Error>>,
    ) -> Result<T> {
        self.rt.block_on(f).map_err(|e| self.error(&e))
    }

    /// A sync of the revealed scripts (bdk_esplora), `parallel` requests at a time.
    pub fn sync<I: Send + 'static>(
        &self,
        request: impl Into<bdk_wallet::chain::spk_client::SyncRequest<I>>,
        parallel: usize,
    ) -> Result<bdk_wallet::chain::spk_client::SyncResponse> {
        let request = request.into();
        self.rt
            .block_on(self.inner.sync(request, parallel))
            .map_err(|e| self.error(&e))
    }

    /// The tip height.
    pub fn tip(&self) -> Result<u64> {
        Ok(u64::from(self.run(self.inner.get_height())?))
    }

    /// The fee rate (sat/vB, at least 1) to confirm within `target` blocks, from
    /// `/fee-estimates` (the estimate of the nearest target at or below it); `None` when
    /// it has none.
    pub fn estimate_fee(&self, target: u16) -> Result<Option<f64>> {
        let all = self.run(self.inner.get_fee_estimates())?;
        Ok(esplora_client::convert_fee_rate(usize::from(target), all)
            .map(|r| f64::from(r).max(1.0)))
    }

    /// Sends `tx`: `Ok(Err(reason))` when the API refused it (an HTTP 4xx answer with
    /// the node's reason), `Err` when it could not be asked.
    pub fn broadcast(&self, tx: &bitcoin::Transaction) -> Result<std::result::Result<(), String>> {
        match self.rt.block_on(self.inner.broadcast(tx)) {
            Ok(()) => Ok(Ok(())),
            Err(esplora_client::Error::HttpResponse { status, message })
                if (400..500).contains(&status) =>
            {
                Ok(Err(message))
            }
            Err(e) => Err(self.error(&e)),
        }
    }

    /// Whether the API knows `txid`: `Some(true)` confirmed, `Some(false)` in its
    /// mempool, `None` not at all.
    pub fn known(&self, txid: bitcoin::Txid) -> Result<Option<bool>> {
        if self.run(self.inner.get_tx(&txid))?.is_none() {
            return Ok(None);
        }
        Ok(Some(self.run(self.inner.get_tx_status(&txid))?.confirmed))
    }

    /// `txid` and where it is (`/tx/:txid/raw`, `/tx/:txid/status`): its block's height,
    /// hash and time when confirmed; `None` when the API does not know it.
    pub fn transaction(&self, txid: bitcoin::Txid) -> Result<Option<KnownTx>> {
        let Some(tx) = self.run(self.inner.get_tx(&txid))? else {
            return Ok(None);
        };
        let s = self.run(self.inner.get_tx_status(&txid))?;
        let block = match (s.confirmed, s.block_height, s.block_hash) {
            (false, ..) => None,
            (true, Some(h), Some(hash)) => Some((h, hash, s.block_time)),
            (true, ..) => return Err(self.bad(format!("a confirmed {txid} without its block"))),
        };
        Ok(Some(KnownTx { tx, block }))
    }

    /// Whether `coin` is spent in the API's view (`/tx/:txid/outspend/:vout`).
    pub fn coin_spent(&self, coin: bitcoin::OutPoint) -> Result<bool> {
        Ok(self
            .run(
                self.inner
                    .get_output_status(&coin.txid, u64::from(coin.vout)),
            )?
            .is_some_and(|s| s.spent))
    }

    /// Whether the API knows `txid` unconfirmed.
    pub fn in_mempool(&self, txid: bitcoin::Txid) -> Result<bool> {
        Ok(self.known(txid)? == Some(false))
    }
}

/// An esplora-client error in words (its `Display` is its `Debug`).
fn describe(e: &esplora_client::Error) -> String {
    match e {
        esplora_client::Error::HttpResponse { status, message } => {
            format!("HTTP {status}: {}", message.trim())
        }
        esplora_client::Error::Reqwest(e) => {
            // reqwest's own words, then its causes (a refused connection, a timeout).
            let mut words = e.to_string();
            let mut source = std::error::Error::source(e);
            while let Some(s) = source {
                words.push_str(&format!(": {s}"));
                source = s.source();
            }
            words
        }
        other => format!("a malformed answer ({other:?})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{BufRead, BufReader, Write};

    /// A fake Esplora API on 127.0.0.1 serving regtest: `answer` gives the status and
    /// body of each request by its method and path (after the block-0 and tip checks).
    fn fake(answer: fn(&str, &str) -> (u16, String)) -> String {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = l.local_addr().unwrap().port();
        std::thread::spawn(move || {
            for s in l.incoming() {
                let Ok(s) = s else { continue };
                let mut r = BufReader::new(s.try_clone().unwrap());
                let mut line = String::new();
                r.read_line(&mut line).unwrap();
                let mut head = String::new();
                while r.read_line(&mut head).unwrap() > 2 {
                    head.clear();
                }
                let mut it = line.split_whitespace();
                let (method, path) = (it.next().unwrap(), it.next().unwrap());
                let genesis =
                    bitcoin::blockdata::constants::genesis_block(bitcoin::Network::Regtest)
                        .block_hash();
                let (status, body) = match path {
                    "/block-height/0" => (200, genesis.to_string()),
                    "/blocks/tip/height" => (200, "7".to_string()),
                    _ => answer(method, path),
                };
                let mut s = s;
                let _ = write!(
                    s,
                    "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
            }
        });
        format!("http://127.0.0.1:{port}")
    }

    fn backend(url: &str) -> crate::chain::btc::backend::Backend {
        let (c, info) = connect(url, &Route::direct(), Network::Regtest).unwrap();
        assert_eq!(info.height, 7);
        crate::chain::btc::backend::Backend::Esplora(c)
    }

    #[test]
    fn fee_estimates_are_read_per_target_and_at_least_one_sat() {
        let url = fake(|_, path| match path {
            "/fee-estimates" => (200, r#"{"1": 20.5, "6": 3.25, "144": 0.5}"#.into()),
            _ => (404, String::new()),
        });
        let b = backend(&url);
        assert_eq!(b.fee_estimate(6).unwrap(), Some(3.25));
        // No estimate for 3 blocks: the nearest target below it.
        assert_eq!(b.fee_estimate(3).unwrap(), Some(20.5));
        assert_eq!(b.fee_estimate(144).unwrap(), Some(1.0));
        assert_eq!(b.tip().unwrap(), 7);
        assert_eq!(b.noun(), "Esplora API");
        assert!(b.node().is_none() && b.electrum_url().is_none());
    }

    #[test]
    fn a_refusal_is_a_refusal_and_a_server_error_is_not() {
        use crate::chain::btc::backend::SendFailure;
        let tx = bitcoin::Transaction {
            version: bitcoin::transaction::Version::TWO,
            lock_time: bitcoin::absolute::LockTime::ZERO,
            input: vec![],
            output: vec![],
        };
        let url = fake(|method, path| match (method, path) {
            ("POST", "/tx") => (
                400,
                "sendrawtransaction RPC error: min relay fee not met".into(),
            ),
            _ => (404, String::new()),
        });
        match backend(&url).broadcast(&tx) {
            Err(SendFailure::Refused(e)) => {
                assert_eq!(e.code(), "backend");
                assert!(e.to_string().contains("min relay fee not met"), "{e}");
            }
            other => panic!("not a refusal: {other:?}"),
        }
        let url = fake(|_, _| (503, "busy".into()));
        assert!(matches!(
            backend(&url).broadcast(&tx),
            Err(SendFailure::Unreachable(_))
        ));
    }

    #[test]
    fn another_network_is_refused() {
        let url = fake(|_, _| (404, String::new()));
        let e = connect(&url, &Route::direct(), Network::Bitcoin)
            .err()
            .unwrap();
        assert_eq!((e.code(), e.exit_code()), ("backend", 7));
        assert!(e.to_string().contains("another chain than bitcoin"), "{e}");
    }

    #[test]
    fn urls_and_routes_are_checked_before_anything_is_sent() {
        assert_eq!(
            parse_url("http://192.168.1.10:3002/api/").unwrap(),
            "http://192.168.1.10:3002/api"
        );
        assert_eq!(
            parse_url("https://blockstream.info/api/").unwrap(),
            "https://blockstream.info/api"
        );
        assert_eq!(
            parse_url("http://127.0.0.1:3002").unwrap(),
            "http://127.0.0.1:3002"
        );
        for bad in [
            "tcp://a:1",
            "https://",
            "https:///api",
            "http://a/?x=1",
            "https://user:pw@a/api",
            "a/api",
        ] {
            assert_eq!(parse_url(bad).unwrap_err().code(), "invalid_input", "{bad}");
        }
        let socks = Route {
            proxy: Some("socks5h://127.0.0.1:9050".into()),
            cert_sha256: None,
        };
        assert!(check_route("http://a", &socks).is_ok());
        let local = Route {
            proxy: Some("socks5://127.0.0.1:9050".into()),
            cert_sha256: None,
        };
        assert_eq!(
            check_route("http://a", &local).unwrap_err().code(),
            "invalid_input"
        );
        let pinned = Route {
            proxy: None,
            cert_sha256: Some("ab".repeat(32)),
        };
        assert!(check_route("https://a", &pinned).is_ok());
        assert_eq!(
            check_route("http://a", &pinned).unwrap_err().code(),
            "invalid_input"
        );
        assert!(check_route("http://a", &Route::direct()).is_ok());
    }
}
