//! An Esplora HTTP API (issue 21: the real networks without a node of your own), through
//! bdk_esplora's blocking client: the genesis check, the tip, fee estimates and broadcast
//! (the scans are in `sync::btc`). The client (esplora-client 0.12 on minreq 2) is built
//! without TLS: its only rustls is 0.21, whose rustls-webpki 0.101 has open advisories
//! (RUSTSEC-2026-0098, -0099, -0104), so `https://` is refused before anything is sent.
//! It can go through an HTTP CONNECT proxy only: a SOCKS5 route is refused too.

use crate::chain::Network;
use crate::chain::net::Route;
use crate::error::{Error, Result};
use bdk_esplora::esplora_client::{self, BlockingClient};
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

/// Checks an Esplora URL's form: `http://`, a host, no query (`https://` is refused:
/// see the module's comment).
pub fn parse_url(url: &str) -> Result<&str> {
    if url.starts_with("https://") {
        return Err(Error::invalid(
            "esplora",
            format!(
                "{url}: an https:// Esplora API is not supported yet (the TLS of its client \
                 has open security advisories); use your own API over http:// on this \
                 machine or your network, or an Electrum server (ssl://, --proxy)"
            ),
        ));
    }
    let bad = || {
        Error::invalid(
            "esplora",
            format!("{url}: an Esplora API is http://HOST[:PORT]/…"),
        )
    };
    let rest = url.strip_prefix("http://").ok_or_else(bad)?;
    if rest.is_empty() || rest.starts_with('/') || rest.contains(['?', '#', ' ']) {
        return Err(bad());
    }
    Ok(url.trim_end_matches('/'))
}

/// The route an Esplora API can take: directly (its client cannot speak SOCKS5).
pub fn check_route(route: &Route) -> Result<()> {
    if route.proxy.is_some() {
        return Err(Error::Usage(
            "an Esplora API cannot be reached through a SOCKS5 proxy yet (its HTTP client \
             speaks only HTTP CONNECT proxies): drop --proxy, or use an Electrum server \
             (--electrum … --proxy socks5h://…)"
                .into(),
        ));
    }
    if route.cert_sha256.is_some() {
        return Err(Error::invalid(
            "electrum-cert-sha256",
            "a pinned certificate is for an Electrum server (--electrum ssl://…)",
        ));
    }
    Ok(())
}

/// A checked Esplora API.
pub struct Client {
    url: String,
    inner: BlockingClient,
}

/// Connects to the Esplora API at `url` and checks that it serves `network` (the hash of
/// its block 0 is the network's genesis).
pub fn connect(url: &str, route: &Route, network: Network) -> Result<(Client, ServerInfo)> {
    check_route(route)?;
    let url = parse_url(url)?.to_string();
    let t0 = Instant::now();
    let c = Client {
        // A request may take `COFFER_RPC_TIMEOUT` seconds (default 10), as with the
        // other backends; a busy answer (429, 5xx) is asked again once.
        inner: esplora_client::Builder::new(&url)
            .timeout(crate::chain::eth::rpc::timeout())
            .max_retries(1)
            .build_blocking(),
        url,
    };
    let genesis = bitcoin::blockdata::constants::genesis_block(network.to_bitcoin()).block_hash();
    let theirs = c.inner.get_block_hash(0).map_err(c.error())?;
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

    /// The blocking client under it (for bdk_esplora's scans).
    pub fn inner(&self) -> &BlockingClient {
        &self.inner
    }

    fn bad(&self, what: impl std::fmt::Display) -> Error {
        Error::Backend(format!("Esplora API {}: {what}", self.url))
    }

    fn error(&self) -> impl Fn(esplora_client::Error) -> Error + '_ {
        move |e| self.bad(describe(&e))
    }

    /// The tip height.
    pub fn tip(&self) -> Result<u64> {
        Ok(u64::from(self.inner.get_height().map_err(self.error())?))
    }

    /// The fee rate (sat/vB, at least 1) to confirm within `target` blocks, from
    /// `/fee-estimates` (the estimate of the nearest target at or below it); `None` when
    /// it has none.
    pub fn estimate_fee(&self, target: u16) -> Result<Option<f64>> {
        let all = self.inner.get_fee_estimates().map_err(self.error())?;
        Ok(esplora_client::convert_fee_rate(usize::from(target), all)
            .map(|r| f64::from(r).max(1.0)))
    }

    /// Sends `tx`: `Ok(Err(reason))` when the API refused it (an HTTP 4xx answer with
    /// the node's reason), `Err` when it could not be asked.
    pub fn broadcast(&self, tx: &bitcoin::Transaction) -> Result<std::result::Result<(), String>> {
        match self.inner.broadcast(tx) {
            Ok(()) => Ok(Ok(())),
            Err(esplora_client::Error::HttpResponse { status, message })
                if (400..500).contains(&status) =>
            {
                Ok(Err(message))
            }
            Err(e) => Err(self.bad(describe(&e))),
        }
    }

    /// Whether the API knows `txid`: `Some(true)` confirmed, `Some(false)` in its
    /// mempool, `None` not at all.
    pub fn known(&self, txid: bitcoin::Txid) -> Result<Option<bool>> {
        if self.inner.get_tx(&txid).map_err(self.error())?.is_none() {
            return Ok(None);
        }
        Ok(Some(
            self.inner
                .get_tx_status(&txid)
                .map_err(self.error())?
                .confirmed,
        ))
    }

    /// `txid` and where it is (`/tx/:txid/raw`, `/tx/:txid/status`): its block's height,
    /// hash and time when confirmed; `None` when the API does not know it.
    pub fn transaction(&self, txid: bitcoin::Txid) -> Result<Option<KnownTx>> {
        let Some(tx) = self.inner.get_tx(&txid).map_err(self.error())? else {
            return Ok(None);
        };
        let s = self.inner.get_tx_status(&txid).map_err(self.error())?;
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
            .inner
            .get_output_status(&coin.txid, u64::from(coin.vout))
            .map_err(self.error())?
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
        esplora_client::Error::Minreq(e) => e.to_string(),
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
        let e = parse_url("https://blockstream.info/api").unwrap_err();
        assert_eq!(e.code(), "invalid_input");
        assert!(e.to_string().contains("not supported yet"), "{e}");
        assert_eq!(
            parse_url("http://127.0.0.1:3002").unwrap(),
            "http://127.0.0.1:3002"
        );
        for bad in [
            "tcp://a:1",
            "https://",
            "https:///api",
            "http://a/?x=1",
            "a/api",
        ] {
            assert_eq!(parse_url(bad).unwrap_err().code(), "invalid_input", "{bad}");
        }
        let socks = Route {
            proxy: Some("socks5h://127.0.0.1:9050".into()),
            cert_sha256: None,
        };
        let e = check_route(&socks).unwrap_err();
        assert_eq!((e.code(), e.exit_code()), ("usage", 2));
        assert!(check_route(&Route::direct()).is_ok());
    }
}
