//! The Ethereum half of `wallet sync`: every EVM account read on every chain with a
//! backend (balances, token balances, nonces, transfers, receipts of pending
//! transactions) before anything is written; then one write records it all.

use super::Progress;
use crate::chain::asset::Asset;
use crate::chain::eth::rpc::{self, Rpc};
use crate::chain::eth::tx;
use crate::chain::eth::{index, scan};
use crate::error::{Error, Result};
use crate::vault::backends::{self, EthState};
use crate::vault::{txs, wallets};
use alloy_primitives::{Address, B256, U256};
use serde::Serialize;

/// What `wallet sync` read for one account on one chain.
#[derive(Debug, Serialize)]
pub struct Synced {
    /// The wallet.
    pub wallet: String,
    /// EVM chain id.
    pub chain_id: u64,
    /// The account's first address (index 0).
    pub address: String,
    /// Ether balance of the account: the sum over its addresses (decimal).
    pub balance: String,
    /// The same in wei.
    pub balance_wei: String,
    /// Transactions sent from all its addresses (the sum of their nonces).
    pub nonce: u64,
    /// Unused addresses watched past the last revealed or used one (0 for a
    /// single-address watch-only account).
    pub gap_limit: u32,
    /// The last address index read.
    pub watched_to: u32,
    /// Each revealed address, and each one past them that was found used (now revealed).
    pub addresses: Vec<SyncedAddress>,
    /// The blocks read for transfers (none when already up to date).
    pub scanned: Option<Scanned>,
    /// How the transfers were found: `explorer` (an Etherscan-compatible API),
    /// `otterscan` (the node's address index) or `block-scan` (every block read).
    pub history: String,
    /// The node's latest block.
    pub tip: u64,
    /// Transfers found in those blocks (ether and tokens, both directions).
    pub transfers: Vec<Found>,
    /// Token balances.
    pub tokens: Vec<TokenBalance>,
    /// Receipts of transactions that were pending.
    pub receipts: Vec<Receipt>,
}

/// What a sync read for one address of an EVM account.
#[derive(Debug, Serialize)]
pub struct SyncedAddress {
    /// Its index (`m/44'/60'/0'/0/index`).
    pub index: u32,
    /// The address (EIP-55).
    pub address: String,
    /// Its derivation path.
    pub path: String,
    /// Ether (decimal).
    pub balance: String,
    /// The same in wei.
    pub balance_wei: String,
    /// Its nonce (transactions it sent).
    pub nonce: u64,
    /// Its token balances.
    pub tokens: Vec<TokenBalance>,
}

/// A token balance.
#[derive(Debug, Serialize)]
pub struct TokenBalance {
    /// Symbol.
    pub symbol: String,
    /// Contract.
    pub address: String,
    /// Balance (decimal).
    pub balance: String,
    /// The same in base units.
    pub balance_units: String,
}

/// A block range read by `wallet sync`.
#[derive(Debug, Serialize)]
pub struct Scanned {
    /// First block.
    pub from: u64,
    /// Last block.
    pub to: u64,
}

/// A transfer found by `wallet sync`.
#[derive(Debug, Serialize)]
pub struct Found {
    /// Transaction hash.
    pub hash: String,
    /// `receive`, `send` or `self`.
    #[serde(rename = "type")]
    pub kind: String,
    /// `ETH` or the token symbol.
    pub currency: String,
    /// Amount (decimal, positive).
    pub amount: String,
    /// The same in base units (wei or token units).
    pub amount_units: String,
    /// Our address that moved (the sender's for a self-transfer).
    pub address: String,
    /// The other side (for a self-transfer: our receiving address).
    pub counterparty: String,
    /// Block number.
    pub block: u64,
    /// The `Transfer` log's index in its block (token movements; null for ether).
    pub log_index: Option<u64>,
    /// `confirmed` or `failed`.
    pub status: String,
}

/// A receipt of one of our transactions.
#[derive(Debug, Serialize)]
pub struct Receipt {
    /// Transaction hash.
    pub hash: String,
    /// `confirmed`, `failed` or `pending` (not mined yet).
    pub status: String,
    /// Block number.
    pub block: Option<u64>,
    /// Confirmations (blocks since, inclusive).
    pub confirmations: Option<u64>,
    /// Gas used.
    pub gas_used: Option<u64>,
    /// Effective fee: gas used x effective gas price (wei).
    pub fee_wei: Option<String>,
}

fn u64_field(v: &serde_json::Value, k: &str) -> Result<u64> {
    let q = rpc::quantity(v.get(k).unwrap_or(&serde_json::Value::Null), k)?;
    u64::try_from(q).map_err(|_| Error::Backend(format!("{k} is too large")))
}

/// What a sync stores for one account on one chain.
pub(crate) struct SyncWrite {
    account_id: i64,
    chain_id: u64,
    states: Vec<EthState>,
    /// Per watched address (revealed, or used).
    address_states: Vec<txs::EthAddressState>,
    /// Used addresses past the last revealed one: revealed by this sync (index, address).
    reveal: Vec<(u32, String)>,
    receipts: Vec<txs::EthReceipt>,
    /// (replacement, original): the original was mined instead of our replacement.
    superseded: Vec<(String, String)>,
    seen: Vec<txs::EthSeen>,
    /// Sends marked as not broadcast yet that this sync looked at (the marks go).
    marks: Vec<String>,
    scanned_to: u64,
    tip: u64,
}

/// What a sync read for one address: ether, nonce and each token's balance.
struct AddressRead {
    index: u32,
    address: Address,
    balance: U256,
    nonce: u64,
    tokens: Vec<U256>,
}

impl AddressRead {
    /// Whether anything ever touched it (ether, a sent transaction, a token).
    fn used(&self) -> bool {
        !self.balance.is_zero() || self.nonce > 0 || self.tokens.iter().any(|t| !t.is_zero())
    }
}

/// Reads ether, nonce and token balances of `address`.
fn read_address(
    rpc: &Rpc,
    index: u32,
    address: Address,
    tokens: &[Address],
) -> Result<AddressRead> {
    let balance = rpc.balance(address)?;
    let nonce = rpc.nonce(address, "latest")?;
    let tokens = tokens
        .iter()
        .map(|c| tx::decode_balance(&rpc.eth_call(*c, &tx::balance_of_data(address))?))
        .collect::<Result<Vec<_>>>()?;
    Ok(AddressRead {
        index,
        address,
        balance,
        nonce,
        tokens,
    })
}

/// The address `index` of an EVM account.
fn eth_address(account: &wallets::AccountRow, index: u32) -> Result<Address> {
    account.addresses(0, index, 1)?[0]
        .parse()
        .map_err(|_| anyhow::anyhow!("a stored Ethereum address is malformed").into())
}

/// The addresses of an EVM account a sync reads: every revealed one (at least the
/// first), then unused ones up to `gap` past the last revealed or used one (a
/// single-address watch-only account: its one address).
fn watch_addresses(
    rpc: &Rpc,
    conn: &rusqlite::Connection,
    account: &wallets::AccountRow,
    tokens: &[Address],
    gap: u32,
) -> Result<(Vec<AddressRead>, u32)> {
    let revealed = wallets::next_index(conn, account.id, 0)?.max(1);
    let single = account.address.is_some();
    let mut reads = vec![];
    for i in 0..if single { 1 } else { revealed } {
        reads.push(read_address(rpc, i, eth_address(account, i)?, tokens)?);
    }
    if single {
        return Ok((reads, 1));
    }
    let mut last = revealed - 1;
    let mut next = revealed;
    while next <= last.saturating_add(gap) && next < 0x8000_0000 {
        let r = read_address(rpc, next, eth_address(account, next)?, tokens)?;
        if r.used() {
            last = next;
        }
        reads.push(r);
        next += 1;
    }
    Ok((reads, revealed))
}

/// A signed sum of movements: the positive and the negative part.
#[derive(Default, Clone, Copy)]
struct Net {
    plus: U256,
    minus: U256,
}

impl Net {
    fn add(&mut self, direction: &str, v: U256) {
        match direction {
            "receive" => self.plus += v,
            "send" => self.minus += v,
            _ => {}
        }
    }

    /// Signed decimal.
    fn text(self) -> String {
        if self.plus >= self.minus {
            (self.plus - self.minus).to_string()
        } else {
            format!("-{}", self.minus - self.plus)
        }
    }
}

/// One history row per transaction: the net of its movements in the asset of the first
/// (two token logs to us are summed, never dropped).
fn seen_of(
    found: &[scan::Transfer],
    asset_of: &dyn Fn(Option<Address>) -> Asset,
) -> Vec<txs::EthSeen> {
    let mut seen: Vec<txs::EthSeen> = vec![];
    let mut hashes: Vec<B256> = found.iter().map(|t| t.hash).collect();
    hashes.dedup();
    let mut done = std::collections::BTreeSet::new();
    for h in hashes {
        if !done.insert(h) {
            continue;
        }
        let group: Vec<&scan::Transfer> = found.iter().filter(|t| t.hash == h).collect();
        let first = group[0];
        let asset = asset_of(first.token);
        let mut net = Net::default();
        let mut all_self = true;
        for t in group.iter().filter(|t| t.token == first.token) {
            all_self &= t.direction == "self";
            // A failed transaction moved nothing; its fee was still paid.
            if t.success {
                net.add(t.direction, t.value);
            }
        }
        let direction = if all_self {
            "self"
        } else if net.plus > net.minus {
            "receive"
        } else if net.minus > net.plus {
            "send"
        } else {
            first.direction
        };
        seen.push(txs::EthSeen {
            hash: h.to_string(),
            asset,
            direction: direction.to_string(),
            amount: net.text(),
            fee: group.iter().find_map(|t| t.fee).map(|f| f.to_string()),
            status: if first.success { "confirmed" } else { "failed" }.into(),
            height: first.block,
            block_time: first.block_time,
            counterparty: first.counterparty.to_checksum(None),
            address: first.address.to_checksum(None),
        });
    }
    seen
}

/// Blocks of a block scan between two saves of its progress.
const SAVE_EVERY: u64 = 250;

impl SyncWrite {
    /// The progress of a block scan: the history rows found up to block `to`, and the
    /// scan's mark there (no balance: the final write records those).
    fn progress(account_id: i64, chain_id: u64, seen: Vec<txs::EthSeen>, to: u64) -> SyncWrite {
        SyncWrite {
            account_id,
            chain_id,
            states: vec![],
            address_states: vec![],
            reveal: vec![],
            receipts: vec![],
            superseded: vec![],
            seen,
            marks: vec![],
            scanned_to: to,
            tip: to,
        }
    }
}

/// Reads every EVM account of `list` on each chain of `chains` that has a backend: what
/// to show ([`Synced`]) and what to record ([`SyncWrite`], for [`record`]). Nothing is
/// written here but a long block scan's progress, through `save` (outside any read): a
/// failing endpoint records nothing else.
#[allow(clippy::too_many_arguments)]
pub(crate) fn read(
    conn: &rusqlite::Connection,
    list: &[wallets::WalletRow],
    chains: Vec<u64>,
    eth_from: Option<u64>,
    gap: u32,
    now: i64,
    progress: &dyn Progress,
    save: &dyn Fn(&SyncWrite) -> Result<()>,
) -> Result<(Vec<Synced>, Vec<SyncWrite>)> {
    let mut items = vec![];
    let mut writes: Vec<SyncWrite> = vec![];
    for chain_id in chains {
        // An explorer API the user set answers for the history instead (checked below;
        // reached through the endpoint's proxy when it has one).
        let stored_explorer = super::eth_explorer(conn, chain_id)?;
        let Some(rpc) = super::eth_rpc(conn, chain_id)? else {
            continue;
        };
        let tip = rpc.block_number()?;
        // What the endpoint offers, asked once per sync.
        let history = index::probe(&rpc);
        let explorer = match stored_explorer {
            Some(e) => Some(crate::chain::eth::explorer::Explorer::connect(
                e.url(),
                e.key(),
                chain_id,
                &backends::route(conn, backends::Target::Evm(chain_id))?,
            )?),
            None => None,
        };
        let tokens = backends::tokens(conn, Some(chain_id))?;
        let contracts: Vec<Address> = tokens
            .iter()
            .map(|t| {
                t.address
                    .parse()
                    .map_err(|_| anyhow::anyhow!("a stored token address is malformed"))
            })
            .collect::<std::result::Result<_, _>>()?;
        for w in list {
            for account in w
                .accounts
                .iter()
                .filter(|a| a.chain == crate::chain::Chain::Eth)
            {
                progress.set_message(format!("{} on chain {chain_id}", w.name));
                // Every revealed address, and the gap past the last used one.
                let (reads, revealed) = watch_addresses(&rpc, conn, account, &contracts, gap)?;
                let watched: Vec<Address> = reads.iter().map(|r| r.address).collect();
                // Transfers in the blocks not read yet.
                let from = match (eth_from, txs::eth_sync(conn, account.id, chain_id)?) {
                    (Some(h), _) => h,
                    (None, Some((scanned, _))) => scanned + 1,
                    // The first sync with an address index: it answers for the whole
                    // chain, no birth block needed.
                    (None, None) if history.otterscan || explorer.is_some() => 0,
                    // The first sync: from the wallet's creation (an hour's margin for
                    // clocks), found by binary search on block times.
                    (None, None) => scan::first_block_at(
                        &rpc,
                        u64::try_from(w.created_at - 3600).unwrap_or(0),
                        tip,
                    )?,
                };
                // A token not in the list (none is watched) would go by its contract.
                let asset_of = |token: Option<Address>| -> Asset {
                    match token {
                        None => Asset::Ether { chain_id },
                        Some(c) => {
                            let (symbol, decimals) = tokens
                                .iter()
                                .zip(&contracts)
                                .find(|(_, a)| **a == c)
                                .map(|(tk, _)| (tk.symbol.clone(), tk.decimals))
                                .unwrap_or_else(|| (c.to_checksum(None), 0));
                            Asset::Erc20 {
                                chain_id,
                                contract: c.to_checksum(None),
                                decimals,
                                symbol,
                            }
                        }
                    }
                };
                let found = if let Some(e) = &explorer {
                    e.transfers(&watched, &contracts, from, tip)?
                } else if history.otterscan {
                    index::transfers(&rpc, history, &watched, &contracts, from, tip)?
                } else {
                    if from <= tip {
                        progress.inc_length(tip - from + 1);
                    }
                    // Every SAVE_EVERY blocks what was read is saved (a small write; the
                    // network is not read meanwhile): a failure later keeps it, and the
                    // next sync goes on from there.
                    let mut found = vec![];
                    let mut start = from;
                    while start <= tip {
                        let end = start.saturating_add(SAVE_EVERY - 1).min(tip);
                        let part = scan::transfers(
                            &rpc,
                            &watched,
                            &contracts,
                            start,
                            end,
                            history.internal,
                            || progress.inc(1),
                        )?;
                        if end < tip {
                            save(&SyncWrite::progress(
                                account.id,
                                chain_id,
                                seen_of(&part, &asset_of),
                                end,
                            ))?;
                        }
                        found.extend(part);
                        start = end + 1;
                    }
                    found
                };
                let mut transfers = vec![];
                for t in &found {
                    let asset = asset_of(t.token);
                    transfers.push(Found {
                        hash: t.hash.to_string(),
                        kind: t.direction.to_string(),
                        currency: asset.symbol().to_string(),
                        amount: crate::chain::eth::format_units(t.value, asset.decimals()),
                        amount_units: t.value.to_string(),
                        address: t.address.to_checksum(None),
                        counterparty: t.counterparty.to_checksum(None),
                        block: t.block,
                        log_index: t.log_index,
                        status: if t.success { "confirmed" } else { "failed" }.into(),
                    });
                }
                let seen = seen_of(&found, &asset_of);
                // Used addresses past the last revealed one are revealed now.
                let last_used = reads
                    .iter()
                    .filter(|r| r.used() || found.iter().any(|t| t.address == r.address))
                    .map(|r| r.index)
                    .max();
                let reveal: Vec<(u32, String)> = reads
                    .iter()
                    .filter(|r| r.index >= revealed && last_used.is_some_and(|l| r.index <= l))
                    .map(|r| (r.index, r.address.to_checksum(None)))
                    .collect();
                let kept: Vec<&AddressRead> = reads
                    .iter()
                    .filter(|r| r.index < revealed || last_used.is_some_and(|l| r.index <= l))
                    .collect();
                let mut address_states = vec![];
                let mut views = vec![];
                for r in &kept {
                    let a = r.address.to_checksum(None);
                    address_states.push(txs::EthAddressState {
                        chain_id,
                        address: a.clone(),
                        asset: "ETH".into(),
                        balance: r.balance.to_string(),
                        nonce: Some(r.nonce),
                        synced_at: now,
                    });
                    let mut token_rows = vec![];
                    for ((t, c), bal) in tokens.iter().zip(&contracts).zip(&r.tokens) {
                        address_states.push(txs::EthAddressState {
                            chain_id,
                            address: a.clone(),
                            asset: c.to_checksum(None),
                            balance: bal.to_string(),
                            nonce: None,
                            synced_at: now,
                        });
                        token_rows.push(TokenBalance {
                            symbol: t.symbol.clone(),
                            address: t.address.clone(),
                            balance: crate::chain::eth::format_units(*bal, u32::from(t.decimals)),
                            balance_units: bal.to_string(),
                        });
                    }
                    views.push(SyncedAddress {
                        index: r.index,
                        address: a,
                        path: account.address_path(0, r.index),
                        balance: crate::chain::eth::format_units(r.balance, 18),
                        balance_wei: r.balance.to_string(),
                        nonce: r.nonce,
                        tokens: token_rows,
                    });
                }
                // The account's sums over every watched address (a gap address that
                // holds something is kept above, so the sums are the rows' sums).
                let balance = kept.iter().fold(U256::ZERO, |s, r| s + r.balance);
                let nonce: u64 = kept.iter().map(|r| r.nonce).sum();
                let mut states = vec![EthState {
                    chain_id,
                    asset: "ETH".into(),
                    balance: balance.to_string(),
                    nonce: Some(nonce),
                    synced_at: now,
                }];
                let mut token_rows = vec![];
                for (i, t) in tokens.iter().enumerate() {
                    let bal = kept.iter().fold(U256::ZERO, |s, r| s + r.tokens[i]);
                    states.push(EthState {
                        chain_id,
                        asset: t.address.clone(),
                        balance: bal.to_string(),
                        nonce: None,
                        synced_at: now,
                    });
                    token_rows.push(TokenBalance {
                        symbol: t.symbol.clone(),
                        address: t.address.clone(),
                        balance: crate::chain::eth::format_units(bal, u32::from(t.decimals)),
                        balance_units: bal.to_string(),
                    });
                }
                let mut receipts = vec![];
                let mut receipt_writes: Vec<txs::EthReceipt> = vec![];
                // Our pending transactions, and originals we replaced whose replacement is
                // still pending: the chain may have mined the original all the same.
                let replaced = txs::replaced_pending(conn, account.id, chain_id)?;
                let mut superseded = vec![];
                let hashes = txs::pending_eth(conn, account.id, chain_id)?
                    .into_iter()
                    .chain(replaced.iter().map(|(o, _)| o.clone()));
                // Sends recorded but never broadcast (the process stopped between the
                // two): sent again when the backend does not know them.
                let marks = txs::unbroadcast(conn, account.id)?;
                let mut looked = vec![];
                for hash in hashes {
                    let hash = hash.trim_start_matches("0x").to_string();
                    let h: B256 = format!("0x{hash}")
                        .parse()
                        .map_err(|_| anyhow::anyhow!("a stored transaction hash is malformed"))?;
                    let receipt = rpc.receipt(h)?;
                    if marks.contains(&hash) {
                        looked.push(hash.clone());
                    }
                    if receipt.is_none()
                        && marks.contains(&hash)
                        && let Some(raw) = txs::raw_of(conn, account.id, &hash)?
                    {
                        // Known already ("already known", nonce used): the receipt says.
                        let _ = rpc.send_raw(&raw);
                    }
                    match receipt {
                        None => receipts.push(Receipt {
                            hash: format!("0x{hash}"),
                            status: "pending".into(),
                            block: None,
                            confirmations: None,
                            gas_used: None,
                            fee_wei: None,
                        }),
                        Some(r) => {
                            if let Some((_, by)) = replaced
                                .iter()
                                .find(|(o, _)| o.trim_start_matches("0x") == hash)
                            {
                                superseded.push((by.clone(), format!("0x{hash}")));
                            }
                            let ok = r.get("status").and_then(|s| s.as_str()) == Some("0x1");
                            let block = u64_field(&r, "blockNumber")?;
                            let gas = u64_field(&r, "gasUsed")?;
                            let price = rpc::quantity(
                                r.get("effectiveGasPrice")
                                    .unwrap_or(&serde_json::Value::Null),
                                "effectiveGasPrice",
                            )?;
                            let fee = (U256::from(gas) * price).to_string();
                            let block_time = u64_field(&rpc.block(block, false)?, "timestamp")?;
                            receipt_writes.push(txs::EthReceipt {
                                hash: hash.clone(),
                                success: ok,
                                height: block,
                                block_time,
                                fee: fee.clone(),
                            });
                            receipts.push(Receipt {
                                hash: format!("0x{hash}"),
                                status: if ok { "confirmed" } else { "failed" }.into(),
                                block: Some(block),
                                confirmations: Some(tip.saturating_sub(block) + 1),
                                gas_used: Some(gas),
                                fee_wei: Some(fee),
                            });
                        }
                    }
                }
                let watched_to = reads.last().map_or(0, |r| r.index);
                writes.push(SyncWrite {
                    account_id: account.id,
                    chain_id,
                    states,
                    address_states,
                    reveal,
                    receipts: receipt_writes,
                    superseded,
                    seen,
                    marks: looked,
                    scanned_to: tip.max(from.saturating_sub(1)),
                    tip,
                });
                items.push(Synced {
                    wallet: w.name.clone(),
                    chain_id,
                    address: eth_address(account, 0)?.to_checksum(None),
                    balance: crate::chain::eth::format_units(balance, 18),
                    balance_wei: balance.to_string(),
                    nonce,
                    gap_limit: if account.address.is_some() { 0 } else { gap },
                    watched_to,
                    addresses: views,
                    scanned: (from <= tip).then_some(Scanned { from, to: tip }),
                    history: if explorer.is_some() {
                        "explorer"
                    } else {
                        history.name()
                    }
                    .into(),
                    tip,
                    transfers,
                    tokens: token_rows,
                    receipts,
                });
            }
        }
        // An endpoint that rate limited this sync (HTTP 429, -32005) made it pause: said.
        let (pauses, ms) = rpc.pauses();
        if pauses > 0 {
            progress.note(format!(
                "{} asked coffer to slow down {pauses} times (rate limited); it waited {:.1} s \
                 in all",
                rpc.url(),
                ms as f64 / 1000.0
            ));
        }
    }
    Ok((items, writes))
}

/// Records what [`read`] read, inside the vault write.
pub(crate) fn record(
    c: &rusqlite::Connection,
    writes: &[SyncWrite],
    now: i64,
    now_ms: i64,
) -> Result<()> {
    for w in writes {
        for m in &w.marks {
            txs::clear_unbroadcast(c, w.account_id, m)?;
        }
        // Revealed inside the write: a parallel `addr new` may have revealed some.
        let next = wallets::next_index(c, w.account_id, 0)?;
        let new: Vec<(u32, String)> = w
            .reveal
            .iter()
            .filter(|(i, _)| *i >= next)
            .cloned()
            .collect();
        if let Some((start, _)) = new.first() {
            let addresses: Vec<String> = new.iter().map(|(_, a)| a.clone()).collect();
            wallets::insert_addresses(
                c,
                &wallets::NewAddresses {
                    account_id: w.account_id,
                    change: 0,
                    start: *start,
                    addresses: &addresses,
                    label: None,
                    purpose: None,
                },
                now,
            )?;
        }
        for s in &w.states {
            backends::set_eth_state(c, w.account_id, s)?;
        }
        for s in &w.address_states {
            txs::set_eth_address_state(c, w.account_id, s)?;
        }
        for r in &w.receipts {
            txs::set_eth_receipt(c, w.account_id, r)?;
        }
        for (replacement, original) in &w.superseded {
            txs::mark_replaced(c, w.account_id, replacement, original)?;
        }
        for s in &w.seen {
            txs::record_eth_seen(c, w.account_id, w.chain_id, s, now_ms)?;
        }
        txs::refresh_eth_address_usage(c, w.account_id)?;
        txs::set_eth_sync(c, w.account_id, w.chain_id, w.scanned_to, w.tip, now)?;
    }
    Ok(())
}
