//! Finding an account's transfers on an EVM chain through plain JSON-RPC: ether moves by
//! reading each block of a range with its transactions (`eth_getBlockByNumber`), ERC-20
//! moves from `Transfer` logs (`eth_getLogs`), each confirmed by its receipt (status,
//! gas, fee). Ether sent by contracts (internal transfers) needs a tracing node and is
//! not seen.

use super::rpc::{self, Rpc};
use super::tx;
use crate::error::{Error, Result};
use alloy_primitives::{Address, B256, U256};
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// Blocks per `eth_getLogs` request (public nodes refuse wide ranges).
const LOG_RANGE: u64 = 2_000;

/// A transfer that moved value to or from the account.
#[derive(Debug, Clone)]
pub struct Transfer {
    /// Transaction hash.
    pub hash: B256,
    /// `None` for ether, else the token contract.
    pub token: Option<Address>,
    /// `receive`, `send` or `self`.
    pub direction: &'static str,
    /// Value moved (base units).
    pub value: U256,
    /// The other side.
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

fn field<'a>(v: &'a Value, k: &str) -> &'a Value {
    v.get(k).unwrap_or(&Value::Null)
}

fn u64_of(v: &Value, k: &str) -> Result<u64> {
    u64::try_from(rpc::quantity(field(v, k), k)?)
        .map_err(|_| Error::Backend(format!("{k} is too large")))
}

fn address_of(v: &Value, k: &str) -> Option<Address> {
    field(v, k).as_str().and_then(|s| s.parse().ok())
}

fn hash_of(v: &Value, k: &str) -> Result<B256> {
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
fn outcome(rpc: &Rpc, hash: B256) -> Result<(bool, U256)> {
    let r = rpc
        .receipt(hash)?
        .ok_or_else(|| Error::Backend(format!("no receipt for the mined transaction {hash}")))?;
    let gas = rpc::quantity(field(&r, "gasUsed"), "gasUsed")?;
    let price = rpc::quantity(field(&r, "effectiveGasPrice"), "effectiveGasPrice")?;
    Ok((field(&r, "status").as_str() == Some("0x1"), gas * price))
}

/// The account's transfers in blocks `from..=to`: ether to or from `account`, and
/// `Transfer` events of `tokens` naming it. `tick` is called after each block read.
pub fn transfers(
    rpc: &Rpc,
    account: Address,
    tokens: &[Address],
    from: u64,
    to: u64,
    mut tick: impl FnMut(),
) -> Result<Vec<Transfer>> {
    let mut out = vec![];
    let mut times = BTreeMap::new();
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
            let ours_out = sender == account;
            let ours_in = payee == Some(account);
            // A call that moves no ether (a token send is found by its log below).
            if !(ours_out || ours_in) || value.is_zero() {
                continue;
            }
            let hash = hash_of(t, "hash")?;
            let (success, fee) = outcome(rpc, hash)?;
            out.push(Transfer {
                hash,
                token: None,
                direction: match (ours_out, ours_in) {
                    (true, true) => "self",
                    (true, false) => "send",
                    _ => "receive",
                },
                value,
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
    if tokens.is_empty() || from > to {
        return Ok(out);
    }
    let topic = tx::transfer_topic().to_string();
    let us = B256::left_padding_from(account.as_slice()).to_string();
    let contracts: Vec<String> = tokens.iter().map(|a| a.to_string()).collect();
    let mut start = from;
    while start <= to {
        let end = (start + LOG_RANGE - 1).min(to);
        for topics in [json!([topic, us]), json!([topic, Value::Null, us])] {
            let filter = json!({
                "fromBlock": rpc::hex_quantity(U256::from(start)),
                "toBlock": rpc::hex_quantity(U256::from(end)),
                "address": contracts,
                "topics": topics,
            });
            for log in rpc.logs(filter)? {
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
                // Both filters find a transfer to oneself: keep it once.
                if out.iter().any(|t| t.hash == hash && t.token == Some(token)) {
                    continue;
                }
                let block_time = match times.get(&block) {
                    Some(t) => *t,
                    None => u64_of(&rpc.block(block, false)?, "timestamp")?,
                };
                let ours_out = sender == account;
                let fee = if ours_out {
                    Some(outcome(rpc, hash)?.1)
                } else {
                    None
                };
                out.push(Transfer {
                    hash,
                    token: Some(token),
                    direction: match (ours_out, payee == account) {
                        (true, true) => "self",
                        (true, false) => "send",
                        _ => "receive",
                    },
                    value,
                    counterparty: if ours_out { payee } else { sender },
                    block,
                    block_time,
                    // A log exists only for a transaction that succeeded.
                    success: true,
                    fee,
                });
            }
        }
        start = end + 1;
    }
    Ok(out)
}
