//! Human rendering of what `utxo` returns.

use crate::output::{Align, Cell, Human, Report};
use coffer_core::coins::Coins;

impl Report for Coins {
    fn human(&self, out: &mut Human) {
        if self.items.is_empty() {
            out.line(format!("No unspent coins in {}.", self.wallet));
        } else {
            let rows = self
                .items
                .iter()
                .map(|c| {
                    vec![
                        Cell::from(c.outpoint.as_str()),
                        Cell::from(c.amount.as_str()),
                        Cell::from(c.address.as_str()),
                        Cell::from(c.label.clone().unwrap_or_default()),
                        Cell::from(c.confirmations.to_string()),
                        Cell::styled(
                            if c.frozen { "frozen" } else { "" },
                            crate::output::Style::Warn,
                        ),
                    ]
                })
                .collect();
            out.table_with(
                &["outpoint", "amount", "address", "label", "conf", ""],
                rows,
                &[
                    Align::Left,
                    Align::Decimal,
                    Align::Left,
                    Align::Left,
                    Align::Right,
                ],
            );
        }
        out.kv("Total", format!("{} BTC", self.total));
        out.kv("Spendable", format!("{} BTC (not frozen)", self.spendable));
        if !self.frozen.is_empty() {
            out.kv_styled("Frozen", self.frozen.join(", "), crate::output::Style::Warn);
        }
    }
}
