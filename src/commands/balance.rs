//! `coffer wallet balance`: per wallet and currency, confirmed, pending and total, read
//! from the balances kept current by every write (no wallet is rebuilt).

use crate::chain::amount;
use crate::clock;
use crate::context::Ctx;
use crate::error::Result;
use crate::output::{Human, Report};
use crate::vault::{txs, wallets};
use serde::Serialize;

/// Arguments of `wallet balance`.
#[derive(Debug, clap::Args)]
pub struct BalanceArgs {
    /// Only this wallet (default: every wallet).
    #[arg(long)]
    pub wallet: Option<String>,
}

/// The balance of one account.
#[derive(Debug, Serialize)]
pub struct AccountBalance {
    /// The wallet.
    pub wallet: String,
    /// `btc` or `eth`.
    pub chain: String,
    /// Bitcoin network.
    pub network: Option<String>,
    /// `BTC`, `ETH`, …
    pub currency: String,
    /// Confirmed (decimal).
    pub confirmed: String,
    /// Confirmed in the smallest unit.
    pub confirmed_sat: u64,
    /// Unconfirmed: incoming, and our own unconfirmed change (decimal).
    pub pending: String,
    /// Pending in the smallest unit.
    pub pending_sat: u64,
    /// Coinbase outputs not yet mature (decimal).
    pub immature: String,
    /// Immature in the smallest unit.
    pub immature_sat: u64,
    /// confirmed + pending + immature (decimal).
    pub total: String,
    /// Total in the smallest unit.
    pub total_sat: u64,
    /// When the wallet last changed (RFC 3339; null if never).
    pub updated_at: Option<String>,
}

/// `wallet balance` output.
#[derive(Debug, Serialize)]
pub struct Balances {
    /// One row per account.
    pub items: Vec<AccountBalance>,
}

impl Report for Balances {
    fn human(&self, out: &mut Human) {
        if self.items.is_empty() {
            out.line("No Bitcoin accounts yet; create a wallet with `coffer wallet create NAME`.");
            return;
        }
        let rows = self
            .items
            .iter()
            .map(|b| {
                vec![
                    b.wallet.clone(),
                    format!(
                        "{}{}",
                        b.currency,
                        b.network
                            .as_deref()
                            .filter(|n| *n != "bitcoin")
                            .map(|n| format!(" ({n})"))
                            .unwrap_or_default()
                    ),
                    b.confirmed.clone(),
                    b.pending.clone(),
                    b.total.clone(),
                ]
            })
            .collect();
        out.table(
            &["wallet", "currency", "confirmed", "pending", "total"],
            rows,
        );
    }
}

/// Runs `coffer wallet balance`.
pub fn balance(ctx: &Ctx, args: BalanceArgs) -> Result<Balances> {
    let conn = ctx.unlock()?.vault.read()?;
    let list = match &args.wallet {
        Some(name) => vec![wallets::get(&conn, name)?],
        None => wallets::list(&conn)?,
    };
    let mut items = vec![];
    for w in &list {
        // Ethereum balances come from a backend sync; only Bitcoin is known offline.
        for a in w.accounts.iter().filter(|a| a.chain == "btc") {
            let b = txs::balance(&conn, a.id)?;
            let sat = |v: u128| u64::try_from(v).unwrap_or(u64::MAX);
            let (c, p, i) = (sat(b.confirmed), sat(b.pending), sat(b.immature));
            let total = c.saturating_add(p).saturating_add(i);
            items.push(AccountBalance {
                wallet: w.name.clone(),
                chain: a.chain.clone(),
                network: a.network.clone(),
                currency: "BTC".into(),
                confirmed: amount::format_btc(c),
                confirmed_sat: c,
                pending: amount::format_btc(p),
                pending_sat: p,
                immature: amount::format_btc(i),
                immature_sat: i,
                total: amount::format_btc(total),
                total_sat: total,
                updated_at: (b.updated_at > 0).then(|| clock::rfc3339(b.updated_at)),
            });
        }
    }
    Ok(Balances { items })
}
