//! Transactions as coffer records them (history rows), the cached balance of each
//! account, the usage of each address, and the stored bdk_wallet change sets. Read
//! commands (`wallet balance`, `addr list`, `history`) use these indexed tables and never
//! have to rebuild a wallet; every write that changes a wallet refreshes them.

use crate::chain::asset::{self, Amount, Asset};
use crate::chain::{Chain, Network};
use crate::error::{Error, Result};
use anyhow::Context as _;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// The statuses of transactions that count (in balances, totals, exports and limits):
/// those that can still confirm. `replaced`, `failed`, `abandoned` and
/// `awaiting_approval` rows are history only.
pub const COUNTED: [Status; 2] = [Status::Pending, Status::Confirmed];

/// Declares a stored word enum: its words, `Display`, `Serialize` (the word), `ToSql`
/// and `FromSql` (any other stored word does not decode: the vault is damaged).
macro_rules! stored_words {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $v:ident = $w:literal,)* }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($(#[$vm])* $v,)* }

        impl $name {
            /// The word as stored (and shown).
            pub fn name(self) -> &'static str {
                match self { $($name::$v => $w,)* }
            }

            /// The value of a stored word, if it is one.
            pub fn from_name(s: &str) -> Option<$name> {
                match s { $($w => Some($name::$v),)* _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.name())
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
                s.serialize_str(self.name())
            }
        }

        impl rusqlite::types::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(self.name().into())
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(
                v: rusqlite::types::ValueRef<'_>,
            ) -> rusqlite::types::FromSqlResult<Self> {
                $name::from_name(v.as_str()?).ok_or(rusqlite::types::FromSqlError::InvalidType)
            }
        }
    };
}

stored_words! {
    /// Which way a transaction went.
    Direction {
        /// Paid out.
        Send = "send",
        /// Paid in.
        Receive = "receive",
        /// A transfer between our own addresses.
        ToSelf = "self",
    }
}

stored_words! {
    /// A transaction's status.
    Status {
        /// Not confirmed yet.
        Pending = "pending",
        /// In a block.
        Confirmed = "confirmed",
        /// Conflicting with a confirmed one, or reverted (EVM).
        Failed = "failed",
        /// Replaced by a fee bump or cancel.
        Replaced = "replaced",
        /// Given up with `send abandon`.
        Abandoned = "abandoned",
        /// Held by the spending policy (`send confirm`).
        AwaitingApproval = "awaiting_approval",
    }
}

impl Status {
    /// Whether it counts (see [`COUNTED`]).
    pub fn counted(self) -> bool {
        COUNTED.contains(&self)
    }
}

pub use crate::error::damaged;

/// Decodes a stored amount (or other number) strictly: anything else is damage.
pub fn stored<T: std::str::FromStr>(value: &str, what: &str) -> Result<T> {
    value.parse().map_err(|_| damaged(what, value))
}

/// Names the vault directory in a damage report raised where only the database was at
/// hand (its hint points at `vault.age.prev` there).
pub fn in_dir(e: Error, dir: &std::path::Path) -> Error {
    match e {
        Error::VaultDamaged { reason, dir: d } if d.as_os_str().is_empty() => Error::VaultDamaged {
            reason,
            dir: dir.to_path_buf(),
        },
        e => e,
    }
}

/// A transaction id as stored: its 32 bytes (in the order it is written in hex), half
/// the size of the hex text in the table and in its index.
fn key(txid: &str) -> Vec<u8> {
    let t = txid.trim();
    hex::decode(t.strip_prefix("0x").unwrap_or(t)).unwrap_or_else(|_| t.as_bytes().to_vec())
}

/// A stored transaction id as hex text.
fn text(key: &[u8]) -> String {
    hex::encode(key)
}

/// One transaction of one account, as recorded in history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TxRecord {
    /// The account.
    #[serde(skip)]
    pub account_id: i64,
    /// Transaction id (hex).
    pub txid: String,
    /// Bitcoin on the account's network (shown as `BTC`).
    #[serde(serialize_with = "asset::symbol")]
    pub asset: Asset,
    /// `send`, `receive` or `self`.
    pub direction: Direction,
    /// Net effect on the wallet in the smallest unit, signed.
    pub amount: i128,
    /// Fee in the smallest unit, when known (all inputs known).
    pub fee: Option<u64>,
    /// `pending`, `confirmed`, `failed`, `replaced`, `abandoned` or `awaiting_approval`.
    pub status: Status,
    /// Block height when confirmed.
    pub height: Option<u32>,
    /// Block time (Unix seconds) when confirmed.
    pub block_time: Option<u64>,
    /// The other side: the first payee of a send, the first sender of a receive.
    pub counterparty: Option<String>,
    /// Our addresses among the outputs (computed from the transaction, not stored).
    pub our_addresses: Vec<String>,
    /// The addresses the inputs spend from, where they can be derived (computed, not
    /// stored).
    pub from_addresses: Vec<String>,
}

impl TxRecord {
    /// Whether the stored columns of two records are equal.
    fn same_stored(&self, other: &TxRecord) -> bool {
        let strip = |r: &TxRecord| TxRecord {
            our_addresses: vec![],
            from_addresses: vec![],
            ..r.clone()
        };
        strip(self) == strip(other)
    }
}

/// Inserts or updates the chain facts of a transaction; the user's label, category and
/// note and the first-seen time are kept. Returns whether anything changed.
pub fn upsert(conn: &Connection, r: &TxRecord, now_ms: i64) -> Result<bool> {
    if get(conn, r.account_id, &r.txid)?.is_some_and(|known| known.same_stored(r)) {
        return Ok(false);
    }
    insert_new(conn, r, now_ms)?;
    Ok(true)
}

/// The columns a new record fills.
macro_rules! new_columns {
    () => {
        "account_id, txid, asset, direction, amount, fee, status, height, block_time,
         counterparty, created_at"
    };
}

/// Their parameters, in [`execute_new`]'s order.
macro_rules! new_values {
    () => {
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
    };
}

/// What a record already stored takes from a new one.
macro_rules! on_conflict {
    () => {
        "ON CONFLICT (account_id, txid) DO UPDATE SET
             direction = excluded.direction, amount = excluded.amount,
             fee = CASE WHEN excluded.direction = 'receive' THEN NULL
                        ELSE coalesce(excluded.fee, fee) END,
             status = excluded.status,
             height = excluded.height, block_time = excluded.block_time,
             counterparty = excluded.counterparty"
    };
}

/// [`upsert`] of a record the caller knows is not stored yet (it read the account's
/// txids, [`recorded`]): the write without the lookup before it.
pub fn insert_new(conn: &Connection, r: &TxRecord, now_ms: i64) -> Result<()> {
    // Cached statements: a save writes thousands of records through them.
    conn.prepare_cached(concat!(
        "INSERT INTO transactions (",
        new_columns!(),
        ") ",
        new_values!(),
        " ",
        on_conflict!()
    ))
    .context("recording transaction")
    .and_then(|mut stmt| execute_new(&mut stmt, r, now_ms).context("recording transaction"))?;
    Ok(())
}

/// Runs `stmt` (a statement of `new_columns!` and `new_values!`) for `r`.
fn execute_new(
    stmt: &mut rusqlite::Statement<'_>,
    r: &TxRecord,
    now_ms: i64,
) -> rusqlite::Result<usize> {
    stmt.execute(params![
        r.account_id,
        key(&r.txid),
        r.asset.symbol(),
        r.direction,
        r.amount.to_string(),
        r.fee.map(|f| f.to_string()),
        r.status,
        r.height,
        r.block_time.map(|t| t as i64),
        r.counterparty,
        now_ms
    ])
}

/// From this many records on, [`insert_new_all`] goes through the scratch table.
const SCRATCH_FROM: usize = 64;

/// [`insert_new`] of many records, stored in the order given (a first sync's save
/// writes 100,000 of them).
///
/// Each insert into `transactions` is a multi-row write (the count trigger, and the
/// foreign key to its account), so SQLite opens a statement journal for it and copies
/// into it every page the statement changes, the first time it changes it: row by row,
/// a first sync copied a page of the table and of each index for every row, about half
/// of its inserts' time. A batch is written into a scratch table first (no trigger, no
/// key, no index: nothing to journal), then moved by one statement, which copies each
/// page once at most.
pub fn insert_new_all(conn: &Connection, records: &[&TxRecord], now_ms: i64) -> Result<()> {
    if records.len() < SCRATCH_FROM {
        for r in records {
            insert_new(conn, r, now_ms)?;
        }
        return Ok(());
    }
    let error = "recording transactions";
    // A table of this connection alone, never in the vault's file, and in memory
    // (every vault connection sets `temp_store = MEMORY`): no plaintext reaches a disk.
    conn.execute_batch(concat!(
        "CREATE TEMP TABLE IF NOT EXISTS new_transactions (",
        new_columns!(),
        "); DELETE FROM temp.new_transactions;"
    ))
    .context(error)?;
    {
        let mut stmt = conn
            .prepare_cached(concat!(
                "INSERT INTO temp.new_transactions (",
                new_columns!(),
                ") ",
                new_values!()
            ))
            .context(error)?;
        for r in records {
            execute_new(&mut stmt, r, now_ms).context(error)?;
        }
    }
    // `WHERE true`: without it SQLite would read `ON CONFLICT` as the SELECT's join
    // constraint.
    conn.execute_batch(concat!(
        "INSERT INTO main.transactions (",
        new_columns!(),
        ") SELECT ",
        new_columns!(),
        " FROM temp.new_transactions WHERE true ORDER BY rowid ",
        on_conflict!(),
        "; DELETE FROM temp.new_transactions;"
    ))
    .context(error)?;
    Ok(())
}

/// The condition for the rows of `transactions` with the txid `?1`, whatever their
/// account: through `UNIQUE (account_id, txid)`, one look per account (a vault has a
/// few), as there is no index on `txid` alone (schema 18). Without the accounts named,
/// SQLite would read the whole index.
pub(crate) const ANY_ACCOUNT_TXID: &str = "account_id IN (SELECT id FROM accounts) AND txid = ?1";

/// [`get`]'s statements (cached).
pub(crate) const GET_ROW: &str =
    "SELECT asset, direction, amount, fee, status, height, block_time, counterparty
     FROM transactions WHERE account_id = ?1 AND txid = ?2";
pub(crate) const GET_NETWORK: &str = "SELECT network FROM accounts WHERE id = ?1";

/// The recorded transaction `txid` of a Bitcoin account (its address lists empty: they
/// are computed from the transaction, not stored). Its asset is decoded with the
/// account's network: anything but `BTC` on a known network is `vault_damaged`.
pub fn get(conn: &Connection, account_id: i64, txid: &str) -> Result<Option<TxRecord>> {
    type Stored = (
        String,
        Direction,
        String,
        Option<String>,
        Status,
        Option<u32>,
        Option<i64>,
        Option<String>,
    );
    let error = || crate::error::row_error("transaction", "reading transaction");
    // Two lookups, not a join with `accounts`: SQLite propagates `?1` through
    // `a.id = t.account_id`, which makes the join's plan depend on the parameter, so its
    // cached statement expired at each reuse (rusqlite clears the bindings of a
    // statement it caches) and was prepared again: 30-50 µs a lookup instead of 2, half
    // of a 100,000-transaction save.
    let row: Option<Stored> = conn
        .prepare_cached(GET_ROW)
        .map_err(error())?
        .query_row(params![account_id, key(txid)], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
            ))
        })
        .optional()
        .map_err(error())?;
    let Some((asset, direction, amount, fee, status, height, block_time, counterparty)) = row
    else {
        return Ok(None);
    };
    let network: Option<Option<Network>> = conn
        .prepare_cached(GET_NETWORK)
        .map_err(error())?
        .query_row([account_id], |r| r.get(0))
        .optional()
        .map_err(error())?;
    // A row without its account was never found by the join either.
    let Some(network) = network else {
        return Ok(None);
    };
    Ok(Some(TxRecord {
        account_id,
        txid: txid.to_string(),
        asset: Asset::stored_bitcoin(network, &asset)?,
        direction,
        amount: stored(&amount, "transaction amount")?,
        fee: fee.map(|f| stored(&f, "transaction fee")).transpose()?,
        status,
        height,
        block_time: block_time.map(|t| t as u64),
        counterparty,
        our_addresses: vec![],
        from_addresses: vec![],
    }))
}

/// Transaction ids of an account whose status is one of `statuses`.
pub fn txids_with_status(
    conn: &Connection,
    account_id: i64,
    statuses: &[Status],
) -> Result<Vec<String>> {
    Ok(recorded(conn, account_id)?
        .into_iter()
        .filter(|(_, status)| statuses.contains(status))
        .map(|(txid, _)| txid)
        .collect())
}

/// Every recorded transaction id of a Bitcoin account, with its status, as
/// [`recorded`] reads them but as the 32 bytes stored (the id's display order, as
/// `key` makes them): no text for each of them (a one-transaction import at 100,000
/// rows spent 66 ms making and hashing 100,000 strings). A stored id of any other
/// length is damage.
pub fn recorded_keys(conn: &Connection, account_id: i64) -> Result<Vec<([u8; 32], Status)>> {
    recorded_as(conn, account_id, |key| {
        <[u8; 32]>::try_from(key).map_err(|_| {
            rusqlite::Error::InvalidColumnType(0, "txid".into(), rusqlite::types::Type::Blob)
        })
    })
}

/// Every recorded transaction id of an account, with its status. The table is read in
/// order (`+account_id`): by the `(account_id, txid)` index, each row was a lookup of its
/// status in the table, 0.17 s of a one-transaction import at 100,000 rows.
pub fn recorded(conn: &Connection, account_id: i64) -> Result<Vec<(String, Status)>> {
    recorded_as(conn, account_id, |key| Ok(text(key)))
}

/// [`recorded`], each stored id made a `T` by `id`.
fn recorded_as<T>(
    conn: &Connection,
    account_id: i64,
    id: impl Fn(&[u8]) -> rusqlite::Result<T>,
) -> Result<Vec<(T, Status)>> {
    let mut stmt = conn
        .prepare_cached("SELECT txid, status FROM transactions WHERE +account_id = ?1")
        .context("listing transactions")?;
    let rows = stmt
        .query_map([account_id], |r| {
            let key = match r.get_ref(0)? {
                rusqlite::types::ValueRef::Blob(key) => key,
                other => {
                    return Err(rusqlite::Error::InvalidColumnType(
                        0,
                        "txid".into(),
                        other.data_type(),
                    ));
                }
            };
            Ok((id(key)?, r.get::<_, Status>(1)?))
        })
        .context("listing transactions")?;
    let mut out = vec![];
    for row in rows {
        out.push(row.map_err(crate::error::row_error(
            "transaction",
            "listing transactions",
        ))?);
    }
    Ok(out)
}

/// The sends in `asset` (any case) that count (pending or confirmed) recorded since
/// `since_ms`, each transaction once however many of our accounts record it (a seed
/// imported twice, a payment between two of our wallets: the largest amount), as base
/// units. A stored amount that does not decode is damage.
pub fn sends_since(conn: &Connection, asset: &str, since_ms: i64) -> Result<Vec<u128>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT txid, amount FROM transactions
             WHERE upper(asset) = upper(?1) AND direction = 'send'
               AND status IN ('pending', 'confirmed') AND time_ms >= ?2",
        )
        .context("reading history")?;
    let mut per_tx: std::collections::HashMap<Vec<u8>, u128> = Default::default();
    for a in stmt
        .query_map(params![asset, since_ms], |r| {
            Ok((r.get::<_, Vec<u8>>(0)?, r.get::<_, String>(1)?))
        })
        .context("reading history")?
    {
        let (txid, a) = a.context("reading history")?;
        let units: u128 = stored(a.trim_start_matches('-'), "transaction amount")?;
        let seen = per_tx.entry(txid).or_default();
        *seen = (*seen).max(units);
    }
    Ok(per_tx.into_values().collect())
}

/// Whether a send of this vault ever paid `address` (any case).
pub fn paid_before(conn: &Connection, address: &str) -> Result<bool> {
    let paid: Option<i64> = conn
        .query_row(
            "SELECT 1 FROM transactions WHERE direction = 'send'
               AND lower(counterparty) = lower(?1) LIMIT 1",
            [address],
            |r| r.get(0),
        )
        .optional()
        .context("reading history")?;
    Ok(paid.is_some())
}

/// A transaction the vault records as confirmed or pending (not replaced or failed),
/// as [`live`] returns it.
#[derive(Debug, Clone)]
pub struct Live {
    /// Transaction id (hex).
    pub txid: String,
    /// Block height and time, when confirmed.
    pub confirmed: Option<(u32, u64)>,
    /// When coffer first recorded it (Unix milliseconds).
    pub first_seen_ms: i64,
}

/// The transactions of an account that can still count (confirmed or pending):
/// confirmed ones by height, then pending ones in the order they were first seen.
pub fn live(conn: &Connection, account_id: i64) -> Result<Vec<Live>> {
    let mut stmt = conn
        .prepare(
            "SELECT txid, status, height, block_time, created_at FROM transactions
             WHERE account_id = ?1 AND status IN ('confirmed', 'pending')
             ORDER BY status = 'pending', height, created_at, id",
        )
        .context("reading transactions")?;
    let rows = stmt
        .query_map([account_id], |r| {
            let status: Status = r.get(1)?;
            let height: Option<u32> = r.get(2)?;
            let time: Option<i64> = r.get(3)?;
            Ok(Live {
                txid: text(&r.get::<_, Vec<u8>>(0)?),
                confirmed: match (status, height) {
                    (Status::Confirmed, Some(h)) => Some((h, time.unwrap_or(0).max(0) as u64)),
                    _ => None,
                },
                first_seen_ms: r.get(4)?,
            })
        })
        .context("reading transactions")?;
    Ok(rows
        .collect::<rusqlite::Result<_>>()
        .context("reading transactions")?)
}

/// The cached balance of an account, in the smallest unit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Balance {
    /// Confirmed and spendable.
    pub confirmed: u128,
    /// Unconfirmed (incoming, and our own unconfirmed change).
    pub pending: u128,
    /// Coinbase outputs not yet mature.
    pub immature: u128,
    /// The height of the wallet's chain tip (Bitcoin), for confirmations.
    pub tip_height: Option<u32>,
    /// When it was computed (Unix seconds); 0 if never.
    pub updated_at: i64,
}

/// Stores the balance of an account.
pub fn set_balance(conn: &Connection, account_id: i64, b: &Balance) -> Result<()> {
    conn.execute(
        "INSERT INTO balances (account_id, confirmed, pending, immature, tip_height, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (account_id) DO UPDATE SET confirmed = excluded.confirmed,
             pending = excluded.pending, immature = excluded.immature,
             tip_height = excluded.tip_height, updated_at = excluded.updated_at",
        params![
            account_id,
            b.confirmed.to_string(),
            b.pending.to_string(),
            b.immature.to_string(),
            b.tip_height,
            b.updated_at
        ],
    )
    .context("storing balance")?;
    Ok(())
}

/// The cached balance of an account (zero if nothing was ever recorded).
pub fn balance(conn: &Connection, account_id: i64) -> Result<Balance> {
    type Stored = (String, String, String, Option<u32>, i64);
    let row: Option<Stored> = conn
        .query_row(
            "SELECT confirmed, pending, immature, tip_height, updated_at FROM balances
             WHERE account_id = ?1",
            [account_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()
        .context("reading balance")?;
    let Some((confirmed, pending, immature, tip_height, updated_at)) = row else {
        return Ok(Balance::default());
    };
    Ok(Balance {
        confirmed: stored(&confirmed, "balance")?,
        pending: stored(&pending, "balance")?,
        immature: stored(&immature, "balance")?,
        tip_height,
        updated_at,
    })
}

/// Transactions and unspent amount of one address, keyed by (branch, index).
pub type Usage = BTreeMap<(u32, u32), (u32, u128)>;

/// Makes the stored usage of an account's addresses equal `usage` (addresses not in it
/// have none), writing only the rows that change. The stored usage is read in key
/// order beside `usage` (one pass over both, no map of it: at 100,000 addresses the
/// map took a third of this function's 55 ms).
pub fn set_address_usage(conn: &Connection, account_id: i64, usage: &Usage) -> Result<()> {
    // The rows to write: key, transactions and unspent amount.
    let mut changes: Vec<((u32, u32), (u32, u128))> = vec![];
    {
        let mut stmt = conn
            .prepare_cached(
                "SELECT change, idx, tx_count, balance FROM addresses
                 WHERE account_id = ?1 AND (tx_count > 0 OR balance != '0')
                 ORDER BY change, idx",
            )
            .context("reading address usage")?;
        let mut rows = stmt.query([account_id]).context("reading address usage")?;
        let mut wanted = usage.iter().peekable();
        let error = crate::error::row_error("address", "reading address usage");
        while let Some(r) = rows.next().map_err(&error)? {
            let key = (
                r.get::<_, u32>(0).map_err(&error)?,
                r.get::<_, u32>(1).map_err(&error)?,
            );
            let count = r.get::<_, u32>(2).map_err(&error)?;
            let bal = stored(&r.get::<_, String>(3).map_err(&error)?, "address balance")?;
            // Addresses with usage before this stored one: none stored.
            while let Some((&k, &u)) = wanted.next_if(|(k, _)| **k < key) {
                changes.push((k, u));
            }
            match wanted.next_if(|(k, _)| **k == key) {
                Some((_, &u)) if u == (count, bal) => {}
                Some((_, &u)) => changes.push((key, u)),
                // Stored usage the wallet no longer has.
                None => changes.push((key, (0, 0))),
            }
        }
        changes.extend(wanted.map(|(&k, &u)| (k, u)));
    }
    let mut update = conn
        .prepare_cached(
            "UPDATE addresses SET tx_count = ?4, balance = ?5
             WHERE account_id = ?1 AND change = ?2 AND idx = ?3",
        )
        .context("updating address usage")?;
    for ((change, idx), (count, bal)) in changes {
        update
            .execute(params![account_id, change, idx, count, bal.to_string()])
            .context("updating address usage")?;
    }
    Ok(())
}

/// Stores raw transactions (consensus encoding) of an account; known ones are kept.
pub fn add_raw_txs(conn: &Connection, account_id: i64, txs: &[([u8; 32], Vec<u8>)]) -> Result<()> {
    let mut stmt = conn
        .prepare_cached("INSERT OR IGNORE INTO btc_txs (account_id, txid, raw) VALUES (?1, ?2, ?3)")
        .context("storing transactions")?;
    for (txid, raw) in txs {
        stmt.execute(params![account_id, &txid[..], raw])
            .context("storing transactions")?;
    }
    Ok(())
}

/// A floating transaction output of the engine: txid, vout, value in sat, script.
pub type FloatingTxOut = ([u8; 32], u32, u64, Vec<u8>);

/// Stores floating transaction outputs of an account (see [`FloatingTxOut`]); known
/// ones are kept.
pub fn add_txouts(conn: &Connection, account_id: i64, outs: &[FloatingTxOut]) -> Result<()> {
    let mut stmt = conn
        .prepare_cached(
            "INSERT OR IGNORE INTO btc_txouts (account_id, txid, vout, value, script)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )
        .context("storing transaction outputs")?;
    for (txid, vout, value, script) in outs {
        let value = i64::try_from(*value).context("an output value out of range")?;
        stmt.execute(params![account_id, &txid[..], vout, value, script])
            .context("storing transaction outputs")?;
    }
    Ok(())
}

/// The engine_meta key that says an account's floating outputs are all in `btc_txouts`.
fn txouts_key(account_id: i64) -> String {
    format!("txouts:{account_id}")
}

/// Whether every floating output of the account is in `btc_txouts` (set by its first
/// save since migration 14).
pub fn txouts_complete(conn: &Connection, account_id: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM engine.engine_meta WHERE key = ?1")
        .and_then(|mut s| s.query_row([txouts_key(account_id)], |_| Ok(())).optional())
        .context("reading the engine's meta")?
        .is_some())
}

/// Records that every floating output of the account is in `btc_txouts`.
pub fn set_txouts_complete(conn: &Connection, account_id: i64) -> Result<()> {
    conn.execute(
        "INSERT OR REPLACE INTO engine.engine_meta (key, value) VALUES (?1, '1')",
        [txouts_key(account_id)],
    )
    .context("writing the engine's meta")?;
    Ok(())
}

/// One raw transaction of an account (consensus encoding), by txid.
pub fn raw_tx(conn: &Connection, account_id: i64, txid: &[u8; 32]) -> Result<Option<Vec<u8>>> {
    Ok(conn
        .prepare_cached("SELECT raw FROM btc_txs WHERE account_id = ?1 AND txid = ?2")
        .and_then(|mut s| {
            s.query_row(params![account_id, &txid[..]], |r| r.get(0))
                .optional()
        })
        .context("reading a transaction")?)
}

/// One floating output of an account: its value in sat and its script.
pub fn txout(
    conn: &Connection,
    account_id: i64,
    txid: &[u8; 32],
    vout: u32,
) -> Result<Option<(u64, Vec<u8>)>> {
    let row: Option<(i64, Vec<u8>)> = conn
        .prepare_cached(
            "SELECT value, script FROM btc_txouts
             WHERE account_id = ?1 AND txid = ?2 AND vout = ?3",
        )
        .and_then(|mut s| {
            s.query_row(params![account_id, &txid[..], vout], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()
        })
        .context("reading a transaction output")?;
    row.map(|(v, script)| {
        let sat = u64::try_from(v).map_err(|_| damaged("output value", &v.to_string()))?;
        Ok((sat, script))
    })
    .transpose()
}

/// The raw transactions of an account (consensus encoding).
pub fn raw_txs(conn: &Connection, account_id: i64) -> Result<Vec<Vec<u8>>> {
    Ok(raw_txs_with_ids(conn, account_id)?
        .into_iter()
        .map(|(_, raw)| raw)
        .collect())
}

/// The raw transactions of an account with their txids (as stored).
pub fn raw_txs_with_ids(conn: &Connection, account_id: i64) -> Result<Vec<(Vec<u8>, Vec<u8>)>> {
    let mut stmt = conn
        .prepare_cached("SELECT txid, raw FROM btc_txs WHERE account_id = ?1")
        .context("reading transactions")?;
    let rows = stmt
        .query_map([account_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .context("reading transactions")?;
    Ok(rows
        .collect::<rusqlite::Result<_>>()
        .context("reading transactions")?)
}

/// The txids of the raw transactions an account holds.
pub fn raw_txids(conn: &Connection, account_id: i64) -> Result<std::collections::HashSet<Vec<u8>>> {
    let mut stmt = conn
        .prepare_cached("SELECT txid FROM btc_txs WHERE account_id = ?1")
        .context("reading transactions")?;
    let rows = stmt
        .query_map([account_id], |r| r.get(0))
        .context("reading transactions")?;
    Ok(rows
        .collect::<rusqlite::Result<_>>()
        .context("reading transactions")?)
}

/// The stored bdk_wallet change sets of an account, oldest first (CBOR).
pub fn changesets(conn: &Connection, account_id: i64) -> Result<Vec<Vec<u8>>> {
    let mut stmt = conn
        .prepare_cached("SELECT data FROM btc_changesets WHERE account_id = ?1 ORDER BY id")
        .context("reading wallet state")?;
    let rows = stmt
        .query_map([account_id], |r| r.get(0))
        .context("reading wallet state")?;
    Ok(rows
        .collect::<rusqlite::Result<_>>()
        .context("reading wallet state")?)
}

/// Appends a change set; with `replace`, it becomes the only one (a compaction).
pub fn add_changeset(conn: &Connection, account_id: i64, data: &[u8], replace: bool) -> Result<()> {
    if replace {
        conn.execute(
            "DELETE FROM btc_changesets WHERE account_id = ?1",
            [account_id],
        )
        .context("compacting wallet state")?;
    }
    conn.execute(
        "INSERT INTO btc_changesets (account_id, data) VALUES (?1, ?2)",
        params![account_id, data],
    )
    .context("storing wallet state")?;
    Ok(())
}

/// Sets the note of a recorded transaction.
pub fn set_note(conn: &Connection, account_id: i64, txid: &str, note: &str) -> Result<()> {
    conn.execute(
        "UPDATE transactions SET note = ?3 WHERE account_id = ?1 AND txid = ?2",
        params![account_id, key(txid), note],
    )
    .context("storing note")?;
    Ok(())
}

/// Marks `old` as replaced by `new` (and `new` as replacing `old`).
pub fn mark_replaced(conn: &Connection, account_id: i64, old: &str, new: &str) -> Result<()> {
    conn.execute(
        "UPDATE transactions SET status = 'replaced', replaced_by = ?3, height = NULL,
             block_time = NULL
         WHERE account_id = ?1 AND txid = ?2",
        params![account_id, key(old), new],
    )
    .context("marking replaced transaction")?;
    conn.execute(
        "UPDATE transactions SET replaces = ?3, replaced_by = NULL
         WHERE account_id = ?1 AND txid = ?2",
        params![account_id, key(new), old],
    )
    .context("marking replacement")?;
    Ok(())
}

/// Takes back [`mark_replaced`] of `old` by `new` (the backend refused `new`): `old`
/// is pending again, `new` replaces nothing.
pub fn unmark_replaced(conn: &Connection, account_id: i64, old: &str, new: &str) -> Result<()> {
    conn.execute(
        "UPDATE transactions SET status = 'pending', replaced_by = NULL
         WHERE account_id = ?1 AND txid = ?2 AND status = 'replaced' AND replaced_by = ?3",
        params![account_id, key(old), new],
    )
    .context("taking back a replacement")?;
    conn.execute(
        "UPDATE transactions SET replaces = NULL WHERE account_id = ?1 AND txid = ?2",
        params![account_id, key(new)],
    )
    .context("taking back a replacement")?;
    Ok(())
}

/// The replacement links of a transaction: (replaces, replaced_by).
pub fn replacement(
    conn: &Connection,
    account_id: i64,
    txid: &str,
) -> Result<(Option<String>, Option<String>)> {
    Ok(conn
        .query_row(
            "SELECT replaces, replaced_by FROM transactions WHERE account_id = ?1 AND txid = ?2",
            params![account_id, key(txid)],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()
        .context("reading transaction")?
        .unwrap_or((None, None)))
}

/// The accounts whose history holds `txid`.
pub fn accounts_with(conn: &Connection, txid: &str) -> Result<Vec<i64>> {
    let mut stmt = conn
        .prepare_cached(&format!(
            "SELECT account_id FROM transactions WHERE {ANY_ACCOUNT_TXID}"
        ))
        .context("finding transaction")?;
    let rows = stmt
        .query_map([key(txid)], |r| r.get(0))
        .context("finding transaction")?;
    Ok(rows
        .collect::<rusqlite::Result<_>>()
        .context("finding transaction")?)
}

/// A sent EVM transaction to record as pending.
#[derive(Debug, Clone)]
pub struct EthSent<'a> {
    /// The account.
    pub account_id: i64,
    /// Transaction hash (hex, with or without 0x).
    pub hash: &'a str,
    /// Ether or the token (stored as `ETH` or the token's symbol).
    pub asset: &'a Asset,
    /// Amount in base units (positive; recorded as outgoing).
    pub amount: &'a str,
    /// The payee.
    pub counterparty: &'a str,
    /// Our sending address (EIP-55).
    pub address: &'a str,
    /// Whether the payee is one of our own addresses: a self-transfer, recorded with
    /// amount 0 (only the fee leaves the wallet).
    pub self_transfer: bool,
    /// EIP-155 chain id.
    pub chain_id: u64,
    /// The signed raw transaction.
    pub raw: &'a [u8],
}

/// Records a sent EVM transaction as pending (once; a second record changes nothing).
pub fn record_eth_sent(conn: &Connection, s: &EthSent<'_>, now_ms: i64) -> Result<bool> {
    let n = conn
        .execute(
            "INSERT OR IGNORE INTO transactions (account_id, txid, asset, direction, amount,
                 status, counterparty, chain_id, raw, created_at, address)
             VALUES (?1, ?2, ?3, ?10, ?4, 'pending', ?5, ?6, ?7, ?8, ?9)",
            params![
                s.account_id,
                key(s.hash),
                s.asset.symbol(),
                if s.self_transfer {
                    "0".to_string()
                } else {
                    format!("-{}", s.amount.trim_start_matches('-'))
                },
                s.counterparty,
                s.chain_id as i64,
                s.raw,
                now_ms,
                s.address,
                if s.self_transfer {
                    Direction::ToSelf
                } else {
                    Direction::Send
                }
            ],
        )
        .context("recording transaction")?;
    Ok(n > 0)
}

/// Pending EVM transactions of an account on a chain: (hash hex, raw).
pub fn pending_eth(conn: &Connection, account_id: i64, chain_id: u64) -> Result<Vec<String>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT txid FROM transactions
             WHERE account_id = ?1 AND chain_id = ?2 AND status = 'pending'",
        )
        .context("listing pending transactions")?;
    let rows = stmt
        .query_map(params![account_id, chain_id as i64], |r| {
            Ok(text(&r.get::<_, Vec<u8>>(0)?))
        })
        .context("listing pending transactions")?;
    Ok(rows
        .collect::<rusqlite::Result<_>>()
        .context("listing pending transactions")?)
}

/// A mined receipt of one of our EVM transactions.
#[derive(Debug, Clone)]
pub struct EthReceipt {
    /// Transaction hash (hex).
    pub hash: String,
    /// Whether it succeeded.
    pub success: bool,
    /// Block number.
    pub height: u64,
    /// Block time (seconds).
    pub block_time: u64,
    /// Effective fee (wei).
    pub fee: String,
}

/// Applies a receipt: `confirmed` or `failed`, block and its time, and the effective
/// fee (wei).
pub fn set_eth_receipt(conn: &Connection, account_id: i64, r: &EthReceipt) -> Result<()> {
    conn.execute(
        "UPDATE transactions SET status = ?3, height = ?4, fee = ?5, block_time = ?6
         WHERE account_id = ?1 AND txid = ?2",
        params![
            account_id,
            key(&r.hash),
            if r.success {
                Status::Confirmed
            } else {
                Status::Failed
            },
            r.height as i64,
            r.fee,
            r.block_time as i64
        ],
    )
    .context("recording receipt")?;
    Ok(())
}

/// A transfer `wallet sync` found on an EVM chain.
#[derive(Debug, Clone)]
pub struct EthSeen {
    /// Transaction hash (hex).
    pub hash: String,
    /// Ether or the token (stored as `ETH` or the token's symbol).
    pub asset: Asset,
    /// `send`, `receive` or `self`.
    pub direction: String,
    /// Amount in base units, signed from the account's side.
    pub amount: String,
    /// Fee (wei) when the account paid it.
    pub fee: Option<String>,
    /// `confirmed` or `failed`.
    pub status: String,
    /// Block number and time (seconds).
    pub height: u64,
    /// Block time.
    pub block_time: u64,
    /// The other side.
    pub counterparty: String,
    /// Our address that moved (EIP-55; the sender's for a self-transfer).
    pub address: String,
}

/// Records a transfer found on chain: a new history row, or, for a transaction already
/// recorded (our own send), its block, time and outcome. Returns whether it was new.
pub fn record_eth_seen(
    conn: &Connection,
    account_id: i64,
    chain_id: u64,
    s: &EthSeen,
    now_ms: i64,
) -> Result<bool> {
    let h = key(&s.hash);
    let known: bool = conn
        .query_row(
            "SELECT count(*) FROM transactions WHERE account_id = ?1 AND txid = ?2",
            params![account_id, h],
            |r| r.get::<_, i64>(0),
        )
        .context("recording transfer")?
        > 0;
    if known {
        conn.execute(
            "UPDATE transactions SET height = ?3, block_time = ?4,
                 status = CASE WHEN status = 'pending' THEN ?5 ELSE status END,
                 fee = coalesce(fee, ?6), address = coalesce(address, ?7)
             WHERE account_id = ?1 AND txid = ?2",
            params![
                account_id,
                h,
                s.height as i64,
                s.block_time as i64,
                s.status,
                s.fee,
                s.address
            ],
        )
        .context("recording transfer")?;
        return Ok(false);
    }
    conn.execute(
        "INSERT INTO transactions (account_id, txid, asset, direction, amount, fee, status,
             height, block_time, counterparty, chain_id, created_at, address)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        params![
            account_id,
            h,
            s.asset.symbol(),
            s.direction,
            s.amount,
            s.fee,
            s.status,
            s.height as i64,
            s.block_time as i64,
            s.counterparty,
            chain_id as i64,
            now_ms,
            s.address
        ],
    )
    .context("recording transfer")?;
    Ok(true)
}

/// What `wallet sync` read for one watched address of an EVM account: ether (with its
/// nonce) or a token (`asset` is the contract).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EthAddressState {
    /// The chain id.
    pub chain_id: u64,
    /// The address (EIP-55).
    pub address: String,
    /// `ETH` or a token contract address.
    pub asset: String,
    /// Balance in base units (decimal).
    pub balance: String,
    /// Nonce (ether rows).
    pub nonce: Option<u64>,
    /// When it was read (Unix seconds).
    pub synced_at: i64,
}

/// One balance of an EVM address, as `addr list` shows it.
#[derive(Debug, Clone, Serialize)]
pub struct EthAddressBalance {
    /// The chain id.
    pub chain_id: u64,
    /// `ETH` or the token symbol.
    pub currency: String,
    /// Decimal.
    pub balance: String,
    /// The same in base units (wei or token units).
    pub balance_units: String,
    /// The address's nonce (ether rows).
    pub nonce: Option<u64>,
}

/// Stores what a sync read for one address.
pub fn set_eth_address_state(
    conn: &Connection,
    account_id: i64,
    s: &EthAddressState,
) -> Result<()> {
    conn.execute(
        "INSERT INTO eth_address_state (account_id, chain_id, address, asset, balance, nonce,
             synced_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (account_id, chain_id, address, asset) DO UPDATE SET
             balance = excluded.balance, nonce = excluded.nonce,
             synced_at = excluded.synced_at",
        params![
            account_id,
            s.chain_id as i64,
            s.address,
            s.asset,
            s.balance,
            s.nonce.map(|n| n as i64),
            s.synced_at
        ],
    )
    .context("storing an address balance")?;
    Ok(())
}

/// What the last syncs read for each address of an EVM account (by chain, address,
/// ether first): the address and its balance, decoded with `tokens` (a token no longer
/// in the list is left out; a stored asset or balance that does not decode is
/// `vault_damaged`).
pub fn eth_address_balances(
    conn: &Connection,
    account_id: i64,
    tokens: &[asset::Token],
) -> Result<Vec<(String, crate::vault::backends::EthBalance)>> {
    type Row = (i64, String, String, String, Option<i64>, i64);
    let mut stmt = conn
        .prepare_cached(
            "SELECT chain_id, address, asset, balance, nonce, synced_at FROM eth_address_state
             WHERE account_id = ?1 ORDER BY chain_id, address, asset != 'ETH', asset",
        )
        .context("reading address balances")?;
    let rows = stmt
        .query_map([account_id], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })
        .and_then(|rows| rows.collect::<rusqlite::Result<Vec<Row>>>())
        .map_err(crate::error::row_error(
            "address balance",
            "reading address balances",
        ))?;
    let mut out = vec![];
    for (chain_id, address, asset, balance, nonce, at) in rows {
        let nonce = nonce.map(|n| n as u64);
        let b = crate::vault::backends::EthBalance::stored(
            tokens,
            chain_id as u64,
            &asset,
            &balance,
            nonce,
            at,
        )?;
        if let Some(b) = b {
            out.push((address, b));
        }
    }
    Ok(out)
}

/// Counts, for each address of an EVM account, the history rows that moved it (as our
/// side or as the other side of a self-transfer): `addr list`'s `txs` and `--used`.
pub fn refresh_eth_address_usage(conn: &Connection, account_id: i64) -> Result<()> {
    conn.execute(
        "UPDATE addresses SET tx_count = (
             SELECT count(*) FROM transactions t
             WHERE t.account_id = addresses.account_id
               AND (t.address = addresses.address OR t.counterparty = addresses.address))
         WHERE account_id = ?1",
        [account_id],
    )
    .context("counting address usage")?;
    Ok(())
}

/// How far `wallet sync` read an EVM chain for an account: (scanned height, tip).
pub fn eth_sync(conn: &Connection, account_id: i64, chain_id: u64) -> Result<Option<(u64, u64)>> {
    Ok(conn
        .query_row(
            "SELECT scanned_height, tip_height FROM eth_sync
             WHERE account_id = ?1 AND chain_id = ?2",
            params![account_id, chain_id as i64],
            |r| Ok((r.get::<_, i64>(0)? as u64, r.get::<_, i64>(1)? as u64)),
        )
        .optional()
        .context("reading sync state")?)
}

/// Records that blocks up to `scanned` were read, with the node's tip at the time.
pub fn set_eth_sync(
    conn: &Connection,
    account_id: i64,
    chain_id: u64,
    scanned: u64,
    tip: u64,
    now: i64,
) -> Result<()> {
    conn.execute(
        "INSERT INTO eth_sync (account_id, chain_id, scanned_height, tip_height, synced_at)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (account_id, chain_id) DO UPDATE SET scanned_height = excluded.scanned_height,
             tip_height = excluded.tip_height, synced_at = excluded.synced_at",
        params![account_id, chain_id as i64, scanned as i64, tip as i64, now],
    )
    .context("recording sync state")?;
    Ok(())
}

/// Where a Bitcoin account's syncs stand (table `btc_sync`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BtcSync {
    /// The height the first sync began at (a rescan starts there).
    pub start_height: u32,
    /// Unused addresses watched past the last revealed one on each branch.
    pub gap_limit: u32,
    /// The node's tip the last sync reached.
    pub tip_height: u32,
    /// When (Unix seconds).
    pub synced_at: i64,
}

/// The sync state of a Bitcoin account, if it was ever synced.
pub fn btc_sync(conn: &Connection, account_id: i64) -> Result<Option<BtcSync>> {
    Ok(conn
        .query_row(
            "SELECT start_height, gap_limit, tip_height, synced_at FROM btc_sync
             WHERE account_id = ?1",
            [account_id],
            |r| {
                Ok(BtcSync {
                    start_height: r.get(0)?,
                    gap_limit: r.get(1)?,
                    tip_height: r.get(2)?,
                    synced_at: r.get(3)?,
                })
            },
        )
        .optional()
        .context("reading sync state")?)
}

/// Records a Bitcoin sync.
pub fn set_btc_sync(conn: &Connection, account_id: i64, s: &BtcSync) -> Result<()> {
    conn.execute(
        "INSERT INTO btc_sync (account_id, start_height, gap_limit, tip_height, synced_at)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (account_id) DO UPDATE SET start_height = excluded.start_height,
             gap_limit = excluded.gap_limit, tip_height = excluded.tip_height,
             synced_at = excluded.synced_at",
        params![
            account_id,
            s.start_height,
            s.gap_limit,
            s.tip_height,
            s.synced_at
        ],
    )
    .context("recording sync state")?;
    Ok(())
}

/// The transactions of an account recorded as confirmed at `height` or above (a
/// reorganisation from there must look at them again).
pub fn txids_confirmed_from(
    conn: &Connection,
    account_id: i64,
    height: u32,
) -> Result<Vec<String>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT txid FROM transactions NOT INDEXED
             WHERE account_id = ?1 AND status = 'confirmed' AND height >= ?2",
        )
        .context("listing transactions")?;
    let rows = stmt
        .query_map(params![account_id, height], |r| {
            Ok(text(&r.get::<_, Vec<u8>>(0)?))
        })
        .context("listing transactions")?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .context("listing transactions")
        .map_err(Into::into)
}

/// Marks a transaction `failed`: it conflicts with a confirmed one (its coins were spent
/// elsewhere), so it can never confirm.
pub fn mark_failed(conn: &Connection, account_id: i64, txid: &str) -> Result<()> {
    conn.execute(
        "UPDATE transactions SET status = 'failed', height = NULL, block_time = NULL
         WHERE account_id = ?1 AND txid = ?2",
        params![account_id, key(txid)],
    )
    .context("marking a failed transaction")?;
    Ok(())
}

/// Marks a pending transaction `abandoned` (`send abandon`): it is history only, its
/// coins spendable again. A later sync that sees it in a block or a mempool makes it
/// pending or confirmed again. Returns whether the row was pending.
pub fn mark_abandoned(conn: &Connection, account_id: i64, txid: &str) -> Result<bool> {
    let n = conn
        .execute(
            "UPDATE transactions SET status = 'abandoned', height = NULL, block_time = NULL
             WHERE account_id = ?1 AND txid = ?2 AND status = 'pending'",
            params![account_id, key(txid)],
        )
        .context("marking an abandoned transaction")?;
    Ok(n > 0)
}

/// Where the last `wallet sync` left one account on one chain.
#[derive(Debug, Clone, Serialize)]
pub struct SyncPoint {
    /// The wallet.
    pub wallet: String,
    /// `btc` or `eth`.
    pub chain: crate::chain::Chain,
    /// Bitcoin network (null for EVM).
    pub network: Option<crate::chain::Network>,
    /// EVM chain id (null for Bitcoin).
    pub chain_id: Option<u64>,
    /// The node's tip it reached.
    pub height: u64,
    /// When (RFC 3339).
    pub synced_at: String,
    /// How long ago (seconds).
    pub age_secs: i64,
}

/// The last sync of every account (of `wallet` only, if given), Bitcoin first.
pub fn sync_points(conn: &Connection, wallet: Option<&str>, now: i64) -> Result<Vec<SyncPoint>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT w.name, 'btc', a.network, NULL, s.tip_height, s.synced_at
             FROM btc_sync s JOIN accounts a ON a.id = s.account_id
                 JOIN wallets w ON w.id = a.wallet_id
             WHERE w.archived = 0 AND (?1 IS NULL OR w.name = ?1)
             UNION ALL
             SELECT w.name, 'eth', NULL, s.chain_id, s.tip_height, s.synced_at
             FROM eth_sync s JOIN accounts a ON a.id = s.account_id
                 JOIN wallets w ON w.id = a.wallet_id
             WHERE w.archived = 0 AND (?1 IS NULL OR w.name = ?1)
             ORDER BY 2, 1, 3, 4",
        )
        .context("reading sync state")?;
    let rows = stmt
        .query_map([wallet], |r| {
            let at: i64 = r.get(5)?;
            Ok(SyncPoint {
                wallet: r.get(0)?,
                chain: r.get(1)?,
                network: r.get(2)?,
                chain_id: r.get::<_, Option<i64>>(3)?.map(|c| c as u64),
                height: r.get::<_, i64>(4)? as u64,
                synced_at: crate::clock::rfc3339(at),
                age_secs: (now - at).max(0),
            })
        })
        .context("reading sync state")?;
    // A stored network that does not decode is the account's damage.
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .map_err(crate::error::row_error("account", "reading sync state"))
}

/// "block 812 345, 3 min ago" for people.
pub fn describe_sync(p: &SyncPoint) -> String {
    let s = p.age_secs;
    let ago = match s {
        0..60 => format!("{s} s ago"),
        60..3600 => format!("{} min ago", s / 60),
        3600..172_800 => format!("{} h ago", s / 3600),
        _ => format!("{} days ago", s / 86_400),
    };
    let on = match (&p.network, p.chain_id) {
        (Some(n), _) => n.name().to_string(),
        (_, Some(id)) => format!("chain {id}"),
        _ => String::new(),
    };
    format!("{} ({on}): block {}, {ago}", p.wallet, p.height)
}

/// The frozen coins (`txid:vout`) and addresses of an account.
pub fn frozen(conn: &Connection, account_id: i64) -> Result<BTreeSet<String>> {
    let mut stmt = conn
        .prepare_cached("SELECT target FROM frozen WHERE account_id = ?1")
        .context("reading frozen coins")?;
    let rows = stmt
        .query_map([account_id], |r| r.get::<_, String>(0))
        .context("reading frozen coins")?;
    rows.collect::<rusqlite::Result<BTreeSet<_>>>()
        .context("reading frozen coins")
        .map_err(Into::into)
}

/// Freezes (or unfreezes) a coin or an address; whether anything changed.
pub fn set_frozen(
    conn: &Connection,
    account_id: i64,
    target: &str,
    frozen: bool,
    now: i64,
) -> Result<bool> {
    let n = if frozen {
        conn.execute(
            "INSERT OR IGNORE INTO frozen (account_id, target, created_at) VALUES (?1, ?2, ?3)",
            params![account_id, target, now],
        )
    } else {
        conn.execute(
            "DELETE FROM frozen WHERE account_id = ?1 AND target = ?2",
            params![account_id, target],
        )
    }
    .context("storing frozen coins")?;
    Ok(n > 0)
}

/// A recorded EVM transaction.
#[derive(Debug, Clone)]
pub struct EthRecorded {
    /// The account.
    pub account_id: i64,
    /// EIP-155 chain id.
    pub chain_id: u64,
    /// `pending`, `confirmed`, `failed`, `replaced`…
    pub status: Status,
    /// The signed raw transaction (none for one only seen in a block).
    pub raw: Option<Vec<u8>>,
}

/// A recorded EVM transaction by its hash.
pub fn eth_sent(conn: &Connection, hash: &str) -> Result<Option<EthRecorded>> {
    conn.query_row(
        &format!(
            "SELECT account_id, chain_id, status, raw FROM transactions
             WHERE {ANY_ACCOUNT_TXID} AND chain_id IS NOT NULL"
        ),
        [key(hash)],
        |r| {
            Ok(EthRecorded {
                account_id: r.get(0)?,
                chain_id: r.get::<_, i64>(1)? as u64,
                status: r.get(2)?,
                raw: r.get(3)?,
            })
        },
    )
    .optional()
    .map_err(crate::error::row_error(
        "transaction",
        "finding transaction",
    ))
}

/// EVM transactions of ours marked `replaced` whose replacement is still pending (the
/// original may be mined all the same): (original, replacement), hashes as hex.
pub fn replaced_pending(
    conn: &Connection,
    account_id: i64,
    chain_id: u64,
) -> Result<Vec<(String, String)>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT txid, replaced_by FROM transactions
             WHERE account_id = ?1 AND chain_id = ?2 AND status = 'replaced'
               AND replaced_by IS NOT NULL",
        )
        .context("listing replaced transactions")?;
    let rows = stmt
        .query_map(params![account_id, chain_id as i64], |r| {
            Ok((text(&r.get::<_, Vec<u8>>(0)?), r.get::<_, String>(1)?))
        })
        .context("listing replaced transactions")?
        .collect::<rusqlite::Result<Vec<_>>>()
        .context("listing replaced transactions")?;
    let mut out = vec![];
    for (original, by) in rows {
        if eth_sent(conn, &by)?.is_some_and(|r| r.status == Status::Pending) {
            out.push((original, by));
        }
    }
    Ok(out)
}

fn unbroadcast_key(account_id: i64, txid: &str) -> String {
    if txid.is_empty() {
        return format!("unbroadcast:{account_id}:");
    }
    format!("unbroadcast:{account_id}:{}", text(&key(txid)))
}

/// Records that a signed transaction recorded as pending is not broadcast yet (`send`
/// commits before it broadcasts): a crash between the two leaves the mark, and the next
/// `wallet sync` broadcasts it. Cleared once a sync saw it, or by `send abandon`. Bitcoin
/// txids and EVM hashes alike (hex, `0x` or not).
pub fn mark_unbroadcast(conn: &Connection, account_id: i64, txid: &str) -> Result<()> {
    crate::vault::set_meta(conn, &unbroadcast_key(account_id, txid), "1")
}

/// The transactions of an account marked by [`mark_unbroadcast`] (hex, no `0x`).
pub fn unbroadcast(conn: &Connection, account_id: i64) -> Result<Vec<String>> {
    let prefix = unbroadcast_key(account_id, "");
    let mut stmt = conn
        .prepare_cached("SELECT key FROM meta WHERE substr(key, 1, length(?1)) = ?1 ORDER BY key")
        .context("reading transactions to broadcast")?;
    let rows = stmt
        .query_map([&prefix], |r| r.get::<_, String>(0))
        .context("reading transactions to broadcast")?;
    let keys: Vec<String> = rows
        .collect::<rusqlite::Result<_>>()
        .context("reading transactions to broadcast")?;
    Ok(keys
        .into_iter()
        .map(|k| k[prefix.len()..].to_string())
        .collect())
}

/// Removes the mark of [`mark_unbroadcast`].
pub fn clear_unbroadcast(conn: &Connection, account_id: i64, txid: &str) -> Result<()> {
    conn.execute(
        "DELETE FROM meta WHERE key = ?1",
        [unbroadcast_key(account_id, txid)],
    )
    .context("recording a broadcast")?;
    Ok(())
}

/// The stored raw transaction of a recorded one (EVM sends keep theirs in history).
pub fn raw_of(conn: &Connection, account_id: i64, txid: &str) -> Result<Option<Vec<u8>>> {
    Ok(conn
        .query_row(
            "SELECT raw FROM transactions WHERE account_id = ?1 AND txid = ?2",
            params![account_id, key(txid)],
            |r| r.get::<_, Option<Vec<u8>>>(0),
        )
        .optional()
        .context("reading a transaction")?
        .flatten())
}

/// A receive row of an account's history (see [`received`]), its asset and amount
/// decoded.
#[derive(Debug, Clone)]
pub struct Received {
    /// The transaction id's bytes.
    pub txid: Vec<u8>,
    /// What it paid, signed as stored (a token no longer in the list by its stored
    /// word, in its smallest unit).
    pub amount: Amount,
    /// `pending`, `confirmed`, `replaced`, …
    pub status: Status,
    /// The block height, once confirmed.
    pub height: Option<i64>,
    /// The address paid.
    pub address: Option<String>,
}

/// An asset as stored with its row's chain, Bitcoin network and EVM chain id, decoded
/// once: one that does not decode is `vault_damaged`; a token no longer in `tokens` is
/// named by its stored word, in its smallest unit.
pub fn stored_asset(
    tokens: &[asset::Token],
    chain: Chain,
    network: Option<Network>,
    chain_id: Option<i64>,
    asset: &str,
) -> Result<Asset> {
    let chain_id = chain_id.map(|c| c as u64);
    Ok(Asset::resolve(tokens, chain, network, chain_id, asset)?
        .unwrap_or_else(|| Asset::unlisted(chain_id.unwrap_or_default(), asset, 0)))
}

/// Every receive row of account `account_id`, oldest first (what `receive watch`
/// announces), its asset resolved with `tokens`: a stored asset, network or amount that
/// does not decode is `vault_damaged`.
pub fn received(
    conn: &Connection,
    account_id: i64,
    tokens: &[asset::Token],
) -> Result<Vec<Received>> {
    type Stored = (Vec<u8>, String, String, Status, Option<i64>, Option<String>);
    let mut stmt = conn
        .prepare_cached(
            "SELECT t.txid, t.asset, t.amount, t.status, t.height, t.address, t.chain_id,
                    a.chain, a.network
             FROM transactions t JOIN accounts a ON a.id = t.account_id
             WHERE t.account_id = ?1 AND t.direction = 'receive'
             ORDER BY t.id",
        )
        .context("reading transactions")?;
    let rows = stmt
        .query_map([account_id], |r| {
            let stored: Stored = (
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            );
            Ok((
                stored,
                r.get::<_, Option<i64>>(6)?,
                r.get::<_, Chain>(7)?,
                r.get::<_, Option<Network>>(8)?,
            ))
        })
        .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
        .map_err(crate::error::row_error(
            "transaction",
            "reading transactions",
        ))?;
    let mut out = Vec::with_capacity(rows.len());
    for ((txid, asset, amount, status, height, address), chain_id, chain, network) in rows {
        let asset = stored_asset(tokens, chain, network, chain_id, &asset)?;
        out.push(Received {
            txid,
            amount: Amount::stored(asset, &amount, "transaction amount")?,
            status,
            height,
            address,
        });
    }
    Ok(out)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A Bitcoin record of `account_id`: a send when `i` is a multiple of 3, pending when
    /// a multiple of 5, confirmed at a time of its own otherwise.
    pub(crate) fn record(account_id: i64, i: u32) -> TxRecord {
        let (send, pending) = (i.is_multiple_of(3), i.is_multiple_of(5));
        TxRecord {
            account_id,
            txid: format!("{i:064x}"),
            asset: Asset::stored_bitcoin(Some(Network::Regtest), "BTC").unwrap(),
            direction: if send {
                Direction::Send
            } else {
                Direction::Receive
            },
            amount: if send { -(i as i128) } else { i as i128 },
            fee: send.then_some(100 + u64::from(i)),
            status: if pending {
                Status::Pending
            } else {
                Status::Confirmed
            },
            height: (!pending).then_some(1000 + i),
            block_time: (!pending).then_some(1_760_000_000 + u64::from(i)),
            counterparty: i.is_multiple_of(2).then(|| format!("bcrt1q{i}")),
            our_addresses: vec![],
            from_addresses: vec![],
        }
    }

    /// Every stored column of every row, in table order, and the counts the trigger keeps.
    fn dump(conn: &Connection) -> (Vec<Vec<rusqlite::types::Value>>, Vec<(String, i64)>) {
        let mut stmt = conn
            .prepare("SELECT * FROM transactions ORDER BY id")
            .unwrap();
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| (0..n).map(|i| r.get(i)).collect())
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let counts = conn
            .prepare("SELECT direction || '/' || status, n FROM tx_counts ORDER BY 1")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        (rows, counts)
    }

    /// The usage stored for an account: addresses with transactions or an unspent
    /// amount.
    fn stored_usage(conn: &Connection, account_id: i64) -> Usage {
        conn.prepare(
            "SELECT change, idx, tx_count, balance FROM addresses
             WHERE account_id = ?1 AND (tx_count > 0 OR balance != '0')",
        )
        .unwrap()
        .query_map([account_id], |r| {
            Ok((
                (r.get(0)?, r.get(1)?),
                (r.get(2)?, r.get::<_, String>(3)?.parse().unwrap()),
            ))
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
    }

    /// Rows written on `conn` so far.
    fn written(conn: &Connection) -> i64 {
        conn.query_row("SELECT total_changes()", [], |r| r.get(0))
            .unwrap()
    }

    #[test]
    fn address_usage_is_stored_as_given_and_only_changes_are_written() {
        let (conn, account, _) = crate::vault::engine::tests::vault(8);
        let change: Vec<String> = (0..4).map(|i| format!("change{i}")).collect();
        crate::vault::wallets::insert_addresses(
            &conn,
            &crate::vault::wallets::NewAddresses {
                account_id: account.id,
                change: 1,
                start: 0,
                addresses: &change,
                label: None,
                purpose: None,
            },
            0,
        )
        .unwrap();
        let id = account.id;
        let first: Usage = [
            ((0, 1), (2, 500)),
            ((0, 3), (1, 0)),
            ((1, 0), (1, 7)),
            ((1, 2), (3, 10u128.pow(30))),
        ]
        .into();
        set_address_usage(&conn, id, &first).unwrap();
        assert_eq!(stored_usage(&conn, id), first);

        // One new before every stored one, one dropped, one kept, one changed, one
        // dropped, one new after every stored one: five rows written, the kept one not.
        let second: Usage = [
            ((0, 0), (1, 1)),
            ((0, 3), (1, 0)),
            ((1, 0), (2, 9)),
            ((1, 3), (1, 4)),
        ]
        .into();
        let before = written(&conn);
        set_address_usage(&conn, id, &second).unwrap();
        assert_eq!(stored_usage(&conn, id), second);
        assert_eq!(written(&conn) - before, 5);

        // The same again writes nothing; none clears every one.
        let before = written(&conn);
        set_address_usage(&conn, id, &second).unwrap();
        assert_eq!(written(&conn), before);
        set_address_usage(&conn, id, &Usage::new()).unwrap();
        assert_eq!(stored_usage(&conn, id), Usage::new());
        assert_eq!(written(&conn) - before, 4);
    }

    #[test]
    fn recorded_ids_are_the_stored_bytes_and_any_other_form_is_damage() {
        let (conn, account, _) = crate::vault::engine::tests::vault(0);
        for i in [5, 6] {
            insert_new(&conn, &record(account.id, i), 1).unwrap();
        }
        let mut keys = recorded_keys(&conn, account.id).unwrap();
        keys.sort_by_key(|(k, _)| *k);
        let want: Vec<([u8; 32], Status)> = [(5, Status::Pending), (6, Status::Confirmed)]
            .into_iter()
            .map(|(i, s)| (key(&format!("{i:064x}")).try_into().unwrap(), s))
            .collect();
        assert_eq!(keys, want);
        conn.execute(
            "UPDATE transactions SET txid = x'0102' WHERE txid = ?1",
            [key(&format!("{:064x}", 6))],
        )
        .unwrap();
        let e = recorded_keys(&conn, account.id).unwrap_err();
        assert!(matches!(e, Error::VaultDamaged { .. }), "{e:?}");
        // An id stored as text is damage to either reading.
        conn.execute(
            "UPDATE transactions SET txid = 'abc' WHERE txid = x'0102'",
            [],
        )
        .unwrap();
        for e in [
            recorded_keys(&conn, account.id).unwrap_err(),
            recorded(&conn, account.id).unwrap_err(),
        ] {
            assert!(matches!(e, Error::VaultDamaged { .. }), "{e:?}");
        }
    }

    #[test]
    fn a_batch_through_the_scratch_table_stores_what_row_by_row_does() {
        let (one, account, _) = crate::vault::engine::tests::vault(0);
        let (batch, _, _) = crate::vault::engine::tests::vault(0);
        // Past the scratch threshold, with a txid twice (the second write wins, as an
        // upsert), in an order that is not the txids'.
        let mut records: Vec<TxRecord> = (0..150).rev().map(|i| record(account.id, i)).collect();
        let mut again = record(account.id, 7);
        again.status = Status::Failed;
        records.push(again);
        assert!(records.len() >= SCRATCH_FROM);
        for r in &records {
            insert_new(&one, r, 5).unwrap();
        }
        insert_new_all(&batch, &records.iter().collect::<Vec<_>>(), 5).unwrap();
        assert_eq!(dump(&one), dump(&batch));
        let scratch: i64 = batch
            .query_row("SELECT count(*) FROM temp.new_transactions", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(scratch, 0);

        // A second batch that updates every row and adds some.
        let mut more: Vec<TxRecord> = (100..220).map(|i| record(account.id, i)).collect();
        for r in &mut more {
            r.status = Status::Confirmed;
            r.height = Some(5000);
        }
        for r in &more {
            insert_new(&one, r, 9).unwrap();
        }
        insert_new_all(&batch, &more.iter().collect::<Vec<_>>(), 9).unwrap();
        assert_eq!(dump(&one), dump(&batch));

        // A batch that fails part-way (no such account) stores none of its rows, and the
        // next batch is not disturbed by what the failed one left in the scratch table.
        let before = dump(&batch);
        let mut bad: Vec<TxRecord> = (300..400).map(|i| record(account.id, i)).collect();
        bad[50].account_id = account.id + 99;
        let e = insert_new_all(&batch, &bad.iter().collect::<Vec<_>>(), 11).unwrap_err();
        assert!(format!("{e:#}").contains("FOREIGN KEY"), "{e:#}");
        assert_eq!(dump(&batch), before);
        let fine: Vec<TxRecord> = (400..470).map(|i| record(account.id, i)).collect();
        for r in &fine {
            insert_new(&one, r, 13).unwrap();
        }
        insert_new_all(&batch, &fine.iter().collect::<Vec<_>>(), 13).unwrap();
        assert_eq!(dump(&one), dump(&batch));
    }
}
