//! Sends held for approval (the `approvals` table) and the history row each one has
//! while it waits: the SQL of `policy`'s held sends. A stored amount or status that does
//! not decode is `vault_damaged`, decoded once here. A held send stores no network: its
//! asset is resolved with the network of its wallet's account.

use crate::chain::asset::{self, Asset, Token};
use crate::chain::{Chain, Network};
use crate::clock;
use crate::error::{Result, damaged};
use anyhow::Context as _;
use rusqlite::{Connection, OptionalExtension as _, params};
use serde::Serialize;

/// Where a held send is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Waiting for `send confirm` or `send cancel`.
    AwaitingApproval,
    /// Signed by `send confirm`.
    Approved,
    /// Dropped by `send cancel`.
    Cancelled,
}

impl Status {
    /// The stored (and shown) word.
    pub fn name(self) -> &'static str {
        match self {
            Status::AwaitingApproval => "awaiting_approval",
            Status::Approved => "approved",
            Status::Cancelled => "cancelled",
        }
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl rusqlite::types::ToSql for Status {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(self.name().into())
    }
}

impl rusqlite::types::FromSql for Status {
    /// Any other stored word does not decode (the vault is damaged).
    fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        match v.as_str()? {
            "awaiting_approval" => Ok(Status::AwaitingApproval),
            "approved" => Ok(Status::Approved),
            "cancelled" => Ok(Status::Cancelled),
            _ => Err(rusqlite::types::FromSqlError::InvalidType),
        }
    }
}

/// Serialises base units as a decimal string (the JSON contract: `amount_units` is text).
fn units_text<S: serde::Serializer>(units: &u128, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.collect_str(units)
}

/// A stored approval.
#[derive(Debug, Clone, Serialize)]
pub struct Approval {
    /// Its id.
    pub id: String,
    /// When it was held (RFC 3339).
    pub created_at: String,
    /// `btc` or `eth`.
    pub chain: Chain,
    /// The wallet.
    pub wallet: String,
    /// The asset (its symbol in JSON), resolved once from the stored text with the
    /// network of the wallet's account.
    #[serde(serialize_with = "asset::symbol")]
    pub asset: Asset,
    /// What leaves the wallet (base units of `asset`; text in JSON).
    #[serde(rename = "amount_units", serialize_with = "units_text")]
    pub amount: u128,
    /// The payees.
    pub recipients: Vec<String>,
    /// Why it was held.
    pub reasons: Vec<String>,
    /// Where it is.
    pub status: Status,
    /// The note for its history row.
    #[serde(skip)]
    pub note: Option<String>,
    /// EVM chain id.
    pub chain_id: Option<u64>,
    /// The unsigned transaction.
    #[serde(skip)]
    pub payload: String,
}

/// A send to store as held.
#[derive(Debug, Clone)]
pub struct NewHeld<'a> {
    /// Its id.
    pub id: &'a str,
    /// `btc` or `eth`.
    pub chain: Chain,
    /// The wallet.
    pub wallet: &'a str,
    /// The asset.
    pub asset: &'a str,
    /// What leaves the wallet (base units).
    pub amount: u128,
    /// The payees.
    pub recipients: &'a [String],
    /// The unsigned transaction: PSBT (base64) or EVM request (JSON).
    pub payload: &'a str,
    /// Why it is held.
    pub reasons: &'a [String],
    /// The note for its history row.
    pub note: Option<&'a str>,
    /// EVM chain id.
    pub chain_id: Option<u64>,
    /// The sending account (for its history row).
    pub account_id: i64,
}

/// The history row's key of a held send (it has no transaction id before signing).
pub fn history_key(id: &str) -> Vec<u8> {
    use sha2::Digest as _;
    sha2::Sha256::digest(format!("coffer-approval:{id}")).to_vec()
}

/// Stores a held send, status `awaiting_approval`, and its history row (a send of the
/// same status).
pub fn insert(c: &Connection, h: &NewHeld<'_>) -> Result<()> {
    c.execute(
        "INSERT INTO approvals (id, created_at, chain, wallet, asset, amount, recipients,
             payload, reasons, note, chain_id, status)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            h.id,
            clock::now(),
            h.chain,
            h.wallet,
            h.asset,
            h.amount.to_string(),
            serde_json::to_string(h.recipients).unwrap_or_default(),
            h.payload,
            serde_json::to_string(h.reasons).unwrap_or_default(),
            h.note,
            h.chain_id.map(|c| c as i64),
            Status::AwaitingApproval,
        ],
    )
    .context("storing the approval")?;
    c.execute(
        "INSERT INTO transactions (account_id, txid, asset, direction, amount, status,
             counterparty, note, chain_id, created_at)
         VALUES (?1, ?2, ?3, 'send', ?4, 'awaiting_approval', ?5, ?6, ?7, ?8)",
        params![
            h.account_id,
            history_key(h.id),
            h.asset,
            format!("-{}", h.amount),
            h.recipients.first(),
            h.note,
            h.chain_id.map(|c| c as i64),
            clock::now_ms(),
        ],
    )
    .context("storing the approval")?;
    Ok(())
}

/// The columns [`decode`] reads, in its order (the last one: the Bitcoin network of the
/// account of the wallet it names, which the approval does not keep; see [`decode`]).
const COLUMNS: &str = "id, created_at, chain, wallet, asset, amount, recipients, reasons, status,
                       note, chain_id, payload,
                       (SELECT c.network FROM accounts c JOIN wallets w ON w.id = c.wallet_id
                         WHERE w.name = approvals.wallet AND c.chain = approvals.chain)";

/// A row as stored: the approval with its asset, amount, recipients and reasons still
/// text, and its account's network.
type Stored = (Approval, Fields);

/// The text columns of a stored approval: asset, amount, recipients, reasons, and the
/// account's network.
type Fields = (String, String, String, String, Option<Network>);

fn stored(r: &rusqlite::Row<'_>) -> rusqlite::Result<Stored> {
    Ok((
        Approval {
            id: r.get(0)?,
            created_at: clock::rfc3339(r.get(1)?),
            chain: r.get(2)?,
            wallet: r.get(3)?,
            asset: Asset::Ether { chain_id: 0 },
            amount: 0,
            recipients: vec![],
            reasons: vec![],
            status: r.get(8)?,
            note: r.get(9)?,
            chain_id: r.get::<_, Option<i64>>(10)?.map(|c| c as u64),
            payload: r.get(11)?,
        },
        (r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(12)?),
    ))
}

/// The text columns of a [`Stored`] row decoded: a held asset (with `tokens`), amount,
/// recipient list or reason list that does not decode is damage. A token no longer in
/// the list keeps its symbol. The asset's network is that of the sending account,
/// found by its history row while it waits (a wallet renamed since keeps it), else by
/// the wallet it names.
fn decode(
    conn: &Connection,
    tokens: &[Token],
    (mut a, (asset, amount, recipients, reasons, network)): Stored,
) -> Result<Approval> {
    let network =
        match crate::vault::history::network_of(conn, &history_key(&a.id), "reading the approval")?
        {
            Some(n) => Some(n),
            None => network,
        };
    a.asset = Asset::resolve(tokens, a.chain, network, a.chain_id, &asset)?
        .unwrap_or_else(|| Asset::unlisted(a.chain_id.unwrap_or_default(), &asset, 0));
    a.amount = units(&amount)?;
    a.recipients = serde_json::from_str(&recipients)
        .map_err(|_| damaged("held send's recipients", &recipients))?;
    a.reasons =
        serde_json::from_str(&reasons).map_err(|_| damaged("held send's reasons", &reasons))?;
    Ok(a)
}

/// The approval `id`, if stored.
pub fn get(conn: &Connection, id: &str) -> Result<Option<Approval>> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM approvals WHERE id = ?1"),
        [id],
        stored,
    )
    .optional()
    .map_err(crate::error::row_error("approval", "reading the approval"))?
    .map(|row| decode(conn, &crate::vault::backends::tokens(conn, None)?, row))
    .transpose()
}

/// The sends awaiting approval: how many, and the latest `limit` (newest first), for
/// `coffer status`.
pub fn awaiting(conn: &Connection, limit: i64) -> Result<(u64, Vec<Approval>)> {
    let count = waiting_count(conn)?;
    let mut stmt = conn
        .prepare(&format!(
            "SELECT {COLUMNS} FROM approvals WHERE status = ?1
             ORDER BY created_at DESC, id LIMIT ?2"
        ))
        .context("reading held sends")?;
    let rows = stmt
        .query_map(params![Status::AwaitingApproval, limit], stored)
        .context("reading held sends")?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(crate::error::row_error("approval", "reading held sends"))?;
    let tokens = crate::vault::backends::tokens(conn, None)?;
    Ok((
        count,
        rows.into_iter()
            .map(|row| decode(conn, &tokens, row))
            .collect::<Result<_>>()?,
    ))
}

/// A stored held amount: decimal digits of base units, anything else is damage.
fn units(text: &str) -> Result<u128> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(damaged("held amount", text));
    }
    text.parse().map_err(|_| damaged("held amount", text))
}

/// Sets the status of approval `id` and drops its history row (the signed transaction
/// has its own, or there is none).
pub fn set_status(conn: &Connection, id: &str, status: Status) -> Result<()> {
    conn.execute(
        "UPDATE approvals SET status = ?2 WHERE id = ?1",
        params![id, status],
    )
    .context("closing the approval")?;
    conn.execute(
        &format!(
            "DELETE FROM transactions WHERE {} AND status = 'awaiting_approval'",
            super::txs::ANY_ACCOUNT_TXID
        ),
        [history_key(id)],
    )
    .context("closing the approval")?;
    Ok(())
}

/// The amounts (base units) of the sends in `asset` (any case) held since `since`
/// (Unix seconds) and still waiting, but `except` one.
pub fn waiting_amounts(
    conn: &Connection,
    asset: &str,
    since: i64,
    except: Option<&str>,
) -> Result<Vec<u128>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT amount FROM approvals
             WHERE upper(asset) = upper(?1) AND status = ?2
               AND created_at >= ?3 AND id IS NOT ?4",
        )
        .context("reading approvals")?;
    let rows = stmt
        .query_map(
            params![asset, Status::AwaitingApproval, since, except],
            |r| r.get::<_, String>(0),
        )
        .context("reading approvals")?;
    let mut v = vec![];
    for a in rows {
        v.push(units(&a.context("reading approvals")?)?);
    }
    Ok(v)
}

/// How many sends are held for approval.
pub fn waiting_count(conn: &Connection) -> Result<u64> {
    let n: i64 = conn
        .query_row(
            "SELECT count(*) FROM approvals WHERE status = ?1",
            [Status::AwaitingApproval],
            |r| r.get(0),
        )
        .context("reading approvals")?;
    Ok(n as u64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::schema;

    /// A stored asset, amount or status that does not decode is damage, never 0 or a
    /// guess; the asset is resolved with the network of the wallet's account.
    #[test]
    fn a_held_asset_amount_or_status_that_does_not_decode_is_damage() {
        let mut c = schema::memory_connection().unwrap();
        schema::migrate(&mut c).unwrap();
        c.execute_batch(
            "INSERT INTO wallets (id, name, created_at) VALUES (1, 'a', 0);
             INSERT INTO accounts (id, wallet_id, chain, network, account_index)
                 VALUES (1, 1, 'btc', 'regtest', 0);
             INSERT INTO approvals (id, created_at, chain, wallet, asset, amount, recipients,
                     payload, reasons, status)
                 VALUES ('ap-1', 0, 'btc', 'a', 'BTC', '300', '[\"x\"]', '', '[]', 'awaiting_approval');",
        )
        .unwrap();
        let a = get(&c, "ap-1").unwrap().unwrap();
        assert_eq!((a.amount, a.status), (300, Status::AwaitingApproval));
        assert_eq!(
            a.asset,
            Asset::Bitcoin {
                network: Network::Regtest
            }
        );
        let json = serde_json::to_value(&a).unwrap();
        assert_eq!(json["amount_units"], serde_json::json!("300"));
        assert_eq!(json["asset"], serde_json::json!("BTC"));
        assert!(get(&c, "ap-2").unwrap().is_none());
        for (col, bad) in [
            ("asset", "ETH"),
            ("asset", "XBT"),
            ("amount", "-3"),
            ("amount", "x"),
            ("status", "held"),
            ("recipients", "x"),
            ("reasons", "{"),
        ] {
            c.execute_batch(&format!(
                "UPDATE approvals SET asset = 'BTC', amount = '300', status = 'awaiting_approval',
                        recipients = '[\"x\"]', reasons = '[]';
                 UPDATE approvals SET {col} = '{bad}'"
            ))
            .unwrap();
            let e = get(&c, "ap-1").unwrap_err();
            assert_eq!(e.code(), "vault_damaged", "{col} = {bad}: {e}");
            if col != "status" {
                // (A row whose status is not `awaiting_approval` is not listed.)
                let e = awaiting(&c, 5).unwrap_err();
                assert_eq!(e.code(), "vault_damaged", "{col} = {bad}: {e}");
            }
        }
        // Its account's network is what decodes a Bitcoin asset: none is damage.
        c.execute_batch(
            "UPDATE approvals SET asset = 'BTC', amount = '300', status = 'awaiting_approval',
                    recipients = '[\"x\"]', reasons = '[]';
             UPDATE accounts SET network = NULL",
        )
        .unwrap();
        assert_eq!(get(&c, "ap-1").unwrap_err().code(), "vault_damaged");
    }
}
