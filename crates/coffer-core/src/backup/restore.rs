//! Restoring: a full backup's vault as a new user (the checks and the target; the
//! registration itself is the caller's), a backup's labels, notes, settings and rates
//! merged into a vault, and a wallet recreated from its phrase (its first addresses).

use super::Header;
use super::verify::{Parts, open_current};
use crate::chain::{Chain, Network, btc, eth};
use crate::clock;
use crate::error::{Error, Result};
use crate::vault::Vault;
use crate::vault::audit::{self, Event, Severity};
use crate::vault::wallets::{self, NewAddresses, WalletRow};
use rusqlite::Connection;
use serde::Serialize;
use std::path::Path;

/// The user a verified backup restores as: `as_user`, else the backup's user; the
/// backup must be a full one (a partial one holds no keys) and the name a valid one.
pub fn restore_user(header: &Header, as_user: Option<&str>) -> Result<String> {
    if header.kind != "full" {
        return Err(Error::invalid(
            "file",
            "a partial backup holds no keys: restore it into a vault with `coffer restore partial`",
        ));
    }
    let user = as_user.map_or_else(|| header.user.clone(), str::to_string);
    // Before the name becomes a path (a backup's header is not to be trusted with one).
    crate::vault::profile::validate_username(&user)?;
    Ok(user)
}

/// A verified full backup opened to become a user's vault: its database (at the current
/// schema) and the names of its wallets.
pub fn open_restorable(plain: &[u8], parts: &Parts) -> Result<(Connection, Vec<String>)> {
    let conn = open_current(plain, parts)?;
    let names: Vec<String> = wallets::list(&conn)?.into_iter().map(|w| w.name).collect();
    Ok((conn, names))
}

pub use crate::vault::backup::Merged;

/// Merges labels, notes, categories, settings and rates of a verified backup (`plain`,
/// read from `file`) into `vault` in one write (the backup's values win).
pub fn merge_partial(vault: &Vault, plain: &[u8], parts: &Parts, file: &Path) -> Result<Merged> {
    let src = open_current(plain, parts)?;
    let annotations = crate::vault::backup::annotations(&src)?;
    vault.write(|c| {
        let m = crate::vault::backup::merge_annotations(c, &annotations)?;
        audit::record(
            c,
            &Event::new(
                "restore_partial",
                Severity::Info,
                true,
                serde_json::json!({
                    "file": file.display().to_string(),
                    "addresses": m.addresses,
                    "transactions": m.transactions,
                    "settings": m.settings,
                    "rates": m.rates,
                }),
            ),
        )?;
        Ok(m)
    })
}

/// One restored account.
#[derive(Debug, Serialize)]
pub struct RestoredAccount {
    /// `btc` or `eth`.
    pub chain: Chain,
    /// Account path.
    pub path: String,
    /// The first receive addresses (at most 5 shown).
    pub first_addresses: Vec<String>,
}

/// The keys a phrase restores, for a dry run: each chain's account path and first
/// `shown` receive addresses, derived from `seed` (nothing stored).
pub fn preview_accounts(
    seed: &[u8],
    chains: &[Chain],
    network: Network,
    script_type: btc::ScriptType,
    account: u32,
    shown: u32,
) -> Result<Vec<RestoredAccount>> {
    let secp = bitcoin::secp256k1::Secp256k1::new();
    let mut accounts = vec![];
    for chain in chains {
        match chain {
            Chain::Btc => {
                let master = btc::master(seed, network)?;
                let acct = btc::Account::derive(&secp, &master, script_type, network, account)?;
                accounts.push(RestoredAccount {
                    chain: Chain::Btc,
                    path: btc::account_path(script_type, network, account)?.to_string(),
                    first_addresses: (0..shown)
                        .map(|i| acct.address(&secp, 0, i).map(|a| a.to_string()))
                        .collect::<Result<_>>()?,
                });
            }
            Chain::Eth => {
                let master = btc::master(seed, Network::Bitcoin)?;
                accounts.push(RestoredAccount {
                    chain: Chain::Eth,
                    path: eth::account_path(0)?.to_string(),
                    first_addresses: (0..shown)
                        .map(|i| {
                            eth::derive_address(&secp, &master, i).map(|a| a.to_checksum(None))
                        })
                        .collect::<Result<_>>()?,
                });
            }
        }
    }
    Ok(accounts)
}

/// Derives and stores the first `gap_limit` addresses of each branch of the accounts of
/// the restored wallet `w` (receive, and change for a Bitcoin account that has it), in
/// the write `c`; branches already that far are left alone.
pub fn derive_gap(c: &Connection, w: &WalletRow, gap_limit: u32) -> Result<()> {
    for a in &w.accounts {
        let branches: &[u32] =
            if a.chain == crate::chain::Chain::Btc && a.internal_descriptor.is_some() {
                &[0, 1]
            } else {
                &[0]
            };
        for &change in branches {
            let start = wallets::next_index(c, a.id, change)?;
            if start >= gap_limit {
                continue;
            }
            let addresses = a.addresses(change, start, gap_limit - start)?;
            wallets::insert_addresses(
                c,
                &NewAddresses {
                    account_id: a.id,
                    change,
                    start,
                    addresses: &addresses,
                    label: None,
                    purpose: None,
                },
                clock::now(),
            )?;
        }
    }
    Ok(())
}

/// The restored wallet's accounts with their first `shown` receive addresses.
pub fn restored_accounts(w: &WalletRow, shown: u32) -> Result<Vec<RestoredAccount>> {
    let mut accounts = vec![];
    for a in &w.accounts {
        accounts.push(RestoredAccount {
            chain: a.chain,
            path: a.path.clone().unwrap_or_default(),
            first_addresses: a.addresses(0, 0, shown)?,
        });
    }
    Ok(accounts)
}
