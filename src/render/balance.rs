//! Human rendering for `wallet balance`: one row per account, amounts on the decimal
//! point, the portfolio in the preferred currency, where each network's sync stands.

use crate::commands::balance::{AccountBalance, Balances};
use crate::output::{Align, Cell, Human, Report};

impl Report for Balances {
    fn human(&self, out: &mut Human) {
        if self.items.is_empty() {
            out.line("No balances yet: create a wallet with `coffer wallet create NAME`; EVM balances appear after `coffer wallet sync`.");
            return;
        }
        let rows = self
            .items
            .iter()
            .map(|b| {
                vec![
                    Cell::from(b.wallet.as_str()),
                    Cell::from(currency_of(b)),
                    Cell::from(b.confirmed.as_str()),
                    Cell::from(b.pending.as_str()),
                    Cell::from(b.total.as_str()),
                    Cell::from(fiat_of(b)),
                ]
            })
            .collect();
        out.table_with(
            &[
                "wallet",
                "currency",
                "confirmed",
                "pending",
                "total",
                &self.fiat_currency,
            ],
            rows,
            &[
                Align::Left,
                Align::Left,
                Align::Decimal,
                Align::Decimal,
                Align::Decimal,
                Align::Decimal,
            ],
        );
        out.kv(
            "Portfolio",
            if self.valued {
                format!("{} {}", self.portfolio_total, self.fiat_currency)
            } else {
                // Nothing has a value: "0.00 EUR" would read as one.
                "no value".to_string()
            },
        );
        let stale: Vec<String> = self
            .items
            .iter()
            .filter_map(|b| b.fiat.as_ref())
            .flat_map(|f| f.stale_pairs())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        if !stale.is_empty() {
            out.kv("Old rates", stale.join(", "));
        }
        if !self.unvalued.is_empty() {
            out.kv("No rate for", self.unvalued.join(", "));
        }
        super::history::last_sync_lines(out, &self.synced);
    }
}

/// The currency column of a balance row: the network or chain id when not the main one.
pub(super) fn currency_of(b: &AccountBalance) -> String {
    let place = match (&b.network, b.chain_id) {
        (Some(n), _) if *n != crate::chain::Network::Bitcoin => format!(" ({n})"),
        (_, Some(id)) if id != 1 => format!(" (chain {id})"),
        _ => String::new(),
    };
    format!("{}{place}", b.asset.symbol())
}

/// The fiat column of a balance row: its value, else why there is none, else nothing.
pub(super) fn fiat_of(b: &AccountBalance) -> String {
    b.fiat
        .as_ref()
        .and_then(|f| f.value.clone().or_else(|| f.missing.clone()))
        .unwrap_or_default()
}
