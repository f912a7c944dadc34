//! A small blocking Ethereum JSON-RPC client (minreq) with timeouts and clear errors:
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
    /// The SOCKS5 proxy it is reached through, if any.
    proxy: Option<String>,
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
    /// exceeded", also a rate limit at public providers).
    pub fn rate_limited(&self) -> bool {
        matches!(self, Failure::Http(429, _) | Failure::Rpc(-32005, _))
    }

    /// Whether the endpoint refused the size of a request (an `eth_getLogs` range too
    /// large, too many results): -32005, -32602 or -32600 with such a message, HTTP 413.
    pub fn too_large(&self) -> bool {
        match self {
            Failure::Http(413, _) => true,
            Failure::Rpc(code, m) => {
                let m = m.to_ascii_lowercase();
                *code == -32005
                    || ((*code == -32602 || *code == -32600 || *code == -32000)
                        && [
                            "range",
                            "too many",
                            "too large",
                            "limit",
                            "exceed",
                            "results",
                        ]
                        .iter()
                        .any(|w| m.contains(w)))
            }
            _ => false,
        }
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

/// One JSON-RPC request to `url` (through the SOCKS5 proxy `proxy` when one is given),
/// once.
fn call_once(
    url: &str,
    proxy: Option<&str>,
    method: &str,
    params: &Value,
) -> std::result::Result<Value, Failure> {
    let body = json!({ "jsonrpc": "2.0", "id": 1, "method": method, "params": params });
    let (status, reason, bytes) = match proxy {
        Some(proxy) => {
            let a = crate::chain::net::post_via_proxy(
                url,
                proxy,
                &[],
                body.to_string().as_bytes(),
                std::time::Duration::from_secs(timeout()),
            )
            .map_err(Failure::Error)?;
            (a.status, a.reason, a.body)
        }
        None => {
            let r = minreq::post(url)
                .with_timeout(timeout())
                .with_header("Content-Type", "application/json")
                .with_body(body.to_string())
                .send()
                .map_err(|e| Failure::Other(format!("{url} did not answer {method}: {e}")))?;
            (r.status_code, r.reason_phrase.clone(), r.into_bytes())
        }
    };
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
/// for a test vault in the test environment, whose tests never sleep.
fn backoff(n: u32) -> std::time::Duration {
    if crate::clock::test_vault() {
        return std::time::Duration::ZERO;
    }
    std::time::Duration::from_millis(250 << n.min(4))
}

/// One JSON-RPC call against `url`, retried a bounded number of times with backoff while
/// the endpoint answers HTTP 429 (and -32005 when `retry_limit`).
fn call_retrying(
    url: &str,
    proxy: Option<&str>,
    method: &str,
    params: &Value,
    retry_limit: bool,
) -> std::result::Result<Value, Failure> {
    let mut n = 0;
    loop {
        match call_once(url, proxy, method, params) {
            Err(f)
                if n < RETRIES
                    && (matches!(f, Failure::Http(429, _)) || retry_limit && f.rate_limited()) =>
            {
                std::thread::sleep(backoff(n));
                n += 1;
            }
            r => return r,
        }
    }
}

/// One JSON-RPC call against `url`, through the SOCKS5 proxy `proxy` when one is given
/// (retried while rate limited).
fn call_url(url: &str, proxy: Option<&str>, method: &str, params: Value) -> Result<Value> {
    call_retrying(url, proxy, method, &params, true).map_err(|f| f.into_error(url, method))
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
        let proxy = route.proxy.as_deref();
        let id = as_u64(
            quantity(
                &call_url(url, proxy, "eth_chainId", json!([]))?,
                "eth_chainId",
            )?,
            "eth_chainId",
        )?;
        if id != expected_chain_id {
            return Err(Error::Backend(format!(
                "{url} serves chain id {id}, not {expected_chain_id}: refusing to use it"
            )));
        }
        Ok(Rpc {
            url: url.to_string(),
            proxy: route.proxy.clone(),
            chain_id: id,
        })
    }

    /// A raw call.
    pub fn call(&self, method: &str, params: Value) -> Result<Value> {
        call_url(&self.url, self.proxy.as_deref(), method, params)
    }

    /// A raw call whose failure the caller classifies (retried on HTTP 429 only: a
    /// -32005 is the caller's to read, e.g. a range too large).
    pub fn try_call(&self, method: &str, params: Value) -> std::result::Result<Value, Failure> {
        call_retrying(&self.url, self.proxy.as_deref(), method, &params, false)
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
        let limit = Failure::Rpc(-32005, "limit exceeded".into());
        assert!(limit.too_large() && limit.rate_limited());
        assert!(Failure::Http(429, "Too Many Requests".into()).rate_limited());
        assert!(Failure::Http(413, "Payload Too Large".into()).too_large());
        let other = Failure::Rpc(-32602, "invalid argument 0: hex string".into());
        assert!(!other.too_large() && !other.rate_limited());
        assert!(!Failure::Rpc(-32000, "execution reverted".into()).too_large());
    }
}
