//! `coffer history`: the transactions coffer recorded, newest first, with filters and
//! keyset pagination (a cursor names the last row seen, so new transactions never shift
//! a page); `history show` for everything about one; `label`, `categorize`, `note`.

use crate::chain::amount;
use crate::clock;
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::output::{Align, Cell, Human, Report};
use crate::vault::engine::BtcWallet;
use crate::vault::engine::send as btc_send;
use crate::vault::{backends, txs, wallets};
use anyhow::Context as _;
use rusqlite::{Connection, ToSql};
use serde::Serialize;
use sha2::Digest as _;

/// `history` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum HistoryCmd {
    /// Everything known about one transaction (by ID or transaction id).
    Show {
        /// The history ID or the transaction id / hash.
        id: String,
    },
    /// Set the label of a transaction (empty to clear).
    Label {
        /// The history ID or the transaction id / hash.
        id: String,
        /// The label (text starting with '-' is text too).
        #[arg(allow_hyphen_values = true)]
        text: String,
    },
    /// Set the category of a transaction (empty to clear).
    Categorize {
        /// The history ID or the transaction id / hash.
        id: String,
        /// The category, e.g. income, rent, exchange.
        #[arg(allow_hyphen_values = true)]
        category: String,
    },
    /// Set the note of a transaction (empty to clear).
    Note {
        /// The history ID or the transaction id / hash.
        id: String,
        /// The note (text starting with '-' is text too).
        #[arg(allow_hyphen_values = true)]
        text: String,
    },
    /// Export the transactions (every filter of `history` applies) as CSV or JSON.
    ///
    /// CSV: a header row, RFC 4180 quoting, UTC ISO 8601 times, exact decimal amounts.
    /// Cells that a spreadsheet would run as a formula (starting with = + - @, except
    /// plain numbers) are prefixed with ' unless --plain.
    ///
    /// Examples:
    ///   coffer history export --format csv --since 2026-01-01 --until 2027-01-01 --out 2026.csv
    ///   coffer history export --format json --currency ETH
    #[command(verbatim_doc_comment)]
    Export(Box<ExportArgs>),
    /// Totals in, out, fees and net per month, category or currency, in the asset and
    /// in the preferred fiat currency (at each transaction's time).
    Summary(Box<SummaryArgs>),
}

/// How `history summary` groups the transactions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SummaryBy {
    /// By calendar month (UTC).
    Month,
    /// By category (`uncategorized` without one).
    Category,
    /// By currency.
    Currency,
}

impl SummaryBy {
    /// The word, as typed and as `by` in the JSON.
    pub fn name(self) -> &'static str {
        match self {
            SummaryBy::Month => "month",
            SummaryBy::Category => "category",
            SummaryBy::Currency => "currency",
        }
    }
}

/// The format of `history export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// Comma-separated values, a header row first.
    Csv,
    /// One JSON document.
    Json,
}

impl ExportFormat {
    /// The word, as typed and as `format` in the JSON.
    pub fn name(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Json => "json",
        }
    }
}

/// Arguments of `history summary`.
#[derive(Debug, clap::Args)]
pub struct SummaryArgs {
    /// month, category or currency.
    #[arg(long)]
    pub by: SummaryBy,
    #[command(flatten)]
    pub filter: Filter,
}

/// Arguments of `history export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// csv or json.
    #[arg(long)]
    pub format: ExportFormat,
    /// Write to FILE (default: standard output).
    #[arg(long, value_name = "FILE")]
    pub out: Option<std::path::PathBuf>,
    /// No spreadsheet-injection guard on CSV cells.
    #[arg(long)]
    pub plain: bool,
    /// Add each amount's value in this fiat currency at the transaction's time, with the
    /// rate used and its source.
    #[arg(long, value_name = "CODE")]
    pub fiat: Option<String>,
    /// Oldest first.
    #[arg(long)]
    pub reverse: bool,
    #[command(flatten)]
    pub filter: Filter,
}

/// Arguments of `coffer history`.
#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct HistoryArgs {
    /// Show, label, categorize or annotate one transaction.
    #[command(subcommand)]
    pub cmd: Option<HistoryCmd>,
    #[command(flatten)]
    pub filter: Filter,
    /// At most N rows (1-1000).
    #[arg(long, default_value_t = 50)]
    pub limit: u32,
    /// Continue after the last row of a previous page (its `next_cursor`).
    #[arg(long)]
    pub cursor: Option<String>,
    /// Oldest first.
    #[arg(long)]
    pub reverse: bool,
}

/// Which way a transaction went (`history --type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Direction {
    /// Paid out.
    Send,
    /// Paid in.
    Receive,
    /// A transfer between our own addresses.
    #[value(name = "self")]
    ToSelf,
}

/// A transaction's status (`history --status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Status {
    /// Not confirmed yet.
    Pending,
    /// In a block.
    Confirmed,
    /// Conflicting with a confirmed one, or reverted (EVM).
    Failed,
    /// Replaced by a fee bump or cancel.
    Replaced,
    /// Given up with `send abandon`.
    Abandoned,
    /// Held by the spending policy (`send confirm`).
    #[value(name = "awaiting_approval")]
    AwaitingApproval,
}

impl Direction {
    /// The word as stored.
    pub fn name(self) -> &'static str {
        match self {
            Direction::Send => "send",
            Direction::Receive => "receive",
            Direction::ToSelf => "self",
        }
    }
}

impl Status {
    /// The word as stored.
    pub fn name(self) -> &'static str {
        match self {
            Status::Pending => "pending",
            Status::Confirmed => "confirmed",
            Status::Failed => "failed",
            Status::Replaced => "replaced",
            Status::Abandoned => "abandoned",
            Status::AwaitingApproval => "awaiting_approval",
        }
    }
}

/// The filters of `history`.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct Filter {
    /// Only this wallet.
    #[arg(long)]
    pub wallet: Option<String>,
    /// Only this currency: BTC, ETH or a token symbol.
    #[arg(long)]
    pub currency: Option<String>,
    /// Only sends, receives, or transfers to ourselves.
    #[arg(long = "type", value_name = "send|receive|self",
          value_parser = crate::values::words::<Direction>("type", "the type"))]
    pub kind: Option<Direction>,
    /// Only this status: pending, confirmed, failed, replaced, abandoned,
    /// awaiting_approval.
    #[arg(long, value_parser = crate::values::words::<Status>("status", "the status"))]
    pub status: Option<Status>,
    /// From this time: 2026-01-31, RFC 3339, or 7d / 3m / 1y ago.
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Until this time (exclusive).
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Only amounts (absolute, in the row's currency) of at least this much.
    #[arg(long, value_name = "AMOUNT", allow_hyphen_values = true)]
    pub min: Option<String>,
    /// Only amounts of at most this much.
    #[arg(long, value_name = "AMOUNT", allow_hyphen_values = true)]
    pub max: Option<String>,
    /// Only labels containing TEXT (case-insensitive).
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub label: Option<String>,
    /// Only this category.
    #[arg(long, allow_hyphen_values = true)]
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
    /// When (RFC 3339 UTC): the block time once confirmed, else when first seen.
    pub time: String,
    /// The wallet.
    pub wallet: String,
    /// `btc` or `eth`.
    pub chain: String,
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
    pub synced: Vec<crate::vault::txs::SyncPoint>,
}

impl Report for Page {
    fn human(&self, out: &mut Human) {
        if self.items.is_empty() {
            out.line("No transactions.");
            return;
        }
        let rows = self
            .items
            .iter()
            .map(|r| {
                vec![
                    Cell::from(r.id.to_string()),
                    Cell::from(utc_time(&r.time)),
                    Cell::from(r.wallet.as_str()),
                    Cell::from(r.kind.as_str()),
                    Cell::amount(format!("{} {}", r.amount, r.currency)),
                    Cell::from(r.status.as_str()),
                    Cell::from(r.counterparty.clone().unwrap_or_default()),
                    Cell::from(r.label.clone().unwrap_or_default()),
                ]
            })
            .collect();
        out.table_with(
            &[
                "id",
                "time (UTC)",
                "wallet",
                "type",
                "amount",
                "status",
                "counterparty",
                "label",
            ],
            rows,
            &[
                Align::Right,
                Align::Left,
                Align::Left,
                Align::Left,
                Align::Decimal,
            ],
        );
        if let Some(c) = &self.next_cursor {
            out.line(format!(
                "{} of {} shown; next page: --cursor {c}",
                self.items.len(),
                self.total
            ));
        }
        last_sync_lines(out, &self.synced);
    }
}

/// The "Last sync" lines under `history` and `wallet balance`: one per network or EVM
/// chain, however many accounts sync there. An account alone on its chain is named; for
/// several, the one furthest behind (the oldest sync) speaks for them.
pub fn last_sync_lines(out: &mut Human, points: &[txs::SyncPoint]) {
    let mut groups: Vec<(&txs::SyncPoint, usize)> = vec![];
    for p in points {
        match groups
            .iter_mut()
            .find(|(g, _)| g.chain == p.chain && g.network == p.network && g.chain_id == p.chain_id)
        {
            Some((oldest, n)) => {
                *n += 1;
                if p.age_secs > oldest.age_secs {
                    *oldest = p;
                }
            }
            None => groups.push((p, 1)),
        }
    }
    for (oldest, n) in groups {
        let text = if n == 1 {
            txs::describe_sync(oldest)
        } else {
            let all = txs::SyncPoint {
                wallet: format!("{n} accounts"),
                ..oldest.clone()
            };
            format!("{} (the oldest)", txs::describe_sync(&all))
        };
        out.kv("Last sync", text);
    }
}

/// An RFC 3339 UTC time as the tables show it, under a `TIME (UTC)` header:
/// `2026-01-10T12:00:00Z` → `2026-01-10 12:00:00`.
pub fn utc_time(rfc3339: &str) -> String {
    rfc3339.replace('T', " ").trim_end_matches('Z').to_string()
}

/// Decimals and display of an asset.
struct Asset {
    decimals: u32,
    fixed: bool,
}

fn asset_of(tokens: &[backends::Token], chain_id: Option<u64>, asset: &str) -> Asset {
    match asset {
        "BTC" => Asset {
            decimals: 8,
            fixed: true,
        },
        "ETH" => Asset {
            decimals: 18,
            fixed: false,
        },
        sym => Asset {
            decimals: tokens
                .iter()
                .find(|t| Some(t.chain_id) == chain_id && t.symbol == sym)
                .map_or(18, |t| u32::from(t.decimals)),
            fixed: false,
        },
    }
}

fn format_signed(units: &str, a: &Asset) -> Result<String> {
    let (neg, digits) = match units.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, units),
    };
    let v: u128 = txs::stored(digits, "transaction amount")?;
    let s = amount::format_units(v, a.decimals, a.fixed);
    Ok(if neg && v > 0 { format!("-{s}") } else { s })
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
/// Amounts are decoded strictly: a stored amount that does not decode is damage.
fn row(r: &rusqlite::Row<'_>, tokens: &[backends::Token]) -> Result<Row> {
    let (mut row, a, coin) = raw_row(r, tokens).context("reading history")?;
    row.amount = format_signed(&row.amount_units, &a)?;
    row.fee = row
        .fee_units
        .as_deref()
        .map(|f| format_signed(f, &coin))
        .transpose()?;
    Ok(row)
}

/// A history row with its amounts still undecoded, and the formats of its asset and of
/// its chain's coin.
fn raw_row(
    r: &rusqlite::Row<'_>,
    tokens: &[backends::Token],
) -> rusqlite::Result<(Row, Asset, Asset)> {
    let chain: String = r.get(3)?;
    let chain_id: Option<i64> = r.get(5)?;
    let asset: String = r.get(6)?;
    let a = asset_of(tokens, chain_id.map(|c| c as u64), &asset);
    let coin = if chain == "btc" {
        asset_of(tokens, None, "BTC")
    } else {
        asset_of(tokens, None, "ETH")
    };
    let amount_units: String = r.get(8)?;
    let fee_units: Option<String> = r.get(9)?;
    let height: Option<u32> = r.get(11)?;
    let tip: Option<u32> = r.get(17)?;
    let txid_bytes: Vec<u8> = r.get(16)?;
    let txid = if chain == "eth" {
        format!("0x{}", hex::encode(&txid_bytes))
    } else {
        hex::encode(&txid_bytes)
    };
    let network: Option<String> = r.get(4)?;
    let time_s = r.get::<_, i64>(1)? / 1000;
    let row = Row {
        id: r.get(0)?,
        time_s,
        time: clock::rfc3339(time_s),
        wallet: r.get(2)?,
        network: network
            .or_else(|| chain_id.map(|c| c.to_string()))
            .unwrap_or_default(),
        chain,
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
    Ok((row, a, coin))
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
fn for_each_row(
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
enum Rows {
    /// Every row.
    All,
    /// Transactions that count: that can still confirm (pending or confirmed).
    /// Replaced, failed, abandoned and held ones are history only.
    Counted,
    /// Those, and reverted EVM transactions (`failed`: mined, their fee paid, nothing
    /// moved).
    CountedAndReverted,
}

/// The CSV header.
const CSV_HEADER: [&str; 17] = [
    "time",
    "wallet",
    "chain",
    "network",
    "currency",
    "type",
    "amount",
    "amount_units",
    "fee",
    "status",
    "confirmations",
    "height",
    "counterparty",
    "label",
    "category",
    "note",
    "txid",
];

/// A CSV cell: RFC 4180 quoting, and (unless `plain`) a ' before anything a
/// spreadsheet would run as a formula. Plain numbers (`-0.001`) are left alone.
pub(crate) fn csv_cell(s: &str, plain: bool) -> String {
    let number = {
        let d = s.strip_prefix('-').unwrap_or(s);
        !d.is_empty()
            && d.split_once('.')
                .map_or(d.bytes().all(|b| b.is_ascii_digit()), |(i, f)| {
                    !i.is_empty()
                        && !f.is_empty()
                        && i.bytes().chain(f.bytes()).all(|b| b.is_ascii_digit())
                })
    };
    let risky = !plain && !number && s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let s = if risky {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if risky || s.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

fn csv_line(r: &Row, plain: bool, fiat: Option<&coffer_core::valuation::Valuation>) -> String {
    let o = |v: &Option<String>| v.clone().unwrap_or_default();
    let n = |v: Option<u32>| v.map(|x| x.to_string()).unwrap_or_default();
    let cells = [
        r.time.clone(),
        r.wallet.clone(),
        r.chain.clone(),
        r.network.clone(),
        r.currency.clone(),
        r.kind.clone(),
        r.amount.clone(),
        r.amount_units.clone(),
        o(&r.fee),
        r.status.clone(),
        n(r.confirmations),
        n(r.height),
        o(&r.counterparty),
        o(&r.label),
        o(&r.category),
        o(&r.note),
        r.txid.clone(),
    ];
    let fiat_cells: Vec<String> = fiat
        .map(|v| {
            vec![
                v.currency.clone(),
                o(&v.value),
                o(&v.rate),
                o(&v.rate_time),
                o(&v.source).to_string() + &v.missing.clone().unwrap_or_default(),
            ]
        })
        .unwrap_or_default();
    let mut line = cells
        .iter()
        .chain(fiat_cells.iter())
        .map(|c| csv_cell(c, plain))
        .collect::<Vec<_>>()
        .join(",");
    line.push_str("\r\n");
    line
}

/// What `history export` wrote.
#[derive(Debug, Serialize)]
pub struct Exported {
    /// `csv` or `json`.
    pub format: String,
    /// Rows written.
    pub rows: u64,
    /// The file, when --out was given.
    pub file: Option<String>,
    /// The export itself, when no file was given.
    pub content: Option<String>,
}

impl Report for Exported {
    fn human(&self, out: &mut Human) {
        match (&self.file, &self.content) {
            (Some(f), _) => out.line(format!("{} rows written to {f}", self.rows)),
            (None, Some(c)) => out.raw(c),
            (None, None) => {}
        }
    }
}

/// Runs `coffer history export`.
pub fn export(ctx: &Ctx, args: Box<ExportArgs>) -> Result<Exported> {
    let conn = ctx.unlock()?.vault.read()?;
    let mut buf: Vec<u8> = vec![];
    let cannot = |p: &std::path::Path, e: anyhow::Error| {
        Error::invalid("out", format!("cannot write {}: {e:#}", p.display()))
    };
    // A file is written whole or not at all (0600, replacing an older one at the end).
    let mut file = match &args.out {
        Some(p) => Some(std::io::BufWriter::new(
            crate::vault::fsio::OutFile::create(p).map_err(|e| cannot(p, e))?,
        )),
        None => None,
    };
    let mut sink: &mut dyn std::io::Write = match &mut file {
        Some(f) => f,
        None => &mut buf,
    };
    let io = |e: std::io::Error| Error::invalid("out", format!("cannot write: {e}"));
    let progress = indicatif::ProgressBar::new_spinner();
    let json = args.format == ExportFormat::Json;
    if json {
        sink.write_all(b"[").map_err(io)?;
    } else {
        let mut header = CSV_HEADER.join(",");
        if args.fiat.is_some() {
            header.push_str(",fiat_currency,fiat_value,rate,rate_time,rate_source");
        }
        header.push_str("\r\n");
        sink.write_all(header.as_bytes()).map_err(io)?;
    }
    let mut first = true;
    let fiat = args
        .fiat
        .as_deref()
        .map(|f| {
            let up = f.trim().to_uppercase();
            if (2..=10).contains(&up.len()) && up.chars().all(|c| c.is_ascii_alphanumeric()) {
                Ok(up)
            } else {
                Err(Error::invalid(
                    "fiat",
                    format!("'{f}' is not a currency code"),
                ))
            }
        })
        .transpose()?;
    let tokens = backends::tokens(&conn, None)?;
    // An export holds what counts, so that its amounts add up to the balance; a
    // --status names any other rows explicitly.
    let which = if args.filter.status.is_none() {
        Rows::Counted
    } else {
        Rows::All
    };
    let rows = for_each_row(&conn, &args.filter, args.reverse, which, |r| {
        let value = fiat
            .as_deref()
            .map(|f| valuation(&conn, &r, &tokens, f, r.time_s))
            .transpose()?;
        if json {
            if !first {
                sink.write_all(b",").map_err(io)?;
            }
            first = false;
            #[derive(Serialize)]
            struct WithFiat<'a> {
                #[serde(flatten)]
                row: &'a Row,
                #[serde(skip_serializing_if = "Option::is_none")]
                fiat: Option<&'a coffer_core::valuation::Valuation>,
            }
            let doc = WithFiat {
                row: &r,
                fiat: value.as_ref(),
            };
            serde_json::to_writer(&mut sink, &doc).map_err(anyhow::Error::from)?;
        } else {
            sink.write_all(csv_line(&r, args.plain, value.as_ref()).as_bytes())
                .map_err(io)?;
        }
        progress.inc(1);
        Ok(())
    })?;
    if json {
        sink.write_all(b"]\n").map_err(io)?;
    }
    sink.flush().map_err(io)?;
    if let (Some(f), Some(p)) = (file, &args.out) {
        let f = f.into_inner().map_err(|e| io(e.into_error()))?;
        f.commit().map_err(|e| cannot(p, e))?;
    }
    progress.finish_and_clear();
    Ok(Exported {
        format: args.format.name().into(),
        rows,
        file: args.out.as_ref().map(|p| p.display().to_string()),
        content: args
            .out
            .is_none()
            .then(|| String::from_utf8_lossy(&buf).into_owned()),
    })
}

/// One group of a summary, in one currency.
#[derive(Debug, Serialize)]
pub struct Group {
    /// The month (`2026-01`), category, or currency.
    pub key: String,
    /// The currency of the amounts.
    pub currency: String,
    /// Transactions counted.
    pub count: u64,
    /// Received (decimal).
    pub received: String,
    /// Sent, fees excluded (decimal).
    pub sent: String,
    /// Fees paid (decimal; Bitcoin and ether rows).
    pub fees: String,
    /// received - sent - fees (decimal, signed).
    pub net: String,
    /// The same in the preferred fiat currency, each transaction valued at its time.
    pub fiat: GroupFiat,
}

/// A group's fiat totals.
#[derive(Debug, Default, Serialize)]
pub struct GroupFiat {
    /// Received.
    pub received: String,
    /// Sent.
    pub sent: String,
    /// Fees.
    pub fees: String,
    /// Net.
    pub net: String,
    /// Transactions without a rate at their time (not in these totals).
    pub unvalued: u64,
}

/// `history summary` output.
#[derive(Debug, Serialize)]
pub struct Summary {
    /// month, category or currency.
    pub by: String,
    /// The preferred fiat currency.
    pub fiat_currency: String,
    /// The groups, in key order.
    pub groups: Vec<Group>,
}

impl Report for Summary {
    fn human(&self, out: &mut Human) {
        if self.groups.is_empty() {
            out.line("No transactions.");
            return;
        }
        let rows = self
            .groups
            .iter()
            .map(|g| {
                vec![
                    Cell::from(g.key.as_str()),
                    Cell::from(g.currency.as_str()),
                    Cell::from(g.count.to_string()),
                    Cell::from(g.received.as_str()),
                    Cell::from(g.sent.as_str()),
                    Cell::from(g.fees.as_str()),
                    Cell::amount(g.net.as_str()),
                    Cell::from(if g.fiat.unvalued >= g.count {
                        // Nothing valued: "0.00 EUR" would read as a value.
                        "no value".to_string()
                    } else if g.fiat.unvalued > 0 {
                        format!(
                            "{} {} ({} unvalued)",
                            g.fiat.net, self.fiat_currency, g.fiat.unvalued
                        )
                    } else {
                        format!("{} {}", g.fiat.net, self.fiat_currency)
                    }),
                ]
            })
            .collect();
        out.table_with(
            &[
                "group",
                "currency",
                "txs",
                "received",
                "sent",
                "fees",
                "net",
                "net (fiat)",
            ],
            rows,
            &[
                Align::Left,
                Align::Left,
                Align::Right,
                Align::Decimal,
                Align::Decimal,
                Align::Decimal,
                Align::Decimal,
                Align::Decimal,
            ],
        );
    }
}

#[derive(Default)]
struct Acc {
    count: u64,
    received: i128,
    sent: i128,
    fees: i128,
    cents: [i128; 3],
    unvalued: u64,
    decimals: u32,
    fixed: bool,
}

/// A fiat value of ours ("12.34") in cents.
fn cents_of(value: &str) -> Result<i128> {
    value
        .replace('.', "")
        .parse::<i128>()
        .map_err(|_| Error::Internal(anyhow::anyhow!("a fiat value is not a decimal: {value:?}")))
}

fn cents_str(c: i128) -> String {
    let sign = if c < 0 { "-" } else { "" };
    let c = c.unsigned_abs();
    format!("{sign}{}.{:02}", c / 100, c % 100)
}

fn units_str(v: i128, decimals: u32, fixed: bool) -> String {
    let s = amount::format_units(v.unsigned_abs(), decimals, fixed);
    if v < 0 { format!("-{s}") } else { s }
}

/// Runs `coffer history summary`.
pub fn summary(ctx: &Ctx, args: Box<SummaryArgs>) -> Result<Summary> {
    use coffer_core::valuation as rates;
    use std::collections::BTreeMap;
    let conn = ctx.unlock()?.vault.read()?;
    let tokens = backends::tokens(&conn, None)?;
    let fiat = rates::preferred(&conn)?;
    let mut groups: BTreeMap<(String, String), Acc> = BTreeMap::new();
    let value_cents = |currency: &str, units: u128, decimals: u32, time: i64, test: bool| {
        let v = rates::value(&conn, currency, units, decimals, &fiat, time, test)?;
        v.value.map(|x| cents_of(&x)).transpose()
    };
    for_each_row(&conn, &args.filter, true, Rows::CountedAndReverted, |r| {
        let key = match args.by {
            SummaryBy::Month => r.time.get(..7).unwrap_or("").to_string(),
            SummaryBy::Category => r.category.clone().unwrap_or_else(|| "uncategorized".into()),
            SummaryBy::Currency => r.currency.clone(),
        };
        let chain_id = r.network.parse::<u64>().ok();
        let test = rates::test_network(&r.chain, &r.network);
        let a = asset_of(&tokens, chain_id, &r.currency);
        let amount: i128 = txs::stored(&r.amount_units, "transaction amount")?;
        // A reverted EVM transaction moved nothing; its fee was paid.
        let amount = if r.status == "failed" { 0 } else { amount };
        let fee: i128 = r
            .fee_units
            .as_deref()
            .map(|f| txs::stored(f, "transaction fee"))
            .transpose()?
            .unwrap_or(0);
        // A Bitcoin amount is the net effect, our fee included; an EVM amount is not.
        let coin = if r.chain == "btc" { "BTC" } else { "ETH" };
        let gross = if r.chain == "btc" {
            amount + fee
        } else {
            amount
        };
        let acc = groups
            .entry((key.clone(), r.currency.clone()))
            .or_insert_with(|| Acc {
                decimals: a.decimals,
                fixed: a.fixed,
                ..Acc::default()
            });
        acc.count += 1;
        let (received, sent) = if gross >= 0 { (gross, 0) } else { (0, -gross) };
        acc.received += received;
        acc.sent += sent;
        let value = |units: i128, decimals: u32, currency: &str| -> Result<Option<i128>> {
            if units == 0 {
                return Ok(Some(0));
            }
            value_cents(currency, units.unsigned_abs(), decimals, r.time_s, test)
        };
        let rv = value(received, a.decimals, &r.currency)?;
        let sv = value(sent, a.decimals, &r.currency)?;
        match (rv, sv) {
            (Some(x), Some(y)) => {
                acc.cents[0] += x;
                acc.cents[1] += y;
            }
            _ => acc.unvalued += 1,
        }
        if fee > 0 {
            let coin_decimals = if coin == "BTC" { 8 } else { 18 };
            let fv = value(fee, coin_decimals, coin)?;
            let fee_acc = if r.currency == coin {
                acc
            } else {
                groups
                    .entry((key, coin.to_string()))
                    .or_insert_with(|| Acc {
                        decimals: coin_decimals,
                        fixed: coin == "BTC",
                        ..Acc::default()
                    })
            };
            fee_acc.fees += fee;
            match fv {
                Some(x) => fee_acc.cents[2] += x,
                None => fee_acc.unvalued += 1,
            }
        }
        Ok(())
    })?;
    Ok(Summary {
        by: args.by.name().into(),
        fiat_currency: fiat,
        groups: groups
            .into_iter()
            .map(|((key, currency), a)| Group {
                key,
                currency,
                count: a.count,
                received: units_str(a.received, a.decimals, a.fixed),
                sent: units_str(a.sent, a.decimals, a.fixed),
                fees: units_str(a.fees, a.decimals, a.fixed),
                net: units_str(a.received - a.sent - a.fees, a.decimals, a.fixed),
                fiat: GroupFiat {
                    received: cents_str(a.cents[0]),
                    sent: cents_str(a.cents[1]),
                    fees: cents_str(a.cents[2]),
                    net: cents_str(a.cents[0] - a.cents[1] - a.cents[2]),
                    unvalued: a.unvalued,
                },
            })
            .collect(),
    })
}

/// Runs `coffer history` (a page).
pub fn list(ctx: &Ctx, args: Box<HistoryArgs>) -> Result<Page> {
    if !(1..=1000).contains(&args.limit) {
        return Err(Error::invalid("limit", "must be between 1 and 1000"));
    }
    let conn = ctx.unlock()?.vault.read()?;
    let tokens = backends::tokens(&conn, None)?;
    let (mut cond, mut params) = conditions(&conn, &args.filter, &tokens)?;
    // The query's identity, for its cursors: filters and direction.
    let query = format!("{:?}|{}", args.filter, args.reverse);
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
            &if args.filter.wallet.is_some() {
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
    let (cmp, order) = if args.reverse {
        (">", "ASC")
    } else {
        ("<", "DESC")
    };
    if let Some(c) = &args.cursor {
        let (t, i) = parse_cursor(&query, c)?;
        params.push(Box::new(t));
        let ti = params.len();
        params.push(Box::new(i));
        cond.push(format!(
            "(t.time_ms, t.id) {cmp} (?{ti}, ?{})",
            params.len()
        ));
    }
    params.push(Box::new(i64::from(args.limit) + 1));
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
    let next_cursor = if items.len() > args.limit as usize {
        items.truncate(args.limit as usize);
        let (t, i) = keys[args.limit as usize - 1];
        Some(cursor_for(&query, t, i))
    } else {
        None
    };
    Ok(Page {
        items,
        total,
        next_cursor,
        synced: crate::vault::txs::sync_points(&conn, args.filter.wallet.as_deref(), clock::now())?,
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
    pub at_time: coffer_core::valuation::Valuation,
    /// Now.
    pub now: coffer_core::valuation::Valuation,
}

impl Report for Detail {
    fn human(&self, out: &mut Human) {
        let r = &self.row;
        out.kv("ID", r.id.to_string());
        out.kv("Transaction", &r.txid);
        out.kv("Time", &r.time);
        out.kv("Wallet", &r.wallet);
        out.kv("Type", &r.kind);
        out.kv("Amount", format!("{} {}", r.amount, r.currency));
        if let Some(f) = &r.fee {
            out.kv(
                "Fee",
                format!(
                    "{f}{}",
                    self.fee_rate
                        .as_deref()
                        .map(|x| format!(
                            " ({x} {})",
                            if r.chain == "btc" {
                                "sat/vB"
                            } else {
                                "gwei/gas"
                            }
                        ))
                        .unwrap_or_default()
                ),
            );
        }
        out.kv("Status", &r.status);
        for (k, v) in [
            ("Value then", &self.fiat.at_time),
            ("Value now", &self.fiat.now),
        ] {
            out.kv(
                k,
                match (&v.value, &v.missing) {
                    (Some(x), _) => format!("{x} {} ({})", v.currency, v.rates_text()),
                    (None, m) => m.clone().unwrap_or_default(),
                },
            );
        }
        if let Some(h) = r.height {
            out.kv(
                "Block",
                format!(
                    "{h}{}",
                    r.confirmations
                        .map(|c| format!(" ({c} confirmations)"))
                        .unwrap_or_default()
                ),
            );
        }
        if let Some(v) = self.vsize {
            out.kv("Size", format!("{v} vB"));
        }
        for (k, v) in [
            ("Replaces", &self.replaces),
            ("Replaced by", &self.replaced_by),
            ("Label", &r.label),
            ("Category", &r.category),
            ("Note", &r.note),
        ] {
            if let Some(v) = v {
                out.kv(k, v);
            }
        }
        for (what, list) in [("In", &self.inputs), ("Out", &self.outputs)] {
            for io in list {
                out.kv(
                    what,
                    format!(
                        "{} {}{}",
                        io.amount.as_deref().unwrap_or("?"),
                        io.address
                            .as_deref()
                            .or(io.outpoint.as_deref())
                            .unwrap_or("-"),
                        if io.ours { "  (ours)" } else { "" }
                    ),
                );
            }
        }
    }
}

/// The value of a row's amount in `fiat` at `time` (no value on test networks).
fn valuation(
    conn: &Connection,
    row: &Row,
    tokens: &[backends::Token],
    fiat: &str,
    time: i64,
) -> Result<coffer_core::valuation::Valuation> {
    use coffer_core::valuation as rates;
    let chain_id = row.network.parse::<u64>().ok();
    let test = rates::test_network(&row.chain, &row.network);
    let a = asset_of(tokens, chain_id, &row.currency);
    let units: u128 = txs::stored(
        row.amount_units.trim_start_matches('-'),
        "transaction amount",
    )?;
    rates::value(conn, &row.currency, units, a.decimals, fiat, time, test)
}

/// The fiat values of a row's amount, then and now.
fn fiat_of(conn: &Connection, row: &Row, tokens: &[backends::Token]) -> Result<Fiat> {
    let fiat = coffer_core::valuation::preferred(conn)?;
    Ok(Fiat {
        at_time: valuation(conn, row, tokens, &fiat, row.time_s)?,
        now: valuation(conn, row, tokens, &fiat, clock::now())?,
    })
}

/// Runs `coffer history show`.
pub fn show(ctx: &Ctx, id: &str) -> Result<Detail> {
    // With the engine: inputs, outputs and sizes come from the raw transaction.
    detail(&ctx.unlock()?.vault.read_full()?, id)
}

/// The details of the history row `id`, from a vault with its engine attached.
fn detail(conn: &Connection, id: &str) -> Result<Detail> {
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
        fiat: fiat_of(conn, &row, &tokens)?,
        row,
    };
    if d.row.chain == "btc" {
        let w = wallets::get(conn, &d.row.wallet)?;
        let account = w.account_for(Some(crate::chain::Chain::Btc))?;
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

/// Runs `history label|categorize|note`.
pub fn annotate(ctx: &Ctx, cmd: HistoryCmd) -> Result<Detail> {
    let (id, column, text) = match &cmd {
        HistoryCmd::Label { id, text } => (id, "label", text),
        HistoryCmd::Categorize { id, category } => (id, "category", category),
        HistoryCmd::Note { id, text } => (id, "note", text),
        HistoryCmd::Show { id } => return show(ctx, id),
        HistoryCmd::Export(_) | HistoryCmd::Summary(_) => {
            return Err(Error::Usage("history export is not an annotation".into()));
        }
    };
    let unlocked = ctx.unlock()?;
    let value = Some(text.trim()).filter(|t| !t.is_empty());
    // The engine attached (the details need it), so the answer is read in the write's
    // transaction: one decryption of each file.
    unlocked.vault.write(|conn| {
        let tokens = backends::tokens(conn, None)?;
        let row = find(conn, id, &tokens)?;
        conn.execute(
            &format!("UPDATE transactions SET {column} = ?2 WHERE id = ?1"),
            rusqlite::params![row.id, value],
        )
        .context("annotating transaction")?;
        detail(conn, id)
    })
}
