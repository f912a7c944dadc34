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
        let bw = BtcWallet::open(conn, account)?;
        let txid: bitcoin::Txid = d
            .row
            .txid
            .parse()
            .map_err(|_| anyhow::anyhow!("a stored txid is malformed"))?;
        if let Some(tx) = bw.inner.tx_graph().get_tx(txid) {
            let graph = bw.inner.tx_graph();
            let addr = |s: &bitcoin::Script| {
                bitcoin::Address::from_script(s, bw.network)
                    .map(|a| a.to_string())
                    .ok()
            };
            for i in &tx.input {
                let prev = graph.get_txout(i.previous_output);
                d.inputs.push(Io {
                    address: prev
                        .and_then(|p| addr(&p.script_pubkey))
                        .or_else(|| crate::vault::engine::input_address(i, bw.network)),
                    amount: prev.map(|p| amount::format_btc(p.value.to_sat())),
                    amount_sat: prev.map(|p| p.value.to_sat()),
                    ours: prev.is_some_and(|p| bw.inner.is_mine(p.script_pubkey.clone())),
                    outpoint: Some(i.previous_output.to_string()),
                });
            }
            for o in &tx.output {
                d.outputs.push(Io {
                    address: addr(&o.script_pubkey),
                    amount: Some(amount::format_btc(o.value.to_sat())),
                    amount_sat: Some(o.value.to_sat()),
                    ours: bw.inner.is_mine(o.script_pubkey.clone()),
                    outpoint: None,
                });
            }
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
            d.raw = Some(bitcoin::consensus::encode::serialize_hex(tx.as_ref()));
        }
    }
    Ok(d)
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

    #[test]
    fn amount_keys_sort_like_numbers() {
        assert_eq!(amount_key(0), "010");
        assert_eq!(amount_key(150_000), "06150000");
        assert!(amount_key(9) < amount_key(10));
    }
}
