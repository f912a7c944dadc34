//! Wallets in the vault: a wallet row, its secret (mnemonic and BIP-39 passphrase, only
//! for hot wallets), and one account per chain with its public keys and descriptors.

use crate::error::{Error, Result};
use anyhow::Context as _;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use zeroize::Zeroizing;

/// One chain account of a wallet.
#[derive(Debug, Clone, Serialize)]
pub struct AccountRow {
    /// `btc` or `eth`.
    pub chain: String,
    /// Bitcoin network (null for EVM accounts).
    pub network: Option<String>,
    /// `segwit`, `taproot`, … (null for EVM accounts).
    pub script_type: Option<String>,
    /// BIP-44 account number.
    pub account_index: u32,
    /// Master key fingerprint (hex).
    pub fingerprint: Option<String>,
    /// Account derivation path, e.g. `m/84'/0'/0'`.
    pub path: Option<String>,
    /// Account extended public key.
    pub xpub: Option<String>,
    /// External (receive) descriptor with checksum.
    pub external_descriptor: Option<String>,
    /// Internal (change) descriptor with checksum.
    pub internal_descriptor: Option<String>,
}

/// A wallet and its accounts.
#[derive(Debug, Clone, Serialize)]
pub struct WalletRow {
    /// Internal id.
    #[serde(skip)]
    pub id: i64,
    /// Name.
    pub name: String,
    /// `hot` or `watch_only`.
    pub kind: String,
    /// Creation time (Unix seconds).
    #[serde(skip)]
    pub created_at: i64,
    /// Accounts, by chain.
    pub accounts: Vec<AccountRow>,
    /// Addresses derived so far.
    pub addresses: i64,
}

/// Checks a wallet name: 1-64 characters of letters, digits, `_`, `-` and `.`.
pub fn validate_name(name: &str) -> Result<()> {
    let ok = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.');
    if name.is_empty() || name.len() > 64 || !name.chars().all(ok) || name.starts_with('.') {
        return Err(Error::invalid(
            "wallet",
            format!("'{name}' must be 1 to 64 characters of letters, digits, '_', '-' and '.'"),
        ));
    }
    Ok(())
}

/// Whether a wallet of that name exists (archived ones included).
pub fn exists(conn: &Connection, name: &str) -> Result<bool> {
    Ok(conn
        .query_row("SELECT 1 FROM wallets WHERE name = ?1", [name], |_| Ok(()))
        .optional()
        .context("looking up wallet")?
        .is_some())
}

/// Stores a new hot wallet with its secret and accounts; refuses a duplicate name.
pub fn insert_hot(
    conn: &Connection,
    name: &str,
    mnemonic: &str,
    passphrase: Option<&str>,
    accounts: &[AccountRow],
    now: i64,
) -> Result<i64> {
    if exists(conn, name)? {
        return Err(Error::invalid(
            "wallet",
            format!("a wallet named '{name}' already exists"),
        ));
    }
    conn.execute(
        "INSERT INTO wallets (name, created_at, kind) VALUES (?1, ?2, 'hot')",
        params![name, now],
    )
    .context("storing wallet")?;
    let id = conn.last_insert_rowid();
    conn.execute(
        "INSERT INTO wallet_secrets (wallet_id, mnemonic, passphrase) VALUES (?1, ?2, ?3)",
        params![id, mnemonic, passphrase],
    )
    .context("storing wallet secret")?;
    for a in accounts {
        conn.execute(
            "INSERT INTO accounts (wallet_id, chain, network, script_type, account_index, fingerprint, path,
                                   xpub, external_descriptor, internal_descriptor)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                id,
                a.chain,
                a.network,
                a.script_type,
                a.account_index,
                a.fingerprint,
                a.path,
                a.xpub,
                a.external_descriptor,
                a.internal_descriptor
            ],
        )
        .context("storing account")?;
    }
    Ok(id)
}

fn accounts_of(conn: &Connection, wallet_id: i64) -> Result<Vec<AccountRow>> {
    let mut stmt = conn
        .prepare(
            "SELECT chain, network, script_type, account_index, fingerprint, path, xpub,
                    external_descriptor, internal_descriptor
             FROM accounts WHERE wallet_id = ?1 ORDER BY chain",
        )
        .context("preparing accounts query")?;
    let rows = stmt
        .query_map([wallet_id], |r| {
            Ok(AccountRow {
                chain: r.get(0)?,
                network: r.get(1)?,
                script_type: r.get(2)?,
                account_index: r.get(3)?,
                fingerprint: r.get(4)?,
                path: r.get(5)?,
                xpub: r.get(6)?,
                external_descriptor: r.get(7)?,
                internal_descriptor: r.get(8)?,
            })
        })
        .context("querying accounts")?;
    Ok(rows
        .collect::<Result<Vec<_>, _>>()
        .context("reading accounts")?)
}

/// All wallets that are not archived, by name.
pub fn list(conn: &Connection) -> Result<Vec<WalletRow>> {
    let mut stmt = conn
        .prepare(
            "SELECT w.id, w.name, w.kind, w.created_at,
                    (SELECT count(*) FROM addresses a JOIN accounts c ON a.account_id = c.id WHERE c.wallet_id = w.id)
             FROM wallets w WHERE w.archived = 0 ORDER BY w.name",
        )
        .context("preparing wallets query")?;
    let heads = stmt
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .context("querying wallets")?
        .collect::<Result<Vec<(i64, String, String, i64, i64)>, _>>()
        .context("reading wallets")?;
    heads
        .into_iter()
        .map(|(id, name, kind, created_at, addresses)| {
            Ok(WalletRow {
                id,
                name,
                kind,
                created_at,
                accounts: accounts_of(conn, id)?,
                addresses,
            })
        })
        .collect()
}

/// The wallet called `name` (archived ones included), or `not_found`.
pub fn get(conn: &Connection, name: &str) -> Result<WalletRow> {
    list_all_named(conn, name)?.ok_or_else(|| Error::NotFound(format!("wallet '{name}'")))
}

fn list_all_named(conn: &Connection, name: &str) -> Result<Option<WalletRow>> {
    let head: Option<(i64, String, i64)> = conn
        .query_row(
            "SELECT id, kind, created_at FROM wallets WHERE name = ?1",
            [name],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()
        .context("looking up wallet")?;
    let Some((id, kind, created_at)) = head else {
        return Ok(None);
    };
    let addresses: i64 = conn
        .query_row(
            "SELECT count(*) FROM addresses a JOIN accounts c ON a.account_id = c.id WHERE c.wallet_id = ?1",
            [id],
            |r| r.get(0),
        )
        .context("counting addresses")?;
    Ok(Some(WalletRow {
        id,
        name: name.to_string(),
        kind,
        created_at,
        accounts: accounts_of(conn, id)?,
        addresses,
    }))
}

/// The secret of a hot wallet.
pub struct WalletSecret {
    /// The BIP-39 mnemonic.
    pub mnemonic: Zeroizing<String>,
    /// The BIP-39 passphrase, if one is set.
    pub passphrase: Option<Zeroizing<String>>,
}

/// The mnemonic and BIP-39 passphrase of a hot wallet (`None` for watch-only).
pub fn secret(conn: &Connection, wallet_id: i64) -> Result<Option<WalletSecret>> {
    let row: Option<(String, Option<String>)> = conn
        .query_row(
            "SELECT mnemonic, passphrase FROM wallet_secrets WHERE wallet_id = ?1",
            [wallet_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()
        .context("reading wallet secret")?;
    Ok(row.map(|(m, p)| WalletSecret {
        mnemonic: Zeroizing::new(m),
        passphrase: p.map(Zeroizing::new),
    }))
}
