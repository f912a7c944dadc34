//! History: the transactions coffer recorded, read back newest first with filters and
//! keyset pagination (a cursor names the last row seen, so new transactions never shift
//! a page); one transaction's details (with the wallet engine for Bitcoin inputs and
//! outputs) and its fiat values; labels, categories and notes. The export (CSV, JSON)
//! and the summary (totals per month, category or currency) are in [`export`] and
//! [`summary`].

pub mod export;
pub mod summary;

use crate::chain::amount;
use crate::chain::asset::{Amount, Asset};
use crate::chain::{Chain, Network};
use crate::clock;
use crate::error::{Error, Result};
use crate::valuation;
use crate::vault::engine::BtcWallet;
use crate::vault::engine::send as btc_send;
use crate::vault::{backends, txs, wallets};
use anyhow::Context as _;
use rusqlite::{Connection, ToSql};
use serde::Serialize;
use sha2::Digest as _;

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

/// One history row.
#[derive(Debug, Serialize)]
pub struct Row {
    /// The history ID (stable).
    pub id: i64,
    /// The time in Unix seconds (for valuations).
    #[serde(skip)]
    pub time_s: i64,
    /// The asset of `amount`, resolved from the stored columns.
    #[serde(skip)]
    pub asset: Asset,
    /// When (RFC 3339 UTC): the block time once confirmed, else when first seen.
    pub time: String,
    /// The wallet.
    pub wallet: String,
    /// `btc` or `eth`.
    pub chain: Chain,
    /// Bitcoin network or EVM chain id.
    pub network: String,
    /// `BTC`, `ETH` or a token symbol.
    pub currency: String,
    /// `send`, `receive` or `self`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Net amount for the wallet, signed (decimal).
    pub amount: String,
    /// The same in the smallest unit.
    pub amount_units: String,
    /// Fee (decimal, in the chain's coin), when known.
    pub fee: Option<String>,
    /// The same in the smallest unit.
    pub fee_units: Option<String>,
    /// `pending`, `confirmed`, `failed`, `replaced`, `abandoned`, `awaiting_approval`
    /// (only pending and confirmed ones count in totals).
    pub status: String,
    /// Confirmations: blocks from the transaction's to the tip the wallet last saw
    /// (Bitcoin: its chain; EVM: the last `wallet sync`).
    pub confirmations: Option<u32>,
    /// Block height.
    pub height: Option<u32>,
    /// The other side.
    pub counterparty: Option<String>,
    /// EVM: our address that moved (the sender's for a self-transfer); null for Bitcoin
    /// and for rows recorded before coffer kept it.
    pub address: Option<String>,
    /// Label.
    pub label: Option<String>,
    /// Category.
    pub category: Option<String>,
    /// Note.
    pub note: Option<String>,
    /// Transaction id (Bitcoin) or hash (0x…, EVM).
    pub txid: String,
}

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

const SELECT: &str = "SELECT t.id, t.time_ms, w.name, c.chain, c.network, t.chain_id, t.asset,
        t.direction, t.amount, CASE WHEN t.direction = 'receive' THEN NULL ELSE t.fee END,
        t.status, t.height, t.counterparty, t.label, t.category,
        t.note, t.txid, coalesce(b.tip_height, e.tip_height), t.address
    FROM transactions t
    JOIN accounts c ON c.id = t.account_id
    JOIN wallets w ON w.id = c.wallet_id
    LEFT JOIN balances b ON b.account_id = t.account_id
    LEFT JOIN eth_sync e ON e.account_id = t.account_id AND e.chain_id = t.chain_id";

/// A history row. Fees are ours only: a receive never has one (the sender paid it).
/// The asset and the amounts are decoded strictly: a stored value that does not decode
/// is damage. A token no longer in the list shows with 18 decimals.
fn row(r: &rusqlite::Row<'_>, tokens: &[backends::Token]) -> Result<Row> {
    let (mut row, chain_id, chain) = raw_row(r).context("reading history")?;
    row.chain = Chain::stored(&chain)?;
    let network = match row.chain {
        Chain::Btc => Some(Network::stored(&row.network)?),
        Chain::Eth => {
            row.txid.insert_str(0, "0x");
            None
        }
    };
    row.asset = match Asset::resolve(tokens, row.chain, network, chain_id, &row.currency)? {
        Some(a) => a,
        None => Asset::unlisted(chain_id.unwrap_or_default(), &row.currency, 18),
    };
    row.amount =
        Amount::stored(row.asset.clone(), &row.amount_units, "transaction amount")?.decimal();
    row.fee = row
        .fee_units
        .as_deref()
        .map(|f| Amount::stored(row.asset.coin(), f, "transaction amount").map(|a| a.decimal()))
        .transpose()?;
    Ok(row)
}

/// A history row with its chain, asset and amounts still undecoded, its EVM chain id and
/// its chain as stored.
fn raw_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(Row, Option<u64>, String)> {
    let chain: String = r.get(3)?;
    let chain_id: Option<i64> = r.get(5)?;
    let asset: String = r.get(6)?;
    let amount_units: String = r.get(8)?;
    let fee_units: Option<String> = r.get(9)?;
    let height: Option<u32> = r.get(11)?;
    let tip: Option<u32> = r.get(17)?;
    let txid_bytes: Vec<u8> = r.get(16)?;
    let txid = hex::encode(&txid_bytes);
    let network: Option<String> = r.get(4)?;
    let time_s = r.get::<_, i64>(1)? / 1000;
    let row = Row {
        id: r.get(0)?,
        time_s,
        asset: Asset::Ether { chain_id: 0 },
        time: clock::rfc3339(time_s),
        wallet: r.get(2)?,
        network: network
            .or_else(|| chain_id.map(|c| c.to_string()))
            .unwrap_or_default(),
        chain: Chain::Btc,
        currency: asset,
        kind: r.get(7)?,
        amount: String::new(),
        amount_units,
        fee: None,
        fee_units,
        status: r.get(10)?,
        confirmations: match (height, tip) {
            (Some(h), Some(t)) if t >= h => Some(t - h + 1),
            _ => None,
        },
        height,
        counterparty: r.get(12)?,
        address: r.get(18)?,
        label: r.get(13)?,
        category: r.get(14)?,
        note: r.get(15)?,
        txid,
    };
    Ok((row, chain_id.map(|c| c as u64), chain))
}

/// SQL conditions (joined with AND) and their numbered parameters.
type Conditions = (Vec<String>, Vec<Box<dyn ToSql>>);

/// The WHERE clause and parameters of the filters.
fn conditions(conn: &Connection, f: &Filter, tokens: &[backends::Token]) -> Result<Conditions> {
    let mut sql: Vec<String> = vec![];
    let mut params: Vec<Box<dyn ToSql>> = vec![];
    let mut push = |cond: &str, p: Box<dyn ToSql>, sql: &mut Vec<String>| {
        params.push(p);
        sql.push(cond.replace('?', &format!("?{}", params.len())));
    };
    if let Some(w) = &f.wallet {
        wallets::get(conn, w)?;
        push("w.name = ?", Box::new(w.clone()), &mut sql);
    }
    if let Some(c) = &f.currency {
        push("upper(t.asset) = upper(?)", Box::new(c.clone()), &mut sql);
    }
    if let Some(k) = f.kind {
        push("t.direction = ?", Box::new(k.name().to_string()), &mut sql);
    }
    if let Some(s) = f.status {
        push("t.status = ?", Box::new(s.name().to_string()), &mut sql);
    }
    let now = clock::now();
    if let Some(d) = &f.since {
        let t = clock::parse_date(d, now)? * 1000;
        push("t.time_ms >= ?", Box::new(t), &mut sql);
    }
    if let Some(d) = &f.until {
        let t = clock::parse_date(d, now)? * 1000;
        push("t.time_ms < ?", Box::new(t), &mut sql);
    }
    if let Some(l) = &f.label {
        push(
            "instr(lower(coalesce(t.label, '')), lower(?)) > 0",
            Box::new(l.clone()),
            &mut sql,
        );
    }
    if let Some(c) = &f.category {
        push("t.category = ?", Box::new(c.clone()), &mut sql);
    }
    // Amount bounds are decimals of each row's own currency: one exact comparison of
    // the sortable amount key per currency.
    for (bound, op) in [(&f.min, ">="), (&f.max, "<=")] {
        let Some(b) = bound else { continue };
        let mut assets: Vec<(String, u32, Option<u64>)> =
            vec![("BTC".into(), 8, None), ("ETH".into(), 18, None)];
        assets.extend(
            tokens
                .iter()
                .map(|t| (t.symbol.clone(), u32::from(t.decimals), Some(t.chain_id))),
        );
        let mut any = vec![];
        for (sym, decimals, chain_id) in assets {
            let Ok(units) = amount::parse_units(b, decimals, "amount") else {
                continue; // more decimals than this asset has: no row of it can match
            };
            params.push(Box::new(sym));
            let sym_i = params.len();
            params.push(Box::new(amount_key(units)));
            let key_i = params.len();
            let chain = match chain_id {
                Some(id) => {
                    params.push(Box::new(id as i64));
                    format!(" AND t.chain_id = ?{}", params.len())
                }
                None => String::new(),
            };
            any.push(format!(
                "(t.asset = ?{sym_i}{chain} AND t.amount_key {op} ?{key_i})"
            ));
        }
        // Validate the bound itself once (a malformed amount is an error).
        amount::parse_units(b, 36, if op == ">=" { "min" } else { "max" })?;
        if any.is_empty() {
            sql.push("0".into());
        } else {
            sql.push(format!("({})", any.join(" OR ")));
        }
    }
    Ok((sql, params))
}

/// A cursor: the (time, id) of the last row, bound to the query by a hash.
fn cursor_for(query: &str, time_ms: i64, id: i64) -> String {
    let tag = &hex::encode(sha2::Sha256::digest(format!("{query}|{time_ms}|{id}")))[..16];
    format!("{time_ms}.{id}.{tag}")
}

fn parse_cursor(query: &str, c: &str) -> Result<(i64, i64)> {
    let bad = || {
        Error::invalid(
            "cursor",
            "it does not belong to this query (another query's, or altered); start again without --cursor",
        )
    };
    let mut parts = c.split('.');
    let (Some(t), Some(i), Some(_), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(bad());
    };
    let (t, i) = (t.parse().map_err(|_| bad())?, i.parse().map_err(|_| bad())?);
    if cursor_for(query, t, i) != c {
        return Err(bad());
    }
    Ok((t, i))
}

/// Every row matching `filter`, in time order (newest first unless `reverse`), handed to
/// `each` one at a time, those that `rows` selects.
pub(crate) fn for_each_row(
    conn: &Connection,
    filter: &Filter,
    reverse: bool,
    rows: Rows,
    mut each: impl FnMut(Row) -> Result<()>,
) -> Result<u64> {
    let tokens = backends::tokens(conn, None)?;
    let (mut cond, params) = conditions(conn, filter, &tokens)?;
    let list: Vec<String> = txs::COUNTED.iter().map(|s| format!("'{s}'")).collect();
    let counted = format!("t.status IN ({})", list.join(", "));
    match rows {
        Rows::All => {}
        Rows::Counted => cond.push(counted),
        Rows::CountedAndReverted => cond.push(format!(
            "({counted} OR (t.status = 'failed' AND t.chain_id IS NOT NULL))"
        )),
    }
    let order = if reverse { "ASC" } else { "DESC" };
    let where_all = if cond.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", cond.join(" AND "))
    };
    let sql = format!("{SELECT}{where_all} ORDER BY t.time_ms {order}, t.id {order}");
    let refs: Vec<&dyn ToSql> = params.iter().map(|p| p.as_ref()).collect();
    let mut stmt = conn.prepare(&sql).context("preparing history")?;
    let mut rows = stmt.query(refs.as_slice()).context("reading history")?;
    let mut n = 0;
    while let Some(r) = rows.next().context("reading history")? {
        each(row(r, &tokens)?)?;
        n += 1;
    }
    Ok(n)
}

/// Which rows [`for_each_row`] hands over (besides the filters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rows {
    /// Every row.
    All,
    /// Transactions that count: that can still confirm (pending or confirmed).
    /// Replaced, failed, abandoned and held ones are history only.
    Counted,
    /// Those, and reverted EVM transactions (`failed`: mined, their fee paid, nothing
    /// moved).
    CountedAndReverted,
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
    let (mut cond, mut params) = conditions(conn, filter, &tokens)?;
    // The query's identity, for its cursors: filters and direction.
    let query = format!("{filter:?}|{reverse}");
    let where_all = if cond.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", cond.join(" AND "))
    };
    let refs: Vec<&dyn ToSql> = params.iter().map(|p| p.as_ref()).collect();
    // The time index answers a count by time alone. With any other condition, reading
    // the table once is cheaper than looking up each row the index finds (100,000 rows:
    // ~20 ms against ~110 ms when the range holds most of them).
    let by_time_only = cond.iter().all(|c| c.starts_with("t.time_ms"));
    let from = if by_time_only {
        "transactions t"
    } else {
        "transactions t NOT INDEXED"
    };
    let total: u64 = conn
        .query_row(
            &if filter.wallet.is_some() {
                format!(
                    "SELECT count(*) FROM {from} JOIN accounts c ON c.id = t.account_id
                     JOIN wallets w ON w.id = c.wallet_id{where_all}"
                )
            } else {
                // Every transaction belongs to an account of a wallet: no join to count.
                format!("SELECT count(*) FROM {from}{where_all}")
            },
            refs.as_slice(),
            |r| r.get::<_, i64>(0),
        )
        .context("counting history")? as u64;
    let (cmp, order) = if reverse { (">", "ASC") } else { ("<", "DESC") };
    if let Some(c) = cursor {
        let (t, i) = parse_cursor(&query, c)?;
        params.push(Box::new(t));
        let ti = params.len();
        params.push(Box::new(i));
        cond.push(format!(
            "(t.time_ms, t.id) {cmp} (?{ti}, ?{})",
            params.len()
        ));
    }
    params.push(Box::new(i64::from(limit) + 1));
    let limit_i = params.len();
    let where_page = if cond.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", cond.join(" AND "))
    };
    let sql =
        format!("{SELECT}{where_page} ORDER BY t.time_ms {order}, t.id {order} LIMIT ?{limit_i}");
    let refs: Vec<&dyn ToSql> = params.iter().map(|p| p.as_ref()).collect();
    let mut stmt = conn.prepare(&sql).context("preparing history")?;
    let mut keys = vec![];
    let mut items = vec![];
    let mut rows = stmt.query(refs.as_slice()).context("reading history")?;
    while let Some(r) = rows.next().context("reading history")? {
        let key = (r.get::<_, i64>(1), r.get::<_, i64>(0));
        keys.push((
            key.0.context("reading history")?,
            key.1.context("reading history")?,
        ));
        items.push(row(r, &tokens)?);
    }
    let next_cursor = if items.len() > limit as usize {
        items.truncate(limit as usize);
        let (t, i) = keys[limit as usize - 1];
        Some(cursor_for(&query, t, i))
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
    let id = id.trim();
    let sql = if id.chars().all(|c| c.is_ascii_digit()) && id.len() < 19 {
        format!("{SELECT} WHERE t.id = ?1")
    } else {
        format!("{SELECT} WHERE hex(t.txid) = upper(?1)")
    };
    let key = if id.chars().all(|c| c.is_ascii_digit()) && id.len() < 19 {
        id.to_string()
    } else {
        id.trim_start_matches("0x").to_string()
    };
    let mut stmt = conn.prepare(&sql).context("reading history")?;
    let mut rows = stmt.query([key]).context("reading history")?;
    match rows.next().context("reading history")? {
        Some(r) => row(r, tokens),
        None => Err(Error::NotFound(format!("transaction {id} in history"))),
    }
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
    let test = valuation::test_network(row.chain.name(), &row.network);
    let units: u128 = txs::stored(
        row.amount_units.trim_start_matches('-'),
        "transaction amount",
    )?;
    valuation::value(
        conn,
        &row.currency,
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
    let (replaces, replaced_by, raw): (Option<String>, Option<String>, Option<Vec<u8>>) = conn
        .query_row(
            "SELECT replaces, replaced_by, raw FROM transactions WHERE id = ?1",
            [row.id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .context("reading history")?;
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

/// What `annotate` sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Annotation {
    /// The label.
    Label,
    /// The category.
    Category,
    /// The note.
    Note,
}

impl Annotation {
    fn column(self) -> &'static str {
        match self {
            Annotation::Label => "label",
            Annotation::Category => "category",
            Annotation::Note => "note",
        }
    }
}

/// Sets the label, category or note of the history row `id` (empty or blank text
/// clears it) and returns its details, read in the same transaction (the engine
/// attached).
pub fn annotate(conn: &Connection, id: &str, what: Annotation, text: &str) -> Result<Detail> {
    let value = Some(text.trim()).filter(|t| !t.is_empty());
    let tokens = backends::tokens(conn, None)?;
    let row = find(conn, id, &tokens)?;
    conn.execute(
        &format!(
            "UPDATE transactions SET {} = ?2 WHERE id = ?1",
            what.column()
        ),
        rusqlite::params![row.id, value],
    )
    .context("annotating transaction")?;
    detail(conn, id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_belong_to_their_query() {
        let c = cursor_for("q", 1_700_000_000_000, 42);
        assert_eq!(parse_cursor("q", &c).unwrap(), (1_700_000_000_000, 42));
        for bad in [
            parse_cursor("other", &c),
            parse_cursor("q", &c.replacen("42", "43", 1)),
            parse_cursor("q", "1.2"),
            parse_cursor("q", &format!("{c}.x")),
        ] {
            assert_eq!(bad.unwrap_err().code(), "invalid_input");
        }
    }

    #[test]
    fn amount_keys_sort_like_numbers() {
        assert_eq!(amount_key(0), "010");
        assert_eq!(amount_key(150_000), "06150000");
        assert!(amount_key(9) < amount_key(10));
    }
}
