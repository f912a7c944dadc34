//! History from an Etherscan-compatible explorer API (`?module=account&action=txlist`,
//! `txlistinternal`, `tokentx`; the `chainid` parameter of Etherscan's v2 API is sent
//! too): an address's transactions, the ether contracts moved to or from it, and its
//! ERC-20 movements, without reading blocks. The API key goes in every request and is
//! never printed. Reached along the route of the chain's JSON-RPC endpoint: through its
//! SOCKS5 proxy when it has one (the explorer learns every address asked about).

use super::scan::{Transfer, direction};
use crate::chain::net::{self, Route};
use crate::error::{Error, Result};
use alloy_primitives::{Address, U256};
use serde_json::Value;
use std::collections::BTreeMap;

/// Rows asked for per page (Etherscan's `offset`).
const PAGE: usize = 1000;

/// An explorer API endpoint of one chain.
#[derive(Clone)]
pub struct Explorer {
    url: String,
    key: Option<String>,
    chain_id: u64,
    proxy: Option<String>,
}

impl std::fmt::Debug for Explorer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Explorer")
            .field("url", &self.url)
            .field("chain_id", &self.chain_id)
            .finish_non_exhaustive()
    }
}

fn text<'a>(v: &'a Value, k: &str) -> &'a str {
    v.get(k).and_then(Value::as_str).unwrap_or("")
}

fn decimal(v: &Value, k: &str) -> Result<U256> {
    let s = text(v, k);
    if s.is_empty() {
        return Ok(U256::ZERO);
    }
    U256::from_str_radix(s, 10)
        .map_err(|_| Error::Backend(format!("the explorer's {k} '{s}' is not a number")))
}

fn small(v: &Value, k: &str) -> Result<u64> {
    u64::try_from(decimal(v, k)?).map_err(|_| Error::Backend(format!("{k} is too large")))
}

fn address(v: &Value, k: &str) -> Option<Address> {
    text(v, k).parse().ok()
}

impl Explorer {
    /// The explorer at `url` for `chain_id`, reached along `route` (its proxy; not
    /// checked: see [`Explorer::connect`]).
    pub fn new(url: &str, key: Option<&str>, chain_id: u64, route: &Route) -> Explorer {
        Explorer {
            url: url.to_string(),
            key: key.map(str::to_string),
            chain_id,
            proxy: route.proxy.clone(),
        }
    }

    /// The endpoint (without the key).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The API key, if any (for a new check; never printed).
    pub fn key(&self) -> Option<&str> {
        self.key.as_deref()
    }

    /// Connects to `url` (http:// or https://) and checks that it serves `chain_id`
    /// (`module=proxy&action=eth_chainId`).
    pub fn connect(url: &str, key: Option<&str>, chain_id: u64, route: &Route) -> Result<Explorer> {
        super::rpc::check_url(url)?;
        let e = Explorer::new(url, key, chain_id, route);
        let v = e.get(&[("module", "proxy"), ("action", "eth_chainId")])?;
        let id = super::rpc::quantity(v.get("result").unwrap_or(&Value::Null), "eth_chainId")?;
        if id != U256::from(chain_id) {
            return Err(Error::Backend(format!(
                "the explorer {url} serves chain id {id}, not {chain_id}: refusing to use it"
            )));
        }
        Ok(e)
    }

    /// One request; the answer's JSON. A rate-limit answer is retried a few times.
    fn get(&self, query: &[(&str, &str)]) -> Result<Value> {
        let chain = self.chain_id.to_string();
        let mut n = 0;
        loop {
            let mut params: Vec<(&str, &str)> = vec![("chainid", &chain)];
            params.extend_from_slice(query);
            if let Some(key) = &self.key {
                params.push(("apikey", key));
            }
            let what = query
                .iter()
                .find(|(k, _)| *k == "action")
                .map_or("", |q| q.1);
            // The URL carries the key: errors name the endpoint only.
            let response = match &self.proxy {
                Some(proxy) => net::get_via_proxy(
                    &self.url,
                    &params,
                    proxy,
                    std::time::Duration::from_secs(super::rpc::timeout()),
                    &format!("the explorer {}", self.url),
                )?,
                None => {
                    let r = minreq::get(net::with_query(&self.url, &params))
                        .with_timeout(super::rpc::timeout())
                        .send()
                        .map_err(|e| {
                            Error::Backend(format!(
                                "the explorer {} did not answer {what}: {e}",
                                self.url
                            ))
                        })?;
                    net::Answer {
                        status: r.status_code,
                        reason: r.reason_phrase.clone(),
                        body: r.into_bytes(),
                    }
                }
            };
            let limited = response.status == 429
                || (response.status == 200
                    && std::str::from_utf8(&response.body)
                        .is_ok_and(|b| b.to_ascii_lowercase().contains("rate limit")));
            if limited && n < 4 {
                let pause = if crate::clock::test_vault() {
                    0
                } else {
                    250 << n
                };
                std::thread::sleep(std::time::Duration::from_millis(pause));
                n += 1;
                continue;
            }
            if !(200..300).contains(&response.status) {
                return Err(Error::Backend(format!(
                    "the explorer {} answered {what} with HTTP {}",
                    self.url, response.status
                )));
            }
            return serde_json::from_slice(&response.body).map_err(|e| {
                Error::Backend(format!(
                    "the explorer {} answered {what} with no JSON: {e}",
                    self.url
                ))
            });
        }
    }

    /// Every row of `action` for `address` in blocks `from..=to`, page by page.
    fn rows(&self, action: &str, address: Address, from: u64, to: u64) -> Result<Vec<Value>> {
        let mut out = vec![];
        let (a, start, end, offset) = (
            address.to_string(),
            from.to_string(),
            to.to_string(),
            PAGE.to_string(),
        );
        for page in 1.. {
            let p = page.to_string();
            let v = self.get(&[
                ("module", "account"),
                ("action", action),
                ("address", &a),
                ("startblock", &start),
                ("endblock", &end),
                ("page", &p),
                ("offset", &offset),
                ("sort", "asc"),
            ])?;
            let rows = match v.get("result") {
                Some(Value::Array(rows)) => rows.clone(),
                _ => {
                    return Err(Error::Backend(format!(
                        "the explorer refused {action}: {}",
                        text(&v, "message")
                    )));
                }
            };
            // "No transactions found" is status 0 with an empty list.
            let n = rows.len();
            out.extend(rows);
            if n < PAGE {
                break;
            }
        }
        Ok(out)
    }

    /// The transfers of `ours` in blocks `from..=to`: ether (each transaction, and what
    /// contracts moved inside them) and movements of `tokens`.
    pub fn transfers(
        &self,
        ours: &[Address],
        tokens: &[Address],
        from: u64,
        to: u64,
    ) -> Result<Vec<Transfer>> {
        let is_ours = |a: &Address| ours.contains(a);
        // Each movement once: (hash, kind, index within) -> transfer.
        let mut found: BTreeMap<(String, u8, String), Transfer> = BTreeMap::new();
        for a in ours {
            for row in self.rows("txlist", *a, from, to)? {
                let (Some(sender), value) = (address(&row, "from"), decimal(&row, "value")?) else {
                    continue;
                };
                let payee = address(&row, "to").unwrap_or_default();
                let (o, i) = (is_ours(&sender), is_ours(&payee));
                if !(o || i) || value.is_zero() {
                    continue;
                }
                let fee = decimal(&row, "gasUsed")? * decimal(&row, "gasPrice")?;
                found.insert(
                    (text(&row, "hash").to_string(), 0, String::new()),
                    Transfer {
                        success: text(&row, "isError") != "1",
                        fee: o.then_some(fee),
                        ..moved(&row, (sender, o), (payee, i), value)?
                    },
                );
            }
            for row in self.rows("txlistinternal", *a, from, to)? {
                let (Some(f), Some(p)) = (address(&row, "from"), address(&row, "to")) else {
                    continue;
                };
                let value = decimal(&row, "value")?;
                if value.is_zero() || text(&row, "isError") == "1" {
                    continue;
                }
                let (o, i) = (is_ours(&f), is_ours(&p));
                let id = format!("{}:{f}:{p}:{value}", text(&row, "traceId"));
                found.insert(
                    (text(&row, "hash").to_string(), 1, id),
                    moved(&row, (f, o), (p, i), value)?,
                );
            }
            if tokens.is_empty() {
                continue;
            }
            for row in self.rows("tokentx", *a, from, to)? {
                let Some(token) = address(&row, "contractAddress").filter(|c| tokens.contains(c))
                else {
                    continue;
                };
                let (Some(f), Some(p)) = (address(&row, "from"), address(&row, "to")) else {
                    continue;
                };
                let (o, i) = (is_ours(&f), is_ours(&p));
                let log_index = small(&row, "logIndex")?;
                found.insert(
                    (
                        text(&row, "hash").to_string(),
                        2,
                        format!("{log_index:020}"),
                    ),
                    Transfer {
                        log_index: Some(log_index),
                        token: Some(token),
                        fee: o.then_some(decimal(&row, "gasUsed")? * decimal(&row, "gasPrice")?),
                        ..moved(&row, (f, o), (p, i), decimal(&row, "value")?)?
                    },
                );
            }
        }
        let mut out: Vec<Transfer> = found.into_values().collect();
        // In chain order: by block, ether before the logs of a transaction, logs in order.
        out.sort_by_key(|t| (t.block, t.log_index.map_or(0, |i| i + 1)));
        Ok(out)
    }
}

/// The movement of `value` an explorer row records from `from` to `to` (each with
/// whether it is ours): an ether transfer that succeeded, with no fee of ours; the
/// caller sets what differs.
fn moved(
    row: &Value,
    (from, ours_from): (Address, bool),
    (to, ours_to): (Address, bool),
    value: U256,
) -> Result<Transfer> {
    let hash = text(row, "hash");
    Ok(Transfer {
        hash: hash
            .parse()
            .map_err(|_| Error::Backend(format!("a malformed hash '{hash}'")))?,
        log_index: None,
        token: None,
        direction: direction(ours_from, ours_to),
        value,
        address: if ours_from { from } else { to },
        counterparty: if ours_from { to } else { from },
        block: small(row, "blockNumber")?,
        block_time: small(row, "timeStamp")?,
        success: true,
        fee: None,
    })
}
