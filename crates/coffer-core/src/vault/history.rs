//! The history repository: the transactions table read back as history rows (with
//! their wallet, account and the tip each account last saw), filtered by a [`TxFilter`]
//! and paged by (time, id) keys; one row by ID or transaction id; its replacement links
//! and raw bytes; its label, category and note. The history service (`crate::history`)
//! parses the user's filters and cursors into these and shapes the output.

use crate::chain::asset::{Amount, Asset, NetworkId};
use crate::chain::{Chain, Network};
use crate::clock;
use crate::error::Result;
use crate::vault::{backends, txs};
use anyhow::Context as _;
use rusqlite::{Connection, OptionalExtension as _, ToSql};
use serde::Serialize;

/// What an amount bound is counted in: bitcoin (on any network), ether (on any EVM
/// chain) or one token on its chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyAsset {
    /// Bitcoin rows.
    Bitcoin,
    /// Ether rows.
    Ether,
    /// One token's rows.
    Token {
        /// Its EVM chain id.
        chain_id: u64,
        /// Its symbol (as its rows are stored).
        symbol: String,
        /// Its decimals.
        decimals: u8,
    },
}

impl KeyAsset {
    /// The stored word of its rows' asset.
    fn stored(&self) -> &str {
        match self {
            KeyAsset::Bitcoin => "BTC",
            KeyAsset::Ether => "ETH",
            KeyAsset::Token { symbol, .. } => symbol,
        }
    }

    /// Decimals of its smallest unit.
    pub fn decimals(&self) -> u32 {
        match self {
            KeyAsset::Bitcoin => 8,
            KeyAsset::Ether => 18,
            KeyAsset::Token { decimals, .. } => u32::from(*decimals),
        }
    }
}

/// One amount bound for one asset: rows of `asset` whose sortable amount key (see the
/// schema's `amount_key`) compares with `key`.
#[derive(Debug, Clone)]
pub struct AmountKey {
    /// What the bound counts.
    pub asset: KeyAsset,
    /// The sortable key of the bound in the asset's smallest unit.
    pub key: String,
}

/// The filters of a history query, parsed: each is ANDed with the others.
#[derive(Debug, Clone, Default)]
pub struct TxFilter {
    /// Only this wallet (by name).
    pub wallet: Option<String>,
    /// Only this currency (case-insensitive).
    pub currency: Option<String>,
    /// Only this direction, as stored.
    pub direction: Option<&'static str>,
    /// Only this status, as stored.
    pub status: Option<&'static str>,
    /// From this time (Unix milliseconds).
    pub since_ms: Option<i64>,
    /// Until this time (Unix milliseconds, exclusive).
    pub until_ms: Option<i64>,
    /// Only labels containing this text (case-insensitive).
    pub label: Option<String>,
    /// Only this category.
    pub category: Option<String>,
    /// Only amounts of at least one of these (an empty list matches nothing).
    pub min: Option<Vec<AmountKey>>,
    /// Only amounts of at most one of these (an empty list matches nothing).
    pub max: Option<Vec<AmountKey>>,
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
    pub chain: Chain,
    /// Bitcoin network or EVM chain id (shown as text).
    pub network: NetworkId,
    /// The asset of `amount`, resolved once from the stored columns (`currency` in
    /// JSON: `BTC`, `ETH` or a token's symbol).
    #[serde(rename = "currency", serialize_with = "crate::chain::asset::symbol")]
    pub asset: Asset,
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

/// When a row happened (ms): the stored generated column `time_ms`, which the time index
/// keys.
const TIME: &str = "t.time_ms";

/// The same value as an expression, for the queries that the labelled and the
/// categorized indexes answer (migration 17): SQLite takes a query that names a
/// generated column to use every column of the table, so only a query naming the
/// expression, which those indexes key, can read them alone.
const TIME_EXPR: &str = "coalesce(t.block_time * 1000, t.created_at)";

/// The time a query for `f` names: [`TIME_EXPR`] when a label or category filter picks
/// the rows (its index holds them, with every column a page shows), else [`TIME`].
fn time_of(f: &TxFilter) -> &'static str {
    if by_label_or_category(f) {
        TIME_EXPR
    } else {
        TIME
    }
}

/// Whether a label (non-empty text) or a category filter picks `f`'s rows: the few
/// rows of the labelled or categorized index, not the table.
fn by_label_or_category(f: &TxFilter) -> bool {
    f.label.as_ref().is_some_and(|l| !l.is_empty()) || f.category.is_some()
}

/// [`txs::ANY_ACCOUNT_TXID`] for the transactions table named `t`.
const T_ANY_ACCOUNT_TXID: &str = "t.account_id IN (SELECT id FROM accounts) AND t.txid = ?1";

/// A page's row ([`row`]), with `time` ([`time_of`]) as column 1.
fn select(time: &str) -> String {
    format!("SELECT t.id, {time},{SELECT_REST}")
}

const SELECT_REST: &str = " w.name, c.chain, c.network, t.chain_id, t.asset,
        t.direction, t.amount, CASE WHEN t.direction = 'receive' THEN NULL ELSE t.fee END,
        t.status, t.height, t.counterparty, t.label, t.category,
        t.note, t.txid, coalesce(b.tip_height, e.tip_height), t.address
    FROM transactions t
    JOIN accounts c ON c.id = t.account_id
    JOIN wallets w ON w.id = c.wallet_id
    LEFT JOIN balances b ON b.account_id = t.account_id
    LEFT JOIN eth_sync e ON e.account_id = t.account_id AND e.chain_id = t.chain_id";

/// [`select`] for a walk over many rows: the transactions table alone. Columns 2 to 4
/// (wallet, chain, network) are null and column 17 is the account's id: [`Accounts`]
/// answers them from memory, instead of two joins and two lookups a row.
fn select_walk(time: &str) -> String {
    format!("SELECT t.id, {time},{SELECT_WALK_REST}")
}

const SELECT_WALK_REST: &str = " NULL, NULL, NULL, t.chain_id,
        t.asset, t.direction, t.amount,
        CASE WHEN t.direction = 'receive' THEN NULL ELSE t.fee END,
        t.status, t.height, t.counterparty, t.label, t.category,
        t.note, t.txid, t.account_id, t.address
    FROM transactions t";

/// What a row takes from its account: the wallet's name, the chain and network as
/// stored, and the tip the account last saw.
#[derive(Clone, Copy)]
struct AccountOf<'a> {
    wallet: &'a str,
    chain: &'a str,
    network: Option<&'a str>,
    tip: Option<u32>,
}

impl<'a> AccountOf<'a> {
    /// The account columns of a [`select`] row.
    fn joined(r: &'a rusqlite::Row<'_>) -> rusqlite::Result<AccountOf<'a>> {
        Ok(AccountOf {
            wallet: r.get_ref(2)?.as_str()?,
            chain: r.get_ref(3)?.as_str()?,
            network: r.get_ref(4)?.as_str_or_null()?,
            tip: r.get(17)?,
        })
    }
}

/// Every account's wallet name, chain and network, and the chain tips [`select`]
/// joins (a Bitcoin account's in `balances`, else the EVM chain's of the account in
/// `eth_sync`), read once for a walk over many rows.
struct Accounts {
    accounts: std::collections::HashMap<i64, (String, String, Option<String>, Option<u32>)>,
    evm: std::collections::HashMap<(i64, i64), u32>,
}

impl Accounts {
    fn read(conn: &Connection) -> Result<Accounts> {
        let accounts = conn
            .prepare(
                "SELECT c.id, w.name, c.chain, c.network, b.tip_height FROM accounts c
                 JOIN wallets w ON w.id = c.wallet_id
                 LEFT JOIN balances b ON b.account_id = c.id",
            )
            .and_then(|mut s| {
                s.query_map([], |r| {
                    Ok((r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
                })?
                .collect::<rusqlite::Result<_>>()
            })
            .context("reading the accounts")?;
        let evm = conn
            .prepare(
                "SELECT account_id, chain_id, tip_height FROM eth_sync
                 WHERE tip_height IS NOT NULL",
            )
            .and_then(|mut s| {
                s.query_map([], |r| Ok(((r.get(0)?, r.get(1)?), r.get(2)?)))?
                    .collect::<rusqlite::Result<_>>()
            })
            .context("reading chain tips")?;
        Ok(Accounts { accounts, evm })
    }

    /// The account of a [`select_walk`] row.
    fn of(&self, r: &rusqlite::Row<'_>) -> Result<AccountOf<'_>> {
        let account: i64 = r.get(17).context("reading history")?;
        let chain_id: Option<i64> = r.get(5).context("reading history")?;
        let (wallet, chain, network, tip) = self.accounts.get(&account).ok_or_else(|| {
            anyhow::anyhow!("a history row names account {account}, which does not exist")
        })?;
        Ok(AccountOf {
            wallet,
            chain,
            network: network.as_deref(),
            tip: tip.or_else(|| chain_id.and_then(|c| self.evm.get(&(account, c)).copied())),
        })
    }
}

/// A history row. Fees are ours only: a receive never has one (the sender paid it).
/// The asset and the amounts are decoded strictly: a stored value that does not decode
/// is damage. A token no longer in the list shows with 18 decimals.
fn row(r: &rusqlite::Row<'_>, tokens: &[backends::Token]) -> Result<Row> {
    let account = AccountOf::joined(r).context("reading history")?;
    row_of(r, account, tokens)
}

/// [`row`] of a row whose account is `account` (columns 2 to 4 and 17 aside).
fn row_of(
    r: &rusqlite::Row<'_>,
    account: AccountOf<'_>,
    tokens: &[backends::Token],
) -> Result<Row> {
    let (mut row, asset, chain_id) = raw_row(r, account).context("reading history")?;
    row.chain = Chain::stored(account.chain)?;
    let network = match row.chain {
        Chain::Btc => Some(Network::stored(account.network.unwrap_or_default())?),
        Chain::Eth => {
            row.txid.insert_str(0, "0x");
            None
        }
    };
    row.network = NetworkId::stored(row.chain, network, chain_id)?;
    row.asset = match Asset::resolve(tokens, row.chain, network, chain_id, asset)? {
        Some(a) => a,
        None => Asset::unlisted(chain_id.unwrap_or_default(), asset, 18),
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

/// A history row with its chain, network, asset and amounts still undecoded, its
/// stored asset and its EVM chain id.
type RawRow<'r> = (Row, &'r str, Option<u64>);

/// Reads a [`RawRow`] of a row whose account is `account`.
fn raw_row<'r>(r: &'r rusqlite::Row<'_>, account: AccountOf<'_>) -> rusqlite::Result<RawRow<'r>> {
    let chain_id: Option<i64> = r.get(5)?;
    let asset = r.get_ref(6)?.as_str()?;
    let amount_units: String = r.get(8)?;
    let fee_units: Option<String> = r.get(9)?;
    let height: Option<u32> = r.get(11)?;
    let txid_bytes = r.get_ref(16)?.as_blob()?;
    // Through a buffer: `hex::encode` collects chars one by one (5 % of an export).
    let mut hex_txid = vec![0; txid_bytes.len() * 2];
    let txid = hex::encode_to_slice(txid_bytes, &mut hex_txid)
        .ok()
        .and_then(|()| String::from_utf8(hex_txid).ok())
        .unwrap_or_default();
    let time_s = r.get::<_, i64>(1)? / 1000;
    let row = Row {
        id: r.get(0)?,
        time_s,
        asset: Asset::Ether { chain_id: 0 },
        time: clock::rfc3339(time_s),
        wallet: account.wallet.to_string(),
        network: NetworkId::Evm(0),
        chain: Chain::Btc,
        kind: r.get(7)?,
        amount: String::new(),
        amount_units,
        fee: None,
        fee_units,
        status: r.get(10)?,
        confirmations: match (height, account.tip) {
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
    Ok((row, asset, chain_id.map(|c| c as u64)))
}

/// SQL conditions (joined with AND) and their numbered parameters.
type Conditions = (Vec<String>, Vec<Box<dyn ToSql>>);

/// A query and its parameters.
type Query = (String, Vec<Box<dyn ToSql>>);

/// The WHERE conditions and parameters of the filters.
fn conditions(f: &TxFilter) -> Conditions {
    let time = time_of(f);
    let mut sql: Vec<String> = vec![];
    let mut params: Vec<Box<dyn ToSql>> = vec![];
    let mut push = |cond: &str, p: Box<dyn ToSql>, sql: &mut Vec<String>| {
        params.push(p);
        sql.push(cond.replace('?', &format!("?{}", params.len())));
    };
    if let Some(w) = &f.wallet {
        // A subquery, not a join: a walk over many rows and a count read the
        // transactions table alone. Beside a label or category, the `+` keeps SQLite
        // from reading every row of the wallet by account: the few rows of the
        // label's or category's index are fewer.
        let plus = if time == TIME { "" } else { "+" };
        push(
            &format!(
                "{plus}t.account_id IN (SELECT c.id FROM accounts c
                JOIN wallets w ON w.id = c.wallet_id WHERE w.name = ?)"
            ),
            Box::new(w.clone()),
            &mut sql,
        );
    }
    if let Some(c) = &f.currency {
        push("upper(t.asset) = upper(?)", Box::new(c.clone()), &mut sql);
    }
    if let Some(k) = f.direction {
        push("t.direction = ?", Box::new(k.to_string()), &mut sql);
    }
    if let Some(s) = f.status {
        push("t.status = ?", Box::new(s.to_string()), &mut sql);
    }
    if let Some(t) = f.since_ms {
        push(&format!("{time} >= ?"), Box::new(t), &mut sql);
    }
    if let Some(t) = f.until_ms {
        push(&format!("{time} < ?"), Box::new(t), &mut sql);
    }
    if let Some(l) = &f.label {
        // Non-empty text matches labelled rows only: said so, the labelled index
        // answers (an empty text matches every row).
        let cond = if l.is_empty() {
            "instr(lower(coalesce(t.label, '')), lower(?)) > 0"
        } else {
            "t.label IS NOT NULL AND instr(lower(t.label), lower(?)) > 0"
        };
        push(cond, Box::new(l.clone()), &mut sql);
    }
    if let Some(c) = &f.category {
        push("t.category = ?", Box::new(c.clone()), &mut sql);
    }
    // Amount bounds are decimals of each row's own currency: one exact comparison of
    // the sortable amount key per currency.
    for (bound, op) in [(&f.min, ">="), (&f.max, "<=")] {
        let Some(keys) = bound else { continue };
        let mut any = vec![];
        for k in keys {
            params.push(Box::new(k.asset.stored().to_string()));
            let sym_i = params.len();
            params.push(Box::new(k.key.clone()));
            let key_i = params.len();
            let chain = match k.asset {
                KeyAsset::Token { chain_id, .. } => {
                    params.push(Box::new(chain_id as i64));
                    format!(" AND t.chain_id = ?{}", params.len())
                }
                KeyAsset::Bitcoin | KeyAsset::Ether => String::new(),
            };
            any.push(format!(
                "(t.asset = ?{sym_i}{chain} AND t.amount_key {op} ?{key_i})"
            ));
        }
        if any.is_empty() {
            sql.push("0".into());
        } else {
            sql.push(format!("({})", any.join(" OR ")));
        }
    }
    (sql, params)
}

fn where_of(cond: &[String]) -> String {
    if cond.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", cond.join(" AND "))
    }
}

/// Every row matching `filter`, in time order (newest first unless `reverse`), handed to
/// `each` one at a time, those that `rows` selects. Returns how many.
pub fn for_each(
    conn: &Connection,
    filter: &TxFilter,
    reverse: bool,
    rows: Rows,
    tokens: &[backends::Token],
    mut each: impl FnMut(Row) -> Result<()>,
) -> Result<u64> {
    let (mut cond, params) = conditions(filter);
    cond.extend(rows_condition(rows));
    let order = if reverse { "ASC" } else { "DESC" };
    let where_all = where_of(&cond);
    let time = time_of(filter);
    let sql = format!(
        "{}{where_all} ORDER BY {time} {order}, t.id {order}",
        select_walk(time)
    );
    let refs: Vec<&dyn ToSql> = params.iter().map(|p| p.as_ref()).collect();
    let accounts = Accounts::read(conn)?;
    let mut stmt = conn.prepare(&sql).context("preparing history")?;
    let mut rows = stmt.query(refs.as_slice()).context("reading history")?;
    let mut n = 0;
    while let Some(r) = rows.next().context("reading history")? {
        each(row_of(r, accounts.of(r)?, tokens)?)?;
        n += 1;
    }
    Ok(n)
}

/// The condition of the rows that `rows` selects, if any.
fn rows_condition(rows: Rows) -> Option<String> {
    let list: Vec<String> = txs::COUNTED.iter().map(|s| format!("'{s}'")).collect();
    let counted = format!("t.status IN ({})", list.join(", "));
    match rows {
        Rows::All => None,
        Rows::Counted => Some(counted),
        Rows::CountedAndReverted => Some(format!(
            "({counted} OR (t.status = 'failed' AND t.chain_id IS NOT NULL))"
        )),
    }
}

/// How many rows match `filter`, of those that `rows` selects (what [`for_each`]
/// would hand over, without reading them).
pub fn count(conn: &Connection, filter: &TxFilter, rows: Rows) -> Result<u64> {
    let (sql, params) = count_query(filter, rows);
    let refs: Vec<&dyn ToSql> = params.iter().map(|p| p.as_ref()).collect();
    let total: i64 = conn
        .query_row(&sql, refs.as_slice(), |r| r.get(0))
        .context("counting history")?;
    Ok(total as u64)
}

/// The query [`count`] runs.
fn count_query(filter: &TxFilter, rows: Rows) -> Query {
    let (mut cond, params) = conditions(filter);
    cond.extend(rows_condition(rows));
    let where_all = where_of(&cond);
    // Filtered by wallet, currency, direction and status only (or not at all): summed
    // from the counts the triggers keep (`tx_counts`: one row per account, asset,
    // direction and status), the same columns under the same names, so that the count
    // costs the same at any size. (Reverted EVM rows are told apart by a column the
    // counts do not keep.)
    if rows != Rows::CountedAndReverted
        && filter.since_ms.is_none()
        && filter.until_ms.is_none()
        && filter.label.is_none()
        && filter.category.is_none()
        && filter.min.is_none()
        && filter.max.is_none()
    {
        let sql = format!("SELECT coalesce(sum(t.n), 0) FROM tx_counts t{where_all}");
        return (sql, params);
    }
    // The time index answers a count by time alone, the labelled and categorized ones
    // a count of the few rows they hold. With any other condition, reading the table
    // once is cheaper than looking up each row the index finds (100,000 rows: ~20 ms
    // against ~110 ms when the range holds most of them).
    let by_time_only = cond.iter().all(|c| c.starts_with(TIME));
    let from = if by_time_only || by_label_or_category(filter) {
        "transactions t"
    } else {
        "transactions t NOT INDEXED"
    };
    let sql = format!("SELECT count(*) FROM {from}{where_all}");
    (sql, params)
}

/// At most `limit` rows matching `filter` (newest first unless `reverse`), after the
/// row whose (time in ms, id) is `after`, each with its (time in ms, id) key.
pub fn page(
    conn: &Connection,
    filter: &TxFilter,
    limit: i64,
    after: Option<(i64, i64)>,
    reverse: bool,
    tokens: &[backends::Token],
) -> Result<Vec<((i64, i64), Row)>> {
    let (sql, params) = page_query(filter, limit, after, reverse);
    let refs: Vec<&dyn ToSql> = params.iter().map(|p| p.as_ref()).collect();
    let mut stmt = conn.prepare(&sql).context("preparing history")?;
    let mut items = vec![];
    let mut rows = stmt.query(refs.as_slice()).context("reading history")?;
    while let Some(r) = rows.next().context("reading history")? {
        let key = (r.get::<_, i64>(1), r.get::<_, i64>(0));
        let key = (
            key.0.context("reading history")?,
            key.1.context("reading history")?,
        );
        items.push((key, row(r, tokens)?));
    }
    Ok(items)
}

/// The query [`page`] runs.
fn page_query(filter: &TxFilter, limit: i64, after: Option<(i64, i64)>, reverse: bool) -> Query {
    let (mut cond, mut params) = conditions(filter);
    let time = time_of(filter);
    let (cmp, order) = if reverse { (">", "ASC") } else { ("<", "DESC") };
    if let Some((t, i)) = after {
        params.push(Box::new(t));
        let ti = params.len();
        params.push(Box::new(i));
        let ii = params.len();
        cond.push(if time == TIME {
            format!("({time}, t.id) {cmp} (?{ti}, ?{ii})")
        } else {
            // Spelled out: SQLite starts at a cursor in an index keyed by an expression
            // only for a comparison of the expression alone, not for a row value.
            format!("{time} {cmp}= ?{ti} AND ({time} {cmp} ?{ti} OR t.id {cmp} ?{ii})")
        });
    }
    params.push(Box::new(limit));
    let limit_i = params.len();
    let where_page = where_of(&cond);
    let sql = format!(
        "{}{where_page} ORDER BY {time} {order}, t.id {order} LIMIT ?{limit_i}",
        select(time)
    );
    (sql, params)
}

/// The history row named by an ID or a transaction id, if there is one.
pub fn find(conn: &Connection, id: &str, tokens: &[backends::Token]) -> Result<Option<Row>> {
    let id = id.trim();
    let (sql, key) = find_query(id);
    let Some(key) = key else {
        return Ok(None);
    };
    let mut stmt = conn.prepare(&sql).context("reading history")?;
    let mut rows = stmt.query([key]).context("reading history")?;
    match rows.next().context("reading history")? {
        Some(r) => Ok(Some(row(r, tokens)?)),
        None => Ok(None),
    }
}

/// The query [`find`] runs and its key: an ID, or the transaction id's bytes (looked up
/// in `UNIQUE (account_id, txid)`, [`T_ANY_ACCOUNT_TXID`]); `None` for text that is
/// neither (no row has it).
fn find_query(id: &str) -> (String, Option<rusqlite::types::Value>) {
    use rusqlite::types::Value;
    if id.chars().all(|c| c.is_ascii_digit()) && id.len() < 19 {
        let key = id.parse::<i64>().ok().map(Value::Integer);
        (format!("{} WHERE t.id = ?1", select(TIME)), key)
    } else {
        let key = hex::decode(id.trim_start_matches("0x"))
            .ok()
            .map(Value::Blob);
        (
            format!("{} WHERE {}", select(TIME), T_ANY_ACCOUNT_TXID),
            key,
        )
    }
}

/// A row's links and raw bytes: the transaction it replaces, the one that replaced it,
/// and the raw transaction when stored.
pub type Links = (Option<String>, Option<String>, Option<Vec<u8>>);

/// The [`Links`] of the history row `id`.
pub fn links(conn: &Connection, id: i64) -> Result<Links> {
    Ok(conn
        .query_row(
            "SELECT replaces, replaced_by, raw FROM transactions WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .context("reading history")?)
}

/// What [`annotate`] sets.
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

/// Sets (or, with `None`, clears) the label, category or note of the history row `id`.
pub fn annotate(conn: &Connection, id: i64, what: Annotation, value: Option<&str>) -> Result<()> {
    conn.execute(
        &format!(
            "UPDATE transactions SET {} = ?2 WHERE id = ?1",
            what.column()
        ),
        rusqlite::params![id, value],
    )
    .context("annotating transaction")?;
    Ok(())
}

/// Which rows [`for_each`] hands over (besides the filters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rows {
    /// Every row.
    All,
    /// Transactions that count: that can still confirm (pending or confirmed).
    /// Replaced, failed, abandoned and held ones are history only.
    Counted,
    /// Those, and reverted EVM transactions (`failed`: mined, their fee paid, nothing
    /// moved).
    CountedAndReverted,
}

/// A pending transaction as `coffer status` lists it, undecoded but for its chain and
/// network.
#[derive(Debug, Clone)]
pub struct PendingRow {
    /// The wallet.
    pub wallet: String,
    /// The account's chain.
    pub chain: Chain,
    /// The transaction id as stored.
    pub txid: Vec<u8>,
    /// `send`, `receive` or `self`.
    pub direction: String,
    /// The signed amount, its asset resolved from the stored columns (a token no longer
    /// in the list by its stored word, in its smallest unit).
    pub amount: Amount,
    /// The signed amount in the smallest unit, as stored.
    pub units: String,
    /// When first seen (Unix ms).
    pub time_ms: i64,
}

pub use txs::stored_asset;

/// The pending transactions: how many, and the latest `limit` (newest first), their
/// assets resolved with `tokens`.
pub fn pending(
    conn: &Connection,
    tokens: &[backends::Token],
    limit: i64,
) -> Result<(u64, Vec<PendingRow>)> {
    let count: i64 = conn
        .query_row(
            "SELECT count(*) FROM transactions WHERE status = 'pending'",
            [],
            |r| r.get(0),
        )
        .context("counting pending transactions")?;
    let mut stmt = conn
        .prepare(
            "SELECT w.name, a.chain, t.txid, t.direction, t.asset, t.amount, t.time_ms,
                    t.chain_id, a.network
             FROM transactions t JOIN accounts a ON a.id = t.account_id
                 JOIN wallets w ON w.id = a.wallet_id
             WHERE t.status = 'pending'
             ORDER BY t.time_ms DESC, t.id DESC LIMIT ?1",
        )
        .context("reading pending transactions")?;
    type Stored = (
        String,
        Chain,
        Vec<u8>,
        String,
        String,
        String,
        i64,
        Option<i64>,
    );
    let rows = stmt
        .query_map([limit], |r| {
            let stored: Stored = (
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
            );
            Ok((stored, r.get::<_, Option<Network>>(8)?))
        })
        .context("reading pending transactions")?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(crate::error::row_error(
            "account",
            "reading pending transactions",
        ))?;
    let mut out = Vec::with_capacity(rows.len());
    for ((wallet, chain, txid, direction, asset, units, time_ms, chain_id), network) in rows {
        let asset = stored_asset(tokens, chain, network, chain_id, &asset)?;
        out.push(PendingRow {
            wallet,
            chain,
            txid,
            direction,
            amount: Amount::stored(asset, &units, "amount")?,
            units,
            time_ms,
        });
    }
    Ok((count as u64, out))
}

/// The Bitcoin network of the account holding the transaction stored as `txid`, if
/// one does and has one.
pub fn network_of(
    conn: &Connection,
    txid: &[u8],
    context: &'static str,
) -> Result<Option<Network>> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT c.network FROM transactions t JOIN accounts c ON c.id = t.account_id
                 WHERE {T_ANY_ACCOUNT_TXID}"
            ),
            [txid],
            |r| r.get(0),
        )
        .optional()
        .map_err(crate::error::row_error("account", context))?
        .flatten())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SQLite's plan for `query`, its steps joined.
    fn plan(conn: &Connection, (sql, params): Query) -> String {
        let refs: Vec<&dyn ToSql> = params.iter().map(|p| p.as_ref()).collect();
        let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
        let steps = stmt
            .query_map(refs.as_slice(), |r| r.get::<_, String>(3))
            .unwrap()
            .collect::<rusqlite::Result<Vec<_>>>()
            .unwrap();
        steps.join("; ")
    }

    /// A page or count filtered by label or category walks the index of the few rows
    /// that have one, and `history show <txid>` finds its row by `UNIQUE (account_id,
    /// txid)`: none reads the whole table, so their cost follows the rows they show.
    #[test]
    fn a_filter_by_label_category_or_txid_reads_its_index_not_the_table() {
        let mut conn = crate::vault::schema::memory_connection().unwrap();
        crate::vault::schema::migrate(&mut conn).unwrap();
        let label = TxFilter {
            label: Some("rent".into()),
            ..Default::default()
        };
        let category = TxFilter {
            category: Some("food".into()),
            ..Default::default()
        };
        for (filter, index) in [
            (&label, "transactions_labelled"),
            (&category, "transactions_categorized"),
        ] {
            // With the other filters a page can take too: every column it shows or
            // filters by is in the index (migration 17), so it reads the index alone
            // and starts at its cursor there.
            let narrowed = TxFilter {
                wallet: Some("w".into()),
                currency: Some("btc".into()),
                direction: Some("send"),
                status: Some("confirmed"),
                since_ms: Some(1),
                until_ms: Some(9),
                ..filter.clone()
            };
            for f in [filter, &narrowed] {
                for query in [
                    page_query(f, 51, None, false),
                    count_query(f, Rows::All),
                    count_query(f, Rows::CountedAndReverted),
                ] {
                    let p = plan(&conn, query);
                    assert!(p.contains(&format!("COVERING INDEX {index}")), "{p}");
                    assert!(!p.contains("TEMP B-TREE"), "{p}");
                }
                for reverse in [false, true] {
                    let p = plan(&conn, page_query(f, 51, Some((5, 5)), reverse));
                    assert!(
                        p.contains(&format!("SEARCH t USING COVERING INDEX {index}")),
                        "{p}"
                    );
                    assert!(!p.contains("TEMP B-TREE"), "{p}");
                }
            }
        }
        let (sql, key) = find_query("0xab01");
        assert_eq!(key, Some(rusqlite::types::Value::Blob(vec![0xab, 1])));
        let p = plan(&conn, (sql, vec![Box::new(key)]));
        assert!(
            p.contains("USING INDEX sqlite_autoindex_transactions_1 (account_id=? AND txid=?)"),
            "{p}"
        );
        assert_eq!(find_query("not hex").1, None);
        // An empty label text matches every row (labelled or not): no partial index.
        let empty = TxFilter {
            label: Some(String::new()),
            ..Default::default()
        };
        let p = plan(&conn, count_query(&empty, Rows::All));
        assert!(!p.contains("transactions_labelled"), "{p}");
    }

    /// Pages filtered by label or category (the time as an expression, read from their
    /// index) hold the rows, in the order, that the rows' own columns say: ties in time
    /// broken by id, confirmed and pending rows interleaved, in both directions, and
    /// their counts agree.
    #[test]
    fn pages_by_label_or_category_hold_the_rows_their_columns_say() {
        let (conn, account, _) = crate::vault::engine::tests::vault(0);
        for i in 0..90u32 {
            let mut r = txs::tests::record(account.id, i);
            // Four confirmed rows a second: ties that only the id orders.
            r.height = r.height.map(|_| 100 + i / 4);
            r.block_time = r.block_time.map(|_| 1_760_000_000 + u64::from(i / 4));
            // A pending row's time is when it was first seen: among the blocks' times.
            let seen = 1_760_000_000_000 + i64::from(i) * 300;
            txs::insert_new(&conn, &r, seen).unwrap();
            let label = match i % 3 {
                0 => Some(format!("Rent {i}")),
                1 => Some("other".into()),
                _ => None,
            };
            let category = (i % 4 != 2).then_some(if i % 2 == 0 { "food" } else { "fun" });
            conn.execute(
                "UPDATE transactions SET label = ?1, category = ?2 WHERE txid = ?3",
                rusqlite::params![label, category, hex::decode(&r.txid).unwrap()],
            )
            .unwrap();
        }
        // Each row's id, time (ms), label, category and direction.
        type Facts = (i64, i64, Option<String>, Option<String>, String);
        let all: Vec<Facts> = conn
            .prepare("SELECT id, time_ms, label, category, direction FROM transactions")
            .unwrap()
            .query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let middle = all.iter().map(|r| r.1).sum::<i64>() / all.len() as i64;
        let filters = [
            TxFilter {
                label: Some("rENT".into()),
                ..Default::default()
            },
            TxFilter {
                category: Some("food".into()),
                ..Default::default()
            },
            TxFilter {
                label: Some("e".into()),
                direction: Some("receive"),
                since_ms: Some(middle),
                ..Default::default()
            },
            TxFilter {
                category: Some("fun".into()),
                until_ms: Some(middle),
                ..Default::default()
            },
        ];
        for f in &filters {
            let mut expected: Vec<(i64, i64)> = all
                .iter()
                .filter(|(_, time, label, category, direction)| {
                    f.label.as_ref().is_none_or(|l| {
                        label
                            .as_ref()
                            .is_some_and(|x| x.to_lowercase().contains(&l.to_lowercase()))
                    }) && f
                        .category
                        .as_ref()
                        .is_none_or(|c| category.as_ref() == Some(c))
                        && f.direction.is_none_or(|d| direction == d)
                        && f.since_ms.is_none_or(|s| *time >= s)
                        && f.until_ms.is_none_or(|u| *time < u)
                })
                .map(|r| (r.1, r.0))
                .collect();
            expected.sort_unstable_by(|a, b| b.cmp(a));
            assert!(expected.len() > 8, "{}", expected.len());
            assert_eq!(count(&conn, f, Rows::All).unwrap(), expected.len() as u64);
            for reverse in [false, true] {
                let mut got = vec![];
                let mut after = None;
                loop {
                    let page = page(&conn, f, 4, after, reverse, &[]).unwrap();
                    let Some(last) = page.last() else { break };
                    after = Some(last.0);
                    for (key, row) in &page {
                        assert_eq!(key.1, row.id);
                        got.push(*key);
                    }
                    assert!(got.len() <= expected.len(), "{f:?}: {got:?}");
                }
                let mut want = expected.clone();
                if reverse {
                    want.reverse();
                }
                assert_eq!(got, want, "{f:?} reverse {reverse}");
            }
        }
    }
}
