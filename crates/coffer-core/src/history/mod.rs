//! History: the transactions coffer recorded, read back newest first with filters and
//! keyset pagination (a cursor names the last row seen, so new transactions never shift
//! a page); one transaction's details (with the wallet engine for Bitcoin inputs and
//! outputs) and its fiat values; labels, categories and notes. The export (CSV, JSON)
//! and the summary (totals per month, category or currency) are in [`export`] and
//! [`summary`].

pub mod export;
pub mod summary;

use crate::chain::Chain;
use crate::chain::amount;
use crate::clock;
use crate::error::{Error, Result};
use crate::valuation;
use crate::vault::engine::BtcWallet;
use crate::vault::engine::send as btc_send;
use crate::vault::history::{self, AmountKey, KeyAsset, TxFilter};
use crate::vault::{backends, txs, wallets};
use rusqlite::Connection;
use serde::Serialize;

pub use crate::vault::txs::{Direction, Status};

/// The filters of a history query. Its `Debug` text (with the direction) is the
/// query's identity in its cursors.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Only this wallet.
    pub wallet: Option<String>,
    /// Only this currency: BTC, ETH or a token symbol.
    pub currency: Option<String>,
    /// Only this direction.
    pub kind: Option<Direction>,
    /// Only this status.
    pub status: Option<Status>,
    /// From this time: 2026-01-31, RFC 3339, or 7d / 3m / 1y ago.
    pub since: Option<String>,
    /// Until this time (exclusive).
    pub until: Option<String>,
    /// Only amounts (absolute, in the row's currency) of at least this much.
    pub min: Option<String>,
    /// Only amounts of at most this much.
    pub max: Option<String>,
    /// Only labels containing this text (case-insensitive).
    pub label: Option<String>,
    /// Only this category.
    pub category: Option<String>,
}

pub(crate) use crate::vault::history::Rows;
pub use crate::vault::history::{Annotation, Row};

/// A page of history.
#[derive(Debug, Serialize)]
pub struct Page {
    /// The rows.
    pub items: Vec<Row>,
    /// Rows matching the filters (all pages).
    pub total: u64,
    /// Pass to `--cursor` for the next page; null on the last one.
    pub next_cursor: Option<String>,
    /// Where the last `wallet sync` left each account: confirmations count from there.
    pub synced: Vec<txs::SyncPoint>,
}

/// The sortable key of an absolute amount in base units (see the schema's `amount_key`).
fn amount_key(units: u128) -> String {
    let d = units.to_string();
    format!("{:02}{d}", d.len())
}

/// The filters parsed for the history repository: the wallet must exist, the dates and
/// amount bounds must parse (an amount bound becomes one sortable key per asset that
/// can hold it).
fn tx_filter(conn: &Connection, f: &Filter, tokens: &[backends::Token]) -> Result<TxFilter> {
    if let Some(w) = &f.wallet {
        wallets::get(conn, w)?;
    }
    let now = clock::now();
    let since_ms = match &f.since {
        Some(d) => Some(clock::parse_date(d, now)? * 1000),
        None => None,
    };
    let until_ms = match &f.until {
        Some(d) => Some(clock::parse_date(d, now)? * 1000),
        None => None,
    };
    let mut bounds = [None, None];
    for (slot, (bound, what)) in bounds.iter_mut().zip([(&f.min, "min"), (&f.max, "max")]) {
        let Some(b) = bound else { continue };
        let mut assets = vec![KeyAsset::Bitcoin, KeyAsset::Ether];
        assets.extend(tokens.iter().map(|t| KeyAsset::Token {
            chain_id: t.chain_id,
            symbol: t.symbol.clone(),
            decimals: t.decimals,
        }));
        let mut keys = vec![];
        for asset in assets {
            let Ok(units) = amount::parse_units(b, asset.decimals(), "amount") else {
                continue; // more decimals than this asset has: no row of it can match
            };
            keys.push(AmountKey {
                asset,
                key: amount_key(units),
            });
        }
        // Validate the bound itself once (a malformed amount is an error).
        amount::parse_units(b, 36, what)?;
        *slot = Some(keys);
    }
    let [min, max] = bounds;
    Ok(TxFilter {
        wallet: f.wallet.clone(),
        currency: f.currency.clone(),
        direction: f.kind.map(Direction::name),
        status: f.status.map(Status::name),
        since_ms,
        until_ms,
        label: f.label.clone(),
        category: f.category.clone(),
        min,
        max,
    })
}

/// Every row matching `filter`, in time order (newest first unless `reverse`), handed to
/// `each` one at a time, those that `rows` selects.
pub(crate) fn for_each_row(
    conn: &Connection,
    filter: &Filter,
    reverse: bool,
    rows: Rows,
    each: impl FnMut(Row) -> Result<()>,
) -> Result<u64> {
    let tokens = backends::tokens(conn, None)?;
    let f = tx_filter(conn, filter, &tokens)?;
    history::for_each(conn, &f, reverse, rows, &tokens, each)
}

/// How many rows [`for_each_row`] would hand over (one count in SQL).
pub(crate) fn count_rows(conn: &Connection, filter: &Filter, rows: Rows) -> Result<u64> {
    let tokens = backends::tokens(conn, None)?;
    let f = tx_filter(conn, filter, &tokens)?;
    history::count(conn, &f, rows)
}

/// A page of at most `limit` rows matching `filter` (newest first unless `reverse`),
/// after the row `cursor` names (a previous page's `next_cursor`).
pub fn page(
    conn: &Connection,
    filter: &Filter,
    limit: u32,
    cursor: Option<&str>,
    reverse: bool,
) -> Result<Page> {
    let tokens = backends::tokens(conn, None)?;
    let f = tx_filter(conn, filter, &tokens)?;
    // The query's identity, for its cursors: filters and direction.
    let query = format!("{filter:?}|{reverse}");
    let total = history::count(conn, &f, Rows::All)?;
    let after = cursor
        .map(|c| crate::paging::parse(&query, c, 2).map(|k| (k[0], k[1])))
        .transpose()?;
    let (keys, mut items): (Vec<(i64, i64)>, Vec<Row>) =
        history::page(conn, &f, i64::from(limit) + 1, after, reverse, &tokens)?
            .into_iter()
            .unzip();
    let next_cursor = if items.len() > limit as usize {
        items.truncate(limit as usize);
        let (t, i) = keys[limit as usize - 1];
        Some(crate::paging::cursor(&query, &[t, i]))
    } else {
        None
    };
    Ok(Page {
        items,
        total,
        next_cursor,
        synced: txs::sync_points(conn, filter.wallet.as_deref(), clock::now())?,
    })
}

/// The history row named by an ID or a transaction id.
fn find(conn: &Connection, id: &str, tokens: &[backends::Token]) -> Result<Row> {
    history::find(conn, id, tokens)?
        .ok_or_else(|| Error::NotFound(format!("transaction {} in history", id.trim())))
}

/// One input or output of a Bitcoin transaction.
#[derive(Debug, Serialize)]
pub struct Io {
    /// The address, where the script has one.
    pub address: Option<String>,
    /// Amount (decimal BTC), when known.
    pub amount: Option<String>,
    /// The same in satoshis.
    pub amount_sat: Option<u64>,
    /// Whether it is this wallet's.
    pub ours: bool,
    /// The outpoint spent (inputs).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outpoint: Option<String>,
}

/// Everything about one transaction.
#[derive(Debug, Serialize)]
pub struct Detail {
    /// The history row.
    #[serde(flatten)]
    pub row: Row,
    /// Inputs (Bitcoin).
    pub inputs: Vec<Io>,
    /// Outputs (Bitcoin).
    pub outputs: Vec<Io>,
    /// Fee rate: sat/vB (Bitcoin) or effective gwei per gas (EVM), when known.
    pub fee_rate: Option<String>,
    /// Virtual size (Bitcoin).
    pub vsize: Option<u64>,
    /// Weight (Bitcoin).
    pub weight: Option<u64>,
    /// The transaction this one replaces.
    pub replaces: Option<String>,
    /// The transaction that replaced this one.
    pub replaced_by: Option<String>,
    /// The raw transaction (hex), when stored.
    pub raw: Option<String>,
    /// The amount's value in the preferred fiat currency at the transaction's time and now.
    pub fiat: Fiat,
}

/// Values of a transaction's amount.
#[derive(Debug, Serialize)]
pub struct Fiat {
    /// At the transaction's time.
    pub at_time: valuation::Valuation,
    /// Now.
    pub now: valuation::Valuation,
}

/// The value of a row's amount in `fiat` at `time` (no value on test networks).
pub(crate) fn value_of(
    conn: &Connection,
    row: &Row,
    fiat: &str,
    time: i64,
) -> Result<valuation::Valuation> {
    let test = valuation::test_network(row.network);
    let units: u128 = txs::stored(
        row.amount_units.trim_start_matches('-'),
        "transaction amount",
    )?;
    valuation::value(
        conn,
        row.asset.symbol(),
        units,
        row.asset.decimals(),
        fiat,
        time,
        test,
    )
}

/// The fiat values of a row's amount, then and now.
fn fiat_of(conn: &Connection, row: &Row) -> Result<Fiat> {
    let fiat = valuation::preferred(conn)?;
    Ok(Fiat {
        at_time: value_of(conn, row, &fiat, row.time_s)?,
        now: value_of(conn, row, &fiat, clock::now())?,
    })
}

/// The details of the history row `id` (its history ID or transaction id), from a vault
/// with its engine attached (inputs, outputs and sizes come from the raw transaction).
pub fn detail(conn: &Connection, id: &str) -> Result<Detail> {
    let tokens = backends::tokens(conn, None)?;
    let row = find(conn, id, &tokens)?;
    let (replaces, replaced_by, raw) = history::links(conn, row.id)?;
    let mut d = Detail {
        inputs: vec![],
        outputs: vec![],
        fee_rate: None,
        vsize: None,
        weight: None,
        replaces,
        replaced_by,
        raw: raw.map(|r| format!("0x{}", hex::encode(r))),
        fiat: fiat_of(conn, &row)?,
        row,
    };
    if d.row.chain == Chain::Btc {
        let w = wallets::get(conn, &d.row.wallet)?;
        let account = w.account_for(Some(Chain::Btc))?;
        let txid: bitcoin::Txid = d
            .row
            .txid
            .parse()
            .map_err(|_| anyhow::anyhow!("a stored txid is malformed"))?;
        let found = match btc_io_in_place(conn, account, txid)? {
            Some(io) => Some(io),
            None => btc_io_from_engine(conn, account, txid)?,
        };
        if let Some(BtcIo {
            tx,
            inputs,
            outputs,
        }) = found
        {
            d.inputs = inputs;
            d.outputs = outputs;
            let vsize = tx.vsize() as u64;
            d.vsize = Some(vsize);
            d.weight = Some(tx.weight().to_wu());
            d.fee_rate = d
                .row
                .fee_units
                .as_deref()
                .map(|f| txs::stored::<u64>(f, "transaction fee"))
                .transpose()?
                .map(|f| btc_send::rate_of(f, vsize));
            d.raw = Some(bitcoin::consensus::encode::serialize_hex(&tx));
        }
    }
    Ok(d)
}

/// A Bitcoin transaction with its inputs and outputs as `history show` lists them.
#[derive(Debug)]
struct BtcIo {
    tx: bitcoin::Transaction,
    inputs: Vec<Io>,
    outputs: Vec<Io>,
}

/// [`BtcIo`] of `txid` from the rows beside the engine: the raw transaction, the
/// outputs its inputs spend (a raw transaction of the account, or a floating output),
/// and the account's addresses for what is ours. One transaction's rows, whatever the
/// wallet's size. `None` when the account's floating outputs are not all stored yet
/// (a vault from before migration 14 not saved since) or the transaction is not there:
/// the caller asks the engine ([`btc_io_from_engine`], which answers the same).
fn btc_io_in_place(
    conn: &Connection,
    account: &wallets::AccountRow,
    txid: bitcoin::Txid,
) -> Result<Option<BtcIo>> {
    use bitcoin::hashes::Hash as _;
    if !txs::txouts_complete(conn, account.id)? {
        return Ok(None);
    }
    let Some(raw) = txs::raw_tx(conn, account.id, &txid.to_byte_array())? else {
        return Ok(None);
    };
    let decode = |raw: &[u8]| -> Result<bitcoin::Transaction> {
        bitcoin::consensus::deserialize(raw)
            .map_err(|_| crate::error::damaged("raw transaction", &hex::encode(raw)))
    };
    let tx = decode(&raw)?;
    let network = crate::vault::engine::account_network(account)?.to_bitcoin();
    let addr = |s: &bitcoin::Script| {
        bitcoin::Address::from_script(s, network)
            .map(|a| a.to_string())
            .ok()
    };
    let ours = |address: Option<&String>| -> Result<bool> {
        Ok(match address {
            Some(a) => wallets::holds_address(conn, account.id, a)?,
            None => false,
        })
    };
    let mut inputs = Vec::with_capacity(tx.input.len());
    for i in &tx.input {
        let op = i.previous_output;
        let id = op.txid.to_byte_array();
        let prev = match txs::raw_tx(conn, account.id, &id)? {
            Some(raw) => decode(&raw)?
                .output
                .get(op.vout as usize)
                .map(|o| (o.value.to_sat(), o.script_pubkey.clone())),
            None => txs::txout(conn, account.id, &id, op.vout)?
                .map(|(sat, script)| (sat, bitcoin::ScriptBuf::from_bytes(script))),
        };
        let prev_address = prev.as_ref().and_then(|(_, s)| addr(s));
        inputs.push(Io {
            ours: prev.is_some() && ours(prev_address.as_ref())?,
            address: prev_address.or_else(|| crate::vault::engine::input_address(i, network)),
            amount: prev.as_ref().map(|(sat, _)| amount::format_btc(*sat)),
            amount_sat: prev.map(|(sat, _)| sat),
            outpoint: Some(op.to_string()),
        });
    }
    let mut outputs = Vec::with_capacity(tx.output.len());
    for o in &tx.output {
        let address = addr(&o.script_pubkey);
        outputs.push(Io {
            ours: ours(address.as_ref())?,
            address,
            amount: Some(amount::format_btc(o.value.to_sat())),
            amount_sat: Some(o.value.to_sat()),
            outpoint: None,
        });
    }
    Ok(Some(BtcIo {
        tx,
        inputs,
        outputs,
    }))
}

/// [`BtcIo`] of `txid` from the wallet engine (its whole state loaded): for a vault
/// whose floating outputs are not stored beside it yet.
fn btc_io_from_engine(
    conn: &Connection,
    account: &wallets::AccountRow,
    txid: bitcoin::Txid,
) -> Result<Option<BtcIo>> {
    let bw = BtcWallet::open(conn, account)?;
    let Some(tx) = bw.inner.tx_graph().get_tx(txid) else {
        return Ok(None);
    };
    let graph = bw.inner.tx_graph();
    let addr = |s: &bitcoin::Script| {
        bitcoin::Address::from_script(s, bw.network)
            .map(|a| a.to_string())
            .ok()
    };
    let inputs = tx
        .input
        .iter()
        .map(|i| {
            let prev = graph.get_txout(i.previous_output);
            Io {
                address: prev
                    .and_then(|p| addr(&p.script_pubkey))
                    .or_else(|| crate::vault::engine::input_address(i, bw.network)),
                amount: prev.map(|p| amount::format_btc(p.value.to_sat())),
                amount_sat: prev.map(|p| p.value.to_sat()),
                ours: prev.is_some_and(|p| bw.inner.is_mine(p.script_pubkey.clone())),
                outpoint: Some(i.previous_output.to_string()),
            }
        })
        .collect();
    let outputs = tx
        .output
        .iter()
        .map(|o| Io {
            address: addr(&o.script_pubkey),
            amount: Some(amount::format_btc(o.value.to_sat())),
            amount_sat: Some(o.value.to_sat()),
            ours: bw.inner.is_mine(o.script_pubkey.clone()),
            outpoint: None,
        })
        .collect();
    Ok(Some(BtcIo {
        tx: tx.as_ref().clone(),
        inputs,
        outputs,
    }))
}

/// Sets the label, category or note of the history row `id` (empty or blank text
/// clears it) and returns its details, read in the same transaction (the engine
/// attached).
pub fn annotate(conn: &Connection, id: &str, what: Annotation, text: &str) -> Result<Detail> {
    let value = Some(text.trim()).filter(|t| !t.is_empty());
    let tokens = backends::tokens(conn, None)?;
    let row = find(conn, id, &tokens)?;
    history::annotate(conn, row.id, what, value)?;
    detail(conn, id)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `history show`'s inputs and outputs read in place (one transaction's rows) are
    /// the engine's view of the same transaction: receipts from outside coins (one with
    /// a floating output, as an Electrum sync inserts), a send with change, a payment to
    /// ourselves. Before the floating outputs are all stored, nothing is answered in
    /// place, and the first save stores them.
    #[test]
    fn a_transaction_read_in_place_is_the_engine_s_view() {
        use crate::vault::engine::tests::{NOW_MS, payments, vault};
        use bitcoin::hashes::Hash as _;
        let (conn, account, scripts) = vault(6);
        let mut bw = BtcWallet::open(&conn, &account).unwrap();
        let mut txids = vec![];
        for (t, c) in payments(&scripts) {
            txids.push(t.compute_txid());
            bw.apply_tx(t, c, 1_770_000_000);
        }
        let foreign = bitcoin::OutPoint::new(bitcoin::Txid::hash(&1u32.to_be_bytes()), 0);
        bw.inner.insert_txout(
            foreign,
            bitcoin::TxOut {
                value: bitcoin::Amount::from_sat(50_000),
                script_pubkey: bitcoin::ScriptBuf::new_op_return([9u8; 4]),
            },
        );
        bw.save(&conn, &txids, NOW_MS).unwrap();
        drop(bw);
        let (mut floating, mut from_raw, mut ours) = (0, 0, 0);
        for txid in &txids {
            let a = btc_io_in_place(&conn, &account, *txid).unwrap().unwrap();
            let b = btc_io_from_engine(&conn, &account, *txid).unwrap().unwrap();
            assert_eq!(format!("{a:?}"), format!("{b:?}"));
            for i in &a.inputs {
                match (i.outpoint.as_deref(), i.amount_sat) {
                    (Some(o), Some(50_000)) if o == foreign.to_string() => floating += 1,
                    (_, Some(_)) => from_raw += 1,
                    _ => {}
                }
            }
            ours += a
                .inputs
                .iter()
                .chain(&a.outputs)
                .filter(|io| io.ours)
                .count();
        }
        assert_eq!((floating, from_raw), (1, 3));
        assert!(ours >= txids.len());
        // A vault from before migration 14, not saved since: the engine answers.
        conn.execute(
            "DELETE FROM engine.engine_meta WHERE key LIKE 'txouts:%'",
            [],
        )
        .unwrap();
        conn.execute("DELETE FROM btc_txouts", []).unwrap();
        assert!(
            btc_io_in_place(&conn, &account, txids[0])
                .unwrap()
                .is_none()
        );
        let mut bw = BtcWallet::open(&conn, &account).unwrap();
        bw.save(&conn, &[], NOW_MS).unwrap();
        drop(bw);
        let n: i64 = conn
            .query_row("SELECT count(*) FROM btc_txouts", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 1);
        assert!(
            btc_io_in_place(&conn, &account, txids[1])
                .unwrap()
                .is_some()
        );
    }

    #[test]
    fn amount_keys_sort_like_numbers() {
        assert_eq!(amount_key(0), "010");
        assert_eq!(amount_key(150_000), "06150000");
        assert!(amount_key(9) < amount_key(10));
    }
}
