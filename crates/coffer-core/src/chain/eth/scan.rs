//! Finding the transfers of an account's addresses on an EVM chain through plain JSON-RPC: ether moves by
//! reading each block of a range with its transactions (`eth_getBlockByNumber`), ERC-20
//! moves from `Transfer` logs (`eth_getLogs`), each confirmed by its receipt (status,
//! gas, fee). Ether sent by contracts (internal transfers) comes from `trace_filter` when
//! the endpoint has it (else it is not seen; see also [`super::index`]). The last resort when the endpoint has no
//! address index: `eth_getLogs` ranges shrink when the endpoint refuses them.

use super::rpc::{self, Rpc};
use super::tx;
use crate::error::{Error, Result};
use alloy_primitives::{Address, B256, U256};
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// Blocks per `eth_getLogs` request at first (public nodes refuse wide ranges); halved
/// on each refusal, grown back by a quarter after each answer, up to [`LOG_RANGE_MAX`].
const LOG_RANGE: u64 = 2_000;

/// The widest `eth_getLogs` range asked for.
const LOG_RANGE_MAX: u64 = 100_000;

/// A transfer that moved value to or from the account.
#[derive(Debug, Clone)]
pub struct Transfer {
    /// Transaction hash.
    pub hash: B256,
    /// The log's index in its block, for a token movement (`None` for ether).
    pub log_index: Option<u64>,
    /// `None` for ether, else the token contract.
    pub token: Option<Address>,
    /// `receive`, `send` or `self`.
    pub direction: &'static str,
    /// Value moved (base units).
    pub value: U256,
    /// Our address that moved (the sender's for a send or a self-transfer).
    pub address: Address,
    /// The other side (for a self-transfer: our receiving address).
    pub counterparty: Address,
    /// Block number and time (seconds).
    pub block: u64,
    /// Block timestamp.
    pub block_time: u64,
    /// Whether the transaction succeeded.
    pub success: bool,
    /// Fee paid (wei) when the account sent the transaction.
    pub fee: Option<U256>,
}

pub(crate) fn field<'a>(v: &'a Value, k: &str) -> &'a Value {
    v.get(k).unwrap_or(&Value::Null)
}

pub(crate) fn u64_of(v: &Value, k: &str) -> Result<u64> {
    u64::try_from(rpc::quantity(field(v, k), k)?)
        .map_err(|_| Error::Backend(format!("{k} is too large")))
}

pub(crate) fn address_of(v: &Value, k: &str) -> Option<Address> {
    field(v, k).as_str().and_then(|s| s.parse().ok())
}

pub(crate) fn hash_of(v: &Value, k: &str) -> Result<B256> {
    field(v, k)
        .as_str()
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| Error::Backend(format!("{k} is missing or malformed")))
}

/// The first block whose timestamp is at or after `time` (binary search; the tip if none).
pub fn first_block_at(rpc: &Rpc, time: u64, tip: u64) -> Result<u64> {
    let (mut lo, mut hi) = (0, tip);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if u64_of(&rpc.block(mid, false)?, "timestamp")? < time {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    Ok(lo)
}

/// Success and fee of a mined transaction, from its receipt.
pub(crate) fn outcome(rpc: &Rpc, hash: B256) -> Result<(bool, U256)> {
    let r = rpc
        .receipt(hash)?
        .ok_or_else(|| Error::Backend(format!("no receipt for the mined transaction {hash}")))?;
    let gas = rpc::quantity(field(&r, "gasUsed"), "gasUsed")?;
    let price = rpc::quantity(field(&r, "effectiveGasPrice"), "effectiveGasPrice")?;
    Ok((field(&r, "status").as_str() == Some("0x1"), gas * price))
}

/// The direction of a movement seen from our side.
pub(crate) fn direction(ours_out: bool, ours_in: bool) -> &'static str {
    match (ours_out, ours_in) {
        (true, true) => "self",
        (true, false) => "send",
        _ => "receive",
    }
}

/// Addresses per `eth_getLogs` topic list (an OR of addresses).
const ADDRESSES_PER_FILTER: usize = 100;

/// The transfers of `ours` (every watched address of an account) in blocks `from..=to`:
/// ether to or from any of them, and each `Transfer` event of `tokens` naming one of
/// them (two logs in one transaction are two movements). `tick` is called after each
/// block read.
pub fn transfers(
    rpc: &Rpc,
    ours: &[Address],
    tokens: &[Address],
    from: u64,
    to: u64,
    traces: bool,
    mut tick: impl FnMut(),
) -> Result<Vec<Transfer>> {
    let mut out = vec![];
    let mut times = BTreeMap::new();
    let is_ours = |a: &Address| ours.contains(a);
    for n in from..=to {
        let block = rpc.block(n, true)?;
        let time = u64_of(&block, "timestamp")?;
        times.insert(n, time);
        let empty = vec![];
        let list = field(&block, "transactions").as_array().unwrap_or(&empty);
        for t in list {
            let (Some(sender), value) = (
                address_of(t, "from"),
                rpc::quantity(field(t, "value"), "value")?,
            ) else {
                continue;
            };
            let payee = address_of(t, "to");
            let ours_out = is_ours(&sender);
            let ours_in = payee.as_ref().is_some_and(is_ours);
            // A call that moves no ether (a token send is found by its log below).
            if !(ours_out || ours_in) || value.is_zero() {
                continue;
            }
            let hash = hash_of(t, "hash")?;
            let (success, fee) = outcome(rpc, hash)?;
            out.push(Transfer {
                hash,
                log_index: None,
                token: None,
                direction: direction(ours_out, ours_in),
                value,
                address: if ours_out {
                    sender
                } else {
                    payee.unwrap_or_default()
                },
                counterparty: if ours_out {
                    payee.unwrap_or_default()
                } else {
                    sender
                },
                block: n,
                block_time: time,
                success,
                fee: ours_out.then_some(fee),
            });
        }
        tick();
    }
    if traces {
        out.extend(internal_transfers(rpc, ours, from, to, &times)?);
    }
    out.extend(token_transfers(rpc, ours, tokens, from, to, &mut times)?);
    // In chain order: by block, ether before the logs of a transaction, logs in order.
    out.sort_by_key(|t| (t.block, t.log_index.map_or(0, |i| i + 1)));
    Ok(out)
}

/// Whether the endpoint answers `trace_filter` (asked over its latest block).
pub fn has_traces(rpc: &Rpc) -> bool {
    let Ok(tip) = rpc.block_number() else {
        return false;
    };
    let n = rpc::hex_quantity(U256::from(tip));
    rpc.try_call(
        "trace_filter",
        json!([{ "fromBlock": n, "toBlock": n, "toAddress": [Address::ZERO.to_string()] }]),
    )
    .is_ok_and(|v| v.is_array())
}

/// Ether that contracts moved to or from `ours` in blocks `from..=to` (`trace_filter`:
/// calls below the top level that carry value and did not fail); `times` holds the
/// blocks' times.
fn internal_transfers(
    rpc: &Rpc,
    ours: &[Address],
    from: u64,
    to: u64,
    times: &BTreeMap<u64, u64>,
) -> Result<Vec<Transfer>> {
    let mut out = vec![];
    if from > to || ours.is_empty() {
        return Ok(out);
    }
    let is_ours = |a: &Address| ours.contains(a);
    let list: Vec<String> = ours.iter().map(|a| a.to_string()).collect();
    let mut seen = std::collections::BTreeSet::new();
    for side in ["fromAddress", "toAddress"] {
        let mut filter = json!({
            "fromBlock": rpc::hex_quantity(U256::from(from)),
            "toBlock": rpc::hex_quantity(U256::from(to)),
        });
        filter[side] = json!(list);
        let v = rpc.call("trace_filter", json!([filter]))?;
        let traces = v
            .as_array()
            .ok_or_else(|| Error::Backend(format!("trace_filter answered {v}")))?;
        for t in traces {
            let action = field(t, "action");
            let depth = field(t, "traceAddress").as_array().map_or(0, Vec::len);
            if field(t, "type").as_str() != Some("call")
                || depth == 0
                || !field(t, "error").is_null()
                || matches!(
                    field(action, "callType").as_str(),
                    Some("delegatecall" | "staticcall" | "callcode")
                )
            {
                continue;
            }
            let (Some(f), Some(p)) = (address_of(action, "from"), address_of(action, "to")) else {
                continue;
            };
            let value = rpc::quantity(field(action, "value"), "value")?;
            if value.is_zero() || !(is_ours(&f) || is_ours(&p)) {
                continue;
            }
            let hash = hash_of(t, "transactionHash")?;
            let block = field(t, "blockNumber")
                .as_u64()
                .map_or_else(|| u64_of(t, "blockNumber"), Ok)?;
            if !seen.insert((hash, field(t, "traceAddress").to_string())) {
                continue;
            }
            let block_time = match times.get(&block) {
                Some(t) => *t,
                None => u64_of(&rpc.block(block, false)?, "timestamp")?,
            };
            let (o, i) = (is_ours(&f), is_ours(&p));
            out.push(Transfer {
                hash,
                log_index: None,
                token: None,
                direction: direction(o, i),
                value,
                address: if o { f } else { p },
                counterparty: if o { p } else { f },
                block,
                block_time,
                success: true,
                fee: None,
            });
        }
    }
    Ok(out)
}

/// `eth_getLogs` of `filter` over `start..=end`, the range shrinking while the endpoint
/// refuses it as too large: the logs and the last block they cover (`end` or less).
fn logs_window(rpc: &Rpc, filter: &Value, start: u64, end: u64) -> Result<(Vec<Value>, u64)> {
    let mut end = end;
    loop {
        let mut f = filter.clone();
        f["fromBlock"] = json!(rpc::hex_quantity(U256::from(start)));
        f["toBlock"] = json!(rpc::hex_quantity(U256::from(end)));
        match rpc.try_call("eth_getLogs", json!([f])) {
            Ok(Value::Array(a)) => return Ok((a, end)),
            Ok(v) => return Err(Error::Backend(format!("eth_getLogs answered {v}"))),
            // Too many results or too wide a range; or a bare "limit exceeded" (-32005)
            // still there after the pauses of a rate limit: a narrower range.
            Err(e) if (e.too_large() || e.unexplained_limit()) && end > start => {
                end = start + (end - start) / 2
            }
            Err(e) => return Err(e.into_error(rpc.url(), "eth_getLogs")),
        }
    }
}

/// The ERC-20 movements of `tokens` naming one of `ours` in blocks `from..=to`, from
/// their `Transfer` logs (two logs in one transaction are two movements); `times` caches
/// block times.
pub fn token_transfers(
    rpc: &Rpc,
    ours: &[Address],
    tokens: &[Address],
    from: u64,
    to: u64,
    times: &mut BTreeMap<u64, u64>,
) -> Result<Vec<Transfer>> {
    let mut out = vec![];
    let is_ours = |a: &Address| ours.contains(a);
    if tokens.is_empty() || from > to || ours.is_empty() {
        return Ok(out);
    }
    let topic = tx::transfer_topic().to_string();
    let contracts: Vec<String> = tokens.iter().map(|a| a.to_string()).collect();
    let mut seen_logs = std::collections::BTreeSet::new();
    let mut start = from;
    let mut width = LOG_RANGE;
    while start <= to {
        let mut end = start.saturating_add(width - 1).min(to);
        let mut logs = vec![];
        // Every filter of the window over the same blocks: a refusal narrows them all.
        let mut filters = vec![];
        for chunk in ours.chunks(ADDRESSES_PER_FILTER) {
            let us: Vec<String> = chunk
                .iter()
                .map(|a| B256::left_padding_from(a.as_slice()).to_string())
                .collect();
            for topics in [json!([topic, us]), json!([topic, Value::Null, us])] {
                filters.push(json!({ "address": contracts, "topics": topics }));
            }
        }
        let mut i = 0;
        while i < filters.len() {
            let (found, covered) = logs_window(rpc, &filters[i], start, end)?;
            if covered < end {
                // Narrowed: the earlier filters' logs past it are read again later.
                end = covered;
                width = end - start + 1;
                logs.retain(|l: &Value| u64_of(l, "blockNumber").is_ok_and(|b| b <= end));
            }
            logs.extend(found);
            i += 1;
        }
        {
            {
                for log in logs {
                    let Some(token) = address_of(&log, "address") else {
                        continue;
                    };
                    let topics = field(&log, "topics")
                        .as_array()
                        .cloned()
                        .unwrap_or_default();
                    let party = |i: usize| -> Option<Address> {
                        topics
                            .get(i)
                            .and_then(|t| t.as_str())
                            .and_then(|t| t.parse::<B256>().ok())
                            .map(|t| Address::from_slice(&t[12..]))
                    };
                    let (Some(sender), Some(payee)) = (party(1), party(2)) else {
                        continue;
                    };
                    let data = field(&log, "data").as_str().unwrap_or("0x");
                    let value = U256::from_str_radix(data.trim_start_matches("0x"), 16)
                        .map_err(|_| Error::Backend("a Transfer log has malformed data".into()))?;
                    let hash = hash_of(&log, "transactionHash")?;
                    let block = u64_of(&log, "blockNumber")?;
                    let log_index = u64_of(&log, "logIndex")?;
                    // Both filters (and two chunks) can find one log: keep it once. Two
                    // logs of one transaction are two movements.
                    if !seen_logs.insert((hash, log_index)) {
                        continue;
                    }
                    let block_time = match times.get(&block) {
                        Some(t) => *t,
                        None => {
                            let t = u64_of(&rpc.block(block, false)?, "timestamp")?;
                            times.insert(block, t);
                            t
                        }
                    };
                    let ours_out = is_ours(&sender);
                    let ours_in = is_ours(&payee);
                    let fee = if ours_out {
                        Some(outcome(rpc, hash)?.1)
                    } else {
                        None
                    };
                    out.push(Transfer {
                        hash,
                        log_index: Some(log_index),
                        token: Some(token),
                        direction: direction(ours_out, ours_in),
                        value,
                        address: if ours_out { sender } else { payee },
                        counterparty: if ours_out { payee } else { sender },
                        block,
                        block_time,
                        // A log exists only for a transaction that succeeded.
                        success: true,
                        fee,
                    });
                }
            }
        }
        start = end + 1;
        width = (width + width / 4 + 1).min(LOG_RANGE_MAX);
    }
    Ok(out)
}
