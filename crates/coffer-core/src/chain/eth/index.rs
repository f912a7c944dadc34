//! History from the node's address index: the Otterscan API (Erigon, Reth, anvil).
//! `ots_searchTransactionsAfter` pages through the transactions that touched an address
//! (its own, and those whose traces name it: ether a contract sent it), each with its
//! receipt; `ots_getInternalOperations` lists the ether moved by contracts inside one.
//! No block is read one by one and no birth block is needed: the index answers. ERC-20
//! movements come from `Transfer` logs as in [`super::scan`].

use super::rpc::{self, Rpc};
use super::scan::{self, Transfer, address_of, direction, field, hash_of, u64_of};
use crate::error::{Error, Result};
use alloy_primitives::{Address, U256};
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// Transactions asked for per page (a hint: a page holds whole blocks).
const PAGE: u64 = 25;

/// Pages read per address at most (a bound against an endpoint that never ends).
const MAX_PAGES: usize = 100_000;

/// How the endpoint lets a sync find an account's history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct History {
    /// The Otterscan API answers (`ots_getApiLevel`): address-indexed history.
    pub otterscan: bool,
    /// Ether moved by contracts (internal transfers) is found.
    pub internal: bool,
}

impl History {
    /// `otterscan` or `block-scan`.
    pub fn name(self) -> &'static str {
        if self.otterscan {
            "otterscan"
        } else {
            "block-scan"
        }
    }
}

/// Asks the endpoint once what it offers (nothing is remembered between syncs): the
/// Otterscan API when `ots_getApiLevel` answers a number, else the block scan (with
/// `trace_filter` for internal transfers when it answers).
pub fn probe(rpc: &Rpc) -> History {
    let otterscan = rpc
        .try_call("ots_getApiLevel", json!([]))
        .is_ok_and(|v| v.as_u64().is_some());
    History {
        otterscan,
        // ots_getInternalOperations is part of every Otterscan API level; a block scan
        // finds them through trace_filter when the endpoint has it.
        internal: otterscan || scan::has_traces(rpc),
    }
}

/// One page of `ots_searchTransactionsAfter(address, after, PAGE)`: (transaction,
/// receipt) pairs and whether it was the newest page.
fn page(rpc: &Rpc, address: Address, after: u64) -> Result<(Vec<(Value, Value)>, bool)> {
    let v = rpc.call(
        "ots_searchTransactionsAfter",
        json!([address.to_string(), after, PAGE]),
    )?;
    let bad = || Error::Backend(format!("ots_searchTransactionsAfter answered {v}"));
    let txs = field(&v, "txs").as_array().ok_or_else(bad)?;
    let receipts = field(&v, "receipts").as_array().ok_or_else(bad)?;
    if txs.len() != receipts.len() {
        return Err(bad());
    }
    let newest = field(&v, "firstPage").as_bool().unwrap_or(true);
    Ok((
        txs.iter().cloned().zip(receipts.iter().cloned()).collect(),
        newest,
    ))
}

/// The transfers of `ours` in blocks `from..=to` from the address index (ether, also
/// internal transfers when `history.internal`) and from `Transfer` logs (`tokens`).
pub fn transfers(
    rpc: &Rpc,
    history: History,
    ours: &[Address],
    tokens: &[Address],
    from: u64,
    to: u64,
) -> Result<Vec<Transfer>> {
    let is_ours = |a: &Address| ours.contains(a);
    // Every transaction that touched one of ours, once: (block, index) -> (tx, receipt).
    let mut found: BTreeMap<(u64, u64), (Value, Value)> = BTreeMap::new();
    for a in ours {
        let mut after = from.saturating_sub(1);
        for _ in 0..MAX_PAGES {
            let (items, newest) = page(rpc, *a, after)?;
            let mut highest = after;
            for (t, r) in items {
                let block = u64_of(&t, "blockNumber")?;
                highest = highest.max(block);
                if block < from || block > to {
                    continue;
                }
                found.insert((block, u64_of(&t, "transactionIndex")?), (t, r));
            }
            // The newest page, an empty one, or one that did not move on: done.
            if newest || highest == after || highest >= to {
                break;
            }
            after = highest;
        }
    }
    let mut out = vec![];
    let mut times = BTreeMap::new();
    for ((block, _), (t, r)) in &found {
        let hash = hash_of(t, "hash")?;
        let time = match [field(t, "blockTimestamp"), field(r, "timestamp")]
            .into_iter()
            .find(|v| v.is_string())
        {
            Some(v) => u64::try_from(rpc::quantity(v, "timestamp")?)
                .map_err(|_| Error::Backend("timestamp is too large".into()))?,
            None => u64_of(&rpc.block(*block, false)?, "timestamp")?,
        };
        times.insert(*block, time);
        let success = field(r, "status").as_str() == Some("0x1");
        let gas = rpc::quantity(field(r, "gasUsed"), "gasUsed")?;
        let price = rpc::quantity(field(r, "effectiveGasPrice"), "effectiveGasPrice")?;
        let sender = address_of(t, "from")
            .ok_or_else(|| Error::Backend(format!("transaction {hash} has no sender")))?;
        let payee = address_of(t, "to");
        let value = rpc::quantity(field(t, "value"), "value")?;
        // The fee goes with the first movement of a transaction one of ours sent.
        let fee = is_ours(&sender).then_some(gas * price);
        let mut fee = fee;
        let mut push = |out: &mut Vec<Transfer>, from_: Address, to_: Address, value: U256| {
            let (o, i) = (is_ours(&from_), is_ours(&to_));
            out.push(Transfer {
                hash,
                log_index: None,
                token: None,
                direction: direction(o, i),
                value,
                address: if o { from_ } else { to_ },
                counterparty: if o { to_ } else { from_ },
                block: *block,
                block_time: time,
                success,
                fee: fee.take(),
            });
        };
        let payee_ours = payee.as_ref().is_some_and(is_ours);
        if (is_ours(&sender) || payee_ours) && !value.is_zero() {
            push(&mut out, sender, payee.unwrap_or_default(), value);
        }
        if history.internal && success {
            let ops = rpc.call("ots_getInternalOperations", json!([hash.to_string()]))?;
            let ops = ops.as_array().ok_or_else(|| {
                Error::Backend(format!("ots_getInternalOperations answered {ops}"))
            })?;
            // Some nodes list the transaction's own transfer first: not counted twice.
            let mut top = (!value.is_zero()).then_some((sender, payee, value));
            for op in ops {
                // 0: a transfer, 1: a self-destruct paying `to` (2, 3: contract creations).
                if !matches!(field(op, "type").as_u64(), Some(0 | 1)) {
                    continue;
                }
                let (Some(f), Some(p)) = (address_of(op, "from"), address_of(op, "to")) else {
                    continue;
                };
                let v = rpc::quantity(field(op, "value"), "value")?;
                if top == Some((f, Some(p), v)) {
                    top = None;
                    continue;
                }
                if v.is_zero() || !(is_ours(&f) || is_ours(&p)) {
                    continue;
                }
                push(&mut out, f, p, v);
            }
        }
    }
    out.extend(scan::token_transfers(
        rpc, ours, tokens, from, to, &mut times,
    )?);
    // In chain order: by block, ether before the logs of a transaction, logs in order.
    out.sort_by_key(|t| (t.block, t.log_index.map_or(0, |i| i + 1)));
    Ok(out)
}
