//! `coffer wallet balance`: per wallet and currency, confirmed, pending and total, read
//! from the balances kept current by every write (no wallet is rebuilt).

use crate::chain::asset::{Amount, Asset};
use crate::chain::{Chain, Network};
use crate::cli::balance::BalanceArgs;
use crate::clock;
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::vault::{backends, txs, wallets};
use coffer_core::valuation;
use serde::Serialize;

/// The balance of one account in one currency.
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
    /// `BTC`, `ETH`, or a token symbol.
    pub currency: String,
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
            chain: self.chain,
            network: self.network,
            chain_id: self.chain_id,
            currency: &self.currency,
            total_units: &self.total_units,
        }
    }

    /// An EVM balance read by `wallet sync`.
    fn evm(wallet: &str, chain_id: u64, balance: &Amount, at: i64) -> Self {
        let d = balance.decimal();
        let units = balance.abs_units();
        AccountBalance {
            wallet: wallet.into(),
            chain: Chain::Eth,
            network: None,
            chain_id: Some(chain_id),
            currency: balance.asset.symbol().into(),
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
            updated_at: Some(clock::rfc3339(at)),
            fiat: None,
        }
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

/// Runs `coffer wallet balance`.
pub fn balance(ctx: &Ctx, args: BalanceArgs) -> Result<Balances> {
    let unlocked = ctx.unlock()?;
    let conn = unlocked.vault.read()?;
    balances_of(&unlocked, &conn, args.wallet.as_deref())
}

/// The balances (of `wallet` only, if given) from a vault already unlocked and read
/// (`coffer status`).
pub fn balances_of(
    unlocked: &crate::context::Unlocked,
    conn: &coffer_core::Db,
    wallet: Option<&str>,
) -> Result<Balances> {
    let list = match wallet {
        Some(name) => vec![wallets::get(conn, name)?],
        None => wallets::list(conn)?,
    };
    let tokens = backends::tokens(conn, None)?;
    let mut items = vec![];
    for w in &list {
        for a in &w.accounts {
            if a.chain == Chain::Eth {
                // EVM balances are what the last `wallet sync` read.
                for st in backends::eth_state(conn, a.id)? {
                    // Exact for any 256-bit balance; a stored value that does not
                    // decode is damage, never a number.
                    let units = st.balance.parse::<alloy_primitives::U256>().map_err(|_| {
                        Error::VaultDamaged {
                            reason: format!(
                                "a stored {} balance of wallet '{}' is not a number",
                                st.asset, w.name
                            ),
                            dir: unlocked.vault.paths.dir.clone(),
                        }
                    })?;
                    // A token no longer in the list is not shown.
                    let Some(asset) =
                        Asset::resolve(&tokens, Chain::Eth, None, Some(st.chain_id), &st.asset)?
                    else {
                        continue;
                    };
                    let balance = Amount::unsigned(asset, units);
                    items.push(AccountBalance::evm(
                        &w.name,
                        st.chain_id,
                        &balance,
                        st.synced_at,
                    ));
                }
                continue;
            }
            let b = txs::balance(conn, a.id)?;
            let btc = Asset::resolve(&tokens, a.chain, a.network, None, "BTC")?
                .ok_or_else(|| txs::damaged("Bitcoin asset", "BTC"))?;
            let sat = |v: u128| u64::try_from(v).unwrap_or(u64::MAX);
            let (c, p, i) = (sat(b.confirmed), sat(b.pending), sat(b.immature));
            let total = c.saturating_add(p).saturating_add(i);
            let decimal = |v: u64| Amount::new(btc.clone(), i128::from(v)).decimal();
            items.push(AccountBalance {
                wallet: w.name.clone(),
                chain: a.chain,
                network: a.network,
                chain_id: None,
                currency: "BTC".into(),
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
            });
        }
    }
    // Values now, in the preferred currency; test networks have none.
    let fiat = valuation::preferred(conn)?;
    let now = clock::now();
    let holdings: Vec<valuation::Holding<'_>> = items.iter().map(AccountBalance::holding).collect();
    let worth = valuation::portfolio(conn, &tokens, &fiat, now, &holdings)?;
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
