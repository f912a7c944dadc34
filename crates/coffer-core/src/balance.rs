//! Balances: per wallet and asset, confirmed, pending and total, read from what every
//! write keeps current (Bitcoin) and what the last `wallet sync` read (EVM: per account
//! and per address), each decoded once into an [`Amount`], and valued in the preferred
//! fiat currency.

use crate::chain::asset::{self, Amount, Asset};
use crate::chain::{Chain, Network};
use crate::clock;
use crate::error::Result;
use crate::valuation;
use crate::vault::wallets::{AddressRow, WalletRow};
use crate::vault::{backends, txs, wallets};
use rusqlite::Connection;
use serde::Serialize;

/// The balance of one account in one asset.
#[derive(Debug, Serialize)]
pub struct AccountBalance {
    /// The wallet.
    pub wallet: String,
    /// `btc` or `eth`.
    pub chain: Chain,
    /// Bitcoin network (null for EVM).
    pub network: Option<Network>,
    /// EVM chain id (null for Bitcoin).
    pub chain_id: Option<u64>,
    /// What it counts: bitcoin, ether or a token (`currency` in JSON: `BTC`, `ETH`, or
    /// the token's symbol).
    #[serde(rename = "currency", serialize_with = "asset::symbol")]
    pub asset: Asset,
    /// Confirmed (decimal).
    pub confirmed: String,
    /// Confirmed in the smallest unit (sat, wei, token base unit).
    pub confirmed_units: String,
    /// Confirmed in satoshis (Bitcoin only).
    pub confirmed_sat: Option<u64>,
    /// Unconfirmed: incoming, and our own unconfirmed change (decimal; EVM: 0).
    pub pending: String,
    /// Pending in the smallest unit.
    pub pending_units: String,
    /// Pending in satoshis (Bitcoin only).
    pub pending_sat: Option<u64>,
    /// Coinbase outputs not yet mature (decimal).
    pub immature: String,
    /// Immature in satoshis (Bitcoin only).
    pub immature_sat: Option<u64>,
    /// confirmed + pending + immature (decimal).
    pub total: String,
    /// Total in the smallest unit.
    pub total_units: String,
    /// Total in satoshis (Bitcoin only).
    pub total_sat: Option<u64>,
    /// When it was last updated: the last wallet change (Bitcoin) or sync (EVM).
    pub updated_at: Option<String>,
    /// The total's value now in the preferred fiat currency.
    pub fiat: Option<valuation::Valuation>,
}

impl AccountBalance {
    /// The balance as valuation needs it.
    pub fn holding(&self) -> valuation::Holding<'_> {
        valuation::Holding {
            asset: &self.asset,
            total_units: &self.total_units,
        }
    }

    /// An EVM balance read by `wallet sync`.
    fn evm(wallet: &str, b: &backends::EthBalance) -> Self {
        let d = b.amount.decimal();
        let units = b.amount.abs_units();
        AccountBalance {
            wallet: wallet.into(),
            chain: Chain::Eth,
            network: None,
            chain_id: Some(b.chain_id()),
            asset: b.amount.asset.clone(),
            confirmed: d.clone(),
            confirmed_units: units.to_string(),
            confirmed_sat: None,
            pending: "0".into(),
            pending_units: "0".into(),
            pending_sat: None,
            immature: "0".into(),
            immature_sat: None,
            total: d,
            total_units: units.to_string(),
            total_sat: None,
            updated_at: Some(clock::rfc3339(b.synced_at)),
            fiat: None,
        }
    }

    /// A Bitcoin account's balance, kept current by every write.
    fn bitcoin(wallet: &str, network: Option<Network>, b: &txs::Balance) -> Result<Self> {
        let btc = Asset::stored_bitcoin(network, "BTC")?;
        let sat = |v: u128| u64::try_from(v).unwrap_or(u64::MAX);
        let (c, p, i) = (sat(b.confirmed), sat(b.pending), sat(b.immature));
        let total = c.saturating_add(p).saturating_add(i);
        let decimal = |v: u64| Amount::new(btc.clone(), i128::from(v)).decimal();
        Ok(AccountBalance {
            wallet: wallet.into(),
            chain: Chain::Btc,
            network,
            chain_id: None,
            confirmed: decimal(c),
            confirmed_units: c.to_string(),
            confirmed_sat: Some(c),
            pending: decimal(p),
            pending_units: p.to_string(),
            pending_sat: Some(p),
            immature: decimal(i),
            immature_sat: Some(i),
            total: decimal(total),
            total_units: total.to_string(),
            total_sat: Some(total),
            updated_at: (b.updated_at > 0).then(|| clock::rfc3339(b.updated_at)),
            fiat: None,
            asset: btc,
        })
    }
}

/// `wallet balance` output.
#[derive(Debug, Serialize)]
pub struct Balances {
    /// One row per account.
    pub items: Vec<AccountBalance>,
    /// The preferred fiat currency.
    pub fiat_currency: String,
    /// The sum of the rows' fiat values (cents, each row rounded half up).
    pub portfolio_total: String,
    /// Currencies held (on main networks) that have no rate: not in the total.
    pub unvalued: Vec<String>,
    /// Whether any row has a fiat value: when false, `portfolio_total` ("0.00") is no
    /// value at all (shown as "no value").
    pub valued: bool,
    /// Where the last `wallet sync` left each account (none: never synced; Bitcoin
    /// balances then come from offline imports and sends only).
    pub synced: Vec<txs::SyncPoint>,
}

/// The balances (of `wallet` only, if given), valued now. A stored asset or balance
/// that does not decode is `vault_damaged`; a token no longer in the list is not shown.
pub fn balances(conn: &Connection, wallet: Option<&str>) -> Result<Balances> {
    let list = match wallet {
        Some(name) => vec![wallets::get(conn, name)?],
        None => wallets::list(conn)?,
    };
    let tokens = backends::tokens(conn, None)?;
    let mut items = vec![];
    for w in &list {
        for a in &w.accounts {
            match a.chain {
                // EVM balances are what the last `wallet sync` read.
                Chain::Eth => {
                    for b in backends::eth_balances(conn, a.id, &tokens)? {
                        items.push(AccountBalance::evm(&w.name, &b));
                    }
                }
                Chain::Btc => {
                    let b = txs::balance(conn, a.id)?;
                    items.push(AccountBalance::bitcoin(&w.name, a.network, &b)?);
                }
            }
        }
    }
    // Values now, in the preferred currency; test networks have none.
    let fiat = valuation::preferred(conn)?;
    let now = clock::now();
    let holdings: Vec<valuation::Holding<'_>> = items.iter().map(AccountBalance::holding).collect();
    let worth = valuation::portfolio(conn, &fiat, now, &holdings)?;
    for (b, v) in items.iter_mut().zip(worth.values) {
        b.fiat = Some(v);
    }
    Ok(Balances {
        items,
        portfolio_total: worth.total,
        fiat_currency: fiat,
        unvalued: worth.unvalued,
        valued: worth.valued,
        synced: txs::sync_points(conn, wallet, now)?,
    })
}

/// Fills in what the last syncs read for each Ethereum address of `wallet` among
/// `items`: its balances per chain id (ether, then tokens), and `balance` (ether) when
/// one chain was synced (`addr list`).
pub fn with_eth_balances(
    conn: &Connection,
    wallet: &WalletRow,
    items: &mut [AddressRow],
) -> Result<()> {
    let Some(account) = wallet.accounts.iter().find(|a| a.chain == Chain::Eth) else {
        return Ok(());
    };
    if !items.iter().any(|r| r.chain == Chain::Eth) {
        return Ok(());
    }
    let tokens = backends::tokens(conn, None)?;
    let states = txs::eth_address_balances(conn, account.id, &tokens)?;
    let chains: std::collections::BTreeSet<u64> =
        states.iter().map(|(_, b)| b.chain_id()).collect();
    for row in items.iter_mut().filter(|r| r.chain == Chain::Eth) {
        let list: Vec<txs::EthAddressBalance> = states
            .iter()
            .filter(|(address, _)| *address == row.address)
            .map(|(_, b)| txs::EthAddressBalance {
                chain_id: b.chain_id(),
                currency: b.amount.asset.symbol().to_string(),
                balance: b.amount.decimal(),
                balance_units: b.amount.abs_units().to_string(),
                nonce: b.nonce,
            })
            .collect();
        if chains.len() == 1 {
            row.balance = Some(
                list.iter()
                    .find(|b| b.currency == "ETH")
                    .map_or_else(|| "0".to_string(), |b| b.balance.clone())
                    .into(),
            );
        }
        row.eth_balances = Some(list);
    }
    Ok(())
}
