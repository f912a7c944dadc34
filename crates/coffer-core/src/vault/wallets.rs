//! Wallets in the vault: a wallet row, its secret (mnemonic and BIP-39 passphrase, only
//! for hot wallets), and one account per chain with its public keys and descriptors.

use crate::error::{Error, Result};
use anyhow::Context as _;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use zeroize::Zeroizing;

/// One chain account of a wallet (also the account format of a watch-only export).
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct AccountRow {
    /// Internal id.
    #[serde(skip)]
    pub id: i64,
    /// `btc` or `eth`.
    pub chain: crate::chain::Chain,
    /// Bitcoin network (null for EVM accounts).
    pub network: Option<crate::chain::Network>,
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
    /// The one address of a single-address watch-only account (no xpub).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
}

impl AccountRow {
    /// Derives `count` addresses from index `start` on branch `change` (0 receive,
    /// 1 change) from the account xpub: watch-only copies derive the same.
    pub fn addresses(&self, change: u32, start: u32, count: u32) -> Result<Vec<String>> {
        use crate::chain::{Network, btc, eth};
        if let Some(single) = &self.address {
            return match (change, start, count) {
                (0, 0, 1) => Ok(vec![single.clone()]),
                _ => Err(Error::invalid(
                    "wallet",
                    "this watch-only account is a single address: it derives no others",
                )),
            };
        }
        let end = start
            .checked_add(count)
            .filter(|e| *e <= 0x8000_0000)
            .ok_or_else(|| {
                Error::invalid("count", "the index would leave the non-hardened range")
            })?;
        if self
            .script_type
            .as_deref()
            .is_some_and(|s| s.starts_with("multisig"))
        {
            return self.descriptor_addresses(change, start, end);
        }
        let secp = bitcoin::secp256k1::Secp256k1::new();
        let xpub = btc::parse_xpub(self.xpub.as_deref().unwrap_or_default())?;
        let branch = xpub
            .derive_pub(&secp, &btc::path(&format!("m/{change}"))?)
            .map_err(|e| anyhow::anyhow!("derivation: {e}"))?;
        let network: Network = self.network.unwrap_or(Network::Bitcoin);
        let script = match self.script_type.as_deref() {
            Some("taproot") => btc::ScriptType::Taproot,
            Some("legacy") => btc::ScriptType::Legacy,
            Some("nested_segwit") => btc::ScriptType::NestedSegwit,
            _ => btc::ScriptType::Segwit,
        };
        (start..end)
            .map(|i| {
                let n = bitcoin::bip32::ChildNumber::from_normal_idx(i)
                    .map_err(|e| anyhow::anyhow!("{e}"))?;
                let child = branch
                    .ckd_pub(&secp, n)
                    .map_err(|e| anyhow::anyhow!("derivation: {e}"))?;
                Ok(if self.chain == crate::chain::Chain::Eth {
                    eth::address_of_key(&child).to_checksum(None)
                } else {
                    btc::address_of(&secp, &child, script, network).to_string()
                })
            })
            .collect()
    }

    /// Addresses `start..end` of branch `change` of a descriptor account (multisig).
    fn descriptor_addresses(&self, change: u32, start: u32, end: u32) -> Result<Vec<String>> {
        use miniscript::descriptor::{Descriptor, DescriptorPublicKey};
        use std::str::FromStr as _;
        let text = match change {
            0 => self.external_descriptor.as_deref(),
            _ => self.internal_descriptor.as_deref(),
        }
        .ok_or_else(|| anyhow::anyhow!("a descriptor account without its descriptor"))?;
        let d = Descriptor::<DescriptorPublicKey>::from_str(text)
            .map_err(|e| anyhow::anyhow!("a stored descriptor is unreadable: {e}"))?;
        let network = self.network.unwrap_or(crate::chain::Network::Bitcoin);
        (start..end)
            .map(|i| {
                let a = d
                    .at_derivation_index(i)
                    .map_err(|e| anyhow::anyhow!("derivation: {e}"))?
                    .address(network.to_bitcoin())
                    .map_err(|e| anyhow::anyhow!("address: {e}"))?;
                Ok(a.to_string())
            })
            .collect()
    }

    /// The full derivation path of address `change/index`.
    pub fn address_path(&self, change: u32, index: u32) -> String {
        format!("{}/{change}/{index}", self.path.as_deref().unwrap_or("m"))
    }
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
    /// Hidden from lists.
    pub archived: bool,
    /// Creation time (Unix seconds).
    #[serde(skip)]
    pub created_at: i64,
    /// Accounts, by chain.
    pub accounts: Vec<AccountRow>,
    /// Addresses derived so far.
    pub addresses: i64,
}

impl WalletRow {
    /// The account of `chain`; by default the Bitcoin one when the wallet has it, else
    /// the Ethereum one. A wallet without that chain is `invalid_input`.
    pub fn account_for(&self, chain: Option<crate::chain::Chain>) -> Result<&AccountRow> {
        use crate::chain::Chain;
        let chain = match chain {
            Some(c) => c,
            None if self.accounts.iter().any(|a| a.chain == Chain::Btc) => Chain::Btc,
            None => Chain::Eth,
        };
        self.accounts
            .iter()
            .find(|a| a.chain == chain)
            .ok_or_else(|| {
                Error::invalid(
                    "chain",
                    format!("wallet '{}' has no {chain} account", self.name),
                )
            })
    }
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

/// Refuses a name that is taken (archived wallets keep theirs).
pub fn ensure_name_free(conn: &Connection, name: &str) -> Result<()> {
    if exists(conn, name)? {
        return Err(Error::invalid(
            "wallet",
            format!("a wallet named '{name}' already exists"),
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

/// How a hot wallet's BIP-39 seed is derived from its mnemonic and passphrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SeedDerivation {
    /// As BIP-39 says: the passphrase NFKD-normalised (every wallet made now).
    Bip39,
    /// The passphrase's bytes as typed: how coffer derived the wallets made before it
    /// normalised (schema version 8). The same seed as `Bip39` unless NFKD changes the
    /// passphrase (never for ASCII); otherwise other wallets derive another wallet from
    /// these words and passphrase.
    Legacy,
}

impl SeedDerivation {
    fn stored(self) -> &'static str {
        match self {
            SeedDerivation::Bip39 => "bip39",
            SeedDerivation::Legacy => "legacy",
        }
    }

    fn parse(s: &str) -> Result<Self> {
        match s {
            "bip39" => Ok(SeedDerivation::Bip39),
            "legacy" => Ok(SeedDerivation::Legacy),
            other => Err(Error::VaultDamaged {
                reason: format!(
                    "a wallet's seed derivation is '{}', neither 'bip39' nor 'legacy'",
                    other.escape_debug()
                ),
                dir: std::path::PathBuf::new(),
            }),
        }
    }
}

/// A hot wallet's secret as stored.
pub struct NewSecret<'a> {
    /// The BIP-39 mnemonic.
    pub mnemonic: &'a str,
    /// The BIP-39 passphrase.
    pub passphrase: Option<&'a str>,
    /// How its seed is derived (`Bip39` for a new wallet; a copy keeps its source's).
    pub derivation: SeedDerivation,
}

/// Stores a new wallet (hot with its secret, or watch-only without) and its accounts;
/// refuses a duplicate name.
pub fn insert(
    conn: &Connection,
    name: &str,
    secret: Option<NewSecret<'_>>,
    accounts: &[AccountRow],
    now: i64,
) -> Result<i64> {
    ensure_name_free(conn, name)?;
    let kind = if secret.is_some() {
        "hot"
    } else {
        "watch_only"
    };
    conn.execute(
        "INSERT INTO wallets (name, created_at, kind) VALUES (?1, ?2, ?3)",
        params![name, now, kind],
    )
    .context("storing wallet")?;
    let id = conn.last_insert_rowid();
    if let Some(NewSecret {
        mnemonic,
        passphrase,
        derivation,
    }) = secret
    {
        conn.execute(
            "INSERT INTO wallet_secrets (wallet_id, mnemonic, passphrase, seed_derivation)
             VALUES (?1, ?2, ?3, ?4)",
            params![id, mnemonic, passphrase, derivation.stored()],
        )
        .context("storing wallet secret")?;
    }
    for a in accounts {
        conn.execute(
            "INSERT INTO accounts (wallet_id, chain, network, script_type, account_index, fingerprint, path,
                                   xpub, external_descriptor, internal_descriptor, address)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
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
                a.internal_descriptor,
                a.address
            ],
        )
        .context("storing account")?;
        if let Some(single) = &a.address {
            // A single-address account: its one address is known from the start.
            conn.execute(
                "INSERT INTO addresses (account_id, change, idx, address, created_at) VALUES (?1, 0, 0, ?2, ?3)",
                params![conn.last_insert_rowid(), single, now],
            )
            .context("storing address")?;
        }
    }
    Ok(id)
}

fn accounts_of(conn: &Connection, wallet_id: i64) -> Result<Vec<AccountRow>> {
    let mut stmt = conn
        .prepare(
            "SELECT chain, network, script_type, account_index, fingerprint, path, xpub,
                    external_descriptor, internal_descriptor, id, address
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
                id: r.get(9)?,
                address: r.get(10)?,
            })
        })
        .context("querying accounts")?;
    // A stored chain that is neither `btc` nor `eth` (or a column of the wrong type):
    // the vault's content is damaged, never guessed at.
    rows.collect::<Result<Vec<_>, _>>()
        .map_err(crate::error::row_error("account", "reading accounts"))
}

/// Every account of every wallet, archived ones included (for rebuilding the wallet
/// engine, which holds them all).
pub fn all_accounts(conn: &Connection) -> Result<Vec<AccountRow>> {
    let ids: Vec<i64> = conn
        .prepare("SELECT id FROM wallets ORDER BY id")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .context("listing wallets")?;
    let mut out = vec![];
    for id in ids {
        out.extend(accounts_of(conn, id)?);
    }
    Ok(out)
}

/// All wallets that are not archived, by name.
pub fn list(conn: &Connection) -> Result<Vec<WalletRow>> {
    let mut stmt = conn
        .prepare(
            "SELECT w.id, w.name, w.kind, w.created_at,
                    (SELECT coalesce(sum(k.n), 0) FROM address_counts k
                     JOIN accounts c ON k.account_id = c.id WHERE c.wallet_id = w.id)
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
                archived: false,
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
    let head: Option<(i64, String, i64, bool)> = conn
        .query_row(
            "SELECT id, kind, created_at, archived FROM wallets WHERE name = ?1",
            [name],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()
        .context("looking up wallet")?;
    let Some((id, kind, created_at, archived)) = head else {
        return Ok(None);
    };
    let addresses: i64 = conn
        .query_row(
            "SELECT coalesce(sum(k.n), 0) FROM address_counts k
             JOIN accounts c ON k.account_id = c.id WHERE c.wallet_id = ?1",
            [id],
            |r| r.get(0),
        )
        .context("counting addresses")?;
    Ok(Some(WalletRow {
        id,
        name: name.to_string(),
        kind,
        archived,
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
    /// How its seed is derived.
    pub derivation: SeedDerivation,
}

impl WalletSecret {
    /// The wallet's 64-byte seed, derived the way the wallet was made (see
    /// [`SeedDerivation`]).
    pub fn seed(&self) -> Result<Zeroizing<[u8; 64]>> {
        let m = crate::chain::btc::parse_mnemonic(&self.mnemonic)?;
        let passphrase = self.passphrase.as_deref().map_or("", |p| p.as_str());
        Ok(match self.derivation {
            SeedDerivation::Bip39 => crate::chain::btc::seed(&m, passphrase),
            SeedDerivation::Legacy => crate::chain::btc::seed_unnormalized(&m, passphrase),
        })
    }

    /// Whether this wallet's keys differ from what BIP-39 derives from its words and
    /// passphrase: a legacy derivation of a passphrase NFKD changes. Such a wallet does
    /// not restore in other wallets (nor in this coffer from its words).
    pub fn nonstandard_seed(&self) -> bool {
        self.derivation == SeedDerivation::Legacy
            && self
                .passphrase
                .as_deref()
                .is_some_and(|p| crate::chain::btc::nfkd_changes(p))
    }
}

/// The mnemonic and BIP-39 passphrase of a hot wallet (`None` for watch-only).
pub fn secret(conn: &Connection, wallet_id: i64) -> Result<Option<WalletSecret>> {
    let row: Option<(String, Option<String>, String)> = conn
        .query_row(
            "SELECT mnemonic, passphrase, seed_derivation FROM wallet_secrets WHERE wallet_id = ?1",
            [wallet_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()
        .context("reading wallet secret")?;
    row.map(|(m, p, d)| {
        Ok(WalletSecret {
            mnemonic: Zeroizing::new(m),
            passphrase: p.map(Zeroizing::new),
            derivation: SeedDerivation::parse(&d)?,
        })
    })
    .transpose()
}

/// The wallet named, or the only one when no name is given.
pub fn resolve(conn: &Connection, name: Option<&str>) -> Result<WalletRow> {
    if let Some(n) = name {
        return get(conn, n);
    }
    let mut all = list(conn)?;
    match all.len() {
        0 => Err(Error::NotFound(
            "wallet (create one with `coffer wallet create NAME`)".into(),
        )),
        1 => Ok(all.remove(0)),
        _ => Err(Error::Usage(format!(
            "this vault has several wallets ({}); choose one with --wallet NAME",
            all.iter()
                .map(|w| w.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

/// One derived address as stored.
#[derive(Debug, Clone, Serialize)]
pub struct AddressRow {
    /// The wallet.
    pub wallet: String,
    /// `btc` or `eth`.
    pub chain: crate::chain::Chain,
    /// `receiving` or `change`.
    pub kind: &'static str,
    /// Index on its branch.
    pub index: u32,
    /// Full derivation path.
    pub path: String,
    /// The address (EIP-55 form for `eth`).
    pub address: String,
    /// User label.
    pub label: Option<String>,
    /// What it is for (free text).
    pub purpose: Option<String>,
    /// Transactions paying to or spending from it.
    pub transactions: u32,
    /// Its unspent amount (decimal BTC; null for Ethereum, whose balance a sync reads).
    pub balance: Option<std::borrow::Cow<'static, str>>,
    /// The same in satoshis.
    pub balance_sat: Option<u64>,
    /// Ethereum: what the last `wallet sync` read for it, per chain id and currency
    /// (absent for Bitcoin).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eth_balances: Option<Vec<super::txs::EthAddressBalance>>,
}

impl AddressRow {
    /// Fills in usage columns read as (transactions, balance in the smallest unit).
    /// A stored balance that does not decode is damage, never 0.
    fn with_usage(mut self, transactions: u32, balance: &str) -> Result<Self> {
        self.transactions = transactions;
        if self.chain == crate::chain::Chain::Btc {
            let sat: u64 = super::txs::stored(balance, "address balance")?;
            // Most addresses hold nothing: no formatting, no allocation for them.
            self.balance = Some(if sat == 0 {
                "0.00000000".into()
            } else {
                crate::chain::amount::format_btc(sat).into()
            });
            self.balance_sat = Some(sat);
        }
        Ok(self)
    }
}

/// The next unused index on `change` of an account.
pub fn next_index(conn: &Connection, account_id: i64, change: u32) -> Result<u32> {
    let max: Option<u32> = conn
        .query_row(
            "SELECT max(idx) FROM addresses WHERE account_id = ?1 AND change = ?2",
            params![account_id, change],
            |r| r.get(0),
        )
        .context("reading the next index")?;
    Ok(max.map_or(0, |m| m + 1))
}

/// Consecutive new addresses of one account branch.
pub struct NewAddresses<'a> {
    /// The account.
    pub account_id: i64,
    /// 0 receiving, 1 change.
    pub change: u32,
    /// Index of the first.
    pub start: u32,
    /// The addresses, in index order.
    pub addresses: &'a [String],
    /// Label for all of them.
    pub label: Option<&'a str>,
    /// Purpose for all of them.
    pub purpose: Option<&'a str>,
}

/// Stores consecutive addresses with one prepared statement.
pub fn insert_addresses(conn: &Connection, new: &NewAddresses<'_>, now: i64) -> Result<()> {
    let NewAddresses {
        account_id,
        change,
        start,
        addresses,
        label,
        purpose,
    } = *new;
    let mut stmt = conn
        .prepare_cached(
            "INSERT INTO addresses (account_id, change, idx, address, label, purpose, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )
        .context("preparing address insert")?;
    for (i, a) in addresses.iter().enumerate() {
        stmt.execute(params![
            account_id,
            change,
            start + i as u32,
            a,
            label,
            purpose,
            now
        ])
        .context("storing address")?;
    }
    Ok(())
}

const ADDRESS_SELECT: &str =
    "SELECT w.name, c.chain, a.change, a.idx, c.path, a.address, a.label, a.purpose,
            a.tx_count, a.balance
     FROM addresses a JOIN accounts c ON a.account_id = c.id JOIN wallets w ON c.wallet_id = w.id";

/// An address row, read (`Err` inside: its stored usage does not decode).
fn address_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Result<AddressRow>> {
    let change: u32 = r.get(2)?;
    let index: u32 = r.get(3)?;
    let path: Option<String> = r.get(4)?;
    let row = AddressRow {
        wallet: r.get(0)?,
        chain: r.get(1)?,
        kind: if change == 0 { "receiving" } else { "change" },
        index,
        path: format!("{}/{change}/{index}", path.as_deref().unwrap_or("m")),
        address: r.get(5)?,
        label: r.get(6)?,
        purpose: r.get(7)?,
        transactions: 0,
        balance: None,
        balance_sat: None,
        eth_balances: None,
    };
    Ok(row.with_usage(r.get(8)?, stored_text(r, 9)?))
}

/// Column `i` as text: the empty string for a value that is not text (a number where a
/// decimal string belongs), which then fails to decode.
fn stored_text<'r>(r: &'r rusqlite::Row<'_>, i: usize) -> rusqlite::Result<&'r str> {
    Ok(r.get_ref(i)?.as_str().unwrap_or(""))
}

/// Which addresses `list_addresses` returns.
#[derive(Debug, Clone, Copy, Default)]
pub struct AddressFilter<'a> {
    /// Only this chain.
    pub chain: Option<crate::chain::Chain>,
    /// Only labels containing this (case-insensitive).
    pub label: Option<&'a str>,
    /// Only used (`Some(true)`) or unused (`Some(false)`) addresses.
    pub used: Option<bool>,
}

/// Addresses of a wallet, optionally of one chain and with a label containing `label`.
pub fn list_addresses(
    conn: &Connection,
    wallet: &WalletRow,
    filter: AddressFilter<'_>,
) -> Result<Vec<AddressRow>> {
    let mut out = vec![];
    for account in wallet
        .accounts
        .iter()
        .filter(|a| filter.chain.is_none_or(|c| a.chain == c))
    {
        out.extend(account_addresses(conn, wallet, account, filter, None, -1)?);
    }
    Ok(out)
}

/// At most `limit` addresses of one account of `wallet` (all for -1) matching `filter`,
/// in (change, index) order, after the (change, index) `after`: the unique index
/// serves it from that point, with no sort.
pub fn account_addresses(
    conn: &Connection,
    wallet: &WalletRow,
    account: &AccountRow,
    filter: AddressFilter<'_>,
    after: Option<(u32, u32)>,
    limit: i64,
) -> Result<Vec<AddressRow>> {
    let label = label_condition(filter.label);
    let sql = if after.is_some() {
        format!(
            "SELECT change, idx, address, label, purpose, tx_count, balance FROM addresses
             WHERE account_id = ?1 AND {label} AND (?3 IS NULL OR (tx_count > 0) = ?3)
               AND (change, idx) > (?5, ?6) ORDER BY change, idx LIMIT ?4"
        )
    } else {
        format!(
            "SELECT change, idx, address, label, purpose, tx_count, balance FROM addresses
             WHERE account_id = ?1 AND {label} AND (?3 IS NULL OR (tx_count > 0) = ?3)
             ORDER BY change, idx LIMIT ?4"
        )
    };
    let mut stmt = conn
        .prepare_cached(&sql)
        .context("preparing address list")?;
    let prefix = account.path.as_deref().unwrap_or("m");
    let chain = account.chain;
    let read = |r: &rusqlite::Row<'_>| {
        let change: u32 = r.get(0)?;
        let index: u32 = r.get(1)?;
        let row = AddressRow {
            wallet: wallet.name.clone(),
            chain,
            kind: if change == 0 { "receiving" } else { "change" },
            index,
            path: format!("{prefix}/{change}/{index}"),
            address: r.get(2)?,
            label: r.get(3)?,
            purpose: r.get(4)?,
            transactions: 0,
            balance: None,
            balance_sat: None,
            eth_balances: None,
        };
        Ok(row.with_usage(r.get(5)?, stored_text(r, 6)?))
    };
    let rows = match after {
        Some((change, idx)) => stmt.query_map(
            params![account.id, filter.label, filter.used, limit, change, idx],
            read,
        ),
        None => stmt.query_map(params![account.id, filter.label, filter.used, limit], read),
    }
    .context("listing addresses")?;
    let mut out = vec![];
    for row in rows {
        out.push(row.context("reading addresses")??);
    }
    Ok(out)
}

/// The condition on `label` for the text `?2` (none: every address): a non-empty text
/// matches labelled addresses only, said so, so that the labelled index answers.
fn label_condition(label: Option<&str>) -> &'static str {
    match label {
        Some(l) if !l.is_empty() => "label IS NOT NULL AND instr(lower(label), lower(?2)) > 0",
        _ => "(?2 IS NULL OR instr(lower(coalesce(label, '')), lower(?2)) > 0)",
    }
}

/// How many addresses of the account `account_id` match `filter` (its chain aside):
/// read from the kept count when nothing else filters, else counted.
pub fn count_addresses(
    conn: &Connection,
    account_id: i64,
    filter: AddressFilter<'_>,
) -> Result<u64> {
    let n: i64 = if filter.label.is_none() && filter.used.is_none() {
        conn.query_row(
            "SELECT coalesce(sum(n), 0) FROM address_counts WHERE account_id = ?1",
            [account_id],
            |r| r.get(0),
        )
    } else {
        conn.query_row(
            &format!(
                "SELECT count(*) FROM addresses WHERE account_id = ?1 AND {}
                   AND (?3 IS NULL OR (tx_count > 0) = ?3)",
                label_condition(filter.label)
            ),
            params![account_id, filter.label, filter.used],
            |r| r.get(0),
        )
    }
    .context("counting addresses")?;
    Ok(n as u64)
}

/// The condition "column `address` is the address ?1" (case-insensitive for `0x`
/// addresses), in the form the `addresses_tail` index answers.
pub const ADDRESS_IS: &str = "lower(substr(address, -10)) = lower(substr(?1, -10))
     AND (address = ?1 OR (address LIKE '0x%' AND lower(address) = lower(?1)))";

/// The stored address equal to `address` (case-insensitive for `0x` addresses).
pub fn find_address(conn: &Connection, address: &str) -> Result<AddressRow> {
    let sql =
        format!("{ADDRESS_SELECT} WHERE a.id IN (SELECT id FROM addresses WHERE {ADDRESS_IS})");
    conn.query_row(&sql, [address.trim()], address_row)
        .optional()
        .context("looking up address")?
        .ok_or_else(|| Error::NotFound(format!("address {} in this vault", address.trim())))?
}

/// Every stored address equal to `address`, by wallet name: more than one when two
/// wallets hold the same keys (`--allow-duplicate`).
pub fn find_addresses(conn: &Connection, address: &str) -> Result<Vec<AddressRow>> {
    let sql = format!(
        "{ADDRESS_SELECT} WHERE a.id IN (SELECT id FROM addresses WHERE {ADDRESS_IS})
         ORDER BY w.name, c.chain"
    );
    let mut stmt = conn.prepare(&sql).context("looking up address")?;
    let rows = stmt
        .query_map([address.trim()], address_row)
        .context("looking up address")?
        .collect::<rusqlite::Result<Vec<_>>>()
        .context("reading address")?;
    rows.into_iter().collect()
}

/// Whether the account holds `address` (revealed, either branch): what the wallet
/// engine calls its own, for a transaction it holds (applying one reveals every address
/// it pays, and every write stores the revealed ones).
pub fn holds_address(conn: &Connection, account_id: i64, address: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached(&holds_query())
        .and_then(|mut s| {
            s.query_row(params![address, account_id], |_| Ok(()))
                .optional()
        })
        .context("reading addresses")?
        .is_some())
}

/// The query of [`holds_address`]: by the `addresses_tail` index.
fn holds_query() -> String {
    format!("SELECT 1 FROM addresses WHERE account_id = ?2 AND {ADDRESS_IS}")
}

/// The stored address equal to `address` in `wallet` (`not_found` for an unknown
/// wallet, or an address it does not hold); without a wallet, the one wallet holding
/// it: an address two wallets hold is `usage` (exit 2), naming them.
pub fn find_address_in(
    conn: &Connection,
    address: &str,
    wallet: Option<&str>,
) -> Result<AddressRow> {
    let mut rows = find_addresses(conn, address)?;
    let address = address.trim();
    if let Some(name) = wallet {
        get(conn, name)?;
        rows.retain(|r| r.wallet == name);
        return rows
            .into_iter()
            .next()
            .ok_or_else(|| Error::NotFound(format!("address {address} in wallet '{name}'")));
    }
    match rows.len() {
        0 => Err(Error::NotFound(format!("address {address} in this vault"))),
        1 => Ok(rows.remove(0)),
        _ => {
            let names: Vec<String> = rows.iter().map(|r| format!("'{}'", r.wallet)).collect();
            Err(Error::Usage(format!(
                "{address} is an address of several wallets ({}): choose one with --wallet",
                names.join(", ")
            )))
        }
    }
}

/// Sets the label of a stored address of `wallet` (the one wallet holding it when
/// `None`, see [`find_address_in`]); an empty label clears it.
pub fn set_label(
    conn: &Connection,
    address: &str,
    wallet: Option<&str>,
    label: &str,
) -> Result<AddressRow> {
    let row = find_address_in(conn, address, wallet)?;
    conn.execute(
        &format!(
            "UPDATE addresses SET label = ?2 WHERE {ADDRESS_IS}
               AND account_id IN (SELECT c.id FROM accounts c JOIN wallets w
                                  ON c.wallet_id = w.id WHERE w.name = ?3)"
        ),
        params![
            row.address,
            Some(label.trim()).filter(|l| !l.is_empty()),
            row.wallet
        ],
    )
    .context("labelling address")?;
    find_address_in(conn, &row.address, Some(&row.wallet))
}

/// The wallet of this vault (archived ones included) that already holds the keys of
/// one of `accounts`, and which keys: an account of the same chain (and Bitcoin
/// network) whose first receive address is the same, i.e. the same seed, passphrase,
/// script type, account and network, or the same watch-only keys.
pub fn duplicate_of(
    conn: &Connection,
    accounts: &[AccountRow],
) -> Result<Option<(String, String)>> {
    let ids: Vec<(i64, String)> = conn
        .prepare("SELECT id, name FROM wallets ORDER BY name")
        .and_then(|mut s| s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect())
        .context("listing wallets")?;
    for new in accounts {
        let first = new.addresses(0, 0, 1)?.remove(0);
        for (id, name) in &ids {
            for old in accounts_of(conn, *id)?
                .iter()
                .filter(|o| o.chain == new.chain && o.network == new.network)
            {
                let same = match old.addresses(0, 0, 1) {
                    Ok(a) => a[0].eq_ignore_ascii_case(&first),
                    Err(_) => false,
                };
                if same {
                    let mut parts = vec![];
                    if let Some(fp) = &new.fingerprint {
                        parts.push(format!("fingerprint {fp}"));
                    }
                    if let Some(st) = &new.script_type {
                        parts.push(st.clone());
                    }
                    parts.push(
                        new.network
                            .map_or_else(|| "EVM".into(), |n| n.name().to_string()),
                    );
                    if let Some(p) = &new.path {
                        parts.push(p.clone());
                    }
                    let what = format!(
                        "the keys of this {} account ({})",
                        if new.chain == crate::chain::Chain::Eth {
                            "Ethereum"
                        } else {
                            "Bitcoin"
                        },
                        parts.join(", ")
                    );
                    return Ok(Some((name.clone(), what)));
                }
            }
        }
    }
    Ok(None)
}

/// Refuses `accounts` when their keys are already a wallet of this vault (see
/// [`duplicate_of`]), unless `allow`.
pub fn ensure_not_duplicate(conn: &Connection, accounts: &[AccountRow], allow: bool) -> Result<()> {
    if allow {
        return Ok(());
    }
    match duplicate_of(conn, accounts)? {
        Some((existing, what)) => Err(Error::DuplicateWallet { existing, what }),
        None => Ok(()),
    }
}

/// Renames a wallet: `not_found` for an unknown one, `invalid_input` for a taken name.
/// Its held sends (which name it) follow it.
pub fn rename(conn: &Connection, old: &str, new: &str) -> Result<()> {
    get(conn, old)?;
    ensure_name_free(conn, new)?;
    conn.execute("UPDATE wallets SET name = ?1 WHERE name = ?2", [new, old])
        .context("renaming wallet")?;
    conn.execute(
        "UPDATE approvals SET wallet = ?1 WHERE wallet = ?2",
        [new, old],
    )
    .context("renaming wallet")?;
    Ok(())
}

/// Archives (hides from lists) or restores a wallet.
pub fn set_archived(conn: &Connection, name: &str, archived: bool) -> Result<()> {
    get(conn, name)?;
    conn.execute(
        "UPDATE wallets SET archived = ?1 WHERE name = ?2",
        params![archived, name],
    )
    .context("archiving wallet")?;
    Ok(())
}

/// The stored address of `account_id` at `change`/`idx`, if one is stored (`None` also
/// when it cannot be read: the caller compares it with a derived one).
pub fn stored_address(conn: &Connection, account_id: i64, change: u32, idx: u32) -> Option<String> {
    conn.query_row(
        "SELECT address FROM addresses WHERE account_id = ?1 AND change = ?2 AND idx = ?3",
        params![account_id, change, idx],
        |r| r.get(0),
    )
    .ok()
}

/// The lowest receiving address of an account with no transactions, no label and no
/// purpose: one nobody has been given yet. `None` when every one is taken.
pub fn first_unused_receiving(conn: &Connection, account_id: i64) -> Result<Option<(u32, String)>> {
    conn.query_row(
        "SELECT idx, address FROM addresses
         WHERE account_id = ?1 AND change = 0 AND tx_count = 0
           AND label IS NULL AND purpose IS NULL
         ORDER BY idx LIMIT 1",
        [account_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()
    .context("looking for an unused address")
    .map_err(Into::into)
}

/// Sets label and purpose of one address by its position.
pub fn set_label_at(
    conn: &Connection,
    account_id: i64,
    change: u32,
    index: u32,
    label: Option<&str>,
    purpose: Option<&str>,
) -> Result<()> {
    conn.execute(
        "UPDATE addresses SET label = coalesce(?4, label), purpose = coalesce(?5, purpose)
         WHERE account_id = ?1 AND change = ?2 AND idx = ?3",
        params![account_id, change, index, label, purpose],
    )
    .context("labelling address")?;
    Ok(())
}

/// Records when a wallet's keys were made (a new mnemonic): nothing paid them earlier.
pub fn set_birth(conn: &Connection, wallet_id: i64, at: i64) -> Result<()> {
    conn.execute(
        "UPDATE wallets SET birth = ?2 WHERE id = ?1",
        params![wallet_id, at],
    )
    .context("recording the wallet's birth")?;
    Ok(())
}

/// When a wallet's keys were made, if coffer made them (`None`: imported keys).
pub fn birth(conn: &Connection, wallet_id: i64) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT birth FROM wallets WHERE id = ?1",
            [wallet_id],
            |r| r.get(0),
        )
        .context("reading the wallet's birth")?)
}

/// How many wallets the vault holds (archived ones included).
pub fn count(conn: &Connection) -> Result<i64> {
    Ok(conn
        .query_row("SELECT count(*) FROM wallets", [], |r| r.get(0))
        .context("counting wallets")?)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Asking whether an account holds an address reads the address index, not the
    /// table (`history show` asks it for every input and output).
    #[test]
    fn an_address_is_looked_up_by_its_index() {
        let mut conn = crate::vault::schema::memory_connection().unwrap();
        crate::vault::schema::migrate(&mut conn).unwrap();
        let plan: Vec<String> = conn
            .prepare(&format!("EXPLAIN QUERY PLAN {}", holds_query()))
            .unwrap()
            .query_map(params!["bcrt1qexample", 1], |r| r.get(3))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert!(plan.join("; ").contains("addresses_tail"), "{plan:?}");
        assert!(!holds_address(&conn, 1, "bcrt1qexample").unwrap());
    }

    /// A list of the addresses with a label, and their count, read the labelled
    /// addresses' covering index alone, in order (no sort, no table row).
    #[test]
    fn labelled_addresses_are_read_from_their_covering_index() {
        let mut conn = crate::vault::schema::memory_connection().unwrap();
        crate::vault::schema::migrate(&mut conn).unwrap();
        let label = label_condition(Some("bench"));
        for sql in [
            format!(
                "SELECT change, idx, address, label, purpose, tx_count, balance FROM addresses
                 WHERE account_id = ?1 AND {label} AND (?3 IS NULL OR (tx_count > 0) = ?3)
                 ORDER BY change, idx LIMIT ?4"
            ),
            format!(
                "SELECT count(*) FROM addresses WHERE account_id = ?1 AND {label}
                   AND (?3 IS NULL OR (tx_count > 0) = ?3) AND ?4 IS NULL"
            ),
        ] {
            let plan: Vec<String> = conn
                .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
                .unwrap()
                .query_map(params![1, "bench", None::<bool>, -1], |r| r.get(3))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            let plan = plan.join("; ");
            assert!(plan.contains("COVERING INDEX addresses_labelled"), "{plan}");
            assert!(!plan.contains("TEMP B-TREE"), "{plan}");
        }
    }
}
