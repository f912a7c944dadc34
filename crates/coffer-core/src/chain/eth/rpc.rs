//! A small blocking Ethereum JSON-RPC client (over [`crate::chain::net::Http`]: one
//! kept-alive connection, direct or through a SOCKS5 proxy) with timeouts and clear errors:
//! every failure is `Error::Backend` (exit 7), and a client is only handed out after the
//! endpoint's `eth_chainId` matched the configured chain id.

use crate::error::{Error, Result};
use alloy_primitives::{Address, B256, Bytes, U256};
use serde_json::{Value, json};

/// Seconds a request may take, unless `COFFER_RPC_TIMEOUT` (seconds) says otherwise.
const TIMEOUT_SECS: u64 = 10;

/// Seconds a request to a node may take.
pub fn timeout() -> u64 {
    std::env::var("COFFER_RPC_TIMEOUT")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|t| *t > 0)
        .unwrap_or(TIMEOUT_SECS)
}

/// A JSON-RPC endpoint of one EVM chain.
#[derive(Debug, Clone)]
pub struct Rpc {
    url: String,
    /// Its connection (through the SOCKS5 proxy when there is one), kept between calls
    /// and shared by the clones.
    http: std::sync::Arc<crate::chain::net::Http>,
    /// How often it asked to slow down, and the pauses (ms) in all.
    pauses: std::sync::Arc<(std::sync::atomic::AtomicU32, std::sync::atomic::AtomicU64)>,
    /// The chain id the endpoint answered.
    pub chain_id: u64,
}

/// Parses a JSON-RPC hex quantity (`0x1a`).
pub fn quantity(v: &Value, what: &str) -> Result<U256> {
    let s = v
        .as_str()
        .ok_or_else(|| Error::Backend(format!("{what}: expected a hex quantity, got {v}")))?;
    let digits = s.strip_prefix("0x").unwrap_or(s);
    if digits.is_empty() {
        return Ok(U256::ZERO);
    }
    U256::from_str_radix(digits, 16)
        .map_err(|_| Error::Backend(format!("{what}: '{s}' is not a hex quantity")))
}

fn as_u64(v: U256, what: &str) -> Result<u64> {
    u64::try_from(v).map_err(|_| Error::Backend(format!("{what}: {v} is too large")))
}

fn as_u128(v: U256, what: &str) -> Result<u128> {
    u128::try_from(v).map_err(|_| Error::Backend(format!("{what}: {v} is too large")))
}

/// A hex quantity for a request.
pub fn hex_quantity(v: impl Into<U256>) -> String {
    format!("{:#x}", v.into())
}

/// Why one JSON-RPC call failed.
#[derive(Debug)]
pub enum Failure {
    /// No answer (connection, timeout) or an answer that is not a JSON-RPC one.
    Other(String),
    /// An HTTP status outside 2xx.
    Http(u16, String),
    /// A JSON-RPC error object: its code and message.
    Rpc(i64, String),
    /// No answer through the proxy, as the tunnel reported it.
    Error(Error),
}

impl Failure {
    /// Whether the endpoint asks us to slow down: HTTP 429, or JSON-RPC -32005 ("limit
    /// exceeded", EIP-1474) with a message that is not about the size of the request
    /// (Infura: "project ID request rate exceeded"; a bare "limit exceeded" too).
    pub fn rate_limited(&self) -> bool {
        match self {
            Failure::Http(429, _) => true,
            Failure::Rpc(-32005, m) => !size_message(m),
            _ => false,
        }
    }

    /// Whether the endpoint refused the size of a request (an `eth_getLogs` range too
    /// large, too many results): -32005, -32602, -32600 or -32000 with such a message
    /// (Infura: "query returned more than 10000 results"), HTTP 413.
    pub fn too_large(&self) -> bool {
        match self {
            Failure::Http(413, _) => true,
            Failure::Rpc(-32005 | -32602 | -32600 | -32000, m) => size_message(m),
            _ => false,
        }
    }

    /// A -32005 "limit exceeded" that does not say which limit: after the pauses, a
    /// narrower range is tried.
    pub fn unexplained_limit(&self) -> bool {
        matches!(self, Failure::Rpc(-32005, m) if !size_message(m) && !rate_message(m))
    }

    /// The failure as the error a command reports (exit 7).
    pub fn into_error(self, url: &str, method: &str) -> Error {
        match self {
            Failure::Other(m) => Error::Backend(m),
            Failure::Error(e) => e,
            Failure::Http(status, reason) => Error::Backend(format!(
                "{url} answered {method} with HTTP {status} {reason}"
            )),
            Failure::Rpc(_, m) => Error::Backend(format!("{method}: {m}")),
        }
    }
}

/// Whether a refusal's message is about the size of the request or its answer.
fn size_message(m: &str) -> bool {
    let m = m.to_ascii_lowercase();
    [
        "range",
        "too many",
        "too large",
        "more than",
        "results",
        "response size",
        "block limit",
    ]
    .iter()
    .any(|w| m.contains(w))
}

/// Whether a refusal's message is about the rate of requests.
fn rate_message(m: &str) -> bool {
    let m = m.to_ascii_lowercase();
    [
        "rate",
        "per second",
        "throttl",
        "too many requests",
        "daily",
        "credits",
        "capacity",
    ]
    .iter()
    .any(|w| m.contains(w))
}

/// Methods that change something when asked twice: never sent again on a new
/// connection once written.
fn idempotent(method: &str) -> bool {
    !matches!(
        method,
        "eth_sendRawTransaction" | "eth_sendTransaction" | "eth_sendBundle"
    )
}

/// One JSON-RPC request on `http` (kept-alive, through its proxy when it has one), once.
fn call_once(
    http: &crate::chain::net::Http,
    url: &str,
    method: &str,
    params: &Value,
) -> std::result::Result<Value, Failure> {
    let body = json!({ "jsonrpc": "2.0", "id": 1, "method": method, "params": params });
    let a = http
        .request(
            "POST",
            url,
            &[],
            Some(body.to_string().as_bytes()),
            idempotent(method),
            url,
        )
        .map_err(Failure::Error)?;
    let (status, reason, bytes) = (a.status, a.reason, a.body);
    if !(200..300).contains(&status) {
        return Err(Failure::Http(status, reason));
    }
    let v: Value = serde_json::from_slice(&bytes)
        .map_err(|e| Failure::Other(format!("{url} answered {method} with no JSON: {e}")))?;
    if let Some(err) = v.get("error") {
        let message = err
            .get("message")
            .and_then(Value::as_str)
            .unwrap_or("unknown error");
        let code = err.get("code").and_then(Value::as_i64).unwrap_or(0);
        return Err(Failure::Rpc(code, message.to_string()));
    }
    v.get("result")
        .cloned()
        .ok_or_else(|| Failure::Other(format!("{url} answered {method} without a result")))
}

/// Attempts after the first when the endpoint asks to slow down.
const RETRIES: u32 = 4;

/// The pause before retry `n` (0-based): 250 ms doubling (3.75 s in all at most). None
/// for a test vault in the test environment (and in unit tests), whose tests never sleep.
fn backoff(n: u32) -> std::time::Duration {
    if cfg!(test) || crate::clock::test_vault() {
        return std::time::Duration::ZERO;
    }
    std::time::Duration::from_millis(250 << n.min(4))
}

impl Rpc {
    /// One JSON-RPC call, retried a bounded number of times with backoff while the
    /// endpoint is rate limited (HTTP 429, -32005 not about size); the pauses are
    /// counted for [`Rpc::pauses`]. A refusal still there after the last retry is
    /// returned (its message says it was asked again).
    fn call_retrying(&self, method: &str, params: &Value) -> std::result::Result<Value, Failure> {
        use std::sync::atomic::Ordering::Relaxed;
        let mut n = 0;
        loop {
            match call_once(&self.http, &self.url, method, params) {
                Err(f) if f.rate_limited() && n < RETRIES => {
                    let pause = backoff(n);
                    self.pauses.0.fetch_add(1, Relaxed);
                    self.pauses.1.fetch_add(pause.as_millis() as u64, Relaxed);
                    std::thread::sleep(pause);
                    n += 1;
                }
                Err(f) if f.rate_limited() => {
                    return Err(match f {
                        Failure::Http(s, r) => {
                            Failure::Http(s, format!("{r} (rate limited: asked {} times)", n + 1))
                        }
                        Failure::Rpc(c, m) => {
                            Failure::Rpc(c, format!("{m} (rate limited: asked {} times)", n + 1))
                        }
                        f => f,
                    });
                }
                r => return r,
            }
        }
    }

    /// How often the endpoint asked to slow down (HTTP 429, -32005) and the time spent
    /// waiting (ms), so far: for a notice after a long read.
    pub fn pauses(&self) -> (u32, u64) {
        use std::sync::atomic::Ordering::Relaxed;
        (self.pauses.0.load(Relaxed), self.pauses.1.load(Relaxed))
    }

    /// How many connections (tunnels, through a proxy) it opened so far.
    pub fn connections(&self) -> usize {
        self.http.opened()
    }
}

impl Rpc {
    /// Connects to `url` (through `route`'s SOCKS5 proxy when it has one) and checks
    /// that it serves `expected_chain_id`.
    pub fn connect(
        url: &str,
        route: &crate::chain::net::Route,
        expected_chain_id: u64,
    ) -> Result<Rpc> {
        check_url(url)?;
        let mut rpc = Rpc {
            url: url.to_string(),
            http: std::sync::Arc::new(crate::chain::net::Http::new(
                route.proxy.as_deref(),
                std::time::Duration::from_secs(timeout()),
            )),
            pauses: Default::default(),
            chain_id: 0,
        };
        let id = as_u64(
            quantity(&rpc.call("eth_chainId", json!([]))?, "eth_chainId")?,
            "eth_chainId",
        )?;
        if id != expected_chain_id {
            return Err(Error::Backend(format!(
                "{url} serves chain id {id}, not {expected_chain_id}: refusing to use it"
            )));
        }
        rpc.chain_id = id;
        Ok(rpc)
    }

    /// A raw call.
    pub fn call(&self, method: &str, params: Value) -> Result<Value> {
        self.call_retrying(method, &params)
            .map_err(|f| f.into_error(&self.url, method))
    }

    /// A raw call whose failure the caller classifies (retried while rate limited; a
    /// refusal of its size is the caller's to read, e.g. a range too large).
    pub fn try_call(&self, method: &str, params: Value) -> std::result::Result<Value, Failure> {
        self.call_retrying(method, &params)
    }

    /// The endpoint's URL.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// `eth_getBalance(address, "latest")`, in wei.
    pub fn balance(&self, a: Address) -> Result<U256> {
        quantity(
            &self.call("eth_getBalance", json!([a.to_string(), "latest"]))?,
            "eth_getBalance",
        )
    }

    /// `eth_getTransactionCount(address, tag)`.
    pub fn nonce(&self, a: Address, tag: &str) -> Result<u64> {
        as_u64(
            quantity(
                &self.call("eth_getTransactionCount", json!([a.to_string(), tag]))?,
                "eth_getTransactionCount",
            )?,
            "nonce",
        )
    }

    /// `eth_call` of `data` on `to` at the latest block.
    pub fn eth_call(&self, to: Address, data: &Bytes) -> Result<Bytes> {
        let v = self.call(
            "eth_call",
            json!([{ "to": to.to_string(), "data": data.to_string() }, "latest"]),
        )?;
        let s = v.as_str().unwrap_or("0x");
        hex::decode(s.strip_prefix("0x").unwrap_or(s))
            .map(Bytes::from)
            .map_err(|_| Error::Backend(format!("eth_call: '{s}' is not hex")))
    }

    /// `eth_estimateGas` of a call from `from`.
    pub fn estimate_gas(
        &self,
        from: Address,
        to: Address,
        value: U256,
        data: &Bytes,
    ) -> Result<u64> {
        let v = self.call(
            "eth_estimateGas",
            json!([{
                "from": from.to_string(),
                "to": to.to_string(),
                "value": hex_quantity(value),
                "data": data.to_string(),
            }]),
        )?;
        as_u64(quantity(&v, "eth_estimateGas")?, "gas")
    }

    /// The base fee of the next block and the priority fee the node suggests, in wei.
    pub fn fees(&self) -> Result<(u128, u128)> {
        let history = self.call("eth_feeHistory", json!(["0x1", "latest", []]))?;
        let base = history
            .get("baseFeePerGas")
            .and_then(Value::as_array)
            .and_then(|a| a.last())
            .ok_or_else(|| Error::Backend("eth_feeHistory: no baseFeePerGas".into()))?;
        let base = as_u128(quantity(base, "baseFeePerGas")?, "base fee")?;
        let tip = as_u128(
            quantity(
                &self.call("eth_maxPriorityFeePerGas", json!([]))?,
                "eth_maxPriorityFeePerGas",
            )?,
            "priority fee",
        )?;
        Ok((base, tip))
    }

    /// `eth_sendRawTransaction`; the transaction hash.
    pub fn send_raw(&self, raw: &[u8]) -> Result<B256> {
        let v = self.call(
            "eth_sendRawTransaction",
            json!([format!("0x{}", hex::encode(raw))]),
        )?;
        v.as_str()
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| Error::Backend(format!("eth_sendRawTransaction answered {v}")))
    }

    /// The receipt of `hash`, if mined.
    pub fn receipt(&self, hash: B256) -> Result<Option<Value>> {
        let v = self.call("eth_getTransactionReceipt", json!([hash.to_string()]))?;
        Ok((!v.is_null()).then_some(v))
    }

    /// Block `n` (with its full transactions when `full`).
    pub fn block(&self, n: u64, full: bool) -> Result<Value> {
        let v = self.call(
            "eth_getBlockByNumber",
            json!([hex_quantity(U256::from(n)), full]),
        )?;
        if v.is_null() {
            return Err(Error::Backend(format!("the node has no block {n}")));
        }
        Ok(v)
    }

    /// The logs matching `filter` (an `eth_getLogs` filter object).
    pub fn logs(&self, filter: Value) -> Result<Vec<Value>> {
        match self.call("eth_getLogs", json!([filter]))? {
            Value::Array(a) => Ok(a),
            v => Err(Error::Backend(format!("eth_getLogs answered {v}"))),
        }
    }

    /// The latest block number.
    pub fn block_number(&self) -> Result<u64> {
        as_u64(
            quantity(&self.call("eth_blockNumber", json!([]))?, "eth_blockNumber")?,
            "block number",
        )
    }
}

/// Accepts `http://` and `https://` URLs only.
pub fn check_url(url: &str) -> Result<()> {
    if url.starts_with("http://") || url.starts_with("https://") {
        Ok(())
    } else {
        Err(Error::invalid(
            "rpc",
            format!("'{url}' is not an http:// or https:// URL"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::Failure;

    #[test]
    fn refusals_are_told_apart() {
        let range = Failure::Rpc(-32602, "query exceeds max block range 1000".into());
        assert!(range.too_large() && !range.rate_limited());
        assert!(Failure::Http(429, "Too Many Requests".into()).rate_limited());
        assert!(Failure::Http(413, "Payload Too Large".into()).too_large());
        let other = Failure::Rpc(-32602, "invalid argument 0: hex string".into());
        assert!(!other.too_large() && !other.rate_limited());
        assert!(!Failure::Rpc(-32000, "execution reverted".into()).too_large());
    }

    /// -32005 "limit exceeded" (EIP-1474) is used for both: too many results (shrink
    /// the range, no pause) and a rate limit (pause, same range).
    #[test]
    fn limit_exceeded_is_a_size_or_a_rate() {
        let results = Failure::Rpc(-32005, "query returned more than 10000 results".into());
        assert!(results.too_large() && !results.rate_limited() && !results.unexplained_limit());
        let range = Failure::Rpc(-32005, "block range is too wide".into());
        assert!(range.too_large() && !range.rate_limited());
        let rate = Failure::Rpc(-32005, "project ID request rate exceeded".into());
        assert!(rate.rate_limited() && !rate.too_large() && !rate.unexplained_limit());
        let bare = Failure::Rpc(-32005, "limit exceeded".into());
        assert!(bare.rate_limited() && !bare.too_large() && bare.unexplained_limit());
    }

    /// A server answering -32005 rate limits twice, then a result: the call pauses
    /// (counted; no sleep in unit tests) and succeeds; past the retries the refusal is
    /// returned, saying so. Every call goes on one kept connection.
    #[test]
    fn a_rate_limit_is_waited_out_a_bounded_number_of_times() {
        use std::io::{BufRead, BufReader, Read, Write};
        use std::sync::atomic::{AtomicUsize, Ordering};
        static ASKED: AtomicUsize = AtomicUsize::new(0);
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://127.0.0.1:{}", l.local_addr().unwrap().port());
        std::thread::spawn(move || {
            for s in l.incoming() {
                let Ok(s) = s else { continue };
                let mut r = BufReader::new(s.try_clone().unwrap());
                let mut s = s;
                loop {
                    let mut len = 0;
                    let mut line = String::new();
                    loop {
                        line.clear();
                        if r.read_line(&mut line).unwrap_or(0) == 0 {
                            return;
                        }
                        if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                            len = v.trim().parse().unwrap();
                        }
                        if line == "\r\n" {
                            break;
                        }
                    }
                    let mut body = vec![0; len];
                    r.read_exact(&mut body).unwrap();
                    let n = ASKED.fetch_add(1, Ordering::SeqCst);
                    // eth_chainId first; then 2 refusals and an answer; then refusals.
                    let answer = if n == 0 || n == 3 {
                        r#"{"jsonrpc":"2.0","id":1,"result":"0x1"}"#.to_string()
                    } else {
                        r#"{"jsonrpc":"2.0","id":1,"error":{"code":-32005,"message":"project ID request rate exceeded"}}"#.to_string()
                    };
                    write!(
                        s,
                        "HTTP/1.1 200 OK\r\nContent-Length: {}\r\n\r\n{answer}",
                        answer.len()
                    )
                    .unwrap();
                }
            }
        });
        let rpc = super::Rpc::connect(&url, &crate::chain::net::Route::direct(), 1).unwrap();
        assert_eq!(
            rpc.call("eth_blockNumber", serde_json::json!([])).unwrap(),
            "0x1"
        );
        assert_eq!(rpc.pauses().0, 2);
        let e = rpc
            .try_call("eth_getLogs", serde_json::json!([]))
            .unwrap_err();
        assert!(e.rate_limited(), "{e:?}");
        assert!(format!("{e:?}").contains("asked 5 times"), "{e:?}");
        assert_eq!(rpc.pauses().0, 2 + 4);
        assert_eq!(ASKED.load(Ordering::SeqCst), 1 + 3 + 5);
        // All on one kept connection.
        assert_eq!(rpc.connections(), 1);
    }
}
