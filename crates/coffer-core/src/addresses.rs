//! `addr list`: a wallet's (or every wallet's) addresses, whole or a page at a time.
//! Pages follow the order of the whole list (wallets by name, then each wallet's
//! accounts, then (change, index)); a page's cursor names its last address by account,
//! branch and index, so addresses derived meanwhile never shift the next page, and each
//! page reads only its own rows (the index on (account, change, index) starts there).

use crate::balance;
use crate::error::Result;
use crate::paging;
use crate::vault::wallets::{self, AddressFilter, AddressRow};
use rusqlite::Connection;
use serde::Serialize;

/// A list of addresses.
#[derive(Debug, Serialize)]
pub struct Page {
    /// The addresses.
    pub items: Vec<AddressRow>,
    /// How many match the filters in all (every page together).
    pub total: u64,
    /// Pass to `--cursor` for the next page; null on the last one (always null without
    /// a limit).
    pub next_cursor: Option<String>,
}

/// The addresses of `wallet` (every wallet when `None`) matching `filter`: at most
/// `limit` of them (all when `None`), after the address `cursor` names (a previous
/// page's `next_cursor`).
pub fn list(
    conn: &Connection,
    wallet: Option<&str>,
    filter: AddressFilter<'_>,
    limit: Option<u32>,
    cursor: Option<&str>,
) -> Result<Page> {
    let chosen = match wallet {
        Some(name) => vec![wallets::get(conn, name)?],
        None => match wallets::list(conn)? {
            all if all.is_empty() => vec![wallets::resolve(conn, None)?],
            all => all,
        },
    };
    let query = format!("{wallet:?}|{filter:?}");
    let mut after = cursor.map(|c| paging::parse(&query, c, 3)).transpose()?;
    let mut items: Vec<AddressRow> = vec![];
    // Each listed address's key (account, change, index): a page's cursor.
    let mut keys: Vec<[i64; 3]> = vec![];
    let mut total = 0;
    for w in &chosen {
        let first = items.len();
        for account in w
            .accounts
            .iter()
            .filter(|a| filter.chain.is_none_or(|c| a.chain == c))
        {
            total += wallets::count_addresses(conn, account.id, filter)?;
            // Accounts before the cursor's are skipped; its own resumes after it.
            let from = match after.as_deref() {
                Some([id, change, idx]) if *id == account.id => {
                    let key = (
                        u32::try_from(*change).map_err(|_| paging::bad())?,
                        u32::try_from(*idx).map_err(|_| paging::bad())?,
                    );
                    after = None;
                    Some(key)
                }
                Some(_) => continue,
                None => None,
            };
            // One more than asked tells whether a next page exists.
            let room = limit.map(|l| i64::from(l) + 1 - items.len() as i64);
            if room.is_some_and(|r| r <= 0) {
                continue;
            }
            let rows =
                wallets::account_addresses(conn, w, account, filter, from, room.unwrap_or(-1))?;
            for row in rows {
                let change = i64::from(row.kind == "change");
                keys.push([account.id, change, i64::from(row.index)]);
                items.push(row);
            }
        }
        balance::with_eth_balances(conn, w, &mut items[first..])?;
    }
    if after.is_some() {
        // The account it names is not in this list (any more).
        return Err(paging::bad());
    }
    let mut next_cursor = None;
    if let Some(l) = limit.map(|l| l as usize)
        && items.len() > l
    {
        items.truncate(l);
        next_cursor = Some(paging::cursor(&query, &keys[l - 1]));
    }
    Ok(Page {
        items,
        total,
        next_cursor,
    })
}
